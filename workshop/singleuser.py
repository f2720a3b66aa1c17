"""Start a learner's single-user server (JupyterHub's Spawner.cmd in workshop/jupyterhub_config.py).

Before handing over to ``jupyterhub-singleuser`` (same environment, same arguments), make sure matplotlib's
font cache exists in this learner's home. A learner's first ``import matplotlib.pyplot`` otherwise builds
it inside the lesson's kernel, and when that takes more than 5 s (thirty learners running the setup check
at once) matplotlib writes "Matplotlib is building the font cache; this may take a moment." to the cell's
stderr. Built here, once per home folder, it costs a second or two of the server's start-up instead and
nobody sees it. Later starts find the cache and only pay for the import (about 0.3 s).
"""

import os
import subprocess
import sys
from pathlib import Path


def main() -> None:
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], check=False)
    singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
    os.execv(str(singleuser), [str(singleuser), *sys.argv[1:]])


if __name__ == "__main__":
    main()
