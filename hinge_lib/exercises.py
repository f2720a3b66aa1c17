"""Self-checking exercises in the style of Kaggle's learntools, shared by every lesson.

A lesson module defines its exercises; the learner writes code in a cell and calls ``check``::

    from hinge_lib.lessons.lessonNN import exercises as ex
    def hinge_one(score, y):
        ...                  # your code here
    ex.q1.check(hinge_one)   # "Not attempted" / "Correct" / the specific reason it is wrong
    ex.q1.hint()
    ex.q1.solution()

``check`` never raises, so "Restart and run all" on an untouched notebook runs to the end. An
untouched template (a body of ``...``) is "not attempted"; a function with a body that returns
nothing is told it forgot ``return``. Each exercise keeps its reference solution and the typical
mistakes it can name; the tests check that the reference passes and each mistake gets its own
message. Answers that are not functions (a number, a word, a choice) are checked the same way.
"""

from __future__ import annotations

import dis
import inspect
import math
import textwrap
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

__all__ = ["Exercise", "Exercises", "Incorrect", "NotAttempted", "call_answer", "close_enough"]


class Incorrect(Exception):
    """Raised by a checker with the learner-facing reason the answer is wrong."""


class NotAttempted(Exception):
    """Raised by a checker when the answer is still the unsolved template."""


def _is_template(func):
    """True for a function whose body does nothing (``...``, ``pass`` or a docstring only)."""
    code = getattr(func, "__code__", None)
    if code is None:
        return False
    ops = [i for i in dis.get_instructions(code) if i.opname not in ("RESUME", "NOP", "CACHE")]
    return [i.opname for i in ops] in (["LOAD_CONST", "RETURN_VALUE"], ["RETURN_CONST"]) and ops[0].argval is None


def call_answer(func, *args, **kwargs):
    """Call the learner's function; explain a template, a crash or a missing ``return`` instead of raising them."""
    if func is None or func is Ellipsis or _is_template(func):
        raise NotAttempted("write your answer in the cell above, then run it and this check again.")
    if not callable(func):
        raise Incorrect(f"expected a function, got {type(func).__name__}. Pass the function itself, without calling it.")
    try:
        result = func(*args, **kwargs)
    except NotImplementedError:
        raise NotAttempted("the function still raises NotImplementedError; replace it with your code.") from None
    except Exception as exc:  # the learner's code crashed: say how, do not crash the notebook
        raise Incorrect(f"your function raised {type(exc).__name__}: {exc}") from None
    if result is None:
        raise Incorrect("your function returned None: did you forget the `return` statement?")
    if result is Ellipsis:
        raise NotAttempted("the function still returns the template's `...`; replace it with your code.")
    return result


def _digits(expected, got):
    """Enough significant digits to show where two numbers differ (4 at least, 17 at most)."""
    if expected == got or not (math.isfinite(expected) and math.isfinite(got)):
        return 4
    scale = max(abs(expected), abs(got))
    return int(min(17, max(4, math.ceil(math.log10(scale / abs(expected - got))) + 2)))


def close_enough(got, expected, what, *, rtol=1e-9, atol=1e-12):
    """Raise :class:`Incorrect` unless ``got`` matches ``expected`` (numbers or arrays), showing the difference."""
    try:
        got_arr = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise Incorrect(f"{what} should be numbers; got {type(got).__name__}.") from None
    want = np.asarray(expected, dtype=np.float64)
    if got_arr.shape != want.shape:
        raise Incorrect(f"{what} should have shape {want.shape}; got shape {got_arr.shape}.")
    if np.allclose(got_arr, want, rtol=rtol, atol=atol):
        return
    k = int(np.argmax(np.abs(got_arr - want) - rtol * np.abs(want))) if want.ndim else 0
    g, e = float(got_arr.flat[k]), float(want.flat[k])
    n = _digits(e, g)
    where = f" (entry {tuple(int(i) for i in np.unravel_index(k, want.shape))})" if want.ndim else ""
    raise Incorrect(f"{what}{where} should be {e:.{n}g}; your answer gave {g:.{n}g}.")


@dataclass
class Exercise:
    """One exercise: a checker, a hint, a reference solution and the typical mistakes it names.

    ``checker(answer)`` returns nothing when the answer is right and raises :class:`Incorrect`
    (with a specific reason) or :class:`NotAttempted` otherwise. ``mistakes`` maps a label to
    ``(typical wrong answer, a phrase its feedback must contain)``; the tests check each one.
    """

    name: str
    checker: Callable
    hint_text: str
    reference: object
    mistakes: dict = field(default_factory=dict)
    solution_text: str = ""

    def evaluate(self, answer=None):
        """``(status, message)`` for ``answer``, status one of "correct", "incorrect", "not attempted" (never raises)."""
        try:
            self.checker(answer)
        except NotAttempted as exc:
            return "not attempted", str(exc)
        except Incorrect as exc:
            return "incorrect", str(exc)
        return "correct", "well done."

    def check(self, answer=None):
        """Print the verdict on ``answer``: not attempted, correct, or why it is wrong."""
        status, message = self.evaluate(answer)
        print(f"[{self.name}] {status.capitalize()}: {message}")

    def hint(self):
        print(f"[{self.name}] Hint: {self.hint_text}")

    def solution(self):
        code = self.solution_text or textwrap.dedent(inspect.getsource(self.reference))
        print(f"[{self.name}] Solution:\n{code.rstrip()}")


class Exercises:
    """A lesson's exercises by name (``ex.q1``, ``ex.q2``, ...), in order."""

    def __init__(self, *exercises):
        self.all = list(exercises)
        for k, exercise in enumerate(self.all, start=1):
            setattr(self, f"q{k}", exercise)

    def __iter__(self):
        return iter(self.all)

    def __len__(self):
        return len(self.all)
