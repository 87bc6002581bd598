"""The fast paths of attribution give the answers of the plain ones.

:class:`~newsaudit.attribution.mentions.People` reads its text on demand, up to the position asked about;
its answers must be those of a people index that read the whole text first, whatever the order of the
questions and of the speakers added. :func:`~newsaudit.attribution.claims._named_actor` looks at a run's
verb before its subject; :func:`~newsaudit.attribution.claims._is_actor` must still need both. The phrase
patterns of :func:`~newsaudit.attribution.lexicon.alternation` start with a look-ahead for their first
letters; they must match exactly where the patterns without it do, in any case.
"""

from __future__ import annotations

import random
import re

import pytest

from newsaudit.attribution.claims import _OPINION_PHRASES, _can_be_subject, _is_actor, _is_event
from newsaudit.attribution.gold import DEFAULT_GOLD, read_gold
from newsaudit.attribution.lexicon import (
    ANONYMOUS_PHRASES,
    HEDGE_PHRASES,
    UNCONFIRMED_PHRASES,
    alternation,
    first_letters,
)
from newsaudit.attribution.mentions import People, Phrase
from newsaudit.attribution.quotes import find_quote_spans
from newsaudit.components.segment import split_sentences

TRICKY = [
    "Minister Omar Haddad spoke on Monday. Later Haddad met Elena Vasquez. “Ask Peter Brandt,” he said. "
    "Vasquez said she agreed.",
    # A name inside single quotes, one running up to the closing mark, and one right after it.
    "Dr. Jean-Marc Okafor said ‘Tell Anna Berg’ Okafor said. He left. ‘Ask Berg’ Okafor added, and he went.",
    # A surname before its full name (not yet a person), titles, particles, acronyms, non-ASCII names.
    "Haddad was absent. UN envoy Staffan de Mistura arrived. Mistura said he would stay. İlker Şahin, "
    "the mayor, said he agreed. The FDA said nothing. Şahin later said so.",
    "",
    "no capitals at all, he said.",
]


def _skips(body: str) -> list[tuple[int, int]]:
    return [(s.outer_start, s.outer_end) for s in find_quote_spans(body, [s.start for s in split_sentences(body)])]


def _bodies() -> list[str]:
    return TRICKY + [article["body"] for article in read_gold(DEFAULT_GOLD)]


def test_people_read_on_demand_name_the_people_of_the_text():
    body = TRICKY[0]
    people = People(body, _skips(body))
    assert people.before(body.index("Later")).text == "Omar Haddad"
    assert people.before(body.index("she agreed")).text == "Vasquez"
    # Peter Brandt is named only inside the quotation.
    assert [m.text for m in people.mentions] == ["Omar Haddad", "Haddad", "Elena Vasquez", "Vasquez"]


@pytest.mark.parametrize("order", ["forward", "backward", "shuffled"])
def test_people_read_on_demand_answer_as_if_read_in_full(order):
    rng = random.Random(7)
    for body in _bodies():
        skip = _skips(body)
        full = People(body, skip)
        full.mentions  # reads the whole text before any question
        lazy = People(body, skip)
        positions = list(range(0, len(body) + 2, 5))
        if order == "backward":
            positions.reverse()
        elif order == "shuffled":
            rng.shuffle(positions)
        for position in positions:
            assert lazy.before(position) == full.before(position), (body[:40], position)
        assert lazy.mentions == full.mentions


def test_people_speakers_added_before_the_text_is_read_count_as_if_added_after():
    rng = random.Random(11)
    for body in _bodies():
        skip = _skips(body)
        full = People(body, skip)
        names = list(full.mentions)
        # Speakers at a mention's start (the mention found in the text wins) and elsewhere (inserted).
        speakers = [(m, rng.random() < 0.5) for m in rng.sample(names, min(3, len(names)))]
        elsewhere = sorted(rng.randrange(len(body) + 1) for _ in range(2))
        speakers += [(Phrase(body[i : i + 3], i, i + 3, True), True) for i in elsewhere]
        lazy = People(body, skip)
        for phrase, subject in speakers:
            full.add(phrase, subject=subject)
            lazy.add(phrase, subject=subject)
        for position in range(0, len(body) + 2, 11):
            assert lazy.before(position) == full.before(position), (body[:40], position)
        assert lazy.mentions == full.mentions
        assert lazy.subjects == full.subjects  # the same questions decide the same mentions


@pytest.mark.parametrize(
    "text, subject, modal, verb, start, expected",
    [
        ("Okonkwo scored twice.", "Okonkwo", "", "scored", 0, True),
        ("Police will cut jobs.", "Police", "will ", "cut", 0, True),
        ("Smith said no.", "Smith", "", "said", 0, False),  # a speech verb: no event
        ("Smith will decline.", "Smith", "will ", "declined", 0, False),  # courtesy, even after a modal
        ("But Smith made it.", "But", "", "made", 0, False),  # a sentence word is no subject
        ("Reportedly Smith resigned.", "Reportedly", "", "resigned", 0, False),  # an adverb opening it
        ("He met Reportedly, who resigned.", "Reportedly", "", "resigned", None, True),  # not first: a name
    ],
)
def test_is_actor_needs_an_event_and_a_subject(text, subject, modal, verb, start, expected):
    assert _is_actor(text, subject, modal, verb, start) is expected
    assert (_is_event(modal, verb) and _can_be_subject(text, subject, start)) is expected


PHRASE_LISTS = [HEDGE_PHRASES, ANONYMOUS_PHRASES, UNCONFIRMED_PHRASES, _OPINION_PHRASES]


def test_first_letters_of_the_phrase_lists():
    assert first_letters(HEDGE_PHRASES) == frozenset("acilmprsuw")
    assert first_letters(ANONYMOUS_PHRASES) == frozenset("adfinoprstuw")
    assert first_letters(UNCONFIRMED_PHRASES) == frozenset("acdhinopuw")
    assert first_letters(_OPINION_PHRASES) == frozenset("Idilswy")


@pytest.mark.parametrize(
    "phrases",
    [
        (r"\w+ said",),  # a class of characters
        (r"[a-z]+ said",),  # a range
        (r"(?:very )?",),  # may match nothing
        (r"said", r"\bsaid"),  # one phrase with an anchor first
    ],
)
def test_first_letters_give_up_on_what_is_no_literal_character(phrases):
    assert first_letters(phrases) is None
    assert "(?=" not in alternation(phrases).pattern  # no look-ahead: the plain pattern


@pytest.mark.parametrize("phrases", PHRASE_LISTS)
def test_phrase_patterns_match_where_the_plain_ones_do(phrases):
    plain = re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)
    guarded = alternation(phrases)
    assert guarded.pattern != plain.pattern
    texts = (
        _bodies()
        + [
            "SOURCES SAY it was REPORTEDLY cancelled; IT IS BELIEVED so. I THINK we MUST.",
            "ſources ſay it is ſaid to be true; İt is believed; ıt is believed; I thınk; İ think.",  # letters folding to ASCII
            "unsources say, reportedlyx, xreportedly, it is believedly, could not be independently verified.",
            "According to local media reports, officials who asked not to be named said it could not be confirmed.",
        ]
    )
    for text in texts:
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)], text[:60]


def test_look_ahead_letters_match_every_character_their_literals_match_in_any_case():
    # The look-ahead is a class of the first letters; ignoring case, a class must take every character the
    # letter itself takes (both sides of the case, and İ ı ſ K, which fold to ASCII letters).
    letters = set().union(*(first_letters(phrases) for phrases in PHRASE_LISTS))
    characters = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    for letter in letters:
        alone, in_class = re.compile(letter, re.IGNORECASE), re.compile(f"[{letter}]", re.IGNORECASE)
        assert [c for c in characters if alone.fullmatch(c)] == [c for c in characters if in_class.fullmatch(c)]
