"""The regularised training objective and its gradient with respect to the parameters.

Binary:      J(w, b) = (lambda / 2) ||w||^2 + (1/N) sum_i loss(y_i (w.x_i + b))
Multi-class: J(W, b) = (lambda / 2) ||W||_F^2 + (1/N) sum_i loss(x_i W + b, y_i)

The bias is not regularised. scikit-learn's ``SVC`` writes the same problem as
(1/2)||w||^2 + C sum_i hinge(...), with C = 1 / (lambda N). With sample weights s_i the mean
becomes the weighted mean (1 / sum_i s_i) sum_i s_i loss_i, so a weight of 2 is a repeated row.

By the chain rule, with G = dLoss/dscores (the shape of the scores)::

    dJ/dw = lambda w + X^T G,    dJ/db = sum_i G_i.

Two matrix products (X @ w and X.T @ G) are the whole cost; everything else is O(N).
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    LOSSES,
    MULTICLASS_KINDS,
    as_float_array,
    check_binary_labels,
    check_choice,
    check_class_indices,
    check_finite,
    check_margin,
    check_positive,
    check_same_length,
)
from .losses import binary_kernel, multiclass_kernel

__all__ = ["svm_objective", "svm_objective_and_grad", "svm_objective_and_grad_naive"]


def objective_and_grad(X, y, w, b, reg_strength, loss, kind, margin, weight=None):
    """J, dJ/dw, dJ/db and the per-sample losses, on checked arrays (the solvers call this).

    The loss term is the mean over the samples, or ``sum_i weight_i loss_i`` with the given weights.
    """
    scores = X @ w + b
    squared = loss == "squared_hinge"
    if scores.ndim == 1:
        per_sample, G = binary_kernel(scores, y, margin, squared)
    else:
        per_sample, G = multiclass_kernel(scores, y, margin, kind, squared)
    if weight is None:  # the mean over the N samples
        mean_loss, G = float(per_sample.sum()) / len(y), G / len(y)
    else:
        mean_loss, G = float(per_sample @ weight), G * (weight[:, None] if G.ndim == 2 else weight)
    J = 0.5 * reg_strength * float(np.vdot(w, w)) + mean_loss
    grad_w = reg_strength * w + X.T @ G
    grad_b = np.ones(len(G)) @ G  # the column sums of G (one number when binary)
    return J, grad_w, grad_b, per_sample


def check_problem(X, y, w, b, reg_strength, *, loss="hinge", kind="weston_watkins", margin=1.0,
                  sample_weight=None):
    """Checked arrays for J: ``(X, y, w, b, reg_strength, margin, sample_weight)``.

    X is scanned for NaN/inf lazily: a NaN or inf anywhere in a row of X makes that row's scores
    NaN or inf, whatever w is (``inf * 0`` is NaN), so :func:`svm_objective_and_grad` checks the
    (much smaller) scores and explains with a full scan of X only when they are not finite.
    """
    check_choice(loss, "loss", LOSSES)
    check_choice(kind, "kind", MULTICLASS_KINDS)
    reg_strength = check_positive(reg_strength, "reg_strength")
    margin = check_margin(margin)
    X = as_float_array(X, "X", ndim=2, finite=False)
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
    if sample_weight is not None:
        sample_weight = as_float_array(sample_weight, "sample_weight", ndim=1)
        check_same_length(X, sample_weight, "X", "sample_weight")
        if (sample_weight < 0).any() or sample_weight.sum() <= 0:
            raise ValueError("sample_weight must be >= 0 with a positive sum (a weight of 0 drops a sample).")
    return X, y, w, b, reg_strength, margin, sample_weight


def svm_objective_and_grad(X, y, w, b, reg_strength, *, loss="hinge", kind="weston_watkins", margin=1.0,
                           sample_weight=None):
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
    margin : float >= 0, default 1.0
    sample_weight : array of shape (N,), optional; J then uses the weighted mean of the losses

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
    X, y, w, b, lam, margin, sample_weight = check_problem(X, y, w, b, reg_strength, loss=loss, kind=kind,
                                                    margin=margin, sample_weight=sample_weight)
    with np.errstate(all="ignore"):  # NaN/inf in X (or overflow) is reported below, not as warnings
        weight = None if sample_weight is None else sample_weight / sample_weight.sum()
        J, grad_w, grad_b, _ = objective_and_grad(X, y, w, b, lam, loss, kind, margin, weight)
    if not (np.isfinite(J) and np.isfinite(grad_w).all()):
        check_finite(X, "X")  # explains a NaN/inf in X; otherwise the numbers overflowed:
        raise ValueError("J or its gradient overflowed: X or w is too large. Standardise the features of X.")
    return J, grad_w, (float(grad_b) if np.ndim(grad_b) == 0 else grad_b)


def svm_objective(X, y, w, b, reg_strength, *, loss="hinge", kind="weston_watkins", margin=1.0,
                  sample_weight=None):
    """The value of J(w, b); see :func:`svm_objective_and_grad`."""
    return svm_objective_and_grad(X, y, w, b, reg_strength, loss=loss, kind=kind, margin=margin,
                                  sample_weight=sample_weight)[0]


def svm_objective_and_grad_naive(X, y, w, b, reg_strength, *, loss="hinge", margin=1.0):
    """Binary J and its gradient, one sample and one feature at a time: the loops the vectorised version replaces."""
    X, y, w, b, lam, margin, _ = check_problem(X, y, w, b, reg_strength, loss=loss, margin=margin)
    if w.ndim != 1:
        raise ValueError("svm_objective_and_grad_naive handles the binary problem only (w of shape (D,)).")
    check_finite(X, "X")
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
        grad_w[j] += lam * w[j]
    return 0.5 * lam * float(w @ w) + total / n, grad_w, float(grad_b)
