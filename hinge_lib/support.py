"""Support vectors, in the two senses the literature uses.

* Loss sense (this course's text grid): points with hinge loss > 0, i.e. ``y f(x) < margin``:
  inside the margin band or on the wrong side.
* Dual sense (SVM texts, scikit-learn's ``SVC.support_``): points with dual coefficient
  ``alpha > 0``. This also includes points lying *exactly* on a margin line (loss 0), so the
  dual set can be larger than the loss set.

The KKT conditions of the soft-margin SVM split the points into three groups:
``alpha = 0`` (``y f >= 1``, outside), ``0 < alpha < C`` (``y f = 1``, on the margin) and
``alpha = C`` (``y f <= 1``, inside the band or misclassified).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import (
    as_float_array,
    check_binary_labels,
    check_binary_scores_labels,
    check_margin,
    check_positive,
    check_same_length,
)


def support_vector_mask(scores, y, *, margin=1.0):
    """Boolean mask of the points with hinge loss > 0 (``y * score < margin``).

    >>> support_vector_mask([2.0, 1.0, 0.5, -1.0], [1, 1, 1, 1]).tolist()   # on the margin: not a SV
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
    """
    alpha = as_float_array(alpha, "alpha", ndim=1)
    C = check_positive(C, "C")
    if (alpha < -tol * C).any() or (alpha > C * (1 + tol)).any():
        raise ValueError(f"alpha must lie in [0, C] = [0, {C:g}]; found values from {alpha.min():g} to {alpha.max():g}.")
    zero = alpha <= tol * C
    bound = alpha >= (1.0 - tol) * C
    return KKTGroups(zero, ~zero & ~bound, bound)


def membership_changes(masks):
    """Given support-vector masks per epoch (shape (T, N)), count the points that enter and leave.

    Returns two int arrays of length T - 1: ``entered[t]`` points that are support vectors at
    epoch t + 1 but were not at epoch t, and ``left[t]`` the reverse.
    """
    masks = np.asarray(masks, dtype=bool)
    if masks.ndim != 2 or masks.shape[0] < 2:
        raise ValueError(f"masks must be 2-D (epochs, points) with at least 2 epochs; got shape {masks.shape}.")
    before, after = masks[:-1], masks[1:]
    return (after & ~before).sum(axis=1), (before & ~after).sum(axis=1)


def support_masks_from_history(history, X, y, *, margin=1.0):
    """Loss-sense support-vector masks at every recorded epoch of a binary iterative fit.

    ``history`` is ``LinearSVM.history_`` (its ``"coef"`` of shape (T, D) and ``"intercept"`` of
    shape (T,)); returns a bool array of shape (T, N): ``masks[t, i]`` is True when point ``i`` has
    hinge loss > 0 under the parameters recorded at epoch ``t``. Row 0 is the initial state.

    >>> hist = {"coef": [[0.0], [2.0]], "intercept": [0.0, 0.0]}
    >>> support_masks_from_history(hist, [[1.0], [-1.0]], [1, -1]).tolist()
    [[True, True], [False, False]]
    """
    margin = check_margin(margin)
    coefs = as_float_array(history["coef"], "history['coef']", ndim=2)
    intercepts = as_float_array(history["intercept"], "history['intercept']", ndim=1)
    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    if coefs.shape[1] != X.shape[1]:
        raise ValueError(
            f"history['coef'] has {coefs.shape[1]} weights per epoch but X has {X.shape[1]} features; "
            "pass the history of a binary model fitted on data like X."
        )
    check_same_length(coefs, intercepts, "history['coef']", "history['intercept']")
    scores = coefs @ X.T + intercepts[:, None]
    return y * scores < margin


class MovedPointFit(NamedTuple):
    """What :func:`refit_with_moved_point` returns: the exact SVM before and after moving one point."""

    index: int
    point_before: np.ndarray  # (2,) or (D,)
    point_after: np.ndarray
    coef_before: np.ndarray  # (D,)
    intercept_before: float
    coef_after: np.ndarray
    intercept_after: float
    alpha_before: float  # the moved point's dual coefficient before ...
    alpha_after: float  # ... and after the move
    C: float  # 1 / (reg_strength N): the upper bound of every alpha
    margin_at_old_boundary: float  # y f(x_moved) under the *old* (w, b)
    change: float  # max |change| over the entries of w and b
    boundary_moved: bool  # change > atol


def refit_with_moved_point(X, y, index, shift, *, reg_strength=0.01, atol=1e-7, before=None):
    """Move point ``index`` by ``shift`` and refit the exact hinge SVM: does the boundary move?

    It moves only if the point is a support vector (``alpha > 0``) before or after the move: a
    point that keeps ``y f(x) >= 1`` at the old boundary is still outside the band, the old
    ``(w, b)`` still satisfies every KKT condition, and the optimum stays where it was. The
    converse does not hold: when the on-margin points (``0 < alpha < C``) pin the line down, they
    can absorb a new pull by rebalancing their alpha inside ``(0, C)``, and the line stays put even
    though the moved point became (or stopped being) a support vector.

    ``atol`` decides "moved": the exact solver is accurate to about 1e-10, so a change above
    ``1e-7`` is real and one below is rounding. ``before`` may pass the solution on the unmoved data,
    ``exact.solve_exact(X, y, reg_strength)``, to save one solve when moving many points in turn.

    >>> X, y = [[0.0, 1.0], [0.0, 3.0], [0.0, -1.0], [0.0, -3.0]], [1, 1, -1, -1]
    >>> refit_with_moved_point(X, y, 1, (2.0, 1.0)).boundary_moved   # far point moves further out
    False
    >>> refit_with_moved_point(X, y, 1, (0.0, -2.5)).boundary_moved  # ... or into the band
    True
    """
    from .exact import solve_exact  # import here: exact.py is the heavier module

    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    n = X.shape[0]
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < n:
        raise ValueError(f"index must be an integer in [0, {n - 1}] (a row of X); got {index!r}.")
    shift = as_float_array(shift, "shift", ndim=1)
    if shift.shape[0] != X.shape[1]:
        raise ValueError(f"shift must have one entry per feature ({X.shape[1]}); got {shift.shape[0]}.")
    index = int(index)
    if before is None:
        before = solve_exact(X, y, reg_strength)
    elif before.alpha.shape != (n,):
        raise ValueError(f"before must be solve_exact(X, y, reg_strength) for these {n} points; "
                         f"its alpha has shape {before.alpha.shape}.")
    X_moved = X.copy()
    X_moved[index] += shift
    after = solve_exact(X_moved, y, reg_strength)
    change = float(max(np.abs(after.coef - before.coef).max(), abs(after.intercept - before.intercept)))
    return MovedPointFit(
        index=index,
        point_before=X[index].copy(),
        point_after=X_moved[index].copy(),
        coef_before=before.coef,
        intercept_before=before.intercept,
        coef_after=after.coef,
        intercept_after=after.intercept,
        alpha_before=float(before.alpha[index]),
        alpha_after=float(after.alpha[index]),
        C=1.0 / (float(reg_strength) * n),
        margin_at_old_boundary=float(y[index] * (X_moved[index] @ before.coef + before.intercept)),
        change=change,
        boundary_moved=change > atol,
    )
