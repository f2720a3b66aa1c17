"""Hinge losses and their (sub)gradients with respect to the scores, each beside its loop twin.

Notation (as in the course): labels ``y`` in {-1, +1}, scores ``s = f(x) = w.x + b``,
functional margin ``m = y * s``.

* hinge:          ``max(0, margin - m)``
* squared hinge:  ``max(0, margin - m) ** 2``
* multi-class (scores of shape (N, C), true class index ``c``):
  Weston-Watkins  ``sum_{k != c} max(0, s_k - s_c + margin)``,
  Crammer-Singer  ``max(0, max_{k != c} s_k - s_c + margin)``.

Every function returns the loss *and* its derivative with respect to ``scores`` (same shape as
``scores``), for the same reduction: ``"mean"`` divides both by N. At the kink (``m == margin``
exactly) the hinge has no derivative; any value between ``-y`` and 0 is a valid subgradient and
this library picks 0 (the point already meets the margin, so it is left alone).

The ``*_naive`` twins loop over samples one at a time, CS231n style: they exist to be read and to
be tested against the vectorised versions (to 1e-12), not to be used.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    MULTICLASS_KINDS,
    REDUCTIONS,
    check_binary_scores_labels,
    check_bool,
    check_choice,
    check_margin,
    check_multiclass_scores_labels,
)

__all__ = [
    "hinge_loss",
    "hinge_loss_and_grad",
    "hinge_loss_and_grad_naive",
    "multiclass_hinge_loss",
    "multiclass_hinge_loss_and_grad",
    "multiclass_hinge_loss_and_grad_naive",
]


def _reduce(loss, grad, reduction):
    """Per-sample losses and gradient -> the requested reduction of both."""
    if reduction == "none":
        return loss, grad
    n = loss.shape[0] if loss.ndim else 1
    scale = 1.0 / n if reduction == "mean" else 1.0
    return float(loss.sum()) * scale, grad * scale


# --------------------------------------------------------------------------- binary


def binary_kernel(s, y, margin, squared):
    """Per-sample (squared) hinge and its derivative d loss / d s, on checked arrays."""
    slack = np.maximum(0.0, margin - y * s)  # how far each point falls short of the margin
    if squared:
        return slack**2, -2.0 * y * slack
    return slack, np.where(slack > 0, -y, 0.0)  # at the kink (slack = 0) the library picks 0


def hinge_loss_and_grad(scores, y, *, margin=1.0, reduction="mean", squared=False):
    """Binary hinge loss ``max(0, margin - y s)`` (squared if ``squared``) and its gradient in ``scores``.

    Parameters
    ----------
    scores : array-like of shape (N,) or scalar
        Decision values ``f(x) = w.x + b``.
    y : array-like of shape (N,) or scalar
        Labels in {-1, +1}. Labels {0, 1} raise ``ValueError`` (convert with ``2*y - 1``).
    margin : float, default 1.0
        The functional margin ``y s`` a point must reach to cost nothing.
    reduction : {"mean", "sum", "none"}, default "mean"
    squared : bool, default False
        The squared hinge ``max(0, margin - y s)**2``, whose gradient ``-2 y max(0, margin - y s)``
        is continuous and grows with the violation.

    Returns
    -------
    loss : float, or ndarray of shape (N,) for ``reduction="none"``
    grad : ndarray shaped like ``scores``
        Hinge: ``-y`` (divided by N for "mean") where ``y s < margin``, else 0.

    Examples
    --------
    >>> loss, grad = hinge_loss_and_grad([2.0, 0.5, -1.0], [1, 1, 1], reduction="none")  # the worked cases
    >>> loss.tolist(), grad.tolist()
    ([0.0, 0.5, 2.0], [0.0, -1.0, -1.0])
    """
    check_choice(reduction, "reduction", REDUCTIONS)
    s, y = check_binary_scores_labels(scores, y)
    loss, grad = binary_kernel(s, y, check_margin(margin), check_bool(squared, "squared"))
    return _reduce(loss, grad, reduction)


def hinge_loss(scores, y, *, margin=1.0, reduction="mean", squared=False):
    """The loss part of :func:`hinge_loss_and_grad` (same arguments).

    >>> hinge_loss([2.0, 0.5, -1.0], [1, 1, 1])                 # (0 + 0.5 + 2) / 3
    0.8333333333333334
    >>> hinge_loss([2.0, 0.5, -1.0], [1, 1, 1], squared=True)   # (0 + 0.25 + 4) / 3
    1.4166666666666667
    """
    return hinge_loss_and_grad(scores, y, margin=margin, reduction=reduction, squared=squared)[0]


def hinge_loss_and_grad_naive(scores, y, *, margin=1.0, squared=False):
    """The loop version of the mean (squared) hinge and its gradient: one sample at a time."""
    s, y = check_binary_scores_labels(scores, y)
    s, y, margin, squared = np.atleast_1d(s), np.atleast_1d(y), check_margin(margin), check_bool(squared, "squared")
    n = s.shape[0]
    total, grad = 0.0, np.zeros(n)
    for i in range(n):
        slack = margin - y[i] * s[i]
        if slack > 0:
            total += slack**2 if squared else slack
            grad[i] = (-2.0 * y[i] * slack if squared else -y[i]) / n
    return total / n, grad


# --------------------------------------------------------------------------- multi-class


def multiclass_kernel(S, y, margin, kind, squared):
    """Per-sample multi-class hinge and its derivative d loss / d S, on checked arrays."""
    rows, ones = np.arange(S.shape[0]), np.ones(S.shape[1])
    gaps = S - S[rows, y][:, None] + margin  # s_k - s_c + margin: > 0 when class k comes too close
    gaps[rows, y] = -np.inf  # the true class is not its own rival
    if kind == "crammer_singer":  # only the worst rival counts (the lowest index wins a tie)
        worst = gaps.argmax(axis=1)
        gaps = np.where(np.arange(S.shape[1]) == worst[:, None], gaps, -np.inf)
    violation = np.maximum(gaps, 0.0)
    loss = (violation**2 if squared else violation) @ ones  # sum over the classes
    grad = 2.0 * violation if squared else (violation > 0).astype(np.float64)  # d/ds_k of each term
    grad[rows, y] = -(grad @ ones)  # every term enters with -s_c
    return loss, grad


def multiclass_hinge_loss_and_grad(scores, y, *, margin=1.0, kind="weston_watkins", squared=False,
                                   reduction="mean"):
    """Multi-class hinge loss and its gradient with respect to the (N, C) score matrix.

    Parameters
    ----------
    scores : array-like of shape (N, C)
    y : array-like of shape (N,)
        Integer index of the true class of each sample, in ``[0, C)``.
    margin : float, default 1.0
        Required gap between the true class's score and each wrong class's score.
    kind : {"weston_watkins", "crammer_singer"}
        Weston-Watkins sums the violations over all wrong classes; Crammer-Singer keeps only the
        largest (ties: the wrong class with the lowest index takes the gradient).
    squared : bool, default False
        Square each violation (``torch.nn.MultiMarginLoss(p=2)`` does, up to its 1/C factor).
    reduction : {"mean", "sum", "none"}

    Returns
    -------
    loss : float, or ndarray of shape (N,) for ``reduction="none"``
    grad : ndarray of shape (N, C)
        Weston-Watkins: ``+1`` on each violating wrong class and minus their count on the true class
        (times ``2 * violation`` when squared). A pair that meets the margin exactly gets 0.

    Examples
    --------
    >>> loss, grad = multiclass_hinge_loss_and_grad([[3.0, 2.5, 2.75]], [0])   # class 0 wins, by too little
    >>> loss, grad.tolist()   # 0.5 + 0.75; +1 on each rival that comes too close, -2 on the true class
    (1.25, [[-2.0, 1.0, 1.0]])
    """
    check_choice(reduction, "reduction", REDUCTIONS)
    check_choice(kind, "kind", MULTICLASS_KINDS)
    S, y = check_multiclass_scores_labels(scores, y)
    loss, grad = multiclass_kernel(S, y, check_margin(margin), kind, check_bool(squared, "squared"))
    return _reduce(loss, grad, reduction)


def multiclass_hinge_loss(scores, y, *, margin=1.0, kind="weston_watkins", squared=False, reduction="mean"):
    """The loss part of :func:`multiclass_hinge_loss_and_grad` (same arguments).

    >>> s = [[3.0, 2.5, 2.75]]
    >>> multiclass_hinge_loss(s, [0]), multiclass_hinge_loss(s, [0], kind="crammer_singer")  # only the worst
    (1.25, 0.75)
    """
    return multiclass_hinge_loss_and_grad(scores, y, margin=margin, kind=kind, squared=squared,
                                          reduction=reduction)[0]


def multiclass_hinge_loss_and_grad_naive(scores, y, *, margin=1.0, kind="weston_watkins", squared=False):
    """Loop version of the mean multi-class hinge and its gradient (CS231n's ``svm_loss_naive`` on scores)."""
    check_choice(kind, "kind", MULTICLASS_KINDS)
    S, y = check_multiclass_scores_labels(scores, y)
    margin, squared = check_margin(margin), check_bool(squared, "squared")
    n, c = S.shape
    total, grad = 0.0, np.zeros((n, c))
    for i in range(n):
        rivals = [k for k in range(c) if k != y[i]]
        if kind == "crammer_singer":
            rivals = [max(rivals, key=lambda k: (S[i, k], -k))]  # the worst rival, lowest index on a tie
        for k in rivals:
            v = S[i, k] - S[i, y[i]] + margin
            if v > 0:
                total += v * v if squared else v
                g = 2.0 * v if squared else 1.0
                grad[i, k] += g / n
                grad[i, y[i]] -= g / n
    return total / n, grad
