"""Exercises of lesson 02 (the hinge loss).

q1  the hinge loss of one point, ``max(0, 1 - y f(x))``
q2  the mean hinge loss of arrays of scores and labels (vectorised)
q3  the mean hinge loss when the labels come as {0, 1}
"""

from __future__ import annotations

import numpy as np

from ._core import Exercise, Incorrect, call_answer


def _close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


def _number(value, what):
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should be a number; got {type(value).__name__}.") from None
    if arr.shape != ():
        raise Incorrect(f"{what} should be a single number; got an array of shape {arr.shape}.")
    return float(arr)


def _diagnose(answers, cases, mistakes):
    """Raise the feedback of the first known mistake that explains every case."""
    for wrong, message in mistakes.values():
        if all(_close(got, wrong(*case)) for got, case in zip(answers, cases)):
            raise Incorrect(message)


# --------------------------------------------------------------------------- q1


def hinge_one(score, y):
    margin = y * score  # functional margin m = y f(x)
    return max(0.0, 1.0 - margin)  # zero once the margin reaches 1


_Q1_CASES = [  # (score, y)
    (2.0, 1.0), (0.5, 1.0), (-1.0, 1.0),  # the three worked cases
    (1.0, 1.0), (-1.0, -1.0),  # margin exactly 1: no loss
    (0.0, 1.0),  # on the boundary
    (0.3, -1.0), (-2.5, -1.0), (40.0, -1.0),
    (-50.0, 1.0),  # a large negative margin
]

_Q1_MISTAKES = {
    "forgot max with 0": (lambda s, y: 1.0 - y * s,
                          "you forgot max(0, .): a point beyond the margin would get a negative loss "
                          "(for score 2 and label +1 you return -1)."),
    "sign error": (lambda s, y: max(0.0, 1.0 + y * s),
                   "sign error: the loss is max(0, 1 - y f(x)); with + a confidently correct point costs most."),
    "forgot y": (lambda s, y: max(0.0, 1.0 - s),
                 "you forgot the label y: for y = -1 the loss is max(0, 1 + f(x)), so use max(0, 1 - y * score)."),
    "labels converted again": (lambda s, y: max(0.0, 1.0 - (2 * y - 1) * s),
                               "labels {0, 1} handling: you applied 2*y - 1 to labels that are already -1 or +1 "
                               "(that turns -1 into -3). Convert only {0, 1} labels."),
}


def _check_q1(answer):
    answers = [_number(call_answer(answer, s, y), f"hinge_one({s}, {y:+.0f})") for s, y in _Q1_CASES]
    wants = [hinge_one(s, y) for s, y in _Q1_CASES]
    if all(_close(got, want) for got, want in zip(answers, wants)):
        return
    _diagnose(answers, _Q1_CASES, _Q1_MISTAKES)
    for (s, y), got, want in zip(_Q1_CASES, answers, wants):
        if not _close(got, want):
            note = " (margin exactly 1 costs nothing)" if y * s == 1 else ""
            raise Incorrect(f"score {s}, label {y:+.0f}: the hinge loss is {want:.4f}{note}; you returned {got:.4f}.")


q1 = Exercise(
    name="q1 hinge loss of one point",
    checker=_check_q1,
    hint_text="Compute the margin m = y * score first. The loss is 1 - m when m < 1 and 0 otherwise: "
              "that is max(0, 1 - m).",
    reference=hinge_one,
    mistakes={label: (wrong, phrase) for (label, (wrong, _)), phrase in zip(
        _Q1_MISTAKES.items(), ["forgot max(0, .)", "sign error", "forgot the label y", "labels {0, 1}"])},
)


# --------------------------------------------------------------------------- q2


def mean_hinge(scores, y):
    scores, y = np.asarray(scores, float), np.asarray(y, float)
    losses = np.maximum(0.0, 1.0 - y * scores)  # np.maximum works element by element
    return losses.mean()  # the mean over samples, not the sum


_Q2_CASES = [  # (scores, y)
    (np.array([2.0, 0.5, -1.0]), np.array([1.0, 1.0, 1.0])),
    (np.array([1.5, -0.5, 0.8, -1.2, 0.3]), np.array([1.0, -1.0, 1.0, -1.0, 1.0])),
    (np.array([1.0, -1.0, 3.0, -2.0]), np.array([1.0, -1.0, 1.0, -1.0])),  # all margins >= 1 (two exactly 1)
    (np.array([-100.0, 0.25, 7.0, 0.0, -0.5, 2.0]), np.array([1.0, -1.0, -1.0, 1.0, -1.0, 1.0])),
    (np.array([0.2]), np.array([-1.0])),  # a single sample
]

_Q2_MISTAKES = {
    "sum instead of mean": (lambda s, y: np.maximum(0.0, 1.0 - y * s).sum(),
                            "you returned the sum of the losses; the mean divides by the number of samples."),
    "forgot max with 0": (lambda s, y: np.mean(1.0 - y * s),
                          "you forgot max(0, .): points beyond the margin subtract from the loss instead of "
                          "costing 0."),
    "sign error": (lambda s, y: np.maximum(0.0, 1.0 + y * s).mean(),
                   "sign error: the loss is max(0, 1 - y f(x)), not max(0, 1 + y f(x))."),
    "labels converted again": (lambda s, y: np.maximum(0.0, 1.0 - (2 * y - 1) * s).mean(),
                               "labels {0, 1} handling: you applied 2*y - 1 to labels that are already -1 or +1."),
}


def _check_q2(answer):
    answers = []
    for s, y in _Q2_CASES:
        try:
            out = call_answer(answer, s.copy(), y.copy())
        except Incorrect as exc:
            if "truth value" in str(exc):
                raise Incorrect("Python's max(0, array) cannot compare a whole array with 0; use np.maximum(0, ...), "
                                "which works element by element.") from None
            raise
        if np.ndim(out) == 1 and np.shape(out) == s.shape and s.size > 1:
            raise Incorrect("you returned one loss per sample; reduce them to a single number with the mean.")
        answers.append(_number(out, "the mean hinge loss"))
    wants = [mean_hinge(s, y) for s, y in _Q2_CASES]
    if all(_close(got, want) for got, want in zip(answers, wants)):
        return
    _diagnose(answers, _Q2_CASES, _Q2_MISTAKES)
    for (s, y), got, want in zip(_Q2_CASES, answers, wants):
        if not _close(got, want):
            raise Incorrect(f"for scores {s.tolist()} and labels {y.tolist()} the mean hinge loss is {want:.4f}; "
                            f"you returned {got:.4f}.")


q2 = Exercise(
    name="q2 mean hinge loss of arrays",
    checker=_check_q2,
    hint_text="Work on whole arrays: margins = y * scores, then np.maximum(0, 1 - margins) (not Python's max), "
              "then .mean().",
    reference=mean_hinge,
    mistakes={
        **{label: (wrong, phrase) for (label, (wrong, _)), phrase in zip(
            _Q2_MISTAKES.items(), ["sum", "forgot max(0, .)", "sign error", "labels {0, 1}"])},
        "Python max": (lambda s, y: max(0.0, 1.0 - y * s), "np.maximum"),
        "no reduction": (lambda s, y: np.maximum(0.0, 1.0 - y * s), "one loss per sample"),
    },
)


# --------------------------------------------------------------------------- q3


def mean_hinge_01(scores, labels01):
    scores, labels01 = np.asarray(scores, float), np.asarray(labels01, float)
    y = 2.0 * labels01 - 1.0  # {0, 1} -> {-1, +1}
    return np.maximum(0.0, 1.0 - y * scores).mean()


_Q3_CASES = [  # (scores, labels in {0, 1})
    (np.array([2.0, -2.0, 0.5, -0.5]), np.array([1.0, 0.0, 1.0, 0.0])),
    (np.array([3.0, 1.0, -1.0, 0.0, 2.5]), np.array([1.0, 1.0, 0.0, 0.0, 0.0])),
]

_Q3_MISTAKES = {
    "forgot to convert": (lambda s, t: np.maximum(0.0, 1.0 - t * s).mean(),
                          "you used the {0, 1} labels as they are: every class-0 point then costs "
                          "max(0, 1 - 0) = 1 whatever its score. Convert first with y = 2*labels01 - 1."),
    "flipped conversion": (lambda s, t: np.maximum(0.0, 1.0 - (1.0 - 2.0 * t) * s).mean(),
                           "your conversion flips the classes (1 - 2*labels01 maps 1 to -1); use 2*labels01 - 1."),
    "sum instead of mean": (lambda s, t: np.maximum(0.0, 1.0 - (2.0 * t - 1.0) * s).sum(),
                            "the labels are converted correctly, but you returned the sum; take the mean."),
}


def _check_q3(answer):
    answers = [_number(call_answer(answer, s.copy(), t.copy()), "the mean hinge loss") for s, t in _Q3_CASES]
    wants = [mean_hinge_01(s, t) for s, t in _Q3_CASES]
    if all(_close(got, want) for got, want in zip(answers, wants)):
        return
    _diagnose(answers, _Q3_CASES, _Q3_MISTAKES)
    (s, t), got, want = next(c for c in zip(_Q3_CASES, answers, wants) if not _close(c[1], c[2]))
    raise Incorrect(f"for scores {s.tolist()} and labels {t.tolist()} the mean hinge loss is {want:.4f}; "
                    f"you returned {got:.4f}.")


q3 = Exercise(
    name="q3 mean hinge loss with labels {0, 1}",
    checker=_check_q3,
    hint_text="Map the labels first: y = 2*labels01 - 1 sends 0 to -1 and 1 to +1. Then it is q2.",
    reference=mean_hinge_01,
    mistakes={label: (wrong, phrase) for (label, (wrong, _)), phrase in zip(
        _Q3_MISTAKES.items(), ["used the {0, 1} labels as they are", "flips the classes", "sum"])},
)

EXERCISES = [q1, q2, q3]
