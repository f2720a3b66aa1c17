"""The built site in a browser, as a reader opens it: ``_site/index.html`` from disk (``file://``).

tests/test_site.py reads the HTML; this test looks at the same build (the session's, with the fixture
lesson) in Debian's Chromium driven by Playwright, at a desktop (1280 px) and a phone (390 px) width:

* every page renders its math with the local MathJax (MathJax containers, no raw ``\\(``, ``\\[`` or
  ``$$`` left in the text, no MathJax error) and requests nothing from the network;
* nothing is wider than the window except inside a horizontally scrollable block (the page itself never
  scrolls sideways); the index's lesson table and display math sit in ``overflow-x: auto`` blocks;
* searching for "support vectors" from the search box lists lesson 05;
* every lesson's concept-check quiz (jupyterquiz, drawn by its stored script with no kernel) shows all its
  questions; a wrong and then the right answer of a multiple-choice question show their feedback, a typed
  numeric answer is marked correct; every lesson's views show their stored picture, loaded, and the note;
* the fixture's quiz answers a click with its feedback, and its view shows the picture and the note;
* the launch menu of a lesson opens and offers Binder, JupyterHub and Colab;

and saves a screenshot of every page at both widths to ``tests/screenshots/site/`` (git-ignored; emptied
when the test starts, so no page's picture is left from an earlier build), plus the search results, a
lesson's launch menu and lesson 05's answered quiz.
Without Chromium it is skipped, except under CI (``CI=true``), where it fails (as tests/test_browser.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from site_fixture import FIXTURE, LESSONS, QUIZ
from test_browser import CHROMIUM, CHROMIUM_ARGS, IN_CI

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "tests" / "screenshots" / "site"
WIDTHS = {"desktop": 1280, "phone": 390}
TIMEOUT_MS = 180_000  # only bounds a hang: a page loads in about a second, far slower on a busy machine


def site_pages(site) -> list[str]:
    """Every page of the site but Jupyter Book's redirect (index.html), Sphinx's index and search, and the
    theme's template snippets in _static/."""
    pages = sorted(p.relative_to(site.html).as_posix() for p in site.html.rglob("*.html"))
    return [p for p in pages if p not in ("index.html", "genindex.html", "search.html") and not p.startswith("_")]


@pytest.fixture(scope="module")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        reason = f"Chromium not found at {CHROMIUM} (Debian/Ubuntu: sudo apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"browser test is mandatory in CI (CI=true) but {reason}")
        pytest.skip(f"browser test skipped: {reason}")
    from playwright.sync_api import sync_playwright

    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def page(request, browser):
    """A tab at one width that records every request leaving the disk and every uncaught script error."""
    tab = browser.new_page(viewport={"width": WIDTHS[request.param], "height": 844})
    tab.width_name = request.param
    tab.external, tab.errors = [], []

    def leaves_the_disk(req):
        if not req.url.startswith(("file:", "data:", "blob:", "about:")):
            tab.external.append(req.url)

    tab.on("request", leaves_the_disk)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    tab.close()


def open_page(tab, site, name):
    tab.goto((site.html / name).as_uri())
    # MathJax is on pages with math only; wait until it has typeset them
    tab.evaluate(
        """async () => {
          if (!document.querySelector('script[src*="mathjax/tex-"]')) return;
          while (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
            await new Promise(r => setTimeout(r, 50));
          }
          await MathJax.startup.promise;
        }"""
    )


# What the page shows as text outside code, and whatever sticks out of the window outside a scroller.
JS_CHECK = """() => {
  const W = window.innerWidth;
  const body = document.querySelector('.bd-article') || document.body;
  const copy = body.cloneNode(true);
  copy.querySelectorAll('pre, code, script, style, mjx-assistive-mml, .highlight').forEach(e => e.remove());
  const text = copy.textContent;
  const outside = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || (r.right <= W + 1 && r.left >= -1)) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    let scroller = false;
    for (let s = el.parentElement; s && s !== document.documentElement && !scroller; s = s.parentElement) {
      scroller = ['auto', 'scroll'].includes(getComputedStyle(s).overflowX);
    }
    const what = `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`;
    if (!scroller) outside.push(`${what} at ${Math.round(r.left)}..${Math.round(r.right)} px`);
  }
  const scrollerOf = (el) => {
    for (let s = el; s; s = s.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(s).overflowX)) return true;
    }
    return false;
  };
  return {
    scrollWidth: document.documentElement.scrollWidth, width: W,
    raw: ['\\\\(', '\\\\[', '$$'].filter(t => text.includes(t)),
    math: document.querySelectorAll('mjx-container').length,
    mathErrors: document.querySelectorAll('mjx-merror').length,
    outside: outside.slice(0, 10),
    displayMathNotScrolling: Array.from(document.querySelectorAll('div.math mjx-container'))
      .filter(m => !scrollerOf(m)).length,
    tables: Array.from(document.querySelectorAll('.bd-article table')).filter(t => !scrollerOf(t)).length,
  };
}"""


def has_math(name: str) -> bool:
    """Whether the page's source has TeX: the index (objectives) and the lessons whose markdown has some."""
    if name == "intro.html":
        return True
    lesson = REPO / name.replace(".html", ".ipynb")
    if not lesson.is_file():
        return False
    return any("$" in c.source for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "markdown")


def test_every_page_renders_offline_and_fits(page, built_site):
    problems = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = site_pages(built_site)
    expected = {"intro.html", "instructor-guide.html", "api/index.html"} | {
        f"notebooks/{Path(name).stem}.html" for name in [p.name for p in LESSONS] + [FIXTURE]
    }
    assert expected <= set(pages), expected - set(pages)
    for name in pages:
        open_page(page, built_site, name)
        state = page.evaluate(JS_CHECK)
        where = f"{name} at {state['width']} px"
        if has_math(name) and state["math"] == 0:
            problems.append(f"{where}: no math rendered (no MathJax container)")
        if state["raw"]:
            problems.append(f"{where}: raw TeX delimiters {state['raw']} in the text: math not typeset")
        if state["mathErrors"]:
            problems.append(f"{where}: {state['mathErrors']} MathJax error(s)")
        if state["scrollWidth"] > state["width"]:
            problems.append(f"{where}: the page is {state['scrollWidth']} px wide")
        if state["outside"]:
            problems.append(f"{where}: outside the window, not in a scrollable block: {state['outside']}")
        if state["displayMathNotScrolling"]:
            n = state["displayMathNotScrolling"]
            problems.append(f"{where}: {n} display formula(s) not in an overflow-x: auto block")
        if page.width_name == "phone" and state["tables"]:  # (on a desktop the theme leaves some tables be)
            problems.append(f"{where}: {state['tables']} table(s) not in an overflow-x: auto block")
        shot = SCREENSHOTS / f"{name.replace('/', '_').removesuffix('.html')}-{page.width_name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5_000, f"screenshot {shot.name} looks empty"
    assert not page.external, f"requests to the network: {page.external[:5]}"
    assert not page.errors, f"script errors: {page.errors[:5]}"
    assert not problems, "\n".join(problems)


def test_the_index_table_scrolls_or_stacks(page, built_site):
    open_page(page, built_site, "intro.html")
    table = page.locator("table.lesson-table")
    assert table.count() == 1
    overflow = table.evaluate(
        "t => [t, t.parentElement].map(e => getComputedStyle(e).overflowX).find(o => o === 'auto') || 'visible'"
    )
    assert overflow == "auto", "the lesson table is not in an overflow-x: auto block"
    rows = table.locator("tbody tr")
    assert rows.count() == len(LESSONS) + 1  # the lessons and the fixture
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[page.width_name] + 1, box


def test_search_finds_the_support_vectors_lesson(page, built_site):
    open_page(page, built_site, "intro.html")
    # as a reader does: open the search box (the theme's button, or Ctrl+K), type, press Enter
    page.keyboard.press("Control+k")
    field = page.locator("input[name='q']:visible").first
    field.fill("support vectors")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=support*")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("notebooks/05_support_vectors.html" in h for h in hrefs), hrefs
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-{page.width_name}.png"), full_page=True)
    assert not page.external and not page.errors, (page.external, page.errors)


def test_the_quiz_answers_on_the_page(page, built_site):
    open_page(page, built_site, f"notebooks/{Path(FIXTURE).stem}.html")
    quiz = page.locator(".Quiz").first
    quiz.wait_for()
    assert QUIZ[0]["question"] in quiz.inner_text()
    for answer in sorted(QUIZ[0]["answers"], key=lambda a: a["correct"]):  # the wrong one first
        button = quiz.locator(".MCButton", has_text=answer["answer"])
        assert button.count() == 1
        button.click()
        feedback = quiz.get_by_text(answer["feedback"])
        feedback.wait_for(state="visible")
    assert not page.external and not page.errors, (page.external, page.errors)


def lesson_quiz(path: Path) -> list:
    """The questions a lesson shows: its package's QUIZ (hinge_lib.lessons.lessonNN), as show_quiz gets them."""
    import importlib

    return importlib.import_module(f"hinge_lib.lessons.lesson{path.name[:2]}").QUIZ


LESSONS_WITH_QUIZZES = [p for p in LESSONS if "show_quiz(" in p.read_text(encoding="utf-8")]

# The answer buttons' texts of the page's n-th quiz question.
JS_BUTTONS = """([n]) => Array.from(document.querySelectorAll('.Quiz')[n].querySelectorAll('.MCButton'))
    .map(b => b.textContent.trim().replace(/\\s+/g, ' '))"""


def test_every_lesson_quiz_answers_and_view_shows_its_picture(page, built_site):
    """Lessons 01-07 as a reader without a kernel meets them: the concept-check quiz is drawn by its script,
    a wrong answer and then the right one each show their own feedback (the first multiple-choice question),
    a numeric question answers a typed value; every interactive view shows its picture, loaded, and the note."""
    assert len(LESSONS_WITH_QUIZZES) >= 7, LESSONS_WITH_QUIZZES
    numeric_checked = 0
    for path in LESSONS_WITH_QUIZZES:
        open_page(page, built_site, f"notebooks/{path.stem}.html")
        questions = lesson_quiz(path)
        quiz = page.locator(".Quiz").first  # jupyterquiz draws one .Quiz block per question
        quiz.wait_for()
        shown = page.locator(".Quiz")
        n_shown = shown.count()
        assert n_shown == len(questions), f"{path.stem}: {n_shown} questions drawn, {len(questions)} in QUIZ"
        n, mc = next((i, q) for i, q in enumerate(questions) if q["type"] == "multiple_choice")
        question = shown.nth(n)
        question.scroll_into_view_if_needed()
        labels = page.evaluate(JS_BUTTONS, [n])
        assert len(labels) == len(mc["answers"]), (path.stem, labels)
        wrong = next(a for a in mc["answers"] if not a["correct"])
        right = next(a for a in mc["answers"] if a["correct"])
        for answer in (wrong, right):
            question.locator(".MCButton").nth(mc["answers"].index(answer)).click()
            feedback = question.locator(".Feedback")
            feedback.wait_for(state="visible")
            got = " ".join(feedback.inner_text().split())
            assert got[:40] == " ".join(answer["feedback"].split())[:40], (path.stem, got, answer["feedback"])
            expected_class = "correct" if answer["correct"] else "incorrect"
            assert expected_class in (feedback.get_attribute("class") or "").split(), (path.stem, expected_class)
        numeric = next(((i, q) for i, q in enumerate(questions) if q["type"] == "numeric"), None)
        if numeric:
            i, q = numeric
            right = next(a for a in q["answers"] if a.get("correct"))
            value = right["value"] if right["type"] == "value" else round(sum(right["range"]) / 2, 9)
            field = shown.nth(i).locator("input.Input-text")
            field.scroll_into_view_if_needed()
            field.fill(str(value))
            field.press("Enter")
            feedback = shown.nth(i).locator(".Feedback")
            feedback.wait_for(state="visible")
            assert "correct" in (feedback.get_attribute("class") or "").split(), (path.stem, feedback.inner_text())
            numeric_checked += 1
        pictures = page.locator("div.cell_output:has(p.view-note) img")
        assert pictures.count() >= 1, f"{path.stem}: no view picture"
        for k in range(pictures.count()):
            img = pictures.nth(k)
            img.scroll_into_view_if_needed()
            assert img.evaluate("i => i.complete && i.naturalWidth") > 100, f"{path.stem}: view picture not loaded"
            assert img.is_visible()
        notes = page.locator("p.view-note")
        assert all("needs a running kernel" in notes.nth(k).inner_text() for k in range(notes.count()))
        if path.name.startswith("05"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            quiz.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / f"quiz-answered-{path.stem}-{page.width_name}.png"))
    assert numeric_checked >= 1
    assert not page.external, f"requests to the network: {page.external[:5]}"
    assert not page.errors, f"script errors: {page.errors[:5]}"


def test_the_view_shows_its_picture_and_the_note(page, built_site):
    open_page(page, built_site, f"notebooks/{Path(FIXTURE).stem}.html")
    cell = page.locator("div.cell.tag_view")
    image = cell.locator("div.cell_output img")
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.complete && img.naturalWidth") > 100, "the view's picture did not load"
    note = cell.locator("p.view-note")
    assert note.is_visible() and "needs a running kernel" in note.inner_text()


def test_the_launch_menu_of_a_lesson(page, built_site):
    lesson = LESSONS[0].stem
    open_page(page, built_site, f"notebooks/{lesson}.html")
    menu = page.locator(".dropdown-launch-buttons")
    menu.locator("button").first.click()
    for provider, start in (
        ("Binder", "https://mybinder.org/v2/gh/"),
        ("JupyterHub", "/hub/user-redirect/git-pull?"),
        ("Colab", "https://colab.research.google.com/github/"),
    ):
        link = menu.locator("a", has_text=provider)
        link.wait_for(state="visible")
        href = link.get_attribute("href")
        target = f"notebooks/{lesson}.ipynb"
        assert start in href and (href.endswith(target) or f"{target}&" in href), href
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"launch-menu-{page.width_name}.png"))
