"""Item 5: the course's speed budget.

Each lesson runs top to bottom in a fresh kernel (nbclient, as nbval and ``make execute-notebooks``
do); per-cell wall time comes from the timestamps nbclient records in each cell's metadata. After
the last cell, an extra cell (added to our in-memory copy only; the file is not touched) records
the kernel's peak memory and times an update of every LiveView the lesson left in its namespace
(each control of each view: the lesson's own views, with the lesson's own data).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
PROBE = (Path(__file__).with_name("_widget_probe.py")).read_text()
MARK = "HINGE_BENCH_JSON:"
# two kernels in a row in one process make tornado log a harmless socket error at shutdown
logging.getLogger("tornado").setLevel(logging.CRITICAL)

PROBE_LESSON = PROBE + f"""
import resource as _resource
print({MARK!r} + _json.dumps({{
    "peak_mb": _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss / 1024,
    "widgets": _hinge_probe_globals(globals()),
}}))
"""


def _stamp(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _probe_output(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and MARK in out.get("text", ""):
            line = next(ln for ln in out["text"].splitlines() if ln.startswith(MARK))
            return json.loads(line[len(MARK):])
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise RuntimeError(f"probe cell failed: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    return {}


def _run(nb, cwd, timeout):
    # the kernel imports this checkout's hinge_lib even where it is not pip-installed
    path = os.environ.get("PYTHONPATH", "")
    if str(ROOT) not in path.split(os.pathsep):
        os.environ["PYTHONPATH"] = str(ROOT) + (os.pathsep + path if path else "")
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    t0 = time.perf_counter()
    client.execute()
    return time.perf_counter() - t0


def time_notebook(path, timeout=600):
    """Wall time (kernel start included), per-cell times, peak kernel memory and widget latencies."""
    nb = nbformat.read(path, as_version=4)
    n_cells = len(nb.cells)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE_LESSON))
    wall = _run(nb, path.parent, timeout)
    cells = []
    for i, cell in enumerate(nb.cells[:n_cells]):
        if cell.cell_type != "code":
            continue
        ex = cell.metadata.get("execution", {})
        start, end = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
        if start and end:
            seconds = (_stamp(end) - _stamp(start)).total_seconds()
            first = next((ln for ln in cell.source.splitlines() if ln.strip() and not ln.startswith("#")), "")
            cells.append({"index": i, "seconds": seconds, "first_line": first[:60]})
    probe = _probe_output(nb.cells[-1])
    return {
        "notebook": path.name,
        "wall": wall,
        "execution": sum(c["seconds"] for c in cells),
        "cells": cells,
        "slowest": max(cells, key=lambda c: c["seconds"]) if cells else None,
        "peak_mb": probe.get("peak_mb", float("nan")),
        "widgets": probe.get("widgets", []),
    }


def _with_env(env, fn):
    """Run ``fn()`` with extra environment variables for the kernels it starts."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return fn()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _isolated(kind, path=None, timeout=120, tries=3):
    """Run one measurement in a fresh Python process (its own event loop and sockets: several
    kernels in a row in one process can leave nbclient waiting forever), with a time limit; a
    run that hangs is tried once more."""
    cmd = [sys.executable, __file__, kind] + ([str(path)] if path else [])
    env = dict(os.environ, HINGE_BENCH_GIVE_UP_AFTER=str(timeout - 10))
    for attempt in range(tries):
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            proc = None
        line = proc and next((ln for ln in proc.stdout.splitlines() if ln.startswith(MARK)), None)
        if line:
            return json.loads(line[len(MARK):])
        if attempt < tries - 1:
            tail = (proc.stderr.strip().splitlines() or ["?"])[-1] if proc else f"no answer in {timeout} s"
            print(f"  ({' '.join(cmd[2:])} failed: {tail[:200]}; trying again)", file=sys.stderr, flush=True)
        else:
            raise RuntimeError(f"{' '.join(cmd[1:])} failed {tries} times; last stderr:\n"
                               + (proc.stderr[-3000:] if proc else "(timed out)"))


def course_budget(notebooks=None, single_thread_too=False, log=print):
    """Time every lesson and widget; with ``single_thread_too``, run the lessons again with one BLAS
    thread in the kernel (OPENBLAS_NUM_THREADS=1), to show what BLAS threads cost on a busy machine."""
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) if notebooks is None else notebooks
    results = []
    for path in paths:
        res = _isolated("notebook", path)
        if single_thread_too:
            one = _with_env({"OPENBLAS_NUM_THREADS": "1"}, lambda: _isolated("notebook", path))
            res["execution_1thread"] = one["execution"]
            res["slowest_1thread"] = one["slowest"]
        results.append(res)
        slow = res["slowest"]
        log(
            f"  {res['notebook']}: execution {res['execution']:.2f} s (wall {res['wall']:.2f} s), slowest cell "
            f"{slow['seconds'] if slow else float('nan'):.2f} s, {len(res['widgets'])} widget controls"
            + (f"; with 1 BLAS thread {res['execution_1thread']:.2f} s" if single_thread_too else "")
        )
    return {"notebooks": results}


if __name__ == "__main__":  # one measurement, as _isolated runs it
    import faulthandler

    # a run that hangs (seen now and then while other jobs start kernels) says where, then exits
    faulthandler.dump_traceback_later(float(os.environ.get("HINGE_BENCH_GIVE_UP_AFTER", "600")), exit=True)
    print(MARK + json.dumps(time_notebook(Path(sys.argv[2]))))
