"""The course's text output: a linear classifier drawn in plain text, and printed tables.

:func:`render_text_boundary` draws a classifier for terminals and for reading without a plot;
:func:`format_table` prints rows of numbers as an aligned table, in fixed formats.

Each character is one cell of a square grid over ``[-extent, extent]^2``:

* ``.`` positive side, beyond the margin (``f >= 1``)
* ``,`` negative side, beyond the margin (``f <= -1``)
* ``:`` inside the margin band (``-1 < f < 1``)
* ``+`` / ``-`` a data point of class +1 / -1 (drawn in the cell nearest to it)
* ``@`` a margin violator (hinge loss > 0: support vectors in the loss sense); it wins over ``+``/``-``

Rows run from ``x2 = +extent`` (top) down to ``x2 = -extent``; columns from ``x1 = -extent`` to ``+extent``.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import as_float_array, check_binary_labels, check_positive, check_same_length

__all__ = ["format_table", "render_text_boundary"]


def _linear_params(model):
    """(w, b) from a fitted binary LinearSVM-like model or from a ``(w, b)`` pair."""
    if isinstance(model, tuple) and len(model) == 2:
        w, b = model
        return np.asarray(w, dtype=np.float64).ravel(), float(b)
    if hasattr(model, "coef_") and hasattr(model, "intercept_"):
        coef = np.asarray(model.coef_, dtype=np.float64)
        if coef.ndim == 2 and coef.shape[0] != 1:
            raise ValueError("render_text_boundary draws binary models only; this model has several classes.")
        return coef.ravel(), float(np.ravel(model.intercept_)[0])
    raise ValueError("model must be a fitted binary model (with coef_ and intercept_) or a (w, b) pair.")


def render_text_boundary(model, X, y, *, grid_size=21, extent=3.0):
    """Draw the boundary, the margin band, the points and the support vectors as text.

    Parameters
    ----------
    model : fitted binary model with ``coef_``/``intercept_`` (e.g. LinearSVM), or a ``(w, b)`` pair
    X : array of shape (N, 2)
    y : labels in {-1, +1} of shape (N,)
    grid_size : int, default 21, cells per side
    extent : float, default 3.0, half-width of the square drawn

    Returns
    -------
    str : ``grid_size`` lines of ``grid_size`` characters

    Examples
    --------
    >>> print(render_text_boundary(([1.0, 0.0], 0.0), [[2.0, 0.0]], [1], grid_size=5, extent=2.0))
    ,,:..
    ,,:..
    ,,:.+
    ,,:..
    ,,:..
    """
    grid_size = check_positive(grid_size, "grid_size", integer=True)
    extent = check_positive(extent, "extent")
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"render_text_boundary draws 2-D data; X has {X.shape[1]} features.")
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    w, b = _linear_params(model)
    w = as_float_array(w, "w")  # NaN weights would draw a blank band, not fail
    b = float(as_float_array(b, "b"))
    if w.shape != (2,):
        raise ValueError(f"the model must have 2 weights to be drawn in the plane; it has {w.shape[0]}.")

    ticks = np.linspace(-extent, extent, grid_size)
    x1, x2 = np.meshgrid(ticks, ticks[::-1])  # top row is x2 = +extent
    f = w[0] * x1 + w[1] * x2 + b
    grid = np.where(f >= 1, ".", np.where(f <= -1, ",", ":")).astype("<U1")

    step = 2 * extent / (grid_size - 1) if grid_size > 1 else 1.0
    cols = np.rint((X[:, 0] + extent) / step).astype(int)
    rows = np.rint((extent - X[:, 1]) / step).astype(int)
    inside = (rows >= 0) & (rows < grid_size) & (cols >= 0) & (cols < grid_size)
    support = y * (X @ w + b) < 1
    # draw plain points first so that a support vector sharing a cell stays visible
    for mask, char in ((y > 0) & ~support, "+"), ((y < 0) & ~support, "-"), (support, "@"):
        sel = inside & mask
        grid[rows[sel], cols[sel]] = char
    return "\n".join("".join(row) for row in grid)


def _cell(value, spec):
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        return str(int(value)) if spec is None else format(value, spec)
    text = format(float(value), spec or ".4g")
    return format(0.0, spec or ".4g") if text == format(-0.0, spec or ".4g") else text  # never "-0"


def format_table(rows, formats=None):
    """Rows of numbers as an aligned text table (first column left-aligned, the others right-aligned).

    Parameters
    ----------
    rows : list of dict
        One dict per row, all with the same keys; the keys are the column headers.
    formats : dict of column -> format spec, optional
        e.g. ``{"J": ".5f"}``; other columns print integers and strings as they are and other
        numbers with 4 significant digits.

    Returns
    -------
    str

    Examples
    --------
    >>> print(format_table([{"lambda": 0.01, "band width": 1.2, "SVs": 17},
    ...                     {"lambda": 0.1, "band width": 1.666, "SVs": 25}], {"band width": ".2f"}))
    lambda  band width  SVs
    0.01          1.20   17
    0.1           1.67   25
    """
    rows = list(rows)
    if not rows or not all(isinstance(row, dict) for row in rows):
        raise ValueError("rows must be a non-empty list of dicts, one per row, with the column names as keys.")
    columns = list(rows[0])
    for k, row in enumerate(rows):
        if list(row) != columns:
            raise ValueError(f"row {k} has the columns {list(row)}, but row 0 has {columns}; give every row "
                             "the same keys in the same order.")
    formats = formats or {}
    unknown = set(formats) - set(columns)
    if unknown:
        raise ValueError(f"formats names columns that no row has: {sorted(unknown)}; the columns are {columns}.")
    cells = [[str(c) for c in columns]] + [[_cell(row[c], formats.get(c)) for c in columns] for row in rows]
    widths = [max(len(line[j]) for line in cells) for j in range(len(columns))]
    lines = []
    for line in cells:
        parts = [line[0].ljust(widths[0])] + [text.rjust(width) for text, width in zip(line[1:], widths[1:])]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
