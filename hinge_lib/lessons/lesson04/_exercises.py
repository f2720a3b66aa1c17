"""Exercises of lesson 04 (training).

q1  write one epoch of full-batch subgradient descent on J(w, b), from the update formula (the
    lesson's own loop comes after it); checked against steps recorded by ``LinearSVM(solver="gd")``
q2  predict, then run: lambda multiplied by 10 -> the band, the support set, the mean hinge loss
q3  transfer: choose lambda on validation data (breast cancer), never on the data the model was fitted on
q4  predict, then run (optional section): what a learning rate 100 times too high does to J

Each checker names the typical mistakes it recognises; the expected answers of q2-q4 are computed
from the runs themselves, not typed in.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from hinge_lib import LinearSVM, load_breast_cancer_split, make_two_class, svm_objective
from hinge_lib.exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer, close_enough

SEED_DATA = dict(n_per_class=30, seed=0)  # the lesson's 60 points
SEED_RUN = dict(reg_strength=0.01, learning_rate=0.05, n_epochs=400)
LAMBDAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)  # q3's grid
VALIDATION_SEEDS = (0, 2)  # q3: two fit/validation splits of the breast-cancer training part


def _close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


def _unanswered(value):
    return value is None or value is Ellipsis


# --------------------------------------------------------------------------- q1: one epoch


def gd_epoch(X, y, w, b, reg_strength, learning_rate):
    """One full-batch subgradient step on J(w, b); returns the new (w, b)."""
    N = X.shape[0]
    active = y * (X @ w + b) < 1  # only points with hinge loss > 0 push on (w, b)
    grad_w = reg_strength * w - (y[active] @ X[active]) / N
    grad_b = -y[active].sum() / N  # the bias is not regularised
    return w - learning_rate * grad_w, b - learning_rate * grad_b


@lru_cache(maxsize=1)
def _q1_steps():
    """(X, y, w, b, lambda, eta, w_next, b_next) from recorded LinearSVM runs, early and late in training."""
    X2, y2 = make_two_class(n_per_class=15, seed=7)
    rng = np.random.default_rng(4)
    X3 = rng.normal(size=(20, 3))
    y3 = np.where(X3 @ np.array([1.0, 0.5, -1.0]) + 0.5 * rng.normal(size=20) > 0, 1.0, -1.0)
    steps = []
    for X, y, lam, eta in ((X2, y2, 0.05, 0.1), (X3, y3, 0.3, 0.2)):
        h = LinearSVM(solver="gd", init="random", random_state=2, reg_strength=lam, learning_rate=eta,
                      n_epochs=40).fit(X, y).history_
        for t in (0, 15, 39):  # at t = 0 every point may be active and b = 0; later neither holds
            steps.append((X, y, h["coef"][t], float(h["intercept"][t]), lam, eta, h["coef"][t + 1],
                          float(h["intercept"][t + 1])))
    return tuple(steps)


def _q1_mistakes(X, y, w, b, lam, eta):
    """(w_new, b_new, feedback) of each typical mistake, for one step."""
    N = X.shape[0]
    active = y * (X @ w + b) < 1
    dw, db = -(y[active] @ X[active]) / N, -y[active].sum() / N
    w_next = w - eta * (lam * w + dw)
    moved = y * (X @ w_next + b) < 1  # the bias step taken with the already-updated w
    return [
        (w - eta * dw, b - eta * db, "you forgot the regularisation gradient: the step on w must include "
                                     "lambda * w (weight decay), w <- w - eta (lambda w + data term)."),
        (w_next, b - eta * (db + lam * b), "you regularised the bias: J penalises ||w||^2 only, so b moves by "
                                           "the data term alone."),
        (w - eta * (lam * w + N * dw), b - eta * N * db, "you summed over the points instead of taking the mean: "
                                                          "divide the data term by N."),
        (w + eta * (lam * w + dw), b + eta * db, "sign error: you stepped uphill (w + eta * grad); gradient "
                                                 "descent subtracts the gradient."),
        (w - eta * (lam * w - dw), b + eta * db, "sign error in the data term: an active point pulls w towards "
                                                 "y_i x_i, so its gradient contribution is -y_i x_i / N."),
        (w - eta * (lam * w - (y @ X) / N), b + eta * y.sum() / N,
         "you updated with inactive points too: points with y f(x) >= 1 have zero hinge gradient and must "
         "not move (w, b)."),
        (w_next, b + eta * y[moved].sum() / N, "you found the active points for b with the already-updated w: "
                                               "both gradients come from the same (w, b), before either moves."),
    ]


def _as_step(result, w):
    """The learner's (w_new, b_new), reshaped leniently: b as a number, w with w's shape."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise Incorrect(f"return the new parameters as a pair, `return w_new, b_new`; got {type(result).__name__}"
                        + (f" of length {len(result)}." if hasattr(result, "__len__") else "."))
    try:
        got_w = np.asarray(result[0], dtype=np.float64)
        got_b = np.asarray(result[1], dtype=np.float64)
    except (TypeError, ValueError):
        raise Incorrect("w_new and b_new should be numbers (an array of weights and one number).") from None
    if got_w.size != w.size:
        raise Incorrect(f"w_new should have {w.size} entries, one per feature; yours has {got_w.size}.")
    if got_b.size != 1:
        raise Incorrect(f"b_new should be one number; yours has shape {got_b.shape}.")
    return got_w.reshape(w.shape), float(got_b.ravel()[0])


def _check_q1(answer):
    for X, y, w, b, lam, eta, w_next, b_next in _q1_steps():
        got_w, got_b = _as_step(call_answer(answer, X.copy(), y.copy(), w.copy(), b, lam, eta), w)
        if _close(got_w, w_next) and _close(got_b, b_next):
            continue
        for wrong_w, wrong_b, message in _q1_mistakes(X, y, w, b, lam, eta):
            if _close(got_w, wrong_w) and _close(got_b, wrong_b):
                raise Incorrect(message)
        close_enough(np.append(got_w, got_b), np.append(w_next, b_next),
                     f"with lambda = {lam} and learning rate {eta} on {X.shape[0]} points, (w_new, b_new)")


def _q1_wrong(phrase):
    def wrong(X, y, w, b, reg_strength, learning_rate):
        for got_w, got_b, message in _q1_mistakes(X, y, w, b, reg_strength, learning_rate):
            if phrase in message:
                return got_w, got_b
        raise KeyError(phrase)

    return wrong


_Q1_MISTAKES = {
    "forgot the regularisation gradient": "forgot the regularisation",
    "regularised the bias": "regularised the bias",
    "sum instead of mean": "instead of taking the mean",
    "stepped uphill": "stepped uphill",
    "sign error in the data term": "sign error in the data term",
    "updated with inactive points": "inactive points too",
    "bias from the updated w": "already-updated w",
}

q1 = Exercise(
    name="q1 one epoch of gradient descent",
    checker=_check_q1,
    hint_text="Find the active points, active = y * (X @ w + b) < 1. Then grad_w = lambda w - (1/N) sum over "
              "the active points of y_i x_i (y[active] @ X[active] is that sum) and grad_b = -(1/N) sum over "
              "the active points of y_i. Step both from the same (w, b): w - eta grad_w, b - eta grad_b.",
    reference=gd_epoch,
    mistakes={label: (_q1_wrong(phrase), phrase) for label, phrase in _Q1_MISTAKES.items()},
)


# --------------------------------------------------------------------------- q2: lambda times 10

_WORDS = {  # accepted words -> the direction they mean, per quantity
    "band": {"wider": "up", "wide": "up", "widens": "up", "larger": "up", "bigger": "up", "grows": "up",
             "narrower": "down", "narrow": "down", "narrows": "down", "smaller": "down", "shrinks": "down",
             "same": "same", "unchanged": "same"},
    "support": {"more": "up", "grows": "up", "larger": "up", "increases": "up", "fewer": "down", "less": "down",
                "smaller": "down", "shrinks": "down", "decreases": "down", "same": "same", "unchanged": "same"},
    "hinge": {"higher": "up", "larger": "up", "more": "up", "grows": "up", "increases": "up", "lower": "down",
              "smaller": "down", "less": "down", "decreases": "down", "same": "same", "unchanged": "same"},
}
_Q2_WHY = {
    "band": "the band width is 2/||w||, and a larger lambda makes ||w||^2 cost more, so the minimiser shortens w: "
            "the band gets wider.",
    "support": "a wider band holds more points: points that were beyond the margin end up on a margin line or "
               "inside the band, so the support set grows.",
    "hinge": "J trades hinge loss for a short w; when ||w||^2 costs 10 times more, the minimiser accepts more "
             "hinge loss to shorten w (at the exact minimum the mean hinge never falls as lambda grows).",
}


@lru_cache(maxsize=1)
def _q2_truth():
    """The directions measured on the lesson's data: exact fits at lambda = 0.01 and 0.1."""
    X, y = make_two_class(**SEED_DATA)
    fits = [LinearSVM(solver="exact", reg_strength=lam).fit(X, y) for lam in (0.01, 0.1)]
    hinge = [np.maximum(0.0, 1.0 - y * m.decision_function(X)).mean() for m in fits]
    width = [2.0 / np.linalg.norm(m.coef_) for m in fits]
    n_support = [len(m.support_) for m in fits]

    def direction(a, b):
        return "up" if b > a else ("down" if b < a else "same")

    return {"band": direction(*width), "support": direction(*n_support), "hinge": direction(*hinge)}


def _check_q2(answer):
    if _unanswered(answer) or (isinstance(answer, tuple) and all(_unanswered(a) for a in answer)):
        raise NotAttempted("set band, support and hinge to your predictions, then run the cell again.")
    if not isinstance(answer, (tuple, list)) or len(answer) != 3:
        raise Incorrect("pass the three predictions together: ex.q2.check((band, support, hinge)).")
    wrong = []
    for (name, words), value in zip(_WORDS.items(), answer):
        if _unanswered(value):
            raise NotAttempted(f"{name} is still `...`: predict all three before you check.")
        if not isinstance(value, str) or value.strip().lower() not in words:
            options = {"band": '"wider", "narrower" or "same"', "support": '"more", "fewer" or "same"',
                       "hinge": '"higher", "lower" or "same"'}[name]
            raise Incorrect(f"{name} should be one of {options}; got {value!r}.")
        if words[value.strip().lower()] != _q2_truth()[name]:
            wrong.append(f"{name}: {_Q2_WHY[name]}")
    if wrong:
        raise Incorrect(" ".join(wrong))


q2 = Exercise(
    name="q2 predict: lambda times 10",
    checker=_check_q2,
    hint_text="lambda weighs (1/2)||w||^2 against the mean hinge. Make ||w|| 10 times more expensive: what does "
              "the minimiser do to ||w||, and what does that do to the band 2/||w|| and to the points near it?",
    reference=("wider", "more", "higher"),
    mistakes={
        "band narrower": (("narrower", "more", "higher"), "the band gets wider"),
        "support fewer": (("wider", "fewer", "higher"), "the support set grows"),
        "hinge lower": (("wider", "more", "lower"), "accepts more hinge loss"),
    },
    solution_text='band, support, hinge = "wider", "more", "higher"\n'
                  "# A larger lambda shortens w, so the band 2/||w|| widens; more points fall on or inside it (the\n"
                  "# support set grows), and the minimiser pays for the short w with a larger mean hinge loss.",
)


# --------------------------------------------------------------------------- q3: lambda on validation data


def choose_lambda(X_fit, y_fit, X_val, y_val, lambdas):
    """The lambda whose exact fit on (X_fit, y_fit) classifies (X_val, y_val) best; the first on a tie."""
    accuracy = [LinearSVM(solver="exact", reg_strength=lam).fit(X_fit, y_fit).score(X_val, y_val) for lam in lambdas]
    return lambdas[int(np.argmax(accuracy))]


def _validation_split(seed=0):
    """The breast-cancer training part split once more: 75% to fit, 25% to validate (stratified)."""
    from sklearn.model_selection import train_test_split

    data = load_breast_cancer_split(seed=0)
    return train_test_split(data.X_train, data.y_train, test_size=0.25, random_state=seed, stratify=data.y_train)


@lru_cache(maxsize=None)
def _q3_case(seed):
    """One fit/validation split and the accuracies of the exact fit at each lambda of the grid."""
    X_fit, X_val, y_fit, y_val = _validation_split(seed)
    models = [LinearSVM(solver="exact", reg_strength=lam).fit(X_fit, y_fit) for lam in LAMBDAS]
    return dict(data=(X_fit, y_fit, X_val, y_val), train=np.array([m.score(X_fit, y_fit) for m in models]),
                val=np.array([m.score(X_val, y_val) for m in models]))


def _accuracies(X_fit, y_fit, X_score, y_score, lambdas):
    return [LinearSVM(solver="exact", reg_strength=lam).fit(X_fit, y_fit).score(X_score, y_score) for lam in lambdas]


_Q3_MISTAKES = [  # (the choice that mistake makes on a case, feedback)
    (lambda c: LAMBDAS[int(np.argmax(c["train"]))],
     "you chose lambda by the accuracy on the data the model was fitted on. That accuracy favours a small "
     "lambda (a narrow band that bends to the training points); choose by the accuracy on the validation part."),
    (lambda c: LAMBDAS[int(np.argmin(c["val"]))],
     "you returned the lambda with the LOWEST validation accuracy: use argmax, not argmin."),
]


def _one_lambda(got, case):
    """The learner's answer as one lambda of the grid, or the reason it is not one."""
    if isinstance(got, (int, np.integer)) and not isinstance(got, (bool, np.bool_)) and 0 <= got < len(LAMBDAS):
        raise Incorrect(f"you returned the position {int(got)} in the list; return the value itself, "
                        f"lambdas[{int(got)}].")
    if np.ndim(got) != 0:
        raise Incorrect(f"return one lambda (a number), not a sequence of {np.size(got)} values.")
    try:
        got = float(got)
    except (TypeError, ValueError):
        raise Incorrect(f"return one lambda, a number from lambdas; got {type(got).__name__}.") from None
    if got in LAMBDAS:
        return got
    if got == case["val"].max():
        raise Incorrect("you returned the best validation accuracy; return the lambda that reached it.")
    raise Incorrect(f"return one of the values in lambdas {list(LAMBDAS)}; got {got!r}.")


def _check_q3(answer):
    cases = [_q3_case(seed) for seed in VALIDATION_SEEDS]
    chosen = []
    for case in cases:
        X_fit, y_fit, X_val, y_val = (a.copy() for a in case["data"])
        chosen.append(_one_lambda(call_answer(answer, X_fit, y_fit, X_val, y_val, list(LAMBDAS)), case))
    wrong = [(seed, lam, case) for seed, lam, case in zip(VALIDATION_SEEDS, chosen, cases)
             if case["val"][LAMBDAS.index(lam)] < case["val"].max()]
    if not wrong:
        return
    for choice, message in _Q3_MISTAKES:
        if chosen == [choice(case) for case in cases]:
            raise Incorrect(message)
    seed, lam, case = wrong[0]
    n_val = case["data"][3].size
    best = ", ".join(f"{b:g}" for b, v in zip(LAMBDAS, case["val"]) if v == case["val"].max())
    raise Incorrect(
        f"on validation split {seed}, the exact fit at lambda = {lam:g} classifies "
        f"{round(case['val'][LAMBDAS.index(lam)] * n_val)} of {n_val} validation points correctly; the best is "
        f"{round(case['val'].max() * n_val)} (lambda = {best}). Did you fit LinearSVM(solver=\"exact\", "
        "reg_strength=lam) on the fit part and score it on the validation part?")


def _q3_on_fitting_data(X_fit, y_fit, X_val, y_val, lambdas):
    return lambdas[int(np.argmax(_accuracies(X_fit, y_fit, X_fit, y_fit, lambdas)))]


def _q3_worst(X_fit, y_fit, X_val, y_val, lambdas):
    return lambdas[int(np.argmin(_accuracies(X_fit, y_fit, X_val, y_val, lambdas)))]


def _q3_accuracy(X_fit, y_fit, X_val, y_val, lambdas):
    return max(_accuracies(X_fit, y_fit, X_val, y_val, lambdas))


def _q3_index(X_fit, y_fit, X_val, y_val, lambdas):
    return int(np.argmax(_accuracies(X_fit, y_fit, X_val, y_val, lambdas)))


q3 = Exercise(
    name="q3 choose lambda on validation data",
    checker=_check_q3,
    hint_text="For each lam in lambdas: fit LinearSVM(solver=\"exact\", reg_strength=lam) on X_fit, y_fit and "
              "score it on X_val, y_val (model.score gives the accuracy). Return the lam with the highest "
              "validation accuracy (np.argmax gives its position).",
    reference=choose_lambda,
    mistakes={
        "chose on the fitting data": (_q3_on_fitting_data, "fitted on"),
        "took the worst": (_q3_worst, "LOWEST"),
        "returned the accuracy": (_q3_accuracy, "best validation accuracy"),
        "returned the index": (_q3_index, "position"),
    },
)


# --------------------------------------------------------------------------- q4: a learning rate 100 times too high

LR_OPTIONS = {
    "a": "J reaches its minimum J* in fewer epochs, as a bigger step should",
    "b": "J creeps towards J* more slowly than with eta = 0.05",
    "c": "J jumps about at a level well above J* and does not settle",
    "d": "J grows without bound: the run diverges",
}
_Q4_WHY = {
    "a": "a bigger step is not faster here: the subgradient does not shrink near the minimum, so each step of "
         "length eta overshoots the kinks of the points near the margin.",
    "b": "that is what a step that is too SMALL does (eta = 0.005); a large step moves fast but overshoots.",
    "d": "the hinge's subgradient is bounded (|y_i x_i| at most), and each step also multiplies w by "
         "(1 - eta lambda) = 0.95, so ||w|| stays bounded: J cannot blow up (that needs eta lambda > 2).",
}


@lru_cache(maxsize=1)
def _q4_truth():
    """Which option the run shows: eta = 5 against eta = 0.05 on the lesson's data and typical seed."""
    from . import TYPICAL_INIT_SEED

    X, y = make_two_class(**SEED_DATA)
    params = dict(SEED_RUN, learning_rate=5.0)
    J = LinearSVM(solver="gd", init="random", random_state=TYPICAL_INIT_SEED, **params).fit(X, y).history_["objective"]
    exact = LinearSVM(solver="exact", reg_strength=SEED_RUN["reg_strength"]).fit(X, y)
    J_star = svm_objective(X, y, exact.coef_[0], exact.intercept_[0], SEED_RUN["reg_strength"])
    if not np.isfinite(J).all() or J[-1] > 10 * J[0]:
        return "d"
    return "c" if J[-1] - J_star > 0.1 and np.ptp(J[-100:]) > 0.1 else "a"


def _check_q4(answer):
    if _unanswered(answer):
        raise NotAttempted('set lr_prediction to the letter of your prediction, e.g. "a", then run the cell again.')
    letter = answer.strip().strip("()").strip().lower() if isinstance(answer, str) else None
    if letter not in LR_OPTIONS:
        raise Incorrect(f'answer with one of the letters "a", "b", "c" or "d"; got {answer!r}.')
    if letter != _q4_truth():
        raise Incorrect(_Q4_WHY[letter])


q4 = Exercise(
    name="q4 predict: a learning rate 100 times too high",
    checker=_check_q4,
    hint_text="Near the minimum the subgradient of the hinge does not get small: each step still has length about "
              "eta times |y_i x_i|. And every step multiplies w by (1 - eta lambda) before adding a bounded term.",
    reference="c",
    mistakes={"faster": ("a", "not faster"), "slower": ("b", "too SMALL"), "diverges": ("d", "cannot blow up")},
    solution_text='lr_prediction = "c"\n'
                  "# A constant step that does not shrink keeps overshooting the kinks of the points near the margin,\n"
                  "# so J jumps about above J*; the bounded subgradient and the factor (1 - eta lambda) keep it finite.",
)

exercises = Exercises(q1, q2, q3, q4)
