"""How much does a source prior add to the text model? (MODEL_CARD.md, "Source reputation")

For each article dataset that carries URLs, the text model is trained leave-one-dataset-out
(as in :mod:`.lodo`: trained on the other datasets, near-duplicates of the held-out articles
removed), so no held-out article or its copy is seen in training. The source prior is the
shipped table's level for the article's domain (low / satire / mixed / high / unknown). The
combined score is ``text logit + w[level]``, with ``w`` fitted on the *other* URL datasets'
held-out scores only, so the held-out dataset's labels never set a weight. The lists were
compiled independently of these datasets, except fakenewscorpus_sample, whose labels *are*
OpenSources types: there we also report a prior from the MBFC lists alone.
"""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..sources.lookup import LEVELS, SourceTable

URL_DATASETS = ("coaid", "fakenewscorpus_sample", "fakenewsnet_crawled_content", "fakenewsnet_v1_buzzfeed_politifact")
MBFC_LISTS = ("mbfc", "mbfc_baly2018")


def article_urls(root: Path) -> dict[str, str]:
    """Row id (as :mod:`.corpus` builds it) -> URL, for the datasets that carry one."""
    out: dict[str, str] = {}
    for path in sorted(glob.glob(str(root / "coaid" / "*" / "News*COVID-19.csv"))):
        suffix = "f" if "NewsFake" in path else "r"
        df = pd.read_csv(path)
        for i, url in zip(df.index, df["news_url"]):
            out[f"coaid:{Path(path).parent.name}/{i}{suffix}"] = url
    df = pd.read_csv(root / "fakenewscorpus_sample" / "news_sample.csv")
    out.update({f"fakenewscorpus_sample:{i}": u for i, u in zip(df["id"], df["url"])})
    for name, file in (("fakenewsnet_crawled_content", "fakenewsnet_crawled_articles.csv"),
                       ("fakenewsnet_v1_buzzfeed_politifact", "fakenewsnet_v1_articles.csv")):
        df = pd.read_csv(root / name / file)
        out.update({f"{name}:{i}": u for i, u in zip(df["news_id"], df["url"])})
    return {k: _unarchive(v) for k, v in out.items() if isinstance(v, str) and v.strip()}


def _unarchive(url: str) -> str:
    # https://web.archive.org/web/2017.../https://www.forbes.com/... -> the archived page's own URL.
    if "web.archive.org/web/" in url:
        rest = url.split("web.archive.org/web/", 1)[1]
        return rest.split("/", 1)[1] if "/" in rest else url
    return url


def level_of(table: SourceTable, url: str | None, lists: tuple[str, ...] | None = None) -> str:
    if not isinstance(url, str) or not url.strip():
        return "unknown"
    part = table.lookup(url)
    ratings = [r for r in part["ratings"] if lists is None or r["list"] in lists]
    levels = [r["level"] for r in ratings if r["level"]]
    return min(levels, key=LEVELS.index) if levels else "unknown"


def _onehot(levels: list[str]) -> np.ndarray:
    return np.array([[lv == k for k in LEVELS] for lv in levels], dtype=float)


def measure_source_prior(articles: str | Path, table: SourceTable, *, seed: int = 0) -> dict[str, Any]:
    from sklearn.metrics import roc_auc_score

    from .corpus import load_corpus
    from .lodo import fit_on_logit, held_out_logits

    root = Path(articles)
    frame = load_corpus(root)
    frame["url"] = frame["id"].map(article_urls(root))
    held_scores = held_out_logits(frame, URL_DATASETS, seed=seed)
    for test in held_scores.values():
        test["level"] = [level_of(table, u) for u in test["url"]]
        test["level_mbfc"] = [level_of(table, u, MBFC_LISTS) for u in test["url"]]
    out: dict[str, Any] = {"datasets": {}}
    for name, test in held_scores.items():
        y = test["label"].to_numpy()
        row: dict[str, Any] = {"n": len(test), "with_url": float(test["url"].map(lambda u: isinstance(u, str)).mean()),
                               "known_domain": float((test["level"] != "unknown").mean()),
                               "text_auc": float(roc_auc_score(y, test["logit"]))}
        for col in ("level", "level_mbfc"):
            others = pd.concat([t for k, t in held_scores.items() if k != name])
            w = fit_on_logit(others["logit"].to_numpy(), _onehot(others[col].tolist()), others["label"].to_numpy())
            combined = test["logit"].to_numpy() + _onehot(test[col].tolist()) @ w[:-1]
            prior_only = _onehot(test[col].tolist()) @ w[:-1]
            key = "all_lists" if col == "level" else "mbfc_only"
            row[key] = {
                "offsets": dict(zip(LEVELS, np.round(w[:-1], 3).tolist())),
                "prior_auc": float(roc_auc_score(y, prior_only)) if len(set(prior_only)) > 1 else 0.5,
                "text_plus_prior_auc": float(roc_auc_score(y, combined)),
            }
            known = (test[col] != "unknown").to_numpy()
            if known.any() and len(set(y[known])) > 1:
                row[key]["known_rows"] = int(known.sum())
                row[key]["text_auc_known"] = float(roc_auc_score(y[known], test["logit"][known]))
                row[key]["text_plus_prior_auc_known"] = float(roc_auc_score(y[known], combined[known]))
        out["datasets"][name] = row
    return out
