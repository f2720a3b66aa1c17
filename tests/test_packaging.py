"""Packaging: environment.yml and pyproject.toml pin the same versions, the package metadata matches the
code, CI runs `make test`, and importing hinge_lib does not import torch.

What repo2docker needs (no binder/ folder, the python=X.Y form, postBuild executable with set -e and
installing the package) is checked in detail in tests/test_binder.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

try:
    import tomllib
except ImportError:  # Python 3.10 (supported by the course) has no tomllib; pip vendors the same parser
    from pip._vendor import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
# what `make lab` installs (pip install -e ".[course,test]"), and `make test` / `make html` add ("site")
EXTRAS = ("course", "test", "site")


def parse_environment_yml(text):
    """The dependencies of environment.yml: (conda strings, pip strings). Uses PyYAML when it is installed,
    else reads the simple two-level list this file uses (no new dependency just for a test)."""
    try:
        import yaml
    except ImportError:
        yaml = None
    if yaml is not None:
        deps = yaml.safe_load(text)["dependencies"]
        conda = [d for d in deps if isinstance(d, str)]
        pip = [str(p) for d in deps if isinstance(d, dict) for p in d.get("pip", [])]
        return conda, pip
    conda, pip, section = [], [], None
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        item = line.strip()
        if indent == 0:
            section = item.rstrip(":")
        elif section == "dependencies" and item == "- pip:":
            section = "pip"
        elif section == "dependencies" and item.startswith("- "):
            conda.append(item[2:].strip())
        elif section == "pip" and item.startswith("- "):
            pip.append(item[2:].strip())
    return conda, pip


@pytest.fixture(scope="module")
def environment():
    return parse_environment_yml((REPO / "environment.yml").read_text())


@pytest.fixture(scope="module")
def pyproject():
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def pins(requirements, python_version):
    """{canonical name: version} of the exact pins that apply to ``python_version`` (markers evaluated)."""
    env = {"python_version": python_version, "python_full_version": f"{python_version}.0"}
    out = {}
    for line in requirements:
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        (spec,) = req.specifier  # one specifier each: an exact pin
        assert spec.operator == "==", f"{line!r} is not an exact pin"
        name = canonicalize_name(req.name)
        assert name not in out, f"two pins for {name} apply to Python {python_version}"
        out[name] = spec.version
    return out


def pyproject_pins(pyproject, python_version):
    extras = pyproject["project"]["optional-dependencies"]
    return pins([line for extra in EXTRAS for line in extras[extra]], python_version)


def environment_python(environment):
    conda, _ = environment
    (python,) = [d for d in conda if re.match(r"python\b", d)]
    m = re.fullmatch(r"python\s*=\s*(\d+\.\d+)", python)
    assert m, f"environment.yml must pin the Python minor version as python=X.Y; found {python!r}"
    return m.group(1)


def test_environment_pins_python_3_11_exactly(environment):
    assert environment_python(environment) == "3.11"


def test_environment_pip_pins_equal_the_pyproject_pins_for_its_python(environment, pyproject):
    _, pip_lines = environment
    options = [line for line in pip_lines if line.startswith("-")]
    assert all(re.match(r"--extra-index-url https://", o) for o in options), options
    env_pins = pins([line for line in pip_lines if not line.startswith("-")], "3.11")
    project_pins = pyproject_pins(pyproject, environment_python(environment))
    # both directions: nothing pinned in one file only, and the same version everywhere
    assert set(env_pins) - set(project_pins) == set(), "pinned in environment.yml but not in pyproject.toml"
    assert set(project_pins) - set(env_pins) == set(), "pinned in pyproject.toml but not in environment.yml"
    assert env_pins == project_pins


@pytest.mark.parametrize("python_version", ["3.10", "3.11", "3.12", "3.13"])
def test_every_supported_python_gets_one_pin_per_package(pyproject, python_version):
    """The 3.10 band and the 3.11+ band pin the same packages (pins() rejects two pins for one package)."""
    assert Version(python_version) in SpecifierSet(pyproject["project"]["requires-python"])
    assert set(pyproject_pins(pyproject, python_version)) == set(pyproject_pins(pyproject, "3.11"))


@pytest.mark.parametrize("python_version", ["3.10", "3.11"])
def test_the_pins_satisfy_the_librarys_own_requirements(pyproject, python_version):
    pinned = pyproject_pins(pyproject, python_version)
    for line in pyproject["project"]["dependencies"]:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert name in pinned, f"{name} is a dependency of hinge_lib but the course does not pin it"
        assert Version(pinned[name]) in req.specifier, f"{name}=={pinned[name]} violates {line!r}"


def test_the_running_environment_is_the_pinned_one(pyproject):
    """`make test` installs the pins; a different version here means the numbers may differ from the course's."""
    from importlib.metadata import version

    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    for name, pinned in pyproject_pins(pyproject, running).items():
        installed = Version(version(name))
        assert installed.public == pinned, f"{name} {installed} is installed, the course pins {pinned}"


def test_package_metadata_matches_the_code(pyproject):
    import hinge_lib

    assert pyproject["project"]["version"] == hinge_lib.__version__
    # every package directory is found, or a regular (non-editable) install would leave it out
    from setuptools import find_packages

    found = sorted(
        ".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "hinge_lib").rglob("__init__.py")
    )
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert sorted(find_packages(where=str(REPO), include=include)) == found
    assert "hinge_lib.lessons" in found


def test_make_installs_the_extras_and_ci_runs_make_test():
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r'pip install .*-e "\.\[course,test\]"', makefile)
    assert re.search(r'pip install .*-e "\.\[course,test,site\]"', makefile)
    assert re.search(r"^test: setup \$\(SITE_STAMP\)\n(\t.*\n)*\t.*python -m pytest", makefile, re.M)
    assert re.search(r"^html: setup \$\(SITE_STAMP\)\n\t.*docs/book\.py _site$", makefile, re.M)
    ci = (REPO / ".ci" / "run").read_text()
    assert ci.startswith("#!/usr/bin/env bash") and re.search(r"^set -euo pipefail$", ci, re.M)
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert any(re.match(r"make test\b", c) for c in commands), ".ci/run must call make test"


def test_importing_hinge_lib_does_not_import_torch():
    """A fresh interpreter, so nothing imported by other tests counts. torch is imported where it is used."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import hinge_lib\n"
        "assert 'torch' not in sys.modules, 'import hinge_lib imported torch'\n"
        "names = [m.name for m in pkgutil.walk_packages(hinge_lib.__path__, 'hinge_lib.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "    assert 'torch' not in sys.modules, f'import {name} imported torch'\n"
        "print(len(names))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO), MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 10  # every module was imported, not just the package


def test_the_environment_parser_without_yaml_reads_the_same(environment):
    """The fallback parser (used when PyYAML is missing) must agree with PyYAML on the real file."""
    import builtins

    real_import = builtins.__import__

    def no_yaml(name, *args, **kwargs):
        if name == "yaml":
            raise ImportError("PyYAML hidden for this test")
        return real_import(name, *args, **kwargs)

    builtins.__import__ = no_yaml
    try:
        by_hand = parse_environment_yml((REPO / "environment.yml").read_text())
    finally:
        builtins.__import__ = real_import
    assert by_hand == environment


def test_make_lab_serves_the_notebooks_folder():
    # -n: print the commands without running them (the .venv stamp is up to date when tests run)
    out = subprocess.run(["make", "-n", "lab"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    lab = [line for line in out.splitlines() if "jupyter lab" in line]
    assert len(lab) == 1 and "--ServerApp.root_dir=notebooks" in lab[0]
    assert ("--allow-root" in lab[0]) == (os.getuid() == 0)  # only where Jupyter would otherwise refuse to start
