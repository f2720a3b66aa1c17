"""Run the hinge-course benchmarks and write RESULTS.md, results.json and time_vs_size.png.

    make bench                        # full run (several minutes), rewrites benchmarks/RESULTS.md
    make bench BENCH_ARGS=--quick     # tiny sizes, a few seconds, writes to a temporary folder
    .venv/bin/python benchmarks/run.py --sections kernels,gd --out /tmp/bench

Sections: ``kernels`` (issue items 1 and 2: loss + gradient against a loop, torch and the
matrix-product floor), ``solvers`` (item 3), ``gd`` (item 4: per-epoch cost), ``course`` (item 5:
notebook execution times and widget latency). See benchmarks/README section of the top README.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # this checkout's hinge_lib, installed or not
sys.path.insert(0, str(HERE))

import matplotlib  # noqa: E402

matplotlib.use("Agg")

from _common import environment, fmt_time, load_average, md_table  # noqa: E402

SECTIONS = ("kernels", "solvers", "gd", "course")

FULL = {
    "multiclass_sizes": [1_000, 3_000, 10_000, 30_000, 100_000, 200_000],
    "binary_sizes": [1_000, 10_000, 100_000, 300_000, 1_000_000],
    "naive_max_multiclass": 10_000,
    "naive_max_binary": 3_000,
    "repeats": 9,
    "solver_cases": [(100, 2), (500, 5), (1000, 10), (2000, 20), (5000, 50)],
    "solver_repeats": 5,
    "gd_cases": [
        {"n": 500, "d": 2, "c": 2, "epochs": 400},
        {"n": 2000, "d": 20, "c": 2, "epochs": 400},
        {"n": 5000, "d": 50, "c": 2, "epochs": 400},
        {"n": 1797, "d": 64, "c": 10, "epochs": 400},
        {"n": 100_000, "d": 100, "c": 2, "epochs": 20},
        {"n": 100_000, "d": 100, "c": 10, "epochs": 10},
    ],
}
QUICK = {
    "multiclass_sizes": [300, 1_000],
    "binary_sizes": [300, 1_000],
    "naive_max_multiclass": 300,
    "naive_max_binary": 300,
    "repeats": 3,
    "solver_cases": [(60, 2)],
    "solver_repeats": 1,
    "gd_cases": [{"n": 200, "d": 2, "c": 2, "epochs": 20}],
}

# Goals (issue 5, revised by issue 9 "hinge_lib 1.0": formula-shaped kernels, judged with 1 thread
# against the matrix-product floor and with every thread setting against torch), and the measured
# quantity that judges each.
MULTICLASS_FLOOR_GOAL = 1.5
MULTICLASS_FLOOR_THREADS = 1
TORCH_SPEEDUP_GOAL = 1.5
BINARY_FLOOR_GOAL = 1.5
EXACT_GAP_GOAL = 1e-8
EXACT_TIME_GOAL = 1.0
EXACT_TIME_CASE = (2000, 20)
GD_EPOCH_GOAL = 1.5
NOTEBOOK_GOAL, COURSE_GOAL, CELL_GOAL, WIDGET_GOAL = 10.0, 60.0, 3.0, 0.100


SECTION_KEYS = {"kernels": ("by_threads", "goal_threads", "multiclass", "binary"), "solvers": ("solvers",),
                "gd": ("gd_by_threads",), "course": ("course",)}


def _read_results(out):
    res = json.loads((out / "results.json").read_text())
    for key in ("by_threads", "gd_by_threads"):  # JSON turned the thread counts into strings
        if key in res:
            res[key] = {int(k): v for k, v in res[key].items()}
    return res


def log(msg):
    print(msg, flush=True)


# ----------------------------------------------------------------------------- report pieces


def _ratio(a, b):
    return a / b if b and not math.isnan(b) else float("nan")


def _status(ok):
    return "met" if ok else "**missed**"


def kernel_table(rows):
    header = ["N", "hinge_lib", "core", "floor", "torch", "naive loop", "hinge_lib / floor", "core / floor",
              "torch / hinge_lib", "naive / hinge_lib"]
    nan = float("nan")
    out = []
    for r in rows:
        out.append([
            f"{r['n']:,}", fmt_time(r["hinge_lib"]), fmt_time(r["core"]), fmt_time(r["floor"]),
            fmt_time(r.get("torch", nan)), fmt_time(r.get("naive", nan)),
            f"{_ratio(r['hinge_lib'], r['floor']):.2f}", f"{_ratio(r['core'], r['floor']):.2f}",
            f"{_ratio(r.get('torch', nan), r['hinge_lib']):.2f}",
            f"{_ratio(r.get('naive', nan), r['hinge_lib']):.0f}" if "naive" in r else "—",
        ])
    return md_table(header, out)


def _per_threads(res, problem):
    out = []
    for k, tables in sorted(res["by_threads"].items(), key=lambda kv: int(kv[0])):
        out += [f"With {k} thread(s) for numpy's BLAS and torch:", "", kernel_table(tables[problem]), ""]
    return out


def figure(mc_rows, bin_rows, path):
    import matplotlib.pyplot as plt

    styles = {
        "hinge_lib": dict(marker="o", linestyle="-", label="hinge_lib svm_objective_and_grad"),
        "core": dict(marker="s", linestyle="--", label="hinge_lib unchecked core"),
        "floor": dict(marker="^", linestyle=":", label="floor: the two matrix products", color="black"),
        "torch": dict(marker="D", linestyle="-.", label="torch forward + backward"),
        "naive": dict(marker="x", linestyle="-", label="naive per-sample loop"),
    }
    fig, axes = plt.subplots(2, 2, figsize=(11, 8), sharex="col")
    for col, (rows, title) in enumerate(
        [(mc_rows, "Weston-Watkins, D = 100, C = 10"), (bin_rows, "binary hinge, D = 100")]
    ):
        top, bottom = axes[0, col], axes[1, col]
        for side, style in styles.items():
            pts = [(r["n"], r[side]) for r in rows if side in r]
            if pts:
                top.plot(*zip(*pts), **style)
            if side != "floor" and pts:
                bottom.plot(*zip(*[(r["n"], r[side] / r["floor"]) for r in rows if side in r]), **style)
        goal = MULTICLASS_FLOOR_GOAL if col == 0 else BINARY_FLOOR_GOAL
        bottom.axhline(goal, color="grey", linewidth=1, label=f"goal: {goal}x the floor")
        bottom.axhline(1.0, color="black", linewidth=1, linestyle=":")
        top.set(xscale="log", yscale="log", ylabel="seconds per call (median)", title=f"Loss + gradient: {title}")
        bottom.set(xscale="log", yscale="log", xlabel="N (samples)", ylabel="time / floor",
                   title="Ratio to the matrix-product floor")
        top.grid(True, which="both", alpha=0.3)
        bottom.grid(True, which="both", alpha=0.3)
        top.legend(fontsize=8)
        bottom.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ----------------------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few repeats (seconds, for tests)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default: benchmarks/, or a temporary folder with --quick)")
    parser.add_argument("--sections", default=None,
                        help=f"comma-separated subset of {','.join(SECTIONS)} "
                             "(default: all; with --quick all but course)")
    parser.add_argument("--threads", default=None,
                        help="comma-separated thread counts for the loss + gradient comparisons "
                             f"(default: 1 and all {os.cpu_count()} cores; with --quick: all cores)")
    parser.add_argument("--update", action="store_true",
                        help="measure only --sections and merge them into the results.json already in --out")
    parser.add_argument("--render-only", action="store_true",
                        help="rewrite RESULTS.md from the results.json in --out (after editing NOTES.md)")
    args = parser.parse_args(argv)
    if args.render_only:
        out = args.out or HERE
        (out / "RESULTS.md").write_text(render(_read_results(out)))
        log(f"rewrote {out / 'RESULTS.md'} from {out / 'results.json'}")
        return 0
    cfg = QUICK if args.quick else FULL
    ncpu = os.cpu_count() or 1
    threads = (sorted({int(t) for t in args.threads.split(",")}) if args.threads
               else [ncpu] if args.quick else sorted({1, ncpu}))
    sections = (args.sections.split(",") if args.sections else
                [s for s in SECTIONS if not (args.quick and s == "course")])
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    out = args.out or (Path(tempfile.mkdtemp(prefix="hinge-bench-")) if args.quick else HERE)
    out.mkdir(parents=True, exist_ok=True)

    started = datetime.now(timezone.utc)
    t_start = time.perf_counter()
    results = {"quick": args.quick, "sections": sections, "config": cfg, "started": started.isoformat(),
               "load_before": load_average(), "load": {}}
    env = environment()
    results["environment"] = env
    log("hinge-course benchmarks" + (" (quick)" if args.quick else ""))
    for k, v in env:
        log(f"  {k}: {v}")
    log(f"  load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in load_average())}")

    if "kernels" in sections:
        import torch
        from bench_kernels import loss_grad_comparison
        from threadpoolctl import threadpool_limits

        results["by_threads"] = {}
        default_threads = torch.get_num_threads()
        for k in threads:
            # numpy's BLAS and torch get the same number of threads
            log(f"with {k} thread(s) for numpy's BLAS and for torch")
            torch.set_num_threads(k)
            with threadpool_limits(k):
                log("item 1: multi-class loss + gradient")
                mc = loss_grad_comparison(False, cfg["multiclass_sizes"], cfg["repeats"],
                                          cfg["naive_max_multiclass"], log=log)
                log("item 2: binary loss + gradient")
                bn = loss_grad_comparison(True, cfg["binary_sizes"], cfg["repeats"], cfg["naive_max_binary"], log=log)
            results["by_threads"][k] = {"multiclass": mc, "binary": bn}
        torch.set_num_threads(default_threads)
        # the goals are judged with every core in use (the libraries' default)
        results["goal_threads"] = max(threads)
        results["multiclass"] = results["by_threads"][max(threads)]["multiclass"]
        results["binary"] = results["by_threads"][max(threads)]["binary"]
        results["load"]["kernels"] = load_average()
    if "solvers" in sections:
        from bench_solvers import solver_comparison

        log("item 3: solvers")
        results["solvers"] = solver_comparison(cfg["solver_cases"], cfg["solver_repeats"], log=log)
        results["load"]["solvers"] = load_average()
    if "gd" in sections:
        from bench_kernels import gd_epoch_comparison
        from threadpoolctl import threadpool_limits

        results["gd_by_threads"] = {}
        for k in threads:
            log(f"item 4: gd per-epoch cost, {k} BLAS thread(s)")
            with threadpool_limits(k):
                results["gd_by_threads"][k] = gd_epoch_comparison(cfg["gd_cases"], max(3, cfg["repeats"] // 2), log=log)
        results["load"]["gd"] = load_average()
    if "course" in sections:
        from bench_course import course_budget

        log("item 5: the course's speed budget")
        results["course"] = course_budget(single_thread_too=not args.quick, log=log)
        results["load"]["course"] = load_average()
    results["seconds"] = time.perf_counter() - t_start
    results["load_after"] = load_average()

    if args.update:  # keep the other sections of the earlier run; say which were measured again, when
        earlier = _read_results(out)
        for sec in sections:
            for key in SECTION_KEYS[sec]:
                earlier[key] = results[key]
            earlier.setdefault("load", {})[sec] = results["load"][sec]
            earlier.setdefault("remeasured", {})[sec] = {
                "started": results["started"], "load_before": results["load_before"],
                "load_after": results["load_after"]}
        results = earlier
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    if "kernels" in sections:
        figure(results["multiclass"], results["binary"], out / "time_vs_size.png")
    (out / "RESULTS.md").write_text(render(results))
    log(f"wrote {out / 'RESULTS.md'} ({results['seconds']:.0f} s)")
    return 0


def render(res):
    """RESULTS.md from the results dictionary."""
    lines = ["# Benchmark results", ""]
    lines += [
        "Written by `make bench` (`benchmarks/run.py`); do not edit by hand. "
        + ("**Quick mode: tiny sizes, not the measurement.** " if res["quick"] else "")
        + f"Run started {res['started'][:16].replace('T', ' ')} UTC and took {res['seconds']:.0f} s.",
        "",
        "Each comparison runs all of its sides in one process, interleaved (every repeat calls each side once, "
        "in a rotating order); times are medians over the repeats. The machine is shared and has 2 cores, so "
        "absolute times are noisy: the ratios are what count.",
        "",
    ]
    goals = []  # (item, goal, measured, status, note)

    def threads_label(k):
        return f"{k} thread{'s' if int(k) > 1 else ''}"

    if "by_threads" in res:
        runs = sorted(res["by_threads"].items(), key=lambda kv: int(kv[0]))
        for k, run in runs:
            big = run["multiclass"][-1]
            r_pub, r_core = big["hinge_lib"] / big["floor"], big["core"] / big["floor"]
            judged = int(k) == MULTICLASS_FLOOR_THREADS
            goals.append(("1", f"validated Weston-Watkins loss + gradient at N = {big['n']:,}: at most "
                               f"{MULTICLASS_FLOOR_GOAL}x the two matrix products ({threads_label(k)})"
                               + ("" if judged else "; shown, the goal is judged with 1 thread"),
                          f"public {r_pub:.2f}x; core {r_core:.2f}x",
                          _status(r_pub <= MULTICLASS_FLOOR_GOAL) if judged else "(not judged)", ""))
        for k, run in runs:
            big = run["multiclass"][-1]
            if "torch" in big:
                sp = big["torch"] / big["hinge_lib"]
                goals.append(("1", f"Weston-Watkins at N = {big['n']:,}: at least {TORCH_SPEEDUP_GOAL}x faster than torch "
                                   f"multi_margin_loss ({threads_label(k)})",
                              f"{sp:.2f}x", _status(sp >= TORCH_SPEEDUP_GOAL), ""))
        for k, run in runs:
            bigb = run["binary"][-1]
            rb_pub, rb_core = bigb["hinge_lib"] / bigb["floor"], bigb["core"] / bigb["floor"]
            goals.append(("2", f"binary hinge loss + gradient at N = {bigb['n']:,}: at most {BINARY_FLOOR_GOAL}x two "
                               f"matrix-vector products ({threads_label(k)})",
                          f"public {rb_pub:.2f}x; core {rb_core:.2f}x", _status(rb_pub <= BINARY_FLOOR_GOAL), ""))
    if "solvers" in res:
        sv = res["solvers"]
        gaps = [abs(r["gap_exact_svc"]) for r in sv if not math.isnan(r["gap_exact_svc"])]
        worst = max(gaps) if gaps else float("nan")
        goals.append(("3", f"exact solver matches SVC's objective to {EXACT_GAP_GOAL:g} relative (every case)",
                      f"worst abs(J_exact - J_svc) / J_svc = {worst:.1e}",
                      _status(bool(gaps) and len(gaps) == len(sv) and worst <= EXACT_GAP_GOAL), ""))
        case = [r for r in sv if (r["n"], r["d"]) == EXACT_TIME_CASE]
        if case:
            t = case[0]["exact_time"]
            goals.append(("3", f"exact solver under {EXACT_TIME_GOAL:g} s at N = {EXACT_TIME_CASE[0]}, D = {EXACT_TIME_CASE[1]}",
                          fmt_time(t), _status(t < EXACT_TIME_GOAL), ""))
    for k, rows in sorted(res.get("gd_by_threads", {}).items(), key=lambda kv: int(kv[0])):
        ratios = [(r["epoch"] / r["hinge_lib"], r) for r in rows]
        worst, wr = max(ratios, key=lambda p: p[0])
        goals.append(("4", f"gd per-epoch cost at most {GD_EPOCH_GOAL}x one loss + gradient evaluation, every case "
                           f"({threads_label(k)})",
                      f"worst {worst:.2f}x (N = {wr['n']:,}, D = {wr['d']}, C = {wr['c']})",
                      _status(worst <= GD_EPOCH_GOAL), ""))
    if "course" in res and res["course"]["notebooks"]:
        nbs = res["course"]["notebooks"]
        worst_nb = max(nbs, key=lambda r: r["execution"])
        total = sum(r["execution"] for r in nbs)
        cells = [(c["seconds"], r["notebook"], c) for r in nbs for c in r["cells"]]
        worst_cell = max(cells, key=lambda p: p[0])
        # judged on the views the lessons build
        widgets = [dict(w, view=f"{r['notebook'][:2]}: {w['view']}") for r in nbs for w in r["widgets"]
                   if "median" in w]
        goals.append(("5", f"each notebook under {NOTEBOOK_GOAL:g} s of execution",
                      f"slowest {worst_nb['notebook']}: {worst_nb['execution']:.2f} s",
                      _status(worst_nb["execution"] < NOTEBOOK_GOAL), ""))
        goals.append(("5", f"whole course under {COURSE_GOAL:g} s of execution ({len(nbs)} notebooks)",
                      f"{total:.2f} s", _status(total < COURSE_GOAL), ""))
        goals.append(("5", f"no cell over {CELL_GOAL:g} s",
                      f"slowest: {worst_cell[1]} cell {worst_cell[2]['index']}, {worst_cell[0]:.2f} s",
                      _status(worst_cell[0] <= CELL_GOAL), ""))
        if widgets:
            ww = max(widgets, key=lambda w: w["median"])
            goals.append(("5", f"widget updates under {WIDGET_GOAL * 1e3:.0f} ms (median per control of each lesson's views)",
                          f"slowest: {ww['view']}.{ww['control']} {ww['median'] * 1e3:.0f} ms",
                          _status(ww["median"] < WIDGET_GOAL), ""))

    lines += ["## Goals", "", md_table(["item", "goal", "measured", "status"], [g[:4] for g in goals]), ""]
    lines += [f"Full-size run? {'no (quick mode)' if res['quick'] else 'yes'}. "
              f"Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in res['load_before'])}; "
              f"after: {', '.join(f'{x:.2f}' for x in res['load_after'])}; "
              + "; ".join(f"after {k}: {v[0]:.2f}" for k, v in res["load"].items()) + ".", ""]
    for sec, info in res.get("remeasured", {}).items():
        lines += [f"Section {sec!r} was measured again at {info['started'][:16].replace('T', ' ')} UTC "
                  f"(load average before: {', '.join(f'{x:.2f}' for x in info['load_before'])}; after: "
                  f"{', '.join(f'{x:.2f}' for x in info['load_after'])}); its tables replace the first run's.", ""]
    notes = HERE / "NOTES.md"
    if notes.exists() and not res["quick"]:
        lines += [notes.read_text().strip(), ""]

    lines += ["## Machine, versions, threads", "", md_table(["", ""], res["environment"]), ""]

    if "multiclass" in res:
        lines += [
            "## 1. Weston-Watkins loss + gradient (D = 100, C = 10, float64)", "",
            "`hinge_lib` is `svm_objective_and_grad(X, y, W, b, lam)` (validates its inputs); `core` is the "
            "unchecked `objective_and_grad` that the solvers call; `floor` is `X @ W` and `X.T @ G` "
            "alone; `torch` is `multi_margin_loss(X @ W + b, y) * C + lam/2 ||W||^2` forward and backward "
            "(W and b require grad), float64 on the CPU, checked to agree with hinge_lib; the naive loop is "
            "CS231n's `svm_loss_naive` (one sample, then one class, at a time), run at small N only.", "",
            *_per_threads(res, "multiclass"),
            "## 2. Binary hinge loss + gradient (D = 100, float64)", "",
            "The floor is `X @ w` and `X.T @ g` (two matrix-vector products); torch is "
            "`clamp(1 - y * (X @ w + b), min=0).mean() + lam/2 ||w||^2`; the naive loop is "
            "`hinge_lib.objective.svm_objective_and_grad_naive` (Python loops over samples and features).", "",
            *_per_threads(res, "binary"),
            f"![time against problem size](time_vs_size.png)", "",
            f"The figure shows the run with {res['goal_threads']} thread(s).", "",
        ]
    if "solvers" in res:
        rows = []
        for r in res["solvers"]:
            rows.append([
                f"{r['n']:,}", r["d"], fmt_time(r["exact_time"]), fmt_time(r["svc_time"]),
                f"{r['gap_exact_svc']:.1e}", fmt_time(r["gd_time"]), f"{r['subopt_gd']:.1e}",
                fmt_time(r["pegasos_time"]), f"{r['subopt_pegasos']:.1e}",
                r.get("exact_error", "; ".join(r.get("exact_warnings", []))) or "",
            ])
        lines += [
            "## 3. Solvers on course-scale data", "",
            "Gaussian features, labels from a noisy linear rule, `reg_strength = 0.01` (SVC's `C = 1 / (0.01 N)`). "
            "`exact` is `LinearSVM(solver=\"exact\")` (SMO, tol 1e-10); `SVC` is "
            "`SVC(kernel=\"linear\", C=C, tol=1e-10)`; gd and pegasos run their defaults (400 epochs; gd "
            "learning rate 0.05, pegasos batch size 1). The gap is `(J_exact - J_SVC) / J_SVC`; "
            "suboptimality is `(J - J*) / J*` with `J*` the lower of the two; every J is "
            "`hinge_lib.objective.svm_objective` of the returned (w, b).", "",
            md_table(["N", "D", "exact", "SVC", "gap exact vs SVC", "gd", "gd subopt.", "pegasos",
                      "pegasos subopt.", "notes"], rows), "",
        ]
    if "gd_by_threads" in res:
        lines += [
            "## 4. Per-epoch cost of the gd solver", "",
            "`LinearSVM(solver=\"gd\", n_epochs=E).fit(X, y)` time divided by E (it evaluates the objective "
            "and gradient E + 1 times and records the history), against one `svm_objective_and_grad` call "
            "(validated) and one unchecked core call at the same size.", "",
        ]
        for k, gd_rows in sorted(res["gd_by_threads"].items(), key=lambda kv: int(kv[0])):
            rows = [[f"{r['n']:,}", r["d"], r["c"], r["epochs"], fmt_time(r["epoch"]), fmt_time(r["hinge_lib"]),
                     fmt_time(r["core"]), f"{r['epoch'] / r['hinge_lib']:.2f}", f"{r['epoch'] / r['core']:.2f}"]
                    for r in gd_rows]
            lines += [f"With {threads_label(k)} for numpy's BLAS:", "",
                      md_table(["N", "D", "C", "E", "per epoch", "one evaluation", "one core evaluation",
                                "epoch / evaluation", "epoch / core"], rows), ""]
    if "course" in res:
        nbs = res["course"]["notebooks"]
        lines += ["## 5. The course's speed budget", ""]
        if not nbs:
            lines += ["No lesson notebooks found in notebooks/.", ""]
        else:
            rows = []
            one = all("execution_1thread" in r for r in nbs)
            for r in nbs:
                s = r["slowest"] or {"seconds": float("nan"), "index": "-", "first_line": ""}
                row = [r["notebook"], f"{r['execution']:.2f} s", f"{r['wall']:.2f} s",
                       f"{s['seconds']:.2f} s (cell {s['index']}: `{s['first_line']}`)", f"{r['peak_mb']:.0f} MB"]
                if one:
                    s1 = r["slowest_1thread"]
                    row += [f"{r['execution_1thread']:.2f} s", f"{s1['seconds']:.2f} s (cell {s1['index']})"]
                rows.append(row)
            total = sum(r["execution"] for r in nbs)
            rows.append(["**total**", f"{total:.2f} s", f"{sum(r['wall'] for r in nbs):.2f} s", "", ""]
                        + ([f"{sum(r['execution_1thread'] for r in nbs):.2f} s", ""] if one else []))
            header = ["notebook", "execution", "wall", "slowest cell", "kernel peak memory"]
            header += ["execution, 1 BLAS thread", "slowest cell, 1 BLAS thread"] if one else []
            lines += [
                "Each notebook runs top to bottom in a fresh kernel (nbclient). Execution is the sum of the "
                "cells' wall times (nbclient's timestamps); wall adds kernel start-up and shutdown. "
                + ("The last two columns run each lesson again with `OPENBLAS_NUM_THREADS=1` in the kernel "
                   "(diagnostic only: the goals are judged on the default run)." if one else ""), "",
                md_table(header, rows), "",
            ]
        wrows = []
        labelled = [dict(w, view=f"{r['notebook'][:2]}: {w['view']}") for r in nbs for w in r["widgets"]]
        for w in labelled:
            if "median" in w:
                wrows.append([w["view"], w["control"], f"{w['median'] * 1e3:.0f} ms", f"{w['max'] * 1e3:.0f} ms"])
            else:
                wrows.append([w["view"], w["control"], "not measured", w["skipped"]])
        if wrows:
            lines += [
                "View latency: in the lesson's kernel after it ran, set a control's `.value` (to the next "
                "option or one step) and time the LiveView callback, which computes, moves the artists and "
                "pushes the new PNG into the Image widget; 5 updates per control, alternating between two "
                "values. Every LiveView the lesson left in its namespace is timed (rows `NN: name`).", "",
                md_table(["view", "control", "median", "max"], wrows), "",
            ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
