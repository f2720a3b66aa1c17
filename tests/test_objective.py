"""hinge_lib.objective: J(w, b) = (lambda/2)||w||^2 + mean loss, its gradient with respect to (w, b),
the loop version against the vectorised one, and cross-checks with torch autograd and scikit-learn's C form."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from hinge_lib.gradcheck import check_gradient
from hinge_lib.losses import hinge_loss, hinge_loss_and_grad, multiclass_hinge_loss


def hinge_loss_grad(*args, **kw):
    return hinge_loss_and_grad(*args, **kw)[1]


def squared_hinge_loss(*args, **kw):
    return hinge_loss(*args, squared=True, **kw)


def squared_hinge_loss_grad(*args, **kw):
    return hinge_loss_and_grad(*args, squared=True, **kw)[1]
from hinge_lib.objective import svm_objective, svm_objective_and_grad, svm_objective_and_grad_naive

LOSSES = ("hinge", "squared_hinge")
KINDS = ("weston_watkins", "crammer_singer")
H = 1e-3  # finite-difference step in parameter space; J is piecewise quadratic, so no truncation error
PROPERTY = settings(max_examples=40)

coord = st.floats(-10, 10, allow_subnormal=False)
reg_strengths = st.sampled_from([1e-4, 0.01, 0.5, 10.0, 1e3, 1e6])  # includes a very large lambda


@st.composite
def binary_problem(draw):
    n, d = draw(st.integers(1, 12)), draw(st.integers(1, 4))
    X = draw(hnp.arrays(np.float64, (n, d), elements=coord))
    y = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([-1.0, 1.0])))
    w = draw(hnp.arrays(np.float64, d, elements=coord))
    return X, y, w, draw(coord)


def random_problem(seed, n_classes=None):
    """X (N, D), labels, parameters; binary labels in {-1, +1} when n_classes is None."""
    rng = np.random.default_rng(seed)
    n, d = int(rng.integers(1, 30)), int(rng.integers(1, 5))
    X = rng.normal(0.0, 1.5, (n, d))
    if n_classes is None:
        return X, rng.choice([-1.0, 1.0], n), rng.normal(0.0, 1.0, d), float(rng.normal()), rng
    y = rng.integers(0, n_classes, n)
    return X, y, rng.normal(0.0, 1.0, (d, n_classes)), rng.normal(0.0, 1.0, n_classes), rng


def distance_to_kinks(X, y, w, b, margin, kind="weston_watkins"):
    """How far (in units of the functional margin) the problem is from its nearest kink."""
    scores = X @ w + b
    if scores.ndim == 1:
        return float(np.abs(y * scores - margin).min())
    rows = np.arange(len(y))
    diff = scores - scores[rows, y][:, None] + margin
    diff[rows, y] = np.inf
    dist = float(np.abs(diff).min())
    if kind == "crammer_singer" and scores.shape[1] > 2:  # the wrong-class max must have a clear winner
        top2 = np.sort(np.where(np.isfinite(diff), diff, -np.inf), axis=1)[:, -2:]
        dist = min(dist, float((top2[:, 1] - top2[:, 0]).min()))
    return dist


def flat(w, b):
    return np.concatenate([np.ravel(w), np.atleast_1d(b)])


def unflat(x, w_shape):
    k = int(np.prod(w_shape))
    w = x[:k].reshape(w_shape)
    return (w, float(x[k])) if len(w_shape) == 1 else (w, x[k:])


# ----------------------------------------------------------------------------- definition


@pytest.mark.parametrize("loss", LOSSES)
@PROPERTY
@given(problem=binary_problem(), lam=reg_strengths)
def test_binary_objective_is_regulariser_plus_mean_loss_and_bias_is_not_regularised(loss, problem, lam):
    X, y, w, b = problem
    mean_loss = (squared_hinge_loss if loss == "squared_hinge" else hinge_loss)(X @ w + b, y)
    J, gw, gb = svm_objective_and_grad(X, y, w, b, lam, loss=loss)
    assert J == pytest.approx(0.5 * lam * float(w @ w) + mean_loss, rel=1e-12, abs=1e-300)
    assert svm_objective(X, y, w, b, lam, loss=loss) == J
    assert isinstance(gb, float) and gw.shape == w.shape
    # the bias's gradient is the data term's alone: changing lambda does not touch it
    assert svm_objective_and_grad(X, y, w, b, 2 * lam, loss=loss)[2] == gb


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("seed", range(5))
def test_multiclass_objective_is_regulariser_plus_mean_multiclass_loss(kind, loss, seed):
    X, y, W, b, _ = random_problem(seed, n_classes=4)
    lam = 0.3
    J, gW, gb = svm_objective_and_grad(X, y, W, b, lam, loss=loss, kind=kind)
    mean_loss = multiclass_hinge_loss(X @ W + b, y, kind=kind, squared=loss == "squared_hinge")
    assert J == pytest.approx(0.5 * lam * float((W * W).sum()) + mean_loss, rel=1e-13)
    assert gW.shape == W.shape and gb.shape == b.shape


@pytest.mark.parametrize("seed", range(10))
def test_objective_over_lambda_is_sklearn_form_with_c_equal_one_over_lambda_n(seed):
    """J / lambda = (1/2)||w||^2 + C sum_i hinge_i with C = 1 / (lambda N), hinge as sklearn computes it."""
    from sklearn.metrics import hinge_loss as sk_hinge_loss

    X, y, w, b, rng = random_problem(seed)
    # sklearn's binary hinge_loss needs both labels present in y_true (see test_losses): add one of each
    X, y = np.vstack([X, rng.normal(0.0, 1.5, (2, X.shape[1]))]), np.append(y, [1.0, -1.0])
    lam, n = float(rng.uniform(1e-3, 1.0)), len(y)
    C = 1.0 / (lam * n)
    sklearn_form = 0.5 * float(w @ w) + C * n * sk_hinge_loss(y, X @ w + b)
    assert svm_objective(X, y, w, b, lam) / lam == pytest.approx(sklearn_form, rel=1e-12)


# ----------------------------------------------------------------------------- convexity


@pytest.mark.parametrize("loss", LOSSES)
@PROPERTY
@given(seed=st.integers(0, 2**32 - 1), n_classes=st.sampled_from([None, 3]), kind=st.sampled_from(KINDS),
       t=st.tuples(st.floats(-3, 3), st.floats(-3, 3), st.floats(0, 1)))
def test_objective_is_convex_along_random_lines_in_parameter_space(loss, seed, n_classes, kind, t):
    X, y, w, b, rng = random_problem(seed, n_classes)
    x0 = flat(w, b)
    direction = rng.normal(0.0, 1.0, x0.shape)
    t0, t1, theta = t

    def J(s):
        return svm_objective(X, y, *unflat(x0 + s * direction, w.shape), 0.1, loss=loss, kind=kind)

    f0, f1 = J(t0), J(t1)
    assert J((1 - theta) * t0 + theta * t1) <= (1 - theta) * f0 + theta * f1 + 1e-9 * (1 + abs(f0) + abs(f1))


# ----------------------------------------------------------------------------- gradient


@PROPERTY
@given(seed=st.integers(0, 2**32 - 1), n_classes=st.sampled_from([None, 2, 3, 5]), kind=st.sampled_from(KINDS),
       lam=st.floats(1e-3, 10.0), margin=st.sampled_from([0.0, 1.0, 2.5]))
def test_gradient_equals_central_differences_away_from_kinks(seed, n_classes, kind, lam, margin):
    X, y, w, b, _ = random_problem(seed, n_classes)
    # a step H in one parameter moves any score difference by at most 2 H max(1, |x|)
    assume(distance_to_kinks(X, y, w, b, margin, kind) > 4 * H * max(1.0, np.abs(X).max()))
    for loss in LOSSES:
        kw = dict(loss=loss, kind=kind, margin=margin)

        def J(x):
            return svm_objective(X, y, *unflat(x, w.shape), lam, **kw)

        def grad(x):
            _, gw, gb = svm_objective_and_grad(X, y, *unflat(x, w.shape), lam, **kw)
            return flat(gw, gb)

        x0 = flat(w, b)
        J0 = J(x0)
        # Direct check: J is quadratic in each parameter on [x - H, x + H] away from kinks, where central
        # differences are exact; the rest is rounding, ~1e-16 |J| / H ~ 1e-13 |J|.
        numerical = np.array([(J(x0 + H * e) - J(x0 - H * e)) / (2 * H) for e in np.eye(x0.size)])
        np.testing.assert_allclose(grad(x0), numerical, rtol=0, atol=1e-9 * (1 + abs(J0)))
        # The library's checker. Its kink test compares one-sided slopes, which on a smooth stretch differ
        # by H * d2J/dx2 <= 1e-3 * (lambda + 2 max|x|^2) (squared hinge), below kink_tol=0.5 here; the
        # relative error is rounding over |gradient|, and tol=1e-6 leaves room for gradients down to ~1e-6.
        result = check_gradient(J, grad, x0, eps=H, tol=1e-6, kink_tol=0.5)
        assert result.passed and not result.at_kink.any()


@pytest.mark.parametrize("seed", range(15))
def test_binary_gradient_equals_torch_autograd(seed):
    import torch

    X, y, w, b, rng = random_problem(seed)
    lam = float(rng.uniform(1e-3, 2.0))
    assert distance_to_kinks(X, y, w, b, 1.0) > 1e-9  # premise: away from the kink (torch's clamp picks -y there)
    for loss in LOSSES:
        wt = torch.tensor(w, requires_grad=True)
        bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)  # a Python float would become float32
        per = torch.clamp(1 - torch.tensor(y) * (torch.tensor(X) @ wt + bt), min=0)
        per = per.pow(2) if loss == "squared_hinge" else per
        Jt = 0.5 * lam * (wt * wt).sum() + per.mean()  # the bias is not in the regulariser
        Jt.backward()
        J, gw, gb = svm_objective_and_grad(X, y, w, b, lam, loss=loss)
        assert J == pytest.approx(Jt.item(), rel=1e-12)
        np.testing.assert_allclose(gw, wt.grad.numpy(), rtol=1e-11, atol=1e-14)
        assert gb == pytest.approx(bt.grad.item(), rel=1e-11, abs=1e-14)


@pytest.mark.parametrize("seed", range(15))
def test_weston_watkins_objective_and_gradient_equal_torch_multimarginloss_times_c(seed):
    import torch

    n_classes = 2 + seed % 4
    X, y, W, b, rng = random_problem(seed, n_classes)
    lam = float(rng.uniform(1e-3, 2.0))
    assert distance_to_kinks(X, y, W, b, 1.0) > 1e-9
    for p, loss in ((1, "hinge"), (2, "squared_hinge")):
        Wt = torch.tensor(W, requires_grad=True)
        bt = torch.tensor(b, requires_grad=True)
        data = n_classes * torch.nn.MultiMarginLoss(p=p)(torch.tensor(X) @ Wt + bt, torch.tensor(y))
        Jt = 0.5 * lam * (Wt * Wt).sum() + data
        Jt.backward()
        J, gW, gb = svm_objective_and_grad(X, y, W, b, lam, loss=loss)
        assert J == pytest.approx(Jt.item(), rel=1e-12)
        np.testing.assert_allclose(gW, Wt.grad.numpy(), rtol=1e-11, atol=1e-14)
        np.testing.assert_allclose(gb, bt.grad.numpy(), rtol=1e-11, atol=1e-14)


# ----------------------------------------------------------------------------- naive versus vectorised


@pytest.mark.parametrize("loss", LOSSES)
@PROPERTY
@given(problem=binary_problem(), lam=reg_strengths, margin=st.sampled_from([0.0, 1.0, 2.0]))
def test_naive_loop_equals_vectorised(loss, problem, lam, margin):
    X, y, w, b = problem
    J, gw, gb = svm_objective_and_grad(X, y, w, b, lam, loss=loss, margin=margin)
    Jn, gwn, gbn = svm_objective_and_grad_naive(X, y, w, b, lam, loss=loss, margin=margin)
    assert Jn == pytest.approx(J, rel=1e-12, abs=1e-300)  # every term is >= 0: no cancellation
    # The gradient sums terms of both signs in a different order; the rounding is relative to the sum of
    # their magnitudes, not to the (possibly cancelled) result.
    s = X @ w + b
    dscore = (squared_hinge_loss_grad if loss == "squared_hinge" else hinge_loss_grad)(s, y, margin=margin)
    scale_w = np.abs(X).T @ np.abs(dscore) + lam * np.abs(w)
    np.testing.assert_allclose(gwn, gw, rtol=0, atol=1e-12 * float(scale_w.max()) + 1e-300)
    assert gbn == pytest.approx(gb, rel=0, abs=1e-12 * float(np.abs(dscore).sum()) + 1e-300)


def test_naive_is_binary_only():
    with pytest.raises(ValueError, match="binary problem only"):
        svm_objective_and_grad_naive(np.ones((2, 2)), [0, 1], np.zeros((2, 3)), np.zeros(3), 0.1)


def test_large_reg_strength_is_counted_once_not_once_per_sample():
    """CS231n's classic slip: adding the regulariser's gradient inside the sample loop multiplies it by N."""
    X = np.arange(12.0).reshape(6, 2)
    y = np.array([1.0, -1.0, 1.0, -1.0, 1.0, -1.0])
    w, b, lam = np.array([0.3, -0.2]), 0.1, 1e6
    for fn in (svm_objective_and_grad, svm_objective_and_grad_naive):
        J, gw, _ = fn(X, y, w, b, lam)
        data_J, data_gw, _ = fn(X, y, w, b, 1e-300)
        assert J - data_J == pytest.approx(0.5 * lam * float(w @ w), rel=1e-12)
        np.testing.assert_allclose(gw - data_gw, lam * w, rtol=1e-12)
