"""``newsaudit evaluate``: measure models on labelled data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from . import common
from .common import Group, console, format_value, jsonable, model_option, needs_train_extra, toxicity_model_option


@click.group(cls=Group)
def evaluate() -> None:
    """Measure models on labelled articles, comments or gold sets."""


@evaluate.command("reliability")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--protocol",
    type=click.Choice(["file", "lodo", "in-dataset", "lodo-signals"]),
    default="file",
    show_default=True,
    help="'file': score the labelled FILE with a trained model. "
    "'lodo': train on all datasets but one and test on that one, for each dataset in --data. "
    "'in-dataset': 5-fold cross-validation inside each dataset and group of --data. "
    "'lodo-signals': 'lodo' with and without the readable signals added to the text logit.",
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
    if protocol in ("lodo", "in-dataset", "lodo-signals"):
        if file is not None or data is None:
            raise click.UsageError(f"--protocol {protocol} takes --data DIR and no FILE")
        if plots is not None or model is not None:
            raise click.UsageError("--plots and --model apply to --protocol file only")
        with needs_train_extra("leave-one-dataset-out evaluation"):
            import importlib

            lodo = importlib.import_module("newsaudit.train.lodo")
            if protocol == "lodo":
                result = lodo.leave_one_dataset_out(data, seed=seed)
            elif protocol == "lodo-signals":
                result = importlib.import_module("newsaudit.train.signal_prior").measure_signal_prior(data, seed=seed)
            else:
                result = lodo.in_dataset_figures(data, seed=seed)
        if as_json or protocol == "lodo-signals":
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


@evaluate.command("claims")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_claims_command(gold: Path | None, as_json: bool) -> None:
    """Quote recall, speaker accuracy, attribution accuracy and flag F1 on a gold set.

    GOLD is a JSON Lines file of hand-annotated articles (see
    newsaudit.attribution.gold); by default the gold set kept in tests/.

    \b
    Examples:
      newsaudit evaluate claims
      newsaudit evaluate claims my_gold.jsonl --json
    """
    from newsaudit.attribution.gold import DEFAULT_GOLD, read_gold, score

    path = gold or DEFAULT_GOLD
    if not path.is_file():
        raise click.UsageError(f"no gold set at {path}; pass GOLD")
    figures = score(read_gold(path))
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    from rich.table import Table

    table = Table(title=f"Quotes and claims on {path.name}", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        table.add_row(key.replace("_", " "), format_value(value))
    console().print(table)


@evaluate.command("toxicity")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--head",
    type=click.Choice(["toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack"]),
    default="toxicity",
    show_default=True,
    help="Which score to measure against the labels.",
)
@toxicity_model_option
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Instead of FILE: the folder of comment datasets (../shared/data/comments), for every figure of MODEL_CARD.md.",
)
@click.option(
    "--teacher",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --data: the teacher folder, for the teachers' figures beside ours.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_toxicity_command(
    file: Path | None, head: str, model: Path | None, data: Path | None, teacher: Path | None, as_json: bool
) -> None:
    """ROC AUC, average precision, F1 at the head's threshold and calibration error on labelled comments.

    FILE is a CSV, TSV, JSONL or Parquet file with a 'text' column and a
    'label' column (1 for toxic, 0 for not). With --data and --teacher instead,
    the model card's figures on the shared evaluation sets.

    \b
    Examples:
      newsaudit evaluate toxicity insults.csv --head insult
      newsaudit evaluate toxicity comments.jsonl --json
      newsaudit evaluate toxicity --data ../shared/data/comments --teacher ../shared/data/teacher
    """
    from newsaudit.evaluate import evaluate_toxicity

    from .comments import load_toxicity

    if data is not None or teacher is not None:
        if file is not None or data is None or teacher is None:
            raise click.UsageError("give either FILE, or --data DIR and --teacher DIR")
        from newsaudit.train.toxicity_figures import toxicity_figures

        suite = toxicity_figures(data, teacher, load_toxicity(model))
        if as_json:
            click.echo(json.dumps(suite, indent=2))
        else:
            console().print(_toxicity_suite_table(suite))
        return
    if file is None:
        raise click.UsageError("give a labelled FILE, or --data DIR and --teacher DIR")
    metrics, _y, _p = evaluate_toxicity(load_toxicity(model), file, head=head)
    if as_json:
        click.echo(json.dumps(metrics, indent=2))
        return
    from rich.table import Table

    table = Table(title=f"{head} on {file.name}", title_justify="left")
    for column in ("n", "ROC AUC", "average precision", "F1", "ECE"):
        table.add_column(column, justify="right")
    table.add_row(*(format_value(metrics[k]) for k in ("n", "roc_auc", "average_precision", "f1", "ece")))
    console().print(table)


def _toxicity_suite_table(suite: Mapping[str, Any]) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Comment model on the shared evaluation sets", title_justify="left")
    for column in ("set", "head", "n", "ROC AUC", "teacher AUC", "avg precision"):
        table.add_column(column, justify="left" if column in ("set", "head") else "right")
    for row in suite["figures"]:
        table.add_row(
            Text(row["set"]),
            row["head"],
            format_value(row["n"]),
            format_value(row["roc_auc"]),
            format_value(row.get("teacher_roc_auc")),
            format_value(row["average_precision"]),
        )
    fp = suite["identity_false_positives"]
    table.caption = (
        f"identity-term negatives scored >= 0.5: {100 * fp['share_toxicity_at_least_0.5']:.1f}% "
        f"(teachers {100 * fp['teacher_share_at_least_0.5']:.1f}%); wiki fuzzed gap {suite['fuzzed_gap']:.4f}"
    )
    table.caption_justify = "left"
    return table


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
