"""The workshop's JupyterLab settings, seen in a browser: no news pop-up, and a closed tab's kernel stops.

workshop/jupyter-config/ is what the workshop hub gives every learner's server (JUPYTER_CONFIG_PATH, set in
workshop/jupyterhub_config.py; the load test checks through the hub that the servers serve these settings).
Here JupyterLab 4.6 runs twice on 127.0.0.1 in headless Chromium, on a one-cell notebook:

* plain (no workshop settings, an empty user settings folder): the "Would you like to get notified about
  official Jupyter news?" toast appears, and closing the notebook's tab leaves its kernel running. This
  control shows that the checks below can fail;
* with the workshop settings: no toast appears within ten times the delay the plain run showed, and closing
  the tab shuts the kernel down.

Skipped without Chromium or playwright, except under CI (CI=true), like tests/test_browser.py.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("HINGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
IN_CI = os.environ.get("CI", "").lower() == "true"
NEWS = "notified about official Jupyter news"
START, PAGE, KERNEL = 120, 90, 60  # seconds; only bound a hang


@pytest.fixture(scope="module")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        if IN_CI:
            pytest.fail(f"browser test is mandatory in CI but Chromium is not at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian/Ubuntu: sudo apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            pytest.fail("browser test is mandatory in CI but playwright is not installed")
        pytest.skip("the Python package 'playwright' is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """JupyterLab on 127.0.0.1 with its own settings, workspaces and config folders."""

    def __init__(self, base: Path, workshop: bool):
        self.root = base / "root"
        self.root.mkdir()
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        nbformat.write(nb, self.root / "t.ipynb")
        self.token, port = secrets.token_hex(16), _free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        # The workshop settings make kernels talk over Unix sockets in the runtime folder, and a socket's path
        # must stay under 108 bytes: pytest's tmp_path is too long for that (the kernel never starts).
        self.runtime = tempfile.mkdtemp(prefix="hw-rt-", dir="/tmp")
        env.update(JUPYTERLAB_SETTINGS_DIR=str(base / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
                   JUPYTER_RUNTIME_DIR=self.runtime, JUPYTER_CONFIG_DIR=str(base / "config"))  # fmt: skip
        if workshop:
            env["JUPYTER_CONFIG_PATH"] = str(REPO / "workshop" / "jupyter-config")
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
               "--LabApp.expose_app_in_browser=True"]  # fmt: skip
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log = open(base / "lab.log", "w")
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START
        while True:
            assert self.proc.poll() is None, f"jupyter lab exited:\n{(base / 'lab.log').read_text()}"
            try:
                self.api("status")
                break
            except OSError:
                assert time.monotonic() < deadline, f"jupyter lab did not answer within {START} s"
                time.sleep(0.5)

    def api(self, path: str):
        with urllib.request.urlopen(f"{self.url}/api/{path}?token={self.token}", timeout=10) as r:
            return json.loads(r.read())

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        shutil.rmtree(self.runtime, ignore_errors=True)


READY = """() => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return false;
  const p = Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === 't.ipynb');
  return !!(p && p.context.isReady && p.sessionContext.session && p.sessionContext.session.kernel
            && p.sessionContext.session.kernel.status === 'idle');
}"""
TOASTS = "() => Array.from(document.querySelectorAll('.Toastify__toast')).map(e => e.innerText)"
SAVE_AND_CLOSE = """async () => {
  const app = window.jupyterapp;
  const p = Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === 't.ipynb');
  await p.context.save();   // so that closing asks nothing
  p.close();
}"""


@pytest.mark.parametrize("workshop", [False, True], ids=["plain-jupyterlab", "workshop-settings"])
def test_news_popup_and_closed_tab_kernel(workshop, browser, tmp_path):
    lab = Lab(tmp_path, workshop)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        t0 = time.monotonic()
        page.goto(f"{lab.url}/lab/tree/t.ipynb?reset&token={lab.token}", timeout=PAGE * 1000)
        page.wait_for_function(READY, timeout=PAGE * 1000, polling=250)
        ready = time.monotonic() - t0
        # the question is asked as soon as JupyterLab has started (0.5 s after the notebook was ready, here)
        if workshop:
            page.wait_for_timeout(10_000)
            toasts = page.evaluate(TOASTS)
            assert not any(NEWS in t for t in toasts), f"the news pop-up appeared: {toasts}"
        else:
            page.wait_for_function(f"() => document.body.innerText.includes({NEWS!r})", timeout=PAGE * 1000, polling=250)
        assert len(lab.api("kernels")) == 1

        page.evaluate(SAVE_AND_CLOSE)
        deadline = time.monotonic() + (KERNEL if workshop else 10)
        while lab.api("kernels") and time.monotonic() < deadline:
            time.sleep(0.5)
        kernels = lab.api("kernels")
        if workshop:
            assert kernels == [], "closing the notebook's tab did not shut its kernel down"
        else:
            assert len(kernels) == 1, "plain JupyterLab is expected to keep a closed tab's kernel running"
        print(f"{'workshop' if workshop else 'plain'}: notebook ready after {ready:.1f} s; "
              f"kernels after closing the tab: {len(kernels)}")
    finally:
        page.close()
        lab.stop()
