"""hinge_lib.losses: properties of the hinge losses (hypothesis), loop versus vectorised versions, and
cross-checks against the installed PyTorch and scikit-learn on random data.

Scores in the property tests are dyadic numbers (multiples of 2**-20, |s| <= 10, or quarter steps for
many ties and exact kinks): sums and differences of them are exact in float64, so "the loss is zero
exactly when the margin is met" can be asserted with ``==``, and hypothesis hits the kinks on purpose.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from hinge_lib.gradcheck import check_gradient
from hinge_lib.losses import (
    hinge_loss,
    hinge_loss_and_grad,
    hinge_loss_and_grad_naive,
    multiclass_hinge_loss,
    multiclass_hinge_loss_and_grad,
    multiclass_hinge_loss_and_grad_naive,
)


# The library has one function per loss family (binary, multi-class), returning the loss and its
# gradient, with squared=True for the squared hinge; these names keep the tests readable.
def hinge_loss_grad(*args, **kw):
    return hinge_loss_and_grad(*args, **kw)[1]


def squared_hinge_loss_and_grad(*args, **kw):
    return hinge_loss_and_grad(*args, squared=True, **kw)


def squared_hinge_loss(*args, **kw):
    return hinge_loss(*args, squared=True, **kw)


def squared_hinge_loss_grad(*args, **kw):
    return hinge_loss_and_grad(*args, squared=True, **kw)[1]


def multiclass_hinge_loss_grad(*args, **kw):
    return multiclass_hinge_loss_and_grad(*args, **kw)[1]

KINDS = ("weston_watkins", "crammer_singer")
H = 2.0**-14  # finite-difference step: dyadic, so s +- H is exact on the score grid
KINK_TOL = 1e-2  # gradcheck's kink detector at step H; see the gradient tests
PROPERTY = settings(max_examples=50)  # per test; the suite must stay fast on two shared cores

# ----------------------------------------------------------------------------- strategies

fine = st.integers(-10 * 2**20, 10 * 2**20).map(lambda k: k / 2**20)
coarse = st.integers(-12, 12).map(lambda k: k / 4)  # quarter steps: ties and exact kinks are common
score = st.one_of(fine, coarse)
margins = st.integers(0, 12).map(lambda k: k / 4)  # 0, 0.25, ..., 3
labels_pm1 = st.sampled_from([-1.0, 1.0])


@st.composite
def binary_problem(draw, max_n=20):
    n = draw(st.integers(1, max_n))
    s = draw(hnp.arrays(np.float64, n, elements=score))
    y = draw(hnp.arrays(np.float64, n, elements=labels_pm1))
    return s, y


@st.composite
def multiclass_problem(draw, max_n=10, max_c=5):
    n = draw(st.integers(1, max_n))
    c = draw(st.integers(2, max_c))
    s = draw(hnp.arrays(np.float64, (n, c), elements=score))
    y = draw(hnp.arrays(np.intp, n, elements=st.integers(0, c - 1)))
    return s, y


def random_binary(seed, n=None, scale=3.0):
    """Random scores on the 2**-20 grid (continuous for all practical purposes) and labels in {-1, +1}."""
    rng = np.random.default_rng(seed)
    n = n or int(rng.integers(1, 40))
    s = np.round(rng.normal(0.0, scale, n) * 2**20) / 2**20
    return s, rng.choice([-1.0, 1.0], n), rng


def random_multiclass(seed, scale=2.0):
    rng = np.random.default_rng(seed)
    n, c = int(rng.integers(1, 30)), int(rng.integers(2, 8))
    s = np.round(rng.normal(0.0, scale, (n, c)) * 2**20) / 2**20
    return s, rng.integers(0, c, n), rng


def binary_loss_and_grad(s, y, squared, **kw):
    fn = squared_hinge_loss_and_grad if squared else hinge_loss_and_grad
    return fn(s, y, **kw)


def wrong_class_gaps(s, y, margin):
    """d[i, k] = s_k - s_c + margin for the wrong classes (the hinge kinks sit at d = 0); true class -> inf."""
    rows = np.arange(s.shape[0])
    d = s - s[rows, y][:, None] + margin
    d[rows, y] = np.inf
    return d


def away_from_multiclass_kinks(s, y, margin, kind, dist):
    """True when no loss term changes its formula within ``dist`` of ``s`` (coordinate-wise steps)."""
    d = wrong_class_gaps(s, y, margin)
    if np.abs(d[np.isfinite(d)]).min() <= 2 * dist:
        return False
    if kind == "crammer_singer" and s.shape[1] > 2:  # the max over wrong classes must have a clear winner
        top2 = np.sort(np.where(np.isfinite(d), d, -np.inf), axis=1)[:, -2:]
        return bool((top2[:, 1] - top2[:, 0] > 2 * dist).all())
    return True


# ----------------------------------------------------------------------------- binary properties
# Each property runs on both binary losses (and below on all four multi-class variants) inside one
# example: the data are generated once per example, which keeps the suite fast.

BINARY_VARIANTS = (False, True)  # squared?


@PROPERTY
@given(problem=binary_problem(), margin=margins)
def test_binary_loss_is_nonnegative_and_zero_exactly_when_margin_met(problem, margin):
    s, y = problem
    for squared in BINARY_VARIANTS:
        per_sample, _ = binary_loss_and_grad(s, y, squared, margin=margin, reduction="none")
        assert per_sample.shape == s.shape
        assert (per_sample >= 0).all()
        np.testing.assert_array_equal(per_sample == 0.0, y * s >= margin)


@PROPERTY
@given(problem=binary_problem(), margin=margins)
def test_squared_hinge_is_the_square_of_the_hinge(problem, margin):
    s, y = problem
    hinge = hinge_loss(s, y, margin=margin, reduction="none")
    np.testing.assert_array_equal(squared_hinge_loss(s, y, margin=margin, reduction="none"), hinge * hinge)


@PROPERTY
@given(problem=binary_problem(), margin=margins, data=st.data())
def test_binary_loss_is_convex_along_random_lines(problem, margin, data):
    s, y = problem
    direction = data.draw(hnp.arrays(np.float64, s.shape, elements=st.floats(-5, 5)))
    t0, t1, theta = data.draw(st.floats(-3, 3)), data.draw(st.floats(-3, 3)), data.draw(st.floats(0, 1))
    for squared in BINARY_VARIANTS:

        def f(t):
            return binary_loss_and_grad(s + t * direction, y, squared, margin=margin)[0]

        f0, f1 = f(t0), f(t1)
        # the slack is rounding: a few ulps of the values involved (|f| <= ~1e3 here)
        assert f((1 - theta) * t0 + theta * t1) <= (1 - theta) * f0 + theta * f1 + 1e-9 * (1 + abs(f0) + abs(f1))


@PROPERTY
@given(problem=binary_problem(), margin=margins)
def test_binary_sum_is_n_times_mean_and_none_sums_to_sum(problem, margin):
    s, y = problem
    n = s.size
    for squared in BINARY_VARIANTS:
        mean, g_mean = binary_loss_and_grad(s, y, squared, margin=margin, reduction="mean")
        total, g_sum = binary_loss_and_grad(s, y, squared, margin=margin, reduction="sum")
        per, g_none = binary_loss_and_grad(s, y, squared, margin=margin, reduction="none")
        assert isinstance(mean, float) and isinstance(total, float)
        assert total == pytest.approx(n * mean, rel=1e-12, abs=1e-300)
        assert total == pytest.approx(float(per.sum()), rel=1e-12, abs=1e-300)
        np.testing.assert_allclose(g_sum, n * g_mean, rtol=1e-12, atol=0)
        np.testing.assert_array_equal(g_none, g_sum)  # each sample's gradient only touches its own score


@PROPERTY
@given(problem=binary_problem(), margin=margins)
def test_binary_naive_loop_equals_vectorised(problem, margin):
    s, y = problem
    for squared in BINARY_VARIANTS:
        loss, grad = binary_loss_and_grad(s, y, squared, margin=margin)
        loss_naive, grad_naive = hinge_loss_and_grad_naive(s, y, margin=margin, squared=squared)
        assert loss_naive == pytest.approx(loss, rel=1e-12, abs=1e-300)
        np.testing.assert_allclose(grad_naive, grad, rtol=1e-12, atol=0)


@PROPERTY
@given(problem=binary_problem(), margin=margins)
def test_loss_only_and_grad_only_functions_match_the_combined_ones(problem, margin):
    s, y = problem
    for reduction in ("mean", "sum", "none"):
        kw = dict(margin=margin, reduction=reduction)
        loss, grad = hinge_loss_and_grad(s, y, **kw)
        np.testing.assert_array_equal(hinge_loss(s, y, **kw), loss)
        np.testing.assert_array_equal(hinge_loss_grad(s, y, **kw), grad)
        loss, grad = squared_hinge_loss_and_grad(s, y, **kw)
        np.testing.assert_array_equal(squared_hinge_loss(s, y, **kw), loss)
        np.testing.assert_array_equal(squared_hinge_loss_grad(s, y, **kw), grad)


@settings(max_examples=40)
@given(seed=st.integers(0, 2**32 - 1), margin=margins)
def test_binary_gradient_equals_central_differences_away_from_kinks(seed, margin):
    s, y, _ = random_binary(seed)
    assume(np.abs(y * s - margin).min() > 2 * H)  # no kink within the step
    for squared in BINARY_VARIANTS:

        def f(v):
            return binary_loss_and_grad(v, y, squared, margin=margin)[0]

        grad = binary_loss_and_grad(s, y, squared, margin=margin)[1]
        # Direct check. Away from kinks the loss is linear (or quadratic) in each score over [s - H, s + H],
        # where central differences are exact; what is left is rounding, ~1e-16 |f| / H ~ 1e-12 |f|.
        numerical = np.array([(f(s + H * e) - f(s - H * e)) / (2 * H) for e in np.eye(s.size)])
        np.testing.assert_allclose(grad, numerical, rtol=0, atol=1e-9 * (1 + abs(f(s))))
        # The library's checker: no coordinate is taken for a kink, and all pass. On a smooth stretch its
        # forward and backward differences differ by eps * f'' <= 2**-14 * 2 (squared hinge, N = 1); across
        # a hinge kink by the jump in slope, 1/N >= 1/39. KINK_TOL = 1e-2 separates the two.
        result = check_gradient(
            f, lambda v: binary_loss_and_grad(v, y, squared, margin=margin)[1], s, eps=H, tol=1e-6, kink_tol=KINK_TOL
        )
        assert result.passed and not result.at_kink.any()


@PROPERTY
@given(problem=binary_problem(), margin=margins, data=st.data())
def test_hinge_gradient_at_the_kink_is_zero_and_a_valid_subgradient(problem, margin, data):
    s, y = problem
    n = s.size
    put_on_margin = data.draw(hnp.arrays(bool, n))  # move some points exactly onto the margin ...
    put_on_margin[data.draw(st.integers(0, n - 1))] = True  # ... at least one
    s = np.where(put_on_margin, margin * y, s)
    on_margin = y * s == margin
    grad = hinge_loss_grad(s, y, margin=margin)
    assert (grad[on_margin] == 0.0).all()  # the library's documented choice at the kink
    f0 = hinge_loss(s, y, margin=margin)
    for j in np.flatnonzero(on_margin):
        step = np.zeros(n)
        step[j] = H
        forward = (hinge_loss(s + step, y, margin=margin) - f0) / H
        backward = (f0 - hinge_loss(s - step, y, margin=margin)) / H
        # the one-sided slopes are 0 and -y/N; any value between them is a subgradient, 0 included
        assert sorted([round(forward * n, 9), round(backward * n, 9)]) == sorted([0.0, -y[j]])
        assert min(forward, backward) <= grad[j] <= max(forward, backward)
    # The library's checker reports these coordinates as kinks instead of failing them. (A kink strictly
    # inside (s - H, s + H) but not at s can slip under kink_tol and fail the check: a known blind spot of
    # finite differences, so such problems are left out of this part.)
    distance = np.abs(y * s - margin)
    if not ((distance > 0) & (distance < H)).any():
        result = check_gradient(lambda v: hinge_loss(v, y, margin=margin), grad, s, eps=H, kink_tol=KINK_TOL,
                                raise_on_failure=False)
        np.testing.assert_array_equal(result.at_kink, on_margin)
        # a check that could judge no coordinate (all at a kink) is inconclusive, never "passed"
        assert result.passed == (not on_margin.all())


def test_scalar_scores_and_labels_give_a_scalar_loss_and_gradient():
    loss, grad = hinge_loss_and_grad(0.5, 1)
    assert loss == 0.5 and np.ndim(grad) == 0 and float(grad) == -1.0
    assert squared_hinge_loss(-1.0, 1) == 4.0


# ----------------------------------------------------------------------------- multi-class properties

MULTI_VARIANTS = [(kind, squared) for kind in KINDS for squared in (False, True)]


@PROPERTY
@given(problem=multiclass_problem(), margin=margins)
def test_multiclass_loss_is_nonnegative_and_zero_exactly_when_margin_met(problem, margin):
    s, y = problem
    c = s.shape[1]
    met = np.array([all(s[i, y[i]] - s[i, k] >= margin for k in range(c) if k != y[i]) for i in range(len(y))])
    for kind, squared in MULTI_VARIANTS:
        per_sample = multiclass_hinge_loss(s, y, margin=margin, kind=kind, squared=squared, reduction="none")
        assert per_sample.shape == (s.shape[0],)
        assert (per_sample >= 0).all()
        np.testing.assert_array_equal(per_sample == 0.0, met)


@PROPERTY
@given(problem=multiclass_problem(), margin=margins)
def test_crammer_singer_is_the_largest_weston_watkins_term(problem, margin):
    s, y = problem
    gaps = wrong_class_gaps(s, y, margin)
    terms = np.where(np.isfinite(gaps), np.maximum(gaps, 0.0), 0.0)  # one term per wrong class
    ww = multiclass_hinge_loss(s, y, margin=margin, kind="weston_watkins", reduction="none")
    cs = multiclass_hinge_loss(s, y, margin=margin, kind="crammer_singer", reduction="none")
    np.testing.assert_array_equal(cs, terms.max(axis=1))
    np.testing.assert_allclose(ww, terms.sum(axis=1), rtol=1e-15, atol=0)
    assert (cs <= ww).all() and (ww <= (s.shape[1] - 1) * cs).all()


@PROPERTY
@given(problem=multiclass_problem(), margin=margins, data=st.data())
def test_multiclass_loss_is_convex_along_random_lines(problem, margin, data):
    s, y = problem
    direction = data.draw(hnp.arrays(np.float64, s.shape, elements=st.floats(-5, 5)))
    t0, t1, theta = data.draw(st.floats(-3, 3)), data.draw(st.floats(-3, 3)), data.draw(st.floats(0, 1))
    for kind, squared in MULTI_VARIANTS:

        def f(t):
            return multiclass_hinge_loss(s + t * direction, y, margin=margin, kind=kind, squared=squared)

        f0, f1 = f(t0), f(t1)
        assert f((1 - theta) * t0 + theta * t1) <= (1 - theta) * f0 + theta * f1 + 1e-9 * (1 + abs(f0) + abs(f1))


@PROPERTY
@given(problem=multiclass_problem(), margin=margins)
def test_multiclass_sum_is_n_times_mean_and_grad_rows_sum_to_zero(problem, margin):
    s, y = problem
    n = s.shape[0]
    for kind, squared in MULTI_VARIANTS:
        kw = dict(margin=margin, kind=kind, squared=squared)
        mean, g_mean = multiclass_hinge_loss_and_grad(s, y, reduction="mean", **kw)
        total, g_sum = multiclass_hinge_loss_and_grad(s, y, reduction="sum", **kw)
        per, g_none = multiclass_hinge_loss_and_grad(s, y, reduction="none", **kw)
        assert total == pytest.approx(n * mean, rel=1e-12, abs=1e-300)
        assert total == pytest.approx(float(per.sum()), rel=1e-12, abs=1e-300)
        np.testing.assert_allclose(g_sum, n * g_mean, rtol=1e-12, atol=0)
        np.testing.assert_array_equal(g_none, g_sum)
        np.testing.assert_array_equal(multiclass_hinge_loss(s, y, reduction="sum", **kw), total)
        np.testing.assert_array_equal(multiclass_hinge_loss_grad(s, y, reduction="sum", **kw), g_sum)
        # adding a constant to every score of a sample changes no difference s_k - s_c
        np.testing.assert_allclose(g_sum.sum(axis=1), 0.0, atol=1e-12)


@PROPERTY
@given(problem=multiclass_problem(), margin=margins)
def test_multiclass_naive_loop_equals_vectorised(problem, margin):
    """Includes ties between wrong classes (quarter-step scores): both pick the lowest index for CS."""
    s, y = problem
    for kind, squared in MULTI_VARIANTS:
        kw = dict(margin=margin, kind=kind, squared=squared)
        loss, grad = multiclass_hinge_loss_and_grad(s, y, **kw)
        loss_naive, grad_naive = multiclass_hinge_loss_and_grad_naive(s, y, **kw)
        assert loss_naive == pytest.approx(loss, rel=1e-12, abs=1e-300)
        np.testing.assert_allclose(grad_naive, grad, rtol=1e-12, atol=1e-15)


def test_crammer_singer_tie_goes_to_the_lowest_wrong_index():
    grad = multiclass_hinge_loss_grad([[0.0, 1.0, 1.0]], [0], kind="crammer_singer")
    np.testing.assert_array_equal(grad, [[-1.0, 1.0, 0.0]])


@settings(max_examples=25)
@given(seed=st.integers(0, 2**32 - 1), margin=margins)
def test_multiclass_gradient_equals_central_differences_away_from_kinks(seed, margin):
    s, y, _ = random_multiclass(seed)
    for kind, squared in MULTI_VARIANTS:
        if not away_from_multiclass_kinks(s, y, margin, kind, H):
            continue  # a (rare) score pair within 2H of a kink or a tie: this variant is not judged here
        kw = dict(margin=margin, kind=kind, squared=squared)

        def f(v):
            return multiclass_hinge_loss(v, y, **kw)

        grad = multiclass_hinge_loss_grad(s, y, **kw)
        numerical = np.zeros_like(s)
        for idx in np.ndindex(s.shape):
            step = np.zeros_like(s)
            step[idx] = H
            numerical[idx] = (f(s + step) - f(s - step)) / (2 * H)
        np.testing.assert_allclose(grad, numerical, rtol=0, atol=1e-9 * (1 + abs(f(s))))
        # smooth stretch: eps * f'' <= 2**-14 * 2 (C - 1) ~ 7e-4; a kink: a jump of 1/N >= 1/29 (see above)
        result = check_gradient(
            f, lambda v: multiclass_hinge_loss_grad(v, y, **kw), s, eps=H, tol=1e-6, kink_tol=KINK_TOL
        )
        assert result.passed and not result.at_kink.any()


# ----------------------------------------------------------------------------- against PyTorch

SEEDS = range(25)


@pytest.mark.parametrize("seed", SEEDS)
def test_binary_hinge_and_squared_hinge_match_torch_clamp_and_autograd(seed):
    import torch

    s, y, rng = random_binary(seed)
    margin = float(rng.uniform(0.0, 2.0))
    assert np.abs(y * s - margin).min() > 1e-9  # premise: no score at the kink (see the kink test below)
    for squared in (False, True):
        for reduction in ("mean", "sum", "none"):
            st_ = torch.tensor(s, requires_grad=True)
            per = torch.clamp(margin - torch.tensor(y) * st_, min=0)
            per = per.pow(2) if squared else per
            ref = {"mean": per.mean(), "sum": per.sum(), "none": per}[reduction]
            loss, grad = binary_loss_and_grad(s, y, squared, margin=margin, reduction=reduction)
            np.testing.assert_allclose(loss, ref.detach().numpy(), rtol=1e-13, atol=1e-15)
            if reduction != "none":
                ref.backward()
                np.testing.assert_allclose(grad, st_.grad.numpy(), rtol=1e-13, atol=1e-15)


def test_at_the_kink_torch_clamp_passes_minus_y_relu_passes_zero_and_the_library_picks_zero():
    import torch

    s, y = np.array([1.0, -1.0, 0.25]), np.array([1.0, -1.0, 1.0])  # first two exactly on the margin
    grads = {}
    for name, op in (("clamp", lambda z: torch.clamp(z, min=0)), ("relu", torch.relu)):
        st_ = torch.tensor(s, requires_grad=True)
        op(1 - torch.tensor(y) * st_).sum().backward()
        grads[name] = st_.grad.numpy()
    lib = hinge_loss_grad(s, y, reduction="sum")
    np.testing.assert_array_equal(grads["clamp"][:2], -y[:2])
    np.testing.assert_array_equal(grads["relu"][:2], [0.0, 0.0])
    np.testing.assert_array_equal(lib, grads["relu"])
    # both are subgradients: each lies between the one-sided slopes -y and 0 at the kink
    for g in (grads["clamp"][:2], lib[:2]):
        assert (np.minimum(-y[:2], 0) <= g).all() and (g <= np.maximum(-y[:2], 0)).all()


@pytest.mark.parametrize("seed", SEEDS)
def test_weston_watkins_equals_torch_multimarginloss_times_c(seed):
    import torch

    s, y, rng = random_multiclass(seed)
    n, c = s.shape
    margin = float(rng.uniform(0.0, 2.0))
    weight = rng.uniform(0.2, 3.0, c)
    for p, squared in ((1, False), (2, True)):
        per_lib = multiclass_hinge_loss(s, y, margin=margin, squared=squared, reduction="none")
        for w in (None, weight):
            scale = (w[y] if w is not None else np.ones(n)) / c  # torch: weight[y] and 1/C per sample
            for reduction in ("none", "sum", "mean"):
                loss_fn = torch.nn.MultiMarginLoss(
                    p=p, margin=margin, weight=None if w is None else torch.tensor(w), reduction=reduction
                )
                ref = loss_fn(torch.tensor(s), torch.tensor(y)).numpy()
                ours = {"none": per_lib * scale, "sum": (per_lib * scale).sum(), "mean": (per_lib * scale).mean()}
                np.testing.assert_allclose(ours[reduction], ref, rtol=1e-12, atol=1e-15)
        # unweighted mean: the library's loss is exactly C times torch's
        ref = torch.nn.MultiMarginLoss(p=p, margin=margin)(torch.tensor(s), torch.tensor(y)).item()
        assert multiclass_hinge_loss(s, y, margin=margin, squared=squared) == pytest.approx(c * ref, rel=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_weston_watkins_gradient_equals_torch_autograd(seed):
    import torch

    s, y, rng = random_multiclass(seed)
    n, c = s.shape
    margin = float(rng.uniform(0.0, 2.0))
    weight = rng.uniform(0.2, 3.0, c)
    assert away_from_multiclass_kinks(s, y, margin, "weston_watkins", 1e-9)
    for p, squared in ((1, False), (2, True)):
        for w in (None, weight):
            st_ = torch.tensor(s, requires_grad=True)
            torch.nn.MultiMarginLoss(p=p, margin=margin, weight=None if w is None else torch.tensor(w))(
                st_, torch.tensor(y)
            ).backward()
            # the per-sample ("none") gradient is each sample's own; torch scales it by weight[y] / (C N)
            g_none = multiclass_hinge_loss_grad(s, y, margin=margin, squared=squared, reduction="none")
            row_scale = (w[y] if w is not None else np.ones(n)) / (c * n)
            np.testing.assert_allclose(g_none * row_scale[:, None], st_.grad.numpy(), rtol=1e-12, atol=1e-15)


def torch_crammer_singer(torch, s, y, margin, squared):
    true = s.gather(1, y[:, None])[:, 0]
    wrong = s.masked_fill(torch.nn.functional.one_hot(y, s.shape[1]).bool(), -torch.inf)
    per = torch.clamp(margin + wrong.max(dim=1).values - true, min=0)
    return (per.pow(2) if squared else per).mean()


@pytest.mark.parametrize("seed", SEEDS)
def test_crammer_singer_gradient_equals_torch_autograd(seed):
    import torch

    s, y, rng = random_multiclass(seed)
    margin = float(rng.uniform(0.0, 2.0))
    assert away_from_multiclass_kinks(s, y, margin, "crammer_singer", 1e-9)  # no ties, no kinks
    for squared in (False, True):
        st_ = torch.tensor(s, requires_grad=True)
        ref = torch_crammer_singer(torch, st_, torch.tensor(y), margin, squared)
        ref.backward()
        loss, grad = multiclass_hinge_loss_and_grad(s, y, margin=margin, kind="crammer_singer", squared=squared)
        assert loss == pytest.approx(ref.item(), rel=1e-12, abs=1e-15)
        np.testing.assert_allclose(grad, st_.grad.numpy(), rtol=1e-12, atol=1e-15)


# ----------------------------------------------------------------------------- against scikit-learn


@pytest.mark.parametrize("seed", SEEDS)
def test_binary_hinge_equals_sklearn_hinge_loss(seed):
    from sklearn.metrics import hinge_loss as sk_hinge_loss

    s, y, _ = random_binary(seed, n=2 + seed)
    # Both classes must be present: in the binary case scikit-learn binarises the labels found in y_true
    # (and ignores labels=), so a y_true holding only +1 would be scored as if it were -1.
    y[:2] = [1.0, -1.0]
    assert hinge_loss(s, y) == pytest.approx(sk_hinge_loss(y, s), rel=1e-13, abs=1e-15)
    # scikit-learn binarises any two labels (greater label -> +1); the library wants 2*y - 1 first
    y01 = (y + 1) / 2
    assert hinge_loss(s, 2 * y01 - 1) == pytest.approx(sk_hinge_loss(y01, s), rel=1e-13, abs=1e-15)


@pytest.mark.parametrize("seed", SEEDS)
def test_crammer_singer_equals_sklearn_multiclass_hinge_loss(seed):
    from sklearn.metrics import hinge_loss as sk_hinge_loss

    rng = np.random.default_rng(seed)
    n, c = int(rng.integers(1, 30)), int(rng.integers(3, 8))  # sklearn treats 2 labels as binary
    s = rng.normal(0.0, 2.0, (n, c))
    y = rng.integers(0, c, n)  # often lacks some classes: hence labels=
    ours = multiclass_hinge_loss(s, y, kind="crammer_singer")
    assert ours == pytest.approx(sk_hinge_loss(y, s, labels=np.arange(c)), rel=1e-12, abs=1e-15)


# ----------------------------------------------------------------------------- the reference's fixed vectors


def test_reference_binary_vector_matches_torch_and_sklearn():
    import torch
    from sklearn.metrics import hinge_loss as sk_hinge_loss

    s = np.array([1.5, -0.5, 0.8, -1.2, 0.3])
    y = np.array([1.0, -1.0, 1.0, -1.0, 1.0])
    per_torch = torch.clamp(1 - torch.tensor(y) * torch.tensor(s), min=0).numpy()
    np.testing.assert_allclose(hinge_loss(s, y, reduction="none"), per_torch, rtol=1e-15, atol=1e-15)
    assert hinge_loss(s, y) == pytest.approx(sk_hinge_loss(y, s), rel=1e-15)
    assert hinge_loss(s, y, reduction="sum") == pytest.approx(float(per_torch.sum()), rel=1e-15)
    assert squared_hinge_loss(s, y) == pytest.approx(float((per_torch**2).mean()), rel=1e-15)


REF_SCORES = [[2.0, 0.5, 0.1], [0.1, 2.5, 0.3], [1.0, 2.0, 0.5], [2.5, 1.5, 1.0]]
REF_TARGETS = [0, 1, 1, 0]


def test_reference_multiclass_vector_is_exactly_on_the_boundary_in_every_library():
    """Every sample meets the margin and samples 3 and 4 sit exactly on it: all losses are exactly 0."""
    import torch
    from sklearn.metrics import hinge_loss as sk_hinge_loss

    s, y = np.array(REF_SCORES), np.array(REF_TARGETS)
    assert (wrong_class_gaps(s, y, 1.0)[2:] == 0.0).any(axis=1).all()  # the two samples on z = 0
    for p in (1, 2):
        st_ = torch.tensor(s, requires_grad=True)
        loss = torch.nn.MultiMarginLoss(p=p)(st_, torch.tensor(y))
        loss.backward()
        assert loss.item() == 0.0
        assert (st_.grad == 0).all()  # a pair with z == 0 gets no gradient in torch ...
        for kind in KINDS:
            ours, grad = multiclass_hinge_loss_and_grad(s, y, kind=kind, squared=p == 2)
            assert ours == 0.0
            assert (grad == 0).all()  # ... nor in the library
    assert sk_hinge_loss(y, s, labels=[0, 1, 2]) == 0.0


def test_reference_multiclass_vector_just_off_the_boundary_costs_the_same_in_torch_and_here():
    import torch

    s, y = np.array(REF_SCORES), np.array(REF_TARGETS)
    s[2, 0] += 2.0**-10  # sample 3's wrong class 0 now beats the margin by 2**-10
    ref = torch.nn.MultiMarginLoss()(torch.tensor(s), torch.tensor(y)).item()
    assert ref > 0.0
    assert multiclass_hinge_loss(s, y) == pytest.approx(3 * ref, rel=1e-12)
    assert multiclass_hinge_loss(s, y, reduction="none").tolist() == [0.0, 0.0, 2.0**-10, 0.0]
