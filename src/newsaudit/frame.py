"""``audit_frame``: audit a pandas DataFrame of articles, one row of scores per row."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .article import Article
from .batch.flatten import flatten_report

if TYPE_CHECKING:
    import pandas as pd

    from .pipeline import Pipeline

_pipeline: Pipeline | None = None


def audit_frame(
    df: pd.DataFrame,
    text: str = "text",
    title: str = "title",
    *,
    url: str | None = "url",
    pipeline: Pipeline | None = None,
    batch_size: int = 256,
) -> pd.DataFrame:
    """Audit each row of ``df`` and return its flattened scores, with the same index.

    Parameters
    ----------
    df : pandas.DataFrame
        One article per row.
    text, title : str
        The columns holding the article text and the headline (the title column may be absent).
    url : str or None
        The column holding the article's address (gives ``domain``), used when present.
    pipeline : Pipeline, optional
        Default: ``newsaudit.load(evidence=False)``, loaded once (scores without explanations).
    batch_size : int
        Articles per ``pipe()`` batch.

    Returns
    -------
    pandas.DataFrame
        Columns as in ``newsaudit batch`` CSV output (``title``, ``domain``,
        ``reliability.label``, ``reliability.probability_unreliable``, ...), plus
        ``error``: why a row could not be audited (empty text), else missing.

    Examples
    --------
    >>> import pandas as pd
    >>> import newsaudit
    >>> df = pd.DataFrame({"text": ["Officials said the bridge reopened on Monday.", ""]}, index=["a", "b"])
    >>> scores = newsaudit.audit_frame(df)
    >>> list(scores.index), scores.loc["b", "error"]
    (['a', 'b'], "the 'text' column is empty")
    >>> scores.loc["a", "reliability.label"] in {"reliable", "unreliable", "uncertain"}
    True
    """
    import pandas as pd

    if text not in df.columns:
        raise KeyError(f"no {text!r} column; the columns are {list(df.columns)}")
    nlp = pipeline or _default()
    titles = df[title] if title in df.columns else None
    urls = df[url] if url is not None and url in df.columns else None
    rows: list[dict[str, Any]] = [{} for _ in range(len(df))]
    articles, positions = [], []
    for i, body in enumerate(df[text]):
        body = _cell(body)
        if not body:
            rows[i] = {"error": f"the {text!r} column is empty"}
            continue
        articles.append(
            Article(
                body=body,
                title=_cell(titles.iloc[i]) if titles is not None else "",
                url=_cell(urls.iloc[i]) or None if urls is not None else None,
            )
        )
        positions.append(i)
    for i, report in zip(positions, nlp.pipe(articles, batch_size=batch_size)):
        flat = flatten_report(report.to_dict())
        flat.pop("id", None)  # the index says which row it is
        rows[i] = flat
    frame = pd.DataFrame(rows, index=df.index)
    if "error" not in frame.columns:
        frame["error"] = None
    return frame


def _default() -> Pipeline:
    global _pipeline
    if _pipeline is None:
        import newsaudit

        _pipeline = newsaudit.load(evidence=False)
    return _pipeline


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()
