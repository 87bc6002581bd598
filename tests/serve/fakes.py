"""Fakes for the service tests: pipelines with fixed output, a slow one, one with a comment model.

Imported by the tests as ``serve.fakes`` (``tests`` is on the path).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from newsaudit.article import Article, Comment
from newsaudit.pipeline import Pipeline
from newsaudit.read import read

RELIABILITY = {
    "label": "reliable",
    "probability_unreliable": 0.2,
    "evidence": [{"kind": "sentence", "field": "body", "text": "x", "start": 0, "end": 1, "contribution": -0.5}],
}


class FixedReliability:
    """Assigns a fixed reliability part; ``delay`` seconds of work, or waits for ``release`` when given."""

    name = "reliability"
    requires: tuple[str, ...] = ()
    assigns = ("reliability",)

    def __init__(self, delay: float = 0.0, release: threading.Event | None = None) -> None:
        self.delay = delay
        self.release = release
        self.started = threading.Event()
        self.calls = 0

    def __call__(self, article: Article) -> Article:
        self.calls += 1
        self.started.set()
        if self.release is not None:
            self.release.wait(10)
        time.sleep(self.delay)
        article.parts["reliability"] = dict(RELIABILITY)
        return article


class FakeToxicity:
    """The comment model's interface: a component named "toxicity" with ``moderate``."""

    name = "toxicity"
    requires: tuple[str, ...] = ()
    assigns = ("thread",)

    def __call__(self, article: Article) -> Article:
        article.parts["thread"] = self.moderate(article.comments)["thread"]
        return article

    def moderate(self, comments: list[Comment]) -> dict[str, Any]:
        scored = [
            {**c.to_dict(), "scores": {"toxicity": 0.9 if "idiot" in c.text else 0.1}} for c in comments
        ]
        flagged = sum(s["scores"]["toxicity"] >= 0.5 for s in scored)
        return {"comments": scored, "thread": {"comments": len(scored), "flagged": flagged}}


def fake_pipeline(*components: Any) -> Pipeline:
    return Pipeline(list(components) or [FixedReliability()], reader=read)
