"""Shared fixtures: a tiny reliability model trained on text we write."""

from __future__ import annotations

import pytest
from support import synthetic_corpus


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """A reliability model fitted on :func:`synthetic_corpus`, saved to a temporary directory."""
    pytest.importorskip("sklearn", reason="training needs the 'train' extra")
    from newsaudit.train.reliability import TrainConfig, fit_model

    model, _ = fit_model(synthetic_corpus(), TrainConfig(min_df=2, folds=3))
    directory = tmp_path_factory.mktemp("model")
    model.save(directory)
    return directory
