"""Exercises of lesson 07 (multi-class hinge).

q1  the Weston-Watkins loss of one sample, ``sum_{k != c} max(0, s_k - s_c + margin)``
q2  the same loss for a whole score matrix, averaged over the samples, without Python loops
q3  its gradient with respect to the score matrix, vectorised
"""

from __future__ import annotations

import numpy as np

from ._core import Exercise, Incorrect, answer_array as _as_array, call_answer


def _close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


def _fmt(values):
    return "[" + ", ".join(f"{v:.2f}" for v in values) + "]"


# --------------------------------------------------------------------------- q1


def ww_loss_one(scores, true_class, margin=1.0):
    scores = np.asarray(scores, dtype=float)
    gaps = scores - scores[true_class] + margin  # s_k - s_c + margin for every class k
    gaps[true_class] = 0.0  # the true class is not compared with itself
    return float(np.maximum(0.0, gaps).sum())


# Scores chosen so that every typical mistake gives a different number: some wrong classes violate
# the margin and some do not, one true class is beaten outright, one margin differs from 1.
_Q1_CASES = [
    (np.array([2.0, 1.5, 1.8]), 0, 1.0),  # two violations: 0.5 + 0.8
    (np.array([0.2, 3.1, -1.0, 2.9]), 1, 1.0),  # one violation (class 3), one far below
    (np.array([1.0, -0.5, 2.5, 0.7, 0.1]), 3, 1.0),  # the true class is beaten by class 2
    (np.array([0.4, 1.0, 0.9]), 1, 0.5),  # margin 0.5
]


def _ww_variant(scores, c, margin, *, keep_true=False, reduce=np.sum, clamp=True, scale=1.0):
    gaps = np.asarray(scores, dtype=float) - scores[c] + margin
    if not keep_true:
        gaps = np.delete(gaps, c)
    if clamp:
        gaps = np.maximum(0.0, gaps)
    return float(reduce(gaps)) * scale


# label -> (the wrong formula, the feedback it gets); a mistake must explain every case
_Q1_MISTAKES = {
    "included the true class": (
        lambda s, c, m=1.0: _ww_variant(s, c, m, keep_true=True),
        "you included the true class in the sum: its term is max(0, s_c - s_c + margin) = margin, so every "
        "loss comes out `margin` too large. Skip k = c."),
    "max instead of sum": (
        lambda s, c, m=1.0: _ww_variant(s, c, m, reduce=np.max),
        "you took the max over the wrong classes: that is Crammer-Singer. Weston-Watkins adds up the "
        "violations of every wrong class."),
    "forgot the margin": (
        lambda s, c, m=1.0: _ww_variant(s, c, 0.0),
        "you forgot the margin: a wrong class costs max(0, s_k - s_c + margin), so it must stay at least "
        "`margin` below the true score, not merely below it."),
    "divided by C": (
        lambda s, c, m=1.0: _ww_variant(s, c, m, scale=1.0 / len(s)),
        "you divided by the number of classes C: that is torch.nn.MultiMarginLoss's convention, not the "
        "Weston-Watkins loss."),
    "forgot max(0, .)": (
        lambda s, c, m=1.0: _ww_variant(s, c, m, clamp=False),
        "you forgot max(0, .): a wrong class far below the true score must cost 0, not a negative amount."),
}


def _check_q1(answer):
    answers = [float(_as_array(call_answer(answer, s.copy(), c, m), "the loss", ())) for s, c, m in _Q1_CASES]
    wants = [ww_loss_one(s, c, m) for s, c, m in _Q1_CASES]
    if all(_close(got, want) for got, want in zip(answers, wants)):
        return
    for wrong, message in _Q1_MISTAKES.values():
        if all(_close(got, wrong(s, c, m)) for got, (s, c, m) in zip(answers, _Q1_CASES)):
            raise Incorrect(message)
    for (s, c, m), got, want in zip(_Q1_CASES, answers, wants):
        if not _close(got, want):
            raise Incorrect(f"scores {_fmt(s)}, true class {c}, margin {m}: the loss is {want:.4f}, "
                            f"your function gave {got:.4f}.")


q1 = Exercise(
    name="q1 Weston-Watkins loss of one sample",
    checker=_check_q1,
    hint_text="Compute gaps = scores - scores[true_class] + margin, leave the true class out (set its gap to 0 "
              "or delete it), clip at 0 with np.maximum(0, gaps) and add up.",
    reference=ww_loss_one,
    mistakes={
        label: (_Q1_MISTAKES[label][0], phrase)
        for label, phrase in [("included the true class", "included the true class"),
                              ("max instead of sum", "Crammer-Singer"),
                              ("forgot the margin", "forgot the margin"),
                              ("divided by C", "MultiMarginLoss"),
                              ("forgot max(0, .)", "forgot max(0, .)")]
    },
)


# --------------------------------------------------------------------------- q2


def ww_loss_vectorized(scores, y, margin=1.0):
    scores = np.asarray(scores, dtype=float)
    rows = np.arange(scores.shape[0])
    gaps = scores - scores[rows, y][:, None] + margin  # (N, C): s_ik - s_i,y_i + margin
    gaps[rows, y] = 0.0  # no term for the true class
    return float(np.maximum(0.0, gaps).sum() / scores.shape[0])  # mean over the N samples


def _q2_cases():
    rng = np.random.default_rng(7)
    cases = []
    for n, c, margin in ((6, 3, 1.0), (9, 5, 1.0), (5, 4, 0.5)):
        s = rng.normal(scale=1.5, size=(n, c))
        cases.append((s, rng.integers(0, c, size=n), margin))
    return cases


_Q2_CASES = _q2_cases()


def _ww_matrix_variant(s, y, m, *, keep_true=False, kind="sum", clamp=True, reduce="mean", scale=1.0):
    s = np.asarray(s, dtype=float)
    rows = np.arange(s.shape[0])
    gaps = s - s[rows, y][:, None] + m
    if not keep_true:
        gaps[rows, y] = -np.inf if kind == "max" else 0.0
    terms = np.maximum(0.0, gaps) if clamp else gaps
    per_sample = terms.max(axis=1) if kind == "max" else terms.sum(axis=1)
    total = per_sample.sum() if reduce == "sum" else per_sample.mean()
    return float(total) * scale


_Q2_MISTAKES = {
    "included the true class": (
        lambda s, y, m=1.0: _ww_matrix_variant(s, y, m, keep_true=True),
        "you included the true class: its gap s_c - s_c + margin is `margin`, which adds `margin` to every "
        "sample. Set gaps[np.arange(N), y] = 0 before summing."),
    "max instead of sum": (
        lambda s, y, m=1.0: _ww_matrix_variant(s, y, m, kind="max"),
        "you took the max over the wrong classes of each row: that is Crammer-Singer; Weston-Watkins sums them."),
    "sum instead of mean": (
        lambda s, y, m=1.0: _ww_matrix_variant(s, y, m, reduce="sum"),
        "you returned the sum over the samples; the loss is the mean (divide by N)."),
    "divided by C": (
        lambda s, y, m=1.0: _ww_matrix_variant(s, y, m, scale=1.0 / s.shape[1]),
        "you divided by the number of classes C (torch.nn.MultiMarginLoss's convention); the Weston-Watkins "
        "loss does not."),
    "forgot the margin": (
        lambda s, y, m=1.0: _ww_matrix_variant(s, y, 0.0),
        "you forgot the margin: the gap is s_k - s_c + margin."),
}


def _check_q2(answer):
    answers = [float(_as_array(call_answer(answer, s.copy(), y.copy(), m), "the loss", ())) for s, y, m in _Q2_CASES]
    wants = [ww_loss_vectorized(s, y, m) for s, y, m in _Q2_CASES]
    if all(_close(got, want) for got, want in zip(answers, wants)):
        return
    for wrong, message in _Q2_MISTAKES.values():
        if all(_close(got, wrong(s, y, m)) for got, (s, y, m) in zip(answers, _Q2_CASES)):
            raise Incorrect(message)
    for (s, y, m), got, want in zip(_Q2_CASES, answers, wants):
        if not _close(got, want):
            raise Incorrect(f"for a {s.shape[0]} x {s.shape[1]} score matrix with margin {m} the mean loss is "
                            f"{want:.4f}; your function gave {got:.4f}.")


q2 = Exercise(
    name="q2 Weston-Watkins loss, vectorised",
    checker=_check_q2,
    hint_text="rows = np.arange(N); the true scores are scores[rows, y], and scores[rows, y][:, None] "
              "broadcasts them across the columns. Zero the true-class entries of the gap matrix, clip at 0, "
              "sum, divide by N.",
    reference=ww_loss_vectorized,
    mistakes={
        label: (_Q2_MISTAKES[label][0], phrase)
        for label, phrase in [("included the true class", "included the true class"),
                              ("max instead of sum", "Crammer-Singer"),
                              ("sum instead of mean", "the mean"),
                              ("divided by C", "MultiMarginLoss"),
                              ("forgot the margin", "forgot the margin")]
    },
)


# --------------------------------------------------------------------------- q3


def ww_grad_vectorized(scores, y, margin=1.0):
    scores = np.asarray(scores, dtype=float)
    n = scores.shape[0]
    rows = np.arange(n)
    gaps = scores - scores[rows, y][:, None] + margin
    gaps[rows, y] = 0.0
    active = (gaps > 0).astype(float)  # 1 where a wrong class violates the margin
    active[rows, y] = -active.sum(axis=1)  # s_c appears with a minus sign in every active term
    return active / n  # the loss is a mean over N samples


def _ww_grad_variant(s, y, m, *, true_column="count", divide=True):
    s = np.asarray(s, dtype=float)
    rows = np.arange(s.shape[0])
    gaps = s - s[rows, y][:, None] + m
    gaps[rows, y] = 0.0
    active = (gaps > 0).astype(float)
    if true_column == "count":
        active[rows, y] = -active.sum(axis=1)
    elif true_column == "minus one":
        active[rows, y] = -(active.sum(axis=1) > 0).astype(float)
    return active / s.shape[0] if divide else active


_Q3_MISTAKES = {
    "forgot the true class": (
        lambda s, y, m=1.0: _ww_grad_variant(s, y, m, true_column="zero"),
        "the true-class column is 0 in your gradient, but s_c appears with a minus sign in every active term: "
        "its entry is minus the number of violating classes (over N)."),
    "true class -1": (
        lambda s, y, m=1.0: _ww_grad_variant(s, y, m, true_column="minus one"),
        "your true-class entry is -1 (over N) whatever the number of violations; that is Crammer-Singer's "
        "gradient. Weston-Watkins puts minus the COUNT of violating classes there."),
    "forgot to divide by N": (
        lambda s, y, m=1.0: _ww_grad_variant(s, y, m, divide=False),
        "your gradient is N times too large: the loss is a mean over the N samples, so divide by N."),
}


def _check_q3(answer):
    for s, y, m in _Q2_CASES:
        got = _as_array(call_answer(answer, s.copy(), y.copy(), m), "the gradient", s.shape)
        want = ww_grad_vectorized(s, y, m)
        if _close(got, want):
            continue
        for wrong, message in _Q3_MISTAKES.values():
            if _close(got, wrong(s, y, m)):
                raise Incorrect(message)
        i, k = np.unravel_index(int(np.argmax(np.abs(got - want))), s.shape)
        raise Incorrect(f"for a {s.shape[0]} x {s.shape[1]} score matrix, entry [{i}, {k}] (sample {i}, class {k}"
                        f"{', its true class' if k == y[i] else ''}) should be {want[i, k]:.4f}; "
                        f"yours is {got[i, k]:.4f}.")


q3 = Exercise(
    name="q3 Weston-Watkins gradient, vectorised",
    checker=_check_q3,
    hint_text="Each active term s_k - s_c + margin has derivative +1 with respect to s_k and -1 with respect "
              "to s_c. Build the 0/1 matrix of active wrong classes, put minus its row sums in the true-class "
              "column, and divide by N.",
    reference=ww_grad_vectorized,
    mistakes={
        label: (_Q3_MISTAKES[label][0], phrase)
        for label, phrase in [("forgot the true class", "true-class column is 0"),
                              ("true class -1", "COUNT of violating classes"),
                              ("forgot to divide by N", "divide by N")]
    },
)

EXERCISES = [q1, q2, q3]
