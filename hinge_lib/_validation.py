"""Input checks shared by every public function.

Each check either returns a clean float (or int) array or raises ``ValueError``
with a message that says what was wrong *and* how to fix it. The checks are
O(N) and vectorised, so they cost little next to the arithmetic they guard.
"""

from __future__ import annotations

import numbers

import numpy as np

REDUCTIONS = ("mean", "sum", "none")
MULTICLASS_KINDS = ("weston_watkins", "crammer_singer")


def _preview(values, limit=6):
    """A short, readable list of distinct values for an error message."""
    uniq = np.unique(values)
    shown = ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in uniq[:limit].tolist())
    return "{" + shown + (", ..." if uniq.size > limit else "") + "}"


def _all_finite(arr, chunk=2**18):
    """``np.isfinite(arr).all()``, a chunk at a time: no temporary the size of ``arr`` (and its page
    faults) on large inputs, which makes the check of a big X noticeably cheaper."""
    if arr.size <= chunk or not (arr.flags.c_contiguous or arr.flags.f_contiguous):
        return bool(np.isfinite(arr).all())
    flat = arr.ravel(order="K")  # a view, in memory order
    return all(np.isfinite(flat[i:i + chunk]).all() for i in range(0, flat.size, chunk))


def as_float_array(a, name, *, ndim=None):
    """Convert ``a`` to a float64 array; reject empty, NaN/inf and the wrong number of dimensions.

    ``ndim`` may be an int or a tuple of allowed ints.
    """
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric array-like; could not convert it to floats ({exc}).") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}; got an array of shape {arr.shape} ({arr.ndim}-D).")
    if arr.size == 0:
        raise ValueError(f"{name} is empty; pass at least one sample.")
    if not _all_finite(arr):
        n_bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(
            f"{name} contains {n_bad} NaN or infinite value(s); clean or impute them before computing the loss."
        )
    return arr


def check_binary_labels(y, name="y"):
    """Return ``y`` as floats in {-1, +1}, or explain which labels were passed and how to convert them."""
    arr = as_float_array(y, name)
    is_pm1 = (arr == 1.0) | (arr == -1.0)
    if is_pm1.all():
        return arr
    if ((arr == 0.0) | (arr == 1.0)).all():
        raise ValueError(
            f"{name} contains labels {{0, 1}}, but the hinge loss expects labels in {{-1, +1}} "
            f"(with 0 the loss is silently wrong). Convert them first: {name} = 2*{name} - 1."
        )
    raise ValueError(
        f"{name} must contain only the labels -1 and +1; found {_preview(arr)}. "
        "Map your two classes to -1 and +1 (for {0, 1} labels use 2*y - 1), "
        "or use LinearSVM, which accepts any two labels."
    )


def check_same_length(a, b, name_a, name_b):
    if a.shape[0] != b.shape[0]:
        raise ValueError(
            f"{name_a} and {name_b} have different numbers of samples: {a.shape[0]} and {b.shape[0]}. "
            "They must describe the same samples, one entry per sample."
        )


def check_binary_scores_labels(scores, y):
    """Scores of shape () or (N,), labels of the same shape in {-1, +1}."""
    s = as_float_array(scores, "scores", ndim=(0, 1))
    if s.ndim == 0 and np.ndim(y) == 0:
        return s, check_binary_labels(y)
    if s.ndim == 0:
        raise ValueError(f"scores is a scalar but y has shape {np.shape(y)}; pass one score per label.")
    yy = check_binary_labels(y)
    if yy.ndim != 1:
        raise ValueError(
            f"y must be 1-D with one label per score; got shape {yy.shape}. "
            "For multi-class problems use multiclass_hinge_loss with (N, C) scores."
        )
    check_same_length(s, yy, "scores", "y")
    return s, yy


def check_class_indices(y, n_classes, name="y"):
    """Integer class indices in [0, n_classes), as an int array."""
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, one class index per sample; got shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty; pass at least one sample.")
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"{name} must hold integer class indices in [0, {n_classes}); got dtype {arr.dtype}.")
    if not np.issubdtype(arr.dtype, np.integer):
        as_float = arr.astype(np.float64)
        if not np.isfinite(as_float).all() or (as_float != np.round(as_float)).any():
            raise ValueError(
                f"{name} must hold integer class indices in [0, {n_classes}); it contains non-integer "
                f"values such as {_preview(as_float[as_float != np.round(as_float)] if np.isfinite(as_float).all() else as_float)}. "
                "Pass the index of the true class for each sample (e.g. from np.unique(labels, return_inverse=True))."
            )
        arr = as_float.astype(np.int64)
    lo, hi = int(arr.min()), int(arr.max())
    if lo < 0 or hi >= n_classes:
        raise ValueError(
            f"{name} holds class indices out of range: found values from {lo} to {hi}, "
            f"but scores has {n_classes} columns, so indices must lie in [0, {n_classes - 1}]."
        )
    return arr.astype(np.intp, copy=False)


def check_multiclass_scores_labels(scores, y):
    s = as_float_array(scores, "scores", ndim=2)
    if s.shape[1] < 2:
        raise ValueError(f"scores must have at least 2 columns (one per class); got shape {s.shape}.")
    yy = check_class_indices(y, s.shape[1])
    check_same_length(s, yy, "scores", "y")
    return s, yy


def check_choice(value, name, choices):
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"Unknown {name} {value!r}; choose one of {options}.")
    return value


def check_margin(margin):
    if not isinstance(margin, numbers.Real) or isinstance(margin, bool) or not np.isfinite(margin):
        raise ValueError(f"margin must be a finite real number; got {margin!r}.")
    if margin < 0:
        raise ValueError(f"margin must be >= 0 (it is the required gap between scores); got {margin}.")
    return float(margin)


def check_positive(value, name, *, integer=False):
    kind = "integer" if integer else "number"
    ok_type = isinstance(value, numbers.Integral) if integer else isinstance(value, numbers.Real)
    if isinstance(value, bool) or not ok_type or not np.isfinite(value):
        raise ValueError(f"{name} must be a positive {kind}; got {value!r}.")
    if value <= 0:
        raise ValueError(f"{name} must be > 0; got {value}.")
    return int(value) if integer else float(value)
