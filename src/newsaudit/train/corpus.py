"""Load the labelled article datasets of ``../shared/data/articles`` into one table.

Each loader knows one dataset's quirks (read its PROVENANCE.md); all return rows
``{dataset, group, id, title, text, label}`` with ``label`` 1 = unreliable,
0 = reliable. Decisions, documented in MODEL_CARD.md:

- **satire** (horne2017, golbeck2018) is left out: it is neither reliable
  reporting nor an attempt to deceive, and the model is not a satire detector.
- **fakenewscorpus_sample** labels articles by their domain's OpenSources type:
  fake, conspiracy, junksci, bias, hate, clickbait, unreliable -> 1;
  reliable and political -> 0 (OpenSources: "generally verifiable information");
  unknown, rumor and satire are left out.
- **coaid**: the ``title`` of a fake row is the fact-checker's summary of the
  claim, a label leak, so the article's own ``newstitle`` is used; claims files
  are one-liners and are left out.
- **fakenewsnet_crawled_content**: the two ids filed as both fake and real are dropped.
- **golbeck2018**: rows the authors excluded (``*_ditched``, ``*_rejected``) are dropped.
- **crawl failures**: pages that are not articles (an error page, a cookie or
  consent notice, a bot check, a paywall stub, a site's shell repeated under
  several headlines) are dropped from every dataset (:mod:`.crawl`).
- **liar** and **constraint_covid19** are claims and social posts, not articles:
  they are loaded only when asked for (``include_short=True``).
"""

from __future__ import annotations

import csv
import glob
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .crawl import crawl_failures

#: Datasets with both classes whose articles are full texts: the leave-one-dataset-out set.
ARTICLE_DATASETS = (
    "coaid",
    "fakenewsamt_celebrity",
    "fakenewscorpus_sample",
    "fakenewsnet_crawled_content",
    "fakenewsnet_v1_buzzfeed_politifact",
    "horne2017_this_just_in",
    "golbeck2018_fake_vs_satire",
)
#: The datasets the issue's leave-one-dataset-out target averages over.
LODO_TARGETS = (
    "coaid",
    "fakenewsamt_celebrity",
    "fakenewscorpus_sample",
    "fakenewsnet_crawled_content",
    "horne2017_this_just_in",
)
MIN_CHARS = 200

_FAKE = {"fake", "false", "unreliable", "1"}
_REAL = {"real", "true", "legit", "reliable", "0"}
_CORPUS_UNRELIABLE = {"fake", "conspiracy", "junksci", "bias", "hate", "clickbait", "unreliable"}
_CORPUS_RELIABLE = {"reliable", "political"}


def _binary(value: Any) -> int | None:
    v = str(value).strip().lower()
    return 1 if v in _FAKE else 0 if v in _REAL else None


def _rows(df: pd.DataFrame, dataset: str, *, id_col: str, title: str, text: str, label, group=None) -> list[dict]:
    out = []
    for rec in df.to_dict("records"):
        lab = label(rec)
        if lab is None:
            continue
        out.append(
            {
                "dataset": dataset,
                "group": (group(rec) if group else dataset),
                "id": f"{dataset}:{rec[id_col]}",
                "title": _clean(rec.get(title)),
                "text": _clean(rec.get(text)),
                "label": lab,
            }
        )
    return out


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def load_coaid(root: Path) -> list[dict]:
    rows = []
    for path in sorted(glob.glob(str(root / "coaid" / "*" / "News*COVID-19.csv"))):
        label = 1 if "NewsFake" in path else 0
        df = pd.read_csv(path)
        df["_id"] = Path(path).parent.name + "/" + df.index.astype(str) + ("f" if label else "r")
        df["_title"] = df["newstitle"].fillna("").astype(str).str.strip().str.strip('"')
        rows += _rows(df, "coaid", id_col="_id", title="_title", text="content", label=lambda r, v=label: v)
    return rows


def load_fakenewsamt_celebrity(root: Path) -> list[dict]:
    df = pd.read_csv(root / "fakenewsamt_celebrity" / "fakenewsamt_celebrity.csv")
    return _rows(df, "fakenewsamt_celebrity", id_col="file", title="title", text="text",
                 label=lambda r: _binary(r["label"]), group=lambda r: f"fakenewsamt_celebrity/{r['collection']}")


def load_fakenewscorpus_sample(root: Path) -> list[dict]:
    df = pd.read_csv(root / "fakenewscorpus_sample" / "news_sample.csv")

    def label(r):
        t = str(r["type"]).strip().lower()
        return 1 if t in _CORPUS_UNRELIABLE else 0 if t in _CORPUS_RELIABLE else None

    return _rows(df, "fakenewscorpus_sample", id_col="id", title="title", text="content", label=label)


def load_fakenewsnet_crawled_content(root: Path) -> list[dict]:
    df = pd.read_csv(root / "fakenewsnet_crawled_content" / "fakenewsnet_crawled_articles.csv")
    df = df[~df["news_id"].isin({"politifact14920", "politifact14940"})]
    return _rows(df, "fakenewsnet_crawled_content", id_col="news_id", title="title", text="text",
                 label=lambda r: _binary(r["label"]), group=lambda r: f"fakenewsnet_crawled_content/{r['platform']}")


def load_fakenewsnet_v1_buzzfeed_politifact(root: Path) -> list[dict]:
    df = pd.read_csv(root / "fakenewsnet_v1_buzzfeed_politifact" / "fakenewsnet_v1_articles.csv")
    return _rows(df, "fakenewsnet_v1_buzzfeed_politifact", id_col="news_id", title="title", text="text",
                 label=lambda r: _binary(r["label"]))


def load_horne2017_this_just_in(root: Path) -> list[dict]:
    df = pd.read_csv(root / "horne2017_this_just_in" / "horne2017_this_just_in.csv")
    return _rows(df, "horne2017_this_just_in", id_col="file", title="title", text="text",
                 label=lambda r: _binary(r["label"]))


def load_golbeck2018_fake_vs_satire(root: Path) -> list[dict]:
    df = pd.read_csv(root / "golbeck2018_fake_vs_satire" / "golbeck2018_fake_vs_satire.csv")
    return _rows(df, "golbeck2018_fake_vs_satire", id_col="article_number", title="title", text="text",
                 label=lambda r: 1 if r["label"] == "fake" else None)


def load_constraint_covid19(root: Path) -> list[dict]:
    rows = []
    for name in ("Constraint_Train.csv", "Constraint_Val.csv", "english_test_with_labels.csv"):
        df = pd.read_csv(root / "constraint_covid19" / name)
        df["_id"] = name.split(".")[0] + "/" + df["id"].astype(str)
        df["_title"] = ""
        rows += _rows(df, "constraint_covid19", id_col="_id", title="_title", text="tweet",
                      label=lambda r: _binary(r["label"]))
    return rows


_LIAR = {"pants-fire": 1, "false": 1, "true": 0, "mostly-true": 0}


def load_liar(root: Path) -> list[dict]:
    rows = []
    for name in ("train.tsv", "valid.tsv", "test.tsv"):
        df = pd.read_csv(root / "liar" / name, sep="\t", header=None, quoting=csv.QUOTE_NONE, dtype=str)
        df["_title"] = ""
        rows += _rows(df, "liar", id_col=0, title="_title", text=2, label=lambda r: _LIAR.get(str(r[1])))
    return rows


LOADERS = {
    "coaid": load_coaid,
    "fakenewsamt_celebrity": load_fakenewsamt_celebrity,
    "fakenewscorpus_sample": load_fakenewscorpus_sample,
    "fakenewsnet_crawled_content": load_fakenewsnet_crawled_content,
    "fakenewsnet_v1_buzzfeed_politifact": load_fakenewsnet_v1_buzzfeed_politifact,
    "horne2017_this_just_in": load_horne2017_this_just_in,
    "golbeck2018_fake_vs_satire": load_golbeck2018_fake_vs_satire,
    "constraint_covid19": load_constraint_covid19,
    "liar": load_liar,
}


def _norm_key(title: str, text: str) -> str:
    return re.sub(r"\W+", " ", (title + " " + text).lower()).strip()


def load_corpus(
    root: str | Path, *, datasets=ARTICLE_DATASETS, min_chars: int = MIN_CHARS, drop_crawl_failures: bool = True
) -> pd.DataFrame:
    """One table of labelled articles, exact duplicates and label conflicts removed.

    Rows whose text is shorter than ``min_chars`` are dropped (stubs, crawl
    failures), and so are pages that are not articles (error pages, consent and
    cookie notices, bot checks, paywall stubs, site shells, mostly boilerplate:
    :mod:`newsaudit.train.crawl`, label-blind, the same rules for every
    dataset). A text that occurs twice keeps its first copy; one that occurs
    with both labels is dropped entirely. Near-duplicates across datasets are
    handled by :func:`newsaudit.train.dedupe.drop_near_duplicates` at split time.
    """
    root = Path(root)
    rows: list[dict] = []
    for name in datasets:
        if not (root / name).is_dir():
            raise FileNotFoundError(f"dataset folder {root / name} not found")
        rows += LOADERS[name](root)
    df = pd.DataFrame(rows)
    df = df[df["text"].str.len() >= min_chars].copy()
    if drop_crawl_failures:
        df = df[[why is None for why in crawl_failures(df["title"], df["text"])]].copy()
    df["_key"] = [_norm_key(a, b) for a, b in zip(df["title"], df["text"])]
    conflicted = df.groupby("_key")["label"].nunique()
    df = df[~df["_key"].isin(conflicted[conflicted > 1].index)]
    df = df.drop_duplicates("_key").drop(columns="_key").reset_index(drop=True)
    return df


def dataset_summary(df: pd.DataFrame) -> dict[str, Any]:
    g = df.groupby("dataset")["label"]
    return json.loads(pd.DataFrame({"n": g.size(), "unreliable": g.sum()}).to_json(orient="index"))
