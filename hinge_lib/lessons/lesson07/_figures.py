"""Lesson 07's static pictures: decision regions of a multi-class model, and weight vectors as images.

Axes (or a figure) first, no pyplot state; the models' numbers come from the models, the
pictures only draw them.
"""

from __future__ import annotations

import numpy as np

from hinge_lib._validation import as_float_array, check_same_length
from hinge_lib.style import COLORS

# one colour and one marker per class (colour is never the only cue), Okabe-Ito colours
CLASS_STYLES = [dict(color=COLORS["blue"], marker="o"), dict(color=COLORS["green"], marker="^"),
                dict(color=COLORS["orange"], marker="s"), dict(color=COLORS["purple"], marker="D"),
                dict(color=COLORS["sky"], marker="v")]
LIMITS = ((-3.6, 3.6), (-3.0, 3.0))  # the three-class toy data lie inside this box


def plot_decision_regions(ax, model, X, y, *, title=None, xlim=LIMITS[0], ylim=LIMITS[1], resolution=200,
                          legend=True):
    """Shade the plane by the class ``model.predict`` gives, draw the region borders and the points.

    Parameters
    ----------
    ax : matplotlib Axes
    model : a fitted classifier with ``predict`` (class indices 0, 1, ...), e.g. ``LinearSVM``,
        ``OneVsRestSVM`` or scikit-learn's ``SVC``
    X : array of shape (N, 2); y : class indices 0, 1, ... (at most 5 classes)
    title : str, optional
    xlim, ylim : the box shown (fixed, so panels side by side are comparable)
    resolution : grid points per axis for the shading
    legend : bool, a legend of the classes in the upper left

    Returns
    -------
    ax

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from hinge_lib import LinearSVM, make_three_class
    >>> X, y = make_three_class(seed=1)
    >>> ax = plot_decision_regions(Figure().add_subplot(), LinearSVM(n_epochs=50).fit(X, y), X, y, title="WW")
    >>> ax.get_title(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('WW', ['class 0', 'class 1', 'class 2', 'region borders'])
    """
    X = as_float_array(X, "X", ndim=2)
    y = np.asarray(y)
    check_same_length(X, y, "X", "y")
    if X.shape[1] != 2:
        raise ValueError(f"decision regions are drawn in the plane; X has {X.shape[1]} features, not 2.")
    classes = np.unique(y)
    if classes.dtype.kind not in "iu" or classes.min() < 0 or classes.max() >= len(CLASS_STYLES):
        raise ValueError(f"y must hold class indices 0 to {len(CLASS_STYLES) - 1}; found {classes.tolist()}.")
    xx, yy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    regions = np.asarray(model.predict(np.c_[xx.ravel(), yy.ravel()])).reshape(xx.shape)
    n = len(CLASS_STYLES)
    levels = np.arange(n + 1) - 0.5
    ax.contourf(xx, yy, regions, levels=levels, colors=[s["color"] for s in CLASS_STYLES], alpha=0.15)
    ax.contour(xx, yy, regions, levels=levels[1:-1], colors=COLORS["black"], linewidths=1.5)
    for k in classes:
        style = CLASS_STYLES[int(k)]
        ax.scatter(*X[y == k].T, s=40, c=style["color"], marker=style["marker"], edgecolors="white", linewidths=0.5,
                   label=f"class {int(k)}", zorder=3)
    ax.plot([], [], color=COLORS["black"], linewidth=1.5, label="region borders")
    ax.set(xlim=xlim, ylim=ylim, xlabel="x₁", ylabel="x₂", title=title)
    ax.set_aspect("equal", adjustable="box")
    if legend:
        ax.legend(loc="upper left", fontsize=11, framealpha=0.9, handletextpad=0.3, borderpad=0.3)
    return ax


def plot_weight_images(fig, coef, *, shape=(8, 8), titles=None, ncols=5, suptitle=None):
    """Each row of ``coef`` (one weight vector per class) as an image, on one symmetric colour scale.

    Red pixels raise the class's score where the image has more ink than average, blue ones lower it.

    Parameters
    ----------
    fig : matplotlib Figure (empty)
    coef : array of shape (C, prod(shape)), e.g. ``model.coef_`` of a model fitted on 8x8 digits
    shape : the image shape of one weight vector
    titles : C strings, optional (default "class k")
    ncols : images per row
    suptitle : str, optional

    Returns
    -------
    the colour bar

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> cbar = plot_weight_images(Figure(), np.arange(8.0).reshape(2, 4) - 3.5, shape=(2, 2), ncols=2)
    >>> cbar.mappable.get_clim()
    (-3.5, 3.5)
    """
    coef = as_float_array(coef, "coef", ndim=2)
    if coef.shape[1] != int(np.prod(shape)):
        raise ValueError(f"each row of coef must hold {int(np.prod(shape))} weights (an image of shape {shape}); "
                         f"got {coef.shape[1]}. Pass model.coef_, one row per class.")
    if titles is not None and len(titles) != coef.shape[0]:
        raise ValueError(f"titles needs one entry per class ({coef.shape[0]}); got {len(titles)}.")
    nrows = -(-coef.shape[0] // ncols)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    vmax = float(np.abs(coef).max()) or 1.0
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < coef.shape[0]:
            image = ax.imshow(coef[i].reshape(shape), cmap="RdBu_r", vmin=-vmax, vmax=vmax)
            ax.set_title(titles[i] if titles is not None else f"class {i}", fontsize=13)
    cbar = fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.85)
    cbar.set_label("weight (red +, blue −)")
    if suptitle:
        fig.suptitle(suptitle)
    return cbar
