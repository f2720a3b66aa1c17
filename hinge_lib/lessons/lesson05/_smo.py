"""A tiny SMO (sequential minimal optimisation) for the hinge SVM with a free bias, to read.

It solves the dual that :func:`hinge_lib.solve_exact` solves, the plain way: each step takes the
most violating pair, moves its two coefficients by the exact minimiser along the pair direction,
and clips to the box. The lesson writes the same function in a cell; the tests check that the two
sources agree and that the result matches ``solve_exact``.
"""

import numpy as np


def simple_smo(X, y, reg_strength, tol=1e-10, max_steps=100_000):
    C = 1 / (reg_strength * len(y))
    alpha, gaps = np.zeros(len(y)), []
    for step in range(max_steps):
        w = X.T @ (alpha * y)                                      # w = sum_i alpha_i y_i x_i
        v = y - X @ w                                              # v_i = y_i - w.x_i (= b on the margin)
        up = ((y > 0) & (alpha < C)) | ((y < 0) & (alpha > 0))     # y_i alpha_i can still grow
        low = ((y > 0) & (alpha > 0)) | ((y < 0) & (alpha < C))    # y_i alpha_i can still shrink
        i = np.flatnonzero(up)[np.argmax(v[up])]                   # the most violating pair (i, j)
        j = np.flatnonzero(low)[np.argmin(v[low])]
        gaps.append(v[i] - v[j])                                   # m - M: the worst KKT violation
        if gaps[-1] <= tol:
            break
        t = gaps[-1] / np.sum((X[i] - X[j]) ** 2)                  # exact minimiser along the pair ...
        t = min(t, C - alpha[i] if y[i] > 0 else alpha[i], alpha[j] if y[j] > 0 else C - alpha[j])  # ... in the box
        alpha[i] += y[i] * t                                       # y_i alpha_i up, y_j alpha_j down:
        alpha[j] -= y[j] * t                                       # sum_i alpha_i y_i stays 0
    return alpha, w, (v[i] + v[j]) / 2, np.array(gaps)
