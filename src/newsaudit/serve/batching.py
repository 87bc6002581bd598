"""Requests that arrive together are audited together, by one pipeline thread that runs them in batches.

The pipeline is CPU-bound Python: threads of one process take turns on one core, so running requests
in parallel threads gains nothing. Running them *together* does: the reliability model scores a batch
with a few matrix products and the comment model scores every comment of a batch in one pass, so an
article costs about a third less CPU in a batch of 8 than alone (``benchmarks/service_latency.py``
measures the service; the README has the figures). A request hands its job (read the input, audit it,
write the answer) to the :class:`Batcher`; the pipeline thread takes every job waiting, up to
``max_batch``, and runs the articles through :meth:`Pipeline.pipe <newsaudit.pipeline.Pipeline.pipe>`,
whose reports equal one call per article. A request that finds the batcher idle runs at once, in a batch
of one.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, NamedTuple, TypeVar

from newsaudit.article import Article
from newsaudit.report import Report

R = TypeVar("R")


class _Job(NamedTuple):
    make_article: Callable[[], Article]
    answer: Callable[[Article, Report], Any]
    future: Future[Any]


def _report(article: Article, report: Report) -> Report:
    return report


class Batcher:
    """Runs ``pipeline`` in one thread of its own, on the articles waiting for it, in batches.

    Parameters
    ----------
    pipeline : Pipeline
        What audits; its :meth:`~newsaudit.pipeline.Pipeline.reports_or_errors` runs each batch, so an
        article that breaks a component fails alone.
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
        #: Jobs waiting for the next batch; ``None`` tells the thread to stop.
        self._waiting: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="newsaudit-pipeline", daemon=True)
        self._thread.start()

    def __call__(self, article: Article) -> Report:
        """The report of ``article``, from the next batch; blocks the calling thread until it is ready."""
        return self.submit(lambda: article).result()

    def submit(
        self, make_article: Callable[[], Article], answer: Callable[[Article, Report], R] = _report
    ) -> Future[R]:
        """Queue a job for the next batch: ``make_article()`` reads the input, and the future holds
        ``answer(article, report)`` or the error either raised.

        Both run in the pipeline thread, so the caller's thread (the event loop's) does no CPU work.
        A job whose future is cancelled before its batch starts is dropped.
        """
        if not self._thread.is_alive():
            raise RuntimeError("the batcher is closed")
        future: Future[R] = Future()
        self._waiting.put(_Job(make_article, answer, future))
        return future

    def close(self) -> None:
        """Stop the pipeline thread once the jobs already queued have run."""
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
        jobs, articles = [], []
        for job in batch:
            if not job.future.set_running_or_notify_cancel():
                continue  # its request timed out while waiting
            try:
                articles.append(job.make_article())
            except Exception as exc:
                job.future.set_exception(exc)
                continue
            jobs.append(job)
        if not jobs:
            return
        for job, article, report in zip(jobs, articles, self.pipeline.reports_or_errors(articles)):
            if isinstance(report, Exception):
                job.future.set_exception(report)
            else:
                self._answer(job, article, report)

    @staticmethod
    def _answer(job: _Job, article: Article, report: Report) -> None:
        try:
            job.future.set_result(job.answer(article, report))
        except Exception as exc:
            job.future.set_exception(exc)
