"""Support vectors, in the two senses the literature uses.

* Dual sense (SVM texts, scikit-learn's ``SVC.support_``, this library's ``support_``): points with
  dual coefficient ``alpha > 0``. At the optimum these are the points with ``y f(x) <= 1``: inside
  the band, misclassified, *or exactly on a margin line* (loss 0).
* Loss sense (the text grid, and a widely read write-up of the seed experiment): the
  :func:`margin_violators`, points with hinge loss > 0, i.e. ``y f(x) < 1``. The on-margin points are
  not among them, so this set can be smaller.

The KKT conditions of the soft-margin SVM split the points into three groups:
``alpha = 0`` (``y f >= 1``, outside), ``0 < alpha < C`` (``y f = 1``, on the margin) and
``alpha = C`` (``y f <= 1``, inside the band or misclassified).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_binary_scores_labels, check_margin, check_positive

__all__ = ["KKTGroups", "kkt_groups", "margin_violators", "membership_changes"]


def margin_violators(scores, y, *, margin=1.0):
    """Boolean mask of the points with hinge loss > 0 (``y * score < margin``): support vectors in the loss sense.

    >>> margin_violators([2.0, 1.0, 0.5, -1.0], [1, 1, 1, 1]).tolist()   # on the margin: not a violator
    [False, False, True, True]
    """
    margin = check_margin(margin)
    s, y = check_binary_scores_labels(scores, y)
    return y * s < margin


class KKTGroups(NamedTuple):
    """Boolean masks of the three KKT groups of a soft-margin SVM solution."""

    outside: np.ndarray  # alpha == 0
    on_margin: np.ndarray  # 0 < alpha < C
    at_bound: np.ndarray  # alpha == C: inside the band or misclassified


def kkt_groups(alpha, C, *, tol=1e-8):
    """Split dual coefficients ``alpha`` (0 <= alpha <= C) into the three KKT groups.

    ``tol`` is relative to ``C``: alpha <= tol*C counts as 0 and alpha >= (1 - tol)*C as C.

    >>> [g.tolist() for g in kkt_groups([0.0, 0.5, 1.0], C=1.0)]
    [[True, False, False], [False, True, False], [False, False, True]]
    """
    alpha = as_float_array(alpha, "alpha", ndim=1)
    C = check_positive(C, "C")
    tol = check_positive(tol, "tol", upper=0.5)
    if (alpha < -tol * C).any() or (alpha > C * (1 + tol)).any():
        raise ValueError(f"alpha must lie in [0, C] = [0, {C:g}]; found values from {alpha.min():g} to {alpha.max():g}.")
    zero = alpha <= tol * C
    bound = alpha >= (1.0 - tol) * C
    return KKTGroups(zero, ~zero & ~bound, bound)


def membership_changes(masks):
    """Given support-vector masks per epoch (shape (T, N)), count the points that enter and leave.

    Returns two int arrays of length T - 1: ``entered[t]`` points that are in the set at epoch
    t + 1 but were not at epoch t, and ``left[t]`` the reverse.

    >>> entered, left = membership_changes([[True, False], [False, True], [False, True]])
    >>> entered.tolist(), left.tolist()
    ([1, 0], [1, 0])
    """
    masks = np.asarray(masks)
    if masks.dtype != bool:
        raise ValueError(f"masks must be boolean (one True/False per point and epoch); got dtype {masks.dtype}.")
    if masks.ndim != 2 or masks.shape[0] < 2:
        raise ValueError(f"masks must be 2-D (epochs, points) with at least 2 epochs; got shape {masks.shape}.")
    before, after = masks[:-1], masks[1:]
    return (after & ~before).sum(axis=1), (before & ~after).sum(axis=1)
