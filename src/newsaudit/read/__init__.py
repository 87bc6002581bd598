"""Readers: turn user input (text, HTML, JSON, a dataset) into :class:`~newsaudit.article.Article` objects.

One module per format; :func:`read` picks the reader by sniffing the input.
Heavy libraries (trafilatura, lxml, pandas, pyarrow) are imported only by the
reader that needs them, so importing this package stays cheap.
"""

from newsaudit.read.auto import read, read_path
from newsaudit.read.dataset import RowError, iter_dataset, normalize_label, read_labelled
from newsaudit.read.decode import DEFAULT_MAX_BYTES, decode
from newsaudit.read.html import read_html
from newsaudit.read.json import read_json
from newsaudit.read.sniff import sniff_format
from newsaudit.read.text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "RowError",
    "decode",
    "iter_dataset",
    "normalize_label",
    "read",
    "read_html",
    "read_json",
    "read_labelled",
    "read_path",
    "read_text",
    "sniff_format",
]
