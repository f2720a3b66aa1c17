"""Exercises of lesson 07 (multi-class hinge).

q1  predict, then run: the Weston-Watkins and Crammer-Singer losses of one sample, by hand
q2  derive: the gradient of the mean Crammer-Singer loss with respect to the score matrix, after
    the lesson has derived Weston-Watkins's (the lesson's own version comes after it)
q3  predict, then run: does one-vs-rest find more or fewer of the middle class at lambda = 0.001
    than at lambda = 0.1?
q4  transfer: a margin of 2 instead of 1; which lambda with margin 1 trains the same classifier,
    and how much larger are the weights?

The expected answers are computed by the library (q1, q2) or measured on the lesson's data (q3);
q4's is derived in the lesson after the exercise and checked there and in the tests.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from hinge_lib import OneVsRestSVM, make_three_class, multiclass_hinge_loss, multiclass_hinge_loss_and_grad
from hinge_lib.exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer, close_enough

Q1_SCORES, Q1_TRUE = (0.5, 1.2, -0.3, 1.0), 1  # class 1 wins, but two rivals come within the margin
THREE_CLASS_SEED = 1  # the toy data of section 3: make_three_class(seed=1)
Q3_LAMBDAS = (0.1, 0.001)  # shown, then predicted
Q4_MARGIN, Q4_LAMBDA = 2.0, 0.05


def _unanswered(value):
    return value is None or value is Ellipsis


def _number(value, what):
    if isinstance(value, (bool, np.bool_)) or np.ndim(value) != 0:
        raise Incorrect(f"{what} should be one number; got {value!r}.")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should be a number; got {type(value).__name__}.") from None


def _pair(answer, names, template):
    """The learner's two numbers, or NotAttempted / Incorrect with what to write."""
    if _unanswered(answer) or (isinstance(answer, (tuple, list)) and all(_unanswered(a) for a in answer)):
        raise NotAttempted(f"set {names[0]} and {names[1]} to your numbers, then run the cell again.")
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Incorrect(f"pass the two numbers together: {template}.")
    for name, value in zip(names, answer):
        if _unanswered(value):
            raise NotAttempted(f"{name} is still `...`: answer both before you check.")
    return tuple(_number(value, name) for name, value in zip(names, answer))


def _same(a, b):
    return abs(a - b) <= 1e-6


# --------------------------------------------------------------------------- q1: predict both losses


def _q1_gaps(include_true=False, margin=1.0):
    s = np.array(Q1_SCORES)
    gaps = s - s[Q1_TRUE] + margin
    return gaps if include_true else np.delete(gaps, Q1_TRUE)


def _q1_truth():
    s = [Q1_SCORES]
    return (multiclass_hinge_loss(s, [Q1_TRUE], kind="weston_watkins"),
            multiclass_hinge_loss(s, [Q1_TRUE], kind="crammer_singer"))


def _q1_mistakes():
    """(value, feedback) of each typical slip, for each loss; computed from the sample, not typed in."""
    ww, cs = _q1_truth()
    gaps = _q1_gaps()
    ww_wrong = [
        (np.maximum(0, _q1_gaps(include_true=True)).sum(),
         "Weston-Watkins: you included the true class. Its own gap is s_c - s_c + 1 = 1, which adds the margin "
         "to every loss; sum over the wrong classes k != c only."),
        (gaps.sum(), "Weston-Watkins: you forgot max(0, .). Class 2 sits 1.5 below the true score, so its "
                     "gap is -0.5 and it costs 0, not -0.5."),
        (ww / len(Q1_SCORES), "Weston-Watkins: you divided by the number of classes C = 4; that is what "
                              "torch.nn.MultiMarginLoss reports (section 5), not the loss itself."),
        (np.maximum(0, _q1_gaps(margin=0.0)).sum(), "Weston-Watkins: you left out the margin. A rival costs "
                                                   "max(0, s_k - s_c + 1): it must stay 1 below the true score, "
                                                   "not merely below it."),
        (cs, "Weston-Watkins: that is the largest single gap, Crammer-Singer's loss. Weston-Watkins adds up "
             "every positive gap."),
    ]
    cs_wrong = [
        (np.maximum(0, _q1_gaps(include_true=True)).max(),
         "Crammer-Singer: you let the true class compete in the max. Its gap is always the margin, 1, so the "
         "loss could never fall below 1; take the max over the wrong classes only."),
        (ww, "Crammer-Singer: that is the sum of the positive gaps, Weston-Watkins's loss. Crammer-Singer keeps "
             "only the largest gap."),
        (max(0.0, _q1_gaps(margin=0.0).max()), "Crammer-Singer: you left out the margin: the worst rival "
                                              "costs max(0, 1 + s_k - s_c)."),
    ]
    return ww_wrong, cs_wrong


def _check_q1(answer):
    ww_got, cs_got = _pair(answer, ("ww", "cs"), "ex.q1.check((ww, cs))")
    ww, cs = _q1_truth()
    if _same(ww_got, ww) and _same(cs_got, cs):
        return
    if _same(ww_got, cs) and _same(cs_got, ww):
        raise Incorrect("you swapped the two: Weston-Watkins sums the positive gaps, Crammer-Singer keeps the "
                        "largest one, so Weston-Watkins is never the smaller of the two.")
    ww_wrong, cs_wrong = _q1_mistakes()
    reasons = []
    for got, want, wrong, name in ((ww_got, ww, ww_wrong, "Weston-Watkins"), (cs_got, cs, cs_wrong, "Crammer-Singer")):
        if _same(got, want):
            continue
        known = [message for value, message in wrong if _same(got, value)]
        reasons.append(known[0] if known else
                       f"{name}: {got:g} is not it. Write the gap s_k - s_c + 1 of each wrong class k first "
                       "(three numbers), then combine them.")
    raise Incorrect(" ".join(reasons))


q1 = Exercise(
    name="q1 predict both losses",
    checker=_check_q1,
    hint_text="The true class is 1 (score 1.2). For each other class k write its gap s_k - 1.2 + 1: three numbers. "
              "Weston-Watkins adds the positive ones; Crammer-Singer keeps the largest (or 0 if none is positive).",
    reference=(1.1, 0.8),
    mistakes={
        "included the true class": ((2.1, 0.8), "included the true class"),
        "forgot max(0, .)": ((0.6, 0.8), "forgot max(0, .)"),
        "divided by C": ((0.275, 0.8), "divided by the number of classes"),
        "forgot the margin": ((0.0, 0.0), "left out the margin"),
        "true class in the max": ((1.1, 1.0), "let the true class compete"),
        "swapped": ((0.8, 1.1), "swapped the two"),
    },
    solution_text="ww, cs = 1.1, 0.8\n"
                  "# gaps s_k - s_c + 1 with s_c = 1.2: class 0: 0.3, class 2: -0.5 (costs 0), class 3: 0.8\n"
                  "# Weston-Watkins = 0.3 + 0 + 0.8 = 1.1; Crammer-Singer = the largest, 0.8",
)


# --------------------------------------------------------------------------- q2: derive the Crammer-Singer gradient


def cs_grad(scores, y, margin=1.0):
    """Gradient of the mean Crammer-Singer loss with respect to the score matrix (N, C)."""
    S = np.asarray(scores, dtype=float)
    N, rows = S.shape[0], np.arange(S.shape[0])
    gaps = S - S[rows, y][:, None] + margin
    gaps[rows, y] = -np.inf  # the true class is not its own rival
    worst = gaps.argmax(axis=1)  # the one rival Crammer-Singer charges
    active = gaps[rows, worst] > 0  # the sample's loss is > 0
    G = np.zeros_like(S)
    G[rows[active], worst[active]] = 1.0  # d/ds_worst of (s_worst - s_c + margin)
    G[rows[active], y[active]] = -1.0  # d/ds_c
    return G / N


@lru_cache(maxsize=1)
def _q2_cases():
    """Score matrices with active and inactive samples, true classes that win, lose or win by too little."""
    rng = np.random.default_rng(7)
    cases = []
    for n, c, margin in ((8, 3, 1.0), (12, 5, 1.0), (7, 4, 0.5)):
        S = rng.normal(scale=1.5, size=(n, c))
        y = rng.integers(0, c, size=n)
        S[0, y[0]] = S[0].max() + 3.0  # a sample that meets the margin: no gradient at all
        S[1, y[1]] = np.delete(S[1], y[1]).max() + 0.3 * margin  # wins, by less than the margin
        cases.append((S, y, margin))
    return tuple(cases)


def _cs_variant(S, y, margin, *, rival="wrong", true_entry="minus one", check_active=True, divide=True,
                assign=True):
    rows = np.arange(S.shape[0])
    gaps = S - S[rows, y][:, None] + margin
    if rival == "wrong":
        gaps[rows, y] = -np.inf
    worst = gaps.argmax(axis=1)  # with rival="any" the true class itself can be the "worst"
    active = gaps[rows, worst] > 0 if check_active else np.ones(S.shape[0], dtype=bool)
    G = np.zeros_like(S)
    r, w, t = rows[active], worst[active], y[active]
    if assign:
        G[r, w] = 1.0
    else:
        np.add.at(G, (r, w), 1.0)
    if true_entry == "minus one":
        if assign:
            G[r, t] = -1.0
        else:
            np.add.at(G, (r, t), -1.0)
    elif true_entry == "minus count":
        wrong_gaps = np.where(np.arange(S.shape[1]) == y[:, None], -np.inf, S - S[rows, y][:, None] + margin)
        G[r, t] = -(wrong_gaps[r] > 0).sum(axis=1)
    return G / S.shape[0] if divide else G


def _q2_mistakes(S, y, margin):
    """(gradient, feedback) of each typical mistake."""
    N = S.shape[0]
    return [
        (multiclass_hinge_loss_and_grad(S, y, margin=margin, kind="weston_watkins")[1],
         "that is the Weston-Watkins gradient: +1 on EVERY rival within the margin. Crammer-Singer's loss has one "
         "term, max(0, s_worst - s_c + margin), so only the worst rival gets +1."),
        (_cs_variant(S, y, margin, true_entry="none"),
         "the true class's column is 0 in your gradient, but s_c enters the active term with a minus sign: its "
         "entry is -1 (over N)."),
        (_cs_variant(S, y, margin, true_entry="minus count"),
         "your true-class entry is minus the number of rivals within the margin, as in Weston-Watkins. "
         "Crammer-Singer has one term, so the true class gets -1 (over N)."),
        (_cs_variant(S, y, margin, divide=False),
         f"your gradient is N = {N} times too large: the loss is the mean over the samples, so divide by N."),
        (_cs_variant(S, y, margin, check_active=False),
         "you gave a gradient to samples whose loss is 0: when the worst rival is already a margin below the "
         "true score, max(0, .) is flat there and the gradient is 0."),
        (_cs_variant(S, y, margin, rival="any"),
         "you took the worst class over ALL classes, true class included: when the true class has the largest "
         "score it is not its own rival. Take the argmax over the wrong classes (set the true class's gap to "
         "-inf first)."),
        (_cs_variant(S, y, margin, rival="any", assign=False),
         "you took the worst class over ALL classes, true class included: when the true class has the largest "
         "score it is not its own rival. Take the argmax over the wrong classes (set the true class's gap to "
         "-inf first)."),
        (-multiclass_hinge_loss_and_grad(S, y, margin=margin, kind="crammer_singer")[1],
         "sign error: the active term is s_worst - s_c + margin, so d/ds_worst = +1 and d/ds_c = -1 (you have the "
         "opposite)."),
    ]


def _close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


def _check_q2(answer):
    for S, y, margin in _q2_cases():
        result = call_answer(answer, S.copy(), y.copy(), margin)
        try:
            got = np.asarray(result, dtype=np.float64)
        except (TypeError, ValueError):
            raise Incorrect(f"return the gradient as an array of shape {S.shape}; got {type(result).__name__}.") from None
        if got.shape != S.shape:
            raise Incorrect(f"the gradient has one entry per score: shape {S.shape} (N samples, C classes); "
                            f"yours has shape {got.shape}.")
        want = multiclass_hinge_loss_and_grad(S, y, margin=margin, kind="crammer_singer")[1]
        if _close(got, want):
            continue
        for wrong, message in _q2_mistakes(S, y, margin):
            if _close(got, wrong):
                raise Incorrect(message)
        close_enough(got, want, f"for a {S.shape[0]} x {S.shape[1]} score matrix with margin {margin:g}, the gradient")


def _q2_wrong(index):
    def wrong(scores, y, margin=1.0):
        return _q2_mistakes(np.asarray(scores, dtype=float), y, margin)[index][0]

    return wrong


q2 = Exercise(
    name="q2 derive the Crammer-Singer gradient",
    checker=_check_q2,
    hint_text="Per sample the loss is max(0, s_w - s_c + margin), where w is the wrong class with the largest score. "
              "Where that is > 0, its derivative is +1 in s_w and -1 in s_c, and 0 in every other score; where it "
              "is 0, the whole row is 0. rows = np.arange(N); gaps = S - S[rows, y][:, None] + margin; set "
              "gaps[rows, y] = -np.inf; worst = gaps.argmax(axis=1). Divide by N for the mean.",
    reference=cs_grad,
    mistakes={
        "Weston-Watkins gradient": (_q2_wrong(0), "Weston-Watkins gradient"),
        "no true-class entry": (_q2_wrong(1), "column is 0"),
        "true class minus the count": (_q2_wrong(2), "minus the number of rivals"),
        "forgot to divide by N": (_q2_wrong(3), "times too large"),
        "gradient where the loss is 0": (_q2_wrong(4), "whose loss is 0"),
        "worst over all classes": (_q2_wrong(5), "over ALL classes"),
        "sign error": (_q2_wrong(7), "sign error"),
    },
)


# --------------------------------------------------------------------------- q3: one-vs-rest at a smaller lambda

_WORDS = {"more": "up", "larger": "up", "wider": "up", "grows": "up", "fewer": "down", "less": "down",
          "smaller": "down", "narrower": "down", "shrinks": "down", "same": "same", "unchanged": "same"}
_Q3_WHY = {
    "down": "the middle model does not change with lambda (w = 0, b = -1: 'no' everywhere), but the outer models do. "
            "A smaller lambda lets them grow long, so their scores fall far below -1 towards the middle, and the "
            "middle class's constant -1 wins on a wider strip.",
    "same": "the middle model is indeed the same at every lambda (w = 0, b = -1), but the outer models are not: "
            "with a smaller lambda they are longer, so their scores drop below -1 sooner towards the middle, and "
            "the strip where the middle class wins gets wider.",
    "up": "",
}


@lru_cache(maxsize=1)
def _q3_counts():
    """Middle-class points that one-vs-rest (exact binary SVMs) classifies correctly, at each lambda of Q3_LAMBDAS."""
    X, y = make_three_class(seed=THREE_CLASS_SEED)
    return tuple(int(np.sum((OneVsRestSVM(solver="exact", reg_strength=lam).fit(X, y).predict(X) == 1) & (y == 1)))
                 for lam in Q3_LAMBDAS)


def _q3_truth():
    shown, predicted = _q3_counts()
    return "up" if predicted > shown else ("down" if predicted < shown else "same")


def _check_q3(answer):
    if _unanswered(answer):
        raise NotAttempted('set middle to "more", "fewer" or "same", then run the cell again.')
    word = answer.strip().lower() if isinstance(answer, str) else None
    if word not in _WORDS:
        raise Incorrect(f'answer with "more", "fewer" or "same"; got {answer!r}.')
    if _WORDS[word] != _q3_truth():
        raise Incorrect(_Q3_WHY[_WORDS[word]])


q3 = Exercise(
    name="q3 predict: one-vs-rest at a smaller lambda",
    checker=_check_q3,
    hint_text="The middle model is w = 0, b = -1 at every lambda. The middle class wins where BOTH outer scores are "
              "below -1. What does a smaller lambda do to the length of the outer models' w, and so to how fast "
              "their scores fall as you walk from their own blob towards the middle?",
    reference="more",
    mistakes={"fewer": ("fewer", "wider strip"), "same": ("same", "are not")},
    solution_text='middle = "more"\n'
                  "# A smaller lambda makes the outer models longer (steeper): their scores fall below the middle\n"
                  "# model's constant -1 sooner, so the strip where the middle class wins gets wider.",
)


# --------------------------------------------------------------------------- q4: a margin other than 1


def _check_q4(answer):
    lam_1, factor = _pair(answer, ("lam_1", "factor"), "ex.q4.check((lam_1, factor))")
    lam_want, factor_want = Q4_LAMBDA * Q4_MARGIN, Q4_MARGIN
    reasons = []
    if not np.isclose(lam_1, lam_want, rtol=1e-6, atol=0):
        known = {Q4_LAMBDA / Q4_MARGIN: "you divided lambda by the margin; it goes the other way.",
                 Q4_LAMBDA * Q4_MARGIN**2: "lambda times margin squared: ||W||^2 grows by 4 when W doubles, but the "
                                           "hinge part doubles too; divide the whole of J by 2 and compare.",
                 Q4_LAMBDA: "the same lambda does not give the same classifier: with W = 2V the penalty is "
                            "(lambda/2) 4 ||V||^2 while the hinge part only doubles."}
        hint = next((m for v, m in known.items() if np.isclose(lam_1, v, rtol=1e-6, atol=0)), None)
        reasons.append(f"lam_1: {hint}" if hint else
                       f"lam_1 = {lam_1:g} is not it. Put W = 2V, b = 2c into J with margin 2 and take 2 out of "
                       "every term.")
    if not np.isclose(factor, factor_want, rtol=1e-6, atol=0):
        known = {1 / Q4_MARGIN: "the weights get larger, not smaller: scores must now clear a gap of 2 instead of 1.",
                 1.0: "the weights do change: to clear a margin of 2 the same direction needs scores twice as large.",
                 Q4_MARGIN**2: "scores (and so W and b) scale like the margin itself, not its square."}
        hint = next((m for v, m in known.items() if np.isclose(factor, v, rtol=1e-6, atol=0)), None)
        reasons.append(f"factor: {hint}" if hint else
                       f"factor = {factor:g} is not it. How much larger must every score be to clear a margin "
                       "of 2 instead of 1?")
    if reasons:
        raise Incorrect(" ".join(reasons))


q4 = Exercise(
    name="q4 transfer: a margin of 2",
    checker=_check_q4,
    hint_text="Write J with margin 2: (lambda/2)||W||^2 + mean_i sum_k max(0, 2 + s_k - s_c). Substitute W = 2V, "
              "b = 2c (so every score doubles) and take a factor 2 out of every term: what is left is J with "
              "margin 1 in V, c, at some other lambda.",
    reference=(0.1, 2.0),
    mistakes={
        "divided by the margin": ((0.025, 2.0), "divided lambda"),
        "margin squared": ((0.2, 2.0), "margin squared"),
        "same lambda": ((0.05, 2.0), "same lambda"),
        "weights smaller": ((0.1, 0.5), "larger, not smaller"),
        "weights unchanged": ((0.1, 1.0), "do change"),
        "weights by the square": ((0.1, 4.0), "not its square"),
    },
    solution_text="lam_1, factor = 0.1, 2.0\n"
                  "# J_2(2V, 2c; lambda) = 2 lambda ||V||^2 + 2 mean max(0, 1 + ...) = 2 J_1(V, c; 2 lambda):\n"
                  "# margin 2 at lambda 0.05 is margin 1 at lambda 0.1, with W and b twice as large.",
)

exercises = Exercises(q1, q2, q3, q4)
