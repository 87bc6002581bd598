"""The comment model's figures on the shared evaluation sets, beside the teachers' (for MODEL_CARD.md).

Each figure names its set, the head measured and the labels used; the teachers'
own figure on the same rows is given where it exists (their mean, as used in
training), so the student can be judged against what it learned from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..article import Comment
from ..evaluate import average_precision, roc_auc
from .comments import load_comment_dataset


def _scores(toxicity: Any, texts: pd.Series) -> dict[str, np.ndarray]:
    scored = toxicity.score_comments([Comment(t) for t in texts])
    return {head: np.array([c["scores"][head] for c in scored]) for head in toxicity.model.heads}


def _auc(name: str, y: np.ndarray, p: np.ndarray, teacher: np.ndarray | None, head: str) -> dict[str, Any]:
    y = (np.asarray(y) >= 0.5).astype(int)
    row: dict[str, Any] = {
        "set": name,
        "head": head,
        "n": int(len(y)),
        "positives": int(y.sum()),
        "roc_auc": round(roc_auc(y, p), 4),
        "average_precision": round(average_precision(y, p), 4),
    }
    if teacher is not None:
        row["teacher_roc_auc"] = round(roc_auc(y, teacher), 4)
    return row


def toxicity_figures(data: Path, teacher: Path, toxicity: Any) -> dict[str, Any]:
    """Every figure the issue asks for, measured with the ``toxicity`` component."""
    data, teacher = Path(data), Path(teacher)
    rows = []

    def load(name: str) -> pd.DataFrame:
        return load_comment_dataset(name, data, teacher)

    for name, head in (
        ("wiki_nonfuzzed", "toxicity"),
        ("wiki_fuzzed", "toxicity"),
        ("impermium_test", "toxicity"),
        ("impermium_test", "insult"),
        ("olid_test", "toxicity"),
        ("hatexplain_test", "toxicity"),
        ("ruddit", "toxicity"),
        ("madlibs", "toxicity"),
    ):
        frame = load(name)
        label = "y_insult" if head == "insult" else "y_toxic"
        p = _scores(toxicity, frame["text"])[head]
        rows.append(_auc(name, frame[label].to_numpy(), p, frame[f"t_{head}"].to_numpy(), head))
    ethos = load("ethos")
    ethos_scores = _scores(toxicity, ethos["text"])
    for head in ("threat", "toxicity"):
        rows.append(
            _auc("ethos violence vs rest", ethos["y_threat"].to_numpy(), ethos_scores[head], ethos[f"t_{head}"].to_numpy(), head)
        )
    hateful = ethos["y_toxic"].to_numpy() == 1
    rows.append(
        _auc(
            "ethos violence vs other hate",
            ethos["y_threat"].to_numpy()[hateful],
            ethos_scores["threat"][hateful],
            ethos["t_threat"].to_numpy()[hateful],
            "threat",
        )
    )
    rows.append(_auc("ethos hate vs rest", ethos["y_toxic"].to_numpy(), ethos_scores["identity_attack"],
                     ethos["t_identity_attack"].to_numpy(), "identity_attack"))
    debias = load("wiki_debiasing")
    unseen = debias[debias["split"] != "train"]
    p = _scores(toxicity, unseen["text"])["toxicity"]
    identity_fp = {
        "set": "wiki identity-term negatives (dev+test splits, not trained on)",
        "n": int(len(unseen)),
        "share_toxicity_at_least_0.5": round(float((p >= 0.5).mean()), 4),
        "share_flagged_at_threshold": round(float((p >= toxicity.thresholds["toxicity"]).mean()), 4),
        "teacher_share_at_least_0.5": round(float((unseen["t_toxicity"].to_numpy() >= 0.5).mean()), 4),
    }
    wiki = {r["set"]: r["roc_auc"] for r in rows if r["set"].startswith("wiki")}
    return {
        "figures": rows,
        "identity_false_positives": identity_fp,
        "fuzzed_gap": round(wiki["wiki_nonfuzzed"] - wiki["wiki_fuzzed"], 4),
        "thresholds": dict(toxicity.thresholds),
    }
