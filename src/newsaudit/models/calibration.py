"""Platt scaling: a calibrated logit is ``scale * raw_logit + shift``.

Platt scaling keeps the model linear, so every feature's contribution, multiplied
by ``scale``, still adds up exactly to the calibrated logit; isotonic regression
would not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def sigmoid(z: np.ndarray | float) -> np.ndarray | float:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z)))


@dataclass(frozen=True)
class Platt:
    """``p = sigmoid(scale * z + shift)``.

    Examples
    --------
    >>> cal = Platt.fit(np.array([-2.0, -1.0, 1.0, 2.0]), np.array([0, 0, 1, 1]))
    >>> bool(cal.scale > 0)
    True
    """

    scale: float = 1.0
    shift: float = 0.0

    @classmethod
    def fit(cls, z: np.ndarray, y: np.ndarray, *, l2: float = 1e-3, iterations: int = 100) -> Platt:
        """Maximum-likelihood fit by Newton's method, with Platt's smoothed targets."""
        z = np.asarray(z, dtype=float)
        y = np.asarray(y, dtype=float)
        n1, n0 = y.sum(), len(y) - y.sum()
        t = np.where(y > 0, (n1 + 1) / (n1 + 2), 1 / (n0 + 2))
        a, b = 1.0, 0.0
        for _ in range(iterations):
            p = sigmoid(a * z + b)
            w = np.maximum(p * (1 - p), 1e-12)
            g = np.array([((p - t) * z).sum() + l2 * a, (p - t).sum()])
            h = np.array([[(w * z * z).sum() + l2, (w * z).sum()], [(w * z).sum(), w.sum()]])
            step = np.linalg.solve(h, g)
            a, b = a - step[0], b - step[1]
            if np.abs(step).max() < 1e-10:
                break
        return cls(float(a), float(b))

    def logit(self, z):
        return self.scale * np.asarray(z) + self.shift

    def __call__(self, z):
        return sigmoid(self.logit(z))
