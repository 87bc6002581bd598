"""Turn a request body into an :class:`~newsaudit.article.Article` or a list of comments.

Kept apart from the web framework so it can be tested (and reused) without it.
Every problem is a typed :class:`~newsaudit.errors.InputError`, which the app
answers with a 4xx JSON error carrying its code.
"""

from __future__ import annotations

import json
from typing import Any

from newsaudit.article import Article, Comment
from newsaudit.errors import FormatError
from newsaudit.read import read
from newsaudit.read.json import parse_comments

#: Request content types and the reader format each one selects.
CONTENT_FORMATS = {"application/json": "json", "text/plain": "text", "text/html": "html"}


def media_type(content_type: str | None) -> str:
    """The bare media type of a ``Content-Type`` header, lower-cased; JSON when absent.

    >>> media_type("text/plain; charset=utf-8")
    'text/plain'
    >>> media_type(None)
    'application/json'
    """
    if not content_type:
        return "application/json"
    return content_type.partition(";")[0].strip().lower()


def parse_json_object(body: bytes) -> dict[str, Any]:
    """Parse a JSON request body that must be an object.

    >>> parse_json_object(b'{"text": "x"}')
    {'text': 'x'}
    >>> parse_json_object(b'{"text": ')
    Traceback (most recent call last):
    ...
    newsaudit.serve.inputs.MalformedBody: [E015] the request body is not valid JSON: Expecting value at line 1, column 10
    """
    try:
        obj = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "it is not UTF-8"
        raise MalformedBody(f"the request body is not valid JSON: {reason}{where}") from None
    if not isinstance(obj, dict):
        raise FormatError(f"the request body must be a JSON object, not {type(obj).__name__}")
    return obj


def article_from_request(
    body: bytes, content_type: str | None, *, url: str | None = None, max_bytes: int
) -> Article:
    """Read the article a ``POST /v1/audit`` request carries.

    Parameters
    ----------
    body : bytes
        The request body.
    content_type : str or None
        Its ``Content-Type``. JSON is ``{"text" | "html", "title"?, "url"?,
        "comments"?}``; ``text/plain`` is text as copied from a page (headline,
        body, comment section), ``text/html`` a saved page.
    url : str or None
        The ``url`` query parameter; it overrides the body's.
    max_bytes : int
        Largest article accepted by the readers.

    Returns
    -------
    Article

    Examples
    --------
    >>> a = article_from_request(b'{"html": "<p>The dam opened.</p>", "title": "Dam"}', None, max_bytes=10_000)
    >>> a.title, a.body
    ('Dam', 'The dam opened.')
    """
    kind = media_type(content_type)
    if kind not in CONTENT_FORMATS:
        raise UnsupportedMediaType(
            f"cannot read a {kind} body; send application/json, text/plain or text/html"
        )
    if kind != "application/json":
        return read(body, format=CONTENT_FORMATS[kind], url=url, max_bytes=max_bytes)
    obj = parse_json_object(body)
    if obj.get("html") is None:
        return read(obj, url=url, max_bytes=max_bytes)
    if not isinstance(obj["html"], str):
        raise FormatError("'html' must be a string")
    page_url = url or _optional_string(obj, "url")
    article = read(obj["html"], format="html", url=page_url, max_bytes=max_bytes)
    # What the caller states wins over what the page says.
    if title := _optional_string(obj, "title"):
        article.title = title.strip()
    if obj.get("comments") is not None:
        article.comments = parse_comments(obj["comments"])
    if obj.get("id") is not None:
        article.id = str(obj["id"])
    return article


def comments_from_request(body: bytes, content_type: str | None) -> list[Comment]:
    """Read the comments a ``POST /v1/comments`` request carries: ``{"comments": [{"text", "author"?, "id"?}]}``.

    >>> [c.text for c in comments_from_request(b'{"comments": [{"text": "Hi"}, "Bye"]}', "application/json")]
    ['Hi', 'Bye']
    """
    kind = media_type(content_type)
    if kind != "application/json":
        raise UnsupportedMediaType(f"cannot read a {kind} body; send application/json")
    obj = parse_json_object(body)
    if "comments" not in obj:
        raise FormatError(f"the request has no 'comments' list (fields found: {', '.join(map(repr, obj)) or 'none'})")
    return parse_comments(obj["comments"])


class MalformedBody(FormatError):
    """The request body is not valid JSON (answered 400)."""


class UnsupportedMediaType(FormatError):
    """The request's ``Content-Type`` is not one the endpoint reads (answered 415)."""


def _optional_string(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FormatError(f"'{key}' must be a string")
    return value
