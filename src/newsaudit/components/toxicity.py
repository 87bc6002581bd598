"""``toxicity``: six scores, flags and spans for every comment, and a summary of the thread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..article import Article, Comment
from ..features.subwords import token_spans
from ..models.toxicity import Scored, ToxicityModel
from ..moderation.language import UNDETERMINED, language
from ..moderation.rules import BOOSTS
from ..moderation.thread import summarize

#: Spans listed per flagged head, at most.
MAX_SPANS = 3
#: A word is listed only if it adds more than this share of the strongest word's contribution.
SPAN_SHARE = 0.25


class Toxicity:
    """Scores the comments of each article; assigns ``comments`` and ``thread`` report parts.

    Parameters
    ----------
    model : ToxicityModel
    thresholds : mapping of head to probability, optional
        Override the model's per-head thresholds (chosen on held-out data).

    Each comment becomes ``{"id", "author", "text", "scores", "flags", "spans",
    "language", "scores_reliable"}``: ``spans[head]`` lists, for each flagged
    head, the words and rule matches that raised it most, with their
    contribution to its logit. Comments not in English keep their scores but
    ``scores_reliable`` is false: the model learned English.
    """

    name = "toxicity"
    requires: tuple[str, ...] = ()
    assigns = ("comments", "thread")

    def __init__(self, model: ToxicityModel, *, thresholds: Mapping[str, float] | None = None) -> None:
        self.model = model
        self.thresholds = dict(zip(model.heads, (float(t) for t in model.thresholds)))
        for head, value in (thresholds or {}).items():
            if head not in self.thresholds:
                raise ValueError(f"unknown head {head!r}; the heads are {list(model.heads)}")
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"threshold for {head} must be in [0, 1], got {value}")
            self.thresholds[head] = float(value)

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: list[Article]) -> list[Article]:
        # One scoring call for every comment of the batch.
        everything = [c for a in articles for c in a.comments]
        scored = self.score_comments(everything)
        start = 0
        for article in articles:
            mine = scored[start : start + len(article.comments)]
            start += len(article.comments)
            article.parts["comments"] = mine
            article.parts["thread"] = summarize(mine, self.model.heads)
        return articles

    def moderate(self, comments: Sequence[Comment]) -> dict[str, Any]:
        """Score comments without an article: ``{"comments": [...], "thread": {...}}``."""
        scored = self.score_comments(list(comments))
        return {"comments": scored, "thread": summarize(scored, self.model.heads)}

    def score_comments(self, comments: list[Comment]) -> list[dict[str, Any]]:
        model = self.model
        scored = model.score([c.text for c in comments])
        probs = 1.0 / (1.0 + np.exp(-scored.logits))
        thresholds = np.array([self.thresholds[h] for h in model.heads])
        flagged = probs >= thresholds
        out = []
        heads = model.heads
        rounded = probs.round(4).tolist()
        n_tokens = np.diff(scored.bounds).tolist()
        known = scored.known.tolist()
        for i, comment in enumerate(comments):
            lang = language(comment.text, n_tokens[i], known[i])
            flags = [h for h, f in zip(heads, flagged[i]) if f] if flagged[i].any() else []
            out.append(
                {
                    "id": comment.id,
                    "author": comment.author,
                    "text": comment.text,
                    "scores": dict(zip(heads, rounded[i])),
                    "flags": flags,
                    "spans": self._spans(scored, i, flags) if flags else {},
                    "language": lang,
                    "scores_reliable": lang in ("en", UNDETERMINED),
                }
            )
        return out

    def _spans(self, scored: Scored, i: int, flags: list[str]) -> dict[str, list[dict[str, Any]]]:
        text = scored.texts[i]
        contributions = self.model.token_contributions(scored, i)
        heads = list(self.model.heads)
        top = {h: np.argsort(-contributions[:, heads.index(h)], kind="stable")[:MAX_SPANS] for h in flags}
        # Offsets only as far as the last token a span needs.
        offsets = token_spans(text, 1 + max((int(k.max()) for k in top.values() if len(k)), default=-1))
        rules = scored.rules[i]
        out: dict[str, list[dict[str, Any]]] = {}
        for head in flags:
            j = heads.index(head)
            items = []
            # Rule matches first: a kind of rule adds its boost once, shared by its matches.
            for kind, boost in BOOSTS.items():
                if head not in boost:
                    continue
                matches = [m for m in rules if m.rule == kind]
                for m in matches:
                    items.append(
                        {
                            "start": m.start,
                            "end": m.end,
                            "text": text[m.start : m.end],
                            "contribution": round(boost[head] / len(matches), 4),
                            "rule": m.reason,
                        }
                    )
            strongest = contributions[top[head][0], j] if len(top[head]) else 0.0
            for k in top[head]:
                # Words that add little beside the strongest one explain nothing a reader needs.
                if contributions[k, j] <= SPAN_SHARE * strongest or k >= len(offsets):
                    break
                a, b = offsets[k]
                items.append(
                    {"start": a, "end": b, "text": text[a:b], "contribution": round(float(contributions[k, j]), 4)}
                )
            out[head] = items
        return out
