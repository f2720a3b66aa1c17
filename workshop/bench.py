#!/usr/bin/env python3
"""The measured workshop runs behind workshop/RESULTS.md and the instructor guide's capacity table.

    python workshop/bench.py                      # make workshop-bench: every run below, then RESULTS.md
    python workshop/bench.py --only together-12   # one run (its JSON is replaced), then RESULTS.md
    python workshop/bench.py --render-only        # RESULTS.md again from the committed workshop/results/*.json

Each run is workshop/loadtest.py with all eight lessons in course order per learner (--keep-going, so that one
error does not hide the rest of the course), its measurements saved as workshop/results/<run>.json:

  lessons-alone   1 learner, previous kernels shut down: each lesson's kernel on its own (memory per lesson)
  workshop-test   what `make workshop-test` runs (4 learners, every lesson, together), recorded
  together-12     12 learners who press "Run All" at the same moment in every lesson
  together-24     24 learners at the same moment
  staggered-24    24 learners starting 12.5 s apart, each at their own pace
  lesson08-proposed  lesson 08 alone with the change proposed for it (PROPOSED_EDITS), on a copy

RESULTS.md and the capacity table use the runs whose JSON is in workshop/results/ (a run that was not made
is left out; the capacity uses lessons-alone and the largest run with several learners). The capacity part
of docs/instructor-guide.md, between its "workshop-capacity" markers, is rewritten from the same numbers.

In the runs with several learners each keeps the previous lesson's kernel while running the next one (what
the class settings allow for at most 21 minutes when nobody closes a tab). capacity() turns the results
into learners per server; tests/test_workshop.py checks the guide's table against it.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
CAPACITY = RESULTS / "capacity.json"  # written with RESULTS.md; docs/instructor-guide.md's table is checked against it
GUIDE = REPO / "docs" / "instructor-guide.md"
GUIDE_BEGIN = "<!-- workshop-capacity:begin (written by workshop/bench.py from workshop/results/; do not edit by hand) -->"
GUIDE_END = "<!-- workshop-capacity:end -->"
MB = 1024 * 1024
GIB = 1024**3

RUNS = {  # in the order they run
    "lessons-alone": ["--learners", "1", "--keep-previous", "0"],
    "workshop-test": ["--learners", "4", "--lessons", "all", "--mode", "together"],
    "together-12": ["--learners", "12", "--mode", "together"],
    "together-24": ["--learners", "24", "--mode", "together"],
    "staggered-24": ["--learners", "24", "--mode", "staggered", "--stagger", "300"],
    "lesson08-proposed": ["--learners", "1", "--keep-previous", "0", "--lessons", "08"],
}
# What a dedicated Linux server needs besides the hub and the learners: the operating system, sshd, journald,
# and room for the page cache of the environment's files. An assumption, not a measurement.
OS_RESERVE = 1 * GIB
SERVERS = [("2 cores / 8 GB", 2, 8), ("4 cores / 16 GB", 4, 16)]


def load(name: str) -> dict:
    return json.loads((RESULTS / f"{name}.json").read_text())


def lessons_of(run: dict) -> list[str]:
    return run["lessons"]


def runs_of(run: dict, lesson: str) -> list[dict]:
    return [r for L in run["learners"] for r in L["lessons"] if r["lesson"] == lesson and r["cells"]]


def anon_peak(r: dict) -> int:
    """Highest anonymous memory of a lesson's kernel, read after each of its cells."""
    return max([c[3] for c in r["cell_rss"]] + [r["anon_end"]])


def peak_of(run: dict, role: str, key: str) -> int:
    return max((p[key] for p in run["processes"].get(role, [])), default=0)


def lesson_minutes(lesson: str) -> int:
    """The lesson's "Estimated time: N minutes" (the instructor guide's lesson table)."""
    first = next(c.source for c in nbformat.read(REPO / "notebooks" / lesson, as_version=4).cells
                 if c.cell_type == "markdown")  # fmt: skip
    return int(re.search(r"estimated time\W*?(?:about\s+)?(\d+)\s*min", first, re.I).group(1))


def anon_after(r: dict, fraction: float) -> int:
    """Anonymous memory of a lesson's kernel once `fraction` of its code cells have run."""
    cells = r["cell_rss"]
    k = min(len(cells), max(1, math.ceil(fraction * len(cells))))
    return max(c[3] for c in cells[:k])


def culling_delay() -> int:
    """Seconds after its last activity by which the class settings stop a kernel, at the latest."""
    km = json.loads((HERE / "jupyter-config" / "jupyter_server_config.json").read_text())["MappingKernelManager"]
    return km["cull_idle_timeout"] + km["cull_interval"]


def cpu_alone(alone: dict) -> dict:
    """Each lesson's kernel CPU seconds for Run All, one learner alone (the lessons-alone run). Measured on the
    machine of the runs, so with its other load: on a server of its own a CPU second goes further, and these
    make the Run All estimates conservative."""
    return {r["lesson"]: r["cpu_run_s"] for r in alone["learners"][0]["lessons"]}


def capacity(alone: dict, big: dict, cpu: dict, proposed: dict | None = None) -> dict:
    """Learners per server, from the measured memory and the low-load execution times.

    Memory counts anonymous memory (what each more learner adds) and, once for everybody, the hub, proxy,
    culler and the file pages (code of Python, NumPy, torch...) all processes share, measured at the peak
    of the largest run; plus OS_RESERVE. Per learner, their server and their kernels:

    - tabs closed: learners close each finished lesson's tab, which the class settings make stop its
      kernel: one lesson kernel at its peak;
    - culling: nobody closes a tab; the previous lesson's kernel (as it was left) lives until culling stops
      it, at most culling_delay() into the next lesson, while that lesson has run the same share of its
      cells (learners assumed to move through a lesson's cells at an even pace);
    - worst case: the previous lesson's kernel lives through the whole next lesson (it is used again);
    - no culling: plain JupyterLab settings (a closed tab keeps its kernel, nothing is culled) and a learner
      who never shuts a kernel down: every earlier lesson's kernel as it was left, plus the current one at
      its peak, at the course's last lesson.

    Run All when everyone presses it at once: learners x the lesson's kernel CPU seconds alone (cpu) / cores
    (CPU-bound and shared evenly: RESULTS.md checks this against the runs with several learners).

    A lesson that raised errors when run alone is not counted (its memory is not the lesson's): it is
    listed under "excluded" with its first error.
    """
    (solo,) = alone["learners"]
    by = {r["lesson"]: r for r in solo["lessons"]}
    if proposed:  # the same lesson measured with the change proposed for it
        (p,) = proposed["learners"]
        by.update({r["lesson"]: r for r in p["lessons"]})
    excluded = {l: by[l]["errors"][0] for l in lessons_of(alone) if by[l]["errors"]}
    lessons = [l for l in lessons_of(alone) if l not in excluded]
    server = peak_of(big, "server", "peak_anon")
    one = max(anon_peak(by[l]) for l in lessons)
    delay = culling_delay()
    culled = max((by[a]["anon_end"] + anon_after(by[b], delay / (60 * lesson_minutes(b)))
                  for a, b in zip(lessons, lessons[1:])), default=0)  # fmt: skip
    worst = max((by[a]["anon_end"] + anon_peak(by[b]) for a, b in zip(lessons, lessons[1:])), default=one)
    no_culling = max(sum(by[a]["anon_end"] for a in lessons[:k]) + anon_peak(by[lessons[k]]) for k in range(len(lessons)))
    fixed = sum(peak_of(big, role, "peak_anon") for role in ("hub", "proxy", "culler")) + big["shared_at_peak"]
    per = {"closed": server + one, "culling": server + max(one, culled), "worst": server + worst,
           "no_culling": server + no_culling}
    heaviest = max(cpu[l] for l in lessons)
    out = {"lessons": lessons, "excluded": excluded, "big_run_learners": len(big["learners"]),
           "server_mb": server / MB, "one_kernel_mb": one / MB, "fixed_mb": fixed / MB,
           "os_reserve_mb": OS_RESERVE / MB, "culling_delay_s": delay,
           "per_learner_mb": {k: v / MB for k, v in per.items()},
           "run_all_cpu_s": {l: cpu[l] for l in lessons}, "servers": []}  # fmt: skip
    for label, cores, gb in SERVERS:
        room = gb * GIB - OS_RESERVE - fixed
        learners = {k: math.floor(room / v) for k, v in per.items()}
        out["servers"].append({"server": label, "cores": cores, "gb": gb, "learners": learners,
                               "run_all_s": round(learners["culling"] * heaviest / cores)})  # fmt: skip
    return out


def predicted_run_all(run: dict, lesson: str) -> float:
    """The model on a measured run: learners x that run's median kernel CPU seconds for the lesson / the
    cores the run really had (the machine's minus what other work on it used)."""
    cpu = statistics.median(r["cpu_run_s"] for r in runs_of(run, lesson))
    return len(run["learners"]) * cpu / (run["machine"]["cpus"] - others_cores(run))


def run_all_times(run: dict) -> dict:
    """Per lesson: seconds until the last learner's "Run All" finished (the others are faster)."""
    return {l: max(r["run_all_s"] for r in runs_of(run, l)) for l in lessons_of(run) if runs_of(run, l)}


def failed(run: dict, lesson: str) -> bool:
    """Whether any learner's run of the lesson raised an error (then its times and memory are not the lesson's)."""
    return any(r["errors"] for L in run["learners"] for r in L["lessons"] if r["lesson"] == lesson)


def others_cores(run: dict) -> float:
    """Cores' worth of CPU that processes outside the hub used during the run (other work on the machine)."""
    return max(0.0, (run["cpu_busy_s"] - run["class_cpu_s"]) / run["wall_s"])


# ------------------------------------------------------------------------------------------- RESULTS.md


def _mb(x) -> str:
    return f"{x / MB:.0f}"


def _med(values) -> float:
    return statistics.median(values) if values else float("nan")


def measured_runs() -> dict:
    """The runs whose JSON is in workshop/results/, in RUNS order."""
    return {n: load(n) for n in RUNS if (RESULTS / f"{n}.json").exists()}


def biggest(runs: dict) -> tuple[str, dict]:
    """The run with the most learners (a *together* run first on a tie): the hub, proxy, server and shared
    memory the capacity counts are read from it."""
    many = [(n, r) for n, r in runs.items() if len(r["learners"]) > 1]
    return max(many, key=lambda nr: (len(nr[1]["learners"]), nr[0].startswith("together")))


def capacity_of(runs: dict) -> dict:
    """capacity() of the measured runs, with lesson 08's proposed change when it was measured."""
    alone, (_, big) = runs["lessons-alone"], biggest(runs)
    cpu = cpu_alone(alone)
    cap = capacity(alone, big, cpu)
    if "lesson08-proposed" in runs:
        cap["proposed_08"] = capacity(alone, big, cpu, runs["lesson08-proposed"])
    return cap


def render() -> str:
    runs = measured_runs()
    alone = runs["lessons-alone"]
    big_name, big = biggest(runs)
    m, v = alone["machine"], alone["versions"]
    out = []
    w = out.append
    w("# Workshop hub: measured runs")
    w("")
    w("Written by `workshop/bench.py` (`make workshop-bench`) from `workshop/results/*.json`; do not edit by hand.")
    w("Each learner is simulated by `workshop/loadtest.py` over HTTP and the kernel websocket, through the hub's proxy,")
    w("with the class configuration (`workshop/jupyterhub_config.py`; a test-only spawner, no memory limits enforced).")
    w("")
    w(f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['memory_bytes'] / GIB:.1f} GiB, Linux {m['kernel']}. "
      f"Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".")  # fmt: skip
    w("")
    w(f"Measured on a {m['cpus']}-core machine under load from other jobs: other work ran on it during every run (the")
    w("*others* column: cores' worth of CPU used by processes outside the hub, averaged over the run; *load before*: the")
    w("load average when the run started). Memory figures do not depend on it; times do, so no time here is a limit.")
    w("")
    w("## The runs")
    w("")
    w("| Run | Date (UTC) | Learners | Lessons | Mode | Kernels kept | Wall s | Class CPU s | Others (cores) | Load before | Errors |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, r in runs.items():
        a = r["args"]
        ls = r["lessons"]
        span = f"{ls[0][:2]}-{ls[-1][:2]}" if len(ls) > 1 else ls[0][:2]
        w(f"| {n} | {r.get('date', '-')} | {len(r['learners'])} | {span} | {a['mode']} | {a['keep_previous']} previous | {r['wall_s']:.0f} | "
          f"{r['class_cpu_s']:.0f} | {others_cores(r):.2f} | {r['machine']['load_before'][0]:.2f} | {len(r['failures'])} |")  # fmt: skip
    w("")
    failures = [(n, f) for n, r in runs.items() for f in r["failures"]]
    if failures:
        w("Errors (each one stops \"Run All\" for that learner in JupyterLab; the load test went on with `--keep-going`),")
        w("the first of each run and lesson, with how many more there were:")
        w("")
        groups: dict = {}
        for n, f in failures:
            lesson = re.search(r"\b(\d\d)_\w+\.ipynb", f)
            groups.setdefault((n, lesson.group(1) if lesson else "-"), []).append(f)
        for (n, lesson), fs in groups.items():
            more = f" (and {len(fs) - 1} more)" if len(fs) > 1 else ""
            w(f"- {n}, lesson {lesson}: {fs[0].splitlines()[0][:300]}{more}")
        w("")
    w("## Memory per lesson (one kernel per lesson, alone)")
    w("")
    w("Peak RSS is the kernel's VmHWM; anonymous memory is its heap (what one more learner adds: the rest of RSS")
    w("is file pages shared by every kernel). Goal: every kernel under 300 MB peak RSS, lesson 08 under 450 MB.")
    w("")
    w("| Lesson | Peak RSS MB | RSS at end MB | Anonymous at end MB | Anonymous peak MB | Goal | Cells adding 8 MB or more (RSS) |")
    w("|---|---|---|---|---|---|---|")
    (solo,) = alone["learners"]
    for r in solo["lessons"]:
        goal = 450 if r["lesson"].startswith("08") else 300
        ok = "met" if r["peak_rss"] / MB < goal else f"**missed** (< {goal})"
        big_cells, prev = [], r["rss_start"]
        for idx, line, rss, _anon, _sec in r["cell_rss"]:
            if rss - prev >= 8 * MB:
                big_cells.append(f"cell {idx} `{line[:40].strip()}` +{(rss - prev) / MB:.0f}")
            prev = rss
        w(f"| {r['lesson'][:2]} | {_mb(r['peak_rss'])} | {_mb(r['rss_end'])} | {_mb(r['anon_end'])} | "
          f"{_mb(anon_peak(r))} | {ok} | {'; '.join(big_cells)} |")  # fmt: skip
    w("")
    w(f"A new kernel, before its first cell: {_mb(solo['lessons'][0]['rss_start'])} MB RSS, "
      f"{_mb(solo['lessons'][0]['anon_start'])} MB anonymous. Cell indices count all cells of the notebook from 0.")
    w("")
    w("## Processes")
    w("")
    w("| Run | Hub RSS / anon MB | Proxy RSS / anon MB | Culler RSS / anon MB | Server RSS / anon MB (max) | Peak per learner PSS / anon MB (median, max) | Peak total PSS MB | Shared file pages MB | Kernels at once | MemAvailable drop MB |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for n, r in runs.items():
        pss, anon = list(r["peak_learner_pss"].values()), list(r["peak_learner_anon"].values())
        cells = [f"{_mb(peak_of(r, role, 'peak_rss'))} / {_mb(peak_of(r, role, 'peak_anon'))}"
                 for role in ("hub", "proxy", "culler", "server")]  # fmt: skip
        w(f"| {n} | " + " | ".join(cells) + f" | {_mb(_med(pss))} / {_mb(_med(anon))}, {_mb(max(pss))} / {_mb(max(anon))} | "
          f"{_mb(r['peak_total_pss'])} | {_mb(r['shared_at_peak'])} | {r['peak_kernels']} | "
          f"{_mb(r['mem_available_before'] - r['mem_available_min'])} |")  # fmt: skip
    w("")
    w("## \"Run All\" times")
    w("")
    w("Seconds from pressing Run All until the lesson's last cell finished: median and slowest learner. In the *together*")
    w("runs everyone pressed it at the same moment (after all their kernels had started); *staggered* learners overlap")
    w("partly. Kernel start: opening the notebook until the kernel answers.")
    w("")
    lessons = lessons_of(alone)
    w("| Run | " + " | ".join(l[:2] for l in lessons) + " | Kernel start (median / max) | Server start (median / max) |")
    w("|---|" + "---|" * len(lessons) + "---|---|")
    for n, r in runs.items():
        row = []
        for l in lessons:
            ts = [x["run_all_s"] for x in runs_of(r, l)]
            row.append(f"{_med(ts):.1f} / {max(ts):.1f}" if len(ts) > 1 else f"{ts[0]:.1f}" if ts else "-")
        ks = [x["kernel_start_s"] for L in r["learners"] for x in L["lessons"] if x["cells"]]
        ss = [L["server_start_s"] for L in r["learners"] if L["server_start_s"]]
        w(f"| {n} | " + " | ".join(row) + f" | {_med(ks):.1f} / {max(ks):.1f} | {_med(ss):.1f} / {max(ss):.1f} |")
    w("")
    w("Kernel CPU seconds for Run All (median over learners); in brackets, the same alone:")
    w("")
    w("| Run | " + " | ".join(l[:2] for l in lessons) + " |")
    w("|---|" + "---|" * len(lessons))
    for n, r in runs.items():
        row = []
        for l in lessons:
            cs = [x["cpu_run_s"] for x in runs_of(r, l)]
            base = [x["cpu_run_s"] for x in runs_of(alone, l)]
            row.append(f"{_med(cs):.1f} ({base[0]:.1f})" if cs and base else "-")
        w(f"| {n} | " + " | ".join(row) + " |")
    w("")
    w("### Does the time follow learners x CPU seconds / cores?")
    w("")
    w("For each *together* run: the slowest learner's Run All, measured, and the model: learners x the median kernel")
    w("CPU seconds for that lesson / the cores the run had (the machine's 2 minus the others' share).")
    w("")
    together = [n for n, r in runs.items() if r["args"]["mode"] == "together" and len(r["learners"]) > 1]
    if together:
        w("| Lesson | " + " | ".join(f"{n} measured / model s" for n in together) + " |")
        w("|---|" + "---|" * len(together))
        for l in lessons:
            w(f"| {l[:2]} | " + " | ".join(
                f"{run_all_times(runs[n])[l]:.0f} / {predicted_run_all(runs[n], l):.0f}" if runs_of(runs[n], l) else "-"
                for n in together) + " |")  # fmt: skip
        w("")
    cap = capacity_of(runs)
    CAPACITY.write_text(json.dumps(cap, indent=1) + "\n")
    pl = cap["per_learner_mb"]
    w("## Capacity")
    w("")
    w(f"Memory per learner (anonymous memory; `bench.py` `capacity()` explains the four cases): their server "
      f"{cap['server_mb']:.0f} MB plus their lesson kernels: {pl['closed']:.0f} MB when they close finished lessons' tabs, "
      f"{pl['culling']:.0f} MB when nobody closes a tab and kernel culling (at most {cap['culling_delay_s'] / 60:.0f} minutes "
      f"after a kernel's last use) stops the previous lesson's kernel, {pl['worst']:.0f} MB in the worst case (the previous "
      f"lesson's kernel kept through the whole next lesson), and {pl['no_culling']:.0f} MB with no culling (plain JupyterLab: "
      f"a closed tab keeps its kernel; every lesson's kernel kept to the end of the course). Shared by everyone: {cap['fixed_mb']:.0f} MB (hub, proxy, "
      f"culler, and the file pages all processes map once), plus {cap['os_reserve_mb']:.0f} MB assumed for the operating system.")  # fmt: skip
    w("")
    w("| Server | Learners (tabs closed) | Learners (culling) | Learners (worst case) | Learners (no culling) | Run All, all at once (heaviest lesson) |")
    w("|---|---|---|---|---|---|")
    for srv in cap["servers"]:
        n = srv["learners"]
        w(f"| {srv['server']} | {n['closed']} | {n['culling']} | {n['worst']} | {n['no_culling']} | {srv['run_all_s']} s for {n['culling']} learners |")
    w("")
    if "proposed_08" in cap:
        (p08,) = runs["lesson08-proposed"]["learners"]
        r08 = p08["lessons"][0]
        pp = cap["proposed_08"]["per_learner_mb"]
        w(f"With the change proposed for lesson 08 (`bench.py` PROPOSED_EDITS: `torch.from_numpy` instead of copying "
          f"the 200,000 x 20 array into a tensor, 50,000 rows instead of 200,000 in the timing section, no timing assert), "
          f"measured on a copy: lesson 08 peaks at {_mb(r08['peak_rss'])} MB RSS ({_mb(anon_peak(r08))} MB of its own; "
          f"{len(r08['errors'])} errors), and per learner {pp['closed']:.0f} / {pp['culling']:.0f} / {pp['worst']:.0f} MB:")  # fmt: skip
        w("")
        w("| Server | Learners (tabs closed) | Learners (culling) | Learners (worst case) |")
        w("|---|---|---|---|")
        for srv in cap["proposed_08"]["servers"]:
            n = srv["learners"]
            w(f"| {srv['server']} | {n['closed']} | {n['culling']} | {n['worst']} |")
        w("")
    w("Run All times are extrapolated: learners x the heaviest lesson's kernel CPU seconds for Run All alone (lessons-alone:")
    w(", ".join(f"{l[:2]} {t:.1f} s" for l, t in cap["run_all_cpu_s"].items()) + ") / cores: everyone shares the cores. The")
    others = statistics.median(others_cores(r) for r in runs.values())
    w(f"runs above had other work on the machine (a median {others:.1f} of its {m['cpus']} cores); the model is checked on")
    w("them in the table above. On a server of its own a CPU second goes further, so these estimates are on the safe side.")
    w("")
    flawed = sorted({l[:2] for l in big["lessons"] if l not in cap["lessons"] or failed(big, l)})
    if big["args"]["keep_previous"] == 1 and flawed:
        w(f"No check of the memory model on the {len(big['learners'])}-learner run ({big_name}): lesson(s) "
          f"{', '.join(flawed)} raised errors there or are not counted, and its measured peak includes them.")
        w("")
    if big["args"]["keep_previous"] == 1 and not flawed and big["lessons"] == cap["lessons"]:
        nb = len(big["learners"])
        w(f"Check of the memory model on the {nb}-learner run ({big_name}: everyone kept the previous lesson's kernel "
          f"through the next lesson, the worst case): predicted {nb * pl['worst'] + cap['fixed_mb']:.0f} MB, measured peak "
          f"total PSS {_mb(big['peak_total_pss'])} MB.")  # fmt: skip
        w("")
    return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------------------- the instructor guide


def render_guide(cap: dict, runs: dict) -> str:
    """The capacity part of docs/instructor-guide.md (between GUIDE_BEGIN and GUIDE_END), from the same
    numbers as RESULTS.md; tests/test_workshop.py checks its tables against workshop/results/capacity.json."""
    alone = runs["lessons-alone"]
    (solo,) = alone["learners"]
    big_name, big = biggest(runs)
    m = alone["machine"]
    pl = cap["per_learner_mb"]
    out = []
    w = out.append
    w("## A workshop hub: how many learners a server holds")
    w("")
    w("Measured, not guessed: `workshop/loadtest.py` starts the workshop hub (`workshop/jupyterhub_config.py`, the")
    w("class settings, a test-only spawner on 127.0.0.1) and simulates learners over HTTP and the kernel websocket:")
    w("each logs in with the class password, has their server started and the lessons cloned by nbgitpuller, and")
    w("runs every cell of each lesson in course order. The runs (`make workshop-bench`; one of them:")
    w("`python workshop/bench.py --only together-12`) are in `workshop/RESULTS.md`, with every number below:")
    w("")
    for n, r in runs.items():
        ls = r["lessons"]
        span = f"lessons {ls[0][:2]}-{ls[-1][:2]}" if len(ls) > 1 else f"lesson {ls[0][:2]}"
        k = len(r["learners"])
        how = ("alone" if k == 1 else "pressing Run All at the same moment" if r["args"]["mode"] == "together"
               else "starting one after another")  # fmt: skip
        kept = "each keeping the previous lesson's kernel" if r["args"]["keep_previous"] == 1 else "tabs closed"
        w(f"- `{n}`{' (`make workshop-test`)' if n == 'workshop-test' else ''}: {k} learner{'s' if k > 1 else ''}, "
          f"{span}, {how}, {kept}; {r.get('date', 'date not recorded')}; {len(r['failures'])} errors"
          + (f" (all in lesson {', '.join(bad)}, so this run measures nothing of it)" if (bad := [l[:2] for l in ls if failed(r, l)])
             and len(r["failures"]) == sum(1 for f in r["failures"] if any(f"{b}_" in f for b in bad)) else "") + ".")
    w("")
    w(f"They ran on a {m['cpus']}-core machine shared with other jobs, so the times are slower than on a server of")
    w("its own; memory does not depend on that. The memory a learner adds is their server's and their kernels' own")
    w("(anonymous) memory: the code of Python, NumPy and torch is mapped once for everybody.")
    w("")
    w("**Learners per server** with the shipped settings (1 GB memory limit per learner):")
    w("")
    w("| Server | Learners, finished lessons' tabs closed | Learners, no tab closed (culling) | Learners, no culling (plain JupyterLab) | Run All, everyone at once (heaviest lesson) |")
    w("|---|---|---|---|---|")
    for srv in cap["servers"]:
        n = srv["learners"]
        w(f"| {srv['server']} | {n['closed']} | {n['culling']} | {n['no_culling']} | about {srv['run_all_s']} s |")
    w("")
    w(f"- *Tabs closed*: closing a lesson's tab stops its kernel (a class setting), so a learner holds their server "
      f"and one lesson kernel: {pl['closed']:.0f} MB at most.")
    w(f"- *Culling*: nobody closes a tab; the class settings stop a kernel at most {cap['culling_delay_s'] // 60} "
      f"minutes after its last use, part-way into the next lesson: {pl['culling']:.0f} MB at most. If the previous "
      f"lesson's kernel is used again all through the next lesson, {pl['worst']:.0f} MB.")
    w(f"- *No culling*: JupyterLab's own defaults (a closed tab keeps its kernel, nothing is stopped) and learners "
      f"who never shut a kernel down: every lesson's kernel stays, {pl['no_culling']:.0f} MB by the last lesson "
      f"(more than the 1 GB limit: their kernels would be killed; counted here without the limit). Use the class settings.")
    w(f"- Shared by everyone: the hub, proxy and culler and the shared code pages, {cap['fixed_mb']:.0f} MB "
      f"(measured in the {big['args']['learners']}-learner run), plus {cap['os_reserve_mb'] / 1024:.0f} GB assumed "
      "for the operating system.")
    heaviest = max(cap["run_all_cpu_s"], key=cap["run_all_cpu_s"].get)
    w(f"- *Run All* when every learner presses it at the same moment in the heaviest lesson ({heaviest[:2]}), for "
      f"the learners of the culling column: learners x its kernel's CPU seconds for Run All alone "
      f"({cap['run_all_cpu_s'][heaviest]:.1f} s, measured on the loaded machine) / cores, as everyone shares the "
      "cores; the measured runs follow that rule (`workshop/RESULTS.md`). In a class learners press it at different "
      "moments, and it is shorter.")
    w("")
    w("**Memory per lesson**, one kernel alone (`lessons-alone`): its peak resident memory, the part that is its own,")
    w(f"and a learner's total with their server ({cap['server_mb']:.0f} MB of its own):")
    w("")
    w("| Lesson kernel | Peak RSS MB | Its own memory MB | Learner with server MB |")
    w("|---|---|---|---|")
    for r in solo["lessons"]:
        if r["lesson"] in cap["lessons"]:
            w(f"| {r['lesson'][:2]} | {_mb(r['peak_rss'])} | {_mb(anon_peak(r))} | {cap['server_mb'] + anon_peak(r) / MB:.0f} |")
    w("")
    for lesson, error in cap["excluded"].items():
        w(f"**Not counted: lesson {lesson[:2]}**, which raised errors when run alone, so its memory is not the "
          f"lesson's: `{error.split(': ', 1)[-1][:200]}`. The numbers above are for lessons "
          f"{', '.join(l[:2] for l in cap['lessons'])}; measure again (`make workshop-bench`) once it runs.")
        w("")
    together = [(n, r) for n, r in runs.items() if r["args"]["mode"] == "together" and len(r["learners"]) > 1]
    lessons = cap["lessons"]
    any_errors = any(failed(r, l) for _, r in together for l in lessons)
    w("**Run All, measured** (seconds until the slowest learner's last cell finished; on the shared 2-core machine"
      + ("; *errors*: that run's lesson raised errors, so its time is not the lesson's):" if any_errors else "):"))
    w("")
    w("| Lesson | Alone | " + " | ".join(f"{len(r['learners'])} learners at once ({n})" for n, r in together) + " |")
    w("|---|---|" + "---|" * len(together))
    for l in lessons:
        base = runs_of(alone, l)
        w(f"| {l[:2]} | {base[0]['run_all_s']:.0f} | " + " | ".join(
            "errors" if failed(r, l) else f"{run_all_times(r)[l]:.0f}" if runs_of(r, l) else "-"
            for _, r in together) + " |")  # fmt: skip
    w("")
    starts = "; ".join(
        f"{len(r['learners'])} at once ({n}): " + (f"{min(s):.0f}-{max(s):.0f} s" if len(s) > 1 else f"{s[0]:.0f} s")
        for n, r in runs.items()
        for s in [[L["server_start_s"] for L in r["learners"] if L["server_start_s"]]] if s)  # fmt: skip
    w(f"Server start (log in until JupyterLab answers): {starts}. Ask learners to log in as they arrive.")
    w("")
    if "proposed_08" in cap:
        w("With the change proposed for lesson 08 (`workshop/bench.py` PROPOSED_EDITS, measured on a copy):")
        w("")
        w("| Server, lesson 08 changed | Learners, finished lessons' tabs closed | Learners, no tab closed (culling) | Learners, no culling (plain JupyterLab) |")
        w("|---|---|---|---|")
        for srv in cap["proposed_08"]["servers"]:
            n = srv["learners"]
            w(f"| {srv['server']} | {n['closed']} | {n['culling']} | {n['no_culling']} |")
        w("")
    return "\n".join(out).rstrip() + "\n"


def update_guide(section: str) -> None:
    text = GUIDE.read_text()
    start, end = text.index(GUIDE_BEGIN) + len(GUIDE_BEGIN), text.index(GUIDE_END)
    GUIDE.write_text(text[:start] + "\n" + section + text[end:])


# The change proposed for lesson 08 (the lead applies it to the notebook; here it is measured on a copy):
# zero-copy tensors and a quarter of the rows in the timing section, and no timing assert.
PROPOSED = "08_pytorch_comparison.ipynb"
PROPOSED_EDITS = [
    ("Xb_t, yb_t = torch.tensor(X_big), torch.tensor(y_big)", "Xb_t, yb_t = torch.from_numpy(X_big), torch.from_numpy(y_big)"),
    ("N_big, D_big = 200_000, 20", "N_big, D_big = 50_000, 20"),
    ("assert 0.2 < t_torch / t_numpy < 5.0      # the same order of magnitude\n", ""),
    ("\nassert 0.2 < t_torch / t_numpy < 5.0      # the same order of magnitude", ""),
]


def proposed_notebooks(folder: Path) -> bool:
    """Copy notebooks/ into `folder` with PROPOSED_EDITS made to lesson 08; False if the lesson has changed
    so that an edit no longer applies (then the comparison is left out)."""
    import shutil

    shutil.copytree(REPO / "notebooks", folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    nb = nbformat.read(folder / PROPOSED, as_version=4)
    applied = 0
    for old, new in PROPOSED_EDITS:
        for cell in nb.cells:
            if old in cell.source:
                cell.source = cell.source.replace(old, new)
                applied += 1
    nbformat.write(nb, folder / PROPOSED)
    return applied >= 3


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--only", action="append", choices=list(RUNS), help="run only these (repeatable)")
    p.add_argument("--render-only", action="store_true",
                   help="only rewrite RESULTS.md and the guide's capacity section from the saved results")
    args = p.parse_args(argv)
    status = 0
    if not args.render_only:
        RESULTS.mkdir(exist_ok=True)
        for name in args.only or list(RUNS):
            print(f"== {name}: loadtest.py {' '.join(RUNS[name])}", flush=True)
            t0 = time.monotonic()
            lessons = [] if "--lessons" in RUNS[name] else ["--lessons", "all"]
            cmd = [sys.executable, str(HERE / "loadtest.py"), *RUNS[name], *lessons, "--keep-going",
                   "--timeout", "5400", "--json", str(RESULTS / f"{name}.json")]  # fmt: skip
            if name == "lesson08-proposed":
                import tempfile

                folder = Path(tempfile.mkdtemp(prefix="hinge-proposed-")) / "notebooks"
                if not proposed_notebooks(folder):
                    print("lesson 08 has changed: the proposed edits no longer apply; skipped")
                    continue
                cmd += ["--notebooks", str(folder)]
            rc = subprocess.run(cmd).returncode
            print(f"== {name}: exit {rc} after {time.monotonic() - t0:.0f} s", flush=True)
            status = status or (rc if rc != 1 else 0)  # 1: the run measured errors (reported), not a crash
    (HERE / "RESULTS.md").write_text(render())
    print(f"wrote {HERE / 'RESULTS.md'}")
    runs = measured_runs()
    update_guide(render_guide(json.loads(CAPACITY.read_text()), runs))
    print(f"rewrote the capacity section of {GUIDE}")
    return status


if __name__ == "__main__":
    sys.exit(main())
