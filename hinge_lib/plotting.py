"""Figures of the course, drawn the same way in every lesson.

One look throughout: class +1 is a blue circle, class -1 an orange square (Okabe-Ito colours,
safe for colour-blind readers, and the marker shape carries the class too); the decision
boundary is a solid black line, the margin lines are dashed grey, and support vectors get a
large hollow ring. Plotting functions only draw: every number comes from the pure functions of
the library (geometry, losses, support).

Every function takes an optional ``ax`` and returns it, so figures compose.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from . import margin_losses
from .geometry import project_onto_hyperplane
from .support import support_vector_mask

# Okabe-Ito palette
BLUE, ORANGE, GREEN, VERMILLION = "#0072B2", "#E69F00", "#009E73", "#D55E00"
PURPLE, SKY, YELLOW, BLACK, GREY = "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#777777"
PALETTE = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK]

CLASS_STYLE = {
    +1: dict(color=BLUE, marker="o", label="class +1"),
    -1: dict(color=ORANGE, marker="s", label="class -1"),
}
# Labels the shared helpers put on every figure are plain Unicode (x₁, f(x) = ±1), not $...$ mathtext:
# widgets redraw them at every update and mathtext is parsed anew for each new figure.
BOUNDARY_STYLE = dict(color=BLACK, linestyle="-", linewidth=2.0)
MARGIN_STYLE = dict(color=GREY, linestyle="--", linewidth=1.5)
SUPPORT_STYLE = dict(s=260, facecolors="none", edgecolors=VERMILLION, linewidths=2.0)

COURSE_RC = {
    "figure.figsize": (6.4, 4.8),
    "figure.dpi": 80,
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "legend.fontsize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": plt.cycler(color=PALETTE),
}


def use_course_style():
    """Apply the course's matplotlib settings (large, readable text; colour-blind-safe cycle)."""
    plt.rcParams.update(COURSE_RC)


def _ax(ax):
    return plt.gca() if ax is None else ax


def plot_points(X, y, *, ax=None, s=50, alpha=0.9, labels=True):
    """Scatter the two classes with the course's colours *and* marker shapes."""
    ax = _ax(ax)
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    for label, style in CLASS_STYLE.items():
        pts = X[y == label]
        ax.scatter(pts[:, 0], pts[:, 1], s=s, alpha=alpha, edgecolors="white", linewidths=0.5,
                   c=style["color"], marker=style["marker"], label=style["label"] if labels else None, zorder=3)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    return ax


def _line_points(w, b, level, xlim, ylim):
    """Two points of the line w.x + b = level inside the box, or None if it misses the box."""
    w1, w2 = float(w[0]), float(w[1])
    if abs(w2) >= abs(w1):
        xs = np.array(xlim, dtype=float)
        return xs, (level - b - w1 * xs) / w2
    ys = np.array(ylim, dtype=float)
    return (level - b - w2 * ys) / w1, ys


def plot_boundary(w, b, *, ax=None, margins=True, xlim=(-3, 3), ylim=(-3, 3), label="boundary f(x) = 0",
                  shade=False, **style):
    """Draw ``w.x + b = 0`` (solid) and, if ``margins``, the margin lines ``w.x + b = +-1`` (dashed)."""
    ax = _ax(ax)
    w = np.asarray(w, dtype=float).ravel()
    b = float(np.ravel(b)[0])
    if not np.any(w):
        raise ValueError("w is the zero vector: there is no boundary to draw.")
    if shade:
        xx, yy = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
        f = w[0] * xx + w[1] * yy + b
        ax.contourf(xx, yy, np.clip(f, -1, 1), levels=[-1, -0.999, 0, 0.999, 1],
                    colors=[ORANGE, ORANGE, BLUE, BLUE], alpha=0.08)
    xs, ys = _line_points(w, b, 0.0, xlim, ylim)
    ax.plot(xs, ys, label=label, **{**BOUNDARY_STYLE, **style})
    if margins:
        for level, lab in ((1.0, "margins f(x) = ±1"), (-1.0, None)):
            xs, ys = _line_points(w, b, level, xlim, ylim)
            ax.plot(xs, ys, label=lab, **MARGIN_STYLE)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal", adjustable="box")
    return ax


def plot_support_vectors(X, y, w, b, *, ax=None, mask=None, label="support vectors"):
    """Ring the support vectors: hinge loss > 0 by default, or the points of ``mask``."""
    ax = _ax(ax)
    X = np.asarray(X, dtype=float)
    if mask is None:
        mask = support_vector_mask(X @ np.asarray(w, dtype=float).ravel() + float(np.ravel(b)[0]), y)
    ax.scatter(X[mask, 0], X[mask, 1], label=f"{label} ({int(np.sum(mask))})", zorder=4, **SUPPORT_STYLE)
    return ax


def plot_classifier(X, y, w, b, *, ax=None, title=None, support=True, xlim=(-3, 3), ylim=(-3, 3),
                    legend=True, shade=True):
    """The standard picture: points, boundary, margin lines and support vectors."""
    ax = _ax(ax)
    plot_boundary(w, b, ax=ax, xlim=xlim, ylim=ylim, shade=shade)
    plot_points(X, y, ax=ax)
    if support:
        plot_support_vectors(X, y, w, b, ax=ax)
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="lower left", framealpha=0.9)
    return ax


def plot_distances(X, w, b, *, ax=None, indices=None, color=GREEN):
    """Draw the perpendicular from each chosen point to the boundary (its distance)."""
    ax = _ax(ax)
    X = np.asarray(X, dtype=float)
    idx = np.arange(len(X)) if indices is None else np.asarray(indices)
    feet = project_onto_hyperplane(X[idx], w, b)
    for k, (p, q) in enumerate(zip(X[idx], feet)):
        ax.plot([p[0], q[0]], [p[1], q[1]], color=color, linewidth=1.5, linestyle=":",
                label="distance to boundary" if k == 0 else None, zorder=2)
    return ax


MARGIN_LOSS_STYLES = {
    "0-1": dict(func=margin_losses.zero_one, color=BLACK, linestyle="-", drawstyle="steps-mid"),
    "hinge": dict(func=margin_losses.hinge, color=VERMILLION, linestyle="-"),
    "squared hinge": dict(func=margin_losses.squared_hinge, color=BLUE, linestyle="--"),
    "logistic (base 2)": dict(func=margin_losses.logistic, color=GREEN, linestyle="-."),
    "squared error": dict(func=margin_losses.squared_error, color=PURPLE, linestyle=":"),
}


def plot_margin_losses(names=("0-1", "hinge", "logistic (base 2)", "squared error"), *, ax=None,
                       m_range=(-2.0, 3.0), ylim=(-0.1, 4.0), title="Losses as functions of the margin $m = y f(x)$"):
    """Plot several losses against the functional margin on one axis."""
    ax = _ax(ax)
    m = np.linspace(*m_range, 1001)
    for name in names:
        style = dict(MARGIN_LOSS_STYLES[name])
        func = style.pop("func")
        ax.plot(m, func(m), label=name, linewidth=2.2, **style)
    ax.axvline(1.0, color=GREY, linewidth=1, linestyle=":")
    ax.set_xlabel("margin $m = y\\,f(x)$")
    ax.set_ylabel("loss")
    ax.set_ylim(ylim)
    ax.set_title(title)
    ax.legend()
    return ax


def plot_history(history, *, axes=None, title="Training"):
    """Mean loss / objective and support-vector count per epoch, side by side."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(11, 4))
    ax1, ax2 = axes
    epochs = history["epoch"]
    ax1.plot(epochs, history["loss"], color=VERMILLION, label="mean hinge loss")
    ax1.plot(epochs, history["objective"], color=BLUE, linestyle="--", label="objective $J(w, b)$")
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("value")
    ax1.set_title(f"{title}: loss")
    ax1.legend()
    ax2.plot(epochs, history["n_support"], color=GREEN, label="support vectors")
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("count")
    ax2.set_title(f"{title}: support vectors")
    ax2.legend()
    return axes


def plot_margin_geometry(X, y, w, b, *, ax=None, distances=None, title=None, xlim=(-3, 3), ylim=(-3, 3),
                         numbers=True, band=True, legend=True):
    """Lesson 01's picture: numbered points, boundary, both margin lines, perpendicular distances
    for the points in ``distances`` (labelled with their length) and the band width ``2 / ||w||``."""
    from .geometry import distance_to_hyperplane, margin_width

    ax = _ax(ax)
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float).ravel()
    b = float(b)
    plot_boundary(w, b, ax=ax, xlim=xlim, ylim=ylim, shade=True)
    plot_points(X, y, ax=ax, s=70)
    if numbers:
        for i, (x1, x2) in enumerate(X):
            ax.annotate(str(i), (x1, x2), xytext=(7, 5), textcoords="offset points", fontsize=11, zorder=5)
    if distances is not None and len(distances):
        idx = np.asarray(list(distances), dtype=int)
        plot_distances(X, w, b, ax=ax, indices=idx)
        feet = project_onto_hyperplane(X[idx], w, b)
        for d, p, q in zip(distance_to_hyperplane(X[idx], w, b), X[idx], feet):
            mid = (p + q) / 2
            ax.annotate(f"{d:.2f}", mid, xytext=(4, -12), textcoords="offset points", fontsize=10, color=GREEN,
                        zorder=5)
    if band:
        # A double arrow across the band, at the foot of the perpendicular from the centre of the data.
        foot = project_onto_hyperplane(X.mean(axis=0, keepdims=True), w, b)[0]
        step = w / float(w @ w)  # moves f by exactly 1
        lo, hi = foot - step, foot + step
        ax.annotate("", hi, lo, arrowprops=dict(arrowstyle="<->", color=VERMILLION, linewidth=1.8), zorder=4)
        ax.plot([], [], color=VERMILLION, linewidth=1.8, label=f"band width $2/\\|w\\|$ = {margin_width(w):.2f}")
    if title:
        ax.set_title(title)
    if legend:  # outside the axes, so it hides no point
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10, framealpha=0.9)
    return ax


def plot_hinge_case(cases, *, ax=None, s_range=(-3.0, 3.0), title=None):
    """Lesson 02's picture: the hinge loss of a point with label ``y`` as a function of its score, the
    0-1 loss for reference, the flat region shaded, and each case (see ``margin_losses.hinge_case``)
    marked on the curve with its loss. All cases must share one label."""
    ax = _ax(ax)
    cases = [cases] if hasattr(cases, "margin") else list(cases)
    labels = {c.y for c in cases}
    if len(labels) != 1:
        raise ValueError(f"plot_hinge_case draws one label at a time; got labels {sorted(labels)}.")
    y = labels.pop()
    s = np.linspace(*s_range, 1201)
    ax.plot(s, margin_losses.hinge(y * s), color=VERMILLION, linewidth=2.4, label=f"hinge $\\max(0, 1 - y f)$")
    ax.plot(s, margin_losses.zero_one(y * s), color=BLACK, linewidth=1.5, linestyle="--", label="0-1 loss")
    flat = (s[0], 1.0 / y) if y < 0 else (1.0 / y, s[-1])
    ax.axvspan(*flat, color=GREEN, alpha=0.12, hatch="//", label="flat region (loss 0)")
    for c in cases:
        ax.plot([c.score, c.score], [0.0, c.loss], color=BLUE, linestyle=":", linewidth=2)
        ax.plot(c.score, c.loss, **{k: CLASS_STYLE[int(y)][k] for k in ("color", "marker")}, markersize=11,
                markeredgecolor="white", linestyle="none", zorder=4)
        ax.annotate(f"loss {c.loss:.2f}", (c.score, c.loss), xytext=(8, 6), textcoords="offset points",
                    fontsize=11)
    ax.plot([], [], linestyle="none", label=f"the point{'s' if len(cases) > 1 else ''} (y = {y:+.0f})",
            **{k: CLASS_STYLE[int(y)][k] for k in ("color", "marker")}, markersize=9)
    ax.set_xlim(s_range)
    ax.set_ylim(-0.1, 1.0 + max(abs(s_range[0]), abs(s_range[1])) + 0.2)
    ax.set_xlabel("score $f(x)$")
    ax.set_ylabel("loss")
    if title is None:
        if len(cases) == 1:
            c = cases[0]
            title = f"y = {y:+.0f}, f(x) = {c.score:+.2f}: margin {c.margin + 0.0:+.2f}, hinge {c.loss:.2f}"
        else:
            title = f"Hinge loss of a point with label y = {y:+.0f}"
    ax.set_title(title)
    ax.legend(loc="upper center", fontsize=10, framealpha=0.9)
    return ax


# --------------------------------------------------------------------------- lessons 03-04: gradients and training


def plot_expected_loss(loss, ps, *, ax=None, f_range=(-3.0, 3.0), title=None, ylim=None):
    """Expected loss ``p loss(f) + (1 - p) loss(-f)`` against the score ``f`` for each ``p`` in ``ps``,
    each curve's minimiser on the grid marked (``margin_losses.expected_loss_minimiser``)."""
    ax = _ax(ax)
    f = np.linspace(*f_range, 1201)
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    for k, p in enumerate(ps):
        color, marker = PALETTE[k % len(PALETTE)], markers[k % len(markers)]
        risk = margin_losses.expected_loss(loss, f, p)
        best = float(margin_losses.expected_loss_minimiser(loss, p, f))
        linestyle = ["-", "--", "-.", ":"][k % 4]
        ax.plot(f, risk, color=color, linewidth=2, linestyle=linestyle)
        ax.plot(best, float(margin_losses.expected_loss(loss, best, p)), marker=marker, color=color,
                markersize=10, markeredgecolor="black", linestyle="none", zorder=4)
        # legend entry with the curve's line style AND its marker: with more curves than line styles,
        # colour must not be the only cue that tells two curves apart
        ax.plot([], [], color=color, linewidth=2, linestyle=linestyle, marker=marker, markersize=8,
                markeredgecolor="black", label=f"p = {p:.2f}")
    ax.set_xlabel("score $f$")
    ax.set_ylabel("expected loss")
    if ylim is not None:
        ax.set_ylim(ylim)
    if title:
        ax.set_title(title)
    ax.legend(fontsize=10, ncol=2, loc="upper center", title="marker: minimiser", title_fontsize=10)
    return ax


def _legend_below(ax, ncol=2):
    """A legend under the axes, where it hides no data point."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=ncol, fontsize=10, frameon=False)


def _boundary_unless_zero(w, b, ax, xlim, ylim):
    """plot_boundary, except that w = 0 (no boundary: every point scores b) only sets the view."""
    if np.any(w):
        return plot_boundary(w, b, ax=ax, xlim=xlim, ylim=ylim, shade=True)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal", adjustable="box")
    return ax


def _plot_fit(X, y, w, b, support, ax, xlim, ylim, sv_label="support vectors"):
    """Shaded sides, boundary and margins (if w != 0), the points, and the ``support`` mask ringed."""
    _boundary_unless_zero(w, b, ax, xlim, ylim)
    plot_points(X, y, ax=ax)
    plot_support_vectors(X, y, w, b, ax=ax, mask=support, label=sv_label)
    return ax


def plot_hinge_subgradients(*, axes=None, s_range=(-1.0, 3.0), slopes=(-1.0, -0.75, -0.5, -0.25, 0.0)):
    """The hinge of a class +1 point against its score, and its (sub)derivative.

    Left: ``max(0, 1 - s)`` with the supporting lines ``g (s - 1)`` through the kink for the given
    slopes, each a valid subgradient (all lie below the curve). Right: the derivative, ``-1`` then
    ``0``, with the whole interval ``[-1, 0]`` at the kink and the library's choice (0) marked.
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 4.8))
    ax1, ax2 = axes
    s = np.linspace(*s_range, 401)
    ax1.plot(s, margin_losses.hinge(s), color=VERMILLION, linewidth=2.6, label="hinge $\\max(0, 1 - s)$", zorder=3)
    for k, g in enumerate(slopes):
        ax1.plot(s, g * (s - 1.0), color=GREY, linewidth=1.2, linestyle="--",
                 label="lines $g\\,(s - 1)$, $g \\in [-1, 0]$" if k == 0 else None)
    ax1.plot([1.0], [0.0], marker="o", color=BLACK, markersize=8, linestyle="none", label="kink at $s = 1$", zorder=4)
    ax1.set_ylim(-1.0, 2.2)
    ax1.set_xlim(s_range)
    ax1.set_xlabel("score $s = f(x)$ (label $y = +1$)")
    ax1.set_ylabel("loss")
    ax1.set_title("Every line through the kink with slope in $[-1, 0]$\nstays below the hinge")
    ax1.legend(loc="upper right", fontsize=10)

    left, right = s[s < 1.0], s[s > 1.0]
    ax2.plot(left, np.full_like(left, -1.0), color=VERMILLION, linewidth=2.6, label="derivative: $-y = -1$ for $s < 1$")
    ax2.plot(right, np.zeros_like(right), color=BLUE, linewidth=2.6, linestyle="-.", label="derivative: $0$ for $s > 1$")
    ax2.plot([1.0, 1.0], [-1.0, 0.0], color=GREY, linewidth=6, alpha=0.5, label="subgradients at $s = 1$: $[-1, 0]$")
    ax2.plot([1.0], [0.0], marker="o", color=BLACK, markersize=9, linestyle="none", label="hinge_lib's choice: 0", zorder=4)
    ax2.set_ylim(-1.3, 1.3)
    ax2.set_xlim(s_range)
    ax2.set_xlabel("score $s = f(x)$ (label $y = +1$)")
    ax2.set_ylabel("$d\\,$loss$\\,/\\,ds$")
    ax2.set_title("The derivative jumps at the kink")
    ax2.legend(loc="upper left", fontsize=10)
    return axes


def plot_gradient_breakdown(X, y, w, b, reg_strength, *, axes=None, xlim=(-3, 3), ylim=(-3, 3)):
    """Which points the hinge gradient sees at ``(w, b)``, in the plane and on the hinge curve.

    Left: boundary, margins, points, the active points (margin < 1) ringed, and the arrows ``w``
    and ``-grad_w J`` from the origin. Right: every point placed on the hinge at its margin; only
    those on the sloped part (slope -1) contribute to the gradient.
    """
    from .objective import gradient_breakdown

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 5))
    ax1, ax2 = axes
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.asarray(w, dtype=float).ravel()
    g = gradient_breakdown(X, y, w, b, reg_strength)
    n_active, n = int(g.active.sum()), len(y)

    _boundary_unless_zero(w, b, ax1, xlim, ylim)
    plot_points(X, y, ax=ax1)
    plot_support_vectors(X, y, w, b, ax=ax1, mask=g.active, label="active: margin < 1")
    # w from the origin; from its tip, the direction a gradient step moves it (unit length: the
    # gradient's size is in the title of the widget's text, its direction is what the picture shows)
    arrows = [(np.zeros(2), w, BLACK, "w")]
    norm = float(np.linalg.norm(g.grad_w))
    if norm > 0:
        arrows.append((w, w - g.grad_w / norm, VERMILLION, "−∇w J (direction)"))
    for start, end, color, text in arrows:
        ax1.annotate("", xy=tuple(end), xytext=tuple(start), zorder=5,
                     arrowprops=dict(arrowstyle="-|>", color=color, linewidth=2.5, mutation_scale=18,
                                     shrinkA=0, shrinkB=0))
        ax1.annotate(text, xy=tuple(end), xytext=(6, -14), textcoords="offset points", color=color,
                     fontsize=13, zorder=5, bbox=dict(facecolor="white", alpha=0.8, edgecolor="none", pad=1))
    # plain-text labels (no $...$ mathtext) in this widget figure: parsing mathtext again at every
    # redraw cost about a fifth of an update
    ax1.set_title(f"{n_active} of {n} points are active")
    _legend_below(ax1)

    lo, hi = min(-1.5, float(g.margins.min()) - 0.3), max(3.0, float(g.margins.max()) + 0.3)
    m = np.linspace(lo, hi, 400)
    ax2.plot(m, margin_losses.hinge(m), color=VERMILLION, linewidth=2.2, label="hinge max(0, 1 − m)")
    ax2.axvline(1.0, color=GREY, linestyle=":", linewidth=1.5, label="kink at m = 1")
    for label, style in CLASS_STYLE.items():
        sel = y == label
        ax2.scatter(g.margins[sel], margin_losses.hinge(g.margins[sel]), c=style["color"], marker=style["marker"],
                    s=45, edgecolors="white", linewidths=0.5, zorder=3, label=style["label"])
    ax2.scatter(g.margins[g.active], margin_losses.hinge(g.margins[g.active]), zorder=4,
                label="active: slope −1", **{**SUPPORT_STYLE, "s": 140})
    ax2.set_xlim(lo, hi)
    ax2.set_xlabel("margin m = y f(x)")
    ax2.set_ylabel("hinge loss")
    ax2.set_title(f"Only points with m < 1 have a gradient ({n_active}/{n})")
    ax2.legend(loc="upper right", fontsize=10, framealpha=0.9)
    return axes


def plot_training_epoch(X, y, history, epoch, *, axes=None, xlim=(-3, 3), ylim=(-3, 3)):
    """One epoch of a recorded binary run: the classifier then (left), the objective curve so far (right)."""
    from .training import snapshot

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 5))
    ax1, ax2 = axes
    snap = snapshot(history, epoch, X, y)
    _plot_fit(X, y, snap.coef, snap.intercept, snap.support, ax1, xlim, ylim)
    ax1.set_title(f"Epoch {snap.epoch}: {snap.n_support} support vectors")
    _legend_below(ax1)
    epochs = np.asarray(history["epoch"])
    ax2.plot(epochs, history["loss"], color=VERMILLION, label="mean hinge loss")
    ax2.plot(epochs, history["objective"], color=BLUE, linestyle="--", label="objective $J(w, b)$")
    ax2.axvline(snap.epoch, color=GREY, linestyle=":", linewidth=1.5, label=f"epoch {snap.epoch}")
    ax2.plot([snap.epoch], [snap.objective], marker="o", color=BLUE, linestyle="none")
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("value")
    ax2.set_title(f"J = {snap.objective:.4f}, mean hinge {snap.loss:.4f}")
    ax2.legend(loc="upper right", fontsize=10)
    return axes


def plot_epoch_panels(X, y, history, epochs, *, axes=None, xlim=(-3, 3), ylim=(-3, 3)):
    """A row of classifiers recorded in a binary ``history`` (``LinearSVM.history_``), one per epoch."""
    from .training import snapshot

    epochs = list(epochs)
    if axes is None:
        _, axes = plt.subplots(1, len(epochs), figsize=(4.6 * len(epochs), 5.4))
    axes = np.atleast_1d(axes)
    if len(axes) != len(epochs):
        raise ValueError(f"got {len(axes)} axes for {len(epochs)} epochs; pass one axis per epoch.")
    for ax, epoch in zip(axes, epochs):
        snap = snapshot(history, epoch, X, y)
        _plot_fit(X, y, snap.coef, snap.intercept, snap.support, ax, xlim, ylim)
        ax.set_title(f"Epoch {snap.epoch}: {snap.n_support} SVs, loss {snap.loss:.3f}")
    # one legend for the row; the per-panel support-vector counts are in the titles
    handles, labels = axes[0].get_legend_handles_labels()
    labels = ["support vectors (loss > 0)" if lab.startswith("support vectors") else lab for lab in labels]
    axes[0].figure.legend(handles, labels, loc="lower center", ncol=len(labels), frameon=False, fontsize=11)
    return axes


def plot_regularised_fit(X, y, fit, *, ax=None, xlim=(-3, 3), ylim=(-3, 3)):
    """A :class:`~hinge_lib.training.RegularisedFit`: boundary, margins and its support vectors."""
    ax = _ax(ax)
    sense = "$\\alpha > 0$" if fit.solver == "exact" else "loss > 0"
    _plot_fit(X, y, fit.coef, fit.intercept, fit.support, ax, xlim, ylim, sv_label=f"support vectors, {sense}")
    ax.set_title(f"$\\lambda$ = {fit.reg_strength:g}: band width {fit.margin_width:.2f}")
    _legend_below(ax)
    return ax


# --------------------------------------------------------------------------- lessons 05-06: support vectors, squared hinge

KKT_STYLES = {
    "on_margin": dict(s=200, marker="D", facecolors="none", edgecolors=GREEN, linewidths=2.2),
    "at_bound": dict(s=260, marker="o", facecolors="none", edgecolors=VERMILLION, linewidths=2.2),
}


def plot_kkt_groups(X, y, w, b, groups, *, ax=None, title=None, xlim=(-3, 3), ylim=(-3, 3)):
    """Points, boundary and margins, with the KKT groups of ``support.kkt_groups`` marked by shape:
    a green diamond for ``0 < alpha < C`` (on the margin), a vermillion ring for ``alpha = C``
    (inside the band or misclassified); ``alpha = 0`` points are left plain."""
    ax = _ax(ax)
    X = np.asarray(X, dtype=float)
    plot_boundary(w, b, ax=ax, xlim=xlim, ylim=ylim, shade=True)
    plot_points(X, y, ax=ax)
    n_out = int(np.sum(groups.outside))
    ax.plot([], [], linestyle="none", label=f"$\\alpha = 0$, outside: {n_out} (plain)")
    for key, text in (("on_margin", "$0 < \\alpha < C$, on the margin"), ("at_bound", "$\\alpha = C$, inside/wrong side")):
        mask = np.asarray(getattr(groups, key))
        ax.scatter(X[mask, 0], X[mask, 1], zorder=4, label=f"{text}: {int(mask.sum())}", **KKT_STYLES[key])
    if title:
        ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10, framealpha=0.9)
    return ax


def plot_membership_changes(entered, left, *, ax=None, title="Support-vector churn per epoch"):
    """Points entering (up, triangles) and leaving (down, triangles) the support-vector set at each
    epoch (``support.membership_changes``); epoch t is the step from t - 1 to t. Log-scaled epochs."""
    ax = _ax(ax)
    entered, left = np.asarray(entered), np.asarray(left)
    epochs = np.arange(1, entered.size + 1)
    for counts, sign, color, marker, label in ((entered, 1, BLUE, "^", "entered"), (left, -1, ORANGE, "v", "left")):
        hit = counts > 0
        ax.vlines(epochs[hit], 0, sign * counts[hit], color=color, linewidth=1.5)
        ax.plot(epochs[hit], sign * counts[hit], linestyle="none", marker=marker, color=color, markersize=6,
                label=f"{label} ({int(counts.sum())} in all)")
    ax.axhline(0.0, color=BLACK, linewidth=0.8)
    ax.set_xscale("log")
    ax.set_xlim(0.8, epochs[-1] * 1.25)
    ax.set_xlabel("epoch (log scale)")
    ax.set_ylabel("points entering (+) / leaving (-)")
    ax.set_title(title)
    ax.legend(loc="lower right")
    return ax


def plot_support_raster(masks, *, order=None, ax=None, title="Support-vector membership",
                        ylabel="points (sorted by final margin)"):
    """A raster of ``masks`` (epochs x points): a dark cell where a point is a support vector at that
    epoch. Epochs are on a symmetric-log axis (linear from 0 to 1, logarithmic after)."""
    ax = _ax(ax)
    masks = np.asarray(masks, dtype=bool)
    order = np.arange(masks.shape[1]) if order is None else np.asarray(order)
    ax.imshow(masks[:, order].T, aspect="auto", interpolation="nearest", cmap="Greys", vmin=0, vmax=1.4,
              extent=(-0.5, masks.shape[0] - 0.5, masks.shape[1] - 0.5, -0.5))
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlim(0, masks.shape[0] - 0.5)
    ax.set_xlabel("epoch (log scale after 1)")
    ax.set_ylabel(ylabel)
    ax.grid(False)
    ax.set_title(title)
    ax.plot([], [], linestyle="none", marker="s", color="#4d4d4d", label="support vector (loss > 0)")
    ax.plot([], [], linestyle="none", marker="s", color="white", markeredgecolor=GREY, label="not one")
    ax.legend(loc="lower right", fontsize=10, framealpha=0.9)
    return ax


def plot_moved_point(fit, X, y, *, ax=None, title=None, xlim=(-3, 3), ylim=(-3, 3)):
    """A :class:`~hinge_lib.support.MovedPointFit`: the boundary before the move (dotted) and after
    (solid, with margins), the points after the move, and an arrow from the old to the new position."""
    ax = _ax(ax)
    X_after = np.array(X, dtype=float)
    X_after[fit.index] = fit.point_after
    plot_boundary(fit.coef_after, fit.intercept_after, ax=ax, xlim=xlim, ylim=ylim, shade=True,
                  label="boundary after the move")
    plot_boundary(fit.coef_before, fit.intercept_before, ax=ax, xlim=xlim, ylim=ylim, margins=False,
                  label="boundary before", color=PURPLE, linestyle=":", linewidth=3.0)
    plot_points(X_after, y, ax=ax)
    p, q = fit.point_before, fit.point_after
    if np.any(p != q):
        ax.annotate("", xy=tuple(q), xytext=tuple(p), zorder=5,
                    arrowprops=dict(arrowstyle="-|>", color=BLACK, linewidth=1.8, mutation_scale=16))
    ax.scatter([q[0]], [q[1]], s=320, marker="*", facecolors="none", edgecolors=BLACK, linewidths=1.6, zorder=5,
               label=f"moved point {fit.index}")
    if title is None:
        verdict = "boundary MOVED" if fit.boundary_moved else "boundary unchanged"
        title = f"Point {fit.index}: $\\alpha$ {fit.alpha_before:.2f} -> {fit.alpha_after:.2f}, {verdict}"
    ax.set_title(title, fontsize=12)
    ax.legend(loc="lower left", fontsize=9, framealpha=0.9)
    return ax


OUTLIER_STYLES = {
    "hinge": dict(color=VERMILLION, linestyle="-", label="hinge"),
    "squared_hinge": dict(color=BLUE, linestyle="--", label="squared hinge"),
}


def plot_outlier_effect(X, y, effect, outlier, *, ax=None, title=None, xlim=None, ylim=None):
    """``outliers.outlier_effect`` on one axes: for each loss its boundary without the outlier (thin,
    faint) and with it (thick), the data, and the outlier as a large star. The default view is the
    data's square [-3, 3]^2 widened to take in the outlier."""
    ax = _ax(ax)
    outlier = np.asarray(outlier, dtype=float)
    if xlim is None:
        xlim = (min(-3.0, outlier[0] - 0.6), max(3.0, outlier[0] + 0.6))
    if ylim is None:
        ylim = (min(-3.0, outlier[1] - 0.6), max(3.0, outlier[1] + 0.6))
    for loss, fit in effect.items():
        style = dict(OUTLIER_STYLES[loss])
        name = style.pop("label")
        plot_boundary(fit.coef_clean, fit.intercept_clean, ax=ax, xlim=xlim, ylim=ylim, margins=False,
                      label=f"{name}, without outlier", linewidth=1.5, alpha=0.55, **style)
        plot_boundary(fit.coef_outlier, fit.intercept_outlier, ax=ax, xlim=xlim, ylim=ylim, margins=False,
                      label=f"{name}, with outlier (shift {fit.shift:.3f})", linewidth=3.0, **style)
    plot_points(X, y, ax=ax)
    ax.scatter([outlier[0]], [outlier[1]], marker="*", s=420, c=BLUE, edgecolors=BLACK, linewidths=1.2, zorder=5,
               label="outlier, labelled +1")
    ax.set_title(title or "One mislabelled outlier: hinge vs squared hinge")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10, framealpha=0.9)
    return ax


def plot_smooth_hinges(sigma=0.5, *, ax=None, m_range=(-2.0, 3.0), ylim=(-0.1, 3.5), title=None):
    """The hinge next to its smooth relatives of ``margin_losses``: Rennie-Srebro's smooth hinge,
    scikit-learn's modified Huber, and Luo-Qiao-Zhang's psi_G and psi_M at smoothing ``sigma``."""
    ax = _ax(ax)
    m = np.linspace(*m_range, 1001)
    curves = (
        ("hinge", margin_losses.hinge(m), dict(color=VERMILLION, linestyle="-", linewidth=2.6)),  # as in lesson 02
        ("smooth hinge (Rennie-Srebro)", margin_losses.smooth_hinge(m), dict(color=GREEN, linestyle="-.")),
        ("modified Huber", margin_losses.modified_huber(m), dict(color=PURPLE, linestyle=":")),
        (f"$\\psi_G$, $\\sigma$ = {sigma:g}", margin_losses.gaussian_smooth_hinge(m, sigma),
         dict(color=ORANGE, linestyle="--")),
        (f"$\\psi_M$, $\\sigma$ = {sigma:g}", margin_losses.sqrt_smooth_hinge(m, sigma),
         dict(color=SKY, linestyle=(0, (6, 2, 1, 2)))),
    )
    for name, values, style in curves:
        ax.plot(m, values, label=name, **{"linewidth": 2.2, **style})
    ax.axvline(1.0, color=GREY, linewidth=1, linestyle=":")
    ax.set_xlabel("margin $m = y\\,f(x)$")
    ax.set_ylabel("loss")
    ax.set_ylim(ylim)
    ax.set_title(title or "The hinge and its smooth relatives")
    ax.legend(fontsize=10)
    return ax


# --------------------------------------------------------------------------- lessons 07-08: many classes, other libraries

# One colour *and* one marker per class index (classes 0, 1, 2, ...), Okabe-Ito as above.
MULTICLASS_STYLE = [
    dict(color=BLUE, marker="o"), dict(color=ORANGE, marker="s"), dict(color=GREEN, marker="^"),
    dict(color=VERMILLION, marker="D"), dict(color=PURPLE, marker="v"), dict(color=SKY, marker="P"),
]


def plot_multiclass_points(X, y, *, ax=None, class_names=None, s=50):
    """Scatter points of classes 0, 1, 2, ... with one colour and one marker per class."""
    ax = _ax(ax)
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    for k in np.unique(y):
        style = MULTICLASS_STYLE[int(k) % len(MULTICLASS_STYLE)]
        name = class_names[int(k)] if class_names is not None else f"class {int(k)}"
        pts = X[y == k]
        ax.scatter(pts[:, 0], pts[:, 1], s=s, c=style["color"], marker=style["marker"], edgecolors="white",
                   linewidths=0.5, label=name, zorder=3)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    return ax


def plot_decision_regions(predict, X, y, *, ax=None, title=None, xlim=(-3.5, 3.5), ylim=(-3, 3), resolution=300,
                          legend=True):
    """Shade the plane by the class ``predict`` gives (class indices 0, 1, ...), draw the borders, scatter the points."""
    ax = _ax(ax)
    xx, yy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    pred = np.asarray(predict(np.c_[xx.ravel(), yy.ravel()])).reshape(xx.shape)
    n_classes = int(max(pred.max(), np.max(y))) + 1
    colors = [MULTICLASS_STYLE[k % len(MULTICLASS_STYLE)]["color"] for k in range(n_classes)]
    levels = np.arange(n_classes + 1) - 0.5
    ax.contourf(xx, yy, pred, levels=levels, colors=colors, alpha=0.18)
    ax.contour(xx, yy, pred, levels=levels[1:-1], colors=BLACK, linewidths=1.5)
    ax.plot([], [], color=BLACK, linewidth=1.5, label="region borders")
    plot_multiclass_points(X, y, ax=ax)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal", adjustable="box")
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="upper left", fontsize=10, framealpha=0.9)
    return ax


def plot_multiclass_terms(result, *, axes=None):
    """One sample's multi-class hinge (a ``hinge_lib.multiclass.MulticlassBreakdown``) in two panels.

    Left: the scores, the line ``s_true - margin`` that every wrong score must stay below, and each
    violation drawn as a hatched bar (its length is that class's Weston-Watkins term). Right: the
    Weston-Watkins and Crammer-Singer gradients with respect to each score.
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(12, 4.6), layout="constrained")
    ax1, ax2 = axes
    s, c, n = result.scores, result.true_class, result.scores.size
    k = np.arange(n)
    ax1.bar(k[k != c], s[k != c], color=GREY, edgecolor=BLACK, width=0.6, label="wrong classes")
    ax1.bar([c], [s[c]], color=GREEN, edgecolor=BLACK, hatch="..", width=0.6, label=f"true class {c}")
    threshold = s[c] - result.margin
    ax1.axhline(threshold, color=BLACK, linestyle="--", linewidth=1.5, label="$s_{true}$ - margin")
    first = True
    for i in k:
        gap = result.gaps[i]
        if i != c and gap > 0:
            ax1.bar(i, gap, bottom=threshold, width=0.3, color="none", edgecolor=VERMILLION, hatch="///",
                    linewidth=2, label="violation (a WW term)" if first else None)
            ax1.annotate(f"{gap:.2f}", (i, threshold + gap), xytext=(0, 4), textcoords="offset points",
                         ha="center", fontsize=11, color=VERMILLION)
            first = False
    ax1.axhline(0.0, color=GREY, linewidth=0.8)
    ax1.set_xticks(k, [f"{i} (true)" if i == c else str(i) for i in k])
    ax1.set_ylim(min(threshold, float(s.min()), 0.0) - 0.3, max(float(s.max()), 0.0) + 0.6)
    ax1.set_xlabel("class $k$")
    ax1.set_ylabel("score $s_k$")
    ax1.set_title(f"WW {result.ww_loss:.2f} (sum), CS {result.cs_loss:.2f} (largest)")
    ax1.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10)
    width = 0.35
    ax2.bar(k - width / 2, result.ww_grad, width, color=BLUE, edgecolor=BLACK, hatch="//", label="Weston-Watkins")
    ax2.bar(k + width / 2, result.cs_grad, width, color=ORANGE, edgecolor=BLACK, label="Crammer-Singer")
    ax2.axhline(0.0, color=BLACK, linewidth=0.8)
    ax2.set_xticks(k)
    low = min(-1.0, float(result.ww_grad.min()))
    ax2.set_ylim(low - 0.4, max(1.0, float(result.ww_grad.max())) + 0.4)
    ax2.set_xlabel("class $k$")
    ax2.set_ylabel("$\\partial$ loss / $\\partial s_k$")
    ax2.set_title("Gradient with respect to each score")
    ax2.legend(loc="lower right", fontsize=10)
    return axes


def plot_weight_images(coef, *, shape=(8, 8), titles=None, suptitle=None, ncols=5):
    """Each row of ``coef`` (one weight vector per class) as an image, on one shared, symmetric colour scale.

    Returns the Figure (with one colourbar for all images).
    """
    coef = np.asarray(coef, dtype=float)
    nrows = -(-coef.shape[0] // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.1 * ncols + 1.2, 2.3 * nrows + 0.6), squeeze=False)
    vmax = float(np.abs(coef).max())
    image = None
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < coef.shape[0]:
            image = ax.imshow(coef[i].reshape(shape), cmap="RdBu_r", vmin=-vmax, vmax=vmax)
            ax.set_title(titles[i] if titles is not None else f"class {i}", fontsize=12)
    cbar = fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.85)
    cbar.set_label("weight (red +, blue -)")
    if suptitle:
        fig.suptitle(suptitle)
    return fig


def plot_boundaries(X, y, boundaries, *, ax=None, title=None, xlim=(-3, 3), ylim=(-3, 3)):
    """Several binary boundaries ``w.x + b = 0`` over the same points.

    ``boundaries`` is a list of ``(label, w, b, style)``, ``style`` a dict of line options
    (give each a different linestyle, not only a different colour).
    """
    ax = _ax(ax)
    for label, w, b, style in boundaries:
        plot_boundary(w, b, ax=ax, margins=False, xlim=xlim, ylim=ylim, label=label, **style)
    plot_points(X, y, ax=ax)
    if title:
        ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10, framealpha=0.9)
    return ax
