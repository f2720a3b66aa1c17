"""Lesson 02's view: one point's hinge loss on the curve, as its score and label change.

A slider move changes only the point, its drop line, its note and the title; everything else
(curves, shading, axes, legend) depends on the label alone. So the view lists those four as its
moving artists and keys the still layers by the label: the core's LiveView draws that background
once per label, keeps its pixels, and per update pastes them back and draws just the four on top
("blitting"), several times cheaper than redrawing the whole figure.
"""

from __future__ import annotations

import numpy as np

from ...style import CLASS_STYLES, COLORS, MODEL_STYLES
from ...view import LiveView
from ._cases import hinge_cases
from ._losses import hinge, zero_one


def _compute(score, y):
    # A slider's value can arrive as 0.30000000000000004; round it to the slider's resolution, so that
    # a score of exactly 1 is "on the margin".
    return hinge_cases(round(float(score), 9), y)


def _title(case):
    return (f"y = {case.y[0]:+.0f}, f(x) = {case.score[0] + 0.0:+.2f}: m = {case.margin[0] + 0.0:+.2f}, "
            f"{case.position[0]}, loss {case.loss[0]:.2f}")


def _draw(fig, case, limit):
    """Draw the first state once; return ``update(case)``, which only moves artists."""
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.13, top=0.91)
    ax = fig.add_subplot()
    edge = 1.05 * limit  # a little room, so that a point at the slider's end is drawn whole
    s = np.linspace(-edge, edge, 1201)
    curve = ax.plot(s, s, linewidth=2.6, label="hinge loss max(0, 1 − y f)", zorder=3, **MODEL_STYLES["hinge"])[0]
    step = ax.plot(s, s, color=COLORS["black"], linestyle="--", linewidth=1.5, label="0-1 loss", zorder=2)[0]
    flat = ax.axvspan(1.0, edge, color=COLORS["green"], alpha=0.14, lw=0, label="flat region: m ≥ 1, loss 0")
    ax.axvline(0.0, color=COLORS["black"], linewidth=1.0, label="boundary: m = 0")
    margin = ax.axvline(1.0, color=COLORS["grey"], linestyle="--", linewidth=1.5, label="margin: m = 1")
    drop = ax.plot([0.0, 0.0], [0.0, 0.0], linestyle=":", linewidth=2.0, zorder=4)[0]
    point = ax.plot([0.0], [0.0], linestyle="none", markersize=13, markeredgecolor="white", zorder=5)[0]
    note = ax.annotate("", (0.0, 0.0), xytext=(10, 8), textcoords="offset points", fontsize=13, zorder=6)
    ax.set(xlim=(-edge, edge), ylim=(-0.15, edge + 1.3), xlabel="score f(x)", ylabel="loss")
    title = ax.set_title(" ")
    legend = ax.legend(loc="upper right", framealpha=0.95)
    moving = [drop, point, note, title]

    def update(case):
        score, y, loss = float(case.score[0]), float(case.y[0]), float(case.loss[0])
        curve.set_ydata(hinge(y * s))  # the curve mirrors when the label flips
        step.set_ydata(zero_one(y * s))
        flat.set_x(1.0 if y > 0 else -edge)
        flat.set_width(edge - 1.0)
        margin.set_xdata([y, y])
        style = CLASS_STYLES[int(y)]
        for artist in (drop, point):
            artist.set_color(style["color"])
        point.set_marker(style["marker"])
        drop.set_data([score, score], [0.0, loss])
        point.set_data([score], [loss])
        note.xy = (score, loss)
        right_half = score > limit / 2  # keep the text inside the axes near the right edge
        note.set_position((-12 if right_half else 12, 8))
        note.set_horizontalalignment("right" if right_half else "left")
        note.set_text(f"loss {loss:.2f}")
        title.set_text(_title(case))
        legend.set_loc("upper right" if y > 0 else "upper left")  # over the flat side, away from the curve
        return y  # the still layers depend on the label: one background per label

    update(case)
    return update, moving


def hinge_point_view(score=0.5, y=1, *, limit=3.0, step=0.1):
    """A score slider and a label toggle showing one point's hinge loss on the curve, and where it sits.

    The figure draws the hinge ``max(0, 1 - y f)`` and the 0-1 loss against the score ``f`` for the
    chosen label, the flat region (``m = y f >= 1``), the boundary (``m = 0``) and the margin
    (``m = 1``), and the point on the curve; the text under it is the point's row of
    :func:`hinge_cases`. Every update moves the artists of one persistent figure and redraws only
    those that move (see the module docstring).

    Parameters
    ----------
    score : float, default 0.5
        The starting score, in ``[-limit, limit]``.
    y : {1, -1}, default 1
        The starting label.
    limit : float, default 3.0
        The slider runs over ``[-limit, limit]``; the figure's score axis is 5% wider, so that a point at
        either end is drawn whole.
    step : float, default 0.1
        The slider's step.

    Returns
    -------
    hinge_lib.view.LiveView
        Its ``controls`` are ``"score"`` (a ``FloatSlider``) and ``"y"`` (``ToggleButtons``);
        ``view.result`` is a :func:`hinge_cases` result with one row.

    Examples
    --------
    >>> view = hinge_point_view(score=0.5, y=1)
    >>> view.controls["y"].value = -1     # the same score for a class -1 point: misclassified
    >>> print(view.text)
      y     f(x)  m = y f(x)  hinge loss  position
     -1    +0.50       -0.50        1.50  misclassified
    """
    import ipywidgets as widgets

    if y not in (1, -1) or isinstance(y, bool):
        raise ValueError(f"y must be 1 or -1 (the label of the point); got {y!r}.")
    if not (np.isfinite(limit) and limit > 1.0):
        raise ValueError(f"limit must be a number > 1 so that the margin m = 1 is on the axis; got {limit!r}.")
    if not (np.isfinite(step) and 0 < step <= limit):
        raise ValueError(f"step must be a number in (0, limit]; got {step!r}.")
    if not (np.isfinite(score) and -limit <= score <= limit):
        raise ValueError(f"score must lie in [-limit, limit] = [{-limit:g}, {limit:g}]; got {score!r}.")
    controls = {
        "score": widgets.FloatSlider(value=float(score), min=-limit, max=limit, step=step, description="score f(x)",
                                     readout_format="+.1f"),
        "y": widgets.ToggleButtons(options=[("+1", 1), ("-1", -1)], value=int(y), description="label y"),
    }
    return LiveView(controls, _compute, lambda fig, case: _draw(fig, case, float(limit)), str, figsize=(9.0, 4.8))
