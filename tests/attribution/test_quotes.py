from __future__ import annotations

import time

import pytest

from newsaudit import Article
from newsaudit.attribution.quotes import find_quote_spans, find_quotes
from newsaudit.components.quotes import Quotes
from newsaudit.components.segment import Segmenter, split_sentences


def quotes(body: str) -> list[tuple[str, str | None]]:
    return [(q["text"], q["speaker"]) for q in find_quotes(body, [s.start for s in split_sentences(body)])]


@pytest.mark.parametrize(
    "body, expected",
    [
        # Curly marks, speaker after: "X said".
        ("“The bridge will reopen in May,” Mayor Ann Cole said.", [("The bridge will reopen in May,", "Ann Cole")]),
        # Inverted attribution with title and role: the name without its title.
        (
            "“We are ready to talk,” said Russian Foreign Minister Sergey Lavrov.",
            [("We are ready to talk,", "Sergey Lavrov")],
        ),
        # Straight marks, speaker before with a colon.
        ('The ministry said: "Talks will resume on Monday."', [("Talks will resume on Monday.", "The ministry")]),
        # A group as speaker, quote after the verb.
        (
            "Authorities in the capital have said “there is no other option” for now.",
            [("there is no other option", "Authorities in the capital")],
        ),
        # "told reporters" after the quote.
        ("“We will not back down,” Kerry told reporters on Friday.", [("We will not back down,", "Kerry")]),
        # "according to X" before the quote.
        ("According to the police, “nobody was hurt in the blast.”", [("nobody was hurt in the blast.", "the police")]),
    ],
)
def test_speaker_patterns(body, expected):
    assert quotes(body) == expected


def test_pronoun_resolves_to_nearest_named_person_and_points_at_that_mention():
    body = "The UN's envoy, Staffan de Mistura, offered help.\n\n“I am ready to go with you,” he said."
    (q,) = find_quotes(body)
    assert q["speaker"] == "Staffan de Mistura"
    assert body[q["speaker_start"] : q["speaker_end"]] == "Staffan de Mistura"
    assert q["verb"] == "said"


def test_missing_opening_mark_starts_the_quote_at_its_paragraph():
    # A closing mark with no opener: the opener was lost at the paragraph's start.
    body = "Intro line.\n\nWe owe the public an explanation about the delays,” the director told reporters."
    (q,) = find_quotes(body, [s.start for s in split_sentences(body)])
    assert q["text"] == "We owe the public an explanation about the delays,"
    assert q["speaker"] == "the director"


def test_missing_closing_mark_ends_at_the_last_full_stop_of_the_paragraph():
    body = "He called it “a deliberate plan to scare the town. reports:\n\nNext paragraph."
    (q,) = find_quotes(body)
    assert q["text"] == "a deliberate plan to scare the town."


def test_mismatched_marks_curly_open_straight_close():
    body = '“We have done nothing wrong and we will prove it" the company said.'
    assert quotes(body) == [("We have done nothing wrong and we will prove it", "the company")]


def test_quote_across_a_line_break_and_continued_paragraph():
    body = "“The water came\ninto every house on the street,” said Ana Ruiz, a resident.\n\n“We lost everything.”"
    assert quotes(body) == [
        ("The water came\ninto every house on the street,", "Ana Ruiz"),
        ("We lost everything.", "Ana Ruiz"),  # no new speaker in between: the same voice goes on
    ]


def test_scare_quotes_and_apostrophes_are_not_quotes():
    body = "The so-called “moderate opposition” and Kerry’s ‘plan’ were discussed at the Smiths’ house."
    assert find_quotes(body) == []


def test_single_marks_pair_outside_double_quotes():
    body = "‘We will win this case,’ the lawyer said."
    assert quotes(body) == [("We will win this case,", "the lawyer")]


def test_offsets_index_the_body():
    body = 'First. "One two three," she said. “Four five six.” Then “seven eight nine'
    for q in find_quotes(body):
        assert body[q["start"] : q["end"]] == q["text"]


@pytest.mark.parametrize("body", ["", "   ", "\n\n\n", "No quotes at all here."])
def test_no_quotes(body):
    assert find_quotes(body) == []


def test_component_assigns_quotes_and_pipe_agrees():
    article = Quotes()(Segmenter()(Article(body="“Yes, we will,” she said.")))
    assert article.parts["quotes"][0]["text"] == "Yes, we will,"


def _marks_everywhere(n: int) -> str:
    # A quote mark of each kind every few words, never balanced, on one line.
    return ("word “ word \" word ” ' ‘ ’ said he " * (n // 30 + 1))[:n]


def _seconds(body: str) -> float:
    start = time.perf_counter()
    spans = find_quote_spans(body, [s.start for s in split_sentences(body)])
    found = find_quotes(body, [s.start for s in split_sentences(body)])
    elapsed = time.perf_counter() - start
    assert all(0 <= s.start <= s.end <= len(body) for s in spans)
    assert all(q["end"] - q["start"] <= 1200 for q in found)
    return elapsed


def test_unbalanced_marks_everywhere_take_linear_time():
    # Ten times the text must take about ten times as long, not a hundred (quadratic).
    small, large = _seconds(_marks_everywhere(40_000)), _seconds(_marks_everywhere(400_000))
    assert large < 30 * max(small, 0.01)


@pytest.mark.parametrize(
    "body",
    [
        # 2 MB on one line: openers only, closers only, no marks at all.
        ("“ a b c " * 250_000),
        ("a b c ” " * 250_000),
        "x" * 2_000_000,
        ("The minister said on Friday that the port would reopen " * 40_000)[:2_000_000],
    ],
)
def test_two_megabytes_on_one_line(body):
    assert _seconds(body) < 60  # seconds; linear, and no crash


def test_people_read_on_demand_keep_speakers_recorded_before():
    # People reads the text only up to the position asked about; a speaker recorded before the text is read
    # must still count, exactly as if the whole text had been read first.
    from newsaudit.attribution.mentions import People, Phrase

    body = "He thanked manager Elena Vasquez on Monday. Minister Omar Haddad spoke later, and he said so."
    speaker = Phrase("Omar Haddad", 53, 64, True)
    eager = People(body)
    assert [m.text for m in eager.mentions] == ["Elena Vasquez", "Omar Haddad"]  # reads it all
    eager.add(speaker, subject=True)
    lazy = People(body)
    lazy.add(speaker, subject=True)
    assert lazy.before(len(body) - 8) == eager.before(len(body) - 8) == speaker
