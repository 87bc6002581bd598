"""Crash-safe writers: output lands in whole chunks, and a job can resume where it stopped.

JSONL and CSV files grow by one ``write`` per chunk, followed by ``fsync``: a
killed job leaves whole rows, or at worst one torn last line, which
:meth:`~LineSink.open` drops when resuming. Parquet output is a folder of part
files (``part-000000.parquet``, ...), each written to a hidden temporary name,
synced, then renamed into place, so a part is there whole or not at all; read
the folder with ``pandas.read_parquet(OUT)``.

Resuming reads back the key ``(source, row)`` of every row already written, in
the output and in the errors file; those rows are skipped.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsaudit.errors import FormatError

from .sources import Key

FORMATS = ("jsonl", "csv", "parquet")


def open_sink(path: Path, format: str, *, resume: bool, part_rows: int = 20_000) -> Sink:
    """The writer for an output ``path`` in ``format`` (``jsonl``, ``csv`` or ``parquet``)."""
    if format == "jsonl":
        return LineSink(path, resume=resume, key=_output_key)
    if format == "csv":
        return CsvSink(path, resume=resume)
    if format == "parquet":
        return ParquetSink(path, resume=resume, part_rows=part_rows)
    raise ValueError(f"unknown output format {format!r}; expected one of {FORMATS}")


def open_errors(path: Path, *, resume: bool) -> Sink:
    """The errors file: one JSON object per failed row (``id``, ``source``, ``row``, ``reason``)."""
    return LineSink(path, resume=resume, key=_error_key)


class Sink:
    """A destination for records; ``done`` holds the keys written before this job started."""

    path: Path
    done: set[Key]
    written: int = 0

    def write(self, records: list[Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Write whatever is buffered."""


def refuse_existing(path: Path) -> None:
    """Refuse to start a job over a non-empty output (``resume`` continues one instead)."""
    if path.exists() and (path.is_file() and path.stat().st_size > 0 or path.is_dir() and any(path.iterdir())):
        raise FileExistsError(errno.EEXIST, "already exists; pass --resume to continue that job, or remove it", str(path))


def _append(fd: int, data: bytes) -> None:
    """Append ``data`` with as few writes as the OS allows, then make it durable."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _open_append(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)


def _output_key(record: dict[str, Any]) -> Key:
    return (record["batch"]["source"], int(record["batch"]["row"]))


def _error_key(record: dict[str, Any]) -> Key:
    return (record["source"], int(record["row"]))


class LineSink(Sink):
    """A JSON Lines file: each record is one line (a ``str``, or a mapping to encode)."""

    def __init__(self, path: Path, *, resume: bool, key: Callable[[dict[str, Any]], Key]) -> None:
        self.path = Path(path)
        self.done = set()
        if resume and self.path.exists():
            self.done = {key(record) for record in _read_lines(self.path)}
        elif not resume:
            refuse_existing(self.path)
        self._fd = _open_append(self.path)

    def write(self, records: list[Any]) -> None:
        if not records:
            return
        lines = (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        _append(self._fd, "".join(line + "\n" for line in lines).encode("utf-8"))
        self.written += len(records)

    def close(self) -> None:
        os.close(self._fd)


def _whole_records(path: Path, csv_quotes: bool = False) -> Iterator[bytes]:
    """The complete records of a line file; a torn tail is cut off the file.

    A record ends at a newline; in CSV only at a newline outside quotes (an even
    number of ``"`` so far: an escaped quote is doubled).
    """
    end = 0
    with open(path, "rb") as f:
        record, quotes = b"", 0
        for line in f:
            record += line
            if csv_quotes:
                quotes += line.count(b'"')
            if not line.endswith(b"\n") or quotes % 2:
                continue
            end += len(record)
            yield record
            record, quotes = b"", 0
    if end < path.stat().st_size:
        _truncate(path, end)


def _truncate(path: Path, size: int) -> None:
    with open(path, "r+b") as f:
        f.truncate(size)
        f.flush()
        os.fsync(f.fileno())


def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
    end = 0
    bad: tuple[int, str] | None = None
    for number, line in enumerate(_whole_records(path), start=1):
        if bad is not None:
            raise FormatError(f"{path} line {bad[0]} is not a JSON object ({bad[1]}); it was not written by newsaudit batch")
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            # Only the last line can be a torn write; it is dropped below.
            bad = (number, exc.msg)
            continue
        end += len(line)
    if bad is not None:
        _truncate(path, end)


class CsvSink(Sink):
    """A CSV file of flattened reports; the header comes from the first chunk (or the file, when resuming)."""

    def __init__(self, path: Path, *, resume: bool) -> None:
        self.path = Path(path)
        self.done = set()
        self.columns: list[str] | None = None
        if resume and self.path.exists():
            records = _whole_records(self.path, csv_quotes=True)
            for record in records:
                fields = next(csv.reader([record.decode("utf-8")]))
                if self.columns is None:
                    self.columns = fields
                    try:
                        at_source, at_row = fields.index("batch.source"), fields.index("batch.row")
                    except ValueError:
                        raise FormatError(f"{path} has no batch.source and batch.row columns; it was not written by "
                                          "newsaudit batch") from None
                else:
                    self.done.add((fields[at_source], int(fields[at_row])))
        elif not resume:
            refuse_existing(self.path)
        self._fd = _open_append(self.path)

    def write(self, records: list[Any]) -> None:
        if not records:
            return
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if self.columns is None:
            self.columns = list(dict.fromkeys(k for r in records for k in r))
            writer.writerow(self.columns)
        writer.writerows([r.get(c) for c in self.columns] for r in records)
        _append(self._fd, buffer.getvalue().encode("utf-8"))
        self.written += len(records)

    def close(self) -> None:
        os.close(self._fd)


_PART = re.compile(r"part-(\d+)\.parquet")


class ParquetSink(Sink):
    """A folder of Parquet part files of at least ``part_rows`` rows (the last may be smaller)."""

    def __init__(self, path: Path, *, resume: bool, part_rows: int) -> None:
        import pyarrow.parquet as pq

        self.path = Path(path)
        self.part_rows = part_rows
        self.done = set()
        self.schema: Any = None
        self._buffer: list[dict[str, Any]] = []
        self._next = 0
        if self.path.exists() and not self.path.is_dir():
            raise FormatError(f"{path} is a file; Parquet output is a folder of part files")
        if not resume:
            refuse_existing(self.path)
        self.path.mkdir(parents=True, exist_ok=True)
        for leftover in self.path.glob(".part-*.tmp"):
            leftover.unlink()
        for part in sorted(self.path.iterdir()):
            match = _PART.fullmatch(part.name)
            if not match:
                continue
            self._next = max(self._next, int(match[1]) + 1)
            if self.schema is None:
                self.schema = pq.read_schema(part)
            keys = pq.read_table(part, columns=["batch.source", "batch.row"]).to_pydict()
            self.done.update(zip(keys["batch.source"], keys["batch.row"]))

    def write(self, records: list[Any]) -> None:
        self._buffer.extend(records)
        self.written += len(records)
        if len(self._buffer) >= self.part_rows:
            self._flush()

    def close(self) -> None:
        if self._buffer:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.schema is None:
            self.schema = _infer_schema(self._buffer)
        columns = {
            field.name: [_coerce(r.get(field.name), field.type) for r in self._buffer] for field in self.schema
        }
        table = pa.table(columns, schema=self.schema)
        name = f"part-{self._next:06d}.parquet"
        tmp = self.path / f".{name}.tmp"
        pq.write_table(table, tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, self.path / name)
        _fsync_dir(self.path)
        self._next += 1
        self._buffer = []


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _infer_schema(records: list[dict[str, Any]]) -> Any:
    """One type per column from the values seen: bool, int64, float64, else string (also for all-empty columns)."""
    import pyarrow as pa

    kinds: dict[str, set[type]] = {}
    for r in records:
        for k, v in r.items():
            seen = kinds.setdefault(k, set())
            if v is not None:
                seen.add(type(v))
    fields = []
    for name, seen in kinds.items():
        if seen == {bool}:
            kind = pa.bool_()
        elif seen == {int}:
            kind = pa.int64()
        elif seen and seen <= {int, float}:
            kind = pa.float64()
        else:
            kind = pa.string()
        fields.append(pa.field(name, kind))
    return pa.schema(fields)


def _coerce(value: Any, kind: Any) -> Any:
    import pyarrow as pa

    if value is None:
        return None
    if kind == pa.string():
        return value if isinstance(value, str) else json.dumps(value)
    if kind == pa.float64():
        return float(value)
    if kind == pa.int64() and not float(value).is_integer():
        return None
    return value
