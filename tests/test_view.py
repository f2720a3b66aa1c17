"""hinge_lib.view.LiveView: a pure compute, a figure drawn once and moved, a static picture for readers."""

import base64

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from matplotlib.backends.backend_agg import FigureCanvasAgg

from hinge_lib.view import LiveView


def make_view(**options):
    calls = {"draw": 0}

    def compute(slope):
        if slope > 5:
            raise ValueError("too steep")
        x = np.linspace(0, 1, 5)
        return {"x": x, "y": slope * x, "slope": slope}

    def draw(fig, result):
        calls["draw"] += 1
        ax = fig.add_subplot()
        ax.set(xlim=(0, 1), ylim=(0, 5), title="a line")
        (line,) = ax.plot(result["x"], result["y"])

        def update(result):
            line.set_data(result["x"], result["y"])

        return update

    slider = widgets.FloatSlider(value=1.0, min=0, max=10)
    view = LiveView({"slope": slider}, compute, draw, describe=lambda r: f"slope {r['slope']:.1f}", **options)
    return view, slider, calls


def test_a_control_change_recomputes_moves_the_artists_and_redraws_the_picture():
    view, slider, calls = make_view()
    first = view.image.value
    assert view.text == "slope 1.0" and calls["draw"] == 1
    slider.value = 3.0
    assert view.result["slope"] == 3.0 and view.text == "slope 3.0" and view.error is None
    assert calls["draw"] == 1  # drawn once, moved since
    np.testing.assert_allclose(view.fig.axes[0].lines[0].get_ydata(), 3.0 * np.linspace(0, 1, 5))
    assert view.image.value != first and view.image.value[:4] == b"\x89PNG"
    assert "slope 3.0" in view.caption.value and view.n_updates == 1


def test_an_exception_in_a_callback_is_shown_not_swallowed():
    view, slider, _ = make_view()
    slider.value = 7.0
    assert isinstance(view.error, ValueError) and view.text == "error: ValueError: too steep"
    slider.value = 2.0
    assert view.error is None and view.text == "slope 2.0"


def test_the_output_carries_the_widget_a_png_of_the_first_state_and_its_text():
    view, slider, _ = make_view()
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == view.first_png and view.first_png[:4] == b"\x89PNG"
    assert bundle["text/plain"] == "slope 1.0"


def test_a_view_leaves_no_pyplot_figure_behind():
    plt.close("all")
    view, slider, _ = make_view()
    slider.value = 4.0
    assert plt.get_fignums() == []


def test_a_static_layer_gives_the_same_picture_as_a_full_redraw():
    full, slider_full, _ = make_view()
    blit, slider_blit, _ = make_view(static_layer=True)
    for value in (2.0, 4.5):
        slider_full.value = slider_blit.value = value
        a = np.asarray(full.fig.canvas.buffer_rgba())
        b = np.asarray(blit.fig.canvas.buffer_rgba())
        assert a.shape == b.shape and np.mean(np.any(a != b, axis=-1)) < 1e-4  # (spines now sit under the moving lines); the title is in the picture


def test_listed_moving_artists_and_background_keys():
    """draw may list the artists update moves; update may return a key for the still layers it changes."""
    def draw(fig, result):
        ax = fig.add_subplot()
        ax.set(xlim=(0, 1), ylim=(0, 5))
        still = ax.plot([0, 1], [result["slope"], result["slope"]], color="grey")[0]  # changes with the key
        (line,) = ax.plot([0, 1], [0, result["slope"]])

        def update(result):
            line.set_data([0, 1], [0, result["slope"]])
            if result["slope"] >= 3:
                still.set_ydata([3, 3])
                return "high"

        return update, [line]

    def full(slope):
        fig = plt.Figure(dpi=100, figsize=(9.0, 5.0))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.set(xlim=(0, 1), ylim=(0, 5))
        ax.plot([0, 1], [3 if slope >= 3 else 1, 3 if slope >= 3 else 1], color="grey")
        ax.plot([0, 1], [0, slope])
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba())[..., :3]

    slider = widgets.FloatSlider(value=1.0, min=0, max=5)
    view = LiveView({"slope": slider}, lambda slope: {"slope": slope}, draw)
    for value in (2.0, 4.0, 1.0, 4.5):
        slider.value = value
        got = np.asarray(view.fig.canvas.buffer_rgba())[..., :3]
        assert np.mean(np.any(got != full(value), axis=-1)) < 1e-4, value
    assert set(view._blitter.backgrounds) == {None, "high"}
