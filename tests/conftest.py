import os

import matplotlib

matplotlib.use("Agg")  # tests draw figures without a screen

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests: no per-example deadline (the machine is shared) and no example database on disk, so a
# run never depends on what an earlier run found; print_blob lets a failure be replayed exactly.
# "course" (the default, used by `make test` and CI) is derandomised: every run draws the same examples,
# so a green suite stays green. "explore" draws fresh random examples, many more of them, to hunt bugs:
#   HYPOTHESIS_PROFILE=explore make test-lib
settings.register_profile("course", deadline=None, database=None, print_blob=True, derandomize=True)
settings.register_profile("explore", deadline=None, database=None, print_blob=True, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course site with a fixture lesson (tests/site_fixture.py), built once for every site test."""
    from site_fixture import build_site

    return build_site(tmp_path_factory.mktemp("site"))
