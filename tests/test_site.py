"""The static site (`make html`: Jupyter Book 1.x via docs/book.py), built once per session, then read.

The build is the course's lessons plus a fixture lesson (tests/site_fixture.py: a quiz, a view, the Colab
cell); a Sphinx warning from a lesson or a page fails it (one from a hinge_lib docstring is reported as a
pytest warning: the library's authors fix those). Checked here on the HTML: the index's lesson table
comes from the notebooks; every lesson has a page with its figures and launch links of the right form; the instructor
guide and an API page per hinge_lib module are there, with the docstrings; views show their picture and a
note, never a widget placeholder; the quiz's script is on the page; nothing is loaded from the network; every
link inside the site resolves. tests/test_site_browser.py looks at the same pages in Chromium.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import pkgutil
import re
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from site_fixture import FIXTURE, LESSONS, QUIZ, VIEW_TEXT

REPO = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((REPO / "docs" / "_config.yml").read_text())
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
MATHJAX_3_2_2_TEX_CHTML_SHA256 = "0a6ded5abbce13331658dd239f34382abd06492c74b71b61e8caa8112ec55fa5"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def first_markdown(path: Path) -> str:
    return next(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")


def text_of(markdown: str) -> str:
    """Words of a markdown line with the markup and the math taken out, to look for in a page's text."""
    markdown = re.sub(r"\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]", " ", markdown)  # $..$ in a notebook, \(..\) on a page
    markdown = re.sub(r"[*_`]", "", markdown)
    return words(markdown)


# Sphinx's smartquotes: typographic quotes, dashes and ellipsis, back to what the sources say
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "..."})


def words(html_text: str) -> str:
    """Whitespace collapsed, Sphinx's typography undone."""
    return " ".join(html_text.translate(TYPOGRAPHY).split())


# ------------------------------------------------------------------------------------------- the build


def test_the_build_has_no_warnings(built_site):
    from_docstrings = [w for w in built_site.warnings if ":docstring of hinge_lib" in w]
    others = [w for w in built_site.warnings if w not in from_docstrings]
    assert not others, "the site build warned:\n" + "\n".join(others)
    if from_docstrings:
        warnings.warn(
            f"{len(from_docstrings)} reST problem(s) in hinge_lib docstrings (the API pages render them "
            "less well):\n" + "\n".join(from_docstrings),
            stacklevel=1,
        )


def test_the_build_is_fast_and_has_an_entry_page(built_site):
    # CPU time, not wall time: this machine is shared (about 20 s of CPU measured here)
    assert built_site.cpu_seconds < 90, f"the site took {built_site.cpu_seconds:.0f} s of CPU to build"
    print(f"site build: {built_site.seconds:.1f} s wall, {built_site.cpu_seconds:.1f} s CPU")
    index = soup(built_site.html / "index.html")  # Jupyter Book's entry page redirects to the root page
    assert index.find("meta", attrs={"http-equiv": "Refresh"})["content"].endswith("intro.html")


def test_index_table_comes_from_the_notebooks(built_site):
    page = soup(built_site.html / "intro.html")
    table = page.find("table", class_="lesson-table")
    assert table is not None, "intro.html has no lesson table"
    rows = table.find("tbody").find_all("tr")
    names = [p.name for p in LESSONS] + [FIXTURE]
    assert len(rows) == len(names)
    for row, name in zip(rows, names):
        lesson, goals, time = row.find_all("td")
        link = lesson.find("a")
        assert link["href"] == f"notebooks/{Path(name).stem}.html", link
        path = REPO / "notebooks" / name if name != FIXTURE else None
        if path is None:
            # the fixture lesson: "**Estimated time:** 5 minutes." (read from it, not from a table of times)
            assert words(time.get_text()) == "5 min"
            continue
        first = first_markdown(path)
        title = re.search(r"^#\s+(.+)$", first, re.M).group(1)
        assert words(link.get_text()) == text_of(title)
        # "**Estimated time:** about 55 minutes ...; the two optional parts add about 10." -> "55 min (+10 optional)"
        estimate = re.search(r"\*\*Estimated time:?\*\*:?([^\n]*(?:\n(?!\n|\*\*)[^\n]*)*)", first).group(1)
        minutes = re.search(r"\d+", estimate).group()
        optional = re.search(r"\b(?:plus|adds?) (?:about )?(\d+)", " ".join(estimate.split()))
        expected = f"{minutes} min" + (f" (+{optional.group(1)} optional)" if optional else "")
        assert words(time.get_text()) == expected, f"{name}: time shown {time.get_text()!r}, notebook: {estimate!r}"
        section = re.split(r"estimated time", re.split(r"learning objectives", first, flags=re.I)[1], flags=re.I)[0]
        items = re.findall(r"^[-*] +(.+(?:\n[ \t]+\S.*)*)", section, re.M)
        shown = [words(li.get_text()) for li in goals.find_all("li")]
        assert len(shown) == len(items) > 0, f"{name}: {len(shown)} objectives shown, {len(items)} in the notebook"
        for item, li in zip(items, shown):
            first_words = text_of(item).split()[:4]
            assert " ".join(first_words) in text_of(li), f"{name}: objective {item[:60]!r} shown as {li[:60]!r}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_has_its_page_and_figures(built_site, path):
    html = built_site.page(path.name)
    assert html.is_file(), f"no page for {path.name}"
    page = soup(html)
    nb = nbformat.read(path, as_version=4)
    title = re.search(r"^#\s+(.+)$", first_markdown(path), re.M).group(1)
    assert words(page.find("h1").get_text()).rstrip("#").strip() == text_of(title)
    n_png = sum(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    assert n_png > 0, f"{path.name} has no stored figure (is it committed executed?)"
    images = [img["src"] for img in page.select("div.cell_output img")]
    assert len(images) == n_png, f"{html.name}: {len(images)} figures on the page, {n_png} in the notebook"
    for src in images:
        assert (html.parent / src).is_file(), f"{html.name}: image {src} missing"
    # stored errors show only where the lesson means them
    allowed = sum(
        out.output_type == "error"
        for c in nb.cells
        if "raises-exception" in c.metadata.get("tags", [])
        for out in c.get("outputs", [])
    )
    assert len(page.select("div.output.traceback")) == allowed


# ------------------------------------------------------------------------------------------ launch links


def _owner_repo_tag():
    owner, repo = urlsplit(CONFIG["repository"]["url"]).path.strip("/").split("/")
    return owner, repo, CONFIG["repository"]["branch"]


@pytest.mark.parametrize("name", [p.name for p in LESSONS] + [FIXTURE], ids=lambda n: Path(n).stem)
def test_launch_and_download_links(built_site, name):
    owner, repo, tag = _owner_repo_tag()
    html = built_site.page(name)
    hrefs = {a["href"] for a in soup(html).find_all("a", href=True)}
    nb_path = f"notebooks/{name}"
    hub = CONFIG["launch_buttons"]["jupyterhub_url"]
    expected = {
        "Binder": f"https://mybinder.org/v2/gh/{owner}/{repo}/{tag}?urlpath=lab/tree/{nb_path}",
        "Colab": f"https://colab.research.google.com/github/{owner}/{repo}/blob/{tag}/{nb_path}",
        "JupyterHub": f"{hub}/hub/user-redirect/git-pull?repo=https%3A//github.com/{owner}/{repo}"
        f"&urlpath=lab/tree/{repo}/{nb_path}&branch={tag}",
    }
    for what, url in expected.items():
        assert url in hrefs, f"{html.name}: no {what} link {url}"
    download = f"../_sources/{nb_path}"
    assert download in hrefs, f"{html.name}: no .ipynb download link"
    downloaded = nbformat.read(html.parent / download, as_version=4)
    source = built_site.html.parent / "notebooks" / name
    assert downloaded == nbformat.read(source, as_version=4), "the download is not the lesson's notebook"


# --------------------------------------------------------------------------------- views and quizzes


def test_a_view_shows_its_picture_and_a_note(built_site):
    page = soup(built_site.page(FIXTURE))
    (cell,) = page.select("div.cell.tag_view")
    images = cell.select("div.cell_output img")
    assert len(images) == 1 and (built_site.page(FIXTURE).parent / images[0]["src"]).is_file()
    note = cell.select_one("p.view-note")
    assert note is not None and "needs a running kernel" in note.get_text()
    assert "picture shows its first state" in note.get_text()
    assert VIEW_TEXT not in cell.select_one("div.cell_output").get_text(), "text/plain shown instead of the picture"


def stored_views(nb) -> list[bytes]:
    """The PNG of every stored output that is a view (a widget bundle that carries a picture), in order."""
    import base64

    return [
        base64.b64decode(out["data"]["image/png"])
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if WIDGET_MIME in out.get("data", {}) and "image/png" in out["data"]
    ]


LESSONS_WITH_VIEWS = [p for p in LESSONS if stored_views(nbformat.read(p, as_version=4))]
LESSONS_WITH_QUIZZES = [p for p in LESSONS if "show_quiz(" in p.read_text(encoding="utf-8")]


def test_the_lessons_have_views_and_quizzes():
    """The site's view and quiz checks run on the lessons themselves, not only on the fixture lesson."""
    assert len(LESSONS_WITH_VIEWS) >= 7 and len(LESSONS_WITH_QUIZZES) >= 7, (LESSONS_WITH_VIEWS, LESSONS_WITH_QUIZZES)


@pytest.mark.parametrize("path", LESSONS_WITH_VIEWS, ids=lambda p: p.stem)
def test_a_lesson_view_shows_its_stored_picture_and_a_note(built_site, path):
    """Each LiveView's output: the page shows the very PNG the view stored (its first state), then the note."""
    html = built_site.page(path.name)
    pngs = stored_views(nbformat.read(path, as_version=4))
    shown = []
    for note in soup(html).select("div.cell_output p.view-note"):
        assert "needs a running kernel" in note.get_text() and "picture shows its first state" in note.get_text()
        picture = note.find_previous_sibling()  # the view's output, as myst-nb rendered it: its picture
        img = picture if picture.name == "img" else picture.find("img")
        assert img is not None, f"{html.name}: no picture before the note: {str(picture)[:200]}"
        shown.append((html.parent / img["src"]).read_bytes())
    assert shown == pngs, f"{html.name}: {len(shown)} view pictures shown, {len(pngs)} stored (or not the same bytes)"


@pytest.mark.parametrize("path", LESSONS_WITH_QUIZZES, ids=lambda p: p.stem)
def test_a_lesson_quiz_is_on_the_page(built_site, path):
    """The show_quiz cell's two outputs reach the page: its container and the script that fills it."""
    nb = nbformat.read(path, as_version=4)
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and "show_quiz(" in c.source]
    html_out = next(o for o in cell.outputs if "text/html" in o.get("data", {}))
    js_out = next(o for o in cell.outputs if "application/javascript" in o.get("data", {}))
    div_id = re.search(r'<div id="(\w+)"', html_out["data"]["text/html"]).group(1)
    page = soup(built_site.page(path.name))
    assert page.find("div", id=div_id) is not None, "the quiz's container is not on the page"
    scripts = [s.string or "" for s in page.find_all("script") if div_id in (s.string or "")]
    assert len(scripts) == 1, "myst-nb did not emit the quiz's application/javascript output"
    assert scripts[0].strip() == js_out["data"]["application/javascript"].strip()
    # kept unchanged but not run by the browser until MathJax has started (docs/hinge_site.py)
    (script,) = [s for s in page.find_all("script") if div_id in (s.string or "")]
    assert script.get("type") == "text/x-jupyterquiz"
    assert page.find("script", src=re.compile(r"_static/run-quizzes\.js")) is not None


@pytest.mark.parametrize("name", [p.name for p in LESSONS] + [FIXTURE], ids=lambda n: Path(n).stem)
def test_no_widget_placeholders_and_a_note_per_widget(built_site, name):
    path = REPO / "notebooks" / name if name != FIXTURE else None
    nb = nbformat.read(path, as_version=4) if path else built_site.fixture
    n_widgets = sum(
        WIDGET_MIME in out.get("data", {}) for c in nb.cells if c.cell_type == "code" for out in c.get("outputs", [])
    )
    text = built_site.page(name).read_text(encoding="utf-8")
    assert WIDGET_MIME not in text, "a widget placeholder (empty without a kernel) is on the page"
    assert "require.min.js" not in text and "html-manager" not in text, "the widget renderer is loaded"
    assert text.count('class="view-note"') == n_widgets


def test_the_quiz_is_on_the_page(built_site):
    (quiz_cell,) = [c for c in built_site.fixture.cells if "display_quiz" in c.source]
    html_out, js_out = quiz_cell.outputs
    assert set(html_out.data) >= {"text/html"} and set(js_out.data) >= {"application/javascript"}
    div_id = re.search(r'<div id="(\w+)"', html_out.data["text/html"]).group(1)
    page = soup(built_site.page(FIXTURE))
    assert page.find("div", id=div_id) is not None, "the quiz's container is not on the page"
    scripts = [s.string or "" for s in page.find_all("script") if div_id in (s.string or "")]
    assert len(scripts) == 1, "myst-nb did not emit the quiz's application/javascript output"
    assert QUIZ[0]["question"] in scripts[0]


def test_quiz_element_id_is_stable(built_site):
    """jupyterquiz takes the id from random: seeded, a rerun stores the same output (nbval stays green)."""
    import random

    from jupyterquiz.dynamic import display as quiz_display

    (quiz_cell,) = [c for c in built_site.fixture.cells if "display_quiz" in c.source]
    stored = re.search(r'<div id="(\w+)"', quiz_cell.outputs[0].data["text/html"]).group(1)
    shown = []
    real = quiz_display.display
    quiz_display.display = shown.append
    try:
        random.seed(int(re.search(r"random\.seed\((\d+)\)", quiz_cell.source).group(1)))
        quiz_display.display_quiz(QUIZ)
    finally:
        quiz_display.display = real
    assert re.search(r'<div id="(\w+)"', shown[0].data).group(1) == stored


def test_the_colab_cell_leaves_no_output_in_a_kernel(built_site):
    from test_launch import first_code_cell_is_colab_guard

    assert first_code_cell_is_colab_guard(built_site.fixture), "run by a real kernel, the Colab cell printed"


# ----------------------------------------------------------------------------- guide and API reference


def test_instructor_guide_page(built_site):
    page = soup(built_site.html / "instructor-guide.html")
    guide = (REPO / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    headings = [text_of(h) for h in re.findall(r"^#{1,3}\s+(.+)$", guide, re.M)]
    shown = {words(h.get_text()).rstrip("#").strip() for h in page.find_all(["h1", "h2", "h3"])}
    assert headings and set(headings) <= shown, set(headings) - shown


ROLE = re.compile(r":(?:py:)?(\w+):`(~?)([^`]+)`")


def as_rendered(rst: str) -> str:
    """The text Sphinx shows for a line of reST: roles as their text (functions with "()"), no ``..``."""

    def role(m):
        kind, tilde, target = m.groups()
        if "<" in target:  # :func:`title <target>`
            return target.split("<")[0].strip()
        shown = target.split(".")[-1] if tilde else target
        return shown + ("()" if kind in ("func", "meth") else "")

    return words(ROLE.sub(role, rst).replace("``", "").replace("\\", ""))


def _public_modules():
    import hinge_lib

    return sorted(
        m.name
        for m in pkgutil.walk_packages(hinge_lib.__path__, "hinge_lib.")
        if not any(part.startswith("_") for part in m.name.split(".")) and not m.name.startswith("hinge_lib.exercises")
    )


def obj_module(obj):
    return getattr(obj, "__module__", None)


def test_api_reference_has_every_module_and_docstring(built_site):
    import importlib

    modules = _public_modules()
    assert len(modules) >= 10
    index = soup(built_site.html / "api" / "index.html")
    import hinge_lib

    assert as_rendered(hinge_lib.__doc__.splitlines()[0]) in words(index.get_text())
    n_documented = 0
    for name in modules:
        html = built_site.html / "api" / f"{name}.html"
        assert html.is_file(), f"no API page for {name}"
        page = soup(html)
        text = words(page.get_text())
        module = importlib.import_module(name)
        if module.__doc__:
            assert as_rendered(module.__doc__.strip().splitlines()[0])[:50] in text, f"{name}: module docstring missing"
        # a lesson package re-exports its names (__all__) from private modules; a core module defines its own
        public = getattr(module, "__all__", None)
        for attr, obj in vars(module).items():
            if attr.startswith("_") or (attr not in public if public is not None else obj_module(obj) != name):
                continue
            if not (inspect.isfunction(obj) or inspect.isclass(obj)) or not obj.__doc__:
                continue
            anchor = page.find(id=f"{name}.{attr}")
            assert anchor is not None, f"{name}.{attr} is not documented on {html.name}"
            summary = as_rendered(inspect.getdoc(obj).split("\n\n")[0])[:40]
            assert summary in text, f"{name}.{attr}: docstring summary {summary!r} not shown"
            n_documented += 1
    assert n_documented >= 30, f"only {n_documented} documented functions and classes"


# ------------------------------------------------------------------------------ offline and link hygiene


def _pages(built_site):
    return sorted(built_site.html.rglob("*.html"))


def _external(url: str) -> bool:
    return bool(urlsplit(url).scheme in ("http", "https") or url.startswith("//"))


def test_nothing_is_loaded_from_the_network(built_site):
    for html in _pages(built_site):
        page = soup(html)
        loads = [tag.get("src") for tag in page.find_all(["script", "img", "iframe", "source", "video", "audio"])]
        loads += [tag.get("href") for tag in page.find_all("link") if tag.get("rel") != ["canonical"]]
        external = [url for url in loads if url and _external(url)]
        assert not external, f"{html.relative_to(built_site.html)} loads {external}"
        for style in page.find_all("style"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", style.get_text()), f"{html.name}: CSS import"
    for css in built_site.html.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import\s+(url\()?['\"]?(https?:)?//", css.read_text()), css
    mathjax = built_site.html / "_static" / "mathjax" / "tex-chtml.js"
    assert mathjax.is_file() and mathjax.stat().st_size > 500_000, "MathJax is not in _static/"
    # the npm registry's mathjax 3.2.2, es5/tex-chtml.js (sphinx-mathjax-offline 0.0.2 ships that es5/ folder
    # unchanged: compared file by file with `npm pack mathjax@3.2.2` on 2026-12-01)
    assert hashlib.sha256(mathjax.read_bytes()).hexdigest() == MATHJAX_3_2_2_TEX_CHTML_SHA256
    assert list((built_site.html / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))


def test_no_script_twice_on_a_page(built_site):
    """Jupyter Book 1 repeats sphinx-thebe's inline ``const`` declarations (a script error on every page);
    docs/hinge_site.py keeps each script once."""
    for html in _pages(built_site):
        page = soup(html)
        inline = [s.string for s in page.find_all("script") if s.string and not s.get("type")]
        files = [s["src"] for s in page.find_all("script", src=True)]
        for scripts in (inline, files):
            repeated = {s[:80] for s in scripts if scripts.count(s) > 1}
            assert not repeated, f"{html.relative_to(built_site.html)} repeats {repeated}"


def test_every_link_inside_the_site_resolves(built_site):
    """Every link to a page of the site lands on a page, and a link to a section (a lesson's
    ``01_margin_geometry.ipynb#Glossary``, in JupyterLab's form) on an element of that page."""
    ids = {}
    for html in _pages(built_site):
        for a in soup(html).find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or a["href"].startswith(("#", "mailto:")):
                continue
            target = (html.parent / unquote(parts.path)).resolve()
            assert target.exists(), f"{html.relative_to(built_site.html)}: link {a['href']} is broken"
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {tag["id"] for tag in soup(target).find_all(id=True)}
                assert parts.fragment in ids[target], f"{html.relative_to(built_site.html)}: no #{parts.fragment} there"


def test_links_to_repository_files_point_at_real_files(built_site):
    owner, repo, tag = _owner_repo_tag()
    base = f"https://github.com/{owner}/{repo}/blob/{tag}/"
    found = 0
    for html in _pages(built_site):
        for a in soup(html).select("a.repository-file"):
            assert a["href"].startswith(base), a["href"]
            assert (REPO / a["href"][len(base) :]).is_file(), f"{html.name} links {a['href']}: no such file"
            found += 1
    linked = sum(
        "../README.md" in c.source
        for p in LESSONS
        for c in nbformat.read(p, as_version=4).cells
        if c.cell_type == "markdown"
    )
    assert (found > 0) == (linked > 0)


def test_search_index_lists_the_lessons(built_site):
    text = (built_site.html / "searchindex.js").read_text()
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docnames = index["docnames"]
    for path in LESSONS:
        assert f"notebooks/{path.stem}" in docnames
    # Sphinx keeps a page's title words apart from its body words
    found = []
    for kind in ("terms", "titleterms"):
        docs = index[kind].get("support", [])
        found += docs if isinstance(docs, list) else [docs]
    assert docnames.index("notebooks/05_support_vectors") in found
