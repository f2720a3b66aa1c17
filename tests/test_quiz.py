"""hinge_lib.quiz.show_quiz: jupyterquiz output that is the same on every run, and every lesson's questions."""

import importlib
import pkgutil
import random

import pytest

import hinge_lib.lessons
from hinge_lib.quiz import show_quiz

QUESTION = [{"question": "Is the hinge loss of a point with margin 2 zero?", "type": "multiple_choice",
             "answers": [{"answer": "yes", "correct": True, "feedback": "2 >= 1: beyond the margin."},
                         {"answer": "no", "correct": False, "feedback": "max(0, 1 - 2) = 0."}]}]
LESSONS = sorted(n for _, n, _ in pkgutil.iter_modules(hinge_lib.lessons.__path__) if n.startswith("lesson"))


def test_the_stored_output_is_the_same_on_every_run_and_random_is_left_alone():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    InteractiveShell.instance()  # display() publishes rich outputs only inside a shell, as in a kernel
    random.seed(123)
    before = random.random()
    random.seed(123)
    outputs = []
    for _ in range(2):
        with capture_output() as out:
            show_quiz(QUESTION, name="lesson99")
        outputs.append([o.data for o in out.outputs])
    assert random.random() == before  # the global random state was restored
    assert outputs[0] == outputs[1]
    html = outputs[0][0]["text/html"]
    assert "<div" in html and "application/javascript" in outputs[0][1]
    assert "margin 2 zero" in outputs[0][1]["application/javascript"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_one_to_three_explained_questions(lesson):
    quiz = importlib.import_module(f"hinge_lib.lessons.{lesson}").QUIZ
    assert 1 <= len(quiz) <= 3
    for question in quiz:
        assert question["type"] in ("multiple_choice", "numeric", "many_choice")
        assert any(a.get("correct") for a in question["answers"]), question["question"]
        assert all(a.get("feedback") for a in question["answers"]), question["question"]
        assert "$" not in question["question"]  # LaTeX is not typeset offline: plain text or Unicode
