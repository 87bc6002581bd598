"""Rebuild the shipped models from ``../shared/data`` (needs the ``train`` extra: scikit-learn)."""
