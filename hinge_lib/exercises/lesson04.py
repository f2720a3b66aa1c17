"""Exercises of lesson 04 (training).

q1  one epoch of full-batch subgradient descent on J(w, b), checked against ``LinearSVM(solver="gd")``
q2  the objective J(w, b) itself, checked against :func:`hinge_lib.objective.svm_objective`
"""

from __future__ import annotations

import numpy as np

from ..models import LinearSVM
from ..objective import svm_objective
from ._core import Exercise, Incorrect, answer_array as _as_array, call_answer


def _close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


def _datasets():
    from ..data import make_two_class

    X, y = make_two_class(n_per_class=15, seed=7)
    rng = np.random.default_rng(4)
    X3 = rng.normal(size=(20, 3))
    y3 = np.where(X3 @ np.array([1.0, 0.5, -1.0]) + 0.5 * rng.normal(size=20) > 0, 1.0, -1.0)
    return [(X, y, 0.05, 0.1), (X3, y3, 0.3, 0.2)]  # (X, y, lambda, learning rate)


# --------------------------------------------------------------------------- q1


def gd_epoch(X, y, w, b, reg_strength, learning_rate):
    """One full-batch subgradient step on J(w, b); returns the new (w, b)."""
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.asarray(w, float)
    n = X.shape[0]
    active = y * (X @ w + b) < 1  # only points with hinge loss > 0 push on (w, b)
    grad_w = reg_strength * w - (y[active] @ X[active]) / n
    grad_b = -y[active].sum() / n  # no regularisation on the bias
    return w - learning_rate * grad_w, b - learning_rate * grad_b


def _q1_steps():
    """(X, y, w, b, lambda, eta, w_next, b_next) from recorded LinearSVM runs, early and late in training."""
    steps = []
    for X, y, lam, eta in _datasets():
        run = LinearSVM(solver="gd", init="random", random_state=2, reg_strength=lam, learning_rate=eta,
                        n_epochs=40).fit(X, y)
        h = run.history_
        for t in (0, 15, 39):  # at t = 0 every point is active and b = 0; later neither holds
            steps.append((X, y, h["coef"][t], float(h["intercept"][t]), lam, eta, h["coef"][t + 1],
                          float(h["intercept"][t + 1])))
    return steps


def _q1_mistakes(X, y, w, b, lam, eta):
    n = X.shape[0]
    active = y * (X @ w + b) < 1
    dw, db = -(y[active] @ X[active]) / n, -y[active].sum() / n
    dw_all, db_all = -(y @ X) / n, -y.sum() / n
    return [
        (w - eta * dw, b - eta * db, "you forgot the regularisation gradient: the step on w must include "
                                     "lambda * w (weight decay), w <- w - eta (lambda w + data term)."),
        (w - eta * (lam * w + dw), b - eta * (db + lam * b), "you regularised the bias: J penalises ||w||^2 only, "
                                                               "so b moves by the data term alone."),
        (w - eta * (lam * w + n * dw), b - eta * n * db, "you summed over the points instead of taking the mean: "
                                                          "divide the data term by N."),
        (w + eta * (lam * w + dw), b + eta * db, "sign error: you stepped uphill (w + eta * grad); gradient "
                                                 "descent subtracts the gradient."),
        (w - eta * (lam * w - dw), b + eta * db, "sign error in the data term: an active point pulls w towards "
                                                 "y_i x_i, i.e. the gradient contribution is -y_i x_i / N."),
        (w - eta * (lam * w + dw_all), b - eta * db_all, "you updated with inactive points too: points with "
                                                          "y f(x) >= 1 have zero hinge gradient and must not move (w, b)."),
    ]


def _check_q1(answer):
    for X, y, w, b, lam, eta, w_next, b_next in _q1_steps():
        result = call_answer(answer, X.copy(), y.copy(), w.copy(), b, lam, eta)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise Incorrect("return the new parameters as a pair: return w_new, b_new.")
        got_w = _as_array(result[0], "w_new", w.shape)
        got_b = _as_array(result[1], "b_new", ())
        if _close(got_w, w_next) and _close(got_b, b_next):
            continue
        for wrong_w, wrong_b, message in _q1_mistakes(X, y, w, b, lam, eta):
            if _close(got_w, wrong_w) and _close(got_b, wrong_b):
                raise Incorrect(message)
        raise Incorrect(
            f"with lambda = {lam}, learning rate {eta} on {X.shape[0]} points, LinearSVM(solver='gd') moves "
            f"(w, b) from {np.round(np.append(w, b), 4).tolist()} to {np.round(np.append(w_next, b_next), 4).tolist()}; "
            f"yours gives {np.round(np.append(got_w, got_b), 4).tolist()}."
        )


def _q1_wrong(kind):
    def wrong(X, y, w, b, reg_strength, learning_rate):
        X, y, w = np.asarray(X, float), np.asarray(y, float), np.asarray(w, float)
        for got_w, got_b, message in _q1_mistakes(X, y, w, b, reg_strength, learning_rate):
            if kind in message:
                return got_w, got_b
        raise KeyError(kind)

    return wrong


q1 = Exercise(
    name="q1 one epoch of gradient descent",
    checker=_check_q1,
    hint_text="Find the active points (y f(x) < 1), form grad_w = lambda w - (1/N) sum_active y_i x_i and "
              "grad_b = -(1/N) sum_active y_i, then step: w - eta grad_w, b - eta grad_b.",
    reference=gd_epoch,
    mistakes={
        "forgot the regularisation gradient": (_q1_wrong("forgot the regularisation"), "forgot the regularisation"),
        "regularised the bias": (_q1_wrong("regularised the bias"), "regularised the bias"),
        "sum instead of mean": (_q1_wrong("summed over the points"), "instead of taking the mean"),
        "sign error": (_q1_wrong("stepped uphill"), "sign error"),
        "updated with inactive points": (_q1_wrong("inactive points too"), "inactive points"),
    },
)


# --------------------------------------------------------------------------- q2


def objective(X, y, w, b, reg_strength):
    """J(w, b) = (lambda/2)||w||^2 + (1/N) sum_i max(0, 1 - y_i (w.x_i + b))."""
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.asarray(w, float)
    hinge = np.maximum(0.0, 1.0 - y * (X @ w + b))
    return 0.5 * reg_strength * (w @ w) + hinge.mean()


_Q2_MISTAKES = [  # (wrong formula, feedback); tried in this order
    (lambda X, y, w, b, lam: lam * (w @ w) + np.maximum(0, 1 - y * (X @ w + b)).mean(),
     "you left out the 1/2: the regulariser is (lambda/2)||w||^2."),
    (lambda X, y, w, b, lam: 0.5 * lam * (w @ w) + np.maximum(0, 1 - y * (X @ w + b)).sum(),
     "you summed the hinge losses; J uses their mean (divide by N)."),
    (lambda X, y, w, b, lam: 0.5 * lam * (w @ w + b * b) + np.maximum(0, 1 - y * (X @ w + b)).mean(),
     "you regularised the bias: J penalises ||w||^2 only, not b^2."),
    (lambda X, y, w, b, lam: 0.5 * lam * (w @ w) + (1 - y * (X @ w + b)).mean(),
     "you forgot max(0, .): points beyond the margin have loss 0, not a negative loss."),
    (lambda X, y, w, b, lam: 0.5 * lam * np.sqrt(w @ w) + np.maximum(0, 1 - y * (X @ w + b)).mean(),
     "wrong norm: the regulariser uses the squared norm ||w||^2 = w.w, not ||w||."),
]


def _check_q2(answer):
    for X, y, lam, _ in _datasets():
        for w, b in ((np.linspace(0.8, -0.6, X.shape[1]), 0.3), (np.linspace(-0.2, 1.5, X.shape[1]), -0.7)):
            got = _as_array(call_answer(answer, X.copy(), y.copy(), w.copy(), b, lam), "J", ())
            want = svm_objective(X, y, w, b, lam)
            if _close(got, want):
                continue
            for wrong, message in _Q2_MISTAKES:
                if _close(got, wrong(X, y, w, b, lam)):
                    raise Incorrect(message)
            raise Incorrect(f"with lambda = {lam}, w = {np.round(w, 3).tolist()}, b = {b}: J = {want:.6f}, "
                            f"yours is {float(got):.6f}.")


def _q2_wrong(i):
    return lambda X, y, w, b, lam: _Q2_MISTAKES[i][0](np.asarray(X), np.asarray(y), np.asarray(w), b, lam)


q2 = Exercise(
    name="q2 the objective J(w, b)",
    checker=_check_q2,
    hint_text="Two parts: (lambda/2) * w.w and the mean over all points of max(0, 1 - y (X @ w + b)). "
              "np.maximum (not np.max) takes the elementwise maximum.",
    reference=objective,
    mistakes={
        "forgot the 1/2": (_q2_wrong(0), "left out the 1/2"),
        "sum instead of mean": (_q2_wrong(1), "summed the hinge losses"),
        "regularised the bias": (_q2_wrong(2), "regularised the bias"),
        "forgot max(0, .)": (_q2_wrong(3), "forgot max(0, .)"),
        "wrong norm": (_q2_wrong(4), "wrong norm"),
    },
)

EXERCISES = [q1, q2]
