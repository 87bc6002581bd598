"""Build the default pipeline from the shipped (or a given) model directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .components.reliability import Reliability
from .components.segment import Segmenter
from .errors import ModelError
from .models.reliability import ReliabilityModel
from .pipeline import Pipeline

#: Where ``newsaudit train`` writes, and ``load()`` reads, the shipped weights.
MODELS_DIR = Path(__file__).parent / "models" / "data"


def load_pipeline(model: Any = None, *, prior: float | None = None, evidence: bool = True) -> Pipeline:
    from .read import read

    directory = Path(model) if model is not None else MODELS_DIR / "reliability"
    if not directory.is_dir():
        raise ModelError(f"no reliability model at {directory}; run `newsaudit train reliability --data DIR`")
    reliability = Reliability(ReliabilityModel.load(directory), prior=prior, evidence=evidence)
    # Sentences serve the evidence; without it the segmenter would be wasted work.
    components = [Segmenter(), reliability] if evidence else [reliability]
    return Pipeline(components, reader=read)
