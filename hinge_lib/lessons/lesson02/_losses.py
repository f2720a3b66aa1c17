"""The losses lesson 02 compares, as functions of the functional margin ``m = y f(x)``.

Each takes an array of margins (or a number) and returns losses of the same shape. The lesson
writes the same one-liners out in the notebook; these copies feed the view, the figures and the
exercises' checkers, and the tests check them against scikit-learn's own losses.
"""

from __future__ import annotations

import numpy as np


def zero_one(m):
    """1 for a mistake (``m <= 0``: a point on the boundary counts as a mistake), else 0."""
    return np.where(np.asarray(m, dtype=np.float64) <= 0.0, 1.0, 0.0)


def hinge(m):
    """``max(0, 1 - m)``: a convex upper bound of the 0-1 loss, exactly 0 once ``m >= 1``."""
    return np.maximum(0.0, 1.0 - np.asarray(m, dtype=np.float64))


def logistic(m):
    """``log2(1 + exp(-m))``: base 2, so that it equals 1 at ``m = 0``; never exactly 0."""
    return np.logaddexp(0.0, -np.asarray(m, dtype=np.float64)) / np.log(2.0)


def squared_error(m):
    """``(y - f)^2 = (1 - m)^2`` for labels in {-1, +1}: it punishes a point for being *too* right."""
    return (1.0 - np.asarray(m, dtype=np.float64)) ** 2


def expected_hinge(f, p):
    """Expected hinge of predicting score ``f`` where ``P(y = +1) = p``: ``p hinge(f) + (1 - p) hinge(-f)``.

    >>> expected_hinge(np.array([-1.0, 0.0, 1.0]), 0.75).tolist()   # 0.75 [2, 1, 0] + 0.25 [0, 1, 2]
    [1.5, 1.0, 0.5]
    """
    return p * hinge(f) + (1.0 - p) * hinge(-np.asarray(f, dtype=np.float64))
