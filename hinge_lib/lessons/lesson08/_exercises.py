"""The exercises of lesson 08 (comparison with PyTorch).

q1 (predict, then run): what autograd returns at margin exactly 1 for the hinge written with
   ``torch.clamp`` and with ``torch.relu``;
q2 (derive): the value of ``nn.MultiMarginLoss(weight=...)`` from the Weston-Watkins loss of each
   sample, read off torch's documented formula (the factor 1/C and the class weights);
q3 (transfer): the squared multi-class hinge written with torch operations, matching
   ``multiclass_hinge_loss(..., squared=True)`` in value and in autograd's gradient;
q4 (derive): the bias that keeps every score when the data are moved by a vector, the step behind
   "weight decay on the bias moves the boundary of shifted data".

Every expected answer is computed when the check runs (torch's from the installed torch), not
typed in. torch is imported inside the checkers: importing this module does not import torch.
"""

from __future__ import annotations

import numpy as np

from ...exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer, close_enough
from ...losses import multiclass_hinge_loss, multiclass_hinge_loss_and_grad


def _torch():
    import torch

    return torch


def _close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


def _unanswered(value):
    return value is None or value is Ellipsis


def _number(value, what):
    """A learner's number (float, int, NumPy or 0-d torch value) as a float, or why it is not one."""
    torch = _torch()
    if isinstance(value, torch.Tensor):
        if value.numel() != 1:
            raise Incorrect(f"{what} should be one number; got a tensor of shape {tuple(value.shape)}.")
        return float(value.detach())
    if isinstance(value, (bool, np.bool_)) or np.ndim(value) != 0:
        raise Incorrect(f"{what} should be one number; got {value!r}.")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should be one number; got {type(value).__name__}.") from None


# --------------------------------------------------------------------------- q1: the kink, predicted

KINK_POINTS = ((1.0, 1.0), (-1.0, -1.0))  # (y, s) with y s = 1: both exactly on the margin


def kink_gradients():
    """What autograd returns at the kink: d/ds of clamp(1 - y s, min=0) and of relu(1 - y s), summed."""
    torch = _torch()
    y = torch.tensor([p[0] for p in KINK_POINTS], dtype=torch.float64)
    out = {}
    for name, hinge in (("clamp", lambda z: torch.clamp(z, min=0)), ("relu", torch.relu)):
        s = torch.tensor([p[1] for p in KINK_POINTS], dtype=torch.float64, requires_grad=True)
        hinge(1 - y * s).sum().backward()
        out[name] = tuple(float(g) + 0.0 for g in s.grad)  # + 0.0: report -0.0 as 0.0
    return out


_Q1_ROW_MISTAKES = {  # (function, wrong pair) -> feedback
    ("clamp", (0.0, 0.0)): "torch.clamp(x, min=0) passes the gradient through where x >= min, the boundary "
                           "included: at x = 0 its backward is 1, so d/ds = -y there.",
    ("relu", (-1.0, 1.0)): "torch.relu's backward is 1 only where its input is > 0; at exactly 0 it returns 0, "
                           "so the point on the margin gets no gradient.",
    ("clamp", (1.0, -1.0)): "sign error for clamp: the inner expression is 1 - y s, whose derivative in s is -y "
                            "(-1 for y = +1, +1 for y = -1).",
    ("relu", (1.0, -1.0)): "sign error for relu: when it passes a gradient it is -y, from d/ds (1 - y s); and at "
                           "exactly 0 it passes none.",
}
_Q1_HALF = ("{name} does not split the difference (-y/2): that is what torch.maximum(x, 0) does at a tie. "
            "{name} picks one side of the kink.")


def _q1_pairs(answer):
    if _unanswered(answer):
        raise NotAttempted('fill in prediction = {"clamp": (g1, g2), "relu": (g1, g2)}, then run the cell again.')
    if isinstance(answer, dict):
        missing = {"clamp", "relu"} - set(answer)
        if missing:
            raise Incorrect(f"the prediction needs the keys 'clamp' and 'relu'; missing {sorted(missing)}.")
        rows = [answer["clamp"], answer["relu"]]
    elif isinstance(answer, (tuple, list)) and len(answer) == 2:
        rows = list(answer)
    else:
        raise Incorrect('give two pairs: {"clamp": (g1, g2), "relu": (g1, g2)}, g1 for y = +1, s = +1 and g2 for '
                        "y = -1, s = -1.")
    pairs = []
    for name, row in zip(("clamp", "relu"), rows):
        if _unanswered(row) or (isinstance(row, (tuple, list)) and any(_unanswered(v) for v in row)):
            raise NotAttempted(f"the prediction for {name} still has a `...`: predict both numbers first.")
        if np.ndim(row) != 1 or np.size(row) != 2:
            raise Incorrect(f"{name} needs two numbers, (g1, g2): one per point; got {row!r}.")
        try:
            pairs.append(tuple(float(v) + 0.0 for v in row))
        except (TypeError, ValueError):
            raise Incorrect(f"{name}'s prediction should be two numbers; got {row!r}.") from None
    return dict(zip(("clamp", "relu"), pairs))


def _check_q1(answer):
    got, truth = _q1_pairs(answer), kink_gradients()
    if got == truth:
        return
    if got["clamp"] == truth["relu"] and got["relu"] == truth["clamp"]:
        raise Incorrect("the other way round: clamp's backward includes the boundary (x >= min passes the "
                        "gradient), relu's excludes it (only x > 0 does).")
    reasons = []
    for name in ("clamp", "relu"):
        if got[name] == truth[name]:
            continue
        if (name, got[name]) in _Q1_ROW_MISTAKES:
            reasons.append(_Q1_ROW_MISTAKES[(name, got[name])])
        elif got[name] == (-0.5, 0.5):
            reasons.append(_Q1_HALF.format(name=name))
        else:
            reasons.append(f"{name}: autograd gives a valid subgradient here, one end of the interval between "
                           f"-y and 0 (for y = +1: -1 or 0; for y = -1: +1 or 0); {got[name]} is not what it "
                           "returns.")
    raise Incorrect(" ".join(reasons))


q1 = Exercise(
    name="q1 predict: autograd at the kink",
    checker=_check_q1,
    hint_text="Both functions are max(0, x) away from 0. At x = 0 each backward must pick a slope: 1 (as if x "
              "were a little above 0) or 0 (a little below). clamp(x, min=0) keeps x where x >= min; relu keeps "
              "x where x > 0. Then multiply by d/ds (1 - y s) = -y.",
    reference={"clamp": (-1.0, 1.0), "relu": (0.0, 0.0)},
    mistakes={
        "clamp gives 0": ({"clamp": (0.0, 0.0), "relu": (0.0, 0.0)}, "boundary included"),
        "relu passes -y": ({"clamp": (-1.0, 1.0), "relu": (-1.0, 1.0)}, "only where its input is > 0"),
        "swapped": ({"clamp": (0.0, 0.0), "relu": (-1.0, 1.0)}, "the other way round"),
        "clamp sign": ({"clamp": (1.0, -1.0), "relu": (0.0, 0.0)}, "sign error for clamp"),
        "halves": ({"clamp": (-0.5, 0.5), "relu": (0.0, 0.0)}, "torch.maximum"),
    },
    solution_text='prediction = {"clamp": (-1.0, +1.0), "relu": (0.0, 0.0)}\n'
                  "# clamp's backward lets the gradient through at the boundary (x >= min): -y for each point;\n"
                  "# relu's lets it through only where x > 0: 0 at the kink. Both are subgradients.",
)


# --------------------------------------------------------------------------- q2: MultiMarginLoss, derived


def multimargin_from_ww(ww_per_sample, target, weight, n_classes):
    """nn.MultiMarginLoss(weight=weight)'s mean, from each sample's Weston-Watkins loss."""
    return np.mean(weight[target] * ww_per_sample) / n_classes  # weight of the true class; 1/C; mean over N


def _q2_cases():
    rng = np.random.default_rng(8)
    cases = []
    for n, c in ((5, 3), (7, 4), (4, 6)):  # N != C, and C - 1 != N, so every slip gives another number
        S = rng.normal(scale=1.2, size=(n, c))
        cases.append((S, rng.integers(0, c, size=n), rng.uniform(0.3, 3.0, size=c)))
    return cases


_Q2_CASES = _q2_cases()


def _q2_torch(S, t, weight):
    torch = _torch()
    loss = torch.nn.MultiMarginLoss(weight=torch.tensor(weight))(torch.tensor(S), torch.tensor(t))
    return float(loss)


def _q2_mistakes(ww, t, weight, c):
    """(the value a typical slip gives, feedback)."""
    wy = weight[t]
    return [
        (np.mean(wy * ww), "you left out the division by the number of classes: torch's formula divides each "
                           "sample's sum by x.size(0), the length of that sample's score vector, which is C."),
        (np.sum(wy * ww) / np.sum(wy) / c, "with reduction='mean' MultiMarginLoss divides by the number of "
                                            "samples N, not by the total weight sum_i weight[y_i] (that is "
                                            "nn.CrossEntropyLoss's weighted mean)."),
        (np.mean(ww) / c, "the class weights are missing: each sample's term is multiplied by weight[y_i], the "
                          "weight of its TRUE class."),
        (np.mean(wy * ww) * c, "the factor is 1/C, not C: torch's value is the smaller one."),
        (np.mean(wy * ww) / (c - 1), "torch divides by C, all the classes (x.size(0)), not by the C - 1 wrong "
                                      "classes that have a term."),
    ]


def _check_q2(answer):
    for S, t, weight in _Q2_CASES:
        c = S.shape[1]
        ww = multiclass_hinge_loss(S, t, reduction="none")
        got = _number(call_answer(answer, ww.copy(), t.copy(), weight.copy(), c), "the loss")
        want = _q2_torch(S, t, weight)
        if _close(got, want):
            continue
        for value, message in _q2_mistakes(ww, t, weight, c):
            if _close(got, value):
                raise Incorrect(message)
        close_enough(got, want, f"for {len(t)} samples and {c} classes, nn.MultiMarginLoss(weight=weight)")


def _q2_wrong(k):
    def wrong(ww, t, weight, c):
        return _q2_mistakes(ww, t, weight, c)[k][0]

    return wrong


q2 = Exercise(
    name="q2 derive: MultiMarginLoss from Weston-Watkins",
    checker=_check_q2,
    hint_text="In torch's formula x is ONE sample's score vector, so x.size(0) is the number of classes C. The "
              "sum over i != y is that sample's Weston-Watkins loss; w[y] is the weight of the sample's true "
              "class; reduction='mean' then averages the per-sample values over the N samples.",
    reference=multimargin_from_ww,
    mistakes={
        "no 1/C": (_q2_wrong(0), "division by the number of classes"),
        "weighted mean": (_q2_wrong(1), "not by the total weight"),
        "no weights": (_q2_wrong(2), "TRUE class"),
        "times C": (_q2_wrong(3), "not C"),
        "divided by C - 1": (_q2_wrong(4), "C - 1 wrong"),
    },
)


# --------------------------------------------------------------------------- q3: the squared hinge in torch


def squared_multiclass_hinge(scores, target):
    """Mean over samples of sum_{k != y} max(0, s_k - s_y + 1)^2, with torch operations (autograd works)."""
    torch = _torch()
    true = scores.gather(1, target[:, None])  # s_y, as a column
    violation = torch.relu(scores - true + 1)  # max(0, s_k - s_y + 1) for every class k
    rival = torch.ones_like(scores, dtype=torch.bool).scatter(1, target[:, None], False)  # k != y
    return (violation**2 * rival).sum() / scores.shape[0]


def _q3_cases():
    rng = np.random.default_rng(11)
    return [(rng.normal(scale=1.0, size=(n, c)), rng.integers(0, c, size=n)) for n, c in ((6, 3), (5, 4))]


_Q3_CASES = _q3_cases()


def _q3_all_classes(scores, target):
    torch = _torch()
    return (torch.relu(scores - scores.gather(1, target[:, None]) + 1) ** 2).sum() / scores.shape[0]


def _q3_not_squared(scores, target):
    torch = _torch()
    rival = torch.ones_like(scores, dtype=torch.bool).scatter(1, target[:, None], False)
    return (torch.relu(scores - scores.gather(1, target[:, None]) + 1) * rival).sum() / scores.shape[0]


def _q3_square_of_sum(scores, target):
    torch = _torch()
    rival = torch.ones_like(scores, dtype=torch.bool).scatter(1, target[:, None], False)
    per_sample = (torch.relu(scores - scores.gather(1, target[:, None]) + 1) * rival).sum(dim=1)
    return (per_sample**2).mean()


_Q3_MISTAKES = (
    (_q3_not_squared, "you did not square the violations: the squared hinge adds max(0, s_k - s_y + 1)**2."),
    (_q3_all_classes, "the true class is not its own rival: its term max(0, s_y - s_y + 1)**2 = 1 adds 1 to "
                      "every sample. Leave k = y out (a mask), or subtract that 1."),
    (_q3_square_of_sum, "square each violation, then add them; you squared each sample's sum."),
    (lambda s, t: _torch().nn.MultiMarginLoss(p=2)(s, t), "that is nn.MultiMarginLoss(p=2)'s value, which divides "
                                                          "each sample's sum by the number of classes C."),
    (lambda s, t: squared_multiclass_hinge(s, t) * s.shape[0], "you summed over the samples; the loss is the "
                                                               "mean over them."),
)


def _check_q3(answer):
    torch = _torch()
    for S, t in _Q3_CASES:
        scores = torch.tensor(S, requires_grad=True)
        out = call_answer(answer, scores, torch.tensor(t))
        want, want_grad = multiclass_hinge_loss_and_grad(S, t, squared=True)
        if not isinstance(out, torch.Tensor):
            got = _number(out, "the loss")
            if _close(got, want):
                raise Incorrect("the value is right, but you returned a Python number: return the tensor itself "
                                "(no .item() or float()), so autograd can differentiate it.")
            raise Incorrect(f"return a torch tensor (one number: the mean loss), not {type(out).__name__}.")
        got = _number(out, "the loss")
        if not _close(got, want):
            for wrong, message in _Q3_MISTAKES:
                if _close(got, float(wrong(torch.tensor(S), torch.tensor(t)))):
                    raise Incorrect(message)
            close_enough(got, want, f"for a {S.shape[0]} x {S.shape[1]} score matrix, the mean squared "
                                    "Weston-Watkins loss")
        if not out.requires_grad:
            raise Incorrect("the value is right, but autograd cannot reach the scores (did you go through NumPy or "
                            ".detach()?). Use torch operations on the tensor you are given.")
        (grad,) = torch.autograd.grad(out, scores)
        close_enough(grad.numpy(), want_grad, "autograd's gradient of your loss")


q3 = Exercise(
    name="q3 transfer: the squared multi-class hinge in torch",
    checker=_check_q3,
    hint_text="scores.gather(1, target[:, None]) is the column of true-class scores s_y. torch.relu(scores - "
              "s_y + 1) gives every max(0, s_k - s_y + 1), the true class's own 1 included: mask it out (or "
              "subtract 1 per sample), square, add over classes, average over samples.",
    reference=squared_multiclass_hinge,
    mistakes={
        "not squared": (_q3_not_squared, "did not square"),
        "true class kept": (_q3_all_classes, "not its own rival"),
        "square of the sum": (_q3_square_of_sum, "squared each sample's sum"),
        "MultiMarginLoss p=2 as it is": (lambda s, t: _torch().nn.MultiMarginLoss(p=2)(s, t), "p=2"),
        "sum over samples": (lambda s, t: squared_multiclass_hinge(s, t) * s.shape[0], "summed over the samples"),
        "returned a float": (lambda s, t: squared_multiclass_hinge(s, t).detach().item(), "Python number"),
        "detached": (lambda s, t: squared_multiclass_hinge(s, t).detach(), "autograd cannot reach"),
    },
    solution_text="""def squared_multiclass_hinge(scores, target):
    true = scores.gather(1, target[:, None])               # s_y, as a column
    violation = torch.relu(scores - true + 1)              # max(0, s_k - s_y + 1) for every class k
    rival = torch.ones_like(scores, dtype=torch.bool).scatter(1, target[:, None], False)   # k != y
    return (violation**2 * rival).sum() / scores.shape[0]
# or: nn.MultiMarginLoss(p=2)(scores, target) * scores.shape[1] (torch divides by the number of classes C)""",
)


# --------------------------------------------------------------------------- q4: the bias of moved data


def bias_after_shift(w, b, shift):
    """The bias b' with w.(x + shift) + b' = w.x + b for every x: the same scores for the moved data."""
    return b - w @ shift


_Q4_CASES = (
    (np.array([0.9, -0.6]), 0.3, np.array([2.0, 0.0])),
    (np.array([1.2, 0.5, -0.8]), -0.4, np.array([1.5, -2.0, 0.5])),
)
_Q4_MISTAKES = (
    (lambda w, b, d: b + w @ d, "sign error: the moved point's score is w.x + w.shift + b', so b' = b - w.shift "
                                "keeps it equal to w.x + b."),
    (lambda w, b, d: b, "the bias must change: with the same b every score grows by w.shift, and every point's "
                        "margin changes."),
    (lambda w, b, d: b - d.sum(), "each coordinate of the shift counts with its own weight: the score changes "
                                  "by w.shift = sum_j w_j shift_j."),
    (lambda w, b, d: b - w[0] * d[0], "the shift may move every coordinate, not only x1: use the whole dot "
                                      "product w.shift."),
)


def _check_q4(answer):
    for w, b, shift in _Q4_CASES:
        out = call_answer(answer, w.copy(), b, shift.copy())
        if isinstance(out, (tuple, list)) and len(out) == 2:
            raise Incorrect("return only the new bias b' (one number); w stays as it is.")
        got = _number(out, "b'")
        want = bias_after_shift(w, b, shift)
        if _close(got, want):
            continue
        for wrong, message in _Q4_MISTAKES:
            if _close(got, wrong(w, b, shift)):
                raise Incorrect(message)
        close_enough(got, want, f"for w = {w.tolist()}, b = {b} and shift = {shift.tolist()}, b'")


q4 = Exercise(
    name="q4 derive: the bias of moved data",
    checker=_check_q4,
    hint_text="Write the score of a moved point x + shift with the new bias b': w.(x + shift) + b'. It must equal "
              "w.x + b for every x. Solve for b'.",
    reference=bias_after_shift,
    mistakes={
        "sign": (_Q4_MISTAKES[0][0], "sign error"),
        "unchanged": (_Q4_MISTAKES[1][0], "the bias must change"),
        "without w": (_Q4_MISTAKES[2][0], "its own weight"),
        "x1 only": (_Q4_MISTAKES[3][0], "not only x1"),
        "returned (w, b')": (lambda w, b, d: (w, b - w @ d), "return only the new bias"),
    },
)

exercises = Exercises(q1, q2, q3, q4)
