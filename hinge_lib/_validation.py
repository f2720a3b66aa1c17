"""Input checks of the functions (the estimators use scikit-learn's own ``validate_data``).

Each check returns a clean float (or int) array or raises ``ValueError`` / ``TypeError`` with a
message that says what was wrong *and* how to fix it.
"""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.utils._param_validation import InvalidParameterError  # both a ValueError and a TypeError

REDUCTIONS = ("mean", "sum", "none")
MULTICLASS_KINDS = ("weston_watkins", "crammer_singer")
LOSSES = ("hinge", "squared_hinge")


def _preview(values, limit=6):
    """A short, readable list of distinct values for an error message."""
    uniq = np.unique(values)
    shown = ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in uniq[:limit].tolist())
    return "{" + shown + (", ..." if uniq.size > limit else "") + "}"


def as_float_array(a, name, *, ndim=None, finite=True):
    """``a`` as a float64 array; reject complex, non-numeric, empty, NaN/inf and the wrong ``ndim``.

    ``ndim`` may be an int or a tuple of allowed ints. ``finite=False`` skips the NaN/inf scan (a
    caller that finds NaN/inf in its results instead calls :func:`check_finite` to explain them).
    """
    arr = np.asarray(a)
    if arr.dtype.kind == "c" or (arr.dtype == object and any(isinstance(v, complex) for v in arr.flat)):
        raise ValueError(f"{name} holds complex numbers; the course's functions take real numbers only. "
                        f"Pass the real part ({name}.real) if the imaginary parts are meant to be 0.")
    try:
        arr = arr.astype(np.float64, copy=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric array-like; could not convert it to floats ({exc}).") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}; got an array of shape {arr.shape} ({arr.ndim}-D).")
    if arr.size == 0:
        raise ValueError(f"{name} is empty; pass at least one sample.")
    if finite:
        check_finite(arr, name)
    return arr


def check_finite(arr, name):
    n_bad = arr.size - np.count_nonzero(np.isfinite(arr))
    if n_bad:
        raise ValueError(f"{name} contains {n_bad} NaN or infinite value(s); clean or impute them first.")


def check_binary_labels(y, name="y"):
    """``y`` as floats in {-1, +1}, or explain which labels were passed and how to convert them."""
    arr = as_float_array(y, name)
    if ((arr == 1.0) | (arr == -1.0)).all():
        return arr
    if ((arr == 0.0) | (arr == 1.0)).all():
        raise ValueError(
            f"{name} contains labels {{0, 1}}, but the hinge loss expects labels in {{-1, +1}} "
            f"(with 0 the loss is silently wrong). Convert them first: {name} = 2*{name} - 1."
        )
    raise ValueError(
        f"{name} must contain only the labels -1 and +1; found {_preview(arr)}. Map your two classes to "
        "-1 and +1 (for {0, 1} labels use 2*y - 1), or use LinearSVM, which accepts any two labels."
    )


def check_same_length(a, b, name_a, name_b):
    if np.shape(a)[0] != np.shape(b)[0]:
        raise ValueError(
            f"{name_a} and {name_b} have different numbers of samples: {np.shape(a)[0]} and {np.shape(b)[0]}. "
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
        raise ValueError(f"y must be 1-D with one label per score; got shape {yy.shape}. "
                         "For multi-class problems use multiclass_hinge_loss with (N, C) scores.")
    check_same_length(s, yy, "scores", "y")
    return s, yy


def check_class_indices(y, n_classes, name="y"):
    """Integer class indices in [0, n_classes), as an int array."""
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, one class index per sample; got shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty; pass at least one sample.")
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must hold integer class indices in [0, {n_classes}); got dtype {arr.dtype}.")
    if arr.dtype.kind == "f":
        bad = arr[~np.isfinite(arr) | (arr != np.round(arr))]
        if bad.size:
            raise ValueError(
                f"{name} must hold integer class indices in [0, {n_classes}); it contains non-integer values "
                f"such as {_preview(bad)}. Pass the index of the true class for each sample "
                "(e.g. from np.unique(labels, return_inverse=True))."
            )
    lo, hi = int(arr.min()), int(arr.max())
    if lo < 0 or hi >= n_classes:
        raise ValueError(f"{name} holds class indices out of range: found values from {lo} to {hi}, but scores "
                         f"has {n_classes} columns, so indices must lie in [0, {n_classes - 1}].")
    return arr.astype(np.intp)


def check_multiclass_scores_labels(scores, y):
    s = as_float_array(scores, "scores", ndim=2)
    if s.shape[1] < 2:
        raise ValueError(f"scores must have at least 2 columns (one per class); got shape {s.shape}.")
    yy = check_class_indices(y, s.shape[1])
    check_same_length(s, yy, "scores", "y")
    return s, yy


# Parameters (not data) of the wrong type or value raise scikit-learn's InvalidParameterError, which is
# both a ValueError and a TypeError, as the estimators' _parameter_constraints do.


def check_choice(value, name, choices):
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise InvalidParameterError(f"Unknown {name} {value!r}; choose one of {options}.")
    return value


def check_bool(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(f"{name} must be True or False; got {value!r} of type {type(value).__name__}.")
    return bool(value)


def _check_real(value, name, kind):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise InvalidParameterError(f"{name} must be a {kind}; got {value!r}.")


def check_margin(margin):
    _check_real(margin, "margin", "finite real number")
    if margin < 0:
        raise ValueError(f"margin must be >= 0 (it is the required gap between scores); got {margin}.")
    return float(margin)


def check_positive(value, name, *, integer=False, upper=None):
    """A positive number (or int), optionally at most ``upper``."""
    if integer and (not isinstance(value, numbers.Integral) or isinstance(value, (bool, np.bool_))):
        raise InvalidParameterError(f"{name} must be a positive integer; got {value!r}.")
    _check_real(value, name, "positive number")
    if value <= 0:
        raise InvalidParameterError(f"{name} must be > 0; got {value}.")
    if upper is not None and value > upper:
        raise InvalidParameterError(f"{name} must lie in (0, {upper:g}]; got {value}.")
    return int(value) if integer else float(value)
