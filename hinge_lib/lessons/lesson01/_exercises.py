"""Lesson 01's exercises: derive, predict then run, read the view, transfer to 3-D.

q1  derive the distance of a point to the boundary, as code (any number of features)
q2  predict what scaling (w, b) by 3 does to functional margins, geometric margins and the band
q3  find (w, b) in the view that puts point 7 on its margin line with no point misclassified
q4  two planes in 3-D: which has the larger geometric margin on the data, and how large is it?
"""

from __future__ import annotations

import numbers

import numpy as np

from ...exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer
from ...geometry import geometric_margin

# The lesson's eight points (printed in the notebook's first cell)
X8 = np.array([[1.0, 2.0], [2.5, 0.5], [2.0, 2.5], [0.25, 0.5],
               [-1.5, -1.0], [-0.5, -2.0], [-2.5, 0.5], [1.5, -1.0]])
Y8 = np.array([1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0])

# q4's six points in 3-D and its two separating planes (both through the origin)
X3 = np.array([[1.0, 1.0, 1.0], [2.0, 0.0, 1.0], [0.0, 2.0, 2.0],
               [-1.0, 0.0, -1.0], [0.0, -1.0, -2.0], [-2.0, -1.0, 0.0]])
Y3 = np.array([1.0, 1.0, 1.0, -1.0, -1.0, -1.0])
PLANES = {"P": (np.array([2.0, 3.0, 6.0]), 0.0), "Q": (np.array([2.0, 1.0, 2.0]), 0.0)}


def _unfilled(value):
    return value is None or value is Ellipsis


def _as_number(value, what):
    if isinstance(value, str):
        raise Incorrect(f"{what} should be a number, not the text {value!r}: write it without quotes "
                        "(Python computes 1/3 for you).")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise Incorrect(f"{what} should be a number; got {type(value).__name__}.")
    return float(value)


def _near(got, want, rtol=1e-9):
    return bool(np.isclose(got, want, rtol=rtol, atol=1e-12))


# --------------------------------------------------------------------------- q1: derive the distance


def distance(X, w, b):
    X, w = np.asarray(X, dtype=float), np.asarray(w, dtype=float)
    scores = X @ w + b  # f(x) for every row
    return np.abs(scores) / np.sqrt(w @ w)  # a step of length t along w / ||w|| changes f by t ||w||


_Q1_CASES = [
    (X8, np.array([1.0, 1.0]), 0.0),  # the lesson's first classifier
    (X8, np.array([3.0, 4.0]), -5.0),  # ||w|| = 5, ||w||^2 = 25, b != 0
    (X3, np.array([1.0, 2.0, 2.0]), 0.5),  # three features, ||w|| = 3
]

# label -> (the wrong formula, its feedback); a mistake is named when it explains every case
_Q1_MISTAKES = {
    "signed": (lambda X, w, b: (X @ w + b) / np.sqrt(w @ w),
               "some of your distances are negative: f(x)/||w|| is signed (negative on the negative side). "
               "A distance is a length: take the absolute value, |f(x)| / ||w||."),
    "squared norm": (lambda X, w, b: np.abs(X @ w + b) / (w @ w),
                     "you divided by ||w||^2 = w.w. The step w/||w||^2 raises f by 1 but is 1/||w|| long; "
                     "a step of length t along w/||w|| raises f by t ||w||, so divide by ||w|| = sqrt(w.w)."),
    "no division": (lambda X, w, b: np.abs(X @ w + b),
                    "|f(x)| is the size of the score, not a length: it doubles when (w, b) doubles while the "
                    "boundary, and every distance to it, stays put. Divide by the length of w."),
    "forgot b": (lambda X, w, b: np.abs(X @ w) / np.sqrt(w @ w),
                 "you left out the bias b: the boundary is w.x + b = 0, so use the score f(x) = w.x + b."),
    "L1 norm": (lambda X, w, b: np.abs(X @ w + b) / np.abs(w).sum(),
                "you divided by the sum of |w_j| (the L1 norm); the Euclidean length of w is sqrt(w.w)."),
    "distance to origin": (lambda X, w, b: np.sqrt((X * X).sum(axis=1)),
                           "these are the distances of the points to the origin, not to the boundary w.x + b = 0."),
}


def _check_q1(answer):
    answers = []
    for X, w, b in _Q1_CASES:
        got = call_answer(answer, X.copy(), w.copy(), b)
        try:
            answers.append(np.asarray(got, dtype=float))
        except (TypeError, ValueError):
            raise Incorrect(f"return one number per point (an array of shape ({len(X)},)); "
                            f"got {type(got).__name__}.") from None
    wants = [distance(*case) for case in _Q1_CASES]
    if all(got.shape == want.shape and np.allclose(got, want, rtol=1e-9, atol=1e-12)
           for got, want in zip(answers, wants)):
        return
    for wrong, message in _Q1_MISTAKES.values():
        if all(got.shape == np.shape(wrong(*case)) and np.allclose(got, wrong(*case), rtol=1e-9, atol=1e-12)
               for got, case in zip(answers, _Q1_CASES)):
            raise Incorrect(message)
    for (X, w, b), got, want in zip(_Q1_CASES, answers, wants):
        if got.shape != want.shape:
            raise Incorrect(f"return one distance per point, an array of shape {want.shape}; got shape {got.shape}.")
        if not np.allclose(got, want, rtol=1e-9, atol=1e-12):
            i = int(np.argmax(np.abs(got - want)))  # 12 digits show any difference the tolerance sees
            raise Incorrect(f"with w = {w.tolist()}, b = {b}: point {i}'s distance should be {want[i]:.12g}; "
                            f"your function gave {got[i]:.12g}.")


q1 = Exercise(
    name="q1 distance to the boundary",
    checker=_check_q1,
    hint_text="The closest point of the boundary lies straight along w from x: x - t w/||w||. Moving a "
              "length t along the unit vector w/||w|| changes the score by t ||w|| (section 2: the step "
              "w/||w||^2 changes it by 1). Which t brings the score from f(x) to 0? The distance is |t|.",
    reference=distance,
    mistakes={label: (wrong, phrase) for (label, (wrong, _)), phrase in zip(_Q1_MISTAKES.items(), [
        "absolute value", "divided by ||w||^2", "not a length", "left out the bias", "L1 norm", "origin"])},
)


# --------------------------------------------------------------------------- q2: predict, then run

Q2_ANSWER = dict(functional=3.0, geometric=1.0, width=1.0 / 3.0)

# For each quantity: (a typical wrong factor, its feedback), tried after the right one
_Q2_MISTAKES = {
    "functional": [
        (1.0, "the functional margin is y (w.x + b); with 3w and 3b every score is 3 f(x), so it changes."),
        (9.0, "the score 3w.x + 3b is linear in (w, b): it grows by the factor 3, not 3^2."),
        (1.0 / 3.0, "the scores 3w.x + 3b grow, they do not shrink."),
    ],
    "geometric": [
        (3.0, "the geometric margin is y f(x) / ||w||: the score and the length ||3w|| = 3 ||w|| both grow "
              "by 3, so the factor cancels."),
        (1.0 / 3.0, "a geometric margin is a distance to the boundary, and the boundary 3(w.x + b) = 0 is the "
                    "same line: no point moves closer."),
        (9.0, "numerator and denominator of y f(x) / ||w|| both grow by 3."),
    ],
    "width": [
        (3.0, "the band is 2 / ||w|| wide: a longer w gives a narrower band, not a wider one."),
        (1.0, "the boundary stays, but the margin lines are where 3 f(x) = +-1, i.e. f(x) = +-1/3: they move "
              "towards the boundary. The band is 2 / ||3w|| wide."),
        (1.0 / 9.0, "||3w|| = 3 ||w||, not 9 ||w||: a length grows like the vector, not like its square."),
    ],
}
_Q2_NAMES = {"functional": "every functional margin y f(x)", "geometric": "every geometric margin",
             "width": "the band width"}


def _check_q2(answer):
    if _unfilled(answer):
        raise NotAttempted("fill in the three factors in the cell above, then run it and this check again.")
    if not isinstance(answer, dict) or set(answer) != set(Q2_ANSWER):
        raise Incorrect("keep the template's form: prediction = dict(functional=..., geometric=..., width=...).")
    if any(_unfilled(v) for v in answer.values()):
        raise NotAttempted("some factors are still `...`: predict all three before you run the table.")
    for key, want in Q2_ANSWER.items():
        got = _as_number(answer[key], f"the factor for {key}")
        if _near(got, want, rtol=0.02):  # 0.33 for 1/3 is a fine prediction
            continue
        for wrong, message in _Q2_MISTAKES[key]:
            if _near(got, wrong, rtol=0.02):
                raise Incorrect(f"{key}: {message}")
        raise Incorrect(f"{key}: a factor of {got:g} is not what happens to {_Q2_NAMES[key]}. Write the new "
                        "quantity with 3w and 3b in place of w and b and compare it with the old one.")


q2 = Exercise(
    name="q2 predict the effect of scaling",
    checker=_check_q2,
    hint_text="Put 3w and 3b into each formula: the score 3w.x + 3b, the length ||3w||, and the band "
              "width 2 / ||w||. What happens to each, compared with w and b?",
    reference=Q2_ANSWER,
    mistakes={f"{key} {wrong:g}": ({**Q2_ANSWER, key: wrong}, message[:40])
              for key, cases in _Q2_MISTAKES.items() for wrong, message in cases},
    solution_text="prediction = dict(functional=3, geometric=1, width=1/3)\n"
                  "# scores 3 f(x); y 3f(x) / ||3w|| = y f(x) / ||w||; band 2 / ||3w|| = (2 / ||w||) / 3",
)


# --------------------------------------------------------------------------- q3: read the view

Q3_POINT = 7
Q3_ANSWER = (1.0, 2.0, -0.5)


def _check_q3(answer):
    if _unfilled(answer):
        raise NotAttempted("move the sliders until the table says what you want, then write their values "
                           "as q3_answer = (w1, w2, b) and run this check again.")
    if isinstance(answer, str) or not hasattr(answer, "__len__") or len(answer) != 3:
        raise Incorrect("give three numbers, q3_answer = (w1, w2, b), read off the sliders.")
    if any(_unfilled(v) for v in answer):
        raise NotAttempted("some of w1, w2, b are still `...`.")
    w1, w2, b = (_as_number(v, name) for v, name in zip(answer, ("w1", "w2", "b")))
    w = np.array([w1, w2])
    if not w.any():
        raise Incorrect("with w = (0, 0) there is no boundary and no margin line; move w1 or w2 away from 0.")
    m = Y8 * (X8 @ w + b)
    m7 = m[Q3_POINT]
    norm = float(np.sqrt(w @ w))
    if abs(m7 - 1.0) <= 1e-6:
        bad = [i for i in range(len(m)) if m[i] <= 1e-9]
        if not bad:
            return
        which = ", ".join(f"point {i} (y f(x) = {m[i] + 0.0:.3g})" for i in bad)
        raise Incorrect(f"point 7 is on its margin line, but {which} "
                        f"{'is' if len(bad) == 1 else 'are'} misclassified or on the boundary. Tilt the line "
                        "(change w1 against w2) rather than only shifting it with b.")
    if abs(m7 + 1.0) <= 1e-6:
        raise Incorrect("f(x7) = +1, but point 7 has label y = -1: its own margin line is f(x) = -1. On "
                        "f(x) = +1 it is misclassified (y f(x) = -1).")
    if abs(m7) <= 1e-6:
        raise Incorrect("point 7 is on the boundary (y f(x) = 0); its margin line is where y f(x) = 1.")
    if abs(m7 / norm - 1.0) <= 1e-6:
        raise Incorrect(f"point 7 is at distance 1 from the boundary (geometric margin 1). On the margin means "
                        f"functional margin y f(x) = 1, i.e. distance 1/||w|| = {1 / norm:.3f} here.")
    raise Incorrect(f"point 7's functional margin y f(x) is {m7 + 0.0:.6g}; on the margin it is exactly 1. "
                    "The table under the view prints y f(x) for every point.")


q3 = Exercise(
    name="q3 put point 7 on its margin",
    checker=_check_q3,
    hint_text="Point 7 = (1.5, -1) has label -1, so on its margin line f(x7) = 1.5 w1 - w2 + b = -1. From the "
              "start (0.5, 1, 0) its score is -0.25: you need four times that. Section 5 says what multiplying "
              "(w, b) by 4 does; or tilt the line and watch point 3.",
    reference=Q3_ANSWER,
    mistakes={"label sign": ((1.0, 0.5, 0.0), "label y = -1"),
              "on the boundary": ((1.0, 1.5, 0.0), "on the boundary"),
              "geometric margin 1": ((0.0, 2.0, 0.0), "distance 1 from the boundary"),
              "another point misclassified": ((0.5, 1.0, -0.75), "misclassified or on the boundary"),
              "inside the band": ((0.5, 1.0, 0.0), "functional margin y f(x) is 0.25")},
    solution_text="q3_answer = (1.0, 2.0, -0.5)   # or (2.0, 4.0, 0.0): the start scaled by 4\n"
                  "# point 7: y f(x) = -(1.5*1 - 1*2 - 0.5) = 1; every other point has y f(x) > 0",
)


# --------------------------------------------------------------------------- q4: transfer to 3-D


def _margins_of(plane):
    w, b = PLANES[plane]
    return Y3 * (X3 @ w + b), geometric_margin(X3, Y3, w, b)


Q4_ANSWER = ("Q", float(_margins_of("Q")[1].min()))


def _check_q4(answer):
    if _unfilled(answer):
        raise NotAttempted("write q4_answer = (plane, margin), e.g. (\"P\", 0.5), and run this check again.")
    if isinstance(answer, str) or not hasattr(answer, "__len__") or len(answer) != 2:
        raise Incorrect("give a pair: the plane's name and its geometric margin, e.g. q4_answer = (\"P\", 0.5).")
    plane, value = answer
    if _unfilled(plane) or _unfilled(value):
        raise NotAttempted("the plane or the margin is still `...`.")
    if not isinstance(plane, str) or plane.strip().upper() not in PLANES:
        raise Incorrect(f"name the plane \"P\" or \"Q\"; got {plane!r}.")
    plane = plane.strip().upper()
    value = _as_number(value, "the margin")
    functional, geometric = _margins_of(plane)
    norm = float(np.linalg.norm(PLANES[plane][0]))
    near = lambda want: _near(value, want, rtol=2e-3)  # noqa: E731  (a margin typed from a print is fine)
    if near(functional.min()):
        raise Incorrect(f"{value:g} is plane {plane}'s smallest FUNCTIONAL margin, which grows with the scale of "
                        "w (P's w is longer). Compare geometric margins y f(x) / ||w||: they are distances.")
    if near(functional.min() / norm**2):
        raise Incorrect("you divided by ||w||^2; the geometric margin is y f(x) / ||w||.")
    if near(geometric.mean()):
        raise Incorrect("that is the mean geometric margin; the margin of a data set is set by its closest "
                        "point: the SMALLEST geometric margin.")
    if near(geometric.max()):
        raise Incorrect("that is the largest geometric margin, the farthest point; the margin of a data set "
                        "is the smallest one, the closest point.")
    if plane != Q4_ANSWER[0]:
        raise Incorrect(f"plane {plane} is not the one with the larger margin: compute the smallest geometric "
                        "margin of both planes and compare.")
    if not near(Q4_ANSWER[1]):
        raise Incorrect(f"plane {plane} is the right one, but its margin on the data is not {value:g}: take the "
                        "smallest y f(x) / ||w|| over the six points (printing it with 4 digits is enough).")


q4 = Exercise(
    name="q4 the geometric margin in 3-D",
    checker=_check_q4,
    hint_text="In 3-D, w.x + b = 0 is a plane and the formulas are the same with three coordinates. For each "
              "plane compute every point's geometric margin y f(x) / ||w|| and take the smallest (the closest "
              "point); then compare the two planes.",
    reference=Q4_ANSWER,
    mistakes={"functional margin": (("P", 7.0), "FUNCTIONAL"),
              "squared norm": (("Q", 4.0 / 9.0), "||w||^2"),
              "mean": (("Q", float(_margins_of("Q")[1].mean())), "mean geometric margin"),
              "largest": (("P", float(_margins_of("P")[1].max())), "largest geometric margin"),
              "wrong plane": (("P", 1.0), "not the one with the larger margin")},
    solution_text="from hinge_lib import geometric_margin\n"
                  "for name, (w, b) in planes.items():\n"
                  "    print(name, geometric_margin(X3, y3, w, b).min())   # P: 1.0, Q: 1.333\n"
                  "q4_answer = (\"Q\", 4 / 3)",
)


exercises = Exercises(q1, q2, q3, q4)
