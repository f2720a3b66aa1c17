"""The site tests' build: the course's lessons plus one fixture lesson, built once per test session.

The fixture lesson, ``99_site_fixture.ipynb``, holds what the lessons are about to carry, so the site is
tested on it before they do: the Colab install cell first, a concept-check quiz made by jupyterquiz itself
(``random`` seeded, so its element id is stable) and an interactive view whose output is one mime bundle
with the widget, a PNG of its first state and a text description, in a cell tagged ``view``. It is
executed by a real kernel (nbclient), as the lessons are.
"""

from __future__ import annotations

import importlib.util
import re
import resource
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from test_launch import COLAB_INSTALL_CELL

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
FIXTURE = "99_site_fixture.ipynb"
QUIZ_SEED = 99
QUIZ = [
    {
        "question": "What is the hinge loss of a point whose functional margin is 2?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "0", "correct": True, "feedback": "Right: a margin of at least 1 costs nothing."},
            {"answer": "1", "correct": False, "feedback": "Not quite: max(0, 1 - 2) is 0."},
        ],
    }
]
VIEW_TEXT = "A line of slope 0.5 (w1 = 0.5)."
VIEW_CELL = f"""\
import base64, io
import ipywidgets as widgets
from IPython.display import display
from matplotlib.figure import Figure

slider = widgets.FloatSlider(value=0.5, min=-1, max=1, description="w1")
fig = Figure(figsize=(4, 3), dpi=80)
ax = fig.subplots()
ax.plot([0, 1], [0, slider.value], label="boundary")
ax.set(title="first state", xlabel="x1", ylabel="x2")
png = io.BytesIO()
fig.savefig(png, format="png")
bundle = slider._repr_mimebundle_()  # the widget view and its text/plain repr
bundle["image/png"] = base64.b64encode(png.getvalue()).decode()
bundle["text/plain"] = {VIEW_TEXT!r}
display(bundle, raw=True)"""


def fixture_lesson():
    new = nbformat.v4
    return new.new_notebook(
        cells=[
            new.new_markdown_cell(
                "# 99 · Site test fixture\n\n"
                "Not a lesson: what the lessons will hold, for the site's tests.\n\n"
                "**Learning objectives.** After this page you can\n\n"
                "- answer a concept check on the page;\n"
                "- see the picture of an interactive view and the note that it needs a kernel.\n\n"
                "**Estimated time:** 5 minutes."
            ),
            new.new_code_cell(COLAB_INSTALL_CELL),
            new.new_markdown_cell("## A concept check"),
            new.new_code_cell(
                f"import random\nfrom jupyterquiz import display_quiz\n\n"
                f"random.seed({QUIZ_SEED})  # the quiz's element id comes from random\n"
                f"display_quiz({QUIZ!r})"
            ),
            new.new_markdown_cell("## An interactive view"),
            new.new_code_cell(VIEW_CELL, metadata={"tags": ["view"]}),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )


def _load_book():
    spec = importlib.util.spec_from_file_location("hinge_book", REPO / "docs" / "book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class BuiltSite:
    html: Path  # the built site
    fixture: nbformat.NotebookNode  # the executed fixture lesson
    warnings: list  # Sphinx's warnings and errors, one line each
    seconds: float  # wall time of the build
    cpu_seconds: float  # CPU time of the build (jupyter-book's process), much less dependent on the load

    def page(self, notebook: str) -> Path:
        return self.html / "notebooks" / (Path(notebook).stem + ".html")


def build_site(workdir: Path) -> BuiltSite:
    notebooks = workdir / "notebooks"
    notebooks.mkdir()
    for path in LESSONS:
        shutil.copy2(path, notebooks / path.name)
    nb = fixture_lesson()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    nbformat.write(nb, notebooks / FIXTURE)
    book = _load_book()
    t0, cpu0 = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = book.build(workdir / "_site", notebooks)
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, cpu_seconds = time.monotonic() - t0, cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    assert done.returncode == 0, f"the site build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    plain = re.sub(r"\x1b\[[0-9;]*m", "", done.stderr)  # Sphinx colours its messages
    warnings = [line for line in plain.splitlines() if re.search(r"\b(WARNING|ERROR|CRITICAL|SEVERE):", line)]
    return BuiltSite(workdir / "_site", nb, warnings, seconds, cpu_seconds)
