"""Read one article given as a JSON object.

The layout::

    {"title": "...", "text": "...", "url": "...",
     "comments": [{"author": "...", "text": "..."}, "a comment given as a plain string"]}

``body`` is accepted in place of ``text``; other keys go to ``Article.meta``.
"""

from __future__ import annotations

import json
from typing import Any

from newsaudit.article import Article, Comment
from newsaudit.errors import EmptyInputError, FormatError
from newsaudit.read.decode import DEFAULT_MAX_BYTES, decode, normalize_newlines

_TEXT_KEYS = ("text", "body")
_KNOWN_KEYS = {"title", "url", "comments", "id", *_TEXT_KEYS}


def read_json(source: str | bytes, *, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read an article from a JSON object with ``title``, ``text``, ``url`` and ``comments``.

    Parameters
    ----------
    source : str or bytes
        The JSON document itself (not a file path).
    url : str or None
        Where the article was published; overrides the document's ``url``.
    max_bytes : int
        Largest accepted input size in bytes.

    Returns
    -------
    Article

    Raises
    ------
    FormatError
        The input is not valid JSON, not an object, or a field has the wrong type.
    EmptyInputError
        The object has no ``text`` (or ``body``), or it is blank.

    Examples
    --------
    >>> a = read_json('{"title": "Dam opens", "text": "The dam opened.", "comments": ["Finally!"]}')
    >>> a.title, a.body, a.comments[0].text
    ('Dam opens', 'The dam opened.', 'Finally!')
    """
    return parse(decode(source, max_bytes), url=url)


def parse(text: str, *, url: str | None = None) -> Article:
    """Build an :class:`Article` from decoded JSON text (see :func:`read_json`).

    Parameters
    ----------
    text : str
        Text already checked by :func:`~newsaudit.read.decode.decode`.
    url : str or None
        Where the article was published; overrides the document's ``url``.

    Returns
    -------
    Article
    """
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"the input is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno} (char {exc.pos})"
        ) from exc
    if not isinstance(obj, dict):
        raise FormatError(f"the JSON input must be an object with a 'text' field, not {_json_type(obj)}")
    return from_mapping(obj, url=url)


def from_mapping(obj: dict[str, Any], *, url: str | None = None) -> Article:
    """Build the article from a parsed object (or a dict given by a caller); ``url`` overrides ``obj["url"]``."""
    key = next((k for k in _TEXT_KEYS if obj.get(k) is not None), None)
    if key is None:
        raise EmptyInputError(f"the JSON object has no 'text' field (fields found: {_names(obj)})")
    body = normalize_newlines(_string(obj, key)).strip()
    if not body:
        raise EmptyInputError(f"the JSON object's '{key}' field is empty")
    return Article(
        body=body,
        title=_string(obj, "title").strip(),
        url=url or _string(obj, "url").strip() or None,
        comments=parse_comments(obj.get("comments")),
        id=None if obj.get("id") is None else str(obj["id"]),
        meta={k: v for k, v in obj.items() if k not in _KNOWN_KEYS},
    )


def parse_comments(value: Any) -> list[Comment]:
    """Turn a JSON ``comments`` value into :class:`Comment` objects, skipping blank ones.

    Parameters
    ----------
    value : list or None
        Each item is a string (the text) or an object with ``text`` (or ``body``)
        and optional ``author`` and ``id``.

    Returns
    -------
    list of Comment

    Raises
    ------
    FormatError
        ``value`` is not a list, or an item is neither a string nor an object.
    """
    if value is None:
        return []
    if not isinstance(value, list):
        raise FormatError(f"'comments' must be a list, not {_json_type(value)}")
    comments = []
    for n, item in enumerate(value):
        if isinstance(item, str):
            item = {"text": item}
        elif not isinstance(item, dict):
            raise FormatError(f"comment {n} must be a string or an object, not {_json_type(item)}")
        text = normalize_newlines(_string(item, "text") or _string(item, "body")).strip()
        if not text:
            continue
        author = _string(item, "author").strip() or None
        comment_id = None if item.get("id") is None else str(item["id"])
        comments.append(Comment(text=text, author=author, id=comment_id))
    return comments


def _string(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FormatError(f"'{key}' must be a string, not {_json_type(value)}")
    return value


def _names(obj: dict[str, Any]) -> str:
    return ", ".join(map(repr, obj)) or "none"


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
