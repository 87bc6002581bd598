"""A summary of a comment thread from its scored comments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: How many of the most severe comments the summary lists.
MOST_SEVERE = 3


def summarize(comments: Sequence[Mapping[str, Any]], heads: Sequence[str]) -> dict[str, Any]:
    """Counts per flag, share flagged, the most severe comments and the authors of flagged ones.

    ``comments`` are scored comment dicts (``scores``, ``flags``, ``author``, ``id``, ``text``).

    >>> thread = summarize(
    ...     [{"author": "a", "id": "1", "text": "you idiot", "scores": {"insult": 0.9}, "flags": ["insult"]},
    ...      {"author": "b", "id": "2", "text": "fair point", "scores": {"insult": 0.1}, "flags": []}],
    ...     ["insult"])
    >>> thread["flagged"], thread["share_flagged"], thread["flagged_authors"]
    (1, 0.5, [{'author': 'a', 'flagged_comments': 1}])
    """
    per_flag = {head: 0 for head in heads}
    authors: dict[str, int] = {}
    flagged = 0
    for comment in comments:
        if comment["flags"]:
            flagged += 1
            author = comment.get("author") or "(anonymous)"
            authors[author] = authors.get(author, 0) + 1
        for head in comment["flags"]:
            per_flag[head] += 1

    def severity(index: int) -> float:
        return max(comments[index]["scores"].values(), default=0.0)

    ranked = sorted((i for i in range(len(comments)) if comments[i]["flags"]), key=severity, reverse=True)
    most_severe = []
    for i in ranked[:MOST_SEVERE]:
        scores = comments[i]["scores"]
        head = max(scores, key=scores.__getitem__)
        most_severe.append(
            {
                "index": i,
                "id": comments[i].get("id"),
                "author": comments[i].get("author"),
                "head": head,
                "score": scores[head],
                "text": _excerpt(comments[i]["text"]),
            }
        )
    return {
        "comments": len(comments),
        "flagged": flagged,
        "share_flagged": round(flagged / len(comments), 4) if comments else 0.0,
        "per_flag": per_flag,
        "most_severe": most_severe,
        "flagged_authors": [
            {"author": a, "flagged_comments": n} for a, n in sorted(authors.items(), key=lambda x: (-x[1], x[0]))
        ],
    }


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
