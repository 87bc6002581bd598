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
CODES = 80  # distinct style codes
WORD_CODES = 4 * 8  # codes below this are words or numbers, the rest punctuation
HEAD_WORDS = 300  # vocabulary richness reads this many words from the start of the body
_SHAPES = 10  # lower word, capitalised word, ALL CAPS word, number, "!", "?", quotation mark, "(", other mark, "."
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
        first_word = next((t for t in map(_group, TOKEN.finditer(title)) if is_word(t)), "")
    return bool(_QUOTED.search(title)), first_word[:1].isdigit()


def _group(match) -> str:
    return match.group()


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
    pairs = np.sort(docs * span + ids)
    first = np.ones(len(pairs), dtype=bool)
    first[1:] = pairs[1:] != pairs[:-1]
    distinct = pairs[first]  # each (article, word) once
    return np.bincount(distinct // span, minlength=n_docs), np.bincount(docs, minlength=n_docs)


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
    integers and divided once, and ``log1p`` is Python's, so a row is the same
    numbers whatever the batch.
    """
    tc = title_counts.reshape(-1, _SHAPES, 8)
    bc = body_counts.reshape(-1, _SHAPES, 8)
    # Shape classes: 0 lower, 1 capitalised, 2 ALL CAPS, 3 number, 4 "!", 5 "?", 6 quotation mark,
    # 7 "(", 8 other mark, 9 "."; lexicon classes: 1 first person, 2 second person, 3 attribution,
    # 4 hedges, 5 loaded, 6 dates.
    t_shape, b_shape = tc.sum(axis=2), bc.sum(axis=2)
    t_words, b_words = t_shape[:, :4].sum(axis=1), b_shape[:, :4].sum(axis=1)
    n = np.maximum(b_words, 1)
    lex = bc[:, :4].sum(axis=1)
    chars, links = np.array(bodies, dtype=np.int64).reshape(-1, 2).T
    # Sentence ends, counted from the tokens: full stops, exclamation and question marks.
    sentences = b_shape[:, 9] + b_shape[:, 4] + b_shape[:, 5] + 1
    out = np.empty((len(tc), len(NAMES)))
    out[:, [0, 8, 9]] = _log1p(np.concatenate([t_words, chars, n / sentences])).reshape(3, -1).T
    per_title_word = np.column_stack([t_shape[:, 1] + t_shape[:, 2], t_shape[:, 2], tc[:, :4, 5].sum(axis=1)])
    out[:, [1, 2, 7]] = per_title_word / np.maximum(t_words, 1)[:, None]
    out[:, 3:5] = t_shape[:, 4:6]
    out[:, 5:7] = np.array(headlines, dtype=float).reshape(-1, 2)
    out[:, 10] = head_distinct / np.maximum(head_words, 1)
    per_word = np.column_stack(
        [lex[:, 1:4], b_shape[:, [6, 3, 4, 5, 2]], lex[:, 4:7], b_shape[:, 1] + b_shape[:, 2], b_shape[:, 7], links]
    )
    out[:, 11:] = per_word / n[:, None]
    return out


def _log1p(values: np.ndarray) -> np.ndarray:
    # math.log1p, not np.log1p: numpy's vectorised log may round the last bit differently.
    return np.array(list(map(math.log1p, values.tolist())), dtype=float)
