"""Items 1, 2 and 4: loss + full parameter gradient against a loop, torch and the matrix-product floor;
per-epoch cost of the gd solver.

"Loss + gradient" is the whole of :func:`hinge_lib.objective.svm_objective_and_grad`: scores
``S = X @ W + b``, the loss and ``G = dloss/dS`` (the library's formula-shaped kernel), then
``grad_W = X.T @ G`` (+ ``lambda W``) and ``grad_b = sum_i G_i``. The floor is the two matrix products
alone; "core" is ``objective_and_grad``, the same computation without the input checks (the solvers
call it).
"""

from __future__ import annotations

import numpy as np

from hinge_lib.models import LinearSVM
from hinge_lib.objective import objective_and_grad, svm_objective_and_grad, svm_objective_and_grad_naive

from _common import compare

LAM = 1e-3


# ----------------------------------------------------------------------------- problems


def multiclass_problem(n, d=100, c=10, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = rng.integers(0, c, n)
    W = rng.standard_normal((d, c)) / np.sqrt(d)  # scores of order 1: about half the pairs violate
    b = 0.1 * rng.standard_normal(c)
    return X, y, W, b


def binary_problem(n, d=100, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    w_true = rng.standard_normal(d)
    y = np.where(X @ w_true + rng.standard_normal(n) >= 0, 1.0, -1.0)
    w = (w_true + rng.standard_normal(d)) / (2 * np.sqrt(d))
    return X, y, w, 0.1


# ----------------------------------------------------------------------------- the sides


def naive_multiclass(X, y, W, b, lam, margin=1.0):
    """CS231n's svm_loss_naive with a bias: one sample, then one wrong class, at a time."""
    n, c = X.shape[0], W.shape[1]
    loss, dW, db = 0.0, np.zeros_like(W), np.zeros_like(b)
    for i in range(n):
        scores = X[i] @ W + b
        true = y[i]
        for k in range(c):
            if k == true:
                continue
            v = scores[k] - scores[true] + margin
            if v > 0:
                loss += v
                dW[:, k] += X[i]
                dW[:, true] -= X[i]
                db[k] += 1.0
                db[true] -= 1.0
    return 0.5 * lam * float(np.sum(W * W)) + loss / n, dW / n + lam * W, db / n


def torch_sides(X, y, W, b, lam, binary):
    """torch forward + backward of the same objective (float64, CPU), with its result for a check."""
    import torch
    import torch.nn.functional as F

    Xt = torch.from_numpy(X)
    yt = torch.from_numpy(np.asarray(y))
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    c = None if binary else W.shape[1]

    def run():
        Wt.grad = None
        bt.grad = None
        scores = Xt @ Wt + bt
        if binary:  # the usual idiom: there is no binary hinge in torch.nn.functional
            data = torch.clamp(1.0 - yt * scores, min=0.0).mean()
        else:  # multi_margin_loss is Weston-Watkins divided by C (and by N)
            data = F.multi_margin_loss(scores, yt) * c
        J = data + 0.5 * lam * (Wt * Wt).sum()
        J.backward()
        return float(J.detach()), Wt.grad, bt.grad

    return run


def check_agree(name, ours, theirs, rtol=1e-9):
    J0, gw0, gb0 = ours
    J1, gw1, gb1 = theirs
    gw1, gb1 = np.asarray(gw1), np.asarray(gb1)
    ok = np.isclose(J0, J1, rtol=rtol, atol=0) and np.allclose(gw0, gw1, rtol=rtol, atol=1e-12)
    ok = ok and np.allclose(gb0, gb1, rtol=rtol, atol=1e-12)
    if not ok:
        raise AssertionError(f"{name} disagrees with hinge_lib: J {J0!r} vs {J1!r}")


def loss_grad_comparison(binary, sizes, repeats, naive_max, with_torch=True, log=print):
    """Time every side at every N; return one row per N: {"n", side: median seconds, ...}."""
    rows = []
    for n in sizes:
        if binary:
            X, y, W, b = binary_problem(n)
            G = np.random.default_rng(1).standard_normal(n)
            kernel_args = (X, y, W, b, LAM, "hinge", "weston_watkins", 1.0)
        else:
            X, y, W, b = multiclass_problem(n)
            G = np.random.default_rng(1).standard_normal((n, W.shape[1]))
            kernel_args = (X, y, W, b, LAM, "hinge", "weston_watkins", 1.0)
        ours = svm_objective_and_grad(X, y, W, b, LAM)
        sides = {
            "hinge_lib": lambda: svm_objective_and_grad(X, y, W, b, LAM),
            "core": lambda: objective_and_grad(*kernel_args),
            "floor": lambda: (X @ W, X.T @ G),
        }
        if with_torch:
            run_torch = torch_sides(X, y, W, b, LAM, binary)
            check_agree("torch", ours, run_torch())
            sides["torch"] = run_torch
        if n <= naive_max:
            if binary:
                naive = lambda: svm_objective_and_grad_naive(X, y, W, b, LAM)  # noqa: E731
            else:
                naive = lambda: naive_multiclass(X, y, W, b, LAM)  # noqa: E731
            check_agree("naive loop", ours, naive())
            sides["naive"] = naive
        res = compare(sides, repeats=repeats)
        row = {"n": n, **{k: v["median"] for k, v in res.items()}}
        rows.append(row)
        log(
            f"  {'binary' if binary else 'multiclass'} N={n:>8d}: "
            + ", ".join(f"{k} {v * 1e3:.3f} ms" for k, v in row.items() if k != "n")
        )
    return rows


# ----------------------------------------------------------------------------- item 4


def gd_epoch_comparison(cases, repeats, log=print):
    """Per-epoch time of LinearSVM(solver="gd") against one loss + gradient evaluation."""
    rows = []
    for case in cases:
        n, d, c, epochs = case["n"], case["d"], case["c"], case["epochs"]
        if c == 2:
            X, y, _, _ = binary_problem(n, d)
            w, b = np.zeros(d), 0.0
        else:
            X, y, _, _ = multiclass_problem(n, d, c)
            w, b = np.zeros((d, c)), np.zeros(c)
        model = LinearSVM(solver="gd", n_epochs=epochs, reg_strength=LAM)
        res = compare(
            {
                "fit": lambda: model.fit(X, y),
                "hinge_lib": lambda: svm_objective_and_grad(X, y, w, b, LAM),
                "core": lambda: objective_and_grad(X, y, w, b, LAM, "hinge", "weston_watkins", 1.0),
            },
            repeats=repeats,
        )
        row = {
            **case,
            "epoch": res["fit"]["median"] / epochs,
            "hinge_lib": res["hinge_lib"]["median"],
            "core": res["core"]["median"],
        }
        rows.append(row)
        log(
            f"  gd N={n} D={d} C={c}: epoch {row['epoch'] * 1e6:.1f} µs, eval {row['hinge_lib'] * 1e6:.1f} µs, "
            f"core {row['core'] * 1e6:.1f} µs"
        )
    return rows
