"""Tests of hinge_lib.exact: the SMO solver of the linear SVM with a free bias.

References used here, all independent of the code under test:
* scikit-learn's SVC(kernel="linear", C=1/(lam N), tol=1e-10), i.e. libsvm;
* scipy's L-BFGS-B on the smooth primal of the squared hinge;
* the optimality conditions themselves (KKT, duality gap), computed in the tests with plain numpy.

libsvm stores kernel values in single precision (``typedef float Qfloat`` in svm.cpp). On general
data that limits SVC to about 1e-8 relative in the objective and 1e-6 in ``coef_``, whatever ``tol``
is, so it cannot referee a solver that is exact to 1e-10. The comparisons with SVC therefore use
*dyadic* data, rounded to multiples of 1/16: every x_i.x_j is then a multiple of 1/256 far below
2**24 / 256, exactly representable in float32, and libsvm solves exactly the problem we solve.
``test_svc_on_general_data_is_only_float32_accurate`` shows the effect on general data.
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize
from sklearn.svm import SVC

from hinge_lib import exact
from hinge_lib.exact import ExactSolution, dual_objective, solve_exact, svm_objective

TOL = 1e-10  # solve_exact's default stopping tolerance


# ----------------------------------------------------------------------------- helpers


def make_data(seed, n, d, kind="overlap", dyadic=True):
    """Gaussian points labelled by a random hyperplane.

    kind="separable" drops the points closest to the hyperplane, leaving a gap;
    kind="overlap" flips labels with noise. dyadic=True rounds X to multiples of 1/16.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    if dyadic:
        X = np.round(16 * X) / 16
    score = X @ rng.standard_normal(d)
    if kind == "separable":
        keep = np.abs(score) > 0.3 * np.abs(score).std()
        X, score = X[keep], score[keep]
        y = np.where(score > 0, 1.0, -1.0)
    else:
        y = np.where(score + rng.standard_normal(score.size) > 0, 1.0, -1.0)
    assert (y > 0).any() and (y < 0).any()
    return X, y


def svc_reference(X, y, lam):
    """SVC's solution in the library's terms: coef (D,), intercept, alpha (N,)."""
    C = 1.0 / (lam * X.shape[0])
    svc = SVC(kernel="linear", C=C, tol=1e-10).fit(X, y)
    assert list(svc.classes_) == [-1.0, 1.0]  # so positive scores mean class +1, as in the library
    alpha = np.zeros(X.shape[0])
    alpha[svc.support_] = np.abs(svc.dual_coef_[0])
    return svc.coef_[0], float(svc.intercept_[0]), alpha


def primal(X, y, w, b, lam, loss="hinge"):
    """J(w, b), written out here rather than taken from the library."""
    slack = np.maximum(0.0, 1.0 - y * (X @ w + b))
    return 0.5 * lam * w @ w + np.mean(slack**2 if loss == "squared_hinge" else slack)


def dual(X, y, alpha, lam, loss="hinge"):
    """The dual objective in J's units, written out here."""
    C = 1.0 / (lam * X.shape[0])
    w = X.T @ (alpha * y)
    extra = alpha @ alpha / (4 * C) if loss == "squared_hinge" else 0.0
    return lam * (alpha.sum() - 0.5 * w @ w - extra)


def on_margin(X, y, sol, eps=1e-7):
    """Points with y f = 1 (to eps): there alpha may be anything in [0, C] in a degenerate problem."""
    return np.abs(y * (X @ sol.coef + sol.intercept) - 1.0) <= eps


# ----------------------------------------------------------------------------- against SVC

SVC_CASES = [
    (kind, n, d, lam, seed)
    for kind in ("separable", "overlap")
    for n, d in ((40, 3), (120, 5), (300, 8))
    for lam in (1e-3, 1e-2, 1e-1, 1.0)
    for seed in range(3)
]


@functools.lru_cache(maxsize=None)
def solved_svc_case(kind, n, d, lam, seed):
    X, y = make_data(seed, n, d, kind)
    return X, y, solve_exact(X, y, lam), svc_reference(X, y, lam)


def has_unique_alpha(X, y, sol):
    """alpha is unique when the points on the margin lines are affinely independent."""
    margin = on_margin(X, y, sol)
    A = np.hstack([X[margin], np.ones((margin.sum(), 1))])
    return margin.sum() <= X.shape[1] + 1 and np.linalg.matrix_rank(A) == margin.sum()


@pytest.mark.parametrize("kind, n, d, lam, seed", SVC_CASES)
def test_matches_svc(kind, n, d, lam, seed):
    X, y, sol, (coef, intercept, alpha) = solved_svc_case(kind, n, d, lam, seed)
    C = 1.0 / (lam * X.shape[0])
    assert sol.converged

    # Same objective. Both solvers stop when every KKT condition holds to 1e-10, which bounds
    # each one's gap to the optimum by about 1e-10 in J's units (see test_duality_gap_is_below_tol).
    svc_objective = primal(X, y, coef, intercept, lam)
    assert sol.objective == pytest.approx(svc_objective, rel=1e-8, abs=0)

    # Same w. w is unique (J is strongly convex in w). With the optimum non-degenerate the error
    # in w grows linearly with the KKT violations (1e-10); observed differences are below 1e-8
    # on these cases, so 1e-6 leaves a wide margin while still catching any real error.
    np.testing.assert_allclose(sol.coef, coef, rtol=0, atol=1e-6)

    margin = on_margin(X, y, sol)
    free = (sol.alpha > 0) & (sol.alpha < C)
    if free.any():  # b is then pinned down by y f = 1 on the free support vectors
        assert sol.intercept == pytest.approx(intercept, abs=1e-6)
    else:  # no free SV: every b in an interval is optimal, and SVC may pick another point of it
        assert primal(X, y, sol.coef, intercept, lam) == pytest.approx(sol.objective, rel=1e-8, abs=0)

    # Same support set, except points exactly on a margin line, where a degenerate problem lets
    # alpha take any value in [0, C]. Away from the margin lines alpha is forced (0 outside the
    # band, C inside), so it must agree there.
    ours, theirs = sol.alpha > 0, alpha > 1e-8 * C
    assert not ((ours != theirs) & ~margin).any()
    np.testing.assert_allclose(sol.alpha[~margin], alpha[~margin], rtol=0, atol=1e-6 * C)

    if has_unique_alpha(X, y, sol):  # then everything must agree
        np.testing.assert_allclose(sol.alpha, alpha, rtol=0, atol=1e-6 * C)
        assert (ours == theirs).all()


def test_svc_cases_are_mostly_non_degenerate():
    """The unique-alpha and unique-b branches of test_matches_svc must not be vacuous."""
    unique_alpha = with_free = 0
    for kind, n, d, lam, seed in SVC_CASES:
        X, y, sol, _ = solved_svc_case(kind, n, d, lam, seed)
        C = 1.0 / (lam * X.shape[0])
        unique_alpha += bool(has_unique_alpha(X, y, sol))
        with_free += bool(((sol.alpha > 0) & (sol.alpha < C)).any())
    assert unique_alpha >= 0.9 * len(SVC_CASES)
    assert with_free >= 0.9 * len(SVC_CASES)


def test_svc_on_general_data_is_only_float32_accurate():
    """On non-dyadic data SVC's answer is slightly worse than ours, and its own certificate says so.

    The course's benchmark problem: N = 2000, D = 20, noisy labels, C = 1.
    """
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2000, 20))
    y = np.where(X @ rng.standard_normal(20) + rng.standard_normal(2000) > 0, 1.0, -1.0)
    lam = 1.0 / 2000
    sol = solve_exact(X, y, lam)
    coef, intercept, alpha = svc_reference(X, y, lam)
    ours, theirs = sol.objective, primal(X, y, coef, intercept, lam)
    our_gap = ours - dual(X, y, sol.alpha, lam)
    assert sol.converged
    assert abs(our_gap) <= TOL  # ours: optimal to 1e-10 in J's units, certified by duality
    # SVC's primal lies between the optimum and its own dual bound, and is no better than ours.
    assert dual(X, y, alpha, lam) - 1e-12 <= ours <= theirs + 1e-12
    assert theirs - ours <= 1e-6 * ours  # close, but not to 1e-10
    np.testing.assert_allclose(sol.coef, coef, rtol=0, atol=1e-4)


# ----------------------------------------------------------------------------- optimality conditions

problems = st.builds(
    lambda seed, n, d, log_lam: (seed, n, d, 10.0**log_lam),
    st.integers(0, 2**32 - 1),
    st.integers(2, 40),
    st.integers(1, 4),
    st.floats(-3, 1),
)


def random_problem(seed, n, d):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) * rng.uniform(0.1, 10)
    y = np.where(rng.random(n) < rng.uniform(0.2, 0.8), 1.0, -1.0)
    y[:2] = [1.0, -1.0]  # both classes present
    X += y[:, None] * rng.uniform(0, 2)  # from heavily overlapping to separable
    return X, y


@given(problems)
def test_kkt_conditions_hold_at_the_solution(problem):
    seed, n, d, lam = problem
    X, y = random_problem(seed, n, d)
    C = 1.0 / (lam * n)
    sol = solve_exact(X, y, lam)
    assert sol.converged
    yf = y * (X @ sol.coef + sol.intercept)
    # The stopping rule bounds every violation by tol (in units of y f); rounding adds ~1e-15 |f|.
    eps = 2 * TOL + 1e-13 * (1 + np.abs(X @ sol.coef).max() + abs(sol.intercept))
    a = sol.alpha
    assert ((a >= 0) & (a <= C)).all()
    assert (yf[a == 0] >= 1 - eps).all()  # outside the band
    assert (np.abs(yf[(a > 0) & (a < C)] - 1) <= eps).all()  # on the margin
    assert (yf[a == C] <= 1 + eps).all()  # inside the band or misclassified
    assert abs(a @ y) <= 1e-12 * C * n  # sum_i alpha_i y_i = 0: the free bias
    np.testing.assert_allclose(sol.coef, X.T @ (a * y), rtol=0, atol=1e-12 * (1 + np.abs(X).max() * C * n))


@given(problems)
def test_kkt_conditions_squared_hinge(problem):
    seed, n, d, lam = problem
    X, y = random_problem(seed, n, d)
    C = 1.0 / (lam * n)
    sol = solve_exact(X, y, lam, loss="squared_hinge")
    assert sol.converged
    yf = y * (X @ sol.coef + sol.intercept)
    eps = 2 * TOL + 1e-13 * (1 + np.abs(X @ sol.coef).max() + abs(sol.intercept))
    a = sol.alpha
    assert (a >= 0).all()
    assert (yf[a == 0] >= 1 - eps).all()
    # every support vector sits at y f = 1 - xi with slack xi = alpha / (2C)
    np.testing.assert_allclose(yf[a > 0], 1 - a[a > 0] / (2 * C), rtol=0, atol=eps)
    assert abs(a @ y) <= 1e-12 * (1 + a.sum())
    np.testing.assert_allclose(sol.coef, X.T @ (a * y), rtol=0, atol=1e-12 * (1 + np.abs(X).max() * a.sum()))


@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
@pytest.mark.parametrize("tol", [1e-3, 1e-6, 1e-10])
@settings(max_examples=40)
@given(problem=problems)
def test_duality_gap_is_below_tol(problem, tol, loss):
    """With libsvm's stopping rule every KKT violation is at most tol, so the duality gap
    J(w, b) - dual(alpha) is at most tol (in J's units): the answer is within tol of optimal."""
    seed, n, d, lam = problem
    X, y = random_problem(seed, n, d)
    sol = solve_exact(X, y, lam, loss=loss, tol=tol)
    gap = sol.objective - dual(X, y, sol.alpha, lam, loss)
    assert -1e-12 * max(1.0, sol.objective) <= gap <= tol + 1e-12 * max(1.0, sol.objective)


@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
def test_duality_gap_is_tiny_on_larger_problems(loss):
    X, y = make_data(4, 600, 10, "overlap", dyadic=False)
    lam = 1e-2
    sol = solve_exact(X, y, lam, loss=loss)
    assert sol.converged
    gap = sol.objective - dual_objective(X, y, sol.alpha, lam, loss=loss)
    assert abs(gap) <= 1e-12 * sol.objective + TOL


def test_objective_field_is_the_primal_objective():
    X, y = make_data(1, 80, 3)
    for loss in ("hinge", "squared_hinge"):
        sol = solve_exact(X, y, 0.05, loss=loss)
        assert sol.objective == pytest.approx(primal(X, y, sol.coef, sol.intercept, 0.05, loss), rel=1e-14)
        assert sol.objective == pytest.approx(svm_objective(X, y, sol.coef, sol.intercept, 0.05, loss=loss), rel=1e-14)


@given(st.integers(0, 2**32 - 1), st.sampled_from(["hinge", "squared_hinge"]))
def test_weak_duality_for_any_feasible_alpha(seed, loss):
    """dual_objective(alpha) <= svm_objective(w, b) for every feasible alpha and every (w, b)."""
    rng = np.random.default_rng(seed)
    n, d = rng.integers(2, 30), rng.integers(1, 4)
    X, y = random_problem(seed, n, d)
    lam = 10.0 ** rng.uniform(-3, 1)
    C = 1.0 / (lam * n)
    alpha = rng.uniform(0, C, n)
    pos, neg = y > 0, y < 0  # rescale one class so that sum_i alpha_i y_i = 0, staying in [0, C]
    if alpha[pos].sum() > alpha[neg].sum():
        alpha[pos] *= alpha[neg].sum() / alpha[pos].sum()
    else:
        alpha[neg] *= alpha[pos].sum() / alpha[neg].sum()
    w, b = rng.standard_normal(d), rng.standard_normal()
    lower, upper = dual_objective(X, y, alpha, lam, loss=loss), svm_objective(X, y, w, b, lam, loss=loss)
    assert lower <= upper + 1e-12 * abs(upper)


# ----------------------------------------------------------------------------- squared hinge vs L-BFGS


@pytest.mark.parametrize("seed, n, d, lam", [(0, 60, 2, 0.1), (1, 150, 4, 1e-2), (2, 300, 6, 1e-3), (3, 200, 3, 1.0)])
def test_squared_hinge_matches_lbfgs(seed, n, d, lam):
    """J is differentiable for the squared hinge, so L-BFGS on the primal is an independent reference."""
    X, y = make_data(seed, n, d, "overlap", dyadic=False)

    def fun(wb):
        w, b = wb[:-1], wb[-1]
        slack = np.maximum(0.0, 1.0 - y * (X @ w + b))
        value = 0.5 * lam * w @ w + np.mean(slack**2)
        g = -2.0 * y * slack / n
        return value, np.append(lam * w + X.T @ g, g.sum())

    ref = minimize(fun, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                   options={"gtol": 1e-13, "ftol": 1e-16, "maxiter": 10_000, "maxcor": 30})
    sol = solve_exact(X, y, lam, loss="squared_hinge")
    assert sol.converged
    assert sol.objective == pytest.approx(ref.fun, rel=1e-8, abs=0)
    assert sol.objective <= ref.fun + 1e-13 * ref.fun  # the exact solver is never worse
    np.testing.assert_allclose(np.append(sol.coef, sol.intercept), ref.x, rtol=0, atol=1e-4)


# ----------------------------------------------------------------------------- the course's claim


@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_retraining_on_the_support_vectors_gives_the_same_solution(loss, seed):
    """Throw away every point with alpha = 0 and retrain: the same (w, b).

    The per-point weight C = 1/(lam N) must stay the same, so lam is rescaled to the new N.
    """
    X, y = make_data(seed, 200, 3, "overlap", dyadic=False)
    lam = 1e-2
    sol = solve_exact(X, y, lam, loss=loss)
    sv = sol.alpha > 0
    assert 0 < sv.sum() < 200  # something is thrown away
    C = 1.0 / (lam * 200)
    lam_sv = 1.0 / (C * sv.sum())
    again = solve_exact(X[sv], y[sv], lam_sv, loss=loss)
    np.testing.assert_allclose(again.coef, sol.coef, rtol=0, atol=1e-8)
    assert again.intercept == pytest.approx(sol.intercept, abs=1e-8)
    np.testing.assert_allclose(again.alpha, sol.alpha[sv], rtol=0, atol=1e-8 * C)


# ----------------------------------------------------------------------------- SMO on its own


@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
def test_plain_smo_reaches_the_same_solution(monkeypatch, loss):
    """The finishing step is an accelerator: SMO alone must reach the same optimum (only slower)."""
    X, y = make_data(5, 300, 5, "overlap", dyadic=False)
    lam = 1e-2
    fast = solve_exact(X, y, lam, loss=loss)
    monkeypatch.setattr(exact, "_CHECKPOINT_EVERY", 10**12)  # never try to finish early
    plain = solve_exact(X, y, lam, loss=loss)
    assert plain.converged and fast.converged
    assert plain.n_iter > fast.n_iter
    assert plain.objective == pytest.approx(fast.objective, rel=1e-9, abs=0)
    np.testing.assert_allclose(plain.coef, fast.coef, rtol=0, atol=1e-7)
    assert plain.intercept == pytest.approx(fast.intercept, abs=1e-7)


def test_small_problem_is_solved_by_smo_alone():
    """Under 1000 steps there is no finishing step: n_iter counts every step taken."""
    X, y = make_data(2, 30, 2, "overlap")
    sol = solve_exact(X, y, 0.1)
    assert sol.converged and 0 < sol.n_iter < exact._CHECKPOINT_EVERY
    assert sol.objective == pytest.approx(primal(X, y, *svc_reference(X, y, 0.1)[:2], 0.1), rel=1e-8)


# ----------------------------------------------------------------------------- degenerate data


def test_two_points_analytic():
    """x = -1 (class -1) and x = +1 (class +1): alpha_1 = alpha_2 = min(C, 1/2), w = 2 alpha, b = 0."""
    X, y = np.array([[-1.0], [1.0]]), np.array([-1.0, 1.0])
    for lam, a in [(0.1, 0.5), (1.0, 0.5), (4.0, 0.125)]:  # C = 5, 0.5, 0.125
        sol = solve_exact(X, y, lam)
        assert sol.converged
        np.testing.assert_allclose(sol.alpha, [a, a], rtol=0, atol=1e-14)
        np.testing.assert_allclose(sol.coef, [2 * a], rtol=0, atol=1e-14)
        assert sol.intercept == pytest.approx(0.0, abs=1e-14)


def test_zero_features_give_w_zero():
    """With X = 0 only the bias can help: w = 0 and b = +1 for a majority of +1 labels."""
    X = np.zeros((7, 3))
    y = np.array([1, 1, 1, 1, 1, -1, -1], dtype=float)
    sol = solve_exact(X, y, 0.1)
    assert sol.converged
    np.testing.assert_array_equal(sol.coef, 0.0)
    assert sol.objective == pytest.approx(2 * 2 / 7, rel=1e-12)  # each -1 point pays 1 + b = 2
    assert sol.intercept == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize(
    "name",
    ["duplicates", "opposite_duplicates", "collinear", "one_feature", "w_zero_optimum"],
)
@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
def test_degenerate_data(name, loss):
    rng = np.random.default_rng(7)
    if name == "duplicates":  # every point three times
        X, y = make_data(3, 30, 2)
        X, y = np.repeat(X, 3, axis=0), np.repeat(y, 3)
    elif name == "opposite_duplicates":  # identical points with opposite labels
        X, y = make_data(4, 40, 2)
        X = np.vstack([X, X[:10]])
        y = np.concatenate([y, -y[:10]])
    elif name == "collinear":  # 2-D points on one line
        t = np.round(16 * rng.standard_normal(50)) / 16
        X = np.column_stack([t, 2 * t])
        y = np.where(t + 0.3 * rng.standard_normal(50) > 0, 1.0, -1.0)
    elif name == "one_feature":
        X, y = make_data(5, 50, 1)
    else:  # data whose optimum is w = 0 (a class surrounded by the other): many points on the margin
        X, y = make_data(7, 40, 3, "overlap")
    lam = 0.05
    n = X.shape[0]
    sol = solve_exact(X, y, lam, loss=loss)
    assert sol.converged
    gap = sol.objective - dual(X, y, sol.alpha, lam, loss)
    assert -1e-12 <= gap <= TOL + 1e-12
    if loss == "hinge":  # the data are dyadic, so SVC is an exact reference
        coef, intercept, _ = svc_reference(X, y, lam)
        assert sol.objective == pytest.approx(primal(X, y, coef, intercept, lam), rel=1e-8)
        np.testing.assert_allclose(sol.coef, coef, rtol=0, atol=1e-6)
        C = 1.0 / (lam * n)
        assert abs(sol.alpha @ y) <= 1e-12 * C * n


def test_w_zero_case_really_has_w_zero():
    """Guards test_degenerate_data's last case: its optimum is w = 0 with many points on the margin."""
    X, y = make_data(7, 40, 3, "overlap")
    sol = solve_exact(X, y, 0.05)
    assert np.abs(sol.coef).max() < 1e-8
    assert on_margin(X, y, sol).sum() > X.shape[1] + 1


# ----------------------------------------------------------------------------- the interface


def test_solution_type_and_shapes():
    X, y = make_data(0, 50, 4)
    sol = solve_exact(X, y, 0.1)
    assert isinstance(sol, ExactSolution)
    assert sol.coef.shape == (4,) and sol.alpha.shape == (50,)
    assert isinstance(sol.intercept, float) and isinstance(sol.objective, float)
    assert isinstance(sol.n_iter, int) and sol.converged is True
    with pytest.raises(AttributeError):
        sol.intercept = 0.0  # frozen


def test_accepts_lists_and_integer_labels():
    sol = solve_exact([[0.0, 1.0], [0.0, -1.0], [1.0, 2.0]], [1, -1, 1], 0.5)
    assert sol.converged and sol.coef.dtype == np.float64


def test_does_not_modify_its_inputs():
    X, y = make_data(0, 50, 4)
    X0, y0 = X.copy(), y.copy()
    solve_exact(X, y, 0.1)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"loss": "log"}, "loss"),
        ({"loss": "Hinge"}, "loss"),
        ({"reg_strength": 0.0}, "reg_strength"),
        ({"reg_strength": -1.0}, "reg_strength"),
        ({"reg_strength": float("nan")}, "reg_strength"),
        ({"tol": 0.0}, "tol"),
        ({"tol": -1e-3}, "tol"),
        ({"max_iter": 0}, "max_iter"),
        ({"max_iter": 2.5}, "max_iter"),
    ],
)
def test_bad_arguments_raise(kwargs, match):
    X, y = make_data(0, 20, 2)
    args = {"reg_strength": 0.1, **kwargs}
    lam = args.pop("reg_strength")
    with pytest.raises(ValueError, match=match):
        solve_exact(X, y, lam, **args)


@pytest.mark.parametrize(
    "X, y, match",
    [
        ([[1.0], [2.0]], [1, 1], "one class"),
        ([[1.0], [2.0]], [0, 1], "2\\*y - 1"),
        ([[1.0], [2.0], [3.0]], [1, -1], "samples"),
        ([1.0, 2.0], [1, -1], "2-D"),
        ([[1.0], [np.nan]], [1, -1], "NaN"),
    ],
)
def test_bad_data_raise(X, y, match):
    with pytest.raises(ValueError, match=match):
        solve_exact(X, y, 0.1)


def test_max_iter_reached_warns_and_reports_not_converged():
    X, y = make_data(0, 60, 3)
    with pytest.warns(RuntimeWarning, match="max_iter=3"):
        sol = solve_exact(X, y, 0.01, max_iter=3)
    assert not sol.converged and sol.n_iter == 3
    assert sol.objective == pytest.approx(primal(X, y, sol.coef, sol.intercept, 0.01), rel=1e-12)


def test_unreachable_tol_warns_instead_of_looping():
    """A tolerance below floating-point resolution ends with a warning, not an endless loop."""
    X, y = make_data(1, 60, 3, dyadic=False)
    with pytest.warns(RuntimeWarning, match="not exact"):
        sol = solve_exact(X, y, 0.01, tol=1e-300, max_iter=20_000)
    assert not sol.converged
    assert sol.objective == pytest.approx(solve_exact(X, y, 0.01).objective, rel=1e-9)


def test_converged_runs_do_not_warn():
    X, y = make_data(0, 60, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        solve_exact(X, y, 0.01)
