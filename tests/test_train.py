"""Training: deterministic from a seed, and the dataset loaders keep the documented decisions."""

from __future__ import annotations

import json

import numpy as np
import pytest
from support import shared_path, synthetic_corpus

pytest.importorskip("sklearn", reason="training needs the 'train' extra")

from newsaudit.train.corpus import load_corpus  # noqa: E402
from newsaudit.train.reliability import (  # noqa: E402
    TrainConfig,
    balanced_weights,
    choose_band,
    consistent_columns,
    fit_model,
    stratified_folds,
)


def test_same_seed_same_model_bytes(tmp_path):
    config = TrainConfig(min_df=2, folds=3, seed=7)
    for name in ("a", "b"):
        fit_model(synthetic_corpus(), config)[0].save(tmp_path / name)
    manifests = [json.loads((tmp_path / n / "manifest.json").read_text()) for n in ("a", "b")]
    assert manifests[0] == manifests[1]


def test_balanced_weights_give_every_cell_the_same_total():
    datasets = np.array(["a", "a", "a", "b", "b", "b", "b", "b"])
    y = np.array([0, 1, 1, 0, 0, 0, 0, 1])
    w = balanced_weights(datasets, y)
    totals = {(d, c): w[(datasets == d) & (y == c)].sum() for d in "ab" for c in (0, 1)}
    assert len({round(t, 12) for t in totals.values()}) == 1
    assert w.mean() == pytest.approx(1.0)


def test_consistent_columns_keep_words_that_agree_across_datasets():
    from scipy import sparse

    # Column 0 marks unreliable rows in both datasets; column 1 only in dataset "a" and
    # the reverse in "b"; column 2 is everywhere.
    X = sparse.csr_matrix(np.array([[1, 1, 1], [1, 1, 1], [0, 0, 1], [0, 0, 1], [1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 1]]))
    datasets = np.array(["a"] * 4 + ["b"] * 4)
    y = np.array([1, 1, 0, 0, 1, 1, 0, 0])
    assert consistent_columns(X, datasets, y, k=2, threshold=0.2).tolist() == [0]


def test_folds_are_balanced_inside_each_cell():
    datasets = np.array(["a"] * 10 + ["b"] * 10)
    y = np.array([0, 1] * 10)
    folds = stratified_folds(datasets, y, 5, seed=0)
    for k in range(5):
        assert sorted(zip(datasets[folds == k], y[folds == k])) == [("a", 0), ("a", 1), ("b", 0), ("b", 1)]


def test_band_widens_while_the_middle_is_a_coin_toss():
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 4000)
    # Labels agree with p only far from 0.5; within 0.5 ± 0.15 they are random.
    y = np.where(np.abs(p - 0.5) > 0.15, (p > 0.5).astype(int), rng.integers(0, 2, 4000))
    lo, hi = choose_band(y, p)
    assert 0.33 <= lo <= 0.37 and 0.63 <= hi <= 0.67


def test_corpus_follows_the_documented_decisions():
    root = shared_path("data", "articles")
    frame = load_corpus(root, datasets=("fakenewsnet_crawled_content", "horne2017_this_just_in", "golbeck2018_fake_vs_satire"))
    ids = set(frame["id"])
    # The two PolitiFact ids filed as both fake and real are dropped.
    assert not {"fakenewsnet_crawled_content:politifact14920", "fakenewsnet_crawled_content:politifact14940"} & ids
    # Satire is left out: golbeck keeps only its 283 fake stories (fewer after dropping short/duplicate texts).
    golbeck = frame[frame["dataset"] == "golbeck2018_fake_vs_satire"]
    assert set(golbeck["label"]) == {1} and 250 <= len(golbeck) <= 283
    assert frame["text"].str.len().min() >= 200
    assert not frame.duplicated(["title", "text"]).any()
