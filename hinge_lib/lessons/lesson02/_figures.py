"""The expected-loss figure of lesson 02, and the table of the minimisers it marks."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ...style import COLORS

_CURVE_STYLES = [  # colour, line style and marker: colour is never the only cue
    (COLORS["blue"], "-", "o"), (COLORS["orange"], "--", "s"), (COLORS["green"], "-.", "^"),
    (COLORS["vermillion"], ":", "D"), (COLORS["purple"], "-", "v"), (COLORS["sky"], "--", "P"),
    (COLORS["black"], "-.", "X"), (COLORS["grey"], ":", "*"),
]


class Minimisers(NamedTuple):
    """The marked minimiser of each expected-loss curve; ``print`` shows them as a table."""

    p: np.ndarray  # P(y = +1) of each curve
    minimiser: np.ndarray  # the score f with the smallest expected loss (on the grid; the first if tied)
    minimum: np.ndarray  # the expected loss there
    compare: dict  # extra columns to print beside the minimiser: name -> one value per p

    def __str__(self):
        names = list(self.compare)
        header = f"{'p':>5} {'minimiser':>10} {'minimum':>8}" + "".join(f" {name:>13}" for name in names)
        rows = [f"{p:>5.2f} {f + 0.0:>+10.3f} {v:>8.3f}" + "".join(f" {self.compare[n][k]:>+13.3f}" for n in names)
                for k, (p, f, v) in enumerate(zip(self.p, self.minimiser, self.minimum))]
        return "\n".join([header, *rows])


def plot_expected_loss(ax, expected, ps, *, f_range=(-3.0, 3.0), n_grid=6001, ylim=None, title=None, legend=True,
                       compare=None):
    """Draw ``expected(f, p)`` against the score ``f`` for each ``p`` in ``ps``, each minimiser marked.

    Parameters
    ----------
    ax : matplotlib Axes
    expected : callable(f, p) -> array
        The expected loss of predicting the score ``f`` (an array) where ``P(y = +1) = p``, e.g.
        ``p * hinge(f) + (1 - p) * hinge(-f)``.
    ps : sequence of float in [0, 1]
        One curve per probability (at most 8).
    f_range : (float, float), default (-3, 3)
        The scores drawn and searched; the minimiser is the best of ``n_grid`` evenly spaced scores.
    ylim : (float, float), optional
    title : str, optional
    legend : bool, default True
        A legend of the ``p`` values (each entry with its curve's line style and marker).
    compare : dict of name -> sequence, optional
        Columns printed beside the minimisers by the returned table (e.g. ``{"sign(2p - 1)": ...}``).

    Returns
    -------
    Minimisers
        ``p``, ``minimiser``, ``minimum`` (arrays) and ``compare``; ``print`` gives one row per curve.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from hinge_lib.lessons.lesson02._losses import expected_hinge
    >>> fig, ax = plt.subplots()
    >>> print(plot_expected_loss(ax, expected_hinge, [0.2, 0.7]))
        p  minimiser  minimum
     0.20     -1.000    0.400
     0.70     +1.000    0.600
    >>> plt.close(fig)
    """
    ps = np.asarray(ps, dtype=np.float64).ravel()
    if ps.size == 0 or ps.size > len(_CURVE_STYLES):
        raise ValueError(f"ps must hold between 1 and {len(_CURVE_STYLES)} probabilities; got {ps.size}.")
    if not np.all((ps >= 0) & (ps <= 1)):
        raise ValueError(f"each p is a probability P(y = +1) and must lie in [0, 1]; got {ps.tolist()}.")
    compare = {name: np.asarray(values, dtype=np.float64).ravel() for name, values in (compare or {}).items()}
    for name, values in compare.items():
        if values.shape != ps.shape:
            raise ValueError(f"compare[{name!r}] needs one value per p ({ps.size}); got {values.size}.")
    f = np.linspace(*f_range, n_grid)
    best, lowest = np.empty_like(ps), np.empty_like(ps)
    for k, p in enumerate(ps):
        color, linestyle, marker = _CURVE_STYLES[k]
        risk = np.asarray(expected(f, p), dtype=np.float64)
        if risk.shape != f.shape:
            raise ValueError(f"expected(f, p) must return one value per score in f; got shape {risk.shape}.")
        i = int(np.argmin(risk))
        best[k], lowest[k] = f[i], risk[i]
        ax.plot(f, risk, color=color, linestyle=linestyle, linewidth=2.0, marker=marker, markevery=[i],
                markersize=10, markeredgecolor="black", label=f"p = {p:.2f}")
    ax.set(xlim=f_range, xlabel="score f", ylabel="expected loss", title=title)
    if ylim is not None:
        ax.set_ylim(ylim)
    if legend:
        ax.legend(ncol=2, loc="upper center", title="marker: minimiser", framealpha=0.9)
    return Minimisers(ps, best, lowest, compare)
