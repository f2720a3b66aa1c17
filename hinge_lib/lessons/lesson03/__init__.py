"""Lesson 03, the gradient: what the lesson computes, draws and asks.

* :func:`plot_subgradients` draws the hinge of a class +1 point with every supporting line through
  its kink (slopes in [-1, 0]) and its derivative, the step from -1 to 0, with hinge_lib's choice (0);
* :func:`gradient_view` is the interactive view: sliders for w1, w2 and b show which points are
  active (margin below 1) in the plane and on the hinge curve, and the direction of -grad_w J;
  its numbers come from :func:`hinge_lib.svm_objective_and_grad` and :func:`hinge_lib.margin_violators`;
* :func:`time_gradients` times the loop twin :func:`hinge_lib.svm_objective_and_grad_naive` against
  the vectorised :func:`hinge_lib.svm_objective_and_grad`, one row per N for :func:`hinge_lib.format_table`
  (printed, never asserted);
* ``exercises`` (q1 derive dJ/db, q2 read the active points off a figure, q3 predict a central
  difference at a kink, q4 the squared hinge's gradient) and ``QUIZ``, the concept checks.

    from hinge_lib.lessons.lesson03 import exercises as ex, gradient_view, QUIZ
"""

from ._exercises import exercises
from ._figures import gradient_view, plot_subgradients
from ._quiz import QUIZ
from ._timing import time_gradients

__all__ = ["QUIZ", "exercises", "gradient_view", "plot_subgradients", "time_gradients"]
