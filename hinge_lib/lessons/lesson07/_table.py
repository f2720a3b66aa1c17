"""Lesson 07's printed tables (the lambda grid, the digits models): one row per model or setting.

The same helper as lesson 04's `format_table` (a candidate for the core: two lessons print tables)."""

from __future__ import annotations

import numbers


def _cell(value, spec):
    if isinstance(value, str):
        return value
    if spec is not None:
        return format(value, spec)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return format(float(value), ".4g")


def format_table(rows, formats=None):
    """Rows of numbers as an aligned text table (first column left-aligned, the others right-aligned).

    Parameters
    ----------
    rows : list of dict
        One dict per row, all with the same keys; the keys are the column headers.
    formats : dict of column -> format spec, optional
        e.g. ``{"J": ".5f"}``; other columns print integers as they are, strings as they are and
        other numbers with 4 significant digits.

    Returns
    -------
    str

    Examples
    --------
    >>> print(format_table([{"model": "one-vs-rest", "accuracy": 0.7917, "middle class": 15},
    ...                     {"model": "Weston-Watkins", "accuracy": 1.0, "middle class": 40}], {"accuracy": ".3f"}))
    model           accuracy  middle class
    one-vs-rest        0.792            15
    Weston-Watkins     1.000            40
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
