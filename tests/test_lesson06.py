"""Lesson 06 (the squared hinge): derivative and continuity, the outlier experiment (hinge_lib.outliers),
LinearSVC's loss and intercept penalty, the smooth hinges' uniform convergence, the outlier widget.
Cross-checks use the installed scikit-learn and SciPy."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.stats import norm
from sklearn.linear_model import _sgd_fast
from sklearn.svm import LinearSVC

from hinge_lib import LinearSVM, make_two_class, squared_hinge_loss, squared_hinge_loss_grad
from hinge_lib import margin_losses as ml
from hinge_lib.gradcheck import numerical_gradient
from hinge_lib.outliers import boundary_shift, mislabelled_outlier, outlier_effect
from hinge_lib.widgets import format_outlier_effect, outlier_figure, outlier_view

LAM = 0.01


@pytest.fixture(scope="module")
def seed_data():
    return make_two_class(n_per_class=30, seed=0)


# --------------------------------------------------------------------------- definition and derivative


def test_squared_hinge_matches_scikit_learns_sgd_loss():
    # scikit-learn's SGD losses take (prediction p, label y) and use z = p * y
    sk = _sgd_fast.SquaredHinge(1.0)
    rng = np.random.default_rng(0)
    scores = np.concatenate([rng.normal(0, 2, 50), [1.0, -1.0, 0.0]])
    y = np.where(rng.random(scores.size) < 0.5, -1.0, 1.0)
    ours = squared_hinge_loss(scores, y, reduction="none")
    grad = squared_hinge_loss_grad(scores, y, reduction="none")
    for s, label, loss, g in zip(scores, y, ours, grad):
        assert np.isclose(loss, sk.py_loss(s, label), rtol=1e-12, atol=1e-12)
        assert np.isclose(g, sk.py_dloss(s, label), rtol=1e-12, atol=1e-12)


def test_modified_huber_matches_scikit_learn():
    sk = _sgd_fast.ModifiedHuber()
    for m in np.linspace(-4, 3, 71):
        assert np.isclose(ml.modified_huber(m), sk.py_loss(m, 1.0), rtol=1e-12, atol=1e-12)


def test_squared_hinge_derivative_is_continuous_and_scales_with_the_violation():
    y = np.ones(4)
    for eps in (1e-3, 1e-6, 1e-9):
        below, above = squared_hinge_loss_grad(np.array([1 - eps, 1 + eps, 1.0, 1.0]), y, reduction="none")[:2]
        assert abs(below - above) <= 2 * eps + 1e-15
    g = squared_hinge_loss_grad(np.array([-1.0, 0.0, 0.5]), y[:3], reduction="none")
    assert np.allclose(g, [-4.0, -2.0, -1.0])          # -2 (1 - m): twice the violation
    assert np.allclose(g / (1 - np.array([-1.0, 0.0, 0.5])), -2.0)


def test_central_differences_match_everywhere_including_the_margin():
    rng = np.random.default_rng(3)
    y = np.where(rng.random(40) < 0.5, -1.0, 1.0)
    scores = rng.normal(0, 1.5, 40)
    scores[:6] = y[:6]                                  # six points exactly on the margin
    numeric = numerical_gradient(lambda s: squared_hinge_loss(s, y, reduction="sum"), scores)
    assert np.allclose(numeric, squared_hinge_loss_grad(scores, y, reduction="none"), rtol=0, atol=1e-6)


# --------------------------------------------------------------------------- outliers module


@pytest.mark.parametrize("distance", [0.5, 2.0, 7.5])
def test_mislabelled_outlier_sits_at_the_distance_on_the_negative_side(distance):
    w, b = np.array([1.0, -0.6]), 0.4
    point, label = mislabelled_outlier(distance)
    assert label == 1.0
    assert np.isclose((point @ w + b) / np.linalg.norm(w), -distance)


def test_mislabelled_outlier_rejects_bad_input():
    with pytest.raises(ValueError, match="distance"):
        mislabelled_outlier(-1.0)
    with pytest.raises(ValueError, match="true_w"):
        mislabelled_outlier(1.0, true_w=(0.0, 0.0))


def test_boundary_shift_ignores_scale_and_measures_parallel_moves():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 2))
    w, b = np.array([1.0, -0.6]), 0.4
    assert boundary_shift(X, w, b, 3.7 * w, 3.7 * b) < 1e-12
    # a parallel move by 0.25 along the normal shifts every signed distance by 0.25
    assert np.isclose(boundary_shift(X, w, b, w, b - 0.25 * np.linalg.norm(w)), 0.25)
    assert np.isclose(boundary_shift(X, w, b, [0.2, 1.0], -0.1), boundary_shift(X, [0.2, 1.0], -0.1, w, b))
    with pytest.raises(ValueError, match="zero vector"):
        boundary_shift(X, w, b, [0.0, 0.0], 1.0)
    with pytest.raises(ValueError, match="features"):
        boundary_shift(X, [1.0, 2.0, 3.0], 0.0, w, b)


def test_outlier_effect_refits_exactly(seed_data):
    X, y = seed_data
    point, label = mislabelled_outlier(5.0)
    effect = outlier_effect(X, y, point, label, reg_strength=LAM)
    assert set(effect) == {"hinge", "squared_hinge"}
    X_out, y_out = np.vstack([X, point]), np.append(y, label)
    for loss, fit in effect.items():
        clean = LinearSVM(solver="exact", loss=loss, reg_strength=LAM).fit(X, y)
        dirty = LinearSVM(solver="exact", loss=loss, reg_strength=LAM).fit(X_out, y_out)
        assert np.allclose(fit.coef_clean, clean.coef_.ravel()) and np.isclose(fit.intercept_clean, clean.intercept_[0])
        assert np.allclose(fit.coef_outlier, dirty.coef_.ravel())
        assert np.isclose(fit.alpha_outlier, dirty.alpha_[-1])
    C_out = 1 / (LAM * 61)
    assert np.isclose(effect["hinge"].alpha_outlier, C_out)
    sq = effect["squared_hinge"]
    assert np.isclose(sq.alpha_outlier, 2 * C_out * (1 - (point @ sq.coef_outlier + sq.intercept_outlier)))


def test_squared_hinge_moves_more_for_45_outlier_positions(seed_data):
    """The notebook's claim beyond the one position it shows: every position on the negative side
    at least 2 units (of the true score) deep, on a 9 x 9 grid over [-8, 4] x [-4, 8]."""
    X, y = seed_data
    n = 0
    for x1 in np.linspace(-8, 4, 9):
        for x2 in np.linspace(-4, 8, 9):
            point = np.array([x1, x2])
            if point @ [1.0, -0.6] + 0.4 > -2:
                continue
            effect = outlier_effect(X, y, point, 1.0, reg_strength=LAM)
            assert effect["squared_hinge"].shift > effect["hinge"].shift, point
            n += 1
    assert n == 45


def test_outlier_effect_rejects_bad_input(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError, match="coordinates"):
        outlier_effect(X, y, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="outlier_label"):
        outlier_effect(X, y, [1.0, 2.0], 0.0)
    with pytest.raises(ValueError, match="loss"):
        outlier_effect(X, y, [1.0, 2.0], 1.0, losses=("log",))


# --------------------------------------------------------------------------- LinearSVC


def test_linearsvc_defaults_to_the_squared_hinge_and_penalises_the_intercept(seed_data):
    X, y = seed_data
    assert LinearSVC().loss == "squared_hinge"
    C = 1 / (LAM * len(y))
    exact = LinearSVM(solver="exact", loss="squared_hinge", reg_strength=LAM).fit(X, y)
    gaps = []
    for s in (1.0, 10.0, 100.0):
        lsvc = LinearSVC(C=C, intercept_scaling=s, dual=False, tol=1e-10).fit(X, y)
        gaps.append(abs(lsvc.intercept_[0] - exact.intercept_[0]))
    assert gaps[0] > 1e-4
    assert gaps[0] / gaps[1] > 50 and gaps[1] / gaps[2] > 50
    assert np.allclose(lsvc.coef_, exact.coef_, rtol=0, atol=1e-6)


# --------------------------------------------------------------------------- smooth hinges


def test_psi_definitions_from_the_paper():
    m = np.linspace(-4, 4, 2001)
    for sigma in (0.05, 0.5, 2.0):
        a = 1 - m
        v = a / sigma
        psi_G = a * norm.cdf(v) + sigma * norm.pdf(v)
        psi_M = a * 0.5 * (1 + v / np.sqrt(1 + v * v)) + sigma / (2 * np.sqrt(1 + v * v))
        assert np.allclose(ml.gaussian_smooth_hinge(m, sigma), psi_G, rtol=0, atol=1e-12)
        assert np.allclose(ml.sqrt_smooth_hinge(m, sigma), psi_M, rtol=0, atol=1e-12)


@pytest.mark.parametrize("sigma", [2.0, 1.0, 0.3, 0.01, 1e-4])
def test_psi_converge_uniformly_with_the_stated_gaps(sigma):
    m = np.linspace(-20, 20, 400001)   # contains m = 1
    hinge = ml.hinge(m)
    gap_G = ml.gaussian_smooth_hinge(m, sigma) - hinge
    gap_M = ml.sqrt_smooth_hinge(m, sigma) - hinge
    assert gap_G.min() >= -1e-14 and gap_M.min() >= -1e-14
    assert np.isclose(gap_G.max(), sigma / np.sqrt(2 * np.pi), rtol=1e-12, atol=0)
    assert np.isclose(gap_M.max(), sigma / 2, rtol=1e-12, atol=0)


def test_rennie_srebro_and_modified_huber_shapes():
    m = np.linspace(-5, 0, 501)
    assert np.allclose(ml.hinge(m) - ml.smooth_hinge(m), 0.5)
    inner = np.linspace(-1, 3, 401)
    assert np.allclose(ml.modified_huber(inner), ml.squared_hinge(inner))
    h = 1e-7
    left = (ml.modified_huber(-1.0) - ml.modified_huber(-1.0 - h)) / h
    right = (ml.modified_huber(-1.0 + h) - ml.modified_huber(-1.0)) / h
    assert np.isclose(left, -4.0, atol=1e-5) and np.isclose(right, -4.0, atol=1e-5)


# --------------------------------------------------------------------------- the widget


def test_outlier_widget_recomputes_on_the_slider(seed_data):
    X, y = seed_data
    view = outlier_view(X, y, reg_strength=LAM, distance=5.0)
    point, effect = view.result
    assert np.allclose(point, mislabelled_outlier(5.0)[0])
    assert effect["squared_hinge"].shift > effect["hinge"].shift
    assert "distance 5.0" in view.text and "squared_hinge: boundary shift" in view.text
    view.controls["distance"].value = 9.5
    point, effect = view.result
    assert np.allclose(point, mislabelled_outlier(9.5)[0])
    direct = outlier_effect(X, y, point, 1.0, reg_strength=LAM)
    assert effect["squared_hinge"].shift == direct["squared_hinge"].shift
    assert view.text == format_outlier_effect(direct, 9.5)
    assert view.n_updates == 2
    plt.close("all")


def test_outlier_figure_shows_both_losses_and_the_outlier(seed_data):
    X, y = seed_data
    point, label = mislabelled_outlier(10.0)
    effect = outlier_effect(X, y, point, label, reg_strength=LAM)
    fig = outlier_figure(X, y, effect, point)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("hinge, with outlier") for t in labels)
    assert any(t.startswith("squared hinge, with outlier") for t in labels)
    assert "outlier, labelled +1" in labels
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    assert x0 < point[0] < x1 and y0 < point[1] < y1     # the view widens to show the outlier
    plt.close(fig)


def test_outlier_effect_with_precomputed_clean_fits(seed_data):
    from hinge_lib.exact import solve_exact

    X, y = seed_data
    point, label = mislabelled_outlier(3.0)
    clean = {loss: solve_exact(X, y, LAM, loss=loss) for loss in ("hinge", "squared_hinge")}
    a = outlier_effect(X, y, point, label, reg_strength=LAM)
    b = outlier_effect(X, y, point, label, reg_strength=LAM, clean=clean)
    for loss in a:
        assert a[loss].shift == b[loss].shift and np.array_equal(a[loss].coef_outlier, b[loss].coef_outlier)
    with pytest.raises(ValueError, match="clean"):
        outlier_effect(X, y, point, label, clean={k: solve_exact(X[:8], y[:8], LAM, loss=k) for k in clean})
