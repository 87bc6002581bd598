"""The raw-text reader: title line, body paragraphs, then the trailing comment section."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsaudit.read import read_text

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
KERRY = SHARED / "examples" / "kerry-putin-war-crimes.txt"


def comments_of(article):
    return [(c.author, c.text) for c in article.comments]


CASES = [
    pytest.param(
        # Windows line endings: CRLF must not leave "\r" in title, body or comments.
        "Harbour reopens\r\n\r\nThe harbour reopened on Monday.\r\n\r\nBoats returned by noon.\r\n\r\n"
        "  • Sam\r\n\r\n    Good news for the town.\r\n",
        "Harbour reopens",
        "The harbour reopened on Monday.\n\nBoats returned by noon.",
        [("Sam", "Good news for the town.")],
        id="crlf",
    ),
    pytest.param(
        # Old Mac line endings (CR only) are line breaks too.
        "Harbour reopens\r\rThe harbour reopened.\r\r• Sam\r\rGood news.",
        "Harbour reopens",
        "The harbour reopened.",
        [("Sam", "Good news.")],
        id="cr-only",
    ),
    pytest.param(
        # "*" bullets at column 0, comment text not indented.
        "Library extends hours\n\nThe library now opens until nine.\n\n* Priya\n\nLovely, I study there.\n\n"
        "* Jon K\n\nAbout time.",
        "Library extends hours",
        "The library now opens until nine.",
        [("Priya", "Lovely, I study there."), ("Jon K", "About time.")],
        id="star-bullets",
    ),
    pytest.param(
        # Indented "-" bullets, comment text indented deeper; the indentation is removed.
        "Library extends hours\n\nThe library now opens until nine.\n\n   - Priya\n\n      Lovely.\n\n"
        "   - user_4471\n\n      I disagree.\n      Staff deserve rest.",
        "Library extends hours",
        "The library now opens until nine.",
        [("Priya", "Lovely."), ("user_4471", "I disagree.\nStaff deserve rest.")],
        id="indented-dash-bullets",
    ),
    pytest.param(
        # A list of sentences in the body, then more body, then comments with the same bullet:
        # list items are sentences, and only the trailing run of name blocks is comments.
        "Council passes budget\n\nThe council voted on Tuesday.\n\n"
        "• Spending on schools rises by four percent.\n• Bus fares stay frozen until spring.\n\n"
        "The mayor called it a fair deal.\n\n• Nadia\n\n  Finally some sense.\n\n• Old Tom\n\n  We will see.",
        "Council passes budget",
        "The council voted on Tuesday.\n\n• Spending on schools rises by four percent.\n"
        "• Bus fares stay frozen until spring.\n\nThe mayor called it a fair deal.",
        [("Nadia", "Finally some sense."), ("Old Tom", "We will see.")],
        id="sentence-list-in-body-then-comments",
    ),
    pytest.param(
        # Short list items look like names, but the text after the list is body, not a comment
        # by "Pears": the bare "- Apples" right before shows it is a list.
        "Market prices fall\n\nThese fruits got cheaper:\n\n- Apples\n- Pears\n\nTraders expect the trend to last.",
        "Market prices fall",
        "These fruits got cheaper:\n\n- Apples\n- Pears\n\nTraders expect the trend to last.",
        [],
        id="short-list-then-body",
    ),
    pytest.param(
        # The same short list, then real comments with the same bullet character.
        "Market prices fall\n\nThese fruits got cheaper:\n\n- Apples\n\n- Pears\n\nTraders expect more.\n\n"
        "- Rui\n\n  Not at my shop.",
        "Market prices fall",
        "These fruits got cheaper:\n\n- Apples\n\n- Pears\n\nTraders expect more.",
        [("Rui", "Not at my shop.")],
        id="short-list-then-body-then-comments",
    ),
    pytest.param(
        # No comment section at all: everything after the title is body.
        "Quiet day in parliament\n\nNo bills were debated.\n\nMembers left early.\n",
        "Quiet day in parliament",
        "No bills were debated.\n\nMembers left early.",
        [],
        id="no-comments",
    ),
    pytest.param(
        # A comment spanning paragraphs, with quotes and its own punctuation, ends at the next bullet.
        "Storm warning issued\n\nWinds may reach 90 km/h.\n\n  • Marek\n\n"
        "    > Winds may reach 90 km/h.\n\n    Last time they said “no risk”.\n\n    Stay safe, all!\n\n"
        "  • Ana\n\n    Thanks.",
        "Storm warning issued",
        "Winds may reach 90 km/h.",
        [
            ("Marek", "> Winds may reach 90 km/h.\n\nLast time they said “no risk”.\n\nStay safe, all!"),
            ("Ana", "Thanks."),
        ],
        id="multi-paragraph-comment-with-quotes",
    ),
    pytest.param(
        # A list typed inside a comment uses another bullet: it stays in that comment.
        "Storm warning issued\n\nWinds may reach 90 km/h.\n\n• Marek\n\n  Bring in:\n  - bins\n  - bikes\n\n"
        "• Ana\n\n  Thanks.",
        "Storm warning issued",
        "Winds may reach 90 km/h.",
        [("Marek", "Bring in:\n- bins\n- bikes"), ("Ana", "Thanks.")],
        id="list-inside-comment",
    ),
    pytest.param(
        # Names may hold initials; a name-like line ending in an initial is still a name.
        "Museum reopens\n\nThe museum reopened.\n\n• G. H. Marsh\n\n  Wonderful.\n\n• Alan Q.\n\n  Agreed.",
        "Museum reopens",
        "The museum reopened.",
        [("G. H. Marsh", "Wonderful."), ("Alan Q.", "Agreed.")],
        id="names-with-initials",
    ),
    pytest.param(
        # A single line is the text itself, not a headline over an empty body.
        "The museum reopened on Sunday.",
        "",
        "The museum reopened on Sunday.",
        [],
        id="single-line",
    ),
]


@pytest.mark.parametrize(("source", "title", "body", "comments"), CASES)
def test_read_text(source, title, body, comments):
    article = read_text(source)
    assert article.title == title
    assert article.body == body
    assert comments_of(article) == comments


def test_bytes_and_str_agree():
    source = "Harbour reopens\n\nThe harbour reopened.\n\n• Sam\n\n  Good news."
    assert read_text(source.encode("utf-8")) == read_text(source)


def test_url_is_kept():
    assert read_text("Title\n\nBody.", url="https://example.org/a").domain == "example.org"


def test_long_first_line_is_body_not_title():
    # A 250-character opening paragraph is no headline.
    paragraph = "word " * 50
    article = read_text(f"{paragraph}\n\nSecond paragraph.")
    assert article.title == ""
    assert article.body == f"{paragraph.strip()}\n\nSecond paragraph."


def test_shared_reference_article():
    if not KERRY.is_file():
        pytest.skip(f"../shared not present: {KERRY}")
    raw = KERRY.read_text(encoding="utf-8")
    article = read_text(KERRY.read_bytes())

    assert article.title == "John Kerry: Putin Must Be Tried For ‘War Crimes’"  # noqa: RUF001
    assert article.body.endswith("until they leave Aleppo.")
    assert article.body.count("\n\n") == 10  # its 11 paragraphs, kept apart
    assert [c.author for c in article.comments] == [
        "Katos", "Mira", "lernin", "Dave", "freemind", "Black Swan",
        "Gillettestevens", "Djago", "Alitstar", "TxPatriot53", "G. Raffel",
    ]  # fmt: skip
    # In this file each comment is one line indented by four spaces: those lines, stripped,
    # are the exact expected texts (read from the file so that its text is not copied here).
    expected = [line.strip() for line in raw.splitlines() if line.startswith("    ") and line.strip()]
    assert len(expected) == 11
    assert [c.text for c in article.comments] == expected
    assert not any(c.text in article.body for c in article.comments)
