"""Exercises of lesson 06 (the squared hinge).

q1: the squared hinge loss of each point.
q2: its derivative with respect to the score.
"""

from __future__ import annotations

import numpy as np

from ._core import Exercise, Incorrect, call_answer

# Margins y f = [2, 1, 0.5, -1, 0.5, -3, 0]: beyond the margin, exactly on it, inside the band
# (both classes), and on the wrong side (both classes). Each typical mistake gets at least one wrong.
_SCORES = np.array([2.0, 1.0, 0.5, -1.0, -0.5, 3.0, 0.0])
_LABELS = np.array([1.0, 1.0, 1.0, 1.0, -1.0, -1.0, 1.0])


def _as_values(result, n, what):
    if np.ndim(result) == 0:
        raise Incorrect(f"return one {what} per point (an array of length {n}), not a single number "
                        "such as the mean or the sum.")
    try:
        values = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Incorrect(f"return numbers, one {what} per point; got {type(result).__name__}.") from None
    if values.shape != (n,):
        raise Incorrect(f"return an array of shape ({n},), one {what} per point; got shape {values.shape}.")
    return values


def _diagnose(values, expected, diagnoses, scores, y, what):
    if np.allclose(values, expected, rtol=1e-12, atol=1e-12):
        return
    for wrong, message in diagnoses:
        if np.allclose(values, wrong(scores, y), rtol=1e-12, atol=1e-12):
            raise Incorrect(message)
    i = int(np.flatnonzero(~np.isclose(values, expected, rtol=1e-12, atol=1e-12))[0])
    raise Incorrect(f"for score {scores[i]:+g} and label {y[i]:+g} (margin y f = {y[i] * scores[i]:+g}) the "
                    f"{what} is {expected[i]:g}, you returned {values[i]:g}.")


# --------------------------------------------------------------------------- q1: the loss


def squared_hinge(scores, y):
    """Squared hinge loss of each point: max(0, 1 - y f)^2."""
    scores, y = np.asarray(scores, dtype=float), np.asarray(y, dtype=float)
    return np.maximum(0.0, 1.0 - y * scores) ** 2


def _q1_no_max(scores, y):
    return (1.0 - np.asarray(y) * np.asarray(scores)) ** 2


def _q1_squared_margin(scores, y):
    return np.maximum(0.0, 1.0 - (np.asarray(y) * np.asarray(scores)) ** 2)


def _q1_not_squared(scores, y):
    return np.maximum(0.0, 1.0 - np.asarray(y) * np.asarray(scores))


def _q1_forgot_y(scores, y):
    return np.maximum(0.0, 1.0 - np.asarray(scores)) ** 2


def _q1_mean(scores, y):
    return float(np.mean(np.maximum(0.0, 1.0 - np.asarray(y) * np.asarray(scores)) ** 2))


_Q1_DIAGNOSES = (
    (_q1_no_max, "You forgot the max(0, .): a point beyond the margin (y f = 2) must cost 0, but "
                 "(1 - 2)^2 = 1 punishes it for being too right. Square max(0, 1 - y f)."),
    (_q1_squared_margin, "You squared the margin: max(0, 1 - (y f)^2) is not the squared hinge. Square the "
                         "violation instead: max(0, 1 - y f) ** 2."),
    (_q1_not_squared, "That is the plain hinge max(0, 1 - y f); the squared hinge squares it."),
    (_q1_forgot_y, "You forgot the label y: a class -1 point with score +3 is badly wrong (y f = -3, loss 16), "
                   "but max(0, 1 - f)^2 gives it 0. Use the margin y * f."),
)


def _check_q1(answer):
    scores, y = _SCORES.copy(), _LABELS.copy()
    values = _as_values(call_answer(answer, scores, y), scores.size, "loss")
    _diagnose(values, squared_hinge(scores, y), _Q1_DIAGNOSES, scores, y, "squared hinge loss")


q1 = Exercise(
    name="q1 squared hinge",
    checker=_check_q1,
    hint_text="First the violation max(0, 1 - y * f) (zero for points beyond the margin), then square it. "
              "np.maximum works element-wise on arrays.",
    reference=squared_hinge,
    mistakes={
        "forgot the max": (_q1_no_max, "forgot the max"),
        "squared the margin": (_q1_squared_margin, "squared the margin"),
        "plain hinge": (_q1_not_squared, "plain hinge"),
        "forgot y": (_q1_forgot_y, "forgot the label y"),
        "returned the mean": (_q1_mean, "not a single number"),
    },
)

# --------------------------------------------------------------------------- q2: the gradient


def squared_hinge_grad(scores, y):
    """Derivative of max(0, 1 - y f)^2 with respect to the score f: -2 y max(0, 1 - y f)."""
    scores, y = np.asarray(scores, dtype=float), np.asarray(y, dtype=float)
    return -2.0 * y * np.maximum(0.0, 1.0 - y * scores)


def _q2_no_two(scores, y):
    y = np.asarray(y)
    return -y * np.maximum(0.0, 1.0 - y * np.asarray(scores))


def _q2_no_max(scores, y):
    y = np.asarray(y)
    return -2.0 * y * (1.0 - y * np.asarray(scores))


def _q2_sign(scores, y):
    y = np.asarray(y)
    return 2.0 * y * np.maximum(0.0, 1.0 - y * np.asarray(scores))


def _q2_hinge_grad(scores, y):
    y = np.asarray(y)
    return np.where(y * np.asarray(scores) < 1.0, -y, 0.0)


def _q2_forgot_y(scores, y):
    return -2.0 * np.maximum(0.0, 1.0 - np.asarray(y) * np.asarray(scores))


_Q2_DIAGNOSES = (
    (_q2_no_two, "The factor 2 is missing: d/du u^2 = 2u, so the derivative is -2 y max(0, 1 - y f)."),
    (_q2_no_max, "You forgot the max(0, .): beyond the margin (y f = 2) the loss is flat, so its "
                 "derivative is 0, not -2 y (1 - y f) = +2."),
    (_q2_sign, "Sign error: raising the score of a class +1 point inside the band lowers its loss, so the "
               "derivative there is negative: -2 y max(0, 1 - y f)."),
    (_q2_hinge_grad, "That is the plain hinge's derivative (-y wherever y f < 1). The squared hinge's scales "
                     "with the violation: -2 y max(0, 1 - y f)."),
    (_q2_forgot_y, "You dropped the label y from the chain rule: d(1 - y f)/df = -y, so the derivative is "
                   "-2 y max(0, 1 - y f); for class -1 points the sign flips."),
)


def _check_q2(answer):
    scores, y = _SCORES.copy(), _LABELS.copy()
    values = _as_values(call_answer(answer, scores, y), scores.size, "derivative")
    _diagnose(values, squared_hinge_grad(scores, y), _Q2_DIAGNOSES, scores, y, "derivative")


q2 = Exercise(
    name="q2 squared hinge gradient",
    checker=_check_q2,
    hint_text="Chain rule on u^2 with u = max(0, 1 - y f): 2u times du/df, and du/df = -y where u > 0 "
              "(0 where u = 0, which the factor u takes care of).",
    reference=squared_hinge_grad,
    mistakes={
        "forgot the factor 2": (_q2_no_two, "factor 2"),
        "forgot the max": (_q2_no_max, "forgot the max"),
        "sign error": (_q2_sign, "sign error"),
        "hinge gradient": (_q2_hinge_grad, "plain hinge"),
        "forgot y": (_q2_forgot_y, "dropped the label y"),
    },
)

EXERCISES = [q1, q2]
