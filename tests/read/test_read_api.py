"""read() and read_path(): what a source means, and how the format is chosen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsaudit.errors import FormatError, InputError, InputTooLargeError
from newsaudit.read import read, read_path, sniff_format

TEXT = "Harbour reopens\n\nThe harbour reopened.\n\n• Sam\n\n  Good news."
JSON = '{"title": "Harbour reopens", "text": "The harbour reopened."}'
HTML = (
    "<!doctype html><html><head><title>Harbour reopens</title></head><body><p>The harbour reopened.</p></body></html>"
)


@pytest.mark.parametrize(
    ("source", "title", "body"),
    [
        pytest.param(TEXT, "Harbour reopens", "The harbour reopened.", id="text"),
        # Leading whitespace before "{" is still JSON.
        pytest.param("\n  " + JSON, "Harbour reopens", "The harbour reopened.", id="json"),
        pytest.param(HTML, "Harbour reopens", "The harbour reopened.", id="html"),
        pytest.param(HTML.encode(), "Harbour reopens", "The harbour reopened.", id="html-bytes"),
        # A str is content, even when it looks like a file name.
        pytest.param("notes.txt", "", "notes.txt", id="str-is-content"),
    ],
)
def test_read_sniffs_content(source, title, body):
    article = read(source)
    assert (article.title, article.body) == (title, body)


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ('{"a": 1}', "", "json"),
        ("<p>Hi</p>", "", "html"),
        ("<HTML lang=en>", "", "html"),
        ("  <article class='x'>", "", "html"),
        ("Plain words", "", "text"),
        # A tag mentioned further down than the first kilobyte does not make a page.
        ("x" * 2000 + "<p>", "", "text"),
        # The suffix wins over the content.
        ("Plain words", ".HTML", "html"),
        ('{"a": 1}', ".txt", "text"),
        ("<p>Hi</p>", ".md", "html"),
    ],
)
def test_sniff_format(text, suffix, expected):
    assert sniff_format(text, suffix) == expected


def test_path_is_a_file(tmp_path):
    path = tmp_path / "story.json"
    path.write_text(JSON, encoding="utf-8")
    assert read(path).title == "Harbour reopens"
    assert read_path(str(path)).title == "Harbour reopens"


def test_format_overrides_suffix(tmp_path):
    # JSON text in a .txt file, read as JSON on request.
    path = tmp_path / "story.txt"
    path.write_text(JSON, encoding="utf-8")
    assert read_path(path).body == JSON
    assert read_path(path, format="json").title == "Harbour reopens"


def test_file_size_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 100)
    with pytest.raises(InputTooLargeError):
        read_path(path, max_bytes=99)


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_path(tmp_path / "nope.txt")
    assert info.value.message == f"no such file: {tmp_path / 'nope.txt'}"


def test_unknown_format():
    with pytest.raises(FormatError) as info:
        read(TEXT, format="pdf")
    assert info.value.message == "unknown format 'pdf'; choose one of text, json, html"


def test_wrong_source_type():
    with pytest.raises(TypeError):
        read(42)


def test_url_passes_through():
    assert read(TEXT, url="https://example.org/x").domain == "example.org"


def test_import_is_cheap():
    # Heavy libraries load only when a reader needs them.
    code = (
        "import sys, newsaudit.read; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'trafilatura', 'lxml', 'charset_normalizer') "
        "if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]"


def test_public_api():
    import newsaudit.read as api

    assert set(api.__all__) == {
        "DEFAULT_MAX_BYTES", "RowError", "decode", "iter_dataset", "normalize_label", "read",
        "read_html", "read_json", "read_labelled", "read_path", "read_text", "sniff_format",
    }  # fmt: skip
    assert all(hasattr(api, name) for name in api.__all__)
    assert api.DEFAULT_MAX_BYTES == 2_000_000
    assert Path(api.__file__).parent.name == "read"


@pytest.mark.parametrize("module", ["auto", "dataset", "decode", "html", "json", "sniff", "text"])
def test_docstring_examples(module):
    # The examples in the docstrings are part of the documentation: they must stay true.
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"newsaudit.read.{module}"))
    assert result.attempted > 0 and result.failed == 0


def test_read_accepts_a_parsed_json_object():
    from newsaudit.read import read

    article = read({"title": "Dam opens", "text": "The dam opened.", "comments": [{"author": "Ann", "text": "Finally"}]})
    assert (article.title, article.body) == ("Dam opens", "The dam opened.")
    assert [(c.author, c.text) for c in article.comments] == [("Ann", "Finally")]


def test_a_parsed_object_over_the_size_limit_is_refused():
    from newsaudit.errors import InputTooLargeError
    from newsaudit.read import read

    with pytest.raises(InputTooLargeError):
        read({"text": "x" * 100}, max_bytes=50)
