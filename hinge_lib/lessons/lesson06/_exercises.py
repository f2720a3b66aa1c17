"""Exercises of lesson 06 (the squared hinge).

q1  interpret the derivative figure: the jump of each derivative at m = 1, and how much harder a point
    at m = -1 pushes than one at m = 0.5 (the lesson's table of numbers comes after it)
q2  predict, then run: which line moves more, hinge or squared hinge, for an outlier at distance 5 and
    at distance 100
q3  derive alpha_i = 2 C max(0, 1 - y_i f_i) for the squared hinge from its KKT conditions; checked on
    exact solutions (the lesson's derivation comes after it)
q4  transfer (optional): the gradient of J with the squared hinge for another margin Delta, checked
    against :func:`hinge_lib.svm_objective_and_grad`

Every expected answer is computed by the library (the loss kernels, the exact solver), not typed in.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from hinge_lib import hinge_loss_and_grad, make_two_class, solve_exact, svm_objective_and_grad
from hinge_lib.exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer, close_enough

from ._outliers import _outlier_point, outlier_sweep


def _unanswered(value):
    return value is None or value is Ellipsis


def _number(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise Incorrect(f"{what} should be a number; got {type(value).__name__} {value!r}.")
    return float(value)


# --------------------------------------------------------------------------- q1: read the derivative figure

Q1_KEYS = ("hinge jump at m = 1", "squared hinge jump at m = 1", "hinge push ratio", "squared hinge push ratio")


def _derivative(m, squared):
    """d loss / d f for a point of class +1 at margin m (so f = m), as the library computes it."""
    return float(hinge_loss_and_grad([m], [1.0], reduction="sum", squared=squared)[1][0])


@lru_cache(maxsize=1)
def _q1_expected():
    eps = 1e-9
    out = {}
    for name, squared in (("hinge", False), ("squared hinge", True)):
        out[f"{name} jump at m = 1"] = abs(_derivative(1 + eps, squared) - _derivative(1 - eps, squared))
        out[f"{name} push ratio"] = _derivative(-1.0, squared) / _derivative(0.5, squared)
    return {k: round(v, 6) for k, v in out.items()}


# read off the derivative panel (or from d/dm of max(0, 1 - m) and max(0, 1 - m)^2)
Q1_REFERENCE = {
    "hinge jump at m = 1": 1.0,           # -1 just below m = 1, 0 just above
    "squared hinge jump at m = 1": 0.0,   # -2 (1 - m) -> 0 from both sides: no jump
    "hinge push ratio": 1.0,              # -1 at m = -1 and -1 at m = 0.5
    "squared hinge push ratio": 4.0,      # -2 * 2 = -4 at m = -1, -2 * 0.5 = -1 at m = 0.5
}


def _check_q1(answer):
    if not isinstance(answer, dict):
        if _unanswered(answer):
            raise NotAttempted("replace each ... in q1_answer with a number, then run the cell again.")
        raise Incorrect(f"q1_answer should be the dict of the template, with a number for each key; got "
                        f"{type(answer).__name__}.")
    missing = [k for k in Q1_KEYS if k not in answer]
    if missing:
        raise Incorrect(f"q1_answer lacks the key(s) {missing}; keep the template's four keys.")
    if all(_unanswered(answer[k]) for k in Q1_KEYS):
        raise NotAttempted("replace each ... in q1_answer with a number, then run the cell again.")
    open_keys = [k for k in Q1_KEYS if _unanswered(answer[k])]
    if open_keys:
        raise Incorrect(f"give a number for every key; still open: {open_keys}.")
    got = {k: _number(answer[k], f"q1_answer[{k!r}]") for k in Q1_KEYS}
    want = _q1_expected()
    hj, sj = abs(got["hinge jump at m = 1"]), abs(got["squared hinge jump at m = 1"])  # -1 and 1 both say "by 1"
    hr, sr = got["hinge push ratio"], got["squared hinge push ratio"]
    if np.isclose(hr, 4.0) and np.isclose(sr, 16.0):
        raise Incorrect("those are ratios of the losses (2 / 0.5 and 4 / 0.25), not of their derivatives: the push "
                        "on the score is the slope of the loss, read off the right-hand panel.")
    if np.isclose(sr, 0.25):
        raise Incorrect("the squared hinge's ratio is upside down: divide the derivative at m = -1 by the one at "
                        "m = 0.5 (the deeper point pushes harder).")
    if np.isclose(sj, 2.0) or np.isclose(sj, 1.0):
        raise Incorrect("the squared hinge's derivative -2 max(0, 1 - m) tends to 0 from both sides of m = 1: it "
                        "does not jump there (its value at m = 0 is -2, but that is not a jump).")
    if np.isclose(hj, 0.0):
        raise Incorrect("the hinge's derivative does jump at m = 1: it is -1 just below the margin and 0 just above, "
                        "a jump of 1 (that is the kink of lesson 03).")
    if np.isclose(sr, 2.0) or np.isclose(sr, -2.0):
        raise Incorrect("the ratio of the squared hinge's derivatives is the ratio of the violations 1 - m, "
                        "(1 - (-1)) / (1 - 0.5) = 2 / 0.5, not the ratio of the margins.")
    if np.isclose(hr, -1.0) or np.isclose(sr, -4.0):
        raise Incorrect("both derivatives are negative, so their ratio is positive.")
    for key, value in (("hinge jump at m = 1", hj), ("squared hinge jump at m = 1", sj),
                       ("hinge push ratio", hr), ("squared hinge push ratio", sr)):
        close_enough(value, want[key], f"q1_answer[{key!r}]", rtol=1e-3, atol=1e-3)


q1 = Exercise(
    name="q1 read the derivative figure",
    checker=_check_q1,
    hint_text="In the right-hand panel, look just left and just right of the dotted line m = 1 for each loss, then "
              "read each derivative at m = -1 and at m = 0.5. A 'push ratio' is derivative(-1) / derivative(0.5).",
    reference=Q1_REFERENCE,
    mistakes={
        "ratios of the losses": ({"hinge jump at m = 1": 1, "squared hinge jump at m = 1": 0, "hinge push ratio": 4,
                                  "squared hinge push ratio": 16}, "ratios of the losses"),
        "ratio upside down": ({"hinge jump at m = 1": 1, "squared hinge jump at m = 1": 0, "hinge push ratio": 1,
                               "squared hinge push ratio": 0.25}, "upside down"),
        "squared hinge jumps": ({"hinge jump at m = 1": 1, "squared hinge jump at m = 1": 2, "hinge push ratio": 1,
                                 "squared hinge push ratio": 4}, "does not jump"),
        "hinge does not jump": ({"hinge jump at m = 1": 0, "squared hinge jump at m = 1": 0, "hinge push ratio": 1,
                                 "squared hinge push ratio": 4}, "does jump"),
        "ratio of the margins": ({"hinge jump at m = 1": 1, "squared hinge jump at m = 1": 0, "hinge push ratio": 1,
                                  "squared hinge push ratio": 2}, "ratio of the violations"),
        "negative ratio": ({"hinge jump at m = 1": 1, "squared hinge jump at m = 1": 0, "hinge push ratio": -1,
                            "squared hinge push ratio": -4}, "ratio is positive"),
    },
    solution_text='q1_answer = {\n    "hinge jump at m = 1": 1,          # -1 just below the margin, 0 just above\n'
                  '    "squared hinge jump at m = 1": 0,  # -2 (1 - m) -> 0 from both sides\n'
                  '    "hinge push ratio": 1,             # -1 / -1: every violator pushes alike\n'
                  '    "squared hinge push ratio": 4,     # -4 / -1: the violations 2 and 0.5\n}',
)

# --------------------------------------------------------------------------- q2: predict, then run

Q2_DISTANCES = (5, 100)
Q2_OPTIONS = ("hinge", "squared hinge", "about the same")
SAME_WITHIN = 0.10  # "about the same": the two shifts within 10 % of the larger


@lru_cache(maxsize=1)
def _q2_shifts():
    X, y = make_two_class(n_per_class=30, seed=0)
    sweep = outlier_sweep(X, y, [float(d) for d in Q2_DISTANCES])
    return {d: (float(sweep["hinge"]["shift"][k]), float(sweep["squared hinge"]["shift"][k]))
            for k, d in enumerate(Q2_DISTANCES)}


def _q2_accepted(d):
    """The answers that are right at distance d: the loss whose line moved further, and 'about the same'
    when the two moves are within 10 % of each other (then either is accepted)."""
    hinge, squared = _q2_shifts()[d]
    accepted = {"hinge" if hinge > squared else "squared hinge"}
    if abs(hinge - squared) <= SAME_WITHIN * max(hinge, squared):
        accepted.add("about the same")
    return accepted


def _option(value, d):
    if not isinstance(value, str):
        raise Incorrect(f"the answer for distance {d} should be one of {list(Q2_OPTIONS)} (a string); got {value!r}.")
    text = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
    aliases = {"squared": "squared hinge", "squared hinge": "squared hinge", "hinge": "hinge", "same": "about the same",
               "about the same": "about the same", "equal": "about the same", "both": "about the same"}
    if text not in aliases:
        raise Incorrect(f"the answer for distance {d} should be one of {list(Q2_OPTIONS)}; got {value!r}.")
    return aliases[text]


def _check_q2(answer):
    if _unanswered(answer) or (isinstance(answer, dict) and all(_unanswered(answer.get(d)) for d in Q2_DISTANCES)):
        raise NotAttempted("write your prediction for each distance in q2_prediction, then run the cell again.")
    if not isinstance(answer, dict) or set(answer) != set(Q2_DISTANCES):
        raise Incorrect(f"q2_prediction should be a dict with the keys {list(Q2_DISTANCES)}, as in the template.")
    if any(_unanswered(answer[d]) for d in Q2_DISTANCES):
        raise Incorrect("give a prediction for both distances.")
    near, far = _option(answer[5], 5), _option(answer[100], 100)
    if near not in _q2_accepted(5):
        if near == "hinge":
            raise Incorrect("at distance 5 the hinge gives the outlier the same alpha as any other misclassified "
                            "point (alpha is capped at C), while the squared hinge's alpha grows with the violation: "
                            "which line should it pull harder? Run the next cell and compare the shifts.")
        raise Incorrect("at distance 5 the two losses treat the outlier very differently (the hinge caps its alpha "
                        "at C, the squared hinge does not); run the next cell and compare the shifts.")
    if far not in _q2_accepted(100):
        raise Incorrect("at distance 5 you are right; at distance 100, remember that capping alpha caps the slope of "
                        "the loss, not the pull of the point on w, which is alpha y x and grows with ||x||. Run the "
                        "next cell and look at the outlier's y f under the hinge.")


q2 = Exercise(
    name="q2 predict: which line moves more",
    checker=_check_q2,
    hint_text="A point pulls on w by alpha_i y_i x_i (lesson 05: w = sum_i alpha_i y_i x_i). At distance 5 compare "
              "the two alphas; at distance 100 ask what a capped alpha times a very long x gives.",
    reference={5: "squared hinge", 100: "about the same"},
    mistakes={
        "hinge at 5": ({5: "hinge", 100: "about the same"}, "capped at C"),
        "same at 5": ({5: "about the same", 100: "hinge"}, "very differently"),
        "cap protects at 100": ({5: "squared hinge", 100: "squared hinge"}, "not the pull"),
    },
    solution_text='q2_prediction = {5: "squared hinge", 100: "about the same"}   # on this data set the hinge '
                  'line moves a little further at 100, so "hinge" is accepted there too',
)

# --------------------------------------------------------------------------- q3: derive alpha for the squared hinge


def squared_hinge_alpha(margins, C):
    """alpha_i = 2 C xi_i with xi_i = max(0, 1 - y_i f_i): the stationarity dL/dxi_i = 2 C xi_i - alpha_i = 0."""
    return 2.0 * C * np.maximum(0.0, 1.0 - np.asarray(margins, dtype=float))


@lru_cache(maxsize=1)
def _q3_problems():
    """(margins y f, C, alpha) of exact squared-hinge solutions: the seed data with the outlier at d = 5, and a
    3-D problem with another lambda. Both have points beyond, on the margin side of, and inside the band."""
    problems = []
    X, y = make_two_class(n_per_class=30, seed=0)
    X, y = np.vstack([X, _outlier_point(5.0)]), np.append(y, 1.0)
    rng = np.random.default_rng(6)
    X3 = rng.normal(size=(40, 3))
    y3 = np.where(X3 @ np.array([1.0, -2.0, 0.5]) + 0.8 * rng.normal(size=40) > 0, 1.0, -1.0)
    for XX, yy, lam in ((X, y, 0.01), (X3, y3, 0.05)):
        sol = solve_exact(XX, yy, lam, loss="squared_hinge")
        margins = yy * (XX @ sol.coef + sol.intercept)
        problems.append((margins, 1.0 / (lam * len(yy)), sol.alpha))
    return tuple(problems)


def _q3_slack(m):
    return np.maximum(0.0, 1.0 - np.asarray(m, dtype=float))


# (typical wrong answer, what its feedback says), each a function of (margins, C) like the answer
Q3_MISTAKES = {
    "forgot the 2": (lambda m, C: C * _q3_slack(m),
                     "the factor 2 is missing: the derivative of C xi^2 with respect to xi is 2 C xi."),
    "no max": (lambda m, C: 2.0 * C * (1.0 - np.asarray(m, dtype=float)),
               "you dropped the max(0, .): points beyond the margin (y f > 1) get a negative alpha, but alpha >= 0, "
               "and complementary slackness makes alpha_i = 0 there."),
    "hinge rule": (lambda m, C: np.where(np.asarray(m) < 1.0, C, 0.0),
                   "that is the hinge's rule (alpha = C for every point inside the band or misclassified). The "
                   "squared hinge has no cap: its stationarity condition ties alpha to the violation xi."),
    "upside down": (lambda m, C: _q3_slack(m) / (2.0 * C),
                    "upside down: stationarity in xi_i gives alpha_i = 2 C xi_i, not xi_i / (2 C)."),
    "squared slack": (lambda m, C: 2.0 * C * _q3_slack(m) ** 2,
                      "you squared the violation: the derivative of C xi^2 is 2 C xi, linear in xi."),
}


def _check_q3(answer):
    for margins, C, alpha in _q3_problems():
        result = call_answer(answer, margins.copy(), C)
        try:
            got = np.asarray(result, dtype=np.float64)
        except (TypeError, ValueError):
            raise Incorrect(f"return one alpha per point (an array); got {type(result).__name__}.") from None
        if got.shape != margins.shape:
            raise Incorrect(f"return one alpha per point: an array of shape {margins.shape}; got shape {got.shape}.")
        if np.allclose(got, alpha, rtol=1e-6, atol=1e-7 * C):
            continue
        for wrong, message in Q3_MISTAKES.values():
            if np.allclose(got, wrong(margins, C), rtol=1e-9, atol=1e-12):
                raise Incorrect(message)
        close_enough(got, alpha, f"alpha on an exact solution with C = {C:.4g}", rtol=1e-6, atol=1e-7 * C)


q3 = Exercise(
    name="q3 derive alpha for the squared hinge",
    checker=_check_q3,
    hint_text="Write the Lagrangian L = (1/2)||w||^2 + C sum_i xi_i^2 - sum_i alpha_i (y_i f_i - 1 + xi_i) with "
              "alpha_i >= 0, and set dL/dxi_i = 0. Then use complementary slackness, alpha_i (y_i f_i - 1 + xi_i) = 0: "
              "where alpha_i > 0, xi_i = 1 - y_i f_i.",
    reference=squared_hinge_alpha,
    mistakes={label: (wrong, message.split(":")[0]) for label, (wrong, message) in Q3_MISTAKES.items()},
)

# --------------------------------------------------------------------------- q4: transfer to another margin


def squared_hinge_gradient(X, y, w, b, reg_strength, margin):
    """Gradient of J = (lambda/2)||w||^2 + mean_i max(0, margin - y_i f_i)^2 with respect to w and b."""
    slack = np.maximum(0.0, margin - y * (X @ w + b))  # zero for the points that meet the margin
    dscore = -2.0 * y * slack / len(y)                  # d(mean loss) / d f_i
    return reg_strength * w + X.T @ dscore, dscore.sum()


def _q4_wrong(*, use_margin=True, factor=2.0, mean=True, reg_w=True, reg_b=False, sign=-1.0, hinge=False):
    """A gradient with one typical slip, with the answer's signature."""
    def gradient(X, y, w, b, reg_strength, margin):
        slack = np.maximum(0.0, (margin if use_margin else 1.0) - y * (X @ w + b))
        push = (slack > 0).astype(float) if hinge else factor * slack
        dscore = sign * y * push / (len(y) if mean else 1.0)
        grad_w = (reg_strength * w if reg_w else 0.0 * w) + X.T @ dscore
        return grad_w, dscore.sum() + (reg_strength * b if reg_b else 0.0)
    return gradient


Q4_MISTAKES = {
    "margin 1": (_q4_wrong(use_margin=False), "you used the margin 1; the loss here is max(0, Delta - y f)^2 with "
                                              "the margin Delta passed in."),
    "factor 2": (_q4_wrong(factor=1.0), "the factor 2 is missing: d/df max(0, Delta - y f)^2 = "
                                        "-2 y max(0, Delta - y f)."),
    "no lambda w": (_q4_wrong(reg_w=False), "you forgot the regularisation gradient lambda w."),
    "regularised b": (_q4_wrong(reg_b=True), "you regularised the bias: J penalises ||w||^2 only, so dJ/db has no "
                                             "lambda b."),
    "sum": (_q4_wrong(mean=False), "you summed over the points instead of taking the mean: divide by N."),
    "sign": (_q4_wrong(sign=1.0), "sign error: raising the score of a violating point of class +1 lowers its loss, so "
                                  "d loss / d f = -2 y max(0, Delta - y f)."),
    "hinge gradient": (_q4_wrong(hinge=True), "that is the hinge's gradient (-y for every violator); the squared "
                                              "hinge's scales with the violation."),
}


@lru_cache(maxsize=1)
def _q4_problems():
    """Two problems whose margins Delta (2 and 0.5) put points on both sides of Delta and of 1."""
    rng = np.random.default_rng(11)
    X = rng.normal(size=(25, 3))
    y = np.where(rng.random(25) < 0.5, -1.0, 1.0)
    w, b = np.array([0.8, -0.5, 0.3]), 0.2
    return tuple((X, y, w, b, lam, delta) for lam, delta in ((0.1, 2.0), (0.03, 0.5)))


def _as_gradient(result, w):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise Incorrect("return the pair (grad_w, grad_b), e.g. `return grad_w, grad_b`.")
    try:
        gw, gb = np.asarray(result[0], dtype=np.float64), np.asarray(result[1], dtype=np.float64)
    except (TypeError, ValueError):
        raise Incorrect("grad_w and grad_b should be numbers (an array shaped like w, and one number).") from None
    if gw.size != w.size or gb.size != 1:
        raise Incorrect(f"grad_w should have {w.size} entries (one per weight) and grad_b one; got sizes {gw.size} "
                        f"and {gb.size}.")
    return gw.reshape(w.shape), float(gb.ravel()[0])


def _same(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


def _check_q4(answer):
    for X, y, w, b, lam, delta in _q4_problems():
        gw, gb = _as_gradient(call_answer(answer, X.copy(), y.copy(), w.copy(), b, lam, delta), w)
        _, want_w, want_b = svm_objective_and_grad(X, y, w, b, lam, loss="squared_hinge", margin=delta)
        if _same(gw, want_w) and _same(gb, want_b):
            continue
        for wrong, message in Q4_MISTAKES.values():
            wrong_w, wrong_b = wrong(X, y, w, b, lam, delta)
            if _same(gw, wrong_w) and _same(gb, wrong_b):
                raise Incorrect(message)
        close_enough(np.append(gw, gb), np.append(want_w, want_b),
                     f"with lambda = {lam} and margin Delta = {delta}, (grad_w, grad_b)")


q4 = Exercise(
    name="q4 transfer: the gradient for another margin",
    checker=_check_q4,
    hint_text="Chain rule: d/df_i max(0, Delta - y_i f_i)^2 = -2 y_i max(0, Delta - y_i f_i), then df_i/dw = x_i and "
              "df_i/db = 1; average over the N points and add lambda w to the w part only.",
    reference=squared_hinge_gradient,
    mistakes={label: (wrong, message.split(":")[0]) for label, (wrong, message) in Q4_MISTAKES.items()},
)

exercises = Exercises(q1, q2, q3, q4)
