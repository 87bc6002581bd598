"""newsaudit: audit a news article and its comment section, offline, on a CPU.

>>> import newsaudit
>>> report = newsaudit.audit("Council approves budget\\n\\nThe city council approved the budget on Monday, officials said.")
>>> report["schema"]
'newsaudit.report/1'

Importing the package is cheap: numpy, the models, the web server and Dask load
only when first used.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .article import Article, Comment, Sentence, Span
from .errors import InputError, ModelError, NewsauditError
from .report import SCHEMA, Report

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Article",
    "Comment",
    "InputError",
    "ModelError",
    "NewsauditError",
    "Report",
    "Sentence",
    "Span",
    "__version__",
    "audit",
    "audit_frame",
    "load",
]

if TYPE_CHECKING:
    from .pipeline import Pipeline

_default: Pipeline | None = None


def load(
    model: Any = None,
    *,
    prior: float | None = None,
    evidence: bool = True,
    exclude: Iterable[str] = (),
    **options: Any,
) -> Pipeline:
    """Load the default pipeline (``segment``, ``reliability`` and the parts after them).

    Parameters
    ----------
    model : path, optional
        A reliability model directory written by ``newsaudit train``; the shipped one by default.
    prior : float, optional
        The share of unreliable articles you expect where you deploy it. Probabilities
        are shifted from the training prior to this one (the logit moves by the
        difference of the two prior log-odds), which keeps evidence exact.
    evidence : bool
        ``False`` skips the explanation (label and probability only) and scores
        ``pipe()`` batches vectorised: several times faster, for batch jobs.
    exclude : iterable of str
        Names of components to leave out, e.g. ``exclude=["toxicity"]``.
    **options
        Passed to the component factories (see :mod:`newsaudit.loading`).
    """
    from .loading import load_pipeline

    return load_pipeline(model, prior=prior, evidence=evidence, exclude=exclude, **options)


def audit_frame(df: Any, text: str = "text", title: str = "title", **options: Any) -> Any:
    """Audit each row of a pandas DataFrame; a DataFrame of flattened scores with the same index.

    See :func:`newsaudit.frame.audit_frame` (pandas loads only when this is called).
    """
    from .frame import audit_frame as _audit_frame

    return _audit_frame(df, text, title, **options)


def audit(item: Any) -> Report:
    """Audit one article (text, HTML, JSON, dict or :class:`Article`) with the default pipeline."""
    global _default
    if _default is None:
        _default = load()
    return _default(item)
