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


def batch_char_keys(tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`char_keys` of every token, concatenated, and how many each token has.

    The same hashes in the same order; the ASCII tokens (nearly all) are hashed together by a CRC-32 run on
    numpy arrays, which costs a small fraction of one ``zlib.crc32`` call per n-gram. New words in a stream
    of comments cost that many calls each, so this is most of the price of a word seen for the first time.

    >>> keys, counts = batch_char_keys(["ab", "née", "ab"])
    >>> counts.tolist() == [len(char_keys(t)) for t in ["ab", "née", "ab"]]
    True
    >>> keys.tolist() == char_keys("ab") + char_keys("née") + char_keys("ab")
    True
    """
    is_ascii = [t.isascii() for t in tokens]
    ascii_tokens = [t for t, plain in zip(tokens, is_ascii) if plain]
    keys, counts = _ascii_char_keys(ascii_tokens)
    if len(ascii_tokens) == len(tokens):
        return keys, counts
    # The others one by one, then every token's keys in token order.
    ascii_keys = iter(np.split(keys, np.cumsum(counts)[:-1]))
    per_token = [next(ascii_keys) if plain else np.asarray(char_keys(t), dtype=np.uint32) for t, plain in zip(tokens, is_ascii)]
    return np.concatenate(per_token), np.array([len(k) for k in per_token], dtype=np.int64)


def _crc_table() -> np.ndarray:
    """The byte table of the CRC-32 that ``zlib.crc32`` computes (reflected polynomial 0xEDB88320)."""
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1).astype(np.uint32)
    return table


_CRC_TABLE = _crc_table()
#: The CRC register after the prefix "c " that every n-gram feature starts with (zlib starts from all ones and
#: inverts the register at the end).
_AFTER_CHAR_PREFIX = np.uint32(zlib.crc32(b"c ") ^ 0xFFFFFFFF)


def _ascii_char_keys(tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`batch_char_keys` of ASCII tokens: every n-gram of every token hashed at once."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    wrapped = [f"<{t[:MAX_TOKEN_CHARS]}>" for t in tokens]
    n_chars = np.fromiter(map(len, wrapped), dtype=np.int64, count=len(wrapped))
    ends = np.cumsum(n_chars)
    total = int(ends[-1])
    # The wrapped tokens end to end, with CHAR_MAX zero bytes after them so that every start has as many after it.
    data = np.zeros(total + CHAR_MAX, dtype=np.uint8)
    data[:total] = np.frombuffer("".join(wrapped).encode("ascii"), dtype=np.uint8)
    # hashes[n - CHAR_MIN, p]: the hash of the n characters from position p, one more byte of CRC per step.
    sizes = np.arange(CHAR_MIN, CHAR_MAX + 1)
    hashes = np.empty((len(sizes), total), dtype=np.uint32)
    register = np.full(total, _AFTER_CHAR_PREFIX, dtype=np.uint32)
    for k in range(CHAR_MAX):
        register = _CRC_TABLE[(register ^ data[k : k + total]) & 0xFF] ^ (register >> 8)
        if k + 1 >= CHAR_MIN:
            hashes[k + 1 - CHAR_MIN] = ~register
    # Token by token, n by n, start by start (the order in which char_keys meets them): a range of starts per
    # (token, n), those whose n-gram ends inside the token.
    per_size = np.maximum(n_chars[:, None] - sizes[None, :] + 1, 0).ravel()
    first_start = np.repeat(ends - n_chars, len(sizes))
    size_row = np.tile(np.arange(len(sizes)), len(tokens))
    n_keys = int(per_size.sum())
    offset_in_range = np.arange(n_keys) - np.repeat(np.cumsum(per_size) - per_size, per_size)
    keys = hashes[np.repeat(size_row, per_size), np.repeat(first_start, per_size) + offset_in_range]
    counts = per_size.reshape(len(tokens), len(sizes)).sum(axis=1)
    return _first_uses(keys, counts)


def _first_uses(keys: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``keys`` (each token's ``counts[t]`` in a row) with repeats inside a token dropped, first uses kept.

    Few tokens repeat an n-gram ("haha"): one sort finds them, and only their keys go through ``np.unique``.
    """
    token_of = np.repeat(np.arange(len(counts)), counts)
    ordered = np.sort((token_of.astype(np.uint64) << np.uint64(32)) | keys)
    repeats = ordered[1:] == ordered[:-1]
    if not repeats.any():
        return keys, counts
    repeating = np.zeros(len(counts), dtype=bool)
    repeating[(ordered[1:][repeats] >> np.uint64(32)).astype(np.int64)] = True
    # Among the keys of those tokens, the first use of each (token, key) pair.
    at = np.flatnonzero(repeating[token_of])
    _, first = np.unique((token_of[at].astype(np.uint64) << np.uint64(32)) | keys[at], return_index=True)
    keep = ~repeating[token_of]
    keep[at[first]] = True
    return keys[keep], np.bincount(token_of[keep], minlength=len(counts)).astype(np.int64)


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
