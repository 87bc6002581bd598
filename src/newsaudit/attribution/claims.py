"""Check-worthy claims: which sentences assert something checkable, who says so, and how firmly.

A sentence is a *claim* when it states, in the writer's own words, something a
fact-checker could look up: a quantity (a year alone only dates it), deaths or
injuries, an accusation, a health or science finding, a hedge, or an actor
doing or saying something (see :func:`_named_actor`: a reported statement with
its content, or a name or role as the subject of an action verb; not
description, calls, verdicts or "declined to comment"). Direct quotations are
reported as quotes with their speaker and do not count: ``“…,” X said.`` is no
claim, ``X said the bridge was unsafe.`` is. Questions, exclamations, sentences
of fewer than five words and first-person opinions ("I think", "we must") are not.
A sentence whose main clause only says that something was not confirmed ("There
has been no confirmation of the attack.") is not a claim either: it flags the
claim before it.

``attributed_to``
    The first source the sentence gives, in this order of search: "according to
    X"; a speech verb with its speaker ("X said", "said X", "X told", "X
    claimed", "by claiming" with the sentence's subject); "X estimates/figures/
    data/report/study"; the speaker of a quote the sentence sits in. "he"/"she"
    become the nearest named person before them.

``flags``
    ``unconfirmed``: the sentence, or the remark after it, says it is not
    confirmed. A remark in a main clause ("There has been no confirmation…",
    "The figures could not be independently verified.") goes on the nearest claim
    before it; a remark inside the claim's own sentence (", a figure that could
    not be verified", "unconfirmed reports") on the sentence itself.
    ``hedged``: reportedly, allegedly, it is believed, appears to have, ...
    ``anonymous_source``: sources say, officials who asked not to be named, ...
    ``unattributed``: no source found.

``checkworthiness``
    A documented sum, clipped to [0, 1], of the reasons the sentence is worth
    checking (see :data:`WEIGHTS`): 0.10 to start, +0.25 for a number (+0.05 more
    for two or more), +0.25 for deaths or injuries, +0.20 for an accusation,
    +0.15 for an actor doing or saying something, +0.10 for a health or science finding, +0.10 when
    unconfirmed, +0.05 each when hedged or anonymously sourced, +0.05 when
    unattributed (nobody vouches for it), −0.20 for opinion wording. Claims are
    ranked by it, ties in text order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress, count
from operator import attrgetter
from typing import Any

from ..article import Sentence
from .lexicon import (
    ANONYMOUS,
    ANONYMOUS_TRIGGERS,
    FINDING_VERBS,
    HEDGE_TRIGGERS,
    HEDGE_WORDS,
    HEDGED,
    NON_PERSON_WORDS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    UNCONFIRMED,
    UNCONFIRMED_TRIGGERS,
    WEAK_SPEECH_VERBS,
    alternation,
    word_set,
)
from .mentions import People, Phrase, Token, phrase_after, phrase_before, tokenize
from .words import FOLDS_TO_ASCII, Words, whole_words, words_of

#: Check-worthiness weights; the score is their sum over what the sentence has, clipped to [0, 1].
WEIGHTS = {
    "base": 0.10,
    "number": 0.25,
    "numbers": 0.05,
    "casualty": 0.25,
    "accusation": 0.20,
    "named_actor": 0.15,
    "health": 0.10,
    "unconfirmed": 0.10,
    "hedged": 0.05,
    "anonymous_source": 0.05,
    "unattributed": 0.05,
    "opinion": -0.20,
}

_NUMBER_WORDS = word_set(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred
    hundreds thousand thousands million millions billion billions dozen dozens half twice percent"""
)
_CASUALTY_WORDS = word_set(
    """kill kills killed killing dead death deaths died dies wounded wounding injured injuring injuries injury
    casualties victim victims massacre massacred murder murders murdered fatality fatalities bodies
    hospitalized hospitalised"""
)
_ACCUSATION_WORDS = word_set(
    """accuse accused accuses accusing accusation accusations blame blamed blames blaming crime crimes criminal
    criminals fraud frauds fraudulent corrupt corruption lied lies lying illegal illegally violate violated
    violates violating violation violations cover-up coverup conspiracy conspiracies conspired guilty charged
    indicted arrested sued lawsuit scandal abuse abused abuses abusing terror terrorist terrorists terrorism
    rigged stole stolen bribe bribes bribed bribery embezzled embezzlement hoax cheat cheated cheating affair"""
)
_HEALTH_WORDS = word_set(
    """cure cures cured cause causes caused vaccine vaccines vaccinated study studies research researchers
    prevent prevents risk infection infections infected virus cancer disease patients symptoms trial clinical
    scientists doctors"""
)
_OPINION_TRIGGERS = word_set(
    "think believe feel opinion must should need let's let wake shame disgrace disgusting imagine"
)
_OPINION_PHRASES = (
    "I think", "I believe", "I feel", "in my opinion", "we must", "we should", "we need", "you should",
    "you need", "let's", "let us", "wake up", "shame on", "disgrace", "disgusting", "imagine",
)
_OPINION = alternation(_OPINION_PHRASES)
# Where an unconfirmed remark sits inside the claim it is about: ", a figure that could not be verified".
_SELF_REMARK = re.compile(
    r"(?:,|—|–|\()\s*(?:which|but|though|although|a (?:\w+ )?(?:that|which)|an? \w+ (?:that|which)|"
    r"claims? that|none of which|neither of which|this)\b",
    re.IGNORECASE,
)
_STATED_HERE = re.compile(
    r"\s*(?:(?:the |any )?(?:reports?|claims?|allegations?|accounts?|rumou?rs?|suggestions?)\s+)?that\s+"
    r"(?:the|a|an|it|he|she|they|there|his|her|its|their|[A-Z])"
)
_ADJECTIVE_REMARK = re.compile(r"\b(?:unconfirmed|unverified)\s+(?!by\b)[a-z]", re.IGNORECASE)
MIN_WORDS = 5


def find_claims(
    body: str,
    sentences: Sequence[Sentence],
    quotes: Sequence[dict[str, Any]] = (),
) -> list[dict[str, Any]]:
    """The check-worthy claims of ``body``, most check-worthy first.

    Parameters
    ----------
    body : str
    sentences : sequence of Sentence
        The body's sentences, in order (from the ``segment`` component).
    quotes : sequence of dict
        Report items from :func:`~newsaudit.attribution.quotes.find_quotes`: a
        sentence inside a quote is attributed to its speaker.

    Examples
    --------
    >>> from newsaudit.components.segment import split_sentences
    >>> body = ("Rebels said 30 people were killed in the raid. There has been no confirmation of the toll. "
    ...         "The mayor reportedly resigned on Monday.")
    >>> for c in find_claims(body, split_sentences(body)):
    ...     print(c["text"], "|", c["attributed_to"], "|", c["flags"], "|", c["checkworthiness"])
    Rebels said 30 people were killed in the raid. | Rebels | ['unconfirmed'] | 0.85
    The mayor reportedly resigned on Monday. | None | ['hedged', 'unattributed'] | 0.35
    """
    if not sentences:
        return []
    quote_ranges = sorted((q["start"], q["end"], i, q) for i, q in enumerate(quotes))
    people: People | None = None
    claims: list[dict[str, Any]] = []

    def claim_of(sentence: Sentence, words: Words, features: dict[str, bool], unconfirmed: bool) -> dict:
        nonlocal people
        text = sentence.text
        if words.lexical.isdisjoint(_SOURCE_TRIGGERS):
            # No verb or noun that could name a source: only a quote around the sentence can. No tokenising.
            phrase = _quote_speaker(_quoted(quote_ranges, sentence)) if quote_ranges else None
        else:
            phrase = _source(body, tokenize(body, 0, sentence.start, sentence.end), sentence, quote_ranges, words)
        if phrase is not None and phrase.is_pronoun and phrase.text.lower() in PERSON_PRONOUNS:
            if people is None:
                people = People(body, [(s, e) for s, e, _, _ in quote_ranges])
            phrase = people.before(phrase.start)
        flags = []
        if unconfirmed:
            flags.append("unconfirmed")
        if features["hedged"]:
            flags.append("hedged")
        if not words.lexical.isdisjoint(ANONYMOUS_TRIGGERS) and ANONYMOUS.search(text):
            flags.append("anonymous_source")
        if phrase is None:
            flags.append("unattributed")
        return {
            "text": text,
            "start": sentence.start,
            "end": sentence.end,
            "attributed_to": phrase.text if phrase else None,
            "flags": flags,
            "_features": features,
        }

    # The last sentence, when it was not listed, with its words (``None`` until they are needed).
    previous: tuple[Sentence, Words | None] | None = None
    for sentence in sentences:
        text = sentence.text
        lower = text.lower()
        # The words cost more than all the rest for most sentences: they are found only when needed.
        words = _words(lower) if _may_be_unconfirmed(lower) else None
        remark = None
        if words is not None and not words.lexical.isdisjoint(UNCONFIRMED_TRIGGERS):
            remark = UNCONFIRMED.search(text)
        if remark is not None and not _about_itself(text, remark):
            if previous is not None and not (_TOLL_WORDS.search(text) or _FIGURE_WORDS.search(text)):
                # "Residents claimed the bridge was days from collapse. There has been no confirmation of
                # that": the sentence before is a claim because the text says it is unconfirmed.
                prev_sentence, prev_words = previous
                if prev_words is None:
                    prev_words = _words(prev_sentence.text.lower())
                features = dict.fromkeys(_FEATURE_NAMES, False)
                features["hedged"] = _hedged(prev_sentence.text, prev_words)
                claims.append(claim_of(prev_sentence, prev_words, features, True))
                previous = None
                continue
            if claims:
                # A remark about an earlier claim: flag that claim, and do not list the remark as one.
                target = _remark_target(text, claims)
                if "unconfirmed" not in target["flags"]:
                    target["flags"].insert(0, "unconfirmed")
                previous = None
                continue
        features = None
        if _claim_shaped(text):
            if quote_ranges and _overlaps_quote(quote_ranges, sentence.start, sentence.end):
                own = _own_text(body, text, sentence.start, quote_ranges)
                features = _features(own, _words(own.lower()))
            else:
                words = _words(lower) if words is None else words
                features = _features(text, words)
        if features is None:
            previous = (sentence, words)
            continue
        previous = None
        words = _words(lower) if words is None else words
        claims.append(claim_of(sentence, words, features, remark is not None))
    for claim in claims:
        claim["checkworthiness"] = checkworthiness(claim.pop("_features"), claim["flags"])
    claims.sort(key=lambda c: (-c["checkworthiness"], c["start"]))
    return claims


_TOLL_WORDS = re.compile(
    r"\b(?:toll|deaths?|dead|casualt\w+|attack|killings?|strike|bombing|shelling)\b", re.IGNORECASE
)
_FIGURE_WORDS = re.compile(r"\b(?:figures?|numbers?|tally|estimates?|count|statistics|amount|sum)\b", re.IGNORECASE)
# How many claims back a remark may reach for the one it names.
_REMARK_REACH = 4


def _remark_target(text: str, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The claim a remark is about: the last one, unless the remark names a toll or a figure an earlier one has."""
    if _TOLL_WORDS.search(text):
        wanted = "casualty"
    elif _FIGURE_WORDS.search(text):
        wanted = "number"
    else:
        return claims[-1]
    for claim in reversed(claims[-_REMARK_REACH:]):
        if claim["_features"][wanted]:
            return claim
    return claims[-1]


def _about_itself(text: str, remark: re.Match[str]) -> bool:
    """Whether an unconfirmed remark qualifies its own sentence rather than the one before."""
    if _ADJECTIVE_REMARK.match(text, remark.start()):
        return True
    if _STATED_HERE.match(text, remark.end()):
        return True  # "Police did not confirm reports that …": what is unconfirmed is stated right here
    head = text[: remark.start()]
    return bool(_SELF_REMARK.search(head)) and len(head.split()) >= 5


def _claim_shaped(text: str) -> bool:
    """Whether ``text`` can be a claim at all: a statement (no question or exclamation) of five words or more."""
    stripped = text.rstrip("”’\"' )")
    return bool(stripped) and stripped[-1] not in "?!" and len(text.split(None, MIN_WORDS - 1)) >= MIN_WORDS


def _features(text: str, words: Words) -> dict[str, bool] | None:
    """What makes ``text`` (a sentence in the writer's own words, see :func:`_own_text`, with its lower-case
    ``words``) check-worthy, or ``None`` when it is no claim."""
    lexical = words.lexical
    if _DIGIT.search(text) is None:
        numbers = 0  # no digit: neither a number nor a year (the common case, without two scans)
    else:
        numbers = len(_DIGITS.findall(text)) - len(_YEARS.findall(text))
    if not lexical.isdisjoint(_NUMBER_WORDS):
        numbers += len(lexical & _NUMBER_WORDS)
    number = numbers > 0
    casualty = not lexical.isdisjoint(_CASUALTY_WORDS)
    opinion = not lexical.isdisjoint(_OPINION_TRIGGERS) and bool(_OPINION.search(text))
    if opinion and not (number or casualty):
        return None  # opinion without a number or a toll: no claim, whatever else it has
    accusation = not lexical.isdisjoint(_ACCUSATION_WORDS)
    health = not lexical.isdisjoint(_HEALTH_WORDS) or "FDA" in text or "CDC" in text or "WHO" in text
    named_actor = _named_actor(text, words)
    # A hedge marks an assertion of fact made with reservations: worth checking whatever it is about.
    hedged = _hedged(text, words)
    if not (number or casualty or accusation or health or named_actor or hedged):
        return None
    return {
        "number": number,
        "numbers": numbers > 1,
        "casualty": casualty,
        "accusation": accusation,
        "health": health,
        "named_actor": named_actor,
        "opinion": opinion,
        "hedged": hedged,
    }


_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
# A year dates an event; it is no quantity to check ("in 2009"). "$2019", "2019%" and "2,019" stay numbers.
# The first two digits come before the look-behind so that the regex engine can skip ahead to them.
_YEARS = re.compile(r"(?:1[89]|20)(?<![\d$£€,.]..)\d\d(?![\d%,.]\d|%)")
_FEATURE_NAMES = ("number", "numbers", "casualty", "accusation", "health", "named_actor", "opinion", "hedged")
# Words that make the next word a noun: "a report", "the first estimate", "its claims".
_NOUN_MARKERS = frozenset("a an the its their his her our first new latest final".split())
_SOURCE_TRIGGERS = SPEECH_VERBS | FINDING_VERBS | SOURCE_NOUNS | {"according"}
_LOWER = attrgetter("lower")


def _words(lower: str) -> Words:
    """The :class:`~.words.Words` of a lower-cased text with those in :data:`_LEXICON`."""
    return words_of(lower, _LEXICON)


def _may_be_unconfirmed(lower: str) -> bool:
    """Whether a lower-cased text may hold a word of :data:`UNCONFIRMED_TRIGGERS` (each holds one of these
    stems): without one, a sentence needs no word set to tell that it makes no unconfirmed remark."""
    return "confirm" in lower or "verif" in lower or "evidence" in lower


def _hedged(text: str, words: Words) -> bool:
    lexical = words.lexical
    if not lexical.isdisjoint(HEDGE_WORDS):
        return True
    if lexical.isdisjoint(HEDGE_TRIGGERS):
        return False
    if FOLDS_TO_ASCII.search(text) is None:
        # Every word :data:`HEDGED` can match is then one of the words or a part of one around an apostrophe
        # ("o’may have"), so the lexical words decide whether the long pattern need run at all.
        if "'" in text or "’" in text:
            lexical = _with_apostrophe_parts(words)
            if not lexical.isdisjoint(HEDGE_WORDS):
                return bool(HEDGED.search(text))
        if not _may_hedge(lexical):
            return False
        lower = text.lower()
        if not any(stem in lower for stem in _HEDGE_STEMS):
            return False
    return bool(HEDGED.search(text))


# Every match of :data:`HEDGED` holds one of these, lower-cased (the words of a hedge are ASCII letters joined
# by single spaces): a sentence without them needs no search.
_HEDGE_STEMS = (
    "reports", "reportedly", "alleged", "purportedly", "supposedly", "apparently", "rumo", "it is ", "which is ",
    "d to", "thought to", "to have", "to be", "may have", "might have", "could have",
)


_APOSTROPHE = re.compile("['’]")


def _with_apostrophe_parts(words: Words) -> frozenset[str]:
    """The lexical words and those among the parts of each word around its apostrophe ("o’may": "may")."""
    parts = [part for w in words.every if "'" in w or "’" in w for part in _APOSTROPHE.split(w)]
    return words.lexical | _LEXICON.intersection(parts) if parts else words.lexical


def _may_hedge(w: frozenset[str]) -> bool:
    """Whether ``w`` has the words of some multi-word hedge of :data:`HEDGED` (the one-word hedges are
    :data:`HEDGE_WORDS`)."""
    if "reports" in w or not w.isdisjoint(_RUMOURS):
        return True  # "according to reports", "local reports say", "rumours suggest"
    if "have" in w and not w.isdisjoint(_MAY):
        return True  # "may have", "might have", "could have been"
    if "is" in w and ("it" in w or "which" in w) and not w.isdisjoint(_IT_IS):
        return True  # "it is believed", "it is likely that"
    if "to" in w:
        if not w.isdisjoint(_BELIEVED) and not w.isdisjoint(_BE):
            return True  # "was said to"
        if ("have" in w or "be" in w) and not w.isdisjoint(_SEEMS):
            return True  # "appears to have"
    return False


_RUMOURS = word_set("rumor rumors rumour rumours")
_MAY = word_set("may might could")
_IT_IS = word_set("believed thought understood said claimed rumored rumoured alleged possible likely")
_BELIEVED = word_set("believed thought understood said rumored rumoured alleged reported")
_BE = word_set("is are was were")
_SEEMS = word_set("appear appears appeared seem seems seemed")
#: The words :func:`_may_hedge` asks about.
_HEDGE_PARTS = word_set("reports have is it which to be") | _RUMOURS | _MAY | _IT_IS | _BELIEVED | _BE | _SEEMS


def _own_text(body: str, text: str, start: int, quotes: list[tuple[int, int, int, dict]]) -> str:
    """``text`` (a sentence starting at ``start`` in ``body``) without the words of the quotes in it.

    A direct quotation is reported as a quote, with its speaker; what makes the sentence a claim must be
    said in the writer's own words (which include reported speech: "X said the bridge was unsafe"). A
    quote whose opening mark is missing has a guessed start: it is left out only of the sentences that
    show a quotation mark, so that a plain sentence before it stays the writer's.
    """
    end = start + len(text)
    marked = not _QUOTE_MARKS.isdisjoint(text)
    i = max(0, bisect_right(quotes, (start, _INF)) - 1)
    pieces, pos = [], start
    while i < len(quotes) and quotes[i][0] < end:
        q_start, q_end = quotes[i][0], quotes[i][1]
        if q_end > pos and (marked or (q_start > 0 and body[q_start - 1] in _QUOTE_MARKS)):
            if q_start > pos:
                pieces.append(text[pos - start : q_start - start])
            pos = max(pos, q_end)
        i += 1
    if pos < end:
        pieces.append(text[pos - start :])
    return " ".join(pieces)


_QUOTE_MARKS = frozenset("\"“”‘’«»")
_INF = float("inf")  # sorts after every quote's end: ``(start, _INF)`` follows the quotes starting at ``start``


def _named_actor(text: str, words: Words | None = None) -> bool:
    """An actor doing or saying something checkable.

    Either a statement is reported (:func:`_reports_content`: "residents said the sirens did not sound",
    "the ministry denied the reports"), or an actor is the subject of an action verb: a capitalised name
    or a role noun ("Okonkwo scored", "Velto Motors will cut", "the mayor reportedly resigned", "Brandt,
    29, was spotted"). Description ("X is a singer"), calls and verdicts ("called for an inquiry",
    "called the plan a betrayal"), non-comments ("declined to comment") and a name that is only the
    object ("he thanked Elena Vasquez") do not count. Each run of capitalised words is matched once, so
    the time is linear in the sentence.
    """
    words = _words(text.lower()) if words is None else words
    lexical = words.lexical
    # Set lookups decide which verbs and nouns to look for; each is then found as a whole word.
    if not lexical.isdisjoint(_STRONG_SPEECH):
        for verb in lexical & _STRONG_SPEECH:
            for _, end in whole_words(text, verb):
                if _reports_content(text, end, verb):
                    return True
    # A subject counts only before a modal or a past-tense verb: a lower-case word of the sentence, maybe
    # joined to an apostrophe and more letters in the words. Without any such word no subject can count.
    if lexical.isdisjoint(_ACTION_WORDS):
        for w in words.every:
            if len(w) > 4 and (w.endswith("ed") or "'" in w or "’" in w):
                break
        else:
            return False
    # Every run of capitalised words with what follows it, when that is a verb (one regex pass, in C).
    for k, (subject, modal, verb) in enumerate(_RUN_AND_VERB.findall(text)):
        # The verb decides most runs, so it is looked at first; only the first run can start at the
        # sentence's first letter, which is found only when its subject is looked at.
        if verb and _is_event(modal, verb) and _can_be_subject(
            text, subject, _CAPITALISED.search(text).start() if k == 0 else None
        ):
            return True
    if not lexical.isdisjoint(_SUBJECT_NOUNS):
        for noun in lexical & _SUBJECT_NOUNS:
            for start, end in whole_words(text, noun):
                after = _AFTER_SUBJECT.match(text, end)
                if after is not None and _is_actor(text, text[start:end], after.group("modal"), after.group("verb"), start):
                    return True
    return False


def _is_actor(text: str, subject: str, modal: str | None, verb: str, start: int | None) -> bool:
    """Whether ``subject`` (starting at ``start`` in ``text``; ``None`` when it cannot be the first word)
    followed by ``modal`` and ``verb`` is an actor doing something: :func:`_can_be_subject` and
    :func:`_is_event`."""
    return _is_event(modal, verb) and _can_be_subject(text, subject, start)


def _is_event(modal: str | None, verb: str) -> bool:
    """Whether ``verb`` (after ``modal``, if any) tells an event: a modal, or a past tense that is no speech
    verb, courtesy or non-verb."""
    if modal and verb not in _NON_EVENTS:
        return True
    if verb in _NON_EVENTS or verb in SPEECH_VERBS or verb in _NOT_VERBS:
        return False
    return verb in _IRREGULAR_PAST or (verb.endswith("ed") and len(verb) > 4)


def _can_be_subject(text: str, subject: str, start: int | None) -> bool:
    """Whether ``subject`` may be an actor: not a sentence word ("The", "But"), nor an adverb or participle
    opening the sentence (``start``: where it starts, ``None`` when it cannot be the first word)."""
    if subject[0].isupper() and " " not in subject:
        low = subject.lower().rstrip("’'s") if subject.endswith(("’s", "'s")) else subject.lower()
        if low in _SENTENCE_WORDS or low in NON_PERSON_WORDS:
            return False
        if low.endswith(("ly", "ing")) and start == _first_letter(text):
            return False
    return True


def _first_letter(text: str) -> int:
    return len(text) - len(text.lstrip(" \t\n“‘\"'("))


def _reports_content(text: str, end: int, verb: str) -> bool:
    """Whether the speech verb ending at ``end`` introduces what was said, not just who said it.

    "said the advice was dangerous", "told reporters that the state would …": a "that" or a finite verb
    before the next comma, colon or coordinator. Verbs that take a proposition as their object ("denied
    the reports", "announced his retirement") need only an object. "said Marta Oyelaran", "told a news
    conference", "have said and appealed …" report nothing.
    """
    if verb in WEAK_SPEECH_VERBS:
        return False
    window = _CLAUSE_END.split(text[end : end + 160], 1)[0]
    words = _WINDOW_WORDS.findall(window)[:10]
    if not words or words[0][:1].isupper() and verb in ("said", "says", "say", "added", "adds", "wrote"):
        return False  # "said Marta Oyelaran": the speaker after the verb, no content
    if verb in _PROPOSITION_VERBS and len(words) >= 2:
        return True
    if words[0].lower() in _PREPOSITIONS:
        return "that" in words  # "said in a statement that …"; not "said in a video posted online"
    for word in words:
        if word == "that" or word in _FINITE or (
            word.endswith("ed") and len(word) > 4 and word not in _NOT_VERBS and word[0].islower()
        ):
            return True
    return False


_STRONG_SPEECH = SPEECH_VERBS - WEAK_SPEECH_VERBS


_PREPOSITIONS = word_set("in on at to during from with after before by via through over for into under about")
_CLAUSE_END = re.compile(r"[,;:.!?()“”\"—–]|\s(?:and|but|or|while|as|because|before|after)\s")
_WINDOW_WORDS = re.compile(r"[\w’'$-]+")
_FINITE = word_set(
    """is are was were am be been being had has have would will could can did does do should might may must
    shall won't wouldn't couldn't didn't doesn't don't isn't wasn't weren't hasn't haven't hadn't can't"""
)
_PROPOSITION_VERBS = word_set(
    """deny denies denied confirm confirms confirmed admit admits admitted acknowledge acknowledges
    acknowledged announce announces announced reveal reveals revealed disclose disclosed allege alleges
    alleged accuse accuses accused claim claims claimed report reports reported predict predicts predicted
    estimate estimates estimated"""
)
#: Lower-case heads of an actor that does things: "the mayor resigned", "police arrested", "officials said".
_SUBJECT_NOUNS = (
    ROLE_NOUNS
    | word_set(
        """mayor governor senator judge coach manager ceo chairman chairwoman chancellor king queen prince princess
        pope ambassador sheriff commissioner lawmaker lawmakers congressman congresswoman candidate"""
    )
) - word_set("report study statement survey poll paper journal man woman people person")
# A run of capitalised words, matched once each (the candidate subject of a verb). The capital comes before
# the look-behind so that the regex engine can skip ahead to capitals.
_CAPITALISED = re.compile(
    r"[A-Z](?<![\w’'-].)[\w’'.-]*(?:[ \t]+(?:[A-Z][\w’'.-]*|(?:de|van|von|al|bin)(?=[ \t]+[A-Z])))*+"
)
_AUX = (
    r"has|have|had|is|are|was|were|been|being|also|later|then|previously|earlier|once|again|reportedly|"
    r"allegedly|publicly|privately|repeatedly|recently|already|never|not|just|now|still|only|first|finally|"
    r"did|does|do|quickly|officially|formally|secretly|apparently"
)
_AFTER_SUBJECT = re.compile(
    r"(?:(?<=[’']s)[ \t]+[a-z]+)?"  # "Berrick's campaign pointed to …"
    r"(?:[ \t]*,[^,.;:!?“”\"]{1,50},)?"  # an apposition: "Brandt, 29, was spotted", "X, the envoy, said"
    r"(?:[ \t\n]+(?:" + _AUX + r")\b){0,3}"
    r"[ \t\n]+(?P<modal>(?:will|would|could|can|may|might|must|should|plans to|wants to)[ \t]+(?:not[ \t]+)?)?"
    r"(?P<verb>[a-z]+)\b"
)
# A capitalised run and, when a verb follows it as :data:`_AFTER_SUBJECT` reads it, that verb and its modal:
# ``findall`` gives ``(run, modal, verb)`` for every run (empty strings when no verb follows), so that only the
# runs before a verb cost a Python step. The look-ahead consumes nothing: the runs are those of ``_CAPITALISED``.
_RUN_AND_VERB = re.compile("(" + _CAPITALISED.pattern + ")(?:(?=" + _AFTER_SUBJECT.pattern + ")|)")
_IRREGULAR_PAST = word_set(
    """made won lost took gave began went hit met sold paid built led left ran got found told wrote sent held
    kept spent fell rose cut put set struck fled bought brought caught fought sought taught threw drove broke
    chose stole shot beat swore tore wore became came drew flew grew knew blew hid sat stood withdrew sank
    swam dug hung lent meant quit split spread shut bet born seen taken given done gone won sworn overtook
    undertook forgot forgave sprang ate"""
)
#: Verbs of courtesy, refusal or feeling: what they tell is not checked ("declined to comment").
_NON_EVENTS = word_set(
    """declined refused thanked praised congratulated welcomed wished hoped loved liked enjoyed wanted
    seemed appeared looked sounded felt be comment"""
)
#: Words ending in -ed that are no verbs.
_NOT_VERBS = word_set("need needed indeed speed hundred red bed breed feed seed greed shed wed bred sacred naked wicked")
_SENTENCE_WORDS = word_set(
    """the a an this that these those it he she they we i you his her their our my your there here
    but and or so yet if when while as after before since because although though however even still
    also meanwhile earlier later then what why how who where which in on at for from with by of to not no
    many some all both each every other such most more neither nor either one"""
)


# Words after which a subject may count (a modal, or a past tense not ending in -ed): see :func:`_named_actor`.
_ACTION_WORDS = _IRREGULAR_PAST | word_set("will would could can may might must should plans wants")


def checkworthiness(features: dict[str, bool], flags: Sequence[str]) -> float:
    """The check-worthiness score: :data:`WEIGHTS` summed over ``features`` and ``flags``, clipped to [0, 1].

    >>> checkworthiness({"number": True, "casualty": True}, ["unattributed"])
    0.65
    """
    score = WEIGHTS["base"]
    for name, present in features.items():
        if present and name not in flags:
            score += WEIGHTS[name]
    for flag in flags:
        score += WEIGHTS[flag]
    return round(min(1.0, max(0.0, score)), 3)


def _source(
    body: str,
    tokens: list[Token],
    sentence: Sentence,
    quotes: list[tuple[int, int, int, dict]],
    words: Words | None = None,
) -> Phrase | None:
    """The first source the sentence names (see the module docstring for the order).

    ``words`` are the sentence's :class:`~.words.Words`, when the caller has them: a token
    "according" is always one of them, so without it the search for "according to" is skipped.
    """
    inside = _quoted(quotes, sentence) if quotes else None
    if quotes and _overlaps_quote(quotes, sentence.start, sentence.end):
        outside = _outside_quotes(tokens, quotes, sentence.start, sentence.end)
    else:
        outside = tokens
    if words is None or "according" in words.lexical:
        for i, tok in enumerate(outside):
            if tok.lower == "according" and i + 1 < len(outside) and outside[i + 1].lower == "to":
                phrase = phrase_after(outside, i + 2, body) or _plain_phrase(outside, i + 2, body)
                if phrase is not None:
                    return phrase
    first = bisect_left(quotes, (sentence.start,))
    last = bisect_left(quotes, (sentence.end,), first)
    quote_starts = [q[0] for q in quotes[first:last]]
    subject: Phrase | None = None
    # Only a token of :data:`_SOURCE_TRIGGERS` can name a source; the others are skipped in one C-level pass.
    for i in compress(count(), map(_SOURCE_TRIGGERS.__contains__, map(_LOWER, outside))):
        tok = outside[i]
        low = tok.lower
        if low in FINDING_VERBS:
            phrase = _finding_source(outside, i, body)
            if phrase is not None:
                return phrase
        if low in WEAK_SPEECH_VERBS and any(s > tok.start for s in quote_starts):
            phrase = phrase_before(outside, i, body)
            if phrase is not None:
                return phrase
        if low in SOURCE_NOUNS and i > 0 and outside[i - 1].is_cap and outside[i - 1].end + 1 >= tok.start:
            # "UN estimates put …", "Police figures show …"
            phrase = phrase_before(outside, i, body)
            if phrase is not None and not phrase.is_pronoun:
                return phrase
        if low not in SPEECH_VERBS or low in WEAK_SPEECH_VERBS and inside is None:
            continue
        if i > 0 and outside[i - 1].lower in _NOUN_MARKERS:
            continue  # "a first report is expected": a noun here, not a verb of speech
        if low.endswith("ing"):
            # "…, accusing Moscow of …", "by claiming that …": the speaker is the sentence's subject.
            subject = subject or phrase_after(outside, 0, body)
            if subject is not None:
                return subject
            continue
        phrase = phrase_before(outside, i, body)
        if phrase is None and i > 0 and outside[i - 1].text in ',”"’':
            phrase = phrase_after(outside, i + 1, body)
        if phrase is not None:
            return phrase
    return _quote_speaker(inside)


def _quote_speaker(quote: dict | None) -> Phrase | None:
    """The speaker of ``quote`` as a source phrase, if it has one."""
    if quote is not None and quote.get("speaker"):
        return Phrase(quote["speaker"], quote["speaker_start"], quote["speaker_end"], True)
    return None


def _plain_phrase(tokens: list[Token], i: int, body: str) -> Phrase | None:
    """Words up to the next punctuation (at most six): "according to *company figures*"."""
    j = i
    while j < len(tokens) and j - i < 6 and tokens[j].text[0].isalnum():
        j += 1
    if j == i or j - i == 6 and j < len(tokens) and tokens[j].text[0].isalnum():
        return None
    return Phrase(body[tokens[i].start : tokens[j - 1].end], tokens[i].start, tokens[j - 1].end, False)


def _finding_source(tokens: list[Token], i: int, body: str) -> Phrase | None:
    """ "a study of 400,000 people published on Monday found": the report or study before a finding verb."""
    for k in range(i - 1, max(-1, i - 12), -1):
        tok = tokens[k]
        if tok.text in '.;:!?“”"':
            return None
        if tok.lower in SOURCE_NOUNS or tok.lower in ("study", "research", "review", "trial", "poll", "paper"):
            start = k
            while (
                start > 0
                and start > k - 3
                and tokens[start - 1].text[0].isalnum()
                and not (tokens[start - 1].lower in SPEECH_VERBS or tokens[start - 1].lower in ("that", "and", "but"))
            ):
                start -= 1
            return Phrase(body[tokens[start].start : tokens[i - 1].end], tokens[start].start, tokens[i - 1].end, False)
    return None


def _quoted(quotes: list[tuple[int, int, int, dict]], sentence: Sentence) -> dict | None:
    """The quote that holds most of ``sentence``, if any."""
    i = bisect_right(quotes, (sentence.end,)) - 1
    while i >= 0 and quotes[i][1] > sentence.start - 2:
        s, e, _, quote = quotes[i]
        overlap = min(e, sentence.end) - max(s, sentence.start)
        if overlap >= 0.5 * (sentence.end - sentence.start):
            return quote
        i -= 1
        if sentence.start - s > 5000:
            break
    return None


def _overlaps_quote(quotes: list[tuple[int, int, int, dict]], start: int, end: int) -> bool:
    """Whether :func:`_in_quotes` holds for any position in ``[start, end)``."""
    i = bisect_right(quotes, (start, _INF)) - 1
    if i >= 0 and quotes[i][1] > start:
        return True
    return i + 1 < len(quotes) and quotes[i + 1][0] < end


def _outside_quotes(tokens: list[Token], quotes: list[tuple[int, int, int, dict]], start: int, end: int) -> list[Token]:
    """The tokens (of the text from ``start`` to ``end``, in order) that do not start in a quote, as
    :func:`_in_quotes` decides: a position is in the last quote starting at or before it, or in none.

    That quote is ``quotes[k]`` from its start up to the next quote's start, so the positions in a quote are
    the ranges ``[start_k, min(end_k, start_k+1))``, in order and apart; each drops a slice of the tokens.
    """
    token_starts = [t.start for t in tokens]
    out: list[Token] = []
    kept_from = 0
    k = max(0, bisect_right(quotes, (start, _INF)) - 1)
    while k < len(quotes) and quotes[k][0] < end:
        q_start, q_end = quotes[k][0], quotes[k][1]
        if k + 1 < len(quotes):
            q_end = min(q_end, quotes[k + 1][0])
        if q_end > q_start:
            first = bisect_left(token_starts, q_start, kept_from)
            kept_from_next = bisect_left(token_starts, q_end, first)
            out.extend(tokens[kept_from:first])
            kept_from = kept_from_next
        k += 1
    out.extend(tokens[kept_from:])
    return out


def _in_quotes(quotes: list[tuple[int, int, int, dict]], position: int) -> bool:
    i = bisect_right(quotes, (position, _INF)) - 1
    return i >= 0 and quotes[i][0] <= position < quotes[i][1]


#: Every word a rule of this module looks up in a sentence's words (see :class:`Words`).
_LEXICON = (
    UNCONFIRMED_TRIGGERS
    | ANONYMOUS_TRIGGERS
    | _SOURCE_TRIGGERS
    | HEDGE_WORDS
    | HEDGE_TRIGGERS
    | _NUMBER_WORDS
    | _CASUALTY_WORDS
    | _OPINION_TRIGGERS
    | _ACCUSATION_WORDS
    | _HEALTH_WORDS
    | _STRONG_SPEECH
    | _ACTION_WORDS
    | _SUBJECT_NOUNS
    | _HEDGE_PARTS
)
