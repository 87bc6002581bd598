"""The command line: exit codes, output, and one-line errors, with a fake pipeline.

The pipeline is a stand-in with fixed output (``newsaudit.cli.common.load_pipeline``
is replaced), so these tests need no trained model and check the CLI alone.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsaudit
from newsaudit.article import Article
from newsaudit.cli import cli, main
from newsaudit.cli import common as cli_common
from newsaudit.errors import ModelError
from newsaudit.pipeline import Pipeline

TEXT = (
    "Storm closes port\n"
    "\n"
    "The port shut on Monday. Officials said it would reopen.\n"
    "\n"
    "• Ann Lee\n"
    "\n"
    "  Stay safe [bold]everyone[/bold]!\n"
    "\n"
    "• Bo\n"
    "\n"
    "  <script>alert(1)</script>\n"
)

RELIABILITY = {
    "label": "reliable",
    "probability_unreliable": 0.12,
    "logit": -2.0,
    "bias": -0.5,
    "evidence": [
        {
            "kind": "sentence",
            "field": "body",
            "text": "The port shut on Monday.",
            "start": 0,
            "end": 24,
            "contribution": -0.8,
            "phrases": [{"text": "on Monday", "start": 14, "end": 23, "contribution": -0.3}],
        }
    ],
    "explanation": {"listed_sum": -0.8, "unlisted_sum": -0.7, "coverage": 0.53, "note": "Exact shares."},
    "signals": [{"name": "quotes", "value": 1, "description": "attributed statements", "contribution": -0.2}],
    "uncertain_band": [0.4, 0.6],
}


class FixedReliability:
    """Assigns the same reliability part to every article: deterministic output."""

    name = "reliability"
    requires = ()
    assigns = ("reliability",)

    def __call__(self, article: Article) -> Article:
        article.parts["reliability"] = copy.deepcopy(RELIABILITY)
        return article


class ScoreFromBody:
    """The article body is the probability reported: evaluation inputs pick the scores."""

    name = "reliability"
    requires = ()
    assigns = ("reliability",)

    def __call__(self, article: Article) -> Article:
        article.parts["reliability"] = {"label": "uncertain", "probability_unreliable": float(article.body)}
        return article


@pytest.fixture
def loaded(monkeypatch):
    """Replace the model with a fixed pipeline; records the --model given to the loader."""
    calls: list[Path | None] = []

    def fake_load(model):
        calls.append(model)
        return Pipeline([FixedReliability()])

    monkeypatch.setattr(cli_common, "load_pipeline", fake_load)
    return calls


@pytest.fixture
def scoring(monkeypatch):
    monkeypatch.setattr(cli_common, "load_pipeline", lambda model: Pipeline([ScoreFromBody()]))


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def assert_one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


# -- the group -------------------------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"newsaudit {newsaudit.__version__}\n"


def test_main_is_the_console_script(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("newsaudit ")


@pytest.mark.parametrize(
    "command",
    [[], ["analyze"], ["evaluate"], ["evaluate", "reliability"], ["train"], ["train", "reliability"]],
    ids=lambda c: " ".join(c) or "newsaudit",
)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(command, flag):
    result = run(*command, flag)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: newsaudit {' '.join(command)}".rstrip())


def test_importing_the_cli_is_cheap():
    # --help and --version must not wait for numpy, pandas, rich or the readers' libraries.
    code = (
        "import sys, newsaudit.cli; "
        "print(sorted(m for m in ('numpy', 'pandas', 'pyarrow', 'rich', 'trafilatura', 'sklearn', 'matplotlib') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"


def test_help_lists_the_commands():
    out = run("--help").stdout
    for name in ("analyze", "evaluate", "train"):
        assert f"  {name} " in out


# -- analyze ---------------------------------------------------------------------------------------


def check_report(report: dict) -> None:
    assert report["schema"] == "newsaudit.report/1"
    assert report["title"] == "Storm closes port"
    assert [c["author"] for c in report["comments"]] == ["Ann Lee", "Bo"]
    assert report["comments"][0]["text"] == "Stay safe [bold]everyone[/bold]!"
    assert report["reliability"] == RELIABILITY


@pytest.mark.parametrize("args", [["--format", "json"], ["-", "--format", "json"]], ids=["no-path", "dash"])
def test_analyze_stdin_json(loaded, args):
    result = run("analyze", *args, input=TEXT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    check_report(json.loads(result.stdout))
    assert loaded == [None]


def test_analyze_file_json(loaded, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    model = tmp_path / "model"
    result = run("analyze", str(path), "--format", "json", "--url", "https://www.example.org/a", "--model", str(model))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    check_report(report)
    assert (report["url"], report["domain"]) == ("https://www.example.org/a", "example.org")
    # --model reaches the loader as a Path.
    assert loaded == [model]


def test_analyze_prior_reaches_the_loader(monkeypatch):
    calls = []

    def fake_load(model, **options):
        calls.append(options)
        return Pipeline([FixedReliability()])

    monkeypatch.setattr(cli_common, "load_pipeline", fake_load)
    assert run("analyze", "--prior", "0.2", input=TEXT.encode("utf-8")).exit_code == 0
    assert calls == [{"prior": 0.2}]
    # A prior must be a probability strictly between 0 and 1.
    assert run("analyze", "--prior", "1", input=TEXT.encode("utf-8")).exit_code == 2


def test_analyze_json_round_trips(loaded, tmp_path):
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"title": "Dam «opens»", "text": "The dam opened.", "comments": []}), encoding="utf-8")
    result = run("analyze", str(path), "--format", "json")
    report = json.loads(result.stdout)
    # The printed JSON is the report's own JSON, indented: it parses back to the same data.
    expected = Pipeline([FixedReliability()])(newsaudit.read.read_path(path))
    assert report == expected.to_dict()
    assert result.stdout == expected.to_json(indent=2) + "\n"
    assert report["title"] == "Dam «opens»"


def test_analyze_input_format(loaded):
    # A text starting with "{" would be sniffed as JSON; --input-format says otherwise.
    result = run("analyze", "--format", "json", "--input-format", "text", input=b"{braces} in a headline\n\nBody.")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "{braces} in a headline"


def test_analyze_text(loaded):
    result = run("analyze", input=TEXT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Storm closes port\n")
    assert "Verdict: RELIABLE  12% probability unreliable" in out
    assert "-0.80  The port shut on Monday." in out
    assert "key phrases: “on Monday” -0.30" in out
    assert "attributed statements" in out
    # Comment text is printed as written, not read as markup.
    assert "• Ann Lee\n  Stay safe [bold]everyone[/bold]!\n" in out
    assert "• Bo\n  <script>alert(1)</script>\n" in out


def test_analyze_with_the_shipped_model():
    # The one test that runs the real pipeline: skipped until the shipped model is trained.
    try:
        newsaudit.load()
    except newsaudit.ModelError as exc:
        pytest.skip(f"no shipped model: {exc.message}")
    result = run("analyze", "--format", "json", input=TEXT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["reliability"]["label"] in {"reliable", "unreliable", "uncertain"}
    assert [c["author"] for c in report["comments"]] == ["Ann Lee", "Bo"]
    text = run("analyze", input=TEXT.encode("utf-8"))
    assert text.exit_code == 0, text.output
    assert "Verdict: " in text.stdout


@pytest.mark.parametrize(
    ("make_args", "stdin", "needles"),
    [
        pytest.param(lambda tmp: [], b"", ["[E011]", "empty"], id="empty-stdin"),
        pytest.param(lambda tmp: [], b" \n\t\n", ["[E011]"], id="blank-stdin"),
        pytest.param(lambda tmp: [str(tmp / "missing.txt")], None, ["[E010]", "missing.txt"], id="missing-file"),
        pytest.param(lambda tmp: [str(tmp)], None, ["[E010]"], id="directory"),
        pytest.param(lambda tmp: [str(write(tmp / "a.bin", b"\x89PNG\x00\x00\x01"))], None, ["[E012]"], id="binary"),
        pytest.param(
            lambda tmp: [str(write(tmp / "big.txt", b"Title\n\n" + b"x" * 100)), "--max-bytes", "50"],
            None,
            ["[E014]", "107 bytes", "50 bytes"],
            id="file-over-max-bytes",
        ),
        pytest.param(lambda tmp: ["--max-bytes", "50"], b"y" * 51, ["[E014]", "more than 50 bytes"], id="stdin-over"),
        pytest.param(lambda tmp: [], b"\xff\xfe\x00", ["[E013]"], id="bad-utf16"),
        pytest.param(lambda tmp: ["--input-format", "json"], b"not json", ["[E015]"], id="malformed-json"),
    ],
)
def test_analyze_bad_input(loaded, tmp_path, make_args, stdin, needles):
    result = run("analyze", *make_args(tmp_path), input=stdin)
    assert_one_line_error(result, *needles)
    # Nothing was scored.
    assert loaded == []


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_analyze_model_error(monkeypatch):
    def broken(model):
        raise ModelError(f"no reliability model at {model}\nrun newsaudit train")

    monkeypatch.setattr(cli_common, "load_pipeline", broken)
    # A message over two lines still prints as one.
    result = run("analyze", "--model", "nowhere", input=TEXT)
    assert_one_line_error(result, "[E020] no reliability model at nowhere run")


def test_analyze_unreadable_file(loaded, tmp_path, monkeypatch):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert_one_line_error(run("analyze", str(path)), "Permission denied: ", "story.txt")


def test_analyze_bad_option_is_a_usage_error(loaded):
    result = run("analyze", "--format", "yaml", input=TEXT)
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


# -- evaluate reliability --------------------------------------------------------------------------

# Worked by hand in tests/test_evaluate.py: positives 0.9, 0.4, 0.8; negatives 0.35, 0.1, 0.65.
LABELLED_CSV = "text,label\n0.9,fake\n0.4,1\n0.35,real\n0.1,0\n0.8,unreliable\n0.65,reliable\n0.5,\n"
HAND_METRICS = {"n": 6, "accuracy": 4 / 6, "macro_f1": 2 / 3, "roc_auc": 8 / 9, "ece": 2.0 / 6}


def table_rows(out: str) -> list[list[str]]:
    """The body rows of a rich table, as lists of cell texts."""
    return [[c.strip() for c in line.strip().strip("│").split("│")] for line in out.splitlines() if "│" in line]


@pytest.fixture
def labelled(tmp_path):
    path = tmp_path / "test.csv"
    path.write_text(LABELLED_CSV, encoding="utf-8")
    return path


def test_evaluate_reliability_json(scoring, labelled):
    result = run("evaluate", "reliability", str(labelled), "--json")
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert list(metrics) == ["n", "accuracy", "macro_f1", "roc_auc", "ece"]
    assert metrics == pytest.approx(HAND_METRICS)


def test_evaluate_reliability_table(scoring, labelled):
    result = run("evaluate", "reliability", str(labelled))
    assert result.exit_code == 0, result.output
    assert table_rows(result.stdout) == [["6", "0.667", "0.667", "0.889", "0.333"]]
    assert "Reliability on test.csv" in result.stdout


def test_evaluate_reliability_plots(scoring, labelled, tmp_path):
    pytest.importorskip("matplotlib")
    plots = tmp_path / "plots"
    result = run("evaluate", "reliability", str(labelled), "--json", "--plots", str(plots))
    assert result.exit_code == 0, result.output
    # The JSON stays alone on stdout; the note about the files goes to stderr.
    assert json.loads(result.stdout) == pytest.approx(HAND_METRICS)
    assert sorted(p.name for p in plots.iterdir()) == ["reliability.png", "roc.png"]
    assert "roc.png" in result.stderr


@pytest.mark.parametrize(
    ("plots", "message"),
    [
        # click sees this one before any work is done.
        pytest.param("taken", "Invalid value for '--plots'", id="a-file"),
        # This one only fails when the folder is made, after the figures were printed.
        pytest.param("taken/sub", "error: Not a directory: ", id="under-a-file"),
    ],
)
def test_evaluate_reliability_plots_in_a_bad_place(scoring, labelled, tmp_path, plots, message):
    pytest.importorskip("matplotlib")
    (tmp_path / "taken").write_text("", encoding="utf-8")
    result = run("evaluate", "reliability", str(labelled), "--json", "--plots", str(tmp_path / plots))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_evaluate_reliability_missing_file(scoring, tmp_path):
    assert_one_line_error(run("evaluate", "reliability", str(tmp_path / "nope.csv")), "[E010]", "nope.csv")


def test_evaluate_reliability_unlabelled_file(scoring, tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("text\n0.5\n", encoding="utf-8")
    assert_one_line_error(run("evaluate", "reliability", str(path)), "no labelled rows")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="no-file"),
        pytest.param(["x.csv", "--data", "d"], id="file-and-data"),
        pytest.param(["--protocol", "lodo"], id="lodo-without-data"),
        pytest.param(["x.csv", "--protocol", "lodo", "--data", "d"], id="lodo-with-file"),
        pytest.param(["--protocol", "lodo", "--data", "d", "--plots", "p"], id="lodo-with-plots"),
    ],
)
def test_evaluate_reliability_usage_errors(scoring, args):
    result = run("evaluate", "reliability", *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert "Traceback" not in result.output


LODO = {
    "datasets": {
        "coaid": {"n": 120, "roc_auc": 0.81, "accuracy": 0.74, "macro_f1": 0.7, "ece": 0.05},
        "gossipcop": {"n": 90, "roc_auc": 0.69, "accuracy": 0.6, "macro_f1": 0.58, "ece": 0.12},
    },
    "mean_roc_auc": 0.75,
}


@pytest.fixture
def fake_lodo(monkeypatch):
    calls = []

    def leave_one_dataset_out(data, *, seed=0):
        calls.append((data, seed))
        return copy.deepcopy(LODO)

    module = types.ModuleType("newsaudit.train.lodo")
    module.leave_one_dataset_out = leave_one_dataset_out
    monkeypatch.setitem(sys.modules, "newsaudit.train.lodo", module)
    return calls


def test_evaluate_lodo_json(fake_lodo, tmp_path):
    result = run("evaluate", "reliability", "--protocol", "lodo", "--data", str(tmp_path), "--seed", "3", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == LODO
    assert fake_lodo == [(tmp_path, 3)]


def test_evaluate_lodo_table(fake_lodo, tmp_path):
    result = run("evaluate", "reliability", "--protocol", "lodo", "--data", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert table_rows(result.stdout) == [
        ["coaid", "120", "0.810", "0.740", "0.700", "0.050"],
        ["gossipcop", "90", "0.690", "0.600", "0.580", "0.120"],
    ]
    assert "mean ROC AUC 0.750" in result.stdout


# -- train reliability -----------------------------------------------------------------------------


def fake_train_module(monkeypatch, train_reliability) -> None:
    module = types.ModuleType("newsaudit.train.reliability")
    module.train_reliability = train_reliability
    monkeypatch.setitem(sys.modules, "newsaudit.train.reliability", module)


def test_train_reliability_defaults_to_the_shipped_model(monkeypatch, tmp_path):
    calls = []

    def train_reliability(data, out, *, seed=0):
        calls.append((data, out, seed))
        return {"out": str(out), "roc_auc": 0.9123, "datasets": {"coaid": 120}}

    fake_train_module(monkeypatch, train_reliability)
    result = run("train", "reliability", "--data", str(tmp_path))
    assert result.exit_code == 0, result.output
    shipped = Path(newsaudit.__file__).parent / "models" / "data" / "reliability"
    assert calls == [(tmp_path, shipped, 0)]
    assert "0.912" in result.stdout
    assert "datasets.coaid" in result.stdout


def test_train_reliability_json(monkeypatch, tmp_path):
    fake_train_module(monkeypatch, lambda data, out, *, seed=0: {"out": str(out), "seed": seed})
    result = run("train", "reliability", "--data", str(tmp_path), "--out", str(tmp_path / "m"), "--seed", "5", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"out": str(tmp_path / "m"), "seed": 5}


def test_train_reliability_without_scikit_learn(monkeypatch, tmp_path):
    def train_reliability(data, out, *, seed=0):
        raise ModuleNotFoundError("No module named 'sklearn'", name="sklearn")

    fake_train_module(monkeypatch, train_reliability)
    result = run("train", "reliability", "--data", str(tmp_path), "--out", str(tmp_path / "m"))
    assert_one_line_error(result)
    assert result.stderr == "error: training needs the 'train' extra: pip install 'newsaudit[train]'\n"


def test_train_other_import_errors_are_bugs(monkeypatch, tmp_path):
    # Only a missing optional dependency gets the install hint; anything else is not hidden.
    def train_reliability(data, out, *, seed=0):
        raise ModuleNotFoundError("No module named 'newsaudit.nothing'", name="newsaudit.nothing")

    fake_train_module(monkeypatch, train_reliability)
    result = run("train", "reliability", "--data", str(tmp_path), "--out", str(tmp_path / "m"))
    assert result.exit_code == 1
    assert isinstance(result.exception, ModuleNotFoundError)


def test_train_requires_data():
    result = run("train", "reliability")
    assert result.exit_code == 2
    assert "Missing option '--data'" in result.stderr
