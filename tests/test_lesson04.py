"""Lesson 04 (training): the claims the notebook makes (seed experiment, SGD/Pegasos, learning rates,
regularisation, breast cancer against scikit-learn), hinge_lib.training, the epoch and lambda widgets and
their figures, and the lesson's exercises beyond the generic checks of test_exercises.py."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import SGDClassifier
from sklearn.svm import SVC, LinearSVC

from hinge_lib import (LinearSVM, load_breast_cancer_split, make_two_class, margin_width, support_vector_mask,
                       svm_objective, svm_objective_and_grad)
from hinge_lib.exercises import CORRECT, INCORRECT
from hinge_lib.exercises import lesson04 as ex
from hinge_lib.plotting import plot_epoch_panels, plot_regularised_fit, plot_training_epoch
from hinge_lib.training import fit_reg_strength, snapshot
from hinge_lib.widgets import (epoch_replay_view, format_regularised_fit, format_snapshot, regularisation_view,
                               regularised_fit_figure, training_epoch_figure)

LAM, ETA, EPOCHS = 0.01, 0.05, 400
LAMBDAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


@pytest.fixture(scope="module")
def seed_data():
    return make_two_class(n_per_class=30, seed=0)


def seed_run(X, y, solver="gd", learning_rate=ETA, random_state=0):
    return LinearSVM(solver=solver, init="random", random_state=random_state, reg_strength=LAM,
                     learning_rate=learning_rate, n_epochs=EPOCHS).fit(X, y)


@pytest.fixture(scope="module")
def seed_gd(seed_data):
    return seed_run(*seed_data)


@pytest.fixture(scope="module")
def J_star(seed_data):
    X, y = seed_data
    exact = LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)
    return svm_objective(X, y, exact.coef_[0], exact.intercept_[0], LAM)


# --------------------------------------------------------------------------- gradient descent written out


@pytest.mark.parametrize("seed", range(4))
def test_the_written_out_loop_is_linear_svm_gd(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(50, 3))
    y = np.where(X @ np.array([1.0, -0.5, 0.3]) + 0.4 * rng.normal(size=50) > 0, 1.0, -1.0)
    lam, eta, n_epochs = float(rng.uniform(1e-3, 0.5)), float(rng.uniform(0.01, 0.3)), 60
    model = LinearSVM(init="random", random_state=seed, reg_strength=lam, learning_rate=eta, n_epochs=n_epochs).fit(X, y)
    w0 = np.random.default_rng(seed).normal(0.0, np.sqrt(1.0 / 3), size=3)  # the documented init: N(0, 1/D), b = 0
    assert np.array_equal(model.history_["coef"][0], w0) and model.history_["intercept"][0] == 0.0
    w, b = w0.copy(), 0.0
    for _ in range(n_epochs):
        active = y * (X @ w + b) < 1
        w, b = w - eta * (lam * w - (y[active] @ X[active]) / len(y)), b + eta * y[active].sum() / len(y)
    np.testing.assert_allclose(w, model.coef_[0], rtol=1e-10, atol=1e-12)
    assert b == pytest.approx(model.intercept_[0], rel=1e-10, abs=1e-12)


# --------------------------------------------------------------------------- the seed experiment


def test_seed_experiment_starts_with_every_point_inside_the_band_and_ends_with_fewer_svs_and_less_loss(
        seed_data, seed_gd):
    X, y = seed_data
    h = seed_gd.history_
    assert np.abs(X @ h["coef"][0] + h["intercept"][0]).max() < 1
    assert h["n_support"][0] == len(y)
    assert h["n_support"][-1] < h["n_support"][0] and h["loss"][-1] < h["loss"][0]
    assert h["objective"][-1] < h["objective"][0]


def test_after_count_is_stable_across_initial_draws_while_before_count_is_not(seed_data):
    X, y = seed_data
    runs = [seed_run(X, y, random_state=r).history_["n_support"] for r in range(5)]
    before, after = [int(r[0]) for r in runs], [int(r[-1]) for r in runs]
    assert max(after) - min(after) <= 2
    assert max(before) - min(before) > 10


def test_most_of_the_fall_comes_early_and_rises_are_tiny(seed_gd):
    J = seed_gd.history_["objective"]
    assert (J[0] - J[50]) / (J[0] - J[-1]) > 0.9
    rises = np.diff(J)
    assert (rises > 0).any() and rises.max() < 1e-3  # not a descent method, but nearly


def test_gd_run_is_close_to_the_exact_minimum(seed_data, seed_gd, J_star):
    assert 0 <= seed_gd.history_["objective"][-1] - J_star < 1e-3


# --------------------------------------------------------------------------- stochastic variants, learning rates


def test_sgd_wanders_pegasos_settles_all_get_close(seed_data, seed_gd, J_star):
    X, y = seed_data
    runs = {"gd": seed_gd, "sgd": seed_run(X, y, "sgd"), "pegasos": seed_run(X, y, "pegasos")}
    for run in runs.values():
        assert run.history_["objective"][-1] - J_star < 0.01
    ranges = {k: np.ptp(r.history_["objective"][-100:]) for k, r in runs.items()}
    assert ranges["sgd"] > 10 * ranges["pegasos"] and ranges["sgd"] > 10 * ranges["gd"]


def test_learning_rate_too_low_is_slower_and_too_high_oscillates(seed_data, seed_gd, J_star):
    X, y = seed_data
    good = seed_gd.history_["objective"]
    low = seed_run(X, y, learning_rate=0.005).history_["objective"]
    high = seed_run(X, y, learning_rate=5.0).history_["objective"]
    assert np.all(low[1:] > good[1:]) and low[-1] - J_star > 10 * (good[-1] - J_star)
    assert high[-1] > good[-1] + 0.1 and np.ptp(high[-100:]) > 100 * np.ptp(good[-100:])


# --------------------------------------------------------------------------- regularisation


def test_fit_reg_strength_summarises_the_exact_fit(seed_data):
    X, y = seed_data
    fit = fit_reg_strength(X, y, 0.03)
    model = LinearSVM(solver="exact", reg_strength=0.03).fit(X, y)
    np.testing.assert_array_equal(fit.coef, model.coef_[0])
    assert fit.intercept == model.intercept_[0] and fit.C == pytest.approx(1 / (0.03 * 60))
    assert fit.margin_width == margin_width(model.coef_[0]) and fit.solver == "exact"
    assert np.array_equal(np.flatnonzero(fit.support), model.support_) and fit.n_support == len(model.support_)


def test_fit_reg_strength_with_gd_uses_the_loss_sense_support(seed_data):
    X, y = seed_data
    fit = fit_reg_strength(X, y, 0.03, solver="gd")
    assert np.array_equal(fit.support, support_vector_mask(X @ fit.coef + fit.intercept, y))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_larger_lambda_widens_the_band_and_grows_the_support_set_as_svc_confirms(seed):
    X, y = make_two_class(n_per_class=30, seed=seed)
    fits = [fit_reg_strength(X, y, lam) for lam in LAMBDAS]
    widths = np.array([f.margin_width for f in fits])
    counts = np.array([f.n_support for f in fits])
    assert np.all(np.diff(widths) > 0) and np.all(np.diff(counts) >= 0) and counts[-1] > counts[0]
    for f in fits:  # scikit-learn's SVC solves the same problem with C = 1/(lambda N)
        svc = SVC(kernel="linear", C=f.C, tol=1e-10).fit(X, y)
        assert 2 / np.linalg.norm(svc.coef_) == pytest.approx(f.margin_width, rel=1e-4)
        assert int(svc.n_support_.sum()) == f.n_support


def test_seed_lambda_grid_grows_strictly(seed_data):
    X, y = seed_data
    fits = [fit_reg_strength(X, y, lam) for lam in LAMBDAS]
    assert np.all(np.diff([f.n_support for f in fits]) > 0)


def test_fit_reg_strength_rejects_bad_input(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError, match="reg_strength"):
        fit_reg_strength(X, y, 0.0)
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        fit_reg_strength(X, (y + 1) / 2, 0.1)


# --------------------------------------------------------------------------- snapshot


def test_snapshot_reads_the_history(seed_data, seed_gd):
    X, y = seed_data
    h = seed_gd.history_
    for epoch in (0, 1, 123, EPOCHS):
        s = snapshot(h, epoch, X, y)
        assert s.epoch == epoch and np.array_equal(s.coef, h["coef"][epoch]) and s.intercept == h["intercept"][epoch]
        assert s.loss == h["loss"][epoch] and s.objective == h["objective"][epoch]
        assert s.n_support == h["n_support"][epoch] == s.support.sum()
        assert np.array_equal(s.support, support_vector_mask(X @ s.coef + s.intercept, y))


@pytest.mark.parametrize("epoch", [-1, 401, 2.0, True, "3"])
def test_snapshot_rejects_epochs_not_recorded(seed_data, seed_gd, epoch):
    with pytest.raises(ValueError, match="epoch must be an integer"):
        snapshot(seed_gd.history_, epoch, *seed_data)


def test_snapshot_rejects_multiclass_histories():
    rng = np.random.default_rng(0)
    X, labels = rng.normal(size=(30, 2)), np.repeat([0, 1, 2], 10)
    model = LinearSVM(n_epochs=3).fit(X, labels)
    with pytest.raises(ValueError, match="binary"):
        snapshot(model.history_, 1, X, np.where(labels == 0, 1.0, -1.0))


# --------------------------------------------------------------------------- widgets and figures


def test_epoch_replay_follows_the_slider(seed_data, seed_gd):
    X, y = seed_data
    view = epoch_replay_view(seed_gd, X, y, epoch=10)
    assert view.result.epoch == 10 and view.controls["epoch"].max == EPOCHS
    for epoch in (0, 50, EPOCHS):
        view.controls["epoch"].value = epoch
        expected = snapshot(seed_gd.history_, epoch, X, y)
        assert view.result.epoch == epoch and view.result.n_support == expected.n_support
        assert view.text == format_snapshot(expected)
    assert view.text.startswith(f"epoch {EPOCHS}: w = (+") and f"{seed_gd.history_['n_support'][-1]} support" in view.text
    plt.close("all")


def test_epoch_replay_draws_a_zero_initialised_run(seed_data):
    X, y = seed_data
    model = LinearSVM(n_epochs=5).fit(X, y)  # w = 0 at epoch 0: no boundary to draw
    view = epoch_replay_view(model, X, y, epoch=0)
    assert view.result.n_support == len(y)
    view.controls["epoch"].value = 5
    plt.close("all")


def test_regularisation_view_widens_with_lambda(seed_data):
    X, y = seed_data
    view = regularisation_view(X, y, reg_strengths=LAMBDAS, reg_strength=0.01)
    widths = []
    for lam in LAMBDAS:
        view.controls["reg_strength"].value = lam
        assert view.result.reg_strength == lam
        assert view.text == format_regularised_fit(fit_reg_strength(X, y, lam))
        widths.append(view.result.margin_width)
    assert widths == sorted(widths)
    assert "C = 1/(lambda N) = 0.01667" in view.text  # lambda = 1, N = 60
    plt.close("all")


def test_lesson04_figures_have_titles_labels_and_legends(seed_data, seed_gd):
    X, y = seed_data
    fig = training_epoch_figure(X, y, seed_gd.history_, 50)
    left, right = fig.axes
    assert left.get_title() == f"Epoch 50: {seed_gd.history_['n_support'][50]} support vectors"
    assert right.get_xlabel() == "epoch" and right.get_legend() is not None and left.get_legend() is not None
    plt.close(fig)

    fit = fit_reg_strength(X, y, 0.3)
    fig = regularised_fit_figure(X, y, fit)
    ax = fig.axes[0]
    assert "band width 2.27" in ax.get_title()
    assert any("alpha > 0" in t.get_text() and f"({fit.n_support})" in t.get_text() for t in ax.get_legend().get_texts())
    plt.close(fig)

    fig, axes = plt.subplots(1, 3)
    plot_epoch_panels(X, y, seed_gd.history_, [0, 10, EPOCHS], axes=axes)
    assert [ax.get_title().split(":")[0] for ax in axes] == ["Epoch 0", "Epoch 10", f"Epoch {EPOCHS}"]
    assert fig.legends and "support vectors (loss > 0)" in [t.get_text() for t in fig.legends[0].get_texts()]
    with pytest.raises(ValueError, match="one axis per epoch"):
        plot_epoch_panels(X, y, seed_gd.history_, [0, 10], axes=axes)
    plt.close(fig)

    fig, axes = plt.subplots(1, 2)
    plot_training_epoch(X, y, seed_gd.history_, 0, axes=axes)
    plot_regularised_fit(X, y, fit_reg_strength(X, y, 0.03, solver="gd"), ax=axes[1])
    assert any("loss > 0" in t.get_text() for t in axes[1].get_legend().get_texts())
    plt.close(fig)


# --------------------------------------------------------------------------- real data against scikit-learn


@pytest.fixture(scope="module")
def cancer():
    return load_breast_cancer_split()


def J_of(model, d, lam):
    return svm_objective(d.X_train, d.y_train, np.ravel(model.coef_), np.ravel(model.intercept_)[0], lam)


def test_breast_cancer_comparison_holds_without_warnings(cancer):
    d, lam = cancer, 0.01
    C = 1.0 / (lam * len(d.y_train))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning would fail here
        exact = LinearSVM(solver="exact", reg_strength=lam).fit(d.X_train, d.y_train)
        gd = LinearSVM(solver="gd", reg_strength=lam, learning_rate=0.5, n_epochs=1000).fit(d.X_train, d.y_train)
        svc = SVC(kernel="linear", C=C, tol=1e-10).fit(d.X_train, d.y_train)
        lsvc = LinearSVC(loss="hinge", C=C, dual=True, max_iter=200_000, tol=1e-8, random_state=0).fit(d.X_train, d.y_train)
        lsvc10 = LinearSVC(loss="hinge", C=C, dual=True, intercept_scaling=10, max_iter=200_000, tol=1e-8,
                           random_state=0).fit(d.X_train, d.y_train)
        lsvc_sq = LinearSVC(C=C, dual="auto", max_iter=10_000, random_state=0).fit(d.X_train, d.y_train)
        sgd = SGDClassifier(loss="hinge", alpha=lam, max_iter=1000, tol=1e-6, random_state=0).fit(d.X_train, d.y_train)
    J_exact = J_of(exact, d, lam)
    assert J_of(svc, d, lam) == pytest.approx(J_exact, rel=1e-7)  # SVC solves J too: C = 1/(lambda N)
    for m in (gd, lsvc, lsvc10, lsvc_sq, sgd):
        assert J_of(m, d, lam) >= J_exact - 1e-9
    assert J_of(gd, d, lam) - J_exact < 1e-3
    assert J_of(lsvc, d, lam) > J_exact + 1e-6  # the penalised intercept: a neighbouring problem
    assert abs(J_of(lsvc10, d, lam) - J_exact) < 1e-6 and abs(lsvc10.intercept_[0] - exact.intercept_[0]) < 1e-3
    assert abs(lsvc.intercept_[0] - exact.intercept_[0]) > 10 * abs(lsvc10.intercept_[0] - exact.intercept_[0])
    assert J_of(lsvc_sq, d, lam) > J_exact + 1e-3
    assert J_of(sgd, d, lam) - J_exact < 5e-3
    for m in (exact, gd, lsvc, lsvc10, lsvc_sq, sgd):
        assert m.score(d.X_test, d.y_test) >= 0.94


# --------------------------------------------------------------------------- exercises


def test_q1_accepts_a_step_built_from_the_library_gradient_and_rejects_a_wrong_rate():
    def step(X, y, w, b, lam, eta):
        _, gw, gb = svm_objective_and_grad(X, y, w, b, lam)
        return w - eta * gw, b - eta * gb

    def half_step(X, y, w, b, lam, eta):
        return step(X, y, w, b, lam, eta / 2)

    assert ex.q1.evaluate(step).status == CORRECT
    result = ex.q1.evaluate(half_step)
    assert result.status == INCORRECT and "LinearSVM(solver='gd') moves" in result.message
    result = ex.q1.evaluate(lambda X, y, w, b, lam, eta: step(X, y, w, b, lam, eta)[0])
    assert result.status == INCORRECT and "as a pair" in result.message


def test_q1_replays_steps_where_not_every_point_is_active():
    steps = ex._q1_steps()
    assert any(0 < (y * (X @ w + b) < 1).sum() < len(y) and b != 0 for X, y, w, b, *_ in steps)


def test_q2_accepts_the_library_objective():
    assert ex.q2.evaluate(lambda X, y, w, b, lam: svm_objective(X, y, w, b, lam)).status == CORRECT
    result = ex.q2.evaluate(lambda X, y, w, b, lam: svm_objective(X, y, w, b, lam) + 0.01)
    assert result.status == INCORRECT and "yours is" in result.message
