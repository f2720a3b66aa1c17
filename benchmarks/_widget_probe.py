# Runs INSIDE a Jupyter kernel (sent as a code cell by bench_course.py), with the inline backend.
# It times widget updates as a learner causes them: set one control's .value, which runs the
# LiveView callback (pure compute, artists moved, PNG pushed into the Image widget) synchronously.
import json as _json
import statistics as _statistics
import time as _time


def _hinge_next_value(control):
    """Another valid value for ``control``, or None if we do not know how to move it."""
    value = control.value
    if hasattr(control, "options") and hasattr(control, "index"):
        n = len(control.options)
        return ("index", None if n < 2 else (control.index + 1) % n)
    if isinstance(value, bool):
        return ("value", not value)
    if isinstance(value, (int, float)) and hasattr(control, "max") and hasattr(control, "min"):
        step = getattr(control, "step", None) or 1
        if hasattr(control, "base"):  # FloatLogSlider: min, max and step are exponents
            import math

            e = math.log(value, control.base)
            e = e + step if e + step <= control.max else e - step
            return ("value", control.base**e)
        new = value + step if value + step <= control.max else value - step
        return ("value", type(value)(new))
    return ("value", None)


def _hinge_time_view(name, view, repeats=5):
    rows = []
    for cname, control in view.controls.items():
        kind, new = _hinge_next_value(control)
        if new is None:
            rows.append({"view": name, "control": cname, "skipped": type(control).__name__})
            continue
        old = control.index if kind == "index" else control.value
        times = []
        for r in range(repeats):
            target = new if r % 2 == 0 else old
            before = view.n_updates
            t0 = _time.perf_counter()
            setattr(control, kind, target)
            times.append(_time.perf_counter() - t0)
            if view.n_updates == before:
                rows.append({"view": name, "control": cname, "skipped": "no update ran"})
                break
        else:
            if kind == "index":
                control.index = old
            else:
                control.value = old
            rows.append(
                {"view": name, "control": cname, "median": _statistics.median(times), "max": max(times),
                 "n": len(times)}
            )
    return rows


def _hinge_probe_globals(namespace):
    from hinge_lib.view import LiveView

    rows, seen = [], set()
    candidates = [(name, obj) for name, obj in list(namespace.items()) if not name.startswith("_")]
    # a view shown as a cell's last expression lives on in IPython's output history
    candidates += [(f"Out[{k}]", obj) for k, obj in dict(namespace.get("Out", {})).items()]
    for name, obj in candidates:
        if isinstance(obj, LiveView) and id(obj) not in seen:
            seen.add(id(obj))
            rows.extend(_hinge_time_view(name, obj))
    return rows
