"""``newsaudit batch``: one output row per input row, errors kept, crash-safe resume, local and Dask engines.

These run the shipped model on small datasets we write, so they check the real
pipeline end to end; the Dask test starts a 2-worker local cluster.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from support import synthetic_corpus

import newsaudit
from newsaudit.batch import PipelineSpec, errors_path, run_batch
from newsaudit.cli import cli


def _dataset(n_per_class: int = 5) -> pd.DataFrame:
    df = synthetic_corpus(n_per_class).drop(columns=["dataset", "group", "label"]).reset_index(drop=True)
    df["url"] = ["https://www.example.org/a" if i % 2 else None for i in range(len(df))]
    return df


def _article(df: pd.DataFrame, i: int) -> newsaudit.Article:
    url = df.loc[i, "url"]
    return newsaudit.Article(body=df.loc[i, "text"], title=df.loc[i, "title"], url=url if isinstance(url, str) else None)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def articles(tmp_path):
    """20 articles in JSONL: row 3 has empty text, and a line that is not JSON follows row 7."""
    df = _dataset()
    df.loc[3, "text"] = ""
    lines = [json.dumps(r) for r in df.to_dict("records")]
    lines.insert(8, "{not json")
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, df


def test_jsonl_has_one_report_per_row_and_errors_carry_id_source_row_and_reason(articles, tmp_path):
    path, df = articles
    result = run_batch([path], tmp_path / "out.jsonl")
    out, errors = _jsonl(tmp_path / "out.jsonl"), _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert (result.rows, result.failed) == (19, 2)
    # Ids come from the id column; the bad JSON line has none, so its row number (8) stands in.
    assert [e["id"] for e in errors] == [df.loc[3, "id"], "8"]
    assert [(e["source"], e["row"]) for e in errors] == [(str(path), 3), (str(path), 8)]
    assert "empty" in errors[0]["reason"] and "not valid JSON" in errors[1]["reason"]
    expected = [i for i in df["id"] if i != df.loc[3, "id"]]
    assert [r["id"] for r in out] == expected
    # Full reports, evidence included, plus where each row came from.
    assert out[0]["schema"] == newsaudit.SCHEMA and out[0]["reliability"]["evidence"]
    assert out[0]["batch"] == {"source": str(path), "row": 0}
    direct = newsaudit.audit(_article(df, 0))
    assert out[0]["reliability"] == direct.to_dict()["reliability"]


def test_ids_default_to_the_row_number_and_two_inputs_do_not_collide(tmp_path):
    df = _dataset().drop(columns=["id"]).head(4)
    a, b = tmp_path / "a.csv", tmp_path / "b.parquet"
    df.to_csv(a, index=False)
    df.to_parquet(b)
    run_batch([a, b], tmp_path / "out.csv", spec=PipelineSpec(evidence=False))
    out = pd.read_csv(tmp_path / "out.csv", dtype={"id": str})
    assert list(out["id"]) == ["0", "1", "2", "3"] * 2
    assert list(out["batch.source"]) == [str(a)] * 4 + [str(b)] * 4


def test_csv_and_parquet_hold_the_same_flattened_scores(articles, tmp_path):
    path, df = articles
    spec = PipelineSpec(evidence=False)
    run_batch([path], tmp_path / "out.csv", spec=spec)
    run_batch([path], tmp_path / "out.parquet", spec=spec, chunk_size=4, part_rows=7)
    csv_rows = pd.read_csv(tmp_path / "out.csv", dtype={"id": str})
    parquet_rows = pd.read_parquet(tmp_path / "out.parquet")
    # Chunks of 4 input rows give 3, 4, 3, 4, 4, 1 rows: parts of 7, 7 and the last 5.
    parts = sorted((tmp_path / "out.parquet").iterdir())
    assert [len(pd.read_parquet(p)) for p in parts] == [7, 7, 5]
    for column in ("id", "title", "domain", "reliability.label", "reliability.probability_unreliable", "comments.count"):
        assert column in csv_rows.columns
    assert list(csv_rows.columns[:3]) == ["id", "batch.source", "batch.row"]
    pd.testing.assert_frame_equal(csv_rows, parquet_rows, check_dtype=False)
    assert csv_rows["domain"].dropna().unique().tolist() == ["example.org"]
    direct = newsaudit.load(evidence=False)(_article(df, 1))
    assert csv_rows.loc[1, "reliability.probability_unreliable"] == direct["reliability"]["probability_unreliable"]


def test_a_folder_of_articles_gives_file_names_as_ids(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text("Bridge reopens\n\nOfficials said the bridge reopened on Monday.", encoding="utf-8")
    (folder / "a.html").write_text("<html><body><h1>Port</h1><p>The port shut, officials said.</p></body></html>")
    (folder / "c.txt").write_bytes(b"")
    run_batch([folder], tmp_path / "out.jsonl")
    assert [r["id"] for r in _jsonl(tmp_path / "out.jsonl")] == ["a.html", "b.txt"]
    assert [e["id"] for e in _jsonl(tmp_path / "out.jsonl.errors.jsonl")] == ["c.txt"]


class _Boom:
    """A component that fails on articles mentioning 'bombshell', as a buggy component would."""

    name = "boom"
    requires = ()
    assigns = ()

    def __call__(self, article):
        if "bombshell" in article.body:
            raise RuntimeError("boom")
        return article


def _pipeline_with_boom():
    pipeline = newsaudit.load(evidence=False)
    pipeline.components.append(_Boom())
    return pipeline


def test_a_component_raising_sends_only_its_rows_to_the_errors_file(articles, tmp_path, monkeypatch):
    path, df = articles
    module = types.ModuleType("batch_fakes")
    module.pipeline = _pipeline_with_boom
    monkeypatch.setitem(sys.modules, "batch_fakes", module)
    result = run_batch([path], tmp_path / "out.jsonl", spec=PipelineSpec(factory="batch_fakes:pipeline"))
    failing = set(df.loc[df["text"].str.contains("bombshell"), "id"])
    errors = _jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert failing and {e["id"] for e in errors if e["reason"] == "RuntimeError: boom"} == failing
    assert result.rows + result.failed == len(df) + 1
    assert not failing & {r["id"] for r in _jsonl(tmp_path / "out.jsonl")}


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_resume_drops_a_torn_last_line_and_writes_the_rest_exactly_once(articles, tmp_path, fmt):
    path, _ = articles
    whole, out = tmp_path / f"whole.{fmt}", tmp_path / f"out.{fmt}"
    run_batch([path], whole, chunk_size=4)
    lines = whole.read_bytes().splitlines(keepends=True)
    # A crash after 5 lines, half-way through the 6th; no errors written yet.
    out.write_bytes(b"".join(lines[:5]) + lines[5][: len(lines[5]) // 2])
    result = run_batch([path], out, resume=True, chunk_size=4)
    skipped = 4 if fmt == "csv" else 5  # the CSV header is one of the lines
    assert result.skipped == skipped and result.rows == 19 - skipped and result.failed == 2
    assert out.read_bytes() == whole.read_bytes()
    again = run_batch([path], out, resume=True)
    assert (again.rows, again.failed, again.skipped) == (0, 0, 21)


def test_resume_keeps_a_csv_row_whose_quoted_title_spans_lines(tmp_path):
    df = _dataset().head(3)
    df.loc[1, "title"] = 'Two\nlines, "quoted"'
    path = tmp_path / "in.parquet"
    df.to_parquet(path)
    whole, out = tmp_path / "whole.csv", tmp_path / "out.csv"
    run_batch([path], whole, spec=PipelineSpec(evidence=False))
    data = whole.read_bytes()
    cut = data.index(b"Two\n") + 4  # torn inside the quoted title: that row must be dropped, not half-read
    out.write_bytes(data[:cut])
    result = run_batch([path], out, resume=True, spec=PipelineSpec(evidence=False))
    assert (result.skipped, result.rows) == (1, 2)
    assert out.read_bytes() == data
    assert pd.read_csv(out).loc[1, "title"] == 'Two\nlines, "quoted"'


def test_parquet_resume_skips_written_parts_and_removes_a_half_written_one(articles, tmp_path):
    path, _ = articles
    out = tmp_path / "out.parquet"
    run_batch([path], out, chunk_size=5, part_rows=5)
    parts = sorted(out.iterdir())
    assert len(parts) == 4
    for part in parts[2:]:
        part.unlink()
    kept = len(pd.read_parquet(out))
    # A crash while writing the next part leaves its hidden temporary file.
    (out / ".part-000002.parquet.tmp").write_bytes(b"PAR1 torn")
    errors_path(out).unlink()
    result = run_batch([path], out, resume=True, chunk_size=5, part_rows=5)
    assert (result.skipped, result.rows, result.failed) == (kept, 19 - kept, 2)
    assert not list(out.glob(".*"))
    ids = pd.read_parquet(out)["id"].tolist()
    assert len(ids) == len(set(ids)) == 19


def test_parallel_workers_write_the_same_rows_in_the_same_order(articles, tmp_path):
    path, _ = articles
    run_batch([path], tmp_path / "one.csv", chunk_size=3)
    run_batch([path], tmp_path / "two.csv", chunk_size=3, workers=2)
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_the_dask_engine_writes_what_the_local_engine_writes(articles, tmp_path):
    pytest.importorskip("distributed", reason="the dask engine needs the 'dask' extra")
    path, _ = articles
    local = run_batch([path], tmp_path / "local.jsonl", chunk_size=4)
    on_dask = run_batch([path], tmp_path / "dask.jsonl", chunk_size=4, engine="dask", workers=2)
    assert (on_dask.rows, on_dask.failed) == (local.rows, local.failed)
    assert _jsonl(tmp_path / "dask.jsonl") == _jsonl(tmp_path / "local.jsonl")
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "dask.jsonl.errors.jsonl").read_bytes() == (tmp_path / "local.jsonl.errors.jsonl").read_bytes()


def test_cli_writes_quietly_when_stderr_is_not_a_terminal_and_refuses_to_overwrite(articles, tmp_path):
    path, _ = articles
    out = tmp_path / "scores.csv"
    runner = CliRunner()
    first = runner.invoke(cli, ["batch", str(path), "--out", str(out)])
    assert first.exit_code == 0, first.output
    # No progress bar in a pipe: one summary line only.
    assert first.stderr.count("\n") == 1 and "19 rows" in first.stderr and "2 errors" in first.stderr
    # CSV output skips the evidence by default: flattened rows do not carry it.
    assert "reliability.evidence.count" not in out.read_text().splitlines()[0]
    again = runner.invoke(cli, ["batch", str(path), "--out", str(out)])
    assert again.exit_code == 2 and "--resume" in again.stderr
    resumed = runner.invoke(cli, ["batch", str(path), "--out", str(out), "--resume"])
    assert resumed.exit_code == 0 and "21 already done" in resumed.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--out", "x.txt"], "--format"),  # no format from the suffix
        (["--out", "x.csv", "--engine", "local", "--scheduler", "tcp://h:8786"], "--engine dask"),
        (["--out", "x.jsonl", "--errors", "x.jsonl"], "differ"),
    ],
)
def test_cli_usage_errors(articles, args, message):
    path, _ = articles
    result = CliRunner().invoke(cli, ["batch", str(path), *args])
    assert result.exit_code == 2 and message in result.stderr


def test_progress_bar_draws_on_a_terminal(capsys):
    from newsaudit.batch.progress import Progress

    with Progress(10, enabled=True) as bar:
        bar.advance(4)
        bar.advance(6)
    assert "10/10" in capsys.readouterr().err


def test_a_worker_that_cannot_load_the_model_fails_the_job_with_the_model_error(articles, tmp_path):
    path, _ = articles
    missing = tmp_path / "no-model"
    result = CliRunner().invoke(cli, ["batch", str(path), "--out", str(tmp_path / "o.csv"), "--workers", "2",
                                      "--model", str(missing)])
    assert result.exit_code == 2 and "[E020]" in result.stderr
