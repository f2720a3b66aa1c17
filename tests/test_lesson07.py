"""Lesson 07 (multi-class hinge): multiclass.py (three-class data, one-vs-rest, the per-sample breakdown),
the claims the notebook makes (WW vs CS, one-vs-rest vs joint, LinearSVC with C = 1/(lambda N),
scikit-learn's and Keras's multi-class hinges), the widget, the figures and the exercises."""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import hinge_loss as sk_hinge_loss
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from hinge_lib import (LinearSVM, hinge_loss, load_digits_split, multiclass_hinge_loss,
                       multiclass_hinge_loss_and_grad, multiclass_hinge_loss_and_grad_naive, svm_objective)
from hinge_lib.exercises import CORRECT, INCORRECT
from hinge_lib.exercises import lesson07 as ex
from hinge_lib.frameworks import keras_categorical_hinge
from hinge_lib.multiclass import OneVsRestSVM, describe_breakdown, make_three_class, multiclass_breakdown
from hinge_lib.plotting import plot_decision_regions, plot_multiclass_points, plot_weight_images
from hinge_lib.widgets import multiclass_hinge_view, multiclass_terms_figure

TOY_PARAMS = dict(reg_strength=0.1, learning_rate=0.1, n_epochs=500)


@pytest.fixture(autouse=True)
def one_blas_thread():
    # Small matrices: several BLAS threads on a shared machine are many times slower than one.
    with threadpool_limits(limits=1, user_api="blas"):
        yield

scores_rows = st.integers(min_value=2, max_value=6).flatmap(
    lambda c: st.tuples(
        st.lists(st.floats(-5, 5, allow_nan=False, width=32), min_size=c, max_size=c),
        st.integers(min_value=0, max_value=c - 1),
    )
)


# --------------------------------------------------------------------------- Weston-Watkins vs Crammer-Singer


def test_worked_example_same_scores_different_losses():
    r = multiclass_breakdown([2.0, 1.5, 1.8], 0)
    assert r.ww_loss == pytest.approx(0.5 + 0.8) and r.cs_loss == pytest.approx(0.8)
    assert r.worst_class == 2
    assert r.ww_grad.tolist() == [-2.0, 1.0, 1.0] and r.cs_grad.tolist() == [-1.0, 0.0, 1.0]
    assert np.isnan(r.gaps[0]) and r.gaps[1:] == pytest.approx([0.5, 0.8])


@given(scores_rows)
def test_breakdown_bounds_and_equality_when_at_most_one_class_violates(row):
    scores, c = row
    r = multiclass_breakdown(scores, c)
    n_classes = len(scores)
    gaps = np.delete(r.gaps, c)
    assert r.ww_loss == pytest.approx(np.maximum(0.0, gaps).sum(), abs=1e-9)
    assert r.cs_loss == pytest.approx(max(0.0, gaps.max()), abs=1e-9)
    assert r.cs_loss <= r.ww_loss + 1e-9 <= (n_classes - 1) * r.cs_loss + 2e-9
    if np.sum(gaps > 0) <= 1:
        assert r.ww_loss == pytest.approx(r.cs_loss, abs=1e-9)
    else:
        assert r.ww_loss > r.cs_loss
    # the gradients are the library's, for the summed loss of this one sample
    for kind, grad in (("weston_watkins", r.ww_grad), ("crammer_singer", r.cs_grad)):
        _, g = multiclass_hinge_loss_and_grad([scores], [c], kind=kind, reduction="sum")
        assert np.array_equal(grad, g[0])
    assert r.ww_grad[c] == -np.sum(gaps > 0) and r.ww_grad.sum() == 0
    assert r.cs_grad.sum() == 0 and np.abs(r.cs_grad).sum() == (2.0 if r.cs_loss > 0 else 0.0)


@given(st.floats(-5, 5, allow_nan=False), st.floats(-5, 5, allow_nan=False), st.integers(0, 1))
def test_with_two_classes_both_losses_are_the_binary_hinge(s0, s1, c):
    r = multiclass_breakdown([s0, s1], c)
    binary = hinge_loss([s1 - s0], [1.0 if c == 1 else -1.0])   # score of class 1 minus class 0
    assert r.ww_loss == pytest.approx(binary, abs=1e-9) and r.cs_loss == pytest.approx(binary, abs=1e-9)


def test_crammer_singer_tie_goes_to_the_lowest_wrong_index():
    r = multiclass_breakdown([1.0, 2.0, 2.0, 0.0], 3)
    assert r.worst_class == 1 and r.cs_grad.tolist() == [0.0, 1.0, 0.0, -1.0]


@pytest.mark.parametrize("kind", ["weston_watkins", "crammer_singer"])
@pytest.mark.parametrize("squared", [False, True])
def test_naive_and_vectorised_agree_on_the_notebook_batch(kind, squared):
    rng = np.random.default_rng(1)
    S, y = rng.normal(size=(2000, 10)), rng.integers(0, 10, size=2000)
    loss, grad = multiclass_hinge_loss_and_grad(S, y, kind=kind, squared=squared)
    loss_n, grad_n = multiclass_hinge_loss_and_grad_naive(S, y, kind=kind, squared=squared)
    assert loss == pytest.approx(loss_n, rel=1e-12)
    np.testing.assert_allclose(grad, grad_n, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("bad, match", [(3, "true_class must lie"), (-1, "true_class must lie"),
                                        (True, "integer class index"), (1.0, "integer class index")])
def test_breakdown_rejects_bad_true_class(bad, match):
    with pytest.raises(ValueError, match=match):
        multiclass_breakdown([1.0, 2.0, 3.0], bad)


def test_breakdown_rejects_a_single_score_and_bad_margin():
    with pytest.raises(ValueError, match="at least two"):
        multiclass_breakdown([1.0], 0)
    with pytest.raises(ValueError, match="margin"):
        multiclass_breakdown([1.0, 2.0], 0, margin=-1.0)


def test_describe_breakdown_has_fixed_formats_and_no_negative_zero():
    text = describe_breakdown(multiclass_breakdown([2.0, 1.5, 1.8], 0))
    assert text.splitlines() == [
        "true class 0; scores [2.00, 1.50, 1.80]",
        "Weston-Watkins loss 1.300, gradient [-2, +1, +1]",
        "Crammer-Singer loss 0.800, gradient [-1, +0, +1]",
    ]
    assert "-0," not in describe_breakdown(multiclass_breakdown([3.0, -3.0, -3.0], 0))


# --------------------------------------------------------------------------- three-class data and one-vs-rest


def test_make_three_class_shapes_balance_determinism_and_validation():
    X, y = make_three_class(seed=3)
    X2, y2 = make_three_class(seed=3)
    assert X.shape == (120, 2) and np.bincount(y).tolist() == [40, 40, 40]
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, make_three_class(seed=4)[0])
    # the middle blob lies between the other two
    means = np.array([X[y == k].mean(axis=0) for k in range(3)])
    assert means[0, 0] < means[1, 0] < means[2, 0]
    with pytest.raises(ValueError, match="spread"):
        make_three_class(spread=0.0)
    with pytest.raises(ValueError, match="centers"):
        make_three_class(centers=[[0.0, 0.0, 0.0]])


def test_one_vs_rest_is_k_binary_svms_stacked():
    X, y = make_three_class(seed=0)
    ovr = OneVsRestSVM(**TOY_PARAMS).fit(X, y)
    for k in range(3):
        binary = LinearSVM(**TOY_PARAMS).fit(X, np.where(y == k, 1.0, -1.0))
        assert np.array_equal(ovr.coef_[k], binary.coef_[0]) and ovr.intercept_[k] == binary.intercept_[0]
    scores = ovr.decision_function(X)
    assert scores.shape == (120, 3) and np.array_equal(ovr.predict(X), scores.argmax(axis=1))


def test_one_vs_rest_keeps_the_label_set_and_validates():
    X, y = make_three_class(seed=0)
    names = np.array(["left", "middle", "right"])[y]
    ovr = OneVsRestSVM(**TOY_PARAMS).fit(X, names)
    assert set(ovr.predict(X)) <= set(names) and ovr.classes_.tolist() == ["left", "middle", "right"]
    with pytest.raises(ValueError, match="at least three classes"):
        OneVsRestSVM().fit(X[y < 2], y[y < 2])
    with pytest.raises(ValueError, match="not fitted"):
        OneVsRestSVM().predict(X)


@pytest.mark.parametrize("seed", range(6))
def test_joint_losses_find_the_middle_class_that_one_vs_rest_squeezes(seed):
    X, y = make_three_class(seed=seed)
    ovr = OneVsRestSVM(**TOY_PARAMS).fit(X, y)
    for kind in ("weston_watkins", "crammer_singer"):
        joint = LinearSVM(multiclass=kind, **TOY_PARAMS).fit(X, y)
        assert joint.score(X, y) > ovr.score(X, y) + 0.1
        assert np.sum(joint.predict(X) == 1) > np.sum(ovr.predict(X) == 1)
        assert ovr.intercept_[1] < 0 < joint.intercept_[1]
    norms = np.linalg.norm(ovr.coef_, axis=1)
    assert norms[1] < 0.1 * min(norms[0], norms[2])


# --------------------------------------------------------------------------- digits and LinearSVC


@pytest.fixture(scope="module")
def digits():
    return load_digits_split()


def _liblinear_cs(split, C):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no deprecation and no convergence warning
        return LinearSVC(C=C, multi_class="crammer_singer", max_iter=20_000, random_state=0).fit(
            split.X_train, split.y_train)


def test_linearsvc_crammer_singer_minimises_our_objective_plus_a_bias_penalty_at_c_equal_one_over_lambda_n(digits):
    lam = 0.01
    n = len(digits.y_train)

    def objective_with_bias_penalty(model):
        b = model.intercept_
        return (svm_objective(digits.X_train, digits.y_train, model.coef_.T, b, lam, kind="crammer_singer")
                + 0.5 * lam * float(b @ b))

    matched = objective_with_bias_penalty(_liblinear_cs(digits, 1.0 / (lam * n)))
    for factor in (0.5, 2.0):  # liblinear's solutions for other C score worse on this objective
        assert matched < objective_with_bias_penalty(_liblinear_cs(digits, factor / (lam * n)))
    ours = LinearSVM(reg_strength=lam, learning_rate=0.1, n_epochs=300, multiclass="crammer_singer").fit(
        digits.X_train, digits.y_train)
    assert matched < objective_with_bias_penalty(ours)


def test_linearsvc_one_vs_rest_with_hinge_loss_is_k_binary_problems(digits):
    lam = 0.01
    C = 1.0 / (lam * len(digits.y_train))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ovr = LinearSVC(C=C, loss="hinge", multi_class="ovr", tol=1e-10, max_iter=200_000, random_state=0).fit(
            digits.X_train, digits.y_train)
        three = LinearSVC(C=C, loss="hinge", tol=1e-10, max_iter=200_000, random_state=0).fit(
            digits.X_train, np.where(digits.y_train == 3, 1, -1))
    np.testing.assert_allclose(ovr.coef_[3], three.coef_[0], rtol=1e-6, atol=1e-8)


def test_the_four_models_of_the_notebook_agree_on_test_accuracy(digits):
    lam = 0.01
    C = 1.0 / (lam * len(digits.y_train))
    accs = [LinearSVM(reg_strength=lam, learning_rate=0.1, n_epochs=300, multiclass=kind)
            .fit(digits.X_train, digits.y_train).score(digits.X_test, digits.y_test)
            for kind in ("weston_watkins", "crammer_singer")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        accs.append(LinearSVC(C=C, loss="hinge", max_iter=20_000, random_state=0)
                    .fit(digits.X_train, digits.y_train).score(digits.X_test, digits.y_test))
    accs.append(_liblinear_cs(digits, C).score(digits.X_test, digits.y_test))
    assert min(accs) > 0.94 and max(accs) - min(accs) < 0.02


# --------------------------------------------------------------------------- other libraries' "multi-class hinge"


@pytest.mark.parametrize("seed", range(5))
def test_sklearn_metrics_hinge_loss_multiclass_is_crammer_singer_without_division(seed):
    rng = np.random.default_rng(seed)
    n_classes = int(rng.integers(3, 8))
    S = rng.normal(scale=2.0, size=(50, n_classes))
    y = rng.integers(0, n_classes, size=50)
    y[:n_classes] = np.arange(n_classes)  # every class present
    assert sk_hinge_loss(y, S) == pytest.approx(multiclass_hinge_loss(S, y, kind="crammer_singer"), rel=1e-12)
    assert sk_hinge_loss(y, S) != pytest.approx(multiclass_hinge_loss(S, y, kind="weston_watkins"))


def test_sklearn_hinge_loss_needs_labels_when_a_class_is_missing():
    rng = np.random.default_rng(0)
    S = rng.normal(size=(20, 4))
    y = rng.integers(0, 3, size=20)  # class 3 never appears
    assert sk_hinge_loss(y, S, labels=np.arange(4)) == pytest.approx(
        multiclass_hinge_loss(S, y, kind="crammer_singer"), rel=1e-12)


def test_keras_issue_8083_example():
    assert keras_categorical_hinge([[1, 0]], [[-3.0, -5.0]]).tolist() == [4.0]
    assert multiclass_hinge_loss([[-3.0, -5.0]], [0], kind="crammer_singer") == 0.0


@given(scores_rows)
def test_keras_categorical_hinge_is_crammer_singer_with_the_best_wrong_score_floored_at_zero(row):
    scores, c = row
    onehot = np.eye(len(scores))[[c]]
    keras = keras_categorical_hinge(onehot, [scores])[0]
    cs = multiclass_hinge_loss([scores], [c], kind="crammer_singer")
    best_wrong = max(s for k, s in enumerate(scores) if k != c)
    assert keras == pytest.approx(max(0.0, 1.0 + max(0.0, best_wrong) - scores[c]), abs=1e-9)
    assert keras >= cs - 1e-9
    if best_wrong >= 0:
        assert keras == pytest.approx(cs, abs=1e-9)


def test_keras_formula_rejects_targets_that_are_not_one_hot():
    with pytest.raises(ValueError, match="one-hot"):
        keras_categorical_hinge([[1, 1]], [[0.0, 1.0]])
    with pytest.raises(ValueError, match="same shape"):
        keras_categorical_hinge([[1, 0]], [[0.0, 1.0, 2.0]])


# --------------------------------------------------------------------------- widget and figures


def test_widget_recomputes_the_breakdown_when_a_control_moves():
    view = multiclass_hinge_view(scores=(2.0, 1.5, 1.8), true_class=0)
    assert view.result.ww_loss == pytest.approx(1.3) and view.result.cs_loss == pytest.approx(0.8)
    view.controls["s1"].value = 0.5  # class 1 no longer violates: the two losses agree
    expected = multiclass_breakdown([2.0, 0.5, 1.8], 0)
    assert view.result.ww_loss == pytest.approx(expected.ww_loss) == pytest.approx(view.result.cs_loss)
    assert np.array_equal(view.result.ww_grad, expected.ww_grad)
    view.controls["true_class"].value = 2
    expected = multiclass_breakdown([2.0, 0.5, 1.8], 2)
    assert view.result.ww_loss == pytest.approx(expected.ww_loss) and view.result.true_class == 2
    assert view.text == describe_breakdown(expected) and view.n_updates == 3
    plt.close("all")


def test_terms_figure_titles_carry_both_losses():
    fig = multiclass_terms_figure(multiclass_breakdown([2.0, 1.5, 1.8], 0))
    ax1, ax2 = fig.axes[:2]
    assert "WW 1.30" in ax1.get_title() and "CS 0.80" in ax1.get_title()
    assert ax1.get_xlabel() and ax1.get_ylabel() and ax2.get_ylabel()
    assert len(ax2.get_legend().get_texts()) == 2
    plt.close(fig)


def test_decision_regions_and_weight_images_are_labelled():
    X, y = make_three_class(seed=1)
    model = LinearSVM(**TOY_PARAMS).fit(X, y)
    fig, ax = plt.subplots()
    plot_decision_regions(model.predict, X, y, ax=ax, title="joint")
    assert ax.get_title() == "joint" and ax.get_xlabel() == "x₁"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["region borders", "class 0", "class 1", "class 2"]
    plt.close(fig)

    fig, ax = plt.subplots()
    plot_multiclass_points(X, y, ax=ax, class_names=["a", "b", "c"])
    markers = {tuple(coll.get_paths()[0].vertices.round(3).ravel()) for coll in ax.collections}
    assert len(markers) == 3  # one marker shape per class, not only one colour
    plt.close(fig)

    fig = plot_weight_images(np.arange(640.0).reshape(10, 64), titles=[f"digit {d}" for d in range(10)])
    images = [a for a in fig.axes if a.images]
    assert len(images) == 10 and [a.get_title() for a in images][:2] == ["digit 0", "digit 1"]
    assert len(fig.axes) == 11  # ten panels and one shared colourbar
    plt.close(fig)


# --------------------------------------------------------------------------- exercises beyond the generic checks


def test_loop_solutions_are_accepted():
    def ww_one_loop(scores, true_class, margin=1.0):
        return sum(max(0.0, s - scores[true_class] + margin) for k, s in enumerate(scores) if k != true_class)

    def ww_mean_loop(scores, y, margin=1.0):
        return multiclass_hinge_loss_and_grad_naive(scores, y, margin=margin)[0]

    def ww_grad_loop(scores, y, margin=1.0):
        return multiclass_hinge_loss_and_grad_naive(scores, y, margin=margin)[1]

    assert ex.q1.evaluate(ww_one_loop).status == CORRECT
    assert ex.q2.evaluate(ww_mean_loop).status == CORRECT
    assert ex.q3.evaluate(ww_grad_loop).status == CORRECT


def test_crammer_singer_answer_is_named_and_a_wrong_shape_is_reported():
    def cs_mean(scores, y, margin=1.0):
        return multiclass_hinge_loss(scores, y, kind="crammer_singer", margin=margin)

    result = ex.q2.evaluate(cs_mean)
    assert result.status == INCORRECT and "Crammer-Singer" in result.message
    result = ex.q3.evaluate(lambda scores, y, margin=1.0: np.zeros(3))
    assert result.status == INCORRECT and "shape" in result.message
