"""Style statistics of a headline and body: the register of a text, not its topic.

Each feature has a name and a sentence a person understands; the reliability
model standardises them (mean and scale from training) and weighs them like any
other feature, so each one's contribution to the score is exact.
"""

from __future__ import annotations

import math
import re

import numpy as np

from .ngrams import TokenCache
from .tokens import is_word, tokenize

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


def count_words(codes: np.ndarray) -> int:
    """How many of the coded tokens are words or numbers (not punctuation)."""
    return int(np.count_nonzero(codes < 4 * 8))


def _codes(tokens: list[str]) -> np.ndarray:
    return np.fromiter(map(_CODES.__getitem__, tokens), dtype=np.int64, count=len(tokens))


def _counts(codes: np.ndarray) -> np.ndarray:
    return np.bincount(codes, minlength=_SHAPES * 8).reshape(_SHAPES, 8)


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
    # Plain Python arithmetic on the few counts: cheaper than a numpy call per feature.
    tc = _counts(title_codes).tolist()
    bc = _counts(body_codes).tolist()
    t_shape = [sum(row) for row in tc]
    b_shape = [sum(row) for row in bc]
    nt = max(sum(t_shape[:4]), 1)
    n = max(sum(b_shape[:4]), 1)
    lex = [bc[0][k] + bc[1][k] + bc[2][k] + bc[3][k] for k in range(8)]
    t_loaded = tc[0][5] + tc[1][5] + tc[2][5] + tc[3][5]
    words = np.flatnonzero(body_codes < 32)[:300].tolist()
    head = set(map(str.lower, map(bt.__getitem__, words)))
    # Sentence ends, counted from the tokens: full stops, exclamation and question marks.
    sentences = b_shape[9] + b_shape[4] + b_shape[5] + 1
    first = next((t for t in tt if is_word(t)), "")
    return np.array(
        [
            math.log1p(sum(t_shape[:4])),
            (t_shape[1] + t_shape[2]) / nt,
            t_shape[2] / nt,
            t_shape[4],
            t_shape[5],
            float(bool(_QUOTED.search(title))),
            float(first[:1].isdigit()),
            t_loaded / nt,
            math.log1p(len(body)),
            math.log1p(n / sentences),
            len(head) / max(len(words), 1),
            lex[1] / n,
            lex[2] / n,
            lex[3] / n,
            b_shape[6] / n,
            b_shape[3] / n,
            b_shape[4] / n,
            b_shape[5] / n,
            b_shape[2] / n,
            lex[4] / n,
            lex[5] / n,
            lex[6] / n,
            (b_shape[1] + b_shape[2]) / n,
            b_shape[7] / n,
            body.count("http") / n,
        ]
    )
