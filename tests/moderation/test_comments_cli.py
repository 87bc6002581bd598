"""``newsaudit comments``, ``evaluate toxicity`` and ``train toxicity`` from the command line."""

from __future__ import annotations

import json
import sys
import types

from click.testing import CliRunner

from newsaudit.cli import cli

THREAD_LINES = "Thanks, a useful summary.\nYou are a pathetic idiot.\nHang him by the neck!\n"


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_comments_one_per_line_as_jsonl(tmp_path):
    path = tmp_path / "thread.txt"
    path.write_text(THREAD_LINES, encoding="utf-8")
    result = run("comments", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["0", "1", "2"]
    assert rows[0]["flags"] == []
    assert "insult" in rows[1]["flags"]
    assert "threat" in rows[2]["flags"]


def test_comments_jsonl_input_keeps_authors_and_ids_and_gives_a_thread():
    lines = [{"text": "You are a pathetic idiot.", "author": "Zed", "id": "a7"}, {"text": "Fair point."}]
    result = run("comments", "-", "--format", "json", input="\n".join(json.dumps(x) for x in lines))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(c["id"], c["author"]) for c in data["comments"]] == [("a7", "Zed"), ("1", None)]
    assert data["thread"]["flagged_authors"] == [{"author": "Zed", "flagged_comments": 1}]


def test_comments_threshold_override_flags_more():
    result = run("comments", "-", "--format", "jsonl", "--threshold", "toxicity=0", input="Fair point.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["flags"] == ["toxicity"]


def test_comments_readable_output_shows_flags_and_thread(tmp_path):
    path = tmp_path / "thread.txt"
    path.write_text(THREAD_LINES, encoding="utf-8")
    result = run("comments", str(path))
    assert result.exit_code == 0, result.output
    assert "Comments (3)" in result.output
    assert "threat" in result.output
    assert "of 3 comments flagged" in result.output


def test_comments_bad_input_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    for args, message in (
        (["comments", str(bad)], "line 2 is not valid JSON"),
        (["comments", "-"], "empty"),
        (["comments", "-", "--threshold", "rudeness=0.2"], "HEAD=VALUE"),
        (["comments", str(tmp_path / "missing.txt")], "missing.txt"),
    ):
        result = run(*args, input="  \n")
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output
        assert "Traceback" not in result.output


def test_evaluate_toxicity_json(tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text(
        "text,label\n"
        '"You are a pathetic idiot.",1\n'
        '"What a stupid moron you are.",1\n'
        '"Thanks for the link.",0\n'
        '"The bridge reopens on Monday.",0\n',
        encoding="utf-8",
    )
    result = run("evaluate", "toxicity", str(path), "--head", "insult", "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == {"n", "roc_auc", "average_precision", "f1", "ece"}
    assert figures["n"] == 4
    assert figures["roc_auc"] == 1.0


def test_train_toxicity_passes_its_options(monkeypatch, tmp_path):
    calls = []

    def train_toxicity(data, teacher, out, *, articles=None, seed=0):
        calls.append((str(data), str(teacher), str(out), articles, seed))
        return {"out": str(out), "seed": seed}

    module = types.ModuleType("newsaudit.train.toxicity")
    module.train_toxicity = train_toxicity
    monkeypatch.setitem(sys.modules, "newsaudit.train.toxicity", module)
    result = run("train", "toxicity", "--data", "d", "--teacher", "t", "--out", str(tmp_path), "--seed", "3", "--json")
    assert result.exit_code == 0, result.output
    assert calls == [("d", "t", str(tmp_path), None, 3)]
    assert json.loads(result.output) == {"out": str(tmp_path), "seed": 3}
