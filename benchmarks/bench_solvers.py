"""Item 3: the solvers on course-scale data.

The exact solver (``LinearSVM(solver="exact")``, SMO on the dual) against scikit-learn's
``SVC(kernel="linear", tol=1e-10)`` on the same problem (``C = 1 / (lambda N)``), and the iterative
solvers gd and pegasos after their default number of epochs. Every objective is
``hinge_lib.objective.svm_objective`` of the returned ``(w, b)``; the reference optimum ``J*`` is the
lower of the exact solver's and SVC's.
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.svm import SVC

from hinge_lib.models import LinearSVM
from hinge_lib.objective import svm_objective

from _common import compare

LAM = 0.01  # LinearSVM's default reg_strength


def course_problem(n, d, seed=0):
    """Noisy linearly separated Gaussian data, labels in {-1, +1}."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    w = rng.standard_normal(d)
    y = np.where(X @ w / np.sqrt(d) + 0.3 * rng.standard_normal(n) >= 0, 1.0, -1.0)
    return X, y


def _objective(X, y, w, b):
    return svm_objective(X, y, np.ravel(w), float(np.ravel(b)[0]), LAM)


def solver_comparison(cases, repeats, log=print):
    rows = []
    for n, d in cases:
        X, y = course_problem(n, d)
        C = 1.0 / (LAM * n)
        exact = LinearSVM(solver="exact", reg_strength=LAM)
        svc = SVC(kernel="linear", C=C, tol=1e-10)
        gd = LinearSVM(solver="gd", reg_strength=LAM)
        pegasos = LinearSVM(solver="pegasos", reg_strength=LAM, random_state=0)
        row = {"n": n, "d": d}
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                t = compare({"exact": lambda: exact.fit(X, y), "svc": lambda: svc.fit(X, y)}, repeats=repeats)
            row["exact_warnings"] = sorted({str(w.message)[:80] for w in caught})
            row["exact_time"], row["svc_time"] = t["exact"]["median"], t["svc"]["median"]
            row["J_exact"] = _objective(X, y, exact.coef_, exact.intercept_)
        except Exception as exc:  # the exact solver is optional: report why it did not run
            row["exact_error"] = f"{type(exc).__name__}: {exc}"
            t = compare({"svc": lambda: svc.fit(X, y)}, repeats=repeats)
            row["svc_time"], row["exact_time"], row["J_exact"] = t["svc"]["median"], float("nan"), float("nan")
        row["J_svc"] = _objective(X, y, svc.coef_, svc.intercept_)
        # the iterative solvers are slow per call (pegasos updates one sample at a time): fewer repeats
        t = compare({"gd": lambda: gd.fit(X, y), "pegasos": lambda: pegasos.fit(X, y)}, repeats=max(1, repeats // 3))
        row["gd_time"], row["pegasos_time"] = t["gd"]["median"], t["pegasos"]["median"]
        row["gd_epochs"], row["pegasos_epochs"] = gd.n_iter_, pegasos.n_iter_
        row["J_gd"] = _objective(X, y, gd.coef_, gd.intercept_)
        row["J_pegasos"] = _objective(X, y, pegasos.coef_, pegasos.intercept_)
        J_star = np.nanmin([row["J_exact"], row["J_svc"]])
        row["J_star"] = J_star
        row["gap_exact_svc"] = (row["J_exact"] - row["J_svc"]) / abs(row["J_svc"])
        row["subopt_gd"] = (row["J_gd"] - J_star) / abs(J_star)
        row["subopt_pegasos"] = (row["J_pegasos"] - J_star) / abs(J_star)
        rows.append(row)
        log(
            f"  solvers N={n} D={d}: exact {row['exact_time'] * 1e3:.1f} ms, SVC {row['svc_time'] * 1e3:.1f} ms, "
            f"rel. gap {row['gap_exact_svc']:.2e}; gd {row['gd_time'] * 1e3:.0f} ms (subopt {row['subopt_gd']:.1e}), "
            f"pegasos {row['pegasos_time'] * 1e3:.0f} ms (subopt {row['subopt_pegasos']:.1e})"
            + (f"; exact failed: {row['exact_error']}" if "exact_error" in row else "")
        )
    return rows
