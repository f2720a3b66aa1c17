"""The library's loss + gradient code as it was before this benchmark's changes (commit f8f3776), kept
only to measure what the changes bought. Same results, bit for bit (tests/test_benchmarks.py checks)."""

import numpy as np


def binary_kernel(s, y, margin):
    slack = margin - y * s
    violation = np.maximum(slack, 0.0)
    return violation, np.where(slack > 0, -y, 0.0)


def multiclass_kernel(s, y, margin):  # Weston-Watkins, not squared
    n = s.shape[0]
    rows = np.arange(n)
    diff = s - s[rows, y][:, None] + margin
    diff[rows, y] = -np.inf
    violation = np.maximum(diff, 0.0)
    per_sample = violation.sum(axis=1)
    grad = (diff > 0).astype(np.float64)
    grad[rows, y] = -grad.sum(axis=1)
    return per_sample, grad


def objective_and_grad(X, y, w, b, reg_strength, margin=1.0):
    """The unchecked core (hinge; Weston-Watkins when w is 2-D)."""
    n = X.shape[0]
    scores = X @ w + b
    if scores.ndim == 1:
        per_sample, g = binary_kernel(scores, y, margin)
    else:
        per_sample, g = multiclass_kernel(scores, y, margin)
    g /= n
    mean_loss = float(per_sample.sum()) / n
    objective = 0.5 * reg_strength * float(np.vdot(w, w)) + mean_loss
    grad_w = X.T @ g
    grad_w += reg_strength * w
    return objective, grad_w, g.sum(axis=0), mean_loss, per_sample


def check_finite(X):
    """The finiteness check of as_float_array on X."""
    return bool(np.isfinite(np.asarray(X, dtype=np.float64)).all())
