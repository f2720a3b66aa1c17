"""Lesson 03's timing table: the loop twin against the vectorised objective and gradient."""

from __future__ import annotations

import time

import numpy as np

from ...objective import svm_objective_and_grad, svm_objective_and_grad_naive


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
    list of dict, one row per N for :func:`hinge_lib.format_table`, with the keys "N", "D", "N x D",
    "loop (ms)", "loop ns per N·D", "vectorised (ms)", "ratio"; the times and the ratio rounded to
    3 significant digits (print them with "g")

    Examples
    --------
    >>> rows = time_gradients(sizes=(10, 20), n_features=3, repeat=1)
    >>> [(row["N"], row["N x D"]) for row in rows]
    [(10, 30), (20, 60)]
    """
    sizes = [int(n) for n in sizes]
    if not sizes or min(sizes) < 1 or int(n_features) < 1:
        raise ValueError(f"sizes and n_features must be positive integers; got sizes={sizes}, n_features={n_features}.")
    d = int(n_features)
    rng = np.random.default_rng(seed)
    rows = []
    for n in sizes:
        X, y, w = rng.normal(size=(n, d)), rng.choice([-1.0, 1.0], size=n), 0.1 * rng.normal(size=d)
        t_loop = _best_time(lambda: svm_objective_and_grad_naive(X, y, w, 0.1, 0.01), 1, repeat)
        number = max(1, int(400_000 // (n * d)))  # enough calls that the clock's resolution does not matter
        t_vec = _best_time(lambda: svm_objective_and_grad(X, y, w, 0.1, 0.01), number, repeat)
        times = {"loop (ms)": 1e3 * t_loop, "loop ns per N·D": 1e9 * t_loop / (n * d),
                 "vectorised (ms)": 1e3 * t_vec, "ratio": t_loop / t_vec}
        rows.append({"N": n, "D": d, "N x D": n * d, **{key: float(f"{value:.3g}") for key, value in times.items()}})
    return rows
