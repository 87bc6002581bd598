"""Training code for the stance model: the FNC-1 score and the body split (data tests skip without ../shared)."""

from __future__ import annotations

import numpy as np
from support import shared_path

from newsaudit.train.stance import fnc_score, load_fnc1


def test_fnc_score_weights():
    # unrelated=3, agree=0: a right "unrelated" earns 0.25; a related pair 0.25 + 0.75 when its stance is right.
    y = np.array([3, 0, 0])
    assert fnc_score(y, y) == 1.0
    assert fnc_score(y, np.array([3, 2, 3])) == (0.25 + 0.25) / 2.25


def test_fnc1_loads_every_labelled_pair():
    pairs, extra = load_fnc1(shared_path("data", "stance", "fnc1"))
    assert len(pairs) == 25413
    assert pairs["body"].notna().all()
    assert set(pairs["stance"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert len(extra) == 1683
