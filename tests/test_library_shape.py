"""The shape of hinge_lib (issue "hinge_lib 1.0"): a small, lesson-free core and one package per lesson.

Printed by ``python tests/test_library_shape.py``: the core's line count, the size of
``hinge_lib.__all__`` and the number of public names across the package.

A public name is one a module exports: the names in its ``__all__`` (every module of the library
declares one), or, for a module without ``__all__``, every name defined there without a leading
underscore. Private modules (``_validation``, a lesson's ``_exercises``) export nothing. A name
re-exported elsewhere (``hinge_lib.hinge_loss`` is ``hinge_lib.losses.hinge_loss``) counts once.
"""

import importlib
import pkgutil
import re
from pathlib import Path

import hinge_lib

ROOT = Path(hinge_lib.__file__).parent
CORE_LINES, TOP_LEVEL_NAMES, PUBLIC_NAMES = 2500, 40, 110


def core_files():
    return sorted(p for p in ROOT.glob("*.py"))


def modules():
    names = ["hinge_lib"] + [m.name for m in pkgutil.walk_packages([str(ROOT)], "hinge_lib.")]
    return [importlib.import_module(n) for n in names]


def public_objects():
    """(module, name) of every exported object, counted once per object."""
    seen = {}
    for module in modules():
        if any(part.startswith("_") for part in module.__name__.split(".")[1:]):
            continue
        names = getattr(module, "__all__", None)
        if names is None:
            names = [n for n, v in vars(module).items() if not n.startswith("_")
                     and getattr(v, "__module__", module.__name__) == module.__name__
                     and not isinstance(v, type(module))]
        for name in names:
            obj = getattr(module, name)
            key = id(obj) if callable(obj) or isinstance(obj, type) else (module.__name__, name)
            seen.setdefault(key, f"{module.__name__}.{name}")
    return sorted(seen.values())


def test_the_core_is_small():
    lines = sum(len(p.read_text().splitlines()) for p in core_files())
    assert lines <= CORE_LINES, f"core has {lines} lines"


def test_few_top_level_names():
    assert len(hinge_lib.__all__) <= TOP_LEVEL_NAMES


def test_few_public_names_across_the_package():
    names = public_objects()
    assert len(names) <= PUBLIC_NAMES, names


def test_no_core_module_mentions_a_lesson():
    for path in core_files():
        assert not re.search(r"lesson\s*0?\d", path.read_text(), re.I), path.name


def test_every_public_module_declares_its_exports():
    for module in modules():
        if not any(part.startswith("_") for part in module.__name__.split(".")[1:]):
            assert hasattr(module, "__all__"), module.__name__


def test_importing_the_core_loads_neither_matplotlib_nor_widgets_nor_torch():
    import subprocess
    import sys

    code = "import sys, hinge_lib; print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'ipywidgets', 'torch'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


if __name__ == "__main__":
    lines = sum(len(p.read_text().splitlines()) for p in core_files())
    names = public_objects()
    print(f"core (hinge_lib/*.py): {lines} lines (limit {CORE_LINES})")
    print(f"hinge_lib.__all__: {len(hinge_lib.__all__)} names (limit {TOP_LEVEL_NAMES})")
    print(f"public names across the package: {len(names)} (limit {PUBLIC_NAMES})")
