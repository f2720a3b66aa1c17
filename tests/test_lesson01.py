"""Lesson 01 (margin geometry): the widget driven headlessly, and the lesson's claims."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.svm import SVC

from hinge_lib.exercises import lesson01 as ex
from hinge_lib.geometry import (distance_to_hyperplane, functional_margin, geometric_margin, margin_position,
                                margin_report, margin_width, normalize_hyperplane, project_onto_hyperplane)
from hinge_lib.losses import hinge_loss
from hinge_lib.plotting import plot_margin_geometry
from hinge_lib.widgets import format_margin_report, margin_geometry_figure, margin_geometry_view

X, Y = ex.X8, ex.Y8
finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


def _table_rows(text):
    """The per-point rows of the printed table: (i, y f(x), y f(x)/||w||, position)."""
    rows = []
    for line in text.splitlines():
        m = re.match(r"^\s*(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(\S+)\s+(\S+)\s+(.+)$", line)
        if m:
            rows.append((int(m[1]), float(m[2]), float(m[3]), m[4].strip()))
    return rows


# --------------------------------------------------------------------------- the widget


def test_widget_starts_from_its_arguments_and_prints_every_point():
    view = margin_geometry_view(X, Y, w=(0.5, 1.0), b=0.0)
    assert view.values == {"w1": 0.5, "w2": 1.0, "b": 0.0}
    np.testing.assert_allclose(view.result.geometric, geometric_margin(X, Y, [0.5, 1.0], 0.0))
    rows = _table_rows(view.text)
    assert [r[0] for r in rows] == list(range(len(X)))
    np.testing.assert_allclose([r[1] for r in rows], functional_margin(X, Y, [0.5, 1.0], 0.0), atol=5e-4)
    np.testing.assert_allclose([r[2] for r in rows], geometric_margin(X, Y, [0.5, 1.0], 0.0), atol=5e-4)
    plt.close("all")


def test_moving_each_slider_recomputes_the_margins():
    view = margin_geometry_view(X, Y)
    for name, value in [("w1", 2.0), ("w2", -0.5), ("b", 1.3)]:
        before = view.n_updates
        view.controls[name].value = value
        assert view.n_updates == before + 1
        w, b = (view.values["w1"], view.values["w2"]), view.values["b"]
        np.testing.assert_allclose(view.result.scores, X @ np.array(w) + b)
        np.testing.assert_allclose(view.result.geometric, geometric_margin(X, Y, w, b))
        assert f"b = {b:+.2f}" in view.text
        assert f"||w|| = {np.linalg.norm(w):.3f}" in view.text
        assert f"2/||w|| = {margin_width(w):.3f}" in view.text
    plt.close("all")


def test_zero_w_is_reported_not_raised():
    view = margin_geometry_view(X, Y)
    view.controls["w1"].value = 0.0
    view.controls["w2"].value = 0.0
    assert view.result is None and "no boundary" in view.text
    view.controls["w2"].value = 1.0  # and the widget recovers
    assert view.result is not None
    np.testing.assert_allclose(view.result.geometric, geometric_margin(X, Y, [0.0, 1.0], 0.0))
    plt.close("all")


def test_widget_tips_hold():
    """The tips printed above the widget: line A puts point 7 on its margin; doubling w and b doubles the
    functional margins and keeps the geometric ones."""
    view = margin_geometry_view(X, Y, w=(0.5, 1.0), b=0.0)  # the lesson's starting view
    start = view.result
    view.controls["w1"].value, view.controls["w2"].value = 1.0, 2.0
    np.testing.assert_allclose(view.result.functional, 2 * start.functional)
    np.testing.assert_allclose(view.result.geometric, start.geometric)
    view.controls["b"].value = -0.5
    assert view.result.position[7] == "on margin"
    assert _table_rows(view.text)[7][3] == "on margin"
    view.controls["w1"].value, view.controls["w2"].value, view.controls["b"].value = 0.5, 1.0, -0.3
    single = view.result
    view.controls["w1"].value, view.controls["w2"].value = 1.0, 2.0  # double w1 and w2 (b too, below)
    view.controls["b"].value = -0.6
    np.testing.assert_allclose(view.result.functional, 2 * single.functional)
    np.testing.assert_allclose(view.result.geometric, single.geometric)
    plt.close("all")


def test_static_figure_has_title_labels_and_legend():
    fig = margin_geometry_figure(margin_report(X, Y, (0.5, 1.0), 0.0), X, Y)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("boundary" in s for s in labels) and any("margins" in s for s in labels)
    assert any("distance" in s for s in labels) and any(f"{margin_width([0.5, 1.0]):.2f}" in s for s in labels)
    fig_zero = margin_geometry_figure(None, X, Y)
    assert "no boundary" in fig_zero.axes[0].get_title()
    plt.close("all")


def test_distance_labels_in_the_figure_are_the_distances():
    fig, ax = plt.subplots()
    plot_margin_geometry(X, Y, [1.0, 1.0], 0.0, ax=ax, distances=[0, 3, 6, 7])
    shown = sorted(float(t.get_text()) for t in ax.texts if re.fullmatch(r"\d+\.\d\d", t.get_text()))
    want = sorted(np.round(distance_to_hyperplane(X[[0, 3, 6, 7]], [1.0, 1.0], 0.0), 2))
    np.testing.assert_allclose(shown, want)
    plt.close(fig)


# --------------------------------------------------------------------------- the lesson's claims


@given(st.lists(st.tuples(finite, finite), min_size=2, max_size=8), finite, finite, finite,
       st.floats(0.01, 100.0))
def test_scaling_changes_functional_margins_only(points, w1, w2, b, c):
    if abs(w1) + abs(w2) < 1e-3:
        return
    Xp = np.array(points)
    y = np.where(np.arange(len(Xp)) % 2 == 0, 1.0, -1.0)
    base, scaled = margin_report(Xp, y, (w1, w2), b), margin_report(Xp, y, (c * w1, c * w2), c * b)
    np.testing.assert_allclose(scaled.functional, c * base.functional, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(scaled.geometric, base.geometric, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(scaled.width, base.width / c, rtol=1e-9)
    for got, want in zip(normalize_hyperplane((c * w1, c * w2), c * b), normalize_hyperplane((w1, w2), b)):
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


@given(st.tuples(finite, finite), finite, finite, finite)
def test_distance_is_the_length_of_the_perpendicular_and_margin_lines_are_one_over_norm_away(x, w1, w2, b):
    if abs(w1) + abs(w2) < 1e-3:
        return
    w = np.array([w1, w2])
    point = np.array([x])
    foot = project_onto_hyperplane(point, w, b)
    assert abs(foot[0] @ w + b) < 1e-9 * (1 + np.abs(w).sum() * (1 + np.abs(point).sum()) + abs(b))
    np.testing.assert_allclose(distance_to_hyperplane(point, w, b), np.linalg.norm(point - foot), rtol=1e-7,
                               atol=1e-9)
    on_margin = foot + w / (w @ w)  # f = +1 there
    np.testing.assert_allclose(distance_to_hyperplane(on_margin, w, b), 1 / np.linalg.norm(w), rtol=1e-7)
    np.testing.assert_allclose(2 * distance_to_hyperplane(on_margin, w, b), margin_width(w), rtol=1e-7)


def test_brute_force_distance_along_the_line_agrees():
    w, b = np.array([1.0, 2.0]), -0.5
    p0 = project_onto_hyperplane(X[:1], w, b)[0]
    along = np.array([-w[1], w[0]]) / np.linalg.norm(w)
    line = p0 + np.linspace(-10, 10, 400_001)[:, None] * along
    brute = np.array([np.linalg.norm(line - x, axis=1).min() for x in X])
    np.testing.assert_allclose(brute, distance_to_hyperplane(X, w, b), atol=1e-6)


def test_hard_margin_svm_has_the_smallest_norm_among_canonical_separating_lines():
    """Section 6: every separating line rescaled to min y f(x) = 1 has hinge loss 0; scikit-learn's
    hard-margin SVM has the smallest ||w|| (widest band) of them all."""
    svm = SVC(kernel="linear", C=1e6, tol=1e-10).fit(X, Y)
    w_svm = svm.coef_[0]
    assert functional_margin(X, Y, w_svm, svm.intercept_[0]).min() == pytest.approx(1.0, abs=1e-6)
    rng = np.random.default_rng(1)
    n_separating = 0
    for _ in range(2000):
        w, b = rng.normal(size=2), rng.normal()
        gamma = functional_margin(X, Y, w, b).min()
        if gamma <= 0:
            continue
        n_separating += 1
        w_c, b_c = w / gamma, b / gamma
        assert hinge_loss(X @ w_c + b_c, Y) == pytest.approx(0.0, abs=1e-12)
        assert np.linalg.norm(w_c) >= np.linalg.norm(w_svm) - 1e-6
    assert n_separating > 50


def test_margin_position_names_each_region():
    assert margin_position([3.0, 1.0, 0.4, 0.0, -2.0]) == (
        "beyond margin", "on margin", "inside band", "on boundary", "wrong side")
    with pytest.raises(ValueError, match="zero vector"):
        margin_report(X, Y, (0.0, 0.0), 1.0)
    with pytest.raises(ValueError, match="2\\*y - 1"):
        margin_report(X, (Y + 1) / 2, (1.0, 1.0), 0.0)


def test_format_margin_report_prints_no_negative_zero():
    text = format_margin_report(margin_report(X, Y, (1.0, 0.0), 0.0), X, Y)
    assert "-0.00" not in text


def test_exercise_q1_accepts_a_loop_solution_and_q3_wants_a_pair():
    def loop(X, y, w, b):
        norm = sum(v * v for v in w) ** 0.5
        return [y[i] * (sum(X[i][j] * w[j] for j in range(len(w))) + b) / norm for i in range(len(X))]

    assert ex.q1.evaluate(loop).status == "correct"
    result = ex.q3.evaluate(lambda X, y, w, b: w / 2)
    assert result.status == "incorrect" and "pair" in result.message
