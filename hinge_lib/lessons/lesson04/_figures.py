"""Lesson 04's pictures: classifiers side by side, drawn with the course's primitives.

:func:`_draw_fit` is the one picture of a fitted (or replayed) classifier in this lesson; the
static figures and both views use it, so a view's first state looks exactly like the figure
beside it. It returns the artists that a view moves.
"""

from __future__ import annotations

import numpy as np

from hinge_lib._validation import as_float_array, check_binary_labels, check_same_length
from hinge_lib.style import plot_boundary, plot_points, plot_support_vectors

LIMITS = (-3.0, 3.0)  # every panel shows the same square, so a moving boundary never rescales the axes


def _check_points(X, y):
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"lesson 04 draws 2-D data; X has {X.shape[1]} features.")
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    return X, y


def _draw_fit(ax, X, y, w, b, support, *, title="", support_label="support vectors"):
    """Shaded sides, boundary, margin lines, points and ringed ``support``.

    Returns the artists a view moves or keeps live: ``(boundary, rings, title, points)``.
    """
    boundary = plot_boundary(ax, w, b, xlim=LIMITS, ylim=LIMITS)
    points = plot_points(ax, X, y)
    rings = plot_support_vectors(ax, X, support, label=support_label)
    ax.set(xlabel="x₁", ylabel="x₂")
    return boundary, rings, ax.set_title(title, y=1.0), points  # y fixed: no auto-placement


def plot_fits(axes, X, y, fits, *, support_label="margin violators (loss > 0)"):
    """Draw one classifier per axis, each with its ringed points and title, and one legend below the row.

    Parameters
    ----------
    axes : sequence of matplotlib Axes, one per fit
    X : array of shape (N, 2); y : labels in {-1, +1}
    fits : list of dict with keys ``"w"`` (2 weights), ``"b"``, ``"support"`` (boolean mask of the
        points to ring) and ``"title"``
    support_label : str, the legend's name for the ringed points

    Returns
    -------
    the figure legend

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from hinge_lib import make_two_class, margin_violators
    >>> X, y = make_two_class(seed=0)
    >>> w, b = np.array([1.0, -0.6]), 0.4
    >>> fits = [{"w": w, "b": b, "support": margin_violators(X @ w + b, y), "title": "true boundary"}]
    >>> legend = plot_fits(Figure().subplots(1, 1, squeeze=False)[0], X, y, fits)
    >>> [t.get_text() for t in legend.get_texts()][-1]
    'margin violators (loss > 0)'
    """
    axes = list(np.ravel(axes))
    X, y = _check_points(X, y)
    if len(axes) != len(fits):
        raise ValueError(f"got {len(axes)} axes for {len(fits)} fits; pass one axis per fit.")
    for ax, fit in zip(axes, fits):
        missing = {"w", "b", "support", "title"} - set(fit)
        if missing:
            raise ValueError(f"each fit needs the keys w, b, support and title; one lacks {sorted(missing)}.")
        support = np.asarray(fit["support"], dtype=bool)
        if support.shape != y.shape:
            raise ValueError(f"support must be a boolean mask with one entry per point ({y.size}); "
                             f"got shape {support.shape}.")
        _draw_fit(ax, X, y, fit["w"], fit["b"], support, title=fit["title"], support_label=support_label)
    handles, labels = axes[0].get_legend_handles_labels()
    return axes[0].figure.legend(handles, labels, loc="lower center", ncol=3, frameon=False)
