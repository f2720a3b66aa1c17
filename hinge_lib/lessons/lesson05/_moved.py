"""Move one point and refit the exact SVM: does the line move, and could the on-margin points have held it?"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ... import kkt_groups, solve_exact
from ...exact import ExactSolution
from ..._validation import as_float_array, check_binary_labels, check_positive, check_same_length

MOVED_ATOL = 1e-7  # the exact solver is accurate to about 1e-10: a change above 1e-7 is real


class MovedPoint(NamedTuple):
    """What :func:`refit_with_moved_point` returns: the exact SVM before and after moving one point."""

    index: int
    point_before: np.ndarray
    point_after: np.ndarray
    before: ExactSolution  # fitted on the unmoved data
    after: ExactSolution  # fitted with point ``index`` at ``point_after``
    C: float  # 1 / (reg_strength N), the upper bound of every alpha
    margin_at_old_line: float  # y f(point_after) under the old (w, b)
    change: float  # max |change| over the entries of w and b
    moved: bool  # change > MOVED_ATOL
    on_margin: np.ndarray  # indices of the on-margin points of the old solution (0 < alpha < C)
    kept_line_alphas: np.ndarray | None  # their alphas if the old line stayed (None: not defined, see below)

    @property
    def alpha_before(self):
        return float(self.before.alpha[self.index])

    @property
    def alpha_after(self):
        return float(self.after.alpha[self.index])

    @property
    def line_can_stay(self):
        """True when ``kept_line_alphas`` all lie in [0, C]: the old line still meets every KKT condition."""
        if self.kept_line_alphas is None:
            return None
        slack = 1e-9 * self.C
        return bool(np.all((self.kept_line_alphas >= -slack) & (self.kept_line_alphas <= self.C + slack)))


def _kept_line_alphas(X, y, index, new_point, before, C, on_margin):
    """The on-margin alphas that keep the old line after the move, or None where that is not one linear solve.

    If the old line stays, every other point keeps its margin, so its alpha is forced (0 beyond the
    margin, C inside the band); the moved point's alpha is forced too (0 if ``y f > 1`` at its new place,
    C if ``y f < 1``). Only the on-margin alphas are free: they must cancel the change of the moved point's
    pull on ``w = sum alpha_i y_i x_i`` and on ``sum alpha_i y_i``. With D + 1 on-margin points that is one
    square linear system. Not defined when the moved point is itself on the margin or ends exactly on it.
    """
    w, b = before.coef, before.intercept
    margin_new = y[index] * (new_point @ w + b)
    if index in on_margin or on_margin.size != X.shape[1] + 1 or abs(margin_new - 1.0) < 1e-12:
        return None
    alpha_old, alpha_new = before.alpha[index], (0.0 if margin_new > 1.0 else C)
    delta_w = y[index] * (alpha_new * new_point - alpha_old * X[index])
    delta_s = y[index] * (alpha_new - alpha_old)
    A = np.vstack([(y[on_margin, None] * X[on_margin]).T, y[on_margin]])  # column i: y_i (x_i, 1)
    try:
        return before.alpha[on_margin] + np.linalg.solve(A, -np.append(delta_w, delta_s))
    except np.linalg.LinAlgError:
        return None


def refit_with_moved_point(X, y, index, new_point, *, reg_strength=0.01, before=None):
    """Put point ``index`` at ``new_point`` and refit the exact hinge SVM: does the line move?

    Its core is four lines: copy ``X``, move one row, ``solve_exact`` again, compare ``(w, b)``.
    If the point has ``alpha = 0`` before and after, the old line still meets every KKT condition and
    stays. Otherwise it can move, unless the on-margin points (``0 < alpha < C``) absorb the change of
    pull: ``kept_line_alphas`` are the alphas they would need, ``line_can_stay`` says whether those lie
    in [0, C].

    Parameters
    ----------
    X : array of shape (N, D); y : labels in {-1, +1}
    index : int, the row of ``X`` to move
    new_point : array of shape (D,), where it goes
    reg_strength : float, lambda (C = 1 / (lambda N))
    before : ExactSolution, optional; ``solve_exact(X, y, reg_strength)`` if already computed

    Returns
    -------
    MovedPoint

    Examples
    --------
    >>> X, y = [[0.0, 1.0], [0.0, 3.0], [0.0, -1.0], [0.0, -3.0]], [1, 1, -1, -1]
    >>> refit_with_moved_point(X, y, 1, (2.0, 4.0)).moved     # a far point moves further out
    False
    >>> refit_with_moved_point(X, y, 1, (0.0, 0.5)).moved     # ... or into the band
    True
    """
    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    n = X.shape[0]
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < n:
        raise ValueError(f"index must be an integer in [0, {n - 1}] (a row of X); got {index!r}.")
    index = int(index)
    new_point = as_float_array(new_point, "new_point", ndim=1)
    if new_point.shape != (X.shape[1],):
        raise ValueError(f"new_point must have one coordinate per feature ({X.shape[1]}); got {new_point.shape[0]}.")
    reg_strength = check_positive(reg_strength, "reg_strength")
    if before is None:
        before = solve_exact(X, y, reg_strength)
    elif not isinstance(before, ExactSolution) or before.alpha.shape != (n,):
        raise ValueError(f"before must be solve_exact(X, y, reg_strength) for these {n} points.")

    X_moved = X.copy()                                        # the core: move one row ...
    X_moved[index] = new_point
    after = solve_exact(X_moved, y, reg_strength)             # ... refit ...
    change = max(np.abs(after.coef - before.coef).max(), abs(after.intercept - before.intercept))  # ... compare

    C = 1.0 / (reg_strength * n)
    on_margin = np.flatnonzero(kkt_groups(before.alpha, C).on_margin)
    return MovedPoint(
        index=index,
        point_before=X[index].copy(),
        point_after=new_point.copy(),
        before=before,
        after=after,
        C=C,
        margin_at_old_line=float(y[index] * (new_point @ before.coef + before.intercept)),
        change=float(change),
        moved=bool(change > MOVED_ATOL),
        on_margin=on_margin,
        kept_line_alphas=_kept_line_alphas(X, y, index, new_point, before, C, on_margin),
    )


def _num(v, fmt="+.2f"):
    """A number formatted without a "-0.00"."""
    text = format(v, fmt)
    return text.replace("-", "+", 1) if float(text) == 0 else text


def describe_moved_point(fit):
    """A few lines about a :class:`MovedPoint`: where the point went, its alpha, the verdict and why."""
    p, q = fit.point_before, fit.point_after
    coords = lambda v: "(" + ", ".join(_num(c) for c in v) + ")"
    where = "not moved" if np.array_equal(p, q) else f"moved from {coords(p)} to {coords(q)}"
    lines = [
        f"point {fit.index} {where}",
        f"alpha before {fit.alpha_before:.3f}, after {fit.alpha_after:.3f} (C = {fit.C:.3f}); "
        f"its margin y f at the old line: {_num(fit.margin_at_old_line, '+.3f')}",
        f"line MOVED: max |change in w, b| = {fit.change:.4f}" if fit.moved
        else f"line unchanged: max |change in w, b| < {MOVED_ATOL:.0e} (solver rounding)",
    ]
    if fit.kept_line_alphas is not None:
        values = ", ".join(_num(a, "+.3f") for a in fit.kept_line_alphas)
        inside = fit.line_can_stay
        lines.append(f"to keep the old line, the on-margin points {', '.join(map(str, fit.on_margin))} would need "
                     f"alpha = ({values}): {'all in' if inside else 'not all in'} [0, C]")
    elif fit.index in fit.on_margin:
        lines.append(f"point {fit.index} was on its margin line (0 < alpha < C): one of the points that pin the line")
    return "\n".join(lines)
