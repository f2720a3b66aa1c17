"""Exercises of lesson 02 (the hinge loss).

q1  predict, then run: the hinge loss of five points, one in each position (a list of numbers)
q2  write the mean hinge loss of arrays, vectorised (a function)
q3  derive: the score that minimises the expected hinge for p = 0.7 and p = 0.95 (two numbers)
q4  interpret the expected-loss figure: its lowest point as a function of p (a function)
q5  transfer: labels {0, 1} plugged into the formula; which (w, b) minimises what it computes (three numbers)

Answers that are values (q1, q3, q5) count as not attempted while they still hold ``...``.
"""

from __future__ import annotations

import numpy as np

from ... import hinge_loss
from ...exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer, close_enough
from ._losses import hinge, zero_one


def _close(a, b):
    return np.allclose(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64), rtol=1e-9, atol=1e-9)


def _values(answer, n, what):
    """The learner's value answer as ``n`` floats; ``...`` anywhere means not attempted."""
    if answer is None or answer is Ellipsis:
        raise NotAttempted("replace the `...` with your answer, then run the cell again.")
    items = list(answer) if isinstance(answer, (list, tuple, np.ndarray)) else [answer]
    if any(v is Ellipsis or v is None for v in items):
        raise NotAttempted(f"replace every `...` in {what} with a number, then run the cell again.")
    if len(items) != n:
        raise Incorrect(f"{what} should hold {n} numbers; yours holds {len(items)}.")
    try:
        return np.array([float(v) for v in items])
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should hold numbers; got {items!r}.") from None


def _number(value, what):
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should be a number; got {type(value).__name__}.") from None
    if arr.shape != ():
        raise Incorrect(f"{what} should be a single number; got an array of shape {arr.shape}.")
    return float(arr)


# --------------------------------------------------------------------------- q1: predict, then run

Q1_POINTS = [(-2.0, -1.0), (0.5, -1.0), (-0.25, -1.0), (0.0, 1.0), (1.0, 1.0)]  # (score f(x), label y)
_Q1_S, _Q1_Y = np.array(Q1_POINTS).T


def _q1_reference():
    return [0.0, 1.5, 0.75, 1.0, 0.0]  # max(0, 1 - y f) for the five points, worked by hand


_Q1_MISTAKES = {  # label: (the values this mistake gives, feedback)
    "forgot y": (np.maximum(0.0, 1.0 - _Q1_S),
                 "you used the score instead of the margin: for a class -1 point the margin is m = y f(x) = -f(x), "
                 "so a score of -2 is a margin of +2 (beyond the margin, loss 0)."),
    "forgot max": (1.0 - _Q1_Y * _Q1_S,
                   "one of your losses is negative: the loss is max(0, 1 - m), never below 0. A point beyond its "
                   "margin costs 0."),
    "sign error": (np.maximum(0.0, 1.0 + _Q1_Y * _Q1_S),
                   "sign error: the loss is max(0, 1 - m), which shrinks as the margin m grows; with 1 + m a "
                   "confidently correct point would cost most."),
    "0-1 loss": (zero_one(_Q1_Y * _Q1_S),
                 "those are 0-1 losses (1 per mistake). The hinge also charges correct points inside the band, "
                 "and charges a mistake 1 - m, more the further it is on the wrong side."),
    "boundary free": (np.where(_Q1_Y * _Q1_S == 0.0, 0.0, hinge(_Q1_Y * _Q1_S)),
                      "a point on the boundary has margin m = 0 and costs max(0, 1 - 0) = 1: it is not yet on the "
                      "correct side, so it pays in full."),
}


def _check_q1(answer):
    got = _values(answer, 5, "answer_q1")
    if _close(got, _q1_reference()):
        return
    for wrong, message in _Q1_MISTAKES.values():
        if _close(got, wrong):
            raise Incorrect(message)
    k = int(np.flatnonzero(~np.isclose(got, _q1_reference(), rtol=1e-9, atol=1e-9))[0])
    s, y = Q1_POINTS[k]
    raise Incorrect(f"point {k + 1} (f(x) = {s:+g}, y = {y:+.0f}): first compute its margin m = y f(x), then "
                    f"max(0, 1 - m); you gave {got[k]:g}.")


q1 = Exercise(
    name="q1 predict the hinge losses",
    checker=_check_q1,
    hint_text="For each point compute the margin m = y * f(x) first (for y = -1 it is -f(x)), then the loss "
              "max(0, 1 - m). A margin of 1 or more costs nothing.",
    reference=_q1_reference(),
    mistakes={"forgot y": ([3.0, 0.5, 1.25, 1.0, 0.0], "instead of the margin"),
              "forgot max": ([-1.0, 1.5, 0.75, 1.0, 0.0], "never below 0"),
              "sign error": ([3.0, 0.5, 1.25, 1.0, 2.0], "sign error"),
              "0-1 loss": ([0.0, 1.0, 0.0, 1.0, 0.0], "0-1 losses"),
              "boundary free": ([0.0, 1.5, 0.75, 0.0, 0.0], "on the boundary"),
              "one slip": ([0.0, 1.5, 0.75, 1.0, 0.5], "point 5")},
    solution_text="answer_q1 = [0.0, 1.5, 0.75, 1.0, 0.0]\n"
                  "# margins m = y f(x): +2, -0.5, +0.25, 0, +1; losses max(0, 1 - m): 0, 1.5, 0.75, 1, 0",
)


# --------------------------------------------------------------------------- q2: the mean hinge of arrays


def mean_hinge(scores, y):
    scores, y = np.asarray(scores, dtype=float), np.asarray(y, dtype=float)
    margins = y * scores  # functional margins m = y f(x), one per sample
    return np.maximum(0.0, 1.0 - margins).mean()  # np.maximum works element by element; mean, not sum


_Q2_CASES = [  # (scores, y)
    (np.array([2.0, 0.5, -1.0]), np.array([1.0, 1.0, 1.0])),
    (np.array([1.5, -0.5, 0.8, -1.2, 0.3]), np.array([1.0, -1.0, 1.0, -1.0, 1.0])),
    (np.array([1.0, -1.0, 3.0, -2.0]), np.array([1.0, -1.0, 1.0, -1.0])),  # all margins >= 1, two exactly 1
    (np.array([-100.0, 0.25, 7.0, 0.0, -0.5, 2.0]), np.array([1.0, -1.0, -1.0, 1.0, -1.0, 1.0])),  # far wrong
    (np.array([0.2]), np.array([-1.0])),  # a single sample
]

_Q2_MISTAKES = {
    "sum instead of mean": (lambda s, y: np.maximum(0.0, 1.0 - y * s).sum(),
                            "you returned the sum of the losses; the mean divides by the number of samples."),
    "forgot max": (lambda s, y: np.mean(1.0 - y * s),
                   "you forgot max(0, .): points beyond the margin subtract from the loss instead of costing 0."),
    "sign error": (lambda s, y: np.maximum(0.0, 1.0 + y * s).mean(),
                   "sign error: the loss is max(0, 1 - y f(x)), not max(0, 1 + y f(x))."),
    "forgot y": (lambda s, y: np.maximum(0.0, 1.0 - s).mean(),
                 "you forgot the labels: the loss uses the margin y * f(x), so a class -1 point with a negative "
                 "score is correct."),
    "labels converted again": (lambda s, y: np.maximum(0.0, 1.0 - (2 * y - 1) * s).mean(),
                               "you applied 2*y - 1 to labels that are already -1 or +1 (it turns -1 into -3); "
                               "convert only labels {0, 1}."),
}


_LIBRARY_HINGES = {"hinge_loss", "hinge_loss_and_grad", "hinge_cases"}


def _has_loop(code):
    """True if ``code`` (or a comprehension or function inside it) iterates with a Python loop."""
    import dis

    return any(i.opname == "FOR_ITER" for i in dis.get_instructions(code)) or any(
        _has_loop(c) for c in code.co_consts if hasattr(c, "co_code"))


def _check_q2(answer):
    if _LIBRARY_HINGES & set(getattr(getattr(answer, "__code__", None), "co_names", ())):
        raise Incorrect("write it with NumPy from the formula, not with the library's hinge_loss: that is the "
                        "function you are re-building here.")
    answers = []
    for s, y in _Q2_CASES:
        try:
            out = call_answer(answer, s.copy(), y.copy())
        except Incorrect as exc:
            if "truth value" in str(exc):
                raise Incorrect("Python's max(0, array) cannot compare a whole array with 0; use np.maximum(0, ...), "
                                "which works element by element.") from None
            raise
        if np.ndim(out) == 1 and s.size > 1:
            raise Incorrect("you returned one loss per sample; reduce them to a single number with the mean.")
        answers.append(_number(out, "the mean hinge loss"))
    wants = [mean_hinge(s, y) for s, y in _Q2_CASES]
    if _close(answers, wants):
        if hasattr(answer, "__code__") and _has_loop(answer.__code__):
            raise Incorrect("the values are right, but your function loops over the samples in Python. Write it "
                            "with whole-array operations (y * scores, np.maximum, .mean()): the vectorised form is "
                            "what the library and every later lesson use.")
        return
    for wrong, message in _Q2_MISTAKES.values():
        if _close(answers, [wrong(s, y) for s, y in _Q2_CASES]):
            raise Incorrect(message)
    for (s, y), got, want in zip(_Q2_CASES, answers, wants):
        close_enough(got, want, f"the mean hinge loss of scores {s.tolist()} with labels {y.tolist()}")


q2 = Exercise(
    name="q2 mean hinge loss of arrays",
    checker=_check_q2,
    hint_text="Work on whole arrays: margins = y * scores, then np.maximum(0, 1 - margins) (not Python's max), "
              "then .mean().",
    reference=mean_hinge,
    mistakes={
        "sum instead of mean": (lambda s, y: np.maximum(0.0, 1.0 - y * s).sum(), "sum"),
        "forgot max": (lambda s, y: np.mean(1.0 - y * s), "forgot max(0, .)"),
        "sign error": (lambda s, y: np.maximum(0.0, 1.0 + y * s).mean(), "sign error"),
        "forgot y": (lambda s, y: np.maximum(0.0, 1.0 - s).mean(), "forgot the labels"),
        "labels converted again": (lambda s, y: np.maximum(0.0, 1.0 - (2 * y - 1) * s).mean(), "2*y - 1"),
        "Python max": (lambda s, y: max(0.0, 1.0 - y * s).mean(), "np.maximum"),
        "no reduction": (lambda s, y: np.maximum(0.0, 1.0 - y * s), "one loss per sample"),
        "the library's own": (lambda s, y: hinge_loss(s, y), "not with the library"),
    },
)


# --------------------------------------------------------------------------- q3: derive the minimiser


def _q3_reference():
    return (1.0, 1.0)  # sign(2p - 1) for p = 0.7 and for p = 0.95


def _check_q3(answer):
    got = _values(answer, 2, "answer_q3")
    ps = np.array([0.7, 0.95])
    if _close(got, _q3_reference()):
        return
    if _close(got, np.log(ps / (1 - ps))):
        raise Incorrect("those are the log-odds log(p / (1 - p)), the minimisers of the *logistic* loss. Write "
                        "E_p(f) without max on -1 <= f <= 1 and on f >= 1 and see where it is smallest.")
    if _close(got, 2 * ps - 1):
        raise Incorrect("2p - 1 is the expected label E[y], which squared error would learn. On -1 <= f <= 1 the "
                        "expected hinge is the straight line 1 + (1 - 2p) f: where is a falling line lowest?")
    if _close(got, ps):
        raise Incorrect("a score is not a probability here: find the f where E_p(f) is smallest, e.g. by writing "
                        "it without max on the pieces f <= -1, -1 <= f <= 1 and f >= 1.")
    if np.all(got > 1.0 + 1e-9):
        raise Incorrect("beyond f = 1 only the term (1 - p)(1 + f) is left, and it grows with f: going past 1 "
                        "costs more, however large p is.")
    if np.all(got < 0):
        raise Incorrect("for p > 1/2 the label is more often +1, so the best score is positive; check the sign.")
    if np.isclose(got[0], 1.0) != np.isclose(got[1], 1.0):
        right, wrong = (0, 1) if np.isclose(got[0], 1.0) else (1, 0)
        raise Incorrect(f"your value for p = {ps[right]:g} is right; redo p = {ps[wrong]:g} the same way: does "
                        "the slope of E_p(f) on each piece depend on how large p is, or only on its side of 1/2?")
    raise Incorrect(f"E_0.7 at your scores is {_expected(got[0], 0.7):.3f} and E_0.95 is "
                    f"{_expected(got[1], 0.95):.3f}; both can be lower. Write E_p(f) without max on the pieces "
                    "f <= -1, -1 <= f <= 1, f >= 1.")


def _expected(f, p):
    return float(p * hinge(f) + (1 - p) * hinge(-f))


q3 = Exercise(
    name="q3 the expected-hinge minimiser",
    checker=_check_q3,
    hint_text="Split the score axis at -1 and +1. For -1 <= f <= 1 both max(...) are active and "
              "E_p(f) = p(1 - f) + (1 - p)(1 + f) = 1 + (1 - 2p) f; for f >= 1 only (1 - p)(1 + f) is left.",
    reference=_q3_reference(),
    mistakes={"log-odds": ([0.8472978603872037, 2.9444389791664403], "log-odds"),
              "2p - 1": ([0.4, 0.9], "expected label"),
              "p itself": ([0.7, 0.95], "not a probability"),
              "too far": ([2.0, 3.0], "beyond f = 1"),
              "wrong side": ([-1.0, -1.0], "check the sign"),
              "one right": ([1.0, 2.944], "is right"),
              "other": ([0.3, 0.2], "both can be lower")},
    solution_text="answer_q3 = (1.0, 1.0)\n"
                  "# On [-1, 1]: E_p(f) = 1 + (1 - 2p) f falls for p > 1/2; beyond 1: (1 - p)(1 + f) rises.\n"
                  "# So f = 1 for every p > 1/2: for p = 0.7 and for p = 0.95 alike.",
)


# --------------------------------------------------------------------------- q4: interpret the figure


def min_expected_hinge(p):
    return 2 * min(p, 1 - p)  # E_p(+1) = 2(1 - p), E_p(-1) = 2p: the lower one, twice the Bayes error


_Q4_PS = [0.0, 0.05, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8, 0.95, 1.0]

_Q4_MISTAKES = {
    "Bayes error": (lambda p: min(p, 1 - p),
                    "min(p, 1 - p) is the error rate of the best classifier (the Bayes error); the curve's lowest "
                    "point is higher than that. Read the p = 0.2 marker again."),
    "p > 1/2 only": (lambda p: 2 * (1 - p),
                     "right for p >= 1/2, where the minimiser is f = +1; for p < 1/2 the minimiser is f = -1. "
                     "Use the symmetry p -> 1 - p."),
    "p < 1/2 only": (lambda p: 2 * p,
                     "right for p <= 1/2, where the minimiser is f = -1; for p > 1/2 the minimiser is f = +1. "
                     "Use the symmetry p -> 1 - p."),
    "value at f = 0": (lambda p: 1.0,
                       "1 is every curve's value at f = 0 (the boundary), not its lowest point."),
    "one minus p": (lambda p: 1 - p,
                    "1 - p is half the lowest value for p > 1/2: E_p(+1) = p * 0 + (1 - p) * 2."),
}


def _forgot_return(p):  # a typical slip: the formula is computed, then dropped
    2 * min(p, 1 - p)


def _check_q4(answer):
    got = np.array([_number(call_answer(answer, p), f"min_expected_hinge({p})") for p in _Q4_PS])
    want = np.array([min_expected_hinge(p) for p in _Q4_PS])
    if _close(got, want):
        return
    for wrong, message in _Q4_MISTAKES.values():
        if _close(got, [wrong(p) for p in _Q4_PS]):
            raise Incorrect(message)
    k = int(np.flatnonzero(~np.isclose(got, want, rtol=1e-9, atol=1e-9))[0])
    close_enough(got[k], want[k], f"min_expected_hinge({_Q4_PS[k]})")


q4 = Exercise(
    name="q4 the lowest expected hinge",
    checker=_check_q4,
    hint_text="Read the markers' heights in the table under the figure (p = 0.05, 0.2, 0.4, ...). The minimiser is "
              "f = +1 or f = -1; what is E_p(+1) = p hinge(1) + (1 - p) hinge(-1)?",
    reference=min_expected_hinge,
    mistakes={"Bayes error": (lambda p: min(p, 1 - p), "Bayes error"),
              "p > 1/2 only": (lambda p: 2 * (1 - p), "right for p >= 1/2"),
              "p < 1/2 only": (lambda p: 2 * p, "right for p <= 1/2"),
              "value at f = 0": (lambda p: 1.0, "value at f = 0"),
              "one minus p": (lambda p: 1 - p, "half the lowest value"),
              "a slip": (lambda p: 2 * min(p, 1 - p) + (p == 0.3), "min_expected_hinge(0.3)"),
              "forgot return": (_forgot_return, "forget the `return`")},
)


# --------------------------------------------------------------------------- q5: transfer, labels {0, 1}

Q5_REG_STRENGTH = 0.01


def _q5_data():
    from ... import make_two_class

    X, y = make_two_class(seed=0)
    return X, (y + 1) / 2  # the course's seed data, labels coded {0, 1}


def naive_objective(w, b, X, labels01, reg_strength=Q5_REG_STRENGTH):
    """J(w, b) with labels {0, 1} plugged straight into max(0, 1 - y f(x)): what the formula silently computes."""
    f = X @ np.asarray(w, dtype=float) + b
    return 0.5 * reg_strength * float(np.dot(w, w)) + float(np.maximum(0.0, 1.0 - labels01 * f).mean())


def _q5_reference():
    return (0.0, 0.0, 1.0)  # w = 0, any b >= 1: every point scores b, "class 1" everywhere


def _check_q5(answer):
    w1, w2, b = _values(answer, 3, "answer_q5")
    X, labels01 = _q5_data()
    w = np.array([w1, w2])
    J, floor = naive_objective(w, b, X, labels01), float(np.mean(labels01 == 0))
    if np.allclose(w, 0.0, atol=1e-9) and b >= 1.0 - 1e-9:
        return
    if np.allclose(w, 0.0, atol=1e-9):
        raise Incorrect(f"with w = 0 every score is b = {b:g}, so each class-1 point costs max(0, 1 - b) = "
                        f"{max(0.0, 1 - b):g}: raise b. (Your J = {J:.4f}; the smallest possible is {floor:.4f}.)")
    from ... import LinearSVM

    svm = LinearSVM(solver="exact", reg_strength=Q5_REG_STRENGTH).fit(X, 2 * labels01 - 1)
    if np.allclose(w, svm.coef_[0], rtol=1e-2, atol=1e-2):
        raise Incorrect(f"that is the right model for labels -1/+1 (J = {J:.4f} with labels {{0, 1}}). But with "
                        "labels {0, 1} every class-0 point costs max(0, 1 - 0 * f) = 1 whatever w and b are: which "
                        "(w, b) then makes everything else cost nothing?")
    raise Incorrect(f"your (w, b) gives J = {J:.4f}, but the smallest possible value is {floor:.4f}: the 30 class-0 "
                    "points cost 1 each whatever w and b are. Which (w, b) makes every other term, including "
                    "(lambda/2)||w||^2, zero?")


q5 = Exercise(
    name="q5 what labels {0, 1} silently compute",
    checker=_check_q5,
    hint_text="With y = 0 a point's term is max(0, 1 - 0 * f(x)) = 1, whatever its score. So only the class-1 "
              "points and (lambda/2)||w||^2 can change J. Can you make both zero at once?",
    reference=_q5_reference(),
    mistakes={"b too small": ([0.0, 0.0, 0.0], "raise b"),
              "the right model for -1/+1": ([1.3787, -0.9371, 0.4911], "the right model for labels -1/+1"),
              "other": ([1.0, -0.6, 0.4], "the smallest possible value")},
    solution_text="answer_q5 = (0.0, 0.0, 1.0)   # any b >= 1 works\n"
                  "# Each class-0 point costs 1 whatever (w, b) is, so J >= 30/60 = 0.5. With w = 0 and b >= 1 every\n"
                  "# class-1 point has margin b >= 1 (cost 0) and (lambda/2)||w||^2 = 0: J = 0.5, the floor. The\n"
                  "# minimiser is the constant model that calls every point class 1.",
)


exercises = Exercises(q1, q2, q3, q4, q5)
