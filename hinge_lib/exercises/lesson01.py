"""Exercises of lesson 01 (margin geometry).

q1  geometric margins ``y (w.x + b) / ||w||`` of a small dataset
q2  the width ``2 / ||w||`` of the margin band
q3  rescale ``(w, b)`` so the closest point has functional margin exactly 1
"""

from __future__ import annotations

import numpy as np

from ._core import Exercise, Incorrect, answer_array as _as_array, call_answer

# The lesson's eight points (also printed in the notebook), plus two more checks in other dimensions.
X8 = np.array([[1.0, 2.0], [2.5, 0.5], [2.0, 2.5], [0.25, 0.5],
               [-1.5, -1.0], [-0.5, -2.0], [-2.5, 0.5], [1.5, -1.0]])
Y8 = np.array([1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0])


def _close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------- q1


def geometric_margins(X, y, w, b):
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.asarray(w, float)
    scores = X @ w + b  # f(x) = w.x + b for every point
    return y * scores / np.linalg.norm(w)  # functional margin divided by ||w||


_Q1_CASES = [
    (X8, Y8, np.array([1.0, 1.0]), 0.0),  # one point inside the band, one on the wrong side
    (X8, Y8, np.array([3.0, 4.0]), -5.0),  # ||w|| = 5, ||w||^2 = 25
    (np.array([[1.0, 0.0, 2.0], [0.0, -1.0, 1.0], [2.0, 2.0, -1.0]]), np.array([1.0, -1.0, -1.0]),
     np.array([1.0, 2.0, 2.0]), 0.5),  # three features, ||w|| = 3
]

# label -> (the wrong formula, the feedback it gets); tried in this order
_Q1_MISTAKES = {
    "forgot to divide by ||w||": (
        lambda X, y, w, b: y * (X @ w + b),
        "these are functional margins y f(x): you forgot to divide by ||w||."),
    "forgot y": (
        lambda X, y, w, b: (X @ w + b) / np.linalg.norm(w),
        "these are signed distances f(x)/||w|| without the label: you forgot to multiply by y, so class -1 "
        "points on their correct side come out negative."),
    "squared norm": (
        lambda X, y, w, b: y * (X @ w + b) / (w @ w),
        "you divided by the squared norm ||w||^2 = w.w; divide by ||w|| = sqrt(w.w) (np.linalg.norm(w))."),
    "absolute value": (
        lambda X, y, w, b: np.abs(X @ w + b) / np.linalg.norm(w),
        "these are unsigned distances |f(x)|/||w||: a geometric margin is negative for a point on the wrong "
        "side; use y f(x)/||w||, not the absolute value."),
    "forgot b": (
        lambda X, y, w, b: y * (X @ w) / np.linalg.norm(w),
        "you left out the bias b: the score is f(x) = w.x + b."),
}


def _check_q1(answer):
    answers = [_as_array(call_answer(answer, X.copy(), y.copy(), w.copy(), b), "the margins", (X.shape[0],))
               for X, y, w, b in _Q1_CASES]
    wants = [geometric_margins(*case) for case in _Q1_CASES]
    if all(_close(got, want) for got, want in zip(answers, wants)):
        return
    for wrong, message in _Q1_MISTAKES.values():  # a mistake must explain every case
        if all(_close(got, wrong(*case)) for got, case in zip(answers, _Q1_CASES)):
            raise Incorrect(message)
    for (X, y, w, b), got, want in zip(_Q1_CASES, answers, wants):
        if not _close(got, want):
            i = int(np.argmax(np.abs(got - want)))
            raise Incorrect(f"with w = {w.tolist()}, b = {b}: point {i} should have geometric margin "
                            f"{want[i]:.4f}, your function gave {got[i]:.4f}.")


q1 = Exercise(
    name="q1 geometric margins",
    checker=_check_q1,
    hint_text="Compute the scores f = X @ w + b, multiply by the labels y, then divide by the length of w, "
              "np.linalg.norm(w) (not its square).",
    reference=geometric_margins,
    mistakes={
        label: (_Q1_MISTAKES[label][0], phrase)
        for label, phrase in [("forgot to divide by ||w||", "forgot to divide by ||w||"),
                              ("forgot y", "forgot to multiply by y"),
                              ("squared norm", "squared norm"),
                              ("absolute value", "unsigned distances"),
                              ("forgot b", "left out the bias")]
    },
)


# --------------------------------------------------------------------------- q2


def band_width(w):
    w = np.asarray(w, float)
    return 2.0 / np.linalg.norm(w)  # from f = -1 to f = +1: each line lies 1/||w|| from the boundary


_Q2_MISTAKES = [
    (lambda w: 1.0 / np.linalg.norm(w),
     "1/||w|| is the distance from the boundary to ONE margin line; the band spans both sides: 2/||w||."),
    (lambda w: 2.0 / (w @ w), "you divided by the squared norm w.w; the width is 2 / ||w|| with ||w|| = sqrt(w.w)."),
    (lambda w: 2.0 * np.linalg.norm(w), "the width shrinks as w grows: it is 2 / ||w||, not 2 * ||w||."),
    (lambda w: 2.0 / np.abs(w).sum(),
     "you used the sum of |w_i| (the L1 norm); use the Euclidean norm np.linalg.norm(w)."),
]


_Q2_CASES = [np.array(w) for w in ([1.0, 1.0], [3.0, 4.0], [0.5, 0.0], [1.0, -2.0, 2.0])]


def _check_q2(answer):
    answers = [float(_as_array(call_answer(answer, w.copy()), "the width", ())) for w in _Q2_CASES]
    wants = [band_width(w) for w in _Q2_CASES]
    if all(_close(got, want) for got, want in zip(answers, wants)):
        return
    for wrong, message in _Q2_MISTAKES:  # a mistake must explain every case
        if all(_close(got, wrong(w)) for got, w in zip(answers, _Q2_CASES)):
            raise Incorrect(message)
    for w, got, want in zip(_Q2_CASES, answers, wants):
        if not _close(got, want):
            raise Incorrect(f"for w = {w.tolist()} the band is {want:.4f} wide; your function gave {got:.4f}.")


q2 = Exercise(
    name="q2 width of the margin band",
    checker=_check_q2,
    hint_text="A point on the margin line f = +1 has geometric margin 1/||w||; the line f = -1 lies as far "
              "on the other side of the boundary.",
    reference=band_width,
    mistakes={
        "half the band": (lambda w: 1.0 / np.linalg.norm(w), "one margin line"),
        "squared norm": (lambda w: 2.0 / (np.asarray(w) @ np.asarray(w)), "squared norm"),
        "inverted": (lambda w: 2.0 * np.linalg.norm(w), "not 2 * ||w||"),
        "L1 norm": (lambda w: 2.0 / np.abs(w).sum(), "L1 norm"),
    },
)


# --------------------------------------------------------------------------- q3


def canonical_scaling(X, y, w, b):
    X, y, w = np.asarray(X, float), np.asarray(y, float), np.asarray(w, float)
    gamma_hat = np.min(y * (X @ w + b))  # the smallest functional margin (> 0 for a separating line)
    return w / gamma_hat, b / gamma_hat  # dividing by c > 0 keeps the boundary and the geometric margins


_Q3_CASES = [
    (X8, Y8, np.array([1.0, 2.0]), -0.5),  # min functional margin 0.75
    (X8, Y8, np.array([2.0, 6.0]), 0.0),  # min functional margin 2.0
    (X8, Y8, np.array([0.1, 0.3]), 0.0),  # min functional margin 0.1
]


def _check_q3(answer):
    for X, y, w, b in _Q3_CASES:
        out = call_answer(answer, X.copy(), y.copy(), w.copy(), b)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise Incorrect("return a pair (w_new, b_new), e.g. `return w / gamma_hat, b / gamma_hat`.")
        w_new = _as_array(out[0], "w_new", w.shape)
        b_new = float(_as_array(out[1], "b_new", ()))
        m = y * (X @ w + b)
        m_new = y * (X @ w_new + b_new)
        if _close(m_new.min(), 1.0) and _close(w_new * m.min(), w) and _close(b_new * m.min(), b):
            continue
        norm = np.linalg.norm(w)
        if _close(w_new, w / (m.min() / norm)):
            raise Incorrect("you divided by the smallest GEOMETRIC margin; divide by the smallest functional "
                            "margin min y(w.x + b), so that it becomes exactly 1.")
        if _close(w_new, w * m.min()):
            raise Incorrect("you multiplied by the smallest functional margin; divide by it instead.")
        if _close(w_new, w / m.max()):
            raise Incorrect("you divided by the LARGEST functional margin; the closest point is the one with "
                            "the smallest y f(x).")
        if _close(w_new, w / m.min()) and not _close(b_new * m.min(), b):
            raise Incorrect("w is right but b is not: scale b by the same factor as w, or the boundary moves.")
        raise Incorrect(f"after your scaling the smallest functional margin is {m_new.min():.4f}; it should be "
                        "1, with the boundary unchanged (divide w and b by the same positive number).")


q3 = Exercise(
    name="q3 rescale to functional margin 1",
    checker=_check_q3,
    hint_text="Find gamma_hat = min over the points of y (w.x + b). Dividing w and b by gamma_hat > 0 keeps "
              "the boundary and divides every functional margin by gamma_hat.",
    reference=canonical_scaling,
    mistakes={
        "divided by geometric margin": (
            lambda X, y, w, b: (lambda g: (w / g, b / g))(np.min(y * (X @ w + b)) / np.linalg.norm(w)),
            "geometric margin"),
        "multiplied": (lambda X, y, w, b: (lambda g: (w * g, b * g))(np.min(y * (X @ w + b))), "multiplied"),
        "largest margin": (lambda X, y, w, b: (lambda g: (w / g, b / g))(np.max(y * (X @ w + b))), "largest"),
        "forgot to scale b": (lambda X, y, w, b: (w / np.min(y * (X @ w + b)), b), "scale b"),
    },
)

EXERCISES = [q1, q2, q3]
