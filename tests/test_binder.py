"""Binder / repo2docker rules for environment.yml and postBuild.

tests/test_packaging.py keeps the *versions* in environment.yml and pyproject.toml in step; this file
checks what repo2docker (the tool behind mybinder.org and many JupyterHubs) needs to build the course
from the repository root the way we intend:

* it reads its configuration from ``binder/`` or ``.binder/`` if either folder exists, and then ignores
  the root files: there must be neither;
* it picks the conda build pack because of ``environment.yml``; a ``Dockerfile`` would replace the whole
  build, and a ``requirements.txt`` / ``runtime.txt`` / ``Pipfile`` beside it would be silently ignored
  (misleading): none may exist;
* it reads the Python version only from a top-level dependency string matching ``python=X.Y`` (its regex
  ``python\\s*=+\\s*([\\d.]*)``, major.minor kept); ``python>=3.10`` is invisible to it, ``python=3`` means
  an old default, and conda's ``python==3.11`` means exactly 3.11.0: we require ``python=X.Y``, a version
  repo2docker has a base environment for, inside pyproject's ``requires-python``;
* the course package itself is installed by ``postBuild`` (executable, ``set -e``, ``pip install --no-deps``
  of the repository), not as a local requirement in environment.yml (which would make repo2docker copy the
  whole repository before building the environment and defeat its layer cache).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
# repo2docker's own pattern for the Python version in environment.yml (buildpacks/conda)
REPO2DOCKER_PYTHON = re.compile(r"python\s*=+\s*([\d\.]*)")
# Python versions repo2docker ships a frozen base environment for (conda build pack)
REPO2DOCKER_PYTHONS = {"3.10", "3.11", "3.12", "3.13", "3.14"}


@pytest.fixture(scope="module")
def env():
    data = yaml.safe_load((REPO / "environment.yml").read_text())
    assert isinstance(data, dict), "environment.yml must be a mapping (repo2docker raises TypeError otherwise)"
    return data


@pytest.fixture(scope="module")
def requires_python():
    # a regex rather than tomllib, which Python 3.10 (supported by the course) lacks
    m = re.search(r'^requires-python\s*=\s*"([^"]+)"', (REPO / "pyproject.toml").read_text(), re.M)
    assert m, "pyproject.toml declares no requires-python"
    return SpecifierSet(m.group(1))


def test_root_holds_the_binder_files():
    for folder in ("binder", ".binder"):
        assert not (REPO / folder).is_dir(), f"a {folder}/ folder makes repo2docker ignore the root environment.yml"
    assert (REPO / "environment.yml").is_file()
    assert (REPO / "postBuild").is_file()
    assert not (REPO / "environment.yaml").exists(), "repo2docker reads environment.yml, not .yaml"
    for other in ("Dockerfile", "requirements.txt", "runtime.txt", "Pipfile", "Pipfile.lock", "setup.py"):
        assert not (REPO / other).exists(), f"{other} at the root would replace or sit ignored beside environment.yml"


def test_python_pin_is_what_repo2docker_reads(env, requires_python):
    deps = env.get("dependencies")
    assert isinstance(deps, list) and deps, "environment.yml needs a dependencies list"
    pythons = [d for d in deps if isinstance(d, str) and re.match(r"python\b", d) and not d.startswith("python-")]
    assert len(pythons) == 1, f"exactly one python dependency expected, got {pythons}"
    spec = pythons[0].replace(" ", "")
    m = REPO2DOCKER_PYTHON.match(spec)
    assert m, f"{spec!r}: repo2docker only sees 'python=X.Y'"
    assert re.fullmatch(r"python=\d+\.\d+", spec), f"{spec!r}: pin major.minor with one '=' (python=3.11)"
    version = m.group(1)
    assert version in REPO2DOCKER_PYTHONS, f"repo2docker has no base environment for Python {version}"
    assert Version(version) in requires_python, f"python={version} is outside requires-python {requires_python}"


def test_pip_section(env):
    deps = env["dependencies"]
    assert "conda-forge" in env.get("channels", []), "use conda-forge (the defaults channel needs a licence)"
    assert "pip" in deps, "list pip as a conda dependency when there is a pip: section"
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    assert len(pip_sections) == 1 and isinstance(pip_sections[0], list) and pip_sections[0]
    for line in pip_sections[0]:
        line = str(line).strip()
        if line.startswith("-"):
            assert re.match(r"--(extra-)?index-url\s+https://", line), f"unexpected pip option in environment.yml: {line}"
            continue
        # repo2docker's is_local_pip_requirement: the package is installed by postBuild instead
        assert not re.match(r"(\.|/|file:|-e\b)", line) and "@ file:" not in line, f"local requirement: {line}"
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\],]+==[A-Za-z0-9_.+!\-]+", line), f"not an exact pin: {line}"


def test_post_build_installs_the_package():
    post_build = REPO / "postBuild"
    text = post_build.read_text()
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] in ("#!/usr/bin/env bash", "#!/bin/bash"), "postBuild needs a bash shebang"
    assert any(re.match(r"set -[a-z]*e", line) for line in lines), "postBuild must stop on the first error (set -e)"
    installs = [line for line in lines if re.search(r"\bpip install\b", line)]
    assert installs, "postBuild must install hinge_lib"
    assert any(re.search(r"(-e\s+)?\.(\s|$)", line) and "--no-deps" in line for line in installs), (
        "postBuild must install this repository with --no-deps (its dependencies come from environment.yml)"
    )
    # repo2docker runs it as a program: it must be executable in the repository (git keeps the mode)
    mode = None
    if shutil.which("git") and (REPO / ".git").exists():
        out = subprocess.run(["git", "ls-files", "-s", "postBuild"], cwd=REPO, capture_output=True, text=True)
        if out.returncode == 0 and out.stdout:
            mode = out.stdout.split()[0]
    if mode is not None:
        assert mode == "100755", f"postBuild is committed with mode {mode}; run git update-index --chmod=+x postBuild"
    assert os.stat(post_build).st_mode & stat.S_IXUSR, "postBuild is not executable"
    syntax = subprocess.run(["bash", "-n", str(post_build)], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr


def test_readme_binder_section():
    readme = (REPO / "README.md").read_text()
    assert re.search(r"^#+ .*Binder", readme, re.M | re.I) or "**Binder**" in readme, "README needs a Binder section"
    urls = re.findall(r"https://mybinder\.org/v2/gh/[^\s`)\]]+", readme)
    assert urls, "README needs the Binder launch URL pattern"
    for url in urls:
        m = re.search(r"\?urlpath=lab/tree/([^\s&`)\]]+)", url)
        assert m, f"{url}: open JupyterLab on a lesson with ?urlpath=lab/tree/<path>"
        target = m.group(1)
        assert (REPO / target).exists(), f"{url}: {target} does not exist in the repository"
