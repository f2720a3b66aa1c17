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
from IPython.display import clear_output, display


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
