"""Lesson 02 (the hinge loss): every claim the lesson makes, its exercises, quiz and view, and its package.

Claims are checked against scikit-learn and SciPy rather than against numbers copied from the notebook;
the numbers the prose quotes are checked against what the package computes (nbval then checks that the
notebook prints the same).
"""

import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from scipy.optimize import minimize_scalar  # noqa: E402
from sklearn.metrics import hinge_loss as sklearn_hinge_loss  # noqa: E402

import hinge_lib.lessons.lesson02 as lesson  # noqa: E402
from hinge_lib import LinearSVM, hinge_loss, make_two_class, margin_position  # noqa: E402
from hinge_lib.lessons.lesson02 import (QUIZ, calibration_data, calibration_study, exercises, hinge_cases,  # noqa: E402
                                        hinge_point_view, plot_expected_loss)
from hinge_lib.lessons.lesson02 import _calibration as cal  # noqa: E402
from hinge_lib.lessons.lesson02._losses import expected_hinge, hinge, logistic, squared_error, zero_one  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "02_hinge_loss.ipynb"
margins = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


def _sklearn_one(score, y):
    """scikit-learn's hinge of one point. It binarises the labels present in y_true (a one-class batch reads as
    all negative), so pad with a zero-weight point of the other class."""
    return sklearn_hinge_loss([y, -y], [score, 0.0], sample_weight=[1.0, 0.0])


@pytest.fixture(scope="module")
def study():
    return calibration_study(seeds=range(20), reg_strengths=(0.01, 1.0), example_seed=1)


@pytest.fixture(scope="module")
def notebook():
    return json.loads(NOTEBOOK.read_text())


# --------------------------------------------------------------------------- the package


def test_the_package_has_a_small_public_api_with_exercises_and_quiz():
    assert len(lesson.__all__) <= 7
    assert {"exercises", "QUIZ"} <= set(lesson.__all__)
    for name in lesson.__all__:
        obj = getattr(lesson, name)
        if callable(obj):
            assert obj.__doc__ and ">>>" in obj.__doc__, f"{name} needs a docstring with an example"


def test_margin_losses_match_scikit_learn_and_their_definitions():
    from sklearn.linear_model import _sgd_fast

    m = np.linspace(-4.0, 4.0, 801)
    np.testing.assert_array_equal(hinge(m), hinge_loss(m, np.ones_like(m), reduction="none"))
    sk = _sgd_fast.Hinge(1.0)
    np.testing.assert_allclose(hinge(m), [sk.py_loss(float(v), 1.0) for v in m], rtol=1e-14, atol=1e-14)
    np.testing.assert_array_equal(zero_one([-1.0, 0.0, 1e-12, 2.0]), [1.0, 1.0, 0.0, 0.0])  # boundary = mistake
    np.testing.assert_allclose(logistic(m), np.log2(1 + np.exp(-m)), rtol=1e-13)
    assert logistic(0.0) == pytest.approx(1.0)
    np.testing.assert_array_equal(squared_error(m), (1 - m) ** 2)


# --------------------------------------------------------------------------- section 1: definition and cases


def test_three_worked_cases_cost_0_half_and_2_as_in_scikit_learn():
    cases = hinge_cases([2.0, 0.5, -1.0], [1, 1, 1])
    np.testing.assert_allclose(cases.loss, [0.0, 0.5, 2.0])
    np.testing.assert_allclose(cases.loss, [_sklearn_one(s, 1) for s in (2.0, 0.5, -1.0)])
    assert cases.position == ("beyond the margin", "inside the band", "misclassified")


def test_the_five_points_of_q1_cover_the_five_positions():
    from hinge_lib.lessons.lesson02._exercises import Q1_POINTS

    scores, labels = np.array(Q1_POINTS).T
    cases = hinge_cases(scores, labels)
    np.testing.assert_allclose(cases.loss, exercises.q1.reference)
    np.testing.assert_allclose(cases.loss, [_sklearn_one(a, b) for a, b in Q1_POINTS])
    assert cases.position == ("beyond the margin", "misclassified", "inside the band", "on the boundary",
                              "on the margin")


def test_hinge_cases_prints_one_row_per_point_with_the_course_words():
    text = str(hinge_cases([-2.0, 0.0], [-1, -1]))
    lines = text.splitlines()
    assert lines[0].split() == ["y", "f(x)", "m", "=", "y", "f(x)", "hinge", "loss", "position"]
    assert lines[1].split() == ["-1", "-2.00", "+2.00", "0.00", "beyond", "the", "margin"]
    assert lines[2].split()[:4] == ["-1", "+0.00", "+0.00", "1.00"]  # never "-0.00"
    assert "-0.00" not in text
    one = hinge_cases(0.5, 1)
    assert one.loss.shape == (1,) and one.position == ("inside the band",)


def test_hinge_cases_refuses_zero_one_labels_and_mismatched_lengths():
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        hinge_cases([1.0, 2.0], [0, 1])
    with pytest.raises(ValueError, match="different numbers of samples"):
        hinge_cases([1.0, 2.0, 3.0], [1, -1])
    with pytest.raises(ValueError, match="NaN"):
        hinge_cases([np.nan], [1])


# --------------------------------------------------------------------------- section 2: the view


def _view():
    plt.rcParams.update({"figure.dpi": 100})
    return hinge_point_view(score=0.5, y=1)


def test_view_starts_at_its_arguments_and_describes_the_point():
    view = _view()
    assert view.result == hinge_cases(0.5, 1)
    assert view.text == str(hinge_cases(0.5, 1))
    assert view.error is None
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"] == view.text and bundle["image/png"]
    width, height = view.fig.get_size_inches()
    assert width <= 9.5  # legend text at 12 pt shows at >= 10 pt in a 950 px column


@pytest.mark.parametrize("score", [-3.0, -1.0, -0.3, 0.0, 0.5, 1.0, 2.2, 3.0])
def test_slider_and_toggle_recompute_the_loss_and_the_position(score):
    view = _view()
    for label in (1, -1):
        view.controls["y"].value = label
        view.controls["score"].value = score
        assert view.error is None
        case = view.result
        assert case.y[0] == label and case.score[0] == score
        assert case.loss[0] == pytest.approx(_sklearn_one(score, label))
        assert case.position == margin_position(label * score)
        assert view.text == str(case)
        ax = view.fig.axes[0]
        assert ax.get_title().endswith(f"{case.position[0]}, loss {case.loss[0]:.2f}")


def test_a_slider_value_off_by_rounding_is_still_on_the_margin():
    view = _view()
    view.controls["score"].value = 0.1 * 10 + 1e-15  # what a float slider can deliver
    assert view.result.position == ("on the margin",)
    view.controls["y"].value = -1
    view.controls["score"].value = -1.0
    assert view.result.position == ("on the margin",) and view.result.loss[0] == 0.0
    assert view.error is None


def test_view_moves_the_point_onto_the_curve_and_keeps_it_inside_the_axes():
    view = _view()
    ax = view.fig.axes[0]
    for label in (1, -1):
        view.controls["y"].value = label
        for score in (-3.0, 3.0, 1.0, 0.0):
            view.controls["score"].value = score
            point = next(line for line in ax.lines if len(line.get_xdata()) == 1)
            x, y = point.get_xdata()[0], point.get_ydata()[0]
            assert (x, y) == (score, pytest.approx(max(0.0, 1 - label * score)))
            x0, x1 = ax.get_xlim()
            y0, y1 = ax.get_ylim()
            assert x0 < x < x1 and y0 < y < y1
            assert point.get_marker() == ("o" if label == 1 else "s")
            note = next(t for t in ax.texts if t.get_text().startswith("loss"))
            box, frame = note.get_window_extent(view.fig.canvas.get_renderer()), ax.get_window_extent()
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    assert view.error is None


def test_blitted_picture_equals_a_full_redraw():
    """The view pastes a cached background and draws the moving artists on it; that must be the same picture."""
    from PIL import Image
    import io

    view = _view()
    view.controls["y"].value = -1
    view.controls["score"].value = 2.2
    blitted = np.asarray(Image.open(io.BytesIO(view.image.value)).convert("RGB"), dtype=int)
    for artist in view.fig.axes[0].get_children() + [view.fig.axes[0].title]:
        if artist.get_animated():
            artist.set_animated(False)
    view.fig.canvas.draw()
    full = np.asarray(view.fig.canvas.buffer_rgba())[..., :3].astype(int)
    assert blitted.shape == full.shape
    assert np.abs(blitted - full).max() <= 2


def test_view_rejects_bad_arguments():
    for kwargs, match in [(dict(y=0), "1 or -1"), (dict(y=True), "1 or -1"), (dict(limit=0.5), "limit"),
                          (dict(score=5.0), "score must lie"), (dict(step=0.0), "step")]:
        with pytest.raises(ValueError, match=match):
            hinge_point_view(**kwargs)


# --------------------------------------------------------------------------- section 3: the flat region


def test_flat_region_inside_band_and_wrong_side_as_the_lesson_says():
    m = np.array([50.0, 3.0, 1.5, 1.0, 0.8, 0.2, 0.0, -0.5, -2.0])
    cases = hinge_cases(m, np.ones_like(m))
    assert np.all(cases.loss[m >= 1] == 0)
    inside = (m > 0) & (m < 1)
    assert np.all((cases.loss[inside] > 0) & (cases.loss[inside] < 1))
    assert np.all(cases.loss[m <= 0] >= 1)
    assert cases.position[3] == "on the margin" and cases.position[6] == "on the boundary"


def test_reductions_and_the_far_point_example():
    s, y = np.array([2.0, 1.0, -1.0, -40.0]), np.array([1, 1, -1, 1])
    np.testing.assert_allclose(hinge_loss(s, y, reduction="none"), [_sklearn_one(a, b) for a, b in zip(s, y)])
    assert hinge_loss(s, y) == pytest.approx(10.25) == exercises.q2.reference(s, y)
    assert hinge_loss(s, y, reduction="sum") == pytest.approx(41.0)


# --------------------------------------------------------------------------- section 4: the other losses


@given(margins, margins, st.floats(0, 1))
def test_hinge_is_a_convex_upper_bound_of_zero_one_and_logistic_a_bound_too(a, b, t):
    assert hinge(a) >= zero_one(a)
    assert hinge(t * a + (1 - t) * b) <= t * hinge(a) + (1 - t) * hinge(b) + 1e-9
    assert logistic(a) >= zero_one(a) - 1e-12 and logistic(a) > 0


def test_the_printed_comparisons():
    assert squared_error(3.0) == 4.0 and hinge(3.0) == 0.0
    assert f"{logistic(3.0):.4f}" == "0.0701"
    assert zero_one(0.0) > 0.5 * (zero_one(-0.5) + zero_one(0.5))
    m = np.linspace(-5, 5, 10_001)
    assert f"{logistic(m).min():.4f}" == "0.0097" and np.sum(logistic(m) < zero_one(m)) == 0


# --------------------------------------------------------------------------- section 5: expected loss


@pytest.mark.parametrize("p", [0.01, 0.1, 0.3, 0.45, 0.55, 0.7, 0.9, 0.95, 0.99])
def test_expected_hinge_minimiser_is_sign_2p_minus_1_with_minimum_twice_the_bayes_error(p):
    grid = np.linspace(-4, 4, 8001)
    best = grid[np.argmin(expected_hinge(grid, p))]
    assert best == pytest.approx(np.sign(2 * p - 1), abs=1e-9)
    assert expected_hinge(best, p) == pytest.approx(2 * min(p, 1 - p))
    assert expected_hinge(best, p) == pytest.approx(exercises.q4.reference(p))


@pytest.mark.parametrize("p", [0.05, 0.2, 0.4, 0.6, 0.8, 0.95])
def test_expected_logistic_minimiser_is_the_log_odds(p):
    result = minimize_scalar(lambda f: float(p * logistic(f) + (1 - p) * logistic(-f)), bounds=(-10, 10),
                             method="bounded", options={"xatol": 1e-10})
    assert result.x == pytest.approx(np.log(p / (1 - p)), abs=1e-5)


def test_expected_hinge_is_flat_at_one_half():
    np.testing.assert_allclose(expected_hinge(np.linspace(-1, 1, 201), 0.5), 1.0)


def test_plot_expected_loss_marks_each_minimiser_and_tells_curves_apart_without_colour():
    ps = np.array([0.05, 0.2, 0.4, 0.6, 0.8, 0.95])
    fig, ax = plt.subplots()
    marks = plot_expected_loss(ax, expected_hinge, ps, compare={"sign(2p - 1)": np.sign(2 * ps - 1)})
    np.testing.assert_allclose(marks.minimiser, np.sign(2 * ps - 1), atol=1e-9)
    np.testing.assert_allclose(marks.minimum, 2 * np.minimum(ps, 1 - ps), atol=1e-9)
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [f"p = {p:.2f}" for p in ps]
    cues = {(h.get_linestyle(), h.get_marker()) for h in legend.legend_handles}
    assert len(cues) == len(ps)
    assert ax.get_xlabel() and ax.get_ylabel()
    lines = str(marks).splitlines()
    assert lines[0].split() == ["p", "minimiser", "minimum", "sign(2p", "-", "1)"]
    assert lines[1].split() == ["0.05", "-1.000", "0.100", "-1.000"]
    plt.close(fig)


def test_plot_expected_loss_rejects_bad_input():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="probability"):
        plot_expected_loss(ax, expected_hinge, [1.5])
    with pytest.raises(ValueError, match="between 1 and"):
        plot_expected_loss(ax, expected_hinge, np.linspace(0, 1, 9))
    with pytest.raises(ValueError, match="one value per p"):
        plot_expected_loss(ax, expected_hinge, [0.2, 0.4], compare={"x": [1.0]})
    with pytest.raises(ValueError, match="one value per score"):
        plot_expected_loss(ax, lambda f, p: 1.0, [0.2])
    plt.close(fig)


# --------------------------------------------------------------------------- section 6: Platt scaling


def test_calibration_data_has_the_promised_parts_and_true_probabilities():
    d = calibration_data(seed=1)
    assert {k: v.shape for k, v in d.items()} == {"X_train": (500, 2), "y_train": (500,), "X_cal": (500, 2),
                                                  "y_cal": (500,), "X_test": (2000, 2), "y_test": (2000,),
                                                  "p_test": (2000,)}
    # the labels follow the true probabilities: the share of +1 matches their mean within 4 standard errors
    p = d["p_test"]
    assert abs(np.mean(d["y_test"] > 0) - p.mean()) < 4 * np.sqrt(np.sum(p * (1 - p))) / p.size
    np.testing.assert_array_equal(calibration_data(seed=1)["X_cal"], d["X_cal"])  # deterministic
    for kwargs, match in [(dict(n_train=0), "n_train"), (dict(n_cal=2.5), "n_cal"), (dict(noise=0.0), "noise")]:
        with pytest.raises(ValueError, match=match):
            calibration_data(**kwargs)


def test_each_cell_score_minimises_that_cells_mean_hinge():
    d = calibration_data(seed=1)
    table = cal._cell_scores(d["X_train"], d["y_train"], 8)
    idx = cal._cell_of(d["X_train"], 8)
    grid = np.linspace(-3, 3, 601)
    for c in np.unique(idx):
        y = d["y_train"][idx == c]
        risks = [hinge_loss(np.full(y.size, f), y) for f in grid]
        assert hinge_loss(np.full(y.size, table[c]), y) == pytest.approx(min(risks), abs=1e-12)
    assert set(np.unique(table)) <= {-1.0, 0.0, 1.0}


def test_platt_equals_scikit_learns_sigmoid_calibration_closely():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.frozen import FrozenEstimator

    d = calibration_data(seed=1)
    svm = LinearSVM(solver="exact", reg_strength=0.01).fit(d["X_train"], d["y_train"])
    ours = cal._platt(svm.decision_function(d["X_cal"]), d["y_cal"], svm.decision_function(d["X_test"]))
    sk = CalibratedClassifierCV(FrozenEstimator(svm), method="sigmoid").fit(d["X_cal"], d["y_cal"])
    theirs = sk.predict_proba(d["X_test"])[:, list(sk.classes_).index(1.0)]
    assert np.abs(ours - theirs).max() < 1e-3  # the same fit, up to the optimisers' tolerances


def test_the_walkthrough_numbers_of_seed_1(study):
    """The numbers the notebook prints for seed 1 and quotes in prose."""
    d = calibration_data(seed=1)
    flexible = cal._scores(d, "flexible", 8, None)
    linear = cal._scores(d, "linear", 8, 0.01)
    assert np.unique(flexible["test"]).tolist() == [-1.0, 1.0]
    assert np.unique(linear["test"]).size == 2000
    f, s = cal._evaluate(d, flexible), cal._evaluate(d, linear)
    assert f"{f['error']:.3f}" == "0.119" and f"{s['error']:.3f}" == "0.014"
    assert study["flexible, 8 x 8 cells"]["error"][1] == pytest.approx(f["error"])
    assert study["linear SVM, λ = 0.01"]["error"][1] == pytest.approx(s["error"])
    assert np.unique(cal._platt(flexible["cal"], d["y_cal"], flexible["test"])).size == 2


def test_linear_svm_plus_platt_beats_the_flexible_hinge_minimiser_on_every_draw(study):
    flexible, sharp, heavy = (study[k] for k in ("flexible, 8 x 8 cells", "linear SVM, λ = 0.01",
                                                 "linear SVM, λ = 1"))
    assert np.all(flexible["distinct"] <= 3)
    assert np.all(sharp["distinct"] == 2000) and np.all(heavy["distinct"] == 2000)
    assert sharp["error"].max() < flexible["error"].min()
    assert heavy["error"].max() < flexible["error"].min()  # "far below", at the heavier penalty too
    assert np.all(np.median(sharp["rank"]) > np.median(heavy["rank"]))
    # the heavier penalty shrinks the scores about fourfold
    shrink = (np.median(sharp["high"]) - np.median(sharp["low"])) / (np.median(heavy["high"]) - np.median(heavy["low"]))
    assert 3.0 < shrink < 5.0


def test_the_study_table_prints_the_numbers_the_prose_quotes(study):
    text = str(study)
    rows = {line.split("  ")[0].strip(): line for line in text.splitlines()[2:]}
    assert "0.116 [0.093, 0.142]" in rows["flexible, 8 x 8 cells"]
    assert "0.017 [0.009, 0.029]" in rows["linear SVM, λ = 0.01"]
    assert "0.045 [" in rows["linear SVM, λ = 1"] and "0.991" in rows["linear SVM, λ = 1"]
    assert "[-6.12, +7.51]" in rows["linear SVM, λ = 0.01"] and "[-1.52, +2.07]" in rows["linear SVM, λ = 1"]
    ranks = [int(re.search(r"\((\s*\d+)\)$", row)[1]) for row in rows.values()]
    assert ranks == [12, 8, 10]  # seed 1 is a typical draw: "its errors rank 8th to 12th of 20"
    assert np.median(study["flexible, 8 x 8 cells"]["distinct"]) == 3


def test_calibration_study_rejects_bad_input():
    with pytest.raises(ValueError, match="empty"):
        calibration_study(seeds=[])
    with pytest.raises(ValueError, match="example_seed"):
        calibration_study(seeds=[0], example_seed=3)
    with pytest.raises(ValueError, match="cells"):
        calibration_study(seeds=[0], cells=0)


# --------------------------------------------------------------------------- section 7: the {0, 1} trap


def test_zero_one_labels_make_the_constant_model_the_minimiser():
    X, y = make_two_class(seed=0)
    y01 = (y + 1) / 2
    from hinge_lib.lessons.lesson02._exercises import naive_objective

    right = LinearSVM(solver="exact", reg_strength=0.01).fit(X, y)
    at_right = naive_objective(right.coef_[0], right.intercept_[0], X, y01)
    at_constant = naive_objective(np.zeros(2), 1.0, X, y01)
    assert f"{at_right:.4f}" == "0.5854" and at_constant == 0.5 == np.mean(y01 == 0)
    assert right.score(X, y) == pytest.approx(0.92, abs=0.005) and np.mean(y == 1) == 0.5
    rng = np.random.default_rng(0)
    for w, b in zip(rng.normal(0, 3, (200, 2)), rng.normal(0, 3, 200)):
        assert naive_objective(w, b, X, y01) >= 0.5  # the floor: the class-0 points cost 1 whatever (w, b) is


def test_zero_one_trap_four_points_and_other_libraries():
    scores, labels01 = np.array([2.0, -2.0, 1.5, -3.0]), np.array([1, 0, 1, 0])
    assert np.maximum(0.0, 1.0 - labels01 * scores).mean() == 0.5
    assert hinge_loss(scores, 2 * labels01 - 1) == 0.0
    assert sklearn_hinge_loss(labels01, scores) == sklearn_hinge_loss(2 * labels01 - 1, scores) == 0.0
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        hinge_loss(scores, labels01)
    # scikit-learn reads a one-class batch as all negative, and labels= does not change that
    assert hinge_loss(0.5, 1) == 0.5
    assert sklearn_hinge_loss([1], [0.5], labels=[-1, 1]) == pytest.approx(1.5)


def test_regression_svms_use_the_epsilon_insensitive_loss():
    from sklearn.svm import SVR, LinearSVR

    assert LinearSVR().loss == "epsilon_insensitive" and SVR().epsilon == 0.1


# --------------------------------------------------------------------------- exercises


def _template(*args):
    ...


def _forgot_return(*args):
    np.maximum(0.0, 1.0)


@pytest.mark.parametrize("q", list(exercises), ids=lambda q: q.name)
def test_each_reference_passes_and_each_mistake_gets_its_own_message(q):
    assert q.evaluate(q.reference) == ("correct", "well done.")
    messages = []
    for label, (wrong, phrase) in q.mistakes.items():
        status, message = q.evaluate(wrong)
        assert status == "incorrect", label
        assert phrase in message, (label, message)
        messages.append(message)
    assert len(set(messages)) == len(messages)


@pytest.mark.parametrize("q, template", [(exercises.q1, [..., ..., ..., ..., ...]), (exercises.q2, _template),
                                         (exercises.q3, (..., ...)), (exercises.q4, _template),
                                         (exercises.q5, (..., ..., ...))], ids=lambda v: getattr(v, "name", ""))
def test_untouched_templates_and_partial_answers_are_not_attempted(q, template):
    assert q.evaluate(template)[0] == "not attempted"
    assert q.evaluate(...)[0] == "not attempted"
    if isinstance(template, (list, tuple)):
        partial = type(template)([0.0] + list(template[1:]))
        assert q.evaluate(partial)[0] == "not attempted"


@pytest.mark.parametrize("q", [exercises.q2, exercises.q4], ids=lambda q: q.name)
def test_a_function_that_forgets_return_is_told_so(q):
    status, message = q.evaluate(_forgot_return)
    assert status == "incorrect" and "return" in message


def test_correct_answers_written_another_way_pass():
    q1, q2, q3, q4, q5 = exercises
    assert q1.evaluate((0, 3 / 2, 3 / 4, 1, 0))[0] == "correct"
    assert q1.evaluate(np.array([0.0, 1.5, 0.75, 1.0, 0.0]))[0] == "correct"

    def clipped(scores, y):
        return np.clip(1 - np.multiply(y, scores), 0, None).sum() / len(scores)

    def two_steps(scores, y):
        margins = np.asarray(y) * np.asarray(scores)
        return float(np.mean(np.where(margins < 1, 1 - margins, 0.0)))

    assert q2.evaluate(clipped)[0] == "correct" and q2.evaluate(two_steps)[0] == "correct"
    assert q3.evaluate([1, 1])[0] == "correct" and q3.evaluate(np.ones(2))[0] == "correct"
    assert q4.evaluate(lambda p: 1 - abs(2 * p - 1))[0] == "correct"
    assert q4.evaluate(lambda p: np.minimum(2 * p, 2 - 2 * p))[0] == "correct"
    assert q5.evaluate((0, 0, 1))[0] == "correct" and q5.evaluate([0.0, 0.0, 7.5])[0] == "correct"


def test_exercise_feedback_is_specific():
    q1, q2, q3, q4, q5 = exercises
    assert "wrong length" not in q1.evaluate([0, 1])[1] and "5 numbers" in q1.evaluate([0, 1])[1]
    assert "np.maximum" in q2.evaluate(lambda s, y: max(0.0, 1.0 - y * s).mean())[1]
    message = q4.evaluate(lambda p: 2 * min(p, 1 - p) + 1e-6 * (p == 0.3))[1]
    assert "0.6" in message and "0.600001" in message  # enough digits to show the difference
    assert "J = 0.5854" in q5.evaluate((1.3787, -0.9371, 0.4911))[1]
    assert q1.evaluate(["a"] * 5)[0] == "incorrect"


def test_exercise_hints_and_solutions_print(capsys):
    for q in exercises:
        q.hint()
        q.solution()
    out = capsys.readouterr().out
    assert out.count("Hint:") == 5 and out.count("Solution:") == 5


def test_q2_asks_for_no_python_loop():
    def loop(scores, y):
        total = 0.0
        for s, label in zip(scores, y):
            total += max(0.0, 1.0 - label * s)
        return total / len(scores)

    def generator(scores, y):
        return sum(max(0.0, 1.0 - b * a) for a, b in zip(scores, y)) / len(scores)

    for func in (loop, generator):
        status, message = exercises.q2.evaluate(func)
        assert status == "incorrect" and "loops over the samples" in message


def test_q2_cannot_be_passed_with_the_library_function_imported_above_it():
    def with_library(scores, y):
        return hinge_loss(scores, y)

    status, message = exercises.q2.evaluate(with_library)
    assert status == "incorrect" and "NumPy" in message


def test_no_exercise_answer_appears_in_the_notebook_before_its_exercise(notebook):
    """q3's and q4's answers are stated only after their exercise cells; q1's five losses are printed after q1."""
    cells = notebook["cells"]
    text = ["".join(c["source"]) for c in cells]
    index = {q: next(i for i, t in enumerate(text) if f"ex.{q}.check" in t) for q in ("q1", "q2", "q3", "q4", "q5")}
    before = lambda q: "\n".join(text[: index[q]])  # noqa: E731
    assert "sign(2p" not in before("q3") and "Lin, 2002" not in before("q3")
    assert "2\\min(p, 1 - p)" not in before("q4") and "2 min(p, 1 - p)" not in before("q4")
    assert "np.maximum(0.0, 1.0 - " not in before("q2").replace("def hinge(", "")
    assert "constant model" not in before("q5")
    assert "-0.25, 0.0, 1.0], [-1, -1, -1, 1, 1]" not in before("q1")


# --------------------------------------------------------------------------- quiz


def test_quiz_questions_are_well_formed_and_every_answer_is_explained():
    assert 1 <= len(QUIZ) <= 3
    for q in QUIZ:
        assert q["type"] in ("multiple_choice", "numeric") and q["question"]
        assert "$" not in json.dumps(q)  # no LaTeX: it is not typeset offline
        if q["type"] == "multiple_choice":
            assert sum(a["correct"] for a in q["answers"]) == 1
            assert all(a["feedback"] for a in q["answers"])
        else:
            assert sum(a.get("correct", False) for a in q["answers"]) == 1
            assert all(a.get("feedback") for a in q["answers"])


def test_quiz_answers_are_what_the_library_computes():
    convex_bound, position, platt = QUIZ
    correct = next(a["answer"] for a in convex_bound["answers"] if a["correct"])
    assert correct.startswith("the hinge")
    m = np.linspace(-3, 5, 801)
    assert np.all(hinge(m[m >= 1]) == 0) and np.all(logistic(m) > 0) and squared_error(3.0) == 4.0
    assert "0.0701" in json.dumps(convex_bound)
    correct = next(a["answer"] for a in position["answers"] if a["correct"])
    assert correct == f"{margin_position(-1 * -1)[0]}; loss {hinge_loss(-1.0, -1):.0f}"
    value = next(a["value"] for a in platt["answers"] if a.get("correct"))
    rng = np.random.default_rng(0)
    scores = rng.choice([-1.0, 1.0], 400)
    y = np.where(rng.uniform(size=400) < np.where(scores > 0, 0.8, 0.3), 1.0, -1.0)
    assert np.unique(cal._platt(scores, y, rng.choice([-1.0, 1.0], 1000))).size == value == 2


# --------------------------------------------------------------------------- the notebook


def _code_cells(notebook):
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_notebook_starts_with_the_colab_cell_and_tags_its_view(notebook):
    code = _code_cells(notebook)
    assert "".join(code[0]["source"]) == (
        'import sys\nif "google.colab" in sys.modules:  # on Colab only: install the course library first\n'
        '    %pip install --quiet "hinge-course @ git+https://github.com/hinge-course/hinge-course@v2.0"')
    views = [c for c in code if "hinge_point_view(" in "".join(c["source"])]
    assert len(views) == 1 and "view" in views[0]["metadata"].get("tags", [])
    assert "nbval-ignore-output" not in views[0]["metadata"].get("tags", [])
    assert not any("NBVAL" in "".join(c["source"]) for c in code)


def test_notebook_asserts_are_at_most_three_percent_of_code_lines(notebook):
    lines = [ln for c in _code_cells(notebook) for ln in "".join(c["source"]).splitlines()
             if ln.strip() and not ln.strip().startswith("#")]
    asserts = [ln for ln in lines if ln.strip().startswith("assert")]
    assert len(asserts) <= 0.03 * len(lines)


def test_notebook_uses_the_course_position_words_and_links_the_glossary(notebook):
    prose = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "flat: beyond the margin" not in prose and "correct but inside the margin" not in prose
    assert "01_margin_geometry.ipynb#Glossary" in prose
    assert "1/(\\lambda N)" not in prose and "1 / (\\lambda N)" not in prose  # C is explained in lesson 01 only
    assert "03_gradient.ipynb" in prose and "Key takeaways" in prose
    assert re.search(r"\*\*Estimated time:\*\* about \d+ minutes", prose)
