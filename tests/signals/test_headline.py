"""Headline sensationalism signals on headlines we wrote."""

from __future__ import annotations

import pytest

from newsaudit.signals.headline import headline_signals


def _by_name(title: str) -> dict:
    return {s["name"]: s for s in headline_signals(title)}


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        # A plain news headline raises nothing.
        ("Council approves budget for new bridge", set()),
        # Shouting: most words in capitals, and exclamation marks.
        ("THEY LIED TO US ALL!!", {"headline_capitals", "headline_punctuation"}),
        # Two acronyms in a long headline are not shouting.
        ("FBI and CIA officials testify before the Senate committee on Tuesday", set()),
        # Clickbait wording.
        ("You won't believe what this senator said next", {"clickbait_phrases"}),
        ("7 reasons the economy is doomed", {"clickbait_phrases"}),
        # A short phrase in quotation marks casts doubt on it.
        ('Officials call the raid a "routine check"', {"scare_quotes"}),
        # A question with an exclamation mark.
        ("Is this the end?!", {"headline_punctuation"}),
    ],
)
def test_flags(title, flagged):
    assert {n for n, s in _by_name(title).items() if s["flagged"]} == flagged


def test_capitals_value_and_explanation():
    s = _by_name("BREAKING NEWS: Mayor resigns")["headline_capitals"]
    assert s["value"] == 0.5
    assert s["explanation"] == "50% of the headline's words are in capital letters ('BREAKING', 'NEWS')."


def test_no_headline_no_signals():
    assert headline_signals("") == []
    assert headline_signals("   ") == []


def test_every_signal_has_name_value_flag_and_sentence():
    for s in headline_signals("SHOCKING: the \"experts\" were wrong!"):
        assert set(s) == {"name", "value", "flagged", "explanation"}
        assert s["explanation"].endswith(".")
