"""Lesson 01 (margin geometry): the lesson package, its view, its exercises and quiz, and every claim
the notebook makes."""

import io
import json
import re
import warnings
from fractions import Fraction
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure
from sklearn.svm import SVC

from hinge_lib import (
    LinearSVM,
    distance_to_hyperplane,
    functional_margin,
    geometric_margin,
    hinge_loss,
    margin_position,
    margin_width,
    project_onto_hyperplane,
    svm_objective,
)
from hinge_lib.lessons import lesson01
from hinge_lib.lessons.lesson01 import QUIZ, exercises, margin_geometry_view, margin_table, plot_margin_geometry
from hinge_lib.lessons.lesson01._exercises import PLANES, X3, X8, Y3, Y8
from hinge_lib.lessons.lesson01._figures import MarginPicture
from hinge_lib.lessons.lesson01._margins import margin_result

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "01_margin_geometry.ipynb"
X, Y = X8, Y8
W_A, B_A = np.array([1.0, 2.0]), -0.5
finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


@pytest.fixture(scope="module")
def notebook():
    return json.loads(NOTEBOOK.read_text())


def _source(cell):
    return "".join(cell["source"])


def _code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _outputs_text(nb):
    parts = []
    for cell in _code_cells(nb):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append("".join(out["text"]))
            elif "data" in out and "text/plain" in out["data"]:
                parts.append("".join(out["data"]["text/plain"]))
    return "\n".join(parts)


def _table_rows(text):
    """The per-point rows of margin_table's text: (i, y f(x), y f(x)/||w|| or None, position)."""
    rows = []
    for line in text.splitlines():
        m = re.match(r"^\s*(\d+)(?:\s+[-+]\d+\.\d\d)+\s+[-+]1\s+\S+\s+(\S+)\s+(\S+)\s+(.+)$", line)
        if m:
            geometric = None if m[3] == "-" else float(m[3])
            rows.append((int(m[1]), float(m[2]), geometric, m[4].strip()))
    return rows


# --------------------------------------------------------------------------- the notebook itself


def test_notebook_data_are_the_packages_data(notebook):
    """The exercises check against the points the learner sees."""
    namespace = {"np": np}
    for cell in _code_cells(notebook):
        src = _source(cell)
        if src.startswith("X = np.array(") or src.startswith("X3 = np.array("):
            exec(src, namespace)  # noqa: S102  (the lesson's own data cells)
    np.testing.assert_array_equal(namespace["X"], X8)
    np.testing.assert_array_equal(namespace["y"], Y8)
    np.testing.assert_array_equal(namespace["X3"], X3)
    np.testing.assert_array_equal(namespace["y3"], Y3)
    for name, (w, b) in PLANES.items():
        np.testing.assert_array_equal(namespace["planes"][name][0], w)
        assert namespace["planes"][name][1] == b


def test_notebook_form(notebook):
    cells = notebook["cells"]
    code = _code_cells(notebook)
    assert _source(code[0]).startswith('import sys\nif "google.colab" in sys.modules:')
    lines = [ln for c in code for ln in _source(c).splitlines() if ln.strip() and not ln.strip().startswith("#")]
    n_assert = sum(ln.strip().startswith("assert") for ln in lines)
    assert n_assert <= 0.03 * len(lines)
    assert not any("NBVAL" in _source(c) or "threadpoolctl" in _source(c) for c in code)
    view_cells = [c for c in code if "margin_geometry_view(" in _source(c)]
    assert len(view_cells) == 1 and view_cells[0]["metadata"].get("tags") == ["view"]
    headings = [ln for c in cells if c["cell_type"] == "markdown" for ln in _source(c).splitlines()
                if ln.startswith("#")]
    assert "## Glossary" in headings and "## Key takeaways" in headings and "## Check your understanding" in headings
    assert "Estimated time:**" in _source(cells[0]) and "minutes" in _source(cells[0])
    assert "02_hinge_loss.ipynb" in _source(cells[-1])


def test_notebook_uses_the_course_position_words_only(notebook):
    prose = " ".join(_source(c) for c in notebook["cells"] if c["cell_type"] == "markdown")
    for old in ("on margin", "on boundary", "wrong side of the margin", "inside band", "beyond margin"):
        assert not re.search(rf"\b{old}\b", prose), old
    for word in ("beyond the margin", "on the margin", "inside the band", "on the boundary", "misclassified"):
        assert word in prose
    assert prose.count("C = 1/(\\lambda N)") + prose.count("C = \\frac{1}{\\lambda N}") >= 1


def test_stored_exercises_are_unsolved_and_figures_fit_the_column(notebook):
    text = _outputs_text(notebook)
    for k in range(1, len(exercises) + 1):
        assert re.search(rf"\[q{k} [^\]]*\] Not attempted", text), k
    assert "Error" not in text and "Traceback" not in text
    import base64
    for cell in _code_cells(notebook):
        for out in cell.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            if png:
                width = matplotlib.image.imread(io.BytesIO(base64.b64decode(png))).shape[1]
                assert width <= 1000  # <= about 10 in at dpi 100: legends show at >= 10 pt


def test_prose_numbers_are_the_printed_numbers(notebook):
    """Numbers the markdown quotes, next to where the code prints them."""
    text = _outputs_text(notebook)
    prose = " ".join(_source(c) for c in notebook["cells"] if c["cell_type"] == "markdown")
    pairs = [("$+0.5$", "0.5 ]"), ("0.75 is below 1", "+0.750        +0.530  inside the band"),
             ("\\approx 1.414", "||w|| = 1.414"), ("7 against 4", "min y f(x) = 7"),
             ("= 7$ against 3", "||w|| = 7"), ("4/3 \\approx 1.333", "margin on the data = 1.3333"),
             ("0.75 against 1", "||w|| = 0.75"), ("$-0.25$", "-0.250  +0.250"),
             ("$C = 1.25$", "SVC with C = 1.25"), ("sixth digit", "naive 0.335412"), ("third", "naive 0.337419")]
    for said, printed in pairs:
        assert said in prose, said
        assert printed in text, printed


# --------------------------------------------------------------------------- the package


def test_public_names():
    assert set(lesson01.__all__) == {"QUIZ", "exercises", "margin_geometry_view", "margin_table",
                                     "plot_margin_geometry"}
    assert len(lesson01.__all__) <= 7


def test_margin_table_matches_the_library_and_uses_the_course_words():
    for w, b in [((1.0, 1.0), 0.0), ((0.5, 1.0), 0.0), (W_A, B_A), ((-2.0, 0.3), 1.7)]:
        rows = _table_rows(margin_table(X, Y, w, b))
        assert [r[0] for r in rows] == list(range(len(X)))
        np.testing.assert_allclose([r[1] for r in rows], functional_margin(X, Y, w, b), atol=5e-4)
        np.testing.assert_allclose([r[2] for r in rows], geometric_margin(X, Y, w, b), atol=5e-4)
        assert tuple(r[3] for r in rows) == margin_position(functional_margin(X, Y, w, b))
    text = margin_table(X, Y, W_A, B_A)
    assert text.splitlines()[0] == "w = (+1.00, +2.00), b = -0.50, ||w|| = 2.236, band width 2/||w|| = 0.894"


def test_margin_table_prints_no_negative_zero_and_reports_zero_w():
    assert "-0.00" not in margin_table(X, Y, (1.0, 0.0), -0.0)
    assert "-0.000" not in margin_table([[0.0, 1e-9]], [1], (1.0, -1.0), 0.0)
    text = margin_table(X, Y, (0.0, 0.0), 0.3)
    assert "no boundary" in text
    rows = _table_rows(text)
    assert len(rows) == len(X) and all(r[2] is None and r[3] == "-" for r in rows)
    np.testing.assert_allclose([r[1] for r in rows], 0.3 * Y)


def test_margin_table_works_in_three_dimensions():
    rows = _table_rows(margin_table(X3, Y3, *PLANES["Q"]))
    np.testing.assert_allclose([r[2] for r in rows], geometric_margin(X3, Y3, *PLANES["Q"]), atol=5e-4)


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        margin_table(X, (Y + 1) / 2, (1.0, 1.0), 0.0)
    with pytest.raises(ValueError, match="one weight per feature"):
        margin_table(X, Y, (1.0, 1.0, 1.0), 0.0)
    with pytest.raises(ValueError, match="2-D"):
        margin_table(X[0], Y[:1], (1.0, 1.0), 0.0)
    with pytest.raises(ValueError, match="different numbers of samples"):
        margin_table(X, Y[:5], (1.0, 1.0), 0.0)
    with pytest.raises(ValueError, match="in the plane"):
        plot_margin_geometry(Figure().add_subplot(), X3, Y3, *PLANES["P"])
    with pytest.raises(ValueError, match=r"inside \[-3, 3\]\^2"):
        margin_geometry_view(X * 2, Y)
    with pytest.raises(ValueError, match="complex"):
        margin_table(X + 0j, Y, (1.0, 1.0), 0.0)


def test_figure_has_title_labels_legend_and_the_distances():
    ax = Figure().add_subplot()
    plot_margin_geometry(ax, X, Y, (1.0, 1.0), 0.0, distances=[0, 3, 6, 7], label_distances=True)
    assert ax.get_title() == "w = (1.0, 1.0), b = 0.0: band width 1.41"
    assert ax.get_xlabel() and ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    for want in ("boundary f(x) = 0", "margins f(x) = ±1", "class +1", "class -1", "distance to boundary",
                 "band width 2/‖w‖"):
        assert want in labels
    shown = sorted(float(t.get_text()) for t in ax.texts if re.fullmatch(r"\d+\.\d\d", t.get_text()))
    np.testing.assert_allclose(shown, sorted(np.round(distance_to_hyperplane(X[[0, 3, 6, 7]], (1.0, 1.0), 0.0), 2)))
    ax2 = Figure().add_subplot()
    plot_margin_geometry(ax2, X, Y, (1.0, 1.0), 0.0, band=False)  # nothing drawn, nothing in the legend
    labels = [t.get_text() for t in ax2.get_legend().get_texts()]
    assert "distance to boundary" not in labels and "band width 2/‖w‖" not in labels


def test_picture_draws_what_was_computed():
    ax = Figure().add_subplot()
    result = margin_result(X, Y, (2.0, -1.3), 0.7)
    picture = MarginPicture(ax, margin_result(X, Y, (0.5, 1.0), 0.0), distances="all", arrow=True)
    picture.update(result)
    w, b = result["w"], result["b"]
    xs, ys = picture.boundary.line.get_data()
    np.testing.assert_allclose(w[0] * np.asarray(xs) + w[1] * np.asarray(ys) + b, 0.0, atol=1e-12)
    for line, level in zip(picture.boundary.margins, (1.0, -1.0)):
        xs, ys = line.get_data()
        np.testing.assert_allclose(w[0] * np.asarray(xs) + w[1] * np.asarray(ys) + b, level, atol=1e-12)
    segments = np.array(picture.segments.get_segments())
    np.testing.assert_allclose(segments[:, 0], X)
    np.testing.assert_allclose(segments[:, 1], project_onto_hyperplane(X, w, b))
    np.testing.assert_allclose(np.linalg.norm(segments[:, 1] - segments[:, 0], axis=1), result["distance"])
    band = np.array(picture.band._posA_posB)
    assert np.linalg.norm(band[1] - band[0]) == pytest.approx(margin_width(w))
    np.testing.assert_allclose(band @ w + b, [-1.0, 1.0], atol=1e-12)
    start, end = np.array(picture.arrow._posA_posB)
    np.testing.assert_allclose(end - start, w)
    assert start @ w + b == pytest.approx(0.0, abs=1e-12)
    assert (ax.get_xlim(), ax.get_ylim()) == ((-3.0, 3.0), (-3.0, 3.0))


# --------------------------------------------------------------------------- the view


def test_view_starts_from_its_arguments_and_prints_every_point():
    view = margin_geometry_view(X, Y, w=(0.5, 1.0), b=0.0)
    assert view.values == {"w1": 0.5, "w2": 1.0, "b": 0.0}
    assert view.text == margin_table(X, Y, (0.5, 1.0), 0.0)
    assert view._repr_mimebundle_()["text/plain"] == view.text
    assert view.first_png.startswith(b"\x89PNG")
    assert view.error is None
    for control in view.controls.values():  # "from -4 to 4 in steps of 0.1"
        assert (control.min, control.max, control.step) == (-4.0, 4.0, 0.1)


def test_moving_each_slider_recomputes_and_redraws():
    view = margin_geometry_view(X, Y)
    ax = view.fig.axes[0]
    for name, value in [("w1", 2.0), ("w2", -0.5), ("b", 1.3), ("w1", -4.0), ("b", -4.0)]:
        before, png = view.n_updates, view.image.value
        view.controls[name].value = value
        assert view.error is None
        assert view.n_updates == before + 1 and view.image.value != png
        w, b = (view.values["w1"], view.values["w2"]), view.values["b"]
        np.testing.assert_allclose(view.result["scores"], X @ np.array(w) + b)
        np.testing.assert_allclose(view.result["geometric"], geometric_margin(X, Y, w, b))
        assert view.text == margin_table(X, Y, w, b)
        assert ax.get_title() == f"w = ({w[0]:.1f}, {w[1]:.1f}), b = {b:.1f}: band width {margin_width(w):.2f}"
        assert (ax.get_xlim(), ax.get_ylim()) == ((-3.0, 3.0), (-3.0, 3.0))  # nothing leaves the axes


def test_zero_w_is_reported_not_raised_and_the_view_recovers():
    view = margin_geometry_view(X, Y)
    view.controls["w1"].value = 0.0
    view.controls["w2"].value = 0.0
    assert view.error is None
    assert view.result["boundary"] is False and view.result["geometric"] is None
    assert "no boundary" in view.text and view.fig.axes[0].get_title().endswith("no boundary")
    assert not view.fig.axes[0].patches[-1].get_visible()  # the arrow w is hidden
    view.controls["w2"].value = 1.0
    assert view.error is None
    np.testing.assert_allclose(view.result["geometric"], geometric_margin(X, Y, (0.0, 1.0), 0.0))


def test_view_tips_and_the_q3_answers_hold_in_the_view():
    """Section 6's tips: doubling w (b = 0) doubles the functional margins, keeps the geometric ones and
    halves the band; moving b alone slides the boundary parallel. q3: (2, 4, 0) and line A put point 7
    on its margin; shifting b alone to -0.75 misclassifies point 3."""
    view = margin_geometry_view(X, Y, w=(0.5, 1.0), b=0.0)
    start = view.result
    view.controls["w1"].value, view.controls["w2"].value = 1.0, 2.0
    np.testing.assert_allclose(view.result["functional"], 2 * start["functional"])
    np.testing.assert_allclose(view.result["geometric"], start["geometric"])
    assert view.result["width"] == pytest.approx(start["width"] / 2)
    view.controls["b"].value = -0.5
    assert view.result["position"][7] == "on the margin" and _table_rows(view.text)[7][3] == "on the margin"
    assert "misclassified" not in view.result["position"]
    view.controls["w1"].value, view.controls["w2"].value, view.controls["b"].value = 2.0, 4.0, 0.0
    assert view.result["position"][7] == "on the margin" and "misclassified" not in view.result["position"]
    feet_normal = view.result["w"] / np.linalg.norm(view.result["w"])
    view.controls["b"].value = 1.5
    np.testing.assert_allclose(view.result["w"] / np.linalg.norm(view.result["w"]), feet_normal)
    shifted = margin_result(X, Y, (0.5, 1.0), -0.75)
    assert shifted["position"][7] == "on the margin" and shifted["position"][3] == "misclassified"
    assert view.error is None


def test_view_picture_equals_a_full_redraw():
    """The view pastes its static layer instead of redrawing it: the picture must be the same."""
    view = margin_geometry_view(X, Y, w=(0.5, 1.0), b=0.0)
    view.controls["w1"].value = 2.0
    view.controls["w1"].value = 0.5  # back to the start: the same bytes as the first picture
    assert view.image.value == view.first_png
    fig = Figure(figsize=(8.4, 5.2), dpi=100)
    fig.subplots_adjust(left=0.07, right=0.64, bottom=0.11, top=0.92)
    MarginPicture(fig.add_subplot(), margin_result(X, Y, (0.5, 1.0), 0.0), distances="all", arrow=True)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    full = matplotlib.image.imread(io.BytesIO(buffer.getvalue()))[..., :3]  # the view's PNG is RGB
    blitted = matplotlib.image.imread(io.BytesIO(view.first_png))
    assert full.shape == blitted.shape
    assert np.abs(full - blitted).mean() < 0.002  # only the faint shading over the grid lines differs


# --------------------------------------------------------------------------- the lesson's claims


def test_glossary_equalities_hold_up_to_1e_9():
    assert margin_position([1 + 1e-10, 1 + 1e-8, 1e-10, -1e-8]) == (
        "on the margin", "beyond the margin", "on the boundary", "misclassified")


def test_first_classifier_section_1_to_3():
    w, b = np.array([1.0, 1.0]), 0.0
    scores = X @ w + b
    assert np.all(scores != 0)
    assert np.flatnonzero(np.sign(scores) != Y).tolist() == [7]
    assert margin_position(functional_margin(X, Y, w, b)) == (("beyond the margin",) * 3 + ("inside the band",)
                                                              + ("beyond the margin",) * 3 + ("misclassified",))
    assert functional_margin(X, Y, w, b)[3] == 0.75
    assert abs(scores[7]) < 1 and abs(scores[3]) < 1  # both between the margin lines
    assert np.sqrt(w @ w) == pytest.approx(1.414, abs=5e-4)


@given(st.tuples(finite, finite), finite, finite, finite)
def test_distance_is_the_perpendicular_and_margin_lines_are_the_boundary_shifted(x, w1, w2, b):
    if abs(w1) + abs(w2) < 1e-3:
        return
    w, point = np.array([w1, w2]), np.array([x])
    foot = point - ((point @ w + b) / (w @ w))[:, None] * w  # the lesson's x - f(x) w / ||w||^2
    np.testing.assert_allclose(foot, project_onto_hyperplane(point, w, b), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(distance_to_hyperplane(point, w, b), np.linalg.norm(point - foot), rtol=1e-7,
                               atol=1e-9)
    on_margin = foot + w / (w @ w)
    assert (on_margin @ w + b)[0] == pytest.approx(1.0, abs=1e-9 * (1 + abs(b) + np.abs(w).sum() * 10))
    np.testing.assert_allclose(2 * distance_to_hyperplane(on_margin, w, b), margin_width(w), rtol=1e-7)


def test_brute_force_distance_along_the_line_agrees():
    for w, b in [((1.0, 1.0), 0.0), (W_A, B_A)]:
        w = np.asarray(w)
        p0 = project_onto_hyperplane(X[:1], w, b)[0]
        along = np.array([-w[1], w[0]]) / np.linalg.norm(w)
        line = p0 + np.linspace(-10, 10, 400_001)[:, None] * along
        brute = np.array([np.linalg.norm(line - x, axis=1).min() for x in X])
        np.testing.assert_allclose(brute, distance_to_hyperplane(X, w, b), atol=1e-6)


@given(st.lists(st.tuples(finite, finite), min_size=2, max_size=8), finite, finite, finite, st.floats(0.01, 100.0))
def test_scaling_changes_functional_margins_and_width_only(points, w1, w2, b, c):
    if abs(w1) + abs(w2) < 1e-3:
        return
    P = np.array(points)
    y = np.where(np.arange(len(P)) % 2 == 0, 1.0, -1.0)
    w = np.array([w1, w2])
    np.testing.assert_allclose(functional_margin(P, y, c * w, c * b), c * functional_margin(P, y, w, b),
                               rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(geometric_margin(P, y, c * w, c * b), geometric_margin(P, y, w, b),
                               rtol=1e-9, atol=1e-9)
    assert margin_width(c * w) == pytest.approx(margin_width(w) / c, rel=1e-9)
    np.testing.assert_allclose(np.r_[c * w, c * b] / np.linalg.norm(c * w), np.r_[w, b] / np.linalg.norm(w),
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(geometric_margin(P, y, -c * w, -c * b), -geometric_margin(P, y, w, b),
                               rtol=1e-9, atol=1e-9)


def test_scaling_table_numbers():
    base = geometric_margin(X, Y, W_A, B_A).min()
    assert base == pytest.approx(0.3354, abs=5e-5)
    assert functional_margin(X, Y, 3 * W_A, 3 * B_A).min() == pytest.approx(2.25)
    assert margin_width(3 * W_A) == pytest.approx(margin_width(W_A) / 3)
    assert exercises.q2.evaluate(dict(functional=3, geometric=1, width=margin_width(3 * W_A) / margin_width(W_A)))[0] \
        == "correct"


@pytest.mark.parametrize("c", [1e150, 1e-160, 1e160, 1e-162, 1e-300, 1e300])
def test_library_geometry_is_scale_invariant_at_extreme_scales(c):
    """The optional section: the library divides by max |w_j| first."""
    np.testing.assert_allclose(geometric_margin(X, Y, c * W_A, c * B_A), geometric_margin(X, Y, W_A, B_A), rtol=1e-14)
    np.testing.assert_allclose(distance_to_hyperplane(X, c * W_A, c * B_A), distance_to_hyperplane(X, W_A, B_A),
                               rtol=1e-14)
    assert margin_width(c * W_A) == pytest.approx(margin_width(W_A) / c, rel=1e-14)


def test_naive_norm_fails_where_the_lesson_says():
    def naive(c):
        cw, cb = c * W_A, c * B_A
        return (Y * (X @ cw + cb) / np.sqrt(cw @ cw)).min()

    exact = geometric_margin(X, Y, W_A, B_A).min()
    assert naive(1e150) == pytest.approx(exact, rel=1e-12)
    assert 1e-7 < abs(naive(1e-160) / exact - 1) < 1e-5  # wrong in the sixth digit
    assert 1e-3 < abs(naive(1e-162) / exact - 1) < 1e-2  # wrong in the third
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RuntimeWarning, match="overflow"):
            naive(1e155)  # NumPy warns, and the margins come out 0
    with np.errstate(over="ignore"):
        assert naive(1e154) == 0.0  # "every naive margin comes out 0"
        assert naive(1e153) == pytest.approx(exact, rel=1e-12)


def _section7_lines():
    svm = SVC(kernel="linear", C=1e6, tol=1e-10).fit(X, Y)
    lines = {}
    for name, (w, b) in {"A": (W_A, B_A), "B": (np.array([1.0, 3.0]), 0.0)}.items():
        gamma_hat = functional_margin(X, Y, w, b).min()
        lines[name] = (w / gamma_hat, b / gamma_hat)
    lines["SVM"] = (svm.coef_[0], float(svm.intercept_[0]))
    return lines


def test_rescaled_lines_all_meet_the_margin_and_the_svm_has_the_shortest_w():
    lines = _section7_lines()
    for w, b in lines.values():
        assert functional_margin(X, Y, w, b).min() == pytest.approx(1.0, abs=1e-6)
        assert hinge_loss(X @ w + b, Y) < 1e-6
        for c in (10.0, 1000.0):
            assert hinge_loss(c * (X @ w + b), Y) == 0.0
    norms = {name: np.linalg.norm(w) for name, (w, _) in lines.items()}
    assert norms["SVM"] < norms["A"] < norms["B"]
    assert [round(n, 3) for n in norms.values()] == [2.981, 3.162, 2.071]
    objective = {name: svm_objective(X, Y, w, b, 0.01) for name, (w, b) in lines.items()}
    assert objective["SVM"] < min(objective["A"], objective["B"])


def test_no_rescaled_separating_line_has_a_shorter_w_than_the_svm():
    """Section 7: the hard-margin SVM is the separating line whose rescaled w is shortest (random lines, 3 seeds)."""
    w_svm = np.linalg.norm(_section7_lines()["SVM"][0])
    for seed, n_lines in [(0, 2000), (1, 20000), (2, 20000)]:
        rng = np.random.default_rng(seed)
        W, B = rng.normal(size=(n_lines, 2)), rng.normal(size=n_lines)
        gamma_hat = (Y[:, None] * (X @ W.T + B)).min(axis=0)
        norms = np.linalg.norm(W, axis=1)[gamma_hat > 0] / gamma_hat[gamma_hat > 0]
        assert len(norms) > 50 and norms.min() >= w_svm - 1e-9


def test_three_d_planes_of_q4():
    (wp, bp), (wq, bq) = PLANES["P"], PLANES["Q"]
    assert (np.linalg.norm(wp), np.linalg.norm(wq)) == (7.0, 3.0)
    assert functional_margin(X3, Y3, wp, bp).min() == 7.0 and functional_margin(X3, Y3, wq, bq).min() == 4.0
    assert geometric_margin(X3, Y3, wp, bp).min() == pytest.approx(1.0)
    assert geometric_margin(X3, Y3, wq, bq).min() == pytest.approx(4 / 3)
    assert np.all(functional_margin(X3, Y3, wp, bp) > 0) and np.all(functional_margin(X3, Y3, wq, bq) > 0)
    # a maximum-margin classifier on these points prefers Q's direction to P's
    svm = SVC(kernel="linear", C=1e6, tol=1e-10).fit(X3, Y3)
    assert geometric_margin(X3, Y3, svm.coef_[0], svm.intercept_[0]).min() >= 4 / 3 - 1e-6


@pytest.mark.parametrize("lam", [0.03, 0.1, 0.3, 1.0])
def test_glossary_c_is_one_over_lambda_n(lam):
    """The same classifier from J with lambda and from SVC with C = 1/(lambda N), across lambda."""
    ours = LinearSVM(solver="exact", reg_strength=lam).fit(X, Y)
    theirs = SVC(kernel="linear", C=1 / (lam * len(X)), tol=1e-10).fit(X, Y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-6)
    rng = np.random.default_rng(0)
    for w, b in zip(rng.normal(size=(5, 2)), rng.normal(size=5)):  # SVC's objective / (C N) is J
        C = 1 / (lam * len(X))
        sklearn_objective = 0.5 * w @ w + C * np.maximum(0, 1 - Y * (X @ w + b)).sum()
        assert sklearn_objective / (C * len(X)) == pytest.approx(svm_objective(X, Y, w, b, lam), rel=1e-12)


def test_glossary_lambda_point_one_matters():
    """At lambda = 0.1 the penalty matters: the line differs from the hard-margin one and points enter the band."""
    ours = LinearSVM(solver="exact", reg_strength=0.1).fit(X, Y)
    np.testing.assert_allclose(ours.coef_[0], [0.423801, 1.130137], atol=1e-6)
    assert not np.allclose(ours.coef_[0], _section7_lines()["SVM"][0], atol=1e-3)
    assert np.sum(functional_margin(X, Y, ours.coef_[0], ours.intercept_[0]) < 1 - 1e-6) >= 1


# --------------------------------------------------------------------------- exercises


def _template_function():
    def distance(X, w, b):
        """Euclidean distance of each row of X to the boundary w.x + b = 0."""
        ...  # your code here

    return distance


@pytest.mark.parametrize("exercise", list(exercises), ids=lambda e: e.name)
def test_reference_passes_template_is_not_attempted_and_mistakes_are_named(exercise):
    assert exercise.evaluate(exercise.reference) == ("correct", "well done.")
    assert exercise.evaluate(None)[0] == "not attempted"
    assert exercise.evaluate(...)[0] == "not attempted"
    messages = []
    for label, (wrong, phrase) in exercise.mistakes.items():
        status, message = exercise.evaluate(wrong)
        assert status == "incorrect", label
        assert phrase in message, (label, message)
        messages.append(message)
    assert len(set(messages)) == len(messages)  # each mistake gets its own message
    assert len(exercise.mistakes) >= 4


def test_exercise_kinds_and_count():
    assert len(exercises) >= 3
    assert [e.name.split()[0] for e in exercises] == ["q1", "q2", "q3", "q4"]


def test_q1_template_missing_return_crash_and_shape():
    assert exercises.q1.evaluate(_template_function())[0] == "not attempted"

    def no_return(X, w, b):
        np.abs(X @ w + b) / np.linalg.norm(w)

    status, message = exercises.q1.evaluate(no_return)
    assert status == "incorrect" and "forget the `return`" in message

    def crashes(X, w, b):
        return X @ w[:1]

    assert "raised" in exercises.q1.evaluate(crashes)[1]
    assert "shape" in exercises.q1.evaluate(lambda X, w, b: np.abs(X @ w + b).sum())[1]
    status, message = exercises.q1.evaluate(lambda X, w, b: np.abs(X @ w + b) / np.linalg.norm(w) * (1 + 1e-8))
    shown = re.search(r"point \d's distance should be (\S+); your function gave (\S+)\.$", message)
    assert status == "incorrect" and shown and shown[1] != shown[2]  # the two printed numbers differ


def test_q1_accepts_answers_written_other_ways():
    def loop(X, w, b):
        norm = sum(v * v for v in w) ** 0.5
        return [abs(sum(x[j] * w[j] for j in range(len(w))) + b) / norm for x in X]

    def via_the_foot(X, w, b):
        f = X @ w + b
        foot = X - np.outer(f / (w @ w), w)
        return np.linalg.norm(X - foot, axis=1)

    for answer in (loop, via_the_foot, lambda X, w, b: np.abs(X.dot(w) + b) / np.linalg.norm(w)):
        assert exercises.q1.evaluate(answer)[0] == "correct"


def test_q2_answers_written_other_ways_and_partial_answers():
    q2 = exercises.q2
    for answer in (dict(functional=3, geometric=1, width=1 / 3), dict(functional=3.0, geometric=1.0, width=0.33),
                   dict(functional=np.float64(3), geometric=True + 0, width=Fraction(1, 3))):
        assert q2.evaluate(answer)[0] == "correct", answer
    assert q2.evaluate(dict(functional=3, geometric=..., width=...))[0] == "not attempted"
    status, message = q2.evaluate(dict(functional=3, geometric=1, width="1/3"))
    assert status == "incorrect" and "without quotes" in message
    assert "keep the template" in q2.evaluate((3, 1, 1 / 3))[1]
    status, message = q2.evaluate(dict(functional=3, geometric=1, width=0.5))
    assert status == "incorrect" and "width" in message


def test_q3_answers_written_other_ways_and_bad_forms():
    q3 = exercises.q3
    for answer in [(1.0, 2.0, -0.5), (2, 4, 0), np.array([2.0, 4.0, 0.0]), [1.4, 2.5, -0.6],
                   (0.1 + 0.2 + 0.7, 2.0000000000000004, -0.5)]:
        assert q3.evaluate(answer)[0] == "correct", answer
    assert "three numbers" in q3.evaluate((1.0, 2.0))[1]
    assert "no boundary" in q3.evaluate((0.0, 0.0, 1.0))[1]
    assert q3.evaluate((1.0, ..., 0.0))[0] == "not attempted"


def test_q4_answers_written_other_ways_and_bad_forms():
    q4 = exercises.q4
    for answer in [("Q", 4 / 3), ("q", 1.333), (" Q ", 1.3333), ["Q", Fraction(4, 3)]]:
        assert q4.evaluate(answer)[0] == "correct", answer
    assert '"P" or "Q"' in q4.evaluate(("R", 1.0))[1]
    assert q4.evaluate(("Q", ...))[0] == "not attempted"
    status, message = q4.evaluate(("Q", 1.0))
    assert status == "incorrect" and "right one" in message and "1.333" not in message


def test_hints_and_solutions_print(capsys):
    for exercise in exercises:
        exercise.hint()
        exercise.solution()
        exercise.check(None)
    out = capsys.readouterr().out
    assert out.count("Hint:") == len(exercises) and out.count("Solution:") == len(exercises)
    assert out.count("Not attempted") == len(exercises)


# --------------------------------------------------------------------------- quiz


def test_quiz_is_well_formed_plain_text_and_explained():
    assert 1 <= len(QUIZ) <= 3
    for question in QUIZ:
        assert question["type"] in ("multiple_choice", "numeric")
        assert "$" not in question["question"] and "\\" not in question["question"]
        for answer in question["answers"]:
            assert answer.get("feedback"), answer
            assert "$" not in answer["feedback"]
        if question["type"] == "multiple_choice":
            assert sum(a["correct"] for a in question["answers"]) == 1


def _correct(question):
    return next(a for a in question["answers"] if a.get("correct"))


def test_quiz_answers_are_what_the_library_computes():
    position, c_value, doubled = QUIZ
    assert _correct(position)["answer"] == margin_position(-1 * 0.4)[0]
    assert _correct(c_value)["value"] == pytest.approx(1 / (0.01 * 50))
    # doubling w with b = 2 kept: the same direction, half the distance of the origin to the boundary
    w, b = np.array([0.6, -0.8]), 2.0
    origin = np.zeros((1, 2))
    assert distance_to_hyperplane(origin, 2 * w, b)[0] == pytest.approx(distance_to_hyperplane(origin, w, b)[0] / 2)
    assert "half its distance from the origin" in _correct(doubled)["answer"]
    assert margin_width(2 * w) == pytest.approx(margin_width(w) / 2)
