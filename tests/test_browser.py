"""Every lesson, run for real in JupyterLab in a headless Chromium.

nbval checks the text a lesson prints; this test checks what a learner *sees*. It starts
``jupyter lab`` on localhost (random port and token) on a temporary copy of ``notebooks/`` (so running
cells never touches the repository's notebooks), opens each lesson in Debian's Chromium driven by
Playwright, clears the stored outputs, runs all cells with JupyterLab's own "Run All Cells" command, and
asserts that

* every code cell ran (an execution count, no ``[*]`` left) and the kernel is idle again;
* no cell shows an error or anything on stderr (cells tagged ``raises-exception`` may show an error);
* every widget a cell displays renders (a ``.jupyter-widgets`` view in that cell, no "Error displaying
  widget", no "Loading widget" left) and nothing errors inside a widget's own output area;
* moving one slider (keyboard arrow on its handle, as a learner would) changes the figure drawn under
  it, in every lesson that displays a slider next to a figure;

and saves a full-height screenshot of each lesson to ``tests/screenshots/`` (git-ignored).

Chromium is Debian's (``apt-get install chromium``; ``/usr/bin/chromium``, or set HINGE_CHROMIUM);
Playwright never downloads a browser of its own. Without Chromium (or the ``playwright`` package) the test
is skipped with the reason, except under CI (``CI=true``), where it fails: ``.ci/run`` installs Chromium.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = Path(os.environ.get("HINGE_NOTEBOOK_DIR", REPO / "notebooks"))
NOTEBOOKS = sorted(p.name for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SCREENSHOTS = REPO / "tests" / "screenshots"
CHROMIUM = os.environ.get("HINGE_CHROMIUM", "/usr/bin/chromium")
# The flags this machine needs (docs of the environment): no sandbox as root, no GPU, and no background
# connections to Google's services (the network is closed; they would only be refused, many at a time).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"

# Time limits (seconds). A lesson runs in < 10 s under nbval; the browser adds rendering on top, and the
# machine may be shared, so the limits are generous: they only bound a hang.
SERVER_START = 120
PAGE_LOAD = 90
RUN_ALL = 180
SLIDER_REDRAW = 60


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"browser test is mandatory in CI (CI=true) but {reason}")
    pytest.skip(f"browser test skipped: {reason}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def playwright_api():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"Chromium not found at {CHROMIUM} (Debian/Ubuntu: sudo apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package 'playwright' is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright_api):
    b = playwright_api.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory, playwright_api):
    """A JupyterLab server on 127.0.0.1 serving a temporary copy of the lessons; yields (url, token, root)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # Own settings and workspaces, so nothing a user configured changes what the test sees; render every
    # cell (no windowing), so the whole lesson is in the DOM to check and to screenshot; no news fetching.
    settings = base / "settings"
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"})
    )
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    token = secrets.token_hex(16)
    port = _free_port()
    env = dict(os.environ)
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        # the kernel imports hinge_lib from this checkout even where it is not pip-installed
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        MPLBACKEND="module://matplotlib_inline.backend_inline",
    )
    env.pop("JUPYTER_CONFIG_DIR", None)
    log = open(base / "jupyter-lab.log", "w")
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no look-ups of PyPI from the server
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
        cmd.append("--allow-root")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START
    while True:
        if proc.poll() is not None:
            log.close()
            pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{(base / 'jupyter-lab.log').read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as r:
                if r.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"jupyter lab did not answer within {SERVER_START} s")
        time.sleep(0.5)
    try:
        yield url, token, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


# ------------------------------------------------------------------------------------ in-page JavaScript

# The notebook panel of the lesson named `name`, from JupyterLab's application object
# (exposed by --LabApp.expose_app_in_browser).
_PANEL = """
const panelOf = (name) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === name && w.content && w.sessionContext) return w;
  }
  return null;
};
"""

JS_READY = _PANEL + """
(name) => {
  const p = panelOf(name);
  if (!p || !p.context.isReady || !p.sessionContext.session || !p.sessionContext.session.kernel) return false;
  return p.sessionContext.session.kernel.status === 'idle' && p.content.widgets.length > 0;
}
"""

JS_IDLE = _PANEL + "(name) => panelOf(name).sessionContext.session.kernel.status === 'idle'"

JS_CLEAR_AND_RUN = _PANEL + """
async (name) => {
  const app = window.jupyterapp;
  const p = panelOf(name);
  app.shell.activateById(p.id);
  await app.commands.execute('notebook:clear-all-cell-outputs');
  // resolves once every cell has run (or one raised, which the checks below report)
  const ok = await app.commands.execute('notebook:run-all-cells');
  return ok === undefined ? null : ok;
}
"""

JS_STATE = _PANEL + """
(name) => {
  const p = panelOf(name);
  const kernel = p.sessionContext.session.kernel;
  const cells = [];
  p.content.widgets.forEach((cell, i) => {
    const m = cell.model;
    if (m.type !== 'code') return;
    const outputs = [];
    for (let k = 0; k < m.outputs.length; k++) outputs.push(m.outputs.get(k).toJSON());
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    cells.push({
      index: i,
      source: m.sharedModel.getSource(),
      tags: m.getMetadata('tags') || [],
      executionCount: m.executionCount,
      prompt: prompt ? prompt.textContent.trim() : '',
      outputs: outputs,
      widgetViews: cell.node.querySelectorAll('.jp-OutputArea-output .jupyter-widgets').length,
      sliders: cell.node.querySelectorAll('.widget-slider').length,
      text: cell.node.querySelector('.jp-Cell-outputWrapper')
            ? cell.node.querySelector('.jp-Cell-outputWrapper').innerText : '',
      stderrNodes: cell.node.querySelectorAll(
            '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]').length,
    });
  });
  const domCells = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').length;
  return {kernel: kernel ? kernel.status : 'none', cells: cells, nCells: p.content.widgets.length, domCells: domCells};
}
"""


def _wait_for(page, js, arg, timeout_s, what):
    try:
        page.wait_for_function(js, arg=arg, timeout=timeout_s * 1000, polling=250)
    except Exception as exc:  # playwright's TimeoutError; report what we were waiting for
        raise AssertionError(f"timed out after {timeout_s} s waiting for {what}") from exc


def _has_widget_view(outputs) -> bool:
    return any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)


def _screenshot(page, name: str) -> Path:
    """A screenshot of the whole lesson: side panel closed, viewport as tall as the notebook's cells."""
    js = _PANEL + """
    (name) => {
      const app = window.jupyterapp;
      app.shell.collapseLeft();
      const p = panelOf(name);
      const cells = p.content.widgets;
      p.content.activeCellIndex = 0;  // else JupyterLab keeps the last active cell (at the bottom) in view
      const last = cells[cells.length - 1].node.getBoundingClientRect();
      const first = cells[0].node.getBoundingClientRect();
      return Math.ceil(last.bottom - first.top);
    }"""
    height = page.evaluate(js, name)
    chrome = 220  # menu bar, tabs and toolbar above the notebook, status bar below, some slack
    page.set_viewport_size({"width": 1280, "height": min(int(height) + chrome, 30000)})
    page.wait_for_timeout(500)
    page.evaluate(
        _PANEL + """(name) => {
          const p = panelOf(name);
          p.content.activeCellIndex = 0;
          for (let el = p.content.node; el; el = el.parentElement) el.scrollTop = 0;
          p.node.querySelectorAll('*').forEach(el => { if (el.scrollTop) el.scrollTop = 0; });
        }""",
        name,
    )
    page.wait_for_timeout(200)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (Path(name).stem + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


# ------------------------------------------------------------------------------------------------- test


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_runs_in_jupyterlab(name, lab, browser):
    url, token, _root = lab
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    console_errors = []
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    try:
        t0 = time.monotonic()
        # one workspace per lesson (reset), so earlier lessons are not reopened next to this one
        workspace = "browser-" + Path(name).stem
        page.goto(f"{url}/lab/workspaces/{workspace}/tree/{name}?reset&token={token}", timeout=PAGE_LOAD * 1000)
        _wait_for(page, JS_READY, name, PAGE_LOAD, f"{name} to open with an idle kernel")

        page.evaluate(JS_CLEAR_AND_RUN, name)
        # every code cell has run: an execution count, no "[*]" prompt, and the kernel is idle again
        done = _PANEL + """
        (name) => {
          const p = panelOf(name);
          if (p.sessionContext.session.kernel.status !== 'idle') return false;
          const code = p.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
          if (code.some(c => c.node.querySelector('.jp-InputPrompt').textContent.includes('*'))) return false;
          // "Run All" stops at a cell that raised: then the checks below name it and the cells not run
          const raised = code.some(c => {
            for (let k = 0; k < c.model.outputs.length; k++)
              if (c.model.outputs.get(k).type === 'error') return true;
            return false;
          });
          return raised || code.every(c => c.model.executionCount !== null);
        }"""
        _wait_for(page, done, name, RUN_ALL, f"all cells of {name} to finish")
        # widget views render asynchronously after their cell finished
        rendered = _PANEL + """
        (name) => {
          const p = panelOf(name);
          const text = p.node.innerText;
          return !text.includes('Loading widget...');
        }"""
        _wait_for(page, rendered, name, PAGE_LOAD, f"the widgets of {name} to render")
        # rendering widget views talks to the kernel (comm messages): let it settle
        _wait_for(page, JS_IDLE, name, RUN_ALL, f"the kernel of {name} to be idle after the widgets rendered")
        run_seconds = time.monotonic() - t0
        state = page.evaluate(JS_STATE, name)

        # every cell is in the page (windowing off), so DOM positions are cell indices
        assert state["domCells"] == state["nCells"], f"{state['domCells']} cells in the page, {state['nCells']} in {name}"
        problems = []
        n_widget_cells = 0
        for cell in state["cells"]:
            where = f"cell {cell['index']} ({cell['source'].strip().splitlines()[0][:60] if cell['source'].strip() else 'empty'!r})"
            if not cell["source"].strip():
                continue
            if cell["executionCount"] is None or "*" in cell["prompt"]:
                problems.append(f"{where} did not run (prompt {cell['prompt']!r})")
            allowed_error = "raises-exception" in cell["tags"]
            n_before = len(problems)
            for out in cell["outputs"]:
                if out.get("output_type") == "error" and not allowed_error:
                    problems.append(f"{where} raised {out.get('ename')}: {out.get('evalue')}")
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    problems.append(f"{where} wrote to stderr: {''.join(out.get('text', ''))[:300]!r}")
            if cell["stderrNodes"] and not allowed_error and len(problems) == n_before:
                # includes errors raised inside a widget callback, shown in the widget's output area
                problems.append(f"{where} shows {cell['stderrNodes']} error/stderr output(s): {cell['text'][:300]!r}")
            if "Error displaying widget" in cell["text"] or "Loading widget" in cell["text"]:
                problems.append(f"{where} shows a widget that did not render: {cell['text'][:200]!r}")
            if _has_widget_view(cell["outputs"]):
                n_widget_cells += 1
                if cell["widgetViews"] == 0:
                    problems.append(f"{where} displays a widget but no widget view rendered")
        assert not problems, f"{name}:\n  " + "\n  ".join(problems)

        # Move one slider as a learner would (focus its handle, press an arrow key) and check that the
        # figure drawn under it changes. Only lessons that display a slider have one to move.
        slider_cells = [c for c in state["cells"] if c["sliders"]]
        moved = _move_one_slider(page, name, slider_cells) if slider_cells else None

        shot = _screenshot(page, name)
        assert shot.stat().st_size > 10_000, f"screenshot of {name} looks empty"
        assert not console_errors, f"uncaught JavaScript errors on {name}: {console_errors}"
        print(
            f"{name}: ran in {run_seconds:.1f} s, {len(state['cells'])} code cells, "
            f"{n_widget_cells} widget cell(s), slider: {moved or 'none in this lesson'}, screenshot {shot.name}"
        )
        if not slider_cells:
            # then the lesson really has no slider in its source either (not one that failed to render)
            assert not any("Slider(" in c["source"] for c in state["cells"]), f"{name}: a slider did not render"
    finally:
        page.close()


JS_VIEW = """
(cellIndex) => {
  // what the widgets of one cell show: their figures (<img> data) and their text, and the first slider
  const cells = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell');
  const cell = cells[cellIndex];
  const slider = cell.querySelector('.widget-slider');
  const imgs = Array.from(cell.querySelectorAll('.jupyter-widgets img'));
  const texts = Array.from(cell.querySelectorAll('.widget-output, .widget-html')).map(o => o.innerText);
  const readout = slider ? slider.querySelector('.widget-readout') : null;
  const label = slider ? slider.querySelector('.widget-label') : null;
  return {
    srcs: imgs.map(i => i.getAttribute('src') || ''),
    texts: texts,
    readout: readout ? readout.textContent.trim() : '',
    label: label ? label.textContent.trim() : '',
    failed: cell.querySelector('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]') !== null,
  };
}
"""

JS_VIEW_CHANGED = """
([cellIndex, before]) => {
  const cells = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell');
  const cell = cells[cellIndex];
  if (cell.querySelector('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]')) return true;
  const srcs = Array.from(cell.querySelectorAll('.jupyter-widgets img')).map(i => i.getAttribute('src') || '');
  if (before.srcs.length > 0)  // a figure view: the figure must be redrawn, and differ
    return srcs.length === before.srcs.length && srcs.every(s => s.length > 0) && srcs.join('|') !== before.srcs.join('|');
  const texts = Array.from(cell.querySelectorAll('.widget-output, .widget-html')).map(o => o.innerText);
  return texts.join('|') !== before.texts.join('|');
}
"""


def _move_one_slider(page, name, slider_cells):
    """Press an arrow key on one slider (preferring one next to a figure); its view must change."""
    views = [(c, page.evaluate(JS_VIEW, c["index"])) for c in slider_cells]
    views.sort(key=lambda cv: len(cv[1]["srcs"]) == 0)  # sliders that drive a figure first
    cell, before = views[0]
    what = "figure" if before["srcs"] else "text"
    cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
    handle = cells.nth(cell["index"]).locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    # at the top of its range the right arrow does nothing: then go left
    at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    key = "ArrowLeft" if at_max else "ArrowRight"
    handle.press(key)
    slider = f"slider {before['label']!r} in cell {cell['index']}"
    try:
        page.wait_for_function(JS_VIEW_CHANGED, arg=[cell["index"], before], timeout=SLIDER_REDRAW * 1000, polling=250)
    except Exception as exc:
        after = page.evaluate(JS_VIEW, cell["index"])
        raise AssertionError(
            f"{name}: pressing {key} on {slider} (readout {before['readout']} -> {after['readout']}) "
            f"did not change the {what} it drives within {SLIDER_REDRAW} s"
        ) from exc
    _wait_for(page, JS_IDLE, name, SLIDER_REDRAW, "the kernel to be idle after the slider moved")
    state = page.evaluate(JS_STATE, name)
    redrawn = next(c for c in state["cells"] if c["index"] == cell["index"])
    assert not redrawn["stderrNodes"], (
        f"{name}: pressing {key} on {slider} raised an error in the widget's callback: {redrawn['text'][:600]!r}"
    )
    after = page.evaluate(JS_VIEW, cell["index"])
    # a LiveView shows an exception of its callback in its text, as "error: ..."
    assert not any(t.lstrip().startswith("error:") for t in after["texts"]), (
        f"{name}: pressing {key} on {slider} made the view report an error: {after['texts']!r}")
    assert after["readout"] != before["readout"], f"{name}: the readout of {slider} did not change"
    return f"{before['label'] or 'slider'} {before['readout']} -> {after['readout']} changed the {what}"
