"""Numerical gradient checking with central differences, aware of kinks.

Central differences ``(f(x + h e_j) - f(x - h e_j)) / 2h`` approximate a derivative to
O(h^2) where ``f`` is smooth. Where ``f`` has a kink between ``x - h`` and ``x + h`` (a hinge
at margin exactly 1, say) the two sides have different slopes and the estimate is some
average of them that need not equal *any* analytic choice. The checker detects this by
comparing the one-sided differences: on a smooth stretch they agree to O(h), across a kink
they differ by the jump in slope. Coordinates at a kink are reported, not failed.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_positive


def numerical_gradient(f, x, *, eps=1e-6):
    """Central-difference gradient of the scalar function ``f`` at ``x`` (any shape)."""
    x = as_float_array(x, "x").copy()
    eps = check_positive(eps, "eps")
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + eps
        f_plus = float(f(x))
        flat[j] = old - eps
        f_minus = float(f(x))
        flat[j] = old
        gflat[j] = (f_plus - f_minus) / (2 * eps)
    return grad


class GradientCheck(NamedTuple):
    analytic: np.ndarray
    numerical: np.ndarray
    relative_error: np.ndarray  # |a - n| / max(|a| + |n|, floor), per coordinate (floor: see check_gradient)
    at_kink: np.ndarray  # coordinates whose +-eps interval straddles a kink
    max_error: float  # largest relative error away from kinks (0.0 if every coordinate is at a kink)
    passed: bool


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
    raise_on_failure : bool, raise ``AssertionError`` if a coordinate away from kinks fails

    Returns
    -------
    GradientCheck
    """
    x = as_float_array(x, "x").copy()
    eps = check_positive(eps, "eps")
    tol = check_positive(tol, "tol")
    kink_tol = check_positive(kink_tol, "kink_tol")  # <= 0 would call every coordinate a kink: a vacuous pass
    analytic = np.asarray(grad(x) if callable(grad) else grad, dtype=np.float64)
    if analytic.shape != x.shape:
        raise ValueError(f"the analytic gradient has shape {analytic.shape} but x has shape {x.shape}.")
    f0 = float(f(x))
    f_scale = abs(f0)
    numerical = np.zeros_like(x)
    at_kink = np.zeros(x.shape, dtype=bool)
    flat, nflat, kflat = x.reshape(-1), numerical.reshape(-1), at_kink.reshape(-1)
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + eps
        f_plus = float(f(x))
        flat[j] = old - eps
        f_minus = float(f(x))
        flat[j] = old
        f_scale = max(f_scale, abs(f_plus), abs(f_minus))
        forward, backward = (f_plus - f0) / eps, (f0 - f_minus) / eps
        nflat[j] = (f_plus - f_minus) / (2 * eps)
        kflat[j] = abs(forward - backward) > kink_tol * max(1.0, abs(nflat[j]))
    # Rounding in f makes a central difference uncertain by about machine-eps * |f| / eps. A gradient entry
    # that small is 0 to within the method's resolution (a bias gradient with balanced active classes, say),
    # so it is judged against that noise (|a - n| <= noise) rather than relatively, where round-off alone
    # would give a relative error near 1.
    noise = 16 * np.finfo(np.float64).eps * f_scale / eps
    denom = np.maximum(np.abs(analytic) + np.abs(numerical), max(1e-8, noise / tol))
    rel = np.abs(analytic - numerical) / denom
    away = ~at_kink
    max_error = float(rel[away].max()) if away.any() else 0.0
    passed = max_error <= tol
    if raise_on_failure and not passed:
        worst = np.unravel_index(np.argmax(np.where(away, rel, -1.0)), rel.shape)
        raise AssertionError(
            f"gradient check failed: relative error {max_error:.3e} > tol {tol:.1e} at index {tuple(int(i) for i in worst)} "
            f"(analytic {analytic[worst]:.6g}, numerical {numerical[worst]:.6g}); "
            f"{int(at_kink.sum())} coordinate(s) at a kink were not judged."
        )
    return GradientCheck(analytic, numerical, rel, at_kink, max_error, passed)
