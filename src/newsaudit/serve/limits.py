"""What protects the server: body size, time per request, and how many requests run at once.

A :class:`Gate` admits at most ``max_concurrent + max_waiting`` requests; the
rest are refused at once (503 with ``Retry-After``) rather than piling up. At
most ``max_concurrent`` admitted requests are in progress: an audit is handed to
the pipeline thread, which runs the waiting audits together (:mod:`.batching`);
other work runs in a pool of as many threads. A request that has not finished
after ``timeout_s`` is answered 504. Work that has started cannot be
interrupted, so it keeps its slot until it really ends (the bound on concurrent
work holds even under timeouts); an audit still waiting for its batch is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from newsaudit.errors import NewsauditError

T = TypeVar("T")

#: Largest request body accepted (5 MB); larger bodies are refused with 413 before they are read whole.
MAX_BODY_BYTES = 5_000_000


class ServiceError(NewsauditError):
    """A request the service refuses for its own reasons (load, time), not for its content."""

    code = "E050"
    status = 500


class Overloaded(ServiceError):
    """Every slot and every waiting place is taken: try again shortly."""

    code = "E051"
    status = 503


class RequestTimeout(ServiceError):
    """The request took longer than the per-request time limit."""

    code = "E052"
    status = 504


class Unavailable(ServiceError):
    """A part of the pipeline this endpoint needs is not loaded (e.g. the comment model)."""

    code = "E053"
    status = 503


#: Requests in progress at once by default: audits run together in batches of up to this many, which costs
#: about a third less CPU per article than one at a time; a larger batch adds more waiting than it saves.
DEFAULT_CONCURRENCY = 16


@dataclass(frozen=True)
class Limits:
    """The service's limits; :func:`~newsaudit.serve.app.create_app` takes one.

    Parameters
    ----------
    max_body_bytes : int
        Largest request body; a larger one is answered 413.
    timeout_s : float
        Time limit for one request, waiting for a slot included; then 504.
    max_concurrent : int
        Requests in progress at once (the thread pool's size), and so the largest batch of audits that
        the pipeline thread runs together.
    max_waiting : int
        Requests allowed to wait for a slot; beyond them, 503 with ``Retry-After``.
    retry_after_s : int
        The ``Retry-After`` value sent with 503.

    Examples
    --------
    >>> Limits(timeout_s=2).timeout_s
    2
    >>> Limits(max_concurrent=0)
    Traceback (most recent call last):
    ...
    ValueError: max_concurrent must be at least 1, not 0
    """

    max_body_bytes: int = MAX_BODY_BYTES
    timeout_s: float = 10.0
    max_concurrent: int = DEFAULT_CONCURRENCY
    max_waiting: int = 64
    retry_after_s: int = 1

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_concurrent", "retry_after_s"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.max_waiting < 0:
            raise ValueError(f"max_waiting must be at least 0, not {self.max_waiting}")
        if not self.timeout_s > 0:
            raise ValueError(f"timeout_s must be positive, not {self.timeout_s}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Gate:
    """Bounded, time-limited execution of blocking calls from async code.

    Create it inside the event loop that uses it (the app's lifespan does), and
    :meth:`close` it when the app stops.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._slots = asyncio.Semaphore(limits.max_concurrent)
        self._pool = ThreadPoolExecutor(max_workers=limits.max_concurrent, thread_name_prefix="newsaudit-serve")
        # Requests admitted and not yet finished: waiting for a slot, or running (even past their time limit).
        self.admitted = 0

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` in the pool; :class:`Overloaded` or :class:`RequestTimeout` when it cannot."""
        return await self.admit(lambda: self._pool.submit(fn, *args))

    async def admit(self, start: Callable[[], Future[T]]) -> T:
        """The result of the work ``start()`` hands to another thread, under the limits.

        ``start`` is called once a slot is free and returns the work's
        :class:`concurrent.futures.Future` (a pool's or the :class:`~.batching.Batcher`'s); the slot
        is freed when that future is done. On time-out the future is cancelled: work that has not
        started never runs, and work that has keeps its slot until it ends.
        """
        limits = self.limits
        if self.admitted >= limits.max_concurrent + limits.max_waiting:
            raise Overloaded(f"the server is busy ({self.admitted} requests in progress); retry shortly")
        self.admitted += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limits.timeout_s
        submitted = False
        try:
            try:
                await asyncio.wait_for(self._slots.acquire(), limits.timeout_s)
            except TimeoutError:
                raise RequestTimeout(f"no free slot within the time limit of {limits.timeout_s:g} s") from None
            try:
                work = start()
            except BaseException:
                self._slots.release()
                raise
            submitted = True
            future = asyncio.wrap_future(work)
            future.add_done_callback(self._finished)
            try:
                # shield: a timeout must not cancel the future, whose callback frees the slot when the work ends.
                return await asyncio.wait_for(asyncio.shield(future), max(deadline - loop.time(), 0.001))
            except TimeoutError:
                work.cancel()
                raise RequestTimeout(f"the request took longer than the time limit of {limits.timeout_s:g} s") from None
        finally:
            if not submitted:
                self.admitted -= 1

    def _finished(self, future: asyncio.Future[Any]) -> None:
        self._slots.release()
        self.admitted -= 1
        if not future.cancelled():
            future.exception()  # mark a late failure as retrieved: its request has been answered already

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
