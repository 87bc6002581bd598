"""The reliability evidence: which pieces and phrases are listed, and their report entries.

:meth:`~newsaudit.models.reliability.ReliabilityModel.explain_many` computes every
contribution for a whole batch; the choices here are batched too (one sort for all
the articles' pieces, a few array passes for all the listed pieces' phrases), so
what is left per article is building its dicts. A *piece* is a headline or a body
sentence, numbered across the batch; an article's headline piece comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..features.style import DESCRIPTIONS, NAMES


@dataclass
class Phrases:
    """The phrases shown for the listed pieces of a batch, piece after piece, strongest first.

    Flat lists rather than an object per phrase: what lives until the batch's reports
    are built is a handful of lists, not thousands of small containers for the garbage
    collector to walk.
    """

    at: list[int]  # per piece of the batch: the index of its first phrase; then the number of phrases
    start: list[int]  # where each phrase starts in its piece's text
    end: list[int]
    share: list[float]  # its contribution
    column: list[int]  # its pattern column, -1 for a word n-gram


def listed_pieces(
    sums: np.ndarray, present: np.ndarray, headline_piece: np.ndarray, doc_of_piece: np.ndarray, top: int
) -> list[list[int]]:
    """Per article, the pieces listed as evidence, by index within the article (0: the headline).

    The ``top`` pieces with the largest absolute contribution among those holding any
    feature (earlier first on ties), then the headline if it holds any and is not among them.
    """
    order = np.lexsort((-np.abs(sums), doc_of_piece))  # stable: ties stay in piece order
    order = order[present[order]]
    docs = doc_of_piece[order]
    rank = np.arange(len(order)) - docs.searchsorted(docs)  # place within its article
    chosen = order[rank < top]
    n_docs = len(headline_piece) - 1
    bounds = doc_of_piece[chosen].searchsorted(np.arange(n_docs + 1)).tolist()
    local = (chosen - headline_piece[doc_of_piece[chosen]]).tolist()
    headline_present = present[headline_piece[:-1]].tolist()
    listed = []
    for i in range(n_docs):
        pieces = local[bounds[i] : bounds[i + 1]]
        if headline_present[i] and 0 not in pieces:
            pieces.append(0)
        listed.append(pieces)
    return listed


def top_occurrences(share: np.ndarray, occurrences: np.ndarray, group_sizes: np.ndarray, k: int) -> np.ndarray:
    """For each group of ``occurrences`` (group after group, ``group_sizes`` each, none
    empty), its ``k`` occurrences with the largest ``|share|``, largest first, earlier in
    the group first on ties; -1 where it has fewer.
    """
    picks = np.full((len(group_sizes), k), -1, dtype=np.int64)
    if not len(group_sizes):
        return picks
    group_start = group_sizes.cumsum() - group_sizes
    group = np.arange(len(group_sizes)).repeat(group_sizes)
    size = np.abs(share.take(occurrences))
    for rank in range(k):
        # Each group's first occurrence at the group's maximum, then struck out for the next round.
        best = (size == np.maximum.reduceat(size, group_start).take(group)).nonzero()[0]
        best = best[_run_starts(group.take(best))]
        best = best[group_sizes.take(group.take(best)) > rank]  # a group with no occurrence left has none
        picks[group.take(best), rank] = occurrences.take(best)
        size[best] = -np.inf
    return picks


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Where a run of equal values starts."""
    starts = np.ones(len(values), dtype=bool)
    starts[1:] = values[1:] != values[:-1]
    return starts


def evidence_item(
    kind: str, text: str, span: tuple[int, int], source: str, total: float, phrases: Phrases, piece: int,
    pattern_names: list[str],
) -> dict[str, Any]:
    """The report entry of a listed headline (``kind="title"``) or sentence, with the phrases
    of its ``piece``.

    ``span`` is where ``text`` lies in ``source`` (the headline or the body).
    """
    start, end = span
    shown = []
    for j in range(phrases.at[piece], phrases.at[piece + 1]):
        s, e = start + phrases.start[j], start + phrases.end[j]
        phrase = {"text": source[s:e], "start": s, "end": e, "contribution": phrases.share[j]}
        if phrases.column[j] >= 0:
            phrase["pattern"] = pattern_names[phrases.column[j]]
        shown.append(phrase)
    field = "title" if kind == "title" else "body"
    return {
        "kind": kind, "field": field, "text": text, "start": start, "end": end, "contribution": total, "phrases": shown
    }


def signal_entries(values: list[float], contributions: list[float], order: list[int]) -> list[dict[str, Any]]:
    """The style signals of one article, largest absolute contribution first.

    ``values`` are the raw feature values rounded for display, in the order of
    :data:`~newsaudit.features.style.NAMES`; ``order`` sorts them for the report.
    """
    return [
        {"name": NAMES[j], "value": values[j], "description": _DESCRIPTIONS[j], "contribution": contributions[j]}
        for j in order
    ]


_DESCRIPTIONS = [DESCRIPTIONS[name] for name in NAMES]
