"""Batch throughput: rows/s with 1 and 2 local workers and with Dask on 2 workers, and peak memory per worker.

    python benchmarks/batch_speed.py [--n 20000] [--format csv|jsonl] [--repeats 3]

Rows are 600-word articles: real ones from ../shared/data when it is present
(FakeNewsNet crawl, 500-700 words), otherwise the shipped sample article repeated
to 600 words. Each run is a fresh process running ``run_batch`` end to end
(reading a Parquet file, auditing, writing the output), worker start-up
included; the figure is the median of ``--repeats`` runs. ``csv`` output scores
without evidence (the batch default for flattened output), ``jsonl`` writes full
reports with evidence. Peak RSS is each process's high-water mark (VmHWM, Linux).
CPU seconds per 1,000 rows, for the main process and the workers, show the cost
of going parallel apart from how busy the machine is. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CRAWL = ROOT.parent / "shared" / "data" / "articles" / "fakenewsnet_crawled_content" / "fakenewsnet_crawled_articles.csv"
CONFIGS = {"local-1": ("local", 1), "local-2": ("local", 2), "dask-2": ("dask", 2)}


def write_dataset(path: Path, n: int) -> str:
    import pandas as pd

    if SHARED_CRAWL.exists():
        df = pd.read_csv(SHARED_CRAWL).fillna("")
        words = df["text"].str.split().str.len()
        df = df[(words >= 500) & (words <= 700)][["title", "text"]]
        source = f"FakeNewsNet crawl, {len(df)} articles of 500-700 words, repeated to {n} rows"
    else:
        text = (ROOT / "examples" / "harbour-bridge-closure.txt").read_text(encoding="utf-8")
        title, body = text.split("\n", 1)[0], text.split("•")[0]
        df = pd.DataFrame({"title": [title], "text": [" ".join((body.split() * 4)[:600])]})
        source = f"the sample article repeated to 600 words, {n} rows"
    rows = df.iloc[[i % len(df) for i in range(n)]].reset_index(drop=True)
    rows.insert(0, "id", [f"a{i}" for i in range(n)])
    rows.to_parquet(path)
    return source


def _hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def one_run(config: str, data: Path, fmt: str) -> dict:
    """In this process: one job, timed, with the peak RSS of every worker process sampled while it runs."""
    from newsaudit.batch import PipelineSpec, run_batch

    engine, workers = CONFIGS[config]
    peaks: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            for pid in _descendants(os.getpid()):
                hwm = _hwm_mb(pid)
                if hwm is not None:
                    peaks[pid] = max(peaks.get(pid, 0.0), hwm)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    before_self, before_children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"out.{fmt}"
        result = run_batch([data], out, spec=PipelineSpec(evidence=fmt == "jsonl"), workers=workers, engine=engine)
    done.set()
    sampler.join()
    after_self, after_children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    rows = result.rows + result.failed

    def cpu(a, b) -> float:  # CPU seconds per 1,000 rows
        return round((b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime) * 1000 / rows, 2)

    # Worker processes: those that loaded the pipeline (Dask's nannies and the spawn helpers stay small).
    workers_mb = sorted((mb for mb in peaks.values() if mb > 60), reverse=True)[:workers]
    return {
        "rows_per_s": rows / result.seconds,
        # The main process reads, hands out chunks and writes; with workers=1 it also audits.
        "main_cpu_s_per_1000": cpu(before_self, after_self),
        "workers_cpu_s_per_1000": cpu(before_children, after_children),
        "seconds": result.seconds,
        "main_peak_rss_mb": _hwm_mb(os.getpid()),
        "worker_peak_rss_mb": workers_mb if config != "local-1" else [_hwm_mb(os.getpid())],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--one", nargs=2, metavar=("CONFIG", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one[0], Path(args.one[1]), args.format)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "rows.parquet"
        source = write_dataset(data, args.n)
        runs: dict[str, list[dict]] = {c: [] for c in args.configs.split(",")}
        # Interleaved, so a slow spell on a shared machine hits every configuration alike.
        for _ in range(args.repeats):
            for config, results in runs.items():
                command = [sys.executable, __file__, "--one", config, str(data), "--format", args.format]
                run = subprocess.run(command, check=False, capture_output=True, text=True, cwd=ROOT)
                if run.returncode:
                    sys.exit(f"{config} failed:\n{run.stderr}")
                results.append(json.loads(run.stdout.strip().splitlines()[-1]))
    figures: dict = {
        "rows": source,
        "format": args.format,
        "evidence": args.format == "jsonl",
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average_1min": os.getloadavg()[0],
    }
    for config, results in runs.items():
        best = statistics.median(r["rows_per_s"] for r in results)
        figures[config] = {
            "rows_per_s": round(best, 1),
            "all_rows_per_s": [round(r["rows_per_s"], 1) for r in results],
            "worker_peak_rss_mb": [round(mb) for mb in max(results, key=lambda r: r["rows_per_s"])["worker_peak_rss_mb"]],
            "main_cpu_s_per_1000_rows": statistics.median(r["main_cpu_s_per_1000"] for r in results),
            "workers_cpu_s_per_1000_rows": statistics.median(r["workers_cpu_s_per_1000"] for r in results),
        }
    if "local-1" in runs and "local-2" in runs:
        one, two = figures["local-1"], figures["local-2"]
        figures["speedup_1_to_2_workers"] = round(two["rows_per_s"] / one["rows_per_s"], 2)
        # What 2 idle cores allow: the CPU one row costs alone, over the CPU it costs split across processes
        # (spread over 2 cores). Next to the measured figure, it tells parallel overhead from a busy machine.
        alone = one["main_cpu_s_per_1000_rows"] + one["workers_cpu_s_per_1000_rows"]
        split = two["main_cpu_s_per_1000_rows"] + two["workers_cpu_s_per_1000_rows"]
        figures["cpu_bound_speedup_on_2_idle_cores"] = round(2 * alone / split, 2)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
