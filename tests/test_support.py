"""hinge_lib.support: support vectors in the loss sense (hinge > 0) and the dual sense (alpha > 0), the
three KKT groups on an exact SVM solution and on scikit-learn's SVC, and membership changes across epochs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from hinge_lib.data import make_two_class
from hinge_lib.losses import hinge_loss
from hinge_lib.models import LinearSVM
from hinge_lib.support import kkt_groups, membership_changes, margin_violators

PROPERTY = settings(max_examples=60)
score = st.one_of(st.integers(-12, 12).map(lambda k: k / 4), st.floats(-10, 10, allow_subnormal=False))


@PROPERTY
@given(data=st.data(), margin=st.sampled_from([0.0, 0.5, 1.0, 2.0]))
def test_support_vectors_are_exactly_the_points_with_positive_hinge_loss(data, margin):
    n = data.draw(st.integers(1, 20))
    s = data.draw(hnp.arrays(np.float64, n, elements=score))
    y = data.draw(hnp.arrays(np.float64, n, elements=st.sampled_from([-1.0, 1.0])))
    mask = margin_violators(s, y, margin=margin)
    assert mask.dtype == bool and mask.shape == (n,)
    np.testing.assert_array_equal(mask, hinge_loss(s, y, margin=margin, reduction="none") > 0)


def test_a_point_exactly_on_the_margin_is_not_a_loss_support_vector():
    np.testing.assert_array_equal(margin_violators([1.0, -1.0, 0.999, 1.001], [1, -1, 1, 1]),
                                  [False, False, True, False])


@pytest.fixture(scope="module", params=[0, 1, 2])
def exact_fit(request):
    X, y = make_two_class(seed=request.param)
    model = LinearSVM(solver="exact", reg_strength=0.01).fit(X, y)
    C = 1.0 / (0.01 * len(y))
    return X, y, model, C


def test_kkt_groups_partition_the_points_and_match_the_margins(exact_fit):
    """alpha = 0: y f >= 1; 0 < alpha < C: y f = 1; alpha = C: y f <= 1 (the exact solver meets KKT to ~1e-10)."""
    X, y, model, C = exact_fit
    groups = kkt_groups(model.alpha_, C)
    stacked = np.vstack(groups)
    assert stacked.dtype == bool and (stacked.sum(axis=0) == 1).all()  # each point in exactly one group
    m = y * model.decision_function(X)
    assert (m[groups.outside] >= 1 - 1e-8).all()
    np.testing.assert_allclose(m[groups.on_margin], 1.0, atol=1e-8)
    assert (m[groups.at_bound] <= 1 + 1e-8).all()
    assert groups.on_margin.any() and groups.at_bound.any() and groups.outside.any()


def test_loss_support_vectors_are_a_subset_of_dual_support_vectors(exact_fit):
    """The two definitions differ exactly by the points on the margin (loss 0 but alpha > 0)."""
    X, y, model, C = exact_fit
    m = y * model.decision_function(X)
    loss_sv = margin_violators(model.decision_function(X), y)
    dual_sv = model.alpha_ > 0
    np.testing.assert_array_equal(np.flatnonzero(dual_sv), model.support_)
    clearly_inside = m < 1 - 1e-8  # rounding decides the side for points on the margin itself
    assert (dual_sv[clearly_inside]).all() and (loss_sv[clearly_inside]).all()
    assert not loss_sv[m > 1 + 1e-8].any() and not dual_sv[m > 1 + 1e-8].any()
    on_margin = kkt_groups(model.alpha_, C).on_margin
    assert dual_sv.sum() > (loss_sv & ~on_margin).sum()  # the dual set is larger: it holds the margin points


def test_kkt_groups_of_sklearn_svc_match_the_exact_solver(exact_fit):
    from sklearn.svm import SVC

    X, y, model, C = exact_fit
    svc = SVC(kernel="linear", C=C, tol=1e-10).fit(X, y)
    alpha = np.zeros(len(y))
    alpha[svc.support_] = np.abs(svc.dual_coef_[0])
    ours, theirs = kkt_groups(model.alpha_, C), kkt_groups(alpha, C)
    for name in ours._fields:
        np.testing.assert_array_equal(getattr(theirs, name), getattr(ours, name), err_msg=name)
    np.testing.assert_array_equal(np.sort(svc.support_), model.support_)  # SVC lists them class by class


def test_kkt_groups_tolerance_is_relative_to_c():
    C = 2.0
    alpha = np.array([0.0, 1e-9 * C, 1e-7 * C, 0.5, (1 - 1e-7) * C, (1 - 1e-9) * C, C])
    groups = kkt_groups(alpha, C, tol=1e-8)
    np.testing.assert_array_equal(groups.outside, [1, 1, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(groups.on_margin, [0, 0, 1, 1, 1, 0, 0])
    np.testing.assert_array_equal(groups.at_bound, [0, 0, 0, 0, 0, 1, 1])


@PROPERTY
@given(masks=st.integers(2, 6).flatmap(lambda t: hnp.arrays(bool, (t, 8))))
def test_membership_changes_count_entries_and_exits(masks):
    entered, left = membership_changes(masks)
    assert entered.shape == left.shape == (masks.shape[0] - 1,)
    for t in range(masks.shape[0] - 1):
        before, after = set(np.flatnonzero(masks[t])), set(np.flatnonzero(masks[t + 1]))
        assert entered[t] == len(after - before) and left[t] == len(before - after)
    np.testing.assert_array_equal(entered - left, np.diff(masks.sum(axis=1)))


def test_membership_changes_over_a_training_run():
    X, y = make_two_class(seed=0)
    model = LinearSVM(n_epochs=50).fit(X, y)
    masks = np.array([margin_violators(X @ w + b, y) for w, b in zip(model.history_["coef"],
                                                                        model.history_["intercept"])])
    np.testing.assert_array_equal(masks.sum(axis=1), model.history_["n_violators"])
    entered, left = membership_changes(masks)
    assert masks[0].all()  # w = 0: every point is a support vector
    assert left.sum() - entered.sum() == len(y) - masks[-1].sum()
