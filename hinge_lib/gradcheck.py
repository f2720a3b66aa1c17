"""Numerical gradient checking with central differences, aware of kinks.

Central differences ``(f(x + h e_j) - f(x - h e_j)) / 2h`` approximate a derivative to O(h^2)
where ``f`` is smooth. Where ``f`` has a kink between ``x - h`` and ``x + h`` (a hinge at margin
exactly 1, say) the two sides have different slopes and the estimate is some average of them that
need not equal *any* analytic choice. The checker detects this by comparing the one-sided
differences: on a smooth stretch they agree to O(h), across a kink they differ by the jump in
slope. Coordinates at a kink are reported, not judged; a check that can judge no coordinate at
all does not pass.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_bool, check_positive

__all__ = ["GradientCheck", "check_gradient", "numerical_gradient"]


def _differences(f, x, eps):
    """``f(x)`` and, for every coordinate j, ``f(x + eps e_j)`` and ``f(x - eps e_j)`` (arrays shaped like x)."""
    x = x.copy()
    f_plus, f_minus = np.zeros_like(x), np.zeros_like(x)
    flat, plus, minus = x.reshape(-1), f_plus.reshape(-1), f_minus.reshape(-1)
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + eps
        plus[j] = float(f(x))
        flat[j] = old - eps
        minus[j] = float(f(x))
        flat[j] = old
    return float(f(x)), f_plus, f_minus


def numerical_gradient(f, x, *, eps=1e-6):
    """Central-difference gradient of the scalar function ``f`` at ``x`` (any shape).

    >>> numerical_gradient(lambda v: float(v @ v), np.array([1.0, -2.0])).round(6).tolist()   # 2 x
    [2.0, -4.0]
    """
    x = as_float_array(x, "x")
    _, f_plus, f_minus = _differences(f, x, check_positive(eps, "eps"))
    return (f_plus - f_minus) / (2 * eps)


class GradientCheck(NamedTuple):
    analytic: np.ndarray
    numerical: np.ndarray
    relative_error: np.ndarray  # |a - n| / max(|a| + |n|, floor), per coordinate (floor: see check_gradient)
    at_kink: np.ndarray  # coordinates whose +-eps interval straddles a kink
    max_error: float  # largest relative error away from kinks (nan if every coordinate is at a kink)
    passed: bool  # some coordinate was judged, and every judged one is within tol


def check_gradient(f, grad, x, *, eps=1e-6, tol=1e-6, kink_tol=1e-4, raise_on_failure=True):
    """Compare ``grad(x)`` with central differences of ``f`` at ``x``.

    Parameters
    ----------
    f : callable, x -> float
    grad : callable, x -> array shaped like x (or an array already computed)
    x : array-like, the point to check at
    eps : float, step of the differences
    tol : float, largest relative error accepted away from kinks
    kink_tol : float, a coordinate is "at a kink" if its forward and backward differences differ
        by more than ``kink_tol * max(1, |central difference|)``
    raise_on_failure : bool, raise ``AssertionError`` if the check does not pass

    Returns
    -------
    GradientCheck

    Examples
    --------
    >>> hinge = lambda v: float(np.maximum(0.0, 1.0 - v).sum())
    >>> r = check_gradient(hinge, lambda v: -(v < 1.0).astype(float), np.array([0.5, 2.0, 1.0]),
    ...                    raise_on_failure=False)
    >>> r.at_kink.tolist(), r.passed     # the coordinate at margin 1 is reported, the others judged
    ([False, False, True], True)
    """
    x = as_float_array(x, "x")
    eps, tol = check_positive(eps, "eps"), check_positive(tol, "tol")
    kink_tol = check_positive(kink_tol, "kink_tol")  # <= 0 would call every coordinate a kink
    raise_on_failure = check_bool(raise_on_failure, "raise_on_failure")
    analytic = np.asarray(grad(x) if callable(grad) else grad, dtype=np.float64)
    if analytic.shape != x.shape:
        raise ValueError(f"the analytic gradient has shape {analytic.shape} but x has shape {x.shape}.")
    f0, f_plus, f_minus = _differences(f, x, eps)
    numerical = (f_plus - f_minus) / (2 * eps)
    forward, backward = (f_plus - f0) / eps, (f0 - f_minus) / eps
    at_kink = np.abs(forward - backward) > kink_tol * np.maximum(1.0, np.abs(numerical))
    # Rounding in f makes a central difference uncertain by about machine-eps * |f| / eps; a gradient
    # entry that small is 0 to within the method's resolution, so it is judged against that noise.
    f_scale = max(abs(f0), np.abs(f_plus).max(), np.abs(f_minus).max())
    noise = 16 * np.finfo(np.float64).eps * f_scale / eps
    rel = np.abs(analytic - numerical) / np.maximum(np.abs(analytic) + np.abs(numerical), max(1e-8, noise / tol))
    judged = ~at_kink
    max_error = float(rel[judged].max()) if judged.any() else float("nan")
    passed = bool(judged.any() and max_error <= tol)
    if raise_on_failure and not passed:
        if not judged.any():
            raise AssertionError(f"gradient check inconclusive: all {x.size} coordinate(s) sit at a kink, so none "
                                 "could be checked. Check at a point away from the kinks.")
        worst = np.unravel_index(np.argmax(np.where(judged, rel, -1.0)), rel.shape)
        raise AssertionError(
            f"gradient check failed: relative error {max_error:.3e} > tol {tol:.1e} at index "
            f"{tuple(int(i) for i in worst)} (analytic {analytic[worst]:.10g}, numerical {numerical[worst]:.10g}); "
            f"{int(at_kink.sum())} coordinate(s) at a kink were not judged."
        )
    return GradientCheck(analytic, numerical, rel, at_kink, max_error, passed)
