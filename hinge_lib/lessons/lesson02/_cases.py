"""One row per point: its label, score, functional margin, hinge loss and position, as a printable table."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ... import hinge_loss, margin_position


def _signed(value, digits=2):
    """``+0.50`` / ``-1.00``; adding 0.0 turns the -0.0 of a margin ``-1 x 0`` into +0.00."""
    return f"{value + 0.0:+.{digits}f}"


class HingeCases(NamedTuple):
    """Points with their hinge loss; ``print`` shows them as a table (see :func:`hinge_cases`)."""

    score: np.ndarray  # f(x)
    y: np.ndarray  # labels in {-1, +1}
    margin: np.ndarray  # m = y f(x)
    loss: np.ndarray  # max(0, 1 - m)
    position: tuple  # the course's position words (hinge_lib.margin_position)

    def __str__(self):
        header = f"{'y':>3} {'f(x)':>8} {'m = y f(x)':>11} {'hinge loss':>11}  position"
        rows = [f"{y:>+3.0f} {_signed(s):>8} {_signed(m):>11} {loss:>11.2f}  {where}"
                for s, y, m, loss, where in zip(self.score, self.y, self.margin, self.loss, self.position)]
        return "\n".join([header, *rows])


def hinge_cases(scores, y):
    """The hinge loss of each point and where it sits, in the course's words.

    Parameters
    ----------
    scores : float or array-like of shape (N,)
        Scores ``f(x)``.
    y : float or array-like of shape (N,)
        Labels in {-1, +1} (labels {0, 1} raise ``ValueError``: convert them with ``2*y - 1``).

    Returns
    -------
    HingeCases
        A named tuple of arrays ``score``, ``y``, ``margin``, ``loss`` and the tuple ``position``
        ("beyond the margin", "on the margin", "inside the band", "on the boundary" or
        "misclassified"); printing it gives one table row per point.

    Examples
    --------
    >>> print(hinge_cases([2.0, 0.5, -1.0], [1, 1, 1]))   # the three worked cases
      y     f(x)  m = y f(x)  hinge loss  position
     +1    +2.00       +2.00        0.00  beyond the margin
     +1    +0.50       +0.50        0.50  inside the band
     +1    -1.00       -1.00        2.00  misclassified
    """
    loss = np.atleast_1d(hinge_loss(scores, y, reduction="none"))  # checks the scores and the labels
    s = np.atleast_1d(np.asarray(scores, dtype=np.float64))
    labels = np.atleast_1d(np.asarray(y, dtype=np.float64))
    margin = labels * s
    return HingeCases(s, labels, margin, loss, margin_position(margin))
