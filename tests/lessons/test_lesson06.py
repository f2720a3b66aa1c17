"""Lesson 06 (the squared hinge): every claim the notebook makes, its exercises, quiz, view and package functions.

The claims are checked on the lesson's settings (data ``make_two_class(n_per_class=30, seed=0)``, lambda 0.01,
the outlier on the normal through the true boundary w = (1, -0.6), b = 0.4) and across the 20 data sets
(seeds 0-19) where the lesson says so. scikit-learn is the cross-check where the lesson compares with it
(``SVC`` for the exact hinge fits, ``LinearSVC`` for the squared hinge, its SGD losses for the formulas).
"""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from scipy.stats import norm
from sklearn.linear_model import _sgd_fast
from sklearn.svm import SVC, LinearSVC

import hinge_lib.lessons.lesson06 as lesson
from hinge_lib import LinearSVM, hinge_loss_and_grad, make_two_class, solve_exact, svm_objective_and_grad
from hinge_lib.lessons.lesson06 import (QUIZ, exercises, outlier_sweep, outlier_view,
                                        plot_smooth_hinges, plot_sweep)
from hinge_lib.lessons.lesson06._exercises import Q1_KEYS, Q1_REFERENCE
from hinge_lib.lessons.lesson06._figures import _modified_huber, _psi_gauss, _psi_sqrt, _rennie_srebro
from hinge_lib.lessons.lesson06._outliers import _outlier_point
from hinge_lib.lessons.lesson06._views import MAP_LIMITS

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "06_squared_hinge.ipynb"
LAM = 0.01
DISTANCES = [1, 1.5, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000]
STUDY_DISTANCES = [5, 20, 100]
TRUE_W, TRUE_B = np.array([1.0, -0.6]), 0.4


@pytest.fixture(scope="module")
def data():
    return make_two_class(n_per_class=30, true_w=(1.0, -0.6), true_b=0.4, noise=0.5, seed=0)


@pytest.fixture(scope="module")
def sweep(data):
    return outlier_sweep(*data, DISTANCES, reg_strength=LAM)


@pytest.fixture(scope="module")
def study():
    """Section 4's 20 data sets at three distances."""
    return [outlier_sweep(*make_two_class(n_per_class=30, seed=seed), STUDY_DISTANCES) for seed in range(20)]


def outlier_effect(X, y, distance, loss, reg_strength=LAM):
    """The notebook's written-out function, verbatim in its steps."""
    normal = TRUE_W / np.linalg.norm(TRUE_W)
    point = -TRUE_B * TRUE_W / (TRUE_W @ TRUE_W) - distance * normal
    X_out, y_out = np.vstack([X, point]), np.append(y, 1.0)
    clean = LinearSVM(solver="exact", loss=loss, reg_strength=reg_strength).fit(X, y)
    dirty = LinearSVM(solver="exact", loss=loss, reg_strength=reg_strength).fit(X_out, y_out)
    before = clean.decision_function(X) / np.linalg.norm(clean.coef_)
    after = dirty.decision_function(X) / np.linalg.norm(dirty.coef_)
    C = 1 / (reg_strength * len(y_out))
    return {"shift": np.mean(np.abs(after - before)), "outlier's alpha / C": dirty.alpha_[-1] / C,
            "outlier's y f": dirty.decision_function(point[None, :])[0],
            "clean points misclassified": int(np.sum(dirty.predict(X) != y))}


def at(sweep, d):
    return DISTANCES.index(d)


# --------------------------------------------------------------------------- section 1: definition and derivative


def test_squared_hinge_matches_scikit_learns_sgd_loss():
    sk = _sgd_fast.SquaredHinge(1.0)  # takes (prediction p, label y) and uses z = p y
    rng = np.random.default_rng(0)
    scores = np.concatenate([rng.normal(0, 2, 50), [1.0, -1.0, 0.0, 0.5]])
    y = np.where(rng.random(scores.size) < 0.5, -1.0, 1.0)
    loss, grad = hinge_loss_and_grad(scores, y, reduction="none", squared=True)
    assert np.allclose(loss, [sk.py_loss(s, t) for s, t in zip(scores, y)], rtol=1e-12, atol=1e-12)
    assert np.allclose(grad, [sk.py_dloss(s, t) for s, t in zip(scores, y)], rtol=1e-12, atol=1e-12)


def test_the_five_point_table():
    scores, y = np.array([1.5, -0.5, 0.8, -1.2, 0.3]), np.array([1.0, -1.0, 1.0, -1.0, 1.0])
    hinge, d_hinge = hinge_loss_and_grad(scores, y, reduction="none")
    squared, d_squared = hinge_loss_and_grad(scores, y, reduction="none", squared=True)
    assert np.allclose(hinge, [0, 0.5, 0.2, 0, 0.7]) and np.allclose(squared, [0, 0.25, 0.04, 0, 0.49])
    assert np.allclose(d_hinge, [0, 1, -1, 0, -1]) and np.allclose(d_squared, [0, 1, -0.4, 0, -1.4])
    assert np.isclose(squared.mean(), 0.156)  # the reference vector's squared-hinge mean


def test_derivative_is_continuous_and_scales_with_the_violation():
    """Section 1's table: the jumps at m = 1 and the push ratios, for several step sizes."""
    for eps in (1e-3, 1e-6, 1e-9):
        m = np.array([1 - eps, 1 + eps])
        d_sq = hinge_loss_and_grad(m, np.ones(2), reduction="none", squared=True)[1]
        d_h = hinge_loss_and_grad(m, np.ones(2), reduction="none")[1]
        assert abs(d_sq[0] - d_sq[1]) <= 2 * eps + 1e-15
        assert d_h[0] - d_h[1] == -1.0
    m4 = np.array([-1.0, 0.5, 1 - 1e-6, 1 + 1e-6])
    d_sq = hinge_loss_and_grad(m4, np.ones(4), reduction="none", squared=True)[1]
    d_h = hinge_loss_and_grad(m4, np.ones(4), reduction="none")[1]
    assert np.allclose(d_sq, [-4.0, -1.0, -2e-6, 0.0]) and np.allclose(d_h, [-1, -1, -1, 0])
    assert d_sq[0] / d_sq[1] == 4.0 and d_h[0] / d_h[1] == 1.0


# --------------------------------------------------------------------------- section 2: one outlier


def test_outlier_sits_at_its_distance_on_the_negative_side():
    for d in (0.5, 5.0, 100.0):
        p = _outlier_point(d)
        assert np.isclose((p @ TRUE_W + TRUE_B) / np.linalg.norm(TRUE_W), -d)


def test_written_out_outlier_effect_equals_the_sweep(data, sweep):
    X, y = data
    for d in (5, 100):
        for name, loss in (("hinge", "hinge"), ("squared hinge", "squared_hinge")):
            e = outlier_effect(X, y, d, loss)
            k = at(sweep, d)
            assert np.isclose(e["shift"], sweep[name]["shift"][k], rtol=1e-9)
            assert np.isclose(e["outlier's alpha / C"], sweep[name]["alpha"][k] / sweep["C"], rtol=1e-9)
            assert np.isclose(e["outlier's y f"], sweep[name]["margin"][k], rtol=1e-9, atol=1e-12)
            assert e["clean points misclassified"] == sweep[name]["errors"][k]


def test_section_2_claims(sweep):
    h, sq, C = sweep["hinge"], sweep["squared hinge"], sweep["C"]
    k5, k100 = at(sweep, 5), at(sweep, 100)
    # d = 5: "about four times as far (0.187 against 0.043)"; the hinge's alpha is C, the squared hinge's 6.254 C
    assert round(sq["shift"][k5], 3) == 0.187 and round(h["shift"][k5], 3) == 0.043
    assert 3.5 < sq["shift"][k5] / h["shift"][k5] < 5.0
    assert np.isclose(h["alpha"][k5], C, rtol=1e-9) and round(sq["alpha"][k5] / C, 3) == 6.254
    # d = 100: both far, about equally (1.690 vs 1.654, the hinge's further); 24 of 60 misclassified; on its margin
    assert round(h["shift"][k100], 3) == 1.690 and round(sq["shift"][k100], 3) == 1.654
    assert h["shift"][k100] > sq["shift"][k100] and abs(h["shift"][k100] - sq["shift"][k100]) < 0.1 * h["shift"][k100]
    assert h["errors"][k100] == 24 and h["clean_errors"] == 5
    assert abs(h["margin"][k100] - 1.0) < 1e-8 and round(h["alpha"][k100] / C, 3) == 0.668
    assert 0 < h["alpha"][k100] < C  # the on-the-margin KKT group


def test_exact_hinge_fits_agree_with_svc(data):
    """The outlier experiment's hinge fits, checked against libsvm (SVC) at d = 5 and d = 100."""
    X, y = data
    for d in (5.0, 100.0):
        Xo, yo = np.vstack([X, _outlier_point(d)]), np.append(y, 1.0)
        ours = solve_exact(Xo, yo, LAM)
        svc = SVC(kernel="linear", C=1 / (LAM * len(yo)), tol=1e-10).fit(Xo, yo)
        assert np.allclose(svc.coef_[0], ours.coef, rtol=0, atol=1e-5)
        assert np.isclose(svc.intercept_[0], ours.intercept, atol=1e-5)


# --------------------------------------------------------------------------- section 3: alpha = 2 C xi


def test_alpha_is_2C_xi_for_the_squared_hinge_and_capped_for_the_hinge(data, sweep):
    X, y = data
    C = 1 / (LAM * (len(y) + 1))
    for d in (1.0, 5.0, 100.0, 1000.0):
        Xo, yo = np.vstack([X, _outlier_point(d)]), np.append(y, 1.0)
        sq = LinearSVM(solver="exact", loss="squared_hinge", reg_strength=LAM).fit(Xo, yo)
        rule = 2 * C * np.maximum(0, 1 - yo * sq.decision_function(Xo))
        assert np.abs(sq.alpha_ - rule).max() < 1e-9
        h = solve_exact(Xo, yo, LAM)
        assert h.alpha.max() <= C * (1 + 1e-12) and h.alpha.min() >= 0
    # the notebook's printout at d = 5: 52 of 61 alphas > 0, the largest 6.254 C is the outlier's
    Xo, yo = np.vstack([X, _outlier_point(5.0)]), np.append(y, 1.0)
    sq = LinearSVM(solver="exact", loss="squared_hinge", reg_strength=LAM).fit(Xo, yo)
    assert len(sq.support_) == 52 and sq.alpha_.argmax() == 60 and round(sq.alpha_.max() / C, 3) == 6.254


def test_squared_hinge_dual_value_matches_the_primal(data):
    """The dual quoted in section 3: sum a - (1/2)||sum a y x||^2 - sum a^2 / (4C) equals J's sklearn-scale primal."""
    X, y = data
    Xo, yo = np.vstack([X, _outlier_point(5.0)]), np.append(y, 1.0)
    C = 1 / (LAM * len(yo))
    sol = solve_exact(Xo, yo, LAM, loss="squared_hinge")
    a = sol.alpha
    w = Xo.T @ (a * yo)
    dual = a.sum() - 0.5 * w @ w - (a @ a) / (4 * C)
    primal = 0.5 * sol.coef @ sol.coef + C * np.sum(np.maximum(0, 1 - yo * (Xo @ sol.coef + sol.intercept)) ** 2)
    assert np.allclose(w, sol.coef, atol=1e-10) and np.isclose(dual, primal, rtol=1e-9)
    assert abs(a @ yo) < 1e-9 and a.min() >= 0


# --------------------------------------------------------------------------- section 4: the sweep


def test_sweep_claims(sweep):
    h, sq, C = sweep["hinge"], sweep["squared hinge"], sweep["C"]
    d = np.array(DISTANCES)
    near = d <= 50
    assert np.all(sq["shift"][near] > h["shift"][near])           # up to d = 50 the squared hinge moves more
    assert np.all(h["shift"][~near] >= sq["shift"][~near])        # from d = 70 on the hinge at least as far
    assert sweep["crossover"] == 70.0
    assert np.allclose(h["alpha"][near], C, rtol=1e-9)            # capped at C while the outlier is misclassified
    assert round(h["margin"][at(sweep, 50)], 3) == -16.621
    assert np.all(np.abs(h["margin"][~near] - 1.0) < 1e-8)        # on its own margin from d = 70 on
    assert np.all(h["alpha"][~near] < C)
    alpha_C = {dd: round(h["alpha"][at(sweep, dd)] / C, 3) for dd in (100, 200, 1000)}
    assert alpha_C == {100: 0.668, 200: 0.330, 1000: 0.066}
    pull = h["alpha"][~near] * np.linalg.norm(sweep["point"][~near], axis=1)  # alpha ||x|| about constant
    assert pull.max() / pull.min() < 1.05
    assert round(sq["margin"][at(sweep, 100)], 3) == 0.330 and round(sq["margin"][at(sweep, 1000)], 3) == 0.933
    assert np.all(np.diff(sq["margin"][d >= 10]) > 0) and np.all(sq["margin"] < 1)  # approaches, never reaches
    # the sweep's table: the alpha of the squared hinge is 2 C xi of the outlier at every distance
    assert np.allclose(sq["alpha"], 2 * C * (1 - sq["margin"]), rtol=1e-8)


def test_sweep_figure(sweep):
    fig = Figure(figsize=(9.5, 4.6))
    left, right = plot_sweep(fig.subplots(1, 2), sweep)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["hinge", "squared hinge", "hinge moved further from d = 70", "its own margin, y f = 1"]
    assert left.get_xscale() == "log" and right.get_title() == "Where the outlier ends up"
    assert left.lines[0].get_color() == lesson._figures.MODEL_STYLES["hinge"]["color"]
    assert left.lines[1].get_linestyle() == "--"
    with pytest.raises(ValueError, match="two axes"):
        plot_sweep([left], sweep)
    with pytest.raises(ValueError, match="outlier_sweep"):
        plot_sweep(fig.subplots(1, 2), {"distance": [1.0]})


def test_across_20_data_sets(study):
    h = np.array([s["hinge"]["shift"] for s in study])
    sq = np.array([s["squared hinge"]["shift"] for s in study])
    on_margin = np.array([np.isclose(s["hinge"]["margin"], 1.0) for s in study])
    assert (sq > h).sum(axis=0).tolist() == [15, 20, 13]
    ratio = sq / h
    assert np.round(ratio.min(axis=0), 2).tolist()[1:] == [1.41, 0.98]
    assert np.round(ratio.max(axis=0), 2).tolist()[1:] == [7.41, 1.06]
    assert np.round(ratio[:, 0].min(), 2) == 0.11 and np.round(ratio[:, 0].max(), 2) == 4.98
    assert on_margin.sum(axis=0).tolist() == [0, 0, 20]
    assert np.all(np.abs(h[:, 2] - sq[:, 2]) <= 0.10 * np.maximum(h[:, 2], sq[:, 2]))  # "about the same" at 100
    # seed 0 is the lesson's data: the hinge a little further at d = 100
    assert h[0, 2] > sq[0, 2]


# --------------------------------------------------------------------------- the view


def test_outlier_view_follows_the_slider_and_keeps_the_outlier_inside(data, sweep):
    X, y = data
    view = outlier_view(sweep, X, y, distance=5.0)
    assert view.error is None and view.result["distance"] == 5.0
    assert view.text.splitlines()[1].startswith("hinge:         line moved 0.043; outlier's alpha = 1.000 C")
    fig = view.fig
    left, right = fig.axes
    (x0, x1), (y0, y1) = MAP_LIMITS
    for k, d in enumerate(DISTANCES):
        view.controls["distance"].value = float(d)
        assert view.error is None and view.result["distance"] == d
        for name in ("hinge", "squared hinge"):
            assert view.result[name]["shift"] == sweep[name]["shift"][k]
        assert f"d = {d:g} " in view.text
        # the star on the map: shown only inside the map's limits; the star on the distance axis always inside
        stars = [c for c in left.collections if c.get_label() == "outlier (labelled +1)"][0].get_offsets()
        for px, py in np.asarray(stars):
            assert x0 < px < x1 and y0 < py < y1
        assert (len(stars) == 1) == bool(x0 < sweep["point"][k][0] < x1 and y0 < sweep["point"][k][1] < y1)
        on_axis = np.asarray(right.collections[-1].get_offsets())[0]
        assert right.get_xlim()[0] < on_axis[0] < right.get_xlim()[1]
        assert right.get_ylim()[0] < on_axis[1] < right.get_ylim()[1]
        assert left.get_xlim() == (x0, x1) and right.get_xscale() == "log"
    assert "y f = +1.000 (on the margin)" in view.text and view.n_updates == len(DISTANCES)
    view.controls["distance"].value = 100.0
    assert "hinge:         line moved 1.690; outlier's alpha = 0.668 C, y f = +1.000 (on the margin)" in view.text
    assert "squared hinge: line moved 1.654; outlier's alpha = 1.340 C, y f = +0.330 (inside the band)" in view.text


def test_outlier_view_rejects_bad_input(data, sweep):
    X, y = data
    with pytest.raises(ValueError, match="one of the sweep's distances"):
        outlier_view(sweep, X, y, distance=4.0)
    with pytest.raises(ValueError, match="2-D"):
        outlier_view(sweep, np.hstack([X, X]), y)
    with pytest.raises(ValueError, match="outlier_sweep"):
        outlier_view({"distance": [1.0]}, X, y)
    with pytest.raises(ValueError, match=r"2\*y - 1|\{0, 1\}|-1"):
        outlier_view(sweep, X, (y + 1) / 2)


# --------------------------------------------------------------------------- section 5: LinearSVC


def test_linearsvc_defaults_to_the_squared_hinge_and_penalises_the_intercept(data):
    X, y = data
    assert LinearSVC().loss == "squared_hinge" and LinearSVC().intercept_scaling == 1
    C = 1 / (LAM * len(y))
    exact = LinearSVM(solver="exact", loss="squared_hinge", reg_strength=LAM).fit(X, y)
    gaps = []
    for s in (1, 10, 100):
        lsvc = LinearSVC(C=C, intercept_scaling=s, dual=False, tol=1e-10).fit(X, y)
        gaps.append(abs(lsvc.intercept_[0] - exact.intercept_[0]))
    assert [f"{g:.2e}" for g in gaps] == ["1.76e-03", "1.82e-05", "1.82e-07"]
    assert 50 < gaps[0] / gaps[1] < 200 and 50 < gaps[1] / gaps[2] < 200  # about 1/s^2
    assert np.allclose(lsvc.coef_[0], exact.coef_[0], atol=1e-6)


def test_linearsvc_minimises_the_objective_with_a_penalised_intercept(data):
    """What section 5 says liblinear solves: (1/2)(||w||^2 + w_{D+1}^2) + C sum sq. hinge, with b = s w_{D+1}."""
    X, y = data
    C, s = 1 / (LAM * len(y)), 1.0

    def penalised(w, b):
        return 0.5 * (w @ w + (b / s) ** 2) + C * np.sum(np.maximum(0, 1 - y * (X @ w + b)) ** 2)

    def free(w, b):  # J in scikit-learn's scale: no penalty on b
        return 0.5 * (w @ w) + C * np.sum(np.maximum(0, 1 - y * (X @ w + b)) ** 2)

    lsvc = LinearSVC(C=C, intercept_scaling=s, dual=False, tol=1e-10).fit(X, y)
    exact = LinearSVM(solver="exact", loss="squared_hinge", reg_strength=LAM).fit(X, y)
    ours, theirs = (exact.coef_[0], exact.intercept_[0]), (lsvc.coef_[0], lsvc.intercept_[0])
    assert penalised(*theirs) < penalised(*ours) - 1e-9  # each is the minimiser of its own problem
    assert free(*ours) < free(*theirs) - 1e-9


# --------------------------------------------------------------------------- optional: smooth hinges


def test_smooth_hinges_match_their_definitions_and_scikit_learn():
    m = np.linspace(-4, 4, 2001)
    for sigma in (0.05, 0.5, 2.0):
        a, v = 1 - m, (1 - m) / sigma
        assert np.allclose(_psi_gauss(m, sigma), a * norm.cdf(v) + sigma * norm.pdf(v), rtol=0, atol=1e-12)
        psi_M = a * 0.5 * (1 + v / np.sqrt(1 + v * v)) + sigma / (2 * np.sqrt(1 + v * v))
        assert np.allclose(_psi_sqrt(m, sigma), psi_M, rtol=0, atol=1e-12)
    sk = _sgd_fast.ModifiedHuber()
    assert np.allclose(_modified_huber(m), [sk.py_loss(v, 1.0) for v in m], rtol=1e-12, atol=1e-12)
    left = m[m <= 0]
    assert np.allclose(np.maximum(0, 1 - left) - _rennie_srebro(left), 0.5)  # half below the hinge for m <= 0
    inner = m[m >= -1]
    assert np.allclose(_modified_huber(inner), np.maximum(0, 1 - inner) ** 2)  # the squared hinge down to m = -1


@pytest.mark.parametrize("sigma", [1.0, 0.5, 0.1, 0.01])
def test_psi_converge_uniformly_with_the_stated_gaps(sigma):
    m = np.linspace(-5.0, 5.0, 100001)
    hinge = np.maximum(0, 1 - m)
    gap_G, gap_M = _psi_gauss(m, sigma) - hinge, _psi_sqrt(m, sigma) - hinge
    assert gap_G.min() >= -1e-15 and gap_M.min() >= -1e-15
    assert np.isclose(gap_G.max(), sigma / np.sqrt(2 * np.pi), rtol=1e-12) and np.isclose(gap_M.max(), sigma / 2)
    assert m[gap_G.argmax()] == m[gap_M.argmax()] == pytest.approx(1.0, abs=1e-12)


def test_plot_smooth_hinges():
    ax = Figure().add_subplot()
    curves = plot_smooth_hinges(ax, sigma=0.5)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "hinge", "squared hinge", "smooth hinge (Rennie-Srebro)", "modified Huber", "ψ_G, σ = 0.5", "ψ_M, σ = 0.5"]
    assert ax.lines[0].get_color() == lesson._figures.MODEL_STYLES["hinge"]["color"]
    assert np.allclose(curves["modified Huber"][curves["m"] <= -1], -4 * curves["m"][curves["m"] <= -1])
    with pytest.raises(ValueError, match="sigma"):
        plot_smooth_hinges(ax, sigma=0.0)
    with pytest.raises(ValueError, match="low < high"):
        plot_smooth_hinges(ax, m_range=(2.0, 1.0))


# --------------------------------------------------------------------------- optional: q4's library check


def test_lesson_q4_version_equals_the_library(data):
    X, y = data
    g = exercises.q4.reference(X, y, np.array([0.5, -0.5]), 0.1, 0.01, 2.0)
    _, gw, gb = svm_objective_and_grad(X, y, np.array([0.5, -0.5]), 0.1, 0.01, loss="squared_hinge", margin=2.0)
    assert np.allclose(g[0], gw, rtol=1e-12) and np.isclose(g[1], gb, rtol=1e-12)


# --------------------------------------------------------------------------- exercises


def test_references_pass_and_templates_are_not_attempted():
    for q in exercises:
        assert q.evaluate(q.reference) == ("correct", "well done."), q.name
    assert exercises.q1.evaluate({k: ... for k in Q1_KEYS})[0] == "not attempted"
    assert exercises.q1.evaluate(None)[0] == "not attempted"
    assert exercises.q2.evaluate({5: ..., 100: ...})[0] == "not attempted"

    def q3_template(margins, C):
        ...  # your code here

    def q4_template(X, y, w, b, reg_strength, margin):
        ...  # your code here

    assert exercises.q3.evaluate(q3_template)[0] == "not attempted"
    assert exercises.q4.evaluate(q4_template)[0] == "not attempted"


def test_each_typical_mistake_gets_its_own_message():
    for q in exercises:
        messages = []
        for label, (wrong, phrase) in q.mistakes.items():
            status, message = q.evaluate(wrong)
            assert status == "incorrect" and phrase in message, (q.name, label, message)
            messages.append(message)
        assert len(set(messages)) == len(messages), q.name
    assert len(exercises) == 4


def test_missing_return_is_told():
    def q3(margins, C):
        alpha = 2 * C * np.maximum(0, 1 - margins)  # noqa: F841

    def q4(X, y, w, b, reg_strength, margin):
        slack = np.maximum(0, margin - y * (X @ w + b))  # noqa: F841

    for q, f in ((exercises.q3, q3), (exercises.q4, q4)):
        status, message = q.evaluate(f)
        assert status == "incorrect" and "forget the `return`" in message


def test_correct_answers_written_another_way_pass():
    # q1: jumps written as signed changes, ratios as ints
    assert exercises.q1.evaluate({"hinge jump at m = 1": -1, "squared hinge jump at m = 1": 0.0,
                                  "hinge push ratio": 1, "squared hinge push ratio": 4})[0] == "correct"
    # q2: other spellings, and "hinge" at d = 100 (on this data set the hinge line moves a little further)
    for answer in ({5: "Squared_Hinge", 100: "About the same"}, {5: "squared", 100: "hinge"},
                   {5: " squared hinge ", 100: "same"}):
        assert exercises.q2.evaluate(answer)[0] == "correct", answer

    def q3_where(margins, C):
        return np.where(margins < 1, 2 * C * (1 - margins), 0.0)

    def q3_loop(margins, C):
        return [2 * C * (1 - m) if m < 1 else 0 for m in margins]

    def q4_loop(X, y, w, b, reg_strength, margin):
        gw, gb = reg_strength * np.array(w, dtype=float), 0.0
        for xi, yi in zip(X, y):
            v = margin - yi * (xi @ w + b)
            if v > 0:
                gw -= 2 * v * yi * xi / len(y)
                gb -= 2 * v * yi / len(y)
        return list(gw), np.array([gb])

    for q, f in ((exercises.q3, q3_where), (exercises.q3, q3_loop), (exercises.q4, q4_loop)):
        assert q.evaluate(f)[0] == "correct", f.__name__


def test_exercise_feedback_on_malformed_answers():
    q1, q2, q3, q4 = exercises
    assert "dict of the template" in q1.evaluate(3.0)[1]
    assert "lacks the key" in q1.evaluate({"hinge jump at m = 1": 1})[1]
    assert "still open" in q1.evaluate({**Q1_REFERENCE, "hinge push ratio": ...})[1]
    assert "should be a number" in q1.evaluate({**Q1_REFERENCE, "hinge push ratio": "one"})[1]
    wrong = q1.evaluate({**Q1_REFERENCE, "squared hinge push ratio": 3.0})[1]
    assert "should be 4" in wrong and "gave 3" in wrong
    assert "keys [5, 100]" in q2.evaluate({5: "hinge"})[1]
    assert "one of" in q2.evaluate({5: "logistic", 100: "hinge"})[1]
    assert "both distances" in q2.evaluate({5: "hinge", 100: ...})[1]
    assert "shape" in q3.evaluate(lambda m, C: 1.0)[1]
    assert "raised" in q3.evaluate(lambda m, C: 1 / 0)[1]
    assert "should be" in q3.evaluate(lambda m, C: 2 * C * np.maximum(0, 1 - m) + 0.01)[1]
    assert "pair" in q4.evaluate(lambda X, y, w, b, lam, d: w)[1]
    assert "entries" in q4.evaluate(lambda X, y, w, b, lam, d: (w[:1], 0.0))[1]


def test_q2_expected_answers_come_from_the_runs(sweep):
    from hinge_lib.lessons.lesson06._exercises import _q2_accepted, _q2_shifts

    shifts = _q2_shifts()
    for d in (5, 100):
        k = at(sweep, d)
        assert shifts[d] == (sweep["hinge"]["shift"][k], sweep["squared hinge"]["shift"][k])
    assert _q2_accepted(5) == {"squared hinge"} and _q2_accepted(100) == {"hinge", "about the same"}


# --------------------------------------------------------------------------- quiz


def test_quiz_answers():
    assert 1 <= len(QUIZ) <= 3
    for question in QUIZ:
        assert all(a.get("feedback") for a in question["answers"])
        if question["type"] == "multiple_choice":
            assert sum(a["correct"] for a in question["answers"]) == 1
    q_pull, q_lsvc, q_grad = QUIZ
    right = [a for a in q_pull["answers"] if a["correct"]][0]["answer"]
    assert "pull" in right and "own margin" in right
    right = [a for a in q_lsvc["answers"] if a["correct"]][0]["answer"]
    assert "squared hinge" in right and "intercept_scaling" in right
    # the numeric answer is what the library and scikit-learn compute: y = -1, f = 0.5
    grad = hinge_loss_and_grad([0.5], [-1.0], reduction="sum", squared=True)[1][0]
    assert grad == 3.0 == _sgd_fast.SquaredHinge(1.0).py_dloss(0.5, -1.0)
    values = {a["value"]: a["correct"] for a in q_grad["answers"] if a["type"] == "value"}
    assert values[3] is True and not any(v for k, v in values.items() if k != 3)
    assert values.keys() >= {-3, 1.5, 2.25, 1}
    assert hinge_loss_and_grad([0.5], [-1.0], reduction="sum", squared=True)[0] == 2.25


def test_quiz_numbers_are_the_lessons(sweep):
    text = json.dumps(QUIZ)
    C = sweep["C"]
    assert f"{sweep['hinge']['alpha'][at(sweep, 100)] / C:.3f} C" in text  # 0.668 C
    assert f"{sweep['squared hinge']['alpha'][at(sweep, 5)] / C:.2f} C" in text  # 6.25 C


# --------------------------------------------------------------------------- package functions


def test_outlier_sweep_rejects_bad_input(data):
    X, y = data
    with pytest.raises(ValueError, match="2 features"):
        outlier_sweep(np.hstack([X, X]), y, [1.0])
    with pytest.raises(ValueError, match="> 0"):
        outlier_sweep(X, y, [0.0, 1.0])
    with pytest.raises(ValueError, match="increasing"):
        outlier_sweep(X, y, [2.0, 1.0])
    with pytest.raises(ValueError, match="2\\*y - 1|-1"):
        outlier_sweep(X, (y + 1) / 2, [1.0])
    with pytest.raises(ValueError, match="reg_strength"):
        outlier_sweep(X, y, [1.0], reg_strength=-1.0)
    with pytest.raises(ValueError):
        outlier_sweep(X, y[:10], [1.0])


def test_outlier_sweep_result_shape(sweep):
    K = len(DISTANCES)
    assert sweep["point"].shape == (K, 2) and sweep["distance"].tolist() == DISTANCES
    for name in ("hinge", "squared hinge"):
        s = sweep[name]
        assert s["coef"].shape == (K, 2) and s["intercept"].shape == (K,) and s["errors"].dtype.kind == "i"
        assert all(s[key].shape == (K,) for key in ("shift", "alpha", "margin"))


def test_public_names():
    assert len(lesson.__all__) <= 7 and {"exercises", "QUIZ"} <= set(lesson.__all__)
    assert all(hasattr(lesson, name) for name in lesson.__all__)


# --------------------------------------------------------------------------- the notebook itself


def _cells():
    return json.loads(NOTEBOOK.read_text())["cells"]


def test_notebook_shape():
    cells = _cells()
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "".join(code[0]["source"]) == (
        'import sys\nif "google.colab" in sys.modules:  # on Colab only: install the course library first\n'
        '    %pip install --quiet "hinge-course @ git+https://github.com/hinge-course/hinge-course@v2.0"')
    sources = ["".join(c["source"]) for c in code]
    lines = [line for s in sources for line in s.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert sum(line.lstrip().startswith("assert") for line in lines) / len(lines) <= 0.03
    assert not any(re.search(r"NBVAL|threadpoolctl|catch_warnings|\+ 0\.0", s) for s in sources)
    views = [c for c in code if "view" in c["metadata"].get("tags", [])]
    assert len(views) == 1 and "outlier_view(" in "".join(views[0]["source"])
    assert not any("nbval-ignore-output" in c["metadata"].get("tags", []) for c in code)
    assert max(len(s.splitlines()) for s in sources) <= 16
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "01_margin_geometry.ipynb#Glossary" in text and "05_support_vectors.ipynb" in text
    assert "07_multiclass_hinge.ipynb" in text and "Key takeaways" in text
    assert re.search(r"\*\*Estimated time:\*\* \d+ minutes", text)


def test_exercises_come_before_their_answers():
    """No exercise's answer is on the page above it: each check cell precedes the lesson's own version."""
    cells = ["".join(c["source"]) for c in _cells()]

    def first(pattern):
        return next(i for i, s in enumerate(cells) if re.search(pattern, s))

    assert first(r"ex\.q1\.check") < first(r"push ratio\": d\[0\] / d\[1\]")       # the numbers table
    assert first(r"ex\.q2\.check") < first(r"effects = \[")                         # running the experiment
    assert first(r"ex\.q3\.check") < first(r"2C\\max|2 \* C \* np\.maximum")       # the derivation and the rule
    assert first(r"ex\.q4\.check") < first(r"dscore = -2\.0 \* y \* slack")         # the lesson's gradient
    assert not any(re.search(r"alpha_i = 2 ?C", s) for s in cells[:first(r"ex\.q3\.check")])


def test_executed_notebook_prints_what_the_prose_quotes():
    outputs = "".join("".join(o.get("text", "")) for c in _cells() if c["cell_type"] == "code"
                      for o in c.get("outputs", []))
    for number in ("0.187", "0.043", "6.254", "1.690", "1.654", "0.668", "1.340", "+0.330", "-16.621", "0.330",
                   "0.066", "0.933", "15 of 20", "20 of 20", "13 of 20", "1.41 to 7.41", "0.98 to 1.06",
                   "1.76e-03", "1.82e-05", "1.82e-07", "-2.0e-06"):
        assert number in outputs, number
    assert "Not attempted" in outputs and "Error" not in outputs
