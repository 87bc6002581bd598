"""The hand-written gold set (tests/attribution/gold): the issue's targets, held by the rules."""

from __future__ import annotations

import pytest

from newsaudit.attribution.gold import DEFAULT_GOLD, TARGETS, names_match, read_gold, score


@pytest.fixture(scope="module")
def figures():
    return score(read_gold(DEFAULT_GOLD))


def test_gold_set_is_big_enough():
    gold = read_gold(DEFAULT_GOLD)
    assert len(gold) >= 10
    assert sum(len(a["quotes"]) for a in gold) >= 40
    assert sum(len(a["claims"]) for a in gold) >= 60


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_target(figures, name):
    assert figures[name] >= TARGETS[name], figures


def test_names_match_whole_words_only():
    assert names_match("Sergey Lavrov", "Lavrov")
    assert not names_match("Lavrovsky", "Lavrov")
