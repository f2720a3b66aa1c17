"""Build the static HTML version of the executed course, offline.

    python docs/build_site.py --out _site          (what `make html` runs)
    python docs/build_site.py --out _site --execute   (re-run every lesson first, on a copy)

Writes ``index.html`` (the lesson table: number, title, learning objectives, estimated time) and one
page per lesson (``01_margin_geometry.html``, ...) with its stored outputs and figures, and a navigation
bar (previous / index / next) at the top and bottom of every lesson page.

Everything a page needs is inside the page, so the site renders with no network:

* figures are embedded as ``data:`` URIs (nbconvert's HTML exporter does that for PNG outputs);
* the page CSS is inlined (nbconvert's ``lab`` template); the template's script tags that would load
  RequireJS, MathJax, Mermaid and the Jupyter widget renderer from a CDN are left out;
* math is converted **at build time** from LaTeX to MathML with ``latex2mathml``, which browsers render
  natively (Chromium since 109, Firefox, Safari): no MathJax, no JavaScript at all. A formula that cannot
  be converted is kept as its LaTeX source in ``<code class="tex-fallback">`` and reported; the site
  test requires there are none;
* widgets need a live kernel: each widget output is replaced by a short note (every lesson shows a static
  figure of the same view next to its widget), and the notebook's saved widget state is dropped.

Links between lessons (``02_hinge_loss.ipynb``) are rewritten to the lesson pages (``02_hinge_loss.html``).
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import nbformat
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
LESSON_GLOB = "[0-9][0-9]_*.ipynb"
COURSE_TITLE = "hinge-course"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# ------------------------------------------------------------------------------------------------- math

# Code (fenced blocks, inline spans) is left alone; math is looked for only between code.
_CODE = re.compile(r"(^[ \t]*(```|~~~).*?^[ \t]*\2[ \t]*$|`+[^`\n]*?`+)", re.S | re.M)
_MATH = re.compile(
    r"\$\$(?P<d1>.+?)\$\$"  # $$ display $$
    r"|\\\[(?P<d2>.+?)\\\]"  # \[ display \]
    r"|\\begin\{(?P<env>equation\*?|align\*?|gather\*?)\}(?P<d3>.+?)\\end\{(?P=env)\}"
    r"|\\\((?P<i1>.+?)\\\)"  # \( inline \)
    r"|(?<![\\$\w])\$(?![\s$])(?P<i2>[^$\n]+?)(?<![\s\\])\$(?![\d$])",  # $inline$ (not "$5 and $6")
    re.S,
)
_PLACEHOLDER = "HINGEMATHPLACEHOLDER{:05d}X"
_PLACEHOLDER_RE = re.compile(r"HINGEMATHPLACEHOLDER(\d{5})X")


# Operators latex2mathml does not know, spelled with ones it does (the rendering is the same).
_MACROS = [
    (re.compile(r"\\argmax(?![A-Za-z])"), r"\\operatorname{arg}\\max"),
    (re.compile(r"\\argmin(?![A-Za-z])"), r"\\operatorname{arg}\\min"),
    (re.compile(r"\\arg(?![A-Za-z])"), r"\\operatorname{arg}"),
]


def _with_macros(tex: str) -> str:
    for pattern, replacement in _MACROS:
        tex = pattern.sub(replacement, tex)
    return tex


@dataclass
class MathStore:
    """LaTeX pieces cut out of markdown before it is rendered, put back as MathML afterwards."""

    items: list = field(default_factory=list)  # (tex, display)
    fallbacks: list = field(default_factory=list)  # tex that latex2mathml could not convert

    def protect(self, markdown: str) -> str:
        pieces = _CODE.split(markdown)
        out = []
        # re.split with 2 groups yields [text, code, fence, text, code, fence, ...]
        for i in range(0, len(pieces), 3):
            out.append(_MATH.sub(self._cut, pieces[i]))
            if i + 1 < len(pieces):
                out.append(pieces[i + 1])
        return "".join(out)

    def _cut(self, match: re.Match) -> str:
        display = match.group("i1") is None and match.group("i2") is None
        if match.group("d3") is not None:
            tex = match.group(0)  # keep the environment; latex2mathml knows align etc.
        else:
            tex = next(g for g in (match.group(k) for k in ("d1", "d2", "i1", "i2")) if g is not None)
        self.items.append((tex.strip(), display))
        return _PLACEHOLDER.format(len(self.items) - 1)

    def restore(self, rendered_html: str) -> str:
        # inside a tag (a heading's id, a title attribute) the formula goes back as plain text
        in_tags = re.sub(
            r"<[^<>]*>",
            lambda t: _PLACEHOLDER_RE.sub(lambda m: html.escape(self.items[int(m.group(1))][0]), t.group(0)),
            rendered_html,
        )
        return _PLACEHOLDER_RE.sub(lambda m: self._mathml(*self.items[int(m.group(1))]), in_tags)

    def _mathml(self, tex: str, display: bool) -> str:
        try:
            mathml = latex_to_mathml(_with_macros(tex), display="block" if display else "inline")
        except Exception:  # latex2mathml raises several exception types for unsupported input
            mathml = None
        # an unknown command comes back as text with its backslash: treat it as not converted
        if mathml is None or re.search(r">[^<]*\\[A-Za-z]+[^<]*<", mathml):
            self.fallbacks.append(tex)
            code = f'<code class="tex-fallback">{html.escape(tex)}</code>'
            return f'<div class="math-display">{code}</div>' if display else code
        return f'<div class="math-display">{mathml}</div>' if display else mathml


# ------------------------------------------------------------------------------------------ lesson info


@dataclass
class Lesson:
    path: Path
    number: str
    title: str
    objectives: list  # markdown strings
    time: str
    page: str = ""
    fallbacks: list = field(default_factory=list)


def lesson_info(path: Path, nb) -> Lesson:
    """Title, learning objectives and estimated time from the lesson's first markdown cell."""
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    m = re.search(r"^#\s+(.+)$", first, re.M)
    title = m.group(1).strip() if m else path.stem
    number = path.name[:2]
    objectives = []
    lines = first.splitlines()
    start = next((i for i, line in enumerate(lines) if "learning objectives" in line.lower()), None)
    if start is not None:
        item = None
        for line in lines[start + 1 :]:
            if re.match(r"^\s*([-*+]|\d+\.)\s+", line):
                if item is not None:
                    objectives.append(item)
                item = re.sub(r"^\s*([-*+]|\d+\.)\s+", "", line).strip()
            elif item is not None and line.strip() and line.startswith((" ", "\t")):
                item += " " + line.strip()  # continuation of a list item
            elif item is not None:
                break
        if item is not None:
            objectives.append(item)
    t = re.search(r"estimated time\W*?:?\**\s*:?\s*(.+)$", first, re.I | re.M)
    time = t.group(1).strip().rstrip(".").strip("*").strip() if t else ""
    return Lesson(path=path, number=number, title=title, objectives=objectives, time=time)


# -------------------------------------------------------------------------------------------- rendering

WIDGET_NOTE = (
    '<div class="widget-note"><strong>Interactive widget.</strong> It needs a running kernel: open this '
    "lesson in JupyterLab (<code>make lab</code>) or on Binder to move its controls. The static figure "
    "beside it shows the same view.</div>"
)

LESSON_TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{#- Nothing from a CDN: no RequireJS, no MathJax (math is MathML), no Mermaid, no widget renderer. -#}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">{{ resources.hinge_css }}</style>
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.hinge_nav_top }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.hinge_nav_bottom }}
{{ super() }}
{%- endblock body_footer -%}
"""

SITE_CSS = """
nav.lesson-nav { display: flex; justify-content: space-between; align-items: center; gap: 1em;
  max-width: 1100px; margin: 0.5em auto; padding: 0.6em 1em; border: 1px solid #d0d7de;
  border-radius: 6px; background: #f6f8fa; font-family: system-ui, sans-serif; font-size: 15px; }
nav.lesson-nav a { color: #0b5cad; text-decoration: none; }
nav.lesson-nav a:hover { text-decoration: underline; }
nav.lesson-nav .nav-prev, nav.lesson-nav .nav-next { flex: 1; }
nav.lesson-nav .nav-next { text-align: right; }
nav.lesson-nav .nav-index { flex: 0 0 auto; font-weight: 600; }
.widget-note { border-left: 4px solid #0b5cad; background: #eef5fc; padding: 0.5em 0.8em; margin: 0.3em 0;
  font-family: system-ui, sans-serif; font-size: 14px; }
.math-display { text-align: center; margin: 0.6em 0; overflow-x: auto; }
math[display="block"] { display: block math; }
code.tex-fallback { color: #8b0000; }
math { font-size: 1.1em; }
"""

INDEX_TEMPLATE = jinja2.Template(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{{ course }}: lessons</title>
<style type="text/css">
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px; margin: 2em auto;
  padding: 0 1em; color: #1f2328; line-height: 1.5; }
h1 { margin-bottom: 0.2em; }
table { border-collapse: collapse; width: 100%; margin-top: 1em; }
th, td { border: 1px solid #d0d7de; padding: 0.5em 0.7em; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
td.num { font-weight: 600; white-space: nowrap; }
td.time { white-space: nowrap; }
td ul { margin: 0; padding-left: 1.2em; }
a { color: #0b5cad; }
.math-display { text-align: center; }
code { font-size: 0.95em; }
</style>
</head>
<body>
<main>
<h1>{{ course }}</h1>
<p>A hands-on course on the hinge loss: eight short lessons, from the geometry of a margin to training
support vector machines and comparing with PyTorch and scikit-learn. These pages show every lesson as it
ran, with its outputs and figures. To run the code, move the widgets and do the exercises, open the
notebooks in JupyterLab (<code>make lab</code>) or on Binder (see the README).</p>
<table>
<thead><tr><th>#</th><th>Lesson</th><th>Learning objectives</th><th>Estimated time</th></tr></thead>
<tbody>
{%- for lesson in lessons %}
<tr>
<td class="num">{{ lesson.number }}</td>
<td><a href="{{ lesson.page }}">{{ lesson.title_html }}</a></td>
<td>{% if lesson.objectives_html %}<ul>{% for o in lesson.objectives_html %}<li>{{ o }}</li>{% endfor %}</ul>{% endif %}</td>
<td class="time">{{ lesson.time }}</td>
</tr>
{%- endfor %}
</tbody>
</table>
<p>Built from the executed notebooks by <code>make html</code>.</p>
</main>
</body>
</html>
"""
)


def _inline_markdown(text: str, math: MathStore) -> str:
    """Render one line of markdown (a title, an objective) to HTML without the wrapping <p>."""
    rendered = markdown2html_mistune(math.protect(text)).strip()
    rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.S)
    return _lesson_links(math.restore(rendered))


def _lesson_links(page_html: str) -> str:
    """href="NN_name.ipynb[#anchor]" -> href="NN_name.html[#anchor]" (relative links between lessons)."""
    return re.sub(r'href="(\./)?(\d\d_[^"/#]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(2)}.html{m.group(3) or ""}"', page_html)


_ANCHOR = re.compile(r'<a\s+href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def _repo_file_links(page_html: str, notebooks: Path, pages: set) -> str:
    """A relative link to a repository file that is not a lesson (``../README.md``) has no page on the
    site: keep its text and name the file instead, ``the README (README.md in the course repository)``."""

    def fix(m: re.Match) -> str:
        href, text = html.unescape(m.group(1)), m.group(3)
        if not href or href.startswith("#") or re.match(r"[a-z][a-z0-9+.\-]*:", href, re.I):
            return m.group(0)  # an anchor on the page, or an absolute URL (https:, mailto:, data:)
        path = href.split("#")[0].split("?")[0]
        if path in pages:
            return m.group(0)
        target = (notebooks / path).resolve()
        try:
            shown = target.relative_to(notebooks.resolve().parent).as_posix()
        except ValueError:
            shown = path
        return f'{text} (<code>{html.escape(shown)}</code> in the course repository)'

    return _ANCHOR.sub(fix, page_html)


def _nav(lessons, i, where: str) -> str:
    prev_link = (
        f'<a class="nav-prev-link" rel="prev" href="{lessons[i - 1].page}">&larr; {html.escape(lessons[i - 1].title)}</a>'
        if i > 0
        else ""
    )
    next_link = (
        f'<a class="nav-next-link" rel="next" href="{lessons[i + 1].page}">{html.escape(lessons[i + 1].title)} &rarr;</a>'
        if i + 1 < len(lessons)
        else ""
    )
    return (
        f'<nav class="lesson-nav lesson-nav-{where}" aria-label="lessons">'
        f'<span class="nav-prev">{prev_link}</span>'
        f'<span class="nav-index"><a href="index.html">All lessons</a></span>'
        f'<span class="nav-next">{next_link}</span></nav>'
    )


def prepare(nb, math: MathStore):
    """A copy of the notebook ready for the static page: math cut out, widgets replaced by a note."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = math.protect(cell.source)
        elif cell.cell_type == "code":
            outputs = []
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if WIDGET_MIME in data:
                    outputs.append(nbformat.v4.new_output("display_data", data={"text/html": WIDGET_NOTE}))
                    continue
                if "text/latex" in data and "text/html" not in data:
                    tex = data["text/latex"].strip()
                    data["text/html"] = math.protect(tex if tex.startswith(("$", "\\[", "\\begin")) else f"$${tex}$$")
                if "text/markdown" in data:
                    data["text/markdown"] = math.protect(data["text/markdown"])
                outputs.append(out)
            cell.outputs = outputs
    return nb


def render_lesson(nb, resources: dict) -> str:
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"hinge_lesson.html.j2": LESSON_TEMPLATE})],
        template_file="hinge_lesson.html.j2",
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def execute_copy(path: Path, workdir: Path):
    """Execute a copy of the lesson in a fresh kernel (the repository's notebook is not touched)."""
    from nbconvert.preprocessors import ExecutePreprocessor

    nb = nbformat.read(path, as_version=4)
    ExecutePreprocessor(timeout=300, kernel_name="python3").preprocess(nb, {"metadata": {"path": str(workdir)}})
    return nb


def build(out: Path, notebooks: Path = NOTEBOOKS, execute: bool = False, quiet: bool = False) -> list:
    """Build the site into `out` (replaced); returns the lessons, each with `page` and `fallbacks`."""
    paths = sorted(notebooks.glob(LESSON_GLOB))
    if not paths:
        raise SystemExit(f"no lessons ({LESSON_GLOB}) in {notebooks}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)

    notebooks_read = []
    with tempfile.TemporaryDirectory() as tmp:
        if execute:
            work = Path(tmp) / "notebooks"
            shutil.copytree(notebooks, work)
        for path in paths:
            nb = execute_copy(work / path.name, work) if execute else nbformat.read(path, as_version=4)
            notebooks_read.append(nb)

    lessons = [lesson_info(p, nb) for p, nb in zip(paths, notebooks_read)]
    for lesson in lessons:
        lesson.page = lesson.path.stem + ".html"

    for i, (lesson, nb) in enumerate(zip(lessons, notebooks_read)):
        code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        if code and all(c.get("execution_count") is None for c in code):
            print(
                f"WARNING {lesson.path.name} has no stored outputs: its page will have no figures "
                "(run `make execute-notebooks`, or build with --execute)",
                file=sys.stderr,
            )
        math = MathStore()
        prepared = prepare(nb, math)
        resources = {
            "metadata": {"name": lesson.title},
            "hinge_css": SITE_CSS,
            "hinge_nav_top": _nav(lessons, i, "top"),
            "hinge_nav_bottom": _nav(lessons, i, "bottom"),
        }
        page = _lesson_links(math.restore(render_lesson(prepared, resources)))
        page = _repo_file_links(page, notebooks, {lesson.page for lesson in lessons} | {"index.html"})
        (out / lesson.page).write_text(page, encoding="utf-8")
        lesson.fallbacks = math.fallbacks
        if not quiet:
            print(f"{lesson.page}: {len(math.items)} formulas, {page.count('<img')} images")
        for tex in math.fallbacks:
            print(f"WARNING {lesson.page}: formula not converted to MathML, shown as LaTeX: {tex!r}", file=sys.stderr)

    math = MathStore()
    rows = [
        {
            "number": lesson.number,
            "page": lesson.page,
            "title_html": _inline_markdown(lesson.title, math),
            "objectives_html": [_inline_markdown(o, math) for o in lesson.objectives],
            "time": lesson.time,
        }
        for lesson in lessons
    ]
    (out / "index.html").write_text(INDEX_TEMPLATE.render(course=COURSE_TITLE, lessons=rows), encoding="utf-8")
    for tex in math.fallbacks:
        print(f"WARNING index.html: formula not converted to MathML, shown as LaTeX: {tex!r}", file=sys.stderr)
    if not quiet:
        print(f"wrote {out / 'index.html'} and {len(lessons)} lesson pages")
    return lessons


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "_site", help="output folder (replaced)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="folder with the lessons")
    parser.add_argument("--execute", action="store_true", help="re-execute each lesson (on a copy) first")
    args = parser.parse_args(argv)
    build(args.out, args.notebooks, execute=args.execute)
    return 0


if __name__ == "__main__":
    sys.exit(main())
