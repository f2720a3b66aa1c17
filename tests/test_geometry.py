"""hinge_lib.geometry: scores, functional and geometric margins, distances, projections and the margin
band, as properties of the hyperplane (hypothesis) and against scikit-learn's SVC on separable data."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from hinge_lib.geometry import (
    decision_function,
    distance_to_hyperplane,
    functional_margin,
    geometric_margin,
    margin_width,
    project_onto_hyperplane,
)

PROPERTY = settings(max_examples=60)
coord = st.floats(-10, 10, allow_subnormal=False)


@st.composite
def points_and_plane(draw):
    n, d = draw(st.integers(1, 10)), draw(st.integers(1, 4))
    X = draw(hnp.arrays(np.float64, (n, d), elements=coord))
    y = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([-1.0, 1.0])))
    w = draw(hnp.arrays(np.float64, d, elements=coord))
    assume(np.linalg.norm(w) > 1e-3)  # a hyperplane needs w != 0 (w = 0 raises; see test_validation)
    return X, y, w, draw(coord)


def tolerance(X, w, b):
    """Rounding of X @ w + b is a few ulps of the sum of the magnitudes it adds."""
    return 1e-12 * (1 + np.abs(X) @ np.abs(w) + abs(b))


@PROPERTY
@given(problem=points_and_plane())
def test_scores_and_margins_follow_their_definitions(problem):
    X, y, w, b = problem
    f = decision_function(X, w, b)
    np.testing.assert_allclose(f, X @ w + b, rtol=0, atol=0)
    np.testing.assert_array_equal(functional_margin(X, y, w, b), y * f)
    # the geometry scales w and b by 1 / max|w| first (no overflow at 1e200), so its X @ u + c rounds on its own:
    # the two agree to the rounding bound of that sum, not bit for bit (X = [[3, 3]], w = [2, -5], b = 8 differ
    # by 1.5e-15 relative: 1.2 - 3 + 1.6 cancels)
    tol = tolerance(X, w, b) / np.linalg.norm(w)
    assert np.all(np.abs(geometric_margin(X, y, w, b) - y * f / np.linalg.norm(w)) <= tol)
    assert np.all(np.abs(distance_to_hyperplane(X, w, b) - np.abs(f) / np.linalg.norm(w)) <= tol)
    assert margin_width(w) == pytest.approx(2 / np.linalg.norm(w), rel=1e-15)


@PROPERTY
@given(problem=points_and_plane(), c=st.floats(1e-3, 1e3))
def test_scaling_w_and_b_scales_functional_margin_but_not_the_geometry(problem, c):
    X, y, w, b = problem
    tol = tolerance(X, w, b)
    np.testing.assert_allclose(functional_margin(X, y, c * w, c * b), c * functional_margin(X, y, w, b),
                               rtol=1e-12, atol=float(c * tol.max()))
    norm = np.linalg.norm(w)
    np.testing.assert_allclose(geometric_margin(X, y, c * w, c * b), geometric_margin(X, y, w, b),
                               rtol=1e-12, atol=float(tol.max() / norm))
    np.testing.assert_allclose(distance_to_hyperplane(X, c * w, c * b), distance_to_hyperplane(X, w, b),
                               rtol=1e-12, atol=float(tol.max() / norm))
    np.testing.assert_allclose(project_onto_hyperplane(X, c * w, c * b), project_onto_hyperplane(X, w, b),
                               rtol=1e-12, atol=float(10 * tol.max() / norm))
    assert margin_width(c * w) == pytest.approx(margin_width(w) / c, rel=1e-12)


@PROPERTY
@given(problem=points_and_plane())
def test_projection_lands_on_the_boundary_along_the_normal_at_the_stated_distance(problem):
    X, y, w, b = problem
    P = project_onto_hyperplane(X, w, b)
    norm = np.linalg.norm(w)
    scale = 1e-11 * (1 + np.abs(X).max() + abs(b) / norm)
    # on the boundary: f(P) = 0, i.e. the signed distance of P is 0
    np.testing.assert_allclose((P @ w + b) / norm, 0.0, atol=scale)
    # along the normal: X - P is a multiple of w, of length the distance to the hyperplane
    step = X - P
    np.testing.assert_allclose(step - np.outer(step @ w / norm**2, w), 0.0, atol=scale)
    np.testing.assert_allclose(np.linalg.norm(step, axis=1), distance_to_hyperplane(X, w, b), rtol=1e-9, atol=scale)
    # and the foot of the perpendicular is the closest point of the boundary: any other boundary point is farther
    if X.shape[1] > 1:
        tangent = np.zeros_like(w)
        i, j = np.argsort(-np.abs(w))[:2]
        tangent[i], tangent[j] = -w[j], w[i]  # orthogonal to w
        other = P + tangent / np.linalg.norm(tangent)
        assert (np.linalg.norm(X - other, axis=1) >= np.linalg.norm(step, axis=1) - scale).all()


@PROPERTY
@given(problem=points_and_plane())
def test_geometric_margin_is_the_signed_distance(problem):
    X, y, w, b = problem
    geo, dist = geometric_margin(X, y, w, b), distance_to_hyperplane(X, w, b)
    np.testing.assert_allclose(np.abs(geo), dist, rtol=1e-15, atol=0)
    f = decision_function(X, w, b)
    np.testing.assert_array_equal(np.sign(geo), np.sign(y * f))  # negative: on the wrong side


@PROPERTY
@given(problem=points_and_plane())
def test_margin_width_is_the_distance_between_the_margin_lines(problem):
    X, y, w, b = problem
    on_plus_one = project_onto_hyperplane(X, w, b - 1.0)  # w.x + b = +1
    np.testing.assert_allclose(decision_function(on_plus_one, w, b), 1.0, atol=1e-9 * (1 + np.abs(X).max()))
    # their distance to the line w.x + b = -1, i.e. w.x + (b + 1) = 0
    width = distance_to_hyperplane(on_plus_one, w, b + 1.0)
    np.testing.assert_allclose(width, margin_width(w), rtol=1e-9, atol=1e-9 * (1 + np.abs(X).max()))


def test_support_vectors_sit_on_or_inside_the_margin_lines_of_the_svm():
    """KKT in geometric terms: at the SVM optimum, points with 0 < alpha < C lie on a margin line (geometric
    margin = margin_width / 2), points with alpha = C on or inside it, points with alpha = 0 on or outside it.

    The optimum comes from the exact solver (KKT to ~1e-10) and is cross-checked against scikit-learn's SVC,
    which finds the same free support vectors and the same w to the accuracy of its float32 kernel cache."""
    from sklearn.svm import SVC

    from hinge_lib.data import make_two_class
    from hinge_lib.exact import solve_exact

    X, y = make_two_class(seed=1, noise=0.0)
    C = 10.0
    sol = solve_exact(X, y, reg_strength=1.0 / (C * len(y)))
    w, b, alpha = sol.coef, sol.intercept, sol.alpha
    free = (alpha > 1e-8 * C) & (alpha < (1 - 1e-8) * C)
    at_c, zero = alpha >= (1 - 1e-8) * C, alpha <= 1e-8 * C
    assert free.sum() >= 2 and at_c.any()
    half = margin_width(w) / 2
    geo = geometric_margin(X, y, w, b)
    np.testing.assert_allclose(geo[free], half, rtol=1e-9)
    assert (geo[at_c] <= half * (1 + 1e-9)).all() and (geo[zero] >= half * (1 - 1e-9)).all()

    svc = SVC(kernel="linear", C=C, tol=1e-10).fit(X, y)
    svc_alpha = np.zeros(len(y))
    svc_alpha[svc.support_] = np.abs(svc.dual_coef_[0])
    svc_free = (svc_alpha > 1e-8 * C) & (svc_alpha < (1 - 1e-8) * C)
    np.testing.assert_array_equal(svc_free, free)
    np.testing.assert_allclose(svc.coef_[0], w, rtol=1e-5)  # measured: 5e-7
    np.testing.assert_allclose(margin_width(svc.coef_[0]), margin_width(w), rtol=1e-5)
