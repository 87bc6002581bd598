"""``source``: the reputation of the article's publisher in public domain lists."""

from __future__ import annotations

from ..article import Article
from ..sources.lookup import SourceTable


class Source:
    """Assigns ``article.parts["source"]`` from the article's URL (or ``meta["domain"]``).

    The part is ``{"domain", "known", "level", "ratings", "summary"}``; each rating
    names the list that gives it. Reported on its own: it does not change the
    reliability score (see MODEL_CARD.md, "Source reputation").
    """

    name = "source"
    requires = ("url",)
    assigns = ("source",)

    def __init__(self, table: SourceTable) -> None:
        self.table = table

    def __call__(self, article: Article) -> Article:
        where = article.url or article.meta.get("domain")
        article.parts["source"] = self.table.lookup(where if isinstance(where, str) else None)
        return article
