"""Classification losses written as functions of the functional margin ``m = y f(x)``.

These are what the lessons plot side by side: the 0-1 loss the others stand in for,
the hinge, the squared hinge, the logistic loss, squared error, and smooth hinges.
Each takes an array of margins and returns an array of losses of the same shape.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr  # standard normal CDF


def _m(m):
    return np.asarray(m, dtype=np.float64)


def zero_one(m):
    """1 for a mistake (``m <= 0``; a point on the boundary counts as a mistake), else 0."""
    return (_m(m) <= 0).astype(np.float64)


def hinge(m):
    """``max(0, 1 - m)``: a convex upper bound of the 0-1 loss."""
    return np.maximum(0.0, 1.0 - _m(m))


def squared_hinge(m):
    """``max(0, 1 - m) ** 2``."""
    return hinge(m) ** 2


def logistic(m, *, base2=True):
    """``log(1 + exp(-m))``; in base 2 (default) it equals 1 at ``m = 0`` and bounds the 0-1 loss."""
    out = np.logaddexp(0.0, -_m(m))
    return out / np.log(2.0) if base2 else out


def squared_error(m):
    """``(y - f)^2 = (1 - m)^2`` for labels in {-1, +1}: it also punishes being *too* right."""
    return (1.0 - _m(m)) ** 2


def smooth_hinge(m):
    """Rennie and Srebro's smooth hinge: ``1/2 - m`` (m <= 0), ``(1 - m)^2 / 2`` (0 < m < 1), 0 (m >= 1)."""
    m = _m(m)
    return np.where(m <= 0, 0.5 - m, np.where(m < 1, 0.5 * (1.0 - m) ** 2, 0.0))


def modified_huber(m):
    """scikit-learn's ``modified_huber``: ``-4 m`` (m < -1), ``(1 - m)^2`` (-1 <= m < 1), 0 (m >= 1)."""
    m = _m(m)
    return np.where(m < -1, -4.0 * m, np.where(m < 1, (1.0 - m) ** 2, 0.0))


def gaussian_smooth_hinge(m, sigma=0.5):
    """psi_G of Luo, Qiao and Zhang (arXiv 2103.00233): ``a Phi(a/sigma) + sigma phi(a/sigma)``, ``a = 1 - m``.

    Converges uniformly to the hinge as ``sigma -> 0`` (the gap is at most ``sigma / sqrt(2 pi)``).
    """
    a = 1.0 - _m(m)
    z = a / sigma
    return a * ndtr(z) + sigma * np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi)


def sqrt_smooth_hinge(m, sigma=0.5):
    """psi_M of Luo, Qiao and Zhang: ``(a + sqrt(a^2 + sigma^2)) / 2`` with ``a = 1 - m`` (gap <= sigma / 2)."""
    a = 1.0 - _m(m)
    return 0.5 * (a + np.sqrt(a * a + sigma * sigma))
