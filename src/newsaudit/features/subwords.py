"""Hashed word and sub-word features for short texts (comments), built for speed and exact spans.

A comment's feature vector is a sum over its tokens, plus its word bigrams:

- each token contributes its word feature and its character 2–5grams (of the
  token wrapped in ``<`` ``>``, like fastText). Sub-words carry what spelling
  hides: ``f*ck``, ``idiooot``, ``stupidest`` share n-grams with the words the
  model knows;
- each adjacent token pair contributes a bigram feature;
- the word block (words and bigrams) and the n-gram block are each divided by
  the L2 norm they would have if no feature repeated (:func:`scales`).

Because the vector is a sum over tokens, a linear model's score is too: the
score of a token type (its word and n-gram weights) is computed once and kept in a
cache, so scoring a comment costs one dictionary lookup per token, and the share
of each token in the score is exact, which gives the spans.

Features are named by a stable 32-bit hash (``zlib.crc32``), so the model stores
only the hashes it kept, sorted, and their weights.
"""

from __future__ import annotations

import re
import zlib
from itertools import islice

import numpy as np

#: A token: letters or digits, with the symbols people use to spell around filters inside it.
TOKEN = re.compile(r"[^\W_](?:[\w*$@'’]*[^\W_*$@'’]|[\w*$@'’]*\*)?")

#: Character n-gram lengths of a token wrapped in ``<`` ``>``.
CHAR_MIN, CHAR_MAX = 2, 5
#: Longer tokens (URLs, keyboard mashing) are cut to this many characters for their n-grams.
MAX_TOKEN_CHARS = 30


def tokens(text: str) -> list[str]:
    """Lower-cased tokens of a comment.

    >>> tokens("You're a f*ck*ng IDIOT!!! @user")
    ["you're", 'a', 'f*ck*ng', 'idiot', 'user']
    """
    return TOKEN.findall(text.lower())


def token_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Character ranges of :func:`tokens` in ``text`` itself (same tokens, same order); the first ``limit`` only.

    >>> text = "Hang him!"
    >>> [text[a:b] for a, b in token_spans(text)]
    ['Hang', 'him']
    """
    lower = text.lower()
    if len(lower) == len(text):
        return [m.span() for m in islice(TOKEN.finditer(lower), limit)]
    # A few characters change length when lower-cased ('İ'); match the original then.
    matches = (m for m in TOKEN.finditer(text) if TOKEN.fullmatch(m.group().lower()))
    return [m.span() for m in islice(matches, limit)]


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8"))


def word_key(token: str) -> int:
    """The feature hash of a token's word feature."""
    return _hash("w " + token)


def char_keys(token: str) -> list[int]:
    """Feature hashes of a token's character n-grams (distinct, in order of first use).

    >>> len(char_keys("ab"))  # <a ab b> <ab ab> <ab>
    6
    """
    wrapped = f"<{token[:MAX_TOKEN_CHARS]}>"
    seen: dict[int, None] = {}
    for n in range(CHAR_MIN, CHAR_MAX + 1):
        for i in range(len(wrapped) - n + 1):
            seen[_hash("c " + wrapped[i : i + n])] = None
    return list(seen)


def bigram_keys(word_hashes: np.ndarray) -> np.ndarray:
    """Feature hashes of adjacent pairs, from the word hashes of a token sequence (vectorised).

    The pair hash mixes the two 32-bit word hashes into one 32-bit number; a
    collision merely shares a weight, as in any hashed model.
    """
    a = word_hashes[:-1].astype(np.uint64)
    b = word_hashes[1:].astype(np.uint64)
    mixed = (a * np.uint64(0x9E3779B1) + b * np.uint64(0x85EBCA77) + np.uint64(0x2545F491)) & np.uint64(0xFFFFFFFF)
    return mixed.astype(np.uint32)


def scales(n_tokens: np.ndarray, n_bigrams: np.ndarray, n_grams: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The factors for each comment's word block (words and bigrams) and its n-gram block (counts per comment).

    Each block is divided by the L2 norm it would have if no feature repeated
    (1 for an empty block), as TF-IDF does for each of its vectorisers. Training
    and scoring both call this, so the two cannot drift apart.

    >>> [a.tolist() for a in scales(np.array([3, 0]), np.array([1, 0]), np.array([16, 0]))]
    [[0.5, 1.0], [0.25, 1.0]]
    """
    words = np.asarray(n_tokens, dtype=float) + n_bigrams
    grams = np.asarray(n_grams, dtype=float)
    return 1.0 / np.sqrt(np.maximum(words, 1.0)), 1.0 / np.sqrt(np.maximum(grams, 1.0))
