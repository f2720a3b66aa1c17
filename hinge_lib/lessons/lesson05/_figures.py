"""The lesson's two figures: the KKT groups of a solution, and margin-violator membership while training."""

from __future__ import annotations

import numpy as np

from ...style import COLORS, plot_classifier

# The KKT groups look the same in every figure of the lesson (and in its view).
KKT_STYLES = {
    "on_margin": dict(s=200, marker="D", facecolors="none", edgecolors=COLORS["green"], linewidths=2.2, zorder=4),
    "at_bound": dict(s=260, marker="o", facecolors="none", edgecolors=COLORS["vermillion"], linewidths=2.0, zorder=4),
}
KKT_LABELS = {"outside": "α = 0: on or beyond the margin",
              "on_margin": "0 < α < C: on the margin",
              "at_bound": "α = C: inside the band or misclassified"}


def plot_kkt_groups(ax, X, y, w, b, groups, *, title="The three KKT groups"):
    """Points, line, margins and shading, with the KKT groups marked by shape (a :func:`hinge_lib.kkt_groups` result).

    A green diamond marks ``0 < alpha < C`` (on the margin), a vermillion ring ``alpha = C`` (inside the
    band or misclassified); ``alpha = 0`` points are left plain. The legend (outside the axes, on the
    right) gives each group's size. Returns ``ax``.
    """
    X = np.asarray(X, dtype=float)
    plot_classifier(ax, X, y, w, b, title=title, legend=None)
    ax.plot([], [], linestyle="none", label=f"{KKT_LABELS['outside']} ({int(np.sum(groups.outside))}, plain)")
    for key in ("on_margin", "at_bound"):
        mask = np.asarray(getattr(groups, key), dtype=bool)
        ax.scatter(X[mask, 0], X[mask, 1], label=f"{KKT_LABELS[key]} ({int(mask.sum())})", **KKT_STYLES[key])
    ax.legend(loc="upper left", bbox_to_anchor=(1.03, 1.0), framealpha=0.9)
    return ax


def plot_membership(ax_churn, ax_raster, masks, groups, margin):
    """Who is a margin violator while training runs: churn per epoch (left) and a raster (right).

    ``masks`` (epochs + 1, N) says which points have ``y f < 1`` at each recorded epoch; the raster's rows
    are the points grouped by their KKT group at the exact optimum (``groups``) and sorted by their
    margin there (``margin``). Epochs are on a log scale (symmetric-log in the raster, so epoch 0 shows).
    """
    masks = np.asarray(masks, dtype=bool)
    entered, left = (masks[1:] & ~masks[:-1]).sum(axis=1), (masks[:-1] & ~masks[1:]).sum(axis=1)
    epochs = np.arange(1, masks.shape[0])
    for counts, sign, color, marker, label in ((entered, 1, COLORS["blue"], "^", "entered"),
                                               (left, -1, COLORS["orange"], "v", "left")):
        hit = counts > 0
        ax_churn.vlines(epochs[hit], 0, sign * counts[hit], color=color, linewidth=1.5)
        ax_churn.plot(epochs[hit], sign * counts[hit], linestyle="none", marker=marker, color=color, markersize=6,
                      label=f"{label} ({int(counts.sum())})")
    ax_churn.axhline(0.0, color=COLORS["black"], linewidth=0.8)
    ax_churn.set(xscale="log", xlim=(0.8, epochs[-1] * 1.25), xlabel="epoch (log scale)",
                 ylabel="points entering (+) / leaving (−)", title="Churn per epoch")
    ax_churn.legend(loc="lower right")

    rank = np.select([groups.at_bound, groups.on_margin], [0, 1], default=2)
    order = np.lexsort((margin, rank))
    edges_t, edges_p = np.arange(masks.shape[0] + 1) - 0.5, np.arange(masks.shape[1] + 1) - 0.5
    ax_raster.pcolormesh(edges_t, edges_p, masks[:, order].T, cmap="Greys", vmin=0, vmax=1.4, shading="flat")
    ax_raster.set_xscale("symlog", linthresh=1)
    ax_raster.set_xlim(-0.5, masks.shape[0] - 0.5)
    ax_raster.set_ylim(masks.shape[1] - 0.5, -0.5)
    ax_raster.grid(False)
    sizes = [int(np.sum(rank == k)) for k in range(3)]
    starts = np.concatenate([[0], np.cumsum(sizes)])
    for s in starts[1:-1]:
        ax_raster.axhline(s - 0.5, color=COLORS["vermillion"], linewidth=1.2)
    ax_raster.set_yticks([(a + b - 1) / 2 for a, b in zip(starts[:-1], starts[1:])],
                         [f"α = C\n({sizes[0]})", f"on the\nmargin ({sizes[1]})", f"α = 0\n({sizes[2]})"])
    ax_raster.set(xlabel="epoch (log scale after 1)", title="Margin violators (dark) by KKT group")
    return ax_churn, ax_raster
