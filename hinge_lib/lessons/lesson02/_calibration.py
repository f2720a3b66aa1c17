"""Why Platt scaling works on a linear SVM although the hinge gives no probabilities, with numbers.

The data come from the course's toy label model (the one behind ``hinge_lib.make_two_class``): points
uniform on the square ``[-2.5, 2.5]^2``, label ``sign(x . (1, -0.6) + 0.4 + noise * z)`` with
``z ~ N(0, 1)``, so the true ``P(y = +1 | x) = Phi((x . (1, -0.6) + 0.4) / noise)`` is known at
every point. Two hinge-trained scorers are compared after Platt scaling:

* the *flexible* model: a free score in each cell of a ``cells x cells`` grid, each minimising the
  mean hinge of its own training points. A cell's mean hinge is the expected hinge ``E_q(f)`` with
  ``q`` the cell's share of +1 labels, so its minimiser is ``sign(2q - 1)``: on finite data, what
  "the minimiser over all functions" looks like;
* a regularised linear SVM (``hinge_lib.LinearSVM``, exact solver) for a few ``reg_strength``.

Platt scaling fits ``P(y = +1 | f) = 1 / (1 + exp(-(a f + c)))`` to held-out scores by maximum
likelihood, with Platt's slightly smoothed targets: a logistic regression with the score as its only
feature (what scikit-learn's ``CalibratedClassifierCV(method="sigmoid")`` computes; the tests check it).
"""

from __future__ import annotations

import numpy as np

from ... import LinearSVM

_TRUE_W, _TRUE_B, _EXTENT = np.array([1.0, -0.6]), 0.4, 2.5
_PARTS = ("train", "cal", "test")


def calibration_data(seed=0, *, n_train=500, n_cal=500, n_test=2000, noise=0.5):
    """Training, calibration and test points of the course's toy label model, with the true probabilities.

    Parameters
    ----------
    seed : int
        Seed of ``np.random.default_rng``; the three parts are independent draws from it.
    n_train, n_cal, n_test : int
        Sizes of the three parts.
    noise : float > 0, default 0.5 (the noise of ``hinge_lib.make_two_class``)

    Returns
    -------
    dict
        ``X_train``, ``y_train``, ``X_cal``, ``y_cal``, ``X_test``, ``y_test`` (labels in {-1, +1}) and
        ``p_test``, the true ``P(y = +1 | x)`` of each test point.

    Examples
    --------
    >>> d = calibration_data(seed=0, n_train=5, n_cal=5, n_test=3)
    >>> d["X_train"].shape, d["y_test"].shape, bool(((d["p_test"] > 0) & (d["p_test"] < 1)).all())
    ((5, 2), (3,), True)
    """
    from scipy.stats import norm

    sizes = dict(train=n_train, cal=n_cal, test=n_test)
    for name, n in sizes.items():
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"n_{name} must be a positive integer; got {n!r}.")
    if not (np.isfinite(noise) and noise > 0):
        raise ValueError(f"noise must be a positive number (the standard deviation of the label noise); got {noise!r}.")
    rng = np.random.default_rng(seed)
    data = {}
    for part, n in sizes.items():
        X = rng.uniform(-_EXTENT, _EXTENT, size=(n, 2))
        true_score = X @ _TRUE_W + _TRUE_B
        data[f"X_{part}"] = X
        data[f"y_{part}"] = np.where(true_score + noise * rng.standard_normal(n) >= 0, 1.0, -1.0)
        if part == "test":
            data["p_test"] = norm.cdf(true_score / noise)
    return data


def _cell_of(X, cells):
    """The index of the grid cell of each point (cells x cells cells over the square)."""
    i, j = np.clip(((X + _EXTENT) / (2 * _EXTENT) * cells).astype(int), 0, cells - 1).T
    return i * cells + j


def _cell_scores(X, y, cells):
    """Each cell's minimiser of its own mean hinge: ``sign(2q - 1)``, ``q`` the cell's share of +1 labels."""
    idx = _cell_of(X, cells)
    n = np.bincount(idx, minlength=cells**2)
    n_pos = np.bincount(idx, weights=y > 0, minlength=cells**2)
    share = np.divide(n_pos, n, out=np.full(cells**2, 0.5), where=n > 0)  # an empty cell: no information, score 0
    return np.sign(2.0 * share - 1.0)


def _platt(scores_cal, y_cal, scores_test):
    """Platt scaling: ``P(y = +1 | f) = 1 / (1 + exp(-(a f + c)))`` fitted by maximum likelihood on held-out scores.

    As in Platt (1999) and scikit-learn's ``CalibratedClassifierCV(method="sigmoid")``, the 0/1 targets are
    smoothed to ``(N+ + 1) / (N+ + 2)`` and ``1 / (N- + 2)``, which keeps ``a`` finite on separable scores.
    """
    from scipy.optimize import minimize

    scores_cal, scores_test = np.asarray(scores_cal, dtype=float), np.asarray(scores_test, dtype=float)
    n_pos, n_neg = np.sum(y_cal > 0), np.sum(y_cal < 0)
    t = np.where(y_cal > 0, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))

    def nll(ac):  # the mean negative log-likelihood of the targets t
        z = ac[0] * scores_cal + ac[1]
        return np.mean(np.logaddexp(0.0, z) - t * z)

    a, c = minimize(nll, [1.0, 0.0]).x
    return 1.0 / (1.0 + np.exp(-(a * scores_test + c)))


def _scores(data, model, cells, reg_strength):
    """Calibration and test scores of the flexible model or of a linear SVM trained on ``data``."""
    if model == "flexible":
        table = _cell_scores(data["X_train"], data["y_train"], cells)
        return {part: table[_cell_of(data[f"X_{part}"], cells)] for part in ("cal", "test")}
    svm = LinearSVM(solver="exact", reg_strength=reg_strength).fit(data["X_train"], data["y_train"])
    return {part: svm.decision_function(data[f"X_{part}"]) for part in ("cal", "test")}


def _evaluate(data, scores):
    """What the study reports for one scorer on one draw."""
    from scipy.stats import spearmanr

    proba = _platt(scores["cal"], data["y_cal"], scores["test"])
    s = scores["test"]
    return dict(distinct=len(np.unique(s)), low=float(s.min()), high=float(s.max()),
                rank=float(spearmanr(s, data["p_test"])[0]), error=float(np.abs(proba - data["p_test"]).mean()))


class CalibrationStudy(dict):
    """Model name -> dict of per-seed arrays (``distinct``, ``low``, ``high``, ``rank``, ``error``); prints a table."""

    seeds: np.ndarray
    example_seed: int

    def __str__(self):
        k = int(np.flatnonzero(self.seeds == self.example_seed)[0])
        lines = [f"{len(self.seeds)} seeds: medians over the seeds, and the Platt error's [min, max]; "
                 f"the last column is seed {self.example_seed}'s error (its rank among the seeds, 1 = smallest)",
                 f"{'model':<26} {'distinct':>8} {'score range':>16} {'rank corr.':>10} "
                 f"{'Platt error [min, max]':>23} {'seed ' + str(self.example_seed):>14}"]
        for name, r in self.items():
            err = r["error"]
            rank = int(np.sum(err < err[k])) + 1
            scores = f"[{np.median(r['low']):+.2f}, {np.median(r['high']):+.2f}]"
            spread = f"{np.median(err):.3f} [{err.min():.3f}, {err.max():.3f}]"
            mine = f"{err[k]:.3f} ({rank:>2})"
            lines.append(f"{name:<26} {np.median(r['distinct']):>8.0f} {scores:>16} {np.median(r['rank']):>10.3f} "
                         f"{spread:>23} {mine:>14}")
        return "\n".join(lines)


def calibration_study(seeds=range(20), *, reg_strengths=(0.01, 1.0), cells=8, example_seed=None, **data_options):
    """Platt scaling of the flexible hinge minimiser and of linear SVMs, over many draws of the data.

    For each seed, :func:`calibration_data` draws the data; each model is trained on the training
    part, Platt-scaled on the calibration part and judged on the test part, where the true
    probabilities are known.

    Parameters
    ----------
    seeds : iterable of int, default range(20)
    reg_strengths : sequence of float, default (0.01, 1.0)
        The lambdas of the linear SVMs (one model each).
    cells : int, default 8
        The flexible model has one free score per cell of a ``cells x cells`` grid.
    example_seed : int, optional
        The seed whose own numbers the table shows in its last column (default: the first seed).
    **data_options
        Passed to :func:`calibration_data` (``n_train``, ``n_cal``, ``n_test``, ``noise``).

    Returns
    -------
    CalibrationStudy
        A dict: model name -> per-seed arrays ``distinct`` (distinct test scores), ``low`` / ``high``
        (smallest / largest test score), ``rank`` (Spearman correlation of the test scores with the
        true probabilities) and ``error`` (mean ``|P - p|`` of the Platt probabilities ``P`` against
        the true ``p`` over the test points); ``print`` gives the table.

    Examples
    --------
    >>> study = calibration_study(seeds=[0, 1], reg_strengths=[0.01], n_train=100, n_cal=100, n_test=200)
    >>> list(study), study["flexible, 8 x 8 cells"]["error"].shape
    (['flexible, 8 x 8 cells', 'linear SVM, λ = 0.01'], (2,))
    """
    seeds = np.array(list(seeds), dtype=int)
    if seeds.size == 0:
        raise ValueError("seeds is empty; pass at least one seed.")
    if isinstance(cells, bool) or not isinstance(cells, (int, np.integer)) or cells < 1:
        raise ValueError(f"cells must be a positive integer; got {cells!r}.")
    example_seed = int(seeds[0]) if example_seed is None else example_seed
    if example_seed not in seeds:
        raise ValueError(f"example_seed {example_seed} is not among the seeds {seeds.tolist()}.")
    models = {f"flexible, {cells} x {cells} cells": ("flexible", None)}
    models.update({f"linear SVM, λ = {lam:g}": ("linear", lam) for lam in reg_strengths})
    rows = {name: [] for name in models}
    for seed in seeds:
        data = calibration_data(int(seed), **data_options)
        for name, (model, lam) in models.items():
            rows[name].append(_evaluate(data, _scores(data, model, cells, lam)))
    study = CalibrationStudy({name: {key: np.array([r[key] for r in rs]) for key in rs[0]}
                              for name, rs in rows.items()})
    study.seeds, study.example_seed = seeds, example_seed
    return study
