"""The local engine: chunks audited in this process, or in ``workers`` processes, results kept in input order."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .sources import Row
from .work import ChunkResult, PipelineSpec, init_worker, process_chunk


def run_local(chunks: Iterable[list[Row]], spec: PipelineSpec, kind: str, *, workers: int = 1) -> Iterator[ChunkResult]:
    """Yield each chunk's result in input order.

    With ``workers=1`` the pipeline runs here. Otherwise each worker process loads
    it once (the pool's initializer) and at most ``2 * workers`` chunks are in
    flight, so memory stays flat however large the input.
    """
    if workers <= 1:
        for chunk in chunks:
            yield process_chunk(spec, kind, chunk)
        return
    # "spawn": a fresh interpreter, safe whatever threads this process runs (the progress bar has one).
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker, initargs=(spec,))
    pending: deque[Future[ChunkResult]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(process_chunk, spec, kind, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
