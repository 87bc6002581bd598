"""The ``newsaudit`` command: a thin layer over the library.

Each command parses its arguments, calls one library function and prints the
result. A :class:`~newsaudit.errors.NewsauditError` (bad input, a broken model,
a missing extra) or an unreadable input path becomes one line on stderr,
``error: ...``, and exit code 2, never a traceback. Heavy modules are imported
inside the commands, so ``newsaudit --help`` starts fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from newsaudit.errors import InputTooLargeError, NewsauditError
from newsaudit.read.decode import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from newsaudit.pipeline import Pipeline

#: Exit code for input, model and installation problems (click uses it for usage errors too).
EXIT_ERROR = 2

# Optional dependencies that the 'train' extra brings.
_TRAIN_EXTRA_MODULES = frozenset({"sklearn", "scipy", "matplotlib"})
_TRAIN_EXTRA_HINT = "pip install 'newsaudit[train]'"


def _load_pipeline(model: Path | None, **options: Any) -> Pipeline:
    """Load the pipeline the commands use; tests replace this function with a fake."""
    import newsaudit

    return newsaudit.load(model, **options)


def _fail(message: str) -> NoReturn:
    # One line, whatever the message holds, so scripts can grep stderr.
    click.echo(f"error: {' '.join(message.split())}", err=True)
    raise click.exceptions.Exit(EXIT_ERROR)


def _os_error_message(exc: OSError) -> str:
    if exc.filename is not None:
        return f"{exc.strerror or exc}: {exc.filename}"
    return str(exc)


class _Group(click.Group):
    """A group whose commands report known errors as ``error: <message>`` and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsauditError as exc:
            _fail(str(exc))
        except (FileNotFoundError, FileExistsError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
            _fail(_os_error_message(exc))


@contextmanager
def _needs_train_extra(what: str) -> Iterator[None]:
    """Turn a missing scikit-learn (or friend) into the one-line install hint."""
    try:
        yield
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] in _TRAIN_EXTRA_MODULES:
            _fail(f"{what} needs the 'train' extra: {_TRAIN_EXTRA_HINT}")
        raise


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    import newsaudit

    click.echo(f"newsaudit {newsaudit.__version__}")
    ctx.exit()


_model_option = click.option(
    "--model",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="A reliability model directory written by 'newsaudit train reliability'. [default: the shipped model]",
)


@click.group(name="newsaudit", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
    """


@cli.command()
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
@_model_option
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
            _fail("no input: give a file, or pipe the article in (newsaudit analyze - < story.txt)")
        # One byte more than allowed tells "too large" without reading an endless stream.
        data = stdin.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLargeError(
                f"standard input holds more than {max_bytes:,} bytes; pass a larger --max-bytes to read it"
            )
        article = read(data, format=input_format, url=url, max_bytes=max_bytes)
    else:
        article = read_path(path, format=input_format, url=url, max_bytes=max_bytes)
    report = (_load_pipeline(model, prior=prior) if prior is not None else _load_pipeline(model))(article)
    if output_format == "json":
        click.echo(report.to_json(indent=2))
    else:
        from newsaudit.render import render_text

        render_text(report, _console())


@cli.group(cls=_Group)
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
@_model_option
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
        with _needs_train_extra("leave-one-dataset-out evaluation"):
            import importlib

            lodo = importlib.import_module("newsaudit.train.lodo")
            if protocol == "lodo":
                result = lodo.leave_one_dataset_out(data, seed=seed)
            else:
                result = lodo.in_dataset_figures(data, seed=seed)
        if as_json:
            click.echo(json.dumps(result, indent=2, default=_jsonable))
        else:
            _console().print(_lodo_table(result))
        return

    if file is None or data is not None:
        raise click.UsageError("--protocol file takes a FILE and no --data")
    from newsaudit.evaluate import evaluate_reliability, write_plots

    metrics, y, p = evaluate_reliability(_load_pipeline(model), file, batch_size=batch_size)
    if as_json:
        click.echo(json.dumps(metrics, indent=2))
    else:
        _console().print(_metrics_table(metrics, file.name))
    if plots is not None:
        written = write_plots(y, p, plots)
        # Stderr, so that stdout stays pure JSON with --json.
        click.echo(f"wrote {', '.join(str(w) for w in written)}", err=True)


@cli.group(cls=_Group)
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
    out = out or _shipped_model_dir()
    with _needs_train_extra("training"):
        from newsaudit.train.reliability import train_reliability

        summary = train_reliability(data, out, seed=seed)
    if as_json:
        click.echo(json.dumps(summary, indent=2, default=_jsonable))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Reliability model written to {out}", title_justify="left", show_header=False)
    table.add_column("figure", overflow="fold")
    table.add_column("value", justify="right")
    for key, value in _flatten(summary):
        table.add_row(Text(key), Text(_format(value)))
    _console().print(table)


def _shipped_model_dir() -> Path:
    import newsaudit

    # newsaudit.__file__ is src/newsaudit/__init__.py in a checkout.
    return Path(newsaudit.__file__).parent / "models" / "data" / "reliability"


# -- output helpers --------------------------------------------------------------------------------


def _console() -> Any:
    from rich.console import Console

    # Colour and width follow the terminal; piped output gets plain text, 80 columns wide.
    return Console()


def _metrics_table(metrics: Mapping[str, Any], name: str) -> Any:
    from rich.table import Table

    table = Table(title=f"Reliability on {name}", title_justify="left")
    for column in ("n", "accuracy", "macro-F1", "ROC AUC", "ECE"):
        table.add_column(column, justify="right")
    table.add_row(*(_format(metrics[k]) for k in ("n", "accuracy", "macro_f1", "roc_auc", "ece")))
    return table


def _lodo_table(result: Mapping[str, Any]) -> Any:
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
        cells = (_format(row.get(k)) for k in ("n", "roc_auc", "accuracy", "macro_f1", "ece"))
        table.add_row(Text(str(name)), *cells)
    if "mean_roc_auc" in result:
        table.caption = f"mean ROC AUC {_format(result.get('mean_roc_auc'))}"
    table.caption_justify = "left"
    return table


def _format(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_format(v) for v in value)
    return str(value)


def _flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _jsonable(value: Any) -> Any:
    # numpy scalars and arrays, paths.
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def main(argv: list[str] | None = None) -> None:
    """Run the ``newsaudit`` command (the console script's entry point)."""
    cli.main(args=argv, prog_name="newsaudit")
