"""Build the course's static site with Jupyter Book 1.x: what `make html` runs.

    python docs/book.py _site                        # the course, into _site/
    python docs/book.py OUT --notebooks DIR --strict    # other lessons; fail on any Sphinx warning

Jupyter Book builds one folder. This script assembles it in a temporary folder, then runs
``jupyter-book build`` there and copies the HTML to OUT:

* the configuration, the table of contents, the Sphinx hook and the style sheet from docs/;
* the lessons, ``notebooks/NN_*.ipynb``, copied unchanged (the site shows their stored outputs);
* docs/instructor-guide.md;
* two generated pages: ``intro.md``, the index, whose lesson table (title, learning objectives,
  estimated time) is read from each lesson's first markdown cell, and ``api/``, one page per public
  module of hinge_lib (found with pkgutil at build time, rendered by Sphinx autodoc from the docstrings).
"""

from __future__ import annotations

import argparse
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
LESSONS = "[0-9][0-9]_*.ipynb"
FROM_DOCS = ["_config.yml", "_toc.yml", "hinge_site.py", "instructor-guide.md", "_static"]


def lesson_summary(path: Path) -> dict:
    """Title, learning objectives (markdown, one string each) and minutes from the first markdown cell."""
    nb = nbformat.read(path, as_version=4)
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    title = re.search(r"^#\s+(.+)$", first, re.M)
    minutes, optional = lesson_time(first)
    objectives, in_list = [], False
    after = re.split(r"learning objectives", first, maxsplit=1, flags=re.I)
    for line in after[1].splitlines()[1:] if len(after) == 2 else []:
        if re.match(r"\s*[-*]\s+", line):
            objectives.append(re.sub(r"^\s*[-*]\s+", "", line).strip())
            in_list = True
        elif in_list and line.startswith((" ", "\t")) and line.strip():
            objectives[-1] += " " + line.strip()  # a continuation line of the item
        elif in_list:
            break
    return {
        "file": path.name,
        "title": title.group(1).strip() if title else path.stem,
        "objectives": objectives,
        "minutes": minutes,
        "optional": optional,
    }


def lesson_time(first_cell: str) -> tuple[int | None, int | None]:
    """Minutes of a lesson and of its optional parts, from its "Estimated time" paragraph, e.g.
    "**Estimated time:** about 55 minutes for reading ...; the two optional parts add about 10." -> (55, 10).
    The first number is the lesson's time; a number after "plus" or "add(s)" is the optional parts'."""
    paragraph = re.search(r"estimated time\W*(.+?)(?:\n\s*\n|\n\*\*|\Z)", first_cell, re.I | re.S)
    if not paragraph:
        return None, None
    minutes = re.search(r"\d+", paragraph.group(1))
    optional = re.search(r"\b(?:plus|adds?)\s+(?:about\s+)?(\d+)", paragraph.group(1), re.I)
    return (int(minutes.group()) if minutes else None, int(optional.group(1)) if optional else None)


def time_text(lesson: dict) -> str:
    if not lesson["minutes"]:
        return "?"
    extra = f" (+{lesson['optional']} optional)" if lesson["optional"] else ""
    return f"{lesson['minutes']} min{extra}"


def intro_page(lessons: list[dict]) -> str:
    rows = []
    for lesson in lessons:
        goals = "\n".join(f"    - {goal}" for goal in lesson["objectives"]) or "    - (none stated)"
        rows.append(f"* - [{lesson['title']}](notebooks/{lesson['file']})\n  -\n{goals}\n  - {time_text(lesson)}")
    total = sum(lesson["minutes"] or 0 for lesson in lessons)
    optional = sum(lesson["optional"] or 0 for lesson in lessons)
    optional_text = f", plus about {optional} for the optional parts" if optional else ""
    return f"""# hinge-course

A hands-on course on the **hinge loss**, from the geometry of a margin to training support vector
machines and comparing with PyTorch and scikit-learn: {len(lessons)} lessons, about {total} minutes in
all{optional_text}. The times are the lessons' own estimates (each lesson's "Estimated time").

Each lesson page is the executed notebook, to read here. To run it, use the buttons at the top of
a lesson: the download button gives the `.ipynb`, the rocket opens it on Binder, a JupyterHub or Colab.
Interactive views need a running kernel: on this site they show a picture of their first state.

:::{{list-table}}
:header-rows: 1
:widths: 25 65 10
:class: lesson-table

* - Lesson
  - After it you can
  - Time
{chr(10).join(rows)}
:::

The [instructor guide](instructor-guide.md) has schedules and setup options; the
[API reference](api/index.rst) documents `hinge_lib`, the library the lessons import.
"""


def api_pages(out: Path) -> list[str]:
    """One page per public module of hinge_lib; hinge_lib.exercises (the checkers and their solutions) is left out."""
    import hinge_lib

    names = sorted(
        m.name
        for m in pkgutil.walk_packages(hinge_lib.__path__, "hinge_lib.")
        if not any(part.startswith("_") for part in m.name.split(".")) and not m.name.startswith("hinge_lib.exercises")
    )
    (out / "api").mkdir()
    # reStructuredText pages: autodoc writes reST, which a MyST page would read as Markdown
    (out / "api" / "index.rst").write_text(
        "API reference\n=============\n\n"
        "Generated from the docstrings of ``hinge_lib`` when the site was built: one page per module.\n"
        "The exercise checkers, ``hinge_lib.exercises``, are left out: they hold the solutions.\n\n"
        ".. automodule:: hinge_lib\n"
    )
    for name in names:
        (out / "api" / f"{name}.rst").write_text(f"{name}\n{'=' * len(name)}\n\n.. automodule:: {name}\n   :members:\n")
    return names


def assemble(book: Path, notebooks: Path) -> list[dict]:
    for name in FROM_DOCS:
        src = DOCS / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, book / name)
    (book / "notebooks").mkdir()
    paths = sorted(notebooks.glob(LESSONS))
    if not paths:
        raise SystemExit(f"no lessons ({LESSONS}) in {notebooks}")
    for path in paths:
        shutil.copy2(path, book / "notebooks" / path.name)
    lessons = [lesson_summary(path) for path in paths]
    (book / "intro.md").write_text(intro_page(lessons), encoding="utf-8")
    api_pages(book)
    return lessons


def build(out: Path, notebooks: Path = REPO / "notebooks", strict: bool = False) -> subprocess.CompletedProcess:
    """Assemble the book, build it, copy the HTML to ``out`` (replaced). Returns the finished build."""
    with tempfile.TemporaryDirectory(prefix="hinge-book-") as tmp:
        book = Path(tmp) / "book"
        book.mkdir()
        assemble(book, notebooks)
        # jupyter-book's command line, run by this interpreter (the package has no __main__)
        cli = "import sys; from jupyter_book.cli.main import main; main(sys.argv[1:])"
        cmd = [sys.executable, "-c", cli, "build", str(book), "--builder", "html", "--quiet", "--keep-going"]
        if strict:
            cmd.append("--warningiserror")
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode == 0:
            if out.exists():
                shutil.rmtree(out)
            shutil.copytree(book / "_build" / "html", out)
        return done


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where the HTML goes (replaced)")
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks", help="the lessons' folder")
    parser.add_argument("--strict", action="store_true", help="fail on any Sphinx warning")
    args = parser.parse_args(argv)
    done = build(args.out, args.notebooks, args.strict)
    sys.stderr.write(done.stderr)  # Sphinx's warnings
    if done.returncode == 0:
        print(f"The site is in {args.out}/: open {args.out / 'index.html'}")
    else:
        sys.stdout.write(done.stdout)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
