"""Training runs looked at after the fact: one epoch of a recorded run, one fit per lambda.

These are the pure computations behind lesson 04's figures and widgets: the epoch slider
replays a run from ``LinearSVM.history_`` and the lambda slider refits the exact solver.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_binary_labels, check_positive, check_same_length
from .geometry import margin_width
from .support import support_vector_mask


class Snapshot(NamedTuple):
    """The state of a binary training run after ``epoch`` epochs."""

    epoch: int
    coef: np.ndarray  # w, shape (D,)
    intercept: float  # b
    loss: float  # mean hinge loss
    objective: float  # J(w, b)
    support: np.ndarray  # boolean mask: hinge loss > 0
    n_support: int


def snapshot(history, epoch, X, y):
    """The model recorded in ``history`` (a binary ``LinearSVM.history_``) after ``epoch`` epochs.

    Examples
    --------
    >>> from hinge_lib import LinearSVM, make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> run = LinearSVM(n_epochs=5).fit(X, y)
    >>> s = snapshot(run.history_, 5, X, y)
    >>> s.n_support == int(run.history_["n_support"][5]), bool(np.allclose(s.coef, run.coef_[0]))
    (True, True)
    """
    n_recorded = len(history["epoch"])
    if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or not 0 <= epoch < n_recorded:
        raise ValueError(f"epoch must be an integer in [0, {n_recorded - 1}] (the epochs recorded); got {epoch!r}.")
    coef = np.asarray(history["coef"][epoch], dtype=np.float64)
    if coef.ndim != 1:
        raise ValueError("snapshot replays binary runs only; this history has one weight vector per class.")
    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    intercept = float(history["intercept"][epoch])
    support = support_vector_mask(X @ coef + intercept, y)
    return Snapshot(int(epoch), coef, intercept, float(history["loss"][epoch]),
                    float(history["objective"][epoch]), support, int(support.sum()))


class RegularisedFit(NamedTuple):
    """The minimiser of J(w, b) for one regularisation strength."""

    reg_strength: float  # lambda
    C: float  # scikit-learn's C = 1 / (lambda N)
    coef: np.ndarray
    intercept: float
    margin_width: float  # 2 / ||w||
    support: np.ndarray  # boolean mask of the model's support_: alpha > 0 (exact solver), else hinge loss > 0
    n_support: int
    solver: str


def fit_reg_strength(X, y, reg_strength, *, solver="exact"):
    """Fit a binary ``LinearSVM`` at ``reg_strength`` (exact solver by default) and summarise it.

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> narrow, wide = fit_reg_strength(X, y, 0.01), fit_reg_strength(X, y, 0.3)
    >>> wide.margin_width > narrow.margin_width, wide.n_support > narrow.n_support
    (True, True)
    """
    from .models import LinearSVM

    reg_strength = check_positive(reg_strength, "reg_strength")
    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    model = LinearSVM(solver=solver, reg_strength=reg_strength).fit(X, y)
    coef, intercept = model.coef_[0].copy(), float(model.intercept_[0])
    support = np.zeros(X.shape[0], dtype=bool)
    support[model.support_] = True
    return RegularisedFit(reg_strength, 1.0 / (reg_strength * X.shape[0]), coef, intercept,
                          margin_width(coef), support, int(support.sum()), solver)
