"""hinge_lib.margin_losses: the losses of the margin m = y f(x) that the lessons plot side by side, checked
against scikit-learn's SGD losses, torch's SoftMarginLoss, the binary hinge of hinge_lib.losses, and the
smooth hinges' defining properties (continuity, bounds, the forms given in arXiv 2103.00233)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from hinge_lib import margin_losses as ml
from hinge_lib.losses import hinge_loss, squared_hinge_loss

PROPERTY = settings(max_examples=60)
M = np.linspace(-4.0, 4.0, 801)  # includes -1, 0 and 1 exactly
CONVEX = [ml.hinge, ml.squared_hinge, ml.logistic, ml.squared_error, ml.smooth_hinge, ml.modified_huber,
          ml.gaussian_smooth_hinge, ml.sqrt_smooth_hinge]


def test_every_loss_keeps_the_shape_of_its_input():
    for loss in CONVEX + [ml.zero_one]:
        assert loss(M).shape == M.shape and loss(np.zeros((2, 3))).shape == (2, 3)
        assert np.ndim(loss(0.5)) == 0


def test_zero_one_counts_a_point_on_the_boundary_as_a_mistake():
    np.testing.assert_array_equal(ml.zero_one([-1.0, 0.0, 1e-12, 2.0]), [1.0, 1.0, 0.0, 0.0])


def test_hinge_and_squared_hinge_equal_the_binary_losses_of_the_library():
    ones = np.ones_like(M)
    np.testing.assert_array_equal(ml.hinge(M), hinge_loss(M, ones, reduction="none"))
    np.testing.assert_array_equal(ml.squared_hinge(M), squared_hinge_loss(M, ones, reduction="none"))


@pytest.mark.parametrize("name", ["Hinge", "SquaredHinge", "ModifiedHuber"])
def test_losses_equal_scikit_learns_sgd_losses(name):
    """scikit-learn's SGDClassifier losses (sklearn.linear_model._sgd_fast), called with prediction m, label 1."""
    from sklearn.linear_model import _sgd_fast

    sk = getattr(_sgd_fast, name)(*([1.0] if name != "ModifiedHuber" else []))
    ours = {"Hinge": ml.hinge, "SquaredHinge": ml.squared_hinge, "ModifiedHuber": ml.modified_huber}[name](M)
    np.testing.assert_allclose(ours, [sk.py_loss(float(m), 1.0) for m in M], rtol=1e-14, atol=1e-14)


def test_natural_log_logistic_equals_torch_soft_margin_loss():
    import torch

    rng = np.random.default_rng(0)
    s, y = rng.normal(0.0, 3.0, 200), rng.choice([-1.0, 1.0], 200)
    ref = torch.nn.SoftMarginLoss(reduction="none")(torch.tensor(s), torch.tensor(y)).numpy()
    np.testing.assert_allclose(ml.logistic(y * s, base2=False), ref, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(ml.logistic(y * s), ref / np.log(2.0), rtol=1e-13, atol=1e-15)


def test_squared_error_punishes_being_too_right():
    np.testing.assert_array_equal(ml.squared_error(M), (1.0 - M) ** 2)
    assert ml.squared_error(3.0) > ml.squared_error(1.0) == 0.0 == ml.hinge(3.0)


@pytest.mark.parametrize("loss", [ml.hinge, ml.squared_hinge, ml.logistic, ml.modified_huber], ids=lambda f: f.__name__)
def test_surrogates_bound_the_zero_one_loss_from_above(loss):
    assert (loss(M) >= ml.zero_one(M)).all()
    assert loss(0.0) >= 1.0  # on the boundary each costs at least as much as a mistake


@pytest.mark.parametrize("loss", CONVEX, ids=lambda f: f.__name__)
@PROPERTY
@given(a=st.floats(-6, 6), b=st.floats(-6, 6), theta=st.floats(0, 1))
def test_surrogates_are_convex(loss, a, b, theta):
    fa, fb = float(loss(a)), float(loss(b))
    assert float(loss((1 - theta) * a + theta * b)) <= (1 - theta) * fa + theta * fb + 1e-12 * (1 + abs(fa) + abs(fb))


def one_sided_slopes(f, x, h=1e-7):
    f0 = float(f(x))
    return (f0 - float(f(x - h))) / h, (float(f(x + h)) - f0) / h


@pytest.mark.parametrize("loss,joins", [(ml.smooth_hinge, [0.0, 1.0]), (ml.modified_huber, [-1.0, 1.0])],
                         ids=["smooth_hinge", "modified_huber"])
def test_piecewise_smooth_losses_are_continuously_differentiable_at_their_joins(loss, joins):
    for x in joins:
        left, right = one_sided_slopes(loss, x)
        assert left == pytest.approx(right, abs=1e-5)  # no kink (the hinge has a jump of 1 at m = 1)
    left, right = one_sided_slopes(ml.hinge, 1.0)
    assert right - left == pytest.approx(1.0, abs=1e-5)


def test_smooth_hinge_pieces():
    """Rennie and Srebro: 1/2 - m on the left, 0 on the right, a parabola joining them."""
    left, right = M[M <= 0], M[M >= 1]
    np.testing.assert_allclose(ml.smooth_hinge(left), 0.5 - left, rtol=1e-15)
    np.testing.assert_array_equal(ml.smooth_hinge(right), 0.0)
    assert (ml.smooth_hinge(M) <= ml.hinge(M)).all() and (ml.hinge(M) - ml.smooth_hinge(M) <= 0.5 + 1e-15).all()


@pytest.mark.parametrize("sigma", [0.05, 0.2, 0.5, 1.0])
def test_gaussian_smooth_hinge_is_the_papers_form_and_within_sigma_over_sqrt_2pi_of_the_hinge(sigma):
    a = 1.0 - M
    np.testing.assert_allclose(ml.gaussian_smooth_hinge(M, sigma),
                               a * norm.cdf(a / sigma) + sigma * norm.pdf(a / sigma), rtol=1e-12, atol=1e-15)
    gap = ml.gaussian_smooth_hinge(M, sigma) - ml.hinge(M)
    assert (gap >= -1e-15 * (1 + ml.hinge(M))).all()  # >= 0 up to rounding where Phi(a / sigma) rounds to 1
    # the largest gap sits at the kink, m = 1, and equals sigma * phi(0) = sigma / sqrt(2 pi)
    assert gap.max() == pytest.approx(sigma / np.sqrt(2 * np.pi), rel=1e-12)
    assert M[gap.argmax()] == 1.0


@pytest.mark.parametrize("sigma", [0.05, 0.2, 0.5, 1.0])
def test_sqrt_smooth_hinge_is_the_papers_form_and_within_sigma_over_two_of_the_hinge(sigma):
    a = 1.0 - M
    v = a / sigma
    phi_cdf = 0.5 * (1.0 + v / np.sqrt(1.0 + v * v))  # Phi_M of Luo, Qiao and Zhang
    phi_pdf = 1.0 / (2.0 * np.sqrt(1.0 + v * v))  # phi_M
    np.testing.assert_allclose(ml.sqrt_smooth_hinge(M, sigma), a * phi_cdf + sigma * phi_pdf, rtol=1e-12, atol=1e-14)
    gap = ml.sqrt_smooth_hinge(M, sigma) - ml.hinge(M)
    assert (gap >= -1e-15 * (1 + ml.hinge(M))).all()
    assert gap.max() == pytest.approx(sigma / 2, rel=1e-12) and M[gap.argmax()] == 1.0


def test_smooth_hinges_converge_uniformly_to_the_hinge():
    wide = np.linspace(-50, 50, 20001)
    for loss in (ml.gaussian_smooth_hinge, ml.sqrt_smooth_hinge):
        gaps = [np.abs(loss(wide, s) - ml.hinge(wide)).max() for s in (1.0, 0.1, 0.01, 0.001)]
        assert all(g1 > g2 for g1, g2 in zip(gaps, gaps[1:])) and gaps[-1] < 1e-3
