"""hinge_lib.exercises (the checking machinery) and every lesson's exercises: the reference solution
passes, an untouched template reports "not attempted", a function that forgets ``return`` is told so,
and each known typical mistake gets its own specific feedback."""

import importlib
import pkgutil

import numpy as np
import pytest

import hinge_lib.lessons
from hinge_lib.exercises import Exercise, Exercises, Incorrect, NotAttempted, call_answer, close_enough

LESSONS = sorted(name for _, name, _ in pkgutil.iter_modules(hinge_lib.lessons.__path__) if name.startswith("lesson"))
ALL = [pytest.param(ex, id=f"{lesson}.{ex.name}")
       for lesson in LESSONS for ex in importlib.import_module(f"hinge_lib.lessons.{lesson}").exercises]


# ----------------------------------------------------------------------------- the machinery


def template(score, y):
    """The docstring a lesson gives its template."""
    ...  # your code here


def forgot_return(score, y):
    margin = y * score
    max(0.0, 1.0 - margin)


def passes(score, y):
    return max(0.0, 1.0 - y * score)


def test_an_untouched_template_is_not_attempted_but_a_missing_return_is_named():
    for answer in (None, Ellipsis, template, lambda score, y: None if False else ...):
        with pytest.raises(NotAttempted):
            call_answer(answer, 1.0, 1.0)
    with pytest.raises(Incorrect, match=r"returned None: did you forget the `return` statement\?"):
        call_answer(forgot_return, 1.0, 1.0)
    assert call_answer(passes, 0.5, 1.0) == 0.5


def test_a_crash_or_a_value_instead_of_a_function_is_explained():
    with pytest.raises(Incorrect, match="your function raised ZeroDivisionError"):
        call_answer(lambda s, y: 1 / 0, 1.0, 1.0)
    with pytest.raises(Incorrect, match="expected a function, got float"):
        call_answer(0.5, 1.0, 1.0)


def test_close_enough_prints_enough_digits_to_show_the_difference():
    with pytest.raises(Incorrect) as info:
        close_enough(2.1213203, 2.1213203435596424, "the distance", rtol=1e-9)
    message = str(info.value)
    expected, got = message.split("should be ")[1].split("; your answer gave ")
    assert expected != got.rstrip(".")  # the two numbers as printed differ
    assert float(expected) == pytest.approx(2.1213203435596424, rel=1e-8)
    close_enough([1.0, 2.0], np.array([1.0, 2.0 + 1e-13]), "the margins")  # within tolerance: silent
    with pytest.raises(Incorrect, match=r"should have shape \(3,\); got shape \(2,\)"):
        close_enough([1.0, 2.0], [1.0, 2.0, 3.0], "the margins")
    with pytest.raises(Incorrect, match=r"the margins \(entry \(1,\)\) should be 3; your answer gave 2\."):
        close_enough([1.0, 2.0], [1.0, 3.0], "the margins")


def test_an_exercise_reports_and_never_raises(capsys):
    def checker(answer):
        close_enough(call_answer(answer, 0.5, 1.0), 0.5, "hinge(0.5, +1)")

    ex = Exercise("q1 demo", checker, "use max(0, 1 - y f)", passes)
    assert ex.evaluate(passes) == ("correct", "well done.")
    assert ex.evaluate(template)[0] == "not attempted"
    assert ex.evaluate(forgot_return)[0] == "incorrect"
    ex.check(lambda s, y: 1 / 0)
    ex.hint()
    ex.solution()
    out = capsys.readouterr().out
    assert "[q1 demo] Incorrect: your function raised ZeroDivisionError" in out
    assert "Hint: use max(0, 1 - y f)" in out and "return max(0.0, 1.0 - y * score)" in out
    group = Exercises(ex, ex)
    assert group.q1 is ex and group.q2 is ex and len(group) == 2 and list(group) == [ex, ex]


# ----------------------------------------------------------------------------- every lesson's exercises


def test_every_lesson_has_at_least_three_exercises():
    assert LESSONS, "no lesson packages found"
    for lesson in LESSONS:
        assert len(importlib.import_module(f"hinge_lib.lessons.{lesson}").exercises) >= 3, lesson


@pytest.mark.parametrize("exercise", ALL)
def test_reference_solution_is_correct(exercise):
    assert exercise.evaluate(exercise.reference) == ("correct", "well done.")


@pytest.mark.parametrize("exercise", ALL)
def test_untouched_template_is_not_attempted(exercise):
    answers = [None, Ellipsis] + ([template] if callable(exercise.reference) else [])
    for answer in answers:
        assert exercise.evaluate(answer)[0] == "not attempted"


@pytest.mark.parametrize("exercise", ALL)
def test_typical_mistakes_get_specific_feedback(exercise):
    assert len(exercise.mistakes) >= 2, "name at least two typical mistakes"
    messages = {}
    for label, (answer, phrase) in exercise.mistakes.items():
        status, message = exercise.evaluate(answer)
        assert status == "incorrect", f"mistake {label!r} was not caught"
        assert phrase.lower() in message.lower(), f"mistake {label!r}: {message!r}"
        messages[label] = message
    assert len(set(messages.values())) == len(messages), f"two mistakes share one message: {messages}"


@pytest.mark.parametrize("exercise", ALL)
def test_hint_and_solution_print(exercise, capsys):
    exercise.hint()
    exercise.solution()
    out = capsys.readouterr().out
    assert "Hint:" in out and "Solution:" in out and len(out) > 40
