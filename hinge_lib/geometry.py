"""Geometry of a linear classifier ``f(x) = w.x + b``.

* decision boundary: ``w.x + b = 0``; margin lines: ``w.x + b = +1`` and ``-1``;
* functional margin ``y f(x)``: positive when the point is on its correct side;
* geometric margin ``y f(x) / ||w||``: the signed Euclidean distance to the boundary;
* the band between the margin lines is ``2 / ||w||`` wide.

Scaling ``(w, b)`` by ``c > 0`` multiplies every functional margin by ``c`` but leaves the
boundary and every geometric margin unchanged: "a functional margin of at least 1" only
means something once ``||w||`` is held in check (that is what regularisation does).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_binary_labels, check_same_length


def _check_params(w, b, n_features=None):
    w = as_float_array(w, "w", ndim=1)
    b = float(as_float_array(b, "b", ndim=0))
    if n_features is not None and w.shape[0] != n_features:
        raise ValueError(
            f"w has {w.shape[0]} entries but X has {n_features} features; pass one weight per feature."
        )
    return w, b


def _check_nonzero(w):
    norm = float(np.linalg.norm(w))
    if norm == 0.0:
        raise ValueError("w is the zero vector: there is no hyperplane, so distances are undefined.")
    return norm


def decision_function(X, w, b):
    """Scores ``f(x) = X @ w + b`` for every row of ``X`` (shape (N, D)).

    >>> decision_function([[1.0, 2.0]], [0.5, -1.0], 0.25).tolist()
    [-1.25]
    """
    X = as_float_array(X, "X", ndim=2)
    w, b = _check_params(w, b, X.shape[1])
    return X @ w + b


def functional_margin(X, y, w, b):
    """``y * f(x)`` for each point: > 0 correct side, >= 1 outside the margin band."""
    f = decision_function(X, w, b)
    y = check_binary_labels(y)
    check_same_length(f, y, "X", "y")
    return y * f


def geometric_margin(X, y, w, b):
    """``y * f(x) / ||w||``: the signed distance of each point to the boundary (negative if misclassified).

    >>> geometric_margin([[3.0, 4.0]], [1], [3.0, 4.0], 0.0).tolist()   # 25 / 5
    [5.0]
    """
    w_arr, _ = _check_params(w, b)
    return functional_margin(X, y, w, b) / _check_nonzero(w_arr)


def distance_to_hyperplane(X, w, b):
    """Unsigned Euclidean distance ``|w.x + b| / ||w||`` of each row of ``X`` to the boundary."""
    w_arr, _ = _check_params(w, b)
    return np.abs(decision_function(X, w, b)) / _check_nonzero(w_arr)


def project_onto_hyperplane(X, w, b):
    """The closest point of the boundary to each row of ``X`` (the foot of the perpendicular)."""
    X = as_float_array(X, "X", ndim=2)
    w, b = _check_params(w, b, X.shape[1])
    norm = _check_nonzero(w)
    return X - np.outer((X @ w + b) / norm**2, w)


def margin_width(w):
    """Width ``2 / ||w||`` of the band between the margin lines ``f = -1`` and ``f = +1``."""
    w, _ = _check_params(w, 0.0)
    return 2.0 / _check_nonzero(w)


def normalize_hyperplane(w, b):
    """``(w / ||w||, b / ||w||)``: one representative of the boundary ``w.x + b = 0``.

    Two parameter pairs describe the same boundary with the same positive side exactly when their
    normalised forms agree, so ``(c w, c b)`` with ``c > 0`` gives back the same pair.

    >>> w, b = normalize_hyperplane([3.0, 4.0], 10.0)
    >>> w.tolist(), b
    ([0.6, 0.8], 2.0)
    """
    w, b = _check_params(w, b)
    norm = _check_nonzero(w)
    return w / norm, b / norm


class MarginReport(NamedTuple):
    """Everything lesson 01 prints about a classifier ``(w, b)`` on labelled points."""

    w: np.ndarray
    b: float
    norm: float  # ||w||
    width: float  # 2 / ||w||, the width of the margin band
    scores: np.ndarray  # f(x) = w.x + b
    functional: np.ndarray  # y f(x)
    geometric: np.ndarray  # y f(x) / ||w||
    distance: np.ndarray  # |f(x)| / ||w||
    position: tuple  # per point: "beyond margin", "on margin", "inside band", "on boundary" or "wrong side"


def margin_position(functional, *, atol=1e-12):
    """Where each point sits relative to the band, from its functional margin ``m = y f(x)``.

    ``m > 1`` "beyond margin", ``m = 1`` "on margin", ``0 < m < 1`` "inside band",
    ``m = 0`` "on boundary", ``m < 0`` "wrong side" (equalities up to ``atol``).

    >>> margin_position([2.0, 1.0, 0.5, 0.0, -0.5])
    ('beyond margin', 'on margin', 'inside band', 'on boundary', 'wrong side')
    """
    m = as_float_array(functional, "functional", ndim=(0, 1))

    def one(v):
        if abs(v - 1.0) <= atol:
            return "on margin"
        if abs(v) <= atol:
            return "on boundary"
        if v > 1.0:
            return "beyond margin"
        return "inside band" if v > 0.0 else "wrong side"

    return tuple(one(float(v)) for v in np.atleast_1d(m))


def margin_report(X, y, w, b):
    """Scores, functional and geometric margins, distances and band width of ``(w, b)`` on ``(X, y)``.

    Raises ``ValueError`` when ``w`` is the zero vector (there is no boundary).

    >>> r = margin_report([[3.0, 4.0], [0.0, 0.0]], [1, -1], [3.0, 4.0], -5.0)
    >>> r.functional.tolist(), r.geometric.tolist(), r.width
    ([20.0, 5.0], [4.0, 1.0], 0.4)
    """
    w_arr, b = _check_params(w, b)
    norm = _check_nonzero(w_arr)
    scores = decision_function(X, w_arr, b)
    functional = functional_margin(X, y, w_arr, b)
    return MarginReport(
        w=w_arr, b=b, norm=norm, width=2.0 / norm, scores=scores, functional=functional,
        geometric=functional / norm, distance=np.abs(scores) / norm, position=margin_position(functional),
    )
