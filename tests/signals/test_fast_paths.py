"""The signals' fast paths give what the plain computations they replace give, on awkward strings."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from newsaudit.article import Article
from newsaudit.components.segment import split_sentences
from newsaudit.components.signals import Signals, _looked_up_words
from newsaudit.signals.base import WORD, Text
from newsaudit.signals.headline import headline_signals
from newsaudit.signals.language import _CAPS, counted_words, language_signals, shouted_words
from newsaudit.signals.readability import _SILENT_E, count_syllables, count_vowel_groups, readability_signals
from newsaudit.signals.sourcing import _LABEL, COUNTED_WORDS, _count_claims, _labels, sourcing_signals
from newsaudit.signals.stance import has_stance_inputs

AWKWARD = [
    "",
    " ",
    "e",
    "SHOUT",
    "ALL CAPS HEADLINE SAYS WAKE UP!",
    "WAKE UP, READERS! NOW. McDONALD'S ABCDEf ABCDe OKAY-ish FBIs NASA's COVIDs",
    "ÉTATS-UNIS and İSTANBUL and ÀBCDE: capitals after letters outside ASCII",
    "Don’t miss this: you’re told the ‘so-called’ hoax is a SCAM — Reports: nothing.",
    "queueing beautiful make table the e\u00a0e e’ e” e_ e1 é eé",
    "via: x. the sources :y, reporter: z, reports:\tSource : \n",
    "They said, according to reports, that the disgusting, corrupt regime lied; you'll see for yourself.",
    "l'-x --y- z ’tis rock-’n’-roll- a\x1fb",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_shouted_words_are_what_the_pattern_finds(text):
    assert shouted_words(text) == _CAPS.findall(text)


def test_shouted_words_examples():
    assert shouted_words("ABCDEf") == ["ABCD"]  # the last capital belongs to the small letters after it
    assert shouted_words("ABCDe") == []  # "ABC" is too short
    assert shouted_words("xABCDE OKAY") == ["OKAY"]  # a run after a small letter is part of that word
    assert shouted_words("ÉABCD") == ["ABCD"]  # "É" is not in [A-Za-z]
    assert shouted_words("") == []


@pytest.mark.parametrize("text", AWKWARD)
def test_vowel_groups_and_syllables_are_the_plain_counts(text):
    lower = text.lower()
    assert count_vowel_groups(lower.encode()) == len(re.findall(r"[aeiouy]+", lower))
    assert count_syllables(lower) == len(re.findall(r"[aeiouy]+", lower)) - len(_SILENT_E.findall(lower))


def test_vowel_groups_examples():
    assert count_vowel_groups(b"queueing it") == 2  # "ueuei", "i"
    assert count_vowel_groups("éa e".encode()) == 2  # "é" is not a vowel here
    assert count_vowel_groups(b"") == 0


@pytest.mark.parametrize("text", AWKWARD)
def test_labels_are_what_the_pattern_finds(text):
    lower = text.lower()
    assert _labels(lower) == [m.span() for m in _LABEL.finditer(lower)]


def test_count_claims_is_the_plain_count():
    claims = [{"attributed_to": "police", "flags": []}, {"attributed_to": None, "flags": None},
              {"attributed_to": "", "flags": ["anonymous_source"]}, {"attributed_to": "x", "flags": ["unattributed"]},
              {"attributed_to": "sources", "flags": ("anonymous_source",)}, {}]
    plain_unattributed = sum(1 for c in claims if not c.get("attributed_to") or "unattributed" in (c.get("flags") or ()))
    plain_anonymous = sum(1 for c in claims if "anonymous_source" in (c.get("flags") or ()))
    assert _count_claims(claims) == (plain_unattributed, plain_anonymous) == (4, 2)
    assert _count_claims([]) == (0, 0)


@pytest.mark.parametrize("text", AWKWARD)
def test_text_counts_only_the_words_asked_for(text):
    words = WORD.findall(text.lower())
    wanted = _looked_up_words()
    t = Text.of(text, wanted)
    assert t.tokens == Text.of(text).tokens == words
    assert t.counts == Counter(w for w in words if w in wanted)


def test_looked_up_words_cover_the_lists():
    assert {"you’re", "corrupt", "disgusting", "said"} <= _looked_up_words()
    assert counted_words() | COUNTED_WORDS == _looked_up_words()


@pytest.mark.parametrize("title, body", [("", "x"), (" ", "Body."), ("Head", ""), ("Head", " \n"), ("Head", "Body.")])
def test_stance_inputs(title, body):
    assert has_stance_inputs(title, body) == (bool(title.strip()) and bool(body) and not body.isspace())


def _plain_signals(title, body, sentences, claims):
    """The signals with a full word count, as the component computed them before counting only some words."""
    lower = body.lower()
    words = WORD.findall(lower)
    counts = Counter(words)
    n_sentences = len(sentences) if sentences else None
    out = headline_signals(title)
    out += sourcing_signals(body, n_sentences or (sum(body.count(c) for c in ".!?") or (1 if body.strip() else 0)),
                            claims, lower, counts)
    out += language_signals(body, counts, len(words), lower)
    out += readability_signals(lower, len(words), n_sentences)
    return out


@pytest.mark.parametrize("body", AWKWARD + [" ".join(AWKWARD) * 5])  # the last one is long: the fast tokeniser
@pytest.mark.parametrize("title", ["", "SHOCKING: You Won't Believe It!!"])
@pytest.mark.parametrize("claims", [None, [{"attributed_to": None, "flags": ["unattributed"]}]])
@pytest.mark.parametrize("segmented", [False, True])
def test_component_without_stance_equals_the_plain_computation(body, title, claims, segmented):
    sentences = split_sentences(body) if segmented else []
    article = Article(title=title, body=body, sentences=sentences)
    if claims is not None:
        article.parts["claims"] = claims
    assert Signals(stance=None).compute(article) == _plain_signals(title, body, sentences, claims)
