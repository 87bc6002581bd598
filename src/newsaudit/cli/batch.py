"""``newsaudit batch``: audit datasets, one output row per input row, locally or on a Dask cluster."""

from __future__ import annotations

from pathlib import Path

import click

from .common import model_option


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path), metavar="IN...")
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="Output: a .jsonl file (full reports), a .csv file or a .parquet folder (flattened scores).",
)
@click.option(
    "--errors",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where failed rows go (JSONL: id, source, row, reason). [default: OUT + .errors.jsonl]",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default=None,
    help="Output format. [default: from OUT's suffix]",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes, each loading the pipeline once (with --engine dask: the local cluster's size).",
)
@click.option("--resume", is_flag=True, help="Continue a stopped job: skip rows already in OUT or the errors file.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Local processes, or a Dask cluster (needs the 'dask' extra).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDR",
    help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (implies --engine dask). [default: a local cluster]",
)
@click.option(
    "--evidence/--no-evidence",
    default=None,
    help="Explain each score (slower). [default: on for jsonl, whose reports carry it; off for csv and parquet]",
)
@click.option("--text", "text_column", default="text", show_default=True, help="The column holding the article text.")
@click.option("--title", "title_column", default="title", show_default=True, help="The column holding the headline.")
@click.option(
    "--input-format",
    type=click.Choice(["csv", "tsv", "jsonl", "parquet", "folder"]),
    default=None,
    help="How to read every IN. [default: from each suffix; a folder holds .txt/.html/.json articles]",
)
@model_option
@click.option(
    "--prior",
    type=click.FloatRange(min=0, max=1, min_open=True, max_open=True),
    default=None,
    help="Share of unreliable articles you expect (see 'newsaudit analyze --help').",
)
@click.option("--chunk-size", type=click.IntRange(min=1), default=256, show_default=True, help="Rows per task and per write.")
def batch(
    inputs: tuple[Path, ...],
    out: Path,
    errors: Path | None,
    output_format: str | None,
    workers: int,
    resume: bool,
    engine: str,
    scheduler: str | None,
    evidence: bool | None,
    text_column: str,
    title_column: str,
    input_format: str | None,
    model: Path | None,
    prior: float | None,
    chunk_size: int,
) -> None:
    """Audit every row of CSV, TSV, JSONL or Parquet files, or folders of articles.

    Each input row gives one output row carrying its id (the 'id' column, else
    the row number); a row that fails goes to the errors file with the reason,
    and the job goes on. Output is written in whole chunks, so after a crash
    '--resume' finishes the job with every row written exactly once.

    \b
    Examples:
      newsaudit batch articles.csv --out scores.csv --workers 2
      newsaudit batch crawl/*.jsonl --out reports.jsonl --resume
      newsaudit batch articles.parquet --out scores.parquet --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from newsaudit.batch import PipelineSpec, run_batch
    from newsaudit.batch import output_format as pick_format

    try:
        fmt = pick_format(out, output_format)
    except ValueError as exc:
        raise click.UsageError(f"{exc}; pass --format") from None
    if scheduler is not None:
        engine_given = click.get_current_context().get_parameter_source("engine") == click.core.ParameterSource.COMMANDLINE
        if engine_given and engine == "local":
            raise click.UsageError("--scheduler needs --engine dask")
        engine = "dask"
    if errors is not None and errors.resolve() == out.resolve():
        raise click.UsageError("--errors must differ from --out")
    spec = PipelineSpec(
        model=str(model) if model is not None else None,
        prior=prior,
        evidence=evidence if evidence is not None else fmt == "jsonl",
    )
    result = run_batch(
        inputs,
        out,
        errors=errors,
        format=fmt,
        spec=spec,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        resume=resume,
        chunk_size=chunk_size,
        progress=None,
        text=text_column,
        title=title_column,
        input_format=input_format,
    )
    skipped = f", {result.skipped:,} already done" if result.skipped else ""
    click.echo(
        f"{result.rows:,} rows to {result.out}, {result.failed:,} errors to {result.errors}{skipped} "
        f"in {result.seconds:.1f} s ({result.rows_per_s:,.0f} rows/s)",
        err=True,
    )
