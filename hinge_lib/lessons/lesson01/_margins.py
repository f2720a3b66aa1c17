"""Everything lesson 01 prints about a classifier ``(w, b)`` on labelled points, computed once.

:func:`margin_result` is the lesson's one computation (the view's ``compute`` and every printed
table use it); :func:`format_margins` turns it into the table; :func:`margin_table` does both.
All the numbers come from :mod:`hinge_lib.geometry`.
"""

from __future__ import annotations

import numpy as np

from ...geometry import (
    decision_function,
    distance_to_hyperplane,
    functional_margin,
    geometric_margin,
    margin_position,
    margin_width,
    project_onto_hyperplane,
)


def margin_result(X, y, w, b):
    """Scores, margins, distances, positions and band of ``(w, b)`` on ``(X, y)``, as a dict.

    With ``w = 0`` there is no boundary: ``"boundary"`` is False and the geometric entries are
    None (every score equals ``b``), which the table and the view report instead of failing.
    In the plane (two features) the dict also holds what the picture draws: ``"feet"`` (the foot
    of each point's perpendicular on the boundary), ``"band"`` (the two ends of a segment across
    the band, through the foot of the data's centre) and ``"arrow"`` (where the arrow ``w`` starts).
    """
    scores = decision_function(X, w, b)
    functional = functional_margin(X, y, w, b)
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.asarray(w, dtype=float).ravel(), float(b)
    result = dict(X=X, y=y, w=w, b=b, scores=scores, functional=functional, boundary=bool(np.any(w)),
                  norm=None, width=None, geometric=None, distance=None, position=None,
                  feet=None, band=None, arrow=None)
    if not result["boundary"]:
        return result
    width = margin_width(w)
    result.update(norm=2.0 / width, width=width, geometric=geometric_margin(X, y, w, b),
                  distance=distance_to_hyperplane(X, w, b), position=margin_position(functional))
    if X.shape[1] == 2:
        norm = result["norm"]
        centre = project_onto_hyperplane(X.mean(axis=0, keepdims=True), w, b)[0]
        step = (w / norm) / norm  # w / ||w||^2 raises the score by exactly 1
        along = np.array([-w[1], w[0]]) / norm  # a unit step along the boundary
        result.update(feet=project_onto_hyperplane(X, w, b), band=np.array([centre - step, centre + step]),
                      arrow=centre + 1.5 * along)
    return result


def _num(value, fmt):
    """``value`` formatted with ``fmt``, never as a negative zero ("-0.000")."""
    text = format(float(value), fmt)
    return text.replace("-", "+") if float(text) == 0.0 else text


def format_margins(result):
    """The lesson's table of a :func:`margin_result`: one row per point, then nothing else."""
    w, b = result["w"], result["b"]
    w_text = ", ".join(_num(v, "+.2f") for v in w)
    if result["boundary"]:
        head = (f"w = ({w_text}), b = {_num(b, '+.2f')}, ||w|| = {result['norm']:.3f}, "
                f"band width 2/||w|| = {result['width']:.3f}")
    else:
        head = (f"w = ({w_text}), b = {_num(b, '+.2f')}: w is zero, so there is no boundary (every score "
                f"equals b) and no geometric margin. Move w1 or w2 away from 0.")
    n_features = result["X"].shape[1]
    coords = "".join(f"{f'x{j + 1}':>7}" for j in range(n_features))
    lines = [head, f"{'i':>2}{coords} {'y':>3} {'f(x)':>7} {'y f(x)':>7} {'y f(x)/||w||':>13}  position"]
    for i in range(len(result["y"])):
        x = "".join(f" {_num(v, '+6.2f')}" for v in result["X"][i])
        geometric = _num(result["geometric"][i], "+13.3f") if result["boundary"] else f"{'-':>13}"
        position = result["position"][i] if result["boundary"] else "-"
        lines.append(f"{i:>2}{x} {result['y'][i]:+3.0f} {_num(result['scores'][i], '+7.3f')} "
                     f"{_num(result['functional'][i], '+7.3f')} {geometric}  {position}")
    return "\n".join(lines)


def margin_table(X, y, w, b):
    """Each point's score, functional margin, geometric margin and position, as a printable table.

    Parameters
    ----------
    X : array of shape (N, D)
    y : labels in {-1, +1}, shape (N,)
    w : array of shape (D,); the zero vector is reported (no boundary), not an error
    b : float

    Returns
    -------
    str
        A header with ``w``, ``b``, ``||w||`` and the band width ``2/||w||``, then one row per point.

    Examples
    --------
    >>> print(margin_table([[3.0, 4.0], [0.0, 0.0]], [1, -1], [3.0, 4.0], -5.0))
    w = (+3.00, +4.00), b = -5.00, ||w|| = 5.000, band width 2/||w|| = 0.400
     i     x1     x2   y    f(x)  y f(x)  y f(x)/||w||  position
     0  +3.00  +4.00  +1 +20.000 +20.000        +4.000  beyond the margin
     1  +0.00  +0.00  -1  -5.000  +5.000        +1.000  beyond the margin
    """
    return format_margins(margin_result(X, y, w, b))
