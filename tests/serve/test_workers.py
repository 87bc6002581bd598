"""Worker processes on one port take equal shares of the connections (``newsaudit serve --workers N``)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

uvicorn = pytest.importorskip("uvicorn", reason="the service needs the 'serve' extra")

from newsaudit.serve.workers import Counts  # noqa: E402

HERE = Path(__file__).parent
SERVE = """
import sys, uvicorn
from newsaudit.serve.workers import run
run(uvicorn.Config("pid_app:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning"), int(sys.argv[2]))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _which_worker(port: int) -> tuple[str, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n")
    head = (await reader.readuntil(b"\r\n\r\n")).decode()
    length = next(int(line.split(":")[1]) for line in head.split("\r\n") if line.lower().startswith("content-length"))
    return (await reader.readexactly(length)).decode(), writer


async def _spread(port: int, clients: int) -> list[int]:
    """Open ``clients`` keep-alive connections at once; how many each worker holds."""
    answers = await asyncio.gather(*(_which_worker(port) for _ in range(clients)))
    for _, writer in answers:
        writer.close()
    return sorted(Counter(pid for pid, _ in answers).values())


@pytest.fixture
def two_workers():
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(port), "2"], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            # Both workers have answered once they are both up.
            if len(asyncio.run(_spread(port, 8))) == 2:
                break
        except OSError:
            pass
        time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("the workers did not start within 60 s")
    yield port, server
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def test_sixteen_clients_that_connect_at_once_split_eight_and_eight(two_workers):
    port, _ = two_workers
    # Connections closed by the last round must be counted out before the next: wait for the counts to be published.
    for _ in range(5):
        time.sleep(0.2)
        assert asyncio.run(_spread(port, 16)) == [8, 8]


def test_sigterm_stops_every_worker(two_workers):
    port, server = two_workers
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=30) == 0
    with pytest.raises(OSError):
        asyncio.run(_spread(port, 1))


def test_a_worker_killed_after_serving_is_started_again(two_workers):
    port, _ = two_workers
    before = set(_pids(port))
    assert len(before) == 2
    killed, kept = sorted(before)
    os.kill(int(killed), signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.3)
        try:
            now = set(_pids(port))
        except OSError:
            continue
        if len(now) == 2 and now != before:
            break
    else:
        pytest.fail("no new worker took the killed one's place within 60 s")
    assert kept in now and killed not in now


def _pids(port: int) -> list[str]:
    async def answers() -> list[str]:
        replies = await asyncio.gather(*(_which_worker(port) for _ in range(8)))
        for _, writer in replies:
            writer.close()
        return [pid for pid, _ in replies]

    return asyncio.run(answers())


def test_workers_whose_app_fails_to_start_stop_the_server_instead_of_restarting():
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    code = SERVE.replace("pid_app:app", "pid_app:broken")
    server = subprocess.run([sys.executable, "-c", code, str(port), "2"], env=env, timeout=60, capture_output=True)
    assert server.returncode == 3, server.stderr.decode()[-2000:]


def test_a_worker_with_fewer_connections_is_left_the_next_one():
    import multiprocessing

    counts = Counts(3, multiprocessing.get_context("spawn"))
    counts.publish(0, 5)
    counts.publish(1, 4)
    counts.publish(2, 5)
    assert counts.fewer_elsewhere(0) and counts.fewer_elsewhere(2)
    assert not counts.fewer_elsewhere(1)
    # A worker that stopped publishing (killed, hung) is not waited for.
    counts.leave(1)
    assert not counts.fewer_elsewhere(0)
