"""Latency of ``POST /v1/audit`` for the sample article under concurrent clients; prints JSON.

Starts ``newsaudit serve`` in a subprocess on a free port, opens one keep-alive
connection per client (a minimal asyncio HTTP/1.1 client, so the load generator
costs little CPU next to the server), sends ``--requests`` audits after a warm-up
and reports the latency percentiles. Client and server share the machine's cores.

    python benchmarks/service_latency.py --clients 16 --requests 4000 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "harbour-bridge-closure.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from newsaudit.cli import main; main()", "serve", "--port", str(port),
               "--workers", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"the server exited with code {server.returncode}") from None
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer /healthz within 60 s")


async def client(port: int, request: bytes, count: int, latencies: list[float], statuses: dict[int, int]) -> None:
    """Send ``request`` ``count`` times over one keep-alive connection, appending each latency to ``latencies``."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for _ in range(count):
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            length = next(int(v) for k, _, v in (line.partition(":") for line in lines[1:]) if k.lower() == "content-length")
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()


async def load(
    port: int, body: bytes, clients: int, requests: int
) -> tuple[list[list[float]], dict[int, int], float]:
    request = (
        b"POST /v1/audit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    latencies: list[list[float]] = [[] for _ in range(clients)]  # per client: how the connections spread
    statuses: dict[int, int] = {}
    per_client = [requests // clients + (i < requests % clients) for i in range(clients)]
    start = time.perf_counter()
    await asyncio.gather(*(client(port, request, n, mine, statuses) for n, mine in zip(per_client, latencies)))
    return latencies, statuses, time.perf_counter() - start


def server_cpu_s(server: subprocess.Popen[bytes]) -> float | None:
    """CPU seconds used so far by the server and its worker processes (Linux ``/proc``; ``None`` elsewhere)."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        ticks = 0
        for pid in [server.pid, *map(int, children)]:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


def percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def pipeline_ms(text: str, batch: int = 1, runs: int = 256) -> float:
    """The pipeline alone, in this process, per article, in batches of ``batch`` (the server's batcher runs the
    requests waiting together in one batch): the floor under the service's latency."""
    import newsaudit

    pipeline = newsaudit.load()
    for _ in range(20):
        pipeline(text).to_json()
    start = time.perf_counter()
    for _ in range(runs // batch):
        for report in pipeline.pipe([text] * batch, batch_size=batch):
            report.to_json()
    return 1000 * (time.perf_counter() - start) / (runs // batch * batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = parser.parse_args()

    body = SAMPLE.read_bytes()
    alone_ms = pipeline_ms(body.decode("utf-8"))
    # With 16 clients and 2 workers, about 8 requests wait together in each worker.
    batch = max(1, args.clients // args.workers)
    batched_ms = pipeline_ms(body.decode("utf-8"), batch)
    port = free_port()
    server = start_server(port, args.workers)
    try:
        asyncio.run(load(port, body, args.clients, args.warmup))
        cpu_before = server_cpu_s(server)
        latencies, statuses, elapsed = asyncio.run(load(port, body, args.clients, args.requests))
        cpu_after = server_cpu_s(server)
    finally:
        server.terminate()
        server.wait(30)
    ms = sorted(1000 * x for mine in latencies for x in mine)
    # Each client keeps its connection, so a server worker serves the same clients throughout: the medians show
    # how the kernel spread the connections over the workers.
    client_medians = sorted(round(1000 * statistics.median(mine), 1) for mine in latencies if mine)
    print(json.dumps({
        "endpoint": "POST /v1/audit (text/plain, the sample article)",
        "article_bytes": len(body),
        "clients": args.clients,
        "requests": len(ms),
        "server_workers": args.workers,
        "cpu_cores": os.cpu_count(),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "p50_ms": round(percentile(ms, 50), 2),
        "p90_ms": round(percentile(ms, 90), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "max_ms": round(ms[-1], 2),
        "per_client_median_ms": client_medians,
        "requests_per_s": round(len(ms) / elapsed, 1),
        # Less disturbed than wall-clock figures by the machine's other work and the drift of its speed.
        "server_cpu_ms_per_request": (
            None if cpu_before is None or cpu_after is None else round(1000 * (cpu_after - cpu_before) / len(ms), 2)
        ),
        "pipeline_alone_ms": round(alone_ms, 2),
        f"pipeline_in_batches_of_{batch}_ms": round(batched_ms, 2),
        # Little's law: with every client always waiting, mean latency >= clients x work / parallel workers.
        "mean_latency_floor_ms": round(args.clients * batched_ms / min(args.workers, os.cpu_count() or 1), 1),
        "python": platform.python_version(),
    }, indent=2))


if __name__ == "__main__":
    main()
