"""The exercises of lesson 05.

q1 (transfer): the KKT groups of a gradient-descent solution, which has no alpha, from its margins.
q2 (predict, then run): does the exact line move when three named points are moved?
q3 (derive): the change of the on-margin alphas that keeps the line when another point's pull changes.
"""

from __future__ import annotations

import numpy as np

from ...exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer, close_enough

GROUP_NAMES = ("outside", "on margin", "at bound")

# --------------------------------------------------------------------------- q1: KKT groups from margins

# Margins a solver that is close to, not at, the optimum might produce. Each typical mistake gets one
# of them wrong: 1.0004 and 0.9996 are within tol of 1 on either side, 1.003 and 0.996 are not.
_Q1_MARGINS = np.array([2.0, 1.0004, 0.9996, 0.5, -1.0, 1.003, 0.996, 1.5, 1.0, 0.99999])
_Q1_TOL = 1e-3


def kkt_groups_from_margins(margins, tol):
    """The KKT group of each point from its margin y f alone: within ``tol`` of 1 counts as on the margin."""
    margins = np.asarray(margins, dtype=float)
    return np.where(np.abs(margins - 1) <= tol, "on margin", np.where(margins > 1, "outside", "at bound"))


def _q1_no_tolerance(margins, tol):
    margins = np.asarray(margins, dtype=float)
    return np.where(margins == 1, "on margin", np.where(margins > 1, "outside", "at bound"))


def _q1_swapped(margins, tol):
    margins = np.asarray(margins, dtype=float)
    return np.where(np.abs(margins - 1) <= tol, "on margin", np.where(margins > 1, "at bound", "outside"))


def _q1_below_only(margins, tol):
    margins = np.asarray(margins, dtype=float)
    return np.where((margins <= 1) & (margins >= 1 - tol), "on margin", np.where(margins > 1, "outside", "at bound"))


def _q1_above_only(margins, tol):
    margins = np.asarray(margins, dtype=float)
    return np.where((margins >= 1) & (margins <= 1 + tol), "on margin", np.where(margins > 1, "outside", "at bound"))


_Q1_DIAGNOSES = (
    (_q1_no_tolerance, "your function ignores `tol`: only a margin of exactly 1.0 lands on the margin. Gradient "
                       "descent never lands exactly on 1 (it ends near the optimum, not at it), so without a "
                       "tolerance the on-margin group is empty and its points fall on either side by chance. "
                       "Count |y f - 1| <= tol as on the margin."),
    (_q1_swapped, "'outside' and 'at bound' are swapped. alpha = 0 goes with y f >= 1 (on or beyond the margin: "
                  "'outside'); alpha = C goes with y f <= 1 (inside the band or misclassified: 'at bound')."),
    (_q1_below_only, "a margin just above 1 (y f = 1.0004) is within tol of 1 too: an iterate near the optimum "
                     "leaves an on-margin point slightly inside *or* slightly beyond its margin line. Use "
                     "|y f - 1| <= tol."),
    (_q1_above_only, "a margin just below 1 (y f = 0.9996) is within tol of 1 too: an iterate near the optimum "
                     "leaves an on-margin point slightly inside *or* slightly beyond its margin line. Use "
                     "|y f - 1| <= tol."),
)


def _as_group_names(result, n):
    if isinstance(result, str) or np.ndim(result) == 0:
        raise Incorrect(f"return one group name per point (an array of {n} strings), not a single value.")
    groups = np.asarray(result)
    if groups.shape != (n,):
        raise Incorrect(f"return an array of shape ({n},), one group name per point; got shape {groups.shape}.")
    names = [str(g) for g in groups.tolist()]
    unknown = sorted(set(names) - set(GROUP_NAMES))
    if unknown:
        raise Incorrect(f"unexpected group name(s) {unknown}; use exactly 'outside', 'on margin' and 'at bound'.")
    return np.array(names)


def _check_q1(answer):
    margins = _Q1_MARGINS.copy()
    groups = _as_group_names(call_answer(answer, margins.copy(), _Q1_TOL), margins.size)
    expected = kkt_groups_from_margins(margins, _Q1_TOL)
    if np.array_equal(groups, expected):
        return
    for wrong, message in _Q1_DIAGNOSES:
        if np.array_equal(groups, wrong(margins, _Q1_TOL)):
            raise Incorrect(message)
    i = int(np.flatnonzero(groups != expected)[0])
    raise Incorrect(f"a point with margin y f = {margins[i]:.6g} (tol = {_Q1_TOL:g}) belongs to {expected[i]!r}, "
                    f"not {groups[i]!r}.")


q1 = Exercise(
    name="q1 KKT groups of a gradient-descent solution",
    checker=_check_q1,
    hint_text="Read the KKT table backwards: y f > 1 forces alpha = 0 ('outside'), y f < 1 forces alpha = C "
              "('at bound'), and only y f = 1 allows 0 < alpha < C ('on margin'). 'Equal to 1' has to mean "
              "|y f - 1| <= tol here. np.where can be nested.",
    reference=kkt_groups_from_margins,
    mistakes={
        "ignored the tolerance": (_q1_no_tolerance, "ignores `tol`"),
        "groups swapped": (_q1_swapped, "swapped"),
        "tolerance below 1 only": (_q1_below_only, "just above 1"),
        "tolerance above 1 only": (_q1_above_only, "just below 1"),
    },
)

# --------------------------------------------------------------------------- q2: predict, then run

# The three moves of the lesson (section 6): point, its KKT group, and the margin y f it is moved to at the
# old line, straight along the line's normal. Their outcomes are computed by the lesson right after the
# exercise (and by the tests): A stays, B moves, C stays.
MOVES = {"A": (3, 3.0), "B": (16, 2.0), "C": (0, -0.5)}
_Q2_TRUTH = {"A": False, "B": True, "C": False}
_Q2_WHY = {
    "A": "A (point 3, alpha = 0, moved further out): its alpha is 0 before and after and it stays beyond its "
         "margin line, so the old line still meets every KKT condition: it cannot move.",
    "B": "B (point 16, alpha = C, moved out of the band): its alpha drops from C to 0, so its pull C y x on w "
         "disappears. The line stays only if the on-margin points can take that pull over with their alphas "
         "in [0, C]; here they cannot, so the line moves. A point need not *become* a support vector to move "
         "the line: a support vector *leaving* moves it too.",
    "C": "C (point 0, alpha = 0, moved across the line): it becomes a support vector (alpha = C), and yet the "
         "line stays: the on-margin points absorb its new pull by rebalancing their alphas inside [0, C]. "
         "Becoming a support vector is not enough to move the line.",
}


def _as_predictions(answer):
    if answer is None or answer is Ellipsis:
        raise NotAttempted("fill in your three predictions (True: the line moves, False: it stays), then run the cell.")
    if isinstance(answer, dict):
        missing = sorted(set(_Q2_TRUTH) - set(answer))
        if missing:
            raise Incorrect(f"give a prediction for each of the moves A, B and C; missing: {missing}.")
        values = [answer[k] for k in _Q2_TRUTH]
    elif isinstance(answer, (list, tuple)) and len(answer) == 3:
        values = list(answer)
    else:
        raise Incorrect("answer with a dict {'A': ..., 'B': ..., 'C': ...} (or a tuple of three) of True/False.")
    if any(v is None or v is Ellipsis for v in values):
        raise NotAttempted("replace every `...` with True (the line moves) or False (it stays).")
    if not all(isinstance(v, (bool, np.bool_)) for v in values):
        raise Incorrect(f"each prediction must be True (the line moves) or False (it stays); got {values}.")
    return dict(zip(_Q2_TRUTH, (bool(v) for v in values)))


def _check_q2(answer):
    predictions = _as_predictions(answer)
    wrong = [k for k in _Q2_TRUTH if predictions[k] != _Q2_TRUTH[k]]
    if wrong:
        raise Incorrect(f"{len(wrong)} of 3 predictions differ from what the solver finds (run the next cell "
                        "to see it). " + " ".join(_Q2_WHY[k] for k in wrong))


q2 = Exercise(
    name="q2 does the line move?",
    checker=_check_q2,
    hint_text="If a point has alpha = 0 before and after the move, the old line still meets every KKT condition. "
              "Otherwise its pull alpha y x on w changes, and the line stays only if the on-margin points can "
              "cancel that change with their alphas still in [0, C].",
    reference=dict(_Q2_TRUTH),
    mistakes={
        "old rule: only becoming a support vector moves the line": (
            {"A": False, "B": False, "C": True}, "*leaving* moves it too"),
        "every support-vector change moves the line": ({"A": False, "B": True, "C": True}, "not enough"),
        "a leaving support vector changes nothing": ({"A": False, "B": False, "C": False}, "*leaving* moves it too"),
        "any move moves the line": ({"A": True, "B": True, "C": True}, "cannot move"),
    },
    solution_text="will_move = {'A': False, 'B': True, 'C': False}\n\n" + "\n".join(_Q2_WHY.values()),
)

# --------------------------------------------------------------------------- q3: derive the absorption

_Q3_CASES = (
    (np.array([[0.5, 1.0], [-1.0, 0.2], [1.5, -0.7]]), np.array([1.0, -1.0, 1.0]), np.array([0.3, -0.4]), -0.2),
    (np.array([[1.0, 0.0, 0.5], [0.0, 1.0, -0.5], [-1.0, 0.5, 0.0], [0.2, -0.3, 1.0]]), np.array([1.0, 1.0, -1.0, -1.0]),
     np.array([-0.6, 0.1, 0.25]), 0.5),
)


def margin_alpha_change(X_P, y_P, delta_w, delta_s):
    """The change d of the on-margin alphas that cancels a change (delta_w, delta_s) of another point's pull."""
    A = np.vstack([(y_P[:, None] * X_P).T, y_P])  # column i: y_i (x_i, 1)
    return np.linalg.solve(A, -np.append(delta_w, delta_s))


def _q3_sign(X_P, y_P, delta_w, delta_s):
    return -margin_alpha_change(X_P, y_P, delta_w, delta_s)


def _q3_no_labels(X_P, y_P, delta_w, delta_s):
    A = np.vstack([X_P.T, np.ones(len(y_P))])
    return np.linalg.solve(A, -np.append(delta_w, delta_s))


def _q3_no_bias_row(X_P, y_P, delta_w, delta_s):
    return np.linalg.lstsq((y_P[:, None] * X_P).T, -np.asarray(delta_w), rcond=None)[0]


def _q3_transposed(X_P, y_P, delta_w, delta_s):
    A = np.vstack([(y_P[:, None] * X_P).T, y_P])
    return np.linalg.solve(A.T, -np.append(delta_w, delta_s))


_Q3_DIAGNOSES = (
    (_q3_sign, "the sign is flipped: the on-margin points must *cancel* the change, so their terms change by "
               "minus (delta_w, delta_s)."),
    (_q3_no_labels, "the labels are missing: point i enters w = sum alpha_i y_i x_i and sum alpha_i y_i = 0 "
                    "through y_i x_i and y_i, so column i of the system is y_i (x_i, 1), not (x_i, 1)."),
    (_q3_no_bias_row, "one equation is missing: besides w, the change must keep sum_i alpha_i y_i = 0 (the "
                      "condition that comes from the free bias b). D + 1 unknowns need D + 1 equations."),
    (_q3_transposed, "the system is transposed: each on-margin point is one *unknown* (one column, y_i (x_i, 1)); "
                     "each coordinate of w, plus sum alpha_i y_i, is one *equation* (one row)."),
)


def _check_q3(answer):
    for X_P, y_P, delta_w, delta_s in _Q3_CASES:
        args = (X_P.copy(), y_P.copy(), delta_w.copy(), delta_s)
        result = call_answer(answer, *args)
        expected = margin_alpha_change(*args)
        try:
            close_enough(result, expected, "the change of the on-margin alphas", rtol=1e-8, atol=1e-10)
        except Incorrect:
            got = np.asarray(result, dtype=float) if np.shape(result) == expected.shape else None
            for wrong, message in _Q3_DIAGNOSES:
                if got is not None and np.allclose(got, wrong(*args), rtol=1e-8, atol=1e-10):
                    raise Incorrect(message) from None
            raise


q3 = Exercise(
    name="q3 on-margin points absorb a pull",
    checker=_check_q3,
    hint_text="Keep w and b fixed. Every point off the margin keeps its margin, so its alpha is forced (0 or C); "
              "only the on-margin alphas can change, by d. They must undo the change of the other point's terms "
              "in w = sum alpha_i y_i x_i and in sum alpha_i y_i = 0: sum_i d_i y_i x_i = -delta_w and "
              "sum_i d_i y_i = -delta_s. Stack those D + 1 equations and use np.linalg.solve.",
    reference=margin_alpha_change,
    mistakes={
        "sign flipped": (_q3_sign, "sign is flipped"),
        "labels missing": (_q3_no_labels, "labels are missing"),
        "no equation for the bias": (_q3_no_bias_row, "one equation is missing"),
        "transposed system": (_q3_transposed, "transposed"),
    },
)

exercises = Exercises(q1, q2, q3)
