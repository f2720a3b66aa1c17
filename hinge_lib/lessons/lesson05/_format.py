"""One small table formatter for the lesson's printed tables."""

from __future__ import annotations

from numbers import Integral, Real


def _cell(value, floats):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        return format(float(value), floats)
    return str(value)


def format_table(header, rows, *, floats=".4f"):
    """A plain-text table: the first column left-aligned, the others right-aligned.

    Numbers are printed with ``floats`` (integers as integers), booleans as yes/no, strings as they are.

    >>> print(format_table(["group", "points", "max y f"], [["outside", 43, 5.15471], ["on margin", 3, 1.0]]))
    group      points  max y f
    outside        43   5.1547
    on margin       3   1.0000
    """
    header = [str(h) for h in header]
    body = [[_cell(v, floats) for v in row] for row in rows]
    if any(len(row) != len(header) for row in body):
        raise ValueError(f"every row needs {len(header)} entries, one per column of the header {header}.")
    widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
    lines = ["  ".join(c.ljust(wd) if k == 0 else c.rjust(wd) for k, (c, wd) in enumerate(zip(r, widths)))
             for r in [header, *body]]
    return "\n".join(line.rstrip() for line in lines)
