"""Hinge losses and their (sub)gradients with respect to the scores.

Notation (as in the course): labels ``y`` in {-1, +1}, scores ``s = f(x) = w.x + b``,
functional margin ``m = y * s``.

* hinge:          ``max(0, margin - m)``
* squared hinge:  ``max(0, margin - m) ** 2``
* multi-class (scores of shape (N, C), true class index ``c``):
  Weston-Watkins  ``sum_{k != c} max(0, s_k - s_c + margin)``,
  Crammer-Singer  ``max(0, margin + max_{k != c} s_k - s_c)``.

Every ``*_grad`` function returns the derivative of the *same reduced loss*
(``reduction="mean"`` divides by N) with respect to ``scores``, with the shape
of ``scores``. At the kink (``m == margin`` exactly) the hinge is not
differentiable; any value in ``[-y, 0]`` is a valid subgradient and this
library picks ``0`` (the point already meets the margin, so it is left alone).

The ``*_and_grad`` functions compute both in one pass; the trainers use them.
The ``*_naive`` twins loop over samples one at a time; they exist to be read
and to be tested against the vectorised versions, not to be used.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    MULTICLASS_KINDS,
    REDUCTIONS,
    check_binary_scores_labels,
    check_choice,
    check_margin,
    check_multiclass_scores_labels,
)


def _reduce(per_sample, reduction):
    if reduction == "none":
        return per_sample
    total = float(per_sample.sum())
    return total / per_sample.shape[0] if reduction == "mean" and per_sample.ndim else total


def _grad_scale(n, reduction):
    return 1.0 / n if reduction == "mean" else 1.0


# --------------------------------------------------------------------------- binary


def _binary_kernel(s, y, margin, squared):
    """Per-sample loss and unreduced gradient on already-validated arrays (the trainers call this).

    Written for speed on large N (it runs once per epoch): every step works in place on the one
    array it creates, so the kernel allocates only its two outputs.
    """
    slack = y * s
    inplace = slack if isinstance(slack, np.ndarray) else None  # 0-d input gives NumPy scalars
    slack = np.subtract(margin, slack, out=inplace)  # margin - y s: how far each point falls short
    if squared:
        violation = np.maximum(slack, 0.0, out=inplace)
        return violation * violation, -2.0 * y * violation
    grad = np.negative(y, out=np.empty_like(s))  # -y where the margin is missed ...
    np.copyto(grad, 0.0, where=slack <= 0)  # ... else 0: a point exactly on the margin gets 0 ...
    return np.maximum(slack, 0.0, out=inplace), grad  # ... and costs 0


def _binary_loss_and_grad(scores, y, margin, reduction, squared):
    check_choice(reduction, "reduction", REDUCTIONS)
    margin = check_margin(margin)
    s, y = check_binary_scores_labels(scores, y)
    per_sample, grad = _binary_kernel(s, y, margin, squared)
    if reduction == "mean":
        grad = grad / s.size
    return _reduce(per_sample, reduction), grad


def hinge_loss_and_grad(scores, y, *, margin=1.0, reduction="mean"):
    """Binary hinge loss and its gradient with respect to ``scores``, in one pass.

    Parameters
    ----------
    scores : array-like of shape (N,) or scalar
        Decision values ``f(x) = w.x + b``.
    y : array-like of shape (N,) or scalar
        Labels in {-1, +1}. Labels {0, 1} raise ``ValueError`` (convert with ``2*y - 1``).
    margin : float, default 1.0
        The margin the functional margin ``y * s`` must reach to cost nothing.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average over samples, sum, or return one loss per sample.

    Returns
    -------
    loss : float, or ndarray of shape (N,) when ``reduction="none"``
    grad : ndarray, same shape as ``scores``
        ``-y`` (divided by N for "mean") where ``y * s < margin``, else 0.

    Examples
    --------
    >>> loss, grad = hinge_loss_and_grad([2.0, 0.5, -1.0], [1, 1, 1], reduction="none")
    >>> loss.tolist(), grad.tolist()
    ([0.0, 0.5, 2.0], [0.0, -1.0, -1.0])
    """
    return _binary_loss_and_grad(scores, y, margin, reduction, squared=False)


def hinge_loss(scores, y, *, margin=1.0, reduction="mean"):
    """Binary hinge loss ``max(0, margin - y * s)``, reduced over samples.

    Examples
    --------
    >>> hinge_loss([2.0, 0.5, -1.0], [1, 1, 1])  # the three worked cases: 0, 0.5 and 2
    0.8333333333333334
    """
    return hinge_loss_and_grad(scores, y, margin=margin, reduction=reduction)[0]


def hinge_loss_grad(scores, y, *, margin=1.0, reduction="mean"):
    """Gradient of :func:`hinge_loss` (same arguments) with respect to ``scores``; 0 at the kink."""
    return hinge_loss_and_grad(scores, y, margin=margin, reduction=reduction)[1]


def squared_hinge_loss_and_grad(scores, y, *, margin=1.0, reduction="mean"):
    """Squared hinge ``max(0, margin - y s)**2`` and its gradient ``-2 y max(0, margin - y s)``.

    Unlike the hinge, the gradient is continuous (it is 0 at the kink from both sides) and grows
    with the size of the violation.

    Examples
    --------
    >>> loss, grad = squared_hinge_loss_and_grad([2.0, 0.5, -1.0], [1, 1, 1], reduction="none")
    >>> loss.tolist(), grad.tolist()
    ([0.0, 0.25, 4.0], [-0.0, -1.0, -4.0])
    """
    return _binary_loss_and_grad(scores, y, margin, reduction, squared=True)


def squared_hinge_loss(scores, y, *, margin=1.0, reduction="mean"):
    """Squared hinge loss; see :func:`squared_hinge_loss_and_grad`."""
    return squared_hinge_loss_and_grad(scores, y, margin=margin, reduction=reduction)[0]


def squared_hinge_loss_grad(scores, y, *, margin=1.0, reduction="mean"):
    """Gradient of :func:`squared_hinge_loss` with respect to ``scores``."""
    return squared_hinge_loss_and_grad(scores, y, margin=margin, reduction=reduction)[1]


def hinge_loss_and_grad_naive(scores, y, *, margin=1.0, squared=False):
    """The loop version of the mean (squared) hinge and its gradient: one sample at a time.

    Same result as the vectorised functions; kept to be read and tested against them.
    """
    margin = check_margin(margin)
    s, y = check_binary_scores_labels(scores, y)
    s, y = np.atleast_1d(s), np.atleast_1d(y)
    n = s.shape[0]
    total, grad = 0.0, np.zeros(n)
    for i in range(n):
        slack = margin - y[i] * s[i]
        if slack > 0:
            total += slack**2 if squared else slack
            grad[i] = (-2.0 * y[i] * slack if squared else -y[i]) / n
    return total / n, grad


# --------------------------------------------------------------------------- multi-class


def _multiclass_kernel(s, y, margin, kind, squared):
    """Per-sample multi-class loss and unreduced (N, C) gradient on validated arrays."""
    n, c = s.shape
    rows = np.arange(n)
    # The (N, C) arrays are the kernel's whole cost, so it makes few of them and works in place.
    # take/put with flat (C-order) indices of the true-class entries do what [rows, y] does, faster.
    true = rows * c + y
    # diff[i, k] = s_k - s_c + margin; the true class is excluded with -inf.
    diff = s - np.take(s, true)[:, None]
    diff += margin
    np.put(diff, true, -np.inf)
    if kind == "weston_watkins":
        if squared:
            violation = np.maximum(diff, 0.0, out=diff)
            per_sample = np.einsum("ij,ij->i", violation, violation)
            grad = 2.0 * violation
            np.put(grad, true, -grad.sum(axis=1))
        else:
            grad = np.greater(diff, 0.0).astype(np.float64)  # 1 on each violating wrong class
            # the count of violating classes: a sum of 0s and 1s, exact in any order, so einsum
            # (several times faster than .sum(axis=1) on short rows) gives the same
            np.put(grad, true, -np.einsum("ij->i", grad))
            per_sample = np.maximum(diff, 0.0, out=diff).sum(axis=1)
        return per_sample, grad
    worst = diff.argmax(axis=1)  # crammer_singer; the lowest index wins a tie
    violation = np.maximum(diff[rows, worst], 0.0)
    step = 2.0 * violation if squared else (violation > 0).astype(np.float64)
    grad = np.zeros_like(s)
    grad[rows, worst] = step
    grad[rows, y] -= step
    return (violation * violation if squared else violation), grad


def multiclass_hinge_loss_and_grad(
    scores, y, *, margin=1.0, kind="weston_watkins", squared=False, reduction="mean"
):
    """Multi-class hinge loss and its gradient with respect to the (N, C) score matrix.

    Parameters
    ----------
    scores : array-like of shape (N, C)
        One score per sample and class.
    y : array-like of shape (N,)
        Integer index of the true class of each sample, in ``[0, C)``.
    margin : float, default 1.0
        Required gap between the true class's score and each wrong class's score.
    kind : {"weston_watkins", "crammer_singer"}
        Weston-Watkins sums the violations over all wrong classes; Crammer-Singer keeps only the
        largest (ties: the wrong class with the lowest index takes the gradient).
    squared : bool, default False
        Square each violation (what ``torch.nn.MultiMarginLoss(p=2)`` does, up to its 1/C factor).
    reduction : {"mean", "sum", "none"}

    Returns
    -------
    loss : float, or ndarray of shape (N,) for ``reduction="none"``
    grad : ndarray of shape (N, C)
        Weston-Watkins: ``+1`` on each violating wrong class, minus their count on the true class
        (times ``2 * violation`` when squared). A pair that meets the margin exactly gets 0.

    Examples
    --------
    >>> s = [[3.0, 2.5, 2.75]]   # true class 0 wins, but by less than the margin
    >>> multiclass_hinge_loss(s, [0], kind="weston_watkins")   # 0.5 + 0.75
    1.25
    >>> multiclass_hinge_loss(s, [0], kind="crammer_singer")   # only the worst: 0.75
    0.75
    """
    check_choice(reduction, "reduction", REDUCTIONS)
    check_choice(kind, "kind", MULTICLASS_KINDS)
    margin = check_margin(margin)
    s, y = check_multiclass_scores_labels(scores, y)
    n = s.shape[0]
    per_sample, grad = _multiclass_kernel(s, y, margin, kind, squared)
    if reduction == "mean":
        grad /= n
    return _reduce(per_sample, reduction), grad


def multiclass_hinge_loss(scores, y, *, margin=1.0, kind="weston_watkins", squared=False, reduction="mean"):
    """Multi-class hinge loss; see :func:`multiclass_hinge_loss_and_grad`."""
    return multiclass_hinge_loss_and_grad(
        scores, y, margin=margin, kind=kind, squared=squared, reduction=reduction
    )[0]


def multiclass_hinge_loss_grad(scores, y, *, margin=1.0, kind="weston_watkins", squared=False, reduction="mean"):
    """Gradient of :func:`multiclass_hinge_loss` with respect to ``scores``, shape (N, C)."""
    return multiclass_hinge_loss_and_grad(
        scores, y, margin=margin, kind=kind, squared=squared, reduction=reduction
    )[1]


def multiclass_hinge_loss_and_grad_naive(scores, y, *, margin=1.0, kind="weston_watkins", squared=False):
    """Loop version of the mean multi-class hinge and its gradient (CS231n's ``svm_loss_naive`` on scores)."""
    check_choice(kind, "kind", MULTICLASS_KINDS)
    margin = check_margin(margin)
    s, y = check_multiclass_scores_labels(scores, y)
    n, c = s.shape
    total, grad = 0.0, np.zeros((n, c))
    for i in range(n):
        true = y[i]
        if kind == "weston_watkins":
            for k in range(c):
                if k == true:
                    continue
                v = s[i, k] - s[i, true] + margin
                if v > 0:
                    total += v * v if squared else v
                    g = 2.0 * v if squared else 1.0
                    grad[i, k] += g / n
                    grad[i, true] -= g / n
        else:
            worst = max((k for k in range(c) if k != true), key=lambda k: (s[i, k], -k))
            v = s[i, worst] - s[i, true] + margin
            if v > 0:
                total += v * v if squared else v
                g = 2.0 * v if squared else 1.0
                grad[i, worst] += g / n
                grad[i, true] -= g / n
    return total / n, grad
