"""Readability: Flesch reading ease from words, sentences and an estimate of syllables.

Syllables are the text's vowel groups, less each silent final ``e`` (``make``), which is
close enough for a reading-ease band. Vowel groups are counted with ``bytes.translate`` and
the bits of an integer (:func:`count_vowel_groups`), and silent ``e`` with one pass of a
pattern that starts with a literal ``e``, which ``re`` finds by a fast scan; both give what
the former regular expressions over the whole body gave.
"""

from __future__ import annotations

import re

from .base import Signal, count_sentence_ends, signal

# An "e" ending a word, after a character that is neither a vowel nor a space, and not in "-le".
_SILENT_E = re.compile(r"e\b(?<=[^aeiouy\s]e)(?<!le)")

_BANDS = ((90, "very easy"), (70, "easy"), (60, "plain English"), (50, "fairly difficult"),
          (30, "difficult"), (-1e9, "very difficult"))


# Vowels -> 1, anything else -> 0 (bytes of characters outside ASCII too: none is a vowel here).
_VOWEL_BYTES = bytes(c in b"aeiouy" for c in range(256))


def count_vowel_groups(utf8: bytes) -> int:
    """How many runs of vowels ``utf8`` has: ``len(re.findall(rb"[aeiouy]+", utf8))``.

    The bytes become one integer with bit ``8 i`` set where byte ``i`` is a vowel: there are as many
    runs as vowels not followed by a vowel, and counting the bits of two such integers is faster
    than counting the runs' starts in the bytes.

    >>> count_vowel_groups(b"queueing is beautiful"), count_vowel_groups(b""), count_vowel_groups(b"a-e")
    (5, 0, 2)
    """
    vowels = int.from_bytes(utf8.translate(_VOWEL_BYTES), "little")
    return vowels.bit_count() - (vowels & (vowels >> 8)).bit_count()


def count_syllables(lower: str, utf8: bytes | None = None) -> int:
    """Estimated syllables of ``lower`` (a lower-cased text; ``utf8`` its encoding, if at hand).

    >>> count_syllables("the table make reading so-called news easy.")  # 0 + 2 + 1 + 2 + 3 (so-cal-led) + 1 + 2
    11
    """
    groups = count_vowel_groups(lower.encode() if utf8 is None else utf8)
    return groups - len(_SILENT_E.findall(lower))


def flesch(words: int, sentences: int, syllables: int) -> float:
    """Flesch reading ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word.

    >>> round(flesch(100, 5, 150), 1)
    59.6
    """
    return 206.835 - 1.015 * words / max(sentences, 1) - 84.6 * syllables / max(words, 1)


def readability_signals(lower_body: str, n_words: int, n_sentences: int | None = None,
                        utf8: bytes | None = None) -> list[Signal]:
    """Reading ease of ``lower_body`` (the body, lower-cased); none for an empty body.

    ``utf8`` (``lower_body.encode()``) saves encoding it again.

    >>> s = readability_signals("the cat sat on the mat. it was happy.", 9)
    >>> s[0]["name"], s[0]["value"] > 90
    ('reading_ease', True)
    """
    if n_words == 0:
        return []
    if n_sentences is None:
        n_sentences = count_sentence_ends(lower_body, utf8)
    n_sentences = max(n_sentences, 1)
    syllables = max(count_syllables(lower_body, utf8), n_words)
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
