"""Lesson 05 (support vectors): the claims the notebook makes, on the seed data and beyond it, checked
against scikit-learn's SVC; the support-set helpers of hinge_lib.support; the moved-point widget."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.svm import SVC

from hinge_lib import (LinearSVM, kkt_groups, make_two_class, membership_changes, support_vector_mask,
                       svm_objective)
from hinge_lib.support import refit_with_moved_point, support_masks_from_history
from hinge_lib.widgets import format_moved_point, moved_point_figure, moved_point_view

LAM = 0.01


@pytest.fixture(scope="module")
def seed_data():
    return make_two_class(n_per_class=30, seed=0)


@pytest.fixture(scope="module")
def seed_gd(seed_data):
    X, y = seed_data
    return LinearSVM(init="random", random_state=0, n_epochs=400, learning_rate=0.05, reg_strength=LAM).fit(X, y)


@pytest.fixture(scope="module")
def seed_exact(seed_data):
    X, y = seed_data
    return LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)


# --------------------------------------------------------------------------- support_masks_from_history


def test_masks_from_history_match_the_recorded_counts_and_final_support(seed_data, seed_gd):
    X, y = seed_data
    masks = support_masks_from_history(seed_gd.history_, X, y)
    assert masks.shape == (401, 60) and masks.dtype == bool
    assert np.array_equal(masks.sum(axis=1), seed_gd.history_["n_support"])
    assert np.array_equal(np.flatnonzero(masks[-1]), seed_gd.support_)
    # row t is support_vector_mask at the parameters recorded at epoch t
    for t in (0, 7, 400):
        w, b = seed_gd.history_["coef"][t], seed_gd.history_["intercept"][t]
        assert np.array_equal(masks[t], support_vector_mask(X @ w + b, y))


def test_masks_from_history_respect_the_margin_argument(seed_data, seed_gd):
    X, y = seed_data
    wide = support_masks_from_history(seed_gd.history_, X, y, margin=2.0)
    narrow = support_masks_from_history(seed_gd.history_, X, y, margin=1.0)
    assert np.all(wide >= narrow) and wide.sum() > narrow.sum()


def test_masks_from_history_reject_bad_input(seed_data, seed_gd):
    X, y = seed_data
    with pytest.raises(ValueError, match="features"):
        support_masks_from_history(seed_gd.history_, np.hstack([X, X]), y)
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        support_masks_from_history(seed_gd.history_, X, (y + 1) / 2)
    with pytest.raises(ValueError, match="different numbers|same"):
        support_masks_from_history(seed_gd.history_, X, y[:-1])


def test_churn_accounts_for_the_change_in_count(seed_data, seed_gd):
    X, y = seed_data
    masks = support_masks_from_history(seed_gd.history_, X, y)
    entered, left = membership_changes(masks)
    counts = seed_gd.history_["n_support"]
    assert np.array_equal(counts[1:] - counts[:-1], entered - left)


# --------------------------------------------------------------------------- the seed experiment


def test_seed_experiment_support_vectors_fall(seed_gd):
    counts = seed_gd.history_["n_support"]
    assert counts[-1] < counts[0]


def test_late_switchers_hug_their_margin_line(seed_data, seed_gd, seed_exact):
    X, y = seed_data
    masks = support_masks_from_history(seed_gd.history_, X, y)[-101:]
    switching = np.flatnonzero(masks.any(axis=0) & ~masks.all(axis=0))
    margin = y * seed_exact.decision_function(X)
    assert switching.size > 0
    assert np.all(np.abs(margin[switching] - 1) < 0.1)


def test_gd_support_set_differs_from_exact_only_on_the_margin(seed_gd, seed_exact):
    groups = kkt_groups(seed_exact.alpha_, 1 / (LAM * 60))
    differ = np.setxor1d(seed_gd.support_, seed_exact.support_)
    assert set(differ) <= set(np.flatnonzero(groups.on_margin))


# --------------------------------------------------------------------------- KKT and the two definitions


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("lam", [0.003, 0.01, 0.1])
def test_exact_solution_satisfies_kkt_and_matches_svc(seed, lam):
    X, y = make_two_class(n_per_class=25, seed=seed)
    N = len(y)
    C = 1 / (lam * N)
    model = LinearSVM(solver="exact", reg_strength=lam).fit(X, y)
    alpha, margin = model.alpha_, y * model.decision_function(X)
    groups = kkt_groups(alpha, C)
    tol = 1e-9
    assert np.all(margin[groups.outside] >= 1 - tol)
    assert np.all(np.abs(margin[groups.on_margin] - 1) <= tol)
    assert np.all(margin[groups.at_bound] <= 1 + tol)
    assert np.allclose(model.coef_.ravel(), (alpha * y) @ X, rtol=0, atol=1e-12)
    assert abs(alpha @ y) < 1e-10
    # loss-sense set (with a rounding tolerance) is the alpha = C group; dual set adds the margin points
    assert np.array_equal(margin < 1 - tol, groups.at_bound)
    assert np.array_equal(alpha > 0, groups.on_margin | groups.at_bound)

    svc = SVC(kernel="linear", C=C, tol=1e-10).fit(X, y)
    assert np.allclose(svc.coef_, model.coef_, rtol=0, atol=1e-5)
    assert np.allclose(svc.intercept_, model.intercept_, rtol=0, atol=1e-5)
    assert np.array_equal(np.sort(svc.support_), model.support_)


# --------------------------------------------------------------------------- retraining on support vectors


@pytest.mark.parametrize("seed", range(4))
def test_retraining_on_alpha_positive_points_with_scaled_lambda_gives_the_same_line(seed):
    X, y = make_two_class(n_per_class=30, seed=seed)
    N = len(y)
    full = LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)
    sv = full.support_
    sub = LinearSVM(solver="exact", reg_strength=LAM * N / len(sv)).fit(X[sv], y[sv])
    assert np.allclose(sub.coef_, full.coef_, rtol=0, atol=1e-9)
    assert np.allclose(sub.intercept_, full.intercept_, rtol=0, atol=1e-9)
    # scikit-learn's sum form keeps the same C
    C = 1 / (LAM * N)
    svc_full = SVC(kernel="linear", C=C, tol=1e-10).fit(X, y)
    svc_sub = SVC(kernel="linear", C=C, tol=1e-10).fit(X[sv], y[sv])
    assert np.allclose(svc_sub.coef_, svc_full.coef_, rtol=0, atol=1e-5)
    assert np.allclose(svc_sub.intercept_, svc_full.intercept_, rtol=0, atol=1e-5)
    assert np.allclose(sub.coef_, svc_sub.coef_, rtol=0, atol=1e-5)


def test_retraining_traps_on_the_seed_data(seed_data, seed_exact, seed_gd):
    X, y = seed_data
    N = len(y)
    sv = seed_exact.support_
    same_lam = LinearSVM(solver="exact", reg_strength=LAM).fit(X[sv], y[sv])
    assert np.abs(same_lam.coef_ - seed_exact.coef_).max() > 1e-3          # trap 1: C changed
    at_bound = kkt_groups(seed_exact.alpha_, 1 / (LAM * N)).at_bound
    loss_only = np.flatnonzero(at_bound)
    only = LinearSVM(solver="exact", reg_strength=LAM * N / len(loss_only)).fit(X[loss_only], y[loss_only])
    assert np.abs(only.coef_ - seed_exact.coef_).max() > 0.1                # trap 2: margin points dropped
    # ... and that reduced problem leaves b undetermined: all alpha = C, classes balanced, J flat in b
    Xl, yl, wl = X[loss_only], y[loss_only], only.coef_[0]
    assert np.allclose(only.alpha_, 1 / (LAM * N)) and (yl > 0).sum() == (yl < 0).sum()
    b_lo, b_hi = np.max(-1 - Xl[yl < 0] @ wl), np.min(1 - Xl[yl > 0] @ wl)
    assert b_hi - b_lo > 0.1
    J = [svm_objective(Xl, yl, wl, b, LAM * N / len(loss_only)) for b in np.linspace(b_lo, b_hi, 7)]
    assert np.ptp(J) < 1e-12
    assert svm_objective(Xl, yl, wl, b_hi + 0.1, LAM * N / len(loss_only)) > J[0] + 1e-6
    svc = SVC(kernel="linear", C=1 / (LAM * N), tol=1e-10).fit(Xl, yl)
    assert np.allclose(svc.coef_, only.coef_, rtol=0, atol=1e-5)
    for b in (only.intercept_[0], svc.intercept_[0]):
        assert b_lo - 1e-6 <= b <= b_hi + 1e-6
    # gradient descent: only approximately the same, closer with more epochs
    sv_gd = seed_gd.support_
    params = dict(init="random", random_state=0, learning_rate=0.05, reg_strength=LAM * N / len(sv_gd))
    short = LinearSVM(n_epochs=400, **params).fit(X[sv_gd], y[sv_gd])
    long = LinearSVM(n_epochs=4000, **params).fit(X[sv_gd], y[sv_gd])
    assert np.abs(short.coef_ - seed_gd.coef_).max() > 1e-2
    err = [np.abs(m.coef_ - seed_exact.coef_).max() for m in (short, long)]
    assert err[1] < err[0]


# --------------------------------------------------------------------------- refit_with_moved_point


def test_moving_a_non_support_vector_further_out_changes_nothing(seed_data, seed_exact):
    X, y = seed_data
    w = seed_exact.coef_.ravel()
    outward = w / np.linalg.norm(w)
    for i in np.flatnonzero(seed_exact.alpha_ == 0):
        fit = refit_with_moved_point(X, y, int(i), y[i] * 0.7 * outward, reg_strength=LAM)
        assert not fit.boundary_moved, i
        assert fit.alpha_before == 0 and fit.alpha_after == 0
        assert fit.margin_at_old_boundary > 1


def _svc_line(X, y):
    svc = SVC(kernel="linear", C=1 / (LAM * len(y)), tol=1e-10).fit(X, y)
    return np.append(svc.coef_.ravel(), svc.intercept_)


def test_moving_into_the_band_mostly_moves_the_boundary_and_svc_agrees_when_it_does_not(seed_data, seed_exact):
    X, y = seed_data
    w, b = seed_exact.coef_.ravel(), seed_exact.intercept_[0]
    margin = y * (X @ w + b)
    line = _svc_line(X, y)
    moved = []
    for i in np.flatnonzero(seed_exact.alpha_ == 0):
        # move it along the normal until its margin at the old boundary is -0.5 (wrong side)
        shift = -y[i] * (margin[i] + 0.5) * w / (w @ w)
        fit = refit_with_moved_point(X, y, int(i), shift, reg_strength=LAM)
        assert np.isclose(fit.margin_at_old_boundary, -0.5)
        assert fit.alpha_after > 0, i                       # it is a support vector now ...
        moved.append(fit.boundary_moved)
        X_moved = X.copy()
        X_moved[i] += shift
        same_for_svc = np.allclose(_svc_line(X_moved, y), line, rtol=0, atol=1e-5)
        assert same_for_svc == (not fit.boundary_moved), i   # ... and scikit-learn agrees on the verdict
    assert 0 < sum(moved) < len(moved)                      # ... but the line does not always move


def test_moving_bound_support_vectors_out_of_the_band(seed_data, seed_exact):
    X, y = seed_data
    unit = seed_exact.coef_.ravel() / np.linalg.norm(seed_exact.coef_)
    line = _svc_line(X, y)
    moved = []
    for i in np.flatnonzero(seed_exact.alpha_ >= (1 - 1e-8) / (LAM * 60)):
        fit = refit_with_moved_point(X, y, int(i), y[i] * 3.0 * unit, reg_strength=LAM)
        assert fit.alpha_before > 0 and fit.alpha_after == 0
        moved.append(fit.boundary_moved)
        X_moved = X.copy()
        X_moved[i] = fit.point_after
        assert np.allclose(_svc_line(X_moved, y), line, rtol=0, atol=1e-5) == (not fit.boundary_moved), i
    assert 0 < sum(moved) < len(moved)


def test_on_margin_points_pin_the_line(seed_data, seed_exact):
    X, y = seed_data
    groups = kkt_groups(seed_exact.alpha_, 1 / (LAM * 60))
    P = np.flatnonzero(groups.on_margin)
    assert len(P) == 3
    solution = np.linalg.solve(np.column_stack([X[P], np.ones(3)]), y[P])
    assert np.allclose(solution, np.append(seed_exact.coef_.ravel(), seed_exact.intercept_), rtol=0, atol=1e-9)


def test_zero_shift_is_a_no_op(seed_data, seed_exact):
    X, y = seed_data
    fit = refit_with_moved_point(X, y, 16, (0.0, 0.0), reg_strength=LAM)
    assert not fit.boundary_moved and np.array_equal(fit.point_before, fit.point_after)
    assert np.allclose(fit.coef_before, seed_exact.coef_.ravel())
    assert np.isclose(fit.C, 1 / (LAM * 60))


@pytest.mark.parametrize("index", [-1, 60, 2.0, True, "3"])
def test_refit_rejects_bad_index(seed_data, index):
    X, y = seed_data
    with pytest.raises(ValueError, match="index"):
        refit_with_moved_point(X, y, index, (0.0, 0.0))


def test_refit_rejects_bad_shift_and_labels(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError, match="shift"):
        refit_with_moved_point(X, y, 0, (1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        refit_with_moved_point(X, (y + 1) / 2, 0, (0.0, 0.0))


# --------------------------------------------------------------------------- the widget


def test_moved_point_widget_recomputes_on_every_control(seed_data):
    X, y = seed_data
    view = moved_point_view(X, y, reg_strength=LAM, index=13)
    assert view.result.index == 13 and not view.result.boundary_moved
    assert "boundary unchanged" in view.text
    view.controls["dx1"].value = 0.5                     # point 13 into the band (lesson's static figure)
    assert view.result.boundary_moved and "boundary MOVED" in view.text
    assert np.allclose(view.result.point_after, X[13] + [0.5, 0.0])
    direct = refit_with_moved_point(X, y, 13, (0.5, 0.0), reg_strength=LAM)   # the widget is a thin shell
    assert np.array_equal(view.result.coef_after, direct.coef_after)
    assert view.result.intercept_after == direct.intercept_after and view.result.change == direct.change
    view.controls["dx1"].value = -1.0
    view.controls["dx2"].value = 1.0                     # ... and away from the boundary
    assert not view.result.boundary_moved
    view.controls["index"].value = 16                    # a support vector, shifted by (-1, +1)
    assert view.result.index == 16 and view.result.alpha_before > 0
    assert view.n_updates == 5
    plt.close("all")


def test_moved_point_text_and_figure(seed_data):
    X, y = seed_data
    fit = refit_with_moved_point(X, y, 13, (0.5, 0.0), reg_strength=LAM)
    text = format_moved_point(fit)
    assert "point 13 moved from (-0.25, +1.48) to (+0.25, +1.48)" in text
    assert f"{fit.change:.4f}" in text and "MOVED" in text
    fig = moved_point_figure(fit, X, y)
    ax = fig.axes[0]
    assert "MOVED" in ax.get_title()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "boundary before" in labels and "moved point 13" in labels
    plt.close(fig)


def test_refit_with_a_precomputed_fit_gives_the_same_answer(seed_data):
    from hinge_lib.exact import solve_exact

    X, y = seed_data
    base = solve_exact(X, y, LAM)
    for index, shift in ((13, (0.5, 0.0)), (13, (-1.0, 1.0)), (16, (0.3, -0.2))):
        a = refit_with_moved_point(X, y, index, shift, reg_strength=LAM)
        b = refit_with_moved_point(X, y, index, shift, reg_strength=LAM, before=base)
        assert a.boundary_moved == b.boundary_moved and a.change == b.change
        assert np.array_equal(a.coef_after, b.coef_after) and a.alpha_before == b.alpha_before
    with pytest.raises(ValueError, match="before"):
        refit_with_moved_point(X, y, 0, (0.0, 0.0), before=solve_exact(X[:10], y[:10], LAM))


def _stored_stdout(name):
    import json
    from pathlib import Path

    nb = json.loads((Path(__file__).parent.parent / "notebooks" / name).read_text())
    return "".join("".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code"
                   for o in c.get("outputs", []) if o.get("output_type") == "stream")


def test_lessons_04_and_05_print_the_same_seed_experiment_counts(seed_gd):
    """Lesson 05 re-counts lesson 04's seed run: the stored outputs of both notebooks quote the same
    before/after support-vector counts, and they are the counts of this run."""
    import re

    counts = seed_gd.history_["n_support"]
    before, after = int(counts[0]), int(counts[-1])
    out04, out05 = _stored_stdout("04_training.ipynb"), _stored_stdout("05_support_vectors.ipynb")
    assert re.search(rf"before \(epoch 0\):\s+{before} of 60 support vectors", out04)
    assert re.search(rf"after \(epoch 400\):\s+{after} of 60 support vectors", out04)
    assert f"{before} of 60 before training, {after} of 60 after" in out05
