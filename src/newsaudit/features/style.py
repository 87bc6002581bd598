"""Style statistics of a headline and body: the register of a text, not its topic.

Each feature has a name and a sentence a person understands; the reliability
model standardises them (mean and scale from training) and weighs them like any
other feature, so each one's contribution to the score is exact.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

_ALPHA = re.compile(r"[A-Za-z][A-Za-z'’]*")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*")
_CAPITALISED = re.compile(r"(?<![A-Za-z'’])[A-Z]")
_ALL_CAPS = re.compile(r"(?<![A-Za-z'’])[A-Z][A-Z'’]+(?![A-Za-z])")
# Quotation marks in a headline, but not apostrophes inside words ("won't", "Kerry’s").
_QUOTED = re.compile(r"[\"“”‘]|(?<![A-Za-z])['’]|['’](?![A-Za-z])")
_FIRST_TOKEN = re.compile(r"\W*(\w)")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*\s+")
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


def _count(counts: Counter[str], words: frozenset[str]) -> int:
    return sum(counts[w] for w in words if w in counts)


def style_features(title: str, body: str) -> np.ndarray:
    """The style vector of an article, in the order of :data:`NAMES`.

    Counting is done with regular expressions and ``Counter`` so that it runs in C:
    the whole reliability stage has a budget of half a millisecond per article.

    >>> v = style_features("SHOCKING: You won't believe this!", "We said it. You know it!")
    >>> dict(zip(NAMES, v.round(2)))["headline_exclamations"]
    np.float64(1.0)
    """
    t_words = _ALPHA.findall(title)
    t_numbers = _NUMBER.findall(title)
    nt = max(len(t_words) + len(t_numbers), 1)
    t_counts = Counter(map(str.lower, t_words))
    words = _ALPHA.findall(body)
    n = max(len(words) + len(_NUMBER.findall(body)), 1)
    counts = Counter(map(str.lower, words))
    head = list(map(str.lower, words[:300]))
    sentences = len(_SENTENCE_END.findall(body)) + 1
    quotes = sum(body.count(c) for c in _QUOTE_MARKS)
    first = _FIRST_TOKEN.match(title)
    return np.array(
        [
            math.log1p(len(t_words) + len(t_numbers)),
            len(_CAPITALISED.findall(title)) / nt,
            len(_ALL_CAPS.findall(title)) / nt,
            title.count("!"),
            title.count("?"),
            float(bool(_QUOTED.search(title))),
            float(bool(first) and first.group()[0].isdigit()),
            _count(t_counts, _LOADED) / nt,
            math.log1p(len(body)),
            math.log1p(n / sentences),
            len(set(head)) / max(len(head), 1),
            _count(counts, _FIRST_PERSON) / n,
            _count(counts, _SECOND_PERSON) / n,
            _count(counts, _ATTRIBUTION) / n,
            quotes / n,
            len(_NUMBER.findall(body)) / n,
            body.count("!") / n,
            body.count("?") / n,
            len(_ALL_CAPS.findall(body)) / n,
            _count(counts, _HEDGES) / n,
            _count(counts, _LOADED) / n,
            _count(counts, _CALENDAR) / n,
            len(_CAPITALISED.findall(body)) / n,
            body.count("(") / n,
            body.count("http") / n,
        ]
    )
