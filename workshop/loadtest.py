#!/usr/bin/env python3
"""Load test of the workshop hub: simulated learners log in, fetch the lessons and run them at once.

    python workshop/loadtest.py                                  # make workshop-test: 4 learners, every lesson
    python workshop/loadtest.py --learners 12 --mode together    # everyone presses "Run All" at the same moment
    python workshop/loadtest.py --learners 24 --mode staggered --stagger 60 --json out.json

It starts JupyterHub on 127.0.0.1 (random free ports) with workshop/loadtest_config.py, which is the class
configuration (workshop/jupyterhub_config.py) with a test-only spawner, and a temporary folder holding the
hub's state, one home folder per learner and a git repository of this checkout's notebooks tagged v2.0.
Each learner is a thread that does over HTTP what a browser does:

1. clicks the nbgitpuller link of its first lesson (workshop/links.py), is sent to the login form, logs in
   with the class password (the form's _xsrf field and cookie), is redirected to its server, which the hub
   starts; follows the OAuth redirects into it; lets nbgitpuller clone the lessons into its home (the
   git-pull event stream); and loads the lesson's JupyterLab page;
2. for each lesson, in course order: clicks that lesson's link (nbgitpuller updates the clone), opens the
   notebook (POST /user/<name>/api/sessions), connects to the kernel websocket through the proxy, and runs
   every code cell of its own copy in order (one execute_request at a time, waiting for the reply and for
   the kernel to be idle again), as JupyterLab's "Run All" does;
3. closes the lesson: with --keep-previous K it keeps the kernels of the K previous lessons running (K=1:
   the previous lesson's kernel lives until kernel culling would stop it, about half-way through the next
   lesson; K=0: the learner closes the tab, which the class settings make shut the kernel down).

The run fails (exit status 1) on any error output (except in cells tagged raises-exception), any output on
stderr, an execute_reply whose status is not ok, an HTTP step that fails, or a time-out, and also when the
single-user servers did not get the class settings (kernel culling, no news pop-up, kernel shut down with
its tab) or the idle-culler service could not use the hub's API. A sampler reads /proc twice a second:
peak RSS (VmHWM) and proportional set size (Pss, shared pages split between processes) of every kernel,
server, the hub, the proxy and the culler, and the total over all of them. Timings are printed, never
judged; the only time limits (--cell-timeout, --timeout) catch hangs. Whatever happens, the hub and every
process it started are stopped (their process groups killed if they do not exit) and the temporary folder
is removed; a process left behind fails the run.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
import websocket  # websocket-client, a dependency of jupyter-server

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from links import BRANCH, TAG, lesson_link, lessons, target_folder  # noqa: E402

MB = 1024 * 1024
# What the class settings must make every single-user server do (checked through the hub, see _check_*)
CULLING_LOG = re.compile(r"Culling kernels with idle durations > (\d+) seconds at (\d+) second intervals")


# ----------------------------------------------------------------------------------------------- /proc


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _stat(pid: int):
    """(ppid, pgid, starttime ticks, utime + stime seconds) of a process, or None if it is gone."""
    text = _read(f"/proc/{pid}/stat")
    if not text:
        return None
    fields = text[text.rfind(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), int(fields[2]), int(fields[19]), (int(fields[11]) + int(fields[12])) / ticks


def _cmdline(pid: int) -> str:
    text = _read(f"/proc/{pid}/cmdline")
    return text.replace("\0", " ").strip() if text else ""


def _environ(pid: int) -> dict:
    text = _read(f"/proc/{pid}/environ")
    if not text:
        return {}
    return dict(item.split("=", 1) for item in text.split("\0") if "=" in item)


def memory(pid: int) -> dict | None:
    """RSS now and at its peak (VmRSS, VmHWM), proportional set size (Pss) and anonymous memory, in bytes.

    Anonymous memory (the heap: Python objects, arrays) belongs to this process alone: it is what one more
    kernel or server costs the machine. The rest of RSS is file pages (the code of Python, NumPy, torch...)
    that every process using the same file shares through the page cache: RSS counts them in every process,
    Pss splits them between the processes that map them."""
    status = _read(f"/proc/{pid}/status")
    if not status:
        return None
    out = {}
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) * 1024
    for line in (_read(f"/proc/{pid}/smaps_rollup") or "").splitlines():
        key, _, value = line.partition(":")
        if key in ("Pss", "Anonymous"):
            out[key] = int(value.split()[0]) * 1024
    return out if "VmRSS" in out else None


def process_tree(root: int) -> list[int]:
    """root and all its descendants (servers and kernels start their own sessions: found by parent pid)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st:
                children.setdefault(st[0], []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def mem_available() -> int:
    for line in (_read("/proc/meminfo") or "").splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_busy_seconds() -> float:
    """Seconds of CPU time spent by everything on the machine (all cores), from /proc/stat."""
    fields = (_read("/proc/stat") or "cpu 0").splitlines()[0].split()[1:]
    values = [int(v) for v in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass
class Proc:
    pid: int
    role: str  # hub, proxy, culler, server, kernel, other
    start: int  # starttime ticks: tells a reused pid apart
    pgid: int
    cmd: str
    learner: str = ""
    kernel_id: str = ""
    peak_rss: int = 0  # VmHWM when last seen
    peak_pss: int = 0  # highest Pss sampled
    peak_anon: int = 0  # highest anonymous memory sampled
    last_rss: int = 0
    last_pss: int = 0
    cpu_s: float = 0.0  # user + system CPU seconds when last seen


class Monitor(threading.Thread):
    """Samples the memory of every process under the hub until stopped."""

    def __init__(self, hub_pid: int, interval: float, guard_bytes: int):
        super().__init__(daemon=True)
        self.hub_pid, self.interval, self.guard = hub_pid, interval, guard_bytes
        self.procs: dict[tuple[int, int], Proc] = {}
        self.lock = threading.Lock()
        self.halt = threading.Event()
        self.peak_total_pss = self.peak_total_rss = self.peak_total_anon = 0
        self.shared_at_peak = 0  # Pss - anonymous summed over all processes, at the peak of Pss
        self.low_memory = ""  # set when MemAvailable falls below the guard: the learners then stop
        self.peak_kernels = 0
        self.peak_learner_pss: dict[str, int] = {}
        self.peak_learner_anon: dict[str, int] = {}
        self.min_available = mem_available()
        self.series: list[tuple] = []  # (t, total Pss, total anonymous, live kernels, MemAvailable)
        self.t0 = time.monotonic()

    def _classify(self, pid: int, st) -> Proc:
        cmd = _cmdline(pid)
        p = Proc(pid=pid, role="other", start=st[2], pgid=st[1], cmd=cmd[:300])
        if pid == self.hub_pid:
            p.role = "hub"
        elif "configurable-http-proxy" in cmd:
            p.role = "proxy"
        elif "jupyterhub_idle_culler" in cmd:
            p.role = "culler"
        elif "jupyterhub-singleuser" in cmd:
            p.role, p.learner = "server", _environ(pid).get("JUPYTERHUB_USER", "")
        elif "ipykernel_launcher" in cmd:
            p.role = "kernel"
            m = re.search(r"kernel-([0-9a-f-]+)\.json", cmd)
            p.kernel_id = m.group(1) if m else ""
            parent = self.find(pid=st[0])
            p.learner = parent.learner if parent else ""
        return p

    def find(self, pid: int | None = None, kernel_id: str | None = None) -> Proc | None:
        with self.lock:
            for p in self.procs.values():
                if (pid is not None and p.pid == pid) or (kernel_id and p.kernel_id == kernel_id):
                    return p
        return None

    def sample(self) -> None:
        total_pss = total_rss = total_anon = kernels = 0
        learner_pss: dict[str, int] = {}
        learner_anon: dict[str, int] = {}
        for pid in process_tree(self.hub_pid):
            st = _stat(pid)
            mem = memory(pid) if st else None
            if not mem:
                continue
            key = (pid, st[2])
            with self.lock:
                p = self.procs.get(key)
            if p is None or p.role == "other":  # singleuser.py becomes jupyterhub-singleuser (exec)
                p = self._classify(pid, st)
                with self.lock:
                    self.procs[key] = p
            p.cpu_s = st[3]
            p.peak_rss = max(p.peak_rss, mem.get("VmHWM", 0))
            p.last_rss, p.last_pss = mem["VmRSS"], mem.get("Pss", 0)
            p.peak_pss = max(p.peak_pss, p.last_pss)
            p.peak_anon = max(p.peak_anon, mem.get("Anonymous", 0))
            total_pss += p.last_pss
            total_rss += p.last_rss
            total_anon += mem.get("Anonymous", 0)
            kernels += p.role == "kernel"
            if p.learner:
                learner_pss[p.learner] = learner_pss.get(p.learner, 0) + p.last_pss
                learner_anon[p.learner] = learner_anon.get(p.learner, 0) + mem.get("Anonymous", 0)
        if total_pss > self.peak_total_pss:
            self.peak_total_pss, self.shared_at_peak = total_pss, total_pss - total_anon
        self.peak_total_anon = max(self.peak_total_anon, total_anon)
        self.peak_total_rss = max(self.peak_total_rss, total_rss)
        self.peak_kernels = max(self.peak_kernels, kernels)
        for name, value in learner_pss.items():
            self.peak_learner_pss[name] = max(self.peak_learner_pss.get(name, 0), value)
        for name, value in learner_anon.items():
            self.peak_learner_anon[name] = max(self.peak_learner_anon.get(name, 0), value)
        available = mem_available()
        self.min_available = min(self.min_available, available)
        if available < self.guard and not self.low_memory:
            self.low_memory = f"MemAvailable fell to {available // MB} MB (guard {self.guard // MB} MB): run stopped"
        self.series.append((round(time.monotonic() - self.t0, 1), total_pss, total_anon, kernels, available))

    def run(self) -> None:
        while not self.halt.is_set():
            try:
                self.sample()
            except Exception:  # a process that ends while being read: the next sample sees the rest
                pass
            self.halt.wait(self.interval)

    def cpu_seconds(self) -> float:
        """CPU time used by the hub and everything it started (ended processes as last seen)."""
        with self.lock:
            return sum(p.cpu_s for p in self.procs.values())

    def by_role(self, role: str) -> list[Proc]:
        with self.lock:
            return [p for p in self.procs.values() if p.role == role]


# ------------------------------------------------------------------------------------------ a learner


class Rendezvous:
    """Every learner still running waits here until all have arrived (for 'everyone presses Run All at
    once'); a learner that failed leaves, so the others are not kept waiting for it."""

    def __init__(self, parties: int):
        self.parties, self.arrived, self.generation = parties, 0, 0
        self.cond = threading.Condition()

    def wait(self, timeout: float, poll=None) -> None:
        """Wait for the others; `poll()` runs about once a second meanwhile (a learner's browser keeps
        answering the server's websocket pings while its user waits: so does the simulated one)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            gen = self.generation
            self.arrived += 1
            self._maybe_release()
        while True:
            with self.cond:
                if self.cond.wait_for(lambda: self.generation != gen, timeout=1.0):
                    return
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout:.0f} s for the other learners")
            if poll:
                poll()

    def leave(self) -> None:
        with self.cond:
            self.parties -= 1
            self._maybe_release()

    def _maybe_release(self) -> None:
        if self.parties > 0 and self.arrived >= self.parties:
            self.arrived = 0
            self.generation += 1
            self.cond.notify_all()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # redirects are followed by hand, so every hop is seen (and its cookies kept)


@dataclass
class LessonRun:
    lesson: str
    link_s: float = 0.0  # clicking the lesson's link: nbgitpuller pull + the JupyterLab page
    kernel_start_s: float = 0.0  # POST /api/sessions until the kernel answers kernel_info
    run_all_s: float = 0.0  # first execute_request until the last cell's reply and idle
    cells: int = 0
    kernel_pid: int = 0
    peak_rss: int = 0  # VmHWM of the kernel at the end of the lesson
    rss_start: int = 0  # a new kernel, before the first cell
    anon_start: int = 0
    rss_end: int = 0
    pss_end: int = 0
    anon_end: int = 0  # this kernel's anonymous memory: what one more learner adds
    cpu_s: float = 0.0  # the kernel's CPU time (user + system) for start-up and all cells
    cpu_run_s: float = 0.0  # the kernel's CPU time for the cells alone ("Run All")
    cell_rss: list = field(default_factory=list)  # (cell, first source line, VmRSS and anonymous after it, s)
    errors: list = field(default_factory=list)


@dataclass
class LearnerResult:
    name: str
    server_start_s: float = 0.0
    first_pull_s: float = 0.0
    lessons: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    settings: dict = field(default_factory=dict)


class Learner(threading.Thread):
    def __init__(self, name: str, run: "LoadTest"):
        super().__init__(name=f"learner-{name}", daemon=True)
        self.run_ = run
        self.result = LearnerResult(name=name)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.sessions: list[str] = []  # open sessions (lessons whose kernel still runs), oldest first

    # --- HTTP
    def http(self, method: str, url: str, data: bytes | None = None, headers: dict | None = None, timeout=120):
        url = urllib.parse.urljoin(self.run_.url + "/", url)
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=timeout) as resp:
                return resp.status, resp.headers, resp.read(), url
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read(), url

    def follow(self, url: str, stop=None, timeout=120):
        """GET url and follow redirects (cookies kept at every hop) until a page that is not a redirect;
        `stop(url)` may end the walk early at a redirect target."""
        for _ in range(30):
            status, headers, body, url = self.http("GET", url, timeout=timeout)
            if status in (301, 302, 303, 307, 308):
                url = urllib.parse.urljoin(url, headers["Location"])
                if stop and stop(url):
                    return status, headers, body, url
                continue
            return status, headers, body, url
        raise RuntimeError(f"more than 30 redirects, last {url}")

    def xsrf(self, path_prefix: str) -> str:
        for c in self.jar:
            if c.name == "_xsrf" and c.path.rstrip("/") == path_prefix.rstrip("/"):
                return c.value
        raise RuntimeError(f"no _xsrf cookie for {path_prefix}")

    @property
    def base(self) -> str:
        return f"/user/{self.result.name}/"

    # --- the steps
    def click_link(self, lesson: str, first: bool) -> float:
        """Click the lesson's nbgitpuller link; return the seconds until the lesson's JupyterLab page loaded."""
        r, name = self.run_, self.result.name
        t0 = time.monotonic()
        link = lesson_link(r.url, lesson, repo=r.git_repo, branch=r.branch)
        if first:
            status, headers, body, url = self.follow(link, stop=lambda u: "/hub/login" in u)
            if "/hub/login" not in url:
                raise RuntimeError(f"the link did not lead to the login form but to {url} ({status})")
            status, _, body, url = self.http("GET", url)
            m = re.search(rb'name="_xsrf"\s+value="([^"]+)"', body)
            if status != 200 or not m:
                raise RuntimeError(f"login form: HTTP {status}, _xsrf field {'found' if m else 'missing'}")
            form = urllib.parse.urlencode({"username": name, "password": r.password, "_xsrf": m.group(1).decode()})
            status, headers, _, _ = self.http("POST", url, data=form.encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded"})
            if status != 302:
                raise RuntimeError(f"logging in as {name}: HTTP {status} instead of a redirect")
            url = urllib.parse.urljoin(url, headers["Location"])
            # -> the link again -> /hub/spawn/<name> -> /hub/spawn-pending/<name> while the server starts
            status, headers, body, url = self.follow(url, stop=lambda u: "/hub/spawn-pending/" in u)
            t_spawn = time.monotonic()
            if "/hub/spawn-pending/" in url:
                deadline = t_spawn + r.args.spawn_timeout
                while True:
                    status, headers, body, _ = self.http("GET", url)
                    if status in (302, 303):
                        url = urllib.parse.urljoin(url, headers["Location"])
                        break
                    if status != 200 or b"Spawn failed" in body:
                        raise RuntimeError(f"starting the server: HTTP {status} on the pending page")
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"the server did not start within {r.args.spawn_timeout} s")
                    time.sleep(0.5)
                self.result.server_start_s = time.monotonic() - t_spawn
        else:
            url = link
        # /hub/user-redirect/... -> /user/<name>/git-pull?... (-> OAuth with the hub the first time)
        status, _, body, url = self.follow(url)
        if status != 200 or not url.startswith(f"{r.url}{self.base}git-pull"):
            raise RuntimeError(f"the link ended at {url} with HTTP {status}, not at nbgitpuller's page")
        attrs = dict(re.findall(rb'data-([a-z-]+)="([^"]*)"', body))
        attr = {k.decode(): v.decode() for k, v in attrs.items()}
        params = {"_xsrf": attr["xsrf"], "repo": attr["repo"], "targetpath": attr["targetpath"]}
        if attr.get("branch"):
            params["branch"] = attr["branch"]
        t_pull = time.monotonic()
        events = self.git_pull(f"{self.base}git-pull/api?{urllib.parse.urlencode(params)}")
        if events[-1].get("phase") != "finished":
            raise RuntimeError(f"nbgitpuller failed on {lesson}'s link: {events[-1].get('message', events[-1])}")
        if first:
            self.result.first_pull_s = time.monotonic() - t_pull
        # what nbgitpuller's page does when it is done: open urlpath
        expected = f"lab/tree/{target_folder(r.git_repo)}/notebooks/{lesson}"
        if attr["path"] != expected:
            raise RuntimeError(f"nbgitpuller would open {attr['path']!r}, not {expected!r}")
        status, _, body, url = self.follow(attr["base-url"] + attr["path"])
        if status != 200 or b"jupyter-config-data" not in body:
            raise RuntimeError(f"the lesson's JupyterLab page {url}: HTTP {status}")
        return time.monotonic() - t0

    def git_pull(self, path: str) -> list[dict]:
        req = urllib.request.Request(urllib.parse.urljoin(self.run_.url, path))
        events = []
        with self.opener.open(req, timeout=self.run_.args.cell_timeout) as resp:
            for raw in resp:
                line = raw.decode("utf-8", "replace").strip()
                if line.startswith("data: "):
                    events.append(json.loads(line[6:]))
                    if events[-1].get("phase") in ("finished", "error"):
                        break
        return events or [{"phase": "error", "message": "no events"}]

    def api(self, method: str, path: str, body=None):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"X-XSRFToken": self.xsrf(self.base)}
        if data is not None:
            headers["Content-Type"] = "application/json"
        status, _, out, _ = self.http(method, self.base + path, data=data, headers=headers)
        return status, (json.loads(out) if out.strip() else None)

    def read_settings(self) -> None:
        for plugin in ("@jupyterlab/apputils-extension:notification", "@jupyterlab/notebook-extension:tracker"):
            status, out = self.api("GET", f"lab/api/settings/{plugin}")
            if status != 200 or not out:
                self.result.settings[plugin] = {"HTTP": status}
                continue
            # what JupyterLab uses: the learner's own settings over the schema's defaults, which the server
            # has already replaced with the class defaults (labconfig/default_setting_overrides.json)
            defaults = {k: v.get("default") for k, v in out["schema"].get("properties", {}).items()}
            self.result.settings[plugin] = {**defaults, **(out.get("settings") or {})}

    def run_lesson(self, lesson: str, first: bool) -> None:
        r, name = self.run_, self.result.name
        run = LessonRun(lesson=lesson)
        self.result.lessons.append(run)
        run.link_s = self.click_link(lesson, first)
        if first:
            self.read_settings()
        # the learner's own copy, as nbgitpuller delivered it
        path = f"{target_folder(r.git_repo)}/notebooks/{lesson}"
        nb = nbformat.read(r.home / name / path, as_version=4)
        # closing tabs: keep only the kernels of the K previous lessons
        while len(self.sessions) > r.args.keep_previous:
            self.close_session(self.sessions.pop(0))
        t0 = time.monotonic()
        status, session = self.api("POST", "api/sessions", {
            "path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
        if status != 201:
            raise RuntimeError(f"opening {lesson}: POST api/sessions gave HTTP {status}: {session}")
        self.sessions.append(session["id"])
        kernel_id = session["kernel"]["id"]
        ws_url = r.url.replace("http://", "ws://") + f"{self.base}api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.jar if self.base.startswith(c.path) or c.path == "/")
        ws = websocket.create_connection(ws_url, cookie=cookie, timeout=r.args.cell_timeout,
                                         origin=r.url, enable_multithread=True)
        try:
            self.kernel_info(ws)
            run.kernel_start_s = time.monotonic() - t0
            kernel = self.wait_for_kernel_process(kernel_id)
            run.kernel_pid = kernel.pid
            mem = memory(kernel.pid) or {}
            run.rss_start, run.anon_start = mem.get("VmRSS", 0), mem.get("Anonymous", 0)
            if r.args.mode == "together":
                r.rendezvous.wait(timeout=r.args.timeout, poll=lambda: self.drain(ws))
            t_run = time.monotonic()
            st = _stat(kernel.pid)
            cpu_before = st[3] if st else 0.0
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                run.cells += 1
                if r.monitor.low_memory:
                    raise MemoryError(r.monitor.low_memory)
                t_cell = time.monotonic()
                problems = self.execute(ws, cell.source, allow_error="raises-exception" in cell.metadata.get("tags", []))
                first_line = cell.source.strip().splitlines()[0][:70]
                for problem in problems:
                    run.errors.append(f"{lesson} cell {index} ({first_line!r}): {problem}")
                mem = memory(kernel.pid) or {}
                run.cell_rss.append((index, first_line, mem.get("VmRSS", 0), mem.get("Anonymous", 0),
                                     round(time.monotonic() - t_cell, 3)))
                if problems and not r.args.keep_going:
                    break  # "Run All" stops at the first cell that raises
            run.run_all_s = time.monotonic() - t_run
            mem = memory(kernel.pid) or {}
            run.peak_rss, run.rss_end, run.pss_end = mem.get("VmHWM", 0), mem.get("VmRSS", 0), mem.get("Pss", 0)
            run.anon_end = mem.get("Anonymous", 0)
            st = _stat(kernel.pid)
            run.cpu_s = st[3] if st else 0.0
            run.cpu_run_s = run.cpu_s - cpu_before
        finally:
            ws.close()

    def wait_for_kernel_process(self, kernel_id: str) -> Proc:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            p = self.run_.monitor.find(kernel_id=kernel_id)
            if p:
                return p
            time.sleep(0.25)
        raise RuntimeError(f"kernel {kernel_id} has no process under the hub")

    def close_session(self, session_id: str) -> None:
        status, _ = self.api("DELETE", f"api/sessions/{session_id}")
        if status != 204:
            raise RuntimeError(f"closing session {session_id}: HTTP {status}")

    # --- the kernel protocol (JSON messages on the websocket, as JupyterLab sends them)
    def message(self, msg_type: str, content: dict) -> dict:
        return {
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": self.result.name,
                       "session": uuid.uuid4().hex, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "buffers": [], "channel": "shell",
        }  # fmt: skip

    def kernel_info(self, ws) -> None:
        deadline = time.monotonic() + self.run_.args.cell_timeout
        while True:
            msg = self.message("kernel_info_request", {})
            ws.send(json.dumps(msg))
            resend = time.monotonic() + 5
            while time.monotonic() < resend:
                try:
                    ws.settimeout(max(0.1, resend - time.monotonic()))
                    reply = self.recv_json(ws)
                except websocket.WebSocketTimeoutException:
                    break
                if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"] and reply["msg_type"] == "kernel_info_reply":
                    ws.settimeout(self.run_.args.cell_timeout)
                    return
            if time.monotonic() > deadline:
                raise TimeoutError("the kernel did not answer kernel_info")

    @staticmethod
    def recv_json(ws) -> dict:
        """The next message from the kernel websocket (answering pings on the way); a close frame from the
        server raises ConnectionError with its code and reason."""
        while True:
            opcode, frame = ws.recv_data_frame(control_frame=True)
            if opcode == websocket.ABNF.OPCODE_TEXT:
                return json.loads(frame.data)
            if opcode == websocket.ABNF.OPCODE_BINARY:  # a message with buffers (a widget's image bytes)
                return decode_binary_message(frame.data)
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                data = frame.data or b""
                code = int.from_bytes(data[:2], "big") if len(data) >= 2 else None
                raise ConnectionError(f"the server closed the kernel websocket (code {code}, "
                                      f"reason {data[2:].decode(errors='replace')!r})")  # fmt: skip

    def drain(self, ws) -> None:
        """Read (and drop) what the kernel sends while the learner waits, answering pings."""
        ws.settimeout(0.2)
        try:
            while True:
                self.recv_json(ws)
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            ws.settimeout(self.run_.args.cell_timeout)

    def execute(self, ws, code: str, allow_error: bool) -> list[str]:
        msg = self.message("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})  # fmt: skip
        msg_id = msg["header"]["msg_id"]
        ws.send(json.dumps(msg))
        problems, replied, idle = [], False, False
        deadline = time.monotonic() + self.run_.args.cell_timeout
        while not (replied and idle):
            if time.monotonic() > deadline:
                return problems + [f"no reply within {self.run_.args.cell_timeout} s"]
            try:
                m = self.recv_json(ws)
            except websocket.WebSocketTimeoutException:
                continue
            if m["parent_header"].get("msg_id") != msg_id:
                if m["msg_type"] == "status" and m["content"].get("execution_state") in ("dead", "restarting"):
                    return problems + [f"the kernel is {m['content']['execution_state']}"]
                continue
            kind, content = m["msg_type"], m["content"]
            if kind == "error" and not allow_error:
                problems.append(f"raised {content.get('ename')}: {content.get('evalue')}")
            elif kind == "stream" and content.get("name") == "stderr":
                problems.append(f"wrote to stderr: {content.get('text', '')[:300]!r}")
            elif kind == "execute_reply":
                replied = True
                if content.get("status") != "ok" and not (allow_error and content.get("status") == "error"):
                    problems.append(f"execute_reply status {content.get('status')!r}")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
        return problems

    def run(self) -> None:
        r = self.run_
        try:
            if r.args.delay_per_learner:
                time.sleep(r.args.delay_per_learner * r.learners.index(self))
            for i, lesson in enumerate(r.lessons):
                self.run_lesson(lesson, first=(i == 0))
                if self.result.lessons[-1].errors and not r.args.keep_going:
                    break
            while self.sessions:  # the learner is done: close the remaining tabs
                self.close_session(self.sessions.pop(0))
        except Exception as exc:
            when = time.monotonic() - r.t0
            self.result.errors.append(f"[{when:.0f} s] {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}")
        finally:
            r.rendezvous.leave()


def decode_binary_message(data: bytes) -> dict:
    """A kernel message that carries binary buffers, as jupyter-server sends it on the websocket (its
    serialize_binary_message): a 32-bit big-endian count n of parts, n offsets from the frame's start, then
    the message's JSON and its buffers (an ipywidgets Image's PNG bytes, for example)."""
    (n,) = struct.unpack_from("!I", data, 0)
    offsets = list(struct.unpack_from(f"!{n}I", data, 4)) + [len(data)]
    msg = json.loads(data[offsets[0] : offsets[1]])
    msg["buffers"] = [data[a:b] for a, b in zip(offsets[1:], offsets[2:])]
    return msg


# ---------------------------------------------------------------------------------------------- the run


def free_ports(n: int) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def versions() -> dict:
    from importlib.metadata import version

    out = {name: version(name) for name in (
        "jupyterhub", "jupyter-server", "jupyterlab", "ipykernel", "nbgitpuller", "jupyterhub-idle-culler",
        "numpy", "torch")}  # fmt: skip
    chp = HERE / "node_modules" / "configurable-http-proxy" / "package.json"
    out["configurable-http-proxy"] = json.loads(chp.read_text())["version"] if chp.exists() else "missing"
    out["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    out["python"] = platform.python_version()
    return out


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in (_read("/proc/cpuinfo") or "").splitlines()
                  if line.startswith("model name")), platform.processor())  # fmt: skip
    total = next((int(line.split()[1]) * 1024 for line in (_read("/proc/meminfo") or "").splitlines()
                  if line.startswith("MemTotal:")), 0)  # fmt: skip
    return {"cpus": os.cpu_count(), "cpu_model": model, "memory_bytes": total, "kernel": platform.release(),
            "load_before": os.getloadavg()}  # fmt: skip


class LoadTest:
    def __init__(self, args):
        self.args = args
        available = lessons(args.notebooks)
        self.lessons = available if args.lessons == "all" else [
            next(n for n in available if n.startswith(x.zfill(2))) for x in args.lessons.split(",")]  # fmt: skip
        self.password = "class-" + secrets.token_hex(8)
        self.branch = args.ref
        self.failures: list[str] = []
        self.hub: subprocess.Popen | None = None
        self.monitor: Monitor | None = None
        self.learners: list[Learner] = []

    # --- set-up
    def make_repository(self) -> None:
        """A git repository of this checkout's notebooks with the class release's tag (v2.0) and branch
        (workshop-v2.0, at the tag); named like the real one so that nbgitpuller clones it into the same
        folder (hinge-course)."""
        self.git_repo = str(self.base / "remote" / target_folder("https://github.com/hinge-course/hinge-course"))
        repo = Path(self.git_repo)
        shutil.copytree(self.args.notebooks, repo / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        git = ["git", "-c", "user.name=loadtest", "-c", "user.email=loadtest@localhost", "-c", "init.defaultBranch=main"]
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "lessons"], ["tag", TAG], ["branch", BRANCH]):
            subprocess.run(git + cmd, cwd=repo, check=True, capture_output=True)

    def start_hub(self) -> None:
        public, hub, proxy = free_ports(3)
        self.url = f"http://127.0.0.1:{public}"
        (self.base / "state").mkdir()
        self.home = self.base / "home"
        self.home.mkdir()
        env = dict(os.environ)
        env.update(HINGE_LOADTEST_DIR=str(self.base), HINGE_LOADTEST_PORTS=f"{public},{hub},{proxy}",
                   HINGE_WORKSHOP_PASSWORD=self.password)  # fmt: skip
        env.pop("JUPYTER_CONFIG_DIR", None)
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        self.log_path = self.base / "hub.log"
        self.log = open(self.log_path, "wb")
        self.hub = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(HERE / "loadtest_config.py")],
            cwd=self.base / "state", env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + self.args.spawn_timeout
        while True:
            if self.hub.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with {self.hub.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=5) as resp:
                    if resp.status == 200 and "version" in json.loads(resp.read()):
                        break
            except (urllib.error.URLError, OSError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the hub did not answer within {self.args.spawn_timeout} s:\n{self.log_tail()}")
            time.sleep(0.5)

    def log_tail(self, n=40) -> str:
        self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])

    # --- checks after the learners are done
    def check_class_settings(self) -> None:
        log = self.log_path.read_text(errors="replace")
        culling = CULLING_LOG.findall(log)
        expected = json.loads((HERE / "jupyter-config" / "jupyter_server_config.json").read_text())["MappingKernelManager"]
        servers = sum(1 for L in self.learners if L.result.server_start_s)
        want = (str(expected["cull_idle_timeout"]), str(expected["cull_interval"]))
        if culling.count(want) != servers or len(culling) != servers:
            self.failures.append(f"{servers} servers started but their logs show kernel culling settings {culling}, not {want} each")
        if expected["cull_connected"] and log.count("Culling kernels even with connected clients") != servers:
            self.failures.append("the servers' logs do not all say 'Culling kernels even with connected clients'")
        for line in log.splitlines():
            if "not recognized by" in line or "Failed loading overrides" in line:
                self.failures.append(f"a configuration file was not understood: {line.strip()[:300]}")
        if not re.search(r"200 GET /hub/api/users\?state=\S+ \(idle-culler@", log):
            self.failures.append("the idle-culler service never listed the users (its role or token does not work)")
        if not any(self.hub_alive(p) for p in self.monitor.by_role("culler")):
            self.failures.append("the idle-culler service is not running at the end")
        for L in self.learners:
            s = L.result.settings
            if not s:
                continue  # that learner failed earlier (reported)
            news = s.get("@jupyterlab/apputils-extension:notification", {})
            tracker = s.get("@jupyterlab/notebook-extension:tracker", {})
            if news.get("fetchNews") != "false" or news.get("checkForUpdates") is not False:
                self.failures.append(f"{L.result.name}: the news pop-up is not switched off: {news}")
            if tracker.get("kernelShutdown") is not True:
                self.failures.append(f"{L.result.name}: closing a notebook does not shut its kernel down: {tracker.get('kernelShutdown')}")

    @staticmethod
    def hub_alive(p: Proc) -> bool:
        st = _stat(p.pid)
        return bool(st) and st[2] == p.start

    # --- tear-down: everything stops, whatever happened
    def stop(self) -> None:
        if self.monitor:
            self.monitor.halt.set()
        if self.hub and self.hub.poll() is None:
            self.hub.send_signal(signal.SIGTERM)  # the hub stops the servers (cleanup_servers) and the proxy
            try:
                self.hub.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.failures.append("the hub did not stop within 60 s of SIGTERM; killed")
        known = list(self.monitor.procs.values()) if self.monitor else []
        groups = {p.pgid for p in known} | ({self.hub.pid} if self.hub else set())
        deadline = time.monotonic() + 60  # a kernel notices within seconds that its server is gone
        while time.monotonic() < deadline and any(self.hub_alive(p) for p in known):
            time.sleep(0.5)
        left = [p for p in known if self.hub_alive(p)]
        for p in left:
            self.failures.append(f"left running after the hub stopped: pid {p.pid} ({p.role}) {p.cmd[:120]}")
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pgid in groups:
                try:
                    os.killpg(pgid, sig)
                except (ProcessLookupError, PermissionError):
                    pass
            if sig == signal.SIGTERM and left:
                time.sleep(3)
        if self.hub:
            try:
                self.hub.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        # nothing that ran in the temporary folder may survive
        base = str(self.base)
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) != os.getpid():
                cwd = ""
                try:
                    cwd = os.readlink(f"/proc/{entry}/cwd")
                except OSError:
                    pass
                if cwd.startswith(base) or base in _cmdline(int(entry)):
                    self.failures.append(f"stray process {entry}: {_cmdline(int(entry))[:120]}")
                    try:
                        os.kill(int(entry), signal.SIGKILL)
                    except OSError:
                        pass
        if hasattr(self, "log"):
            self.log.close()

    # --- the whole run
    def run(self) -> dict:
        a = self.args
        self.base = Path(tempfile.mkdtemp(prefix="hinge-workshop-"))
        t_start = self.t0 = time.monotonic()
        info = {"date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()), "machine": machine(), "versions": versions(),
                "args": vars(a), "lessons": self.lessons}  # fmt: skip
        available_before = mem_available()
        cpu_before = cpu_busy_seconds()
        try:
            self.make_repository()
            self.start_hub()
            self.monitor = Monitor(self.hub.pid, a.sample_interval, a.min_available_mb * MB)
            self.monitor.start()
            self.rendezvous = Rendezvous(a.learners)
            self.learners = [Learner(f"learner{i + 1:02d}", self) for i in range(a.learners)]
            for L in self.learners:
                L.start()
            deadline = time.monotonic() + a.timeout
            for L in self.learners:
                L.join(timeout=max(0.0, deadline - time.monotonic()))
            hung = [L.result.name for L in self.learners if L.is_alive()]
            if hung:
                self.failures.append(f"still running after --timeout {a.timeout} s: {', '.join(hung)}")
            self.monitor.sample()
            self.check_class_settings()
        except Exception as exc:
            self.failures.append(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=6)}")
            if self.hub is not None and hasattr(self, "log"):
                self.failures.append("hub log (last lines):\n" + self.log_tail())
        finally:
            wall = time.monotonic() - t_start
            self.stop()
            if not a.keep:
                shutil.rmtree(self.base, ignore_errors=True)
        if self.monitor and self.monitor.low_memory:
            self.failures.append(self.monitor.low_memory)
        for L in self.learners:
            self.failures += [f"{L.result.name}: {e}" for e in L.result.errors]
            for run in L.result.lessons:
                self.failures += [f"{L.result.name}: {e}" for e in run.errors]
        m = self.monitor
        info.update(
            wall_s=wall,
            cpu_busy_s=cpu_busy_seconds() - cpu_before,
            load_after=os.getloadavg(),
            learners=[asdict(L.result) for L in self.learners],
            processes={role: [asdict(p) for p in m.by_role(role)] for role in ("hub", "proxy", "culler", "server")} if m else {},
            class_cpu_s=m.cpu_seconds() if m else 0.0,
            peak_total_pss=m.peak_total_pss if m else 0,
            peak_total_anon=m.peak_total_anon if m else 0,
            shared_at_peak=m.shared_at_peak if m else 0,
            low_memory=m.low_memory if m else "",
            peak_total_rss=m.peak_total_rss if m else 0,
            peak_kernels=m.peak_kernels if m else 0,
            peak_learner_pss=m.peak_learner_pss if m else {},
            peak_learner_anon=m.peak_learner_anon if m else {},
            mem_available_before=available_before,
            mem_available_min=m.min_available if m else 0,
            series=m.series[:: max(1, len(m.series) // 600)] if m else [],
            failures=self.failures,
        )
        return info


# ------------------------------------------------------------------------------------------- reporting


def _mb(x) -> str:
    return f"{x / MB:.0f}"


def _spread(values, fmt="{:.1f}") -> str:
    values = sorted(values)
    if not values:
        return "-"
    if len(values) == 1:
        return fmt.format(values[0])
    return f"{fmt.format(values[0])} / {fmt.format(statistics.median(values))} / {fmt.format(values[-1])}"


def report(info: dict) -> str:
    lines = []
    a, mach = info["args"], info["machine"]
    lines.append(f"{a['learners']} learners, mode {a['mode']}, lessons {', '.join(n[:2] for n in info['lessons'])}, "
                 f"keep-previous {a['keep_previous']}; {mach['cpus']} CPUs, {mach['memory_bytes'] / 2**30:.1f} GiB, "
                 f"load before {mach['load_before'][0]:.2f}")  # fmt: skip
    lines.append("")
    lines.append(f"{'learner':<10} {'server start':>12} {'first pull':>10}")
    for L in info["learners"]:
        lines.append(f"{L['name']:<10} {L['server_start_s']:>10.1f} s {L['first_pull_s']:>8.1f} s")
    lines.append("")
    lines.append(f"{'learner':<10} {'lesson':<6} {'link':>6} {'kernel':>7} {'Run All':>8} {'CPU':>6} {'cells':>5} "
                 f"{'peak RSS':>9} {'RSS end':>8} {'PSS end':>8} {'anon end':>8}  errors")  # fmt: skip
    for L in info["learners"]:
        for r in L["lessons"]:
            lines.append(f"{L['name']:<10} {r['lesson'][:2]:<6} {r['link_s']:>5.1f}s {r['kernel_start_s']:>6.1f}s "
                         f"{r['run_all_s']:>7.1f}s {r['cpu_s']:>5.1f}s {r['cells']:>5} {_mb(r['peak_rss']):>6} MB "
                         f"{_mb(r['rss_end']):>5} MB {_mb(r['pss_end']):>5} MB {_mb(r['anon_end']):>5} MB  {len(r['errors'])}")  # fmt: skip
    lines.append("")
    lines.append("per lesson over learners (min / median / max):")
    lines.append(f"{'lesson':<6} {'Run All s':>20} {'kernel start s':>20} {'kernel peak RSS MB':>22} {'Run All CPU s':>18}")
    for lesson in info["lessons"]:
        runs = [r for L in info["learners"] for r in L["lessons"] if r["lesson"] == lesson and r["cells"]]
        lines.append(f"{lesson[:2]:<6} {_spread([r['run_all_s'] for r in runs]):>20} "
                     f"{_spread([r['kernel_start_s'] for r in runs]):>20} "
                     f"{_spread([r['peak_rss'] / MB for r in runs], '{:.0f}'):>22} "
                     f"{_spread([r['cpu_run_s'] for r in runs]):>18}")  # fmt: skip
    procs = info["processes"]
    lines.append("")
    for role in ("hub", "proxy", "culler", "server"):
        ps = procs.get(role, [])
        if ps:
            lines.append(f"{role:<7} peak RSS {_spread([p['peak_rss'] / MB for p in ps], '{:.0f}')} MB, "
                         f"peak PSS {_spread([p['peak_pss'] / MB for p in ps], '{:.0f}')} MB, "
                         f"anonymous {_spread([p['peak_anon'] / MB for p in ps], '{:.0f}')} MB ({len(ps)})")  # fmt: skip
    pss, anon = info["peak_learner_pss"].values(), info["peak_learner_anon"].values()
    lines.append(f"peak per learner (server + kernels): PSS {_spread([v / MB for v in pss], '{:.0f}')} MB, "
                 f"anonymous {_spread([v / MB for v in anon], '{:.0f}')} MB")
    lines.append(f"peak total under the hub: PSS {_mb(info['peak_total_pss'])} MB (of which shared file pages "
                 f"{_mb(info['shared_at_peak'])} MB), anonymous {_mb(info['peak_total_anon'])} MB, RSS {_mb(info['peak_total_rss'])} MB, "
                 f"{info['peak_kernels']} kernels at once; MemAvailable {_mb(info['mem_available_before'])} MB before, "
                 f"{_mb(info['mem_available_min'])} MB at the lowest")  # fmt: skip
    lines.append(f"wall {info['wall_s']:.0f} s; CPU time of the hub and all it started {info['class_cpu_s']:.0f} s, "
                 f"of the whole machine {info['cpu_busy_s']:.0f} s; "
                 f"load after {info['load_after'][0]:.2f}")  # fmt: skip
    lines.append("")
    if info["failures"]:
        lines.append(f"FAILED: {len(info['failures'])} problem(s)")
        lines += ["  " + f.replace("\n", "\n    ") for f in info["failures"]]
    else:
        lines.append("OK: no error output, no stderr, every reply ok, class settings in place, everything stopped")
    return "\n".join(lines)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])  # fmt: skip
    p.add_argument("--learners", type=int, default=4, help="simulated learners (default 4)")
    p.add_argument("--lessons", default="all", help="'all' (course order) or numbers, e.g. 04 or 01,04 (default all)")
    p.add_argument("--mode", choices=("together", "staggered"), default="together",
                   help="together: everyone presses Run All at the same moment in every lesson; staggered: each "
                        "learner starts --stagger/learners seconds after the previous one and goes at its own pace")
    p.add_argument("--stagger", type=float, default=30.0, help="staggered mode: seconds from first to last learner")
    p.add_argument("--keep-previous", type=int, default=1,
                   help="kernels of earlier lessons each learner keeps running (default 1: the previous lesson, "
                        "until kernel culling stops it; 0: tabs are closed; 8: nothing is ever shut down)")
    p.add_argument("--notebooks", type=Path, default=REPO / "notebooks",
                   help="the lessons to serve (default: this checkout's notebooks/)")
    p.add_argument("--ref", default=BRANCH,
                   help=f"what the links name in branch= (default {BRANCH}, a branch; {TAG}, the tag at the same "
                        "commit, shows nbgitpuller 1.3.0 failing on the second click of a link)")
    p.add_argument("--keep-going", action="store_true", help="run the remaining cells and lessons after an error")
    p.add_argument("--cell-timeout", type=float, default=600, help="seconds a cell may take (catches hangs)")
    p.add_argument("--spawn-timeout", type=float, default=300, help="seconds a server or the hub may take to start")
    p.add_argument("--timeout", type=float, default=1800, help="seconds the whole run may take (catches hangs)")
    p.add_argument("--sample-interval", type=float, default=0.5, help="seconds between memory samples")
    p.add_argument("--min-available-mb", type=int, default=1500,
                   help="stop the learners (and fail) if the machine's MemAvailable falls below this (default 1500)")
    p.add_argument("--json", type=Path, help="write every measurement to this file")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (hub log, homes)")
    args = p.parse_args(argv)
    args.delay_per_learner = args.stagger / max(1, args.learners) if args.mode == "staggered" else 0.0
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if not (HERE / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        print("configurable-http-proxy is not installed: run `npm ci --prefix workshop` (make workshop-test does)")
        return 2
    test = LoadTest(args)

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    info = test.run()
    text = report(info)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        info["args"] = {k: str(v) if isinstance(v, Path) else v for k, v in info["args"].items()}
        args.json.write_text(json.dumps(info, indent=1))
    return 1 if info["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
