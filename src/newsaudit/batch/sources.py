"""Input rows of a batch job: every row of every input, numbered, with its id.

A row's key is ``(source, row)``: the input path as given and the row's 0-based
position among the items that :func:`~newsaudit.read.iter_dataset` yields for it.
Keys, not ids, decide what ``--resume`` skips, so a dataset with repeated or
missing ids still has every row written exactly once.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from newsaudit.article import Article
from newsaudit.read.dataset import _FOLDER_SUFFIXES, RowError, iter_dataset

Key = tuple[str, int]


@dataclass
class Row:
    """One input row: where it came from, its id, and the article or the reason it could not be read."""

    source: str
    row: int
    id: str
    article: Article | None = None
    error: str | None = None

    @property
    def key(self) -> Key:
        return (self.source, self.row)

    def error_record(self, reason: str) -> dict[str, Any]:
        """A line of the errors file."""
        return {"id": self.id, "source": self.source, "row": self.row, "reason": reason}


def source_name(path: str | os.PathLike[str]) -> str:
    """How a row's ``source`` names its input: the path as given, normalised (``./a.csv`` is ``a.csv``)."""
    return os.path.normpath(os.fspath(path))


def iter_rows(
    paths: Iterable[str | os.PathLike[str]],
    *,
    skip: Collection[Key] = (),
    **options: Any,
) -> Iterator[Row]:
    """Yield a :class:`Row` for each row of each input, leaving out the keys in ``skip``.

    ``options`` go to :func:`~newsaudit.read.iter_dataset` (``format``, ``text``, ``title``).
    """
    for path in paths:
        source = source_name(path)
        for n, item in enumerate(iter_dataset(path, **options)):
            if (source, n) in skip:
                continue
            if isinstance(item, RowError):
                yield Row(source, n, item.id if item.id is not None else str(n), error=item.reason)
            else:
                yield Row(source, n, item.id if item.id is not None else str(n), article=item)


def chunked(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def count_rows(path: str | os.PathLike[str], *, format: str | None = None) -> int | None:
    """The number of rows in an input, read cheaply (for the progress bar); ``None`` when unknown."""
    path = Path(path)
    try:
        if path.is_dir():
            return sum(1 for p in path.iterdir() if p.is_file() and p.suffix.lower() in _FOLDER_SUFFIXES)
        kind = format or path.suffix.lower().lstrip(".")
        if kind in ("jsonl", "ndjson"):
            with open(path, "rb") as f:
                return sum(1 for line in f if line.strip())
        if kind in ("parquet", "pq"):
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
        if kind in ("csv", "tsv"):
            with open(path, encoding="utf-8", errors="replace", newline="") as f:
                return max(sum(1 for _ in csv.reader(f, delimiter="\t" if kind == "tsv" else ",")) - 1, 0)
    except (OSError, ValueError, csv.Error):
        return None
    return None
