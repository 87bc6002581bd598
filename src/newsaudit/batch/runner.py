"""``run_batch``: files in, files out, every input row written exactly once."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .progress import Progress
from .sinks import FORMATS, open_errors, open_sink, refuse_existing
from .sources import chunked, count_rows, iter_rows, source_name
from .work import PipelineSpec

ENGINES = ("local", "dask")

_SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


@dataclass
class BatchResult:
    """What a job did: rows written to the output and errors file, rows skipped by ``resume``."""

    out: Path
    errors: Path
    format: str
    rows: int
    failed: int
    skipped: int
    seconds: float

    @property
    def rows_per_s(self) -> float:
        return (self.rows + self.failed) / self.seconds if self.seconds > 0 else 0.0


def output_format(out: str | os.PathLike[str], format: str | None = None) -> str:
    """The output format: ``format`` when given, else from ``out``'s suffix (``.jsonl``, ``.csv``, ``.parquet``)."""
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"unknown output format {format!r}; expected one of {FORMATS}")
        return format
    try:
        return _SUFFIX_FORMATS[Path(out).suffix.lower()]
    except KeyError:
        raise ValueError(f"cannot tell the output format from {Path(out).name!r}; pass format= "
                         f"(one of {', '.join(FORMATS)})") from None


def errors_path(out: str | os.PathLike[str]) -> Path:
    """The default errors file, next to the output: ``scores.csv`` -> ``scores.csv.errors.jsonl``.

    The output's suffix stays in the name, so jobs writing ``scores.csv`` and
    ``scores.parquet`` never share (and resume from) one errors file.
    """
    out = Path(out)
    return out.with_name(f"{out.name}.errors.jsonl")


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    errors: str | os.PathLike[str] | None = None,
    format: str | None = None,
    spec: PipelineSpec | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    chunk_size: int = 256,
    part_rows: int = 20_000,
    progress: bool | None = False,
    text: str = "text",
    title: str = "title",
    input_format: str | None = None,
) -> BatchResult:
    """Audit every row of ``inputs`` and write one output row per input row.

    Parameters
    ----------
    inputs : sequence of path
        CSV, TSV, JSONL or Parquet files, or folders of ``.txt``/``.html``/``.json``
        articles (see :func:`~newsaudit.read.iter_dataset`).
    out : path
        The output: a JSONL file (one report per line), a CSV file (flattened
        scores), or a folder of Parquet part files (flattened scores).
    errors : path, optional
        Where rows that fail go, one JSON object per line with ``id``, ``source``,
        ``row`` and ``reason``. Default: ``errors_path(out)``.
    format : {"jsonl", "csv", "parquet"}, optional
        Default: from ``out``'s suffix.
    spec : PipelineSpec, optional
        The pipeline each worker loads; the default pipeline when omitted.
    workers : int
        Local worker processes (``engine="local"``; 1 runs in this process), or
        the size of the local Dask cluster.
    engine : {"local", "dask"}
    scheduler : str, optional
        A Dask scheduler address (``tcp://host:8786``); implies ``engine="dask"``.
    resume : bool
        Continue a job: rows already in ``out`` or ``errors`` are skipped. Without
        it an existing, non-empty ``out`` or ``errors`` is refused.
    chunk_size : int
        Rows per task, and per write.
    part_rows : int
        Rows per Parquet part file.
    progress : bool or None
        Draw a progress bar on stderr; ``None``: when stderr is a terminal.
    text, title : str
        The columns holding the article text and the headline.
    input_format : str, optional
        How to read every input (see :func:`~newsaudit.read.iter_dataset`); default: from each suffix.

    Returns
    -------
    BatchResult
    """
    started = time.perf_counter()
    fmt = output_format(out, format)
    if scheduler is not None:
        engine = "dask"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
    out, errors = Path(out), Path(errors) if errors is not None else errors_path(out)
    if out.resolve() == errors.resolve():
        raise ValueError("the output and the errors file must differ")
    paths = list(dict.fromkeys(inputs))  # the same input twice would be audited twice
    options = {"format": input_format, "text": text, "title": title}
    for path in paths:
        if not Path(path).exists():
            raise FileNotFoundError(2, "No such file or folder", str(path))
    spec = spec or PipelineSpec()
    kind = "jsonl" if fmt == "jsonl" else "flat"

    if not resume:
        for path in (out, errors):
            refuse_existing(path)
    sink = open_sink(out, fmt, resume=resume, part_rows=part_rows)
    failed_sink = open_errors(errors, resume=resume)
    done = sink.done | failed_sink.done
    sources = {source_name(p) for p in paths}
    skipped = sum(1 for key in done if key[0] in sources)
    try:
        show = sys.stderr.isatty() if progress is None else progress
        total = _total(paths, options["format"], skipped) if show else None
        chunks = chunked(iter_rows(paths, skip=done, **options), chunk_size)
        results = _engine(engine, chunks, spec, kind, workers, scheduler)
        with Progress(total, enabled=show) as bar:
            for result in results:
                sink.write(result.records)
                failed_sink.write(result.errors)
                bar.advance(len(result.records) + len(result.errors))
    finally:
        sink.close()
        failed_sink.close()
    return BatchResult(out, errors, fmt, sink.written, failed_sink.written, skipped, time.perf_counter() - started)


def _engine(engine: str, chunks: Iterable, spec: PipelineSpec, kind: str, workers: int, scheduler: str | None):
    if engine == "dask":
        from .dask_engine import run_dask

        return run_dask(chunks, spec, kind, workers=workers, scheduler=scheduler)
    from .local import run_local

    return run_local(chunks, spec, kind, workers=workers)


def _total(paths: Sequence[str | os.PathLike[str]], format: str | None, skipped: int) -> int | None:
    counts = [count_rows(p, format=format) for p in paths]
    if any(c is None for c in counts):
        return None
    return max(sum(counts) - skipped, 0)  # type: ignore[arg-type]
