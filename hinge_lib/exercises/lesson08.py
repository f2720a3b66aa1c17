"""Exercises of lesson 08 (comparison with PyTorch).

q1  the mean binary hinge of torch tensors, so that autograd can differentiate it
q2  the Weston-Watkins loss from ``torch.nn.MultiMarginLoss`` (undo its division by C)
q3  an SGD optimiser whose weight decay reaches the weight but not the bias, as in J(w, b)

torch is imported inside the functions: importing this module does not import torch.
"""

from __future__ import annotations

import numpy as np

from ._core import Exercise, Incorrect, call_answer


def _torch():
    import torch

    return torch


def _close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------- q1


def torch_hinge(scores, y):
    import torch

    return torch.clamp(1 - y * scores, min=0).mean()  # a 0-d tensor, differentiable by autograd


_Q1_CASES = [
    ([1.5, -0.5, 0.8, -1.2, 0.3], [1.0, -1.0, 1.0, -1.0, 1.0]),  # three points inside the band or wrong
    ([-2.0, 0.25, 3.0, 0.5], [1.0, 1.0, -1.0, -1.0]),  # large violations on both sides
]


def _q1_expected(s, y):
    s, y = np.asarray(s), np.asarray(y)
    slack = 1 - y * s
    return float(np.maximum(0.0, slack).mean()), np.where(slack > 0, -y, 0.0) / s.size


def _check_q1(answer):
    torch = _torch()
    for s_list, y_list in _Q1_CASES:
        s = torch.tensor(s_list, dtype=torch.float64, requires_grad=True)
        y = torch.tensor(y_list, dtype=torch.float64)
        out = call_answer(answer, s, y)
        want, want_grad = _q1_expected(s_list, y_list)
        if not isinstance(out, torch.Tensor):
            got = float(out) if isinstance(out, (int, float, np.floating)) else None
            if got is not None and _close(got, want):
                raise Incorrect("the value is right, but you returned a Python number: return the tensor itself "
                                "(no .item() or float()), or autograd cannot differentiate the loss.")
            raise Incorrect(f"return a torch tensor (the mean hinge), not {type(out).__name__}.")
        if out.numel() != 1:
            raise Incorrect(f"return one number for the whole batch (the mean); your tensor has shape "
                            f"{tuple(out.shape)}. Reduce it with .mean().")
        got = float(out.detach())
        s_np, y_np = np.asarray(s_list), np.asarray(y_list)
        if not _close(got, want):
            if _close(got, want * len(s_list)):
                raise Incorrect("you returned the sum over the samples; the loss is the mean (use .mean()).")
            if _close(got, float((1 - y_np * s_np).mean())):
                raise Incorrect("you forgot to clamp at 0 (torch.clamp(..., min=0)): a point beyond the margin "
                                "would count as a negative loss.")
            if _close(got, float(np.maximum(0.0, 1 + y_np * s_np).mean())):
                raise Incorrect("sign error: the hinge is max(0, 1 - y s), not max(0, 1 + y s).")
            raise Incorrect(f"for scores {s_list} and labels {y_list} the mean hinge is {want:.4f}; "
                            f"yours is {got:.4f}.")
        if not out.requires_grad:
            raise Incorrect("the value is right but autograd cannot reach the scores (did you go through NumPy "
                            "or .detach()?). Use torch operations on the tensors you are given.")
        (grad,) = torch.autograd.grad(out, s)
        if not _close(grad.numpy(), want_grad):
            raise Incorrect("the value is right but the gradient is not -y/N on the points inside the margin.")


q1 = Exercise(
    name="q1 the hinge in torch",
    checker=_check_q1,
    hint_text="The same formula as in NumPy, with torch.clamp(x, min=0) in place of np.maximum(0, x); "
              "end with .mean() and return the tensor.",
    reference=torch_hinge,
    mistakes={
        "sum instead of mean": (lambda s, y: _torch().clamp(1 - y * s, min=0).sum(), "the mean"),
        "forgot the clamp": (lambda s, y: (1 - y * s).mean(), "forgot to clamp"),
        "sign error": (lambda s, y: _torch().clamp(1 + y * s, min=0).mean(), "sign error"),
        "returned a float": (lambda s, y: _torch().clamp(1 - y * s, min=0).mean().item(), "Python number"),
    },
)


# --------------------------------------------------------------------------- q2


def ww_from_multimargin(scores, target):
    import torch

    n_classes = scores.shape[1]
    return torch.nn.MultiMarginLoss()(scores, target) * n_classes  # torch divides each sample by C


def _q2_cases():
    rng = np.random.default_rng(8)
    return [(rng.normal(scale=1.2, size=(n, c)), rng.integers(0, c, size=n)) for n, c in ((5, 3), (8, 4))]


_Q2_CASES = _q2_cases()


def _check_q2(answer):
    from ..losses import multiclass_hinge_loss

    torch = _torch()
    for s, t in _Q2_CASES:
        out = call_answer(answer, torch.tensor(s), torch.tensor(t))
        try:
            got = float(out.detach()) if isinstance(out, torch.Tensor) else float(out)
        except (TypeError, ValueError):
            raise Incorrect(f"return one number (a 0-d tensor or a float); got {type(out).__name__}.") from None
        want = multiclass_hinge_loss(s, t)  # Weston-Watkins, mean over samples
        n, c = s.shape
        if _close(got, want):
            continue
        if _close(got, want / c):
            raise Incorrect("that is MultiMarginLoss's own value: it divides each sample's Weston-Watkins sum by "
                            "the number of classes C. Multiply by C to undo it.")
        if _close(got, want / c * n):
            raise Incorrect("you multiplied by the number of samples N; the factor to undo is the number of "
                            "classes C = scores.shape[1].")
        if _close(got, want / c / c):
            raise Incorrect("you divided by C again; MultiMarginLoss already divides by C, so multiply by C.")
        raise Incorrect(f"for a {n} x {c} score matrix the Weston-Watkins mean is {want:.4f}; yours is {got:.4f}.")


q2 = Exercise(
    name="q2 Weston-Watkins from MultiMarginLoss",
    checker=_check_q2,
    hint_text="nn.MultiMarginLoss computes (1/C) sum_{k != y} max(0, 1 - s_y + s_k), averaged over samples. "
              "Which factor turns that into the Weston-Watkins mean?",
    reference=ww_from_multimargin,
    mistakes={
        "forgot to rescale": (lambda s, t: _torch().nn.MultiMarginLoss()(s, t), "Multiply by C"),
        "multiplied by N": (lambda s, t: _torch().nn.MultiMarginLoss()(s, t) * s.shape[0], "number of samples N"),
        "divided by C": (lambda s, t: _torch().nn.MultiMarginLoss()(s, t) / s.shape[1], "divided by C again"),
    },
)


# --------------------------------------------------------------------------- q3


def weight_only_sgd(model, lr, weight_decay):
    import torch

    return torch.optim.SGD(
        [{"params": [model.weight], "weight_decay": weight_decay},  # lambda * w, as in J(w, b)
         {"params": [model.bias], "weight_decay": 0.0}],  # the bias is not regularised
        lr=lr,
    )


def _check_q3(answer):
    torch = _torch()
    model = torch.nn.Linear(3, 1, dtype=torch.float64)
    lr, wd = 0.05, 0.2
    opt = call_answer(answer, model, lr, wd)
    if not isinstance(opt, torch.optim.Optimizer):
        raise Incorrect(f"return a torch.optim optimiser (torch.optim.SGD), not {type(opt).__name__}.")
    settings = {}
    for group in opt.param_groups:
        for p in group["params"]:
            settings[id(p)] = (group["lr"], group.get("weight_decay", 0.0))
    w_set, b_set = settings.get(id(model.weight)), settings.get(id(model.bias))
    if w_set is None or b_set is None:
        missing = "weight" if w_set is None else "bias"
        raise Incorrect(f"model.{missing} is not in the optimiser, so it would never be trained; give the "
                        "optimiser both parameters, in two groups.")
    if not (_close(w_set[0], lr) and _close(b_set[0], lr)):
        raise Incorrect(f"both groups should use the learning rate lr = {lr}; got {w_set[0]} (weight) and "
                        f"{b_set[0]} (bias).")
    if _close(w_set[1], wd) and _close(b_set[1], 0.0):
        return
    if _close(w_set[1], wd) and _close(b_set[1], wd):
        raise Incorrect("weight decay reaches the bias too: that also shrinks b, which J(w, b) leaves alone. "
                        "Put the bias in its own group with weight_decay=0.")
    if _close(w_set[1], 0.0) and _close(b_set[1], 0.0):
        raise Incorrect("there is no weight decay at all: the weight's group needs weight_decay=weight_decay "
                        "(it plays the role of lambda).")
    if _close(w_set[1], 0.0) and _close(b_set[1], wd):
        raise Incorrect("the groups are swapped: the decay is on the bias and not on the weight.")
    raise Incorrect(f"the weight's weight_decay should be {wd} and the bias's 0; got {w_set[1]} and {b_set[1]}.")


q3 = Exercise(
    name="q3 weight decay on the weight only",
    checker=_check_q3,
    hint_text="torch.optim.SGD accepts a list of parameter groups, each a dict with 'params' and its own "
              "options: [{'params': [model.weight], 'weight_decay': ...}, {'params': [model.bias], ...}].",
    reference=weight_only_sgd,
    mistakes={
        "decay on every parameter": (
            lambda model, lr, wd: _torch().optim.SGD(model.parameters(), lr=lr, weight_decay=wd), "shrinks b"),
        "no decay": (lambda model, lr, wd: _torch().optim.SGD(model.parameters(), lr=lr), "no weight decay"),
        "forgot the bias": (
            lambda model, lr, wd: _torch().optim.SGD([model.weight], lr=lr, weight_decay=wd), "never be trained"),
        "swapped groups": (
            lambda model, lr, wd: _torch().optim.SGD(
                [{"params": [model.weight], "weight_decay": 0.0}, {"params": [model.bias], "weight_decay": wd}],
                lr=lr),
            "swapped"),
    },
)

EXERCISES = [q1, q2, q3]
