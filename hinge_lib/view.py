"""Interactive views: controls, a pure computation, and one figure whose artists move.

Every view of the course follows one pattern (:class:`LiveView`):

* ``compute(**values) -> result``: a pure function of the control values (tested on its own);
* ``draw(fig, result) -> update``: draws the first state on an empty figure, once, and returns a
  function ``update(result)`` that moves the artists to a new result (``set_data``,
  ``set_offsets``, ``set_text``); nothing is computed while drawing;
* ``describe(result) -> str``: the numbers, printed under the figure.

Moving artists and pushing the PNG into an ``ipywidgets.Image`` is several times faster than
drawing a new figure per update (benchmarks/: ``make bench``). The figure is a bare
``matplotlib.figure.Figure``, not a pyplot one, so the inline backend keeps no copy per update.

A view also carries its own static picture: its output holds a PNG of its first state and the
description as text, so a reader without a kernel (the static site, GitHub) sees that state, and
nbval compares the text. Tests drive a view by setting ``control.value`` and reading
``view.result`` and ``view.text``; an exception in a callback is shown in the view's text
(Jupyter would swallow it) and kept in ``view.error``.
"""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["LiveView"]


class LiveView:
    """Controls + a pure ``compute`` + a figure drawn once and updated in place.

    Parameters
    ----------
    controls : dict of name -> ipywidgets control; their values are ``compute``'s keyword arguments
    compute : callable(**values) -> result
    draw : callable(fig, result) -> update, with ``update(result)`` moving the artists
    describe : callable(result) -> str, optional
    figsize : (width, height) in inches
    dpi : int, default 100
    """

    def __init__(self, controls, compute, draw, describe=None, *, figsize=(9.0, 5.0), dpi=100):
        self.controls, self.compute, self.describe = dict(controls), compute, describe
        self.fig = Figure(figsize=figsize, dpi=dpi)
        FigureCanvasAgg(self.fig)
        self.result = compute(**self.values)
        self._move = draw(self.fig, self.result)
        self.text = describe(self.result) if describe else ""
        self.first_png = self._png()
        self.error = None
        self.n_updates = 0
        self.image = widgets.Image(value=self.first_png, format="png")
        self.caption = widgets.HTML(self._html(self.text))
        for control in self.controls.values():
            if hasattr(control, "continuous_update"):
                control.continuous_update = False  # redraw when the slider is released, not at every pixel
            control.observe(self.update, names="value")
        self.box = widgets.VBox([widgets.HBox(list(self.controls.values())), self.image, self.caption])

    @property
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def _png(self):
        buffer = io.BytesIO()
        self.fig.canvas.print_png(buffer, pil_kwargs={"compress_level": 1})
        return buffer.getvalue()

    @staticmethod
    def _html(text):
        return f"<pre style='font-size: 13px; line-height: 1.3'>{html.escape(text)}</pre>" if text else ""

    def update(self, change=None):
        """Recompute the result, move the artists and show the new picture (bound to every control)."""
        try:
            self.result = self.compute(**self.values)
            self._move(self.result)
            self.text = self.describe(self.result) if self.describe else ""
            self.image.value = self._png()
            self.error = None
        except Exception as exc:  # a callback's exception would vanish: show it instead
            self.error = exc
            self.text = f"error: {type(exc).__name__}: {exc}"
        self.caption.value = self._html(self.text)
        self.n_updates += 1

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a PNG of the first state and its description for readers without a kernel."""
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.first_png).decode("ascii")
        bundle["text/plain"] = self.text or "interactive view"
        return bundle
