"""The terminal report: what it shows, and that article text is never read as markup."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from newsaudit.article import Article, Comment
from newsaudit.render import render_text
from newsaudit.report import Report

BODY = "Doctors hate this miracle cure. The council met on Monday."

RELIABILITY = {
    "label": "unreliable",
    "probability_unreliable": 0.83,
    "logit": 1.6,
    "bias": -0.2,
    "evidence": [
        {
            "kind": "sentence",
            "field": "body",
            "text": "The council met on Monday.",
            "start": 32,
            "end": 58,
            "contribution": -0.3,
            "phrases": [],
        },
        {
            "kind": "sentence",
            "field": "body",
            "text": "Doctors hate this miracle cure.",
            "start": 0,
            "end": 31,
            "contribution": 1.2,
            # Offsets are into the body, like the sentence's.
            "phrases": [{"text": "miracle cure", "start": 18, "end": 30, "contribution": 0.9}],
        },
        {
            "kind": "title",
            "field": "title",
            "text": "Miracle [red]cure[/red] found",
            "start": 0,
            "end": 28,
            "contribution": 0.4,
            "phrases": [],
        },
    ],
    "explanation": {"listed_sum": 1.3, "unlisted_sum": 0.5, "coverage": 0.72, "note": "Shares of the logit."},
    "signals": [
        {"name": "exclamations", "value": 0.25, "description": "share of sentences ending in !", "contribution": 0.1}
    ],
    "uncertain_band": [0.4, 0.6],
}


def make_report(**parts) -> Report:
    article = Article(
        body=BODY,
        title="Miracle [red]cure[/red] found",
        url="https://www.example.org/story",
        comments=[
            Comment(text="Great [bold]x[/bold] <script>alert(1)</script>", author="Ann [i]Lee[/i]", id="c1"),
            Comment(text="Fine.", author=None, id="c2"),
        ],
    )
    article.parts.update({"reliability": RELIABILITY, **parts})
    return Report.from_article(article)


def render(report, *, color: bool = False, **options) -> str:
    out = io.StringIO()
    console = Console(file=out, width=120, color_system="standard" if color else None, force_terminal=color)
    render_text(report, console, **options)
    return out.getvalue()


def test_markup_in_article_text_prints_literally():
    for color in (False, True):
        out = render(make_report(), color=color)
        assert "[bold]x[/bold]" in out
        assert "<script>alert(1)</script>" in out
        assert "Ann [i]Lee[/i]" in out
        assert "Miracle [red]cure[/red] found" in out


def test_header_and_verdict():
    out = render(make_report())
    lines = out.splitlines()
    assert lines[:2] == ["Miracle [red]cure[/red] found", "example.org"]
    assert "Verdict: UNRELIABLE  83% probability unreliable  (uncertain band 40% to 60%)" in out


@pytest.mark.parametrize(
    ("label", "ansi"),
    [("unreliable", "\x1b[1;31mUNRELIABLE"), ("reliable", "\x1b[1;32mRELIABLE"), ("uncertain", "\x1b[1;33mUNCERTAIN")],
)
def test_verdict_colour_follows_label(label, ansi):
    report = {"title": "T", "reliability": {"label": label, "probability_unreliable": 0.5}}
    assert ansi in render(report, color=True)


def test_evidence_strongest_first_with_phrases():
    out = render(make_report())
    cure = out.index("+1.20  Doctors hate this miracle cure.")
    title = out.index("+0.40  [title] Miracle [red]cure[/red] found")
    council = out.index("-0.30  The council met on Monday.")
    assert cure < title < council
    assert "key phrases: “miracle cure” +0.90" in out
    assert "3 of 3, strongest first" in out


def test_evidence_is_cut_to_max_evidence():
    out = render(make_report(), max_evidence=1)
    assert "1 of 3" in out
    assert "Doctors hate this miracle cure." in out
    assert "The council met on Monday." not in out


def test_phrase_is_highlighted_in_its_sentence():
    out = render(make_report(), color=True)
    assert "\x1b[1;4mmiracle cure\x1b[0m" in out


def test_signals_and_explanation():
    out = render(make_report())
    row = next(line for line in out.splitlines() if "exclamations" in line)
    assert ["exclamations", "0.250", "share of sentences ending in !", "+0.10"] == [
        cell.strip() for cell in row.split("│")
    ]
    assert "listed evidence +1.30, not listed +0.50, bias -0.20, logit +1.60" in out
    assert "covers 72%" in out
    assert "Shares of the logit." in out


def test_signals_are_cut_to_max_signals():
    signals = [{"name": f"s{i}", "value": i, "description": "d", "contribution": c} for i, c in enumerate([0.1, -0.5, 0.3])]
    out = render(make_report(reliability={**RELIABILITY, "signals": signals}), max_signals=2)
    assert "Signals (2 of 3, strongest first)" in out
    assert out.index(" s1 ") < out.index(" s2 ")
    assert " s0 " not in out


def test_comments_show_flags_with_scores_and_unknown_keys_plainly():
    comments = [
        {
            "id": "c1",
            "author": "Ann",
            "text": "Spam spam.",
            "scores": {"toxicity": 0.91, "insult": 0.2},
            "flags": ["toxicity"],
            "language": "de",
            "scores_reliable": False,
            "stance": "[x]",
        },
        {"id": "c2", "author": None, "text": "word " * 200},
    ]
    out = render(make_report(comments=comments), max_comment_chars=50)
    assert "Comments (2)" in out
    # Raised flags only, with their score; the language and what it means; later keys as key=value.
    assert "• Ann  toxicity 0.91   [de, scores less reliable]  stance=[x]\n" in out
    assert "insult" not in out
    # An unnamed author shows as anonymous; long text is cut to 50 characters and an ellipsis.
    assert "• anonymous\n" in out
    assert "\n  " + ("word " * 10) + "…" in out


def test_other_parts_are_shown_generically():
    out = render(
        make_report(
            quotes=[{"text": "We will reopen", "speaker": "Mayor [b]Jo[/b]", "start": 3, "end": 17}],
            claims=[],
            stats={"sentences": 2},
        )
    )
    assert "Quotes (1)\n• We will reopen  speaker=Mayor [b]Jo[/b]\n" in out
    # Offsets are left out of the generic view.
    assert "start=" not in out
    assert "Claims (0)\nnone\n" in out
    assert "Stats\nsentences: 2\n" in out


def test_report_without_reliability():
    out = render({"title": "", "domain": None, "comments": []})
    assert out == "(no title)\n\nComments (0)\nnone\n"
