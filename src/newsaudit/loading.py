"""Build the default pipeline from the shipped (or given) models.

The default pipeline is a fixed order of named components; ``exclude`` leaves
some out (spaCy's habit). Each factory builds one component from the options
``load()`` was given, importing its module only when it is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .errors import ModelError
from .pipeline import Component, Pipeline

#: Where ``newsaudit train`` writes, and ``load()`` reads, the shipped weights.
MODELS_DIR = Path(__file__).parent / "models" / "data"


def _segment(options: dict[str, Any]) -> Component:
    from .components.segment import Segmenter

    return Segmenter()


def _reliability(options: dict[str, Any]) -> Component:
    from .components.reliability import Reliability
    from .models.reliability import ReliabilityModel

    model = options.get("model")
    directory = Path(model) if model is not None else MODELS_DIR / "reliability"
    if not directory.is_dir():
        raise ModelError(f"no reliability model at {directory}; run `newsaudit train reliability --data DIR`")
    return Reliability(ReliabilityModel.load(directory), prior=options.get("prior"), evidence=options["evidence"])


def _signals(options: dict[str, Any]) -> Component:
    from .components.signals import Signals
    from .signals.stance import StanceModel

    directory = MODELS_DIR / "stance"
    return Signals(StanceModel.load(directory) if directory.is_dir() else None)


def _source(options: dict[str, Any]) -> Component:
    from .components.source import Source
    from .sources.lookup import SourceTable

    directory = MODELS_DIR / "sources"
    if not directory.is_dir():
        raise ModelError(f"no source table at {directory}; run `newsaudit train sources --data DIR`")
    return Source(SourceTable.load(directory))


def _quotes(options: dict[str, Any]) -> Component:
    from .components.quotes import Quotes

    return Quotes()


def _claims(options: dict[str, Any]) -> Component:
    from .components.claims import Claims

    return Claims()


def _toxicity(options: dict[str, Any]) -> Component:
    from .components.toxicity import Toxicity
    from .models.toxicity import ToxicityModel

    directory = Path(options.get("toxicity_model") or MODELS_DIR / "toxicity")
    if not directory.is_dir():
        raise ModelError(f"no toxicity model at {directory}; run `newsaudit train toxicity --data DIR --teacher DIR`")
    return Toxicity(ToxicityModel.load(directory), thresholds=options.get("thresholds"))


#: Component name -> factory, in pipeline order.
FACTORIES: dict[str, Callable[[dict[str, Any]], Component]] = {
    "segment": _segment,
    "reliability": _reliability,
    "quotes": _quotes,
    "claims": _claims,
    "signals": _signals,
    "source": _source,
    "toxicity": _toxicity,
}


def load_pipeline(
    model: Any = None,
    *,
    prior: float | None = None,
    evidence: bool = True,
    exclude: Iterable[str] = (),
    **options: Any,
) -> Pipeline:
    """The default pipeline: every component in :data:`FACTORIES` order, less ``exclude``."""
    from .read import read

    skip = set(exclude)
    unknown = skip - set(FACTORIES)
    if unknown:
        raise ValueError(f"unknown component(s) {sorted(unknown)}; the pipeline has {list(FACTORIES)}")
    options.update(model=model, prior=prior, evidence=evidence)
    components = [FACTORIES[name](options) for name in FACTORIES if name not in skip]
    # Sentences serve evidence and claims; when nothing needs them, segmenting is wasted work.
    if not any("sentences" in c.requires for c in components):
        components = [c for c in components if c.name != "segment"]
    return Pipeline(components, reader=read)
