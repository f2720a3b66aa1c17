"""The workshop hub's configuration (workshop/), checked without starting a hub.

workshop/loadtest.py (``make workshop-test``) starts the hub and runs lessons as simulated learners; this
file checks, in seconds, what that cannot show on one machine or would show only as a vague failure:

* the hub configuration loads, uses the shared-password authenticator (not the deprecated
  DummyAuthenticator password), names only options that exist, and logs learners in with the class password
  only; the test override (workshop/loadtest_config.py) changes nothing but what a test on 127.0.0.1 needs;
* the single-user settings are where jupyter-server and JupyterLab read them, name real options and valid
  values for JupyterLab 4.6 (news pop-up off, a closed tab's kernel shut down), and the kernel-culling
  numbers keep the promises docs/instructor-guide.md makes, computed from the lessons' own durations and the
  measured memory in workshop/results/;
* the nbgitpuller links have the form a hub needs and point at lessons that exist;
* the workshop's packages are pinned, kept out of what learners install, and CI runs the load test;
* the load test's results are parsed as documented (on runs made up by hand: capacity per learner and per
  server, Run All times, other load on the machine, the load test's own summary), and the committed
  results, workshop/RESULTS.md's capacity file and the guide's capacity section agree.

The parts that need the `workshop` extra (jupyterhub, the idle culler, systemdspawner) are skipped in a
plain ``make test``; ``make workshop-test`` runs this file with HINGE_WORKSHOP_REQUIRED=1, where they must run.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    from pip._vendor import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
WORKSHOP = REPO / "workshop"
JUPYTER_CONFIG = WORKSHOP / "jupyter-config"
NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REQUIRED = os.environ.get("HINGE_WORKSHOP_REQUIRED") == "1"
PASSWORD = "a-class-password"

sys.path.insert(0, str(WORKSHOP))
import links  # noqa: E402


def needs(module: str):
    """Import a module of the `workshop` extra; skip without it, except under make workshop-test."""
    if REQUIRED:
        return __import__(module, fromlist=["_"])
    return pytest.importorskip(module, reason=f"{module} comes with the workshop extra (make workshop-test)")


def load_config(name: str, env: dict):
    from traitlets.config.loader import PyFileConfigLoader

    saved = dict(os.environ)
    os.environ.update(env)
    try:
        return PyFileConfigLoader(name, path=str(WORKSHOP)).load_config()
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def hub_config():
    return load_config("jupyterhub_config.py", {"HINGE_WORKSHOP_PASSWORD": PASSWORD})


@pytest.fixture(scope="module")
def server_config():
    return json.loads((JUPYTER_CONFIG / "jupyter_server_config.json").read_text())


@pytest.fixture(scope="module")
def lab_overrides():
    return json.loads((JUPYTER_CONFIG / "labconfig" / "default_setting_overrides.json").read_text())


def minutes(notebook: str) -> int:
    first = next(c.source for c in nbformat.read(REPO / "notebooks" / notebook, as_version=4).cells
                 if c.cell_type == "markdown")  # fmt: skip
    return int(re.search(r"estimated time\W*?(?:about\s+)?(\d+)\s*min", first, re.I).group(1))


# ---------------------------------------------------------------------------------------------- the hub


def test_hub_refuses_to_start_without_a_class_password():
    with pytest.raises(SystemExit, match="HINGE_WORKSHOP_PASSWORD"):
        load_config("jupyterhub_config.py", {"HINGE_WORKSHOP_PASSWORD": ""})
    with pytest.raises(SystemExit, match="8 characters"):
        load_config("jupyterhub_config.py", {"HINGE_WORKSHOP_PASSWORD": "short"})


def test_hub_config_names_only_real_options(hub_config):
    needs("jupyterhub")
    needs("systemdspawner")
    from jupyterhub.app import JupyterHub
    from jupyterhub.auth import Authenticator
    from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
    from jupyterhub.proxy import ConfigurableHTTPProxy
    from jupyterhub.spawner import Spawner
    from systemdspawner import SystemdSpawner

    classes = {c.__name__: c for c in (JupyterHub, Authenticator, SharedPasswordAuthenticator,
                                       ConfigurableHTTPProxy, Spawner, SystemdSpawner)}  # fmt: skip
    assert set(hub_config) <= set(classes), f"configures unknown classes: {set(hub_config) - set(classes)}"
    for section, values in hub_config.items():
        unknown = set(values) - set(classes[section].class_trait_names(config=True))
        assert not unknown, f"{section} has no options {unknown}"


def test_hub_uses_the_shared_password_authenticator_and_systemd_spawner(hub_config):
    needs("jupyterhub")
    from importlib.metadata import entry_points

    from jupyterhub.authenticators.shared import SharedPasswordAuthenticator

    (ep,) = [e for e in entry_points(group="jupyterhub.authenticators") if e.name == hub_config.JupyterHub.authenticator_class]
    assert ep.load() is SharedPasswordAuthenticator  # not DummyAuthenticator, whose password is deprecated
    assert hub_config.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert hub_config.SystemdSpawner.dynamic_users is True  # learners need no Unix accounts
    assert hub_config.Authenticator.allow_all is True  # anyone with the class password, any allowed name


def test_learners_log_in_with_the_class_password_only(hub_config):
    needs("jupyterhub")
    from jupyterhub.authenticators.shared import SharedPasswordAuthenticator

    auth = SharedPasswordAuthenticator(config=hub_config)
    login = lambda user, pw: asyncio.run(auth.get_authenticated_user(None, {"username": user, "password": pw}))  # noqa: E731
    assert login("ada", PASSWORD)["name"] == "ada"
    assert login("ada", PASSWORD + "x") is None
    assert login("Ada Lovelace", PASSWORD) is None  # not a valid Unix / systemd unit name
    assert login("ada", "") is None


def test_memory_and_cpu_limits_parse(hub_config):
    needs("jupyterhub")
    from jupyterhub.spawner import Spawner

    spawner = Spawner(config=hub_config)
    assert spawner.mem_limit == 1024**3
    assert spawner.cpu_limit == 1.0


def test_single_user_servers_get_the_class_settings(hub_config, server_config):
    spawner = hub_config.Spawner
    assert Path(spawner.environment["JUPYTER_CONFIG_PATH"]) == JUPYTER_CONFIG
    # kernels talk over Unix sockets (no TCP port races when thirty kernels start at once: measured with 24,
    # "ZMQError: Address already in use"), which live in the runtime folder: private, and short enough for
    # a socket path (under 108 bytes) with the longest user name the hub accepts
    assert server_config["KernelManager"]["transport"] == "ipc"
    longest = SimpleNamespace(user=SimpleNamespace(name="a" * 32))
    runtime = spawner.environment["JUPYTER_RUNTIME_DIR"](longest)
    socket_path = f"{runtime}/kernel-{'0' * 8}-{'0' * 4}-{'0' * 4}-{'0' * 4}-{'0' * 12}-ipc-5"
    assert len(socket_path.encode()) < 108
    assert runtime.startswith("/tmp/") and hub_config.SystemdSpawner.isolate_tmp is True  # /tmp private per learner
    assert "a" * 32 in runtime  # and per learner where /tmp is shared (LocalProcessSpawner)
    # one compute thread per kernel on a shared server
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        assert spawner.environment[var] == "1"
    assert spawner.cmd == [sys.executable, str(WORKSHOP / "singleuser.py")]  # the hub's own environment
    assert spawner.default_url == "/lab"


def test_the_idle_culler_service_has_the_scopes_it_needs_and_valid_arguments(hub_config):
    needs("jupyterhub_idle_culler")
    from jupyterhub_idle_culler import IdleCuller

    (service,) = hub_config.JupyterHub.services
    (role,) = hub_config.JupyterHub.load_roles
    assert role["services"] == [service["name"]]
    # the scopes jupyterhub-idle-culler's documentation lists for culling servers (not users)
    assert set(role["scopes"]) == {"list:users", "read:users:activity", "read:servers", "delete:servers"}
    assert service["command"][1:3] == ["-m", "jupyterhub_idle_culler"]
    culler = IdleCuller()
    culler.parse_command_line(service["command"][3:])
    assert culler.timeout == 3600 and culler.cull_every == 300
    assert culler.cull_users is False  # learners and their files stay; only idle servers stop


def test_the_proxy_is_the_pinned_npm_package(hub_config):
    (command,) = hub_config.ConfigurableHTTPProxy.command
    assert Path(command) == WORKSHOP / "node_modules" / ".bin" / "configurable-http-proxy"
    package = json.loads((WORKSHOP / "package.json").read_text())
    lock = json.loads((WORKSHOP / "package-lock.json").read_text())
    pinned = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "pin configurable-http-proxy exactly"
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == pinned
    assert lock["packages"][""]["dependencies"] == package["dependencies"]


def test_loadtest_override_changes_only_what_a_test_needs(hub_config, tmp_path):
    test = load_config("loadtest_config.py", {
        "HINGE_WORKSHOP_PASSWORD": PASSWORD, "HINGE_LOADTEST_DIR": str(tmp_path), "HINGE_LOADTEST_PORTS": "1,2,3"})  # fmt: skip
    learner = SimpleNamespace(user=SimpleNamespace(name="ada"))

    def flat(config):
        out = {}
        for section, values in config.items():
            for key, value in values.items():
                if isinstance(value, dict):  # Spawner.environment: one entry per variable
                    out.update({f"{section}.{key}.{k}": v(learner) if callable(v) else v for k, v in value.items()})
                else:
                    out[f"{section}.{key}"] = value
        return out

    a, b = flat(hub_config), flat(test)
    changed = {k for k in set(a) | set(b) if a.get(k) != b.get(k)}
    allowed = {
        "JupyterHub.bind_url", "JupyterHub.hub_bind_url", "ConfigurableHTTPProxy.api_url",  # 127.0.0.1, free ports
        "JupyterHub.db_url", "JupyterHub.cookie_secret_file", "JupyterHub.pid_file",  # a temporary state folder
        "ConfigurableHTTPProxy.pid_file", "JupyterHub.cleanup_servers", "JupyterHub.cleanup_proxy",
        "JupyterHub.spawner_class", "SimpleLocalProcessSpawner.home_dir_template",  # no systemd here
        "Spawner.args",  # --ServerApp.allow_root=True where the test runs as root
        "Spawner.environment.JUPYTER_RUNTIME_DIR",  # in the run's own folder: test runs may share /tmp
    }  # fmt: skip
    assert changed <= allowed, f"the load test would not test the class configuration: {changed - allowed}"
    assert test.JupyterHub.bind_url.startswith("http://127.0.0.1:")
    assert test.JupyterHub.spawner_class == "jupyterhub.spawner.SimpleLocalProcessSpawner"


# ------------------------------------------------------------------------------ the single-user servers


def test_server_settings_name_real_options(server_config):
    from jupyter_client.manager import KernelManager
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from jupyterlab.labapp import LabApp

    classes = {"MappingKernelManager": MappingKernelManager, "LabApp": LabApp, "KernelManager": KernelManager}
    assert set(server_config) <= set(classes)
    for section, values in server_config.items():
        unknown = set(values) - set(classes[section].class_trait_names(config=True))
        assert not unknown, f"{section} has no options {unknown}"
    lab = LabApp(config=_as_config(server_config))
    assert lab.check_for_updates_class.__name__ == "NeverCheckForUpdate"  # no look-ups of PyPI per learner
    assert lab.extension_manager == "readonly"


def _as_config(d):
    from traitlets.config import Config

    return Config(d)


def test_culling_numbers_keep_the_guides_promises(server_config):
    """Why 20 minutes (docs/instructor-guide.md, "Memory and culling"): every break of both schedules falls
    between lessons, so a kernel idle inside a lesson is one whose learner is reading or writing an exercise:
    15 minutes or more of that must not cost them their state. A kernel whose tab was left open must be
    stopped before the next lesson ends, so that a learner never holds more than two lesson kernels (the
    memory per learner in the guide counts two), and before the second half of lesson 08, where its two
    200,000-row arrays are made: there the previous lesson's kernel and lesson 08's peak must not add up."""
    km = server_config["MappingKernelManager"]
    timeout, interval = km["cull_idle_timeout"], km["cull_interval"]
    latest = timeout + interval  # a kernel is stopped at most this long after its last activity
    assert timeout >= 15 * 60
    assert latest < 60 * min(minutes(nb) for nb in NOTEBOOKS)
    assert latest <= 60 * minutes(NOTEBOOKS[-1]) / 2
    assert interval <= timeout / 10  # checked often enough that the timeout means what it says
    assert km["cull_connected"] is True  # an open, forgotten tab (or a restored workspace) counts too
    assert km["cull_busy"] is False  # a cell that is running is never interrupted


def test_memory_limit_holds_the_server_and_two_lessons(hub_config):
    """The per-learner limit must hold what a learner legitimately has at once with the class settings: their
    server and the kernels of two consecutive lessons at their measured peaks (workshop/results/)."""
    needs("jupyterhub")
    from jupyterhub.spawner import Spawner

    measured = json.loads((WORKSHOP / "results" / "lessons-alone.json").read_text())
    counted = json.loads((WORKSHOP / "results" / "capacity.json").read_text())["lessons"]  # those that ran cleanly
    (learner,) = measured["learners"]
    peak = {r["lesson"]: r["peak_rss"] for r in learner["lessons"]}
    assert sorted(peak) == NOTEBOOKS
    server = max(p["peak_rss"] for p in measured["processes"]["server"])
    pairs = max(peak[a] + peak[b] for a, b in zip(counted, counted[1:]))
    assert Spawner(config=hub_config).mem_limit >= server + pairs


def test_lab_overrides_are_valid_jupyterlab_settings(lab_overrides):
    """Each plugin and value must exist in the installed JupyterLab's schemas: a misspelt plugin id or an
    unknown value is ignored by JupyterLab without a word."""
    import jsonschema
    import jupyterlab

    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    assert schemas.is_dir(), f"JupyterLab's schemas are not at {schemas}"
    for plugin, values in lab_overrides.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text())
        assert set(values) <= set(schema["properties"]), f"{plugin}: unknown settings {set(values) - set(schema['properties'])}"
        jsonschema.validate(values, {**schema, "required": []})
    assert jupyterlab.__version__ == "4.6.6"
    news = lab_overrides["@jupyterlab/apputils-extension:notification"]
    assert news["fetchNews"] == "false"  # "Never": no "notified about official Jupyter news?" question
    assert news["checkForUpdates"] is False
    assert lab_overrides["@jupyterlab/notebook-extension:tracker"]["kernelShutdown"] is True  # closing a tab stops its kernel


def test_jupyterlab_reads_the_overrides_from_the_class_config_path(lab_overrides, tmp_path):
    """JUPYTER_CONFIG_PATH (set by the hub for every server) is where jupyterlab-server looks for
    labconfig/default_setting_overrides.json; run in a fresh interpreter with only that path."""
    code = "import json; from jupyterlab_server.settings_utils import _get_overrides; print(json.dumps(_get_overrides(%r)))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(JUPYTER_CONFIG_PATH=str(JUPYTER_CONFIG), JUPYTER_CONFIG_DIR=str(tmp_path / "user"))
    out = subprocess.run([sys.executable, "-c", code % str(tmp_path / "app")], env=env, capture_output=True, text=True, check=True)
    overrides, error = json.loads(out.stdout)
    assert not error
    for plugin, values in lab_overrides.items():
        assert overrides[plugin] == values


def test_singleuser_wrapper_builds_the_font_cache_then_hands_over():
    source = (WORKSHOP / "singleuser.py").read_text()
    assert "import matplotlib.font_manager" in source and "jupyterhub-singleuser" in source
    assert "os.execv" in source  # the server replaces the wrapper: same process, signals and memory as usual


# ----------------------------------------------------------------------------------- nbgitpuller links


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_lesson_link_form(notebook):
    link = links.lesson_link("https://hub.example.org/", notebook)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
    query = parse_qs(parts.query, strict_parsing=True)
    assert query == {
        "repo": ["https://github.com/hinge-course/hinge-course"],
        "branch": ["workshop-v2.0"],
        "urlpath": [f"lab/tree/hinge-course/notebooks/{notebook}"],
    }
    assert "urlpath=lab%2Ftree%2Fhinge-course%2Fnotebooks%2F" in link  # encoded, as the hub passes it on
    assert (REPO / "notebooks" / notebook).is_file()


def test_links_name_a_branch_at_the_release_tag_not_the_tag():
    assert links.TAG == "v2.0" and links.BRANCH != links.TAG
    assert links.target_folder("https://github.com/hinge-course/hinge-course") == "hinge-course"
    assert links.target_folder("https://github.com/hinge-course/hinge-course/") == "hinge-course"


def test_links_cli_prints_one_link_per_lesson():
    out = subprocess.run([sys.executable, str(WORKSHOP / "links.py"), "https://hub.example.org"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    rows = [line for line in out.splitlines() if "git-pull?" in line]
    assert len(rows) == len(NOTEBOOKS) == 8
    for row, notebook in zip(rows, NOTEBOOKS):
        assert row == f"| {notebook[:2]} | {links.lesson_link('https://hub.example.org', notebook)} |"


@pytest.mark.parametrize("doc", ["workshop/README.md", "docs/instructor-guide.md"])
def test_documents_hand_out_the_links_links_py_makes(doc):
    text = (REPO / doc).read_text()
    found = re.findall(r"https://<hub>/hub/user-redirect/git-pull\?\S+", text)
    assert found, f"{doc} shows no nbgitpuller link"
    expected = {links.lesson_link("https://<hub>", nb) for nb in NOTEBOOKS}
    for link in found:
        assert link.rstrip("`|") in expected, f"{doc}: {link} is not what workshop/links.py makes"


# ------------------------------------------------------------------------------- packaging, make and CI


def test_workshop_extra_is_pinned_and_separate_from_the_learners_install():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    extra = project["optional-dependencies"]["workshop"]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", line) for line in extra), extra
    names = {line.split("==")[0] for line in extra}
    assert names == {"jupyterhub", "nbgitpuller", "jupyterhub-idle-culler", "jupyterhub-systemdspawner"}
    assert "jupyterhub==6.1.1" in extra
    makefile = (REPO / "Makefile").read_text()
    setup = re.search(r"^\$\(STAMP\):.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert '-e ".[course,test]"' in setup and "workshop" not in setup  # make lab / make test: unchanged
    assert re.search(r'pip install .*-e "\.\[course,test,workshop\]"', makefile)
    assert re.search(r"npm ci --prefix workshop", makefile)


def test_ci_runs_the_workshop_load_test_after_make_test():
    ci = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.strip().startswith("#")]  # fmt: skip
    make_test = next(i for i, c in enumerate(ci) if re.match(r"make test\b", c))
    workshop = next(i for i, c in enumerate(ci) if re.match(r"make workshop-test\b", c))
    assert workshop > make_test
    out = subprocess.run(["make", "-n", "workshop-test"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert "tests/test_workshop.py" in out and re.search(r"workshop/loadtest\.py --learners 4 ", out)


# ------------------------------------------------------------------------------ the load test's helpers


def test_rendezvous_releases_when_a_learner_drops_out():
    import threading

    from loadtest import Rendezvous

    r = Rendezvous(3)
    done = []
    threads = [threading.Thread(target=lambda: (r.wait(timeout=30), done.append(1))) for _ in range(2)]
    for t in threads:
        t.start()
    r.leave()  # the third learner failed: the two others go on without it
    for t in threads:
        t.join(timeout=30)
    assert done == [1, 1]
    with pytest.raises(TimeoutError):
        Rendezvous(2).wait(timeout=0.2)


@pytest.mark.parametrize("buffers", [[], [b"\x89PNG\r\n"], [b"a", b"", b"\x00\xff" * 100]])
def test_binary_kernel_messages_are_decoded(buffers):
    """A message with buffers (a widget pushing PNG bytes) comes as a binary websocket frame, in
    jupyter-server's own format: the load test reads it back whole."""
    from jupyter_server.services.kernels.connection.base import serialize_binary_message
    from loadtest import decode_binary_message

    msg = {"header": {"msg_type": "comm_msg", "msg_id": "1"}, "parent_header": {"msg_id": "0"}, "metadata": {},
           "content": {"data": {"method": "update"}}, "channel": "iopub", "msg_type": "comm_msg"}  # fmt: skip
    back = decode_binary_message(serialize_binary_message({**msg, "buffers": buffers}))
    assert back == {**msg, "buffers": buffers}


def test_memory_reads_this_process():
    from loadtest import memory

    m = memory(os.getpid())
    assert 0 < m["Anonymous"] <= m["VmRSS"] <= m["VmHWM"]
    assert 0 < m["Pss"] <= m["VmRSS"]


# ------------------------------------------------------------------ measured capacity and the guide's table


def _guide_table(header_start: str):
    """The guide's table whose first header cell is header_start, as dicts (it ends at the first other line)."""
    lines = (REPO / "docs" / "instructor-guide.md").read_text().splitlines()
    cells = lambda line: [c.strip() for c in line.strip().strip("|").split("|")]  # noqa: E731
    start = next(i for i, line in enumerate(lines) if line.startswith("|") and cells(line)[0] == header_start)
    header, table = cells(lines[start]), []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        assert len(cells(line)) == len(header), line
        table.append(dict(zip(header, cells(line))))
    return table


def test_capacity_file_is_what_the_results_give():
    """workshop/results/capacity.json is computed by workshop/bench.py from the committed runs (and the
    low-load lesson times it records): recomputing it gives the same numbers."""
    import bench

    saved = json.loads(bench.CAPACITY.read_text())
    again = bench.capacity_of(bench.measured_runs())
    assert json.loads(json.dumps(again)) == saved
    assert sorted(saved["lessons"] + list(saved["excluded"])) == NOTEBOOKS, "measured on every lesson of this checkout"
    # Only lesson 08 may be left out: on this branch it is still the old lesson, which fails against the rebuilt
    # library (its rewrite is under way elsewhere); every other lesson must have run without an error.
    assert set(saved["excluded"]) <= {"08_pytorch_comparison.ipynb"}, saved["excluded"]


def test_guide_capacity_section_is_what_the_results_give():
    """The capacity part of the guide is bench.py's rendering of the committed results, unedited."""
    import bench

    text = (REPO / "docs" / "instructor-guide.md").read_text()
    section = text[text.index(bench.GUIDE_BEGIN) + len(bench.GUIDE_BEGIN) + 1 : text.index(bench.GUIDE_END)]
    assert section == bench.render_guide(json.loads(bench.CAPACITY.read_text()), bench.measured_runs())


def test_guide_capacity_table_matches_the_measurements():
    import bench

    saved = json.loads(bench.CAPACITY.read_text())
    table = _guide_table("Server")
    assert [row["Server"] for row in table] == [s["server"] for s in saved["servers"]] == ["2 cores / 8 GB", "4 cores / 16 GB"]
    for row, srv in zip(table, saved["servers"]):
        n = srv["learners"]
        assert row["Learners, finished lessons' tabs closed"] == str(n["closed"])
        assert row["Learners, no tab closed (culling)"] == str(n["culling"])
        assert row["Learners, no culling (plain JupyterLab)"] == str(n["no_culling"])
        assert row["Run All, everyone at once (heaviest lesson)"] == f"about {srv['run_all_s']} s"
        # culling is what makes the difference: without it a learner holds every lesson's kernel
        assert n["no_culling"] < n["culling"] <= n["closed"]


def test_guide_memory_per_lesson_matches_the_measurements():
    import bench

    saved = json.loads(bench.CAPACITY.read_text())
    lessons = [r for r in bench.load("lessons-alone")["learners"][0]["lessons"] if r["lesson"] in saved["lessons"]]
    server = saved["server_mb"]
    table = _guide_table("Lesson kernel")
    assert [row["Lesson kernel"] for row in table] == [r["lesson"][:2] for r in lessons]
    text = (REPO / "docs" / "instructor-guide.md").read_text()
    for lesson in saved["excluded"]:
        assert f"Not counted: lesson {lesson[:2]}" in text  # the guide says which lesson is left out, and why
    for row, r in zip(table, lessons):
        assert row["Peak RSS MB"] == f"{r['peak_rss'] / bench.MB:.0f}"
        assert row["Its own memory MB"] == f"{bench.anon_peak(r) / bench.MB:.0f}"
        assert row["Learner with server MB"] == f"{server + bench.anon_peak(r) / bench.MB:.0f}"


# ------------------------------------------------- the load test's results, parsed on a run made up by hand

MB = 1024 * 1024


def _lesson(name, anon_cells, anon_end, peak_rss, run_all=10.0, cpu=5.0):
    """A lesson as loadtest.py records it: (cell, first line, VmRSS, anonymous, seconds) after each cell."""
    cells = [(i, f"cell {i}", (a + 50) * MB, a * MB, 1.0) for i, a in enumerate(anon_cells)]
    return {"lesson": name, "cells": len(cells), "cell_rss": cells, "anon_end": anon_end * MB, "peak_rss": peak_rss * MB,
            "rss_start": 50 * MB, "anon_start": 30 * MB, "rss_end": (anon_end + 50) * MB, "run_all_s": run_all,
            "cpu_run_s": cpu, "kernel_start_s": 1.0, "errors": []}  # fmt: skip


def _run(learners, lessons, server_anon=100, cpu_busy=40.0, class_cpu=30.0, wall=10.0):
    procs = {role: [{"peak_anon": a * MB, "peak_rss": 2 * a * MB}] for role, a in
             (("hub", 100), ("proxy", 20), ("culler", 20), ("server", server_anon))}  # fmt: skip
    return {"learners": [{"name": f"l{i}", "server_start_s": 5.0 + i, "lessons": lessons} for i in range(learners)],
            "lessons": [r["lesson"] for r in lessons], "processes": procs, "shared_at_peak": 160 * MB,
            "cpu_busy_s": cpu_busy, "class_cpu_s": class_cpu, "wall_s": wall, "machine": {"cpus": 2},
            "args": {"mode": "together", "keep_previous": 1, "learners": learners}, "failures": []}  # fmt: skip


def test_capacity_parses_a_run_as_described(monkeypatch):
    """bench.capacity() on a two-lesson course whose numbers are worked out by hand (MB): server 100; lesson
    A peaks at 200 of its own and ends at 150; lesson B (60 minutes: culling's 21 minutes are 35 % of it)
    reaches 100 after its first of 4 cells and 300 at the end. Shared: hub 100 + proxy 20 + culler 20 +
    file pages 160 = 300, plus the 1 GB OS reserve."""
    import bench

    a = _lesson("01_a.ipynb", [120, 200, 180], anon_end=150, peak_rss=260)
    b = _lesson("02_b.ipynb", [100, 150, 250, 300], anon_end=300, peak_rss=360)
    alone, big = _run(1, [a, b]), _run(4, [a, b])
    minutes = {"01_a.ipynb": 30, "02_b.ipynb": 60}
    monkeypatch.setattr(bench, "lesson_minutes", minutes.__getitem__)
    cap = bench.capacity(alone, big, {"01_a.ipynb": 2.0, "02_b.ipynb": 4.0})
    assert bench.anon_peak(a) == 200 * MB and bench.anon_after(b, 1260 / 3600) == 150 * MB  # 2 of 4 cells
    per = cap["per_learner_mb"]
    assert per["closed"] == 100 + 300  # server + the largest kernel alone
    assert per["culling"] == 100 + max(300, 150 + 150)  # A as left + B after 35 % of its cells
    assert per["worst"] == 100 + 150 + 300  # A kept through all of B
    assert per["no_culling"] == 100 + 150 + 300  # every kernel kept: A as left, B at its peak
    assert cap["fixed_mb"] == 300
    small, large = cap["servers"]
    assert small["learners"]["closed"] == (8 * 1024 - 1024 - 300) // 400  # 17
    assert large["learners"]["no_culling"] == (16 * 1024 - 1024 - 300) // 550  # 27
    assert small["run_all_s"] == round(small["learners"]["culling"] * 4.0 / 2)
    assert cap["lessons"] == ["01_a.ipynb", "02_b.ipynb"] and cap["excluded"] == {}
    # a lesson that raised errors alone is left out (its memory is not the lesson's), with its first error
    broken = dict(b, errors=["02_b.ipynb cell 1 ('import x'): raised ImportError: no x"], anon_end=900 * MB)
    cap = bench.capacity(_run(1, [a, broken]), big, {"01_a.ipynb": 2.0, "02_b.ipynb": 4.0})
    assert cap["lessons"] == ["01_a.ipynb"] and list(cap["excluded"]) == ["02_b.ipynb"]
    assert cap["per_learner_mb"]["no_culling"] == 100 + 200


def test_run_times_and_other_load_are_read_from_a_run():
    import bench

    a = _lesson("01_a.ipynb", [100], anon_end=100, peak_rss=150, run_all=12.0, cpu=3.0)
    slow = dict(a, run_all_s=20.0)
    run = _run(2, [a], cpu_busy=40.0, class_cpu=30.0, wall=10.0)
    run["learners"][1]["lessons"] = [slow]
    assert bench.run_all_times(run) == {"01_a.ipynb": 20.0}  # the slowest learner
    assert bench.others_cores(run) == 1.0  # (40 - 30) CPU seconds over 10 s: one core busy with other work
    assert bench.predicted_run_all(run, "01_a.ipynb") == 2 * 3.0 / (2 - 1.0)
    staggered = dict(_run(4, [a]), args={"mode": "staggered", "keep_previous": 1})
    name, _ = bench.biggest({"lessons-alone": _run(1, [a]), "staggered-4": staggered, "together-4": _run(4, [a])})
    assert name == "together-4"  # the most learners; a together run first on a tie


def test_loadtest_report_reads_its_own_results():
    """loadtest.py's summary of a made-up run: per-learner start times, per-lesson spread, and OK/FAILED."""
    from loadtest import report

    a = _lesson("01_a.ipynb", [100], anon_end=100, peak_rss=150, run_all=12.0)
    a.update(link_s=1.0, cpu_s=4.0, pss_end=90 * MB)
    info = _run(2, [a])
    info["machine"].update(memory_bytes=2**33, load_before=(1.5, 1.0, 1.0))
    info["args"].update(mode="together", keep_previous=1)
    for L in info["learners"]:
        L["first_pull_s"] = 2.0
    info.update(peak_learner_pss={"l0": 200 * MB}, peak_learner_anon={"l0": 180 * MB}, peak_total_pss=500 * MB,
                peak_total_anon=400 * MB, peak_total_rss=900 * MB, peak_kernels=2, mem_available_before=4000 * MB,
                mem_available_min=3500 * MB, load_after=(2.0, 1.0, 1.0))  # fmt: skip
    for role in info["processes"].values():
        role[0]["peak_pss"] = role[0]["peak_anon"]
    text = report(info)
    assert "2 learners, mode together, lessons 01" in text
    assert "l0" in text and "5.0 s" in text and "6.0 s" in text  # server start of each learner
    assert re.search(r"^01 +12\.0 / 12\.0 / 12\.0 ", text, re.M)  # Run All: min / median / max
    assert text.rstrip().endswith("everything stopped")
    info["failures"] = ["l1: 01_a.ipynb cell 3: NameError"]
    assert "FAILED: 1 problem(s)" in report(info) and "NameError" in report(info)
