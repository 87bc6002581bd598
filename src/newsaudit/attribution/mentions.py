"""Who is speaking: tokens with offsets, speaker phrases next to a speech verb, and named people.

A *speaker phrase* is a short noun phrase next to a speech verb: a name with its
title ("Russian Foreign Minister Sergey Lavrov"), a role or group ("Authorities in
Damascus", "a spokesman for the ministry"), or a pronoun ("he"). The phrase is
found by walking tokens away from the verb while they can belong to such a
phrase; the walk is bounded, so the cost per verb is constant.

*Named people* are capitalised word runs that look like a person's name (two or
more words not ending in "Ministry", "Army", ...; or a title and a surname; or
the surname of a person named earlier). Pronouns are resolved to the nearest
named person before them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from .lexicon import (
    ABBREVIATIONS,
    AUXILIARIES,
    NAME_PARTICLES,
    NON_PERSON_HEADS,
    NON_PERSON_WORDS,
    OTHER_PRONOUNS,
    PERSON_PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_WORDS,
    word_set,
)

# A word (with inner apostrophes, hyphens and dots: "Kerry’s", "Jean-Marc", "U.S"), or one other character.
# Each token comes with the white space before it, so that offsets follow from lengths alone.
_SPACED_TOKEN = re.compile(r"(\s*)(\w+(?:[’'.\-]\w+)*|[^\w\s])")
# How far a speaker phrase may reach from its verb, in tokens.
MAX_PHRASE_TOKENS = 10
_PREPOSITIONS = word_set("of for in at from by")
_CONNECTORS = word_set("and &")
_DETERMINERS = word_set("a an the")


class Token(NamedTuple):
    """A word or punctuation mark with its offsets; ``lower`` and ``is_cap`` are computed once, when it is made."""

    text: str
    start: int
    end: int
    lower: str
    is_cap: bool


_new_token = tuple.__new__


class Phrase(NamedTuple):
    """A speaker or source phrase: its text, its range in the body, and whether it names a person."""

    text: str
    start: int
    end: int
    is_person: bool
    is_pronoun: bool = False


def tokenize(text: str, offset: int = 0, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets shifted by ``offset``; an abbreviation keeps its full stop.

    >>> [t.text for t in tokenize("Dr. Smith said, “Yes.”")]
    ['Dr.', 'Smith', 'said', ',', '“', 'Yes', '.', '”']
    """
    end = len(text) if end is None else min(end, len(text))
    # Trailing white space is cut first: "(\s*)" failing at the end of a long blank run would go quadratic.
    if end > start and text[end - 1].isspace():
        end = start + len(text[start:end].rstrip())
    out: list[Token] = []
    append = out.append
    position = start + offset  # the offsets are shifted once, here
    can_absorb = False  # whether the last token is a word that may take the full stop after it
    # ``findall`` hands back (space before, token) pairs in one C call; offsets are summed from their lengths.
    for space, word in _SPACED_TOKEN.findall(text, start, end):
        s = position + len(space)
        position = s + len(word)
        if can_absorb and word == "." and not space:
            last = out[-1]
            w = last[0]
            if last[3] in ABBREVIATIONS or "." in w or (len(w) == 1 and w.isupper()):
                out[-1] = _new_token(Token, (w + ".", last[1], position, last[3] + ".", last[4]))
                can_absorb = False
                continue
        first = word[0]
        append(_new_token(Token, (word, s, position, word.lower(), first.isupper())))
        can_absorb = first.isalpha()
    return out


def _is_name_word(tok: Token) -> bool:
    return tok.is_cap and tok.lower.rstrip(".") not in NON_PERSON_WORDS and tok.text[0].isalpha()


def _is_nominal(tok: Token) -> bool:
    return tok.lower in ROLE_NOUNS or tok.lower in TITLE_WORDS


def _finish(tokens: list[Token], body: str) -> Phrase | None:
    """Trim function words from both ends of a candidate phrase and decide if it names a person."""
    while tokens and (tokens[0].lower in _PREPOSITIONS or tokens[0].lower in _CONNECTORS):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].lower in _PREPOSITIONS
        or tokens[-1].lower in _CONNECTORS
        or tokens[-1].lower in ROLE_MODIFIERS
        and not tokens[-1].is_cap
        and not _is_nominal(tokens[-1])
    ):
        tokens = tokens[:-1]
    if not tokens:
        return None
    if not any(t.is_cap or _is_nominal(t) for t in tokens):
        return None
    if len(tokens) == 1 and tokens[0].lower in NON_PERSON_WORDS:
        return None
    # "Russian Foreign Minister Sergey Lavrov": the person is the run of name words after the last title word.
    name = _trailing_name(tokens)
    last = tokens[-1]
    if name and not (last.lower in ROLE_NOUNS and not last.is_cap):
        start, end = name[0].start, name[-1].end
        before = tokens[: tokens.index(name[0])]
        person = _looks_like_person(name, titled=bool(before) and before[-1].lower.rstrip(".") in TITLE_WORDS)
        if person or not before or before[-1].lower.rstrip(".") in TITLE_WORDS:
            return Phrase(body[start:end], start, end, person)
    start, end = tokens[0].start, tokens[-1].end
    return Phrase(body[start:end], start, end, False)


def _trailing_name(tokens: list[Token]) -> list[Token]:
    """The longest run at the end of ``tokens`` of name words and particles that are not title words."""
    run: list[Token] = []
    for tok in reversed(tokens):
        low = tok.lower.rstrip(".")
        if _is_name_word(tok) and low not in TITLE_WORDS or low in NAME_PARTICLES and run:
            run.append(tok)
        else:
            break
    while run and run[-1].lower in NAME_PARTICLES:
        run.pop()
    run.reverse()
    return run


def _looks_like_person(name: list[Token], titled: bool = False) -> bool:
    if name[-1].lower in NON_PERSON_HEADS or name[0].lower in NON_PERSON_WORDS:
        return False
    if any(t.text.isupper() and len(t.text) > 1 for t in name):
        # "UN", "ISIS", "FDA": acronyms name organisations.
        return False
    return len(name) >= 2 or titled


def phrase_after(tokens: list[Token], i: int, body: str) -> Phrase | None:
    """The speaker phrase starting at ``tokens[i]`` ("said *the UN envoy for Syria*", "*Kerry* told").

    >>> body = "said Russian Foreign Minister Sergey Lavrov on Friday"
    >>> phrase_after(tokenize(body), 1, body)
    Phrase(text='Sergey Lavrov', start=30, end=43, is_person=True, is_pronoun=False)
    """
    if i >= len(tokens):
        return None
    first = tokens[i]
    if first.lower in PERSON_PRONOUNS or first.lower in OTHER_PRONOUNS:
        return Phrase(first.text, first.start, first.end, False, True)
    if not (first.is_cap or _is_nominal(first) or first.lower in ROLE_MODIFIERS):
        # "said lead author Professor Nadia Okafor": a lower-case descriptor before a name.
        if not first.text.isalpha() or first.lower in NON_PERSON_WORDS:
            return None
        for k in range(i + 1, min(len(tokens), i + 3)):
            if tokens[k].is_cap and tokens[k].text[0].isalpha():
                i = k
                break
            if not tokens[k].text.isalpha() or tokens[k].lower in SPEECH_VERBS or tokens[k].lower in NON_PERSON_WORDS:
                return None
        else:
            return None
    taken: list[Token] = []
    j = i
    while j < len(tokens) and len(taken) < MAX_PHRASE_TOKENS:
        tok = tokens[j]
        low = tok.lower
        if tok.is_cap and tok.text[0].isalpha() or _is_nominal(tok):
            if taken and low in NON_PERSON_WORDS and low not in _DETERMINERS:
                break
            taken.append(tok)
        elif (
            low in ROLE_MODIFIERS
            and (not taken or taken[-1].lower in _PREPOSITIONS | _DETERMINERS | ROLE_MODIFIERS)
            or taken
            and low in NAME_PARTICLES
            and j + 1 < len(tokens)
            and tokens[j + 1].is_cap
            or taken
            and (low in _PREPOSITIONS or low in _CONNECTORS or low == "close")
            and _continues(tokens, j + 1)
            or taken
            and low == "to"
            and taken[-1].lower == "close"
        ):
            taken.append(tok)
        else:
            break
        j += 1
    return _finish(taken, body)


def _continues(tokens: list[Token], j: int) -> bool:
    """Whether a phrase may go on past a preposition: a name or role follows, perhaps after one modifier."""
    for k in (j, j + 1):
        if k >= len(tokens):
            return False
        tok = tokens[k]
        if (tok.is_cap and tok.text[0].isalpha() and tok.lower not in NON_PERSON_WORDS) or _is_nominal(tok):
            return True
        if tok.lower == "to" and k == j:
            continue
        if tok.lower not in ROLE_MODIFIERS:
            return False
    return False


def phrase_before(tokens: list[Token], i: int, body: str) -> Phrase | None:
    """The speaker phrase ending just before ``tokens[i]`` (a speech verb), skipping auxiliaries.

    ``"Authorities in Damascus have said"``, ``"Staffan de Mistura, the UN envoy, said"``.

    >>> body = "Authorities in Damascus have said"
    >>> phrase_before(tokenize(body), 4, body).text
    'Authorities in Damascus'
    """
    j = i - 1
    if j >= 0 and tokens[j].lower in _PASSIVE:
        return None  # "is said to", "was reported": no speaker named
    while j >= 0 and (tokens[j].lower in AUXILIARIES or tokens[j].lower.endswith("ly") and not tokens[j].is_cap):
        j -= 1
    if j < 0:
        return None
    if tokens[j].text == ",":
        return _appositive(tokens, j, body)
    if tokens[j].lower in PERSON_PRONOUNS or tokens[j].lower in OTHER_PRONOUNS:
        return Phrase(tokens[j].text, tokens[j].start, tokens[j].end, False, True)
    relative = _relative_head(tokens, j)
    taken = _walk_back(tokens, relative if relative is not None else j)
    if relative is not None and taken:
        # "officials who asked not to be named said": the phrase reaches the verb.
        taken = taken + list(tokens[relative + 1 : j + 1])
        start, end = taken[0].start, taken[-1].end
        while taken and taken[0].lower in _DETERMINERS | _PREPOSITIONS:
            taken = taken[1:]
        start = taken[0].start if taken else start
        return Phrase(body[start:end], start, end, False) if taken else None
    return _finish(taken, body) or _common_noun_before(tokens, j, body)


_PASSIVE = word_set("is are was were be been being")
_QUANTIFIERS = word_set("the a an some many several most two three four few other others")


def _common_noun_before(tokens: list[Token], j: int, body: str) -> Phrase | None:
    """ "the carmaker said", "some wellness websites have claimed": up to three lower-case words after a determiner."""
    for k in range(j, max(-1, j - 4), -1):
        tok = tokens[k]
        if tok.lower in _QUANTIFIERS and k < j:
            start = tok.start
            if k >= 2 and tokens[k - 1].lower in _PREPOSITIONS:
                # "Authorities in the capital said": the head before the preposition.
                head = _walk_back(tokens, k - 2)
                if head and (head[-1].is_cap or _is_nominal(head[-1])):
                    start = head[0].start
            return Phrase(body[start : tokens[j].end], start, tokens[j].end, False)
        if not tok.text.isalpha() or tok.is_cap:
            return None
    return None


def _walk_back(tokens: list[Token], j: int) -> list[Token]:
    taken: list[Token] = []
    while j >= 0 and len(taken) < MAX_PHRASE_TOKENS:
        tok = tokens[j]
        low = tok.lower
        if tok.is_cap and tok.text[0].isalpha() or _is_nominal(tok):
            if low in _DETERMINERS:
                taken.append(tok)
                break
            if low in NON_PERSON_WORDS:
                break
            taken.append(tok)
        elif low in _DETERMINERS:
            if taken:
                taken.append(tok)
            break
        elif (
            taken
            and (low in ROLE_MODIFIERS or low in NAME_PARTICLES)
            or taken
            and (low in _PREPOSITIONS or low in _CONNECTORS)
            and j > 0
            and (tokens[j - 1].is_cap or _is_nominal(tokens[j - 1]))
        ):
            taken.append(tok)
        elif taken and low == "to" and j > 0 and tokens[j - 1].lower == "close":
            taken.extend((tok, tokens[j - 1]))
            j -= 1
        else:
            break
        j -= 1
    taken.reverse()
    return taken


_RELATIVE_STARTS = word_set("who close familiar with")


def _relative_head(tokens: list[Token], j: int) -> int | None:
    """Index of the noun before "who ..."/"close to ..." within reach of ``tokens[j]``, if the phrase has one."""
    for k in range(j, max(-1, j - 9), -1):
        tok = tokens[k]
        if not tok.text[0].isalnum() and tok.text not in ("-",):
            return None
        if tok.lower in _RELATIVE_STARTS and k > 0 and (_is_nominal(tokens[k - 1]) or tokens[k - 1].is_cap):
            if tok.lower == "with" and tokens[k - 1].lower != "familiar":
                continue
            return k - 1
    return None


def _appositive(tokens: list[Token], comma: int, body: str) -> Phrase | None:
    """``A, B, said``: whichever of A and B names a person, else A."""
    k = comma - 1
    while k >= 0 and tokens[k].text != "," and comma - k <= MAX_PHRASE_TOKENS:
        if tokens[k].text in '.;:!?“”"':
            return None
        k -= 1
    if k < 0 or tokens[k].text != ",":
        return None
    inner = _finish(_walk_back(tokens, comma - 1), body)
    outer = _finish(_walk_back(tokens, k - 1), body)
    for phrase in (outer, inner):
        if phrase is not None and phrase.is_person:
            return phrase
    return outer or inner


_UPPER = "A-ZÀ-ÖØ-Þ"
# The first character comes before the look-behind so that the regex engine can skip ahead to capitals.
_CAPITALISED_RUN = re.compile(
    rf"(?P<head>[{_UPPER}](?<![\w’'].)\w*)[\w’'\-]*\.?"
    rf"(?P<more>(?:[ \t]+(?:(?:{'|'.join(sorted(NAME_PARTICLES))})[ \t]+)?[{_UPPER}][\w’'\-]*\.?)*)"
)
_HEAD = re.compile(r"\w*")
_NEVER = float("inf")  # the start and end of the range after the last one to skip
# A run that :func:`tokenize` makes into one word and punctuation (not "Ab--Cd", two words).
_ONE_TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*[’'\-]?\.?")


# Everything up to the last clause break of a short string (greedy, so it backs off from the end).
_LAST_BREAK = re.compile(r'.*[.!?,\n”"“:;—]', re.DOTALL)


def _name_of(run: list[Token]) -> tuple[int, int, str, str, bool, bool] | None:
    """The name a capitalised run ends in: ``(start, end, surname key, its leading letters, looks like a person,
    one word)``; ``None`` when the run has no name words."""
    name = _trailing_name(run)
    # Strip a leading sentence word ("The", "But") that the run picked up.
    while name and name[0].lower in NON_PERSON_WORDS:
        name = name[1:]
    if not name:
        return None
    before = run[: run.index(name[0])]
    titled = bool(before) and before[-1].lower.rstrip(".") in TITLE_WORDS
    key = name[-1].lower.removesuffix("’s").removesuffix("'s")
    head = _HEAD.match(key).group()
    return name[0].start, name[-1].end, key, head, _looks_like_person(name, titled), len(name) == 1


@lru_cache(maxsize=16384)
def _run_name(text: str) -> tuple[int, int, str, str, bool, bool] | None:
    """:func:`_name_of` for a whole run, offsets relative to it; names recur, so the answers are cached."""
    run = [t for t in tokenize(text) if t.text[0].isalpha()]
    return _name_of(run) if run else None


class People:
    """Named people of a text, by position, for resolving "he said" to the nearest one before it.

    The text is read on demand, up to the position asked about (:meth:`before`, :meth:`add`): a pronoun
    near the start of an article needs only the people named before it, and each capitalised run is
    read once however many questions are asked, so the whole text costs one pass at most.

    Parameters
    ----------
    body : str
        The article body.
    skip : list of (int, int)
        Ranges to ignore (the quotations: a name inside a quote is not a speaker).

    Examples
    --------
    >>> people = People("UN’s envoy for Syria, Staffan de Mistura, spoke. Later he left.")
    >>> people.before(55).text
    'Staffan de Mistura'
    """

    def __init__(self, body: str, skip: list[tuple[int, int]] | None = None) -> None:
        self.body = body
        self._mentions: list[Phrase] = []
        self._starts: list[int] = []
        #: Starts of mentions known to be in subject position: first in their sentence, or set off by a comma.
        #: Decided on demand (:meth:`_in_subject_position`): most mentions are never looked at.
        self.subjects: set[int] = set()
        # Mentions not yet decided: their start -> the start of the capitalised run they came from.
        self._undecided: dict[int, int] = {}
        self._surnames: set[str] = set()
        # The leading letters of every surname: a one-word run whose first letters are not among them
        # cannot be a surname, so most one-word runs ("The", "Monday") are dropped without tokenising.
        self._heads: set[str] = set()
        # The ranges to skip, in order, and an endless one after them; ``_skip[_next_skip]`` is the first
        # one that does not end before the runs still to read.
        self._skip = sorted(skip or []) + [(_NEVER, _NEVER)]
        self._next_skip = 0
        # Capitalised runs are found by one regular expression (fast), lazily; only they are tokenised.
        self._runs = _CAPITALISED_RUN.finditer(body)
        self._pending: re.Match[str] | None = next(self._runs, None)  # the first run not read yet
        self._read_before = 0  # every run starting before this has been read

    @property
    def mentions(self) -> list[Phrase]:
        """Every named person of the text (and each speaker added), in text order."""
        self._read_to(_NEVER)
        return self._mentions

    def _read_to(self, position: float) -> None:
        """Read the capitalised runs that start before ``position``, in text order, adding the people they name.

        A run's mention starts no earlier than the run, so afterwards every mention starting before
        ``position`` is known, exactly as if the whole text had been read.
        """
        if position <= self._read_before or self._pending is None:
            return
        self._read_before = position
        body, skip, k, heads = self.body, self._skip, self._next_skip, self._heads
        skip_start, skip_end = skip[k]
        self._pending, pending = None, self._pending
        for m in chain((pending,), self._runs):
            run_start, run_end = m.span()
            if run_start >= position:
                self._pending = m
                break
            while skip_end <= run_start:
                k += 1
                skip_start, skip_end = skip[k]
            if skip_start >= run_end:
                run_head, more = m.groups()
                if (
                    not more
                    and run_head.lower() not in heads
                    and (len(run_head) == run_end - run_start or _ONE_TOKEN.fullmatch(body, run_start, run_end))
                ):
                    continue  # one word, not a known surname: no person (a lone name needs an earlier full one)
                found = _run_name(m.group())
                if found is not None:
                    found = (found[0] + run_start, found[1] + run_start, *found[2:], run_start)
            else:
                found = self._name_in_quoted_run(run_start, run_end, skip_start, skip_end)
            if found is not None:
                self._note(*found)
        self._next_skip = k

    def _name_in_quoted_run(
        self, run_start: int, run_end: int, skip_start: float, skip_end: float
    ) -> tuple[int, int, str, str, bool, bool, int] | None:
        """:func:`_name_of` the run ``[run_start, run_end)`` without its tokens in ``[skip_start, skip_end)``
        (a quotation it overlaps), with the run's first kept offset; ``None`` when it names nobody."""
        if skip_start <= run_start and run_end <= skip_end:
            return None  # wholly inside a quotation: every token would be dropped
        run = [t for t in tokenize(self.body, 0, run_start, run_end) if not skip_start <= t.start < skip_end]
        run = run if run and run[0].is_cap else []
        run = [t for t in run if t.text[0].isalpha()]
        found = _name_of(run) if run else None
        return None if found is None else (*found, run[0].start)

    def _note(self, start: int, end: int, key: str, head: str, person: bool, single: bool, run_start: int) -> None:
        """Keep the name a run ends in when it looks like a person's, or is the surname of one named before."""
        if person or (single and key in self._surnames):
            self._surnames.add(key)
            self._heads.add(head)
            # Runs come in text order and do not overlap, and a speaker added (:meth:`add`) starts before the
            # runs still unread: appending keeps the mentions sorted.
            self._starts.append(start)
            self._mentions.append(Phrase(self.body[start:end], start, end, True))
            self._undecided[start] = run_start

    def _in_subject_position(self, start: int) -> bool:
        """Whether the mention starting at ``start`` is in subject position (decided once, when first asked)."""
        if start in self.subjects:
            return True
        run_start = self._undecided.pop(start, None)
        if run_start is not None and self._is_subject(run_start):
            self.subjects.add(start)
            return True
        return False

    def _is_subject(self, start: int) -> bool:
        """First in its clause, perhaps after a short descriptor ("Shop owner Devi Raman said")."""
        lo = max(0, start - 40)
        head = self.body[lo:start]
        last = _LAST_BREAK.match(head)
        cut = last.end() - 1 if last else -1
        if cut < 0 and lo > 0:
            return False
        words = head[cut + 1 :].split()
        if not words:
            return True
        return (
            len(words) <= 2
            and words[0][:1].isupper()
            and not any(w.endswith("ed") or w.lower() in SPEECH_VERBS for w in words)
        )

    def add(self, phrase: Phrase, subject: bool = False) -> None:
        """Record a person (a named speaker, ``subject=True``), keeping the mentions in order."""
        # A mention found in the text at the same start wins, as if the text had been read first.
        self._read_to(phrase.start + 1)
        i = bisect_left(self._starts, phrase.start)
        if i < len(self._starts) and self._starts[i] == phrase.start:
            if subject:
                self.subjects.add(phrase.start)
            return
        self._starts.insert(i, phrase.start)
        self._mentions.insert(i, phrase)
        if subject:
            self.subjects.add(phrase.start)

    def before(self, position: int, reach: int = 600) -> Phrase | None:
        """The named person a pronoun at ``position`` most likely means, or ``None``.

        The nearest mention in subject position (or a recorded speaker) within
        ``reach`` characters wins over a nearer one in object position ("He thanked
        manager Elena Vasquez … he said" means the first "he", not Vasquez).
        """
        self._read_to(position)
        i = bisect_left(self._starts, position) - 1
        nearest: Phrase | None = None
        while i >= 0:
            mention = self._mentions[i]
            if mention.end <= position:
                if nearest is None:
                    nearest = mention
                if self._in_subject_position(mention.start):
                    return mention
                if position - mention.start > reach:
                    break
            i -= 1
        return nearest
