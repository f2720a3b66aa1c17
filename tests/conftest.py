import matplotlib

matplotlib.use("Agg")  # tests draw figures without a screen

from hypothesis import settings  # noqa: E402

# Property tests: no per-example deadline (the machine is shared) and no example database on disk, so a
# run never depends on what an earlier run found; print_blob lets a failure be replayed exactly.
settings.register_profile("course", deadline=None, database=None, print_blob=True)
settings.load_profile("course")
