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
import zlib

import ipywidgets as widgets
import PIL.Image
from matplotlib.artist import Artist
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
    static_layer : bool, default False
        Draw what an update never changes (backgrounds, grids, ticks, axis labels, legends) once
        and paste its pixels back at every update (a blit), so that only the moving artists are
        drawn: about half the work per update. Only for views whose axis limits stay fixed.
    """

    def __init__(self, controls, compute, draw, describe=None, *, figsize=(9.0, 5.0), dpi=100,
                 static_layer=False):
        self.controls, self.compute, self.describe = dict(controls), compute, describe
        self.fig = Figure(figsize=figsize, dpi=dpi)
        FigureCanvasAgg(self.fig)
        self.result = compute(**self.values)
        self._move = draw(self.fig, self.result)
        if static_layer:
            _bake_static_layer(self.fig)
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
        """The figure as PNG bytes: drawn, then saved as RGB with zlib's run-length strategy, which suits
        flat colours (about half the time of matplotlib's RGBA at level 1, for a file of the same size)."""
        canvas = self.fig.canvas
        canvas.draw()
        rgba = PIL.Image.frombuffer("RGBA", canvas.get_width_height(physical=True), canvas.buffer_rgba(), "raw",
                                    "RGBA", 0, 1)
        buffer = io.BytesIO()
        rgba.convert("RGB").save(buffer, format="png", compress_type=zlib.Z_RLE)
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


class _StaticLayer(Artist):
    """A saved copy of the figure's pixels, pasted back first at every draw."""

    def __init__(self, region):
        super().__init__()
        self.region = region
        self.set_zorder(-1)

    def draw(self, renderer):
        renderer.restore_region(self.region)


def _bake_static_layer(fig):
    """Draw the parts of ``fig`` that never change once, keep their pixels, and stop drawing them."""
    static = [fig.patch, *fig.legends]
    for ax in fig.axes:
        static += [ax.patch, *ax.spines.values(), ax.xaxis, ax.yaxis, *([ax.get_legend()] if ax.get_legend() else [])]
    live = [a for ax in fig.axes for a in ax.get_children() if a not in static] + \
           [a for a in fig.get_children() if a not in static and a not in fig.axes]
    fig.canvas.draw()  # once in full, so that matplotlib places each title above what the axes show ...
    for ax in fig.axes:
        ax._autotitlepos = False  # ... and keeps it there once the axes stop drawing themselves
    shown = [a.get_visible() for a in live]
    for artist in live:
        artist.set_visible(False)
    fig.canvas.draw()
    region = fig.canvas.copy_from_bbox(fig.bbox)
    for artist, visible in zip(live, shown):
        artist.set_visible(visible)
    for artist in static:
        artist.set_visible(False)
    fig.add_artist(_StaticLayer(region))
