"""hinge_lib: the helper library of the hinge-loss course.

Losses and gradients (:mod:`hinge_lib.losses`), the training objective
(:mod:`hinge_lib.objective`), geometry (:mod:`hinge_lib.geometry`), the ``LinearSVM`` model and
its solvers (:mod:`hinge_lib.models`, :mod:`hinge_lib.exact`), support vectors
(:mod:`hinge_lib.support`), seeded data (:mod:`hinge_lib.data`), the text picture
(:mod:`hinge_lib.textgrid`) and gradient checking (:mod:`hinge_lib.gradcheck`).
Plotting, widgets and exercise checks live in :mod:`hinge_lib.plotting`,
:mod:`hinge_lib.widgets` and :mod:`hinge_lib.exercises`; they import matplotlib and
ipywidgets, so they are imported on their own, not from here.
"""

from .data import Split, load_breast_cancer_split, load_digits_split, make_two_class
from .exact import ExactSolution, solve_exact
from .geometry import (
    decision_function,
    distance_to_hyperplane,
    functional_margin,
    geometric_margin,
    margin_width,
    project_onto_hyperplane,
)
from .gradcheck import GradientCheck, check_gradient, numerical_gradient
from .losses import (
    hinge_loss,
    hinge_loss_and_grad,
    hinge_loss_and_grad_naive,
    hinge_loss_grad,
    multiclass_hinge_loss,
    multiclass_hinge_loss_and_grad,
    multiclass_hinge_loss_and_grad_naive,
    multiclass_hinge_loss_grad,
    squared_hinge_loss,
    squared_hinge_loss_and_grad,
    squared_hinge_loss_grad,
)
from .models import LinearSVM
from .objective import svm_objective, svm_objective_and_grad, svm_objective_and_grad_naive
from .support import KKTGroups, kkt_groups, membership_changes, support_vector_mask
from .textgrid import render_text_boundary

__version__ = "0.1.0"

__all__ = [
    "ExactSolution",
    "GradientCheck",
    "KKTGroups",
    "LinearSVM",
    "Split",
    "check_gradient",
    "decision_function",
    "distance_to_hyperplane",
    "functional_margin",
    "geometric_margin",
    "hinge_loss",
    "hinge_loss_and_grad",
    "hinge_loss_and_grad_naive",
    "hinge_loss_grad",
    "kkt_groups",
    "load_breast_cancer_split",
    "load_digits_split",
    "make_two_class",
    "margin_width",
    "membership_changes",
    "multiclass_hinge_loss",
    "multiclass_hinge_loss_and_grad",
    "multiclass_hinge_loss_and_grad_naive",
    "multiclass_hinge_loss_grad",
    "numerical_gradient",
    "project_onto_hyperplane",
    "render_text_boundary",
    "solve_exact",
    "squared_hinge_loss",
    "squared_hinge_loss_and_grad",
    "squared_hinge_loss_grad",
    "support_vector_mask",
    "svm_objective",
    "svm_objective_and_grad",
    "svm_objective_and_grad_naive",
]
