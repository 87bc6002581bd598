"""Model files as plain data: JSON configuration, ``.npz`` arrays, and a sha256 manifest."""

from .store import MODEL_FORMAT, load_model, save_model

__all__ = ["MODEL_FORMAT", "load_model", "save_model"]
