"""Lesson 03 (the gradient): every claim the notebook makes, its exercises and quiz, its view and its package."""

import inspect
import json
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

import hinge_lib.lessons.lesson03 as lesson
from hinge_lib import (check_gradient, decision_function, hinge_loss, hinge_loss_and_grad, make_two_class,
                       margin_position, margin_violators, numerical_gradient, svm_objective, svm_objective_and_grad,
                       svm_objective_and_grad_naive)
from hinge_lib import losses, objective
from hinge_lib.lessons.lesson03 import QUIZ, gradient_view, plot_subgradients, time_gradients
from hinge_lib.lessons.lesson03 import exercises as ex
from hinge_lib.lessons.lesson03 import _exercises, _figures

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "03_gradient.ipynb"
LAM = 0.01
TRUE_W, TRUE_B = np.array([1.0, -0.6]), 0.4


@pytest.fixture(scope="module")
def toy():
    return make_two_class(seed=0)


def random_problem(seed, n=40, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = rng.choice([-1.0, 1.0], size=n)
    return X, y, rng.normal(size=d), float(rng.normal()), rng


def theta_functions(X, y, lam, loss="hinge"):
    def J(t):
        return svm_objective(X, y, t[:-1], t[-1], lam, loss=loss)

    def grad(t):
        _, gw, gb = svm_objective_and_grad(X, y, t[:-1], t[-1], lam, loss=loss)
        return np.append(gw, gb)

    return J, grad


KINK_X = np.array([[2.0, 1.0], [-1.0, 0.5], [0.5, -2.0]])
KINK_Y = np.array([1.0, -1.0, -1.0])
KINK_W, KINK_B, KINK_LAM = np.array([0.5, 0.0]), 0.0, 0.1


# --------------------------------------------------------------------------- sections 1-2: the rule and the kink


@pytest.mark.parametrize("label", [1.0, -1.0])
def test_derivative_is_minus_y_inside_zero_outside_and_zero_at_the_kink(label):
    s = np.linspace(-4, 4, 801)  # contains the kink s = label exactly
    _, g = hinge_loss_and_grad(s, np.full_like(s, label), reduction="none")
    assert np.array_equal(g, np.where(label * s < 1, -label, 0.0))
    assert hinge_loss_and_grad([label], [label], reduction="none")[1][0] == 0.0


def test_the_three_worked_cases():
    loss, g = hinge_loss_and_grad([2.0, 0.5, -1.0], [1, 1, 1], reduction="none")
    assert loss.tolist() == [0.0, 0.5, 2.0] and g.tolist() == [0.0, -1.0, -1.0]


@pytest.mark.parametrize("label", [1.0, -1.0])
def test_the_subgradients_at_the_kink_are_exactly_the_slopes_between_minus_y_and_zero(label):
    s = np.linspace(-6, 6, 2401)
    loss = hinge_loss(s, np.full_like(s, label), reduction="none")

    def supports(g):
        return bool(np.all(loss >= g * (s - label) - 1e-12))

    lo, hi = sorted((-label, 0.0))
    assert all(supports(g) for g in np.linspace(lo, hi, 41))
    assert not supports(lo - 0.05) and not supports(hi + 0.05)
    # the notebook's slope list gives [-1, -0.5, 0] for y = +1 and [0, 0.5, 1] for y = -1
    slopes = [-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5]
    assert [g for g in slopes if supports(g)] == ([-1.0, -0.5, 0.0] if label > 0 else [0.0, 0.5, 1.0])


def _code_lines(markdown_block):
    return [line.split("#")[0].strip() for line in markdown_block.strip().splitlines() if line.strip()]


def _notebook():
    return json.loads(NOTEBOOK.read_text())


def _quoted_blocks():
    blocks = []
    for cell in _notebook()["cells"]:
        if cell["cell_type"] == "markdown":
            blocks += re.findall(r"```python\n(.*?)```", "".join(cell["source"]), flags=re.S)
    return blocks


def test_the_library_lines_the_lesson_quotes_are_the_library_source():
    kernel, core = _quoted_blocks()
    for block, function in ((kernel, losses.binary_kernel), (core, objective.objective_and_grad)):
        source = [line.split("#")[0].strip() for line in inspect.getsource(function).splitlines()]
        for line in _code_lines(block):
            assert line in source, f"quoted line not in {function.__name__}: {line}"


# --------------------------------------------------------------------------- section 3: the chain rule, q1's answer


@pytest.mark.parametrize("seed", range(6))
def test_the_chain_rule_formulas_equal_the_library(seed):
    X, y, w, b, rng = random_problem(seed)
    lam = float(rng.uniform(1e-3, 1.0))
    active = y * (X @ w + b) < 1
    _, gw, gb = svm_objective_and_grad(X, y, w, b, lam)
    np.testing.assert_allclose(lam * w - (y[active] @ X[active]) / len(y), gw, rtol=1e-12, atol=1e-15)
    assert -y[active].sum() / len(y) == pytest.approx(gb, rel=1e-12, abs=1e-15)
    assert _exercises.grad_b(X, y, w, b, lam) == pytest.approx(gb, rel=1e-12, abs=1e-15)


def test_toy_numbers_quoted_in_the_prose(toy):
    X, y = toy
    active = y * (X @ TRUE_W + TRUE_B) < 1
    assert (int(active.sum()), int((y[active] > 0).sum()), int((y[active] < 0).sum())) == (26, 11, 15)
    _, gw, gb = svm_objective_and_grad(X, y, TRUE_W, TRUE_B, LAM)
    assert gb == pytest.approx((15 - 11) / 60) and round(gb, 4) == 0.0667
    assert np.round(gw, 6).tolist() == [-0.06652, 0.178362]


# --------------------------------------------------------------------------- section 4: which points enter


def test_q2_figure_data_positions_are_as_the_lesson_says():
    X9, y9, w9, b9 = ex.q2.data
    m = y9 * decision_function(X9, w9, b9)
    assert m[1] == 1.0 and m[8] == -1.0  # exactly on a margin line: its own (1), the other class's (8)
    assert margin_position(m) == ("beyond the margin", "on the margin", "inside the band", "misclassified",
                                  "beyond the margin", "inside the band", "misclassified", "beyond the margin",
                                  "misclassified")
    assert np.flatnonzero(margin_violators(decision_function(X9, w9, b9), y9)).tolist() == [2, 3, 5, 6, 8]
    assert m[3] < -1 and 0 < m[2] < 1 and 0 < m[5] < 1 and -1 < m[6] < 0  # 3 beyond the band, 6 inside it
    assert np.abs(X9).max() <= 2.6  # the numbers drawn next to the points stay inside the axes


def test_pushing_inactive_points_out_changes_the_toy_gradient_by_exactly_zero(toy):
    X, y = toy
    active = y * (X @ TRUE_W + TRUE_B) < 1
    X_far = X.copy()
    X_far[~active] += 2.0 * y[~active, None] * TRUE_W / np.linalg.norm(TRUE_W)
    _, gw, gb = svm_objective_and_grad(X, y, TRUE_W, TRUE_B, LAM)
    _, fw, fb = svm_objective_and_grad(X_far, y, TRUE_W, TRUE_B, LAM)
    assert max(np.abs(fw - gw).max(), abs(fb - gb)) == 0.0


@pytest.mark.parametrize("seed", range(6))
def test_moving_inactive_points_further_out_leaves_the_gradient_unchanged(seed):
    X, y, w, b, rng = random_problem(seed)
    active = margin_violators(X @ w + b, y)
    assert (~active).any()
    X_far = X.copy()
    X_far[~active] += rng.uniform(0.1, 5.0, size=(int((~active).sum()), 1)) * y[~active, None] * w
    _, gw, gb = svm_objective_and_grad(X, y, w, b, LAM)
    _, fw, fb = svm_objective_and_grad(X_far, y, w, b, LAM)
    assert np.array_equal(margin_violators(X_far @ w + b, y), active)
    np.testing.assert_allclose(fw, gw, rtol=0, atol=1e-15)
    assert fb == pytest.approx(gb, abs=1e-15)


@pytest.mark.parametrize("seed", range(8))
def test_scaling_w_and_b_up_never_adds_active_points(seed):
    X, y, w, b, _ = random_problem(seed)
    counts = [int(np.sum(c * y * (X @ w + b) < 1)) for c in (0.25, 0.5, 1, 2, 4, 8)]
    assert counts == sorted(counts, reverse=True)


# --------------------------------------------------------------------------- the view


def _move(view, **values):
    for name, value in values.items():
        view.controls[name].value = value
        assert view.error is None, view.error


def test_view_recomputes_on_every_slider(toy):
    X, y = toy
    view = gradient_view(X, y, reg_strength=LAM)
    assert view.text.startswith("w = (+1.0, -0.6), b = +0.4: 26 of 60 points are active")
    for name, value in (("w1", 2.5), ("w2", -1.5), ("b", -0.7)):
        before = view.n_updates
        _move(view, **{name: value})
        assert view.n_updates == before + 1
    J, gw, gb = svm_objective_and_grad(X, y, [2.5, -1.5], -0.7, LAM)
    assert view.result["J"] == J and np.array_equal(view.result["grad_w"], gw) and view.result["grad_b"] == gb
    assert np.array_equal(view.result["active"], margin_violators(X @ np.array([2.5, -1.5]) - 0.7, y))
    n = int(view.result["active"].sum())
    assert f"{n} of 60 points are active" in view.text and f"dJ/db = {gb:+.4f}" in view.text


def test_view_questions_have_the_answers_the_lesson_expects(toy):
    X, y = toy
    view = gradient_view(X, y, reg_strength=LAM)
    start = view.result
    assert start["grad_b"] > 0 and int(start["active"].sum()) == 26
    _move(view, w1=3.0, w2=-1.8)  # 1. a large ||w||: fewer active points
    assert int(view.result["active"].sum()) < 26
    _move(view, w1=1.0, w2=-0.6, b=-0.5)  # 2. b down: dJ/db < 0, class +1 dominates the active set
    r = view.result
    assert r["grad_b"] < 0 and r["grad_b"] == pytest.approx(-y[r["active"]].sum() / 60)
    assert (y[r["active"]] > 0).sum() > (y[r["active"]] < 0).sum()
    _move(view, w1=0.0, w2=0.0, b=0.4)  # 3. w = 0: every score is b, every margin is +-0.4 < 1
    assert view.result["active"].all() and "60 of 60" in view.text
    for b in (1.0, -1.0, 1.5):  # |b| >= 1: one class meets its margin (exactly at |b| = 1)
        _move(view, b=b)
        assert int(view.result["active"].sum()) == 30


def test_view_blits_the_same_picture_as_a_full_draw_and_keeps_artists_inside(toy):
    X, y = toy
    view = gradient_view(X, y, reg_strength=LAM)
    _move(view, w1=-2.0, w2=3.0, b=3.0)
    _move(view, w1=3.0, w2=3.0, b=-3.0)
    assert view.image.value != view.first_png
    _move(view, w1=1.0, w2=-0.6, b=0.4)
    assert view.image.value == view.first_png  # restored background + moved artists = the first full draw
    ax1, ax2 = view.fig.axes
    for w1, w2, b in ((3.0, 3.0, 3.0), (-3.0, 0.1, -3.0), (0.0, 0.0, 0.0)):
        _move(view, w1=w1, w2=w2, b=b)
        for arrow in ax1.patches:
            if isinstance(arrow, _figures.FancyArrowPatch) and arrow.get_visible():
                (x0, y0), (x1, y1) = arrow._posA_posB
                assert all(-3.0 - 1e-9 <= v <= 3.0 + 1e-9 for v in (x0, y0, x1, y1))
        for collection in ax2.collections:
            offsets = collection.get_offsets()
            if len(offsets):
                assert offsets[:, 0].min() >= -2.9 and offsets[:, 0].max() <= 3.9  # inside the fixed x-limits
    assert ax2.get_xlim() == (-3.0, 4.0) and ax1.get_xlim() == (-3.0, 3.0)  # fixed limits


def test_view_at_w_zero_hides_the_arrows_and_draws(toy):
    X, y = toy
    view = gradient_view(X, y, reg_strength=LAM)
    _move(view, w1=0.0, w2=0.0)
    arrows = [p for p in view.fig.axes[0].patches if isinstance(p, _figures.FancyArrowPatch)]
    assert len(arrows) == 2 and not arrows[0].get_visible()  # w = 0: no w arrow
    assert view.text.startswith("w = (+0.0, +0.0)") and "-0.0000" not in view.text


def test_view_figure_size_and_legend_text_are_readable(toy):
    X, y = toy
    view = gradient_view(X, y, reg_strength=LAM)
    assert view.fig.get_figwidth() <= 9.5
    (legend,) = view.fig.legends
    assert len(legend.get_texts()) == 9 and min(t.get_fontsize() for t in legend.get_texts()) >= 12
    for ax in view.fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_view_rejects_bad_input(toy):
    X, y = toy
    with pytest.raises(ValueError, match="2 columns"):
        gradient_view(np.ones((3, 3)), [1, -1, 1])
    with pytest.raises(ValueError, match=r"\[-3, 3\]"):
        gradient_view(4 * X, y)
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        gradient_view(X, (y + 1) / 2)
    with pytest.raises(ValueError, match="sliders' range"):
        gradient_view(X, y, w=(4.0, 0.0))
    with pytest.raises(ValueError, match="different numbers of samples"):
        gradient_view(X, y[:-1])


# --------------------------------------------------------------------------- section 5: gradient checks


@pytest.mark.parametrize("seed", range(6))
def test_check_gradient_passes_away_from_kinks_and_catches_a_missing_mean(seed):
    X, y, w, b, _ = random_problem(seed)
    J, grad = theta_functions(X, y, LAM)
    n = len(y)

    def grad_sum(t):
        data = grad(t) - np.append(LAM * t[:-1], 0.0)
        return np.append(LAM * t[:-1], 0.0) + n * data

    theta = np.append(w, b)
    assert check_gradient(J, grad, theta).passed
    assert not check_gradient(J, grad_sum, theta, raise_on_failure=False).passed


def test_the_three_random_checks_of_the_notebook_pass_and_the_wrong_gradient_fails(toy):
    X, y = toy
    J, grad = theta_functions(X, y, LAM)
    rng = np.random.default_rng(0)
    for _ in range(3):
        result = check_gradient(J, grad, rng.normal(size=3), tol=1e-6)
        assert result.passed and not result.at_kink.any()
    bad = check_gradient(J, lambda t: np.append(LAM * t[:2], 0.0) + 60 * (grad(t) - np.append(LAM * t[:2], 0.0)),
                         np.array([1.0, -0.6, 0.4]), raise_on_failure=False)
    assert not bad.passed


@pytest.mark.parametrize("seed", range(6))
def test_between_kinks_central_differences_are_exact_whatever_h(seed):
    """The prose: J is quadratic in theta between kinks, so its central difference is exact up to rounding."""
    X, y, w, b, _ = random_problem(seed)
    gap = np.abs(y * (X @ w + b) - 1).min()
    h_max = 0.5 * gap / (np.abs(X).sum(axis=1).max() + 1)  # a step of h moves every margin by less than gap / 2
    J, grad = theta_functions(X, y, 0.3)
    theta = np.append(w, b)
    for h in (h_max, h_max / 100):
        # "up to rounding": each J is off by a few ulps, so the difference quotient is off by ~ ulp(J) / h
        rounding = 8 * np.finfo(float).eps * abs(J(theta)) / h
        np.testing.assert_allclose(numerical_gradient(J, theta, eps=h), grad(theta), rtol=1e-9, atol=rounding)


# --------------------------------------------------------------------------- section 6: the kink


def test_kink_example_one_sided_and_central_differences():
    def J_b(b):
        return svm_objective(KINK_X, KINK_Y, KINK_W, b, KINK_LAM)

    h = 1e-6
    assert (KINK_Y * (KINK_X @ KINK_W)).tolist() == [1.0, 0.5, -0.25]
    right, left = (J_b(h) - J_b(0.0)) / h, (J_b(0.0) - J_b(-h)) / h
    central = (J_b(h) - J_b(-h)) / (2 * h)
    analytic = svm_objective_and_grad(KINK_X, KINK_Y, KINK_W, KINK_B, KINK_LAM)[2]
    assert analytic == pytest.approx(2 / 3, abs=1e-15)
    assert right == pytest.approx(2 / 3, abs=1e-6) and left == pytest.approx(1 / 3, abs=1e-6)
    assert central == pytest.approx(0.5, abs=1e-6)


def test_kink_example_check_is_inconclusive_and_fails_without_kink_detection():
    J, grad = theta_functions(KINK_X, KINK_Y, KINK_LAM)
    theta = np.append(KINK_W, KINK_B)
    res = check_gradient(J, grad, theta, raise_on_failure=False)
    expected = -KINK_Y[0] * np.append(KINK_X[0], 1.0) / (2 * 3)  # -y_0 x_0 / (2N), and -y_0 / (2N) for b
    np.testing.assert_allclose(res.numerical - res.analytic, expected, atol=1e-6)
    assert res.at_kink.all() and not res.passed
    with pytest.raises(AssertionError, match="inconclusive: all 3 coordinate"):
        check_gradient(J, grad, theta)
    off = check_gradient(J, grad, theta, kink_tol=1e6, raise_on_failure=False)
    assert not off.passed and round(off.max_error, 3) == 0.588


@pytest.mark.parametrize("seed", range(6))
def test_at_a_kink_the_central_difference_is_off_by_half_a_point_for_any_small_h(seed):
    X, y, w, b, rng = random_problem(seed, n=12)
    i = int(rng.integers(len(y)))
    b = y[i] - X[i] @ w  # point i on its margin
    margins = y * (X @ w + b)
    assert abs(margins[i] - 1) < 1e-12 and np.abs(np.delete(margins, i) - 1).min() > 1e-3
    J, grad = theta_functions(X, y, LAM)
    theta = np.append(w, b)
    half = np.abs(y[i] * np.append(X[i], 1.0)) / (2 * len(y))
    for h in (1e-5, 1e-7):  # the discrepancy does not shrink with h
        gap = np.abs(numerical_gradient(J, theta, eps=h) - grad(theta))
        np.testing.assert_allclose(gap, half, rtol=1e-3, atol=1e-7)


def test_squared_hinge_by_hand_equals_the_library_and_its_central_difference_converges_at_the_kink():
    theta = np.append(KINK_W, KINK_B)
    slack = np.maximum(0.0, 1 - KINK_Y * (KINK_X @ KINK_W + KINK_B))
    dscore = -2 * KINK_Y * slack / 3
    by_hand = np.append(KINK_LAM * KINK_W + KINK_X.T @ dscore, dscore.sum())
    J_sq, grad_sq = theta_functions(KINK_X, KINK_Y, KINK_LAM, loss="squared_hinge")
    np.testing.assert_allclose(by_hand, grad_sq(theta), rtol=1e-12)
    J, grad = theta_functions(KINK_X, KINK_Y, KINK_LAM)
    sq_gaps, hinge_gaps = [], []
    for h in (1e-2, 1e-4, 1e-6):
        sq_gaps.append(np.abs(numerical_gradient(J_sq, theta, eps=h) - by_hand).max())
        hinge_gaps.append(np.abs(numerical_gradient(J, theta, eps=h) - grad(theta)).max())
    assert [f"{g:.1e}" for g in sq_gaps] == ["6.7e-03", "6.7e-05", "6.7e-07"]  # O(h), as printed
    assert [f"{g:.1e}" for g in hinge_gaps] == ["3.3e-01"] * 3  # half of point 0's x_01 / N, whatever h
    assert not check_gradient(J_sq, grad_sq, theta, tol=1e-5, raise_on_failure=False).at_kink.any()


# --------------------------------------------------------------------------- section 7: loop and vectorised


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("lam", [0.01, 1000.0])
def test_loop_twin_agrees_with_the_vectorised_version(seed, lam):
    X, y, w, b, _ = random_problem(seed)
    vec = np.hstack(svm_objective_and_grad(X, y, w, b, lam))
    loop = np.hstack(svm_objective_and_grad_naive(X, y, w, b, lam))
    np.testing.assert_allclose(loop, vec, rtol=1e-12, atol=1e-12)


def test_loop_twin_gives_the_on_margin_point_derivative_zero():
    vec = np.hstack(svm_objective_and_grad(KINK_X, KINK_Y, KINK_W, KINK_B, KINK_LAM))
    loop = np.hstack(svm_objective_and_grad_naive(KINK_X, KINK_Y, KINK_W, KINK_B, KINK_LAM))
    np.testing.assert_allclose(loop, vec, rtol=1e-12)
    assert vec[-1] == pytest.approx(2 / 3)  # (0 + 1 + 1) / 3: point 0 contributes nothing


def test_time_gradients_returns_the_rows_it_promises():
    rows = time_gradients(sizes=(5, 10), n_features=2, repeat=1)
    assert [list(row) for row in rows] == [["N", "D", "N x D", "loop (ms)", "loop ns per N·D", "vectorised (ms)",
                                            "ratio"]] * 2
    assert [row["N"] for row in rows] == [5, 10] and [row["N x D"] for row in rows] == [10, 20]
    assert all(row[key] > 0 for key in ("loop (ms)", "vectorised (ms)", "ratio") for row in rows)
    assert all(float(f"{row['loop (ms)']:.3g}") == row["loop (ms)"] for row in rows)  # rounded to 3 significant digits
    with pytest.raises(ValueError, match="positive integers"):
        time_gradients(sizes=(0,))


def test_plot_subgradients_has_titles_labels_and_legends():
    axes = Figure().subplots(1, 2)
    plot_subgradients(axes)
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert len(ax.get_legend().get_texts()) >= 3


# --------------------------------------------------------------------------- exercises


def test_every_exercise_reference_passes_and_the_template_is_not_attempted():
    def template(X, y, w, b, reg_strength):
        ...

    assert len(ex) == 4
    for exercise in ex:
        assert exercise.evaluate(exercise.reference) == ("correct", "well done.")
        assert exercise.evaluate(None)[0] == "not attempted"
        assert exercise.evaluate(...)[0] == "not attempted"
    assert ex.q1.evaluate(template)[0] == "not attempted" and ex.q4.evaluate(template)[0] == "not attempted"


def test_each_typical_mistake_gets_its_own_message():
    for exercise in ex:
        messages = []
        for label, (wrong, phrase) in exercise.mistakes.items():
            status, message = exercise.evaluate(wrong)
            assert status == "incorrect", (exercise.name, label)
            assert phrase.lower() in message.lower(), (exercise.name, label, message)
            messages.append(message)
        assert len(set(messages)) == len(messages), exercise.name


def test_missing_return_is_told_so():
    def forgot_return(X, y, w, b, reg_strength):
        -y.sum() / len(y)

    for exercise in (ex.q1, ex.q4):
        status, message = exercise.evaluate(forgot_return)
        assert status == "incorrect" and "forget the `return`" in message


@pytest.mark.parametrize("case", range(2))
def test_q1_mistakes_are_distinct_values_in_every_case(case):
    X, y, w, b, lam = _exercises._gradient_cases()[case]
    right = _exercises.grad_b(X, y, w, b, lam)
    values = [right] + [wrong for wrong, _ in _exercises._q1_mistakes(X, y, w, b, lam)]
    assert min(abs(a - c) for k, a in enumerate(values) for c in values[k + 1:]) > 1e-3
    assert np.abs(y * (X @ w + b) - 1).min() > 1e-3  # away from the kink: central differences apply


@pytest.mark.parametrize("case", range(2))
def test_q4_mistakes_are_distinct_in_every_case(case):
    X, y, w, b, lam = _exercises._gradient_cases()[case]
    right = np.hstack(_exercises.squared_hinge_grad(X, y, w, b, lam))
    values = [right] + [np.hstack(m[:2]) for m in _exercises._q4_mistakes(X, y, w, b, lam)]
    assert min(np.abs(a - c).max() for k, a in enumerate(values) for c in values[k + 1:]) > 1e-3
    np.testing.assert_allclose(right, np.hstack(svm_objective_and_grad(X, y, w, b, lam, loss="squared_hinge")[1:]),
                               rtol=1e-12)


def test_correct_answers_written_another_way_pass():
    def grad_b_loop(X, y, w, b, reg_strength):
        total = 0.0
        for x_i, y_i in zip(X, y):
            if y_i * (x_i @ w + b) < 1:
                total -= y_i
        return np.array([total / len(y)])  # a one-element array is a number too

    def squared_hinge_library(X, y, w, b, reg_strength):
        return svm_objective_and_grad(X, y, w, b, reg_strength, loss="squared_hinge")[1:]

    def squared_hinge_list(X, y, w, b, reg_strength):
        slack = np.clip(1 - y * (X @ w + b), 0, None)
        return list(reg_strength * w - 2 * (slack * y) @ X / len(y)), float(-2 * np.mean(slack * y))

    assert ex.q1.evaluate(grad_b_loop)[0] == "correct"
    assert ex.q4.evaluate(squared_hinge_library)[0] == "correct"
    assert ex.q4.evaluate(squared_hinge_list)[0] == "correct"
    mask = np.zeros(9, dtype=bool)
    mask[[2, 3, 5, 6, 8]] = True
    for answer in ({8, 6, 5, 3, 2}, (2, 3, 5, 6, 8), np.array([8, 2, 3, 5, 6]), mask, [2.0, 3.0, 5.0, 6.0, 8.0]):
        assert ex.q2.evaluate(answer)[0] == "correct", answer
    for answer in (0.5, "1/2", " 0.5 ", Fraction(1, 2), np.float64(0.5), 1 / 2 + 1e-9, np.array([0.5])):
        assert ex.q3.evaluate(answer)[0] == "correct", answer


def test_exercise_answers_of_the_wrong_kind_get_a_clear_message():
    assert "single number" in ex.q1.evaluate(lambda X, y, w, b, lam: np.zeros(2))[1]
    assert "return grad_w, grad_b" in ex.q4.evaluate(lambda X, y, w, b, lam: np.zeros(2))[1]
    assert "shape (2,)" in ex.q4.evaluate(lambda X, y, w, b, lam: (np.zeros(3), 0.0))[1]
    assert "numbered 0 to 8" in ex.q2.evaluate([2, 9])[1]
    assert "twice" in ex.q2.evaluate([2, 2, 3])[1]
    assert "mask" in ex.q2.evaluate(np.ones(4, dtype=bool))[1]
    assert "could not read" in ex.q3.evaluate("half")[1]
    assert "not True/False" in ex.q3.evaluate(True)[1]
    status, message = ex.q2.evaluate([2, 3, 5, 6, 8, 0])
    assert status == "incorrect" and "1 point(s) too many and misses 0" in message
    status, message = ex.q1.evaluate(lambda X, y, w, b, lam: 12.345)
    assert status == "incorrect" and "central differences" in message and "should be" in message


def test_q3_answer_and_its_mistakes_are_what_the_differences_give():
    def J_b(b):
        return svm_objective(KINK_X, KINK_Y, KINK_W, b, KINK_LAM)

    h = 1e-6
    assert ex.q3.reference == pytest.approx((J_b(h) - J_b(-h)) / (2 * h), abs=1e-6)
    library, left = dict(ex.q3.mistakes)["the library's value"][0], dict(ex.q3.mistakes)["the left slope"][0]
    assert library == pytest.approx(svm_objective_and_grad(KINK_X, KINK_Y, KINK_W, 0.0, KINK_LAM)[2])
    assert left == pytest.approx((J_b(0.0) - J_b(-h)) / h, abs=1e-6)


def test_q2_solution_text_matches_the_reference():
    assert "[2, 3, 5, 6, 8]" in ex.q2.solution_text and ex.q2.reference == [2, 3, 5, 6, 8]


# --------------------------------------------------------------------------- quiz


def test_quiz_has_one_to_three_questions_each_answer_explained():
    assert 1 <= len(QUIZ) <= 3
    for question in QUIZ:
        assert question["type"] in ("multiple_choice", "numeric")
        assert "$" not in question["question"]  # no LaTeX: it is not typeset offline
        for answer in question["answers"]:
            assert answer["feedback"]
        if question["type"] == "multiple_choice":
            assert sum(a["correct"] for a in question["answers"]) == 1


def test_quiz_1_the_correct_slope_is_a_subgradient_and_the_others_are_not():
    s = np.linspace(-6, 6, 2401)
    loss = hinge_loss(s, -np.ones_like(s), reduction="none")  # y = -1, kink at s = -1
    for answer in QUIZ[0]["answers"]:
        try:
            g = float(answer["answer"])
        except ValueError:
            assert not answer["correct"]
            continue
        assert bool(np.all(loss >= g * (s + 1) - 1e-12)) == answer["correct"], answer["answer"]


def test_quiz_2_numeric_answer_is_what_the_library_computes():
    # 50 points on a line, lambda = 0.1, b = 0.5: 7 class +1 and 3 class -1 points with margin < 1
    y = np.array([1.0] * 25 + [-1.0] * 25)
    margins = np.full(50, 2.0)
    margins[:7], margins[25:28] = 0.5, -0.3
    w, b = np.array([1.0]), 0.5
    X = ((margins / y) - b)[:, None]
    assert int(np.sum(y * (X @ w + b) < 1)) == 10
    grad_b = svm_objective_and_grad(X, y, w, b, 0.1)[2]
    correct = [a for a in QUIZ[1]["answers"] if a.get("correct")]
    assert len(correct) == 1 and correct[0]["range"][0] <= grad_b < correct[0]["range"][1]
    wrong = {round(sum(a["range"]) / 2, 4) for a in QUIZ[1]["answers"] if "range" in a and not a["correct"]}
    assert wrong == {round(grad_b + 0.1 * b, 4), round(-grad_b, 4), round(-10 / 50, 4), round(50 * grad_b, 4)}
    assert any(a.get("type") == "default" for a in QUIZ[1]["answers"])


def test_quiz_3_a_kink_gives_the_same_discrepancy_for_every_h_and_a_wrong_lambda_does_not_look_like_it():
    J, grad = theta_functions(KINK_X, KINK_Y, KINK_LAM)
    theta = np.append(KINK_W, KINK_B)
    half = -KINK_Y[0] * np.append(KINK_X[0], 1.0) / 6
    for h in (1e-3, 1e-6):
        np.testing.assert_allclose(numerical_gradient(J, theta, eps=h) - grad(theta), half, atol=1e-6)
    wrong_lambda = lambda t: grad(t) + np.append(0.5 * KINK_LAM * t[:2], 0.0)  # noqa: E731
    gap = numerical_gradient(J, theta + 0.3) - wrong_lambda(theta + 0.3)
    np.testing.assert_allclose(gap, -np.append(0.5 * KINK_LAM * (theta + 0.3)[:2], 0.0), atol=1e-6)


# --------------------------------------------------------------------------- the package and the notebook


def test_package_public_names():
    assert len(lesson.__all__) <= 7 and {"exercises", "QUIZ"} <= set(lesson.__all__)
    assert all(hasattr(lesson, name) for name in lesson.__all__)


def _code_cells():
    return [c for c in _notebook()["cells"] if c["cell_type"] == "code"]


def test_notebook_layout_tags_and_assert_share():
    cells = _code_cells()
    assert "".join(cells[0]["source"]) == (
        'import sys\nif "google.colab" in sys.modules:  # on Colab only: install the course library first\n'
        '    %pip install --quiet "hinge-course @ git+https://github.com/hinge-course/hinge-course@v2.0"')
    assert not cells[0]["outputs"]
    tags = {i: c["metadata"].get("tags", []) for i, c in enumerate(cells)}
    view_cells = [i for i, t in tags.items() if "view" in t]
    assert len(view_cells) == 1 and "gradient_view(" in "".join(cells[view_cells[0]]["source"])
    ignored = [i for i, t in tags.items() if "nbval-ignore-output" in t]
    assert len(ignored) == 1 and "time_gradients" in "".join(cells[ignored[0]]["source"])
    lines = [line for c in cells for line in "".join(c["source"]).splitlines()
             if line.strip() and not line.strip().startswith("#")]
    asserts = [line for line in lines if line.strip().startswith("assert")]
    assert len(asserts) / len(lines) <= 0.03
    source = "\n".join("".join(c["source"]) for c in cells)
    for plumbing in ("NBVAL", "threadpoolctl", "warnings.catch", "+ 0.0"):
        assert plumbing not in source


def test_notebook_exercises_come_before_the_lessons_versions():
    sources = ["".join(c["source"]) for c in _notebook()["cells"]]

    def first(text):
        return next(i for i, s in enumerate(sources) if text in s)

    assert first("ex.q1.check") < first("grad_b_by_hand = -y[active].sum() / N")
    assert first("ex.q2.check") < first("margin_violators(scores9, y9)")
    assert first("ex.q3.check") < first("central difference    {")
    assert first("ex.q4.check") < first("dscore = -2 * yk * slack")
    assert first("ex.q1.check") < first("-\\frac{1}{N}\\sum_{i:\\ y_i f(x_i) < 1} y_i ,")


def test_notebook_outputs_hold_the_numbers_the_prose_quotes():
    outputs = "\n".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                        for c in _code_cells() for o in c.get("outputs", []))
    prose = "\n".join("".join(c["source"]) for c in _notebook()["cells"] if c["cell_type"] == "markdown")
    for number in ("11 of class +1, 15 of class -1", "26 of 60 points are active", "central difference    0.500000",
                   "inconclusive: all 3 coordinate(s)", "passed = False"):
        assert number in outputs, number
    assert "(15 - 11)/60 = +0.0667" in prose.replace("−", "-") and "26 active points of section 3\n(11 + 15)" in prose
    for status in re.findall(r"\[q\d [^\]]*\] (\w[\w ]*):", outputs):
        assert status == "Not attempted"  # the stored notebook is unsolved
