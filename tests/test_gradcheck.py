"""hinge_lib.gradcheck: central differences, the gradient checker, its kink detection and its noise floor."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hinge_lib.gradcheck import check_gradient, numerical_gradient
from hinge_lib.losses import hinge_loss, hinge_loss_and_grad


def hinge_loss_grad(*args, **kw):
    return hinge_loss_and_grad(*args, **kw)[1]
from hinge_lib.objective import svm_objective, svm_objective_and_grad

PROPERTY = settings(max_examples=30)


def smooth(x):
    """A smooth test function of an array of any shape, with a known gradient."""
    return float(np.sum(np.sin(x) * x**2) + 0.5 * np.sum(x) ** 2)


def smooth_grad(x):
    return np.cos(x) * x**2 + 2 * x * np.sin(x) + np.sum(x)


@PROPERTY
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(1,), (5,), (3, 4), (2, 2, 2)]))
def test_numerical_gradient_matches_the_analytic_gradient_of_a_smooth_function(seed, shape):
    x = np.random.default_rng(seed).normal(0.0, 2.0, shape)
    x_before = x.copy()
    g = numerical_gradient(smooth, x)
    assert g.shape == shape
    np.testing.assert_array_equal(x, x_before)  # the input is not modified
    # truncation ~ eps^2 |f'''| ~ 1e-11, rounding ~ 1e-16 |f| / eps ~ 1e-9 for |f| up to ~1e1..1e2
    np.testing.assert_allclose(g, smooth_grad(x), rtol=1e-6, atol=1e-7)


def test_numerical_gradient_matches_torch_autograd():
    import torch

    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 3)), rng.choice([-1.0, 1.0], 20)
    w = rng.normal(size=3)

    def logistic_objective(v):
        return float(np.mean(np.logaddexp(0.0, -y * (X @ v))) + 0.05 * v @ v)

    wt = torch.tensor(w, requires_grad=True)
    (torch.nn.functional.softplus(-torch.tensor(y) * (torch.tensor(X) @ wt)).mean() + 0.05 * wt @ wt).backward()
    np.testing.assert_allclose(numerical_gradient(logistic_objective, w), wt.grad.numpy(), rtol=1e-7, atol=1e-9)


def test_check_gradient_passes_a_correct_gradient_given_as_function_or_array():
    x = np.random.default_rng(1).normal(size=(3, 2))
    for grad in (smooth_grad, smooth_grad(x)):
        result = check_gradient(smooth, grad, x)
        assert result.passed and result.max_error < 1e-6 and not result.at_kink.any()
        assert result.analytic.shape == result.numerical.shape == result.relative_error.shape == x.shape


@pytest.mark.parametrize(
    "wrong,label",
    [(lambda x: -smooth_grad(x), "sign error"), (lambda x: smooth_grad(x) * 1.01, "off by 1%"),
     (lambda x: smooth_grad(x) + np.eye(3)[1], "one wrong coordinate")],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_check_gradient_catches_a_wrong_gradient(wrong, label):
    x = np.array([0.3, -1.2, 2.0])
    with pytest.raises(AssertionError, match=r"gradient check failed: relative error .* > tol 1\.0e-06 at index"):
        check_gradient(smooth, wrong, x)
    result = check_gradient(smooth, wrong, x, raise_on_failure=False)
    assert not result.passed and result.max_error > 1e-3


def test_hinge_kinks_are_reported_not_failed_and_fail_without_detection():
    s = np.array([1.0, 0.3, -0.5, 1.0 + 1e-3])  # with labels +1, +1, -1, +1: point 0 sits on the margin
    y = np.array([1.0, 1.0, -1.0, 1.0])
    f = lambda v: hinge_loss(v, y)  # noqa: E731
    result = check_gradient(f, lambda v: hinge_loss_grad(v, y), s)
    assert result.passed
    np.testing.assert_array_equal(result.at_kink, [True, False, False, False])
    # the central difference at the kink averages the two slopes (-1/N and 0); the library's choice is 0
    assert result.numerical[0] == pytest.approx(-0.5 / len(s), rel=1e-6) and result.analytic[0] == 0.0
    with pytest.raises(AssertionError, match="relative error"):
        check_gradient(f, lambda v: hinge_loss_grad(v, y), s, kink_tol=1e6)


def test_a_check_with_every_coordinate_at_a_kink_does_not_pass():
    """Nothing could be judged, so the check is inconclusive: never "passed", even for a wrong gradient."""
    y = np.array([1.0, -1.0])
    for grad in (lambda v: hinge_loss_grad(v, y), lambda v: np.full(2, 123.0)):
        result = check_gradient(lambda v: hinge_loss(v, y), grad, np.array([1.0, -1.0]), raise_on_failure=False)
        assert result.at_kink.all() and np.isnan(result.max_error) and not result.passed
    with pytest.raises(AssertionError, match=r"inconclusive: all 2 coordinate\(s\) sit at a kink"):
        check_gradient(lambda v: hinge_loss(v, y), lambda v: hinge_loss_grad(v, y), np.array([1.0, -1.0]))


def test_a_gradient_that_is_zero_up_to_round_off_passes():
    """Regression: at w = 0 with balanced classes every point is active and dJ/db = -mean(y) = 0 exactly, but
    its central difference is round-off (~1e-10); the relative error of the two used to be ~1 and fail."""
    from hinge_lib.data import make_two_class

    X, y = make_two_class(seed=0)  # 30 points per class
    theta = np.array([1e-3, -2e-3, 0.0])

    def J(t):
        return svm_objective(X, y, t[:2], t[2], 0.01)

    def grad(t):
        _, gw, gb = svm_objective_and_grad(X, y, t[:2], t[2], 0.01)
        return np.append(gw, gb)

    assert abs(grad(theta)[2]) < 1e-15 and (y * (X @ theta[:2]) < 1).all()
    result = check_gradient(J, grad, theta)
    assert result.passed and not result.at_kink.any()
    # ... while an error of 1e-4 in that same coordinate, far above the round-off, is still caught
    bad = check_gradient(J, lambda t: grad(t) + np.array([0.0, 0.0, 1e-4]), theta, raise_on_failure=False)
    assert not bad.passed and bad.relative_error[2] > 1e-3


def test_shape_mismatch_is_a_value_error():
    with pytest.raises(ValueError, match=r"the analytic gradient has shape \(2,\) but x has shape \(3,\)"):
        check_gradient(smooth, lambda x: np.zeros(2), np.zeros(3))
