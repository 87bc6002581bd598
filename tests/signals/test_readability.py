"""Flesch reading ease with our vowel-group syllable estimate."""

from __future__ import annotations

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
