"""The ``newsaudit`` command: a thin layer over the library.

One module per command; each parses its arguments, calls one library function
and prints the result. Errors become one line on stderr and exit code 2 (see
:mod:`newsaudit.cli.common`).
"""

from __future__ import annotations

import click

from .analyze import analyze
from .batch import batch
from .comments import comments
from .common import Group
from .evaluate import evaluate
from .serve import serve
from .train import train


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    import newsaudit

    click.echo(f"newsaudit {newsaudit.__version__}")
    ctx.exit()


@click.group(name="newsaudit", cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
def cli() -> None:
    """Audit a news article and its comment section, offline.

    \b
    Examples:
      newsaudit analyze article.html
      cat story.txt | newsaudit analyze --format json
      newsaudit evaluate reliability labelled.csv --plots plots/
      newsaudit comments thread.txt
      newsaudit batch articles.csv --out scores.csv --workers 2
      newsaudit serve --port 8000
    """


for command in (analyze, batch, comments, evaluate, serve, train):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Run the ``newsaudit`` command (the console script's entry point)."""
    cli.main(args=argv, prog_name="newsaudit")
