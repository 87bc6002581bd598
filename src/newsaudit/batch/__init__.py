"""Batch jobs: datasets in, one output row per input row out; local processes or a Dask cluster.

Example::

    from newsaudit.batch import run_batch
    result = run_batch(["articles.csv"], "scores.csv", workers=2)

The pieces: :mod:`~newsaudit.batch.sources` numbers the input rows,
:mod:`~newsaudit.batch.work` audits a chunk of them with a pipeline loaded once
per process, :mod:`~newsaudit.batch.local` and :mod:`~newsaudit.batch.dask_engine`
run the chunks, :mod:`~newsaudit.batch.sinks` writes them crash-safely and reads
them back to resume, :mod:`~newsaudit.batch.flatten` turns a report into a row.
"""

from __future__ import annotations

from .flatten import flatten_report
from .runner import BatchResult, errors_path, output_format, run_batch
from .work import PipelineSpec

__all__ = ["BatchResult", "PipelineSpec", "errors_path", "flatten_report", "output_format", "run_batch"]
