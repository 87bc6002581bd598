"""Datasets: rows stream as Articles, bad rows as RowErrors, and the job goes on."""

from __future__ import annotations

import json

import pytest

from newsaudit.article import Article
from newsaudit.errors import FormatError, InputError
from newsaudit.read import RowError, iter_dataset, normalize_label, read_labelled

# The Kaggle fake-news layout: id,title,author,text,label with 1 = unreliable.
KAGGLE_CSV = (
    "id,title,author,text,label\n"
    '7,Flood hits town,Ann Lee,"The river rose overnight.\r\nHundreds left, by boat.",1\n'
    "8,Blank row,Bo,,0\n"
    "9,Budget passes,,The council voted.,0\n"
)


def summary(items):
    """(kind, id, title or reason) per item: enough to check order, ids and outcomes."""
    return [("article", x.id, x.title) if isinstance(x, Article) else ("error", x.id, x.reason) for x in items]


def test_kaggle_csv(tmp_path):
    path = tmp_path / "train.csv"
    path.write_text(KAGGLE_CSV, encoding="utf-8")
    items = list(iter_dataset(path))
    # The empty text is a RowError; the rows after it are still read.
    assert summary(items) == [
        ("article", "7", "Flood hits town"),
        ("error", "8", "the 'text' column is empty"),
        ("article", "9", "Budget passes"),
    ]
    first = items[0]
    # Quoted fields keep commas and newlines; CRLF inside a field becomes LF.
    assert first.body == "The river rose overnight.\nHundreds left, by boat."
    assert first.meta == {"author": "Ann Lee", "label": 1}
    assert items[2].meta == {"author": "", "label": 0}


def test_tsv_with_other_columns(tmp_path):
    # No id column: ids are row numbers. text= and title= name other columns; the rest goes to meta.
    path = tmp_path / "posts.tsv"
    path.write_text(
        "headline\tcontent\turl\tsource\n"
        "Rates held\tThe bank held rates.\thttps://www.bank.example/r\twire\n"
        "Port closes\tStorm shuts the port.\t\tlocal\n",
        encoding="utf-8",
    )
    items = list(iter_dataset(path, text="content", title="headline"))
    assert [(a.id, a.title, a.body, a.domain, a.meta) for a in items] == [
        ("0", "Rates held", "The bank held rates.", "bank.example", {"source": "wire"}),
        ("1", "Port closes", "Storm shuts the port.", None, {"source": "local"}),
    ]


def test_jsonl_bad_line_does_not_stop(tmp_path):
    path = tmp_path / "items.ndjson"
    path.write_text(
        json.dumps({"text": "First body.", "title": "One", "comments": [{"author": "Ann", "text": "Hi"}]})
        + "\n\n{not json}\n[1, 2]\n"
        + json.dumps({"text": "Fourth body.", "label": "real"})
        + "\n",
        encoding="utf-8",
    )
    items = list(iter_dataset(path))
    # Blank lines are skipped; bad lines keep their place in the row numbering.
    assert summary(items) == [
        ("article", "0", "One"),
        ("error", "1", "line 3 is not valid JSON: Expecting property name enclosed in double quotes at column 2"),
        ("error", "2", "line 4 is not a JSON object"),
        ("article", "3", ""),
    ]
    assert [(c.author, c.text) for c in items[0].comments] == [("Ann", "Hi")]
    assert items[3].meta == {"label": 0}


def test_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "data.parquet"
    table = pa.table(
        {
            "id": [101, 102, 103],
            "text": ["Body one.", None, "Body three."],
            "label": ["fake", "1", "satire"],
            "comments": ['["Nice"]', "", "not json"],
        }
    )
    # Two rows per batch, so the reader crosses a batch boundary.
    pq.write_table(table, path, row_group_size=2)
    items = list(iter_dataset(path))
    assert summary(items) == [
        ("article", "101", ""),
        ("error", "102", "the 'text' column is empty"),
        ("error", "103", "the 'comments' column is not a JSON list: Expecting value (char 0)"),
    ]
    assert [c.text for c in items[0].comments] == ["Nice"]
    assert items[0].meta == {"label": 1}


def test_unknown_label_is_kept_raw(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Body.", "label": "satire"}) + "\n", encoding="utf-8")
    (article,) = iter_dataset(path)
    assert article.meta == {"label": None, "label_raw": "satire"}


def test_folder(tmp_path):
    (tmp_path / "b.json").write_text('{"title": "From JSON", "text": "JSON body."}', encoding="utf-8")
    (tmp_path / "a.txt").write_text("From text\n\nText body.\n\n• Ann\n\n  Hi", encoding="utf-8")
    (tmp_path / "c.html").write_text("<html><body><p>HTML body text.</p></body></html>", encoding="utf-8")
    (tmp_path / "d.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    items = list(iter_dataset(tmp_path))
    # Sorted by file name; ids are file names; an unreadable file is a RowError; other suffixes are ignored.
    assert summary(items) == [
        ("article", "a.txt", "From text"),
        ("article", "b.json", "From JSON"),
        ("article", "c.html", ""),
        ("error", "d.txt", "the input is empty or holds only whitespace"),
    ]
    assert [c.author for c in items[0].comments] == ["Ann"]
    assert items[2].body == "HTML body text."


def test_huge_csv_field(tmp_path):
    # 300 kB is over the csv module's default field limit of 128 KiB.
    body = "word " * 60_000
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\n1,"{body}"\n2,short\n', encoding="utf-8")
    items = list(iter_dataset(path))
    assert [(a.id, len(a.body)) for a in items] == [("1", len(body.strip())), ("2", 5)]


def test_row_over_size_limit(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,text\n1,short\n2,much longer text\n", encoding="utf-8")
    items = list(iter_dataset(path, max_bytes=10))
    assert summary(items) == [
        ("article", "1", ""),
        ("error", "2", "the input is 16 bytes, over the limit of 10 bytes; pass a larger max_bytes to read it"),
    ]


def test_malformed_csv_line(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,text\n1,fine\n2,too,many,fields\n3,also fine\n", encoding="utf-8")
    assert summary(iter_dataset(path)) == [
        ("error", "2", "malformed line: 4 fields where the header has 2"),
        ("article", "1", ""),
        ("article", "3", ""),
    ]


def test_cp1252_csv(tmp_path):
    # Not UTF-8: the encoding is recognised from the file's first bytes.
    text = (
        "The café owner said “we will reopen next week”, and the mayor’s office confirmed the date. "  # noqa: RUF001
        "Residents welcomed the news after a long winter of closures on the high street."
    )
    path = tmp_path / "old.csv"
    path.write_bytes(f'id,text\n1,"{text}"\n'.encode("cp1252"))
    (article,) = iter_dataset(path)
    assert article.body == text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # The message names the columns found, so the user can pass text=.
        pytest.param(
            "a.csv",
            "id,content\n1,x\n",
            "a.csv has no 'text' column (columns found: 'id', 'content'); pass text= to name it",
            id="csv-missing-text",
        ),
        pytest.param(
            "a.jsonl",
            '{"body": "x"}\n',
            "a.jsonl has no 'text' column (columns found: 'body'); pass text= to name it",
            id="jsonl-missing-text",
        ),
        pytest.param(
            "a.xlsx",
            "",
            "cannot read a.xlsx as a dataset; pass format= one of csv, tsv, jsonl, parquet, folder",
            id="unknown-suffix",
        ),
        # pyarrow's own reason follows the prefix.
        pytest.param("a.parquet", "not parquet", "a.parquet cannot be read as Parquet: ", id="bad-parquet"),
    ],
)
def test_format_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        list(iter_dataset(path))
    assert info.value.message.startswith(message)


def test_format_override(tmp_path):
    # A CSV file with an unusual suffix reads when format= says what it is.
    path = tmp_path / "export.dat"
    path.write_text("text\nBody.\n", encoding="utf-8")
    assert [a.body for a in iter_dataset(path, format="csv")] == ["Body."]


def test_missing_path(tmp_path):
    with pytest.raises(InputError):
        list(iter_dataset(tmp_path / "nope.csv"))


def test_read_labelled(tmp_path):
    path = tmp_path / "train.csv"
    path.write_text(KAGGLE_CSV + "10,No label,,Some text.,\n11,Odd label,,More text.,satire\n", encoding="utf-8")
    articles, labels = read_labelled(path)
    # Row 8 has no text, rows 10 and 11 no usable label.
    assert [a.id for a in articles] == ["7", "9"]
    assert labels == [1, 0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1), (0, 0), (1.0, 1), ("1", 1), ("0", 0), (" 1 ", 1),
        ("fake", 1), ("FALSE", 1), ("unreliable", 1),
        ("real", 0), ("True", 0), ("reliable", 0), ("legit", 0),
        # Neither: unknown words, other numbers, missing values.
        ("satire", None), (2, None), ("", None), (None, None), (float("nan"), None),
    ],
)  # fmt: skip
def test_normalize_label(value, expected):
    assert normalize_label(value) == expected


def test_row_error_to_dict():
    assert RowError("3", "empty").to_dict() == {"id": "3", "reason": "empty"}
