# The workshop hub for tests on one machine: workshop/jupyterhub_config.py (the class configuration, loaded
# first and unchanged) with only what a test on 127.0.0.1 needs swapped in. workshop/loadtest.py starts
#   jupyterhub -f workshop/loadtest_config.py
# with HINGE_LOADTEST_DIR (a temporary folder), HINGE_LOADTEST_PORTS (three free ports: public, hub, proxy
# API) and HINGE_WORKSHOP_PASSWORD set.
import os
from pathlib import Path

c = get_config()  # noqa: F821 (injected by JupyterHub's config loader)

HERE = Path(__file__).resolve().parent
BASE = Path(os.environ["HINGE_LOADTEST_DIR"])
os.environ["HINGE_WORKSHOP_STATE_DIR"] = str(BASE / "state")
public, hub, proxy_api = os.environ["HINGE_LOADTEST_PORTS"].split(",")
os.environ["HINGE_WORKSHOP_BIND_URL"] = f"http://127.0.0.1:{public}"

load_subconfig(str(HERE / "jupyterhub_config.py"))  # noqa: F821

c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{hub}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{proxy_api}"

# SystemdSpawner needs root and systemd as PID 1; the test runs every learner as the current Unix user,
# each in a home folder of its own under the temporary folder. No memory or CPU limit is enforced here.
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(BASE / "home" / "{username}")
# the kernels' sockets in this run's own folder (several test runs may share /tmp and learner names)
c.Spawner.environment["JUPYTER_RUNTIME_DIR"] = lambda spawner: str(BASE / "rt" / spawner.user.name)
if os.geteuid() == 0:  # CI containers run as root; jupyter-server refuses to unless told
    c.Spawner.args = ["--ServerApp.allow_root=True"]
# the test stops everything it started when it ends
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
