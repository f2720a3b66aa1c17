"""Item 5: the course's speed budget.

Each lesson runs top to bottom in a fresh kernel (nbclient, as nbval and ``make execute-notebooks``
do); per-cell wall time comes from the timestamps nbclient records in each cell's metadata. After
the last cell, an extra cell (added to our in-memory copy only; the file is not touched) records
the kernel's peak memory and times an update of every LiveView the lesson left in its namespace.
A separate fresh kernel times every argument-free view factory of ``hinge_lib.widgets``.
"""

from __future__ import annotations

import json
import logging
import os
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

PROBE_FACTORIES = "%matplotlib inline\n" + PROBE + f"""
print({MARK!r} + _json.dumps({{"widgets": _hinge_probe_factories()}}))
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


def time_widget_factories(timeout=600):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE_FACTORIES)])
    _run(nb, ROOT / "notebooks", timeout)
    return _probe_output(nb.cells[0]).get("widgets", [])


def course_budget(notebooks=None, log=print):
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) if notebooks is None else notebooks
    results = []
    for path in paths:
        res = time_notebook(path)
        results.append(res)
        slow = res["slowest"]
        log(
            f"  {res['notebook']}: execution {res['execution']:.2f} s (wall {res['wall']:.2f} s), slowest cell "
            f"{slow['seconds'] if slow else float('nan'):.2f} s, {len(res['widgets'])} widget controls"
        )
    factories = time_widget_factories()
    log(f"  hinge_lib.widgets factories: {len(factories)} controls")
    return {"notebooks": results, "factories": factories}
