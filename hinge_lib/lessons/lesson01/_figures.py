"""Lesson 01's picture (points, boundary, margin lines, distances, band, the arrow w) and its view.

The picture is drawn once from a :func:`~._margins.margin_result` and moved in place by
``update(result)``; the view (:func:`margin_geometry_view`) is a :class:`hinge_lib.view.LiveView`
whose ``compute`` is ``margin_result`` and whose text is the lesson's table.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from ...style import COLORS, plot_boundary, plot_points
from ...view import LiveView
from ._margins import format_margins, margin_result

DISTANCE_STYLE = dict(color=COLORS["green"], linestyle=":", linewidth=1.8)
BAND_STYLE = dict(color=COLORS["purple"], linewidth=2.0)


def _title(result):
    w, b = result["w"], result["b"]
    where = f"w = ({w[0]:.1f}, {w[1]:.1f}), b = {b + 0.0:.1f}"
    if not result["boundary"]:
        return f"{where}: no boundary"
    return f"{where}: band width {result['width']:.2f}"


class MarginPicture:
    """The artists of lesson 01's picture on one axes; :meth:`update` moves them to a new result."""

    def __init__(self, ax, result, *, distances=(), label_distances=False, band=True, arrow=False,
                 numbers=True, title=None, legend="right", xlim=(-3.0, 3.0), ylim=(-3.0, 3.0)):
        X, y = result["X"], result["y"]
        if X.shape[1] != 2:
            raise ValueError(f"the picture draws points in the plane; X has {X.shape[1]} features, not 2.")
        self.ax, self.fixed_title = ax, title
        self.index = np.arange(len(X)) if isinstance(distances, str) and distances == "all" \
            else np.asarray(list(distances), dtype=int)
        self.boundary = plot_boundary(ax, result["w"], result["b"], xlim=xlim, ylim=ylim)
        plot_points(ax, X, y, s=70)
        if numbers:
            for i, (x1, x2) in enumerate(X):
                ax.annotate(str(i), (x1, x2), xytext=(7, 5), textcoords="offset points", fontsize=11, zorder=5,
                            annotation_clip=True)
        label = "distance to boundary" if len(self.index) else None  # no legend entry for nothing drawn
        self.segments = ax.add_collection(LineCollection([], zorder=2, label=label,
                                                         colors=DISTANCE_STYLE["color"],
                                                         linestyles=DISTANCE_STYLE["linestyle"],
                                                         linewidths=DISTANCE_STYLE["linewidth"]))
        self.labels = [ax.text(0.0, 0.0, "", fontsize=11, color=COLORS["green"], clip_on=True, zorder=5)
                       for _ in self.index] if label_distances else []
        self.band = None
        if band:
            self.band = ax.add_patch(FancyArrowPatch((0, 0), (1, 1), arrowstyle="<->", mutation_scale=16,
                                                     zorder=4, **BAND_STYLE))
            ax.add_line(Line2D([], [], label="band width 2/‖w‖", **BAND_STYLE))  # the legend's entry
        self.arrow = None
        if arrow:
            self.arrow = ax.add_patch(FancyArrowPatch((0, 0), (1, 1), arrowstyle="-|>", mutation_scale=18,
                                                      color=COLORS["black"], linewidth=2.0, zorder=4))
            self.arrow_label = ax.text(0.0, 0.0, "w", fontsize=14, clip_on=True, zorder=5)
        self.title = ax.set_title(title or "")
        ax.set(xlabel="x₁", ylabel="x₂")
        ax.label_outer()  # in a row of panels, only the first one keeps its y labels
        if legend == "right":  # beside the axes, so it hides no point
            ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), framealpha=0.9)
        elif legend == "below":  # one legend for a row of panels, under the figure
            ax.figure.legend(*ax.get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0),
                             ncol=3, framealpha=0.9)
        self.update(result)

    def update(self, result):
        """Move every artist to ``result`` (a :func:`margin_result` of the same points); returns self."""
        self.boundary.update(result["w"], result["b"])
        on = result["boundary"]
        X = result["X"]
        if on:
            feet = result["feet"][self.index]
            self.segments.set_segments(np.stack([X[self.index], feet], axis=1))
            for text, i, p, q in zip(self.labels, self.index, X[self.index], feet):
                text.set_position((p + q) / 2 + np.array([0.06, -0.22]))
                text.set_text(f"{result['distance'][i]:.2f}")
        else:
            self.segments.set_segments([])
        for text in self.labels:
            text.set_visible(on)
        if self.band is not None:
            self.band.set_visible(on)
            if on:
                self.band.set_positions(*result["band"])
        if self.arrow is not None:
            self.arrow.set_visible(on)
            self.arrow_label.set_visible(on)
            if on:
                start, end = result["arrow"], result["arrow"] + result["w"]
                self.arrow.set_positions(start, end)
                self.arrow_label.set_position(end + np.array([0.08, 0.08]))
        if self.fixed_title is None:
            self.title.set_text(_title(result))
        return self


def plot_margin_geometry(ax, X, y, w, b, *, distances=(), label_distances=False, band=True, arrow=False,
                         title=None, legend="right"):
    """Lesson 01's picture of ``(w, b)`` on the points ``(X, y)`` (two features), drawn on ``ax``.

    Shaded sides, the boundary ``f(x) = 0`` and the margin lines ``f(x) = +-1`` (course style),
    the numbered points, the perpendicular from each point in ``distances`` (indices, or "all")
    to the boundary (labelled with its length if ``label_distances``), a double arrow across
    the band (``band``) and the vector ``w`` drawn from the boundary (``arrow``). ``w = 0``
    draws the points only.

    Parameters
    ----------
    ax : matplotlib Axes
    X, y : points of shape (N, 2) and labels in {-1, +1}
    w, b : the classifier
    distances : indices of the points whose distance is drawn, or "all"
    legend : "right" (beside the axes), "below" (a figure legend under a row of panels) or None
    title : str, optional; default "w = (...), b = ...: band width ..."

    Returns
    -------
    MarginPicture
        The drawn artists; ``update(margin_result(...))`` moves them (the view uses it).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> picture = plot_margin_geometry(ax, [[1.0, 2.0], [-1.0, -1.0]], [1, -1], [1.0, 1.0], 0.0, distances="all")
    >>> ax.get_title()
    'w = (1.0, 1.0), b = 0.0: band width 1.41'
    """
    return MarginPicture(ax, margin_result(X, y, w, b), distances=distances, label_distances=label_distances,
                         band=band, arrow=arrow, title=title, legend=legend)


def margin_geometry_view(X, y, *, w=(0.5, 1.0), b=0.0, limit=4.0, step=0.1):
    """Sliders for ``w1``, ``w2`` and ``b`` that move lesson 01's picture and reprint its table.

    The picture shows the boundary, both margin lines, every point's perpendicular to the
    boundary, the band and the arrow ``w``; the text under it is :func:`margin_table` of the
    current ``(w, b)``. ``w = (0, 0)`` is reported (no boundary), not an error.

    Parameters
    ----------
    X, y : points of shape (N, 2) inside [-3, 3]^2 and labels in {-1, +1}
    w, b : the starting classifier
    limit, step : each slider runs from ``-limit`` to ``limit`` in steps of ``step``

    Returns
    -------
    hinge_lib.view.LiveView
        Drive it with ``view.controls["w1"].value = ...``; read ``view.result`` (a dict with the
        scores, margins, positions, ...) and ``view.text`` (the table).
    """
    import ipywidgets as widgets

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2 or np.abs(X).max() > 3.0:
        raise ValueError("margin_geometry_view draws points in the plane inside [-3, 3]^2; "
                         f"X has shape {X.shape} and its largest |coordinate| is {np.abs(X).max():g}.")
    margin_result(X, y, w, b)  # check the data once, with the library's messages

    def slider(name, value):
        return widgets.FloatSlider(value=float(value), min=-limit, max=limit, step=step, description=name,
                                   readout_format=".1f")

    def compute(w1, w2, b):
        return margin_result(X, y, (w1, w2), b)

    def draw(fig, result):
        fig.subplots_adjust(left=0.07, right=0.64, bottom=0.11, top=0.92)
        ax = fig.add_subplot()
        return MarginPicture(ax, result, distances="all", arrow=True).update

    return LiveView({"w1": slider("w1", w[0]), "w2": slider("w2", w[1]), "b": slider("b", b)},
                    compute, draw, format_margins, figsize=(8.4, 5.2), static_layer=True)
