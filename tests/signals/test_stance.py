"""The headline–body stance model: shipped file, behaviour, round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from newsaudit.errors import ModelIntegrityError
from newsaudit.signals.stance import (
    N_FEATURES,
    STANCES,
    StanceModel,
    pair_features,
    shipped_stance_model,
    stance_signals,
)

BODY = ("The city council voted on Monday to close the old Riverside bridge after engineers found cracks in two "
        "of its supports. The council said the bridge would stay closed for at least six months while repairs are "
        "made. Engineers inspected the bridge last week after residents reported loose concrete. The mayor said "
        "a temporary ferry would run during the repairs.")


def test_shipped_model_loads_from_the_repository():
    model = shipped_stance_model()
    assert model.coef.shape == (len(STANCES), N_FEATURES)
    assert model.info["held_out"]["accuracy"] > 0.8


def test_related_headline_is_not_a_mismatch_and_unrelated_one_is():
    model = shipped_stance_model()
    p = model.predict_proba([("Council closes Riverside bridge after engineers find cracks", BODY),
                             ("Pop star announces surprise world tour with new album", BODY)])
    unrelated = STANCES.index("unrelated")
    assert p[0, unrelated] < 0.3
    assert p[1, unrelated] > 0.7
    assert np.allclose(p.sum(axis=1), 1.0)


def test_signal_explains_the_mismatch():
    (s,) = stance_signals("Pop star announces surprise world tour with new album", BODY, shipped_stance_model())
    assert s["name"] == "headline_body_mismatch" and s["flagged"] and s["stance"] == "unrelated"
    assert "does not seem to be about the headline" in s["explanation"]


def test_no_headline_no_signal():
    assert stance_signals("", BODY, shipped_stance_model()) == []


def test_features_of_degenerate_pairs_are_finite():
    idf = np.ones(1 << 15)
    for head, body in [("", ""), ("!!!", "..."), ("word", "word " * 10000), ("a b c", "\n\n\n")]:
        f = pair_features(head, body, idf)
        assert f.shape == (N_FEATURES,) and np.isfinite(f).all()


def test_round_trip_and_integrity(tmp_path):
    model = shipped_stance_model()
    model.save(tmp_path / "m")
    again = StanceModel.load(tmp_path / "m")
    pair = [("Council closes bridge", BODY)]
    assert np.allclose(model.predict_proba(pair), again.predict_proba(pair))
    config = tmp_path / "m" / "config.json"
    data = json.loads(config.read_text())
    data["info"]["seed"] = 99
    config.write_text(json.dumps(data))
    with pytest.raises(ModelIntegrityError):
        StanceModel.load(tmp_path / "m")


_SAME_IN_EVERY_PROCESS = """
import numpy as np
from newsaudit.signals.stance import BUCKETS, pair_features
idf = np.random.default_rng(0).uniform(1.0, 9.0, BUCKETS)
headline = "Senate leaders dispute claims about secret budget talks with governors and mayors"
body = ("Senate leaders said the budget talks with governors were not secret. " * 3
        + "Mayors dispute the claims. " + "Other words fill the body here. " * 20
        + "The secret talks about the budget went on, leaders and mayors and governors said.")
print(pair_features(headline, body, idf).tobytes().hex())
"""


def test_features_are_the_same_whatever_the_process_string_hashing():
    # Python randomises string hashing per process, and with it the order of a set of words: sums over such a
    # set must not depend on it, or the features (and a retrained model) would change from run to run.
    runs = {
        subprocess.run(
            [sys.executable, "-c", _SAME_IN_EVERY_PROCESS], env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(runs) == 1
