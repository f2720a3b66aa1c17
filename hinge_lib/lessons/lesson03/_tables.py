"""Lesson 03's printed tables: a small column formatter, and the loop-versus-vectorised timing."""

from __future__ import annotations

import time

import numpy as np

from ...objective import svm_objective_and_grad, svm_objective_and_grad_naive


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _cell(value, fmt):
    """One table cell: bools as yes/no, ints as they are (or signed: "+d"), floats with ``fmt`` (never "-0.0000")."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return format(int(value), "+d" if fmt == "+d" else "d")
    if isinstance(value, (float, np.floating)):
        text = format(float(value), fmt)
        return format(0.0, fmt) if text == format(-0.0, fmt) else text  # a value that rounds to -0 prints as 0
    return str(value)


def format_table(columns, formats="+.4f"):
    """A plain-text table from ``{column name: values}``, one row per position in the value lists.

    Numbers are right-aligned, text left-aligned, booleans print as yes/no.

    Parameters
    ----------
    columns : dict of str -> sequence, all of the same length
    formats : str or dict, default "+.4f"
        The format of the numbers: one spec for every column (e.g. ``".3g"``), or a dict of column
        name -> spec (columns it does not name use "+.4f"). Ints print as they are, or signed with "+d".

    Returns
    -------
    str

    Examples
    --------
    >>> print(format_table({"point": [0, 1], "margin": [2.25, -0.5], "active": [False, True]}, {"margin": "+.2f"}))
    point   margin   active
        0    +2.25   no
        1    -0.50   yes
    """
    if not isinstance(columns, dict) or not columns:
        raise ValueError("columns must be a non-empty dict {column name: list of values}.")
    columns = {name: list(values) for name, values in columns.items()}
    lengths = {name: len(values) for name, values in columns.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"every column needs the same number of values; got {lengths}.")
    if isinstance(formats, dict):
        unknown = set(formats) - set(columns)
        if unknown:
            raise ValueError(f"formats names columns that do not exist: {sorted(unknown)}; "
                             f"the columns are {list(columns)}.")
        formats = {name: formats.get(name, "+.4f") for name in columns}
    else:
        formats = dict.fromkeys(columns, formats)
    cells = {name: [_cell(v, formats[name]) for v in values] for name, values in columns.items()}
    numeric = {name: all(_is_number(v) for v in values) for name, values in columns.items()}
    width = {name: max(len(name), *(len(c) for c in cells[name])) for name in columns}

    def line(texts):
        cells_of_line = (t.rjust(width[n]) if numeric[n] else t.ljust(width[n]) for n, t in zip(columns, texts))
        return "   ".join(cells_of_line).rstrip()

    rows = [line([cells[name][k] for name in columns]) for k in range(len(next(iter(columns.values()))))]
    return "\n".join([line(list(columns)), *rows])


def _best_time(func, number, repeat):
    """The fastest of ``repeat`` runs of ``number`` calls: CPU seconds of this process per call.

    CPU time (``time.process_time``) rather than the wall clock: while other programs hold the CPU
    the wall clock runs on but this process's CPU time does not, so a busy machine disturbs it less.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(number):
            func()
        best = min(best, (time.process_time() - start) / number)
    return best


def time_gradients(sizes=(100, 1_000, 10_000), n_features=20, *, seed=2, repeat=3):
    """Time J and its gradient, the loop twin against the vectorised version, on random problems.

    For each N in ``sizes`` a problem of N points with ``n_features`` features is drawn (seeded);
    each version is timed ``repeat`` times in CPU time and the fastest run is kept (the others
    were slowed down by something else on the machine). Timings depend on the machine and its
    load: print them, never assert them.

    Returns
    -------
    dict of columns for :func:`format_table`: "N", "D", "N x D", "loop (ms)", "loop ns per N·D",
    "vectorised (ms)", "ratio"; the times rounded to 3 significant digits (print them with "g")

    Examples
    --------
    >>> table = time_gradients(sizes=(10, 20), n_features=3, repeat=1)
    >>> table["N"], table["N x D"]
    ([10, 20], [30, 60])
    """
    sizes = [int(n) for n in sizes]
    if not sizes or min(sizes) < 1 or int(n_features) < 1:
        raise ValueError(f"sizes and n_features must be positive integers; got sizes={sizes}, n_features={n_features}.")
    d = int(n_features)
    rng = np.random.default_rng(seed)
    table = {"N": [], "D": [], "N x D": [], "loop (ms)": [], "loop ns per N·D": [], "vectorised (ms)": [], "ratio": []}
    for n in sizes:
        X, y, w = rng.normal(size=(n, d)), rng.choice([-1.0, 1.0], size=n), 0.1 * rng.normal(size=d)
        t_loop = _best_time(lambda: svm_objective_and_grad_naive(X, y, w, 0.1, 0.01), 1, repeat)
        number = max(1, int(400_000 // (n * d)))  # enough calls that the clock's resolution does not matter
        t_vec = _best_time(lambda: svm_objective_and_grad(X, y, w, 0.1, 0.01), number, repeat)
        for key, value in (("N", n), ("D", d), ("N x D", n * d), ("loop (ms)", 1e3 * t_loop),
                           ("loop ns per N·D", 1e9 * t_loop / (n * d)), ("vectorised (ms)", 1e3 * t_vec),
                           ("ratio", t_loop / t_vec)):
            table[key].append(value if isinstance(value, int) else float(f"{value:.3g}"))
    return table
