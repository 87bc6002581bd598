"""Save and load a model directory: ``config.json``, ``weights.npz`` and ``manifest.json``.

Nothing here unpickles: arrays load with ``allow_pickle=False`` and every file's
sha256 must match the manifest before any byte of it is parsed, so a changed or
truncated file fails loudly instead of giving silently different scores.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError, ModelIntegrityError

MODEL_FORMAT = "newsaudit.model/1"
CONFIG = "config.json"
WEIGHTS = "weights.npz"
MANIFEST = "manifest.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_model(directory: str | Path, config: dict[str, Any], arrays: dict[str, np.ndarray]) -> Path:
    """Write a model directory and its manifest; returns the directory.

    The ``.npz`` is written uncompressed with fixed member order, so the same
    arrays give the same bytes and the same hash.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, arr in arrays.items():
        if arr.dtype == object:
            raise ModelError(f"array {name!r} has dtype object, which cannot be stored without pickle")
    (directory / CONFIG).write_text(
        json.dumps(config, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with open(directory / WEIGHTS, "wb") as fh:
        np.savez(fh, **{k: arrays[k] for k in sorted(arrays)})
    manifest = {
        "format": MODEL_FORMAT,
        "files": {name: _sha256(directory / name) for name in (CONFIG, WEIGHTS)},
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return directory


def load_model(
    directory: str | Path, kind: str | None = None
) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, Any]]:
    """Check the manifest (and, given ``kind``, the config's ``kind``), then return ``(config, arrays, manifest)``.

    Raises
    ------
    ModelError
        The directory or one of its files is missing, the manifest is unreadable, or the model is not of ``kind``.
    ModelIntegrityError
        A file's sha256 differs from the manifest.
    """
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no model at {directory}: {MANIFEST} is missing") from None
    except ValueError as exc:
        raise ModelError(f"{directory / MANIFEST} is not valid JSON: {exc}") from None
    if manifest.get("format") != MODEL_FORMAT:
        raise ModelError(f"{directory} has model format {manifest.get('format')!r}, expected {MODEL_FORMAT!r}")
    for name, expected in manifest.get("files", {}).items():
        path = directory / name
        if not path.is_file():
            raise ModelError(f"model file {path} is missing")
        if _sha256(path) != expected:
            raise ModelIntegrityError(
                f"model file {path} does not match its sha256 in {MANIFEST}: it was modified or corrupted; "
                "reinstall newsaudit or rerun `newsaudit train`"
            )
    config = json.loads((directory / CONFIG).read_text(encoding="utf-8"))
    if kind is not None and config.get("kind") != kind:
        raise ModelError(f"{directory} holds a {config.get('kind')!r} model, not a {kind!r} model")
    with np.load(directory / WEIGHTS, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return config, arrays, manifest
