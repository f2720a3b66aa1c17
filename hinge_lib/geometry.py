"""Geometry of a linear classifier ``f(x) = w.x + b``.

* decision boundary: ``w.x + b = 0``; margin lines: ``w.x + b = +1`` and ``-1``;
* functional margin ``m = y f(x)``: positive when the point is on its correct side;
* geometric margin ``y f(x) / ||w||``: the signed Euclidean distance to the boundary;
* the band between the margin lines is ``2 / ||w||`` wide.

Scaling ``(w, b)`` by ``c > 0`` multiplies every functional margin by ``c`` but leaves the
boundary and every geometric margin unchanged: "a functional margin of at least 1" only means
something once ``||w||`` is held in check (that is what regularisation does). The functions that
promise this invariance divide ``(w, b)`` by ``max |w_j|`` first, so weights near 1e150 or 1e-160
give the same answers as weights near 1 (``w @ w`` would overflow or underflow).

Where a point sits, in the course's words (:func:`margin_position`), from its functional margin:
``m > 1`` beyond the margin, ``m = 1`` on the margin, ``0 < m < 1`` inside the band,
``m = 0`` on the boundary, ``m < 0`` misclassified.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_binary_labels, check_same_length

__all__ = [
    "decision_function",
    "distance_to_hyperplane",
    "functional_margin",
    "geometric_margin",
    "margin_position",
    "margin_width",
    "project_onto_hyperplane",
]

POSITIONS = ("beyond the margin", "on the margin", "inside the band", "on the boundary", "misclassified")


def _check_params(w, b, n_features=None):
    w = as_float_array(w, "w", ndim=1)
    b = float(as_float_array(b, "b", ndim=0))
    if n_features is not None and w.shape[0] != n_features:
        raise ValueError(f"w has {w.shape[0]} entries but X has {n_features} features; pass one weight per feature.")
    return w, b


def _unit_scale(w, b):
    """``(w / s, b / s, ||w / s||)`` with ``s = max |w_j|``: the same boundary, with ``1 <= ||w / s||``."""
    scale = float(np.abs(w).max())
    if scale == 0.0:
        raise ValueError("w is the zero vector: there is no hyperplane, so distances are undefined.")
    u = w / scale
    return u, b / scale, float(np.sqrt(u @ u))


def decision_function(X, w, b):
    """Scores ``f(x) = X @ w + b`` for every row of ``X`` (shape (N, D)).

    >>> decision_function([[1.0, 2.0]], [0.5, -1.0], 0.25).tolist()
    [-1.25]
    """
    X = as_float_array(X, "X", ndim=2)
    w, b = _check_params(w, b, X.shape[1])
    return X @ w + b


def functional_margin(X, y, w, b):
    """``y * f(x)`` for each point: > 0 correct side, >= 1 on or beyond its margin line."""
    f = decision_function(X, w, b)
    y = check_binary_labels(y)
    check_same_length(f, y, "X", "y")
    return y * f


def geometric_margin(X, y, w, b):
    """``y * f(x) / ||w||``: the signed distance of each point to the boundary (negative if misclassified).

    >>> geometric_margin([[3.0, 4.0]], [1], [3.0, 4.0], 0.0).tolist()   # 25 / 5
    [5.0]
    >>> geometric_margin([[3.0, 4.0]], [1], [3e200, 4e200], 0.0).tolist()   # the same boundary
    [5.0]
    """
    w, b = _check_params(w, b)
    u, c, norm = _unit_scale(w, b)
    return functional_margin(X, y, u, c) / norm


def distance_to_hyperplane(X, w, b):
    """Unsigned Euclidean distance ``|w.x + b| / ||w||`` of each row of ``X`` to the boundary."""
    w, b = _check_params(w, b)
    u, c, norm = _unit_scale(w, b)
    return np.abs(decision_function(X, u, c)) / norm


def project_onto_hyperplane(X, w, b):
    """The closest point of the boundary to each row of ``X`` (the foot of the perpendicular)."""
    X = as_float_array(X, "X", ndim=2)
    w, b = _check_params(w, b, X.shape[1])
    u, c, norm = _unit_scale(w, b)
    return X - np.outer((X @ u + c) / norm**2, u)


def margin_width(w):
    """Width ``2 / ||w||`` of the band between the margin lines ``f = -1`` and ``f = +1``.

    >>> margin_width([3.0, 4.0]), margin_width([3e-160, 4e-160])
    (0.4, 4e+159)
    """
    w, _ = _check_params(w, 0.0)
    u, _, norm = _unit_scale(w, 0.0)
    width = 2.0 / (float(np.abs(w).max()) * norm)
    if not np.isfinite(width):
        raise ValueError(f"the band width 2/||w|| overflows: ||w|| is about {np.abs(w).max():.1e}, too small to invert.")
    return width


def margin_position(functional, *, atol=1e-9):
    """Where each point sits relative to the band, from its functional margin ``m = y f(x)``.

    ``m > 1`` "beyond the margin", ``m = 1`` "on the margin", ``0 < m < 1`` "inside the band",
    ``m = 0`` "on the boundary", ``m < 0`` "misclassified" (equalities up to ``atol``: the default is
    looser than the exact solver's accuracy, about 1e-10, so its on-margin points read "on the margin").

    >>> margin_position([2.0, 1.0, 0.5, 0.0, -0.5])
    ('beyond the margin', 'on the margin', 'inside the band', 'on the boundary', 'misclassified')
    """
    m = np.atleast_1d(as_float_array(functional, "functional", ndim=(0, 1)))
    on_margin, on_boundary = np.abs(m - 1.0) <= atol, np.abs(m) <= atol
    index = np.select([on_margin, on_boundary, m > 1.0, m > 0.0], [1, 3, 0, 2], default=4)
    return tuple(POSITIONS[i] for i in index)
