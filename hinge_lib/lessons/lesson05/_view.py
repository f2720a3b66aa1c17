"""The lesson's interactive view: pick a point, move it, and watch whether the exact line moves."""

from __future__ import annotations

import numpy as np

from ... import kkt_groups, solve_exact
from ..._validation import as_float_array, check_binary_labels, check_positive, check_same_length
from ...style import COLORS, CLASS_STYLES, plot_boundary, plot_points
from ._figures import KKT_STYLES
from ._moved import describe_moved_point, refit_with_moved_point

_EMPTY = np.empty((0, 2))
_SHORT_LABELS = {"on_margin": "0 < α < C (on the margin)", "at_bound": "α = C (inside the band\nor misclassified)"}


def moved_point_view(X, y, *, reg_strength=0.01, index=13, to=None, limits=(-3.0, 3.0)):
    """A :class:`hinge_lib.view.LiveView`: a point slider and two position sliders; each change refits the exact SVM.

    The figure shows the line after the move (black, with margins and shading), the line before it
    (dotted grey), the points, the moved point (a star, with a dotted path from where it was) and the
    KKT groups after the move (diamonds on the margin, rings at alpha = C). The text under it is
    :func:`refit_with_moved_point`'s verdict. Picking another point puts the position sliders on that
    point's own place (no offset carries over); the sliders span the fixed axes, so the moved point
    never leaves them.

    Parameters
    ----------
    X : array of shape (N, 2); y : labels in {-1, +1}
    reg_strength : float, lambda
    index : int, the point shown first
    to : (float, float), optional, where that point is moved in the first state (default: not moved)
    limits : (float, float), the axis limits of both coordinates

    Returns
    -------
    LiveView (``view.controls["index"]``, ``["x1"]``, ``["x2"]``; ``view.result`` is a ``MovedPoint``)
    """
    import ipywidgets as widgets

    from ...view import LiveView

    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"the view draws points in the plane; X has {X.shape[1]} features.")
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    reg_strength = check_positive(reg_strength, "reg_strength")
    lo, hi = (float(v) for v in limits)
    inset = 0.25  # the moved point and its marker stay inside the axes
    if not (lo < hi and np.all((X >= lo + inset) & (X <= hi - inset))):
        raise ValueError(f"limits {limits} must hold every point with a margin of {inset}.")
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < len(y):
        raise ValueError(f"index must be an integer in [0, {len(y) - 1}]; got {index!r}.")
    start = X[index] if to is None else np.clip(as_float_array(to, "to", ndim=1), lo + inset, hi - inset)
    before = solve_exact(X, y, reg_strength)  # the unmoved fit, once

    def slider(name, value):
        return widgets.FloatSlider(value=float(value), min=lo + inset, max=hi - inset, step=0.05, description=name,
                                   readout_format="+.2f", continuous_update=False)

    controls = {"index": widgets.IntSlider(value=int(index), min=0, max=len(y) - 1, description="point",
                                           continuous_update=False),
                "x1": slider("x₁", start[0]), "x2": slider("x₂", start[1])}

    def compute(index, x1, x2):
        return refit_with_moved_point(X, y, index, (x1, x2), reg_strength=reg_strength, before=before)

    def draw(fig, fit):
        ax = fig.add_axes((0.07, 0.1, 0.52, 0.8))
        after = plot_boundary(ax, fit.after.coef, fit.after.intercept, xlim=(lo, hi), ylim=(lo, hi),
                              label="line after the move")
        plot_boundary(ax, before.coef, before.intercept, xlim=(lo, hi), ylim=(lo, hi), margins=False, shade=False,
                      label="line before the move", color=COLORS["grey"], linestyle=":", linewidth=3.0)
        classes = plot_points(ax, X, y)
        path = ax.plot([], [], color=COLORS["black"], linestyle=":", linewidth=1.5, marker="x", markersize=8,
                       markevery=[0], zorder=5, label="where it was")[0]
        star = ax.scatter([], [], s=300, marker="*", facecolors="none", edgecolors=COLORS["black"], linewidths=1.6,
                          zorder=6, label="the moved point")
        marks = {key: ax.scatter([], [], label=_SHORT_LABELS[key], **KKT_STYLES[key])
                 for key in ("on_margin", "at_bound")}
        ax.set(xlabel="x₁", ylabel="x₂")
        ax.legend(loc="upper left", bbox_to_anchor=(1.03, 1.0), framealpha=0.9)
        title = ax.set_title("", y=1.02)  # a fixed place: no automatic title layout per redraw

        def update(fit):
            X_after = X.copy()
            X_after[fit.index] = fit.point_after
            after.update(fit.after.coef, fit.after.intercept)
            for collection, label in zip(classes, CLASS_STYLES):
                collection.set_offsets(X_after[y == label])
            path.set_data(*np.column_stack([fit.point_before, fit.point_after]))
            star.set_offsets(fit.point_after[None, :])
            groups = kkt_groups(fit.after.alpha, fit.C)
            for key, collection in marks.items():
                mask = getattr(groups, key)
                collection.set_offsets(X_after[mask] if mask.any() else _EMPTY)
            verdict = "the line MOVED" if fit.moved else "the line did not move"
            title.set_text(f"Point {fit.index}: α {fit.alpha_before:.2f} → {fit.alpha_after:.2f}, {verdict}")

        update(fit)
        moving = [after.line, *after.margins, *after.shades, *classes, path, star, *marks.values(), title]
        return update, moving  # the rest (axes, legend, the line before) is kept as pixels

    view = LiveView(controls, compute, draw, describe_moved_point, figsize=(9.4, 5.6))

    # A new point starts where it is: move the position sliders there *before* the view recomputes, so
    # the previous point's offset never carries over (one update per pick, with consistent values).
    point = controls["index"]
    point.unobserve(view.update, names="value")

    def on_pick(change):
        for name, value in zip(("x1", "x2"), X[change["new"]]):
            controls[name].unobserve(view.update, names="value")
            controls[name].value = float(value)
            controls[name].observe(view.update, names="value")
        view.update()

    point.observe(on_pick, names="value")
    return view
