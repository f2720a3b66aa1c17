"""One sample's multi-class hinge, class by class, and the view that moves its scores.

:func:`_breakdown` computes, for one sample's scores, each wrong class's gap ``s_k - s_c + margin``,
both losses and both gradients (from :func:`hinge_lib.multiclass_hinge_loss_and_grad`, nothing
re-derived here). :func:`multiclass_hinge_view` is a :class:`hinge_lib.view.LiveView` whose
``compute`` is that breakdown: a figure drawn once (bars, a threshold line, texts) whose artists
are moved in place, over a static layer that is drawn once (axes, ticks, labels, legends) with
fixed axis limits.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from hinge_lib import multiclass_hinge_loss_and_grad
from hinge_lib._validation import as_float_array, check_margin
from hinge_lib.style import COLORS
from hinge_lib.view import LiveView

SCORE_LIMIT = 3.0  # the sliders run over [-SCORE_LIMIT, SCORE_LIMIT]
LOSS_COLORS = {"weston_watkins": COLORS["blue"], "crammer_singer": COLORS["orange"]}


def _breakdown(scores, true_class, margin=1.0):
    """Weston-Watkins and Crammer-Singer loss and gradient of one sample, with the gap of each class.

    Returns a dict: ``scores``, ``true_class``, ``margin``, ``gaps`` (``s_k - s_c + margin``, NaN on
    the true class), ``ww_loss``, ``cs_loss``, ``ww_grad``, ``cs_grad`` (d loss / d scores, one
    entry per class) and ``worst`` (the wrong class with the largest score, Crammer-Singer's pick;
    the lowest index on a tie, as in the library).

    >>> r = _breakdown([2.0, 1.5, 1.8], 0)
    >>> round(r["ww_loss"], 12), round(r["cs_loss"], 12), r["worst"], r["ww_grad"].tolist(), r["cs_grad"].tolist()
    (1.3, 0.8, 2, [-2.0, 1.0, 1.0], [-1.0, 0.0, 1.0])
    """
    margin = check_margin(margin)
    s = as_float_array(scores, "scores", ndim=1)
    if s.size < 2:
        raise ValueError(f"scores needs one entry per class, at least two; got {s.size}.")
    if isinstance(true_class, (bool, np.bool_)) or not isinstance(true_class, (int, np.integer)):
        raise ValueError(f"true_class must be an integer class index; got {true_class!r}.")
    if not 0 <= true_class < s.size:
        raise ValueError(f"true_class must lie in [0, {s.size - 1}] (one index per score); got {true_class}.")
    c = int(true_class)
    result = dict(scores=s, true_class=c, margin=margin)
    for kind, short in (("weston_watkins", "ww"), ("crammer_singer", "cs")):
        loss, grad = multiclass_hinge_loss_and_grad(s[None, :], [c], margin=margin, kind=kind, reduction="sum")
        result[f"{short}_loss"], result[f"{short}_grad"] = float(loss), grad[0] + 0.0  # + 0.0: no -0 entries
    gaps = s - s[c] + margin
    gaps[c] = np.nan
    result["gaps"] = gaps
    wrong = np.delete(np.arange(s.size), c)
    result["worst"] = int(wrong[np.argmax(s[wrong])])
    return result


def _describe(r):
    """The breakdown as a few aligned lines: one per class, then both losses."""
    m = f"{r['margin']:g}"
    lines = [f"true class {r['true_class']}, margin {m}",
             f"class   score   gap s_k - s_c + {m}   WW term   WW grad   CS grad"]
    for k, score in enumerate(r["scores"]):
        if k == r["true_class"]:
            gap, term = "(true class)", "-"
        else:
            gap, term = f"{r['gaps'][k]:+.2f}", f"{max(0.0, r['gaps'][k]):.2f}"
        lines.append(f"{k:<5} {score:+7.2f}   {gap:>18}   {term:>7}   {r['ww_grad'][k]:+7.0f}   {r['cs_grad'][k]:+7.0f}")
    lines.append(f"Weston-Watkins loss {r['ww_loss']:.2f} (sum of the terms), "
                 f"Crammer-Singer loss {r['cs_loss']:.2f} (largest term, class {r['worst']})")
    return "\n".join(lines)


def _loss_title(r):
    return f"WW loss {r['ww_loss']:.2f} (sum), CS loss {r['cs_loss']:.2f} (largest)"


def _draw(fig, r):
    """Draw the breakdown ``r`` once; return ``update(r)``, which moves the artists to a new breakdown."""
    n = r["scores"].size
    k = np.arange(n)
    left = fig.add_axes([0.08, 0.30, 0.38, 0.61])
    right = fig.add_axes([0.585, 0.30, 0.38, 0.61])

    # left: the scores, the line every wrong score must stay below, and the violations above it
    bars = left.bar(k, r["scores"], width=0.6, color=COLORS["grey"], alpha=0.55, edgecolor=COLORS["black"])
    over = left.bar(k, np.zeros(n), width=0.28, color=COLORS["vermillion"], alpha=0.8, zorder=3)
    threshold = left.plot([-0.5, n - 0.5], [0.0, 0.0], color=COLORS["black"], linestyle="--", linewidth=1.8)[0]
    left.axhline(0.0, color=COLORS["grey"], linewidth=0.8)
    gap_texts = [left.text(i, 0.0, "", ha="center", va="bottom", fontsize=12, color=COLORS["vermillion"])
                 for i in k]
    true_text = left.text(0, 0.0, "true", ha="center", va="bottom", fontsize=12, color=COLORS["green"],
                          fontweight="bold")
    left.set(xlim=(-0.6, n - 0.4), ylim=(-SCORE_LIMIT - 1.5, SCORE_LIMIT + 0.8), xticks=k,
             xticklabels=[f"class {i}" for i in k], ylabel="score s_k")
    left.grid(axis="x", visible=False)
    left_title = left.set_title(_loss_title(r), fontsize=13, y=1.0)
    left.legend(handles=[Patch(color=COLORS["green"], alpha=0.7, label="true class score"),
                         Patch(color=COLORS["grey"], alpha=0.55, label="wrong class score"),
                         Line2D([], [], color=COLORS["black"], linestyle="--", label="s_true - margin"),
                         Patch(color=COLORS["vermillion"], alpha=0.8, label="violation (one WW term)")],
                loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=11, frameon=False)

    # right: the gradient of each loss with respect to each score
    width = 0.36
    ww_bars = right.bar(k - width / 2, r["ww_grad"], width, color=LOSS_COLORS["weston_watkins"], label="Weston-Watkins")
    cs_bars = right.bar(k + width / 2, r["cs_grad"], width, color=LOSS_COLORS["crammer_singer"], label="Crammer-Singer")
    right.axhline(0.0, color=COLORS["black"], linewidth=0.8)
    right.set(xlim=(-0.6, n - 0.4), ylim=(-(n - 1) - 0.5, 1.5), xticks=k, xticklabels=[f"class {i}" for i in k],
              yticks=np.arange(-(n - 1), 2), ylabel="d loss / d s_k")
    right.grid(axis="x", visible=False)
    right.set_title("gradient with respect to each score", fontsize=13, y=1.0)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, fontsize=11, frameon=False)

    def update(r):
        s, c = r["scores"], r["true_class"]
        line = s[c] - r["margin"]
        threshold.set_ydata([line, line])
        for i, (bar, violation, text) in enumerate(zip(bars, over, gap_texts)):
            bar.set_height(s[i])
            bar.set_facecolor(COLORS["green"] if i == c else COLORS["grey"])
            bar.set_alpha(0.7 if i == c else 0.55)
            active = i != c and r["gaps"][i] > 0
            violation.set_y(line)
            violation.set_height(r["gaps"][i] if active else 0.0)
            text.set_position((i, max(s[i], 0.0) + 0.05))
            text.set_text(f"{r['gaps'][i]:.2f}" if active else "")
        true_text.set_position((c, max(s[c], 0.0) + 0.05))
        left_title.set_text(_loss_title(r))
        for bar, g in zip(ww_bars, r["ww_grad"]):
            bar.set_height(g)
        for bar, g in zip(cs_bars, r["cs_grad"]):
            bar.set_height(g)

    update(r)
    return update


def multiclass_hinge_view(scores=(2.0, 1.5, 1.8), true_class=0, *, step=0.1):
    """Sliders for one sample's three scores and a choice of its true class: both losses, term by term.

    Left: the three scores as bars, the line ``s_true - margin`` that every wrong score must stay
    below, and each wrong class's violation above that line (its Weston-Watkins term; Crammer-Singer
    keeps only the tallest). Right: the gradient of each loss with respect to each score. The text
    under the figure gives the same numbers class by class. The margin is 1.

    Parameters
    ----------
    scores : three numbers in [-3, 3], the starting scores
    true_class : 0, 1 or 2
    step : float, the sliders' step

    Returns
    -------
    hinge_lib.view.LiveView
        Controls ``"s0"``, ``"s1"``, ``"s2"`` (sliders) and ``"true_class"`` (toggle buttons);
        ``view.result`` is the breakdown (a dict with the gaps, both losses and both gradients).

    Examples
    --------
    >>> view = multiclass_hinge_view((2.0, 1.5, 1.8), 0)
    >>> view.controls["s1"].value = 0.5     # class 1 drops a full margin below class 0
    >>> view.result["ww_loss"] == view.result["cs_loss"], view.error is None
    (True, True)
    """
    import ipywidgets as widgets

    s = as_float_array(scores, "scores", ndim=1)
    if s.size != 3 or np.abs(s).max() > SCORE_LIMIT:
        raise ValueError(f"the view shows three scores in [-{SCORE_LIMIT:g}, {SCORE_LIMIT:g}]; got {s.tolist()}.")
    _breakdown(s, true_class)  # checks the true class with the breakdown's messages

    def slider(k):
        return widgets.FloatSlider(value=float(s[k]), min=-SCORE_LIMIT, max=SCORE_LIMIT, step=step,
                                   description=f"score s{k}", readout_format=".1f")

    controls = {f"s{k}": slider(k) for k in range(3)}
    controls["true_class"] = widgets.ToggleButtons(options=[(str(k), k) for k in range(3)], value=int(true_class),
                                                   description="true class")

    def compute(s0, s1, s2, true_class):
        return _breakdown([s0, s1, s2], true_class)

    return LiveView(controls, compute, _draw, _describe, figsize=(9.5, 4.1), static_layer=True)
