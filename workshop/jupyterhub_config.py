# JupyterHub configuration for a hinge-course workshop: one shared Linux server, every learner with
# their own single-user JupyterLab, the lessons handed out with nbgitpuller links.
#
#   export HINGE_WORKSHOP_PASSWORD='...'        # the class password (8 characters or more), not in git
#   sudo -E .venv/bin/jupyterhub -f workshop/jupyterhub_config.py
#
# workshop/README.md explains the set-up step by step; workshop/loadtest_config.py loads this file and
# swaps in what a test on 127.0.0.1 needs (a test-only spawner, random ports, temporary folders).
# Everything a class may want to change is an environment variable (HINGE_WORKSHOP_*), read below.
#
# What the numbers are, and why (measured in workshop/RESULTS.md, reasoned in docs/instructor-guide.md):
# - a single-user server holds about 130 MB; a lesson kernel 180-440 MB at its peak, and it keeps that memory
#   until it is shut down. The single-user servers therefore cull idle kernels (workshop/jupyter-config/
#   jupyter_server_config.json) and close a kernel with its tab (labconfig/default_setting_overrides.json);
#   this file sets the per-learner memory limit (enforced by SystemdSpawner, a cgroup) and culls whole
#   servers that have had no browser and no kernel activity for an hour (the jupyterhub-idle-culler service).
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (injected by JupyterHub's config loader)

HERE = Path(__file__).resolve().parent


def _env(name, default=None):
    value = os.environ.get(name, "").strip()
    return value if value else default


# --------------------------------------------------------------------------------------------- network
# Default: every interface, port 8000. Put TLS in front (a reverse proxy such as Caddy or nginx, or
# c.JupyterHub.ssl_cert / ssl_key); learners type the password into this page.
c.JupyterHub.bind_url = _env("HINGE_WORKSHOP_BIND_URL", "http://:8000")
# configurable-http-proxy from workshop/package.json (npm ci --prefix workshop), pinned by package-lock.json
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]

# The hub's database, cookie secret and proxy pid file live in one state folder (not in the repository).
STATE = Path(_env("HINGE_WORKSHOP_STATE_DIR", "/srv/hinge-workshop"))
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# ------------------------------------------------------------------------------------------ logging in
# One class password shared by everyone (JupyterHub >= 5.3; DummyAuthenticator's password is deprecated).
# Learners choose any user name that matches the pattern; anyone with the password can log in as any
# non-admin user, so this is for a class with nothing to protect between learners.
c.JupyterHub.authenticator_class = "shared-password"
PASSWORD = _env("HINGE_WORKSHOP_PASSWORD")
if not PASSWORD or len(PASSWORD) < 8:
    raise SystemExit("Set HINGE_WORKSHOP_PASSWORD to the class password (8 characters or more) before starting the hub.")
c.SharedPasswordAuthenticator.user_password = PASSWORD
# Optional: instructors log in as admins (names in HINGE_WORKSHOP_ADMINS, comma-separated) with a separate
# admin password of 32 characters or more; the admin page lists, starts and stops learners' servers.
c.SharedPasswordAuthenticator.admin_password = _env("HINGE_WORKSHOP_ADMIN_PASSWORD")
c.Authenticator.admin_users = {n.strip() for n in _env("HINGE_WORKSHOP_ADMINS", "").split(",") if n.strip()}
c.Authenticator.allow_all = True
# Lower-case names that are also valid Unix and systemd unit names (SystemdSpawner makes one of each).
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{0,31}$"

# ---------------------------------------------------------------------------------- learners' servers
# For a class: SystemdSpawner (jupyterhub-systemdspawner, pinned in the `workshop` extra) with dynamic
# users: each learner's server runs as its own ephemeral Unix user in its own systemd unit, with a
# persistent home in /var/lib/private/<name>, a private /tmp, no sudo, and memory and CPU limits enforced
# by the unit's cgroup. It needs the hub to run as root on a machine booted with systemd (>= 245).
# Where learners have Unix accounts already, jupyterhub.spawner.LocalProcessSpawner is the alternative
# (no limits enforced). SimpleLocalProcessSpawner is for tests only (loadtest_config.py).
c.JupyterHub.spawner_class = _env("HINGE_WORKSHOP_SPAWNER", "systemdspawner.SystemdSpawner")
c.SystemdSpawner.dynamic_users = True
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.disable_user_sudo = True

# Per learner: the single-user server (about 135 MB RSS) plus its kernels. 1 GB holds the server, the
# lesson being worked on and the previous one before it is culled (the largest pair, 07 + 08, peaks at
# about 780 MB RSS with the server); a learner who runs every lesson at once hits the limit, and the kernel
# that allocates then is killed (JupyterLab says the kernel died; restarting it frees its memory) instead of
# the whole machine swapping. A cap, not a reservation: docs/instructor-guide.md gives learners per server.
c.Spawner.mem_limit = _env("HINGE_WORKSHOP_MEM_LIMIT", "1G")
# One core per learner: a lesson kernel computes on one thread (below), so this only stops one learner's
# stray multi-threaded code from taking the whole machine. Everyone still shares the cores fairly.
c.Spawner.cpu_limit = float(_env("HINGE_WORKSHOP_CPU_LIMIT", "1"))

# jupyterhub-singleuser of this environment, started by singleuser.py, which first builds matplotlib's font
# cache in the learner's home (else the first lesson's first cell may print a warning about it to stderr)
c.Spawner.cmd = [sys.executable, str(HERE / "singleuser.py")]
c.Spawner.default_url = "/lab"
# Thirty learners starting at once take longer than JupyterHub's default 60 s allowance on a small server.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120


def runtime_dir(spawner):
    """Where a learner's server keeps its kernels' connection files and, as the class settings make kernels
    talk over Unix sockets (KernelManager.transport "ipc"), their sockets: a short path, because a socket's
    path must stay under 108 characters. /tmp is private to each learner under SystemdSpawner (isolate_tmp);
    the name keeps learners apart where it is not."""
    return f"/tmp/jupyter-runtime-{spawner.user.name}"


c.Spawner.environment = {
    # the single-user servers read the class settings (kernel culling, JupyterLab defaults) from here
    "JUPYTER_CONFIG_PATH": str(HERE / "jupyter-config"),
    "JUPYTER_RUNTIME_DIR": runtime_dir,
    # one compute thread per kernel: on a shared server, threads per kernel only compete with other
    # learners' kernels (the lessons' arrays are small: a second thread gains nothing)
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}

# After logging in from a link, a learner whose server is not running is sent to "Launch server";
# this starts it after 1 s without the click (nbgitpuller links then work in one step).
c.JupyterHub.implicit_spawn_seconds = 1

# --------------------------------------------------------------------------------------- idle servers
# jupyterhub-idle-culler (pinned in the `workshop` extra) stops a learner's whole server after an hour
# with no activity: no browser tab open on it and no kernel running code (an open JupyterLab tab counts
# as activity, so nobody working is stopped). An hour is longer than any break of the schedules, or a
# lunch between the two half days. Stopping a server keeps the learner's files; the next login starts it
# again in a few seconds.
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "description": "stop learners' servers that have been idle for an hour",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            "--timeout=" + _env("HINGE_WORKSHOP_SERVER_IDLE_TIMEOUT", "3600"),
            "--cull-every=300",
            "--concurrency=5",
        ],
    }
]
