"""One small table formatter for the lesson's printed tables."""

from __future__ import annotations

from numbers import Integral, Real


def _cell(value, floats):
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        text = format(float(value), floats)
        return format(0.0, floats) if float(text) == 0 else text  # -0.0 (autograd's, say) prints as 0
    return str(value)


def format_table(header, rows, *, floats="+.4f"):
    """A plain-text table: the first column left-aligned, the others right-aligned.

    Numbers are printed with ``floats`` (integers as integers, and a zero never as "-0"), booleans as
    yes/no, strings as they are.

    Examples
    --------
    >>> print(format_table(["", "y = +1", "y = -1"], [["clamp", -1.0, 1.0], ["relu", -0.0, 0.0]], floats="+.1f"))
           y = +1  y = -1
    clamp    -1.0    +1.0
    relu     +0.0    +0.0
    """
    header = [str(h) for h in header]
    body = [[_cell(v, floats) for v in row] for row in rows]
    if not body or any(len(row) != len(header) for row in body):
        raise ValueError(f"give at least one row, each with {len(header)} entries, one per column of {header}.")
    widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
    lines = ["  ".join(c.ljust(wd) if k == 0 else c.rjust(wd) for k, (c, wd) in enumerate(zip(r, widths)))
             for r in [header, *body]]
    return "\n".join(line.rstrip() for line in lines)
