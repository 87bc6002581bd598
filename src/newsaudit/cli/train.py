"""``newsaudit train``: fit models from labelled data and write them as plain data."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .common import Group, console, flatten, format_value, jsonable, needs_train_extra


@click.group(cls=Group)
def train() -> None:
    """Train models from labelled data (needs the 'train' extra)."""


@train.command("reliability")
@click.option(
    "--data",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder of labelled article datasets, e.g. ../shared/data/articles.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the model. [default: the shipped model, src/newsaudit/models/data/reliability]",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed gives the same model.")
@click.option("--json", "as_json", is_flag=True, help="Print the training summary as JSON.")
def train_reliability_command(data: Path, out: Path | None, seed: int, as_json: bool) -> None:
    """Fit the reliability model and write it as plain data (JSON and .npz).

    \b
    Example:
      newsaudit train reliability --data ../shared/data/articles --out my-model/
      newsaudit analyze story.txt --model my-model/
    """
    out = out or shipped_model_dir()
    with needs_train_extra("training"):
        from newsaudit.train.reliability import train_reliability

        summary = train_reliability(data, out, seed=seed)
    if as_json:
        click.echo(json.dumps(summary, indent=2, default=jsonable))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Reliability model written to {out}", title_justify="left", show_header=False)
    table.add_column("figure", overflow="fold")
    table.add_column("value", justify="right")
    for key, value in flatten(summary):
        table.add_row(Text(key), Text(format_value(value)))
    console().print(table)


def shipped_model_dir() -> Path:
    import newsaudit

    # newsaudit.__file__ is src/newsaudit/__init__.py in a checkout.
    return Path(newsaudit.__file__).parent / "models" / "data" / "reliability"
