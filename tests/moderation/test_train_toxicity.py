"""Training the comment model: soft targets, determinism, the safe format; the shared loaders when present."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
from support import shared_path

from newsaudit.models.toxicity import HEADS, ToxicityModel

pytest.importorskip("sklearn", reason="training needs the 'train' extra")

from newsaudit.train.toxicity import fit_toxicity  # noqa: E402
from newsaudit.train.written import HARMLESS, VIOLENT, neutral_comments, violence_comments  # noqa: E402

_RUDE = ["you are an idiot", "what a stupid clown", "shut up you moron", "idiot moron clown", "you stupid fool"]
_KIND = ["thanks for sharing", "a fair point well made", "see you at the meeting", "the bridge reopens", "good luck"]


def tiny_frame(n: int = 120, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    texts, targets = [], []
    for i in range(n):
        rude = i % 2 == 0
        pool = _RUDE if rude else _KIND
        texts.append(f"{pool[rng.integers(len(pool))]} {pool[rng.integers(len(pool))]} {i}")
        targets.append(0.9 if rude else 0.05)
    frame = pd.DataFrame({"text": texts, "dataset": "tiny"})
    for head in HEADS:
        frame[f"target_{head}"] = targets if head in ("toxicity", "insult") else 0.01
    return frame


def test_fit_learns_the_soft_targets_and_is_deterministic(tmp_path):
    frame = tiny_frame()
    one = fit_toxicity(frame, seed=1).save(tmp_path / "a")
    two = fit_toxicity(frame, seed=1).save(tmp_path / "b")
    digest = [hashlib.sha256((d / "weights.npz").read_bytes()).hexdigest() for d in (one, two)]
    assert digest[0] == digest[1]
    model = ToxicityModel.load(one)
    p = model.predict_proba(["you stupid idiot", "thanks, good luck"])
    insult = HEADS.index("insult")
    assert p[0, insult] > 0.5 > p[1, insult]


def test_neutral_comments_name_groups_and_people_without_hostility():
    texts = neutral_comments()
    assert len(texts) == len(set(texts))
    assert any("Muslims" in t for t in texts) and any("Mohammed" in t for t in texts)


def test_neutral_comments_name_two_groups_at_once():
    assert "As a gay man and a Muslim, I found this fair." in neutral_comments()


def test_each_written_call_to_violence_has_a_harmless_twin_in_the_same_words():
    written = violence_comments(200, seed=3)
    calls, twins = written[0:400:2], written[1:400:2]
    assert {w.kind for w in calls} == {"call"} and {w.kind for w in twins} == {"harmless"}
    violent = {v for pair in VIOLENT for v in pair}
    harmless = {v for pair in HARMLESS for v in pair}
    for call, twin in zip(calls, twins):
        assert call.at_group == twin.at_group
        assert any(v in call.text.lower() for v in violent) and any(v in twin.text.lower() for v in harmless)
    reports = [w for w in written if w.kind == "report"]
    assert reports and not any(w.at_group for w in reports)
    assert violence_comments(200, seed=3) == written


def test_a_row_whose_target_is_nan_trains_only_the_other_heads():
    frame = tiny_frame()
    # The same rude texts, said to be harmless, but only to the threat head: other heads must not learn it.
    silent = frame[frame["target_insult"] > 0.5].assign(text=lambda f: f["text"] + " x")
    for head in HEADS:
        silent[f"target_{head}"] = 0.0 if head == "threat" else np.nan
    both = fit_toxicity(pd.concat([frame, silent], ignore_index=True), seed=1)
    alone = fit_toxicity(frame, seed=1)
    insult = HEADS.index("insult")
    text = ["you stupid idiot"]
    assert both.predict_proba(text)[0, insult] == pytest.approx(alone.predict_proba(text)[0, insult], abs=0.05)
    assert both.predict_proba(text)[0, insult] > 0.5


def test_shared_loaders_match_the_teacher_hashes():
    from newsaudit.train.comments import DATASETS, load_comment_dataset

    data, teacher = shared_path("data", "comments"), shared_path("data", "teacher")
    for name in DATASETS:
        frame = load_comment_dataset(name, data, teacher)  # raises if a single sha1 differs
        assert len(frame) > 0
        assert frame["t_toxicity"].between(0, 1).all()
