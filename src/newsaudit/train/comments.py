"""Comment datasets with their hand labels and the teacher soft labels, read as the teacher README says.

Every loader returns a DataFrame with ``text`` (exactly the text the teachers
scored), ``sha1`` (checked against the teacher file), the teacher heads
``t_<head>`` (mean of the two teachers, ``tb_*`` clipped to [0, 1]) and the hand
labels the set has (``y_toxic``, ``y_identity``, ``y_insult``, ``y_threat``: floats
in [0, 1], NaN where the set says nothing).

Licences decide the role of each file (see MODEL_CARD.md):

* ``TRAIN``: may train what ships (MIT, CC BY 4.0, CC BY-SA text).
* everything else is for evaluation only (impermium and ruddit: no licence to
  redistribute; ethos: GPL-3.0; madlibs: a test set by design; the wiki test sets
  are our targets).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

#: Our head names (Perspective/Detoxify) and the teachers' Jigsaw names.
HEADS = ("toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack")
JIGSAW = ("toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate")


def text_sha1(text: str) -> str:
    """The sha1 of a text's UTF-8 bytes, as the teacher files key their rows."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def attach_teacher(frame: pd.DataFrame, teacher_file: Path) -> pd.DataFrame:
    """Join the teacher scores on row position and check every text's sha1."""
    teacher = pd.read_csv(teacher_file)
    if len(teacher) != len(frame):
        raise ValueError(f"{teacher_file.name}: {len(teacher)} teacher rows for {len(frame)} texts")
    teacher = teacher.sort_values("row").reset_index(drop=True)
    frame = frame.reset_index(drop=True)
    sha = frame["text"].map(text_sha1)
    bad = int((sha.to_numpy() != teacher["sha1"].to_numpy()).sum())
    if bad:
        raise ValueError(f"{teacher_file.name}: {bad} texts differ from what the teachers scored")
    frame = frame.assign(sha1=sha)
    for head, jig in zip(HEADS, JIGSAW):
        tb = teacher[f"tb_{jig}"].clip(0, 1).to_numpy()
        frame[f"t_{head}"] = (tb + teacher[f"tcc_{jig}"].to_numpy()) / 2
    return frame


def _davidson(root: Path) -> pd.DataFrame:
    raw = pd.read_csv(root / "davidson2017" / "labeled_data.csv", index_col=0)
    count = raw["count"].to_numpy(dtype=float)
    return pd.DataFrame(
        {
            "text": raw["tweet"].astype(str).to_numpy(),
            "y_toxic": 1 - raw["neither"].to_numpy() / count,
            "y_identity": raw["hate_speech"].to_numpy() / count,
        }
    )


def _hatexplain_train(root: Path) -> pd.DataFrame:
    raw = pd.read_csv(root / "hatexplain" / "hatexplain_train.csv")
    votes = raw["labels"].astype(str).str.split(",").map(lambda v: [int(x) for x in v])
    # HF ids: 0 hatespeech, 1 normal, 2 offensive.
    return pd.DataFrame(
        {
            "text": raw["text"].astype(str).to_numpy(),
            "y_toxic": votes.map(lambda v: sum(x != 1 for x in v) / len(v)).to_numpy(),
            "y_identity": votes.map(lambda v: sum(x == 0 for x in v) / len(v)).to_numpy(),
        }
    )


def _hatexplain_jsonl(name: str) -> Callable[[Path], pd.DataFrame]:
    def load(root: Path) -> pd.DataFrame:
        rows = []
        for line in (root / "hatexplain" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            post = json.loads(line)
            labels = post["annotators"]["label"]
            rows.append(
                {
                    "text": " ".join(post["post_tokens"]),
                    "y_toxic": sum(x != 1 for x in labels) / len(labels),
                    "y_identity": sum(x == 0 for x in labels) / len(labels),
                }
            )
        return pd.DataFrame(rows)

    return load


def _olid_train(root: Path) -> pd.DataFrame:
    raw = pd.read_csv(root / "olid2019" / "olid-training-v1.0.tsv", sep="\t", quoting=csv.QUOTE_NONE)
    off = (raw["subtask_a"] == "OFF").astype(float)
    return pd.DataFrame(
        {
            "text": raw["tweet"].astype(str).to_numpy(),
            "y_toxic": off.to_numpy(),
            # Targeted offence is an insult; untargeted profanity is not.
            "y_insult": np.where(off == 1, (raw["subtask_b"] == "TIN").astype(float), 0.0),
        }
    )


def _olid_test(root: Path) -> pd.DataFrame:
    raw = pd.read_csv(root / "olid2019" / "testset-levela.tsv", sep="\t", quoting=csv.QUOTE_NONE)
    labels = pd.read_csv(root / "olid2019" / "labels-levela.csv")
    label = raw["id"].map(dict(zip(labels["id"], labels["label"])))
    return pd.DataFrame({"text": raw["tweet"].astype(str).to_numpy(), "y_toxic": (label == "OFF").astype(float)})


def _wiki_test(name: str) -> Callable[[Path], pd.DataFrame]:
    def load(root: Path) -> pd.DataFrame:
        raw = pd.read_csv(root / "wiki_toxicity_conversationai" / f"{name}.csv")
        return pd.DataFrame({"text": raw["comment"].astype(str).to_numpy(), "y_toxic": raw["toxic"].astype(float)})

    return load


def _wiki_debiasing(root: Path) -> pd.DataFrame:
    raw = pd.read_csv(root / "wiki_toxicity_conversationai" / "toxicity_debiasing_data.tsv", sep="\t")
    return pd.DataFrame(
        {
            "text": raw["comment"].astype(str).to_numpy(),
            "y_toxic": raw["is_toxic"].astype(float).to_numpy(),
            "split": raw["split"].astype(str).to_numpy(),
        }
    )


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrt])")
_MOJIBAKE = re.compile(r"[\xc2-\xf4][\x80-\xbf]+")


def unescape_impermium(text: str) -> str:
    r"""Undo the Kaggle file's Python escaping, as the teacher README describes.

    >>> unescape_impermium('"you\\\\xa0idiot\\\\n"')
    'you\xa0idiot\n'
    """
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1]
    text = codecs.decode(text.encode("latin-1", "backslashreplace"), "unicode_escape")
    if _ESCAPE.search(text):
        text = codecs.decode(text.encode("latin-1", "backslashreplace"), "unicode_escape")

    def redecode(match: re.Match[str]) -> str:
        try:
            return match.group().encode("latin-1").decode("utf-8")
        except UnicodeError:
            return match.group()

    return _MOJIBAKE.sub(redecode, text)


def _impermium(name: str) -> Callable[[Path], pd.DataFrame]:
    def load(root: Path) -> pd.DataFrame:
        raw = pd.read_csv(root / "impermium_insults" / f"{name}.csv")
        return pd.DataFrame(
            {
                "text": raw["Comment"].astype(str).map(unescape_impermium).to_numpy(),
                "y_toxic": raw["Insult"].astype(float).to_numpy(),
                "y_insult": raw["Insult"].astype(float).to_numpy(),
            }
        )

    return load


def _ethos(root: Path) -> pd.DataFrame:
    binary = pd.read_csv(root / "ethos" / "Ethos_Dataset_Binary.csv", sep=";")
    multi = pd.read_csv(root / "ethos" / "Ethos_Dataset_Multi_Label.csv", sep=";")
    violence = dict(zip(multi["comment"].astype(str), (multi["violence"] >= 0.5).astype(float)))
    text = binary["comment"].astype(str)
    return pd.DataFrame(
        {
            "text": text.to_numpy(),
            "y_toxic": (binary["isHate"] >= 0.5).astype(float).to_numpy(),
            # Violence is marked on the hateful rows only; the others are not calls to violence.
            "y_threat": text.map(lambda t: violence.get(t, 0.0)).to_numpy(),
        }
    )


def _madlibs(root: Path) -> pd.DataFrame:
    raw = pd.read_csv(root / "identity_bias_madlibs" / "bias_madlibs_77k.csv")
    return pd.DataFrame({"text": raw["Text"].astype(str).to_numpy(), "y_toxic": (raw["Label"] == "BAD").astype(float)})


def _ruddit(root: Path) -> pd.DataFrame:
    raw = pd.read_csv(root / "ruddit" / "ruddit_with_text.csv")
    return pd.DataFrame(
        {"text": raw["txt"].astype(str).to_numpy(), "y_toxic": (raw["offensiveness_score"] >= 0.5).astype(float)}
    )


#: name -> (loader, teacher file stem or None, role)
DATASETS: dict[str, tuple[Callable[[Path], pd.DataFrame], str | None, str]] = {
    "davidson": (_davidson, "davidson2017__labeled_data", "train"),
    "hatexplain_train": (_hatexplain_train, "hatexplain__hatexplain_train", "train"),
    "olid_train": (_olid_train, "olid2019__olid-training-v1.0", "train"),
    "wiki_debiasing": (_wiki_debiasing, "wiki_toxicity_conversationai__toxicity_debiasing_data", "train"),
    "hatexplain_validation": (
        _hatexplain_jsonl("hatexplain_validation"),
        "hatexplain__hatexplain_validation",
        "validation",
    ),
    "hatexplain_test": (_hatexplain_jsonl("hatexplain_test"), "hatexplain__hatexplain_test", "eval"),
    "olid_test": (_olid_test, "olid2019__testset-levela", "eval"),
    "wiki_nonfuzzed": (
        _wiki_test("toxicity_nonfuzzed_testset"),
        "wiki_toxicity_conversationai__toxicity_nonfuzzed_testset",
        "eval",
    ),
    "wiki_fuzzed": (_wiki_test("toxicity_fuzzed_testset"), "wiki_toxicity_conversationai__toxicity_fuzzed_testset", "eval"),
    "impermium_train": (_impermium("train"), "impermium_insults__train", "eval"),
    "impermium_test": (_impermium("test_with_solutions"), "impermium_insults__test_with_solutions", "eval"),
    "ethos": (_ethos, "ethos__Ethos_Dataset_Binary", "eval"),
    "madlibs": (_madlibs, "identity_bias_madlibs__bias_madlibs_77k", "eval"),
    "ruddit": (_ruddit, "ruddit__ruddit_with_text", "eval"),
}


def load_comment_dataset(name: str, data: Path, teacher: Path | None = None) -> pd.DataFrame:
    """One dataset by name; with ``teacher`` (the teacher folder) its soft labels are joined and checked."""
    loader, stem, _role = DATASETS[name]
    frame = loader(Path(data))
    frame["dataset"] = name
    if teacher is not None and stem is not None:
        frame = attach_teacher(frame, Path(teacher) / f"{stem}.csv")
    return frame
