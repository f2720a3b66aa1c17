"""One-click launch: the Colab install cell, the README badges and the site's launch buttons.

Binder and Colab cannot be reached from the machines that run these tests, so this checks what can be
checked here: the install cell does nothing outside Colab (and would install inside it), and every launch
link has the right form and points at the repository and tag of docs/_config.yml, the one place they are
set. What was not verified is listed in the README ("One-click launch").

The lessons' first code cell is :data:`COLAB_INSTALL_CELL`; :func:`first_code_cell_is_colab_guard` is the
check for it (used here on a fixture lesson; a test over notebooks/ can use it once every lesson has it).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml
from IPython.core.inputtransformer2 import TransformerManager
from packaging.requirements import Requirement

try:
    import tomllib
except ImportError:  # Python 3.10 (supported by the course) has no tomllib; pip vendors the same parser
    from pip._vendor import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "docs" / "_config.yml"

# The first code cell of every lesson. Outside Colab it does nothing and prints nothing (so nbval sees no
# output and nothing changes for make lab / make test); on Colab it installs hinge_lib at the class's tag
# and the quiz package (Colab has numpy, scipy, matplotlib, scikit-learn and ipywidgets already).
COLAB_INSTALL_CELL = """\
import sys
if "google.colab" in sys.modules:  # on Colab only: install the course library and the quiz package
    %pip install --quiet "hinge-course @ git+https://github.com/hinge-course/hinge-course@v2.0" jupyterquiz==2.9.6.4"""


def first_code_cell_is_colab_guard(nb) -> bool:
    """True when the notebook's first code cell is exactly :data:`COLAB_INSTALL_CELL`, with no output."""
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    return bool(code) and code[0].source.strip() == COLAB_INSTALL_CELL.strip() and not code[0].get("outputs")


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load(CONFIG.read_text())


@pytest.fixture(scope="module")
def where(config):
    """(owner, repository, tag) from docs/_config.yml."""
    m = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+)", config["repository"]["url"])
    assert m, f"repository.url must be https://github.com/<owner>/<repo>, not {config['repository']['url']!r}"
    tag = config["repository"]["branch"]
    assert re.fullmatch(r"v\d+(\.\d+)*", tag), f"repository.branch should be the tag a class uses (vX.Y), not {tag!r}"
    return m.group(1), m.group(2), tag


# ------------------------------------------------------------------------------------ the install cell


def _run_in_ipython(with_colab: bool) -> dict:
    """Run the cell in a fresh IPython shell (a new interpreter), pip replaced by a recorder."""
    program = textwrap.dedent(
        f"""
        import contextlib, io, json, sys, types
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        shell.run_cell("pass", store_history=False)  # IPython's own first-run imports, before we count
        calls, shown = [], []
        shell.run_line_magic = lambda *args, **kwargs: calls.append(list(args))  # record, never run pip
        shell.display_pub.publish = lambda *args, **kwargs: shown.append(repr(args)[:200])
        if {with_colab!r}:
            sys.modules["google.colab"] = types.ModuleType("google.colab")
        before = set(sys.modules)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result = shell.run_cell({COLAB_INSTALL_CELL!r}, store_history=True)
        print(json.dumps({{
            "success": result.success, "value": repr(result.result), "calls": calls, "shown": shown,
            "stdout": out.getvalue(), "stderr": err.getvalue(), "new_modules": sorted(set(sys.modules) - before),
        }}))
        """
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_install_cell_does_nothing_outside_colab():
    run = _run_in_ipython(with_colab=False)
    assert run["success"], run
    assert run["calls"] == [], "the cell ran a magic outside Colab"
    # no output of any kind, so nbval compares nothing and the stored lesson needs no output for it
    assert (run["stdout"], run["stderr"], run["shown"], run["value"]) == ("", "", [], "None")
    assert run["new_modules"] == [], f"the cell imported {run['new_modules']}"


def test_the_install_cell_installs_on_colab(where):
    owner, repo, tag = where
    run = _run_in_ipython(with_colab=True)
    assert run["success"], run
    assert len(run["calls"]) == 1 and run["calls"][0][0] == "pip", run["calls"]
    args = run["calls"][0][1]
    assert args.startswith("install --quiet "), args
    assert f'"hinge-course @ git+https://github.com/{owner}/{repo}@{tag}"' in args
    assert run["stdout"] == run["stderr"] == ""


def _install_requirements() -> list[Requirement]:
    line = TransformerManager().transform_cell(COLAB_INSTALL_CELL)
    m = re.search(r"run_line_magic\('pip', '(.*)'\)", line)
    assert m, line
    words = shlex.split(m.group(1))
    assert words[:2] == ["install", "--quiet"], words
    return [Requirement(word) for word in words[2:]]


def test_the_install_cell_pins_what_the_course_pins(where):
    owner, repo, tag = where
    course = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]["course"]
    pinned = {Requirement(line).name: Requirement(line) for line in course}
    by_name = {req.name: req for req in _install_requirements()}
    assert set(by_name) == {"hinge-course", "jupyterquiz"}
    assert by_name["hinge-course"].url == f"git+https://github.com/{owner}/{repo}@{tag}"
    assert by_name["jupyterquiz"].specifier == pinned["jupyterquiz"].specifier  # the stored quizzes' version


def test_first_code_cell_is_colab_guard():
    new = nbformat.v4
    lesson = new.new_notebook(cells=[new.new_markdown_cell("# 01"), new.new_code_cell(COLAB_INSTALL_CELL)])
    assert first_code_cell_is_colab_guard(lesson)
    without = new.new_notebook(cells=[new.new_markdown_cell("# 01"), new.new_code_cell("import numpy as np")])
    assert not first_code_cell_is_colab_guard(without)
    second = new.new_notebook(cells=[new.new_code_cell("import numpy as np"), new.new_code_cell(COLAB_INSTALL_CELL)])
    assert not first_code_cell_is_colab_guard(second)
    printed = new.new_notebook(cells=[new.new_code_cell(COLAB_INSTALL_CELL)])
    printed.cells[0].outputs = [new.new_output("stream", name="stdout", text="installed\n")]
    assert not first_code_cell_is_colab_guard(printed), "a stored output would make nbval compare it"
    assert not first_code_cell_is_colab_guard(new.new_notebook(cells=[new.new_markdown_cell("text only")]))


# ----------------------------------------------------------------------------------- the launch links


def _lesson_links(text: str, pattern: str) -> list[str]:
    return re.findall(pattern + r"[^\s`)\]>\"']*", text)


def test_site_launch_buttons(config):
    launch = config["launch_buttons"]
    assert launch["notebook_interface"] == "jupyterlab"
    assert launch["binderhub_url"] == "https://mybinder.org"
    assert launch["colab_url"] == "https://colab.research.google.com"
    assert re.fullmatch(r"https://[\w.-]+", launch["jupyterhub_url"]), "jupyterhub_url: the hub's https:// address"
    assert "set this to your hub" in CONFIG.read_text().lower()
    assert config["repository"]["path_to_book"] == "", "the book's folders mirror the repository's"


def test_readme_badges_point_at_the_configured_tag(where):
    owner, repo, tag = where
    readme = (REPO / "README.md").read_text()
    badges = dict(re.findall(r"\[!\[[^\]]*\]\((https://[^)\s]+)\)\]\((https://[^)\s]+)\)", readme))  # image: target
    binder = badges.get("https://mybinder.org/badge_logo.svg")
    colab = badges.get("https://colab.research.google.com/assets/colab-badge.svg")
    assert binder and colab, f"README needs a Binder and a Colab badge; found {badges}"
    lesson = r"(notebooks/[\w.-]+\.ipynb)"
    m = re.fullmatch(rf"https://mybinder\.org/v2/gh/{owner}/{repo}/{re.escape(tag)}\?urlpath=lab/tree/{lesson}", binder)
    assert m, f"Binder badge link {binder}"
    assert (REPO / m.group(1)).is_file(), f"the Binder badge opens {m.group(1)}, which does not exist"
    colab_prefix = rf"https://colab\.research\.google\.com/github/{owner}/{repo}/blob/{re.escape(tag)}/"
    m = re.fullmatch(colab_prefix + lesson, colab)
    assert m, f"Colab badge link {colab}"
    assert (REPO / m.group(1)).is_file(), f"the Colab badge opens {m.group(1)}, which does not exist"
    # every concrete launch link in the README uses the same repository and tag
    links = _lesson_links(readme, r"https://mybinder\.org/v2/gh/")
    links += _lesson_links(readme, r"https://colab\.research\.google\.com/github/")
    for url in links:
        if "<" not in url:
            assert f"/{owner}/{repo}/" in url and f"/{tag}" in url, f"README link {url} is not at {owner}/{repo} {tag}"
    assert re.search(r"not (been )?verified", readme, re.I), "README must say which launch paths were not verified"
