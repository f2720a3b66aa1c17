"""Lesson 06's interactive view: a distance slider over an :func:`outlier_sweep`, on ``LiveView``.

Every fit was computed by the sweep; moving the slider only looks one up and moves artists
(``Boundary.update``, ``set_offsets``, ``set_data``, ``set_text``). Both panels have fixed limits:
the map shows the data and the outlier while it is near (d <= 5); the right panel shows it on
its distance axis at every distance, so nothing is ever drawn outside the axes.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from hinge_lib import margin_position
from hinge_lib._validation import check_binary_labels, check_same_length, as_float_array
from hinge_lib.style import CLASS_STYLES, COLORS, MODEL_STYLES, plot_boundary, plot_points
from hinge_lib.view import LiveView

from ._figures import MARKERS, _check_sweep

FIGSIZE = (9.5, 5.2)
MAP_LIMITS = (-5.5, 3.0), (-3.0, 4.5)  # the data's square [-2.5, 2.5]^2 and the outlier up to d = 5
NAMES = ("hinge", "squared hinge")


def _inside(point):
    (x0, x1), (y0, y1) = MAP_LIMITS
    return bool(x0 < point[0] < x1 and y0 < point[1] < y1)


def _state(sweep, n_points, index):
    """What the view shows at the sweep's ``index``-th distance (looked up, nothing refitted)."""
    r = dict(index=int(index), distance=float(sweep["distance"][index]), point=sweep["point"][index],
             n_points=n_points)
    for name in NAMES:
        s = sweep[name]
        margin = float(s["margin"][index])
        r[name] = dict(w=s["coef"][index], b=float(s["intercept"][index]), clean=s["clean"],
                       shift=float(s["shift"][index]), alpha_over_C=float(s["alpha"][index] / sweep["C"]),
                       margin=margin, position=margin_position(margin, atol=1e-8)[0],
                       errors=int(s["errors"][index]), clean_errors=int(s["clean_errors"]))
    return r


def _describe(r):
    p = r["point"]
    lines = [f"outlier at distance d = {r['distance']:g} from the true boundary, at ({p[0]:+.1f}, {p[1]:+.1f}), "
             "labelled +1"]
    for name in NAMES:
        s = r[name]
        lines.append(f"{name + ':':<15}line moved {s['shift']:.3f}; outlier's alpha = {s['alpha_over_C']:.3f} C, "
                     f"y f = {s['margin']:+.3f} ({s['position']}); {s['errors']} of {r['n_points']} clean points "
                     f"misclassified ({s['clean_errors']} without the outlier)")
    return "\n".join(lines)


def outlier_view(sweep, X, y, *, distance=5.0):
    """A distance slider over a precomputed :func:`outlier_sweep`: both losses' lines without and with the outlier.

    Left: the clean data, each loss's boundary without the outlier (thin) and with it (thick) and
    the outlier (a star) while it is inside the panel. Right: how far each line moved against the
    distance (log scale), the chosen distance marked on both curves and the outlier on the
    distance axis. The text gives each loss's shift, the outlier's alpha and y f (with its
    position word) and the clean points misclassified.

    Parameters
    ----------
    sweep : dict, the result of ``outlier_sweep(X, y, distances)``
    X : array of shape (N, 2), y : labels in {-1, +1}: the clean data the sweep was run on
    distance : float, one of the sweep's distances, shown first

    Returns
    -------
    LiveView (``view.controls["distance"]`` is a selection slider over the sweep's distances)

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> from hinge_lib.lessons.lesson06 import outlier_sweep
    >>> X, y = make_two_class(seed=0)
    >>> view = outlier_view(outlier_sweep(X, y, [5.0, 100.0]), X, y, distance=5.0)
    >>> view.controls["distance"].value = 100.0
    >>> view.result["distance"], view.error is None
    (100.0, True)
    """
    sweep = _check_sweep(sweep)
    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    if X.shape[1] != 2:
        raise ValueError(f"outlier_view draws 2-D data; X has {X.shape[1]} features.")
    distances = [float(d) for d in sweep["distance"]]
    if distance not in distances:
        raise ValueError(f"distance must be one of the sweep's distances {distances}; got {distance!r}.")
    if sweep["hinge"]["coef"].shape[0] != len(distances) or np.asarray(sweep["hinge"]["clean"][0]).shape != (2,):
        raise ValueError("the sweep does not match its distances or is not 2-D; pass outlier_sweep(X, y, distances).")
    index_of = {d: k for k, d in enumerate(distances)}

    def compute(distance):
        return _state(sweep, y.size, index_of[distance])

    def draw(fig, r):
        (x0, x1), (y0, y1) = MAP_LIMITS
        left = fig.add_axes([0.06, 0.30, 0.44, 0.62])
        lines = {}
        for name in NAMES:
            style = MODEL_STYLES[name]
            w0, b0 = r[name]["clean"]
            plot_boundary(left, w0, b0, xlim=(x0, x1), ylim=(y0, y1), margins=False, shade=False,
                          label=f"{name}, no outlier", linewidth=1.5, alpha=0.5, **style)
            lines[name] = plot_boundary(left, r[name]["w"], r[name]["b"], xlim=(x0, x1), ylim=(y0, y1),
                                        margins=False, shade=False, label=f"{name}, with outlier", linewidth=3.0,
                                        **style)
        plot_points(left, X, y)
        star_style = dict(marker="*", s=420, c=CLASS_STYLES[+1]["color"], edgecolors=COLORS["black"], linewidths=1.2,
                          zorder=5)
        star = left.scatter([], [], label="outlier (labelled +1)", **star_style)
        star.set_offsets(r["point"][None, :] if _inside(r["point"]) else np.empty((0, 2)))
        left.set(xlabel="x₁", ylabel="x₂", title="The lines without (thin) and with the outlier")

        right = fig.add_axes([0.62, 0.30, 0.36, 0.62])
        d = np.asarray(distances)
        markers = {}
        for name in NAMES:
            style = MODEL_STYLES[name]
            right.plot(d, sweep[name]["shift"], color=style["color"], linestyle=style["linestyle"], linewidth=1.8)
            markers[name] = right.plot([r["distance"]], [r[name]["shift"]], marker=MARKERS[name], markersize=11,
                                       markerfacecolor="none", markeredgewidth=2.2, color=style["color"],
                                       linestyle="none")[0]
        top = 1.15 * max(float(np.max(sweep[name]["shift"])) for name in NAMES)
        if sweep["crossover"] is not None:
            right.axvline(sweep["crossover"], color=COLORS["grey"], linestyle=":", linewidth=1.5)
        right.set_xscale("log")
        right.set(xlim=(d[0] / 1.6, d[-1] * 1.6), ylim=(-0.06 * top, top), xlabel="outlier's distance d",
                  ylabel="shift of the line", title="How far each line moved")
        on_axis = right.scatter([r["distance"]], [-0.03 * top], clip_on=False, **{**star_style, "s": 260})
        handles, labels = left.get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=3, frameon=False)
        moving = [*(piece for name in NAMES for piece in (lines[name].line, markers[name])), star, on_axis]

        def update(r):
            for name in NAMES:
                lines[name].update(r[name]["w"], r[name]["b"])
                markers[name].set_data([r["distance"]], [r[name]["shift"]])
            star.set_offsets(r["point"][None, :] if _inside(r["point"]) else np.empty((0, 2)))
            on_axis.set_offsets([[r["distance"], -0.03 * top]])

        return update, moving  # the rest (axes, data, curves, legend) is kept as pixels

    slider = widgets.SelectionSlider(options=[(f"{d:g}", d) for d in distances], value=float(distance),
                                     description="distance d")
    return LiveView({"distance": slider}, compute, draw, _describe, figsize=FIGSIZE)
