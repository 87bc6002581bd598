"""Readability: Flesch reading ease from words, sentences and an estimate of syllables.

Syllables are counted as vowel groups over the whole text at once, less a silent
final ``e`` (``make``), which is close enough for a reading-ease band and costs one
regular-expression pass instead of one per word.
"""

from __future__ import annotations

import re

from .base import Signal, signal

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_SILENT_E = re.compile(r"[^aeiouy\s]e\b(?<!le)")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")

_BANDS = ((90, "very easy"), (70, "easy"), (60, "plain English"), (50, "fairly difficult"),
          (30, "difficult"), (-1e9, "very difficult"))


def flesch(words: int, sentences: int, syllables: int) -> float:
    """Flesch reading ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word.

    >>> round(flesch(100, 5, 150), 1)
    59.6
    """
    return 206.835 - 1.015 * words / max(sentences, 1) - 84.6 * syllables / max(words, 1)


def readability_signals(lower_body: str, n_words: int, n_sentences: int | None = None) -> list[Signal]:
    """Reading ease of ``lower_body`` (the body, lower-cased); none for an empty body.

    >>> s = readability_signals("the cat sat on the mat. it was happy.", 9)
    >>> s[0]["name"], s[0]["value"] > 90
    ('reading_ease', True)
    """
    if n_words == 0:
        return []
    if n_sentences is None:
        n_sentences = len(_SENTENCE_END.findall(lower_body))
    n_sentences = max(n_sentences, 1)
    syllables = len(_VOWEL_GROUP.findall(lower_body)) - len(_SILENT_E.findall(lower_body))
    syllables = max(syllables, n_words)
    ease = flesch(n_words, n_sentences, syllables)
    band = next(name for floor, name in _BANDS if round(ease) >= floor)
    per_sentence = n_words / n_sentences
    return [
        signal(
            "reading_ease",
            ease,
            ease < 30,
            f"Flesch reading ease is {ease:.0f} ({band}): {per_sentence:.0f} words per sentence, "
            f"{syllables / n_words:.2f} syllables per word.",
        ),
    ]
