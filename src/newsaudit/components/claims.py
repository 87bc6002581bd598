"""``claims``: check-worthy sentences with their source and flags (see :mod:`newsaudit.attribution.claims`)."""

from __future__ import annotations

from ..article import Article
from ..attribution.claims import find_claims


class Claims:
    """Assigns ``article.parts["claims"]``: a list of ``{"text", "start", "end", "attributed_to",
    "flags", "checkworthiness"}``, most check-worthy first. Uses ``article.parts["quotes"]``
    when the ``quotes`` component ran before it: only the writer's own words make a claim, and
    quoted words stay in ``report["quotes"]`` with their speakers.

    Examples
    --------
    >>> from newsaudit.components.segment import Segmenter
    >>> article = Claims()(Segmenter()(Article(body="Police said two people were injured on Monday.")))
    >>> [(c["attributed_to"], c["flags"]) for c in article.parts["claims"]]
    [('Police', [])]
    """

    name = "claims"
    requires = ("sentences",)
    assigns = ("claims",)

    def __call__(self, article: Article) -> Article:
        quotes = article.parts.get("quotes") or ()
        article.parts["claims"] = find_claims(article.body, article.sentences, quotes)
        return article
