"""The Dask engine: the same chunks, audited on a Dask cluster (a local one by default).

Each chunk is one task running :func:`~newsaudit.batch.work.process_chunk`; a worker
process loads the pipeline on its first task and keeps it (a module-level cache),
so models load once per worker. Results come back in input order and are written
here, by the same crash-safe writers as the local engine: the output is the same.

Dask is an optional extra (``pip install 'newsaudit[dask]'``), imported only here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from newsaudit.errors import MissingDependencyError

from .sources import Row
from .work import ChunkResult, PipelineSpec, process_chunk


def run_dask(
    chunks: Iterable[list[Row]],
    spec: PipelineSpec,
    kind: str,
    *,
    workers: int = 2,
    scheduler: str | None = None,
) -> Iterator[ChunkResult]:
    """Yield each chunk's result in input order, computed on Dask workers.

    Parameters
    ----------
    scheduler : str, optional
        A scheduler address such as ``tcp://10.0.0.5:8786``. Without one, a local
        cluster of ``workers`` processes with one thread each is started and
        closed at the end.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependencyError("the dask engine needs the 'dask' extra: pip install 'newsaudit[dask]'") from exc

    with ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
            )
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(scheduler))
        threads = max(sum(client.nthreads().values()), 1)
        yield from _ordered(client, chunks, spec, kind, window=2 * threads)


def _ordered(client: Any, chunks: Iterable[list[Row]], spec: PipelineSpec, kind: str, window: int) -> Iterator[ChunkResult]:
    pending: deque[Any] = deque()
    try:
        for chunk in chunks:
            # pure=False: two chunks with equal content are still two tasks.
            pending.append(client.submit(process_chunk, spec, kind, chunk, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
