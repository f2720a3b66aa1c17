"""Lesson 06's static pictures: the outlier sweep, and the hinge beside its smooth relatives.

The drawing code only draws: every number comes from :func:`outlier_sweep` or from the loss
formulas below. The hinge and the squared hinge wear ``MODEL_STYLES["hinge"]`` and
``MODEL_STYLES["squared hinge"]`` here as everywhere in the course.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr  # the standard normal CDF

from hinge_lib._validation import as_float_array, check_positive
from hinge_lib.style import COLORS, MODEL_STYLES

MARKERS = {"hinge": "o", "squared hinge": "s"}


def _check_sweep(sweep):
    missing = {"distance", "crossover", "hinge", "squared hinge"} - set(sweep if isinstance(sweep, dict) else ())
    if missing:
        raise ValueError("expected the result of outlier_sweep(X, y, distances); this object lacks "
                         f"{sorted(missing)}.")
    return sweep


def _two_axes(axes):
    axes = list(np.ravel(axes))
    if len(axes) != 2:
        raise ValueError(f"plot_sweep draws two panels; pass two axes (e.g. fig.subplots(1, 2)), got {len(axes)}.")
    return axes


def plot_sweep(axes, sweep):
    """Two panels over the outlier's distance (log scale): how far each line moved, and the outlier's y f.

    Parameters
    ----------
    axes : two matplotlib Axes
    sweep : dict, the result of :func:`outlier_sweep`

    Returns
    -------
    the two axes; one legend for both sits at the bottom of the figure (leave room for it, e.g.
    ``fig.subplots_adjust(bottom=0.3)``)

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from hinge_lib import make_two_class
    >>> from hinge_lib.lessons.lesson06 import outlier_sweep
    >>> sweep = outlier_sweep(*make_two_class(seed=0), [5.0, 100.0])
    >>> left, right = plot_sweep(Figure().subplots(1, 2), sweep)
    >>> [t.get_text() for t in left.figure.legends[0].get_texts()][:2]
    ['hinge', 'squared hinge']
    """
    sweep, (left, right) = _check_sweep(sweep), _two_axes(axes)
    d = sweep["distance"]
    for name in ("hinge", "squared hinge"):
        style = dict(MODEL_STYLES[name], marker=MARKERS[name], markersize=5, linewidth=2)
        left.plot(d, sweep[name]["shift"], label=name, **style)
        right.plot(d, sweep[name]["margin"], label=name, **style)
    if sweep["crossover"] is not None:
        for ax in (left, right):
            ax.axvline(sweep["crossover"], color=COLORS["grey"], linestyle=":", linewidth=1.5,
                       label=f"hinge moved further from d = {sweep['crossover']:g}")
    right.axhline(1.0, color=COLORS["black"], linestyle="--", linewidth=1, label="its own margin, y f = 1")
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_xlabel("outlier's distance d from the true boundary")
    left.set(ylabel="shift of the line (units of x)", title="How far each line moved", ylim=(0, None))
    right.set(ylabel="outlier's margin y f", title="Where the outlier ends up")
    handles, labels = right.get_legend_handles_labels()  # one legend for both panels, below them
    left.figure.legend(handles, labels, loc="lower center", ncol=2, frameon=False)
    return left, right


# --------------------------------------------------------------------------- smooth hinges (optional section)


def _rennie_srebro(m):
    """Rennie and Srebro's smooth hinge: 1/2 - m (m <= 0), (1 - m)^2 / 2 (0 < m < 1), 0 (m >= 1)."""
    return np.where(m <= 0, 0.5 - m, np.where(m < 1, 0.5 * (1.0 - m) ** 2, 0.0))


def _modified_huber(m):
    """scikit-learn's modified Huber: -4 m (m < -1), (1 - m)^2 (-1 <= m < 1), 0 (m >= 1)."""
    return np.where(m < -1, -4.0 * m, np.where(m < 1, (1.0 - m) ** 2, 0.0))


def _psi_gauss(m, sigma):
    """psi_G of Luo, Qiao and Zhang (arXiv 2103.00233): a Phi(a / sigma) + sigma phi(a / sigma), a = 1 - m."""
    a = 1.0 - m
    z = a / sigma
    return a * ndtr(z) + sigma * np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi)


def _psi_sqrt(m, sigma):
    """psi_M of Luo, Qiao and Zhang, simplified: (a + sqrt(a^2 + sigma^2)) / 2, a = 1 - m."""
    a = 1.0 - m
    return 0.5 * (a + np.sqrt(a * a + sigma * sigma))


def _smooth_curves(m, sigma):
    """name -> (loss values, line style), in the order they are drawn."""
    return {
        "hinge": (np.maximum(0.0, 1.0 - m), dict(MODEL_STYLES["hinge"], linewidth=2.6)),
        "squared hinge": (np.maximum(0.0, 1.0 - m) ** 2, dict(MODEL_STYLES["squared hinge"])),
        "smooth hinge (Rennie-Srebro)": (_rennie_srebro(m), dict(color=COLORS["green"], linestyle="-.")),
        "modified Huber": (_modified_huber(m), dict(color=COLORS["purple"], linestyle=":", linewidth=2.6)),
        f"ψ_G, σ = {sigma:g}": (_psi_gauss(m, sigma), dict(color=COLORS["orange"], linestyle="--")),
        f"ψ_M, σ = {sigma:g}": (_psi_sqrt(m, sigma), dict(color=COLORS["sky"], linestyle=(0, (6, 2, 1, 2)))),
    }


def plot_smooth_hinges(ax, *, sigma=0.5, m_range=(-2.0, 3.0)):
    """The hinge, the squared hinge and four smooth hinges of the margin m = y f on one axes.

    Rennie-Srebro's smooth hinge, scikit-learn's modified Huber, and Luo-Qiao-Zhang's psi_G and
    psi_M (smoothing ``sigma``). Returns a dict ``name -> loss values`` on the plotted grid of margins
    (``"m"`` holds the grid).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> curves = plot_smooth_hinges(Figure().add_subplot(), sigma=0.5)
    >>> float(curves["m"][0]), float(curves["modified Huber"][0])   # m = -2: -4 m
    (-2.0, 8.0)
    """
    sigma = check_positive(sigma, "sigma")
    lo, hi = (float(v) for v in as_float_array(m_range, "m_range", ndim=1))
    if not lo < hi:
        raise ValueError(f"m_range must be (low, high) with low < high; got {m_range}.")
    m = np.linspace(lo, hi, 1001)
    curves = {"m": m}
    for name, (values, style) in _smooth_curves(m, sigma).items():
        ax.plot(m, values, label=name, **{"linewidth": 2.2, **style})
        curves[name] = values
    ax.axvline(1.0, color=COLORS["grey"], linewidth=1, linestyle=":")
    ax.set(xlabel="margin m = y f(x)", ylabel="loss", ylim=(-0.2, 8.5),
           title=f"The hinge and its smooth relatives (σ = {sigma:g})")
    ax.legend(loc="upper right")
    return curves
