"""One mislabelled outlier: where it sits, and how far it moves each loss's exact solution.

The lesson writes ``outlier_effect`` out for one distance; :func:`outlier_sweep` runs the same steps
over many distances, fitting the data without the outlier once per loss. Every fit is the exact
minimiser of J (:func:`hinge_lib.solve_exact`), so a difference between the losses is a property
of the losses, not of an optimiser that stopped early.
"""

from __future__ import annotations

import numpy as np

from hinge_lib import solve_exact
from hinge_lib._validation import as_float_array, check_binary_labels, check_positive, check_same_length

TRUE_W, TRUE_B = np.array([1.0, -0.6]), 0.4  # the true boundary of make_two_class
LOSSES = {"hinge": "hinge", "squared hinge": "squared_hinge"}  # the course's names -> the API's


def _outlier_point(distance, true_w=TRUE_W, true_b=TRUE_B):
    """The point ``distance`` from the true boundary on its -1 side, on the normal through the boundary
    point nearest the origin (the middle of ``make_two_class``'s square)."""
    normal = true_w / np.linalg.norm(true_w)
    foot = -true_b * true_w / (true_w @ true_w)
    return foot - distance * normal


def _signed_distances(X, w, b):
    """Signed distance of each row of X to the line w.x + b = 0."""
    return (X @ w + b) / np.linalg.norm(w)


def _check_distances(distances):
    d = np.atleast_1d(as_float_array(distances, "distances", ndim=(0, 1)))
    if (d <= 0).any():
        raise ValueError(f"distances must be > 0 (how far the outlier sits from the true boundary); got {d.min():g}.")
    if np.any(np.diff(d) <= 0):
        raise ValueError("distances must be increasing and without repeats, e.g. [1, 2, 5, 10].")
    return d


def outlier_sweep(X, y, distances, *, reg_strength=0.01):
    """Fit the hinge and the squared hinge exactly with one mislabelled outlier at each distance.

    The outlier sits ``distance`` from the true boundary of :func:`hinge_lib.make_two_class`
    (w = (1, -0.6), b = 0.4) on its -1 side and is labelled +1. For each loss the data are fitted
    once without it and once per distance with it; "shift" is the mean, over the clean points, of
    the change in their signed distance to the boundary (0 for the same line, in units of x).

    Parameters
    ----------
    X : array of shape (N, 2); y : labels in {-1, +1} of shape (N,)
    distances : increasing array of distances > 0
    reg_strength : float > 0, the lambda of J (the same for the fits with N and with N + 1 points)

    Returns
    -------
    dict with ``"distance"`` (K,), ``"point"`` (K, 2), ``"reg_strength"``, ``"C"`` (= 1/(lambda (N + 1)),
    the C of the fits with the outlier), ``"crossover"`` (the smallest distance of the sweep from
    which on the hinge line has moved at least as far as the squared hinge's at every larger
    distance, or None), and one dict per loss, ``"hinge"`` and ``"squared hinge"``, with
    ``"clean"`` ((w, b) without the outlier), ``"clean_errors"`` (clean points it misclassifies),
    ``"coef"`` (K, 2), ``"intercept"`` (K,), ``"shift"`` (K,), ``"alpha"`` (K,: the outlier's dual
    coefficient), ``"margin"`` (K,: the outlier's functional margin y f) and ``"errors"`` (K,: clean
    points misclassified).

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> sweep = outlier_sweep(X, y, [5.0])
    >>> bool(sweep["squared hinge"]["shift"][0] > sweep["hinge"]["shift"][0])
    True
    >>> round(float(sweep["hinge"]["alpha"][0] / sweep["C"]), 6)   # capped at C
    1.0
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"outlier_sweep places the outlier in the plane; X must have 2 features, not {X.shape[1]}.")
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    distances = _check_distances(distances)
    lam = check_positive(reg_strength, "reg_strength")
    points = np.array([_outlier_point(d) for d in distances])
    sweep = dict(distance=distances, point=points, reg_strength=lam, C=1.0 / (lam * (len(y) + 1)))
    for name, loss in LOSSES.items():
        clean = solve_exact(X, y, lam, loss=loss)
        before = _signed_distances(X, clean.coef, clean.intercept)
        fits = [solve_exact(np.vstack([X, p]), np.append(y, 1.0), lam, loss=loss) for p in points]
        coef = np.array([f.coef for f in fits])
        intercept = np.array([f.intercept for f in fits])
        scores = X @ coef.T + intercept  # (N, K): every clean point under every fit
        sweep[name] = dict(
            clean=(clean.coef, clean.intercept),
            clean_errors=int(np.count_nonzero(np.sign(X @ clean.coef + clean.intercept) != y)),
            coef=coef,
            intercept=intercept,
            shift=np.array([np.mean(np.abs(_signed_distances(X, w, b) - before)) for w, b in zip(coef, intercept)]),
            alpha=np.array([f.alpha[-1] for f in fits]),
            margin=np.einsum("kj,kj->k", points, coef) + intercept,  # the outlier's y f, with y = +1
            errors=np.count_nonzero(np.sign(scores) != y[:, None], axis=0),
        )
    further = sweep["hinge"]["shift"] >= sweep["squared hinge"]["shift"]
    tail = np.flatnonzero(~further)  # the last distance at which the squared hinge moved further
    start = 0 if tail.size == 0 else tail[-1] + 1
    sweep["crossover"] = float(distances[start]) if start < distances.size else None
    return sweep
