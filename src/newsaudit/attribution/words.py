"""The words of a sentence, found fast: its lower-case words with those of a lexicon, and whole-word search.

The claim rules (:mod:`.claims`) ask many questions of a sentence's words: has it a speech verb, a number
word, a hedge? A *word* is a match of :data:`WORD` in the lower-cased text: ASCII letters with at most one
inner apostrophe. Each question is about a fixed word list, and the lists together make a lexicon; the few
words of a sentence that are in it (:attr:`Words.lexical`) answer every question, each set operation then
costing a handful of lookups instead of one per word of the sentence.

:func:`whole_words` finds a word in any case, not inside a longer word ("said" but not "unsaid" or
"said-so"), with ``str.find`` wherever that means the same as the case-insensitive pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

#: A word of a lower-cased text.
WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
#: The letters outside ASCII that a case-insensitive pattern matches to an ASCII letter: İ ı ſ and the Kelvin
#: sign. Without them, an ASCII word matches a text case-insensitively exactly where it is in the lower-cased text.
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")

# Every byte but a-z becomes a space (the bytes of a character outside ASCII are all 0x80 or more).
_ASCII_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


class Words(NamedTuple):
    """The words of a text: ``every`` one, in order, and ``lexical``, those in the lexicon asked about."""

    every: list[str]
    lexical: frozenset[str]


def words_of(lower: str, lexicon: frozenset[str]) -> Words:
    """The :class:`Words` of a lower-cased text (``WORD.findall(lower)``) with those in ``lexicon``.

    Without an apostrophe the words are the runs of ASCII letters, which ``bytes.translate`` and ``split``
    find faster than the pattern.

    >>> words = words_of("the café’s 2 cats said, isn't it?", frozenset(["said", "it", "dogs"]))
    >>> words.every, sorted(words.lexical)
    (['the', 'caf', 's', 'cats', 'said', "isn't", 'it'], ['it', 'said'])
    """
    if "'" in lower or "’" in lower:
        every = WORD.findall(lower)
    else:
        every = lower.encode().translate(_ASCII_LETTERS_ONLY).decode("ascii").split()
    return Words(every, lexicon.intersection(every))


@lru_cache(maxsize=1024)
def word_pattern(word: str) -> re.Pattern[str]:
    """``word`` as a whole word, in any case: not next to a letter, digit, underscore, apostrophe or hyphen."""
    return re.compile(r"(?<![\w’'-])" + re.escape(word) + r"(?![\w’'-])", re.IGNORECASE)


def whole_words(text: str, word: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each match of :func:`word_pattern` (``word``: lower-case ASCII) in ``text``.

    Found with ``str.find`` in the lower-cased text when that is the same thing: when lower-casing keeps
    every offset and no letter of :data:`FOLDS_TO_ASCII` is in the text; else with the pattern.

    >>> whole_words("Said he, unsaid: SAID-so, said.", "said")
    [(0, 4), (26, 30)]
    """
    lower = text.lower()
    if len(lower) != len(text) or FOLDS_TO_ASCII.search(text) is not None:
        return [m.span() for m in word_pattern(word).finditer(text)]
    out = []
    n = len(word)
    i = lower.find(word)
    while i >= 0:
        end = i + n
        if (i == 0 or not _joins_word(text[i - 1])) and (end == len(text) or not _joins_word(text[end])):
            out.append((i, end))
        i = lower.find(word, i + 1)
    return out


def _joins_word(char: str) -> bool:
    """Whether ``char`` is in ``[\\w’'-]``: a letter, digit, underscore, apostrophe or hyphen."""
    return char.isalnum() or char in "_’'-"
