"""Lesson 08, comparison with PyTorch: what the lesson computes and draws beyond the core library.

* :func:`weight_decay_gd`: full-batch gradient descent on the mean hinge with torch's ``weight_decay``
  (on ``w`` only, which is J(w, b), or on ``w`` and ``b``, as ``SGD(model.parameters())`` does), in
  NumPy; the tests check it against the installed torch, step for step;
* :func:`plot_models`: one data set and several models' boundaries, each in its course style
  (``MODEL_STYLES``: "gradient descent" for hinge_lib's ``LinearSVM(solver="gd")``, "PyTorch" for torch);
* :func:`bias_decay_view`: a weight-decay slider and a data-shift slider over both recipes, every fit
  computed once when the view is made (no torch at update time);
* ``exercises`` (q1 predict then run, q2 derive, q3 transfer, q4 derive) and ``QUIZ`` (concept checks).

Nothing here imports torch at import time; the exercises' checkers import it when they run.
"""

from ._exercises import exercises
from ._figures import plot_models
from ._quiz import QUIZ
from ._training import weight_decay_gd
from ._view import bias_decay_view

__all__ = ["QUIZ", "bias_decay_view", "exercises", "plot_models", "weight_decay_gd"]
