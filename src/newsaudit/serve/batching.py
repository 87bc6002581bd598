"""Requests that arrive together are audited together, by one pipeline thread that runs them in batches.

The pipeline is CPU-bound Python: threads of one process take turns on one core, so running requests
in parallel threads gains nothing. Running them *together* does: the reliability model scores a batch
with a few matrix products and the comment model scores every comment of a batch in one pass, so an
article costs about a third less CPU in a batch of 8 than alone (``benchmarks/service_latency.py``
measures the service; the README has the figures). A request's thread hands its article to the
:class:`Batcher` and waits; the pipeline thread takes every article waiting, up to ``max_batch``, and runs
them through :meth:`Pipeline.pipe <newsaudit.pipeline.Pipeline.pipe>`, whose reports equal one call per
article. A request that finds the batcher idle runs at once, in a batch of one.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from typing import Any

from newsaudit.article import Article
from newsaudit.report import Report

log = logging.getLogger("newsaudit.serve")

_Job = tuple[Article, "Future[Report]"]


class Batcher:
    """Runs ``pipeline`` in one thread of its own, on the articles waiting for it, in batches.

    Parameters
    ----------
    pipeline : Pipeline
        Anything with ``pipe(articles, batch_size=...)`` and ``__call__(article)`` like
        :class:`~newsaudit.pipeline.Pipeline`.
    max_batch : int
        Most articles run in one batch.

    Examples
    --------
    >>> import newsaudit
    >>> batcher = Batcher(newsaudit.load(exclude=["toxicity"]), max_batch=8)
    >>> batcher(Article(body="Officials said the bridge would reopen on Monday.")).to_dict()["schema"]
    'newsaudit.report/1'
    >>> batcher.close()
    """

    def __init__(self, pipeline: Any, max_batch: int = 16) -> None:
        if max_batch < 1:
            raise ValueError(f"max_batch must be at least 1, not {max_batch}")
        self.pipeline = pipeline
        self.max_batch = max_batch
        #: Articles waiting with the future of their report; ``None`` tells the thread to stop.
        self._waiting: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="newsaudit-pipeline", daemon=True)
        self._thread.start()

    def __call__(self, article: Article) -> Report:
        """The report of ``article``, from the next batch; blocks the calling thread until it is ready."""
        return self.submit(article).result()

    def submit(self, article: Article) -> Future[Report]:
        """Queue ``article`` for the next batch; the future holds its report or the error it raised."""
        if not self._thread.is_alive():
            raise RuntimeError("the batcher is closed")
        future: Future[Report] = Future()
        self._waiting.put((article, future))
        return future

    def close(self) -> None:
        """Stop the pipeline thread once the articles already queued have run."""
        self._waiting.put(None)

    def _serve(self) -> None:
        while (job := self._waiting.get()) is not None:
            batch = [job]
            while len(batch) < self.max_batch:
                try:
                    job = self._waiting.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    self._run(batch)
                    return
                batch.append(job)
            self._run(batch)

    def _run(self, batch: list[_Job]) -> None:
        articles = [article for article, _ in batch]
        try:
            reports = list(self.pipeline.pipe(articles, batch_size=len(articles)))
        except Exception:
            if len(batch) > 1:
                log.debug("a batch of %d failed; running its articles one by one", len(batch))
            # One article that breaks a component must not fail the others: each runs alone, with its own error.
            for article, future in batch:
                self._run_one(article, future)
            return
        for (_, future), report in zip(batch, reports):
            future.set_result(report)

    def _run_one(self, article: Article, future: Future[Report]) -> None:
        try:
            future.set_result(self.pipeline(article))
        except Exception as exc:
            future.set_exception(exc)
