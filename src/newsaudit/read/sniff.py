"""Tell which reader fits an input: from the file name when it says, else from the content."""

from __future__ import annotations

import re

FORMATS = ("text", "json", "html")

_SUFFIX_FORMATS = {".txt": "text", ".json": "json", ".html": "html", ".htm": "html"}
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<(?:body|article|p)[\s>]", re.IGNORECASE)
# Pages start with their markup; a text that quotes a tag further down stays text.
_HTML_SNIFF_CHARS = 1024


def sniff_format(text: str, suffix: str = "") -> str:
    """Return ``"text"``, ``"json"`` or ``"html"`` for an input.

    Parameters
    ----------
    text : str
        The decoded input.
    suffix : str
        The file's suffix (``".html"``), if the input came from a file.

    Returns
    -------
    str
        The format the suffix names; else ``"json"`` when the text starts with
        ``{``, ``"html"`` when its first kilobyte holds a doctype or an ``<html>``,
        ``<body>``, ``<article>`` or ``<p>`` tag, and ``"text"`` otherwise.

    Examples
    --------
    >>> sniff_format('  {"text": "..."}'), sniff_format("<p>Hi</p>"), sniff_format("Hi"), sniff_format("", ".htm")
    ('json', 'html', 'text', 'html')
    """
    if suffix.lower() in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[suffix.lower()]
    if text.lstrip().startswith("{"):
        return "json"
    if _HTML_START.search(text, 0, _HTML_SNIFF_CHARS):
        return "html"
    return "text"
