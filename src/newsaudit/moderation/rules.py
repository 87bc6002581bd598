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
    "group_attack": {"identity_attack": 5.0, "toxicity": 2.0},
}


def _compile(patterns: tuple[tuple[str, str], ...], **words: str) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p.format(**words)), reason) for p, reason in patterns]


_VIOLENT = _compile(VIOLENT_CALLS, v=VIOLENT_VERBS, o=ORDER_VERBS, t=TARGETS)
_GROUP = _compile(GROUP_ATTACKS, g=GROUPS, d=DEHUMANISING)
# One cheap screen before the full rules: a comment none of whose words is here matches no rule.
TRIGGERS = frozenset(
    # The longest word of each phrase is enough to find it: "beaten" for "beaten to death".
    max(phrase.split(), key=len)
    for phrase in f"{VIOLENT_VERBS}|{GROUPS}".split("|")
) - {"people"} | frozenset(
    "neck squad gallows noose guillotine chair die dies bullet wall death kys hunt hurt back hell chambers chamber "
    "genocide cleansing face map rope".split()
)
_WORD = re.compile(r"[a-z]+")
#: Characters around a trigger word that the rules look at: enough for the longest pattern.
_WINDOW = 90


def find(text: str, words: list[str] | None = None) -> list[RuleMatch]:
    """Rule matches in ``text``, in order of position; ``words``, its lower-cased tokens if known, speed the screen.

    >>> [m.rule for m in find("He should be hanged by the neck.")]
    ['violent_call', 'violent_call']
    >>> find("Muslims celebrated the end of Ramadan.")
    []
    """
    if words is not None and TRIGGERS.isdisjoint(words):
        return []
    lower = text.lower()
    if words is None and TRIGGERS.isdisjoint(re.findall(r"[a-z]+", lower)):
        return []
    if len(lower) != len(text):
        # Keep offsets valid: lower-case only characters that stay one character.
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    found: dict[tuple[str, int, int], str] = {}
    # Rules run only near trigger words: long comments cost little more than short ones.
    for lo, hi in _windows(lower):
        for kind, rules in (("violent_call", _VIOLENT), ("group_attack", _GROUP)):
            for pattern, reason in rules:
                for m in pattern.finditer(lower, lo, hi):
                    start, end = m.span()
                    # Patterns anchored on punctuation start before the words.
                    while start < end and not lower[start].isalnum():
                        start += 1
                    found.setdefault((kind, start, end), reason)
    return [RuleMatch(kind, reason, a, b) for (kind, a, b), reason in sorted(found.items(), key=lambda x: x[0][1:])]


def _windows(lower: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(lower):
        if m.group() in TRIGGERS:
            lo, hi = max(0, m.start() - _WINDOW), min(len(lower), m.end() + _WINDOW)
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return spans


def boosts(matches: list[RuleMatch]) -> dict[str, float]:
    """Logit added to each head by these matches (each kind of rule counts once)."""
    total: dict[str, float] = {}
    for kind in dict.fromkeys(m.rule for m in matches):
        for head, value in BOOSTS[kind].items():
            total[head] = total.get(head, 0.0) + value
    return total
