"""``LinearSVM`` and ``OneVsRestSVM``: linear classifiers trained on the hinge (or squared hinge) loss.

Both are scikit-learn estimators (``BaseEstimator``, ``ClassifierMixin``, ``validate_data``,
``check_is_fitted``), so they work in ``cross_val_score``, ``GridSearchCV`` and pipelines, and a
learner can swap them for ``SVC`` / ``LinearSVC`` and back. The objective (bias not regularised;
scikit-learn's ``C`` is ``1 / (reg_strength * N)``)::

    J(w, b) = reg_strength / 2 * ||w||^2 + mean_i loss(y_i, w.x_i + b)

Solvers:

* ``"gd"``: full-batch (sub)gradient descent with a constant ``learning_rate``.
* ``"sgd"``: stochastic (sub)gradient descent on shuffled mini-batches, constant ``learning_rate``.
* ``"pegasos"``: Shalev-Shwartz et al.: step ``1 / (reg_strength * t)`` at update ``t``, then projection
  of ``w`` onto the ball of radius ``sqrt(L0 / reg_strength)`` (``L0`` the mean loss at
  ``w = 0``: ``margin``, times ``C - 1`` for Weston-Watkins), which holds the optimum.
* ``"exact"``: the exact minimiser of J (binary only), by SMO on the dual; see :mod:`hinge_lib.exact`.
"""

from __future__ import annotations

from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils._param_validation import Interval, InvalidParameterError, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

from .objective import objective_and_grad

__all__ = ["LinearSVM", "OneVsRestSVM"]

SUPPORT_TOL = 1e-3  # iterative solvers: support_ holds the points with y f(x) <= 1 + SUPPORT_TOL


class LinearSVM(ClassifierMixin, BaseEstimator):
    """Linear support vector machine trained on the hinge loss.

    Parameters
    ----------
    loss : {"hinge", "squared_hinge"}, default "hinge"
    reg_strength : float > 0, default 0.01
        lambda in J(w, b); larger means a smaller ||w|| and a wider margin band.
    solver : {"gd", "sgd", "pegasos", "exact"}, default "gd"
    learning_rate : float > 0 or "auto", default 0.05 (gd and sgd)
        The constant step. "auto" takes ``1 / L`` with ``L = reg_strength + 2 mean_i (||x_i||^2 + 1)``
        (``max_i`` for sgd): a bound on the smoothness constant of the squared hinge's J, which makes
        every gd step on it a descent step whatever the scale of the features; for the hinge it scales
        the step to the data the same way.
    n_epochs : int >= 1, default 400 (passes over the data; iterative solvers only)
    multiclass : {"weston_watkins", "crammer_singer"}, default "weston_watkins"
        The joint multi-class hinge used when ``y`` has more than two labels.
    init : {"zeros", "random"}, default "zeros"
        Starting weights of the iterative solvers; "random" draws w ~ N(0, 1/n_features), b = 0.
    batch_size : int >= 1, default 1 (sgd and pegasos)
    random_state : int, Generator or None
        Seeds the random initialisation and the sample order of sgd/pegasos.
    tol : float in (0, 1] or None, default None
        Iterative solvers stop early when J changes by less than ``tol * max(1, J)`` between
        epochs (None: always run ``n_epochs``). The exact solver stops at libsvm's gap ``tol``
        (default 1e-10).
    margin : float >= 0, default 1.0 (the exact solver needs 1.0)

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,), the sorted labels; with two classes ``classes_[1]`` is
        the positive class (+1), as in scikit-learn.
    coef_ : ndarray of shape (1, D) (binary) or (C, D)
    intercept_ : ndarray of shape (1,) or (C,)
    support_ : ndarray of int, the support vectors in scikit-learn's sense: dual coefficient > 0,
        which at the optimum means functional margin ``y f(x) <= 1``. The exact solver reports
        ``alpha > 0``; the iterative solvers, which end near the optimum, report
        ``y f(x) <= 1 + SUPPORT_TOL`` (1e-3) at the fitted model (binary only).
    alpha_ : ndarray of shape (N,), dual coefficients (``solver="exact"`` only), in SVC's scale
    history_ : dict of arrays (iterative solvers): ``"epoch"``, ``"loss"`` (mean loss),
        ``"objective"``, ``"n_violators"`` (points with ``y f(x) < margin``, i.e. loss > 0),
        ``"coef"`` and ``"intercept"``, one entry per epoch with the initial state first.
    n_iter_ : int, epochs run (iterative solvers) or SMO steps (exact)
    n_features_in_ : int; ``feature_names_in_`` when fitted on a DataFrame

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> model = LinearSVM(solver="exact", reg_strength=0.01).fit(X, y)
    >>> model.coef_.shape, model.intercept_.shape, model.score(X, y) > 0.8
    ((1, 2), (1,), True)
    """

    _parameter_constraints = {
        "loss": [StrOptions({"hinge", "squared_hinge"})],
        "reg_strength": [Interval(Real, 0, None, closed="neither")],
        "solver": [StrOptions({"gd", "sgd", "pegasos", "exact"})],
        "learning_rate": [Interval(Real, 0, None, closed="neither"), StrOptions({"auto"})],
        "n_epochs": [Interval(Integral, 1, None, closed="left")],
        "multiclass": [StrOptions({"weston_watkins", "crammer_singer"})],
        "init": [StrOptions({"zeros", "random"})],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
        "tol": [Interval(Real, 0, 1, closed="right"), None],
        "margin": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(self, loss="hinge", reg_strength=0.01, solver="gd", learning_rate=0.05, n_epochs=400,
                 multiclass="weston_watkins", init="zeros", batch_size=1, random_state=None, tol=None,
                 margin=1.0):
        self.loss = loss
        self.reg_strength = reg_strength
        self.solver = solver
        self.learning_rate = learning_rate
        self.n_epochs = n_epochs
        self.multiclass = multiclass
        self.init = init
        self.batch_size = batch_size
        self.random_state = random_state
        self.tol = tol
        self.margin = margin

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = self.solver != "exact"  # the exact solver is binary only
        return tags

    # ------------------------------------------------------------------ fitting
    def _validate(self, X, y, sample_weight):
        """Parameters, X, y and weights checked with scikit-learn's machinery, plus the course's own rules."""
        self._validate_params()
        for name in ("reg_strength", "learning_rate", "n_epochs", "batch_size", "tol", "margin"):
            if isinstance(getattr(self, name), (bool, np.bool_)):  # bool passes as a number in Python
                raise InvalidParameterError(f"The {name!r} parameter of {type(self).__name__} must be a number, "
                                            f"not a bool; got {getattr(self, name)!r}.")
        if self.solver == "pegasos" and self.loss == "squared_hinge":
            raise ValueError("solver='pegasos' is defined for the hinge loss (its steps 1/(reg_strength t) need "
                             "bounded subgradients). Use solver='gd' or 'sgd' for the squared hinge.")
        if self.solver == "exact" and self.margin != 1.0:
            raise ValueError("solver='exact' solves the standard SVM with margin=1.0; use an iterative solver "
                             "for other margins.")
        kinds = {type(v).__name__ for v in np.asarray(y, dtype=object).ravel()} - {"int", "float", "int64", "float64"}
        if kinds and len({type(v).__name__ for v in np.asarray(y, dtype=object).ravel()}) > 1:
            raise ValueError(f"y holds labels of several kinds that cannot be compared (types "
                             f"{sorted({type(v).__name__ for v in np.asarray(y, dtype=object).ravel()})}); "
                             "use labels of one kind, all numbers or all strings.")
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        weighted = sample_weight is not None
        sample_weight = _check_sample_weight(sample_weight, X, dtype=np.float64, ensure_non_negative=True)
        classes, encoded = np.unique(y, return_inverse=True)
        present = np.unique(encoded[sample_weight > 0])
        if present.size < 2:
            which = " with positive sample_weight" if weighted else ""
            raise ValueError(f"y has only one class{which} ({', '.join(map(repr, classes[present].tolist()))}); "
                             "a classifier needs samples of at least two classes.")
        target = 2.0 * encoded - 1.0 if classes.size == 2 else encoded  # classes_[1] -> +1, as in scikit-learn
        return X, target, classes, sample_weight

    def fit(self, X, y, sample_weight=None):
        """Fit to ``X`` (N, D) and labels ``y`` (any two or more labels); ``sample_weight`` as in ``SVC``.

        Returns ``self``.
        """
        self._forget_fit()
        try:
            X, target, classes, sample_weight = self._validate(X, y, sample_weight)
            if self.solver == "exact" and classes.size > 2:
                raise ValueError(f"Only binary classification is supported by solver='exact'; y has {classes.size} "
                                 "classes. Use solver='gd', 'sgd' or 'pegasos', or OneVsRestSVM(solver='exact').")
            if self.solver == "exact":
                self._fit_exact(X, target, sample_weight)
            else:
                self._fit_iterative(X, target, classes.size, sample_weight)
        except Exception:
            self._forget_fit()  # a fit that fails leaves no fitted attributes behind
            raise
        self.classes_ = classes
        return self

    def _forget_fit(self):
        for name in [k for k in vars(self) if k.endswith("_") and not k.startswith("_")]:
            delattr(self, name)

    def _fit_exact(self, X, y, sample_weight):
        from .exact import solve_exact

        # solve_exact's J averages s_i loss_i over the N samples; LinearSVM's J is the weighted mean, the same
        # problem with reg_strength scaled by sum(s) / N (it is reg_strength itself without weights)
        scale = sample_weight.sum() / len(y)
        sol = solve_exact(X, y, self.reg_strength * scale, loss=self.loss, tol=1e-10 if self.tol is None else self.tol,
                          sample_weight=sample_weight)
        self.coef_, self.intercept_ = sol.coef.reshape(1, -1), np.array([sol.intercept])
        self.alpha_, self.n_iter_ = sol.alpha, sol.n_iter
        self.support_ = np.flatnonzero(sol.alpha > 0)

    def _fit_iterative(self, X, y, n_classes, sample_weight):
        n, d = X.shape
        rng = np.random.default_rng(self.random_state)
        shape = (d,) if n_classes == 2 else (d, n_classes)
        w = rng.normal(0.0, np.sqrt(1.0 / d), size=shape) if self.init == "random" else np.zeros(shape)
        b = 0.0 if n_classes == 2 else np.zeros(n_classes)
        # J's loss term is the mean, or with sample weights s the weighted mean sum_i s_i loss_i / sum_i s_i
        weight = None if np.all(sample_weight == 1.0) else sample_weight / sample_weight.sum()
        args = (self.reg_strength, self.loss, self.multiclass, self.margin)
        history = {k: [] for k in ("objective", "loss", "n_violators", "coef", "intercept")}

        def record(w, b):
            J, grad_w, grad_b, per_sample = objective_and_grad(X, y, w, b, *args, weight)
            mean_loss = per_sample.sum() / n if weight is None else per_sample @ weight
            for key, value in zip(history, (J, mean_loss, np.count_nonzero(per_sample > 0), w, b)):
                history[key].append(np.copy(value))
            return J, grad_w, grad_b

        J, grad_w, grad_b = record(w, b)
        if self.learning_rate == "auto":  # 1 / L, L a bound on the squared hinge's smoothness constant
            sq_norms = np.einsum("ij,ij->i", X, X) + 1.0
            bound = sq_norms.max() if self.solver == "sgd" else np.average(sq_norms, weights=sample_weight)
            eta = 1.0 / (self.reg_strength + 2.0 * bound)
        else:
            eta = self.learning_rate
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is reported below, not as warnings
            for epoch in range(1, self.n_epochs + 1):
                if self.solver == "gd":  # the gradient at (w, b) was computed when it was recorded
                    w, b = w - eta * grad_w, b - eta * grad_b
                else:
                    w, b = self._stochastic_epoch(X, y, w, b, rng, epoch, eta,
                                                  None if weight is None else weight * n)
                previous = J
                J, grad_w, grad_b = record(w, b)
                if not np.isfinite(J):
                    raise ValueError(f"Training diverged at epoch {epoch}: the objective became {J}. Lower learning_rate "
                                     f"(now {self.learning_rate}), use learning_rate='auto', or standardise the "
                                     "features of X.")
                if self.tol is not None and abs(previous - J) < self.tol * max(1.0, abs(J)):
                    break
        self.n_iter_ = epoch
        self.coef_ = np.atleast_2d(w.T).copy()
        self.intercept_ = np.atleast_1d(b).astype(np.float64)
        self.history_ = {k: np.array(v) for k, v in history.items()}
        self.history_["epoch"] = np.arange(epoch + 1)
        if n_classes == 2:
            self.support_ = np.flatnonzero(y * (X @ w + b) <= 1.0 + SUPPORT_TOL)

    def _stochastic_epoch(self, X, y, w, b, rng, epoch, step, relative_weight):
        """One pass of sgd or pegasos over a fresh random order of the samples."""
        n, lam = X.shape[0], self.reg_strength
        updates_per_epoch = -(-n // self.batch_size)
        order = rng.permutation(n)
        for k, start in enumerate(range(0, n, self.batch_size)):
            idx = order[start:start + self.batch_size]
            # the batch's mean loss (each sample weighted by s_i / mean(s)): an unbiased estimate of J's loss term
            batch_weight = None if relative_weight is None else relative_weight[idx] / idx.size
            _, grad_w, grad_b, _ = objective_and_grad(X[idx], y[idx], w, b, 0.0, self.loss, self.multiclass,
                                                      self.margin, batch_weight)
            if self.solver == "sgd":
                eta = step
            else:  # pegasos: eta_t = 1 / (lambda t)
                eta = 1.0 / (lam * ((epoch - 1) * updates_per_epoch + k + 1))
            w = (1.0 - eta * lam) * w - eta * grad_w
            b = b - eta * grad_b
            if self.solver == "pegasos":  # project onto the ball that holds the optimum: ||w*||^2 <= L0 / lambda
                n_terms = w.shape[1] - 1 if (w.ndim == 2 and self.multiclass == "weston_watkins") else 1
                radius = np.sqrt(n_terms * self.margin / lam)
                w = w * min(1.0, radius / max(np.linalg.norm(w), 1e-300))
        return w, b

    # ------------------------------------------------------------------ prediction
    def decision_function(self, X):
        """Scores: shape (N,) for a binary model (positive means ``classes_[1]``), (N, C) otherwise."""
        check_is_fitted(self, "coef_", msg="This %(name)s is not fitted yet; call fit(X, y) before using it.")
        X = validate_data(self, X, dtype=np.float64, reset=False)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if self.coef_.shape[0] == 1 else scores

    def predict(self, X):
        """Predicted labels, in the same label set as the ``y`` given to ``fit``."""
        scores = self.decision_function(X)
        return self.classes_[(scores > 0).astype(int) if scores.ndim == 1 else scores.argmax(axis=1)]


class OneVsRestSVM(LinearSVM):
    """One binary :class:`LinearSVM` per class, class k (+1) against all the others (-1).

    Same parameters as ``LinearSVM`` (``multiclass`` is unused: every model is binary); predicts the
    class whose model gives the largest score. Fitted attributes: ``classes_``, ``coef_`` (C, D),
    ``intercept_`` (C,) and ``estimators_``, the binary models; with two classes it is one binary
    ``LinearSVM``, as in scikit-learn's ``OneVsRestClassifier``.

    Examples
    --------
    >>> from hinge_lib import make_three_class
    >>> X, y = make_three_class(seed=0)
    >>> ovr = OneVsRestSVM(reg_strength=0.1, n_epochs=50).fit(X, y)
    >>> ovr.coef_.shape, ovr.intercept_.shape, len(ovr.estimators_)
    ((3, 2), (3,), 3)
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = True  # each of its models is binary, whatever the solver
        return tags

    def fit(self, X, y, sample_weight=None):
        """Fit one binary model per class. Returns ``self``."""
        self._forget_fit()
        X, target, classes, sample_weight = self._validate(X, y, sample_weight)
        params = self.get_params()
        if classes.size == 2:
            columns = [target]
        else:  # class k is +1, the rest -1: exactly the binary SVM of the earlier lessons
            columns = [np.where(target == k, 1.0, -1.0) for k in range(classes.size)]
        self.estimators_ = [LinearSVM(**params).fit(X, t, sample_weight) for t in columns]
        self.coef_ = np.vstack([m.coef_ for m in self.estimators_])
        self.intercept_ = np.concatenate([m.intercept_ for m in self.estimators_])
        self.classes_ = classes
        self.n_iter_ = max(m.n_iter_ for m in self.estimators_)
        return self
