"""Lesson 04's two interactive views, on :class:`hinge_lib.view.LiveView`.

* :func:`epoch_replay_view`: an epoch slider over a fitted ``LinearSVM``'s ``history_``; the
  boundary of any epoch is read back from the record, nothing is refitted.
* :func:`regularisation_view`: a lambda slider; the exact fits of the whole grid are computed once
  when the view is made, so moving the slider only looks a fit up and moves the artists.

Both draw one figure once and then move its artists (``Boundary.update``, ``set_offsets``,
``set_data``, ``set_text``); layout and axis limits are fixed.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from hinge_lib import LinearSVM, margin_violators, margin_width
from hinge_lib._validation import check_positive
from hinge_lib.style import COLORS
from hinge_lib.view import LiveView

from ._figures import _check_points, _draw_fit

FIGSIZE = (9.5, 4.9)
LEFT_PANEL = [0.06, 0.27, 0.40, 0.64]  # figure fractions: the square classifier panel


def _signed(value, digits=3):
    return f"{value:+.{digits}f}".replace("-0.000", "+0.000")


def _legend_below(fig, ax):
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=3, frameon=False)


def _pieces(boundary):
    return [boundary.line, *boundary.margins, *boundary.shades]


def _stacked_axes(fig):
    """The two small panels right of the classifier, sharing their x-axis."""
    top = fig.add_axes([0.62, 0.62, 0.36, 0.29])
    return top, fig.add_axes([0.62, 0.27, 0.36, 0.29], sharex=top)


def _offsets(X, mask):
    return X[mask] if mask.any() else np.empty((0, 2))


# --------------------------------------------------------------------------- the epoch slider


def _replay(history, X, y, epoch):
    """The classifier recorded after ``epoch`` epochs, and its margin violators (hinge loss > 0)."""
    w, b = np.asarray(history["coef"][epoch], dtype=float), float(history["intercept"][epoch])
    violators = margin_violators(X @ w + b, y)
    return dict(epoch=int(epoch), n_epochs=len(history["epoch"]) - 1, w=w, b=b, violators=violators,
                n_violators=int(violators.sum()), n_points=int(y.size), loss=float(history["loss"][epoch]),
                objective=float(history["objective"][epoch]))


def _describe_epoch(r):
    return (f"epoch {r['epoch']} of {r['n_epochs']}: w = ({_signed(r['w'][0])}, {_signed(r['w'][1])}), "
            f"b = {_signed(r['b'])}; {r['n_violators']} of {r['n_points']} points are margin violators; "
            f"mean hinge {r['loss']:.4f}, J = {r['objective']:.4f}")


def _epoch_title(r):
    return f"epoch {r['epoch']}: {r['n_violators']} of {r['n_points']} violators"


def epoch_replay_view(model, X, y, *, epoch=0):
    """An epoch slider that replays a fitted binary ``LinearSVM``'s boundary from its ``history_``.

    Left: the classifier after ``epoch`` epochs, margin violators ringed. Right: the objective J and
    the mean hinge loss per epoch, with the chosen epoch marked. Nothing is refitted: each epoch's
    ``(w, b)`` is read from ``model.history_["coef"]`` and ``["intercept"]``.

    Parameters
    ----------
    model : LinearSVM fitted with an iterative solver on two classes (it has ``history_``)
    X : array of shape (N, 2), the training data; y : its labels in {-1, +1}
    epoch : int, the epoch shown first

    Returns
    -------
    LiveView (``view.controls["epoch"]`` is the slider)

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> view = epoch_replay_view(LinearSVM(n_epochs=20).fit(X, y), X, y, epoch=0)
    >>> view.controls["epoch"].value = 20
    >>> view.result["epoch"], view.error is None
    (20, True)
    """
    history = getattr(model, "history_", None)
    if history is None:
        raise ValueError("epoch_replay_view needs a LinearSVM fitted with solver='gd', 'sgd' or 'pegasos' "
                         "(it replays model.history_); this model has no history_.")
    if np.ndim(history["coef"][0]) != 1:
        raise ValueError("epoch_replay_view replays binary runs only; this history has one weight vector per class.")
    X, y = _check_points(X, y)
    n_epochs = len(history["epoch"]) - 1
    if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or not 0 <= epoch <= n_epochs:
        raise ValueError(f"epoch must be an integer in [0, {n_epochs}] (the epochs recorded); got {epoch!r}.")
    if np.asarray(history["coef"][0]).shape != (2,):
        raise ValueError("epoch_replay_view draws 2-D data; the model has more than 2 weights.")

    def draw(fig, r):
        left = fig.add_axes(LEFT_PANEL)
        boundary, rings, title, points = _draw_fit(left, X, y, r["w"], r["b"], r["violators"],
                                                   title=_epoch_title(r), support_label="margin violators (loss > 0)")
        _legend_below(fig, left)
        top, bottom = _stacked_axes(fig)
        epochs = np.asarray(history["epoch"])
        top.plot(epochs, history["objective"], color=COLORS["blue"])
        pad = 0.03 * n_epochs  # the markers stay inside the axes at the first and last epoch
        top.set(xlim=(-pad, n_epochs + pad), ylim=(0, 1.1 * np.max(history["objective"])), ylabel="J",
                title="J and violators per epoch")
        top.tick_params(labelbottom=False)
        bottom.plot(epochs, history["n_violators"], color=COLORS["vermillion"])
        bottom.set(ylim=(0, 1.1 * y.size), xlabel="epoch", ylabel="violators")
        markers = [ax.plot([r["epoch"]], [value], "o", markersize=10, color=color, markerfacecolor="none",
                           markeredgewidth=2)[0]
                   for ax, value, color in ((top, r["objective"], COLORS["blue"]),
                                            (bottom, r["n_violators"], COLORS["vermillion"]))]

        def update(r):
            boundary.update(r["w"], r["b"])
            rings.set_offsets(_offsets(X, r["violators"]))
            title.set_text(_epoch_title(r))
            markers[0].set_data([r["epoch"]], [r["objective"]])
            markers[1].set_data([r["epoch"]], [r["n_violators"]])

        return update, [*_pieces(boundary), rings, title, *points, *markers]  # the rest is kept as pixels

    slider = widgets.IntSlider(value=int(epoch), min=0, max=n_epochs, step=1, description="epoch")
    return LiveView({"epoch": slider}, lambda epoch: _replay(history, X, y, epoch), draw, _describe_epoch,
                    figsize=FIGSIZE)


# --------------------------------------------------------------------------- the lambda slider


def _exact_fit(X, y, reg_strength):
    """The minimiser of J at one lambda, summarised: the box the lambda slider opens."""
    model = LinearSVM(solver="exact", reg_strength=reg_strength).fit(X, y)
    w, b = model.coef_[0].copy(), float(model.intercept_[0])
    support = np.zeros(y.size, dtype=bool)
    support[model.support_] = True  # alpha > 0: scikit-learn's support vectors
    return dict(reg_strength=float(reg_strength), C=1.0 / (reg_strength * y.size), w=w, b=b,
                width=margin_width(w), support=support, n_support=int(support.sum()), n_points=int(y.size))


def _describe_fit(r):
    return (f"lambda = {r['reg_strength']:g} (C = 1/(lambda N) = {r['C']:.4g}): w = ({_signed(r['w'][0])}, "
            f"{_signed(r['w'][1])}), b = {_signed(r['b'])}; band width 2/||w|| = {r['width']:.3f}; "
            f"{r['n_support']} of {r['n_points']} points are support vectors (alpha > 0)")


def _fit_title(r):
    return f"λ = {r['reg_strength']:g}: band {r['width']:.2f} wide, {r['n_support']} SVs"


def regularisation_view(X, y, reg_strengths=(0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0), *, reg_strength=0.01):
    """A lambda slider over exact fits of J(w, b): the band widens and the support set grows with lambda.

    The exact minimiser (``LinearSVM(solver="exact")``) is computed once per value of
    ``reg_strengths`` when the view is made; moving the slider looks the fit up. Left: the
    classifier with its support vectors (alpha > 0) ringed. Right: the band width 2/||w|| and the
    number of support vectors against lambda, the chosen lambda marked.

    Parameters
    ----------
    X : array of shape (N, 2); y : labels in {-1, +1}
    reg_strengths : increasing positive numbers, the slider's values of lambda
    reg_strength : the value shown first (one of ``reg_strengths``)

    Returns
    -------
    LiveView (``view.controls["reg_strength"]`` is the slider)

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> view = regularisation_view(X, y, (0.01, 1.0), reg_strength=0.01)
    >>> narrow = view.result["width"]
    >>> view.controls["reg_strength"].value = 1.0
    >>> view.result["width"] > narrow, view.error is None
    (True, True)
    """
    X, y = _check_points(X, y)
    grid = [check_positive(lam, "reg_strengths") for lam in reg_strengths]
    if not grid or any(a >= b for a, b in zip(grid, grid[1:])):
        raise ValueError(f"reg_strengths must be increasing positive numbers; got {list(reg_strengths)}.")
    if reg_strength not in grid:
        raise ValueError(f"reg_strength must be one of reg_strengths {grid}; got {reg_strength!r}.")
    fits = {lam: _exact_fit(X, y, lam) for lam in grid}  # computed once: an update only moves artists
    widths = [fits[lam]["width"] for lam in grid]
    counts = [fits[lam]["n_support"] for lam in grid]

    def draw(fig, r):
        left = fig.add_axes(LEFT_PANEL)
        boundary, rings, title, points = _draw_fit(left, X, y, r["w"], r["b"], r["support"], title=_fit_title(r),
                                                   support_label="support vectors (α > 0)")
        _legend_below(fig, left)
        top, bottom = _stacked_axes(fig)
        markers = []
        for ax, values, color, label in ((top, widths, "green", "band width 2/||w||"),
                                         (bottom, counts, "vermillion", "support vectors")):
            ax.semilogx(grid, values, "-", color=COLORS[color], marker=".")
            markers.append(ax.plot([r["reg_strength"]], [r["width"] if ax is top else r["n_support"]], "o",
                                   markersize=11, color=COLORS[color], markerfacecolor="none",
                                   markeredgewidth=2)[0])
            ax.set_ylabel(label.split(" 2/")[0] if ax is top else "SVs")
            ax.set_ylim(0, 1.15 * max(values))
        top.set(title="band and support set vs λ", xlim=(grid[0] / 1.6, grid[-1] * 1.6))
        top.tick_params(labelbottom=False)
        bottom.set(xlabel="λ (log scale)", ylim=(0, 1.1 * y.size))

        def update(r):
            boundary.update(r["w"], r["b"])
            rings.set_offsets(_offsets(X, r["support"]))
            title.set_text(_fit_title(r))
            markers[0].set_data([r["reg_strength"]], [r["width"]])
            markers[1].set_data([r["reg_strength"]], [r["n_support"]])

        return update, [*_pieces(boundary), rings, title, *points, *markers]  # the rest is kept as pixels

    slider = widgets.SelectionSlider(options=[(f"{lam:g}", lam) for lam in grid], value=reg_strength,
                                     description="lambda")
    return LiveView({"reg_strength": slider}, lambda reg_strength: fits[reg_strength], draw, _describe_fit,
                    figsize=FIGSIZE)
