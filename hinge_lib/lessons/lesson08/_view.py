"""The lesson's view: move the data away from the origin, change the weight decay, and compare the two recipes.

Both recipes are fitted for every value of the slider grid when the view is made (one batched run
of the NumPy twin of torch's SGD update, :func:`._training.weight_decay_gd`, over all settings at
once), so moving a slider only looks a fit up and moves the artists: no torch, no training at
update time.
"""

from __future__ import annotations

import numpy as np

from ..._validation import check_positive
from ._figures import _check_points, plot_models

LIMITS = dict(xlim=(-5.0, 5.0), ylim=(-3.0, 3.0))  # fixed: they hold the data at every shift of the slider
RECIPES = (("w only", False, "gradient descent", "decay on w only: J (LinearSVM gd)"),
           ("all", True, "PyTorch", "decay on w and b: model.parameters()"))


def _signed(value, spec="+.3f"):
    text = format(float(value), spec)
    return text.replace("-", "+", 1) if float(text) == 0 else text  # no "-0.000"


def _batched_fits(X, y, weight_decays, shifts, decay_bias, learning_rate, n_epochs):
    """:func:`weight_decay_gd` for every (weight decay, shift) pair at once: arrays of shape (K, D) and (K,).

    The same update, with a leading axis k over the settings: the data moved by ``shifts[k]`` along
    x1, decayed by ``weight_decays[k]``.
    """
    lam, shift = np.asarray(weight_decays, dtype=float), np.asarray(shifts, dtype=float)
    Xk = np.repeat(X[None], len(lam), axis=0)
    Xk[:, :, 0] += shift[:, None]
    W, b, n = np.zeros((len(lam), X.shape[1])), np.zeros(len(lam)), len(y)
    for _ in range(n_epochs):
        scores = (Xk @ W[:, :, None])[:, :, 0] + b[:, None]  # (K, N): X_k @ w_k + b_k
        pull = (y * scores < 1.0) * y  # y_i where the hinge is active, 0 elsewhere (-N dLoss/dscore)
        grad_W = -(pull[:, None, :] @ Xk)[:, 0, :] / n + lam[:, None] * W
        grad_b = -pull.sum(axis=1) / n + (lam * b if decay_bias else 0.0)
        W, b = W - learning_rate * grad_W, b - learning_rate * grad_b
    return W, b


def _grid_fits(X, y, weight_decays, shifts, learning_rate, n_epochs):
    """(weight decay, shift) -> the view's result: the moved data and both recipes' (w, b)."""
    pairs = [(lam, s) for lam in weight_decays for s in shifts]
    lam, shift = np.array(pairs).T
    fitted = {key: _batched_fits(X, y, lam, shift, decay_bias, learning_rate, n_epochs)
              for key, decay_bias, _, _ in RECIPES}
    results = {}
    for k, (lam_k, s_k) in enumerate(pairs):
        moved = X.copy()
        moved[:, 0] += s_k
        result = dict(X=moved, weight_decay=lam_k, shift=s_k, n_epochs=n_epochs)
        for key, (W, b) in fitted.items():
            result[key] = dict(w=W[k].copy(), b=float(b[k]), distance=abs(b[k]) / np.linalg.norm(W[k]))
        results[(lam_k, s_k)] = result
    return results


def describe_bias_decay(r):
    """The view's text: both recipes' (w, b) and how far each boundary lies from the origin."""
    lines = [f"weight_decay = {r['weight_decay']:g}, data moved by {_signed(r['shift'], '+.1f')} along x1, "
             f"{r['n_epochs']} epochs of full-batch gradient descent from w = 0, b = 0"]
    for key, _, _, label in RECIPES:
        fit = r[key]
        lines.append(f"{label:<36}: w = ({_signed(fit['w'][0])}, {_signed(fit['w'][1])}), b = {_signed(fit['b'])}; "
                     f"boundary {fit['distance']:.3f} from the origin")
    lines.append(f"the two biases differ by {abs(r['all']['b'] - r['w only']['b']):.3f}")
    return "\n".join(lines)


def _title(r):
    return (f"weight_decay {r['weight_decay']:g}, shift {_signed(r['shift'], '+.1f')}: "
            f"b = {_signed(r['w only']['b'], '+.2f')} vs {_signed(r['all']['b'], '+.2f')}")


def bias_decay_view(X, y, *, weight_decay=0.1, shift=2.0, weight_decays=(0.01, 0.03, 0.1, 0.3),
                    max_shift=2.0, step=0.5, learning_rate=0.1, n_epochs=1000):
    """Sliders for the weight decay and for a shift of the data along x1; both recipes' boundaries drawn.

    The two recipes are full-batch gradient descent on the mean hinge with torch's ``weight_decay``:
    on ``w`` only (which is J(w, b), ``LinearSVM(solver="gd")``) and on ``model.parameters()``
    (``w`` and ``b``). Every fit of the slider grid is computed when the view is made.

    Parameters
    ----------
    X : array of shape (N, 2), centred data inside [-3, 3]^2; y : labels in {-1, +1}
    weight_decay, shift : the first state (``weight_decay`` one of ``weight_decays``; ``shift`` on the grid)
    weight_decays : the weight-decay slider's values
    max_shift, step : the shift slider runs from ``-max_shift`` to ``max_shift`` in steps of ``step``
    learning_rate, n_epochs : of every fit

    Returns
    -------
    hinge_lib.view.LiveView (``view.controls["weight_decay"]``, ``["shift"]``; ``view.result`` is a dict)

    Examples
    --------
    >>> from hinge_lib import make_two_class
    >>> X, y = make_two_class(seed=0)
    >>> view = bias_decay_view(X, y, shift=0.0, weight_decays=(0.1,), n_epochs=50)
    >>> view.controls["shift"].value = 2.0
    >>> view.result["shift"], view.error is None
    (2.0, True)
    """
    import ipywidgets as widgets

    from ...view import LiveView

    X, y = _check_points(X, y)
    grid = [check_positive(lam, "weight_decays") for lam in weight_decays]
    if weight_decay not in grid:
        raise ValueError(f"weight_decay must be one of weight_decays {grid}; got {weight_decay!r}.")
    max_shift, step = check_positive(max_shift, "max_shift"), check_positive(step, "step")
    n_steps = round(max_shift / step)
    if not np.isclose(n_steps * step, max_shift):
        raise ValueError(f"max_shift ({max_shift:g}) must be a whole number of steps ({step:g}).")
    shifts = [round(k * step, 10) for k in range(-n_steps, n_steps + 1)]
    if not any(np.isclose(shift, s) for s in shifts):
        raise ValueError(f"shift must be one of the slider's values {shifts}; got {shift!r}.")
    if np.abs(X[:, 1]).max() > LIMITS["ylim"][1] - 0.2 or np.abs(X[:, 0]).max() + max_shift > LIMITS["xlim"][1] - 0.2:
        raise ValueError(f"the moved data must stay inside the fixed axes {LIMITS}: use centred data inside "
                         f"[-3, 3]^2 and max_shift <= {LIMITS['xlim'][1] - 0.2 - np.abs(X[:, 0]).max():.1f}.")
    fits = _grid_fits(X, y, grid, shifts, check_positive(learning_rate, "learning_rate"),
                      check_positive(n_epochs, "n_epochs", integer=True))

    def compute(weight_decay, shift):
        return fits[(weight_decay, min(shifts, key=lambda s: abs(s - shift)))]

    def draw(fig, r):
        fig.subplots_adjust(left=0.08, right=0.99, bottom=0.21, top=0.93)
        ax = fig.add_subplot()
        drawn = plot_models(ax, r["X"], y, [(style, label, r[key]["w"], r[key]["b"])
                                           for key, _, style, label in RECIPES], **LIMITS, title=_title(r))
        fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=3, frameon=False)
        labels = np.asarray(y)

        def update(r):
            for boundary, (key, _, _, _) in zip(drawn["boundaries"], RECIPES):
                boundary.update(r[key]["w"], r[key]["b"])
            for collection, label in zip(drawn["points"], (1.0, -1.0)):
                collection.set_offsets(r["X"][labels == label])
            drawn["title"].set_text(_title(r))

        return update

    controls = {
        "weight_decay": widgets.SelectionSlider(options=[(f"{lam:g}", lam) for lam in grid], value=weight_decay,
                                                description="weight_decay"),
        "shift": widgets.FloatSlider(value=float(shift), min=-max_shift, max=max_shift, step=step,
                                     description="shift x₁", readout_format="+.1f"),
    }
    return LiveView(controls, compute, draw, describe_bias_decay, figsize=(8.4, 5.0), static_layer=True)
