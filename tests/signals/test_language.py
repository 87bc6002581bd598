"""Emotional and loaded words, capitals, exclamation marks and direct address."""

from __future__ import annotations

from collections import Counter

from newsaudit.signals.base import WORD
from newsaudit.signals.language import language_signals, vader_lexicon


def _signals(body: str) -> dict:
    return {s["name"]: s for s in language_signals(body, Counter(WORD.findall(body.lower())), len(WORD.findall(body.lower())))}


CALM = ("The committee met on Tuesday to review the annual budget. Members discussed the cost of road repairs "
        "and agreed to publish a summary of the meeting next month.")
LOUD = ("WAKE UP! The corrupt regime is lying to you and your family! This is a DISASTER and a disgrace. "
        "Share this before it is deleted! They hate you and they fear the truth!")


def test_vader_lexicon_comes_from_the_wheel():
    lexicon = vader_lexicon()
    assert len(lexicon) > 7000
    assert lexicon["disaster"] < -2 and lexicon["love"] > 2


def test_calm_text_raises_nothing():
    assert [n for n, s in _signals(CALM).items() if s["flagged"]] == []


def test_loud_text_raises_everything():
    s = _signals(LOUD)
    assert all(s[n]["flagged"] for n in ("emotional_language", "loaded_language", "exclamation_marks",
                                         "all_caps_words", "direct_address"))
    assert s["exclamation_marks"]["value"] == 4
    assert s["loaded_language"]["value"] == 3  # corrupt, regime, disgrace
    assert "'share this'" in s["direct_address"]["explanation"]


def test_acronyms_are_not_shouting():
    assert _signals("NATO and NASA said COVID cases fell.")["all_caps_words"]["value"] == 0


def test_empty_body():
    s = _signals("")
    assert s["emotional_language"]["value"] == 0.0
    assert s["exclamation_marks"]["value"] == 0


def test_words_match_the_word_pattern():
    # ``words`` is a faster ``WORD.findall(text.lower())``: loose apostrophes and hyphens, curly quotes, non-ASCII.
    from newsaudit.signals.base import words

    for text in ["Don’t call it a so-called 'hoax' -- again!", "Élan at 10am: l'-x --y- z", "’tis rock-’n’-roll-",
                 "İstanbul's K-pop", "a\x1fb", "", "--'’"]:
        assert words(text) == WORD.findall(text.lower())


def test_all_caps_words_need_four_capitals_not_inside_a_word():
    # Not "NOW" (three), "McDONALD" (inside a word); "OKAY" before a hyphen and "ABCD" before "Ef" do count.
    s = _signals("STOP IT NOW. McDONALD said OKAY-ish, ABCDEf and more.")
    assert s["all_caps_words"]["explanation"] == "3 words are written in ALL CAPS ('STOP', 'OKAY', 'ABCD')."
    assert _signals("Plain text, no shouting.")["all_caps_words"]["value"] == 0
