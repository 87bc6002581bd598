"""``newsaudit train``: fit models from labelled data and write them as plain data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .common import Group, console, flatten, format_value, jsonable, needs_train_extra


def out_option(name: str, what: str = "model") -> Any:
    """The ``--out`` option of ``train NAME``: where to write, the shipped copy by default."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=f"Where to write the {what}. [default: the shipped {what}, src/newsaudit/models/data/{name}]",
    )


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
@out_option("reliability", "model")
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
    _print_summary(summary, f"Reliability model written to {out}", as_json)


@train.command("stance")
@click.option(
    "--data",
    required=True,
    type=click.Path(path_type=Path),
    help="The FNC-1 folder, e.g. ../shared/data/stance/fnc1.",
)
@out_option("stance", "model")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the held-out body split.")
@click.option("--json", "as_json", is_flag=True, help="Print the training summary as JSON.")
def train_stance_command(data: Path, out: Path | None, seed: int, as_json: bool) -> None:
    """Fit the headline-body stance model (FNC-1), measure it on held-out bodies, write it as plain data.

    \b
    Example:
      newsaudit train stance --data ../shared/data/stance/fnc1
    """
    out = out or shipped_model_dir("stance")
    with needs_train_extra("training"):
        from newsaudit.train.stance import train_stance

        summary = train_stance(data, out, seed=seed)
    _print_summary(summary, f"Stance model written to {out}", as_json)


@train.command("sources")
@click.option(
    "--data",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder of domain lists, e.g. ../shared/data/sources.",
)
@out_option("sources", "table")
@click.option(
    "--measure",
    type=click.Path(path_type=Path),
    default=None,
    help="Also measure what the source prior adds to the text model on these article datasets "
    "(e.g. ../shared/data/articles; slow, needs the 'train' extra).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def train_sources_command(data: Path, out: Path | None, measure: Path | None, as_json: bool) -> None:
    """Build the source-reputation table from OpenSources, BS Detector and MBFC lists.

    \b
    Example:
      newsaudit train sources --data ../shared/data/sources
    """
    from newsaudit.sources.build import train_sources

    out = out or shipped_model_dir("sources")
    summary = train_sources(data, out)
    if measure is not None:
        with needs_train_extra("measuring the source prior"):
            from newsaudit.sources.lookup import SourceTable
            from newsaudit.train.source_prior import measure_source_prior

            summary["source_prior"] = measure_source_prior(measure, SourceTable.load(out))
    _print_summary(summary, f"Source table written to {out}", as_json)


@train.command("toxicity")
@click.option(
    "--data",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder of comment datasets, e.g. ../shared/data/comments.",
)
@click.option(
    "--teacher",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder of teacher soft labels, e.g. ../shared/data/teacher.",
)
@click.option(
    "--articles",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The article datasets folder (../shared/data/articles): news paragraphs join as clean text. "
    "[default: 'articles' beside --data, when it exists]",
)
@out_option("toxicity", "model")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed gives the same model.")
@click.option("--json", "as_json", is_flag=True, help="Print the training summary as JSON.")
def train_toxicity_command(
    data: Path, teacher: Path, articles: Path | None, out: Path | None, seed: int, as_json: bool
) -> None:
    """Fit the six comment heads from hand labels and teacher soft labels; write them as plain data.

    Only the datasets whose licences allow it train the model (see MODEL_CARD.md).

    \b
    Example:
      newsaudit train toxicity --data ../shared/data/comments --teacher ../shared/data/teacher
    """
    out = out or shipped_model_dir("toxicity")
    if articles is None and (Path(data).parent / "articles").is_dir():
        articles = Path(data).parent / "articles"
    with needs_train_extra("training"):
        from newsaudit.train.toxicity import train_toxicity

        summary = train_toxicity(data, teacher, out, articles=articles, seed=seed)
    _print_summary(summary, f"Toxicity model written to {out}", as_json)


def _print_summary(summary: dict, title: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(summary, indent=2, default=jsonable))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column("figure", overflow="fold")
    table.add_column("value", justify="right")
    for key, value in flatten(summary):
        table.add_row(Text(key), Text(format_value(value)))
    console().print(table)


def shipped_model_dir(name: str = "reliability") -> Path:
    import newsaudit

    # newsaudit.__file__ is src/newsaudit/__init__.py in a checkout.
    return Path(newsaudit.__file__).parent / "models" / "data" / name
