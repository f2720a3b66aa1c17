"""hinge_lib.textgrid.render_text_boundary: the text picture of a linear classifier, cell by cell."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hinge_lib.data import make_two_class
from hinge_lib.models import LinearSVM
from hinge_lib.support import margin_violators
from hinge_lib.textgrid import format_table, render_text_boundary

PROPERTY = settings(max_examples=40)


def cell_centres(grid_size, extent):
    ticks = np.linspace(-extent, extent, grid_size)
    return np.meshgrid(ticks, ticks[::-1])  # x1 left to right, x2 top to bottom


def expected_background(w, b, grid_size, extent):
    x1, x2 = cell_centres(grid_size, extent)
    f = w[0] * x1 + w[1] * x2 + b
    return np.where(f >= 1, ".", np.where(f <= -1, ",", ":"))


@PROPERTY
@given(w=st.tuples(st.floats(-3, 3), st.floats(-3, 3)), b=st.floats(-3, 3), grid_size=st.integers(2, 30),
       extent=st.floats(0.5, 5))
def test_background_shows_both_sides_and_the_margin_band(w, b, grid_size, extent):
    X, y = np.array([[100.0, 100.0]]), np.array([1.0])  # one point outside the picture: nothing drawn
    text = render_text_boundary((w, b), X, y, grid_size=grid_size, extent=extent)
    rows = text.split("\n")
    assert len(rows) == grid_size and all(len(r) == grid_size for r in rows)
    np.testing.assert_array_equal(np.array([list(r) for r in rows]), expected_background(w, b, grid_size, extent))


def test_points_and_support_vectors_are_drawn_in_their_nearest_cells():
    w, b = np.array([1.0, 0.0]), 0.0  # boundary x1 = 0, band -1 < x1 < 1
    X = np.array([[2.0, 2.0], [-2.0, -2.0], [0.5, 1.0], [-2.0, 2.0], [9.0, 0.0]])
    y = np.array([1.0, -1.0, 1.0, 1.0, -1.0])  # beyond / beyond / inside band / wrong side / outside picture
    text = render_text_boundary((w, b), X, y, grid_size=9, extent=2.0)  # cells every 0.5
    grid = np.array([list(r) for r in text.split("\n")])
    row = lambda x2: int(round((2.0 - x2) / 0.5))  # noqa: E731
    col = lambda x1: int(round((x1 + 2.0) / 0.5))  # noqa: E731
    assert grid[row(2.0), col(2.0)] == "+" and grid[row(-2.0), col(-2.0)] == "-"
    assert grid[row(1.0), col(0.5)] == "@" and grid[row(2.0), col(-2.0)] == "@"
    assert (grid == "@").sum() == 2 and (grid == "+").sum() == 1 and (grid == "-").sum() == 1
    np.testing.assert_array_equal(margin_violators(X @ w + b, y), [False, False, True, True, True])


def test_a_support_vector_wins_a_shared_cell():
    # cells every 1.0; both points round to the cell at x1 = 2, x2 = 0. With f = x1 - 0.6 the first is beyond
    # the margin (f = 1.1), the second inside the band (f = 0.95)
    X = np.array([[1.7, 0.0], [1.55, 0.1]])
    for order in ([0, 1], [1, 0]):
        text = render_text_boundary(([1.0, 0.0], -0.6), X[order], [1, 1], grid_size=7, extent=3.0)
        assert text.split("\n")[3][5] == "@" and text.count("@") == 1 and "+" not in text


def test_flipping_the_model_and_labels_mirrors_the_characters():
    X, y = make_two_class(seed=0)
    w, b = np.array([1.2, -0.7]), 0.3
    text = render_text_boundary((w, b), X, y)
    flipped = render_text_boundary((-w, -b), X, -y)
    assert flipped == text.translate(str.maketrans(".,+-", ",.-+"))


def test_a_fitted_model_draws_like_its_parameters_and_shows_its_support_vectors():
    X, y = make_two_class(seed=0)
    model = LinearSVM(n_epochs=400).fit(X, y)
    text = render_text_boundary(model, X, y, grid_size=41, extent=3.0)
    assert text == render_text_boundary((model.coef_[0], model.intercept_[0]), X, y, grid_size=41, extent=3.0)
    # every support vector is drawn (several may share a cell on a 41 x 41 grid, so at most that many '@')
    n_sv = int(margin_violators(model.decision_function(X), y).sum())
    assert 0 < text.count("@") <= n_sv and text.count("+") + text.count("-") <= len(y) - n_sv
    assert {".", ",", ":"} <= set(text)


def test_the_docstring_picture():
    picture = render_text_boundary(([1.0, 0.0], 0.0), [[2.0, 0.0]], [1], grid_size=5, extent=2.0)
    assert picture.split("\n") == [",,:..", ",,:..", ",,:.+", ",,:..", ",,:.."]


def test_multiclass_models_and_other_dimensions_are_refused():
    X3, y3 = np.random.default_rng(0).normal(size=(30, 2)), np.repeat([0, 1, 2], 10)
    model = LinearSVM(n_epochs=5).fit(X3, y3)
    with pytest.raises(ValueError, match="draws binary models only"):
        render_text_boundary(model, X3, np.where(y3 > 0, 1, -1))
    with pytest.raises(ValueError, match="draws 2-D data; X has 3 features"):
        render_text_boundary(([1.0, 0.0], 0.0), np.zeros((2, 3)), [1, -1])
    with pytest.raises(ValueError, match="must have 2 weights to be drawn in the plane; it has 3"):
        render_text_boundary(([1.0, 0.0, 1.0], 0.0), np.zeros((2, 2)), [1, -1])


def test_format_table_aligns_columns_in_fixed_formats_and_never_prints_minus_zero():
    text = format_table([{"name": "a", "x": 1.23456, "n": 3}, {"name": "long name", "x": 10.0, "n": 12}], {"x": ".2f"})
    assert text.splitlines() == ["name           x   n", "a           1.23   3", "long name  10.00  12"]
    out = format_table([{"loss": "hinge", "x": -0.0, "n": 3}, {"loss": "squared", "x": 1.23456, "n": 12}],
                       {"x": "+.2f"})
    assert out.splitlines() == ["loss         x   n", "hinge    +0.00   3", "squared  +1.23  12"]
    assert format_table([{"a": 3, "b": 0.000123456}], {"a": ".3f"}).splitlines()[1] == "3.000  0.0001235"
    # a value that rounds to zero from below prints as zero too
    assert format_table([{"a": "x", "x": -1e-9, "y": -1e-5}], {"x": ".4f", "y": "+.2f"}).splitlines()[1] == \
        "x  0.0000  +0.00"


def test_format_table_explains_bad_rows():
    with pytest.raises(ValueError, match="non-empty list of dicts"):
        format_table([])
    with pytest.raises(ValueError, match="same keys"):
        format_table([{"a": 1}, {"b": 2}])
    with pytest.raises(ValueError, match="no row has"):
        format_table([{"a": 1}], {"b": ".2f"})
