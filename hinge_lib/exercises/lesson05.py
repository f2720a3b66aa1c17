"""Exercises of lesson 05 (support vectors).

q1: the support-vector mask of the text grid (hinge loss > 0).
q2: the KKT group of each dual coefficient alpha.
"""

from __future__ import annotations

import numpy as np

from ._core import Exercise, Incorrect, call_answer

# --------------------------------------------------------------------------- q1: support-vector mask

# Each point is chosen so that one typical mistake gets it wrong:
#   y f = 1 exactly (on the margin), a class -1 point scored -2 (confidently right),
#   points far on the wrong side (|f| = 3), and a point correct but inside the band (y f = 0.5).
_Q1_SCORES = np.array([2.0, 1.0, 0.5, -0.3, -2.0, -1.0, 0.2, 3.0, -3.0])
_Q1_LABELS = np.array([1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0, 1.0])


def support_vector_mask(scores, y):
    """True where the point has hinge loss > 0: inside the band or on the wrong side."""
    scores, y = np.asarray(scores, dtype=float), np.asarray(y, dtype=float)
    return y * scores < 1


def _q1_mask_le(scores, y):
    return np.asarray(y) * np.asarray(scores) <= 1


def _q1_forgot_y(scores, y):
    return np.asarray(scores) < 1


def _q1_abs_score(scores, y):
    return np.abs(np.asarray(scores)) < 1


def _q1_zero(scores, y):
    return np.asarray(y) * np.asarray(scores) < 0


def _q1_mean(scores, y):
    return float(np.mean(np.asarray(y) * np.asarray(scores) < 1))


_Q1_DIAGNOSES = (
    (_q1_mask_le, "A point exactly on the margin (y f = 1) has hinge loss max(0, 1 - 1) = 0, so it is not a "
                  "support vector in the loss sense: use y * f < 1, not <=."),
    (_q1_forgot_y, "You forgot the label y: a class -1 point with score -2 is confidently right (y f = +2), "
                   "but `scores < 1` marks it. Compare the functional margin y * f with 1."),
    (_q1_abs_score, "|f| < 1 only finds points inside the band; points far on the wrong side (y f = -3) "
                    "have the largest loss and are support vectors too. Use y * f < 1."),
    (_q1_zero, "You compared with 0, which finds only the misclassified points. A point that is right but "
               "inside the band (y f = 0.5) has loss 0.5 > 0 too: compare with the margin 1."),
)


def _as_mask(result, n):
    if np.ndim(result) == 0:
        raise Incorrect(f"return one True/False per point (an array of length {n}), not a single number "
                        "such as a count or a mean.")
    mask = np.asarray(result)
    if mask.shape != (n,):
        raise Incorrect(f"return an array of shape ({n},), one entry per point; got shape {mask.shape}.")
    if mask.dtype != bool:
        raise Incorrect(f"return a boolean array (e.g. the result of a comparison); got dtype {mask.dtype}.")
    return mask


def _check_q1(answer):
    scores, y = _Q1_SCORES.copy(), _Q1_LABELS.copy()
    result = call_answer(answer, scores, y)
    mask = _as_mask(result, scores.size)
    expected = support_vector_mask(scores, y)
    if np.array_equal(mask, expected):
        return
    for wrong, message in _Q1_DIAGNOSES:
        if np.array_equal(mask, wrong(scores, y)):
            raise Incorrect(message)
    i = int(np.flatnonzero(mask != expected)[0])
    raise Incorrect(f"for score {scores[i]:+g} and label {y[i]:+g} (y f = {y[i] * scores[i]:+g}) the mask should "
                    f"be {bool(expected[i])}, got {bool(mask[i])}. A support vector has hinge loss "
                    "max(0, 1 - y f) > 0.")


q1 = Exercise(
    name="q1 support-vector mask",
    checker=_check_q1,
    hint_text="The hinge loss max(0, 1 - y f) is positive exactly when the functional margin y * f is "
              "below 1. One comparison on arrays does it; mind the label and the strict inequality.",
    reference=support_vector_mask,
    mistakes={
        "<= instead of <": (_q1_mask_le, "exactly on the margin"),
        "forgot y": (_q1_forgot_y, "forgot the label y"),
        "|f| < 1": (_q1_abs_score, "wrong side"),
        "compared with 0": (_q1_zero, "compared with 0"),
        "returned the mean": (_q1_mean, "not a single number"),
    },
)

# --------------------------------------------------------------------------- q2: KKT groups

_Q2_C = 2.0
# A solver's alphas are 0 and C only up to rounding: 1e-13 means 0 and C (1 - 1e-12) means C.
_Q2_ALPHA = np.array([0.0, 1e-13, 0.7, 2.0, 2.0 * (1.0 - 1e-12), 1.3, 0.0, 2.0, 1e-4])
GROUPS = ("outside", "on margin", "at bound")


def kkt_group(alpha, C):
    """The KKT group of each dual coefficient: "outside" (alpha = 0), "on margin" (0 < alpha < C)
    or "at bound" (alpha = C); alpha within 1e-8 * C of 0 or C counts as 0 or C."""
    alpha = np.asarray(alpha, dtype=float)
    tol = 1e-8 * C
    return np.where(alpha <= tol, "outside", np.where(alpha >= C - tol, "at bound", "on margin"))


def _q2_exact(alpha, C):
    alpha = np.asarray(alpha, dtype=float)
    return np.where(alpha == 0, "outside", np.where(alpha == C, "at bound", "on margin"))


def _q2_hard_margin(alpha, C):
    alpha = np.asarray(alpha, dtype=float)
    return np.where(alpha <= 1e-8 * C, "outside", "on margin")


def _q2_swapped(alpha, C):
    alpha = np.asarray(alpha, dtype=float)
    tol = 1e-8 * C
    return np.where(alpha <= tol, "outside", np.where(alpha >= C - tol, "on margin", "at bound"))


_Q2_DIAGNOSES = (
    (_q2_exact, "A solver's alpha is 0 or C only up to rounding (1e-13, or C (1 - 1e-12)); exact comparisons "
                "put those points in the wrong group. Compare with a tolerance: alpha <= 1e-8 * C counts as 0 "
                "and alpha >= C - 1e-8 * C as C."),
    (_q2_hard_margin, "Points with alpha = C are not on the margin: they are inside the band or on the wrong "
                      "side (y f <= 1). Only 0 < alpha < C puts a point exactly on the margin; 'every support "
                      "vector lies on the margin' is the hard-margin picture."),
    (_q2_swapped, "The groups 'on margin' and 'at bound' are swapped: alpha = C (the box's upper bound) is "
                  "'at bound', and 0 < alpha < C is 'on margin'."),
)


def _check_q2(answer):
    alpha = _Q2_ALPHA.copy()
    result = call_answer(answer, alpha, _Q2_C)
    n = alpha.size
    if np.ndim(result) == 0:
        raise Incorrect(f"return one group name per coefficient (an array of length {n}), not a single value.")
    groups = np.asarray(result)
    if groups.shape != (n,):
        raise Incorrect(f"return an array of shape ({n},), one group per coefficient; got shape {groups.shape}.")
    unknown = sorted({str(g) for g in groups.tolist()} - set(GROUPS))
    if unknown:
        raise Incorrect(f"unexpected group name(s) {unknown}; use exactly 'outside', 'on margin' and 'at bound'.")
    expected = kkt_group(alpha, _Q2_C)
    if np.array_equal(groups.astype(str), expected):
        return
    for wrong, message in _Q2_DIAGNOSES:
        if np.array_equal(groups.astype(str), wrong(alpha, _Q2_C)):
            raise Incorrect(message)
    i = int(np.flatnonzero(groups.astype(str) != expected)[0])
    raise Incorrect(f"alpha = {alpha[i]:.6g} with C = {_Q2_C:g} belongs to {expected[i]!r}, not {groups[i]!r}.")


q2 = Exercise(
    name="q2 KKT groups",
    checker=_check_q2,
    hint_text="Three cases: alpha = 0, 0 < alpha < C and alpha = C. A solver returns floats, so 'equal to 0' "
              "means alpha <= 1e-8 * C and 'equal to C' means alpha >= C - 1e-8 * C. np.where can be nested.",
    reference=kkt_group,
    mistakes={
        "exact comparisons": (_q2_exact, "tolerance"),
        "all support vectors on the margin": (_q2_hard_margin, "hard-margin"),
        "groups swapped": (_q2_swapped, "swapped"),
    },
)

EXERCISES = [q1, q2]
