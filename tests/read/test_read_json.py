"""The JSON reader: one article object, with aliases and typed errors."""

from __future__ import annotations

import pytest

from newsaudit.errors import EmptyInputError, FormatError
from newsaudit.read import read_json


def test_full_object():
    article = read_json(
        '{"title": " Dam opens ", "text": "The dam opened.\\r\\nWater flows.", "url": "https://www.example.org/dam",'
        ' "id": 42, "section": "local",'
        ' "comments": [{"author": "Ann", "text": "Finally!"}, {"author": "Bo", "text": "  "}, "Great news", ""]}'
    )
    assert article.title == "Dam opens"
    assert article.body == "The dam opened.\nWater flows."
    assert article.domain == "example.org"
    assert article.id == "42"
    # Blank comments are skipped; a plain string is a comment without author.
    assert [(c.author, c.text) for c in article.comments] == [("Ann", "Finally!"), (None, "Great news")]
    # Keys without a meaning of their own are kept.
    assert article.meta == {"section": "local"}


def test_body_is_an_alias_of_text():
    assert read_json('{"body": "Water flows."}').body == "Water flows."


def test_url_argument_overrides_the_document():
    article = read_json('{"text": "Water flows.", "url": "https://a.example"}', url="https://b.example")
    assert article.url == "https://b.example"


@pytest.mark.parametrize(
    ("source", "error", "message"),
    [
        # The message points at the error, so the user can fix the file.
        pytest.param(
            '{"text": "a",}',
            FormatError,
            "the input is not valid JSON: Expecting property name enclosed in double quotes "
            "at line 1, column 14 (char 13)",
            id="bad-json",
        ),
        pytest.param(
            '["a", "b"]',
            FormatError,
            "the JSON input must be an object with a 'text' field, not an array",
            id="not-object",
        ),
        pytest.param(
            '{"title": "Only a title"}',
            EmptyInputError,
            "the JSON object has no 'text' field (fields found: 'title')",
            id="missing-text",
        ),
        pytest.param('{"text": "  "}', EmptyInputError, "the JSON object's 'text' field is empty", id="blank-text"),
        pytest.param('{"text": 3}', FormatError, "'text' must be a string, not a number", id="text-not-string"),
        pytest.param(
            '{"text": "a", "comments": "nice"}',
            FormatError,
            "'comments' must be a list, not a string",
            id="comments-not-list",
        ),
        pytest.param(
            '{"text": "a", "comments": [1]}',
            FormatError,
            "comment 0 must be a string or an object, not a number",
            id="comment-not-object",
        ),
    ],
)
def test_errors(source, error, message):
    with pytest.raises(error) as info:
        read_json(source)
    assert info.value.message == message
