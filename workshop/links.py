"""nbgitpuller links that hand out the lessons on a workshop hub.

    python workshop/links.py https://hub.example.org               # a Markdown table, one link per lesson
    python workshop/links.py https://hub.example.org --branch v2.0 --repo https://github.com/<owner>/<repo>

A link has the form

    https://<hub>/hub/user-redirect/git-pull?repo=<repository>&branch=<branch or tag>&urlpath=lab/tree/<folder>/notebooks/<lesson>.ipynb

(query values URL-encoded). Clicking it logs the learner in if needed, starts their server, clones the
repository into ``<folder>`` in their home the first time (later clicks merge upstream changes and never
overwrite the learner's edits), and opens the lesson in JupyterLab. ``<folder>`` is the last part of the
repository URL: nbgitpuller's default target folder. workshop/loadtest.py builds its links here too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urlencode

REPO_URL = "https://github.com/hinge-course/hinge-course"
TAG = "v2.0"  # the course release
# The links name a branch made at that tag (git branch workshop-v2.0 v2.0 && git push origin workshop-v2.0),
# not the tag itself: nbgitpuller 1.3.0 clones a tag, but every later click of a link (the next lesson's, or
# the same one again) fails, because it updates by merging origin/<branch>, which a tag does not have
# ("git diff ..origin/v2.0 --name-status returned non-zero exit status 128"; workshop/loadtest.py --ref v2.0).
BRANCH = "workshop-v2.0"
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def target_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into (its default targetpath): the URL's last path segment."""
    return repo.rstrip("/").split("/")[-1]


def lesson_link(hub: str, notebook: str, repo: str = REPO_URL, branch: str = BRANCH) -> str:
    """The nbgitpuller link that opens ``notebook`` (a file name in notebooks/) on the hub at ``hub``."""
    urlpath = f"lab/tree/{target_folder(repo)}/notebooks/{notebook}"
    query = urlencode({"repo": repo, "branch": branch, "urlpath": urlpath})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def lessons(folder: Path = NOTEBOOKS) -> list[str]:
    return sorted(p.name for p in folder.glob("[0-9][0-9]_*.ipynb"))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", default=REPO_URL, help=f"repository to clone (default {REPO_URL})")
    parser.add_argument("--branch", default=BRANCH, help=f"branch or tag (default {BRANCH})")
    args = parser.parse_args(argv)
    print("| Lesson | Link |\n|---|---|")
    for name in lessons():
        print(f"| {name[:2]} | {lesson_link(args.hub, name, args.repo, args.branch)} |")


if __name__ == "__main__":
    main()
