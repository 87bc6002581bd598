"""The report: plain data built from an :class:`~newsaudit.article.Article` after the pipeline ran.

The JSON form is stable and versioned (``"schema": "newsaudit.report/1"``): later
parts (quotes, claims, comment scores) are added as new keys, never by changing
the meaning of existing ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from .article import Article

SCHEMA = "newsaudit.report/1"


class Report(Mapping[str, Any]):
    """What newsaudit found about one article: a read-only mapping of plain data.

    ``report["reliability"]`` and friends index the parts; :meth:`to_dict` gives a
    JSON-ready copy. Parts a pipeline did not run are absent, not ``None``.
    """

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    @classmethod
    def from_article(cls, article: Article) -> Report:
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "domain": article.domain,
        }
        data.update(article.parts)
        if "comments" not in data:
            data["comments"] = [c.to_dict() for c in article.comments]
        return cls(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        rel = self._data.get("reliability") or {}
        return f"<Report {self._data.get('title')!r} reliability={rel.get('label')}>"

    def to_dict(self) -> dict[str, Any]:
        """A deep, JSON-serialisable copy of the report."""
        return json.loads(self.to_json())

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self._data, ensure_ascii=False, indent=indent, default=_jsonable)


def _jsonable(value: Any) -> Any:
    # numpy scalars and tuples (Span, Sentence) reach the report from components.
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "_asdict"):
        return value._asdict()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
