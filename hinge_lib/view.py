"""Interactive views: controls, a pure computation, and one figure whose artists move.

Every view of the course follows one pattern (:class:`LiveView`):

* ``compute(**values) -> result``: a pure function of the control values (tested on its own);
* ``draw(fig, result) -> update``: draws the first state on an empty figure, once, and returns a
  function ``update(result)`` that moves the artists to a new result (``set_data``,
  ``set_offsets``, ``set_text``); nothing is computed while drawing. It may return
  ``(update, moving)``, the artists ``update`` changes: then only those are drawn again at an update,
  on top of the still layers kept as pixels (blitting; the axis limits must stay fixed);
  ``static_layer=True`` does the same with every artist but the axes' frames, ticks and legends;
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
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["LiveView"]


class LiveView:
    """Controls + a pure ``compute`` + a figure drawn once and updated in place.

    Parameters
    ----------
    controls : dict of name -> ipywidgets control; their values are ``compute``'s keyword arguments
    compute : ``callable(**values) -> result``
    draw : callable(fig, result) -> update or (update, moving), with ``update(result)`` moving the
        artists; ``moving`` lists the artists it changes (blitting). ``update`` may return a key for
        the still layers when a control changes them (one background is kept per key).
    describe : callable(result) -> str, optional
    figsize : (width, height) in inches
    dpi : int, default 100
    static_layer : bool, default False
        Blit with every artist but the axes' backgrounds, frames, ticks, labels and legends as the
        moving ones, when ``draw`` does not list them: about half the work per update. Only for views
        whose axis limits stay fixed.
    """

    def __init__(self, controls, compute, draw, describe=None, *, figsize=(9.0, 5.0), dpi=100,
                 static_layer=False):
        self.controls, self.compute, self.describe = dict(controls), compute, describe
        self.fig = Figure(figsize=figsize, dpi=dpi)
        FigureCanvasAgg(self.fig)
        self.result = compute(**self.values)
        drawn = draw(self.fig, self.result)
        self._move, moving = drawn if isinstance(drawn, tuple) else (drawn, None)
        if moving is None and static_layer:
            moving = _moving_artists(self.fig)
        self._blitter = None if moving is None else _Blitter(self.fig, moving)
        self._key = None
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
        if self._blitter is None:
            canvas.draw()
        else:
            self._blitter.render(self._key)
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
            self._key = self._move(self.result)
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


class _Blitter:
    """matplotlib's blitting: draw the still layers once and keep their pixels; then paste them back
    and draw only the ``moving`` artists (set ``animated``, which a full draw skips).

    One background is kept per key (the value ``update`` returns, None by default), for views whose
    still layers change with one control, e.g. a toggle between two curves.
    """

    def __init__(self, fig, moving):
        fig.canvas.draw()  # once in full, so that matplotlib places each title above what the axes show ...
        for ax in fig.axes:
            ax._autotitlepos = False  # ... and keeps it there
        self.fig, self.backgrounds = fig, {}
        self.moving = sorted(moving, key=lambda artist: artist.get_zorder())
        for artist in self.moving:
            artist.set_animated(True)

    def render(self, key=None):
        canvas = self.fig.canvas
        if key in self.backgrounds:
            canvas.restore_region(self.backgrounds[key])
        else:
            canvas.draw()  # the still layers only
            self.backgrounds[key] = canvas.copy_from_bbox(self.fig.bbox)
        for artist in self.moving:
            self.fig.draw_artist(artist)


def _moving_artists(fig):
    """Everything but the axes' backgrounds, spines, ticks, labels and legends, and the figure's legends."""
    still = [fig.patch, *fig.legends]
    for ax in fig.axes:
        still += [ax.patch, *ax.spines.values(), ax.xaxis, ax.yaxis, *([ax.get_legend()] if ax.get_legend() else [])]
    moving = [a for ax in fig.axes for a in ax.get_children() if a not in still]
    return moving + [a for a in fig.get_children() if a not in still and a not in fig.axes]
