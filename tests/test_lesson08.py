"""Lesson 08 (comparison with PyTorch): frameworks.py against the installed torch (MultiMarginLoss,
HingeEmbeddingLoss, SGD weight decay), the claims the notebook makes (factor C, the kink, the
example that prints 0.0, bias decay), the widget, and the lesson's exercises beyond the generic checks."""

import subprocess
import sys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
import torch.nn as nn

from hinge_lib import (LinearSVM, hinge_loss, hinge_loss_grad, make_two_class, multiclass_hinge_loss,
                       multiclass_hinge_loss_grad)
from hinge_lib.exercises import CORRECT, INCORRECT
from hinge_lib.exercises import lesson08 as ex
from hinge_lib.frameworks import (compare_bias_decay, torch_hinge_embedding_loss, torch_multi_margin_loss,
                                  weight_decay_gd)
from hinge_lib.widgets import bias_decay_figure, bias_decay_view, format_bias_decay

# The 4-sample, 3-class example that circulates in tutorials (reference section 7).
TEXT_SCORES = [[2.0, 0.5, 0.1], [0.1, 2.5, 0.3], [1.0, 2.0, 0.5], [2.5, 1.5, 1.0]]
TEXT_TARGETS = [0, 1, 1, 0]


@pytest.fixture(autouse=True)
def torch_warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def random_multiclass(seed, n=12, c=4):
    rng = np.random.default_rng(seed)
    return rng.normal(scale=1.5, size=(n, c)), rng.integers(0, c, size=n), rng.uniform(0.2, 3.0, size=c)


# --------------------------------------------------------------------------- MultiMarginLoss


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("margin", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_numpy_twin_matches_torch_multi_margin_loss(seed, p, margin, weighted, reduction):
    S, t, w = random_multiclass(seed)
    kwargs = dict(p=p, margin=margin, reduction=reduction)
    torch_loss = nn.MultiMarginLoss(weight=torch.tensor(w) if weighted else None, **kwargs)(
        torch.tensor(S), torch.tensor(t))
    ours = torch_multi_margin_loss(S, t, weight=w if weighted else None, **kwargs)
    np.testing.assert_allclose(ours, torch_loss.numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", range(4))
def test_multi_margin_loss_is_weston_watkins_divided_by_c(seed):
    S, t, w = random_multiclass(seed, c=3 + seed)
    C = S.shape[1]
    S_t, t_t = torch.tensor(S), torch.tensor(t)
    assert nn.MultiMarginLoss()(S_t, t_t).item() * C == pytest.approx(multiclass_hinge_loss(S, t), rel=1e-12)
    assert nn.MultiMarginLoss(p=2)(S_t, t_t).item() * C == pytest.approx(
        multiclass_hinge_loss(S, t, squared=True), rel=1e-12)
    # weight is per class, picked by each sample's target; the mean still divides by N
    per_sample = multiclass_hinge_loss(S, t, reduction="none")
    weighted = nn.MultiMarginLoss(weight=torch.tensor(w))(S_t, t_t).item()
    assert weighted == pytest.approx(np.mean(w[t] * per_sample) / C, rel=1e-12)
    assert weighted != pytest.approx(np.sum(w[t] * per_sample) / C / np.sum(w[t]), rel=1e-6)


def test_multi_margin_loss_gradient_is_weston_watkins_gradient_divided_by_c():
    S, t, _ = random_multiclass(7)
    S_t = torch.tensor(S, requires_grad=True)
    nn.MultiMarginLoss()(S_t, torch.tensor(t)).backward()
    np.testing.assert_allclose(S_t.grad.numpy() * S.shape[1], multiclass_hinge_loss_grad(S, t), rtol=1e-12,
                               atol=1e-15)


def test_only_p_1_and_2_exist_in_torch_and_in_the_twin():
    S, t, _ = random_multiclass(0)
    with pytest.raises(ValueError):
        nn.MultiMarginLoss(p=3)(torch.tensor(S), torch.tensor(t))
    with pytest.raises(ValueError, match="p must be 1 or 2"):
        torch_multi_margin_loss(S, t, p=3)


def test_the_tutorial_example_is_zero_because_every_sample_meets_the_margin():
    S = torch.tensor(TEXT_SCORES, dtype=torch.float64, requires_grad=True)
    loss = nn.MultiMarginLoss()(S, torch.tensor(TEXT_TARGETS))
    loss.backward()
    assert loss.item() == 0.0 and multiclass_hinge_loss(TEXT_SCORES, TEXT_TARGETS) == 0.0
    scores = np.array(TEXT_SCORES)
    true = scores[np.arange(4), TEXT_TARGETS]
    best_wrong = np.where(np.eye(3, dtype=bool)[TEXT_TARGETS], -np.inf, scores).max(axis=1)
    assert np.all(true - best_wrong >= 1.0)
    assert np.flatnonzero(true - best_wrong == 1.0).tolist() == [2, 3]  # samples 3 and 4 sit on the margin
    # torch and the library both give a term that is exactly 0 a zero gradient
    assert np.all(S.grad.numpy() == 0) and np.all(multiclass_hinge_loss_grad(TEXT_SCORES, TEXT_TARGETS) == 0)


def test_the_notebook_batch_has_a_nonzero_loss():
    S = np.array([[0.2, 1.0, -0.3], [1.5, 1.1, 0.4], [-0.2, 0.1, 0.9], [0.8, 0.7, 0.75]])
    t = np.array([0, 0, 2, 1])
    assert multiclass_hinge_loss(S, t) > 0
    assert nn.MultiMarginLoss()(torch.tensor(S), torch.tensor(t)).item() * 3 == pytest.approx(
        multiclass_hinge_loss(S, t), rel=1e-12)


# --------------------------------------------------------------------------- HingeEmbeddingLoss


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("margin", [0.5, 1.0, 2.0])
def test_hinge_embedding_twin_matches_torch_and_is_not_the_hinge(seed, margin):
    rng = np.random.default_rng(seed)
    x = rng.normal(scale=2.0, size=30)
    y = rng.choice([-1.0, 1.0], size=30)
    for reduction in ("mean", "sum", "none"):
        expected = nn.HingeEmbeddingLoss(margin=margin, reduction=reduction)(torch.tensor(x), torch.tensor(y))
        np.testing.assert_allclose(torch_hinge_embedding_loss(x, y, margin=margin, reduction=reduction),
                                   expected.numpy(), rtol=1e-12, atol=1e-15)
    per_sample = torch_hinge_embedding_loss(x, y, margin=margin, reduction="none")
    assert np.array_equal(per_sample[y == 1], x[y == 1])  # the "loss" of a y = 1 pair is the input itself
    assert not np.allclose(per_sample, hinge_loss(x, y, margin=margin, reduction="none"))


# --------------------------------------------------------------------------- the binary hinge and its kink


def test_clamp_expression_and_module_give_the_library_numbers():
    scores, labels = [1.5, -0.5, 0.8, -1.2, 0.3], [1.0, -1.0, 1.0, -1.0, 1.0]
    s, y = torch.tensor(scores, dtype=torch.float64), torch.tensor(labels, dtype=torch.float64)
    assert ex.torch_hinge(s, y).item() == pytest.approx(hinge_loss(scores, labels), rel=1e-15)
    np.testing.assert_allclose(torch.clamp(1 - y * s, min=0).numpy(), hinge_loss(scores, labels, reduction="none"))


@pytest.mark.parametrize("seed", range(5))
def test_autograd_equals_the_hand_gradient_away_from_the_kink(seed):
    rng = np.random.default_rng(seed)
    scores, labels = rng.normal(size=50), rng.choice([-1.0, 1.0], size=50)
    assert np.all(labels * scores != 1.0)
    for fn in (lambda z: torch.clamp(z, min=0), torch.relu):
        s = torch.tensor(scores, requires_grad=True)
        fn(1 - torch.tensor(labels) * s).mean().backward()
        np.testing.assert_allclose(s.grad.numpy(), hinge_loss_grad(scores, labels), rtol=1e-15, atol=0)


def test_at_the_kink_clamp_passes_minus_y_and_relu_passes_zero_like_the_library():
    y = torch.tensor([1.0, -1.0], dtype=torch.float64)
    s_clamp = torch.tensor([1.0, -1.0], dtype=torch.float64, requires_grad=True)
    s_relu = torch.tensor([1.0, -1.0], dtype=torch.float64, requires_grad=True)
    torch.clamp(1 - y * s_clamp, min=0).sum().backward()
    torch.relu(1 - y * s_relu).sum().backward()
    assert s_clamp.grad.tolist() == [-1.0, 1.0]
    assert (s_relu.grad + 0.0).tolist() == [0.0, 0.0]
    assert hinge_loss_grad([1.0, -1.0], [1.0, -1.0], reduction="sum").tolist() == [0.0, 0.0]


# --------------------------------------------------------------------------- training with weight decay


def _torch_fit(X, y, lam, lr, n_epochs, decay_bias, w0=None, b0=0.0):
    model = nn.Linear(X.shape[1], 1, dtype=torch.float64)
    with torch.no_grad():
        model.weight.copy_(torch.zeros(1, X.shape[1], dtype=torch.float64) if w0 is None
                           else torch.tensor(np.asarray(w0)[None, :]))
        model.bias.fill_(b0)
    if decay_bias:
        opt = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=lam)
    else:
        opt = ex.weight_only_sgd(model, lr, lam)
    X_t, y_t = torch.tensor(X), torch.tensor(y)
    for _ in range(n_epochs):
        opt.zero_grad()
        torch.relu(1 - y_t * model(X_t).squeeze(1)).mean().backward()
        opt.step()
    return model.weight.detach().numpy().ravel(), model.bias.item()


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("lam, lr", [(0.01, 0.05), (0.1, 0.1), (0.5, 0.2)])
def test_weight_decay_on_w_only_is_gradient_descent_on_j(seed, lam, lr):
    X, y = make_two_class(seed=seed)
    X = X + np.array([1.5, -0.5])
    lib = LinearSVM(solver="gd", reg_strength=lam, learning_rate=lr, n_epochs=150).fit(X, y)
    w_np, b_np = weight_decay_gd(X, y, weight_decay=lam, learning_rate=lr, n_epochs=150, decay_bias=False)
    w_t, b_t = _torch_fit(X, y, lam, lr, 150, decay_bias=False)
    for w_, b_ in ((w_np, b_np), (w_t, b_t)):
        np.testing.assert_allclose(w_, lib.coef_[0], rtol=0, atol=1e-10)
        assert b_ == pytest.approx(lib.intercept_[0], abs=1e-10)


@pytest.mark.parametrize("seed", range(3))
def test_numpy_twin_of_decay_on_every_parameter_matches_torch(seed):
    X, y = make_two_class(seed=seed)
    rng = np.random.default_rng(seed)
    w0, b0 = rng.normal(size=2), float(rng.normal())
    w_np, b_np = weight_decay_gd(X, y, weight_decay=0.2, learning_rate=0.1, n_epochs=100, decay_bias=True,
                                 w0=w0, b0=b0)
    w_t, b_t = _torch_fit(X, y, 0.2, 0.1, 100, decay_bias=True, w0=w0, b0=b0)
    np.testing.assert_allclose(w_np, w_t, rtol=0, atol=1e-10)
    assert b_np == pytest.approx(b_t, abs=1e-10)


@pytest.mark.parametrize("lam", [0.03, 0.1, 0.3])
def test_bias_decay_pulls_b_towards_zero_and_matters_more_the_farther_the_data(lam):
    X, y = make_two_class(seed=0)
    diffs = []
    for shift in (0.0, 1.0, 2.0):
        c = compare_bias_decay(X, y, weight_decay=lam, shift=shift)
        assert abs(c.all_params[1]) < abs(c.weight_only[1])
        diffs.append(abs(c.all_params[1] - c.weight_only[1]))
    assert diffs[0] < diffs[1] < diffs[2]


def test_shifting_the_data_moves_only_the_bias_of_the_exact_minimiser_of_j():
    X, y = make_two_class(seed=0)
    base = LinearSVM(solver="exact", reg_strength=0.1).fit(X, y)
    moved = LinearSVM(solver="exact", reg_strength=0.1).fit(X + np.array([2.0, 0.0]), y)
    np.testing.assert_allclose(moved.coef_, base.coef_, rtol=1e-6, atol=1e-8)
    assert moved.intercept_[0] == pytest.approx(base.intercept_[0] - 2.0 * base.coef_[0, 0], abs=1e-6)


def test_weight_decay_gd_validates():
    X, y = make_two_class(seed=0)
    with pytest.raises(ValueError, match="weight_decay"):
        weight_decay_gd(X, y, weight_decay=-1.0, learning_rate=0.1, n_epochs=1, decay_bias=True)
    with pytest.raises(ValueError, match="2\\*y - 1"):
        weight_decay_gd(X, (y + 1) / 2, weight_decay=0.1, learning_rate=0.1, n_epochs=1, decay_bias=True)


# --------------------------------------------------------------------------- widget


def test_bias_decay_widget_follows_its_controls():
    X, y = make_two_class(seed=0)
    view = bias_decay_view(X, y, weight_decay=0.1, shift=0.0)
    view.controls["shift"].value = 2.0
    view.controls["weight_decay"].value = 0.3
    expected = compare_bias_decay(X, y, weight_decay=0.3, shift=2.0)
    assert view.result.shift == 2.0 and view.result.weight_decay == 0.3
    np.testing.assert_array_equal(view.result.weight_only[0], expected.weight_only[0])
    assert view.result.all_params[1] == expected.all_params[1]
    assert view.text == format_bias_decay(expected) and "shifted by +2.0" in view.text
    fig = bias_decay_figure(expected, y)
    ax = fig.axes[0]
    assert "b = " in ax.get_title() and ax.get_xlim()[1] == 5.0
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:2] == ["decay on $w$ only (J)", "decay on $w$ and $b$"] and "origin" in labels
    plt.close("all")


# --------------------------------------------------------------------------- import hygiene and exercises


def test_the_library_never_imports_torch():
    code = ("import sys, hinge_lib, hinge_lib.frameworks, hinge_lib.multiclass, hinge_lib.widgets, "
            "hinge_lib.plotting, hinge_lib.exercises.lesson07, hinge_lib.exercises.lesson08; "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_other_correct_answers_are_accepted():
    class Hinge(nn.Module):
        def forward(self, scores, y):
            return torch.relu(1 - y * scores).mean()

    assert ex.q1.evaluate(Hinge()).status == CORRECT
    assert ex.q2.evaluate(lambda s, t: multiclass_hinge_loss(s.numpy(), t.numpy())).status == CORRECT

    def by_name(model, lr, weight_decay):
        decay = [p for n, p in model.named_parameters() if n != "bias"]
        return torch.optim.SGD([{"params": decay, "weight_decay": weight_decay},
                                {"params": [model.bias], "weight_decay": 0.0}], lr=lr)

    assert ex.q3.evaluate(by_name).status == CORRECT


def test_a_detached_answer_is_told_about_autograd():
    result = ex.q1.evaluate(lambda s, y: torch.clamp(1 - y * s, min=0).mean().detach())
    assert result.status == INCORRECT and "autograd" in result.message
