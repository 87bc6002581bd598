"""Do the readable signals add to the text model across datasets? (MODEL_CARD.md, "Signals")

The same protocol as :mod:`.source_prior`: for each leave-one-dataset-out target the text
model is trained on the other datasets (near-duplicates of the held-out articles removed),
and the combination ``text logit + w · signals`` (signal values standardised, ``w`` by
L2-regularised logistic regression with the text logit as a fixed offset) is fitted only on
the *other* targets' held-out rows. A signal is worth offering to the reliability model
only if the combination beats the text alone on held-out datasets.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


def signal_values(frame: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Each article's numeric signal values (rows of ``frame``: ``title``, ``text``), and their names."""
    from ..article import Article
    from ..loading import FACTORIES

    components = [FACTORIES[name]({}) for name in ("segment", "quotes", "claims", "signals")]
    rows, names = [], None
    for title, text in zip(frame["title"], frame["text"]):
        article = Article(body=text, title=title or "")
        for component in components:
            article = component(article)
        signals = article.parts["signals"]
        names = names or [s["name"] for s in signals]
        values = {s["name"]: s["value"] for s in signals}
        rows.append([float(values.get(n) or 0.0) for n in names])
    return np.asarray(rows, dtype=float), list(names or [])


def measure_signal_prior(articles: str | Path, *, seed: int = 0) -> dict[str, Any]:
    """Held-out ROC AUC of the text model alone and with the signals, per leave-one-dataset-out target."""
    from sklearn.metrics import roc_auc_score

    from .corpus import LODO_TARGETS, load_corpus
    from .lodo import fit_on_logit, held_out_logits

    held = held_out_logits(load_corpus(Path(articles)), LODO_TARGETS, seed=seed)
    values, names = signal_values(pd.concat(held.values()))
    mean, scale = values.mean(axis=0), values.std(axis=0) + 1e-9
    start = 0
    for test in held.values():
        test["_signals"] = list((values[start : start + len(test)] - mean) / scale)
        start += len(test)
    out: dict[str, Any] = {"signals": names, "datasets": {}}
    for name, test in held.items():
        others = pd.concat([t for k, t in held.items() if k != name])
        w = fit_on_logit(others["logit"].to_numpy(), np.vstack(others["_signals"]), others["label"].to_numpy())
        y = test["label"].to_numpy()
        combined = test["logit"].to_numpy() + np.vstack(test["_signals"]) @ w[:-1]
        out["datasets"][name] = {
            "n": len(test),
            "text_auc": round(float(roc_auc_score(y, test["logit"])), 4),
            "text_plus_signals_auc": round(float(roc_auc_score(y, combined)), 4),
            "weights": dict(zip(names, np.round(w[:-1], 3).tolist())),
        }
    rows = out["datasets"].values()
    out["mean_text_auc"] = round(float(np.mean([r["text_auc"] for r in rows])), 4)
    out["mean_text_plus_signals_auc"] = round(float(np.mean([r["text_plus_signals_auc"] for r in rows])), 4)
    return out
