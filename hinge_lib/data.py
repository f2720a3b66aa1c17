"""Seeded data for the lessons: the noisy two-class toy set and datasets bundled with scikit-learn.

Nothing here downloads anything: the toy data is generated from a seed and the real datasets
ship inside the scikit-learn package.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_positive

__all__ = ["Split", "load_breast_cancer_split", "load_digits_split", "make_three_class", "make_two_class"]

_MAX_ROUNDS = 1000  # rounds of 4 * n_per_class draws before make_two_class gives up on filling a class


def make_two_class(n_per_class=30, true_w=(1.0, -0.6), true_b=0.4, noise=0.5, seed=None, *, extent=2.5):
    """Noisy two-class points in the plane on either side of a true boundary ``true_w . x + true_b = 0``.

    Points are drawn uniformly from the square ``[-extent, extent]^2``; each point's label is the
    sign of its true score plus Gaussian noise of standard deviation ``noise`` (so points near the
    boundary can land on the "wrong" side). Draws continue until each class has ``n_per_class``
    points; the classes are then interleaved in a random order.

    Parameters
    ----------
    n_per_class : int, default 30
    true_w : (float, float), default (1.0, -0.6)
    true_b : float, default 0.4
    noise : float >= 0, default 0.5
    seed : int or None
        Seed of ``np.random.default_rng``; pass one for reproducible lessons.

    Returns
    -------
    X : ndarray of shape (2 * n_per_class, 2)
    y : ndarray of shape (2 * n_per_class,), labels in {-1.0, +1.0}

    Examples
    --------
    >>> X, y = make_two_class(seed=0)
    >>> X.shape, int((y == 1).sum()), int((y == -1).sum())
    ((60, 2), 30, 30)
    """
    n_per_class = check_positive(n_per_class, "n_per_class", integer=True)
    true_w = np.asarray(true_w, dtype=np.float64)
    if true_w.shape != (2,) or not np.isfinite(true_w).all() or not np.any(true_w):
        raise ValueError(f"true_w must be two finite numbers, not both zero; got {true_w.tolist()}.")
    true_b, noise, extent = float(true_b), float(noise), check_positive(extent, "extent")
    if not np.isfinite(true_b):
        raise ValueError(f"true_b must be a finite number; got {true_b}.")
    if not (np.isfinite(noise) and noise >= 0):  # NaN noise would label every point -1 and loop forever
        raise ValueError(f"noise must be a finite number >= 0 (a standard deviation); got {noise}.")
    rng = np.random.default_rng(seed)
    keep = {1.0: [], -1.0: []}
    rounds = 0
    while min(len(v) for v in keep.values()) < n_per_class:
        if rounds == _MAX_ROUNDS:  # a boundary that misses the square leaves one class (almost) empty
            counts = {int(k): len(v) for k, v in keep.items()}
            raise ValueError(
                f"after {rounds} rounds of draws the classes hold {counts} of {n_per_class} points each: the "
                f"true boundary barely crosses the square [-{extent:g}, {extent:g}]^2. "
                "Use a smaller |true_b|, more noise or a larger extent."
            )
        rounds += 1
        X = rng.uniform(-extent, extent, size=(4 * n_per_class, 2))
        noisy_score = X @ true_w + true_b + noise * rng.standard_normal(X.shape[0])
        for x, label in zip(X, np.where(noisy_score >= 0, 1.0, -1.0)):
            if len(keep[label]) < n_per_class:
                keep[label].append(x)
    X = np.vstack([keep[1.0], keep[-1.0]])
    y = np.repeat([1.0, -1.0], n_per_class)
    order = rng.permutation(2 * n_per_class)
    return X[order], y[order]


def make_three_class(n_per_class=40, seed=None, *, spread=0.55, centers=((-1.8, -1.2), (0.0, 0.0), (1.8, 1.2))):
    """Gaussian blobs in the plane, one per centre (default: three in a row, the middle class between the others).

    Returns ``X`` of shape (n_classes * n_per_class, 2) and ``y``, the class indices 0, 1, 2, ...
    in a random order.

    >>> X, y = make_three_class(seed=0)
    >>> X.shape, np.bincount(y).tolist()
    ((120, 2), [40, 40, 40])
    """
    n_per_class = check_positive(n_per_class, "n_per_class", integer=True)
    spread = check_positive(spread, "spread")
    centers = as_float_array(centers, "centers", ndim=2)
    if centers.shape[1] != 2 or centers.shape[0] < 2:
        raise ValueError(f"centers must be a list of at least two (x1, x2) points; got shape {centers.shape}.")
    rng = np.random.default_rng(seed)
    X = np.vstack([c + spread * rng.standard_normal((n_per_class, 2)) for c in centers])
    y = np.repeat(np.arange(centers.shape[0]), n_per_class)
    order = rng.permutation(y.size)
    return X[order], y[order]


class Split(NamedTuple):
    """A standardised train/test split (scaler fitted on the training part only)."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    feature_names: list
    target_names: list


def _split(X, y, feature_names, target_names, test_size, seed):
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    scaler = StandardScaler().fit(X_train)
    return Split(scaler.transform(X_train), scaler.transform(X_test), y_train, y_test,
                 list(feature_names), list(target_names))


def load_breast_cancer_split(test_size=0.25, seed=0):
    """scikit-learn's bundled breast-cancer data (569 x 30), standardised, labels in {-1, +1}.

    +1 is "benign" and -1 is "malignant" (scikit-learn's 1 and 0). The split is stratified.
    """
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    y = 2.0 * data.target - 1.0
    return _split(data.data, y, data.feature_names, data.target_names, test_size, seed)


def load_digits_split(test_size=0.25, seed=0):
    """scikit-learn's bundled 8x8 digits (1797 x 64, classes 0-9), standardised; labels are the digits."""
    from sklearn.datasets import load_digits

    data = load_digits()
    return _split(data.data, data.target, [f"pixel_{i}" for i in range(64)],
                  [str(t) for t in data.target_names], test_size, seed)
