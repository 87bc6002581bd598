"""Rules that find violent calls to action and attacks on groups, with their spans.

The statistical heads learn words; a threat is often in how ordinary words are
put together ("should be hanged by the neck"), and the teachers that label our
training data miss most of those. Each match adds a fixed amount to the logits
of the heads it concerns (:data:`BOOSTS`), reported as its own span with that
contribution, so the explanation stays exact.

All patterns are alternations of literal words between word boundaries: they
run in linear time on any input.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import DEHUMANISING, GROUP_ATTACKS, GROUPS, ORDER_VERBS, TARGETS, VIOLENT_CALLS, VIOLENT_VERBS


class RuleMatch(NamedTuple):
    """One rule that fired: which, what it means, and where (offsets into the comment)."""

    rule: str
    reason: str
    start: int
    end: int


#: Logit added to each head when a rule of that kind fires (once per kind per comment).
BOOSTS: dict[str, dict[str, float]] = {
    "violent_call": {"threat": 6.0, "toxicity": 2.0, "severe_toxicity": 2.0},
    # Weak evidence, set a priori (not tuned on any test set): talk of killing makes a threat likelier,
    # never enough alone to flag one.
    "violent_word": {"threat": 1.0},
    "group_attack": {"identity_attack": 5.0, "toxicity": 2.0},
}


class _Rule(NamedTuple):
    pattern: re.Pattern[str]
    reason: str
    #: Strings of which every match holds one (None: no short list): a window without any cannot match.
    needs: tuple[str, ...] | None


def _compile(patterns: tuple[tuple[str, str], ...], **words: str) -> list[_Rule]:
    compiled = [re.compile(p.format(**words)) for p, _reason in patterns]
    return [_Rule(c, reason, needed_literals(c.pattern)) for c, (_p, reason) in zip(compiled, patterns)]


#: A list of needed strings longer than this costs more to check than running the pattern.
_MAX_NEEDS = 12
_MIN_NEED_CHARS = 3


def needed_literals(pattern: str) -> tuple[str, ...] | None:
    """A short tuple of strings, one of which is in every match of ``pattern``; None if there is none.

    Read from the parsed pattern: each stretch of its top level made only of
    literal text and alternations of literal text gives the strings that
    stretch can be. Every stretch is needed; the one with the fewest strings
    (after :func:`_fewest`), then the longest, is kept.

    >>> needed_literals(r"\\b(?:string|hang) (?:him|the \\w+) up\\b")
    (' up',)
    >>> needed_literals(r"\\bkys\\b|\\byourself\\b") is None
    True
    """
    from re import _parser  # Python's own regex parser (private, stable since 3.11)

    stretches: list[set[str]] = []
    current = {""}
    for op, av in _parser.parse(pattern).data:
        options = _literal_options(op, av)
        if options is not None and len(current) * len(options) <= _MAX_NEEDS:
            current = {a + b for a in current for b in options}
            continue
        stretches.append(current)
        current = options if options is not None and len(options) <= _MAX_NEEDS else {""}
    stretches.append(current)
    # Strings of a few characters are in nearly every window: checking them saves nothing.
    usable = [needs for needs in map(_fewest, stretches) if min(map(len, needs)) >= _MIN_NEED_CHARS]
    if not usable:
        return None
    # Few strings cost little to check; long ones rule out most windows.
    best = min(usable, key=lambda s: (len(s), -min(map(len, s))))
    return tuple(sorted(best))


def _fewest(strings: set[str]) -> set[str]:
    """Fewer strings that are needed whenever one of ``strings`` is: a substring is in every text its string is in.

    >>> sorted(_fewest({"a bullet in", "put a bullet through"}))
    ['a bullet ']
    >>> sorted(_fewest({" them", " them all", " him"}))
    [' him', ' them']
    """
    shortest = min(strings, key=len)
    for size in range(len(shortest), 3, -1):
        for start in range(len(shortest) - size + 1):
            common = shortest[start : start + size]
            if all(common in s for s in strings):
                return {common}
    return {s for s in strings if not any(t != s and t in s for t in strings)}


def _literal_options(op: object, av: object) -> set[str] | None:
    """The strings one parsed item can match, if it matches only literal text (else None)."""
    from re import _constants as c

    if op is c.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is c.BRANCH:
        alternatives = [_sequence_options(alt) for alt in av[1]]  # type: ignore[index]
        if any(a is None for a in alternatives):
            return None
        return set().union(*alternatives)  # type: ignore[arg-type]
    if op is c.SUBPATTERN:
        return _sequence_options(av[3])  # type: ignore[index]
    if op is c.MAX_REPEAT and av[0] == 0 and av[1] == 1:  # type: ignore[index]
        body = _sequence_options(av[2])  # type: ignore[index]
        return None if body is None else body | {""}
    return None


def _sequence_options(items: object) -> set[str] | None:
    out = {""}
    for op, av in items:  # type: ignore[attr-defined]
        options = _literal_options(op, av)
        if options is None or len(out) * len(options) > 4 * _MAX_NEEDS:
            return None
        out = {a + b for a in out for b in options}
    return out


_VIOLENT = _compile(VIOLENT_CALLS, v=VIOLENT_VERBS, o=ORDER_VERBS, t=TARGETS)
_GROUP = _compile(GROUP_ATTACKS, g=GROUPS, d=DEHUMANISING)


def _key_words(alternation: str) -> frozenset[str]:
    # The longest word of each phrase is enough to find it: "beaten" for "beaten to death".
    return frozenset(max(phrase.split(), key=len) for phrase in alternation.split("|"))


# A cheap screen before the rules of each kind: a comment with none of its words cannot match them.
_VIOLENT_WORDS = _key_words(VIOLENT_VERBS) | frozenset(
    "neck squad gallows noose guillotine chair die dies bullet wall death kys hunt hurt hell chambers chamber "
    "genocide cleansing face map string".split()
)
_GROUP_WORDS = (_key_words(GROUPS) - {"people"}) | {"back"}
#: Words of killing and grave violence, alone (the single-word entries of the verb list).
VIOLENT_WORDS = frozenset(w for w in VIOLENT_VERBS.split("|") if " " not in w) - {"shot", "burn", "burned", "burnt", "gas"}
#: Every word that can start a rule's work.
TRIGGERS = _VIOLENT_WORDS | _GROUP_WORDS
_RULES = (("violent_call", _VIOLENT, _VIOLENT_WORDS), ("group_attack", _GROUP, _GROUP_WORDS))
_WORD = re.compile(r"[a-z]+")
#: Characters around a trigger word that the rules look at: enough for the longest pattern.
_WINDOW = 60


def find(text: str, words: list[str] | None = None) -> list[RuleMatch]:
    """Rule matches in ``text``, in order of position; ``words``, its lower-cased tokens if known, speed the screen.

    >>> [m.rule for m in find("He should be hanged by the neck.")]
    ['violent_call', 'violent_word', 'violent_call']
    >>> find("Muslims celebrated the end of Ramadan.")
    []
    """
    if words is not None and TRIGGERS.isdisjoint(words):
        return []
    lower = text.lower()
    if len(lower) != len(text):
        # Keep offsets valid: lower-case only characters that stay one character.
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    present = set(words) if words is not None else set(_WORD.findall(lower))
    found: dict[tuple[str, int, int], str] = {}
    violent = VIOLENT_WORDS.intersection(present)
    if violent:
        # The first mention is enough: the boost counts once.
        at, word = min((_first(lower, w), w) for w in violent)
        if at >= 0:
            found[("violent_word", at, at + len(word))] = "mentions violence"
    for kind, rules, triggers in _RULES:
        here = triggers.intersection(present)
        if not here:
            continue
        # Rules run only near their trigger words: long comments cost little more than short ones.
        for lo, hi in _windows(lower, here):
            window = lower[lo:hi]
            for pattern, reason, needs in rules:
                if needs is not None:
                    for needed in needs:
                        if needed in window:
                            break
                    else:
                        continue  # cannot match here: every match holds one of ``needs``
                for m in pattern.finditer(lower, lo, hi):
                    start, end = m.span()
                    # Patterns anchored on punctuation start before the words.
                    while start < end and not lower[start].isalnum():
                        start += 1
                    found.setdefault((kind, start, end), reason)
    return [RuleMatch(kind, reason, a, b) for (kind, a, b), reason in sorted(found.items(), key=lambda x: x[0][1:])]


def _first(lower: str, word: str) -> int:
    """Where ``word`` first occurs as a whole word in ``lower``, or -1."""
    at = lower.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not lower[at - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
            return at
        at = lower.find(word, at + 1)
    return -1


def _windows(lower: str, words: set[str]) -> list[tuple[int, int]]:
    """Merged ranges of :data:`_WINDOW` characters around each whole-word occurrence of ``words``."""
    spans: list[tuple[int, int]] = []
    for word in words:
        at = lower.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not lower[at - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
                spans.append((max(0, at - _WINDOW), min(len(lower), end + _WINDOW)))
            at = lower.find(word, at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def boosts(matches: list[RuleMatch]) -> dict[str, float]:
    """Logit added to each head by these matches (each kind of rule counts once)."""
    total: dict[str, float] = {}
    for kind in dict.fromkeys(m.rule for m in matches):
        for head, value in BOOSTS[kind].items():
            total[head] = total.get(head, 0.0) + value
    return total
