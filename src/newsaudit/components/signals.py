"""``signals``: style and sourcing signals, each with a name, a value and a sentence a person understands."""

from __future__ import annotations

from functools import lru_cache

from ..article import Article
from ..signals import sourcing
from ..signals.base import Signal, Text
from ..signals.headline import headline_signals
from ..signals.language import counted_words, language_signals
from ..signals.readability import readability_signals
from ..signals.sourcing import sourcing_signals
from ..signals.stance import StanceModel, has_stance_inputs, stance_signals


class Signals:
    """Assigns ``article.parts["signals"]``: a list of ``{"name", "value", "flagged", "explanation"}``.

    Uses ``article.sentences`` and the ``claims`` part when earlier components
    assigned them, and counts for itself otherwise. ``stance`` is the
    headline–body model; ``None`` leaves the mismatch signal out.

    Examples
    --------
    >>> from newsaudit.article import Article
    >>> a = Signals(stance=None)(Article(title="WOW!!", body="You must read this! It is AMAZING."))
    >>> [s["name"] for s in a.parts["signals"] if s["flagged"]]
    ['headline_punctuation', 'exclamation_marks', 'direct_address']
    """

    name = "signals"
    requires: tuple[str, ...] = ()
    assigns = ("signals",)

    def __init__(self, stance: StanceModel | None = None) -> None:
        self.stance = stance

    def __call__(self, article: Article) -> Article:
        article.parts["signals"] = self.compute(article)
        return article

    def compute(self, article: Article) -> list[Signal]:
        body = article.body
        # One lower-casing, one tokenisation and one count of the words serve every signal. The stance
        # model reads every word; without it, only the words the other signals look up are counted.
        compares_stance = self.stance is not None and has_stance_inputs(article.title, body)
        text = Text.of(body, None if compares_stance else _looked_up_words())
        lower, utf8, tokens, counts = text.lower, text.utf8, text.tokens, text.counts
        n_sentences = len(article.sentences) if article.sentences else None
        claims = article.parts.get("claims")
        out = headline_signals(article.title)
        if compares_stance:
            out += stance_signals(article.title, body, self.stance, lower, counts, tokens, utf8)
        out += sourcing_signals(body, n_sentences or _count_sentences(body),
                                claims if isinstance(claims, list) else None, lower, counts, utf8)
        out += language_signals(body, counts, len(tokens), lower, utf8)
        out += readability_signals(lower, len(tokens), n_sentences, utf8)
        return out


def _count_sentences(body: str) -> int:
    return sum(body.count(c) for c in ".!?") or (1 if body.strip() else 0)


@lru_cache(maxsize=1)
def _looked_up_words() -> frozenset[str]:
    """The words whose counts the language and sourcing signals look up."""
    return counted_words() | sourcing.COUNTED_WORDS
