"""Violent calls to action and attacks on groups: what fires, what does not, and where."""

from __future__ import annotations

import time

import pytest

from newsaudit.moderation.rules import BOOSTS, boosts, find


def spans(text: str) -> list[tuple[str, str]]:
    return [(m.rule, text[m.start : m.end]) for m in find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Traitors like him should be hanged by the neck.", ("violent_call", "by the neck")),
        ("String them up, every last one!", ("violent_call", "String them up")),
        ("Someone should shoot that judge.", ("violent_call", "Someone should shoot that")),
        ("I hope you die in your sleep.", ("violent_call", "I hope you die")),
        ("Kill them all and let God sort it out.", ("violent_call", "Kill them")),
        ("Refugees are vermin and nothing else.", ("group_attack", "Refugees are vermin")),
        ("Deport all the immigrants tomorrow.", ("group_attack", "Deport all the immigrants")),
    ],
)
def test_calls_and_attacks_are_found_with_their_words(text, expected):
    assert expected in spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers were killed in the attack on Tuesday.",
        "Police shot the suspect after a chase, the report says.",
        "Muslims and Jews marched together for peace.",
        "The court will decide whether he should be tried for war crimes.",
        "My grandmother was a refugee from Syria.",
        "",
        "🙂🙂🙂",
    ],
)
def test_reports_and_mentions_are_not_calls_or_attacks(text):
    assert [m for m in find(text) if m.rule != "violent_word"] == []


def test_talk_of_killing_is_weak_evidence_of_a_threat_only():
    text = "Two soldiers were killed in the attack on Tuesday."
    assert spans(text) == [("violent_word", "killed")]
    assert boosts(find(text)) == {"threat": BOOSTS["violent_word"]["threat"]}
    assert BOOSTS["violent_word"]["threat"] < BOOSTS["violent_call"]["threat"] / 2


def test_offsets_survive_characters_that_change_length_when_lower_cased():
    text = "İİ they should be hanged"
    (match,) = [m for m in find(text) if m.rule == "violent_call"]
    assert text[match.start : match.end] == "should be hanged"


def test_each_kind_of_rule_boosts_once_however_often_it_fires():
    matches = find("He should be hanged. She should be hanged too. Hang them!")
    assert len([m for m in matches if m.rule == "violent_call"]) >= 3
    expected = dict(BOOSTS["violent_call"])
    expected["threat"] += BOOSTS["violent_word"]["threat"]
    assert boosts(matches) == expected


def test_long_hostile_input_runs_in_linear_time():
    unit = "kill them all by the neck muslims are vermin deport "
    small, large = unit * 200, unit * 2000
    started = time.perf_counter()
    find(small)
    t_small = time.perf_counter() - started
    started = time.perf_counter()
    find(large)
    t_large = time.perf_counter() - started
    # Ten times the text: allow far less than the hundredfold a quadratic rule would take.
    assert t_large < 30 * t_small + 0.05
