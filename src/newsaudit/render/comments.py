"""Scored comments and the thread summary on a terminal.

A comment shows its author, a badge per raised flag with its score, its
language when it is not English, and its text with the words behind the flags
underlined. Comments that were not scored (no ``scores`` key) show author and
text only. Text is always :class:`rich.text.Text`, never console markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

_KNOWN_KEYS = ("id", "author", "text", "scores", "flags", "spans", "language", "scores_reliable")


def comment_block(comments: list[Any], max_chars: int = 300) -> Group:
    """The comments section of a report.

    >>> from io import StringIO
    >>> out = StringIO()
    >>> c = {"author": "Ann", "text": "You clown", "scores": {"insult": 0.91}, "flags": ["insult"],
    ...      "spans": {"insult": [{"start": 4, "end": 9, "text": "clown", "contribution": 2.1}]},
    ...      "language": "en", "scores_reliable": True}
    >>> Console(file=out, width=60, color_system=None).print(comment_block([c]))
    >>> print(*(line.rstrip() for line in out.getvalue().splitlines()), sep=chr(10))
    Comments (1)
    • Ann  insult 0.91
      You clown
    """
    rows: list[Any] = [Text(f"Comments ({len(comments)})", style="bold underline")]
    if not comments:
        rows.append(Text("none", style="dim"))
    for comment in comments:
        if not isinstance(comment, Mapping):
            rows.append(Text(f"• {_cut(str(comment), max_chars)}"))
            continue
        line = Text("• ")
        line.append(str(comment.get("author") or "anonymous"), style="bold")
        scores = comment.get("scores") or {}
        for flag in comment.get("flags") or []:
            line.append(" ").append(f" {flag} {scores.get(flag, 0):.2f} ", style="reverse red")
        lang = comment.get("language")
        if lang and lang != "en":
            note = "" if comment.get("scores_reliable", True) else ", scores less reliable"
            line.append(f"  [{lang}{note}]", style="dim")
        for key, value in comment.items():
            if key not in _KNOWN_KEYS and value not in (None, False, [], {}):
                line.append(f"  {key}={value}", style="dim")
        rows.append(line)
        rows.append(Padding(_highlighted(comment, max_chars), (0, 0, 0, 2), expand=False))
    return Group(*rows)


def thread_block(thread: Mapping[str, Any]) -> Group:
    """The thread summary: how many comments were flagged, for what, and the worst of them."""
    rows: list[Any] = [Text("Thread", style="bold underline")]
    n, flagged = thread.get("comments", 0), thread.get("flagged", 0)
    rows.append(Text(f"{flagged} of {n} comments flagged ({100 * thread.get('share_flagged', 0):.0f}%)"))
    per_flag = {k: v for k, v in (thread.get("per_flag") or {}).items() if v}
    if per_flag:
        rows.append(Text("by flag: " + ", ".join(f"{k} {v}" for k, v in per_flag.items()), style="dim"))
    for item in thread.get("most_severe") or []:
        line = Text("  most severe: ", style="dim")
        line.append(f"{item.get('head')} {item.get('score', 0):.2f} ", style="red")
        line.append(f"{item.get('author') or 'anonymous'}: ", style="bold")
        line.append(str(item.get("text", "")))
        rows.append(line)
    authors = thread.get("flagged_authors") or []
    if authors:
        rows.append(
            Text("authors flagged: " + ", ".join(f"{a['author']} ({a['flagged_comments']})" for a in authors), style="dim")
        )
    return Group(*rows)


def render_comments(result: Mapping[str, Any], console: Console | None = None) -> None:
    """Print ``{"comments": [...], "thread": {...}}`` as returned by ``Toxicity.moderate``."""
    console = console or Console()
    console.print(comment_block(result.get("comments") or []))
    if "thread" in result:
        console.print()
        console.print(thread_block(result["thread"]))


def _highlighted(comment: Mapping[str, Any], max_chars: int) -> Text:
    text = str(comment.get("text") or "")
    shown = Text(text[:max_chars] + ("…" if len(text) > max_chars else ""))
    for items in (comment.get("spans") or {}).values():
        for span in items:
            start, end = int(span.get("start", 0)), int(span.get("end", 0))
            if start < max_chars:
                shown.stylize("bold underline red", start, min(end, max_chars))
    return shown


def _cut(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"
