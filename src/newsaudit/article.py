"""The document that flows through the pipeline: an :class:`Article` and its :class:`Comment`\\ s.

Readers build an ``Article``; each pipeline component reads what earlier ones
assigned and adds its own part under ``article.parts[name]``. Character offsets
in the report are offsets into ``article.title`` or ``article.body`` (the
``field`` of each item says which), so a user can highlight them in the text
they gave us.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlsplit


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` into a text field."""

    start: int
    end: int


class Sentence(NamedTuple):
    """A sentence of the body: its range and its text (``body[start:end]``)."""

    start: int
    end: int
    text: str


@dataclass
class Comment:
    """One reader comment: who wrote it and what they wrote."""

    text: str
    author: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "author": self.author, "text": self.text}


@dataclass
class Article:
    """A news article with its comment section.

    Parameters
    ----------
    body : str
        The article text, without its title or comments.
    title : str
        The headline; empty when unknown.
    url : str or None
        Where the article was published, if known; gives :attr:`domain`.
    comments : list of Comment
        The reader comments, in page order.
    id : str or None
        An identifier carried through batch jobs (dataset ``id`` column).
    meta : dict
        Anything else a reader found (author, label of a dataset row, ...).

    Examples
    --------
    >>> a = Article(body="The council met on Monday.", title="Council meets")
    >>> a.domain is None
    True
    """

    body: str
    title: str = ""
    url: str | None = None
    comments: list[Comment] = field(default_factory=list)
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # Assigned by pipeline components.
    sentences: list[Sentence] = field(default_factory=list)
    parts: dict[str, Any] = field(default_factory=dict)

    @property
    def domain(self) -> str | None:
        """The host of :attr:`url` without ``www.``, lower-cased; ``None`` when no URL."""
        if not self.url:
            return None
        url = self.url if "//" in self.url else "//" + self.url
        host = (urlsplit(url).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        return host or None
