"""Lesson 05, support vectors: what the lesson computes and draws beyond the core library.

* :func:`refit_with_moved_point` moves one point, refits the exact SVM and says whether the line moved,
  and which alphas the on-margin points would need to hold the old line;
* :func:`moved_point_view`, the interactive view of that (a point slider and two position sliders);
* :func:`plot_kkt_groups` draws a solution with its three KKT groups marked;
* :func:`plot_membership` draws who is a margin violator at each epoch of training (churn and raster);
* ``exercises`` (q1 transfer, q2 predict then run, q3 derive) and ``QUIZ`` (three concept checks).

The tiny SMO of section 4 is written out in the notebook; its twin, ``_smo.simple_smo``, is what the
tests check against :func:`hinge_lib.solve_exact`.
"""

from ._exercises import exercises
from ._figures import plot_kkt_groups, plot_membership
from ._moved import refit_with_moved_point
from ._quiz import QUIZ
from ._view import moved_point_view

__all__ = ["QUIZ", "exercises", "moved_point_view", "plot_kkt_groups", "plot_membership", "refit_with_moved_point"]
