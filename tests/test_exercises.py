"""Every exercise of every lesson: the reference solution passes its check, an untouched template
reports "not attempted", and each known typical mistake gets its own specific feedback."""

import importlib
import pkgutil

import pytest

import hinge_lib.exercises as exercises_pkg
from hinge_lib.exercises import CORRECT, INCORRECT, NOT_ATTEMPTED

LESSON_MODULES = sorted(
    name for _, name, _ in pkgutil.iter_modules(exercises_pkg.__path__) if name.startswith("lesson")
)
ALL = [
    pytest.param(ex, id=f"{mod}.{ex.name}")
    for mod in LESSON_MODULES
    for ex in importlib.import_module(f"hinge_lib.exercises.{mod}").EXERCISES
]


def test_every_lesson_has_at_least_two_exercises():
    assert LESSON_MODULES, "no lesson exercise modules found"
    for mod in LESSON_MODULES:
        assert len(importlib.import_module(f"hinge_lib.exercises.{mod}").EXERCISES) >= 2, mod


@pytest.mark.parametrize("exercise", ALL)
def test_reference_solution_is_correct(exercise):
    result = exercise.evaluate(exercise.reference)
    assert result.status == CORRECT, result.message


@pytest.mark.parametrize("exercise", ALL)
def test_untouched_template_is_not_attempted(exercise):
    def template(*args, **kwargs):
        ...

    for answer in (None, template):
        assert exercise.evaluate(answer).status == NOT_ATTEMPTED


@pytest.mark.parametrize("exercise", ALL)
def test_typical_mistakes_get_specific_feedback(exercise):
    assert len(exercise.mistakes) >= 2, "name at least two typical mistakes"
    messages = {}
    for label, (answer, phrase) in exercise.mistakes.items():
        result = exercise.evaluate(answer)
        assert result.status == INCORRECT, f"mistake {label!r} was not caught"
        assert phrase.lower() in result.message.lower(), f"mistake {label!r}: {result.message!r}"
        messages[label] = result.message
    assert len(set(messages.values())) == len(messages), f"two mistakes share one message: {messages}"


@pytest.mark.parametrize("exercise", ALL)
def test_hint_and_solution_print(exercise, capsys):
    exercise.hint()
    exercise.solution()
    out = capsys.readouterr().out
    assert "Hint:" in out and "Solution:" in out and len(out) > 40
