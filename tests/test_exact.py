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
``test_svc_on_general_data_is_only_float32_accurate`` shows the effect on general data. Elsewhere
the certificate is the duality gap: J(w, b) - dual(alpha) >= J(w, b) - J* for a feasible alpha.
"""

from __future__ import annotations

import functools
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from hinge_lib import exact
from hinge_lib.data import load_breast_cancer_split, make_two_class
from hinge_lib.exact import ExactSolution, dual_objective, solve_exact

TOL = 1e-10  # solve_exact's default stopping tolerance
LOSSES = ("hinge", "squared_hinge")


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


def svc_reference(X, y, lam, sample_weight=None):
    """SVC's solution in the library's terms: coef (D,), intercept, alpha (N,).

    Points of weight 0 are left out of the fit (libsvm drops them anyway; scikit-learn 1.9 then
    numbers ``support_`` among the remaining points, scikit-learn issues 5150 and 25380).
    """
    C = 1.0 / (lam * X.shape[0])
    kept = np.arange(len(y)) if sample_weight is None else np.flatnonzero(sample_weight > 0)
    weights = None if sample_weight is None else sample_weight[kept]
    svc = SVC(kernel="linear", C=C, tol=1e-10).fit(X[kept], y[kept], sample_weight=weights)
    assert list(svc.classes_) == [-1.0, 1.0]  # so positive scores mean class +1, as in the library
    alpha = np.zeros(X.shape[0])
    alpha[kept[svc.support_]] = np.abs(svc.dual_coef_[0])
    return svc.coef_[0], float(svc.intercept_[0]), alpha


def primal(X, y, w, b, lam, loss="hinge", s=None):
    """J(w, b) = (lam/2)||w||^2 + (1/N) sum_i s_i loss_i, written out here rather than taken from the library."""
    s = np.ones(len(y)) if s is None else s
    slack = np.maximum(0.0, 1.0 - y * (X @ w + b))
    return 0.5 * lam * w @ w + np.mean(s * (slack**2 if loss == "squared_hinge" else slack))


def dual(X, y, alpha, lam, loss="hinge", s=None):
    """The dual objective in J's units, written out here (D_ii = 1 / (2 C s_i) for the squared hinge)."""
    s = np.ones(len(y)) if s is None else s
    C = 1.0 / (lam * X.shape[0])
    w = X.T @ (alpha * y)
    extra = np.sum(alpha[s > 0] ** 2 / (4 * C * s[s > 0])) if loss == "squared_hinge" else 0.0
    return lam * (alpha.sum() - 0.5 * w @ w - extra)


def relative_gap(X, y, sol, lam, loss="hinge", s=None):
    """(J - dual) / max(1, |J|): an upper bound on the relative distance of J to the optimum."""
    return (primal(X, y, sol.coef, sol.intercept, lam, loss, s) - dual(X, y, sol.alpha, lam, loss, s)) / max(
        1.0, abs(sol.objective)
    )


def assert_feasible(y, sol, lam, loss="hinge", s=None):
    """alpha satisfies the dual's constraints, so that the duality gap is a certificate."""
    n = len(y)
    s = np.ones(n) if s is None else s
    C = 1.0 / (lam * n)
    a = sol.alpha
    assert (a >= 0).all()
    if loss == "hinge":
        assert (a <= C * s).all()
    assert (a[s == 0] == 0).all()
    assert abs(a @ y) <= 1e-12 * (1 + a.sum())


def on_margin(X, y, sol, eps=1e-7):
    """Points with y f = 1 (to eps): there alpha may be anything in [0, C] in a degenerate problem."""
    return np.abs(y * (X @ sol.coef + sol.intercept) - 1.0) <= eps


def far_outlier(distance):
    """make_two_class(seed=0) plus one point `distance` from its true boundary (1, -0.6).x + 0.4 = 0, on
    the wrong side, labelled +1: lesson 06's outlier."""
    X, y = make_two_class(seed=0)
    normal = np.array([1.0, -0.6]) / np.hypot(1.0, 0.6)
    on_boundary = -0.4 * normal / np.hypot(1.0, 0.6)
    return np.vstack([X, on_boundary - distance * normal]), np.append(y, 1.0)


def badly_scaled(seed=0, n=150):
    """Columns of scale 1e4, 1 and 1e-4; labels from a noisy rule that uses all three."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, 3))
    y = np.where(Z.sum(axis=1) + 0.5 * rng.standard_normal(n) > 0, 1.0, -1.0)
    return Z * [1e4, 1.0, 1e-4], y


def benchmark_problem():
    """The course's benchmark: N = 2000, D = 20, noisy labels."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2000, 20))
    y = np.where(X @ rng.standard_normal(20) + rng.standard_normal(2000) > 0, 1.0, -1.0)
    return X, y


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


def assert_matches_svc(X, y, lam, sol, reference, s=None):
    coef, intercept, alpha = reference
    C = 1.0 / (lam * X.shape[0])
    U = C * (np.ones(len(y)) if s is None else s)
    assert sol.converged

    # Same objective. Both solvers stop when every KKT condition holds to 1e-10, which bounds
    # each one's gap to the optimum by about 1e-10 in J's units (see test_duality_gap_is_below_tol).
    assert sol.objective == pytest.approx(primal(X, y, coef, intercept, lam, s=s), rel=1e-8, abs=0)

    # Same w. w is unique (J is strongly convex in w). With the optimum non-degenerate the error
    # in w grows linearly with the KKT violations (1e-10); observed differences are below 1e-8
    # on these cases, so 1e-6 leaves a wide margin while still catching any real error.
    np.testing.assert_allclose(sol.coef, coef, rtol=0, atol=1e-6)

    margin = on_margin(X, y, sol)
    free = (sol.alpha > 0) & (sol.alpha < U)
    if free.any():  # b is then pinned down by y f = 1 on the free support vectors
        assert sol.intercept == pytest.approx(intercept, abs=1e-6)
    else:  # no free SV: every b in an interval is optimal, and SVC may pick another point of it
        assert primal(X, y, sol.coef, intercept, lam, s=s) == pytest.approx(sol.objective, rel=1e-8, abs=0)

    # Same support set, except points exactly on a margin line, where a degenerate problem lets
    # alpha take any value in [0, C]. Away from the margin lines alpha is forced (0 outside the
    # band, C s_i inside), so it must agree there.
    ours, theirs = sol.alpha > 0, alpha > 1e-8 * C
    assert not ((ours != theirs) & ~margin).any()
    np.testing.assert_allclose(sol.alpha[~margin], alpha[~margin], rtol=0, atol=1e-6 * C)

    if has_unique_alpha(X, y, sol):  # then everything must agree
        np.testing.assert_allclose(sol.alpha, alpha, rtol=0, atol=1e-6 * C)
        assert (ours == theirs).all()


@pytest.mark.parametrize("kind, n, d, lam, seed", SVC_CASES)
def test_matches_svc(kind, n, d, lam, seed):
    X, y, sol, reference = solved_svc_case(kind, n, d, lam, seed)
    assert_matches_svc(X, y, lam, sol, reference)


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
    X, y = benchmark_problem()
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


# ----------------------------------------------------------------------------- the course's problems


def course_problems():
    """(name, X, y, lam) for every problem the lessons and the benchmark solve exactly."""
    X, y = make_two_class(seed=0)
    for lam in (0.01, 0.03, 0.1, 0.3, 1.0):
        yield f"two_class lam={lam:g}", X, y, lam
    split = load_breast_cancer_split()
    for lam in (0.001, 0.01, 0.1):
        yield f"breast_cancer lam={lam:g}", split.X_train, split.y_train, lam
    Xb, yb = benchmark_problem()
    for lam in (0.01, 1 / 2000):
        yield f"benchmark lam={lam:g}", Xb, yb, lam
    for distance in (5.0, 10.0, 30.0, 100.0):
        Xo, yo = far_outlier(distance)
        yield f"outlier at {distance:g}", Xo, yo, 0.01


COURSE_PROBLEMS = {name: (X, y, lam) for name, X, y, lam in course_problems()}


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("name", COURSE_PROBLEMS)
def test_course_problems_are_solved_to_a_certified_relative_gap_of_1e_10(name, loss):
    """(J - dual) / max(1, |J|) <= 1e-10, with a feasible alpha: J is within 1e-10 of the optimum.
    The same holds after retraining on the support vectors alone (lessons 05 and 06)."""
    X, y, lam = COURSE_PROBLEMS[name]
    sol = solve_exact(X, y, lam, loss=loss)
    assert sol.converged
    assert_feasible(y, sol, lam, loss)
    assert -1e-13 <= relative_gap(X, y, sol, lam, loss) <= 1e-10
    sv = sol.alpha > 0
    if sv.all():
        return
    lam_sv = lam * len(y) / sv.sum()  # the same C = 1 / (lam N) for the remaining points
    again = solve_exact(X[sv], y[sv], lam_sv, loss=loss)
    assert again.converged
    assert_feasible(y[sv], again, lam_sv, loss)
    assert -1e-13 <= relative_gap(X[sv], y[sv], again, lam_sv, loss) <= 1e-10


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


@pytest.mark.parametrize("loss", LOSSES)
@given(problem=problems)
def test_support_vectors_are_the_points_with_margin_at_most_one(problem, loss):
    """scikit-learn's meaning of support_: alpha > 0. At the optimum these are points with y f <= 1,
    and every point with y f < 1 is one (to the tolerance of the stopping rule)."""
    seed, n, d, lam = problem
    X, y = random_problem(seed, n, d)
    sol = solve_exact(X, y, lam, loss=loss)
    yf = y * (X @ sol.coef + sol.intercept)
    eps = 2 * TOL + 1e-13 * (1 + np.abs(X @ sol.coef).max() + abs(sol.intercept))
    sv = sol.alpha > 0
    assert (yf[sv] <= 1 + eps).all()
    assert sv[yf < 1 - eps].all()


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("tol", [1e-3, 1e-6, 1e-10])
@settings(max_examples=40)
@given(problem=problems)
def test_duality_gap_is_below_tol(problem, tol, loss):
    """With libsvm's stopping rule every KKT violation is at most tol, so the duality gap
    J(w, b) - dual(alpha) is at most tol (in J's units): the answer is within tol of optimal."""
    seed, n, d, lam = problem
    X, y = random_problem(seed, n, d)
    sol = solve_exact(X, y, lam, loss=loss, tol=tol)
    assert sol.converged
    assert_feasible(y, sol, lam, loss)
    gap = sol.objective - dual(X, y, sol.alpha, lam, loss)
    assert -1e-12 * max(1.0, sol.objective) <= gap <= tol + 1e-12 * max(1.0, sol.objective)


@pytest.mark.parametrize("loss", LOSSES)
def test_duality_gap_is_tiny_on_larger_problems(loss):
    X, y = make_data(4, 600, 10, "overlap", dyadic=False)
    lam = 1e-2
    sol = solve_exact(X, y, lam, loss=loss)
    assert sol.converged
    gap = sol.objective - dual_objective(X, y, sol.alpha, lam, loss=loss)
    assert abs(gap) <= 1e-12 * sol.objective + TOL


def test_objective_field_is_the_primal_objective():
    X, y = make_data(1, 80, 3)
    s = np.random.default_rng(1).uniform(0, 2, 80)
    for loss in LOSSES:
        for weights in (None, s):
            sol = solve_exact(X, y, 0.05, loss=loss, sample_weight=weights)
            assert sol.objective == pytest.approx(primal(X, y, sol.coef, sol.intercept, 0.05, loss, weights), rel=1e-14)


def test_dual_objective_is_the_dual_written_out():
    X, y = make_data(2, 30, 3)
    rng = np.random.default_rng(2)
    alpha, s = rng.uniform(0, 1, 30), rng.uniform(0.5, 2, 30)
    for loss in LOSSES:
        assert dual_objective(X, y, alpha, 0.1, loss=loss) == pytest.approx(dual(X, y, alpha, 0.1, loss), rel=1e-14)
        assert dual_objective(X, y, alpha, 0.1, loss=loss, sample_weight=s) == pytest.approx(
            dual(X, y, alpha, 0.1, loss, s), rel=1e-14
        )


@given(st.integers(0, 2**32 - 1), st.sampled_from(LOSSES))
def test_weak_duality_for_any_feasible_alpha(seed, loss):
    """dual_objective(alpha) <= J(w, b) for every feasible alpha and every (w, b), with weights too."""
    rng = np.random.default_rng(seed)
    n, d = rng.integers(2, 30), rng.integers(1, 4)
    X, y = random_problem(seed, n, d)
    lam = 10.0 ** rng.uniform(-3, 1)
    s = rng.uniform(0, 3, n) if rng.random() < 0.5 else np.ones(n)
    C = 1.0 / (lam * n)
    alpha = rng.uniform(0, 1, n) * C * s
    pos, neg = y > 0, y < 0  # rescale one class so that sum_i alpha_i y_i = 0, staying in [0, C s_i]
    if alpha[pos].sum() > alpha[neg].sum():
        alpha[pos] *= alpha[neg].sum() / alpha[pos].sum()
    else:
        alpha[neg] *= alpha[pos].sum() / alpha[neg].sum()
    w, b = rng.standard_normal(d), rng.standard_normal()
    lower = dual_objective(X, y, alpha, lam, loss=loss, sample_weight=s)
    upper = primal(X, y, w, b, lam, loss, s)
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


@pytest.mark.parametrize("loss", LOSSES)
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


@pytest.mark.parametrize("loss", LOSSES)
def test_plain_smo_reaches_the_same_solution(monkeypatch, loss):
    """The finishing step is an accelerator: SMO alone must reach the same optimum (only slower)."""
    X, y = make_data(5, 300, 5, "overlap", dyadic=False)
    lam = 1e-2
    fast = solve_exact(X, y, lam, loss=loss)
    monkeypatch.setattr(exact, "_STABLE", -1)  # the split is never "stable": no finishing step
    plain = solve_exact(X, y, lam, loss=loss, max_iter=10**6)
    assert plain.converged and fast.converged
    assert plain.n_iter > fast.n_iter
    assert plain.objective == pytest.approx(fast.objective, rel=1e-9, abs=0)
    np.testing.assert_allclose(plain.coef, fast.coef, rtol=0, atol=1e-7)
    assert plain.intercept == pytest.approx(fast.intercept, abs=1e-7)


# ----------------------------------------------------------------------------- sample weights


def dyadic_weights(seed, n):
    """Weights in {0, 1/4, ..., 3}, with some zeros: every C s_i stays exactly representable."""
    return np.random.default_rng(seed).integers(0, 13, n) / 4


@pytest.mark.parametrize("kind, n, d, lam, seed", [c for c in SVC_CASES if c[1] <= 120 and c[4] == 0])
def test_sample_weights_match_svc(kind, n, d, lam, seed):
    """SVC.fit(X, y, sample_weight=s) gives point i the box 0 <= alpha_i <= C s_i; so does solve_exact."""
    X, y = make_data(seed, n, d, kind)
    s = dyadic_weights(seed, len(y))
    s[np.argmax(y > 0)] = s[np.argmax(y < 0)] = 1.0  # both classes keep some weight
    sol = solve_exact(X, y, lam, sample_weight=s)
    assert_feasible(y, sol, lam, s=s)
    assert -1e-13 <= relative_gap(X, y, sol, lam, s=s) <= 1e-10
    assert_matches_svc(X, y, lam, sol, svc_reference(X, y, lam, sample_weight=s), s=s)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("seed", range(4))
def test_integer_weights_are_repeated_rows(loss, seed):
    """Weight k on a point is the point repeated k times (with lam rescaled so that C stays the same)."""
    X, y = make_data(seed, 50, 3, dyadic=False)
    counts = np.random.default_rng(seed).integers(0, 4, len(y))
    counts[np.argmax(y > 0)] = counts[np.argmax(y < 0)] = 1
    lam = 0.02
    weighted = solve_exact(X, y, lam, loss=loss, sample_weight=counts)
    lam_rep = lam * len(y) / counts.sum()
    repeated = solve_exact(np.repeat(X, counts, axis=0), np.repeat(y, counts), lam_rep, loss=loss)
    assert weighted.converged and repeated.converged
    np.testing.assert_allclose(weighted.coef, repeated.coef, rtol=0, atol=1e-8)
    assert weighted.intercept == pytest.approx(repeated.intercept, abs=1e-8)
    # J_weighted = (N_rep / N) J_repeated; alpha of the copies adds up to the weighted point's alpha.
    assert weighted.objective == pytest.approx(repeated.objective * counts.sum() / len(y), rel=1e-10)
    owner = np.repeat(np.arange(len(y)), counts)
    C = 1.0 / (lam * len(y))
    np.testing.assert_allclose(np.bincount(owner, repeated.alpha, len(y)), weighted.alpha, rtol=0, atol=1e-8 * C)


@pytest.mark.parametrize("loss", LOSSES)
def test_zero_weight_is_dropping_the_point(loss):
    X, y = make_data(3, 60, 2, dyadic=False)
    s = np.ones(60)
    s[::3] = 0.0
    lam = 0.05
    weighted = solve_exact(X, y, lam, loss=loss, sample_weight=s)
    kept = solve_exact(X[s > 0], y[s > 0], lam * 60 / (s > 0).sum(), loss=loss)
    assert (weighted.alpha[s == 0] == 0).all()
    np.testing.assert_allclose(weighted.alpha[s > 0], kept.alpha, rtol=0, atol=1e-10)
    np.testing.assert_allclose(weighted.coef, kept.coef, rtol=0, atol=1e-9)
    assert weighted.intercept == pytest.approx(kept.intercept, abs=1e-9)


@pytest.mark.parametrize("loss", LOSSES)
@given(problem=problems, factor=st.sampled_from([0.25, 0.5, 2.0, 4.0]))
def test_scaling_every_weight_by_k_is_dividing_lam_by_k(problem, factor, loss):
    seed, n, d, lam = problem
    X, y = random_problem(seed, n, d)
    scaled = solve_exact(X, y, lam, loss=loss, sample_weight=np.full(n, factor))
    plain = solve_exact(X, y, lam / factor, loss=loss)
    assert scaled.objective == pytest.approx(factor * plain.objective, rel=1e-9, abs=1e-13)
    np.testing.assert_allclose(scaled.coef, plain.coef, rtol=1e-6, atol=1e-8 * (1 + np.abs(plain.coef).max()))


def test_unit_weights_are_no_weights():
    X, y = make_data(6, 70, 3)
    for loss in LOSSES:
        a, b = solve_exact(X, y, 0.03, loss=loss), solve_exact(X, y, 0.03, loss=loss, sample_weight=np.ones(70))
        np.testing.assert_array_equal(a.coef, b.coef)
        np.testing.assert_array_equal(a.alpha, b.alpha)
        assert a.intercept == b.intercept and a.n_iter == b.n_iter


# ----------------------------------------------------------------------------- badly scaled features


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("lam", [0.01, 1.0])
def test_badly_scaled_features_converge_or_stop_early_and_say_standardise(loss, lam):
    """Columns of scale 1e4, 1 and 1e-4 make the dual very ill-conditioned and SMO crawl. The solver
    either converges (certified) or stops within its default budget of max(10_000, 100 N) steps with
    a warning that names the cure, never running for minutes."""
    X, y = badly_scaled()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sol = solve_exact(X, y, lam, loss=loss)
    if sol.converged:
        assert not caught
        assert relative_gap(X, y, sol, lam, loss) <= 1e-10
    else:
        assert sol.n_iter <= max(10_000, 100 * len(y))
        assert len(caught) == 1 and caught[0].category is RuntimeWarning
        message = str(caught[0].message)
        assert "standardise the features" in message and "StandardScaler" in message
        low, high = map(float, re.search(r"range from (\S+) to (\S+)\)", message).groups())
        assert low == pytest.approx(X.std(axis=0).min(), rel=0.01)
        assert high == pytest.approx(X.std(axis=0).max(), rel=0.01)
    assert_feasible(y, sol, lam, loss)  # even unconverged, alpha is a feasible point of the dual


def test_badly_scaled_case_is_hard_and_standardising_fixes_it():
    """Guards the test above: the hinge at lam = 0.01 does not converge as given, and converges once the
    features are standardised, as the warning advises."""
    X, y = badly_scaled()
    with pytest.warns(RuntimeWarning, match="StandardScaler"):
        assert not solve_exact(X, y, 0.01).converged
    Z = StandardScaler().fit_transform(X)
    for loss in LOSSES:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            sol = solve_exact(Z, y, 0.01, loss=loss)
        assert sol.converged and relative_gap(Z, y, sol, 0.01, loss) <= 1e-10


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
    for loss, J in (("hinge", 2 * 2 / 7), ("squared_hinge", None)):
        sol = solve_exact(X, y, 0.1, loss=loss)
        assert sol.converged
        np.testing.assert_array_equal(sol.coef, 0.0)
        if J is not None:
            assert sol.objective == pytest.approx(J, rel=1e-12)  # each -1 point pays 1 + b = 2
            assert sol.intercept == pytest.approx(1.0, abs=1e-9)
        else:  # squared hinge: minimise 5 (1 - b)^2 + 2 (1 + b)^2, so b = 3/7
            assert sol.intercept == pytest.approx(3 / 7, abs=1e-9)


@pytest.mark.parametrize(
    "name",
    ["duplicates", "opposite_duplicates", "one_class_identical", "collinear", "one_feature", "w_zero_optimum"],
)
@pytest.mark.parametrize("loss", LOSSES)
def test_degenerate_data(name, loss):
    rng = np.random.default_rng(7)
    if name == "duplicates":  # every point three times
        X, y = make_data(3, 30, 2)
        X, y = np.repeat(X, 3, axis=0), np.repeat(y, 3)
    elif name == "opposite_duplicates":  # identical points with opposite labels
        X, y = make_data(4, 40, 2)
        X = np.vstack([X, X[:10]])
        y = np.concatenate([y, -y[:10]])
    elif name == "one_class_identical":  # every +1 point at the same place
        X, y = make_data(8, 40, 2)
        X[y > 0] = [0.5, 0.25]
    elif name == "collinear":  # 2-D points on one line
        t = np.round(16 * rng.standard_normal(50)) / 16
        X = np.column_stack([t, 2 * t])
        y = np.where(t + 0.3 * rng.standard_normal(50) > 0, 1.0, -1.0)
    elif name == "one_feature":
        X, y = make_data(5, 50, 1)
    else:  # data whose optimum is w = 0 (a class surrounded by the other): many points on the margin
        X, y = make_data(7, 40, 3, "overlap")
    lam = 0.05
    sol = solve_exact(X, y, lam, loss=loss)
    assert sol.converged
    assert_feasible(y, sol, lam, loss)
    gap = sol.objective - dual(X, y, sol.alpha, lam, loss)
    assert -1e-12 <= gap <= TOL + 1e-12
    if loss == "hinge":  # the data are dyadic, so SVC is an exact reference
        coef, intercept, _ = svc_reference(X, y, lam)
        assert sol.objective == pytest.approx(primal(X, y, coef, intercept, lam), rel=1e-8)
        np.testing.assert_allclose(sol.coef, coef, rtol=0, atol=1e-6)


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
    again = solve_exact(np.array([[0.0, 1.0], [0.0, -1.0], [1.0, 2.0]]), np.array([1.0, -1.0, 1.0]), 0.5)
    np.testing.assert_array_equal(sol.coef, again.coef)


def test_does_not_modify_its_inputs():
    X, y = make_data(0, 50, 4)
    s = np.linspace(0, 2, 50)
    X0, y0, s0 = X.copy(), y.copy(), s.copy()
    for loss in LOSSES:
        solve_exact(X, y, 0.1, loss=loss, sample_weight=s)
        dual_objective(X, y, np.ones(50), 0.1, loss=loss, sample_weight=s)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(s, s0)


@pytest.mark.parametrize("loss", LOSSES)
def test_is_deterministic(loss):
    X, y = benchmark_problem()
    X, y = X[:500], y[:500]
    first, second = solve_exact(X, y, 0.01, loss=loss), solve_exact(X.copy(), y.copy(), 0.01, loss=loss)
    np.testing.assert_array_equal(first.coef, second.coef)
    np.testing.assert_array_equal(first.alpha, second.alpha)
    assert (first.intercept, first.n_iter, first.objective) == (second.intercept, second.n_iter, second.objective)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"loss": "log"}, ValueError, "loss"),
        ({"loss": "Hinge"}, ValueError, "loss"),
        ({"reg_strength": 0.0}, ValueError, "reg_strength"),
        ({"reg_strength": -1.0}, ValueError, "reg_strength"),
        ({"reg_strength": float("nan")}, ValueError, "reg_strength"),
        ({"tol": 0.0}, ValueError, r"tol must be a real number in \(0, 1\]"),
        ({"tol": -1e-3}, ValueError, r"in \(0, 1\]"),
        ({"tol": 2.0}, ValueError, r"in \(0, 1\]"),
        ({"tol": float("nan")}, ValueError, r"in \(0, 1\]"),
        ({"tol": float("inf")}, ValueError, r"in \(0, 1\]"),
        ({"tol": "1e-10"}, TypeError, "tol must be a real number.*str"),
        ({"tol": True}, TypeError, "tol must be a real number.*bool"),
        ({"tol": None}, TypeError, "tol"),
        ({"max_iter": 0}, ValueError, "max_iter must be a positive integer"),
        ({"max_iter": -5}, ValueError, "max_iter must be a positive integer"),
        ({"max_iter": 2.5}, TypeError, "max_iter must be a positive integer.*float"),
        ({"max_iter": "100"}, TypeError, "max_iter.*str"),
        ({"max_iter": True}, TypeError, "max_iter.*bool"),
    ],
)
def test_bad_arguments_raise(kwargs, error, match):
    X, y = make_data(0, 20, 2)
    args = {"reg_strength": 0.1, **kwargs}
    lam = args.pop("reg_strength")
    with pytest.raises(error, match=match):
        solve_exact(X, y, lam, **args)


def test_numpy_scalars_are_fine_options():
    X, y = make_data(0, 20, 2)
    sol = solve_exact(X, y, np.float64(0.1), tol=np.float32(1e-6), max_iter=np.int64(10_000))
    assert sol.converged


@pytest.mark.parametrize(
    "X, y, match",
    [
        ([[1.0], [2.0]], [1, 1], "one class"),
        ([[1.0], [2.0]], [0, 1], "2\\*y - 1"),
        ([[1.0], [2.0], [3.0]], [1, -1], "samples"),
        ([1.0, 2.0], [1, -1], "2-D"),
        ([[1.0], [np.nan]], [1, -1], "NaN"),
        ([[1.0], [np.inf]], [1, -1], "infinite"),
        (np.array([[1.0], [np.nan]], dtype=object), [1, -1], "NaN"),
        ([[1.0], [2.0]], np.array([1, np.nan], dtype=object), "NaN"),
        ([[1.0], [2.0], [3.0]], np.array([1, -1, "a"], dtype=object), "numeric"),
        ([[1.0], [2.0], [3.0]], ["yes", "no", "yes"], "numeric"),
        ([[1.0], [2.0], [3.0]], [1, -1, 2], "only the labels -1 and \\+1"),
        ([[]], [1], "empty"),
        ([[1 + 1j], [2.0]], [1, -1], "complex"),  # a list: the conversion to floats fails and says why
    ],
)
def test_bad_data_raise(X, y, match):
    with pytest.raises(ValueError, match=match):
        solve_exact(X, y, 0.1)


@pytest.mark.parametrize("where", ["X", "y", "sample_weight"])
def test_complex_input_is_rejected(where):
    args = {"X": np.array([[1.0], [2.0]]), "y": np.array([1.0, -1.0]), "sample_weight": np.ones(2)}
    args[where] = args[where] + 0j  # complex, even with zero imaginary parts
    with pytest.raises(TypeError, match=f"{where} holds complex numbers, which are not supported"):
        solve_exact(args["X"], args["y"], 0.1, sample_weight=args["sample_weight"])


@pytest.mark.parametrize(
    "s, match",
    [
        (np.ones(3), "X and sample_weight have different numbers of samples"),
        (np.array([1.0, -1.0]), "sample_weight must be >= 0"),
        (np.array([1.0, np.nan]), "sample_weight contains 1 NaN"),
        (np.ones((2, 1)), "sample_weight must be 1-D"),
        (np.array([1.0, 0.0]), "only one class"),
    ],
)
def test_bad_sample_weights_raise(s, match):
    with pytest.raises(ValueError, match=match):
        solve_exact([[1.0], [2.0]], [1, -1], 0.1, sample_weight=s)


def test_max_iter_reached_warns_and_reports_not_converged():
    X, y = make_data(0, 60, 3)
    with pytest.warns(RuntimeWarning, match="max_iter=3"):
        sol = solve_exact(X, y, 0.01, max_iter=3)
    assert not sol.converged and sol.n_iter == 3
    assert sol.objective == pytest.approx(primal(X, y, sol.coef, sol.intercept, 0.01), rel=1e-12)


def test_unreachable_tol_warns_instead_of_looping():
    """A tolerance below floating-point resolution ends with a warning, not an endless loop."""
    X, y = make_data(1, 60, 3, dyadic=False)
    with pytest.warns(RuntimeWarning, match="stalled"):
        sol = solve_exact(X, y, 0.01, tol=1e-300, max_iter=20_000)
    assert not sol.converged
    assert sol.objective == pytest.approx(solve_exact(X, y, 0.01).objective, rel=1e-9)


def test_converged_runs_do_not_warn():
    X, y = make_data(0, 60, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for loss in LOSSES:
            solve_exact(X, y, 0.01, loss=loss)
