"""Timing and environment helpers shared by the benchmark sections.

Every comparison runs all of its sides in this one process, interleaved: each repeat calls every
side once, in an order that rotates from repeat to repeat, so a burst of load from elsewhere on
the machine hits all sides alike. We report the median over repeats and ratios of medians.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import sys
import time


def _calibrate(fn, target):
    """How many calls make one timed sample of at least ``target`` seconds (1 for slow calls)."""
    t0 = time.perf_counter()
    fn()
    once = time.perf_counter() - t0
    return max(1, int(target / max(once, 1e-9))), once


def compare(sides, repeats=7, target=0.02):
    """Median seconds per call of each side of ``sides`` (name -> zero-argument callable).

    Each side is called once to warm up (and to size its inner loop so that one sample lasts at
    least ``target`` seconds); then ``repeats`` rounds time every side once, in a rotating order.
    Returns ``{name: {"median": s, "min": s, "samples": [...]}}``.
    """
    names = list(sides)
    number = {}
    for name in names:
        number[name], _ = _calibrate(sides[name], target)
    samples = {name: [] for name in names}
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for r in range(repeats):
            k = r % len(names)
            for name in names[k:] + names[:k]:
                fn, n = sides[name], number[name]
                t0 = time.perf_counter()
                for _ in range(n):
                    fn()
                samples[name].append((time.perf_counter() - t0) / n)
    finally:
        if was_enabled:
            gc.enable()
    return {
        name: {"median": statistics.median(v), "min": min(v), "samples": v} for name, v in samples.items()
    }


def load_average():
    try:
        return os.getloadavg()
    except OSError:  # pragma: no cover - not on Linux/macOS
        return (float("nan"),) * 3


def cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment():
    """The machine, library versions and thread counts, as a list of (key, value) rows."""
    import numpy
    import scipy
    import sklearn

    rows = [
        ("machine", f"{cpu_model()}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}"),
        ("python", sys.version.split()[0]),
        ("numpy", numpy.__version__),
        ("scipy", scipy.__version__),
        ("scikit-learn", sklearn.__version__),
    ]
    try:
        import torch

        rows.append(("torch", f"{torch.__version__} (torch.get_num_threads() = {torch.get_num_threads()})"))
    except ImportError:  # pragma: no cover
        rows.append(("torch", "not installed"))
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        rows.append((var, os.environ.get(var, "(unset)")))
    try:
        from threadpoolctl import threadpool_info

        for info in threadpool_info():
            lib = os.path.basename(info.get("filepath", "?"))
            arch = info.get("architecture")
            rows.append(
                (
                    f"threadpool {info.get('internal_api')}",
                    f"{lib}: {info.get('num_threads')} threads"
                    + (f", kernel {arch}" if arch else "")
                    + (f", version {info['version']}" if info.get("version") else ""),
                )
            )
    except ImportError:  # pragma: no cover
        rows.append(("threadpoolctl", "not installed"))
    return rows


def fmt_time(seconds):
    """A duration with a unit that keeps three significant figures."""
    if seconds != seconds:  # NaN: not measured
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
