"""``reliability``: a calibrated probability that the article is unreliable, with exact evidence."""

from __future__ import annotations

import math

from ..article import Article
from ..models.reliability import ReliabilityModel


class Reliability:
    """Assigns ``article.parts["reliability"]`` from a :class:`ReliabilityModel`.

    Parameters
    ----------
    model : ReliabilityModel
    prior : float, optional
        Expected share of unreliable articles where the model is used; the logit
        is shifted by ``logit(prior) - logit(training prior)``.
    evidence : bool
        Explain each score (evidence sentences, phrases, signals). Without it the part
        holds only label, probability and logit, and :meth:`pipe` scores whole batches
        at once: the fast path for batch jobs.
    """

    name = "reliability"
    requires = ("sentences",)
    assigns = ("reliability",)

    def __init__(self, model: ReliabilityModel, *, prior: float | None = None, evidence: bool = True) -> None:
        self.model = model
        self.evidence = evidence
        # Evidence is reported per sentence; a bare score needs no sentences.
        self.requires = ("sentences",) if evidence else ()
        if prior is not None:
            if not 0.0 < prior < 1.0:
                raise ValueError(f"prior must be strictly between 0 and 1, got {prior}")
            train_prior = float((model.info or {}).get("train_prior", 0.5))
            shift = math.log(prior / (1 - prior)) - math.log(train_prior / (1 - train_prior))
            self.model = _shifted(model, shift)

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: list[Article]) -> list[Article]:
        if self.evidence:
            parts = self.model.explain_many(articles)
        else:
            parts = self.model.scores(articles)
        for article, part in zip(articles, parts):
            article.parts["reliability"] = part
        return articles


def _shifted(model: ReliabilityModel, shift: float) -> ReliabilityModel:
    from dataclasses import replace

    from ..models.calibration import Platt

    cal = Platt(model.calibration.scale, model.calibration.shift + shift)
    return replace(model, calibration=cal)
