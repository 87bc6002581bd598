"""Score quotes and claims against a hand-written gold set.

The gold file is JSON Lines, one article a line::

    {"id": "...", "style": "...", "title": "...", "body": "...",
     "quotes": [{"text": "...", "speaker": "..." | null}, ...],
     "claims": [{"text": "...", "attributed_to": "..." | null, "flags": ["hedged", ...]}, ...]}

A gold quote's ``text`` is the quoted words without their marks and a gold claim's
``text`` is its sentence, both exactly as they appear in ``body``; the first
occurrence gives their range.

Figures
-------
quote_recall
    Share of gold quotes that some found quote covers: the two ranges overlap by at
    least half of the gold quote's length.
speaker_accuracy
    Share of gold quotes whose covering quote has the gold speaker (a quote not found
    counts as wrong).
attribution_accuracy
    Share of gold claims whose covering claim (overlap of at least half the gold
    sentence) has the gold ``attributed_to``; a claim not found counts as wrong.
flag_f1
    Micro F1 of the "unconfirmed" and "hedged" flags over (claim, flag) pairs: gold
    pairs against the flags of found claims (flags on found claims that are no gold
    claim count as false positives).

Two names *match* when, lower-cased and without a leading "the"/"a"/"an" or a
possessive "'s", they are equal or the shorter is a run of whole words of the
longer ("Lavrov" and "Sergey Lavrov"; "officials" and "officials who asked not to
be named"). ``None`` matches only ``None``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

#: Targets the gold-set tests hold the rules to.
TARGETS = {"quote_recall": 0.95, "speaker_accuracy": 0.90, "attribution_accuracy": 0.85, "flag_f1": 0.90}
#: Flags scored by ``flag_f1``.
SCORED_FLAGS = ("unconfirmed", "hedged")
#: The gold set kept with the tests (present in a source checkout, not in an installed wheel).
DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "attribution" / "gold" / "attribution_gold.jsonl"

_WORD = re.compile(r"[\w-]+")
_LEADING = ("the ", "a ", "an ")


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold articles of a JSON Lines file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _words(name: str) -> list[str]:
    name = name.lower().replace("’", "'").replace("'s ", " ")
    name = name.removesuffix("'s")
    for lead in _LEADING:
        name = name.removeprefix(lead)
    return _WORD.findall(name)


def names_match(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted speaker or source names the gold one.

    >>> names_match("Russian Foreign Minister Sergey Lavrov", "Lavrov")
    True
    >>> names_match("the ministry", "Ministry")
    True
    >>> names_match("Kerry", "Lavrov"), names_match(None, None), names_match("UN", None)
    (False, True, False)
    """
    if predicted is None or gold is None:
        return predicted is None and gold is None
    a, b = _words(predicted), _words(gold)
    if not a or not b:
        return a == b
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _range(body: str, text: str, what: str) -> tuple[int, int]:
    start = body.find(text)
    if start < 0:
        raise ValueError(f"gold {what} not found in its article: {text[:60]!r}")
    return start, start + len(text)


def _covering(items: Iterable[Mapping[str, Any]], start: int, end: int) -> Mapping[str, Any] | None:
    best, best_overlap = None, 0
    for item in items:
        overlap = min(end, item["end"]) - max(start, item["start"])
        if overlap > best_overlap:
            best, best_overlap = item, overlap
    return best if best_overlap * 2 >= end - start else None


def score(gold: list[dict[str, Any]], analyse: Any = None) -> dict[str, Any]:
    """The four gold-set figures, with counts.

    Parameters
    ----------
    gold : list of dict
        Articles as read by :func:`read_gold`.
    analyse : callable or None
        ``body -> (quotes, claims)``; the rule-based ``segment``, ``quotes`` and
        ``claims`` components when ``None``.
    """
    analyse = analyse or _analyse
    n_quotes = found_quotes = right_speakers = 0
    n_claims = found_claims = right_sources = 0
    tp = fp = fn = 0
    predicted_claims = 0
    for article in gold:
        body = article["body"]
        quotes, claims = analyse(body)
        predicted_claims += len(claims)
        for g in article.get("quotes", []):
            n_quotes += 1
            match = _covering(quotes, *_range(body, g["text"], "quote"))
            if match is not None:
                found_quotes += 1
                right_speakers += names_match(match["speaker"], g.get("speaker"))
        matched: set[int] = set()
        for g in article.get("claims", []):
            n_claims += 1
            match = _covering(claims, *_range(body, g["text"], "claim"))
            gold_flags = {f for f in g.get("flags", []) if f in SCORED_FLAGS}
            if match is None:
                fn += len(gold_flags)
                continue
            matched.add(id(match))
            found_claims += 1
            right_sources += names_match(match["attributed_to"], g.get("attributed_to"))
            flags = {f for f in match["flags"] if f in SCORED_FLAGS}
            tp += len(flags & gold_flags)
            fp += len(flags - gold_flags)
            fn += len(gold_flags - flags)
        for claim in claims:
            if id(claim) not in matched:
                fp += sum(f in SCORED_FLAGS for f in claim["flags"])
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return {
        "articles": len(gold),
        "quotes": n_quotes,
        "claims": n_claims,
        "quote_recall": _ratio(found_quotes, n_quotes),
        "speaker_accuracy": _ratio(right_speakers, n_quotes),
        "attribution_accuracy": _ratio(right_sources, n_claims),
        "flag_f1": round(f1, 4),
        "claim_recall": _ratio(found_claims, n_claims),
        "claim_precision": _ratio(found_claims, predicted_claims),
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def _analyse(body: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from ..article import Article
    from ..components.claims import Claims
    from ..components.quotes import Quotes
    from ..components.segment import Segmenter

    article = Claims()(Quotes()(Segmenter()(Article(body=body))))
    return article.parts["quotes"], article.parts["claims"]
