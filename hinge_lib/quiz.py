"""Concept-check questions, shown with the jupyterquiz package.

A lesson module holds its questions as data (a list of dicts in jupyterquiz's format: each
multiple-choice answer with ``"correct"`` and ``"feedback"``, each numeric answer with a value
or range); the tests check the answers, the lesson shows them with :func:`show_quiz`. The quiz
runs in the browser (JupyterLab, or the static site without a kernel).
"""

from __future__ import annotations

import random

__all__ = ["show_quiz"]


def show_quiz(questions, *, name):
    """Display ``questions`` with ``jupyterquiz.display_quiz``, answers in their given order.

    jupyterquiz names its page element with Python's ``random``; seeding it from ``name`` (the lesson,
    "lessonNN") gives the same stored output on every run, which nbval compares, and the global
    random state is restored afterwards.
    """
    from jupyterquiz import display_quiz

    state = random.getstate()
    random.seed(name)
    try:
        display_quiz(questions, shuffle_answers=False)
    finally:
        random.setstate(state)
