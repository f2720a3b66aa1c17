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
                display(fig)
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
