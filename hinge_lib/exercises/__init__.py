"""Exercise checks for the lessons, one module per lesson (``lesson01`` ... ``lesson08``).

Each lesson module defines its exercises (``q1``, ``q2``, ...) and lists them in ``EXERCISES``.
See :mod:`hinge_lib.exercises._core` for how checking works.
"""

from ._core import CORRECT, INCORRECT, NOT_ATTEMPTED, CheckResult, Exercise, Incorrect, NotAttempted

__all__ = ["CORRECT", "INCORRECT", "NOT_ATTEMPTED", "CheckResult", "Exercise", "Incorrect", "NotAttempted"]
