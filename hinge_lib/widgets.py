"""Interactive views for the lessons, built on ipywidgets.

Every widget here follows one pattern (:class:`LiveView`): a few controls, a *pure* function of
the library that turns the control values into a result, and a drawing function that turns the
result into a matplotlib figure. The callback does nothing else, so:

* the pure function is tested on its own, and the widget is tested headlessly in pytest by
  setting ``control.value`` and reading ``view.result`` / ``view.text``;
* an exception in a callback (which Jupyter would swallow) can only come from drawing.

Lessons show a static figure of the same view next to each widget, so the lesson reads
without a live kernel.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import clear_output, display

from . import geometry, margin_losses, plotting


def _as_png(fig):
    """What a view displays for ``fig``: for a fixed- or constrained-layout figure in a kernel, a PNG drawn in one pass.

    Displaying the figure itself makes the inline backend crop it to a "tight" box, which costs
    a second full layout and draw, about a quarter of a widget update (see benchmarks/). A figure
    with fixed margins (marked with a PlaceHolderLayoutEngine) or constrained layout already fits its canvas and needs no
    cropping. Any other figure, or
    outside a kernel (pytest, where nothing renders it), the figure is passed on as it is.
    """
    from IPython import get_ipython
    from matplotlib.layout_engine import ConstrainedLayoutEngine, PlaceHolderLayoutEngine

    fits_canvas = isinstance(fig.get_layout_engine(), (ConstrainedLayoutEngine, PlaceHolderLayoutEngine))
    if getattr(get_ipython(), "kernel", None) is None or not fits_canvas:
        return fig
    from IPython.core.pylabtools import print_figure
    from IPython.display import Image

    return Image(data=print_figure(fig, "png", bbox_inches=None), format="png")


class LiveView:
    """Controls + a pure ``compute(**values)`` + ``draw(result, **values) -> Figure``.

    Parameters
    ----------
    controls : dict of name -> ipywidgets control (slider, dropdown, ...)
    compute : callable(**values) -> result, a pure function (no drawing)
    draw : callable(result, **values) -> matplotlib Figure, or None for a text-only view
    describe : callable(result, **values) -> str, optional text printed under the figure
    """

    def __init__(self, controls, compute, draw=None, describe=None):
        self.controls = dict(controls)
        self.compute = compute
        self.draw = draw
        self.describe = describe
        self.output = widgets.Output()
        self.result = None
        self.text = ""
        self.n_updates = 0
        for control in self.controls.values():
            if hasattr(control, "continuous_update"):
                control.continuous_update = False  # redraw when the slider is released, not at every pixel
            control.observe(self.update, names="value")
        self.box = widgets.VBox([widgets.HBox(list(self.controls.values())), self.output])
        self.update()

    @property
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None):
        """Recompute the result and redraw (the callback bound to every control)."""
        values = self.values
        self.result = self.compute(**values)
        self.text = self.describe(self.result, **values) if self.describe else ""
        self.n_updates += 1
        with self.output:
            clear_output(wait=True)
            if self.draw is not None:
                fig = self.draw(self.result, **values)
                display(_as_png(fig))
                plt.close(fig)
            if self.text:
                print(self.text)

    def _ipython_display_(self):
        display(self.box)


# --------------------------------------------------------------------------- lesson 01: margin geometry


def _signed(v, fmt):
    return format(float(v) + 0.0, fmt)  # + 0.0 turns -0.0 into 0.0


def format_margin_report(report, X, y):
    """The table lesson 01 prints: each point's score, functional and geometric margin and position."""
    if report is None:
        return "w = (0, 0): there is no boundary (every score equals b). Move w1 or w2 away from 0."
    w, b = report.w, report.b
    lines = [
        f"w = ({_signed(w[0], '+.2f')}, {_signed(w[1], '+.2f')}), b = {_signed(b, '+.2f')}, "
        f"||w|| = {report.norm:.3f}, band width 2/||w|| = {report.width:.3f}",
        f"{'i':>2} {'x1':>6} {'x2':>6} {'y':>3} {'f(x)':>7} {'y f(x)':>7} {'y f/||w||':>9}  position",
    ]
    for i, (x, label) in enumerate(zip(np.asarray(X, dtype=float), np.asarray(y, dtype=float))):
        lines.append(
            f"{i:>2} {_signed(x[0], '+6.2f')} {_signed(x[1], '+6.2f')} {label:+3.0f} "
            f"{_signed(report.scores[i], '+7.3f')} {_signed(report.functional[i], '+7.3f')} "
            f"{_signed(report.geometric[i], '+9.3f')}  {report.position[i]}"
        )
    return "\n".join(lines)


def margin_geometry_figure(report, X, y, *, distances=None, title=None):
    """The figure of lesson 01's widget (and of its static twin): a new Figure, not shown."""
    fig, ax = plt.subplots(figsize=(8.4, 5.4), layout="constrained")
    if report is None:
        plotting.plot_points(X, y, ax=ax, s=70)
        ax.set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal", title=title or "w = (0, 0): no boundary")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
        return fig
    if title is None:
        title = f"w = ({report.w[0]:.1f}, {report.w[1]:.1f}), b = {report.b + 0.0:.1f}"
    plotting.plot_margin_geometry(X, y, report.w, report.b, ax=ax,
                                  distances=range(len(X)) if distances is None else distances, title=title)
    return fig


def margin_geometry_view(X, y, *, w=(1.0, 1.0), b=0.0, limit=3.0, step=0.1):
    """Sliders for ``w1``, ``w2`` and ``b``; redraws boundary, margin lines and distances and prints every
    point's functional and geometric margin (``geometry.margin_report``). ``w = (0, 0)`` is reported,
    not an error."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)

    def slider(name, value):
        return widgets.FloatSlider(value=value, min=-limit, max=limit, step=step, description=name,
                                   readout_format=".1f")

    def compute(w1, w2, b):
        if w1 == 0 and w2 == 0:
            return None
        return geometry.margin_report(X, y, (w1, w2), b)

    return LiveView(
        {"w1": slider("w1", float(w[0])), "w2": slider("w2", float(w[1])), "b": slider("b", float(b))},
        compute,
        draw=lambda report, **_: margin_geometry_figure(report, X, y),
        describe=lambda report, **_: format_margin_report(report, X, y),
    )


# --------------------------------------------------------------------------- lesson 02: hinge loss


def format_hinge_case(case):
    """One line: the label, score, margin, hinge loss and region of a ``margin_losses.HingeCase``."""
    return (
        f"y = {case.y:+.0f}, f(x) = {_signed(case.score, '+.2f')}: margin y f(x) = {_signed(case.margin, '+.2f')}, "
        f"hinge loss max(0, 1 - y f(x)) = {case.loss:.2f}  ({case.region})"
    )


def hinge_case_figure(cases, *, title=None):
    """The figure of lesson 02's widget (and of its static twin): a new Figure, not shown."""
    fig, ax = plt.subplots(figsize=(7.0, 4.6), layout="constrained")
    plotting.plot_hinge_case(cases, ax=ax, title=title)
    return fig


def hinge_case_view(*, score=0.5, y=1, limit=3.0, step=0.1):
    """A score slider and a label toggle; shows the point's hinge loss on the curve
    (``margin_losses.hinge_case``)."""
    controls = {
        "score": widgets.FloatSlider(value=score, min=-limit, max=limit, step=step, description="score f(x)",
                                     readout_format=".1f"),
        "y": widgets.ToggleButtons(options=[("+1", 1), ("-1", -1)], value=y, description="label y"),
    }
    return LiveView(
        controls,
        margin_losses.hinge_case,
        draw=lambda case, **_: hinge_case_figure(case),
        describe=lambda case, **_: format_hinge_case(case),
    )


# --------------------------------------------------------------------------- lesson 03: the gradient


def format_gradient_breakdown(g):
    """One line per fact of a ``objective.GradientBreakdown``: active points, J and its gradient."""
    n_active, n = int(g.active.sum()), len(g.margins)
    return (
        f"{n_active} of {n} points are active (margin y f(x) < 1); J = {g.objective:.4f}\n"
        f"grad_w J = ({_signed(g.grad_w[0], '+.4f')}, {_signed(g.grad_w[1], '+.4f')}), "
        f"dJ/db = {_signed(g.grad_b, '+.4f')}"
    )


def _two_panel_figure():
    """Two panels side by side with fixed margins (room for the legend below the left panel).

    A fixed layout costs nothing at draw time; constrained layout measures every label first and
    took about a third of each widget update (190 -> 127 ms for lesson 03's view, see benchmarks/).
    """
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    fig, axes = plt.subplots(1, 2, figsize=(12.5, 6.0))
    fig.subplots_adjust(left=0.07, right=0.98, top=0.93, bottom=0.27, wspace=0.25)
    # marks the layout as fixed on purpose, so _as_png shows the canvas as it is, uncropped
    fig.set_layout_engine(PlaceHolderLayoutEngine(adjust_compatible=True, colorbar_gridspec=True))
    return fig, axes


def gradient_figure(X, y, w, b, reg_strength):
    """The figure of lesson 03's widget (and of its static twin): a new Figure, not shown."""
    fig, axes = _two_panel_figure()
    plotting.plot_gradient_breakdown(X, y, w, b, reg_strength, axes=axes)
    return fig


def gradient_view(X, y, *, reg_strength=0.01, w=(1.0, -0.6), b=0.4, limit=3.0, step=0.1):
    """Sliders for ``w1``, ``w2`` and ``b``; shows which points are active (margin < 1) and the gradient
    of J (``objective.gradient_breakdown``)."""
    from .objective import gradient_breakdown

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)

    def slider(name, value):
        return widgets.FloatSlider(value=value, min=-limit, max=limit, step=step, description=name,
                                   readout_format=".1f")

    return LiveView(
        {"w1": slider("w1", float(w[0])), "w2": slider("w2", float(w[1])), "b": slider("b", float(b))},
        lambda w1, w2, b: gradient_breakdown(X, y, [w1, w2], b, reg_strength),
        draw=lambda g, w1, w2, b: gradient_figure(X, y, [w1, w2], b, reg_strength),
        describe=lambda g, **_: format_gradient_breakdown(g),
    )


# --------------------------------------------------------------------------- lesson 04: training


def format_snapshot(snap):
    """One line: the epoch, (w, b), support-vector count and loss of a ``training.Snapshot``."""
    return (
        f"epoch {snap.epoch}: w = ({_signed(snap.coef[0], '+.3f')}, {_signed(snap.coef[1], '+.3f')}), "
        f"b = {_signed(snap.intercept, '+.3f')}, {snap.n_support} support vectors, "
        f"mean hinge {snap.loss:.4f}, J = {snap.objective:.4f}"
    )


def training_epoch_figure(X, y, history, epoch):
    """The figure of lesson 04's epoch slider: a new Figure, not shown."""
    fig, axes = _two_panel_figure()
    plotting.plot_training_epoch(X, y, history, epoch, axes=axes)
    return fig


def epoch_replay_view(model, X, y, *, epoch=0):
    """An epoch slider over a fitted binary ``LinearSVM``'s ``history_``: replays the boundary
    (``training.snapshot``) without refitting."""
    from .training import snapshot

    history = model.history_
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    control = widgets.IntSlider(value=epoch, min=0, max=len(history["epoch"]) - 1, step=1, description="epoch")
    return LiveView(
        {"epoch": control},
        lambda epoch: snapshot(history, epoch, X, y),
        draw=lambda snap, epoch: training_epoch_figure(X, y, history, epoch),
        describe=lambda snap, **_: format_snapshot(snap),
    )


def format_regularised_fit(fit):
    """One line: lambda, C, (w, b), the band width and the support-vector count of a ``training.RegularisedFit``."""
    return (
        f"lambda = {fit.reg_strength:g} (C = 1/(lambda N) = {fit.C:.4g}): "
        f"w = ({_signed(fit.coef[0], '+.3f')}, {_signed(fit.coef[1], '+.3f')}), b = {_signed(fit.intercept, '+.3f')}, "
        f"band width 2/||w|| = {fit.margin_width:.3f}, {fit.n_support} support vectors"
    )


def regularised_fit_figure(X, y, fit):
    """The figure of lesson 04's lambda slider: a new Figure, not shown."""
    fig, ax = plt.subplots(figsize=(6.4, 6.8))
    plotting.plot_regularised_fit(X, y, fit, ax=ax)
    fig.tight_layout()
    return fig


def regularisation_view(X, y, *, reg_strengths=(0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0), reg_strength=0.01,
                        solver="exact"):
    """A lambda slider: refits J(w, b) at each value (``training.fit_reg_strength``, exact solver by
    default) and shows the band widen and the support-vector set grow as lambda grows."""
    from .training import fit_reg_strength

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    control = widgets.SelectionSlider(options=[(f"{lam:g}", float(lam)) for lam in reg_strengths],
                                      value=float(reg_strength), description="lambda")
    return LiveView(
        {"reg_strength": control},
        lambda reg_strength: fit_reg_strength(X, y, reg_strength, solver=solver),
        draw=lambda fit, **_: regularised_fit_figure(X, y, fit),
        describe=lambda fit, **_: format_regularised_fit(fit),
    )


# --------------------------------------------------------------------------- lesson 05: support vectors


def format_moved_point(fit):
    """Three lines about a ``support.MovedPointFit``: where the point went, its alpha, and the verdict."""
    p, q = fit.point_before, fit.point_after
    verdict = (
        f"boundary MOVED: max |change in w, b| = {fit.change:.4f}"
        if fit.boundary_moved
        else "boundary unchanged: max |change in w, b| < 1e-7 (solver rounding)"
    )
    return (
        f"point {fit.index} moved from ({p[0] + 0.0:+.2f}, {p[1] + 0.0:+.2f}) to ({q[0] + 0.0:+.2f}, {q[1] + 0.0:+.2f})\n"
        f"alpha before {fit.alpha_before:.3f}, after {fit.alpha_after:.3f} (C = {fit.C:.3f}); "
        f"its margin y f at the old boundary: {fit.margin_at_old_boundary + 0.0:+.3f}\n{verdict}"
    )


def moved_point_figure(fit, X, y, *, title=None):
    """The figure of lesson 05's widget (and of its static twin): a new Figure, not shown."""
    fig, ax = plt.subplots(figsize=(6.4, 6.0))
    plotting.plot_moved_point(fit, X, y, ax=ax, title=title)
    return fig


def moved_point_view(X, y, *, reg_strength=0.01, index=0, limit=3.0, step=0.1):
    """Pick a point by index and move it with two sliders; the exact SVM is refitted
    (``support.refit_with_moved_point``) and the boundary moves only if the point is a support vector."""
    from .exact import solve_exact
    from .support import refit_with_moved_point

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    before = solve_exact(X, y, reg_strength)  # the unmoved fit, once
    controls = {
        "index": widgets.IntSlider(value=index, min=0, max=len(X) - 1, step=1, description="point"),
        "dx1": widgets.FloatSlider(value=0.0, min=-limit, max=limit, step=step, description="move x1",
                                   readout_format=".1f"),
        "dx2": widgets.FloatSlider(value=0.0, min=-limit, max=limit, step=step, description="move x2",
                                   readout_format=".1f"),
    }
    return LiveView(
        controls,
        lambda index, dx1, dx2: refit_with_moved_point(X, y, index, (dx1, dx2), reg_strength=reg_strength,
                                                       before=before),
        draw=lambda fit, **_: moved_point_figure(fit, X, y),
        describe=lambda fit, **_: format_moved_point(fit),
    )


# --------------------------------------------------------------------------- lesson 06: squared hinge


def format_outlier_effect(effect, distance):
    """One line per loss of ``outliers.outlier_effect``: how far the boundary moved, the outlier's alpha."""
    lines = [f"outlier at distance {distance:.1f} from the true boundary, on the wrong side"]
    for loss, fit in effect.items():
        lines.append(f"{loss:>13}: boundary shift {fit.shift:.3f}, outlier's alpha {fit.alpha_outlier:.3f}")
    return "\n".join(lines)


def outlier_figure(X, y, effect, outlier, *, title=None):
    """The figure of lesson 06's widget (and of its static twin): a new Figure, not shown."""
    fig, ax = plt.subplots(figsize=(10.0, 5.6), layout="constrained")
    plotting.plot_outlier_effect(X, y, effect, outlier, ax=ax, title=title)
    return fig


def outlier_view(X, y, *, reg_strength=0.01, distance=5.0, max_distance=10.0, step=0.5):
    """A slider for how far the mislabelled outlier sits from the true boundary; refits the hinge and
    the squared hinge exactly with and without it (``outliers.outlier_effect``)."""
    from .exact import solve_exact
    from .objective import LOSSES
    from .outliers import mislabelled_outlier, outlier_effect

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    clean = {loss: solve_exact(X, y, reg_strength, loss=loss) for loss in LOSSES}  # without the outlier, once

    def compute(distance):
        point, label = mislabelled_outlier(distance)
        return point, outlier_effect(X, y, point, label, reg_strength=reg_strength, clean=clean)

    control = widgets.FloatSlider(value=distance, min=step, max=max_distance, step=step, description="distance",
                                  readout_format=".1f")
    return LiveView(
        {"distance": control},
        compute,
        draw=lambda result, **_: outlier_figure(X, y, result[1], result[0]),
        describe=lambda result, distance: format_outlier_effect(result[1], distance),
    )


# --------------------------------------------------------------------------- lesson 07: multi-class hinge


def multiclass_terms_figure(result):
    """The figure of lesson 07's widget (and of its static twin): a new Figure, not shown."""
    fig, axes = plt.subplots(1, 2, figsize=(13.0, 4.8), layout="constrained")
    plotting.plot_multiclass_terms(result, axes=axes)
    return fig


def multiclass_hinge_view(*, scores=(2.0, 1.5, 1.8), true_class=0, limit=3.0, step=0.1):
    """Three score sliders and the true class: Weston-Watkins and Crammer-Singer loss and gradient of
    one sample (``multiclass.multiclass_breakdown``)."""
    from .multiclass import describe_breakdown, multiclass_breakdown

    def slider(k, value):
        return widgets.FloatSlider(value=float(value), min=-limit, max=limit, step=step, description=f"score s{k}",
                                   readout_format=".1f")

    controls = {f"s{k}": slider(k, v) for k, v in enumerate(scores)}
    controls["true_class"] = widgets.ToggleButtons(options=[(str(k), k) for k in range(len(scores))],
                                                   value=true_class, description="true class")
    n = len(scores)
    return LiveView(
        controls,
        lambda true_class, **s: multiclass_breakdown([s[f"s{k}"] for k in range(n)], true_class),
        draw=lambda result, **_: multiclass_terms_figure(result),
        describe=lambda result, **_: describe_breakdown(result),
    )


# --------------------------------------------------------------------------- lesson 08: PyTorch comparison


def format_bias_decay(comparison):
    """Two lines: (w, b) with weight decay on w only (J) and on every parameter, for ``frameworks.compare_bias_decay``."""
    lines = [f"weight_decay = {comparison.weight_decay:g}, data shifted by {comparison.shift:+.1f} along x1"]
    for name, (w, b) in (("decay on w only (J)", comparison.weight_only),
                         ("decay on w and b  ", comparison.all_params)):
        lines.append(f"{name}: w = ({_signed(w[0], '+.3f')}, {_signed(w[1], '+.3f')}), b = {_signed(b, '+.3f')}")
    return "\n".join(lines)


def bias_decay_figure(comparison, y, *, title=None):
    """The figure of lesson 08's widget (and of its static twin): a new Figure, not shown."""
    fig, ax = plt.subplots(figsize=(9.6, 5.6), layout="constrained")
    shift = comparison.shift
    xlim = (min(-3.0, shift - 3.0), max(3.0, shift + 3.0))
    (w1, b1), (w2, b2) = comparison.weight_only, comparison.all_params
    plotting.plot_boundaries(
        comparison.X, y,
        [("decay on $w$ only (J)", w1, b1, dict(color=plotting.BLACK, linestyle="-")),
         ("decay on $w$ and $b$", w2, b2, dict(color=plotting.VERMILLION, linestyle="--"))],
        ax=ax, xlim=xlim, ylim=(-3, 3),
        title=title or f"weight_decay {comparison.weight_decay:g}, data shifted by {shift:+.1f}: "
                       f"b = {b1:+.2f} vs {b2:+.2f}")
    ax.plot([0.0], [0.0], marker="+", color=plotting.BLACK, markersize=14, markeredgewidth=2, linestyle="none",
            label="origin")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10, framealpha=0.9)
    return fig


def bias_decay_view(X, y, *, weight_decay=0.1, shift=0.0, learning_rate=0.1, n_epochs=200,
                    weight_decays=(0.01, 0.03, 0.1, 0.3), max_shift=2.0, step=0.5):
    """A weight-decay slider and a shift slider: gradient descent with weight decay on ``w`` only versus on
    ``(w, b)`` (``frameworks.compare_bias_decay``), the boundaries drawn over the shifted data."""
    from .frameworks import compare_bias_decay

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    controls = {
        "weight_decay": widgets.SelectionSlider(options=[(f"{v:g}", float(v)) for v in weight_decays],
                                                value=float(weight_decay), description="weight_decay"),
        "shift": widgets.FloatSlider(value=shift, min=-max_shift, max=max_shift, step=step, description="shift x1",
                                     readout_format=".1f"),
    }
    return LiveView(
        controls,
        lambda weight_decay, shift: compare_bias_decay(X, y, weight_decay=weight_decay, shift=shift,
                                                       learning_rate=learning_rate, n_epochs=n_epochs),
        draw=lambda comparison, **_: bias_decay_figure(comparison, y),
        describe=lambda comparison, **_: format_bias_decay(comparison),
    )
