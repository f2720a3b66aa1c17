"""Lesson 04 (training): what the lesson computes and draws beyond the core.

The lesson writes full-batch subgradient descent on J(w, b) out in the notebook, then trains
``LinearSVM(solver="gd")``, which runs the same loop and records every epoch in ``history_``.
This package holds what only lesson 04 needs:

* :data:`TYPICAL_INIT_SEED`: the random initialisation the lesson (and lesson 05) tells the seed
  experiment on, and the rule that chose it;
* :func:`plot_fits`: classifiers side by side (the seed run before and after, three lambdas), one
  legend for the row;
* :func:`epoch_replay_view`: an epoch slider that replays the boundary from ``history_`` (no refit);
* :func:`regularisation_view`: a lambda slider over exact fits computed once, showing the band
  widen and the support set grow;
* ``exercises`` (``ex.q1`` ... ``ex.q4``) and ``QUIZ`` (the concept checks, for
  :func:`hinge_lib.quiz.show_quiz`).

Every number drawn comes from the core (``LinearSVM``, :func:`~hinge_lib.margin_violators`,
:func:`~hinge_lib.margin_width`); the drawing code only draws.
"""

from ._exercises import exercises
from ._figures import plot_fits
from ._quiz import QUIZ
from ._views import epoch_replay_view, regularisation_view

#: The random initialisation ``LinearSVM(init="random", random_state=TYPICAL_INIT_SEED)`` of the seed
#: experiment (data ``make_two_class(n_per_class=30, seed=0)``, 400 epochs, learning rate 0.05,
#: lambda 0.01). Rule: among the seeds 0-99, the one whose "before" count
#: (``history_["n_violators"][0]``, the margin violators at the random start) is nearest the median
#: of the 100 counts; the smallest such seed on a tie. The median is 52 and seed 12 is the first of
#: nine seeds that start with 52 violators; it ends with 16, the most common "after" count.
TYPICAL_INIT_SEED = 12

__all__ = ["QUIZ", "TYPICAL_INIT_SEED", "epoch_replay_view", "exercises", "plot_fits",
           "regularisation_view"]
