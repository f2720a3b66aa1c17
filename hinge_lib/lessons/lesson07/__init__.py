"""Lesson 07, the multi-class hinge: what the lesson computes and draws beyond the core.

The lesson writes the Weston-Watkins loss and gradient out in the notebook and uses the core's
:func:`~hinge_lib.multiclass_hinge_loss_and_grad` (both kinds), ``LinearSVM`` on more than two
labels (the joint loss), ``OneVsRestSVM`` and scikit-learn's ``SVC`` / ``LinearSVC``. This
package holds what only lesson 07 needs:

* :func:`multiclass_hinge_view`: sliders for one sample's three scores and its true class; each
  wrong class's Weston-Watkins term and both losses' gradients, drawn once and moved in place;
* :func:`plot_decision_regions`: the plane shaded by a multi-class model's prediction;
* :func:`plot_weight_images`: one weight vector per class as an 8x8 image (the digits);
* ``exercises`` (q1 predict both losses, q2 derive the Crammer-Singer gradient, q3 predict
  one-vs-rest at a smaller lambda, q4 transfer to a margin of 2) and ``QUIZ``, the concept checks.

Every number drawn comes from the core or from the fitted models; the drawing code only draws.
"""

from ._exercises import exercises
from ._figures import plot_decision_regions, plot_weight_images
from ._quiz import QUIZ
from ._view import multiclass_hinge_view

__all__ = ["QUIZ", "exercises", "multiclass_hinge_view", "plot_decision_regions",
           "plot_weight_images"]
