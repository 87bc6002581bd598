"""``newsaudit comments``: score comments without an article."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from newsaudit.errors import InputError, InputTooLargeError
from newsaudit.read.decode import DEFAULT_MAX_BYTES

from .common import console, fail, toxicity_model_option

_HEADS = ("toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack")


def load_toxicity(model: Path | None, thresholds: dict[str, float] | None = None) -> Any:
    """The toxicity component alone (the shipped model, or ``model``)."""
    from newsaudit.loading import FACTORIES

    return FACTORIES["toxicity"]({"toxicity_model": model, "thresholds": thresholds})


def parse_comments(data: bytes, source: str) -> list[Any]:
    """Comments from JSON Lines (``text``, optional ``author`` and ``id``) or plain text, one per line.

    The first non-blank line decides: a line starting with ``{`` means JSON Lines.
    """
    from newsaudit.article import Comment
    from newsaudit.read.decode import decode

    text = decode(data)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(f"{source} holds no comments")
    if not lines[0].lstrip().startswith("{"):
        return [Comment(line.strip(), id=str(i)) for i, line in enumerate(lines)]
    comments = []
    for n, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{source} line {n} is not valid JSON: {exc.msg}") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError(f"{source} line {n} needs a 'text' string")
        author, cid = row.get("author"), row.get("id")
        comments.append(
            Comment(row["text"], author=None if author is None else str(author), id=str(n - 1 if cid is None else cid))
        )
    return comments


def _threshold(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for value in values:
        head, sep, number = value.partition("=")
        if not sep or head not in _HEADS:
            raise click.BadParameter(f"{value!r}: use HEAD=VALUE with HEAD one of {', '.join(_HEADS)}")
        try:
            out[head] = float(number)
        except ValueError:
            raise click.BadParameter(f"{value!r}: {number!r} is not a number") from None
        if not 0 <= out[head] <= 1:
            raise click.BadParameter(f"{value!r}: a threshold is between 0 and 1")
    return out


@click.command()
@click.argument("path", required=False, default="-", metavar="[PATH|-]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="A readable table, one JSON document (comments and thread), or one JSON line per comment.",
)
@click.option(
    "--threshold",
    "thresholds",
    multiple=True,
    callback=_threshold,
    metavar="HEAD=VALUE",
    help="Flag HEAD at or above VALUE instead of the model's threshold (repeatable), e.g. --threshold threat=0.3.",
)
@toxicity_model_option
def comments(path: str, output_format: str, thresholds: dict[str, float], model: Path | None) -> None:
    """Score comments: six toxicity scores, flags and the words behind them, and a thread summary.

    PATH holds one comment per line, or JSON Lines with 'text' and optional
    'author' and 'id'; '-' or nothing reads standard input.

    \b
    Examples:
      newsaudit comments thread.txt
      newsaudit comments thread.jsonl --format json
      echo "you are a clown" | newsaudit comments --threshold insult=0.3
    """
    if path == "-":
        if sys.stdin.isatty():
            fail("no input: give a file, or pipe comments in (newsaudit comments - < thread.txt)")
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
        source = "standard input"
    else:
        data = Path(path).read_bytes()
        source = path
    if len(data) > DEFAULT_MAX_BYTES:
        raise InputTooLargeError(f"{source} holds more than {DEFAULT_MAX_BYTES:,} bytes of comments")
    result = load_toxicity(model, thresholds).moderate(parse_comments(data, source))
    if output_format == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif output_format == "jsonl":
        for item in result["comments"]:
            click.echo(json.dumps(item, ensure_ascii=False))
    else:
        from newsaudit.render.comments import render_comments

        render_comments(result, console())
