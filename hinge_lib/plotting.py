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
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def _line_points(w, b, level, xlim, ylim):
    """Two points of the line w.x + b = level inside the box, or None if it misses the box."""
    w1, w2 = float(w[0]), float(w[1])
    if abs(w2) >= abs(w1):
        xs = np.array(xlim, dtype=float)
        return xs, (level - b - w1 * xs) / w2
    ys = np.array(ylim, dtype=float)
    return (level - b - w2 * ys) / w1, ys


def plot_boundary(w, b, *, ax=None, margins=True, xlim=(-3, 3), ylim=(-3, 3), label="boundary $f(x)=0$",
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
        for level, lab in ((1.0, "margins $f(x)=\\pm 1$"), (-1.0, None)):
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
