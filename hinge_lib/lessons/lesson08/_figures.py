"""Lesson 08's picture: one data set and the boundaries of several models, each in its course style.

The same model looks the same in every figure of the course (:data:`hinge_lib.style.MODEL_STYLES`):
here "gradient descent" is hinge_lib's ``LinearSVM(solver="gd")`` (gradient descent on J(w, b), weight
decay on w only) and "PyTorch" is a model trained with ``torch.optim.SGD``.
"""

from __future__ import annotations

import numpy as np

from ..._validation import as_float_array, check_binary_labels, check_same_length
from ...style import COLORS, MODEL_STYLES, plot_boundary, plot_points

ORIGIN_STYLE = dict(marker="+", color=COLORS["black"], markersize=16, markeredgewidth=2.5, linestyle="none",
                    label="origin (0, 0)", zorder=5)


def _check_points(X, y):
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"the picture draws points in the plane; X has {X.shape[1]} features, not 2.")
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    return X, y


def plot_models(ax, X, y, models, *, xlim=(-1.5, 5.0), ylim=(-3.0, 3.0), title=None):
    """Draw the points, the origin and each model's boundary ``w.x + b = 0`` on ``ax``.

    Parameters
    ----------
    ax : matplotlib Axes
    X : array of shape (N, 2); y : labels in {-1, +1}
    models : list of ``(style, label, w, b)``; ``style`` is a key of ``MODEL_STYLES`` (e.g. "gradient
        descent", "PyTorch"). The first model is drawn wide underneath, so a model that coincides
        with it still shows as a line on top of it.
    xlim, ylim : fixed axis limits
    title : str, optional

    Returns
    -------
    dict with ``"boundaries"`` (one :class:`hinge_lib.style.Boundary` per model, in order; ``.update(w, b)``
    moves it), ``"points"`` (the two class collections) and ``"title"`` (the title's Text)

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> drawn = plot_models(ax, [[1.0, 0.0], [3.0, 1.0]], [1, -1],
    ...                     [("gradient descent", "J", [1.0, 0.0], -2.0), ("PyTorch", "torch", [1.0, 1.0], -3.0)])
    >>> ax.get_legend_handles_labels()[1]
    ['J', 'torch', 'class +1', 'class -1', 'origin (0, 0)']
    """
    X, y = _check_points(X, y)
    if not models:
        raise ValueError("models is empty; pass at least one (style, label, w, b).")
    boundaries = []
    for k, model in enumerate(models):
        if len(model) != 4:
            raise ValueError(f"each model is (style, label, w, b); got {model!r}.")
        style, label, w, b = model
        if style not in MODEL_STYLES:
            raise ValueError(f"unknown model style {style!r}; choose one of {sorted(MODEL_STYLES)}.")
        width = dict(linewidth=5.0, alpha=0.55) if k == 0 and len(models) > 1 else dict(linewidth=2.5)
        boundaries.append(plot_boundary(ax, np.asarray(w, dtype=float), b, xlim=xlim, ylim=ylim, margins=False,
                                        shade=False, label=label, **MODEL_STYLES[style], **width))
    points = plot_points(ax, X, y)
    ax.plot([0.0], [0.0], **ORIGIN_STYLE)
    ax.set(xlabel="x₁", ylabel="x₂")
    return dict(boundaries=boundaries, points=points, title=ax.set_title(title or "", y=1.0))
