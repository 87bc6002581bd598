from __future__ import annotations

import pytest

from newsaudit import Article
from newsaudit.components.segment import Segmenter, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        # Plain sentences.
        ("The bridge closed. Traffic moved to Mill Road.", ["The bridge closed.", "Traffic moved to Mill Road."]),
        # Titles and country abbreviations do not end a sentence.
        ("Mr. Kerry met the U.S. envoy. He left.", ["Mr. Kerry met the U.S. envoy.", "He left."]),
        # Initials before a surname do not either.
        ("A quote from H.L. Mencken ends it. Next.", ["A quote from H.L. Mencken ends it.", "Next."]),
        # A closing quotation mark stays with its sentence.
        ("“We are ready,” he said. “Are you?” Then silence.", ["“We are ready,” he said.", "“Are you?”", "Then silence."]),
        # A blank line ends a sentence even without punctuation.
        ("A headline-like line\n\nThen the body.", ["A headline-like line", "Then the body."]),
        # Lower-case after a full stop: not a new sentence (e.g. "5 p.m. on Friday").
        ("He left at 5 p.m. on Friday.", ["He left at 5 p.m. on Friday."]),
        # Nothing to split.
        ("", []),
        ("   \n  ", []),
    ],
)
def test_split_sentences(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_index_the_text():
    text = "  First one.   Second one!\n\nThird?"
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def test_component_assigns_sentences():
    a = Segmenter()(Article(body="One. Two."))
    assert [s.text for s in a.sentences] == ["One.", "Two."]
