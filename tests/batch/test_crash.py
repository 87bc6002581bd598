"""Crash safety for real: a batch job is killed with SIGKILL mid-run, resumed, and every row is written once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from support import synthetic_corpus

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

_CLI = "from newsaudit.cli import main; main()"


def _keys(path, fmt):
    if not path.exists():
        return []
    if fmt == "csv":
        rows = pd.read_csv(path, dtype={"id": str})
        return list(rows["id"])
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def _lines(path):
    return path.read_bytes().count(b"\n") if path.exists() else 0


@pytest.mark.parametrize("fmt, workers", [("jsonl", 1), ("csv", 2)])
def test_sigkill_then_resume_writes_every_row_exactly_once(tmp_path, fmt, workers):
    df = synthetic_corpus(500).drop(columns=["dataset", "group"])  # 2,000 rows
    df.loc[df.index[::97], "text"] = ""  # some rows fail
    source = tmp_path / "in.parquet"
    df.to_parquet(source)
    out, errors = tmp_path / f"out.{fmt}", tmp_path / "errors.jsonl"
    args = [sys.executable, "-c", _CLI, "batch", str(source), "--out", str(out), "--errors", str(errors),
            "--workers", str(workers), "--chunk-size", "16", "--evidence"]

    # Its own session, so the kill reaches the worker processes too, as a crash of the machine would.
    job = subprocess.Popen(args, start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _lines(out) < 100 and job.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert job.poll() is None, ("the job ended before it could be killed", _lines(out), job.stderr.read())
    os.killpg(job.pid, signal.SIGKILL)
    job.wait()
    job.stderr.close()
    written_before = len(_keys(out, fmt))
    assert 0 < written_before < len(df) - 21

    resumed = subprocess.run([*args, "--resume"], check=False, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "already done" in resumed.stderr

    written = _keys(out, fmt)
    failed = [json.loads(line)["id"] for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted(written + failed) == sorted(df["id"])  # each id once, in one file or the other
    assert set(failed) == set(df.loc[df["text"] == "", "id"])
