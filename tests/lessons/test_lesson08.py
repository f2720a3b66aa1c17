"""Lesson 08 (comparison with PyTorch): every torch claim of the notebook checked against the installed torch
(clamp/relu/maximum at the kink, MultiMarginLoss = Weston-Watkins / C with weights and p=2, HingeEmbeddingLoss,
SGD's weight_decay on w only and on every parameter), the bias-decay claims across settings and seeds (and
against LinearSVC, which penalises the intercept the same way), the view driven by .value, the lesson package,
the exercises and the quiz. No timing is asserted anywhere."""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib
import numpy as np
import pytest
import torch
import torch.nn as nn
from matplotlib.figure import Figure

matplotlib.use("Agg")

from hinge_lib import (LinearSVM, hinge_loss, hinge_loss_and_grad, make_two_class,  # noqa: E402
                       multiclass_hinge_loss, multiclass_hinge_loss_and_grad, svm_objective_and_grad)
from hinge_lib.lessons import lesson08  # noqa: E402
from hinge_lib.lessons.lesson08 import QUIZ, bias_decay_view, exercises, plot_models, weight_decay_gd  # noqa: E402
from hinge_lib.lessons.lesson08._exercises import KINK_POINTS, kink_gradients  # noqa: E402
from hinge_lib.lessons.lesson08._view import LIMITS, _batched_fits, describe_bias_decay  # noqa: E402
from hinge_lib.style import MODEL_STYLES  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "08_pytorch_comparison.ipynb"
SCORES, LABELS = [1.5, -0.5, 0.8, -1.2, 0.3], [1.0, -1.0, 1.0, -1.0, 1.0]
BATCH = np.array([[0.2, 1.0, -0.3], [1.5, 1.1, 0.4], [-0.2, 0.1, 0.9], [0.8, 0.7, 0.75]]), np.array([0, 0, 2, 1])
TEXT_BATCH = (np.array([[2.0, 0.5, 0.1], [0.1, 2.5, 0.3], [1.0, 2.0, 0.5], [2.5, 1.5, 1.0]]), np.array([0, 1, 1, 0]))
LAM, LR, EPOCHS = 0.1, 0.1, 1000
CLASS_WEIGHT = np.array([1.0, 2.0, 0.5])


def _notebook():
    return json.loads(NOTEBOOK.read_text())


def _code_cells():
    return ["".join(c["source"]) for c in _notebook()["cells"] if c["cell_type"] == "code"]


def _outputs():
    """Each code cell's source and its printed text, in order."""
    cells = []
    for c in _notebook()["cells"]:
        if c["cell_type"] == "code":
            text = "".join("".join(o.get("text", "")) for o in c.get("outputs", []))
            cells.append(("".join(c["source"]), text))
    return cells


def _printed(fragment):
    """The printed output of the code cell whose source contains ``fragment``."""
    hits = [text for source, text in _outputs() if fragment in source]
    assert len(hits) == 1, fragment
    return hits[0]


def _notebook_functions(*names):
    """The functions (or classes) ``names`` exactly as the notebook defines them, run in a fresh namespace."""
    import ast

    namespace = {"np": np, "torch": torch, "nn": nn}
    for source in _code_cells():
        tree = ast.parse(source.replace("%pip", "pass  # %pip"))
        wanted = [node for node in tree.body
                  if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in names]
        if wanted:
            exec(compile(ast.Module(body=wanted, type_ignores=[]), "<notebook>", "exec"), namespace)
    return [namespace[n] for n in names]


def _torch_fit(X, y, lam, lr, n_epochs, decay_bias, w0=None, b0=0.0):
    """torch.optim.SGD on the mean hinge (relu), full batch, from (w0, b0)."""
    model = nn.Linear(X.shape[1], 1, dtype=torch.float64)
    with torch.no_grad():
        model.weight.copy_(torch.zeros(1, X.shape[1], dtype=torch.float64) if w0 is None
                           else torch.tensor(np.asarray(w0, dtype=float)[None, :]))
        model.bias.fill_(b0)
    if decay_bias:
        opt = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=lam)
    else:
        opt = torch.optim.SGD([{"params": [model.weight], "weight_decay": lam},
                               {"params": [model.bias], "weight_decay": 0.0}], lr=lr)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)
    for _ in range(n_epochs):
        opt.zero_grad()
        torch.relu(1 - y_t * model(X_t).squeeze(1)).mean().backward()
        opt.step()
    return model.weight.detach().numpy().ravel().copy(), model.bias.item()


@pytest.fixture(scope="module")
def data():
    return make_two_class(seed=0)


@pytest.fixture(scope="module")
def shifted(data):
    X, y = data
    return X + np.array([2.0, 0.0]), y


# --------------------------------------------------------------------------- section 1: the binary hinge


def test_clamp_and_the_module_give_the_library_numbers():
    (HingeLoss,) = _notebook_functions("HingeLoss")
    s, y = torch.tensor(SCORES, dtype=torch.float64), torch.tensor(LABELS, dtype=torch.float64)
    per_sample = torch.clamp(1 - y * s, min=0).numpy()
    np.testing.assert_allclose(per_sample, hinge_loss(SCORES, LABELS, reduction="none"), rtol=0, atol=1e-15)
    np.testing.assert_allclose(per_sample, [0.0, 0.5, 0.2, 0.0, 0.7], rtol=0, atol=1e-15)
    assert HingeLoss()(s, y).item() == pytest.approx(0.28, abs=1e-15) == hinge_loss(SCORES, LABELS)
    assert HingeLoss(margin=2.0)(s, y).item() == pytest.approx(hinge_loss(SCORES, LABELS, margin=2.0), rel=1e-15)
    assert "0.280000   hinge_lib 0.280000" in _printed("class HingeLoss")


def test_torch_takes_labels_01_silently_and_the_library_refuses():
    (HingeLoss,) = _notebook_functions("HingeLoss")
    s, y = torch.tensor(SCORES, dtype=torch.float64), torch.tensor(LABELS, dtype=torch.float64)
    y01 = (y + 1) / 2
    assert HingeLoss()(s, y01).item() == pytest.approx(0.58, abs=1e-12)
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        hinge_loss(SCORES, y01.tolist())
    assert "0.5800 (no error" in _printed("y01 = (y + 1) / 2")


# --------------------------------------------------------------------------- section 2: autograd and the kink


@pytest.mark.parametrize("seed", range(5))
def test_autograd_equals_the_hand_gradient_away_from_the_kink(seed):
    rng = np.random.default_rng(seed)
    scores, labels = rng.normal(size=50), rng.choice([-1.0, 1.0], size=50)
    assert np.all(labels * scores != 1.0)
    for hinge in (lambda z: torch.clamp(z, min=0), torch.relu, lambda z: torch.maximum(z, torch.zeros_like(z))):
        s = torch.tensor(scores, requires_grad=True)
        hinge(1 - torch.tensor(labels) * s).mean().backward()
        np.testing.assert_array_equal(s.grad.numpy() + 0.0, hinge_loss_and_grad(scores, labels)[1] + 0.0)


def test_notebook_random_points_avoid_the_kink_and_agree():
    rng = np.random.default_rng(0)
    scores, labels = rng.normal(size=8), rng.choice([-1.0, 1.0], size=8)
    assert np.all(np.abs(labels * scores - 1) > 0.3)   # none near the kink, let alone on it
    printed = _printed("scores_r, labels_r = ").splitlines()
    assert printed[2].split()[1:] == printed[3].split()[2:]   # the autograd and the by-hand rows


def test_at_the_kink_clamp_passes_minus_y_relu_zero_maximum_half():
    y = torch.tensor([p[0] for p in KINK_POINTS], dtype=torch.float64)
    grads = {}
    for name, hinge in (("clamp", lambda z: torch.clamp(z, min=0)), ("relu", torch.relu),
                        ("maximum", lambda z: torch.maximum(z, torch.zeros_like(z)))):
        s = torch.tensor([p[1] for p in KINK_POINTS], dtype=torch.float64, requires_grad=True)
        assert torch.all(y * s == 1)
        hinge(1 - y * s).sum().backward()
        grads[name] = (s.grad.numpy() + 0.0).tolist()
    assert grads == {"clamp": [-1.0, 1.0], "relu": [0.0, 0.0], "maximum": [-0.5, 0.5]}
    assert kink_gradients() == {"clamp": (-1.0, 1.0), "relu": (0.0, 0.0)}
    library = hinge_loss_and_grad([1.0, -1.0], [1.0, -1.0], reduction="sum")[1]
    assert library.tolist() == [0.0, 0.0]
    for g in (grads["clamp"], grads["relu"], grads["maximum"], library.tolist()):   # all in the interval
        for (label, _), gi in zip(KINK_POINTS, g):
            assert min(-label, 0.0) <= gi <= max(-label, 0.0)
    printed = _printed("spellings = {")
    assert "clamp                      -1.0            +1.0" in printed and "maximum                    -0.5" in printed


@pytest.mark.parametrize("label", [1.0, -1.0])
def test_subgradient_inequality_holds_exactly_inside_the_interval(label):
    s_grid = np.linspace(-3, 3, 601)
    s0 = 1.0 / label
    for g in np.linspace(-2, 2, 41):
        holds = np.all(np.maximum(0, 1 - label * s_grid) >= g * (s_grid - s0) - 1e-12)
        assert holds == (min(-label, 0.0) - 1e-12 <= g <= max(-label, 0.0) + 1e-12), g
    printed = _printed("s_grid = np.linspace")
    assert [line.split()[-1] for line in printed.splitlines()[1:]] == ["no", "yes", "yes", "yes", "no"]


# --------------------------------------------------------------------------- section 3: MultiMarginLoss


def _random_multiclass(seed, n=12, c=4):
    rng = np.random.default_rng(seed)
    return rng.normal(scale=1.5, size=(n, c)), rng.integers(0, c, size=n), rng.uniform(0.2, 3.0, size=c)


@pytest.mark.parametrize("seed", range(4))
def test_multi_margin_loss_is_weston_watkins_divided_by_c(seed):
    S, t, w = _random_multiclass(seed, c=3 + seed)
    C = S.shape[1]
    S_t, t_t = torch.tensor(S), torch.tensor(t)
    assert nn.MultiMarginLoss()(S_t, t_t).item() * C == pytest.approx(multiclass_hinge_loss(S, t), rel=1e-12)
    assert nn.MultiMarginLoss(p=2)(S_t, t_t).item() * C == pytest.approx(
        multiclass_hinge_loss(S, t, squared=True), rel=1e-12)
    per_sample = nn.MultiMarginLoss(reduction="none")(S_t, t_t).numpy()
    np.testing.assert_allclose(per_sample * C, multiclass_hinge_loss(S, t, reduction="none"), rtol=1e-12, atol=1e-15)
    ww = multiclass_hinge_loss(S, t, reduction="none")   # weight: per class, the target's, after the power
    for p in (1, 2):
        got = nn.MultiMarginLoss(p=p, weight=torch.tensor(w))(S_t, t_t).item()
        ww_p = multiclass_hinge_loss(S, t, reduction="none", squared=p == 2)
        assert got == pytest.approx(np.mean(w[t] * ww_p) / C, rel=1e-12)
    assert nn.MultiMarginLoss(weight=torch.tensor(w))(S_t, t_t).item() != pytest.approx(
        np.sum(w[t] * ww) / np.sum(w[t]) / C, rel=1e-6)


def test_cross_entropy_weighted_mean_divides_by_the_total_weight():   # the contrast the lesson draws
    S, t, w = _random_multiclass(3)
    S_t, t_t = torch.tensor(S), torch.tensor(t)
    nll = nn.CrossEntropyLoss(reduction="none")(S_t, t_t).numpy()
    assert nn.CrossEntropyLoss(weight=torch.tensor(w))(S_t, t_t).item() == pytest.approx(
        np.sum(w[t] * nll) / np.sum(w[t]), rel=1e-12)


def test_multi_margin_gradient_is_weston_watkins_gradient_divided_by_c():
    S, t, _ = _random_multiclass(7)
    S_t = torch.tensor(S, requires_grad=True)
    nn.MultiMarginLoss()(S_t, torch.tensor(t)).backward()
    np.testing.assert_allclose(S_t.grad.numpy() * S.shape[1], multiclass_hinge_loss_and_grad(S, t)[1],
                               rtol=1e-12, atol=1e-15)


def test_only_p_1_and_2_exist():
    S, t, _ = _random_multiclass(0)
    with pytest.raises(ValueError):
        nn.MultiMarginLoss(p=3)(torch.tensor(S), torch.tensor(t))


def test_notebook_batch_numbers():
    S, t = BATCH
    mm = nn.MultiMarginLoss()(torch.tensor(S), torch.tensor(t)).item()
    assert mm == pytest.approx(0.4375, abs=1e-12) and multiclass_hinge_loss(S, t) == pytest.approx(1.3125, abs=1e-12)
    assert "0.437500   Weston-Watkins 1.312500   ratio 3.000000   C = 3" in _printed("S_np = np.array")
    weighted = nn.MultiMarginLoss(weight=torch.tensor(CLASS_WEIGHT))(torch.tensor(S), torch.tensor(t)).item()
    assert f"{weighted:.6f}" == "0.608333"
    printed = _printed("class_weight = np.array")
    assert "torch with weights            0.608333" in printed and "0.540741   (not what" in printed


def test_notebook_squared_version_matches_torch_and_the_library():
    (squared_ww,) = _notebook_functions("squared_ww")
    S, t = BATCH
    for S_, t_ in [BATCH, _random_multiclass(5)[:2], _random_multiclass(6, n=7, c=5)[:2]]:
        scores = torch.tensor(S_, requires_grad=True)
        loss = squared_ww(scores, torch.tensor(t_))
        loss.backward()
        value, grad = multiclass_hinge_loss_and_grad(S_, t_, squared=True)
        assert loss.item() == pytest.approx(value, rel=1e-12)
        np.testing.assert_allclose(scores.grad.numpy(), grad, rtol=1e-12, atol=1e-15)
        assert exercises.q3.evaluate(squared_ww)[0] == "correct"
    assert "squared_ww 1.550625   MultiMarginLoss(p=2) x C 1.550625   hinge_lib 1.550625" in _printed("value, grad =")


def test_the_tutorial_example_is_zero_because_every_sample_meets_the_margin():
    S_np, t_np = TEXT_BATCH
    S = torch.tensor(S_np, requires_grad=True)
    loss = nn.MultiMarginLoss()(S, torch.tensor(t_np))
    loss.backward()
    assert loss.item() == 0.0 and multiclass_hinge_loss(S_np, t_np) == 0.0
    true = S_np[np.arange(4), t_np]
    best_wrong = np.where(np.eye(3, dtype=bool)[t_np], -np.inf, S_np).max(axis=1)
    assert np.all(true - best_wrong >= 1.0)
    assert np.flatnonzero(true - best_wrong == 1.0).tolist() == [2, 3]   # as the prose says
    assert np.all(S.grad.numpy() == 0) and np.all(multiclass_hinge_loss_and_grad(S_np, t_np)[1] == 0)
    assert "nn.MultiMarginLoss: 0.0" in _printed("S_text = np.array")
    printed = _printed("best_wrong = np.where").splitlines()
    assert [line.endswith("on the margin") and "beyond" not in line for line in printed[1:]] == [False, False,
                                                                                                True, True]


# --------------------------------------------------------------------------- section 4: HingeEmbeddingLoss


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("margin", [0.5, 1.0, 2.0])
def test_hinge_embedding_loss_is_a_distance_loss_not_the_hinge(seed, margin):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(scale=2.0, size=30), rng.choice([-1.0, 1.0], size=30)
    got = nn.HingeEmbeddingLoss(margin=margin, reduction="none")(torch.tensor(x), torch.tensor(y)).numpy()
    np.testing.assert_allclose(got, np.where(y == 1, x, np.maximum(0.0, margin - x)), rtol=1e-15, atol=0)
    assert not np.allclose(got, hinge_loss(x, y, margin=margin, reduction="none"))


def test_hinge_embedding_on_the_lesson_scores():
    s, y = torch.tensor(SCORES, dtype=torch.float64), torch.tensor(LABELS, dtype=torch.float64)
    np.testing.assert_allclose(nn.HingeEmbeddingLoss(reduction="none")(s, y).numpy(), [1.5, 1.5, 0.8, 2.2, 0.3],
                               atol=1e-15)
    assert nn.HingeEmbeddingLoss()(torch.tensor([-2.0]), torch.tensor([1.0])).item() == -2.0
    assert "y = +1: -2.0" in _printed("embedding = nn.HingeEmbeddingLoss")


# --------------------------------------------------------------------------- section 5: timing (no timing asserted)


def test_timing_functions_compute_the_same_thing():
    numpy_og, = _notebook_functions("numpy_objective_and_grad")
    rng = np.random.default_rng(1)
    X = rng.normal(size=(500, 20))
    y = np.where(X @ rng.normal(size=20) + 0.5 * rng.normal(size=500) > 0, 1.0, -1.0)
    w = 0.1 * rng.normal(size=20)
    numpy_og.__globals__["lam"] = LAM
    J, gw, gb = numpy_og(X, y, w, 0.3)
    J_lib, gw_lib, gb_lib = svm_objective_and_grad(X, y, w, 0.3, LAM)
    assert J == pytest.approx(J_lib, rel=1e-12) and gb == pytest.approx(gb_lib, rel=1e-12)
    np.testing.assert_allclose(gw, gw_lib, rtol=1e-12, atol=1e-15)
    w_t, b_t = torch.tensor(w, requires_grad=True), torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    J_t = 0.5 * LAM * (w_t @ w_t) + torch.relu(1 - torch.tensor(y) * (torch.tensor(X) @ w_t + b_t)).mean()
    gw_t, gb_t = torch.autograd.grad(J_t, (w_t, b_t))
    assert J_t.item() == pytest.approx(J, rel=1e-12) and gb_t.item() == pytest.approx(gb, rel=1e-12)
    np.testing.assert_allclose(gw_t.numpy(), gw, rtol=1e-12, atol=1e-15)
    lines = _printed("J_t, gw_t, _ =").splitlines()
    assert lines[0].split()[2].rstrip(",") == lines[0].split()[4]   # J: NumPy ..., torch ...
    assert lines[1].split("NumPy ")[1].split(", torch ")[0] == lines[1].split(", torch ")[1]


def test_from_numpy_shares_memory():
    X = np.zeros((50, 20))
    assert torch.from_numpy(X).data_ptr() == X.ctypes.data
    assert "X_big: 50,000 x 20 floats, 8 MB" in _printed("X_big = rng.normal")


def test_the_first_optimiser_loads_the_compiler_stack():   # why the first SGD of a session is slow and big
    code = ("import sys, torch; before = 'torch._dynamo' in sys.modules; "
            "torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), lr=0.1); "
            "print(before, 'torch._dynamo' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_no_timing_is_asserted_and_the_timing_cell_is_the_only_ignored_one():
    nb = _notebook()
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    ignored = [c for c in code if "nbval-ignore-output" in c["metadata"].get("tags", [])]
    assert len(ignored) == 1 and "best_ms(" in "".join(ignored[0]["source"])
    assert not any("assert" in "".join(c["source"]) for c in code)


# --------------------------------------------------------------------------- section 6: training with SGD


def test_make_sgd_groups():
    (make_sgd,) = _notebook_functions("make_sgd")
    model = nn.Linear(2, 1, dtype=torch.float64)
    decays = {}
    for decay_bias in (False, True):
        opt = make_sgd(model, 0.1, 0.3, decay_bias)
        decays[decay_bias] = {id(p): (g["lr"], g["weight_decay"]) for g in opt.param_groups for p in g["params"]}
    assert decays[False] == {id(model.weight): (0.1, 0.3), id(model.bias): (0.1, 0.0)}
    assert decays[True] == {id(model.weight): (0.1, 0.3), id(model.bias): (0.1, 0.3)}


def test_notebook_training_numbers(shifted):
    _, train_torch, weight_decay_step = _notebook_functions("make_sgd", "train_torch", "weight_decay_step")
    X, y = shifted
    w_a, b_a = train_torch(X, y, LAM, decay_bias=False)
    w_b, b_b = train_torch(X, y, LAM, decay_bias=True)
    lib = LinearSVM(solver="gd", reg_strength=LAM, learning_rate=LR, n_epochs=EPOCHS).fit(X, y)
    np.testing.assert_allclose(np.append(w_a, b_a), np.append(lib.coef_[0], lib.intercept_), rtol=0, atol=1e-10)
    assert abs(b_b - b_a) > 0.7
    w, b = np.zeros(2), 0.0
    for _ in range(EPOCHS):
        w, b = weight_decay_step(X, y, w, b, LAM, LR, decay_bias=True)
    np.testing.assert_allclose(np.append(w, b), np.append(w_b, b_b), rtol=0, atol=1e-10)
    for decay_bias, (w_t, b_t) in ((False, (w_a, b_a)), (True, (w_b, b_b))):
        w_p, b_p = weight_decay_gd(X, y, weight_decay=LAM, n_epochs=EPOCHS, decay_bias=decay_bias)
        np.testing.assert_allclose(np.append(w_p, b_p), np.append(w_t, b_t), rtol=0, atol=1e-10)
    printed = _printed("w_a, b_a = train_torch")
    assert printed.count("+0.976967  -0.697572  -1.676667") == 2 and "+0.692627  -0.584212  -0.928012" in printed
    assert printed.count("+0.692627  -0.584212  -0.928012") == 1
    assert _printed("def weight_decay_step").count("+0.692627  -0.584212  -0.928012") == 2


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("lam, lr, shift", [(0.01, 0.05, (1.5, -0.5)), (0.3, 0.2, (-2.0, 1.0))])
def test_weight_decay_gd_is_torch_sgd_step_for_step(seed, lam, lr, shift):
    X, y = make_two_class(seed=seed)
    X = X + np.array(shift)
    rng = np.random.default_rng(seed)
    w0, b0 = rng.normal(size=2), float(rng.normal())
    for decay_bias in (False, True):
        w_np, b_np = weight_decay_gd(X, y, weight_decay=lam, learning_rate=lr, n_epochs=150, decay_bias=decay_bias,
                                     w0=w0, b0=b0)
        w_t, b_t = _torch_fit(X, y, lam, lr, 150, decay_bias, w0=w0, b0=b0)
        np.testing.assert_allclose(np.append(w_np, b_np), np.append(w_t, b_t), rtol=0, atol=1e-10)
    lib = LinearSVM(solver="gd", reg_strength=lam, learning_rate=lr, n_epochs=150).fit(X, y)
    w_np, b_np = weight_decay_gd(X, y, weight_decay=lam, learning_rate=lr, n_epochs=150, decay_bias=False)
    np.testing.assert_allclose(np.append(w_np, b_np), np.append(lib.coef_[0], lib.intercept_), rtol=0, atol=1e-10)


@pytest.mark.parametrize("seed", range(4))
def test_moving_the_data_moves_only_the_bias_of_j(seed):
    X, y = make_two_class(seed=seed)
    rng = np.random.default_rng(seed)
    base = LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)
    for d in (np.array([2.0, 0.0]), rng.normal(size=2) * 1.5):
        moved = LinearSVM(solver="exact", reg_strength=LAM).fit(X + d, y)
        np.testing.assert_allclose(moved.coef_, base.coef_, rtol=0, atol=1e-7)
        assert moved.intercept_[0] == pytest.approx(base.intercept_[0] - base.coef_[0] @ d, abs=1e-7)
        assert exercises.q4.reference(base.coef_[0], base.intercept_[0], d) == pytest.approx(moved.intercept_[0],
                                                                                             abs=1e-7)


def test_exact_fits_as_printed():
    printed = _printed("exact = [LinearSVM(solver=\"exact\"").splitlines()
    assert "w = [ 0.9763 -0.6988], b = +0.2777" in printed[0]
    assert "w = [ 0.9763 -0.6988], b = -1.6750;   b - w.d = -1.6750" in printed[1]


def test_decay_on_everything_is_j_plus_half_lambda_b_squared_as_linearsvc_solves_it(shifted):
    """LinearSVC(loss="hinge", intercept_scaling=1) minimises (1/2)(||w||^2 + b^2) + C sum hinge: with
    C = 1/(lambda N) that is J(w, b) + (lambda/2) b^2, the objective the torch recipe descends."""
    from sklearn.svm import LinearSVC

    X, y = shifted
    svc = LinearSVC(loss="hinge", C=1 / (LAM * len(y)), intercept_scaling=1.0, tol=1e-10, max_iter=1_000_000,
                    dual=True).fit(X, y)
    w, b = weight_decay_gd(X, y, weight_decay=LAM, n_epochs=20_000, learning_rate=0.02, decay_bias=True)
    np.testing.assert_allclose(np.append(w, b), np.append(svc.coef_[0], svc.intercept_), rtol=0, atol=0.02)
    exact = LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)
    assert abs(svc.intercept_[0] - exact.intercept_[0]) > 0.5   # a different objective, a different minimiser


def test_uncentred_data_slow_gradient_descent_down(data, shifted):   # the quiz's feedback
    errors = []
    for X, y in (data, shifted):
        exact = LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)
        w, b = weight_decay_gd(X, y, weight_decay=LAM, n_epochs=200, decay_bias=False)
        errors.append(abs(b - exact.intercept_[0]))
    assert errors[1] > 5 * errors[0]


def test_more_epochs_keep_the_gap(shifted):   # the quiz's feedback to "it has not converged yet"
    X, y = shifted
    exact = LinearSVM(solver="exact", reg_strength=LAM).fit(X, y)
    gaps = []
    for n_epochs in (1000, 5000):
        (w_j, b_j), (w_d, b_d) = [weight_decay_gd(X, y, weight_decay=LAM, n_epochs=n_epochs, decay_bias=d)
                                  for d in (False, True)]
        assert abs(b_j - exact.intercept_[0]) < 0.01 and np.abs(w_j - exact.coef_[0]).max() < 0.01
        gaps.append(abs(b_d - b_j))
    assert min(gaps) > 0.7 and abs(gaps[0] - gaps[1]) < 0.01


@pytest.mark.parametrize("seed", range(3))
def test_bias_decay_pulls_b_to_zero_and_matters_more_the_farther_the_data(seed):
    X, y = make_two_class(seed=seed)
    X = X - X.mean(axis=0)   # exactly centred: the shift is how far the data sit from the origin
    for lam in (0.01, 0.03, 0.1, 0.3):
        gaps = {}
        for shift in (-2.0, -1.0, 0.0, 1.0, 2.0):
            moved = X + np.array([shift, 0.0])
            (w_j, b_j), (w_d, b_d) = [weight_decay_gd(moved, y, weight_decay=lam, n_epochs=EPOCHS, decay_bias=d)
                                      for d in (False, True)]
            gaps[shift] = abs(b_d - b_j)
            if abs(shift) >= 1:   # "on moved data the penalty always shrank |b| in the tests"
                assert abs(b_d) < abs(b_j), (lam, shift)
        assert gaps[0.0] < gaps[1.0] < gaps[2.0] and gaps[0.0] < gaps[-1.0] < gaps[-2.0], (lam, gaps)


def test_the_boundary_can_end_slightly_farther_from_the_origin():   # the prose's caveat, on one draw
    X, y = make_two_class(seed=1)
    moved = X - X.mean(axis=0) + np.array([2.0, 0.0])
    (w_j, b_j), (w_d, b_d) = [weight_decay_gd(moved, y, weight_decay=0.01, n_epochs=EPOCHS, decay_bias=d)
                              for d in (False, True)]
    assert abs(b_d) < abs(b_j) and abs(b_d) / np.linalg.norm(w_d) > abs(b_j) / np.linalg.norm(w_j)


def test_shift_table_as_printed_and_quoted(data):
    X, y = data
    rows = []
    for shift in (0.0, 1.0, 2.0):
        moved = X + np.array([shift, 0.0])
        (w_j, b_j), (w_d, b_d) = [weight_decay_gd(moved, y, weight_decay=LAM, n_epochs=EPOCHS, decay_bias=d)
                                  for d in (False, True)]
        rows.append((abs(b_d - b_j), abs(b_j) / np.linalg.norm(w_j), abs(b_d) / np.linalg.norm(w_d)))
        assert rows[-1][2] < rows[-1][1]   # decay on everything: the boundary ends closer to the origin
    assert f"{rows[0][0]:.3f}" == "0.039" and f"{rows[2][0]:.3f}" == "0.749"
    printed = _printed("for shift in (0.0, 1.0, 2.0)")
    assert "0.039" in printed.splitlines()[1] and "0.749" in printed.splitlines()[3]
    markdown = "".join("".join(c["source"]) for c in _notebook()["cells"] if c["cell_type"] == "markdown")
    assert "grows from 0.039 on the centred data to 0.749 at\nshift 2" in markdown


# --------------------------------------------------------------------------- the view


@pytest.fixture(scope="module")
def view(data):
    X, y = data
    return bias_decay_view(X, y, weight_decay=0.1, shift=2.0)


def test_view_first_state_is_the_lessons_training(view, shifted):
    X, y = shifted
    r = view.result
    assert r["weight_decay"] == 0.1 and r["shift"] == 2.0 and view.error is None
    np.testing.assert_array_equal(r["X"], X)
    for key, decay_bias in (("w only", False), ("all", True)):
        w, b = weight_decay_gd(X, y, weight_decay=LAM, n_epochs=EPOCHS, decay_bias=decay_bias)
        np.testing.assert_allclose(np.append(r[key]["w"], r[key]["b"]), np.append(w, b), rtol=0, atol=1e-10)
    assert view.text == describe_bias_decay(r)
    assert "b = -1.677" in view.text and "b = -0.928" in view.text and "differ by 0.749" in view.text
    view_cell = [c for c in _notebook()["cells"] if "view" in c.get("metadata", {}).get("tags", [])][0]
    assert "".join(view_cell["outputs"][0]["data"]["text/plain"]) == view.text


def test_view_follows_its_controls(view, data):
    X, y = data
    for lam, shift in ((0.3, -1.5), (0.01, 0.0), (0.03, 2.0), (0.1, -2.0)):
        view.controls["weight_decay"].value = lam
        view.controls["shift"].value = shift
        assert view.error is None
        r = view.result
        assert (r["weight_decay"], r["shift"]) == (lam, shift)
        moved = X + np.array([shift, 0.0])
        np.testing.assert_array_equal(r["X"], moved)
        for key, decay_bias in (("w only", False), ("all", True)):
            w, b = weight_decay_gd(moved, y, weight_decay=lam, n_epochs=EPOCHS, decay_bias=decay_bias)
            np.testing.assert_allclose(np.append(r[key]["w"], r[key]["b"]), np.append(w, b), rtol=0, atol=1e-10)
        assert f"weight_decay = {lam:g}" in view.text
        ax = view.fig.axes[0]
        assert ax.get_xlim() == LIMITS["xlim"] and ax.get_ylim() == LIMITS["ylim"]
        for collection in ax.collections:   # every point stays inside the fixed axes
            offsets = collection.get_offsets()
            assert np.all((offsets[:, 0] > -5) & (offsets[:, 0] < 5) & (np.abs(offsets[:, 1]) < 3))
        assert f"shift {shift:+.1f}" in ax.get_title()
    view.controls["weight_decay"].value, view.controls["shift"].value = 0.1, 2.0


def test_view_uses_the_static_layer_and_course_styles(view):
    ax = view.fig.axes[0]   # static_layer=True: the core blits; frames, ticks and legends stay as pixels
    assert view._blitter is not None and not ax.patch.get_animated() and not ax.xaxis.get_animated()
    lines = [line for line in ax.get_lines() if line.get_label().startswith("decay")]
    assert len(lines) == 2 and all(line.get_animated() for line in lines)
    assert all(collection.get_animated() for collection in ax.collections)
    for line, style in zip(lines, ("gradient descent", "PyTorch")):
        assert matplotlib.colors.same_color(line.get_color(), MODEL_STYLES[style]["color"])
        assert line.get_linestyle() == matplotlib.lines.Line2D([], [], linestyle=MODEL_STYLES[style]["linestyle"]
                                                               ).get_linestyle()


def test_batched_fits_equal_one_fit_at_a_time(data):
    X, y = data
    lams, shifts = np.array([0.01, 0.3, 0.1]), np.array([-2.0, 0.5, 2.0])
    for decay_bias in (False, True):
        W, b = _batched_fits(X, y, lams, shifts, decay_bias, 0.1, 300)
        for k in range(3):
            w_k, b_k = weight_decay_gd(X + np.array([shifts[k], 0.0]), y, weight_decay=lams[k], n_epochs=300,
                                       decay_bias=decay_bias)
            np.testing.assert_allclose(np.append(W[k], b[k]), np.append(w_k, b_k), rtol=0, atol=1e-10)


def test_view_needs_no_torch_at_update_time(data):
    X, y = data
    code = ("import sys; import numpy as np; from hinge_lib import make_two_class; "
            "from hinge_lib.lessons.lesson08 import bias_decay_view; X, y = make_two_class(seed=0); "
            "v = bias_decay_view(X, y, n_epochs=20); v.controls['shift'].value = -1.0; "
            "print(v.error is None, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_view_rejects_bad_input(data):
    X, y = data
    with pytest.raises(ValueError, match="weight_decays"):
        bias_decay_view(X, y, weight_decay=0.2)
    with pytest.raises(ValueError, match="slider's values"):
        bias_decay_view(X, y, shift=0.3)
    with pytest.raises(ValueError, match="fixed axes"):
        bias_decay_view(X + 3.0, y)
    with pytest.raises(ValueError, match="whole number of steps"):
        bias_decay_view(X, y, max_shift=1.2, step=0.5)
    with pytest.raises(ValueError, match="features"):
        bias_decay_view(np.hstack([X, X]), y)
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        bias_decay_view(X, (y + 1) / 2)


# --------------------------------------------------------------------------- the package


def test_weight_decay_gd_examples_and_checks(data):
    X, y = data
    for bad in (-1.0, float("nan"), "0.1", True):
        with pytest.raises(ValueError, match="weight_decay must be a finite number"):
            weight_decay_gd(X, y, weight_decay=bad, decay_bias=True)
    with pytest.raises(ValueError, match=r"2\*y - 1"):
        weight_decay_gd(X, (y + 1) / 2, weight_decay=0.1, decay_bias=True)
    with pytest.raises(ValueError, match="w0 has 3 entries"):
        weight_decay_gd(X, y, weight_decay=0.1, decay_bias=True, w0=[0.0, 0.0, 0.0])
    with pytest.raises(TypeError):
        weight_decay_gd(X, y, weight_decay=0.1, decay_bias="yes")
    with pytest.raises(ValueError, match="different numbers of samples"):
        weight_decay_gd(X, y[:-1], weight_decay=0.1, decay_bias=False)
    w, b = weight_decay_gd(X, y, weight_decay=0.0, decay_bias=True, n_epochs=5)   # no decay: both recipes agree
    w_j, b_j = weight_decay_gd(X, y, weight_decay=0.0, decay_bias=False, n_epochs=5)
    assert np.array_equal(w, w_j) and b == b_j


def test_plot_models(shifted):
    X, y = shifted
    ax = Figure().add_subplot()
    models = [("gradient descent", "J", [1.0, -0.7], -1.7), ("PyTorch", "torch", [0.7, -0.6], -0.9)]
    drawn = plot_models(ax, X, y, models, title="t")
    assert len(drawn["boundaries"]) == 2 and ax.get_title() == "t"
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["J", "torch", "class +1", "class -1", "origin (0, 0)"]
    j_line, torch_line = drawn["boundaries"][0].line, drawn["boundaries"][1].line
    assert matplotlib.colors.same_color(j_line.get_color(), MODEL_STYLES["gradient descent"]["color"])
    assert matplotlib.colors.same_color(torch_line.get_color(), MODEL_STYLES["PyTorch"]["color"])
    assert j_line.get_linewidth() > torch_line.get_linewidth()   # the first drawn wide underneath
    with pytest.raises(ValueError, match="unknown model style"):
        plot_models(ax, X, y, [("torch", "x", [1.0, 0.0], 0.0)])
    with pytest.raises(ValueError, match="empty"):
        plot_models(ax, X, y, [])
    with pytest.raises(ValueError, match=r"\(style, label, w, b\)"):
        plot_models(ax, X, y, [("PyTorch", [1.0, 0.0], 0.0)])
    with pytest.raises(ValueError, match="features"):
        plot_models(ax, np.hstack([X, X]), y, [("PyTorch", "x", [1.0, 0.0], 0.0)])


def test_public_api_is_small_and_torch_free():
    assert len(lesson08.__all__) <= 7 and {"exercises", "QUIZ"} <= set(lesson08.__all__)
    assert all(hasattr(lesson08, name) for name in lesson08.__all__)
    code = "import sys, hinge_lib.lessons.lesson08; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- exercises


# The reference passing, the template "not attempted" and one message per typical mistake are checked for
# every lesson's exercises in tests/test_exercises.py.


def _template(*args):
    ...


def _forgot_return(*args):
    np.zeros(3)


@pytest.mark.parametrize("exercise", [exercises.q2, exercises.q3, exercises.q4], ids=lambda e: e.name)
def test_function_exercises_template_and_missing_return(exercise):
    assert exercise.evaluate(_template)[0] == "not attempted"
    status, message = exercise.evaluate(_forgot_return)
    assert status == "incorrect" and "return" in message


def test_notebook_templates_are_not_attempted():
    sources = [s for s in _code_cells() if "ex.q" in s and ".check(" in s]
    assert len(sources) == 4
    for source in sources:
        namespace = {"np": np, "torch": torch, "nn": nn, "ex": exercises}
        exec(compile(source.replace("ex.q", "_ = ex.q").replace(".check(", ".evaluate("), "<cell>", "exec"), namespace)
        assert namespace["_"][0] == "not attempted", source


def test_q1_forms():
    q1 = exercises.q1
    assert q1.evaluate(([-1, 1], np.array([-0.0, 0.0])))[0] == "correct"
    assert q1.evaluate({"clamp": np.array([-1.0, 1.0]), "relu": [0, 0]})[0] == "correct"
    assert q1.evaluate({"clamp": (-1.0, 1.0), "relu": (..., 0.0)})[0] == "not attempted"
    assert "missing" in q1.evaluate({"clamp": (-1.0, 1.0)})[1]
    assert "two numbers" in q1.evaluate({"clamp": (-1.0,), "relu": (0.0, 0.0)})[1]
    status, message = q1.evaluate({"clamp": (-1.0, 1.0), "relu": (0.3, 0.0)})
    assert status == "incorrect" and "valid subgradient" in message


def test_q2_other_forms():
    def with_matmul(ww, target, weight, n_classes):
        return weight[target] @ ww / (len(ww) * n_classes)

    def with_a_loop(ww, target, weight, n_classes):
        return sum(weight[t] * v / n_classes for t, v in zip(target, ww)) / len(ww)

    for answer in (with_matmul, with_a_loop):
        assert exercises.q2.evaluate(answer)[0] == "correct", answer.__name__
    status, message = exercises.q2.evaluate(lambda ww, t, w, c: np.mean(w[t] * ww) / c * 1.001)
    assert status == "incorrect" and "should be" in message
    assert "one number" in exercises.q2.evaluate(lambda ww, t, w, c: ww)[1]


def test_q3_other_forms():
    def via_torch(scores, target):
        return nn.MultiMarginLoss(p=2)(scores, target) * scores.shape[1]

    def with_a_loop(scores, target):
        total = 0
        for i in range(scores.shape[0]):
            for k in range(scores.shape[1]):
                if k != target[i]:
                    total = total + torch.clamp(scores[i, k] - scores[i, target[i]] + 1, min=0) ** 2
        return total / scores.shape[0]

    (squared_ww,) = _notebook_functions("squared_ww")
    for answer in (via_torch, with_a_loop, squared_ww):
        assert exercises.q3.evaluate(answer)[0] == "correct", getattr(answer, "__name__", answer)
    status, message = exercises.q3.evaluate(lambda s, t: exercises.q3.reference(s, t) * 1.01)
    assert status == "incorrect" and "should be" in message
    assert "one number" in exercises.q3.evaluate(lambda s, t: "loss")[1]
    assert "torch tensor" in exercises.q3.evaluate(lambda s, t: 0.5)[1]


def test_q4_other_forms():
    for answer in (lambda w, b, d: b - np.dot(d, w), lambda w, b, d: b - sum(wi * di for wi, di in zip(w, d)),
                   lambda w, b, d: np.array(b - w @ d)):
        assert exercises.q4.evaluate(answer)[0] == "correct"
    status, message = exercises.q4.evaluate(lambda w, b, d: b - 2 * w @ d)
    assert status == "incorrect" and "should be" in message


def test_hints_and_solutions_print(capsys):
    for exercise in exercises:
        exercise.hint()
        exercise.solution()
    out = capsys.readouterr().out
    assert out.count("Hint:") == 4 and out.count("Solution:") == 4 and "scatter" in out


# --------------------------------------------------------------------------- quiz


def test_quiz_format_and_explanations():
    assert 1 <= len(QUIZ) <= 3
    for q in QUIZ:
        assert q["type"] in ("multiple_choice", "numeric")
        assert "$" not in q["question"] and "\\" not in q["question"]
        assert all(a.get("feedback") for a in q["answers"])
        if q["type"] == "multiple_choice":
            assert sum(a["correct"] for a in q["answers"]) == 1


def test_quiz_numeric_factor_is_c():
    rng = np.random.default_rng(0)
    S, t = rng.normal(size=(8, 4)), rng.integers(0, 4, size=8)
    mm = nn.MultiMarginLoss()(torch.tensor(S), torch.tensor(t)).item()
    assert multiclass_hinge_loss(S, t) == pytest.approx(4 * mm, rel=1e-12)
    ranges = {a.get("correct", False): a["range"] for a in QUIZ[1]["answers"] if a["type"] == "range" and a["correct"]}
    lo, hi = ranges[True]
    assert lo < 0.3 * 4 < hi
    wrong = [a["range"] for a in QUIZ[1]["answers"] if a["type"] == "range" and not a["correct"]]
    for value in (0.3 / 4, 0.3 * 8, 0.3 * 3):
        assert any(r[0] < value < r[1] for r in wrong)


def test_quiz_which_expression_is_the_hinge():
    rng = np.random.default_rng(2)
    s_np, y_np = rng.normal(scale=2.0, size=40), rng.choice([-1.0, 1.0], size=40)
    s, y = torch.tensor(s_np), torch.tensor(y_np)
    hinge = hinge_loss(s_np, y_np)
    answers = {a["answer"]: a["correct"] for a in QUIZ[2]["answers"]}
    assert answers["torch.relu(1 - y * s).mean()"]
    assert torch.relu(1 - y * s).mean().item() == pytest.approx(hinge, rel=1e-12)
    assert nn.HingeEmbeddingLoss()(s, y).item() != pytest.approx(hinge, rel=1e-3)
    assert nn.SoftMarginLoss()(s, y).item() == pytest.approx(np.mean(np.log1p(np.exp(-y_np * s_np))), rel=1e-12)
    y01 = (y + 1) / 2
    per_point = torch.clamp(1 - y01 * s, min=0).numpy()
    assert np.all(per_point[y_np < 0] == 1.0) and torch.clamp(1 - y01 * s, min=0).mean().item() != pytest.approx(hinge)


# --------------------------------------------------------------------------- the notebook itself


def test_notebook_shape():
    nb = _notebook()
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "".join(code[0]["source"]) == textwrap.dedent('''\
        import sys
        if "google.colab" in sys.modules:  # on Colab only: install the course library first
            %pip install --quiet "hinge-course @ git+https://github.com/hinge-course/hinge-course@v2.0"''')
    sources = ["".join(c["source"]) for c in code]
    assert "torch" not in sources[1] and sources[2].startswith("import torch")   # imported where first needed
    lines = [line for s in sources for line in s.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert sum(line.lstrip().startswith("assert") for line in lines) <= 0.03 * len(lines)
    assert max(len(s.splitlines()) for s in sources) <= 13
    tags = [c.get("metadata", {}).get("tags", []) for c in code]
    assert sum("view" in t for t in tags) == 1
    assert "bias_decay_view(" in sources[[k for k, t in enumerate(tags) if "view" in t][0]]
    assert any(s.startswith("from hinge_lib import format_table") for s in sources)   # the core's printer
    assert not any("lesson08 import format_table" in s for s in sources)
    text = "".join("".join(c["source"]) for c in nb["cells"])
    for banned in ("threadpoolctl", "NBVAL", "catch_warnings", "+ 0.0", "TIME_PLACEHOLDER"):
        assert banned not in text
    markdown = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "**Estimated time:**" in markdown and "Key takeaways" in markdown
    assert "07_multiclass_hinge.ipynb" in markdown and "01_margin_geometry.ipynb#Glossary" in markdown
    for k in range(1, 5):
        assert f"**Exercise {k} (" in markdown
    exercise_cells = [k for k, s in enumerate(sources) if ".check(" in s]
    assert len(exercise_cells) == 4
    # the lesson's own version comes after each exercise, never before it
    assert sources.index(next(s for s in sources if "spellings = {" in s)) > exercise_cells[0]
    assert sources.index(next(s for s in sources if "ww / mm" in s)) > exercise_cells[1]
    assert sources.index(next(s for s in sources if "def squared_ww" in s)) > exercise_cells[2]
    assert not any("p=2" in s for s in sources[:exercise_cells[2]])
    assert sources.index(next(s for s in sources if "b0 - 2 * w0[0]" in s)) > exercise_cells[3]
    assert not any("clamp" in s and ".grad" in s and "1.0, -1.0" in s for s in sources[:exercise_cells[0]])


def _all_text(nb):
    """Everything the notebook printed or displayed as text."""
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append("".join(out["text"]))
            elif "text/plain" in out.get("data", {}):
                parts.append("".join(out["data"]["text/plain"]))
    return "\n".join(parts)


def _markdown(nb):
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_stored_outputs_unsolved_no_errors_and_the_views_picture():
    nb = _notebook()
    text = _all_text(nb)
    for k in range(1, 5):
        assert re.search(rf"\[q{k} [^\]]*\] Not attempted", text), k
    assert "Traceback" not in text and "Warning" not in text
    assert not any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))
    view_cell = [c for c in nb["cells"] if "view" in c.get("metadata", {}).get("tags", [])][0]
    data = view_cell["outputs"][0]["data"]
    assert {"application/vnd.jupyter.widget-view+json", "image/png", "text/plain"} <= set(data)   # the static picture


def test_prose_numbers_are_the_printed_numbers():
    nb = _notebook()
    text, prose = _all_text(nb), _markdown(nb)
    pairs = [
        ("$-y/N = \\mp 0.125$", "autograd  -0.125  -0.125  -0.125  -0.125  +0.125"),
        ("`torch.clamp` passes the gradient $-y$", "clamp                      -1.0            +1.0"),
        ("`torch.relu` passes 0", "relu                       +0.0            +0.0"),
        ("`torch.maximum` splits the tie, $-y/2$", "maximum                    -0.5            +0.5"),
        ("the\nlibrary picks 0", "hinge_lib                  +0.0            +0.0"),
        ("**divided by $C$**", "ratio 3.000000   C = 3"),
        ("Samples 2 and 3 sit *exactly* on the margin", "2              2.0         1.0   1.0      on the margin"),
        ("Samples 2 and 3 sit *exactly* on the margin", "3              2.5         1.5   1.0      on the margin"),
        ("a confidently right score of 1.5 costs 1.5", "0        +1.50  +1.00               +1.50"),
        ("a negative score\nis a negative loss", "HingeEmbeddingLoss of x = -2 with y = +1: -2.0"),
        ("$N = 50\\,000$ points with $D = 20$ features", "X_big: 50,000 x 20 floats, 8 MB"),
        ("grows from 0.039 on the centred data", "+0.0       0.277       0.238  0.039"),
        ("to 0.749 at\nshift 2", "+2.0      -1.677      -0.928  0.749"),
        ("40 of 40 at each weight decay", "0.01             40 of 40"),
        ("40 of 40 at each weight decay", "0.1              40 of 40                    40 of 40"),
        ("at 0.01 in 31 of 40", "0.01             40 of 40                    31 of 40"),
        ("b = {b0:+.4f}", "b = +0.2777"),
    ]
    for said, printed in pairs:
        assert said in prose or said in text or said in "".join(_code_cells()), said
        assert printed in text, printed


def test_ten_other_draws_as_printed():
    counts = {}
    for lam in (0.01, 0.1):
        smaller = nearer = 0
        for seed in range(1, 11):
            X, y = make_two_class(seed=seed)
            for shift in (-2.0, -1.0, 1.0, 2.0):
                moved = X - X.mean(axis=0) + np.array([shift, 0.0])
                (w_j, b_j), (w_d, b_d) = [weight_decay_gd(moved, y, weight_decay=lam, n_epochs=EPOCHS, decay_bias=d)
                                          for d in (False, True)]
                smaller += abs(b_d) < abs(b_j)
                nearer += abs(b_d) / np.linalg.norm(w_d) < abs(b_j) / np.linalg.norm(w_j)
        counts[lam] = (smaller, nearer)
    assert counts == {0.01: (40, 31), 0.1: (40, 40)}
    printed = _printed("for seed, shift in").splitlines()
    assert printed[1].split() == ["0.01", "40", "of", "40", "31", "of", "40"]
    assert printed[2].split() == ["0.1", "40", "of", "40", "40", "of", "40"]


EXERCISE_MINUTES = {"q1": 3, "q2": 5, "q3": 8, "q4": 3}   # the note at the end of the lesson states them


def test_exercise_kinds_and_the_optional_one():
    kinds = [e.name.split()[1] for e in exercises]
    assert kinds == ["predict:", "derive:", "transfer:", "derive:"]   # all four ask for something not on screen
    prose = _markdown(_notebook())
    optional = prose.split("### Optional: the squared version")[1].split("\n## ")[0]
    assert "**Exercise 3 (transfer).**" in optional
    for k in (1, 2, 4):
        assert f"**Exercise {k} (" in prose.split("### Optional")[0] + prose.split("\n## 4")[1]


def test_stated_time_follows_the_walkthrough_model():
    """Lesson 07's walkthrough model (stated in the note at the end) gives the stated 59 and 11 minutes."""
    nb = _notebook()
    core = optional = minutes = 0.0
    is_optional = False

    def close_section():
        nonlocal core, optional, minutes
        if is_optional:
            optional += minutes
        else:
            core += minutes
        minutes = 0.0

    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            src = re.sub(r"```.*?```", lambda m: " ".join(["x"] * len(m.group(0).split())), src, flags=re.S)
            for line in src.splitlines():
                if line.startswith("## ") or line.startswith("### Optional"):
                    close_section()
                    is_optional = line.startswith("### Optional")
                minutes += len(re.findall(r"[A-Za-z0-9']+", line)) / 150
            continue
        tags = cell["metadata"].get("tags", [])
        lines = [ln for ln in src.splitlines() if ln.strip()]
        minutes += len(lines) * 4 / 60 + 5 / 60
        exercise = [v for k, v in EXERCISE_MINUTES.items() if f"ex.{k}.check" in src]
        minutes += sum(exercise) + (len(QUIZ) if "show_quiz" in src else 0) + (2 if "view" in tags else 0)
        outputs = cell.get("outputs", [])
        minutes += 0.5 * sum("image/png" in o.get("data", {}) for o in outputs if "view" not in tags)
        if not exercise and any(o.get("output_type") == "stream" for o in outputs):
            minutes += 20 / 60
    close_section()
    assert round(core) == 59 and core <= 60
    assert round(optional) == 11
    prose = _markdown(nb)
    assert "**Estimated time:** about 59 minutes" in prose and "adds about 11" in prose
    assert "walkthrough estimates" in prose and "(exercise 3, about 11 minutes)" in prose
    assert "exercises 1, 2 and 4 at 3, 5 and 3 minutes (the optional exercise 3 at 8)" in prose
    assert "prose at 150 words a minute, code 4 s a line plus 5 s to run, 20 s per printed result" in prose
