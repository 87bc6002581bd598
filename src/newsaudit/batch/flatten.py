"""A report as one flat row of scores, for CSV and Parquet output and :func:`newsaudit.audit_frame`.

The rule is generic, so parts added to the report later appear as columns
without a change here: nested mappings give dotted column names
(``reliability.label``), scalars are kept, and a list becomes its length
(``comments.count``: how many comments; ``claims.count``: how many claims).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The schema version is the same on every row; it stays in the JSONL output.
_DROP = frozenset({"schema"})
# These lead, in this order; the rest follow the report's own order.
_FIRST = ("id", "batch.source", "batch.row", "title", "url", "domain")


def flatten_report(report: Mapping[str, Any]) -> dict[str, Any]:
    """Flatten a report (or its ``to_dict()``) into ``{column: scalar}``.

    Examples
    --------
    >>> flatten_report({"schema": "newsaudit.report/1", "id": "7", "title": "T",
    ...                 "reliability": {"label": "reliable", "probability_unreliable": 0.1},
    ...                 "comments": [{"text": "a"}, {"text": "b"}]})
    {'id': '7', 'title': 'T', 'reliability.label': 'reliable', 'reliability.probability_unreliable': 0.1, 'comments.count': 2}
    """
    flat: dict[str, Any] = {}
    _flatten(report, "", flat)
    for key in _DROP:
        flat.pop(key, None)
    first = {k: flat.pop(k) for k in _FIRST if k in flat}
    return first | flat


def _flatten(data: Mapping[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(value, f"{name}.", out)
        elif isinstance(value, (list, tuple)):
            out[f"{name}.count"] = len(value)
        else:
            out[name] = value.item() if hasattr(value, "item") else value
