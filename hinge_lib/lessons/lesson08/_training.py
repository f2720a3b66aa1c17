"""Gradient descent on the mean hinge with PyTorch-style ``weight_decay``, in NumPy.

``torch.optim.SGD(params, lr, weight_decay)`` (no momentum) updates every parameter ``p`` it was
given by ``p <- p - lr * (dLoss/dp + weight_decay * p)``. Given ``model.parameters()`` of an
``nn.Linear`` that is the weight *and* the bias; J(w, b) regularises the weight only. The lesson
writes this loop out with torch; this is its NumPy twin (the tests check it against the installed
torch), which the lesson's view runs, so the view needs no torch.
"""

from __future__ import annotations

from numbers import Real

import numpy as np

from ..._validation import as_float_array, check_binary_labels, check_bool, check_positive, check_same_length


def weight_decay_gd(X, y, *, weight_decay, learning_rate=0.1, n_epochs=1000, decay_bias, w0=None, b0=0.0):
    """Full-batch gradient descent on the mean hinge of ``f(x) = w.x + b`` with torch's ``weight_decay``.

    ``decay_bias=False`` decays ``w`` only: gradient descent on J(w, b) with lambda = ``weight_decay``,
    as ``LinearSVM(solver="gd")`` runs it. ``decay_bias=True`` decays ``b`` too (``weight_decay`` on
    ``model.parameters()``): gradient descent on J(w, b) + (lambda / 2) b^2. At the kink (y f = 1) the
    hinge's gradient is 0, as with ``torch.relu`` and in :mod:`hinge_lib.losses`.

    Returns
    -------
    w : ndarray of shape (D,), b : float

    Examples
    --------
    >>> X, y = np.array([[3.0, 0.0], [-3.0, 0.0]]), np.array([1.0, -1.0])   # both beyond the margin
    >>> for decay_bias in (False, True):   # so only the decay moves the parameters
    ...     w, b = weight_decay_gd(X, y, weight_decay=0.1, learning_rate=0.1, n_epochs=1,
    ...                            decay_bias=decay_bias, w0=[1.0, 0.0], b0=1.0)
    ...     print(f"decay_bias={decay_bias}: w = {w.tolist()}, b = {b:.2f}")
    decay_bias=False: w = [0.99, 0.0], b = 1.00
    decay_bias=True: w = [0.99, 0.0], b = 0.99
    """
    X = as_float_array(X, "X", ndim=2)
    y = check_binary_labels(y)
    check_same_length(X, y, "X", "y")
    if isinstance(weight_decay, bool) or not isinstance(weight_decay, Real) or not np.isfinite(weight_decay) \
            or weight_decay < 0:
        raise ValueError(f"weight_decay must be a finite number >= 0 (it plays lambda); got {weight_decay!r}.")
    lam, lr = float(weight_decay), check_positive(learning_rate, "learning_rate")
    n_epochs, decay_bias = check_positive(n_epochs, "n_epochs", integer=True), check_bool(decay_bias, "decay_bias")
    w = np.zeros(X.shape[1]) if w0 is None else as_float_array(w0, "w0", ndim=1).copy()
    if w.shape[0] != X.shape[1]:
        raise ValueError(f"w0 has {w.shape[0]} entries but X has {X.shape[1]} features.")
    b, n = float(b0), len(y)
    for _ in range(n_epochs):
        active = y * (X @ w + b) < 1.0  # hinge loss > 0: gradient -y_i; 0 at and beyond the margin
        grad_w = -(y[active] @ X[active]) / n + lam * w
        grad_b = -y[active].sum() / n + (lam * b if decay_bias else 0.0)
        w, b = w - lr * grad_w, b - lr * grad_b
    return w, float(b)

