"""Stream articles from a dataset: CSV, TSV, JSONL, Parquet, or a folder of article files.

Rows are read in chunks, so a dataset of millions of articles needs little memory.
A row that cannot be read yields a :class:`RowError` instead of stopping the job.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsaudit.article import Article
from newsaudit.errors import FormatError, InputError
from newsaudit.read.auto import read_path
from newsaudit.read.decode import DEFAULT_MAX_BYTES, check_size, normalize_newlines
from newsaudit.read.json import parse_comments

FORMATS = ("csv", "tsv", "jsonl", "parquet", "folder")

_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".json")
# Columns with a meaning of their own; the text and title columns are named by the caller.
_FIELD_COLUMNS = ("url", "id", "label", "comments")

_UNRELIABLE = frozenset({"1", "1.0", "fake", "false", "unreliable"})
_RELIABLE = frozenset({"0", "0.0", "real", "true", "reliable", "legit"})

_CHUNK_ROWS = 1_000
# Enough of a file to recognise its encoding.
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class RowError:
    """A dataset row that could not be read as an article.

    Parameters
    ----------
    id : str or None
        The row's id (its ``id`` column, its 0-based row number, or the file
        name in a folder); ``None`` when a malformed line gives no way to tell.
    reason : str
        Why the row was skipped.
    """

    id: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "reason": self.reason}


def iter_dataset(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    text: str = "text",
    title: str = "title",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | RowError]:
    """Yield one :class:`Article` per row (or file) of a dataset, or a :class:`RowError`.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.csv``, ``.tsv``, ``.jsonl``/``.ndjson`` or ``.parquet``/``.pq`` file,
        or a folder of ``.txt``/``.html``/``.json`` files (one article each, read
        with :func:`~newsaudit.read.read_path`; the id is the file name).
    format : {"csv", "tsv", "jsonl", "parquet", "folder"} or None
        Overrides the format given by the suffix.
    text : str
        The column holding the article text (required).
    title : str
        The column holding the headline (optional).
    max_bytes : int
        Largest accepted text size per row, in bytes.

    Yields
    ------
    Article or RowError
        Columns ``url``, ``id`` and ``comments`` (a JSON list) fill the article;
        ``id`` defaults to the 0-based row number. ``label`` is normalised into
        ``meta["label"]`` (1 unreliable, 0 reliable, None unknown, the raw value
        then kept in ``meta["label_raw"]``); other columns, ``author`` among them,
        go to ``meta``. A row with empty text, an oversized text, bad comments or
        (JSONL) bad JSON yields a ``RowError``.

    Raises
    ------
    InputError
        The path does not exist.
    FormatError
        The format is unknown, the file cannot be parsed at all, or the text
        column is missing (the message names the columns found). For a JSONL file
        the first object sets the columns.

    Examples
    --------
    The Kaggle fake-news layout (``id,title,author,text,label``) needs no options::

        for item in iter_dataset("train.csv"):
            if isinstance(item, RowError):
                print(item.id, item.reason)
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    format = format or ("folder" if path.is_dir() else _SUFFIX_FORMATS.get(path.suffix.lower()))
    if format == "folder" and path.is_dir():
        yield from _iter_folder(path, max_bytes)
        return
    readers = {"csv": _csv_rows, "tsv": _csv_rows, "jsonl": _jsonl_rows, "parquet": _parquet_rows}
    if format not in readers or path.is_dir():
        raise FormatError(f"cannot read {path.name} as a dataset; pass format= one of {', '.join(FORMATS)}")
    for item in readers[format](path, format, text):
        if isinstance(item, RowError):
            yield item
        else:
            n, row = item
            yield _to_article(row, n, text, title, max_bytes)


def read_labelled(path: str | os.PathLike[str], **options: Any) -> tuple[list[Article], list[int]]:
    """Read a labelled dataset for evaluation, skipping unreadable and unlabelled rows.

    Parameters
    ----------
    path : str or os.PathLike
        The dataset (see :func:`iter_dataset`).
    **options
        Passed to :func:`iter_dataset` (``format``, ``text``, ``title``, ``max_bytes``).

    Returns
    -------
    articles : list of Article
    labels : list of int
        ``labels[i]`` is 1 when ``articles[i]`` is unreliable, 0 when reliable.
    """
    articles, labels = [], []
    for item in iter_dataset(path, **options):
        if isinstance(item, Article) and item.meta.get("label") is not None:
            articles.append(item)
            labels.append(item.meta["label"])
    return articles, labels


def normalize_label(value: Any) -> int | None:
    """Map a dataset label to 1 (unreliable) or 0 (reliable); ``None`` when it is neither.

    Parameters
    ----------
    value : Any
        ``0``/``1`` (int, float or string), or a word: fake, false, unreliable
        give 1; real, true, reliable, legit give 0 (case-insensitive).

    Returns
    -------
    int or None

    Examples
    --------
    >>> normalize_label("FAKE"), normalize_label(0), normalize_label(" legit "), normalize_label("satire")
    (1, 0, 0, None)
    """
    word = _cell(value).lower()
    if word in _UNRELIABLE:
        return 1
    if word in _RELIABLE:
        return 0
    return None


def _to_article(row: dict[str, Any], n: int, text: str, title: str, max_bytes: int) -> Article | RowError:
    row_id = _cell(row.get("id")) or str(n)
    body = normalize_newlines(_cell(row.get(text)))
    if not body:
        return RowError(row_id, f"the '{text}' column is empty")
    try:
        check_size(body, max_bytes)
        comments = parse_comments(_comments_value(row.get("comments")))
    except InputError as exc:
        return RowError(row_id, exc.message)
    meta = {k: _meta_value(v) for k, v in row.items() if k not in (text, title, *_FIELD_COLUMNS)}
    if "label" in row:
        meta["label"] = normalize_label(row["label"])
        if meta["label"] is None and _cell(row["label"]):
            meta["label_raw"] = _meta_value(row["label"])
    return Article(
        body=body,
        title=_cell(row.get(title)),
        url=_cell(row.get("url")) or None,
        comments=comments,
        id=row_id,
        meta=meta,
    )


def _comments_value(value: Any) -> Any:
    """The comments as a list: tabular files hold them as JSON text."""
    if not isinstance(value, str):
        return None if _is_missing(value) else value
    if not value.strip():
        return None
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise FormatError(f"the 'comments' column is not a JSON list: {exc.msg} (char {exc.pos})") from exc


def _cell(value: Any) -> str:
    """A cell as stripped text: missing values (None, NaN) become ""; 3.0 becomes "3"."""
    if _is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _meta_value(value: Any) -> Any:
    # NaN is not valid JSON, and reports are written as JSON.
    return None if _is_missing(value) else value


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check_columns(columns: list[str], text: str, path: Path) -> None:
    if text not in columns:
        # A file without a header has data for column names: keep the message readable.
        found = ", ".join(repr(c if len(c) <= 40 else c[:39] + "…") for c in columns) or "none"
        raise FormatError(f"{path.name} has no {text!r} column (columns found: {found}); pass text= to name it")


# Each reader yields (0-based row number, row) pairs, or a RowError for a row it cannot parse.
_Rows = Iterator[tuple[int, dict[str, Any]] | RowError]


def _csv_rows(path: Path, format: str, text: str) -> _Rows:
    import pandas as pd

    _raise_csv_field_limit()
    options = {
        "sep": "\t" if format == "tsv" else ",",
        "dtype": str,
        "keep_default_na": False,
        "encoding": _file_encoding(path),
        "encoding_errors": "replace",
        "engine": "python",
        # Without this, pandas takes extra fields in a malformed row for index columns.
        "index_col": False,
    }
    try:
        columns = list(pd.read_csv(path, nrows=0, **options).columns)
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as exc:
        raise FormatError(f"{path.name} cannot be read as {format.upper()}: {exc}") from exc
    _check_columns(columns, text, path)

    # The python engine hands over lines with too many fields instead of failing the whole file.
    bad_lines: list[RowError] = []

    def on_bad_line(fields: list[str]) -> None:
        row_id = fields[columns.index("id")].strip() if "id" in columns else None
        reason = f"malformed line: {len(fields)} fields where the header has {len(columns)}"
        bad_lines.append(RowError(row_id or None, reason))

    n = 0
    try:
        with pd.read_csv(path, chunksize=_CHUNK_ROWS, on_bad_lines=on_bad_line, **options) as chunks:
            for chunk in chunks:
                yield from bad_lines
                bad_lines.clear()
                for row in chunk.to_dict("records"):
                    yield n, row
                    n += 1
    except pd.errors.ParserError as exc:
        raise FormatError(f"{path.name} cannot be read as {format.upper()}: {exc}") from exc
    yield from bad_lines


def _jsonl_rows(path: Path, format: str, text: str) -> _Rows:
    # Every non-blank line is a row, so a bad line keeps its place in the numbering.
    checked = False
    n = 0
    with open(path, encoding=_file_encoding(path), errors="replace") as lines:
        for line_number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield RowError(str(n), f"line {line_number} is not valid JSON: {exc.msg} at column {exc.colno}")
            else:
                if not isinstance(row, dict):
                    yield RowError(str(n), f"line {line_number} is not a JSON object")
                else:
                    if not checked:
                        # The first object sets the columns, as a header would.
                        _check_columns(list(row), text, path)
                        checked = True
                    yield n, row
            n += 1


def _parquet_rows(path: Path, format: str, text: str) -> _Rows:
    import pyarrow
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pyarrow.ArrowInvalid, OSError) as exc:
        raise FormatError(f"{path.name} cannot be read as Parquet: {exc}") from exc
    _check_columns(parquet.schema_arrow.names, text, path)
    n = 0
    for batch in parquet.iter_batches(batch_size=_CHUNK_ROWS):
        for row in batch.to_pylist():
            yield n, row
            n += 1


def _iter_folder(path: Path, max_bytes: int) -> Iterator[Article | RowError]:
    files = sorted(
        p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _FOLDER_SUFFIXES and not p.name.startswith(".")
    )
    for file in files:
        try:
            article = read_path(file, max_bytes=max_bytes)
        except InputError as exc:
            yield RowError(file.name, exc.message)
            continue
        article.id = file.name
        yield article


def _file_encoding(path: Path) -> str:
    """UTF-8 (a BOM is dropped), or the encoding recognised in the file's first bytes."""
    with open(path, "rb") as f:
        head = f.read(_SNIFF_BYTES)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # An error in the last 3 bytes is a character cut by the sample's end, not a foreign encoding.
        if exc.start < len(head) - 3:
            import charset_normalizer

            guess = charset_normalizer.from_bytes(head).best()
            if guess is not None:
                return guess.encoding
    return "utf-8-sig"


def _raise_csv_field_limit() -> None:
    # Article texts can exceed the csv module's default field limit of 128 KiB.
    try:
        csv.field_size_limit(sys.maxsize)
    except OverflowError:  # sys.maxsize overflows a C long on Windows
        csv.field_size_limit(2**31 - 1)
