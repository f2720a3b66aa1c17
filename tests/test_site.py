"""The static site (`make html`, docs/build_site.py): built offline into a temporary folder, then checked.

Every lesson gets a page with its figures embedded as data URIs, a working navigation bar and no error
output; the index lists every lesson; nothing on any page needs the network to render (no script, style
sheet, image or font from another host; math is MathML, converted at build time).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
STDERR_MIME = 'data-mime-type="application/vnd.jupyter.stderr"'


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_site", REPO / "docs" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class _Page(HTMLParser):
    """Collects what a page refers to: images, links, scripts, style sheets, navigation links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.imgs, self.links, self.scripts, self.stylesheets, self.nav_links = [], [], [], [], []
        self.index_rows = 0
        self._in_nav = 0
        self._in_tbody = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a.get("src") or "")
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if self._in_nav:
                self.nav_links.append((a.get("rel"), a["href"]))
        elif tag == "script":
            self.scripts.append(a.get("src"))
        elif tag == "link":
            self.stylesheets.append(a.get("href"))
        elif tag == "nav":
            self._in_nav += 1
        elif tag == "tbody":
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody:
            self.index_rows += 1

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav -= 1
        elif tag == "tbody":
            self._in_tbody = False


def _parse(path: Path) -> tuple[str, _Page]:
    text = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    return text, page


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    builder = _load_builder()
    out = tmp_path_factory.mktemp("site") / "_site"
    lessons = builder.build(out, REPO / "notebooks", quiet=True)
    return out, {lesson.path.name: lesson for lesson in lessons}


def test_index_lists_every_lesson(site):
    out, lessons = site
    text, page = _parse(out / "index.html")
    assert page.index_rows == len(NOTEBOOKS) == len(lessons)
    for nb_path in NOTEBOOKS:
        lesson = lessons[nb_path.name]
        assert f'href="{nb_path.stem}.html"' in text, f"index.html has no link to {nb_path.stem}.html"
        assert lesson.title.startswith(nb_path.name[:2]), f"{nb_path.name}: title {lesson.title!r} lacks its number"
        assert lesson.objectives, f"{nb_path.name}: no learning objectives found in its first cell"
        assert lesson.time, f"{nb_path.name}: no 'Estimated time' found in its first cell"
    for href in page.links:
        if not urlsplit(href).scheme:
            assert (out / urlsplit(href).path).is_file(), f"index.html links to missing {href}"
    assert not page.scripts and not page.stylesheets, "index.html loads a script or a style sheet"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_page(site, nb_path):
    out, lessons = site
    lesson = lessons[nb_path.name]
    html_path = out / f"{nb_path.stem}.html"
    assert html_path.is_file(), f"no page for {nb_path.name}"
    text, page = _parse(html_path)
    nb = nbformat.read(nb_path, as_version=4)

    # figures: one <img> per stored image output, every one embedded as a data URI
    n_images = sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        for out_ in cell.get("outputs", [])
        if "image/png" in out_.get("data", {}) or "image/jpeg" in out_.get("data", {})
    )
    assert n_images > 0, f"{nb_path.name} has no stored figure (is it committed executed?)"
    assert len(page.imgs) >= n_images, f"{html_path.name}: {len(page.imgs)} <img> for {n_images} figures"
    for src in page.imgs:
        assert re.match(r"data:image/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]{100}", src), f"not embedded: {src[:80]}"

    # nothing from the network: no scripts at all (math is MathML), no external style sheets, images, fonts
    assert page.scripts == [], f"{html_path.name} loads scripts: {page.scripts}"
    assert all(h is None or not urlsplit(h).scheme for h in page.stylesheets), page.stylesheets
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), f"{html_path.name} loads a resource by URL in CSS"
    assert not re.search(r"@import\s", text), f"{html_path.name} imports CSS"
    assert "HINGEMATHPLACEHOLDER" not in text, "a formula placeholder was left in the page"
    assert lesson.fallbacks == [], f"{html_path.name}: formulas not converted to MathML: {lesson.fallbacks}"
    assert "<math" in text or "$" not in "".join(c.source for c in nb.cells if c.cell_type == "markdown")

    # navigation: previous / index / next, top and bottom, every link resolves to a page of the site
    order = [p.stem + ".html" for p in NOTEBOOKS]
    i = order.index(html_path.name)
    expected = {"prev": order[i - 1] if i > 0 else None, "next": order[i + 1] if i + 1 < len(order) else None}
    assert text.count('class="lesson-nav') == 2, f"{html_path.name}: expected a nav bar at top and bottom"
    for rel, target in expected.items():
        found = [href for r, href in page.nav_links if r == rel]
        assert found == ([target] * 2 if target else []), f"{html_path.name}: {rel} links {found}, expected {target}"
    assert [h for r, h in page.nav_links if r is None] == ["index.html"] * 2
    for href in page.links:
        parts = urlsplit(href)
        if parts.scheme or not parts.path:
            continue  # an external reference link in the prose, or an anchor on this page
        assert not parts.path.endswith(".ipynb"), f"{html_path.name}: link to a notebook left as {href}"
        assert (out / parts.path).is_file(), f"{html_path.name}: link {href} does not resolve"

    # no error output; widgets (which need a kernel) replaced by a note
    allowed = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out_ in cell.get("outputs", []):
            bad = out_.output_type == "error" or (out_.output_type == "stream" and out_.name == "stderr")
            if bad:
                assert "raises-exception" in cell.metadata.get("tags", []), (
                    f"{nb_path.name}: stored error/stderr output in a cell not tagged raises-exception"
                )
                allowed += 1
    assert text.count(STDERR_MIME) == allowed, f"{html_path.name} shows error output"
    n_widgets = sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        for out_ in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in out_.get("data", {})
    )
    assert text.count('class="widget-note"') == n_widgets
    assert "application/vnd.jupyter.widget-view+json" not in text


def test_site_has_no_stray_files(site):
    out, _lessons = site
    assert sorted(p.name for p in out.iterdir()) == sorted(["index.html"] + [p.stem + ".html" for p in NOTEBOOKS])


def test_links_to_repository_files_are_named_not_broken():
    builder = _load_builder()
    pages = {"01_margin_geometry.html", "index.html"}
    page = (
        '<p>See <a href="../README.md">the README</a>, <a href="01_margin_geometry.html#x">lesson 01</a>, '
        '<a href="https://example.org/a">a site</a> and <a href="#top">the top</a>.</p>'
    )
    fixed = builder._repo_file_links(page, REPO / "notebooks", pages)
    assert "the README (<code>README.md</code> in the course repository)" in fixed
    assert 'href="../README.md"' not in fixed
    for kept in ('href="01_margin_geometry.html#x"', 'href="https://example.org/a"', 'href="#top"'):
        assert kept in fixed
