"""Exercises of lesson 03 (the gradient).

q1  the gradient of the mean hinge loss with respect to the scores
q2  the gradient of J(w, b) = (lambda/2)||w||^2 + mean hinge with respect to (w, b)

Both are checked against central differences at points away from the kink (margin exactly 1),
where the derivative exists; at a kink q1 accepts any valid subgradient.
"""

from __future__ import annotations

import numpy as np

from ..gradcheck import numerical_gradient
from ..losses import hinge_loss
from ..objective import svm_objective
from ._core import Exercise, Incorrect, answer_array as _as_array, call_answer


def _close(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-9)


# --------------------------------------------------------------------------- q1


def mean_hinge_grad(scores, y):
    """Gradient of mean_i max(0, 1 - y_i s_i) with respect to the scores s."""
    scores, y = np.asarray(scores, float), np.asarray(y, float)
    active = y * scores < 1  # only these points are on the sloped part of the hinge
    return np.where(active, -y, 0.0) / len(scores)  # the mean divides every derivative by N


def _away_from_kink(scores, y, gap=1e-3):
    return np.abs(1.0 - y * scores) > gap


def _q1_cases():
    rng = np.random.default_rng(3)
    cases = [(np.array([1.5, -0.5, 0.8, -1.2, 0.3]), np.array([1.0, -1.0, 1.0, -1.0, 1.0]))]
    scores = rng.normal(0.0, 1.5, size=9)
    y = rng.choice([-1.0, 1.0], size=9)
    scores[~_away_from_kink(scores, y)] += 0.1
    cases.append((scores, y))
    return cases


_Q1_MISTAKES = [  # (wrong formula, feedback); tried in this order
    (lambda s, y: np.where(y * s < 1, y, 0.0) / len(s),
     "sign error: the hinge 1 - y s falls as y s grows, so an active point's derivative is -y_i / N, not +y_i / N."),
    (lambda s, y: np.where(y * s < 1, -y, 0.0),
     "you forgot to divide by N: the loss is a mean over the N points, so each active derivative is -y_i / N."),
    (lambda s, y: -y / len(s),
     "your gradient is nonzero for inactive points: a point with y s >= 1 sits on the flat part of the hinge "
     "and its derivative is 0."),
    (lambda s, y: np.where(y * s < 1, -1.0, 0.0) / len(s),
     "you forgot the label: the derivative of 1 - y s with respect to s is -y, which is +1/N for a class -1 point."),
    (lambda s, y: np.where(s < 1, -y, 0.0) / len(s),
     "you compared the score s with 1; a point is active when its margin y s is below 1."),
]


def _check_q1(answer):
    for scores, y in _q1_cases():
        got = _as_array(call_answer(answer, scores.copy(), y.copy()), "the gradient", scores.shape)
        numerical = numerical_gradient(lambda s: hinge_loss(s, y), scores)  # no point is near a kink here
        if _close(got, numerical):
            continue
        for wrong, message in _Q1_MISTAKES:
            if _close(got, wrong(scores, y)):
                raise Incorrect(message)
        i = int(np.argmax(np.abs(got - numerical)))
        raise Incorrect(
            f"with scores {np.round(scores, 3).tolist()} and y {y.tolist()}: entry {i} should be {numerical[i]:.4f} "
            f"(central differences), yours is {got[i]:.4f}."
        )
    # at the kink: margins exactly 1 for points 0 and 1; any value between -y/N and 0 is a valid subgradient
    scores, y = np.array([1.0, -1.0, 0.5, 2.0]), np.array([1.0, -1.0, -1.0, 1.0])
    got = _as_array(call_answer(answer, scores.copy(), y.copy()), "the gradient", scores.shape)
    n = len(scores)
    for i in (0, 1):
        if not -1.0 / n - 1e-12 <= y[i] * got[i] <= 1e-12:
            raise Incorrect(
                f"point {i} has margin y s = 1 exactly (the kink): any value between -y/N = {-y[i] / n:+.4f} and 0 "
                f"is a valid subgradient (the library uses 0), but yours is {got[i]:+.4f}."
            )
    if not _close(got[2:], mean_hinge_grad(scores, y)[2:]):
        raise Incorrect("away from the kink points 2 and 3 should get -y/N and 0; check your active test y s < 1.")


q1 = Exercise(
    name="q1 gradient of the mean hinge w.r.t. the scores",
    checker=_check_q1,
    hint_text="The derivative of max(0, 1 - y s) is -y where y s < 1 and 0 where y s > 1. The mean divides "
              "every entry by N. np.where(condition, -y, 0.0) builds the vector in one line.",
    reference=mean_hinge_grad,
    mistakes={
        "sign error": (lambda s, y: np.where(np.asarray(y) * np.asarray(s) < 1, np.asarray(y), 0.0) / len(s),
                       "sign error"),
        "forgot to divide by N": (lambda s, y: np.where(np.asarray(y) * np.asarray(s) < 1, -np.asarray(y), 0.0),
                                  "forgot to divide by n"),
        "nonzero for inactive points": (lambda s, y: -np.asarray(y, float) / len(s), "nonzero for inactive points"),
        "forgot the label": (lambda s, y: np.where(np.asarray(y) * np.asarray(s) < 1, -1.0, 0.0) / len(s),
                             "forgot the label"),
    },
)


# --------------------------------------------------------------------------- q2


def objective_grad(X, y, w, b, reg_strength):
    """Gradient (grad_w, grad_b) of J(w, b) = (lambda/2)||w||^2 + mean_i max(0, 1 - y_i (w.x_i + b))."""
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.asarray(w, float)
    n = X.shape[0]
    active = y * (X @ w + b) < 1  # the points with hinge loss > 0
    grad_w = reg_strength * w - (y[active] @ X[active]) / n  # regulariser + mean of -y_i x_i over active points
    grad_b = -y[active].sum() / n  # the bias is not regularised
    return grad_w, grad_b


def _q2_cases():
    from ..data import make_two_class

    cases = []
    X, y = make_two_class(n_per_class=12, seed=5)
    cases.append((X, y, np.array([0.8, -0.5]), 0.3, 0.1))
    rng = np.random.default_rng(11)
    X3 = rng.normal(size=(15, 3))
    y3 = np.where(X3 @ np.array([1.0, -1.0, 0.5]) + 0.3 * rng.normal(size=15) > 0, 1.0, -1.0)
    cases.append((X3, y3, np.array([0.6, -0.9, 0.4]), -0.2, 0.5))
    for X, y, w, b, _ in cases:  # keep every point away from the kink, where the derivative exists
        assert np.abs(1.0 - y * (X @ w + b)).min() > 1e-3
    return cases


def _pieces(X, y, w, b):
    n = X.shape[0]
    active = y * (X @ w + b) < 1
    return -(y[active] @ X[active]) / n, -y[active].sum() / n, -(y @ X) / n, -y.sum() / n


def _q2_mistakes(X, y, w, b, lam):
    """(grad_w, grad_b, feedback) for each typical mistake, in the order they are tried."""
    dw, db, dw_all, db_all = _pieces(X, y, w, b)
    n = X.shape[0]
    return [
        (lam * w - dw, -db, "sign error in the data term: each active point contributes -y_i x_i / N to grad_w "
                            "(and -y_i / N to grad_b); you added +y_i x_i."),
        (-(lam * w + dw), -db, "sign error: your whole gradient points uphill; it should be lambda w - (1/N) "
                               "sum_active y_i x_i, and its negative is the descent direction."),
        (dw, db, "you forgot the regularisation term: (lambda/2)||w||^2 adds lambda * w to grad_w."),
        (0.5 * lam * w + dw, db, "the derivative of (lambda/2)||w||^2 is lambda * w, not (lambda/2) * w."),
        (lam * w + n * dw, n * db, "you forgot to divide by N: J uses the mean hinge, so the data term is "
                                   "-(1/N) sum_active y_i x_i (a sum without 1/N grows with the data set)."),
        (lam * w + dw_all, db_all, "inactive points contribute to your gradient: a point with y f(x) >= 1 has "
                                   "hinge loss 0 and derivative 0; sum over the points with y f(x) < 1 only."),
        (lam * w + dw, 0.0, "missing bias gradient: grad_b is -(1/N) sum_active y_i, not 0 (b is a parameter too)."),
        (lam * w + dw, db + lam * b, "you regularised the bias: J has (lambda/2)||w||^2 only, so grad_b has no "
                                     "lambda * b term."),
    ]


def _check_q2(answer):
    for X, y, w, b, lam in _q2_cases():
        result = call_answer(answer, X.copy(), y.copy(), w.copy(), b, lam)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise Incorrect("return two things, grad_w and grad_b, as a tuple: return grad_w, grad_b.")
        got_w = _as_array(result[0], "grad_w", w.shape)
        got_b = _as_array(result[1], "grad_b", ())
        theta = np.append(w, b)  # central differences of J over (w, b); no point sits near a kink
        numerical = numerical_gradient(lambda t: svm_objective(X, y, t[:-1], t[-1], lam), theta)
        if _close(np.append(got_w, got_b), numerical):
            continue
        for wrong_w, wrong_b, message in _q2_mistakes(X, y, w, b, lam):
            if _close(got_w, wrong_w) and _close(got_b, wrong_b):
                raise Incorrect(message)
        which = "grad_w" if not _close(got_w, numerical[:-1]) else "grad_b"
        raise Incorrect(
            f"with lambda = {lam} on {X.shape[0]} points in {X.shape[1]}-D, {which} does not match central "
            f"differences of J: expected (grad_w, grad_b) = {np.round(numerical, 4).tolist()}, "
            f"got {np.round(np.append(got_w, got_b), 4).tolist()}."
        )


def _q2_wrong(kind):
    def wrong(X, y, w, b, reg_strength):
        X, y, w = np.asarray(X, float), np.asarray(y, float), np.asarray(w, float)
        for got_w, got_b, message in _q2_mistakes(X, y, w, b, reg_strength):
            if kind in message:
                return got_w, got_b
        raise KeyError(kind)

    return wrong


q2 = Exercise(
    name="q2 gradient of J with respect to (w, b)",
    checker=_check_q2,
    hint_text="Chain rule: dJ/dw = lambda w + sum_i (d hinge_i / d s_i) x_i / N and dJ/db = sum_i (d hinge_i / d s_i) / N, "
              "with d hinge_i / d s_i = -y_i for active points (y_i f(x_i) < 1) and 0 otherwise. "
              "With a boolean mask: y[active] @ X[active].",
    reference=objective_grad,
    mistakes={
        "sign error": (_q2_wrong("sign error in the data term"), "sign error"),
        "forgot the regularisation term": (_q2_wrong("forgot the regularisation"), "forgot the regularisation term"),
        "forgot to divide by N": (_q2_wrong("forgot to divide by N"), "forgot to divide by n"),
        "inactive points contribute": (_q2_wrong("inactive points"), "inactive points contribute"),
        "missing bias gradient": (_q2_wrong("missing bias gradient"), "missing bias gradient"),
        "regularised the bias": (_q2_wrong("regularised the bias"), "regularised the bias"),
    },
)

EXERCISES = [q1, q2]
