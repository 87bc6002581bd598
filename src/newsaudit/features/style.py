"""Style statistics of a headline and body: the register of a text, not its topic.

Each feature has a name and a sentence a person understands; the reliability
model standardises them (mean and scale from training) and weighs them like any
other feature, so each one's contribution to the score is exact.

Every token gets a style code (:func:`compute_style_code`); the features are
arithmetic on the counts of the codes in headline and body plus a few facts read
from the strings. :func:`style_matrix` does that arithmetic for a whole batch at
once and :func:`style_features` for one article, with the same numbers.
"""

from __future__ import annotations

import math
import re

import numpy as np

from .ngrams import TokenCache
from .tokens import TOKEN, is_word, tokenize

# Quotation marks in a headline, but not apostrophes inside words ("won't", "Kerry’s").
_QUOTED = re.compile(r"[\"“”‘]|(?<![A-Za-z])['’]|['’](?![A-Za-z])")
_FIRST_PERSON = frozenset("i me my mine we us our ours".split())
_SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
_HEDGES = frozenset("reportedly allegedly apparently rumored rumoured supposedly claims claimed claim".split())
_ATTRIBUTION = frozenset(
    "said says told according stated announced reported added explained noted spokesman spokeswoman spokesperson".split()
)
_LOADED = frozenset(
    """shocking shock amazing incredible outrageous horrifying unbelievable disgusting terrifying stunning
    insane crazy evil destroy destroyed slams slammed bombshell exposed truth breaking wow hilarious disaster epic""".split()
)
_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_QUOTE_MARKS = "\"“”"

#: (name, description) of every feature, in vector order.
FEATURES: tuple[tuple[str, str], ...] = (
    ("headline_length", "number of words in the headline (log)"),
    ("headline_capitalised", "share of headline words that start with a capital"),
    ("headline_all_caps", "share of headline words in ALL CAPS"),
    ("headline_exclamations", "exclamation marks in the headline"),
    ("headline_questions", "question marks in the headline"),
    ("headline_quotes", "the headline contains quotation marks"),
    ("headline_starts_with_number", "the headline starts with a number"),
    ("headline_loaded_words", "share of loaded or sensational words in the headline"),
    ("body_length", "length of the body in characters (log)"),
    ("sentence_length", "average words per sentence (log)"),
    ("vocabulary_richness", "distinct words among the first 300 words"),
    ("first_person", "share of first-person pronouns (I, we, our)"),
    ("second_person", "share of words addressing the reader (you, your)"),
    ("attribution_words", "share of attribution words (said, told, according to)"),
    ("quotation_marks", "quotation marks per word"),
    ("numbers", "share of words that are numbers"),
    ("exclamations", "exclamation marks per word"),
    ("questions", "question marks per word"),
    ("all_caps_words", "share of words in ALL CAPS"),
    ("hedges", "share of hedging words (reportedly, allegedly, claimed)"),
    ("loaded_words", "share of loaded or sensational words"),
    ("dates", "share of weekday and month names"),
    ("capitalised_words", "share of words that start with a capital (names, places)"),
    ("parentheses", "parentheses per word"),
    ("links", "web links per word"),
)
NAMES = tuple(name for name, _ in FEATURES)
DESCRIPTIONS = dict(FEATURES)


# Each token gets one code: shape class * 8 + lexicon class; a bincount of the codes
# gives every count the features need in one pass.
_SHAPES = 10  # lower word, capitalised word, ALL CAPS word, number, "!", "?", quotation mark, "(", other mark, "."
CODES = _SHAPES * 8  # distinct style codes
WORD_CODES = 4 * 8  # codes below this are words or numbers, the rest punctuation
HEAD_WORDS = 300  # vocabulary richness reads this many words from the start of the body
_LEXICONS = ((_FIRST_PERSON, 1), (_SECOND_PERSON, 2), (_ATTRIBUTION, 3), (_HEDGES, 4), (_LOADED, 5), (_CALENDAR, 6))


def compute_style_code(token: str) -> int:
    """A token's style code: shape class * 8 + lexicon class (cached in :data:`_CODES`)."""
    first = token[0]
    if first.isdigit():
        return 3 * 8
    if not (first.isalpha() or first == "_"):
        return 8 * {"!": 4, "?": 5, '"': 6, "“": 6, "”": 6, "(": 7, ".": 9}.get(token, 8)
    shape_class = 2 if token.isupper() else 1 if first.isupper() else 0
    low = token.lower()
    lexicon = next((k for words, k in _LEXICONS if low in words), 0)
    return shape_class * 8 + lexicon


_CODES = TokenCache(compute_style_code)


def _codes(tokens: list[str]) -> np.ndarray:
    return np.fromiter(map(_CODES.__getitem__, tokens), dtype=np.int64, count=len(tokens))


def style_features(
    title: str,
    body: str,
    title_tokens: list[str] | None = None,
    body_tokens: list[str] | None = None,
    *,
    title_codes: np.ndarray | None = None,
    body_codes: np.ndarray | None = None,
) -> np.ndarray:
    """The style vector of an article, in the order of :data:`NAMES`.

    Pass the tokens when you have them (:func:`~newsaudit.features.tokens.tokenize`);
    the counting is one ``bincount`` over cached token codes, so it stays cheap.

    >>> v = style_features("SHOCKING: You won't believe this!", "We said it. You know it!")
    >>> dict(zip(NAMES, v.round(2)))["headline_exclamations"]
    np.float64(1.0)
    """
    tt = tokenize(title) if title_tokens is None else title_tokens
    bt = tokenize(body) if body_tokens is None else body_tokens
    if body_codes is None:
        body_codes = _codes(bt)
    if title_codes is None:
        title_codes = _codes(tt)
    words = np.flatnonzero(body_codes < WORD_CODES)[:HEAD_WORDS].tolist()
    head = set(map(str.lower, map(bt.__getitem__, words)))
    first = next((t for t in tt if is_word(t)), "")
    return style_matrix(
        np.bincount(title_codes, minlength=CODES)[None],
        np.bincount(body_codes, minlength=CODES)[None],
        [headline_facts(title, first)],
        [body_facts(body)],
        np.array([len(head)]),
        np.array([len(words)]),
    )[0]


def headline_facts(title: str, first_word: str | None = None) -> tuple[bool, bool]:
    """Whether the headline holds quotation marks, and whether its first word is a number.

    ``first_word`` is the first token that is a word, when the caller has the tokens.
    """
    if first_word is None:
        first_word = next((t for t in map(re.Match.group, TOKEN.finditer(title)) if is_word(t)), "")
    return bool(_QUOTED.search(title)), first_word[:1].isdigit()


def body_facts(body: str) -> tuple[int, int]:
    """The body's length in characters and how many web links it holds."""
    return len(body), body.count("http")


def head_vocabulary(doc_of_word: np.ndarray, word_ids: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Per article: distinct words among its first :data:`HEAD_WORDS` body words, and how many words that is.

    ``doc_of_word`` (non-decreasing) and ``word_ids`` list the body words of a batch in
    order, a word's id standing for its lower-cased form.
    """
    starts = doc_of_word.searchsorted(np.arange(n_docs))
    rank = np.arange(len(doc_of_word)) - starts[doc_of_word]
    head = rank < HEAD_WORDS
    docs, ids = doc_of_word[head], word_ids[head]
    span = int(ids.max(initial=0)) + 1
    pairs = docs * span + ids
    if n_docs * span < 2**31:
        pairs = pairs.astype(np.int32)  # sorts about twice as fast as int64, eight to a vector register
    pairs = np.sort(pairs)
    first = np.ones(len(pairs), dtype=bool)
    first[1:] = pairs[1:] != pairs[:-1]
    distinct = pairs[first]  # each (article, word) once
    return np.bincount(distinct // span, minlength=n_docs), np.bincount(docs, minlength=n_docs)


def _tally_matrix() -> np.ndarray:
    """Which style codes each tally adds up: a 0/1 matrix over ``[headline codes | body codes]``.

    Shape classes: 0 lower, 1 capitalised, 2 ALL CAPS, 3 number, 4 "!", 5 "?", 6 quotation
    mark, 7 "(", 8 other mark, 9 "."; lexicon classes: 1 first person, 2 second person,
    3 attribution, 4 hedges, 5 loaded, 6 dates.
    """

    def shapes(*classes: int, body: bool) -> list[int]:
        return [CODES * body + 8 * c + k for c in classes for k in range(8)]

    def lexicon(k: int, body: bool) -> list[int]:  # words (shape classes 0-3) of lexicon class k
        return [CODES * body + 8 * c + k for c in range(4)]

    tallies = [
        shapes(0, 1, 2, 3, body=False),  # 0 headline words
        shapes(1, 2, body=False),  # 1 capitalised headline words
        shapes(2, body=False),  # 2 ALL CAPS headline words
        shapes(4, body=False),  # 3 headline "!"
        shapes(5, body=False),  # 4 headline "?"
        lexicon(5, body=False),  # 5 loaded headline words
        shapes(0, 1, 2, 3, body=True),  # 6 body words
        shapes(9, 4, 5, body=True),  # 7 sentence ends: full stops, exclamation and question marks
        # 8-20: the per-word body features, in the order of NAMES
        lexicon(1, body=True), lexicon(2, body=True), lexicon(3, body=True),
        shapes(6, body=True), shapes(3, body=True), shapes(4, body=True), shapes(5, body=True), shapes(2, body=True),
        lexicon(4, body=True), lexicon(5, body=True), lexicon(6, body=True),
        shapes(1, 2, body=True), shapes(7, body=True),
    ]
    matrix = np.zeros((2 * CODES, len(tallies)), dtype=np.int64)
    for j, codes in enumerate(tallies):
        matrix[codes, j] = 1
    return matrix


_TALLIES = _tally_matrix()


def style_matrix(
    title_counts: np.ndarray,
    body_counts: np.ndarray,
    headlines: list[tuple[bool, bool]],
    bodies: list[tuple[int, int]],
    head_distinct: np.ndarray,
    head_words: np.ndarray,
) -> np.ndarray:
    """The style vectors of a batch, one row per article, in the order of :data:`NAMES`.

    ``title_counts`` and ``body_counts`` count each style code (shape ``(n, CODES)``);
    ``headlines`` are :func:`headline_facts`, ``bodies`` :func:`body_facts`, and
    ``head_distinct`` / ``head_words`` :func:`head_vocabulary`. Counts are summed as
    integers (one integer matrix product) and divided once, and ``log1p`` is Python's,
    so a row is the same numbers whatever the batch.
    """
    tally = np.concatenate([title_counts, body_counts], axis=1) @ _TALLIES
    chars, links = np.array(bodies, dtype=np.int64).reshape(-1, 2).T
    n = np.maximum(tally[:, 6], 1)
    out = np.empty((len(tally), len(NAMES)))
    out[:, [0, 8, 9]] = _log1p(np.concatenate([tally[:, 0], chars, n / (tally[:, 7] + 1)])).reshape(3, -1).T
    out[:, [1, 2, 7]] = tally[:, [1, 2, 5]] / np.maximum(tally[:, :1], 1)
    out[:, 3:5] = tally[:, 3:5]
    out[:, 5:7] = np.array(headlines, dtype=float).reshape(-1, 2)
    out[:, 10] = head_distinct / np.maximum(head_words, 1)
    out[:, 11:24] = tally[:, 8:21] / n[:, None]
    out[:, 24] = links / n
    return out


def _log1p(values: np.ndarray) -> np.ndarray:
    # math.log1p, not np.log1p: numpy's vectorised log may round the last bit differently.
    return np.array(list(map(math.log1p, values.tolist())), dtype=float)
