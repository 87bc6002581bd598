"""The unit of work every engine runs: audit one chunk of rows with a pipeline loaded once per process.

:func:`process_chunk` is the same function in the calling process (``workers=1``), in a
local worker process and on a Dask worker, so every engine writes the same rows.
The pipeline is built from a small picklable :class:`PipelineSpec` and cached per
process (:func:`worker_pipeline`): a worker loads the models on its first chunk
and reuses them for every chunk after it.
"""

from __future__ import annotations

import importlib
import json
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .flatten import flatten_report
from .sources import Row

if TYPE_CHECKING:
    from newsaudit.pipeline import Pipeline
    from newsaudit.report import Report

#: Output kinds: one JSON line per row ("jsonl"), or a flat mapping of scores ("flat").
KINDS = ("jsonl", "flat")


@dataclass(frozen=True)
class PipelineSpec:
    """How to build the pipeline in each worker: the arguments of :func:`newsaudit.load`.

    Parameters
    ----------
    model : str or None
        A reliability model directory; the shipped model when ``None``.
    prior : float or None
        See :func:`newsaudit.load`.
    evidence : bool
        ``False`` scores without explanations: several times faster.
    exclude : tuple of str
        Components to leave out.
    factory : str or None
        ``"module:function"``: a function of no arguments returning the
        :class:`~newsaudit.pipeline.Pipeline` to use instead of :func:`newsaudit.load`
        (custom components). The module must be importable in every worker.
    """

    model: str | None = None
    prior: float | None = None
    evidence: bool = True
    exclude: tuple[str, ...] = ()
    factory: str | None = None

    def build(self) -> Pipeline:
        if self.factory is not None:
            module, _, name = self.factory.partition(":")
            return getattr(importlib.import_module(module), name)()
        import newsaudit

        return newsaudit.load(self.model, prior=self.prior, evidence=self.evidence, exclude=self.exclude)


@dataclass
class ChunkResult:
    """What a chunk gave: output records and error records, each in input order."""

    records: list[Any]
    errors: list[dict[str, Any]]


_pipelines: dict[PipelineSpec, Pipeline] = {}
_lock = threading.Lock()


def worker_pipeline(spec: PipelineSpec) -> Pipeline:
    """The pipeline for ``spec`` in this process, loaded on first use (thread-safe: Dask workers run threads)."""
    pipeline = _pipelines.get(spec)
    if pipeline is None:
        with _lock:
            pipeline = _pipelines.get(spec)
            if pipeline is None:
                pipeline = _pipelines[spec] = spec.build()
    return pipeline


def init_worker(spec: PipelineSpec) -> None:
    """Process-pool initializer: load the pipeline before the first chunk arrives.

    A failure here would only break the pool with no reason given; the first chunk
    tries again and raises the error itself (a missing model: ``ModelError``).
    """
    try:
        worker_pipeline(spec)
    except Exception:  # noqa: BLE001, S110  (raised again, with its message, by the first chunk)
        pass


def process_chunk(spec: PipelineSpec, kind: str, rows: list[Row]) -> ChunkResult:
    """Audit ``rows``; a row that was unreadable, or that a component fails on, becomes an error record.

    The chunk goes through ``pipe()`` in one batch; when that raises, each article is
    run alone so only the failing rows are lost.
    """
    pipeline = worker_pipeline(spec)
    good = [i for i, r in enumerate(rows) if r.error is None]
    articles = [rows[i].article for i in good]
    reports = pipeline.reports_or_errors(articles)
    outcome: dict[int, Any] = dict(zip(good, reports))
    result = ChunkResult([], [])
    for i, r in enumerate(rows):
        value = outcome.get(i)
        if r.error is not None:
            result.errors.append(r.error_record(r.error))
            continue
        if not isinstance(value, Exception):
            try:
                value = _record(value, r, kind)
            except Exception as exc:  # noqa: BLE001  (e.g. a part that is not JSON data)
                value = exc
        if isinstance(value, Exception):
            result.errors.append(r.error_record(f"{type(value).__name__}: {value}"))
        else:
            result.records.append(value)
    return result


def _record(report: Report, row: Row, kind: str) -> Any:
    data = report.to_dict()
    data["id"] = row.id
    data["batch"] = {"source": row.source, "row": row.row}
    return json.dumps(data, ensure_ascii=False) if kind == "jsonl" else flatten_report(data)
