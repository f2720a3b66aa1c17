"""What other libraries call "hinge", written in NumPy from their sources, to compare with ours.

Nothing here imports torch or keras: these are the libraries' formulas, re-implemented so the
lessons can show the differences (and the tests check each one against the installed library
where it is installed).

* ``torch.nn.MultiMarginLoss``: Weston-Watkins **divided by the number of classes C**, each
  sample's term multiplied by ``weight[y]``; ``reduction="mean"`` then divides by N (not by the
  sum of the weights).
* ``torch.nn.HingeEmbeddingLoss``: ``x`` where ``y = 1`` and ``max(0, margin - x)`` where
  ``y = -1``; ``x`` is a *distance*, not a score, so it is not ``max(0, 1 - y x)``.
* ``keras.losses.categorical_hinge``: ``max(0, 1 + max_k (1 - t_k) p_k - sum_k t_k p_k)``; the
  true class's slot still takes part in the max with the value 0, so it is not exactly
  Crammer-Singer when every wrong score is negative.
* ``torch.optim.SGD(weight_decay=lambda)`` adds ``lambda * p`` to the gradient of every parameter
  it is given; given ``model.parameters()`` that includes the bias, which J(w, b) leaves alone.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import (
    REDUCTIONS,
    as_float_array,
    check_binary_labels,
    check_choice,
    check_margin,
    check_multiclass_scores_labels,
    check_positive,
    check_same_length,
)
from .losses import _reduce, multiclass_hinge_loss


def torch_multi_margin_loss(scores, y, *, p=1, margin=1.0, weight=None, reduction="mean"):
    """``torch.nn.MultiMarginLoss`` in NumPy: ``(1/C) sum_{k != y} weight[y] max(0, margin - s_y + s_k)^p``.

    Examples
    --------
    >>> s = [[3.0, 2.5, 2.75]]
    >>> torch_multi_margin_loss(s, [0])           # Weston-Watkins 1.25, divided by C = 3
    0.4166666666666667
    >>> round(3 * torch_multi_margin_loss(s, [0]), 12), multiclass_hinge_loss(s, [0])
    (1.25, 1.25)
    """
    check_choice(reduction, "reduction", REDUCTIONS)
    if p not in (1, 2):
        raise ValueError(f"p must be 1 or 2 (torch supports only these); got {p!r}.")
    s, y = check_multiclass_scores_labels(scores, y)
    n_classes = s.shape[1]
    per_sample = multiclass_hinge_loss(s, y, margin=check_margin(margin), kind="weston_watkins",
                                       squared=p == 2, reduction="none") / n_classes
    if weight is not None:
        weight = as_float_array(weight, "weight", ndim=1)
        if weight.shape[0] != n_classes:
            raise ValueError(f"weight needs one entry per class ({n_classes}); got {weight.shape[0]}.")
        per_sample = per_sample * weight[y]  # per class, picked by each sample's target
    return _reduce(per_sample, reduction)


def torch_hinge_embedding_loss(x, y, *, margin=1.0, reduction="mean"):
    """``torch.nn.HingeEmbeddingLoss`` in NumPy: ``x`` where ``y == 1``, ``max(0, margin - x)`` where ``y == -1``.

    Examples
    --------
    >>> torch_hinge_embedding_loss([0.3, 2.0, 0.3, 2.0], [1, 1, -1, -1], reduction="none").tolist()
    [0.3, 2.0, 0.7, 0.0]
    """
    check_choice(reduction, "reduction", REDUCTIONS)
    x = as_float_array(x, "x", ndim=1)
    y = check_binary_labels(y)
    check_same_length(x, y, "x", "y")
    per_sample = np.where(y == 1, x, np.maximum(0.0, check_margin(margin) - x))
    return _reduce(per_sample, reduction)


def keras_categorical_hinge(y_true, y_pred):
    """``keras.losses.categorical_hinge`` in NumPy, one value per sample.

    ``pos = sum(y_true * y_pred)``, ``neg = max((1 - y_true) * y_pred)``, ``max(0, neg - pos + 1)``
    with one-hot ``y_true``. The max runs over *all* slots, and the true class's slot is 0.

    Examples
    --------
    >>> keras_categorical_hinge([[1, 0]], [[-3.0, -5.0]]).tolist()   # Crammer-Singer gives 0 here
    [4.0]
    """
    t = as_float_array(y_true, "y_true", ndim=2)
    p = as_float_array(y_pred, "y_pred", ndim=2)
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same shape; got {t.shape} and {p.shape}.")
    if not (((t == 0) | (t == 1)).all() and (t.sum(axis=1) == 1).all()):
        raise ValueError("y_true must be one-hot: each row a single 1 and zeros elsewhere.")
    pos = (t * p).sum(axis=1)
    neg = ((1.0 - t) * p).max(axis=1)
    return np.maximum(0.0, neg - pos + 1.0)


def weight_decay_gd(X, y, *, weight_decay, learning_rate, n_epochs, decay_bias, w0=None, b0=0.0):
    """Full-batch gradient descent on the mean hinge, with torch-style ``weight_decay``.

    Each step is what ``torch.optim.SGD(lr, weight_decay)`` does on the mean hinge of a linear
    model: ``p <- p - lr * (dLoss/dp + weight_decay * p)`` for each parameter in the decayed
    group. ``decay_bias=False`` decays ``w`` only, which is gradient descent on J(w, b) with
    ``lambda = weight_decay`` (``LinearSVM(solver="gd")``); ``decay_bias=True`` decays ``b`` too
    (``weight_decay`` on ``model.parameters()``), which minimises ``J(w, b) + lambda/2 * b**2``.
    At the kink the hinge's gradient is 0 (``torch.relu``'s choice and this library's).

    Returns
    -------
    w : ndarray of shape (D,)
    b : float

    Examples
    --------
    >>> X, y = np.array([[3.0, 0.0], [-3.0, 0.0]]), np.array([1.0, -1.0])   # both beyond the margin
    >>> for decay_bias in (False, True):   # only the decay moves the parameters
    ...     w, b = weight_decay_gd(X, y, weight_decay=0.1, learning_rate=0.1, n_epochs=1,
    ...                            decay_bias=decay_bias, w0=[1.0, 0.0], b0=1.0)
    ...     print(f"decay_bias={decay_bias}: w = [{w[0]:.3f}, {w[1]:.3f}], b = {b:.3f}")
    decay_bias=False: w = [0.990, 0.000], b = 1.000
    decay_bias=True: w = [0.990, 0.000], b = 0.990
    """
    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    lam = float(weight_decay)
    if not np.isfinite(lam) or lam < 0:
        raise ValueError(f"weight_decay must be a finite number >= 0; got {weight_decay!r}.")
    lr = check_positive(learning_rate, "learning_rate")
    n_epochs = check_positive(n_epochs, "n_epochs", integer=True)
    n = X.shape[0]
    w = np.zeros(X.shape[1]) if w0 is None else as_float_array(w0, "w0", ndim=1).copy()
    b = float(b0)
    for _ in range(n_epochs):
        active = y * (X @ w + b) < 1.0  # strictly inside the margin: gradient -y, else 0
        grad_w = -(X[active].T @ y[active]) / n + lam * w
        grad_b = -y[active].sum() / n + (lam * b if decay_bias else 0.0)
        w = w - lr * grad_w
        b = b - lr * grad_b
    return w, float(b)


class BiasDecayComparison(NamedTuple):
    """Two gradient-descent fits of the same data, weight decay on ``w`` only and on ``(w, b)``."""

    X: np.ndarray  # the (shifted) data both were trained on
    weight_only: tuple  # (w, b): J(w, b), the bias left alone
    all_params: tuple  # (w, b): weight_decay on every parameter, bias included
    weight_decay: float
    shift: float


def compare_bias_decay(X, y, *, weight_decay, learning_rate=0.1, n_epochs=200, shift=0.0):
    """Train :func:`weight_decay_gd` twice on ``X`` moved by ``shift`` along ``x1``: without and with bias decay.

    Moving the data away from the origin changes only the bias J needs (the best ``b`` moves by
    ``-w1 * shift``); decaying the bias pulls it back towards 0, so the farther the data sit from
    the origin, the more the two boundaries differ.
    """
    X = as_float_array(X, "X", ndim=2) + np.array([float(shift)] + [0.0] * (np.shape(X)[1] - 1))
    fits = [weight_decay_gd(X, y, weight_decay=weight_decay, learning_rate=learning_rate, n_epochs=n_epochs,
                            decay_bias=decay_bias) for decay_bias in (False, True)]
    return BiasDecayComparison(X, fits[0], fits[1], float(weight_decay), float(shift))
