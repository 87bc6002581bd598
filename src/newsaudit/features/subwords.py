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
from itertools import chain, islice

import numpy as np

#: A token: letters or digits, with the symbols people use to spell around filters inside it.
_TOKEN = r"[^\W_](?:[\w*$@'’]*[^\W_*$@'’]|[\w*$@'’]*\*)?"
#: The same matches, faster: a plain run of ASCII letters and digits not followed by a token character is a
#: whole token, found with range checks instead of Unicode category lookups; anything else takes the full pattern.
TOKEN = re.compile(r"[a-z0-9]+(?![\w*$@'’])|" + _TOKEN)

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


#: Put between comments to tokenise a batch in one regex pass: a token of its own that no comment is likely to hold.
_SEPARATOR = "qzxjsepjxzq"


def batch_tokens(texts: list[str]) -> tuple[list[str], list[int]]:
    """The :func:`tokens` of every text, concatenated, and how many each text has.

    One regex pass over the joined batch costs less than one per comment (the
    per-call overhead is a large part of a short comment's cost).

    >>> batch_tokens(["Hang him!", "", "ok ok"])
    (['hang', 'him', 'ok', 'ok'], [2, 0, 2])
    """
    if not texts:
        return [], []
    joined = f"\n{_SEPARATOR}\n".join([t.lower() for t in texts])
    if joined.count(_SEPARATOR) != len(texts) - 1:
        # A comment holds the separator itself: tokenise each text on its own.
        per_text = [tokens(t) for t in texts]
        return list(chain.from_iterable(per_text)), [len(t) for t in per_text]
    found = TOKEN.findall(joined)
    cuts = [-1]
    for _ in range(len(texts) - 1):
        cuts.append(found.index(_SEPARATOR, cuts[-1] + 1))
    cuts.append(len(found))
    flat = list(chain.from_iterable(found[a + 1 : b] for a, b in zip(cuts, cuts[1:])))
    return flat, [b - a - 1 for a, b in zip(cuts, cuts[1:])]


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


def token_offsets(text: str, toks: list[str], limit: int) -> list[tuple[int, int]]:
    """:func:`token_spans` of the first ``limit`` tokens, given the text's :func:`tokens` ``toks``.

    Between two tokens there is no letter or digit (one would start a token), so
    each token is the first occurrence of its string after the previous one:
    a string search finds it without running the tokeniser again.

    >>> token_offsets("Hang him!", ["hang", "him"], 2)
    [(0, 4), (5, 8)]
    """
    lower = text.lower()
    if len(lower) != len(text):
        return token_spans(text, limit)
    out = []
    end = 0
    for tok in toks[:limit]:
        start = lower.find(tok, end)
        end = start + len(tok)
        out.append((start, end))
    return out


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
