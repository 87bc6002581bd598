"""Where the claims come from: attributed or not, anonymous sources, dangling source references.

With the ``claims`` part (a list of ``{"attributed_to", "flags", ...}``) the attribution
signals count claims; without it they fall back to counting attribution phrases, and
say so in the explanation.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .base import WORD, Signal, percent, signal

# "According to" + a vague noun and no name: the source it promises never comes.
_VAGUE = (r"(?:(?:some|many|several|multiple|unnamed|anonymous|unconfirmed|recent|new|local|media|news|online|"
          r"social media|the|a|an)\s+)*"
          r"(?:reports?|sources?|insiders?|experts?|rumou?rs?|posts?|accounts?|people|observers|analysts|"
          r"officials|witnesses|estimates|claims|sites?|websites?|stories)")
# Matched on the lower-cased text: a pattern that starts with a literal is found by a fast prefix scan.
_ACCORDING = re.compile(
    r"according to(?:\s*(?=[.,;:!?)\n]|$)"
    r"|\s+" + _VAGUE + r"(?=\s*[.,;:!?)\n]|\s+(?:that|which|who|the|it|he|she|they|there|this)\b|$))"
)
# "Reports:" / "Source:" / "Via:" opening a line or a sentence, with nothing named after it.
_LABEL = re.compile(r"(?:reports?|sources?|via)[ \t]*:")
_ATTRIBUTION_WORDS = frozenset(
    ["said", "says", "told", "stated", "announced", "confirmed", "added", "wrote", "reported", "claimed"]
)
#: Every word whose count :func:`sourcing_signals` looks up: counting only these gives the same signals.
COUNTED_WORDS = _ATTRIBUTION_WORDS
# Any of these in the text: "sources say", "sources said", "sources told", "sources close", "not to be named",
# "not to be identified" are looked for only after their shared beginning. Searched for in the UTF-8 bytes
# of the lower-cased text (faster than in a two-bytes-a-character ``str``).
_ANONYMOUS_HINTS = (b"anonym", b"unnamed", b"unidentified", b"not authori")
_ANONYMOUS_HINT_GROUPS = ((b"sources ", (b"sources say", b"sources said", b"sources told", b"sources close")),
                          (b"not to be ", (b"not to be named", b"not to be identified")))
_ANONYMOUS = re.compile(
    r"\b(?:(?:anonymous|unnamed|unidentified) (?:sources?|officials?|insiders?)|sources (?:say|said|told|close to)|"
    r"(?:who|which) (?:asked|spoke on condition) (?:not to be (?:named|identified)|of anonymity)|"
    r"on (?:the )?condition of anonymity|not authori[sz]ed to (?:speak|comment))\b"
)


def _lower_same_length(text: str) -> str:
    lower = text.lower()
    # A few characters lower-case to two ("İ"): fall back to an ASCII-only lower case so offsets still match.
    return lower if len(lower) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}


_LABEL_WORDS = ("reports", "report", "sources", "source", "via")


def _labels(lower: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each ``_LABEL`` match, found from the colons (a few per article) backwards.

    >>> text = "via: x. the sources :y, reporter: z, reports:"
    >>> _labels(text) == [m.span() for m in _LABEL.finditer(text)] == [(0, 4), (12, 21), (37, 45)]
    True
    """
    colons = lower.count(":")
    if colons == 0:
        return []
    if colons > 64:  # a text of colons: one regex pass beats a Python loop over them
        return [m.span() for m in _LABEL.finditer(lower)]
    out = []
    p = lower.find(":")
    while p >= 0:
        q = p
        while q and lower[q - 1] in " \t":
            q -= 1
        if lower.endswith(_LABEL_WORDS, 0, q):  # one test for the five words; most colons follow none
            w = next(w for w in _LABEL_WORDS if lower.endswith(w, 0, q))  # the longest first, as ``_LABEL``
            out.append((q - len(w), p + 1))
        p = lower.find(":", p + 1)
    return out


def dangling_sources(body: str, lower: str | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of each source reference that names no source.

    >>> [t for _, _, t in dangling_sources("According to reports, the dam broke. Police said it held.")]
    ['According to reports']
    >>> dangling_sources("According to the UN's refugee agency, 300 fled.")
    []
    >>> [t.strip() for _, _, t in dangling_sources("Reports: the mayor resigned.")]
    ['Reports:']
    """
    lower = _lower_same_length(body) if lower is None or len(lower) != len(body) else lower
    found = [(m.start(), m.end()) for m in _ACCORDING.finditer(lower)]
    for start, end in _labels(lower):
        before = lower[max(0, start - 2):start]
        opens = start == 0 or before.endswith("\n") or (len(before) == 2 and before[0] in ".!?\n"
                                                          and before[1].isspace())
        # "Reports:" opening a line is the claim's only source; "Source:" / "Via:" only when nothing follows.
        rest = lower[end:end + 80].lstrip(" \t")
        names_nothing = lower[start] == "r" or not rest or rest[0] == "\n"
        if opens and names_nothing:
            found.append((start, end))
    found.sort()
    return [(s, e, body[s:e]) for s, e in found]


def _count_claims(claims: list[dict[str, Any]]) -> tuple[int, int]:
    """How many ``claims`` name no source, and how many rest on anonymous sources (one pass over them).

    >>> _count_claims([{"attributed_to": "police", "flags": ["anonymous_source"]}, {"flags": None}])
    (1, 1)
    """
    unattributed = anonymous = 0
    for claim in claims:
        flags = claim.get("flags") or ()
        unattributed += not claim.get("attributed_to") or "unattributed" in flags
        anonymous += "anonymous_source" in flags
    return unattributed, anonymous


def sourcing_signals(
    body: str,
    n_sentences: int,
    claims: list[dict[str, Any]] | None,
    lower: str | None = None,
    counts: Counter[str] | None = None,
    utf8: bytes | None = None,
) -> list[Signal]:
    """Attribution, anonymous-source and dangling-reference signals.

    ``lower`` is the lower-cased body, ``utf8`` its encoding and ``counts`` its word counts
    (those of :data:`COUNTED_WORDS` are enough), when the caller has them.

    >>> claims = [{"attributed_to": "police", "flags": []}, {"attributed_to": None, "flags": ["unattributed"]},
    ...           {"attributed_to": "sources", "flags": ["anonymous_source"]}]
    >>> [(s["name"], s["value"]) for s in sourcing_signals("Text.", 1, claims)]
    [('unattributed_claims', 0.333), ('anonymous_sources', 1), ('dangling_source_references', 0)]
    """
    if lower is None or len(lower) != len(body):
        lower, utf8 = _lower_same_length(body), None
    if counts is None:
        counts = Counter(WORD.findall(lower))
    if utf8 is None:
        utf8 = lower.encode()
    out: list[Signal] = []
    if claims is not None:
        n = len(claims)
        unattributed, anonymous = _count_claims(claims)
        share = unattributed / n if n else 0.0
        out.append(signal(
            "unattributed_claims",
            share,
            n >= 3 and share >= 0.6,
            f"{unattributed} of {n} checkable claim{'s' if n != 1 else ''} ({percent(share)}) name no source."
            if n else "The text makes no checkable claims.",
        ))
        out.append(signal(
            "anonymous_sources",
            anonymous,
            anonymous >= 2,
            f"{anonymous} claim{'s rest' if anonymous != 1 else ' rests'} on anonymous sources.",
        ))
    else:
        attributed = sum(counts[w] for w in counts.keys() & _ATTRIBUTION_WORDS) + utf8.count(b"according to")
        rate = attributed / max(n_sentences, 1)
        out.append(signal(
            "attribution_rate",
            rate,
            n_sentences >= 5 and rate < 0.1,
            f"{attributed} attribution phrase{'s' if attributed != 1 else ''} ('said', 'according to', ...) "
            f"in {n_sentences} sentence{'s' if n_sentences != 1 else ''} (claims were not analysed).",
        ))
        hinted = any(h in utf8 for h in _ANONYMOUS_HINTS) or any(
            head in utf8 and any(h in utf8 for h in group) for head, group in _ANONYMOUS_HINT_GROUPS)
        anonymous = len(_ANONYMOUS.findall(lower)) if hinted else 0
        out.append(signal(
            "anonymous_sources",
            anonymous,
            anonymous >= 2,
            f"The text cites anonymous sources {anonymous} time{'s' if anonymous != 1 else ''}.",
        ))
    dangling = dangling_sources(body, lower)
    shown = ", ".join(f"'{t.strip()}'" for _, _, t in dangling[:3])
    out.append(signal(
        "dangling_source_references",
        len(dangling),
        bool(dangling),
        f"The text points to a source it never names: {shown}." if dangling
        else "Every 'according to' or 'reports:' names its source.",
    ))
    return out
