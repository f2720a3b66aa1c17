"""Lesson 03's pictures: the subgradients at the kink, and the view of which points make the gradient."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.patches import FancyArrowPatch

from ..._validation import as_float_array, check_binary_labels, check_positive, check_same_length
from ...objective import svm_objective_and_grad
from ...style import CLASS_STYLES, COLORS, COURSE_RC, MODEL_STYLES, plot_boundary, plot_points, plot_support_vectors
from ...support import margin_violators

HINGE = MODEL_STYLES["hinge"]


def plot_subgradients(axes, *, slopes=(-1.0, -0.75, -0.5, -0.25, 0.0), s_range=(-1.0, 3.0)):
    """The hinge of a class +1 point against its score, and its derivative, with every subgradient at the kink.

    Left: ``max(0, 1 - s)`` and the lines ``g (s - 1)`` through the kink for the given slopes; each
    stays below the curve, so each ``g`` is a valid subgradient. Right: the derivative, ``-1`` then
    ``0``, the whole interval ``[-1, 0]`` at the kink, and the value ``hinge_lib`` picks there (0).

    Parameters
    ----------
    axes : two matplotlib Axes
    slopes : the slopes of the supporting lines to draw
    s_range : (low, high), the scores shown

    Returns
    -------
    the two Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> left, right = plot_subgradients(Figure().subplots(1, 2))
    >>> left.get_title().startswith("Every line")
    True
    """
    ax1, ax2 = axes
    s = np.linspace(*s_range, 401)
    ax1.plot(s, np.maximum(0.0, 1.0 - s), linewidth=2.6, label="hinge max(0, 1 − s)", zorder=3, **HINGE)
    for k, g in enumerate(slopes):
        ax1.plot(s, g * (s - 1.0), color=COLORS["grey"], linewidth=1.2, linestyle="--",
                 label="lines g (s − 1), g in [−1, 0]" if k == 0 else None)
    ax1.plot([1.0], [0.0], "o", color=COLORS["black"], markersize=8, label="kink at s = 1", zorder=4)
    ax1.set(xlim=s_range, ylim=(-1.0, 2.2), xlabel="score s (label y = +1)", ylabel="loss",
            title="Every line through the kink with\nslope in [−1, 0] stays below the hinge")
    ax1.legend(loc="upper right")

    left, right = s[s < 1.0], s[s > 1.0]
    ax2.plot(left, np.full_like(left, -1.0), linewidth=2.6, label="−y = −1 for s < 1", **HINGE)
    ax2.plot(right, np.zeros_like(right), linewidth=2.6, color=HINGE["color"], linestyle=":", label="0 for s > 1")
    ax2.plot([1.0, 1.0], [-1.0, 0.0], color=COLORS["grey"], linewidth=7, alpha=0.5,
             label="subgradients at s = 1: [−1, 0]")
    ax2.plot([1.0], [0.0], "o", color=COLORS["black"], markersize=9, label="hinge_lib's choice: 0", zorder=4)
    ax2.set(xlim=s_range, ylim=(-1.4, 1.3), xlabel="score s (label y = +1)", ylabel="d loss / ds",
            title="The derivative jumps at the kink")
    ax2.legend(loc="upper left")
    return axes


# --------------------------------------------------------------------------- the view

BOX = (-3.0, 3.0, -3.0, 3.0)  # the plane panel's fixed limits (the toy data lie in [-2.5, 2.5]^2)
M_LIMITS = (-3.0, 4.0)  # the hinge panel's fixed margin axis; margins beyond it are drawn at its edge
M_SHOWN = (-2.9, 3.9)  # where those points are drawn, so that their markers stay inside the panel


def _signed(value, fmt="+.4f"):
    text = format(float(value), fmt)
    return format(0.0, fmt) if text == format(-0.0, fmt) else text


def _gradient_state(X, y, reg_strength, w1, w2, b):
    """What the view shows at (w1, w2, b): margins, the active points and J with its gradient (a plain dict)."""
    w = np.array([w1, w2], dtype=float)
    J, grad_w, grad_b = svm_objective_and_grad(X, y, w, b, reg_strength)
    scores = X @ w + b
    return dict(w=w, b=float(b), margins=y * scores, active=margin_violators(scores, y), J=J, grad_w=grad_w,
                grad_b=grad_b)


def _describe(y, state):
    active, w = state["active"], state["w"]
    n_pos, n_neg = int(np.sum(active & (y > 0))), int(np.sum(active & (y < 0)))
    gw = state["grad_w"]
    return (f"w = ({_signed(w[0], '+.1f')}, {_signed(w[1], '+.1f')}), b = {_signed(state['b'], '+.1f')}: "
            f"{int(active.sum())} of {len(y)} points are active (margin y f(x) < 1), "
            f"{n_pos} of class +1 and {n_neg} of class -1\n"
            f"J = {state['J']:.4f}   grad_w J = ({_signed(gw[0])}, {_signed(gw[1])})   "
            f"dJ/db = {_signed(state['grad_b'])}")


def _arrow_end(start, direction, box, length=1.0):
    """``start + t * direction`` with ``t <= length`` as large as keeps the end inside ``box``."""
    x0, x1, y0, y1 = box
    t = length
    for k, (lo, hi) in enumerate(((x0, x1), (y0, y1))):
        if direction[k] > 0:
            t = min(t, (hi - start[k]) / direction[k])
        elif direction[k] < 0:
            t = min(t, (lo - start[k]) / direction[k])
    return start + max(t, 0.0) * direction


def _draw(fig, X, y, state):
    """Draw the first state of the view once, in the course style; return ``update(state)`` that moves the artists."""
    with mpl.rc_context(COURSE_RC):
        return _draw_in_style(fig, X, y, state)


def _draw_in_style(fig, X, y, state):
    fig.subplots_adjust(left=0.07, right=0.98, top=0.93, bottom=0.29, wspace=0.25)
    ax1, ax2 = fig.subplots(1, 2)
    boundary = plot_boundary(ax1, state["w"], state["b"], xlim=BOX[:2], ylim=BOX[2:])
    points = plot_points(ax1, X, y)
    rings = plot_support_vectors(ax1, X, state["active"], label="active: margin < 1 (slope −1)")
    arrows = {name: ax1.add_patch(FancyArrowPatch((0, 0), (0, 0), arrowstyle="-|>", mutation_scale=18, linewidth=2.5,
                                                  color=COLORS[colour], zorder=5, shrinkA=0, shrinkB=0))
              for name, colour in (("w", "black"), ("step", "vermillion"))}
    for name, text in (("w", "w, from the origin"), ("step", "−∇w J direction, from w's tip")):
        ax1.plot([], [], color=arrows[name].get_ec(), linewidth=2.5, marker=">", markersize=8, label=text)
    ax1.set(xlabel="x₁", ylabel="x₂", title="Active points and the gradient step")

    m = np.linspace(*M_LIMITS, 200)
    ax2.plot(m, np.maximum(0.0, 1.0 - m), linewidth=2.2, label="hinge max(0, 1 − m)", **HINGE)
    ax2.axvline(1.0, color=COLORS["grey"], linestyle=":", linewidth=1.5, label="kink at m = 1")
    on_curve = {label: ax2.scatter([], [], s=45, c=style["color"], marker=style["marker"], edgecolors="white",
                                   linewidths=0.5, zorder=3) for label, style in CLASS_STYLES.items()}
    curve_rings = ax2.scatter([], [], s=160, facecolors="none", edgecolors=COLORS["vermillion"], linewidths=2.0,
                              zorder=4)
    ax2.set(xlim=M_LIMITS, ylim=(-0.3, 1.0 - M_LIMITS[0] + 0.5), xlabel="margin m = y f(x)", ylabel="hinge loss",
            title="Only points with m < 1 have a gradient")
    handles, labels = ax1.get_legend_handles_labels()
    more_handles, more_labels = ax2.get_legend_handles_labels()
    fig.legend(handles + more_handles, labels + more_labels, loc="lower center", ncol=3, frameon=False,
               columnspacing=1.2, handletextpad=0.5)

    def update(state):
        w, active = state["w"], state["active"]
        boundary.update(w, state["b"])
        rings.set_offsets(X[active])
        norm_g = float(np.hypot(*state["grad_w"]))
        ends = {"w": (np.zeros(2), w),
                "step": (w, _arrow_end(w, -state["grad_w"] / norm_g, BOX) if norm_g > 0 else w)}
        for name, (start, end) in ends.items():
            arrows[name].set_positions(tuple(start), tuple(end))
            arrows[name].set_visible(bool(np.any(end != start)))
        shown_m = np.clip(state["margins"], *M_SHOWN)
        on_hinge = np.column_stack([shown_m, np.maximum(0.0, 1.0 - shown_m)])
        for label, scatter in on_curve.items():
            scatter.set_offsets(on_hinge[y == label])
        curve_rings.set_offsets(on_hinge[active])

    update(state)
    moving = [*boundary.shades, boundary.line, *boundary.margins, *points, rings, *arrows.values(), *on_curve.values(),
              curve_rings]
    return update, moving  # the view redraws only these; the rest is kept as pixels (blitting)


def gradient_view(X, y, *, reg_strength=0.01, w=(1.0, -0.6), b=0.4, limit=3.0, step=0.1):
    """Sliders for ``w1``, ``w2`` and ``b``: which points are active (margin < 1) and where J's gradient points.

    Left panel: the points, the boundary and margin lines of (w, b), the active points ringed, the
    vector ``w`` from the origin and, from its tip, the direction of ``-grad_w J`` (unit length, or
    shorter where the panel ends): the way a gradient step moves ``w``. Right panel: each point on
    the hinge at its own margin; only the ringed ones, on the sloped part, enter the gradient.
    The numbers come from :func:`hinge_lib.svm_objective_and_grad` and
    :func:`hinge_lib.margin_violators`; the text under the figure prints them.

    Parameters
    ----------
    X : array of shape (N, 2), inside [-3, 3]^2
    y : labels in {-1, +1}
    reg_strength : float > 0, lambda of J
    w, b : the starting parameters
    limit, step : the sliders run from -limit to +limit in steps of ``step`` (limit at most 3)

    Returns
    -------
    hinge_lib.view.LiveView

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> view = gradient_view(X, y)
    >>> print(view.text.splitlines()[0])
    w = (+1.0, -0.6), b = +0.4: 26 of 60 points are active (margin y f(x) < 1), 11 of class +1 and 15 of class -1
    >>> view.controls["b"].value = -0.5                  # what a slider does
    >>> print(view.text.splitlines()[1])
    J = 0.4139   grad_w J = (-0.1138, +0.0812)   dJ/db = -0.3000
    """
    import ipywidgets as widgets

    from ...view import LiveView

    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"gradient_view draws points in the plane: X must have 2 columns; got {X.shape[1]}.")
    if np.abs(X).max() > BOX[1]:
        raise ValueError(f"gradient_view draws the square [-3, 3]^2; X has a point at {np.abs(X).max():.3g} "
                         "from the origin along an axis. Rescale X (or use a subset inside the square).")
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    reg_strength = check_positive(reg_strength, "reg_strength")
    limit, step = check_positive(limit, "limit", upper=BOX[1]), check_positive(step, "step")
    start = {"w1": float(w[0]), "w2": float(w[1]), "b": float(b)}
    if any(abs(v) > limit for v in start.values()):
        raise ValueError(f"the starting w and b must lie within the sliders' range [-{limit:g}, {limit:g}]; "
                         f"got {start}.")
    controls = {name: widgets.FloatSlider(value=value, min=-limit, max=limit, step=step, description=name,
                                          readout_format=".1f") for name, value in start.items()}
    return LiveView(controls, lambda w1, w2, b: _gradient_state(X, y, reg_strength, w1, w2, b),
                    lambda fig, state: _draw(fig, X, y, state), lambda state: _describe(y, state),
                    figsize=(9.5, 5.6))
