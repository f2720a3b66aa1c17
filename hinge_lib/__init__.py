"""hinge_lib: the helper library of the hinge-loss course, meant to be read as a second textbook.

The core is a set of small modules, one idea each, that know nothing about the lessons:

* :mod:`~hinge_lib.losses`     the hinge, squared hinge and multi-class hinges and their gradients, each beside its loop twin;
* :mod:`~hinge_lib.objective`  J(w, b) = (lambda/2)||w||^2 + mean loss, and its gradient;
* :mod:`~hinge_lib.geometry`   scores, functional and geometric margins, distances, band width;
* :mod:`~hinge_lib.models`     ``LinearSVM`` (gd, sgd, pegasos, exact) and ``OneVsRestSVM``, scikit-learn estimators;
* :mod:`~hinge_lib.exact`      the exact solver: SMO on the dual;
* :mod:`~hinge_lib.support`    support vectors in both senses, the KKT groups, membership over time;
* :mod:`~hinge_lib.data`       seeded toy data and scikit-learn's bundled datasets (nothing is downloaded);
* :mod:`~hinge_lib.gradcheck`  central differences that know about kinks;
* :mod:`~hinge_lib.textgrid`   text output: a classifier drawn in plain text, printed tables;
* :mod:`~hinge_lib.style`, :mod:`~hinge_lib.view`  the course's figure style and drawing primitives, and its interactive views;
* :mod:`~hinge_lib.exercises`, :mod:`~hinge_lib.quiz`  self-checking exercises and concept-check questions.

Each lesson's own results, figures, view and exercises live in one place, :mod:`hinge_lib.lessons`
(``hinge_lib.lessons.lessonNN`` for lesson NN). Importing ``hinge_lib`` imports neither
matplotlib, ipywidgets nor torch; the lesson modules and :mod:`~hinge_lib.style` / :mod:`~hinge_lib.view` do.
"""

from .data import Split, load_breast_cancer_split, load_digits_split, make_three_class, make_two_class
from .exact import ExactSolution, solve_exact
from .geometry import (
    decision_function,
    distance_to_hyperplane,
    functional_margin,
    geometric_margin,
    margin_position,
    margin_width,
    project_onto_hyperplane,
)
from .gradcheck import check_gradient, numerical_gradient
from .losses import (
    hinge_loss,
    hinge_loss_and_grad,
    hinge_loss_and_grad_naive,
    multiclass_hinge_loss,
    multiclass_hinge_loss_and_grad,
    multiclass_hinge_loss_and_grad_naive,
)
from .models import LinearSVM, OneVsRestSVM
from .objective import svm_objective, svm_objective_and_grad, svm_objective_and_grad_naive
from .support import kkt_groups, margin_violators, membership_changes
from .textgrid import format_table, render_text_boundary

__version__ = "1.0.0"

__all__ = [
    "ExactSolution",
    "LinearSVM",
    "OneVsRestSVM",
    "Split",
    "check_gradient",
    "decision_function",
    "format_table",
    "distance_to_hyperplane",
    "functional_margin",
    "geometric_margin",
    "hinge_loss",
    "hinge_loss_and_grad",
    "hinge_loss_and_grad_naive",
    "kkt_groups",
    "load_breast_cancer_split",
    "load_digits_split",
    "make_three_class",
    "make_two_class",
    "margin_position",
    "margin_violators",
    "margin_width",
    "membership_changes",
    "multiclass_hinge_loss",
    "multiclass_hinge_loss_and_grad",
    "multiclass_hinge_loss_and_grad_naive",
    "numerical_gradient",
    "project_onto_hyperplane",
    "render_text_boundary",
    "solve_exact",
    "svm_objective",
    "svm_objective_and_grad",
    "svm_objective_and_grad_naive",
]
