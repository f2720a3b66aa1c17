"""More than two classes: a three-class toy set, one-vs-rest binary SVMs, and one sample's
multi-class hinge broken down class by class.

Two ways to get a C-class linear classifier out of hinge losses:

* **one-vs-rest** (:class:`OneVsRestSVM`): train C independent binary SVMs, "class k" (+1) against
  "every other class" (-1), and predict the class whose SVM gives the largest score;
* **joint** multi-class hinge (``LinearSVM`` on more than two labels): one objective over all C
  weight vectors at once, Weston-Watkins or Crammer-Singer (see :mod:`hinge_lib.losses`).

Both predict ``argmax_k (x . w_k + b_k)``; they differ in how the weights are trained.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_margin, check_positive
from .losses import multiclass_hinge_loss_and_grad
from .models import LinearSVM

THREE_CLASS_CENTERS = ((-1.8, -1.2), (0.0, 0.0), (1.8, 1.2))


def make_three_class(n_per_class=40, seed=None, *, spread=0.55, centers=THREE_CLASS_CENTERS):
    """Three Gaussian blobs in the plane, in a row, so the middle class sits between the other two.

    Parameters
    ----------
    n_per_class : int, default 40
    seed : int or None, seed of ``np.random.default_rng``
    spread : float > 0, standard deviation of each blob
    centers : sequence of (x1, x2), one per class (default: three points on a line)

    Returns
    -------
    X : ndarray of shape (n_classes * n_per_class, 2)
    y : ndarray of int, class indices 0, 1, 2, ... in a random order

    Examples
    --------
    >>> X, y = make_three_class(seed=0)
    >>> X.shape, np.bincount(y).tolist()
    ((120, 2), [40, 40, 40])
    """
    n_per_class = check_positive(n_per_class, "n_per_class", integer=True)
    spread = check_positive(spread, "spread")
    centers = as_float_array(centers, "centers", ndim=2)
    if centers.shape[1] != 2 or centers.shape[0] < 2:
        raise ValueError(f"centers must be a list of at least two (x1, x2) points; got shape {centers.shape}.")
    rng = np.random.default_rng(seed)
    X = np.vstack([c + spread * rng.standard_normal((n_per_class, 2)) for c in centers])
    y = np.repeat(np.arange(centers.shape[0]), n_per_class)
    order = rng.permutation(y.size)
    return X[order], y[order]


class OneVsRestSVM:
    """C binary :class:`~hinge_lib.models.LinearSVM` models, class k (+1) against the rest (-1).

    The keyword arguments are passed to every binary ``LinearSVM``. Fitted attributes follow
    scikit-learn: ``classes_``, ``coef_`` of shape (C, D), ``intercept_`` of shape (C,), and
    ``estimators_``, the binary models.

    Examples
    --------
    >>> X, y = make_three_class(seed=0)
    >>> ovr = OneVsRestSVM(reg_strength=0.1, n_epochs=50).fit(X, y)
    >>> ovr.coef_.shape, ovr.intercept_.shape
    ((3, 2), (3,))
    """

    def __init__(self, **svm_params):
        self.svm_params = svm_params

    def fit(self, X, y):
        X = as_float_array(X, "X", ndim=2)
        y = np.asarray(y)
        classes = np.unique(y)
        if classes.size < 3:
            raise ValueError(
                f"one-vs-rest needs at least three classes; y has {classes.size}. "
                "For two classes, use LinearSVM directly."
            )
        # class k is +1, the rest -1: exactly the binary SVM of the earlier lessons
        self.estimators_ = [LinearSVM(**self.svm_params).fit(X, np.where(y == k, 1.0, -1.0)) for k in classes]
        self.classes_ = classes
        self.coef_ = np.vstack([m.coef_ for m in self.estimators_])
        self.intercept_ = np.concatenate([m.intercept_ for m in self.estimators_])
        return self

    def decision_function(self, X):
        """Scores of shape (N, C): column k is binary SVM k's score."""
        if not hasattr(self, "coef_"):
            raise ValueError("This OneVsRestSVM is not fitted yet; call fit(X, y) first.")
        X = as_float_array(X, "X", ndim=2)
        return X @ self.coef_.T + self.intercept_

    def predict(self, X):
        """The class whose binary SVM is most confident (largest score)."""
        scores = self.decision_function(X)  # raises first if the model is not fitted
        return self.classes_[scores.argmax(axis=1)]

    def score(self, X, y):
        return float((self.predict(X) == np.asarray(y)).mean())


class MulticlassBreakdown(NamedTuple):
    """One sample's multi-class hinge, class by class (see :func:`multiclass_breakdown`)."""

    scores: np.ndarray  # (C,)
    true_class: int
    margin: float
    gaps: np.ndarray  # s_k - s_c + margin for each wrong class k; nan on the true class
    ww_loss: float
    cs_loss: float
    ww_grad: np.ndarray  # (C,) d(WW loss)/d scores
    cs_grad: np.ndarray  # (C,) d(CS loss)/d scores
    worst_class: int  # the wrong class with the largest score (Crammer-Singer's choice)


def multiclass_breakdown(scores, true_class, *, margin=1.0):
    """Weston-Watkins and Crammer-Singer loss and gradient of one sample, with the per-class gaps.

    A wrong class ``k`` costs something when its gap ``s_k - s_c + margin`` is positive, i.e. its
    score comes within ``margin`` of the true class's score (or beats it). Weston-Watkins adds up
    every positive gap; Crammer-Singer keeps only the largest.

    Examples
    --------
    >>> r = multiclass_breakdown([2.0, 1.5, 1.8], 0)
    >>> round(r.ww_loss, 6), round(r.cs_loss, 6), r.worst_class
    (1.3, 0.8, 2)
    >>> r.ww_grad.tolist(), r.cs_grad.tolist()
    ([-2.0, 1.0, 1.0], [-1.0, 0.0, 1.0])
    """
    margin = check_margin(margin)
    s = as_float_array(scores, "scores", ndim=1)
    if s.size < 2:
        raise ValueError(f"scores needs one entry per class, at least two; got {s.size}.")
    if isinstance(true_class, (bool, np.bool_)) or not isinstance(true_class, (int, np.integer)):
        raise ValueError(f"true_class must be an integer class index; got {true_class!r}.")
    if not 0 <= true_class < s.size:
        raise ValueError(f"true_class must lie in [0, {s.size - 1}] (one index per score); got {true_class}.")
    c = int(true_class)
    ww, ww_grad = multiclass_hinge_loss_and_grad(s[None, :], [c], margin=margin, kind="weston_watkins", reduction="sum")
    cs, cs_grad = multiclass_hinge_loss_and_grad(s[None, :], [c], margin=margin, kind="crammer_singer", reduction="sum")
    gaps = s - s[c] + margin
    gaps[c] = np.nan
    wrong = np.delete(np.arange(s.size), c)
    worst = int(wrong[np.argmax(s[wrong])])  # lowest index wins a tie, as in the loss
    return MulticlassBreakdown(s, c, margin, gaps, float(ww), float(cs), ww_grad[0], cs_grad[0], worst)


def describe_breakdown(result):
    """One line per loss for a :class:`MulticlassBreakdown`, with fixed formats."""
    grad = lambda g: "[" + ", ".join(f"{v + 0.0:+.0f}" for v in g) + "]"  # + 0.0 turns -0 into 0
    return (
        f"true class {result.true_class}; scores [" + ", ".join(f"{v:.2f}" for v in result.scores) + "]\n"
        f"Weston-Watkins loss {result.ww_loss:.3f}, gradient {grad(result.ww_grad)}\n"
        f"Crammer-Singer loss {result.cs_loss:.3f}, gradient {grad(result.cs_grad)}"
    )
