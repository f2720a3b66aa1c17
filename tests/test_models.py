"""hinge_lib.models.LinearSVM: scikit-learn conventions, the training history, the iterative solvers'
convergence towards the exact optimum (LinearSVM(solver="exact") and scikit-learn's SVC), multi-class
fits. Bad hyper-parameters and inputs are in test_validation.py."""

import numpy as np
import pytest

from hinge_lib.data import make_two_class
from hinge_lib.losses import hinge_loss
from hinge_lib.models import LinearSVM
from hinge_lib.objective import svm_objective

LAM = 0.01


@pytest.fixture(scope="module")
def seed_data():
    return make_two_class(seed=0)


def objective_of(model, X, y, loss="hinge"):
    return svm_objective(X, y, model.coef_[0], model.intercept_[0], model.reg_strength, loss=loss)


def blobs(seed=0, n=300, centers=3, std=1.5):
    from sklearn.datasets import make_blobs

    return make_blobs(n_samples=n, centers=centers, cluster_std=std, random_state=seed)


# ----------------------------------------------------------------------------- scikit-learn conventions


def test_fit_returns_self_and_sets_sklearn_shaped_attributes(seed_data):
    X, y = seed_data
    model = LinearSVM(n_epochs=20)
    assert not hasattr(model, "coef_")
    assert model.fit(X, y) is model
    assert model.coef_.shape == (1, 2) and model.intercept_.shape == (1,)
    np.testing.assert_array_equal(model.classes_, [-1.0, 1.0])
    assert model.decision_function(X).shape == (60,)
    assert model.predict(X).shape == (60,)
    assert model.score(X, y) == float((model.predict(X) == y).mean())


@pytest.mark.parametrize(
    "labels", [(0, 1), (-1, 1), (3, 7), ("cat", "dog"), ("no", "yes"), (False, True)], ids=repr
)
@pytest.mark.parametrize("solver", ["gd", "exact"])
def test_predict_returns_the_original_labels_and_positive_scores_mean_classes_1(seed_data, labels, solver):
    X, y_pm1 = seed_data
    y = np.where(y_pm1 > 0, labels[1], labels[0])
    model = LinearSVM(solver=solver, n_epochs=50).fit(X, y)
    np.testing.assert_array_equal(model.classes_, np.unique(y))
    pred = model.predict(X)
    assert pred.dtype == np.asarray(y).dtype and set(pred.tolist()) <= set(labels)
    scores = model.decision_function(X)
    np.testing.assert_array_equal(pred == model.classes_[1], scores > 0)
    # the same model as with labels {-1, +1}: classes_[1] plays +1 whatever the labels are called
    ref = LinearSVM(solver=solver, n_epochs=50).fit(X, y_pm1)
    np.testing.assert_allclose(model.coef_, ref.coef_, rtol=1e-12, atol=1e-12)
    assert model.score(X, y) == ref.score(X, y_pm1) > 0.8


def test_labels_given_in_any_order_are_sorted_into_classes(seed_data):
    X, y_pm1 = seed_data
    y = np.where(y_pm1 > 0, "b", "a")
    y[0] = "a" if y[0] == "b" else "b"  # shuffle which label comes first in y
    X1 = X.copy()
    model = LinearSVM(solver="exact").fit(X1, y)
    assert model.classes_.tolist() == ["a", "b"]
    assert ((model.decision_function(X1) > 0) == (model.predict(X1) == "b")).all()


def test_decision_function_sign_matches_sklearn_svc_on_string_labels(seed_data):
    from sklearn.svm import SVC

    X, y_pm1 = seed_data
    y = np.where(y_pm1 > 0, "spam", "ham")  # classes_ = ["ham", "spam"]: "spam" is the positive class
    ours = LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)
    svc = SVC(kernel="linear", C=1.0 / (LAM * len(y)), tol=1e-10).fit(X, y)
    np.testing.assert_array_equal(ours.classes_, svc.classes_)
    s_ours, s_svc = ours.decision_function(X), svc.decision_function(X)
    clear = np.abs(s_svc) > 1e-6  # points on the boundary itself have no sign to compare
    np.testing.assert_array_equal(np.sign(s_ours[clear]), np.sign(s_svc[clear]))
    np.testing.assert_array_equal(ours.predict(X), svc.predict(X))


def test_get_params_set_params_and_sklearn_clone():
    from sklearn.base import clone

    model = LinearSVM(reg_strength=0.1, solver="sgd", random_state=3)
    params = model.get_params()
    assert params["reg_strength"] == 0.1 and params["solver"] == "sgd" and params["random_state"] == 3
    assert set(params) == set(LinearSVM().get_params())
    assert model.set_params(learning_rate=0.2, n_epochs=7) is model
    assert model.learning_rate == 0.2 and model.n_epochs == 7
    twin = clone(model)
    assert twin is not model and twin.get_params() == model.get_params() and not hasattr(twin, "coef_")
    assert " ".join(repr(model).split()) == ("LinearSVM(learning_rate=0.2, n_epochs=7, random_state=3, "
                                             "reg_strength=0.1, solver='sgd')")  # scikit-learn's repr
    with pytest.raises(ValueError, match="Invalid parameter 'C' for estimator LinearSVM"):
        model.set_params(C=1.0)


def test_refit_with_another_solver_drops_the_other_solvers_attributes(seed_data):
    X, y = seed_data
    model = LinearSVM(solver="exact").fit(X, y)
    assert hasattr(model, "alpha_") and hasattr(model, "n_iter_") and not hasattr(model, "history_")
    model.set_params(solver="gd", n_epochs=5).fit(X, y)
    assert hasattr(model, "history_") and not hasattr(model, "alpha_") and model.n_iter_ == 5
    model.set_params(solver="exact").fit(X, y)
    assert not hasattr(model, "history_") and hasattr(model, "alpha_")


# ----------------------------------------------------------------------------- the training history


@pytest.mark.parametrize("solver", ["gd", "sgd", "pegasos"])
def test_history_has_n_epochs_plus_one_entries_starting_with_the_initial_state(seed_data, solver):
    X, y = seed_data
    n_epochs = 15
    model = LinearSVM(solver=solver, n_epochs=n_epochs, random_state=0, batch_size=4).fit(X, y)
    hist = model.history_
    assert set(hist) == {"epoch", "loss", "objective", "n_violators", "coef", "intercept"}
    assert model.n_iter_ == n_epochs
    for key, value in hist.items():
        assert len(value) == n_epochs + 1, key
    np.testing.assert_array_equal(hist["epoch"], np.arange(n_epochs + 1))
    assert hist["coef"].shape == (n_epochs + 1, 2) and hist["intercept"].shape == (n_epochs + 1,)
    # initial state: w = 0, b = 0, so every margin is 0, every point costs 1 and is a support vector
    assert (hist["coef"][0] == 0).all() and hist["intercept"][0] == 0
    assert hist["objective"][0] == 1.0 and hist["loss"][0] == 1.0 and hist["n_violators"][0] == len(y)
    # the last entry is the fitted model
    np.testing.assert_array_equal(hist["coef"][-1], model.coef_[0])
    assert hist["intercept"][-1] == model.intercept_[0]
    for t in (0, 7, n_epochs):
        w, b = hist["coef"][t], hist["intercept"][t]
        assert hist["objective"][t] == pytest.approx(svm_objective(X, y, w, b, LAM), rel=1e-13)
        assert hist["loss"][t] == pytest.approx(hinge_loss(X @ w + b, y), rel=1e-13)
        assert hist["n_violators"][t] == int((y * (X @ w + b) < 1).sum())
    np.testing.assert_array_equal(model.support_, np.flatnonzero(y * model.decision_function(X) < 1))


def test_gd_is_the_update_written_out(seed_data):
    """One epoch of full-batch subgradient descent, as the reference's section 5 writes it."""
    X, y = seed_data
    eta, w, b = 0.05, np.zeros(2), 0.0
    model = LinearSVM(solver="gd", learning_rate=eta, n_epochs=3).fit(X, y)
    for epoch in range(1, 4):
        active = y * (X @ w + b) < 1
        w = w - eta * (LAM * w - (y[active, None] * X[active]).sum(axis=0) / len(y))
        b = b - eta * (-y[active].sum() / len(y))
        np.testing.assert_allclose(model.history_["coef"][epoch], w, rtol=1e-12, atol=1e-15)
        assert model.history_["intercept"][epoch] == pytest.approx(b, rel=1e-12, abs=1e-15)


def test_init_random_is_reproducible_with_random_state():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 400))
    y = np.where(X[:, 0] > 0, 1, -1)
    fit = lambda rs: LinearSVM(init="random", random_state=rs, n_epochs=2).fit(X, y)  # noqa: E731
    a, b, c = fit(7), fit(7), fit(8)
    for key in ("coef", "intercept", "objective"):
        np.testing.assert_array_equal(a.history_[key], b.history_[key])
    assert not np.array_equal(a.history_["coef"][0], c.history_["coef"][0])
    w0 = a.history_["coef"][0]
    assert a.history_["intercept"][0] == 0.0
    # w ~ N(0, 1/D): with D = 400 draws the sample std is within 10% of 1/sqrt(D) = 0.05 (its own sd is ~3.5%)
    assert w0.std() == pytest.approx(1 / np.sqrt(400), rel=0.1)
    assert (LinearSVM(init="zeros", n_epochs=1).fit(X, y).history_["coef"][0] == 0).all()


@pytest.mark.parametrize("solver", ["sgd", "pegasos"])
def test_stochastic_solvers_are_reproducible_with_random_state(seed_data, solver):
    X, y = seed_data
    a = LinearSVM(solver=solver, n_epochs=5, random_state=1).fit(X, y)
    b = LinearSVM(solver=solver, n_epochs=5, random_state=1).fit(X, y)
    c = LinearSVM(solver=solver, n_epochs=5, random_state=2).fit(X, y)
    np.testing.assert_array_equal(a.history_["objective"], b.history_["objective"])
    assert not np.array_equal(a.coef_, c.coef_)  # another sample order


def test_tol_stops_early_at_the_first_small_change(seed_data):
    X, y = seed_data
    tol = 1e-5
    model = LinearSVM(solver="gd", n_epochs=5000, tol=tol).fit(X, y)
    J = model.history_["objective"]
    assert model.n_iter_ < 5000 and len(J) == model.n_iter_ + 1
    change = np.abs(np.diff(J))
    threshold = tol * np.maximum(1.0, np.abs(J[1:]))
    assert change[-1] < threshold[-1]  # the stopping epoch
    assert (change[:-1] >= threshold[:-1]).all()  # and no earlier one
    assert LinearSVM(solver="gd", n_epochs=300).fit(X, y).n_iter_ == 300  # tol=None: every epoch


def test_pegasos_keeps_w_in_the_ball_that_holds_the_optimum(seed_data):
    X, y = seed_data
    model = LinearSVM(solver="pegasos", n_epochs=30, random_state=0).fit(X, y)
    norms = np.linalg.norm(model.history_["coef"], axis=1)
    assert norms.max() <= 1 / np.sqrt(LAM) * (1 + 1e-12)
    exact = LinearSVM(solver="exact").fit(X, y)
    assert np.linalg.norm(exact.coef_) <= 1 / np.sqrt(LAM)  # the bound ||w*|| <= 1/sqrt(lambda) it relies on


def test_pegasos_ball_is_large_enough_for_weston_watkins():
    """For Weston-Watkins every wrong class adds a hinge term, so ||W*||^2 <= (C - 1)/lambda, not 1/lambda.

    Five well separated classes and lambda = 1: the optimum (found by long gradient descent) lies outside
    the unit ball, so a projection onto 1/sqrt(lambda) = 1 would keep pegasos from ever reaching it.
    """
    angles = np.linspace(0, 2 * np.pi, 6)[:-1]
    X, y = blobs(seed=1, n=200, centers=3 * np.c_[np.cos(angles), np.sin(angles)], std=0.3)
    gd = LinearSVM(solver="gd", reg_strength=1.0, learning_rate=0.05, n_epochs=4000).fit(X, y)
    norm_opt = np.linalg.norm(gd.coef_)
    assert 1.0 < norm_opt <= np.sqrt(4 / 1.0)
    peg = LinearSVM(solver="pegasos", reg_strength=1.0, n_epochs=60, random_state=0).fit(X, y)
    norms = np.linalg.norm(peg.history_["coef"], axis=(1, 2))
    assert norms.max() <= 2.0 * (1 + 1e-12) and norms[-1] > 1.0


# ----------------------------------------------------------------------------- convergence to the optimum
#
# The reference optimum: LinearSVM(solver="exact") and SVC(kernel="linear", C=1/(lambda N), tol=1e-10)
# on the course's seed data (make_two_class, 60 points, lambda = 0.01). Constant-step subgradient descent
# does not converge exactly, it settles in a band around the optimum whose width grows with the step; the
# stochastic solvers' last iterate also carries the noise of the last samples. So each solver gets a
# relative gap after a fixed budget, measured (seeds 0-9, this library and numpy 2.4 / scikit-learn 1.9):
#     gd, learning_rate 0.05, 2000 epochs:   largest (J - J*) / J* = 0.64%   (400 epochs: 14%)
#     sgd, learning_rate 0.01, 400 epochs:   0.68%
#     pegasos, 400 epochs:                   0.33%
# The tests ask for 1%: "the same objective to two significant digits", the precision the lessons print
# J with, and above every measured value. A second check asks for progress: the gap at the end is at most
# half the gap after the first tenth of the epochs (measured: at most 0.19, 0.40 and 0.18 of it).

CONVERGENCE = {
    "gd": (dict(learning_rate=0.05, n_epochs=2000), range(10)),
    "sgd": (dict(learning_rate=0.01, n_epochs=400), range(2)),
    "pegasos": (dict(n_epochs=400), range(2)),
}


@pytest.fixture(scope="module")
def optimum():
    """J* per seed: the lower of the exact solver's and SVC's objectives (they agree to 1e-6 relative)."""
    from sklearn.svm import SVC

    values = {}
    for seed in range(10):
        X, y = make_two_class(seed=seed)
        exact = LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)
        svc = SVC(kernel="linear", C=1.0 / (LAM * len(y)), tol=1e-10).fit(X, y)
        J_exact = objective_of(exact, X, y)
        J_svc = svm_objective(X, y, svc.coef_[0], svc.intercept_[0], LAM)
        # SVC stops at the same KKT tolerance but keeps its kernel in float32: it may sit a little above
        assert abs(J_exact - J_svc) <= 1e-6 * J_exact
        values[seed] = (J_exact, J_svc)
    return values


@pytest.mark.parametrize("solver", ["gd", "sgd", "pegasos"])
def test_iterative_solvers_reach_the_exact_objective_within_one_percent(solver, optimum):
    kwargs, seeds = CONVERGENCE[solver]
    for seed in seeds:
        X, y = make_two_class(seed=seed)
        model = LinearSVM(solver=solver, reg_strength=LAM, random_state=seed, **kwargs).fit(X, y)
        J = objective_of(model, X, y)
        J_exact, J_svc = optimum[seed]
        assert J >= min(J_exact, J_svc) - 1e-12  # nothing beats the optimum
        assert (J - J_exact) / J_exact <= 0.01, (solver, seed)
        assert (J - J_svc) / J_svc <= 0.01, (solver, seed)
        gaps = model.history_["objective"] - J_exact
        assert gaps[-1] <= 0.5 * gaps[kwargs["n_epochs"] // 10], (solver, seed)


def test_squared_hinge_gd_reaches_the_exact_squared_hinge_objective(optimum):
    """Squared hinge is smooth: gd converges to the optimum; checked against the exact solver and L-BFGS."""
    from scipy.optimize import minimize

    from hinge_lib.objective import svm_objective_and_grad

    for seed in range(3):
        X, y = make_two_class(seed=seed)
        gd = LinearSVM(loss="squared_hinge", solver="gd", learning_rate=0.05, n_epochs=2000).fit(X, y)
        exact = LinearSVM(loss="squared_hinge", solver="exact").fit(X, y)

        def J_and_grad(theta):
            J, gw, gb = svm_objective_and_grad(X, y, theta[:2], theta[2], LAM, loss="squared_hinge")
            return J, np.append(gw, gb)

        lbfgs = minimize(J_and_grad, np.zeros(3), jac=True, method="L-BFGS-B", options={"gtol": 1e-12, "ftol": 0})
        J_exact = objective_of(exact, X, y, loss="squared_hinge")
        assert J_exact == pytest.approx(lbfgs.fun, rel=1e-9)  # two independent exact answers
        J_gd = objective_of(gd, X, y, loss="squared_hinge")
        # measured on seeds 0-9: at most 0.20% above the optimum after 2000 epochs; the hinge's 1% applies
        assert J_exact - 1e-12 <= J_gd <= J_exact * 1.01
        assert gd.score(X, y) > 0.8


# ----------------------------------------------------------------------------- multi-class


@pytest.fixture(scope="module")
def linearsvc_blobs_accuracy():
    from sklearn.svm import LinearSVC

    X, y = blobs()
    return LinearSVC(C=1.0 / (LAM * 200), max_iter=100_000).fit(X[:200], y[:200]).score(X[200:], y[200:])


@pytest.mark.parametrize("multiclass", ["weston_watkins", "crammer_singer"])
@pytest.mark.parametrize("solver,loss", [("gd", "hinge"), ("gd", "squared_hinge"), ("sgd", "hinge"),
                                         ("sgd", "squared_hinge"), ("pegasos", "hinge")])
def test_multiclass_fit_on_three_labels_beats_chance(multiclass, solver, loss, linearsvc_blobs_accuracy):
    X, y = blobs()
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    train, test = slice(0, 200), slice(200, None)
    model = LinearSVM(multiclass=multiclass, solver=solver, loss=loss, n_epochs=400 if solver == "gd" else 100,
                      learning_rate=0.01 if solver == "sgd" else 0.05, batch_size=10,
                      random_state=0).fit(X[train], labels[train])
    assert model.coef_.shape == (3, 2) and model.intercept_.shape == (3,)
    assert model.classes_.tolist() == ["setosa", "versicolor", "virginica"]
    scores = model.decision_function(X[test])
    assert scores.shape == (100, 3)
    np.testing.assert_array_equal(model.predict(X[test]), model.classes_[scores.argmax(axis=1)])
    # Chance is 1/3. The blobs overlap (cluster_std 1.5), so no linear model gets near 1: the yardstick is
    # scikit-learn's LinearSVC with the same C on the same split (0.75). Measured for these ten
    # configurations: 0.73-0.77. Allowed: 5 of the 100 test points below LinearSVC.
    accuracy = model.score(X[test], labels[test])
    assert accuracy > 0.5 and accuracy >= linearsvc_blobs_accuracy - 0.05
    hist = model.history_["objective"]
    # at W = 0 every wrong class ties with the true one: Weston-Watkins pays C - 1 = 2, Crammer-Singer 1
    assert hist[0] == (2.0 if multiclass == "weston_watkins" else 1.0)
    assert hist[-1] < 0.5 * hist[0]  # measured: 0.24-0.47 of it
    assert model.history_["coef"].shape == (len(hist), 2, 3)


def test_multiclass_digits_beats_chance_by_far():
    from hinge_lib.data import load_digits_split

    split = load_digits_split()
    model = LinearSVM(n_epochs=60, learning_rate=0.1, reg_strength=1e-3).fit(split.X_train, split.y_train)
    assert model.coef_.shape == (10, 64)
    assert model.score(split.X_test, split.y_test) > 0.9  # chance: 0.1


def test_exact_solver_is_binary_only():
    X, y = blobs()
    with pytest.raises(ValueError, match="Only binary classification is supported by solver='exact'; y has 3 classes.*OneVsRestSVM"):
        LinearSVM(solver="exact").fit(X, y)


def test_diverging_learning_rate_raises_instead_of_returning_inf():
    X, y = make_two_class(seed=0)
    with pytest.raises(ValueError, match=r"Training diverged at epoch \d+: .*Lower learning_rate \(now 1000000.0\)"):
        LinearSVM(learning_rate=1e6, n_epochs=2000).fit(1e3 * X, y)


def test_failed_refit_leaves_no_stale_fitted_attributes():
    X, y = make_two_class(seed=0)
    model = LinearSVM(n_epochs=5).fit(X, y)
    model.set_params(learning_rate=1e6, n_epochs=2000)
    with pytest.raises(ValueError, match="diverged"):
        model.fit(1e3 * X, np.where(y > 0, "yes", "no"))
    for name in ("classes_", "coef_", "intercept_", "support_", "history_"):
        assert not hasattr(model, name), name
    with pytest.raises(ValueError, match="not fitted yet"):
        model.predict(X)


def test_scikit_learn_model_selection_accepts_linear_svm():
    from sklearn.model_selection import cross_val_score
    from sklearn.svm import SVC

    X, y = make_two_class(n_per_class=40, seed=3)
    lam = 0.01
    ours = cross_val_score(LinearSVM(solver="exact", reg_strength=lam), X, y, cv=4)
    # each training fold has 60 points, so the same problem for SVC is C = 1 / (lam * 60)
    theirs = cross_val_score(SVC(kernel="linear", C=1 / (lam * 60), tol=1e-10), X, y, cv=4)
    np.testing.assert_array_equal(ours, theirs)
