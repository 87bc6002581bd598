"""``newsaudit analyze``: audit one article and print its report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsaudit.errors import InputTooLargeError
from newsaudit.read.decode import DEFAULT_MAX_BYTES

from . import common
from .common import console, fail, model_option


@click.command()
@click.argument("path", required=False, default="-", metavar="[PATH|-]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Print a readable report, or the report as JSON (schema newsaudit.report/1).",
)
@click.option(
    "--input-format",
    type=click.Choice(["text", "json", "html"]),
    default=None,
    help="How to read the input. [default: from the file suffix, else from the content]",
)
@click.option("--url", default=None, help="Where the article was published; gives the report's domain.")
@model_option
@click.option(
    "--prior",
    type=click.FloatRange(min=0, max=1, min_open=True, max_open=True),
    default=None,
    help="Share of unreliable articles you expect where you use it; shifts the probability from the "
    "training mix (see MODEL_CARD.md) to this prior. [default: no shift]",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse inputs larger than this many bytes.",
)
def analyze(
    path: str,
    output_format: str,
    input_format: str | None,
    url: str | None,
    model: Path | None,
    prior: float | None,
    max_bytes: int,
) -> None:
    """Audit one article and its comment section.

    Prints the reliability verdict with the evidence behind it, then the
    comments and any other part the pipeline adds.

    PATH is a .txt, .html or .json file; '-' or nothing reads standard input.
    Plain text is read as copied from a web page: the headline on the first
    line, the body, then the comments as bullet blocks ('• Name' then the text).

    \b
    Examples:
      newsaudit analyze story.txt
      newsaudit analyze saved-page.html --url https://example.org/story
      pbpaste | newsaudit analyze --format json
    """
    from newsaudit.read import read, read_path

    if path == "-":
        stdin = sys.stdin.buffer
        if sys.stdin.isatty():
            fail("no input: give a file, or pipe the article in (newsaudit analyze - < story.txt)")
        # One byte more than allowed tells "too large" without reading an endless stream.
        data = stdin.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLargeError(
                f"standard input holds more than {max_bytes:,} bytes; pass a larger --max-bytes to read it"
            )
        article = read(data, format=input_format, url=url, max_bytes=max_bytes)
    else:
        article = read_path(path, format=input_format, url=url, max_bytes=max_bytes)
    report = (common.load_pipeline(model, prior=prior) if prior is not None else common.load_pipeline(model))(article)
    if output_format == "json":
        click.echo(report.to_json(indent=2))
    else:
        from newsaudit.render import render_text

        render_text(report, console())
