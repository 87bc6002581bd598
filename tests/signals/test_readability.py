"""Flesch reading ease with our vowel-group syllable estimate."""

from __future__ import annotations

import re

import pytest

from newsaudit.signals.readability import flesch, readability_signals


def test_flesch_formula():
    # 206.835 - 1.015 * 10 - 84.6 * 1.5
    assert flesch(100, 10, 150) == pytest.approx(69.785)


def test_simple_text_reads_easier_than_dense_text():
    easy = "the dog ran. the cat sat. we ate a cake. it was fun."
    hard = ("the administration's comprehensive infrastructure appropriations legislation necessitates "
            "extraordinarily sophisticated intergovernmental coordination mechanisms.")
    e = readability_signals(easy, 13)[0]
    h = readability_signals(hard, 12)[0]
    assert e["value"] > 90
    assert h["value"] < 0
    assert h["flagged"] and not e["flagged"]
    assert "very difficult" in h["explanation"]


def test_empty_body_has_no_readability():
    assert readability_signals("", 0) == []


# Texts with what trips up fast counting: curly quotes, non-ASCII letters and spaces, "-le", "i.e.", fiancée.
TRICKY = [
    "",
    "e",
    "the table make reading so-called news easy.",
    "she's the fiancée (née smith), i.e. the bride\u00a0— café au lait, 3e.\n",
    "“we’ll see,” he said.\u2009next… done!? yes.\tno",
    "little apple able  tle e-mail (e) he'e we-e",
]


@pytest.mark.parametrize("text", TRICKY)
def test_counts_match_the_regular_expressions_they_replace(text):
    # Syllables were vowel groups less silent e's, and sentences runs of . ! ? before a space, counted by regexes.
    from newsaudit.signals.base import count_sentence_ends
    from newsaudit.signals.readability import count_syllables

    groups = len(re.findall(r"[aeiouy]+", text))
    silent = len(re.findall(r"[^aeiouy\s]e\b(?<!le)", text))
    assert count_syllables(text) == groups - silent
    assert count_sentence_ends(text) == len(re.findall(r"[.!?]+(?:\s|$)", text))
