"""hinge_lib.style: the course's picture language and its drawing primitives."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from hinge_lib import make_two_class, margin_violators  # noqa: E402
from hinge_lib.style import (  # noqa: E402
    CLASS_STYLES,
    COLORS,
    MODEL_STYLES,
    plot_boundary,
    plot_classifier,
    plot_points,
    plot_support_vectors,
    use_course_style,
)


def axes():
    return Figure().add_subplot()


def polygon_area(xy):
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


@pytest.mark.parametrize("w,b", [((1.0, -0.6), 0.4), ((0.0, 2.0), 1.0), ((3.0, 0.0), -2.0), ((1.0, 1.0), 10.0)])
def test_boundary_lines_lie_on_their_levels_and_the_shading_splits_the_box(w, b):
    ax = axes()
    boundary = plot_boundary(ax, w, b)
    w = np.asarray(w)
    for line, level in zip([boundary.line, *boundary.margins], (0.0, 1.0, -1.0)):
        x, y = line.get_data()
        if np.isfinite(x).all():
            np.testing.assert_allclose(w[0] * np.asarray(x) + w[1] * np.asarray(y) + b, level, atol=1e-12)
            assert (np.abs(x) <= 3 + 1e-12).all() and (np.abs(y) <= 3 + 1e-12).all()  # inside the box
    positive, negative = (polygon_area(p.get_xy()) for p in boundary.shades)
    assert positive + negative == pytest.approx(36.0)  # the two sides tile the 6 x 6 box
    grid = np.stack(np.meshgrid(np.linspace(-3, 3, 61), np.linspace(-3, 3, 61)), -1).reshape(-1, 2)
    assert positive == pytest.approx(36.0 * np.mean(grid @ w + b >= 0), abs=0.8)  # (grid estimate)


def test_boundary_update_moves_every_piece_and_w_zero_hides_them():
    ax = axes()
    boundary = plot_boundary(ax, (1.0, 0.0), 0.0)
    np.testing.assert_allclose(boundary.line.get_data()[0], [0.0, 0.0])
    boundary.update((1.0, 0.0), -1.0)  # x1 = 1
    np.testing.assert_allclose(boundary.line.get_data()[0], [1.0, 1.0])
    assert len(ax.lines) == 3 and len(ax.patches) == 2  # moved, not drawn again
    boundary.update((0.0, 0.0), 0.5)
    assert all(len(line.get_data()[0]) == 0 for line in [boundary.line, *boundary.margins])
    assert all(polygon_area(p.get_xy()) == 0 for p in boundary.shades)


def test_points_carry_class_by_colour_and_marker_and_rings_count_the_mask():
    X, y = make_two_class(seed=0)
    ax = axes()
    pos, neg = plot_points(ax, X, y)
    assert len(pos.get_offsets()) == 30 and len(neg.get_offsets()) == 30
    assert CLASS_STYLES[+1]["marker"] != CLASS_STYLES[-1]["marker"]
    mask = margin_violators(X @ np.array([1.0, -0.6]) + 0.4, y)
    ring = plot_support_vectors(ax, X, mask)
    assert len(ring.get_offsets()) == mask.sum()
    ax = plot_classifier(axes(), X, y, (1.0, -0.6), 0.4, support=mask, title="t")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert f"support vectors ({mask.sum()})" in labels and ax.get_title() == "t"


def test_the_palette_is_okabe_ito_and_every_model_has_one_style():
    assert COLORS["blue"] == "#0072B2" and COLORS["orange"] == "#E69F00" and COLORS["vermillion"] == "#D55E00"
    styles = [tuple(sorted(s.items())) for s in MODEL_STYLES.values()]
    assert len(set(styles)) == len(styles)  # no two models look alike
    use_course_style()
    assert matplotlib.rcParams["figure.dpi"] == 100 and matplotlib.rcParams["legend.fontsize"] >= 12
