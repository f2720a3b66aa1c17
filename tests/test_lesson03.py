"""Lesson 03 (the gradient): the claims the notebook makes, objective.gradient_breakdown, the gradient
widget and its figures, and the lesson's exercises beyond the generic checks of test_exercises.py."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from hinge_lib import (check_gradient, hinge_loss, hinge_loss_grad, make_two_class, support_vector_mask,
                       svm_objective, svm_objective_and_grad)
from hinge_lib.exercises import CORRECT, INCORRECT
from hinge_lib.exercises import lesson03 as ex
from hinge_lib.objective import gradient_breakdown
from hinge_lib.plotting import plot_hinge_subgradients
from hinge_lib.widgets import format_gradient_breakdown, gradient_figure, gradient_view

LAM = 0.01


@pytest.fixture(scope="module")
def seed_data():
    return make_two_class(n_per_class=30, seed=0)


def random_problem(seed, n=40, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = rng.choice([-1.0, 1.0], size=n)
    return X, y, rng.normal(size=d), float(rng.normal()), rng


# --------------------------------------------------------------------------- the piecewise rule and the kink


@pytest.mark.parametrize("label", [1.0, -1.0])
def test_derivative_is_minus_y_inside_and_zero_outside_and_zero_at_the_kink(label):
    s = np.linspace(-4, 4, 801)  # contains the kink s = label exactly
    g = hinge_loss_grad(s, np.full_like(s, label), reduction="none")
    assert np.array_equal(g, np.where(label * s < 1, -label, 0.0))
    assert hinge_loss_grad([label], [label], reduction="none")[0] == 0.0  # margin exactly 1


@pytest.mark.parametrize("label", [1.0, -1.0])
def test_every_slope_between_minus_y_and_zero_is_a_subgradient_at_the_kink_and_no_other(label):
    s = np.linspace(-6, 6, 2401)
    loss = hinge_loss(s, np.full_like(s, label), reduction="none")
    kink = label  # y s = 1

    def supports(g):
        return bool(np.all(loss >= g * (s - kink) - 1e-12))

    lo, hi = sorted((-label, 0.0))
    assert all(supports(g) for g in np.linspace(lo, hi, 41))
    assert not supports(lo - 0.05) and not supports(hi + 0.05)


# --------------------------------------------------------------------------- gradient_breakdown


@pytest.mark.parametrize("seed", range(8))
def test_breakdown_matches_the_library_gradient_and_the_support_mask(seed):
    X, y, w, b, rng = random_problem(seed)
    lam = float(rng.uniform(1e-3, 1.0))
    g = gradient_breakdown(X, y, w, b, lam)
    J, gw, gb = svm_objective_and_grad(X, y, w, b, lam)
    assert g.objective == J and np.array_equal(g.grad_w, gw) and g.grad_b == gb
    assert np.array_equal(g.margins, y * (X @ w + b))
    assert np.array_equal(g.active, support_vector_mask(X @ w + b, y))
    assert g.mean_loss == pytest.approx(hinge_loss(X @ w + b, y), rel=1e-15)
    # the data term is a sum over the active points only
    data_w = -(y[g.active] @ X[g.active]) / len(y)
    np.testing.assert_allclose(g.grad_w, lam * w + data_w, rtol=1e-12, atol=1e-15)


def test_breakdown_treats_a_point_exactly_on_the_margin_as_inactive():
    X, y = np.array([[2.0, 1.0], [-1.0, 0.5]]), np.array([1.0, -1.0])
    g = gradient_breakdown(X, y, [0.5, 0.0], 0.0, 0.1)
    assert g.margins.tolist() == [1.0, 0.5] and g.active.tolist() == [False, True]


def test_breakdown_rejects_multiclass_and_bad_labels():
    with pytest.raises(ValueError, match="binary"):
        gradient_breakdown(np.eye(3), [0, 1, 2], np.zeros((3, 3)), np.zeros(3), 0.1)
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        gradient_breakdown(np.eye(2), [0, 1], np.zeros(2), 0.0, 0.1)


def test_seed_data_at_the_true_boundary_has_a_sparse_gradient(seed_data):
    X, y = seed_data
    g = gradient_breakdown(X, y, [1.0, -0.6], 0.4, LAM)
    assert 0 < g.active.sum() < len(y) // 2  # fewer than half of the points carry the gradient


@pytest.mark.parametrize("seed", range(6))
def test_moving_inactive_points_further_out_leaves_the_gradient_unchanged(seed):
    X, y, w, b, rng = random_problem(seed)
    g = gradient_breakdown(X, y, w, b, LAM)
    assert (~g.active).any()
    X_far = X.copy()
    X_far[~g.active] += rng.uniform(0.1, 5.0, size=(int((~g.active).sum()), 1)) * y[~g.active, None] * w
    moved = gradient_breakdown(X_far, y, w, b, LAM)
    assert np.array_equal(moved.active, g.active)
    np.testing.assert_allclose(moved.grad_w, g.grad_w, rtol=0, atol=1e-15)
    assert moved.grad_b == pytest.approx(g.grad_b, abs=1e-15)


@pytest.mark.parametrize("seed", range(6))
def test_scaling_w_and_b_up_never_adds_active_points(seed):
    X, y, w, b, _ = random_problem(seed)
    counts = [int(gradient_breakdown(X, y, c * w, c * b, LAM).active.sum()) for c in (0.25, 0.5, 1, 2, 4, 8)]
    assert counts == sorted(counts, reverse=True)


# --------------------------------------------------------------------------- gradient checks at and away from kinks


@pytest.mark.parametrize("seed", range(6))
def test_check_gradient_passes_away_from_kinks_and_catches_a_missing_mean(seed):
    X, y, w, b, _ = random_problem(seed)
    theta = np.append(w, b)
    n = len(y)

    def J(t):
        return svm_objective(X, y, t[:-1], t[-1], LAM)

    def grad(t):
        return np.append(*svm_objective_and_grad(X, y, t[:-1], t[-1], LAM)[1:])

    def grad_sum(t):  # the data term summed instead of averaged
        _, gw, gb = svm_objective_and_grad(X, y, t[:-1], t[-1], LAM)
        return np.append(LAM * t[:-1] + n * (gw - LAM * t[:-1]), n * gb)

    assert check_gradient(J, grad, theta).passed
    with pytest.raises(AssertionError, match="gradient check failed"):
        check_gradient(J, grad_sum, theta)


@pytest.mark.parametrize("seed", range(6))
def test_at_a_kink_the_central_difference_is_off_by_half_a_point(seed):
    X, y, w, b, rng = random_problem(seed, n=12)
    i = int(rng.integers(len(y)))
    b = y[i] - X[i] @ w  # put point i on its margin (to rounding: the +-eps window still straddles the kink)
    margins = y * (X @ w + b)
    others = np.delete(np.arange(len(y)), i)
    assert abs(margins[i] - 1) < 1e-12 and np.abs(margins[others] - 1).min() > 1e-3
    theta = np.append(w, b)

    def J(t):
        return svm_objective(X, y, t[:-1], t[-1], LAM)

    def grad(t):
        return np.append(*svm_objective_and_grad(X, y, t[:-1], t[-1], LAM)[1:])

    res = check_gradient(J, grad, theta, raise_on_failure=False)
    half = np.abs(y[i] * np.append(X[i], 1.0)) / (2 * len(y))  # |y_i x_i| / (2N), and 1/(2N) for b
    np.testing.assert_allclose(np.abs(res.numerical - res.analytic), half, rtol=1e-4, atol=1e-8)
    assert np.array_equal(res.at_kink, half > 1e-3)  # a coordinate with a tiny x_ij has a tiny jump
    with pytest.raises(AssertionError):
        check_gradient(J, grad, theta, kink_tol=1e6)


# --------------------------------------------------------------------------- widget and figures


def test_gradient_view_recomputes_on_every_slider(seed_data):
    X, y = seed_data
    view = gradient_view(X, y, reg_strength=LAM)
    start = gradient_breakdown(X, y, [1.0, -0.6], 0.4, LAM)
    assert np.array_equal(view.result.grad_w, start.grad_w) and np.array_equal(view.result.active, start.active)
    for name, value in (("w1", 2.5), ("w2", -1.5), ("b", -0.7)):
        before = view.n_updates
        view.controls[name].value = value
        assert view.n_updates == before + 1
    expected = gradient_breakdown(X, y, [2.5, -1.5], -0.7, LAM)
    np.testing.assert_array_equal(view.result.grad_w, expected.grad_w)
    assert view.result.grad_b == expected.grad_b
    assert view.text == format_gradient_breakdown(expected)
    assert view.text.startswith(f"{int(expected.active.sum())} of 60 points are active")
    plt.close("all")


def test_gradient_view_questions_have_answers(seed_data):
    """The notebook's widget questions: dJ/db starts positive, is -(1/N) sum of the active labels, and moving
    b (within the slider's range) turns it negative; making ||w|| large drops the active count."""
    X, y = seed_data
    view = gradient_view(X, y, reg_strength=LAM)
    start = view.result
    assert start.grad_b > 0 and start.grad_b == pytest.approx(-y[start.active].sum() / len(y))
    view.controls["b"].value = 0.0
    moved = view.result
    assert moved.grad_b < 0 and moved.grad_b == pytest.approx(-y[moved.active].sum() / len(y))
    assert (y[moved.active] > 0).sum() > (y[moved.active] < 0).sum()  # now more class +1 points are active
    view.controls["b"].value = 0.4
    n_start = int(view.result.active.sum())
    view.controls["w1"].value, view.controls["w2"].value = 3.0, -1.8
    assert int(view.result.active.sum()) < n_start
    plt.close("all")


def test_gradient_view_at_w_zero_makes_every_point_active_and_still_draws(seed_data):
    X, y = seed_data
    view = gradient_view(X, y, reg_strength=LAM)
    view.controls["w1"].value = 0.0
    view.controls["w2"].value = 0.0  # no boundary: the figure must still draw (an exception would propagate here)
    assert view.result.active.all() and view.text.startswith("60 of 60")
    plt.close("all")


def test_format_gradient_breakdown_prints_no_negative_zero():
    X, y = np.array([[1.0, 0.0], [-1.0, 0.0]]), np.array([1.0, -1.0])
    text = format_gradient_breakdown(gradient_breakdown(X, y, [0.0, 0.0], 0.0, 0.1))
    assert "-0.0000" not in text and "dJ/db = +0.0000" in text


def test_gradient_figure_has_titles_labels_and_legends(seed_data):
    X, y = seed_data
    fig = gradient_figure(X, y, [1.0, -0.6], 0.4, LAM)
    n_active = int(gradient_breakdown(X, y, [1.0, -0.6], 0.4, LAM).active.sum())
    left, right = fig.axes
    assert left.get_title() == f"{n_active} of 60 points are active"
    assert f"({n_active}/60)" in right.get_title()
    for ax in (left, right):
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None
    plt.close(fig)


def test_subgradient_figure_has_titles_labels_and_legends():
    fig, axes = plt.subplots(1, 2)
    plot_hinge_subgradients(axes=axes)
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert len(ax.get_legend().get_texts()) >= 3
    plt.close(fig)


# --------------------------------------------------------------------------- exercises


def test_q1_accepts_any_valid_subgradient_at_the_kink():
    def minus_y_at_kink(s, y):
        return np.where(y * s <= 1, -y, 0.0) / len(s)

    def half_at_kink(s, y):
        return np.where(y * s < 1, -y, np.where(y * s == 1, -y / 2, 0.0)) / len(s)

    def plus_y_at_kink(s, y):  # outside [-y/N, 0]
        return np.where(y * s < 1, -y, np.where(y * s == 1, y, 0.0)) / len(s)

    assert ex.q1.evaluate(minus_y_at_kink).status == CORRECT
    assert ex.q1.evaluate(half_at_kink).status == CORRECT
    result = ex.q1.evaluate(plus_y_at_kink)
    assert result.status == INCORRECT and "kink" in result.message


def test_q2_accepts_the_library_gradient_and_explains_an_unknown_mistake():
    assert ex.q2.evaluate(lambda X, y, w, b, lam: svm_objective_and_grad(X, y, w, b, lam)[1:]).status == CORRECT
    result = ex.q2.evaluate(lambda X, y, w, b, lam: (1.01 * svm_objective_and_grad(X, y, w, b, lam)[1], 0.5))
    assert result.status == INCORRECT and "central differences" in result.message
    result = ex.q2.evaluate(lambda X, y, w, b, lam: svm_objective_and_grad(X, y, w, b, lam)[1])
    assert result.status == INCORRECT and "return grad_w, grad_b" in result.message
