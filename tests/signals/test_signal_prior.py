"""The signal-prior measurement: signal values per article, and weights fitted on top of a fixed text logit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("scipy", reason="the measurement needs the 'train' extra")

from newsaudit.train.lodo import fit_on_logit  # noqa: E402
from newsaudit.train.signal_prior import signal_values  # noqa: E402


def test_signal_values_has_one_row_per_article_and_one_column_per_signal():
    frame = pd.DataFrame(
        {
            "title": ["SHOCKING!!! You won't BELIEVE this", "Council approves budget"],
            "text": [
                "You need to see this now! Sources say the truth is hidden. Share before it is deleted!",
                "The council approved the budget on Monday, officials said. The vote was 7 to 2.",
            ],
        }
    )
    values, names = signal_values(frame)
    assert values.shape == (2, len(names))
    assert {"headline_capitals", "exclamation_marks", "direct_address"} <= set(names)
    exclamations = names.index("exclamation_marks")
    assert values[0, exclamations] > values[1, exclamations]


def test_fit_recovers_a_signal_that_carries_the_label_beyond_the_logit():
    rng = np.random.default_rng(0)
    n = 4000
    logit = rng.normal(size=n)
    signal = rng.normal(size=(n, 1))
    y = (rng.random(n) < 1 / (1 + np.exp(-(logit + 2.0 * signal[:, 0])))).astype(float)
    w = fit_on_logit(logit, signal, y)
    assert 1.7 < w[0] < 2.3
    noise = rng.normal(size=(n, 1))
    w_noise = fit_on_logit(logit, noise, (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float))
    assert abs(w_noise[0]) < 0.15
