"""Lesson 03's exercises: derive, read a figure, predict a gradient check, transfer to the squared hinge.

q1  derive dJ/db (after the lesson has derived grad_w, before it shows dJ/db)
q2  read off a figure which points enter the gradient at a given (w, b)
q3  predict what a central difference gives when a point sits exactly on its margin
q4  transfer: the gradient of J for the squared hinge

Each checker names the typical mistakes it recognises; q1 and q4 compare with central differences
of J at points away from every kink, where the derivative exists.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ...data import make_two_class
from ...exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer, close_enough
from ...gradcheck import numerical_gradient
from ...objective import svm_objective


def _close(a, b):
    return bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


def _gradient_cases():
    """Two problems with b != 0, lambda != 0, unequal active classes and no point within 1e-3 of its margin."""
    X, y = make_two_class(n_per_class=12, seed=5)
    cases = [(X[:20], y[:20], np.array([0.8, -0.5]), 0.3, 0.1)]  # 20 points: 12 of class +1, 8 of class -1
    rng = np.random.default_rng(11)
    X3 = rng.normal(size=(15, 3))
    y3 = np.where(X3 @ np.array([1.0, -1.0, 0.5]) + 0.3 * rng.normal(size=15) > 0, 1.0, -1.0)
    cases.append((X3, y3, np.array([0.6, -0.9, 0.4]), -0.2, 0.5))
    return cases


def _numerical(X, y, w, b, lam, loss="hinge"):
    """Central differences of J over theta = (w, b): exact up to rounding here, J is smooth near these points."""
    return numerical_gradient(lambda t: svm_objective(X, y, t[:-1], t[-1], lam, loss=loss), np.append(w, b))


def _as_number(value, what):
    arr = np.asarray(value, dtype=object)
    if arr.size != 1:
        raise Incorrect(f"{what} should be a single number; you returned {arr.size} values (shape {arr.shape}).")
    try:
        return float(arr.reshape(-1)[0])
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should be a number; you returned {type(value).__name__}.") from None


def _as_vector(value, what, shape):
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should be an array of numbers; you returned {type(value).__name__}.") from None
    if arr.shape != shape:
        raise Incorrect(f"{what} should have shape {shape}, like w; yours has shape {arr.shape}.")
    return arr


# --------------------------------------------------------------------------- q1: derive dJ/db


def grad_b(X, y, w, b, reg_strength):
    """dJ/db for J(w, b) = (lambda/2)||w||^2 + mean_i max(0, 1 - y_i (w.x_i + b))."""
    active = y * (X @ w + b) < 1  # only points with loss > 0 have a derivative (-y_i)
    return -np.sum(y[active]) / len(y)  # ds_i/db = 1, and the bias is not regularised


def _q1_mistakes(X, y, w, b, lam):
    """(wrong dJ/db, feedback) for each typical mistake, in the order they are tried."""
    n, active = len(y), y * (X @ w + b) < 1
    right = -np.sum(y[active]) / n
    return [
        (right + lam * b, "you regularised the bias: J has (lambda/2)||w||^2 only, b does not appear in it, so dJ/db "
                          "has no lambda * b term."),
        (-right, "sign error: each active point's hinge 1 - y_i (w.x_i + b) falls as b grows when y_i = +1, so its "
                 "derivative is -y_i / N, not +y_i / N."),
        (n * right, "you forgot to divide by N: J uses the mean hinge, so each active point contributes -y_i / N."),
        (-np.sum(y) / n, "inactive points contribute to your dJ/db: a point with y f(x) >= 1 sits on the flat part "
                         "of the hinge and has derivative 0; sum over the points with y f(x) < 1 only."),
        (-np.sum(active) / n, "you forgot the label: the derivative of 1 - y_i (w.x_i + b) with respect to b is -y_i, "
                              "which is +1/N for an active class -1 point."),
        (0.0, "your dJ/db is 0, but b is a parameter like w: ds_i/db = 1, so every active point contributes "
              "-y_i / N (unless the active classes balance, which they do not here)."),
    ]


def _check_q1(answer):
    for X, y, w, b, lam in _gradient_cases():
        got = _as_number(call_answer(answer, X.copy(), y.copy(), w.copy(), b, lam), "dJ/db")
        expected = _numerical(X, y, w, b, lam)[-1]
        if _close(got, expected):
            continue
        for wrong, message in _q1_mistakes(X, y, w, b, lam):
            if _close(got, wrong):
                raise Incorrect(message)
        close_enough(got, expected, f"dJ/db (central differences of J, {len(y)} points, lambda = {lam}, b = {b})",
                     rtol=1e-6, atol=1e-9)


q1 = Exercise(
    name="q1 derive dJ/db",
    checker=_check_q1,
    hint_text="Follow the chain rule as for w: dJ/db = d/db of the regulariser + (1/N) sum_i (d hinge_i / d s_i) "
              "(d s_i / d b). What is d s_i / d b for s_i = w.x_i + b? Does (lambda/2)||w||^2 contain b?",
    reference=grad_b,
    mistakes={
        "regularised the bias": (lambda X, y, w, b, lam: grad_b(X, y, w, b, lam) + lam * b, "regularised the bias"),
        "sign error": (lambda X, y, w, b, lam: -grad_b(X, y, w, b, lam), "sign error"),
        "forgot to divide by N": (lambda X, y, w, b, lam: len(y) * grad_b(X, y, w, b, lam), "forgot to divide by N"),
        "inactive points contribute": (lambda X, y, w, b, lam: -np.sum(y) / len(y), "inactive points contribute"),
        "forgot the label": (lambda X, y, w, b, lam: -np.sum(y * (X @ w + b) < 1) / len(y), "forgot the label"),
        "returned zero": (lambda X, y, w, b, lam: 0.0, "your dJ/db is 0"),
    },
)


# --------------------------------------------------------------------------- q2: read the figure

# Nine points around the boundary x1 + 0.5 x2 - 0.5 = 0, chosen so that every margin is exact in
# floating point: point 1 sits exactly on its own margin line, point 8 exactly on the other class's.
_Q2_X = np.array([[2.0, 1.5], [1.0, 1.0], [0.5, 1.5], [-1.5, -1.0], [-1.5, 1.5],
                  [0.5, -1.5], [1.0, -0.5], [-2.0, 0.5], [2.5, -2.0]])
_Q2_Y = np.array([1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0, -1.0])
_Q2_W, _Q2_B = np.array([1.0, 0.5]), -0.5
_Q2_ACTIVE = frozenset(np.flatnonzero(_Q2_Y * (_Q2_X @ _Q2_W + _Q2_B) < 1).tolist())  # {2, 3, 5, 6, 8}


def _as_index_set(answer, n):
    """The learner's answer (indices in any container, or a boolean mask of length n) as a set of ints."""
    if answer is None or answer is Ellipsis:
        raise NotAttempted("replace `...` with the numbers of the points, e.g. [0, 4], then run the cell again.")
    if isinstance(answer, (int, np.integer)) and not isinstance(answer, (bool, np.bool_)):
        answer = [answer]
    try:
        arr = np.asarray(list(answer) if isinstance(answer, (set, frozenset)) else answer)
    except TypeError:
        raise Incorrect(f"give the numbers of the points as a list, e.g. [0, 4]; got {type(answer).__name__}."
                        ) from None
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise Incorrect(f"a True/False mask must have one entry per point ({n}); yours has shape {arr.shape}.")
        return set(np.flatnonzero(arr).tolist())
    if arr.ndim != 1 or (arr.size and arr.dtype.kind not in "iu" and not np.all(np.mod(arr.astype(float), 1) == 0)):
        raise Incorrect("give the numbers of the points as a list of whole numbers, e.g. [0, 4].")
    indices = [int(i) for i in arr.astype(float)]
    if len(set(indices)) != len(indices):
        raise Incorrect("a point appears twice in your list; list each point once.")
    if any(i < 0 or i >= n for i in indices):
        outside = sorted(i for i in indices if not 0 <= i < n)
        raise Incorrect(f"the points are numbered 0 to {n - 1}; your list has {outside}.")
    return set(indices)


def _check_q2(answer):
    got, right = _as_index_set(answer, len(_Q2_Y)), set(_Q2_ACTIVE)
    if got == right:
        return
    misclassified = set(np.flatnonzero(_Q2_Y * (_Q2_X @ _Q2_W + _Q2_B) < 0).tolist())  # {3, 6, 8}
    if got == set(range(len(_Q2_Y))) - right:
        raise Incorrect("you listed the points that do NOT enter the gradient: those beyond the margin (or on it) "
                        "have loss 0 and derivative 0; the others enter it.")
    if got == misclassified:
        raise Incorrect("you picked only the misclassified points; a correctly classified point inside the band "
                        "(margin between 0 and 1) still has loss > 0, so it enters the gradient too.")
    if 1 in got:
        raise Incorrect("point 1 sits exactly on its own margin line: margin y f(x) = 1, loss 0, and hinge_lib gives "
                        "it the derivative 0 (section 2), so it does not enter hinge_lib's gradient.")
    if 8 not in got:
        raise Incorrect("look again at point 8: it lies on a margin line, but on the f(x) = +1 line, and it is a "
                        "class -1 point, so its margin y f(x) is -1, far below 1.")
    if 3 not in got:
        raise Incorrect("look again at point 3: it is outside the band, but on the wrong side of the boundary; its "
                        "margin y f(x) is negative, hence below 1. It is the margin, not the band, that decides.")
    extra, missing = len(got - right), len(right - got)
    raise Incorrect(f"not quite: your list has {extra} point(s) too many and misses {missing}. A point enters when "
                    "its margin y f(x) is below 1: inside the band on its own side, or anywhere on the wrong side.")


q2 = Exercise(
    name="q2 which points enter the gradient",
    checker=_check_q2,
    hint_text="A point enters when y f(x) < 1. Inside the band counts, the wrong side counts wherever it is, a point "
              "exactly on its own margin line (y f(x) = 1) gets derivative 0. Which margin line is a point's own?",
    reference=sorted(_Q2_ACTIVE),
    mistakes={
        "the complement": ([0, 1, 4, 7], "do not enter"),
        "only the misclassified": ([3, 6, 8], "only the misclassified"),
        "included the on-margin point": ([1, 2, 3, 5, 6, 8], "point 1 sits exactly on its own margin"),
        "missed the point on the other margin line": ([2, 3, 5, 6], "look again at point 8"),
        "missed the far misclassified point": ([2, 5, 6, 8], "look again at point 3"),
    },
    solution_text="[2, 3, 5, 6, 8]: points 2 and 5 are inside the band on their own side, 6 is inside the band on "
                  "the wrong side, 3 and 8 are on the wrong side beyond the band (8 exactly on the f(x) = +1 line: "
                  "margin -1). Points 0, 4 and 7 are beyond their margin lines and point 1 is exactly on its own "
                  "(margin 1, derivative 0).",
)
q2.data = (_Q2_X.copy(), _Q2_Y.copy(), _Q2_W.copy(), _Q2_B)


# --------------------------------------------------------------------------- q3: predict the central difference


def _as_prediction(answer):
    if answer is None or answer is Ellipsis:
        raise NotAttempted("replace `...` with your predicted number (e.g. 0.25 or 1/4), then run the cell again.")
    if isinstance(answer, (bool, np.bool_)):
        raise Incorrect("give a number, not True/False.")
    if isinstance(answer, str):
        try:
            return float(Fraction(answer.strip()))
        except (ValueError, ZeroDivisionError):
            raise Incorrect(f"give a number such as 0.25 or 1/4; could not read {answer!r}.") from None
    return _as_number(answer, "your prediction")


_Q3_ANSWER = 0.5  # (1/3)(1/2 (-1) + 1 + 1): point 0 is active for half of the step
_Q3_MISTAKES = [
    (2 / 3, "that is hinge_lib's value, which gives point 0 the derivative 0. The central difference looks at "
            "b + h and b - h: on one side point 0 is active, on the other it is not."),
    (1 / 3, "that is the slope from the left (b - h to b), where point 0 is active. The central difference spans "
            "both sides of b, and on the right side point 0 is inactive."),
    (1.5, "that is N = 3 times the answer: J uses the mean hinge, so divide the sum of derivatives by N."),
    (-0.5, "the sign is flipped: points 1 and 2 are active class -1 points, and each has derivative -y_i / N = +1/3."),
]


def _check_q3(answer):
    got = _as_prediction(answer)
    if abs(got - _Q3_ANSWER) <= 1e-3:
        return
    for wrong, message in _Q3_MISTAKES:
        if abs(got - wrong) <= 2e-3:
            raise Incorrect(message)
    raise Incorrect(f"your prediction {got:.4g} is not what the central difference gives. Work out the slope of J in b "
                    "from the left (point 0 active) and from the right (point 0 inactive): the central difference "
                    "over a step that straddles b is their average.")


q3 = Exercise(
    name="q3 predict the central difference at a kink",
    checker=_check_q3,
    hint_text="Points 1 and 2 are active on both sides of b = 0. Point 0 is active for b slightly below 0 and "
              "inactive slightly above. Find the two one-sided slopes of J in b; the central difference averages them.",
    reference=_Q3_ANSWER,
    mistakes={"the library's value": (2 / 3, "hinge_lib's value"), "the left slope": (1 / 3, "from the left"),
              "forgot the mean": (1.5, "N = 3 times"), "sign": (-0.5, "sign is flipped")},
    solution_text="0.5. From the left point 0 is active: slope (-1 + 1 + 1)/3 = 1/3. From the right it is not: "
                  "(0 + 1 + 1)/3 = 2/3. The central difference (J(b + h) - J(b - h)) / 2h averages the two: 1/2.",
)


# --------------------------------------------------------------------------- q4: transfer to the squared hinge


def squared_hinge_grad(X, y, w, b, reg_strength):
    """(grad_w, grad_b) of J(w, b) = (lambda/2)||w||^2 + mean_i max(0, 1 - y_i (w.x_i + b))**2."""
    slack = np.maximum(0.0, 1 - y * (X @ w + b))  # 0 for points on or beyond their margin
    dscore = -2 * y * slack / len(y)  # d/ds of slack**2 / N: grows with the violation
    return reg_strength * w + X.T @ dscore, np.sum(dscore)


def _q4_mistakes(X, y, w, b, lam):
    """(grad_w, grad_b, feedback) for each typical mistake, in the order they are tried."""
    n, s = len(y), X @ w + b
    slack = np.maximum(0.0, 1 - y * s)
    g = -2 * y * slack / n
    hinge = np.where(slack > 0, -y, 0.0) / n
    unclipped = -2 * y * (1 - y * s) / n
    return [
        (lam * w + X.T @ hinge, np.sum(hinge),
         "that is the hinge's gradient: the squared hinge's derivative in the score is -2 y slack, where slack = "
         "max(0, 1 - y f(x)), so each point pulls in proportion to its violation."),
        (lam * w + X.T @ (g / 2), np.sum(g / 2),
         "you forgot the factor 2: d/ds of slack**2 is 2 slack d(slack)/ds = -2 y slack."),
        (lam * w - X.T @ g, -np.sum(g),
         "sign error in the data term: d(slack)/ds = -y, so the derivative is -2 y slack / N, not +2 y slack / N."),
        (lam * w + n * X.T @ g, n * np.sum(g), "you forgot to divide by N: J uses the mean of the squared hinge."),
        (lam * w + X.T @ unclipped, np.sum(unclipped),
         "inactive points contribute: without the max(0, ...) a point beyond its margin gets a derivative that pushes "
         "it back towards the margin; its squared hinge is 0 and so is its derivative."),
        (X.T @ g, np.sum(g), "you forgot the regularisation term: (lambda/2)||w||^2 adds lambda * w to grad_w."),
        (lam * w + X.T @ g, np.sum(g) + lam * b, "you regularised the bias: grad_b has no lambda * b term."),
    ]


def _check_q4(answer):
    for X, y, w, b, lam in _gradient_cases():
        result = call_answer(answer, X.copy(), y.copy(), w.copy(), b, lam)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise Incorrect("return two things, grad_w and grad_b: return grad_w, grad_b.")
        got_w = _as_vector(result[0], "grad_w", w.shape)
        got_b = _as_number(result[1], "grad_b")
        expected = _numerical(X, y, w, b, lam, loss="squared_hinge")
        if _close(np.append(got_w, got_b), expected):
            continue
        for wrong_w, wrong_b, message in _q4_mistakes(X, y, w, b, lam):
            if _close(got_w, wrong_w) and _close(got_b, wrong_b):
                raise Incorrect(message)
        what = f"(grad_w, grad_b) (central differences of J, {len(y)} points in {X.shape[1]}-D, lambda = {lam})"
        close_enough(np.append(got_w, got_b), expected, what, rtol=1e-6, atol=1e-9)


def _q4_wrong(start):
    def wrong(X, y, w, b, reg_strength):
        for got_w, got_b, message in _q4_mistakes(X, y, w, b, reg_strength):
            if message.startswith(start):
                return got_w, got_b
        raise KeyError(start)

    return wrong


q4 = Exercise(
    name="q4 transfer: the squared hinge's gradient",
    checker=_check_q4,
    hint_text="Same chain rule, new outer derivative: with slack_i = max(0, 1 - y_i s_i), d(slack_i**2)/ds_i = "
              "-2 y_i slack_i (0 where slack_i = 0). Then grad_w = lambda w + (1/N) sum_i (that) x_i, and grad_b "
              "the same without x_i.",
    reference=squared_hinge_grad,
    mistakes={
        "used the hinge's gradient": (_q4_wrong("that is the hinge's"), "that is the hinge's gradient"),
        "forgot the factor 2": (_q4_wrong("you forgot the factor 2"), "forgot the factor 2"),
        "sign error": (_q4_wrong("sign error"), "sign error"),
        "forgot to divide by N": (_q4_wrong("you forgot to divide"), "forgot to divide by N"),
        "no max(0, .)": (_q4_wrong("inactive points"), "inactive points contribute"),
        "forgot the regularisation term": (_q4_wrong("you forgot the regularisation"), "forgot the regularisation"),
        "regularised the bias": (_q4_wrong("you regularised"), "regularised the bias"),
    },
)

exercises = Exercises(q1, q2, q3, q4)
