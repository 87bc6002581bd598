"""The service's batcher: requests that wait together run together, with the reports of single calls."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the service needs the 'serve' extra")
from fastapi.testclient import TestClient

import newsaudit
from newsaudit.article import Article
from newsaudit.pipeline import Pipeline
from newsaudit.serve import Limits, create_app
from newsaudit.serve.batching import Batcher
from newsaudit.serve.limits import Gate, RequestTimeout

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "harbour-bridge-closure.txt"


class Recorder:
    """A batched component: marks each article with the size of the batch it ran in.

    The first batch waits for ``release``, so that articles submitted meanwhile queue up behind it.
    """

    name = "recorder"
    requires: tuple[str, ...] = ()
    assigns = ("batch_size",)

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.batches: list[list[str]] = []

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: list[Article]) -> list[Article]:
        self.started.set()
        self.release.wait(10)
        if any(a.body == "boom" for a in articles):
            raise ValueError("boom")
        self.batches.append([a.body for a in articles])
        for a in articles:
            a.parts["batch_size"] = len(articles)
        return articles


def started_batcher(max_batch: int) -> tuple[Batcher, Recorder]:
    recorder = Recorder()
    return Batcher(Pipeline([recorder]), max_batch=max_batch), recorder


def test_articles_waiting_together_run_as_one_batch_up_to_max_batch():
    batcher, recorder = started_batcher(max_batch=3)
    try:
        first = batcher.submit(lambda: Article(body="a0"))
        assert recorder.started.wait(5)
        waiting = [batcher.submit(lambda i=i: Article(body=f"a{i}")) for i in range(1, 6)]
        recorder.release.set()
        sizes = [f.result(5).to_dict()["batch_size"] for f in [first, *waiting]]
    finally:
        batcher.close()
    # a0 alone (the batcher was idle), then the five that queued behind it in batches of at most three.
    assert recorder.batches == [["a0"], ["a1", "a2", "a3"], ["a4", "a5"]]
    assert sizes == [1, 3, 3, 3, 2, 2]


def test_an_article_that_fails_gets_its_own_error_and_the_rest_of_its_batch_its_reports():
    batcher, recorder = started_batcher(max_batch=8)
    try:
        first = batcher.submit(lambda: Article(body="a0"))
        assert recorder.started.wait(5)
        good, bad, other = (batcher.submit(lambda b=b: Article(body=b)) for b in ("a1", "boom", "a2"))
        recorder.release.set()
        assert first.result(5).to_dict()["batch_size"] == 1
        with pytest.raises(ValueError, match="boom"):
            bad.result(5)
        # After the failed batch of three, each article ran alone.
        assert good.result(5).to_dict()["batch_size"] == 1
        assert other.result(5).to_dict()["batch_size"] == 1
    finally:
        batcher.close()
    assert recorder.batches == [["a0"], ["a1"], ["a2"]]


def test_an_input_that_cannot_be_read_fails_alone_and_the_others_run_as_one_batch():
    batcher, recorder = started_batcher(max_batch=8)

    def unreadable() -> Article:
        raise ValueError("not an article")

    try:
        first = batcher.submit(lambda: Article(body="a0"))
        assert recorder.started.wait(5)
        jobs = [batcher.submit(lambda: Article(body="a1")), batcher.submit(unreadable),
                batcher.submit(lambda: Article(body="a2"), lambda article, report: article.body.upper())]
        recorder.release.set()
        first.result(5)
        assert jobs[0].result(5).to_dict()["batch_size"] == 2
        with pytest.raises(ValueError, match="not an article"):
            jobs[1].result(5)
        assert jobs[2].result(5) == "A2"
    finally:
        batcher.close()
    assert recorder.batches == [["a0"], ["a1", "a2"]]


async def admitted_soon(gate: Gate, count: int) -> bool:
    """Whether the gate's count of admitted requests reaches ``count`` within a second (slots are given back
    by callbacks that run on the event loop)."""
    for _ in range(100):
        if gate.admitted == count:
            return True
        await asyncio.sleep(0.01)
    return False


def test_a_request_that_times_out_while_waiting_is_never_run():
    async def scenario(batcher: Batcher, recorder: Recorder) -> Gate:
        gate = Gate(Limits(max_concurrent=2, max_waiting=0, timeout_s=0.05))
        try:
            running = asyncio.ensure_future(gate.admit(lambda: batcher.submit(lambda: Article(body="a0"))))
            await asyncio.sleep(0.01)
            assert recorder.started.is_set()
            with pytest.raises(RequestTimeout):
                await gate.admit(lambda: batcher.submit(lambda: Article(body="a1")))
            with pytest.raises(RequestTimeout):
                await running
            # a0 runs on past its time limit and keeps its slot; a1 was cancelled and gives its slot back.
            assert await admitted_soon(gate, 1)
            recorder.release.set()
            assert await admitted_soon(gate, 0)
            return gate
        finally:
            recorder.release.set()
            gate.close()

    batcher, recorder = started_batcher(max_batch=8)
    try:
        asyncio.run(scenario(batcher, recorder))
    finally:
        batcher.close()
        batcher._thread.join(5)
    assert recorder.batches == [["a0"]]


def test_a_closed_batcher_refuses_new_articles():
    batcher, recorder = started_batcher(max_batch=2)
    recorder.release.set()
    batcher.close()
    batcher._thread.join(5)
    with pytest.raises(RuntimeError, match="closed"):
        batcher.submit(lambda: Article(body="late"))


def test_max_batch_must_be_positive():
    with pytest.raises(ValueError, match="max_batch must be at least 1, not 0"):
        Batcher(Pipeline([]), max_batch=0)


def test_concurrent_requests_get_the_reports_of_single_calls():
    # The real pipeline, eight different articles sent at once: batched or not, each response is the
    # report that one call of the pipeline gives for that article.
    nlp = newsaudit.load()
    sample = SAMPLE.read_text(encoding="utf-8")
    texts = [sample] + [
        f"Council vote number {i}\n\nThe council voted {i} to {9 - i} on Tuesday to close the pier, "
        f"the mayor said. Residents reportedly opposed it.\n\n• Reader{i}\n\nYou idiot, {i} is wrong."
        for i in range(7)
    ]
    expected = [nlp(nlp.make_article(t)).to_json() for t in texts]
    app = create_app(nlp, limits=Limits(max_concurrent=8))
    with TestClient(app) as c, ThreadPoolExecutor(8) as pool:
        responses = list(
            pool.map(lambda t: c.post("/v1/audit", content=t.encode(), headers={"content-type": "text/plain"}), texts)
        )
    assert [r.status_code for r in responses] == [200] * 8
    assert [r.text for r in responses] == expected
