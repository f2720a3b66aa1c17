"""An exact solver for the binary linear SVM with a free bias: SMO on the dual.

It minimises ``J(w, b) = (lam / 2) ||w||^2 + (1/N) sum_i s_i loss(y_i f(x_i))``, ``f(x) = w.x + b``,
for the hinge ``max(0, 1 - m)`` or the squared hinge ``max(0, 1 - m)^2`` and sample weights
``s_i >= 0`` (default 1), to a certified accuracy, so that claims such as "retrain on the support
vectors alone and you get the same line" can be checked exactly. With ``C = 1 / (lam N)``, J is
``lam`` times the objective of ``SVC(kernel="linear", C=C)``, ``(1/2)||w||^2 + C sum_i s_i loss_i``.

**The dual** (Cortes and Vapnik 1995), in SVC's scale, with ``Q_ij = y_i y_j x_i.x_j``::

    minimise    (1/2) a^T (Q + D) a - sum_i a_i
    subject to  sum_i y_i a_i = 0          (this constraint *is* the free bias)
                0 <= a_i <= U_i

hinge: ``U_i = C s_i``, ``D = 0``; squared hinge: ``U_i = inf``, ``D_ii = 1 / (2 C s_i)``. Then
``w = sum_i a_i y_i x_i``: only the support vectors, the points with ``a_i > 0``, shape it.

**KKT conditions.** Hinge: ``a_i = 0`` => ``y_i f_i >= 1``; ``0 < a_i < U_i`` => ``y_i f_i = 1`` (on
the margin); ``a_i = U_i`` => ``y_i f_i <= 1``. Squared hinge: ``a_i = 0`` => ``y_i f_i >= 1``;
``a_i > 0`` => ``y_i f_i = 1 - D_ii a_i``. In the dual's terms, let ``v_i = y_i - w.x_i - y_i D_ii a_i``
(minus ``y_i`` times the dual gradient), ``I_up`` hold the points whose ``y_i a_i`` may still grow
and ``I_low`` those whose ``y_i a_i`` may still shrink: ``a`` is optimal exactly when
``m = max_{I_up} v <= M = min_{I_low} v``, and then ``v_i = b`` for every free ``a_i``.

**SMO** (Platt 1998) moves two coefficients at a time, the fewest that keep ``sum_i y_i a_i = 0``:
``i`` attains ``m`` and ``j`` promises the largest decrease ``(m - v_j)^2 / ||x_i - x_j||^2`` (Fan,
Chen and Lin 2005, "second-order" selection). It stops by **libsvm's rule** ``m - M <= tol``:
every KKT condition then holds to ``tol`` in units of ``y f``, and the duality gap is at most
about ``tol`` in J's units. SMO finds the support vectors quickly but settles the last digits
slowly, so whenever the split of the points into ``a = 0``, ``0 < a < U`` and ``a = U`` holds
still for a few steps, a finishing step solves the KKT conditions on that split (they are linear
there). SMO goes on from its result if that is feasible and no worse; the same rule stops it.
"""

from __future__ import annotations

import functools
import numbers
import warnings
from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, check_binary_labels, check_choice, check_positive, check_same_length

__all__ = ["ExactSolution", "dual_objective", "solve_exact"]

LOSSES = ("hinge", "squared_hinge")
_TAU = 1e-12  # libsvm's stand-in for a zero curvature (two identical points)
_STABLE = 3  # SMO steps without a change of the split before a finishing step is tried
_ROUNDS = 100  # rounds of a finishing step at most


@dataclass(frozen=True)
class ExactSolution:
    """What :func:`solve_exact` returns: ``coef`` (D,) ``= sum_i alpha_i y_i x_i``, ``intercept``,
    ``alpha`` (N,) in SVC's scale (``|SVC.dual_coef_|``; support vectors have ``alpha > 0``),
    ``n_iter`` (SMO steps), ``converged`` (the stopping rule held) and ``objective`` ``J(w, b)``."""

    coef: np.ndarray
    intercept: float
    alpha: np.ndarray
    n_iter: int
    converged: bool
    objective: float


def _check_problem(X, y, reg_strength, loss, sample_weight):
    for value, name in ((X, "X"), (y, "y"), (sample_weight, "sample_weight")):
        if hasattr(value, "dtype") and np.iscomplexobj(value):  # (lists of complex fail in as_float_array)
            raise TypeError(f"{name} holds complex numbers, which are not supported; pass real numbers.")
    X, y = as_float_array(X, "X", ndim=2), check_binary_labels(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D with one label per row of X; got shape {y.shape}.")
    check_same_length(X, y, "X", "y")
    check_choice(loss, "loss", LOSSES)
    s = np.ones(y.size) if sample_weight is None else as_float_array(sample_weight, "sample_weight", ndim=1)
    check_same_length(X, s, "X", "sample_weight")
    if (s < 0).any():
        raise ValueError(f"sample_weight must be >= 0, one weight per sample; it has {(s < 0).sum()} negative values.")
    return X, y, check_positive(reg_strength, "reg_strength"), s


def _check_option(value, name, kind, high=np.inf):
    """``value`` must be an instance of ``kind`` (not a bool) in (0, high]."""
    want = "a positive integer" if kind is numbers.Integral else f"a real number in (0, {high:g}]"
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TypeError(f"{name} must be {want}; got {value!r} of type {type(value).__name__}.")
    if not 0 < value <= high:  # False for NaN too
        raise ValueError(f"{name} must be {want}; got {value!r}.")
    return value


def _objective(X, y, w, b, lam, loss, s):
    """J(w, b) = (lam/2) ||w||^2 + (1/N) sum_i s_i loss_i."""
    slack = np.maximum(0.0, 1.0 - y * (X @ w + b))
    return 0.5 * lam * float(w @ w) + float(s @ (slack**2 if loss == "squared_hinge" else slack)) / y.size


def _dual(X, y, alpha, d):
    """The dual that SMO minimises, (1/2) a^T (Q + D) a - sum_i a_i."""
    w = X.T @ (alpha * y)
    return 0.5 * float(w @ w + d @ alpha**2) - float(alpha.sum())


def dual_objective(X, y, alpha, reg_strength, loss="hinge", sample_weight=None):
    """The dual objective in J's units: ``lam (sum_i a_i - (1/2)||w(a)||^2 - (1/2) sum_i D_ii a_i^2)``.

    For every *feasible* ``alpha`` (``sum_i y_i alpha_i = 0`` and ``0 <= alpha_i <= U_i``; not
    checked here) it is a lower bound on every ``J(w, b)`` (weak duality); at the optimum the two
    meet, so ``J - dual_objective`` certifies how far a solution is from optimal.

    >>> X, y = [[-1.0], [1.0]], [-1, 1]
    >>> sol = solve_exact(X, y, reg_strength=0.25)
    >>> bool(abs(sol.objective - dual_objective(X, y, sol.alpha, 0.25)) < 1e-12)
    True
    """
    X, y, lam, s = _check_problem(X, y, reg_strength, loss, sample_weight)
    a = as_float_array(alpha, "alpha", ndim=1)
    check_same_length(X, a, "X", "alpha")
    d = np.zeros(y.size)  # squared hinge: D_ii = 1 / (2 C s_i) = lam N / (2 s_i)
    if loss == "squared_hinge":
        np.divide(0.5 * lam * y.size, s, out=d, where=s > 0)
    return -lam * _dual(X, y, a, d)


def _state(X, y, alpha, U, d):
    """w, v = y - X w - D y a (minus y times the dual's gradient), and v on I_up (-inf elsewhere,
    so never the max) and on I_low (+inf elsewhere), all from alpha."""
    w = X.T @ (alpha * y)
    v = y - X @ w - d * y * alpha
    up, low = np.where(y > 0, alpha < U, alpha > 0), np.where(y > 0, alpha > 0, alpha < U)
    return w, v, np.where(up, v, -np.inf), np.where(low, v, np.inf)


def _finish_hinge(X, y, alpha, U, tol):
    """Hinge: an active-set method on the dual, from SMO's alpha. On a fixed split the KKT
    conditions are linear: ``y_i (w.x_i + b) = 1`` on the free points, ``w = sum_j a_j y_j x_j``,
    ``sum_j y_j a_j = 0``. Each round moves the free coefficients towards their solution as far as
    the box allows; with more than D + 1 free points there is none, but the least-squares residual
    is a "flat" direction, along which w stays and the dual falls linearly. A coefficient that
    reaches 0 or U is fixed there; at the solution, the worst violator among the fixed is freed."""
    a, free = alpha.copy(), (alpha > 0) & (alpha < U)
    for _ in range(_ROUNDS):
        F, upper = np.flatnonzero(free), (a >= U) & ~free
        if F.size == 0:
            break
        Z = y[F, None] * X[F]
        K = np.block([[Z @ Z.T, y[F, None]], [y[None, F], np.zeros((1, 1))]])
        rhs = np.r_[1.0 - Z @ (X[upper].T @ (U[upper] * y[upper])), -U[upper] @ y[upper]]
        solution, _, rank, _ = np.linalg.lstsq(K, rhs)
        flat = (rhs - K @ solution)[:-1]
        is_flat = rank <= F.size and flat @ flat > 1e-20 * (rhs @ rhs)
        step, limit = (flat, np.inf) if is_flat else (solution[:-1] - a[F], 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            room = np.where(step < 0, -a[F] / step, np.where(step > 0, (U[F] - a[F]) / step, np.inf))
        k = int(room.argmin())
        if room[k] < limit:  # blocked: fix a[F[k]] at the bound it reached
            a[F] = np.clip(a[F] + room[k] * step, 0.0, U[F])
            a[F[k]], free[F[k]] = (0.0 if step[k] < 0 else U[F[k]]), False
            continue
        if is_flat:
            break
        a[F] = solution[:-1]
        v = y - X @ (X.T @ (a * y))
        violation = np.where(a > 0, -y, y) * (v - solution[-1])  # > 0: y f < 1 at a = 0, or y f > 1 at a = U
        violation[free] = -np.inf
        k = int(violation.argmax())
        if violation[k] <= 0.5 * tol:
            break
        free[k] = True
    return a


def _finish_squared_hinge(X, y, alpha, d):
    """Squared hinge: on a fixed support set S, ``a_i = (1 - y_i f_i) / D_ii`` and J is a ridge
    regression of y on S (weights 1 / D_ii; b not penalised). Solve it, reset S to the points with
    ``y f < 1`` and repeat until S stops changing (the finite Newton method)."""
    X1, c, S = np.column_stack([X, np.ones(y.size)]), 1.0 / d, alpha > 0
    ridge = np.eye(X.shape[1], X.shape[1] + 1)  # the penalty rows: ||w||^2 but not b
    for _ in range(_ROUNDS):
        r = np.sqrt(c[S])
        wb = np.linalg.lstsq(np.vstack([r[:, None] * X1[S], ridge]), np.r_[r * y[S], np.zeros(X.shape[1])])[0]
        slack = 1.0 - y * (X1 @ wb)
        if np.array_equal(slack > 0, S):
            break
        S = slack > 0
    return c * np.maximum(slack, 0.0)


def _smo(X, y, U, d, tol, max_iter, squared):
    """SMO from alpha = 0. Returns alpha, the number of steps and "converged" or why it stopped."""
    N, D = X.shape
    alpha, sq = np.zeros(N), np.einsum("ij,ij->i", X, X)

    @functools.lru_cache(maxsize=max(2, 2**27 // (16 * N)))  # 128 MB of rows at most
    def row(i):  # x_i.x_l for every l, and the dual's curvature along each pair (i, l)
        K = X @ X[i]
        c = sq + sq[i] - 2.0 * K  # ||x_i - x_l||^2, mostly rounding for (near-)duplicates:
        near = np.flatnonzero(c <= 1e-6 * (sq + sq[i]))
        c[near] = np.einsum("ij,ij->i", X[near] - X[i], X[near] - X[i])
        c += d + d[i]
        return K, np.where(c > 0, c, _TAU)

    _, v, v_up, v_low = _state(X, y, alpha, U, d)
    n_iter, stable, exact = 0, 0, True  # stable: steps since the split last changed
    while True:
        i = int(v_up.argmax())
        gain = v_up[i] - v_low  # > 0 for the j in I_low that violate optimality together with i
        if gain.max() <= tol:
            if exact:
                return alpha, n_iter, "converged"
            (_, v, v_up, v_low), exact = _state(X, y, alpha, U, d), True  # confirm, free of rounding
            continue
        if n_iter == max_iter:
            return alpha, n_iter, f"reached max_iter={max_iter}"
        K_i, curvature = row(i)
        np.maximum(gain, 0.0, out=gain)
        j = int((gain * gain / curvature).argmax())
        # a_i += y_i t and a_j -= y_j t keep sum y a; t minimises the dual on that line, inside the box.
        ai, aj = alpha[i], alpha[j]
        room_i, room_j = (U[i] - ai if y[i] > 0 else ai), (aj if y[j] > 0 else U[j] - aj)
        t = min(gain[j] / curvature[j], room_i, room_j)
        alpha[i] = (U[i] if y[i] > 0 else 0.0) if t == room_i else min(max(ai + y[i] * t, 0.0), U[i])
        alpha[j] = (0.0 if y[j] > 0 else U[j]) if t == room_j else min(max(aj - y[j] * t, 0.0), U[j])
        if alpha[i] == ai and alpha[j] == aj:
            return alpha, n_iter, "stalled (the next step is below floating-point resolution)"
        n_iter, exact = n_iter + 1, False
        dv = ((alpha[i] - ai) * y[i]) * K_i  # v_l moves by -x_l.dw, dw = sum_k (change of a_k) y_k x_k
        dv += ((alpha[j] - aj) * y[j]) * row(j)[0]
        for u in (v, v_up, v_low):  # (v_up and v_low are v, or +-inf where they do not count)
            u -= dv
        for k, old in ((i, ai), (j, aj)):  # a_i and a_j: their D term, and whether they are in I_up, I_low
            v[k] -= y[k] * d[k] * (alpha[k] - old)
            up, low = (alpha[k] < U[k], alpha[k] > 0) if y[k] > 0 else (alpha[k] > 0, alpha[k] < U[k])
            v_up[k], v_low[k] = (v[k] if up else -np.inf), (v[k] if low else np.inf)
        stayed_free = 0 < ai < U[i] and 0 < aj < U[j] and 0 < alpha[i] < U[i] and 0 < alpha[j] < U[j]
        stable = stable + 1 if stayed_free else 0
        if stable == _STABLE and (squared or ((alpha > 0) & (alpha < U)).sum() <= D + 1 + _ROUNDS // 2):
            trial = _finish_squared_hinge(X, y, alpha, d) if squared else _finish_hinge(X, y, alpha, U, tol)
            if abs(trial @ y) <= 1e-12 * (1.0 + trial.sum()) and _dual(X, y, trial, d) <= _dual(X, y, alpha, d):
                alpha, exact = trial, True  # feasible and no worse: go on from there
                _, v, v_up, v_low = _state(X, y, alpha, U, d)


def solve_exact(X, y, reg_strength, *, loss="hinge", tol=1e-10, max_iter=None, sample_weight=None):
    """Minimise J(w, b) exactly; the bias is free, as in ``SVC(kernel="linear", C=1 / (lam N))``.

    Parameters
    ----------
    X : array-like of shape (N, D)
    y : array-like of shape (N,), labels in {-1, +1}, both present
    reg_strength : float, ``lam > 0``
    loss : {"hinge", "squared_hinge"}, default "hinge"
    tol : float in (0, 1], default 1e-10, for libsvm's stopping rule ``m - M <= tol``
    max_iter : int, default ``max(10_000, 100 N)`` SMO steps. If the rule has not held by then (or
        SMO stalls), ``converged`` is False and a ``RuntimeWarning`` says what to try.
    sample_weight : array-like of shape (N,), optional, ``s_i >= 0`` as in ``SVC.fit``: the box of
        point i becomes ``0 <= alpha_i <= C s_i`` (squared hinge: ``D_ii = 1 / (2 C s_i)``).

    Returns
    -------
    ExactSolution, with libsvm's bias: the mean of ``v_i`` over the free support vectors (the KKT
    conditions make each equal to ``b``), or ``(m + M) / 2`` if none is free.

    Examples
    --------
    ``SVC(kernel="linear", C=25, tol=1e-10)`` finds the same ``coef_``, ``intercept_`` and
    ``|dual_coef_|`` (on points 0 and 2):

    >>> X = np.array([[0.0, 1.0], [0.0, 3.0], [0.0, -1.0], [0.0, -3.0]])
    >>> sol = solve_exact(X, [1, 1, -1, -1], reg_strength=0.01)   # C = 25: a hard margin here
    >>> sol.coef.tolist(), sol.intercept, sol.alpha.tolist(), sol.converged
    ([0.0, 1.0], 0.0, [0.5, 0.0, 0.5, 0.0], True)
    """
    X, y, lam, s = _check_problem(X, y, reg_strength, loss, sample_weight)
    tol = float(_check_option(tol, "tol", numbers.Real, 1.0))
    N, keep = y.size, s > 0  # points of weight 0 drop out of the problem
    max_iter = max(10_000, 100 * N) if max_iter is None else _check_option(max_iter, "max_iter", numbers.Integral)
    if not ((y[keep] > 0).any() and (y[keep] < 0).any()):
        raise ValueError("y contains only one class (among the samples of positive weight); "
                         "the SVM needs samples labelled -1 and +1.")
    C, squared = 1.0 / (lam * N), loss == "squared_hinge"
    Xk, yk, sk = np.ascontiguousarray(X[keep]), y[keep], s[keep]
    U, d = (np.full(yk.size, np.inf), 0.5 / (C * sk)) if squared else (C * sk, np.zeros(yk.size))
    a, n_iter, status = _smo(Xk, yk, U, d, tol, max_iter, squared)
    w, v, v_up, v_low = _state(Xk, yk, a, U, d)
    free = (a > 0) & (a < U)
    b = float(v[free].mean()) if free.any() else 0.5 * float(v_up.max() + v_low.min())
    alpha = np.zeros(N)
    alpha[keep] = a
    J = _objective(X, y, w, b, lam, loss, s)
    if status != "converged":
        gap, scale = (J + lam * _dual(Xk, yk, a, d)) / max(1.0, J), Xk.std(axis=0)
        warnings.warn(f"solve_exact {status} after {n_iter} SMO steps, before m - M <= tol = {tol:g} held (m - M = "
                      f"{v_up.max() - v_low.min():.2g}; relative duality gap {gap:.2g}). Features on very different "
                      f"scales make SMO crawl (here their standard deviations range from {scale.min():.2g} to "
                      f"{scale.max():.2g}): standardise the features, e.g. with sklearn.preprocessing.StandardScaler. "
                      "Otherwise increase max_iter or tol.", RuntimeWarning, stacklevel=2)
    return ExactSolution(coef=w, intercept=b, alpha=alpha, n_iter=n_iter, converged=status == "converged", objective=J)
