"""Attribution, anonymous sources and dangling source references."""

from __future__ import annotations

import pytest

from newsaudit.signals.sourcing import dangling_sources, sourcing_signals


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("According to reports, the bridge collapsed.", ["According to reports"]),
        ("According to some experts the vaccine is unsafe.", ["According to some experts"]),
        ("It was, according to.", ["according to"]),
        # A line that announces a source and gives none (the reference article has one).
        ("Kerry spoke of a strategy to terrorize civilians. reports:\nSyrian jets attacked.", ["reports:"]),
        ("Reports: the mayor resigned.", ["Reports:"]),
        # Named sources are fine.
        ("According to the United Nations, 300 people fled.", []),
        ("According to Reuters, talks resumed.", []),
        ("According to reports by the Associated Press, talks resumed.", []),
        ("The agency reports: exports fell 3%.", []),
    ],
)
def test_dangling(text, found):
    assert [t.strip() for _, _, t in dangling_sources(text)] == found


def test_offsets_point_into_the_text():
    text = "Prices rose. According to sources, the deal is off."
    (start, end, _), = dangling_sources(text)
    assert text[start:end] == "According to sources"


CLAIMS = [
    {"text": "a", "start": 0, "end": 1, "attributed_to": "the ministry", "flags": [], "checkworthiness": 0.9},
    {"text": "b", "start": 2, "end": 3, "attributed_to": None, "flags": ["unattributed"], "checkworthiness": 0.8},
    {"text": "c", "start": 4, "end": 5, "attributed_to": None, "flags": ["unattributed", "hedged"],
     "checkworthiness": 0.7},
    {"text": "d", "start": 6, "end": 7, "attributed_to": "officials", "flags": ["anonymous_source"],
     "checkworthiness": 0.6},
    {"text": "e", "start": 8, "end": 9, "attributed_to": "sources", "flags": ["anonymous_source"],
     "checkworthiness": 0.5},
]


def test_claims_part_is_used_when_present():
    s = {x["name"]: x for x in sourcing_signals("Body.", 5, CLAIMS)}
    assert s["unattributed_claims"]["value"] == 0.4
    assert s["unattributed_claims"]["explanation"] == "2 of 5 checkable claims (40%) name no source."
    assert s["anonymous_sources"]["value"] == 2 and s["anonymous_sources"]["flagged"]
    assert "attribution_rate" not in s


def test_without_claims_attribution_phrases_are_counted():
    body = ("Police said the road was closed. The mayor told reporters it would reopen. "
            "Officials who asked not to be named said the repairs were late.")
    s = {x["name"]: x for x in sourcing_signals(body, 3, None)}
    assert s["attribution_rate"]["value"] == 1.0
    assert s["anonymous_sources"]["value"] == 1
    assert "claims were not analysed" in s["attribution_rate"]["explanation"]


def test_no_claims_at_all():
    s = {x["name"]: x for x in sourcing_signals("", 0, [])}
    assert s["unattributed_claims"]["value"] == 0.0
    assert not s["unattributed_claims"]["flagged"]
