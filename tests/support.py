"""Helpers for tests: where ../shared is, and a small corpus of text we write."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a clean skip when it is absent (a user's fresh clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not present: {path} is needed for this test")
    return path


_RELIABLE = [
    "The council approved the budget on {day}, officials said.",
    "According to the ministry, {n} people were affected, a spokesman told reporters.",
    "The report, published on {day}, found that costs rose by {n} percent.",
    "Police said the investigation was continuing and declined to comment further.",
    "The company said in a statement that it would review the findings.",
]
_UNRELIABLE = [
    "SHOCKING!!! You won't believe what they are hiding from you!",
    "Share this before it gets deleted! The truth is finally exposed!",
    "They don't want you to know this one secret. Wake up, people!",
    "This is the bombshell the mainstream media will never report!!!",
    "Everyone is talking about it. You need to see this now!",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def synthetic_corpus(n_per_class: int = 60, seed: int = 0) -> pd.DataFrame:
    """Two small 'datasets' of templated articles: formal attributed news versus shouting clickbait."""
    rng = random.Random(seed)
    rows = []
    for dataset in ("alpha", "beta"):
        for label, templates in ((0, _RELIABLE), (1, _UNRELIABLE)):
            for i in range(n_per_class):
                sentences = [rng.choice(templates).format(day=rng.choice(_DAYS), n=rng.randint(2, 90)) for _ in range(6)]
                title = "Council approves budget" if label == 0 else "You Won't Believe This!"
                rows.append({"dataset": dataset, "group": dataset, "id": f"{dataset}-{label}-{i}",
                             "title": title, "text": " ".join(sentences), "label": label})
    return pd.DataFrame(rows)
