"""Lesson 02, the hinge loss: what the lesson computes and draws beyond the core library.

* :func:`hinge_cases` tabulates points' margins, hinge losses and positions (the course's words);
* :func:`hinge_point_view` shows one point on the hinge curve as a score slider and a label toggle move it;
* :func:`plot_expected_loss` draws the expected loss ``p loss(f) + (1 - p) loss(-f)`` against the score for
  several ``p`` and returns the minimisers it marks (a printable table);
* :func:`calibration_data` and :func:`calibration_study` resolve "the hinge gives no probabilities, yet
  Platt scaling works": the flexible hinge minimiser against regularised linear SVMs, over many draws;
* ``exercises`` (q1-q5) and ``QUIZ`` (the concept checks, shown with :func:`hinge_lib.quiz.show_quiz`).

The margin-function forms of the losses (0-1, hinge, logistic, squared error) live in the private
``_losses`` module; the notebook writes the same one-liners out.
"""

from ._calibration import calibration_data, calibration_study
from ._cases import hinge_cases
from ._exercises import exercises
from ._figures import plot_expected_loss
from ._quiz import QUIZ
from ._view import hinge_point_view

__all__ = ["QUIZ", "calibration_data", "calibration_study", "exercises", "hinge_cases", "hinge_point_view",
           "plot_expected_loss"]
