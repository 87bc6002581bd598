"""Several uvicorn worker processes on one port, with connections spread evenly among them.

uvicorn's own workers share the listening socket, and the first worker to wake
accepts every connection waiting: 16 clients that connect at once often all
land on one worker (15/1 splits were measured), which then does all the work
while the other idles, and latency doubles. Keep-alive clients stay where they
landed. Here each worker accepts one connection at a time and, before taking
the next, leaves it to any worker that holds fewer connections: the split is
even to within one connection.

Each worker publishes its count of open connections in shared memory
(:class:`Counts`). A worker that has stopped publishing (hung or killed) is not
waited for, and no worker waits longer than :data:`MAX_DEFER_S` for another to
take a connection.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import socket
import time
from functools import partial
from typing import Any

import uvicorn

#: Longest time a worker leaves a waiting connection to the others before taking it itself.
MAX_DEFER_S = 0.05
#: How often a worker publishes its count; one silent for :data:`STALE_S` is not waited for.
PUBLISH_S = 0.02
STALE_S = 1.0
_POLL_S = 0.001
#: Exit status when a worker dies before it serves (uvicorn's own for a failed start-up).
STARTUP_FAILURE = 3


class Counts:
    """Open connections and last sign of life of each worker, in memory shared by the worker processes."""

    def __init__(self, workers: int, context: Any) -> None:
        self.connections = context.Array("i", workers, lock=False)
        self.seen = context.Array("d", workers, lock=False)

    def publish(self, slot: int, connections: int) -> None:
        self.connections[slot] = connections
        self.seen[slot] = time.monotonic()

    def fewer_elsewhere(self, slot: int) -> bool:
        """Whether a live worker other than ``slot`` holds fewer connections than ``slot`` does."""
        mine = self.connections[slot]
        fresh = time.monotonic() - STALE_S
        return any(
            self.connections[i] < mine and self.seen[i] > fresh for i in range(len(self.connections)) if i != slot
        )

    def started(self, slot: int) -> bool:
        """Whether the worker in ``slot`` has published since it was started (it has served)."""
        return self.seen[slot] > 0.0

    def leave(self, slot: int) -> None:
        self.seen[slot] = 0.0


class BalancedServer(uvicorn.Server):
    """A uvicorn server that accepts from a shared socket only when no other worker has fewer connections."""

    def __init__(self, config: uvicorn.Config, counts: Counts, slot: int) -> None:
        super().__init__(config)
        self.counts = counts
        self.slot = slot
        self._tasks: list[asyncio.Task[None]] = []

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        # The lifespan starts and no listener is made: the accept loops below take the connections.
        await super().startup(sockets=[])
        if not self.started:
            return
        loop = asyncio.get_running_loop()
        protocol = partial(
            self.config.http_protocol_class,
            config=self.config,
            server_state=self.server_state,
            app_state=self.lifespan.state,
            _loop=loop,
        )
        for sock in sockets or []:
            sock.setblocking(False)
            self._tasks.append(loop.create_task(self._accept(sock, protocol)))
        self._tasks.append(loop.create_task(self._publish()))

    def _connections(self) -> int:
        return len(self.server_state.connections)

    async def _publish(self) -> None:
        while True:
            self.counts.publish(self.slot, self._connections())
            await asyncio.sleep(PUBLISH_S)

    async def _accept(self, sock: socket.socket, protocol: Any) -> None:
        loop = asyncio.get_running_loop()
        while True:
            deferred = 0.0
            while deferred < MAX_DEFER_S and self.counts.fewer_elsewhere(self.slot):
                await asyncio.sleep(_POLL_S)
                deferred += _POLL_S
            try:
                conn, _ = await loop.sock_accept(sock)
            except OSError:  # e.g. too many open files: wait, as uvicorn's own accept does
                await asyncio.sleep(0.1)
                continue
            await loop.connect_accepted_socket(protocol, conn)
            self.counts.publish(self.slot, self._connections())

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for task in self._tasks:
            task.cancel()
        self.counts.leave(self.slot)
        await super().shutdown(sockets=sockets)


def _worker(config: uvicorn.Config, sock: socket.socket, counts: Counts, slot: int) -> None:
    config.configure_logging()  # a spawned process starts with Python's default logging
    BalancedServer(config, counts, slot).run(sockets=[sock])


def run(config: uvicorn.Config, workers: int) -> None:
    """Serve ``config`` from ``workers`` processes until SIGINT or SIGTERM.

    A worker that dies after it has served is started again; one that dies before (its app failed to start)
    stops them all, with exit status :data:`STARTUP_FAILURE`.
    """
    context = multiprocessing.get_context("spawn")
    sock = config.bind_socket()
    sock.listen(config.backlog)
    counts = Counts(workers, context)
    processes: list[Any] = [None] * workers
    stopping = False

    def stop(*_: Any) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping:
            for slot, process in enumerate(processes):
                if process is not None and not process.is_alive() and not counts.started(slot):
                    # It died before serving (the app failed to start, say): starting it again would fail again.
                    raise SystemExit(STARTUP_FAILURE)
                if process is None or not process.is_alive():
                    counts.leave(slot)
                    processes[slot] = context.Process(target=_worker, args=(config, sock, counts, slot), daemon=True)
                    processes[slot].start()
            time.sleep(0.2)
    finally:
        for process in processes:
            if process is not None and process.is_alive():
                process.terminate()
        for process in processes:
            if process is not None:
                process.join(timeout=30)
        sock.close()
