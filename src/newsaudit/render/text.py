"""A readable terminal report: verdict, evidence, signals, comments, and any other part.

Everything that comes from the article or its comments is put on screen as
:class:`rich.text.Text`, never parsed as console markup, so a comment holding
``[bold]`` or ``<script>`` prints exactly as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .comments import comment_block, thread_block

#: Style of each reliability label.
LABEL_STYLES = {"reliable": "bold green", "unreliable": "bold red", "uncertain": "bold yellow"}

# Keys the renderer shows in their own sections; any other part is shown generically.
_HEADER_KEYS = ("schema", "id", "title", "url", "domain")
_OWN_SECTIONS = ("reliability", "comments", "thread")
# Keys of a generic list item that hold its text, tried in order.
_TEXT_KEYS = ("text", "quote", "claim", "sentence", "summary", "explanation")
# Offsets are for programs; on screen they are noise.
_HIDDEN_ITEM_KEYS = ("start", "end", "field")


def render_text(
    report: Mapping[str, Any],
    console: Console | None = None,
    *,
    max_evidence: int = 5,
    max_signals: int = 10,
    max_comment_chars: int = 300,
) -> None:
    """Print a report for people to read.

    Parameters
    ----------
    report : Report or Mapping
        A report (or its ``to_dict()``).
    console : rich.console.Console or None
        Where to print; a new console on standard output when ``None``.
    max_evidence : int
        How many evidence items to show, the strongest first.
    max_signals : int
        How many signals to show, the strongest first.
    max_comment_chars : int
        Longer comments are cut to this many characters, ending with "…".

    Examples
    --------
    >>> from io import StringIO
    >>> out = StringIO()
    >>> console = Console(file=out, width=60, color_system=None)
    >>> render_text({"title": "Port [reopens]", "domain": "example.org"}, console)
    >>> print(out.getvalue().strip())
    Port [reopens]
    example.org
    """
    console = console or Console()
    console.print(_header(report))
    reliability = report.get("reliability")
    if isinstance(reliability, Mapping):
        for block in _reliability(reliability, max_evidence, max_signals):
            console.print()
            console.print(block)
    if "comments" in report:
        console.print()
        console.print(comment_block(report["comments"] or [], max_comment_chars))
    if isinstance(report.get("thread"), Mapping):
        console.print()
        console.print(thread_block(report["thread"]))
    for key, value in report.items():
        if key in _HEADER_KEYS or key in _OWN_SECTIONS:
            continue
        console.print()
        console.print(_generic_part(key, value, max_comment_chars))


# -- header and verdict ----------------------------------------------------------------------------


def _header(report: Mapping[str, Any]) -> Group:
    title = report.get("title") or ""
    lines = [Text(title, style="bold") if title else Text("(no title)", style="bold dim")]
    where = report.get("domain") or report.get("url")
    if where:
        lines.append(Text(str(where), style="dim"))
    return Group(*lines)


def _reliability(rel: Mapping[str, Any], max_evidence: int, max_signals: int) -> list[Any]:
    blocks: list[Any] = [_verdict(rel)]
    evidence = rel.get("evidence") or []
    if evidence:
        blocks.append(_evidence(evidence, max_evidence))
    signals = rel.get("signals") or []
    if signals:
        blocks.append(_signals(signals, max_signals))
    explanation = rel.get("explanation")
    if isinstance(explanation, Mapping):
        blocks.append(_explanation(explanation, rel))
    return blocks


def _verdict(rel: Mapping[str, Any]) -> Text:
    label = str(rel.get("label", "unknown"))
    text = Text()
    text.append("Verdict: ", style="bold")
    text.append(label.upper(), style=LABEL_STYLES.get(label, "bold"))
    probability = rel.get("probability_unreliable")
    if isinstance(probability, (int, float)):
        text.append(f"  {probability:.0%} probability unreliable")
    band = rel.get("uncertain_band")
    if isinstance(band, (list, tuple)) and len(band) == 2:
        text.append(f"  (uncertain band {band[0]:.0%} to {band[1]:.0%})", style="dim")
    return text


def _evidence(evidence: list[Mapping[str, Any]], max_evidence: int) -> Group:
    strongest = _strongest(evidence, max_evidence)
    heading = Text().append("Evidence", style="bold underline")
    heading.append(
        f"  {len(strongest)} of {len(evidence)}, strongest first; + pushes toward unreliable, − toward reliable",
        style="dim",
    )
    rows = [heading]
    for item in strongest:
        line = _signed(item.get("contribution"))
        line.append("  ")
        if item.get("field") == "title" or item.get("kind") == "title":
            line.append("[title] ", style="dim")
        line.append_text(_highlighted(item))
        rows.append(line)
        phrases = item.get("phrases") or []
        if phrases:
            keys = Text("key phrases: ", style="dim")
            for i, phrase in enumerate(phrases):
                if i:
                    keys.append(", ")
                keys.append(f"“{phrase.get('text', '')}” ", style="italic")
                keys.append_text(_signed(phrase.get("contribution")))
            rows.append(Padding(keys, (0, 0, 0, 8), expand=False))
    return Group(*rows)


def _highlighted(item: Mapping[str, Any]) -> Text:
    """The evidence text with its key phrases underlined, where their offsets fit the text."""
    text = Text(str(item.get("text", "")))
    start = item.get("start")
    for phrase in item.get("phrases") or []:
        ps, pe = phrase.get("start"), phrase.get("end")
        if not all(isinstance(v, int) for v in (start, ps, pe)):
            continue
        # Phrase offsets are into the field, like the sentence's: shift them into the sentence.
        lo, hi = ps - start, pe - start
        if 0 <= lo < hi <= len(text.plain) and text.plain[lo:hi] == phrase.get("text"):
            text.stylize("bold underline", lo, hi)
    return text


def _strongest(items: list[Mapping[str, Any]], n: int) -> list[Mapping[str, Any]]:
    """The ``n`` items of largest absolute contribution, in that order (stable on ties)."""
    return sorted(items, key=lambda e: -abs(_number(e.get("contribution"))))[:n]


def _signals(signals: list[Mapping[str, Any]], max_signals: int) -> Table:
    strongest = _strongest(signals, max_signals)
    title = "Signals"
    if len(strongest) < len(signals):
        title += f" ({len(strongest)} of {len(signals)}, strongest first)"
    table = Table(title=title, title_justify="left", title_style="bold underline", show_edge=False)
    table.add_column("name", overflow="fold")
    table.add_column("value", justify="right")
    table.add_column("description")
    table.add_column("contribution", justify="right")
    for signal in strongest:
        table.add_row(
            Text(str(signal.get("name", ""))),
            Text(_format_value(signal.get("value"))),
            Text(str(signal.get("description", "")), style="dim"),
            _signed(signal.get("contribution")),
        )
    return table


def _explanation(explanation: Mapping[str, Any], rel: Mapping[str, Any]) -> Group:
    line = Text()
    line.append("Explanation: ", style="bold")
    parts = [
        ("listed evidence", explanation.get("listed_sum")),
        ("not listed", explanation.get("unlisted_sum")),
        ("bias", rel.get("bias")),
        ("logit", rel.get("logit")),
    ]
    first = True
    for name, value in parts:
        if isinstance(value, (int, float)):
            if not first:
                line.append(", ")
            line.append(f"{name} ")
            line.append_text(_signed(value))
            first = False
    coverage = explanation.get("coverage")
    if isinstance(coverage, (int, float)):
        line.append(f"; the listed evidence covers {coverage:.0%}")
    lines: list[Text] = [line]
    note = explanation.get("note")
    if note:
        lines.append(Text(str(note), style="dim"))
    return Group(*lines)


# -- comments and other parts ----------------------------------------------------------------------


def _generic_part(key: str, value: Any, max_chars: int) -> Any:
    heading = key.replace("_", " ").capitalize()
    if isinstance(value, (list, tuple)):
        rows: list[Any] = [Text(f"{heading} ({len(value)})", style="bold underline")]
        if not value:
            rows.append(Text("none", style="dim"))
        for item in value:
            rows.append(_generic_item(item, max_chars))
        return Group(*rows)
    if isinstance(value, Mapping):
        rows = [Text(heading, style="bold underline")]
        for k, v in value.items():
            line = Text()
            line.append(f"{k}: ", style="dim")
            line.append(_truncate(_format_value(v), max_chars))
            rows.append(line)
        return Group(*rows)
    line = Text()
    line.append(f"{heading}: ", style="bold")
    line.append(_truncate(_format_value(value), max_chars))
    return line


def _generic_item(item: Any, max_chars: int) -> Text:
    if not isinstance(item, Mapping):
        return Text(f"• {_truncate(_format_value(item), max_chars)}")
    text_key = next((k for k in _TEXT_KEYS if isinstance(item.get(k), str)), None)
    line = Text("• ")
    if item.get("flagged") is True:
        line.append(" flagged ", style="reverse red").append(" ")
    if text_key:
        line.append(_truncate(item[text_key], max_chars))
    for k, v in item.items():
        # Offsets are for programs; empty and false fields say nothing.
        if k == text_key or k in _HIDDEN_ITEM_KEYS or k.endswith(("_start", "_end")) or k == "flagged":
            continue
        if v is None or v is False or v == "" or v == [] or v == {}:
            continue
        line.append(f"  {k}=", style="dim")
        line.append(_truncate(_format_value(v), 80), style="dim")
    return line


# -- formatting ------------------------------------------------------------------------------------


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def _signed(value: Any) -> Text:
    if not isinstance(value, (int, float)):
        return Text("")
    style = "red" if value > 0 else "green" if value < 0 else "dim"
    # The style is on the span, not the Text, so what is appended after it stays plain.
    return Text().append(f"{value:+.2f}", style=style)


def _format_value(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return str(value).lower() if value is not None else "—"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {_format_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_format_value(v) for v in value)
    return str(value)


def _truncate(text: str, max_chars: int) -> str:
    """Whitespace runs made single spaces, and the text cut to ``max_chars`` with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"
