"""The shape every signal has, and the tokenisers the signal modules share."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, NamedTuple, TypedDict

import numpy as np


class Signal(TypedDict):
    """One signal in ``report["signals"]``."""

    name: str
    value: Any
    flagged: bool
    explanation: str


def signal(name: str, value: Any, flagged: bool, explanation: str) -> Signal:
    """Build a signal; floats are rounded to 3 decimals so reports stay readable.

    >>> signal("exclamation_marks", 2, False, "The body has 2 exclamation marks.")["value"]
    2
    """
    if isinstance(value, float):
        value = round(value, 3)
    return {"name": name, "value": value, "flagged": bool(flagged), "explanation": explanation}


#: A word: letters, with inner apostrophes or hyphens ("don't", "so-called").
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")

# ``words`` in a few C-speed passes instead of one regex match per word: the text is encoded, every
# byte that cannot be in a word becomes a space (non-ASCII bytes too: ``WORD`` is ASCII-only, and "’"
# is stood in for by \x1f first), a few numpy operations blank the apostrophes and hyphens that are not
# between two letters (what ``_LOOSE_JOINER`` finds, at half its cost), and ``split`` cuts.
_KEEP = b"abcdefghijklmnopqrstuvwxyz'-\x1f"
_TO_WORD_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if c in _KEEP else 32 for c in range(256))
_LOOSE_JOINER = re.compile(r"['\x1f-](?:(?![a-z])|(?<![a-z].))", re.DOTALL)


def _blank_loose_joiners(b: bytes) -> str:
    r"""``_LOOSE_JOINER.sub(" ", b.decode())`` for ``b`` translated by ``_TO_WORD_BYTES``.

    >>> _blank_loose_joiners(b"so-called 'hoax' -- don\x1ft a-")
    'so-called  hoax     don\x1ft a '
    """
    a = np.frombuffer(b, np.uint8)
    letter = a > 96  # after the translation: a-z, or one of space ' - \x1f
    loose = (a != 32) & ~letter
    loose[1:-1] &= ~(letter[:-2] & letter[2:])
    if not loose.any():
        return b.decode("ascii")
    a = a.copy()
    a[loose] = 32
    return a.tobytes().decode("ascii")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased: ``WORD.findall(text.lower())``, about twice as fast.

    >>> words("Don’t call it a so-called 'hoax' -- again!")
    ['don’t', 'call', 'it', 'a', 'so-called', 'hoax', 'again']
    >>> words("Élan at 10am: l'-x --y- z") == WORD.findall("Élan at 10am: l'-x --y- z".lower())
    True
    """
    return words_of_lower(text.lower())


def words_of_lower(lower: str, utf8: bytes | None = None) -> list[str]:
    """:func:`words` of a text that is already lower-cased (``utf8``: its UTF-8 encoding, if at hand)."""
    if len(lower) < 400 or "\x1f" in lower:  # a headline (the regex is quicker on a few words), or
        return WORD.findall(lower)  # the control character we stand in for "’" with
    b = lower.encode() if utf8 is None else utf8
    curly = _CURLY in b
    s = _blank_loose_joiners((b.replace(_CURLY, b"\x1f") if curly else b).translate(_TO_WORD_BYTES))
    return (s.replace("\x1f", "’") if curly else s).split()


_CURLY = "’".encode()


class Text(NamedTuple):
    """One article body, read once and shared by every signal.

    ``utf8`` is the lower-cased body encoded: an ASCII phrase is in ``lower`` exactly when
    its bytes are in ``utf8``, and ``bytes`` searches are several times faster than those of
    a ``str`` holding a curly quote or a dash (two bytes a character).
    """

    body: str
    lower: str
    utf8: bytes
    tokens: list[str]  # ``words(body)``
    counts: Counter[str]  # how often each token occurs (each of the ``counted`` ones, if given)

    @classmethod
    def of(cls, body: str, counted: frozenset[str] | None = None) -> Text:
        """Read ``body``; ``counted``: the only words whose counts will be looked up, when that is known.

        Counting only the words of a fixed list (a few thousand lexicon words) halves the cost of the
        ``Counter``, and a look-up of any of them gives the same count as a count of every word.

        >>> t = Text.of("The cat saw the dog.")
        >>> t.tokens, t.counts["the"], b"cat saw" in t.utf8
        (['the', 'cat', 'saw', 'the', 'dog'], 2, True)
        >>> dict(Text.of("The cat saw the dog.", frozenset(["the", "cow"])).counts)
        {'the': 2}
        """
        lower = body.lower()
        utf8 = lower.encode()
        tokens = words_of_lower(lower, utf8)
        counts = Counter(tokens if counted is None else filter(counted.__contains__, tokens))
        return cls(body, lower, utf8, tokens, counts)


# Sentence ends: a run of "." "!" "?" followed by white space or the end of the text
# (``[.!?]+(?:\s|$)``); counted on bytes where "." "!" "?" become "." and ASCII white space " ".
_ENDS = bytes(46 if c in b".!?" else 32 if c < 128 and chr(c).isspace() else 0xFF if c >= 0xC2 else 120
              for c in range(256))
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")


def count_sentence_ends(text: str, utf8: bytes | None = None) -> int:
    r"""How many sentence ends ``text`` has, as ``len(re.findall(r"[.!?]+(?:\s|$)", text))``.

    >>> count_sentence_ends("One. Two!? 3.5 three...\nFour?\u00a0Five.\u201d Six.")
    5
    """
    b = text.encode() if utf8 is None else utf8
    t = b.translate(_ENDS)
    n = t.count(b". ") + t.endswith(b".")
    if b".\xff" in t:  # after a mark, a character that may be white space outside ASCII ("\u00a0")
        i = t.find(b".\xff")
        while i >= 0:
            n += b[i + 1:i + 5].decode("utf-8", "ignore")[:1].isspace()
            i = t.find(b".\xff", i + 1)
    return n


def percent(x: float) -> str:
    """``0.4`` -> ``'40%'``; small shares keep one decimal.

    >>> percent(0.4), percent(0.031), percent(0.0)
    ('40%', '3.1%', '0%')
    """
    p = 100.0 * x
    if p == 0 or p >= 10:
        return f"{p:.0f}%"
    return f"{p:.1f}%"


def quoted_list(items: list[str], limit: int = 3) -> str:
    """``['a', 'b']`` -> ``"'a', 'b'"``, at most ``limit`` items.

    >>> quoted_list(["shocking", "exposed", "truth", "secret"])
    "'shocking', 'exposed', 'truth' and 1 more"
    """
    shown = ", ".join(f"'{x}'" for x in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
