"""docs/instructor-guide.md quotes each lesson's estimated time and builds schedules from them:
keep every one of those numbers equal to the "Estimated time" line at the top of the lesson, and the
schedules' clock times consistent with their durations."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "instructor-guide.md"
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _estimated_minutes(path: Path) -> int:
    first = next(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    m = re.search(r"estimated time\W*?(?:about\s+)?(\d+)\s*min", first, re.I)
    assert m, f"{path.name}: no 'Estimated time: N minutes' in its first cell"
    return int(m.group(1))


def _tables(text: str):
    """Every markdown table in the guide as a list of rows (lists of stripped cells), header row first."""
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.fixture(scope="module")
def guide():
    assert GUIDE.is_file(), "docs/instructor-guide.md is missing"
    return GUIDE.read_text(encoding="utf-8")


def test_guide_covers_what_instructors_need(guide):
    for needle in ("Half day", "Second half day", "conda", "Binder", "quota", "JupyterHub", "nbgitpuller",
                   "git-pull?repo=", "urlpath=lab", "failure modes", "hinge_lib/lessons/lesson",
                   "measured with a real class", ".solution()"):
        assert needle.lower() in guide.lower(), f"instructor guide does not mention {needle!r}"


def test_timing_table_matches_notebooks(guide):
    timing = next(t for t in _tables(guide) if t[0] == ["Lesson", "Title", "Minutes"])
    rows = {r[0]: r for r in timing[1:]}
    for path in NOTEBOOKS:
        number = path.name[:2]
        assert number in rows, f"lesson {number} missing from the timing table"
        assert int(rows[number][2]) == _estimated_minutes(path), f"lesson {number}: guide and notebook disagree"


@pytest.mark.parametrize("which", ["Half day", "Second half day"])
def test_schedule_adds_up(guide, which):
    section = guide[guide.index(f"### {which}") :]
    table = _tables(section)[0]
    assert table[0] == ["Start", "Item", "Minutes"]
    minutes = {p.name[:2]: _estimated_minutes(p) for p in NOTEBOOKS}
    clock = None
    for start, item, mins in table[1:]:
        h, m = map(int, start.split(":"))
        now = 60 * h + m
        assert clock is None or now == clock, f"{which}: {item!r} starts at {start}, previous item ends elsewhere"
        if item == "End":
            break
        lesson = re.match(r"(\d\d) · ", item)
        if lesson and lesson.group(1) in minutes:
            assert int(mins) == minutes[lesson.group(1)], f"{which}: {item} gets {mins} min, its notebook says otherwise"
        clock = now + int(mins)
    else:
        pytest.fail(f"{which}: the schedule has no End row")
