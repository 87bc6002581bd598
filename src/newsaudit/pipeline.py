"""The pipeline: ordered, named components over one :class:`~newsaudit.article.Article`.

A component is a callable ``article -> article`` with a ``name``; it declares the
article attributes or report parts it ``requires`` and ``assigns`` so the
pipeline can refuse an order that cannot work. The CLI, the service and batch
jobs all call the same loaded pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any, Protocol

from .article import Article
from .errors import PipelineError
from .report import Report


class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...


@dataclass
class Pipeline:
    """Runs components in order and turns the result into a :class:`Report`.

    Examples
    --------
    >>> import newsaudit
    >>> nlp = newsaudit.load()
    >>> nlp.component_names
    ['segment', 'reliability', 'quotes', 'claims', 'signals', 'source', 'toxicity']
    >>> report = nlp("Officials said the bridge would reopen on Monday.")
    >>> report["reliability"]["label"] in {"reliable", "unreliable", "uncertain"}
    True
    """

    components: list[Component] = field(default_factory=list)
    reader: Callable[[Any], Article] | None = None

    def __post_init__(self) -> None:
        have: set[str] = {"body", "title", "comments", "url"}
        for comp in self.components:
            missing = [r for r in comp.requires if r not in have]
            if missing:
                raise PipelineError(
                    f"component {comp.name!r} requires {missing}, which no earlier component assigns"
                )
            have.update(comp.assigns)

    @property
    def component_names(self) -> list[str]:
        return [c.name for c in self.components]

    def get(self, name: str) -> Component:
        for comp in self.components:
            if comp.name == name:
                return comp
        raise KeyError(name)

    def make_article(self, item: Any) -> Article:
        """Accept an :class:`Article`, or anything the reader understands (text, dict, path)."""
        if isinstance(item, Article):
            return item
        if self.reader is None:
            raise PipelineError("this pipeline has no reader: pass Article objects")
        return self.reader(item)

    def run(self, article: Article) -> Article:
        """Run every component on ``article`` in place and return it."""
        for comp in self.components:
            result = comp(article)
            if result is None:
                raise PipelineError(f"component {comp.name!r} returned None instead of the article")
            article = result
        return article

    def __call__(self, item: Any) -> Report:
        return Report.from_article(self.run(self.make_article(item)))

    def pipe(self, items: Iterable[Any], batch_size: int = 64) -> Iterator[Report]:
        """Stream reports for many inputs; components with a ``pipe`` method get whole batches."""
        it = iter(items)
        while batch := [self.make_article(x) for x in islice(it, batch_size)]:
            for comp in self.components:
                batched = getattr(comp, "pipe", None)
                batch = list(batched(batch)) if batched else [comp(a) for a in batch]
            yield from (Report.from_article(a) for a in batch)

    def reports_or_errors(self, articles: list[Article]) -> list[Report | Exception]:
        """A report for each article, run as one batch; when the batch fails, each article runs again alone
        (from its input fields: the batch may have annotated it half-way), and those a component fails on
        give their exception instead, so one bad article costs only itself."""
        try:
            return list(self.pipe(articles, batch_size=max(len(articles), 1)))
        except Exception:  # noqa: BLE001  (retried one by one below)
            out: list[Report | Exception] = []
            for article in articles:
                try:
                    out.append(self(replace(article, sentences=[], parts={})))
                except Exception as exc:  # noqa: BLE001  (a component failing on one article must not fail the rest)
                    out.append(exc)
            return out
