"""The regularised training objective and its gradient with respect to the parameters.

Binary:      J(w, b) = (lambda / 2) ||w||^2 + (1/N) sum_i loss(y_i (w.x_i + b))
Multi-class: J(W, b) = (lambda / 2) ||W||_F^2 + (1/N) sum_i loss(x_i W + b, y_i)

The bias is not regularised. scikit-learn's SVC writes the same problem as
(1/2)||w||^2 + C sum_i hinge(...), with C = 1 / (lambda N).

By the chain rule, with G = dLoss/dscores (shape of the scores):
    dJ/dw = lambda w + X^T G,    dJ/db = sum_i G_i.
Two matrix products (X @ w and X.T @ G) are the whole cost; everything else is O(N).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import losses as _losses
from ._validation import (
    MULTICLASS_KINDS,
    as_float_array,
    check_binary_labels,
    check_choice,
    check_class_indices,
    check_margin,
    check_positive,
    check_same_length,
)

LOSSES = ("hinge", "squared_hinge")


def _loss_kernel(scores, y, loss, kind, margin):
    """Per-sample losses and the unreduced gradient; binary if scores is 1-D."""
    squared = loss == "squared_hinge"
    if scores.ndim == 1:
        return _losses._binary_kernel(scores, y, margin, squared)
    return _losses._multiclass_kernel(scores, y, margin, kind, squared)


def _objective_and_grad_unchecked(X, y, w, b, reg_strength, loss, kind, margin):
    n = X.shape[0]
    scores = X @ w
    scores += b  # in place: no second (N,) or (N, C) array
    per_sample, g = _loss_kernel(scores, y, loss, kind, margin)
    g /= n
    mean_loss = float(per_sample.sum()) / n
    objective = 0.5 * reg_strength * float(np.vdot(w, w)) + mean_loss
    grad_w = X.T @ g
    grad_w += reg_strength * w
    # einsum adds the rows of an (N, C) g in the same order as g.sum(axis=0), several times faster
    grad_b = np.einsum("ij->j", g) if g.ndim == 2 else g.sum()
    return objective, grad_w, grad_b, mean_loss, per_sample


def _check_problem(X, y, w, b, reg_strength, loss, kind, margin):
    check_choice(loss, "loss", LOSSES)
    check_choice(kind, "kind", MULTICLASS_KINDS)
    reg_strength = check_positive(reg_strength, "reg_strength")
    margin = check_margin(margin)
    X = as_float_array(X, "X", ndim=2)
    w = as_float_array(w, "w", ndim=(1, 2))
    if w.shape[0] != X.shape[1]:
        raise ValueError(f"w has {w.shape[0]} rows but X has {X.shape[1]} features; they must match.")
    if w.ndim == 1:
        y = check_binary_labels(y)
        b = float(as_float_array(b, "b", ndim=0))
    else:
        y = check_class_indices(y, w.shape[1])
        b = as_float_array(b, "b", ndim=1)
        if b.shape[0] != w.shape[1]:
            raise ValueError(f"b has {b.shape[0]} entries but W has {w.shape[1]} columns (classes); they must match.")
    check_same_length(X, y, "X", "y")
    return X, y, w, b, reg_strength, margin


def svm_objective_and_grad(X, y, w, b, reg_strength, *, loss="hinge", kind="weston_watkins", margin=1.0):
    """Objective J and its gradient with respect to (w, b), vectorised.

    Parameters
    ----------
    X : array of shape (N, D)
    y : labels in {-1, +1} of shape (N,) when ``w`` is 1-D; class indices in [0, C) when ``w`` is (D, C)
    w : array of shape (D,) (binary) or (D, C) (multi-class)
    b : float (binary) or array of shape (C,)
    reg_strength : float > 0, the lambda of J
    loss : {"hinge", "squared_hinge"}
    kind : {"weston_watkins", "crammer_singer"}, multi-class only

    Returns
    -------
    objective : float
    grad_w : array shaped like ``w``
    grad_b : float or array shaped like ``b``

    Examples
    --------
    >>> J, gw, gb = svm_objective_and_grad([[1.0, 0.0], [0.0, 1.0]], [1, -1], [0.5, 0.5], 0.0, 0.1)
    >>> round(J, 4), gw.tolist(), gb
    (1.025, [-0.45, 0.55], 0.0)
    """
    X, y, w, b, reg_strength, margin = _check_problem(X, y, w, b, reg_strength, loss, kind, margin)
    objective, grad_w, grad_b, _, _ = _objective_and_grad_unchecked(X, y, w, b, reg_strength, loss, kind, margin)
    return objective, grad_w, (float(grad_b) if np.ndim(grad_b) == 0 else grad_b)


def svm_objective(X, y, w, b, reg_strength, *, loss="hinge", kind="weston_watkins", margin=1.0):
    """The value of J(w, b); see :func:`svm_objective_and_grad`."""
    return svm_objective_and_grad(X, y, w, b, reg_strength, loss=loss, kind=kind, margin=margin)[0]


def svm_objective_and_grad_naive(X, y, w, b, reg_strength, *, loss="hinge", margin=1.0):
    """Binary J and its gradient, one sample at a time: the loop the vectorised version replaces."""
    X, y, w, b, reg_strength, margin = _check_problem(X, y, w, b, reg_strength, loss, "weston_watkins", margin)
    if w.ndim != 1:
        raise ValueError("svm_objective_and_grad_naive handles the binary problem only (w of shape (D,)).")
    n, d = X.shape
    total, grad_w, grad_b = 0.0, np.zeros(d), 0.0
    for i in range(n):
        score = b
        for j in range(d):
            score += w[j] * X[i, j]
        slack = margin - y[i] * score
        if slack > 0:
            total += slack**2 if loss == "squared_hinge" else slack
            dscore = -2.0 * y[i] * slack if loss == "squared_hinge" else -y[i]
            for j in range(d):
                grad_w[j] += dscore * X[i, j] / n
            grad_b += dscore / n
    for j in range(d):
        grad_w[j] += reg_strength * w[j]
    return 0.5 * reg_strength * float(w @ w) + float(total) / n, grad_w, float(grad_b)


class GradientBreakdown(NamedTuple):
    """What :func:`gradient_breakdown` returns: J, its gradient, and which points produce it."""

    objective: float
    grad_w: np.ndarray
    grad_b: float
    margins: np.ndarray  # y_i f(x_i), one per point
    active: np.ndarray  # margins < margin: the only points that enter the gradient
    mean_loss: float


def gradient_breakdown(X, y, w, b, reg_strength, *, margin=1.0):
    """The binary hinge objective J(w, b), its gradient, and the points that contribute to it.

    Only points with ``y_i f(x_i) < margin`` (hinge loss > 0) appear in the data part of the
    gradient, ``-(1/N) sum_active y_i x_i``; every other point has derivative 0 (a point exactly on
    the margin included: the library's choice at the kink).

    Examples
    --------
    >>> g = gradient_breakdown([[2.0, 0.0], [0.5, 0.0]], [1, 1], [1.0, 0.0], 0.0, 0.1)
    >>> g.margins.tolist(), g.active.tolist(), g.grad_w.tolist(), g.grad_b
    ([2.0, 0.5], [False, True], [-0.15, 0.0], -0.5)
    """
    X, y, w, b, reg_strength, margin = _check_problem(X, y, w, b, reg_strength, "hinge", "weston_watkins", margin)
    if w.ndim != 1:
        raise ValueError("gradient_breakdown handles the binary problem only (w of shape (D,)).")
    objective, grad_w, grad_b, mean_loss, _ = _objective_and_grad_unchecked(
        X, y, w, b, reg_strength, "hinge", "weston_watkins", margin
    )
    margins = y * (X @ w + b)
    return GradientBreakdown(objective, grad_w, float(grad_b), margins, margins < margin, mean_loss)
