"""Lesson 02 (the hinge loss): the widget driven headlessly, and the lesson's claims, checked against
scikit-learn and SciPy rather than copied numbers."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar
from sklearn.calibration import CalibratedClassifierCV
from sklearn.metrics import hinge_loss as sklearn_hinge_loss
from sklearn.svm import SVC

from hinge_lib.data import load_breast_cancer_split
from hinge_lib.losses import hinge_loss
from hinge_lib.margin_losses import (expected_loss, expected_loss_minimiser, hinge, hinge_case, logistic,
                                     squared_error, zero_one)
from hinge_lib.plotting import plot_expected_loss, plot_hinge_case
from hinge_lib.widgets import format_hinge_case, hinge_case_figure, hinge_case_view

margins = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


def _sklearn_one(score, y):
    """scikit-learn's hinge loss of one point. It binarises the labels it sees in y_true (a batch of one
    class would be read as all negative), so pad with a zero-weight point of the other class."""
    return sklearn_hinge_loss([y, -y], [score, 0.0], sample_weight=[1.0, 0.0])


# --------------------------------------------------------------------------- the widget


def test_widget_starts_at_the_static_view():
    view = hinge_case_view(score=0.5, y=1)
    assert view.result == hinge_case(0.5, 1)
    assert view.text == format_hinge_case(hinge_case(0.5, 1))
    plt.close("all")


@pytest.mark.parametrize("score", [-3.0, -1.0, -0.3, 0.0, 0.5, 1.0, 2.2, 3.0])
def test_score_slider_and_label_toggle_recompute_the_loss(score):
    view = hinge_case_view()
    for label in (1, -1):
        view.controls["y"].value = label
        view.controls["score"].value = score
        case = view.result
        assert case.y == label and case.score == score
        assert case.loss == pytest.approx(_sklearn_one(score, label))
        assert case.loss == pytest.approx(hinge_loss(score, label))
        assert f"hinge loss max(0, 1 - y f(x)) = {case.loss:.2f}" in view.text
        assert case.region in view.text
    plt.close("all")


def test_label_toggle_offers_only_plus_and_minus_one():
    view = hinge_case_view()
    assert sorted(value for _, value in view.controls["y"].options) == [-1, 1]
    plt.close("all")


def test_regions_follow_the_margin():
    assert hinge_case(1.0, 1).region == "flat: beyond the margin"  # exactly on the margin costs nothing
    assert hinge_case(-1.0, -1).loss == 0.0
    assert hinge_case(0.3, 1).region == "correct but inside the margin"
    assert hinge_case(0.3, -1).region == "misclassified"
    with pytest.raises(ValueError, match="2\\*y - 1"):
        hinge_case(0.5, 0)


def test_static_figures_have_titles_labels_and_legends():
    for cases in (hinge_case(0.5, 1), [hinge_case(s, -1) for s in (-2.0, 0.0, 1.0)]):
        fig = hinge_case_figure(cases)
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() == "score $f(x)$" and ax.get_ylabel() == "loss"
        assert len(ax.get_legend().get_texts()) == 4
        plt.close(fig)
    with pytest.raises(ValueError, match="one label at a time"):
        plot_hinge_case([hinge_case(0.0, 1), hinge_case(0.0, -1)])
    plt.close("all")


def test_expected_loss_figure_tells_every_curve_apart_without_colour():
    """Six curves, four line styles: each legend entry carries its curve's line style and minimiser marker,
    and no two entries share both; each marker sits at that curve's minimiser."""
    ps = (0.05, 0.2, 0.4, 0.6, 0.8, 0.95)
    fig, ax = plt.subplots()
    plot_expected_loss(hinge, ps, ax=ax, title="expected hinge")
    legend = ax.get_legend()
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and "minimiser" in legend.get_title().get_text()
    assert [t.get_text() for t in legend.get_texts()] == [f"p = {p:.2f}" for p in ps]
    handles = legend.legend_handles
    cues = {(h.get_linestyle(), h.get_marker()) for h in handles}
    assert len(cues) == len(ps) and all(h.get_marker() not in (None, "", "none") for h in handles)
    f = np.linspace(-3.0, 3.0, 1201)
    for p, handle in zip(ps, handles):
        dots = [ln for ln in ax.lines if ln.get_marker() == handle.get_marker() and len(ln.get_xdata()) == 1]
        assert len(dots) == 1 and dots[0].get_xdata()[0] == expected_loss_minimiser(hinge, p, f)
    plt.close(fig)


# --------------------------------------------------------------------------- the lesson's claims


def test_three_worked_cases_match_scikit_learn():
    scores, y = np.array([2.0, 0.5, -1.0]), np.array([1, 1, 1])
    per_point = hinge_loss(scores, y, reduction="none")
    np.testing.assert_allclose(per_point, [_sklearn_one(s, 1) for s in scores])
    padded = sklearn_hinge_loss([1, 1, 1, -1], [2.0, 0.5, -1.0, 0.0], sample_weight=[1, 1, 1, 0])
    assert hinge_loss(scores, y) == pytest.approx(padded)


def test_scikit_learn_reads_a_one_class_batch_as_negative():
    """The quirk lesson 02 warns about: binary metrics.hinge_loss binarises the labels present in y_true,
    so with only +1 labels every point is treated as class -1 (and `labels=` does not change that)."""
    assert hinge_loss([0.5], [1]) == 0.5
    assert sklearn_hinge_loss([1], [0.5]) == pytest.approx(1.5)
    assert sklearn_hinge_loss([1], [0.5], labels=[-1, 1]) == pytest.approx(1.5)


@given(margins, margins, st.floats(0, 1))
def test_hinge_is_a_convex_upper_bound_of_zero_one(a, b, t):
    assert hinge(a) >= zero_one(a)
    assert hinge(t * a + (1 - t) * b) <= t * hinge(a) + (1 - t) * hinge(b) + 1e-9
    assert logistic(a) >= zero_one(a) - 1e-12


def test_squared_error_punishes_being_too_right_and_zero_one_is_not_convex():
    assert squared_error(3.0) > 0 == hinge(3.0)
    assert zero_one(0.0) > 0.5 * (zero_one(-0.5) + zero_one(0.5))


@pytest.mark.parametrize("p", [0.01, 0.1, 0.3, 0.45, 0.55, 0.7, 0.9, 0.99])
def test_expected_hinge_minimiser_is_sign_2p_minus_1(p):
    grid = np.linspace(-4, 4, 8001)
    best = expected_loss_minimiser(hinge, p, grid)
    assert best == pytest.approx(np.sign(2 * p - 1), abs=1e-9)
    # the minimum value is 2 min(p, 1 - p), reached at the kink
    assert expected_loss(hinge, best, p) == pytest.approx(2 * min(p, 1 - p))


@pytest.mark.parametrize("p", [0.01, 0.1, 0.3, 0.45, 0.55, 0.7, 0.9, 0.99])
def test_expected_logistic_minimiser_is_the_log_odds(p):
    result = minimize_scalar(lambda f: float(expected_loss(lambda m: logistic(m, base2=False), f, p)),
                             bounds=(-10, 10), method="bounded", options={"xatol": 1e-10})
    assert result.x == pytest.approx(np.log(p / (1 - p)), abs=1e-5)


def test_expected_hinge_is_flat_at_one_half_and_p_must_be_a_probability():
    f = np.linspace(-1, 1, 201)
    np.testing.assert_allclose(expected_loss(hinge, f, 0.5), 1.0)
    with pytest.raises(ValueError, match="probability"):
        expected_loss(hinge, f, 1.5)


def test_platt_scaling_is_one_increasing_sigmoid_of_the_svm_score():
    data = load_breast_cancer_split(seed=0)
    scores = SVC(kernel="linear", C=1.0).fit(data.X_train, data.y_train).decision_function(data.X_test)
    platt = CalibratedClassifierCV(SVC(kernel="linear", C=1.0), method="sigmoid", cv=5, ensemble=False)
    proba = platt.fit(data.X_train, data.y_train).predict_proba(data.X_test)[:, list(platt.classes_).index(1.0)]
    assert scores.min() < 0 and scores.max() > 1
    inner = (proba > 1e-6) & (proba < 1 - 1e-6)
    logit = np.log(proba[inner] / (1 - proba[inner]))
    slope, intercept = np.polyfit(scores[inner], logit, 1)
    np.testing.assert_allclose(logit, slope * scores[inner] + intercept, atol=1e-6)  # P = 1/(1 + exp(A f + B))
    assert slope > 0


def test_labels_zero_one_trap():
    scores, labels01 = np.array([2.0, -2.0, 1.5, -3.0]), np.array([1, 0, 1, 0])
    naive = np.maximum(0.0, 1.0 - labels01 * scores).mean()
    right = hinge_loss(scores, 2 * labels01 - 1)
    assert naive != right
    assert right == pytest.approx(sklearn_hinge_loss(labels01, scores))  # scikit-learn binarises {0, 1}
    with pytest.raises(ValueError, match="2\\*y - 1"):
        hinge_loss(scores, labels01)


def test_reductions_sum_is_n_times_mean():
    s, y = np.array([2.0, 1.0, -1.0, -40.0]), np.array([1, 1, -1, 1])
    assert hinge_loss(s, y, reduction="sum") == pytest.approx(len(s) * hinge_loss(s, y))
    np.testing.assert_allclose(hinge_loss(s, y, reduction="none"), [_sklearn_one(a, b) for a, b in zip(s, y)])
