"""The course's picture language, and the few drawing primitives every lesson shares.

One look throughout: class +1 is a blue circle, class -1 an orange square (Okabe-Ito colours,
safe for colour-blind readers; the marker shape carries the class too); the decision boundary is
a solid black line, the margin lines are dashed grey, the two sides are shaded faintly in their
class's colour, and support vectors get a large hollow vermillion ring. A model has one style
wherever it appears (:data:`MODEL_STYLES`). The primitives only draw; every number comes from
the pure functions of the library.

Each primitive returns what it drew, so a view can move it later instead of drawing anew
(:meth:`Boundary.update` moves a boundary, its margin lines and its shading in place).
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.patches import Polygon

__all__ = [
    "Boundary",
    "CLASS_STYLES",
    "COLORS",
    "MODEL_STYLES",
    "plot_boundary",
    "plot_classifier",
    "plot_points",
    "plot_support_vectors",
    "use_course_style",
]

# Okabe-Ito palette
COLORS = dict(blue="#0072B2", orange="#E69F00", green="#009E73", vermillion="#D55E00", purple="#CC79A7",
              sky="#56B4E9", yellow="#F0E442", black="#000000", grey="#777777")
CLASS_STYLES = {+1: dict(color=COLORS["blue"], marker="o", label="class +1"),
                -1: dict(color=COLORS["orange"], marker="s", label="class -1")}
# One style per model, the same in every figure of the course.
MODEL_STYLES = {
    "hinge": dict(color=COLORS["vermillion"], linestyle="-"),
    "squared hinge": dict(color=COLORS["blue"], linestyle="--"),
    "exact": dict(color=COLORS["black"], linestyle="-"),
    "gradient descent": dict(color=COLORS["green"], linestyle="--"),
    "scikit-learn": dict(color=COLORS["purple"], linestyle=":"),
    "PyTorch": dict(color=COLORS["orange"], linestyle="-."),
}

# Figures are stored at dpi 100 with text large enough that a legend shows at >= 10 pt in a notebook
# column of about 950 px, for figures up to 9.5 inches wide (displayed size = font size x
# min(dpi, column px / width) / 96).
COURSE_RC = {
    "figure.figsize": (8.0, 5.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "legend.fontsize": 12,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": mpl.cycler(color=[COLORS[c] for c in ("blue", "orange", "green", "vermillion", "purple",
                                                             "sky", "black")]),
}


def use_course_style():
    """Apply the course's matplotlib settings (large, readable text; colour-blind-safe colours)."""
    mpl.rcParams.update(COURSE_RC)


def plot_points(ax, X, y, *, s=55):
    """Scatter the two classes (labels -1 / +1) with the course's colours *and* marker shapes; returns the two collections."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    return [ax.scatter(X[y == label, 0], X[y == label, 1], s=s, c=style["color"], marker=style["marker"],
                       label=style["label"], edgecolors="white", linewidths=0.5, zorder=3)
            for label, style in CLASS_STYLES.items()]


def plot_support_vectors(ax, X, mask, *, label="support vectors"):
    """Ring the points of ``mask`` (hollow vermillion circles); returns the collection (``set_offsets`` moves it)."""
    X = np.asarray(X, dtype=float)[np.asarray(mask, dtype=bool)]
    return ax.scatter(X[:, 0], X[:, 1], s=260, facecolors="none", edgecolors=COLORS["vermillion"], linewidths=2.0,
                      label=label, zorder=4)


def _clip_line(w, b, level, box):
    """The two ends of the segment ``w.x + b = level`` inside ``box = (x0, x1, y0, y1)`` (NaNs if it misses)."""
    x0, x1, y0, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    side = corners @ w + b - level
    ends = [corners[i] + side[i] / (side[i] - side[j]) * (corners[j] - corners[i])
            for i, j in ((0, 1), (1, 2), (2, 3), (3, 0)) if (side[i] > 0) != (side[j] > 0)]
    return np.array(ends[:2]).T if len(ends) >= 2 else np.full((2, 2), np.nan)


def _half_box(w, b, box, sign):
    """The part of the box where ``sign * (w.x + b) >= 0``, as polygon vertices (one-plane Sutherland-Hodgman)."""
    x0, x1, y0, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    side = sign * (corners @ w + b)
    vertices = []
    for i in range(4):
        j = (i + 1) % 4
        if side[i] >= 0:
            vertices.append(corners[i])
        if (side[i] >= 0) != (side[j] >= 0):
            vertices.append(corners[i] + side[i] / (side[i] - side[j]) * (corners[j] - corners[i]))
    return np.array(vertices) if vertices else np.zeros((1, 2))


class Boundary:
    """The line ``w.x + b = 0``, optionally the margin lines ``w.x + b = +-1`` and the shaded sides.

    Drawn once by :func:`plot_boundary`; :meth:`update` moves every piece in place (fast, for views).
    With ``w = 0`` there is no line: the pieces are hidden until ``w`` is non-zero again.
    """

    def __init__(self, ax, w, b, *, margins=True, shade=True, label="boundary f(x) = 0", box=None, **style):
        self.ax, self.box = ax, box if box is not None else (*ax.get_xlim(), *ax.get_ylim())
        line_style = {**dict(color=COLORS["black"], linestyle="-", linewidth=2.0), **style}
        self.line = ax.plot([], [], label=label, **line_style)[0]
        self.margins = [ax.plot([], [], color=COLORS["grey"], linestyle="--", linewidth=1.5,
                                label="margins f(x) = ±1" if k == 0 else None)[0] for k in range(2)] if margins else []
        self.shades = [ax.add_patch(Polygon(np.zeros((1, 2)), closed=True, color=COLORS[c], alpha=0.08, lw=0,
                                            zorder=0)) for c in ("blue", "orange")] if shade else []
        self.update(w, b)

    def update(self, w, b):
        w, b = np.asarray(w, dtype=float).ravel(), float(np.ravel(b)[0])
        visible = bool(np.any(w))
        for artist, level in zip([self.line, *self.margins], (0.0, 1.0, -1.0)):
            artist.set_data(*(_clip_line(w, b, level, self.box) if visible else ([], [])))
        for patch, sign in zip(self.shades, (1.0, -1.0)):
            patch.set_xy(_half_box(w, b, self.box, sign) if visible else np.zeros((1, 2)))
        return self


def plot_boundary(ax, w, b, *, xlim=(-3, 3), ylim=(-3, 3), margins=True, shade=True, label="boundary f(x) = 0",
                  **style):
    """Draw the boundary of ``(w, b)`` (and its margin lines and shaded sides) on ``ax``; returns a :class:`Boundary`."""
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal", adjustable="box")
    return Boundary(ax, w, b, margins=margins, shade=shade, label=label, box=(*xlim, *ylim), **style)


def plot_classifier(ax, X, y, w, b, *, support=None, title=None, xlim=(-3, 3), ylim=(-3, 3), legend="lower left"):
    """The standard picture: shaded sides, boundary, margin lines, the points and (optionally) a ringed mask.

    ``support`` is a boolean mask (e.g. :func:`hinge_lib.margin_violators` or ``alpha > 0``); its ring's
    label says how many points it holds.
    """
    plot_boundary(ax, w, b, xlim=xlim, ylim=ylim)
    plot_points(ax, X, y)
    if support is not None:
        plot_support_vectors(ax, X, support, label=f"support vectors ({int(np.sum(support))})")
    ax.set(xlabel="x₁", ylabel="x₂", title=title)
    if legend:
        ax.legend(loc=legend, framealpha=0.9)
    return ax
