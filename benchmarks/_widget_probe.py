# Runs INSIDE a Jupyter kernel (sent as a code cell by bench_course.py), with the inline backend.
# It times widget updates as a learner causes them: set one control's .value, which runs the
# LiveView callback (pure compute + draw + display of the figure as a PNG) synchronously.
import inspect as _inspect
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
    from hinge_lib.widgets import LiveView

    rows, seen = [], set()
    candidates = [(name, obj) for name, obj in list(namespace.items()) if not name.startswith("_")]
    # a view shown as a cell's last expression lives on in IPython's output history
    candidates += [(f"Out[{k}]", obj) for k, obj in dict(namespace.get("Out", {})).items()]
    for name, obj in candidates:
        if isinstance(obj, LiveView) and id(obj) not in seen:
            seen.add(id(obj))
            rows.extend(_hinge_time_view(name, obj))
    return rows


def _hinge_probe_factories():
    """Call every public function of hinge_lib.widgets that needs no argument and returns a LiveView."""
    import hinge_lib.widgets as mod
    from hinge_lib.widgets import LiveView

    from hinge_lib.data import make_two_class
    from hinge_lib.models import LinearSVM

    X, y = make_two_class(seed=0)  # the lessons' toy data, for views that take (X, y) or a fitted model
    course_args = {"X": X, "y": y, "model": LinearSVM(solver="gd", n_epochs=100).fit(X, y)}
    rows = []
    for name, fn in sorted(vars(mod).items()):
        if name.startswith("_") or not _inspect.isfunction(fn) or fn.__module__ != mod.__name__:
            continue
        if not name.endswith("_view"):
            continue
        params = _inspect.signature(fn).parameters.values()
        required = [p.name for p in params
                    if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
        if not set(required) <= set(course_args):
            rows.append({"view": f"widgets.{name}()", "control": "-", "skipped": f"needs {', '.join(required)}"})
            continue
        t0 = _time.perf_counter()
        try:
            view = fn(**{k: course_args[k] for k in required})
        except Exception as exc:  # report it; the other views still get timed
            rows.append({"view": f"widgets.{name}()", "control": "-", "skipped": f"{type(exc).__name__}: {exc}"})
            continue
        build = _time.perf_counter() - t0
        if not isinstance(view, LiveView):
            continue
        for row in _hinge_time_view(f"widgets.{name}()", view):
            row["build"] = build
            rows.append(row)
    return rows
