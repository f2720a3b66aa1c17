"""``LinearSVM``: a linear classifier trained on the hinge (or squared hinge) loss.

It follows scikit-learn's conventions so a learner can swap it for ``SVC``/``LinearSVC``
and back: hyper-parameters in the constructor, ``fit`` returns ``self``, fitted attributes
end with ``_`` and have scikit-learn's shapes.

The objective (bias not regularised; scikit-learn's ``C`` is ``1 / (reg_strength * N)``)::

    J(w, b) = reg_strength / 2 * ||w||^2 + mean_i loss(y_i, w.x_i + b)

Solvers
-------
``"gd"``       full-batch (sub)gradient descent with a constant ``learning_rate``.
``"sgd"``      stochastic (sub)gradient descent on shuffled mini-batches, constant ``learning_rate``.
``"pegasos"``  Shalev-Shwartz et al.: step ``1 / (reg_strength * t)`` at update ``t``, then projection
               of ``w`` onto the ball of radius ``1 / sqrt(reg_strength)`` (binary hinge, margin 1; in
               general ``sqrt(L0 / reg_strength)`` with ``L0`` the mean loss at ``w = 0, b = 0``, a bound
               on ``||w*||``); ``learning_rate`` is unused. Hinge loss only.
``"exact"``    the exact minimiser of J (binary only), by SMO on the dual; see :mod:`hinge_lib.exact`.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    MULTICLASS_KINDS,
    as_float_array,
    check_choice,
    check_margin,
    check_positive,
    check_same_length,
)
from .objective import LOSSES, _loss_kernel, _objective_and_grad_unchecked

SOLVERS = ("gd", "sgd", "pegasos", "exact")
INITS = ("zeros", "random")


class LinearSVM:
    """Linear support vector machine trained on the hinge loss.

    Parameters
    ----------
    loss : {"hinge", "squared_hinge"}, default "hinge"
    reg_strength : float > 0, default 0.01
        lambda in J(w, b); larger means a smaller ||w|| and a wider margin band.
    solver : {"gd", "sgd", "pegasos", "exact"}, default "gd"
    learning_rate : float > 0, default 0.05 (gd and sgd)
    n_epochs : int > 0, default 400 (passes over the data; iterative solvers only)
    multiclass : {"weston_watkins", "crammer_singer"}, default "weston_watkins"
        The joint multi-class hinge used when ``y`` has more than two labels.
    init : {"zeros", "random"}, default "zeros"
        Starting weights of the iterative solvers; "random" draws w ~ N(0, 1/n_features), b = 0.
    batch_size : int > 0, default 1 (sgd and pegasos)
    random_state : int or None
        Seeds the random initialisation and the sample order of sgd/pegasos.
    tol : float > 0 or None, default None
        Iterative solvers stop early when the objective changes by less than ``tol * max(1, J)``
        between epochs (None: always run ``n_epochs``). The exact solver uses it as its
        stopping gap (default 1e-10).
    margin : float >= 0, default 1.0

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,), the sorted labels; for two classes ``classes_[1]``
        is the positive class (+1), as in scikit-learn.
    coef_ : ndarray of shape (1, D) (binary) or (C, D)
    intercept_ : ndarray of shape (1,) or (C,)
    support_ : ndarray of int, indices of the support vectors: hinge loss > 0 at the fitted model
        for the iterative solvers, dual coefficient > 0 for ``solver="exact"``.
    alpha_ : ndarray of shape (N,), dual coefficients (``solver="exact"`` only), in SVC's scale
    history_ : dict of arrays (iterative solvers): ``"epoch"``, ``"loss"`` (mean loss),
        ``"objective"``, ``"n_support"``, ``"coef"`` and ``"intercept"``, one entry per epoch with
        the initial state first (length ``n_epochs_run_ + 1``).
    n_epochs_run_ : int

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> model = LinearSVM(solver="exact", reg_strength=0.01).fit(X, y)
    >>> model.coef_.shape, model.intercept_.shape, bool((model.predict(X) == y).mean() > 0.8)
    ((1, 2), (1,), True)
    """

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

    # ------------------------------------------------------------------ scikit-learn plumbing
    _PARAMS = ("loss", "reg_strength", "solver", "learning_rate", "n_epochs", "multiclass", "init",
               "batch_size", "random_state", "tol", "margin")

    _FITTED = ("classes_", "coef_", "intercept_", "support_", "alpha_", "history_", "n_epochs_run_", "n_iter_")

    def __sklearn_tags__(self):
        """Tell scikit-learn (>= 1.6) this is a classifier, so cross_val_score & co. accept it."""
        from sklearn.utils import ClassifierTags, InputTags, Tags, TargetTags

        return Tags(estimator_type="classifier", target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags(), input_tags=InputTags())

    def get_params(self, deep=True):
        return {name: getattr(self, name) for name in self._PARAMS}

    def set_params(self, **params):
        for name, value in params.items():
            if name not in self._PARAMS:
                raise ValueError(f"Unknown parameter {name!r} for LinearSVM; valid ones are {', '.join(self._PARAMS)}.")
            setattr(self, name, value)
        return self

    def __repr__(self):
        defaults = LinearSVM().get_params()
        changed = [f"{k}={v!r}" for k, v in self.get_params().items() if v != defaults[k]]
        return f"LinearSVM({', '.join(changed)})"

    # ------------------------------------------------------------------ fitting
    def _check_hyperparameters(self):
        check_choice(self.loss, "loss", LOSSES)
        check_choice(self.solver, "solver", SOLVERS)
        check_choice(self.multiclass, "multiclass", MULTICLASS_KINDS)
        check_choice(self.init, "init", INITS)
        check_positive(self.reg_strength, "reg_strength")
        check_positive(self.learning_rate, "learning_rate")
        check_positive(self.n_epochs, "n_epochs", integer=True)
        check_positive(self.batch_size, "batch_size", integer=True)
        if self.tol is not None:
            check_positive(self.tol, "tol")
        check_margin(self.margin)
        if self.solver == "pegasos" and self.loss == "squared_hinge":
            # the squared hinge's gradient grows with the violation; with steps 1/(lambda t) the unregularised
            # bias then grows geometrically during the first ~1/lambda updates (overflowing on real data)
            raise ValueError(
                "solver='pegasos' is defined for the hinge loss (its steps 1/(reg_strength t) need bounded "
                "subgradients; with loss='squared_hinge' the bias can blow up). Use solver='gd' or 'sgd' for "
                "the squared hinge."
            )

    def _encode_labels(self, y, n_samples):
        y = np.asarray(y)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D, one label per sample; got shape {y.shape}.")
        if y.shape[0] != n_samples:
            raise ValueError(
                f"X and y have different numbers of samples: {n_samples} and {y.shape[0]}. "
                "They must describe the same samples, one entry per sample."
            )
        if y.dtype.kind == "f" and not np.isfinite(y).all():
            raise ValueError("y contains NaN or infinite labels; every sample needs a valid label.")
        try:
            classes, encoded = np.unique(y, return_inverse=True)
        except TypeError:  # e.g. None next to numbers: labels that cannot be sorted into classes_
            kinds = sorted({type(v).__name__ for v in y})
            raise ValueError(
                f"y holds labels that cannot be compared with each other (types {kinds}); "
                "use labels of one kind, all numbers or all strings."
            ) from None
        if classes.size < 2:
            raise ValueError(
                f"y has only one class ({classes.tolist()[0]!r}); a classifier needs samples of at least two classes."
            )
        if classes.size == 2:
            return classes, 2.0 * encoded - 1.0  # classes_[1] -> +1, as in scikit-learn
        return classes, encoded.astype(np.intp)

    def fit(self, X, y):
        """Fit the model to ``X`` (N, D) and labels ``y`` (any two or more labels). Returns ``self``."""
        self._check_hyperparameters()
        X = as_float_array(X, "X", ndim=2)
        classes, target = self._encode_labels(y, X.shape[0])
        # forget any earlier fit first, so a fit that fails leaves no mix of old and new attributes
        for name in self._FITTED:
            self.__dict__.pop(name, None)
        if self.solver == "exact":
            self._fit_exact(X, target, classes.size)
        else:
            self._fit_iterative(X, target, classes.size)
        self.classes_ = classes
        return self

    def _fit_exact(self, X, y, n_classes):
        if n_classes != 2:
            raise ValueError(
                f"solver='exact' solves the binary problem only; y has {n_classes} classes. "
                "Use solver='gd', 'sgd' or 'pegasos' for the multi-class hinge."
            )
        if self.margin != 1.0:
            raise ValueError("solver='exact' solves the standard SVM with margin=1.0; use an iterative solver for other margins.")
        from .exact import solve_exact

        sol = solve_exact(X, y, self.reg_strength, loss=self.loss, tol=self.tol if self.tol is not None else 1e-10)
        self.coef_ = sol.coef.reshape(1, -1).copy()
        self.intercept_ = np.array([sol.intercept])
        self.alpha_ = sol.alpha
        self.support_ = np.flatnonzero(sol.alpha > 0)
        self.n_iter_ = sol.n_iter

    def _fit_iterative(self, X, y, n_classes):
        n, d = X.shape
        rng = np.random.default_rng(self.random_state)
        shape = (d,) if n_classes == 2 else (d, n_classes)
        w = rng.normal(0.0, np.sqrt(1.0 / d), size=shape) if self.init == "random" else np.zeros(shape)
        b = 0.0 if n_classes == 2 else np.zeros(n_classes)
        lam, margin = float(self.reg_strength), float(self.margin)
        args = (lam, self.loss, self.multiclass, margin)

        hist = {k: [] for k in ("objective", "loss", "n_support", "coef", "intercept")}
        support = None

        def record(w, b):
            nonlocal support
            objective, grad_w, grad_b, mean_loss, per_sample = _objective_and_grad_unchecked(X, y, w, b, *args)
            support = per_sample > 0  # hinge loss > 0: inside the band or on the wrong side
            hist["objective"].append(objective)
            hist["loss"].append(mean_loss)
            hist["n_support"].append(int(support.sum()))
            hist["coef"].append(np.array(w, copy=True))
            hist["intercept"].append(np.array(b, copy=True))
            return objective, grad_w, grad_b

        objective, grad_w, grad_b = record(w, b)
        n_run = 0
        # overflow on the way to a diverged run is reported below with a clear message, not as warnings
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, int(self.n_epochs) + 1):
                if self.solver == "gd":
                    # the gradient at the current point was computed when it was recorded: reuse it
                    w = w - self.learning_rate * grad_w
                    b = b - self.learning_rate * grad_b
                else:
                    w, b = self._stochastic_epoch(X, y, w, b, rng, epoch, *args)
                previous = objective
                objective, grad_w, grad_b = record(w, b)
                n_run = epoch
                if not np.isfinite(objective):
                    raise ValueError(
                        f"Training diverged at epoch {epoch}: the objective became {objective}. "
                        f"Lower learning_rate (now {self.learning_rate}) or standardise the features of X."
                    )
                if self.tol is not None and abs(previous - objective) < self.tol * max(1.0, abs(objective)):
                    break

        self.n_epochs_run_ = n_run
        self.coef_ = np.atleast_2d(np.asarray(w).T).copy()
        self.intercept_ = np.atleast_1d(np.asarray(b, dtype=np.float64)).copy()
        self.history_ = {k: np.array(v) for k, v in hist.items()}
        self.history_["epoch"] = np.arange(n_run + 1)
        self.support_ = np.flatnonzero(support)

    def _stochastic_epoch(self, X, y, w, b, rng, epoch, lam, loss, kind, margin):
        """One pass of sgd or pegasos over a fresh random order of the samples."""
        n = X.shape[0]
        bs = int(self.batch_size)
        order = rng.permutation(n)
        t0 = (epoch - 1) * -(-n // bs)  # updates made before this epoch
        for k, start in enumerate(range(0, n, bs)):
            idx = order[start:start + bs]
            Xb, yb = X[idx], y[idx]
            _, g = _loss_kernel(Xb @ w + b, yb, loss, kind, margin)
            g /= idx.size
            grad_w = Xb.T @ g
            grad_b = g.sum(axis=0)
            if self.solver == "sgd":
                eta = self.learning_rate
            else:  # pegasos: eta_t = 1 / (lambda t)
                eta = 1.0 / (lam * (t0 + k + 1))
            w = (1.0 - eta * lam) * w - eta * grad_w
            b = b - eta * grad_b
            if self.solver == "pegasos":
                # At the optimum ||w*||^2 <= L0 / lambda (from the dual), L0 the mean loss at w = 0, b = 0: margin
                # for the hinge, times C - 1 for Weston-Watkins, whose every wrong class adds a term. Pegasos's
                # 1 / sqrt(lambda) is the binary case with margin 1; projecting onto a smaller ball for
                # Weston-Watkins or margin > 1 would cut the optimum off.
                n_terms = w.shape[1] - 1 if (w.ndim == 2 and kind == "weston_watkins") else 1
                radius = np.sqrt(n_terms * margin) / np.sqrt(lam)
                norm = float(np.linalg.norm(w))
                if norm > radius:
                    w = w * (radius / norm)
        return w, b

    # ------------------------------------------------------------------ prediction
    def _check_fitted(self):
        if not hasattr(self, "classes_"):
            raise ValueError("This LinearSVM is not fitted yet; call fit(X, y) before using it.")

    def decision_function(self, X):
        """Scores: shape (N,) for a binary model (positive means ``classes_[1]``), (N, C) otherwise."""
        self._check_fitted()
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != self.coef_.shape[1]:
            raise ValueError(
                f"X has {X.shape[1]} features, but this LinearSVM was fitted with {self.coef_.shape[1]}."
            )
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if self.coef_.shape[0] == 1 else scores

    def predict(self, X):
        """Predicted labels, in the same label set as the ``y`` given to ``fit``."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[scores.argmax(axis=1)]

    def score(self, X, y):
        """Mean accuracy on ``(X, y)``."""
        y = np.asarray(y)
        pred = self.predict(X)
        check_same_length(pred, y, "X", "y")
        return float((pred == y).mean())
