"""Self-checking exercises in the style of Kaggle's learntools.

A lesson creates an exercise, the learner writes code in a cell and calls ``check``::

    from hinge_lib.exercises import lesson02 as ex
    def hinge_one(score, y):
        ...                  # your code here (an unsolved exercise returns ... )
    ex.q1.check(hinge_one)   # "not attempted" / "correct" / the specific reason it is wrong
    ex.q1.hint()
    ex.q1.solution()

``check`` never raises, so "Restart and run all" on an untouched notebook runs to the end.
Each exercise keeps its reference solution and the typical mistakes it knows how to name;
the test-suite checks that the reference passes and each mistake gets its own feedback.
"""

from __future__ import annotations

import inspect
import textwrap
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

NOT_ATTEMPTED = "not attempted"
CORRECT = "correct"
INCORRECT = "incorrect"


class Incorrect(Exception):
    """Raised by a checker with the learner-facing reason the answer is wrong."""


class NotAttempted(Exception):
    """Raised by a checker when the answer is still the unsolved template."""


@dataclass(frozen=True)
class CheckResult:
    status: str  # NOT_ATTEMPTED, CORRECT or INCORRECT
    message: str

    def __str__(self):
        icon = {CORRECT: "Correct", INCORRECT: "Incorrect", NOT_ATTEMPTED: "Not attempted"}[self.status]
        return f"{icon}: {self.message}" if self.message else icon


def is_placeholder(value):
    """True for what an untouched template returns: ``...``, ``None`` or ``NotImplemented``."""
    return value is Ellipsis or value is None or value is NotImplemented


def call_answer(func, *args, **kwargs):
    """Call the learner's function; a template (``...``/``None``/``NotImplementedError``) means not attempted."""
    if func is None or func is Ellipsis:
        raise NotAttempted("write your answer in the cell above, then run it and this check again.")
    if not callable(func):
        raise Incorrect(f"expected a function, got {type(func).__name__}. Pass the function itself, without calling it.")
    try:
        result = func(*args, **kwargs)
    except NotImplementedError:
        raise NotAttempted("the function still raises NotImplementedError; replace it with your code.") from None
    except Exception as exc:  # the learner's code crashed: say where, do not crash the notebook
        raise Incorrect(f"your function raised {type(exc).__name__}: {exc}") from None
    if is_placeholder(result):
        raise NotAttempted("the function still returns the template's placeholder; replace `...` with your code.")
    return result


def answer_array(value, what, shape):
    """The learner's answer as a float array of the expected shape, or a specific Incorrect."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should be numbers; got {type(value).__name__}.") from None
    if arr.shape != shape:
        raise Incorrect(f"{what} should have shape {shape}; got shape {arr.shape}.")
    return arr


@dataclass
class Exercise:
    """One exercise: a checker, a hint, a reference solution and its known typical mistakes.

    ``checker(answer)`` returns nothing when the answer is right and raises :class:`Incorrect`
    (with a specific reason) or :class:`NotAttempted` otherwise.
    """

    name: str
    checker: Callable
    hint_text: str
    reference: Callable
    # label -> (typical wrong answer, a phrase its feedback must contain); the tests check each one
    mistakes: dict = field(default_factory=dict)
    solution_text: str = ""

    def evaluate(self, answer=None):
        """The verdict on ``answer`` as a :class:`CheckResult` (never raises)."""
        try:
            self.checker(answer)
        except NotAttempted as exc:
            return CheckResult(NOT_ATTEMPTED, str(exc))
        except Incorrect as exc:
            return CheckResult(INCORRECT, str(exc))
        return CheckResult(CORRECT, "well done.")

    def check(self, answer=None):
        """Print the verdict on ``answer``: not attempted, correct, or why it is wrong."""
        print(f"[{self.name}] {self.evaluate(answer)}")

    def hint(self):
        print(f"[{self.name}] Hint: {self.hint_text}")

    def solution(self):
        code = self.solution_text or textwrap.dedent(inspect.getsource(self.reference))
        print(f"[{self.name}] Solution:\n{code.rstrip()}")
