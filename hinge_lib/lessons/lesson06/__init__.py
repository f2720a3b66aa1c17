"""Lesson 06 (the squared hinge): what the lesson computes and draws beyond the core.

The squared hinge itself is the core's ``hinge_loss_and_grad(..., squared=True)`` and its exact
solution ``solve_exact(X, y, reg_strength, loss="squared_hinge")``. This package holds what only
lesson 06 needs:

* :func:`outlier_sweep`: one mislabelled outlier at many distances from the true boundary, both
  losses fitted exactly with and without it; how far each line moved, the outlier's alpha and y f
  (the lesson writes the same steps out for one distance as ``outlier_effect``);
* :func:`plot_sweep`: those results against the distance, and the distance from which the hinge line
  has moved at least as far as the squared hinge's;
* :func:`outlier_view`: a distance slider over a sweep (every fit precomputed; an update only moves
  artists), both lines with and without the outlier;
* :func:`plot_smooth_hinges`: the hinge beside Rennie-Srebro's smooth hinge, modified Huber and the
  psi_G / psi_M of arXiv 2103.00233 (optional section);
* ``exercises`` (``ex.q1`` ... ``ex.q4``) and ``QUIZ`` (for :func:`hinge_lib.quiz.show_quiz`).
"""

from ._exercises import exercises
from ._figures import plot_smooth_hinges, plot_sweep
from ._outliers import outlier_sweep
from ._quiz import QUIZ
from ._views import outlier_view

__all__ = ["QUIZ", "exercises", "outlier_sweep", "outlier_view", "plot_smooth_hinges", "plot_sweep"]
