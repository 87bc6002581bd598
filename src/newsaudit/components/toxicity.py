"""``toxicity``: six scores, flags and spans for every comment, and a summary of the thread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..article import Article, Comment
from ..features.subwords import token_offsets
from ..models.toxicity import Scored, ToxicityModel
from ..moderation.language import UNDETERMINED, languages
from ..moderation.rules import BOOSTS, RuleMatch
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
        self._columns = {h: j for j, h in enumerate(model.heads)}

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
        heads = model.heads
        texts = [c.text for c in comments]
        scored = model.score(texts)
        probs = 1.0 / (1.0 + np.exp(-scored.logits))
        flagged = probs >= np.array([self.thresholds[h] for h in heads])
        any_flag = flagged.any(axis=1).tolist()
        rounded = probs.round(4).tolist()
        langs = languages(texts, np.diff(scored.bounds).tolist(), scored.known.tolist())
        strongest = model.strongest_tokens(scored, flagged, MAX_SPANS)
        out = []
        for i, comment in enumerate(comments):
            flags = [h for h, f in zip(heads, flagged[i].tolist()) if f] if any_flag[i] else []
            lang = langs[i]
            out.append(
                {
                    "id": comment.id,
                    "author": comment.author,
                    "text": comment.text,
                    "scores": dict(zip(heads, rounded[i])),
                    "flags": flags,
                    "spans": self._spans(scored, i, flags, strongest) if flags else {},
                    "language": lang,
                    "scores_reliable": lang in ("en", UNDETERMINED),
                }
            )
        return out

    def _spans(
        self, scored: Scored, i: int, flags: list[str], strongest: dict[tuple[int, int], tuple[list[int], list[float]]]
    ) -> dict[str, list[dict[str, Any]]]:
        text = scored.texts[i]
        listed = {}
        for head in flags:
            ks, values = strongest.get((i, self._columns[head]), ((), ()))
            # Words that add little beside the strongest one explain nothing a reader needs.
            listed[head] = [(k, v) for k, v in zip(ks, values) if v > SPAN_SHARE * values[0]]
        # Offsets only as far as the last token a span needs.
        last = max((k for pairs in listed.values() for k, _ in pairs), default=-1)
        offsets = token_offsets(text, scored.tokens[scored.bounds[i] : scored.bounds[i] + last + 1], last + 1)
        rules = scored.rules[i]
        out: dict[str, list[dict[str, Any]]] = {}
        for head in flags:
            items = self._rule_items(text, rules, head) if rules else []
            for k, value in listed[head]:
                if k >= len(offsets):
                    break
                a, b = offsets[k]
                items.append({"start": a, "end": b, "text": text[a:b], "contribution": round(value, 4)})
            out[head] = items
        return out

    @staticmethod
    def _rule_items(text: str, rules: Sequence[RuleMatch], head: str) -> list[dict[str, Any]]:
        """The rule matches that raised ``head``, first: a kind of rule adds its boost once, shared by its matches."""
        items = []
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
        return items
