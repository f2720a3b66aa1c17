"""How far one mislabelled outlier pulls the boundary, for the hinge and the squared hinge.

A point on the wrong side of the boundary at distance ``d`` has hinge loss ``1 + (a multiple of d)``
but squared-hinge loss growing like ``d^2``, so its pull on the squared-hinge solution grows with
the distance while the hinge caps the dual coefficient of every point at ``C``. The functions here
place such a point, fit both losses exactly with and without it, and measure how far the boundary
moved, in the units of the data.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_binary_labels, check_positive, check_same_length
from .objective import LOSSES


def mislabelled_outlier(distance, *, true_w=(1.0, -0.6), true_b=0.4):
    """A point at ``distance`` from the true boundary on its *negative* side, labelled ``+1``.

    The point lies on the normal through the boundary point nearest the origin (the middle of
    :func:`hinge_lib.make_two_class`'s data), so ``distance`` alone says how far it sits.

    Returns ``(point, label)`` with ``point`` of shape (2,) and ``label = 1.0``.

    >>> point, label = mislabelled_outlier(2.0, true_w=(1.0, 0.0), true_b=0.0)
    >>> point.tolist(), label
    ([-2.0, 0.0], 1.0)
    """
    distance = check_positive(distance, "distance")
    w = as_float_array(true_w, "true_w", ndim=1)
    if w.shape != (2,) or not np.any(w):
        raise ValueError(f"true_w must be two numbers, not both zero; got {w.tolist()}.")
    b = float(true_b)
    foot = -b * w / (w @ w)  # the boundary point nearest the origin
    return foot - distance * w / np.linalg.norm(w) + 0.0, 1.0  # + 0.0 turns -0.0 into 0.0


def boundary_shift(X, coef_a, intercept_a, coef_b, intercept_b):
    """Mean over the rows of ``X`` of the change in signed distance to the boundary, from ``a`` to ``b``.

    ``mean_i | f_b(x_i) / ||w_b|| - f_a(x_i) / ||w_a|| |``: 0 for the same boundary (whatever the
    scale of ``w``), and in the data's units of length otherwise; it counts a rotation and a
    parallel shift alike, weighted by where the data are.

    >>> boundary_shift([[0.0, 0.0], [1.0, 0.0]], [1.0, 0.0], 0.0, [2.0, 0.0], -1.0)   # x1 = 0 -> x1 = 0.5
    0.5
    """
    X = as_float_array(X, "X", ndim=2)
    distances = []
    for coef, intercept in ((coef_a, intercept_a), (coef_b, intercept_b)):
        w = as_float_array(coef, "coef", ndim=(1, 2)).ravel()
        if w.shape[0] != X.shape[1]:
            raise ValueError(f"coef has {w.shape[0]} entries but X has {X.shape[1]} features.")
        norm = float(np.linalg.norm(w))
        if norm == 0.0:
            raise ValueError("coef is the zero vector: there is no boundary to compare.")
        distances.append((X @ w + float(np.ravel(intercept)[0])) / norm)
    return float(np.mean(np.abs(distances[1] - distances[0])))


class OutlierFit(NamedTuple):
    """One loss's exact SVM without and with the outlier, and how far its boundary moved."""

    loss: str
    coef_clean: np.ndarray
    intercept_clean: float
    coef_outlier: np.ndarray
    intercept_outlier: float
    alpha_outlier: float  # the outlier's dual coefficient (hinge: at most C)
    shift: float  # boundary_shift over the clean data


def outlier_effect(X, y, outlier, outlier_label=1.0, *, reg_strength=0.01, losses=LOSSES, clean=None):
    """Fit each loss exactly on ``(X, y)`` and on ``(X, y)`` plus one outlier; measure the shift.

    Returns a dict ``loss -> OutlierFit``. The shift is :func:`boundary_shift` over the clean
    points ``X``, so both losses are judged on the same points. ``reg_strength`` is the same lambda
    for both fits (N grows by one with the outlier; at N = 60 that changes C by under 2 %).
    ``clean`` may pass the fits without the outlier, ``{loss: solve_exact(X, y, reg_strength, loss=loss)}``,
    to save those solves when sweeping the outlier's position.

    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> point, label = mislabelled_outlier(5.0)
    >>> effect = outlier_effect(X, y, point, label)
    >>> bool(effect["squared_hinge"].shift > effect["hinge"].shift)
    True
    """
    from .exact import solve_exact

    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    outlier = as_float_array(outlier, "outlier", ndim=1)
    if outlier.shape[0] != X.shape[1]:
        raise ValueError(f"outlier has {outlier.shape[0]} coordinates but X has {X.shape[1]} features.")
    label = check_binary_labels(np.atleast_1d(outlier_label), "outlier_label")
    X_out, y_out = np.vstack([X, outlier]), np.concatenate([y, label])
    result = {}
    for loss in losses:
        base = solve_exact(X, y, reg_strength, loss=loss) if clean is None else clean[loss]
        if base.alpha.shape != y.shape:
            raise ValueError(f"clean[{loss!r}] must be solve_exact(X, y, ...) for these {y.size} points.")
        dirty = solve_exact(X_out, y_out, reg_strength, loss=loss)
        result[loss] = OutlierFit(
            loss=loss,
            coef_clean=base.coef,
            intercept_clean=base.intercept,
            coef_outlier=dirty.coef,
            intercept_outlier=dirty.intercept,
            alpha_outlier=float(dirty.alpha[-1]),
            shift=boundary_shift(X, base.coef, base.intercept, dirty.coef, dirty.intercept),
        )
    return result
