"""Read one article from content or a file, picking the reader by format."""

from __future__ import annotations

import json as jsonlib
import os
from collections.abc import Mapping
from pathlib import Path

from newsaudit.article import Article
from newsaudit.errors import FormatError, InputError
from newsaudit.read import html, json, text
from newsaudit.read.decode import DEFAULT_MAX_BYTES, check_byte_size, decode
from newsaudit.read.sniff import FORMATS, sniff_format

_PARSERS = {"text": text.parse, "json": json.parse, "html": html.parse}


def read(
    source: str | bytes | os.PathLike[str],
    *,
    format: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read one article from its content or from a file.

    Parameters
    ----------
    source : str, bytes, dict or os.PathLike
        A ``str`` is the article's *content*, never a file name (use
        :func:`read_path` for a path given as a string); ``bytes`` are content to
        decode; a ``dict`` is parsed JSON (``{"title", "text", "url", "comments"}``);
        a :class:`pathlib.Path` is a file to read.
    format : {"text", "json", "html"} or None
        The input's format; ``None`` tells it from the file suffix, else from the
        content (see :func:`~newsaudit.read.sniff.sniff_format`).
    url : str or None
        Where the article was published, if known.
    max_bytes : int
        Largest accepted input size in bytes.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        The input is missing, empty, binary, undecodable, too large or malformed
        (the subclass says which).
    TypeError
        ``source`` is none of the accepted types.

    Examples
    --------
    >>> read('{"title": "Dam opens", "text": "The dam opened."}').title
    'Dam opens'
    >>> read("Dam opens\\n\\nThe dam opened on Friday.").body
    'The dam opened on Friday.'
    """
    if isinstance(source, os.PathLike):
        return read_path(source, format=format, url=url, max_bytes=max_bytes)
    if isinstance(source, Mapping):
        # Already-parsed JSON, e.g. a service request: {"title", "text", "url", "comments"}.
        check_byte_size(len(jsonlib.dumps(source, ensure_ascii=False, default=str).encode("utf-8")), max_bytes)
        return json.from_mapping(dict(source), url=url)
    if not isinstance(source, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"read() takes str content, bytes, a dict or a pathlib.Path, not {type(source).__name__}")
    content = decode(source, max_bytes)
    return _parse(content, format or sniff_format(content), url)


def read_path(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read one article from a file.

    Parameters
    ----------
    path : str or os.PathLike
        The file. Its suffix (``.txt``, ``.json``, ``.html``, ``.htm``) gives the
        format unless ``format`` is given; other suffixes are told from the content.
    format : {"text", "json", "html"} or None
        The file's format, overriding the suffix.
    url : str or None
        Where the article was published, if known.
    max_bytes : int
        Largest accepted file size in bytes, checked before the file is read.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        The file does not exist, or its content cannot be read as an article.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    check_byte_size(path.stat().st_size, max_bytes)
    content = decode(path.read_bytes(), max_bytes)
    return _parse(content, format or sniff_format(content, path.suffix), url)


def _parse(content: str, format: str, url: str | None) -> Article:
    if format not in _PARSERS:
        raise FormatError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    return _PARSERS[format](content, url=url)
