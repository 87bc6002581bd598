"""``quotes``: direct quotations with their speakers (see :mod:`newsaudit.attribution.quotes`)."""

from __future__ import annotations

from ..article import Article
from ..attribution.quotes import find_quotes


class Quotes:
    """Assigns ``article.parts["quotes"]``: a list of ``{"text", "speaker", "speaker_start",
    "speaker_end", "verb", "start", "end"}``, offsets into ``article.body``, in text order.

    Examples
    --------
    >>> from newsaudit.components.segment import Segmenter
    >>> article = Quotes()(Segmenter()(Article(body="“We will reopen the port soon,” the mayor said.")))
    >>> [(q["text"], q["speaker"]) for q in article.parts["quotes"]]
    [('We will reopen the port soon,', 'the mayor')]
    """

    name = "quotes"
    requires = ("sentences",)
    assigns = ("quotes",)

    def __call__(self, article: Article) -> Article:
        starts = [s.start for s in article.sentences]
        article.parts["quotes"] = find_quotes(article.body, starts)
        return article
