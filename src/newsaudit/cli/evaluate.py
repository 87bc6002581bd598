"""``newsaudit evaluate``: measure models on labelled data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from . import common
from .common import Group, console, format_value, jsonable, model_option, needs_train_extra


@click.group(cls=Group)
def evaluate() -> None:
    """Measure a model on labelled articles."""


@evaluate.command("reliability")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--protocol",
    type=click.Choice(["file", "lodo", "in-dataset"]),
    default="file",
    show_default=True,
    help="'file': score the labelled FILE with a trained model. "
    "'lodo': train on all datasets but one and test on that one, for each dataset in --data. "
    "'in-dataset': 5-fold cross-validation inside each dataset and group of --data.",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="The folder of labelled datasets (for --protocol lodo or in-dataset).",
)
@model_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--plots",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write roc.png and reliability.png to this folder (needs matplotlib).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (for --protocol lodo or in-dataset).")
@click.option("--batch-size", type=click.IntRange(min=1), default=256, show_default=True, help="Articles per batch.")
def evaluate_reliability_command(
    file: Path | None,
    protocol: str,
    data: Path | None,
    model: Path | None,
    as_json: bool,
    plots: Path | None,
    seed: int,
    batch_size: int,
) -> None:
    """Accuracy, macro-F1, ROC AUC and calibration error of the reliability verdict.

    FILE is a CSV, TSV, JSONL or Parquet file with a 'text' column, a 'label'
    column (1, fake or unreliable; 0, real or reliable) and optionally a
    'title'. An article counts as predicted unreliable when its probability
    is at least 0.5; ECE uses 10 equal-width bins.

    \b
    Examples:
      newsaudit evaluate reliability test.csv
      newsaudit evaluate reliability test.jsonl --json --plots plots/
      newsaudit evaluate reliability --protocol lodo --data ../shared/data/articles
      newsaudit evaluate reliability --protocol in-dataset --data ../shared/data/articles
    """
    if protocol in ("lodo", "in-dataset"):
        if file is not None or data is None:
            raise click.UsageError(f"--protocol {protocol} takes --data DIR and no FILE")
        if plots is not None or model is not None:
            raise click.UsageError("--plots and --model apply to --protocol file only")
        with needs_train_extra("leave-one-dataset-out evaluation"):
            import importlib

            lodo = importlib.import_module("newsaudit.train.lodo")
            if protocol == "lodo":
                result = lodo.leave_one_dataset_out(data, seed=seed)
            else:
                result = lodo.in_dataset_figures(data, seed=seed)
        if as_json:
            click.echo(json.dumps(result, indent=2, default=jsonable))
        else:
            console().print(lodo_table(result))
        return

    if file is None or data is not None:
        raise click.UsageError("--protocol file takes a FILE and no --data")
    from newsaudit.evaluate import evaluate_reliability, write_plots

    metrics, y, p = evaluate_reliability(common.load_pipeline(model), file, batch_size=batch_size)
    if as_json:
        click.echo(json.dumps(metrics, indent=2))
    else:
        console().print(metrics_table(metrics, file.name))
    if plots is not None:
        written = write_plots(y, p, plots)
        # Stderr, so that stdout stays pure JSON with --json.
        click.echo(f"wrote {', '.join(str(w) for w in written)}", err=True)


def metrics_table(metrics: Mapping[str, Any], name: str) -> Any:
    from rich.table import Table

    table = Table(title=f"Reliability on {name}", title_justify="left")
    for column in ("n", "accuracy", "macro-F1", "ROC AUC", "ECE"):
        table.add_column(column, justify="right")
    table.add_row(*(format_value(metrics[k]) for k in ("n", "accuracy", "macro_f1", "roc_auc", "ece")))
    return table


def lodo_table(result: Mapping[str, Any]) -> Any:
    from rich.table import Table
    from rich.text import Text

    title = {
        "leave-one-dataset-out": "Leave one dataset out: train on the others, test on this one",
    }.get(result.get("protocol", ""), result.get("protocol", ""))
    table = Table(title=title, title_justify="left")
    table.add_column("dataset")
    for column in ("n", "ROC AUC", "accuracy", "macro-F1", "ECE"):
        table.add_column(column, justify="right")
    for name, row in result["datasets"].items():
        cells = (format_value(row.get(k)) for k in ("n", "roc_auc", "accuracy", "macro_f1", "ece"))
        table.add_row(Text(str(name)), *cells)
    if "mean_roc_auc" in result:
        table.caption = f"mean ROC AUC {format_value(result.get('mean_roc_auc'))}"
    table.caption_justify = "left"
    return table
