"""Headline sensationalism: capitals, ``!``/``?``, clickbait phrases and scare quotes."""

from __future__ import annotations

import re

from .base import WORD, Signal, percent, quoted_list, signal

# Phrases that sell a click rather than describe a story (our own list).
_CLICKBAIT = re.compile(
    r"\b(?:you won'?t believe|you need to (?:see|know|read)|what happen(?:s|ed) next|will blow your mind|"
    r"this is why|here'?s why|here'?s what|the truth about|(?:they|the media) don'?t want you to|"
    r"(?:goes|went|going) viral|must see|must watch|jaw[- ]dropping|mind[- ]blowing|shocking|bombshell|"
    r"exposed|destroys|slams|epic|unbelievable|insane|you have to see|can'?t stop|"
    r"breaking|watch:|(?:\d+|ten|five|seven) (?:things|reasons|ways|facts|signs|secrets)|"
    r"secret|miracle|just (?:did|said|revealed)|finally (?:revealed|exposed))",
    re.IGNORECASE,
)
# The same, case-sensitive, for a lower-cased ASCII headline: several times faster than IGNORECASE.
_CLICKBAIT_LOWER = re.compile(_CLICKBAIT.pattern)
# A short phrase in double or curly quotes: "experts", ‘peaceful’ protest.
_SCARE = re.compile(r"[\"“‘]([A-Za-z][\w'’-]*(?: [\w'’-]+){0,2})[\"”’](?![A-Za-z])")


def headline_signals(title: str) -> list[Signal]:
    """Signals of the headline; none when there is no headline.

    >>> [s["value"] for s in headline_signals("SHOCKING: You Won't Believe What They Found!!")]
    [0.143, 2, 2, 0]
    >>> headline_signals("")
    []
    """
    if not title.strip():
        return []
    words = WORD.findall(title)
    caps = [w for w in words if len(w) >= 2 and w.isupper()]
    share = len(caps) / len(words) if words else 0.0
    marks = title.count("!") + title.count("?")
    if title.isascii():  # IGNORECASE also folds a few letters outside ASCII ("ſ" matches "s"): only there
        bait = _CLICKBAIT_LOWER.findall(title.lower())
    else:
        bait = [m.group().lower() for m in _CLICKBAIT.finditer(title)]
    scare = [m.group(1) for m in _SCARE.finditer(title)]
    # A headline that is one quotation ("'We will win,' says mayor") is a quote, not a scare quote.
    scare = [s for s in scare if len(s.split()) <= 3]
    out = [
        signal(
            "headline_capitals",
            share,
            share >= 0.3 and len(caps) >= 2,
            f"{percent(share)} of the headline's words are in capital letters"
            + (f" ({quoted_list(caps)})." if caps else "."),
        ),
        signal(
            "headline_punctuation",
            marks,
            title.count("!") >= 1 or marks >= 2,
            f"The headline has {marks} exclamation or question mark{'s' if marks != 1 else ''}."
            if marks else "The headline has no exclamation or question marks.",
        ),
        signal(
            "clickbait_phrases",
            len(bait),
            bool(bait),
            f"The headline uses clickbait wording: {quoted_list(bait)}." if bait
            else "The headline uses none of the clickbait phrases we look for.",
        ),
        signal(
            "scare_quotes",
            len(scare),
            bool(scare),
            f"The headline puts {quoted_list(scare)} in quotation marks, which can signal doubt or mockery."
            if scare else "The headline has no scare quotes.",
        ),
    ]
    return out
