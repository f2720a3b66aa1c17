"""Classification losses written as functions of the functional margin ``m = y f(x)``.

These are what the lessons plot side by side: the 0-1 loss the others stand in for,
the hinge, the squared hinge, the logistic loss, squared error, and smooth hinges.
Each takes an array of margins and returns an array of losses of the same shape.
"""

from __future__ import annotations

from typing import NamedTuple

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


# --------------------------------------------------------------------------- probabilities


def expected_loss(loss, scores, p):
    """Expected loss of predicting score ``f`` when ``P(y = +1) = p``: ``p loss(f) + (1 - p) loss(-f)``.

    ``loss`` is a function of the margin (``hinge``, ``logistic``, ...); ``scores`` an array of
    candidate scores. The score that minimises this for a given ``p`` is what a classifier trained
    with the loss learns to output where the true class probability is ``p``.

    >>> expected_loss(hinge, [-1.0, 0.0, 1.0], 0.75).tolist()   # 0.75 * [2, 1, 0] + 0.25 * [0, 1, 2]
    [1.5, 1.0, 0.5]
    """
    if not 0.0 <= float(p) <= 1.0:
        raise ValueError(f"p is a probability and must lie in [0, 1]; got {p}.")
    f = _m(scores)
    return p * loss(f) + (1.0 - p) * loss(-f)


def expected_loss_minimiser(loss, p, scores):
    """The score on the grid ``scores`` with the smallest :func:`expected_loss` (the first one if tied).

    >>> float(expected_loss_minimiser(hinge, 0.8, np.linspace(-3, 3, 601)))   # sign(2p - 1)
    1.0
    """
    f = _m(scores)
    return f[np.argmin(expected_loss(loss, f, p))]


class HingeCase(NamedTuple):
    """One point's hinge loss, as lesson 02's widget shows it."""

    score: float  # f(x)
    y: float  # label in {-1, +1}
    margin: float  # y f(x)
    loss: float  # max(0, 1 - y f(x))
    region: str  # "flat: beyond the margin", "correct but inside the margin" or "misclassified"


def hinge_case(score, y):
    """The hinge loss of one point with score ``f(x)`` and label ``y`` in {-1, +1}, and where it lies.

    Labels {0, 1} raise ``ValueError`` (convert with ``2*y - 1``), as in :func:`hinge_lib.hinge_loss`.

    >>> hinge_case(0.5, 1)
    HingeCase(score=0.5, y=1.0, margin=0.5, loss=0.5, region='correct but inside the margin')
    """
    from .losses import hinge_loss  # validates the label (and the score)

    loss = float(hinge_loss(score, y))
    y = float(y)
    m = y * float(score)
    if m >= 1.0:
        region = "flat: beyond the margin"
    elif m > 0.0:
        region = "correct but inside the margin"
    else:
        region = "misclassified"
    return HingeCase(float(score), y, m, loss, region)
