"""Bad input across the public API: every case raises ValueError with a message that says what was wrong
(and, where there is one, the fix). One row per case: (id, call, regular expression the message must match)."""

import numpy as np
import pytest

from hinge_lib.data import load_breast_cancer_split, make_two_class
from hinge_lib.geometry import (
    decision_function,
    distance_to_hyperplane,
    functional_margin,
    geometric_margin,
    margin_width,
    project_onto_hyperplane,
)
from hinge_lib.gradcheck import check_gradient, numerical_gradient
from hinge_lib.losses import (
    hinge_loss,
    hinge_loss_and_grad,
    hinge_loss_and_grad_naive,
    multiclass_hinge_loss,
    multiclass_hinge_loss_and_grad,
    multiclass_hinge_loss_and_grad_naive,
)
from hinge_lib.models import LinearSVM, OneVsRestSVM
from hinge_lib.objective import svm_objective, svm_objective_and_grad, svm_objective_and_grad_naive
from hinge_lib.support import kkt_groups, margin_violators, membership_changes
from hinge_lib.textgrid import render_text_boundary

X = np.array([[0.5, 1.0], [-1.0, 0.2], [0.3, -0.7], [1.2, 0.4]])
Y = np.array([1.0, -1.0, -1.0, 1.0])
Y01 = (Y + 1) / 2  # the classic mistake: labels {0, 1}
S = np.array([0.3, -1.2, 0.8, 2.0])
W, B = np.array([0.5, -0.25]), 0.1
S3 = np.array([[1.0, 0.2, -0.3], [0.1, 0.5, 0.4]])  # two samples, three classes
C3 = np.array([0, 2])
NAN = np.array([0.3, np.nan, 0.8, 2.0])
INF = np.array([0.3, -np.inf, 0.8, 2.0])


def hinge_loss_grad(*args, **kw):
    return hinge_loss_and_grad(*args, **kw)[1]


def squared_hinge_loss(*args, **kw):
    return hinge_loss(*args, squared=True, **kw)


def squared_hinge_loss_grad(*args, **kw):
    return hinge_loss_and_grad(*args, squared=True, **kw)[1]


def multiclass_hinge_loss_grad(*args, **kw):
    return multiclass_hinge_loss_and_grad(*args, **kw)[1]


def fitted():
    return LinearSVM(n_epochs=3).fit(X, Y)


def fit(X_=X, y_=Y, **kw):
    return LinearSVM(n_epochs=3, **kw).fit(X_, y_)


TWO_Y_MINUS_1 = r"labels \{0, 1\}.* expects labels in \{-1, \+1\}.*y = 2\*y - 1"
MISMATCH = r"different numbers of samples: 4 and 3"
NAN_MSG = r"contains 1 NaN or infinite value\(s\)"

CASES = [
    # ---------------------------------------------------------------- labels {0, 1} where {-1, +1} are expected
    ("hinge_loss {0,1}", lambda: hinge_loss(S, Y01), TWO_Y_MINUS_1),
    ("hinge_loss_grad {0,1}", lambda: hinge_loss_grad(S, Y01), TWO_Y_MINUS_1),
    ("squared_hinge_loss {0,1}", lambda: squared_hinge_loss(S, Y01), TWO_Y_MINUS_1),
    ("squared_hinge_loss_grad {0,1}", lambda: squared_hinge_loss_grad(S, Y01), TWO_Y_MINUS_1),
    ("hinge naive {0,1}", lambda: hinge_loss_and_grad_naive(S, Y01), TWO_Y_MINUS_1),
    ("scalar {0,1}", lambda: hinge_loss(0.5, 0), TWO_Y_MINUS_1),
    ("bool labels", lambda: hinge_loss(S, Y01.astype(bool)), TWO_Y_MINUS_1),
    ("margin_violators {0,1}", lambda: margin_violators(S, Y01), TWO_Y_MINUS_1),
    ("functional_margin {0,1}", lambda: functional_margin(X, Y01, W, B), TWO_Y_MINUS_1),
    ("geometric_margin {0,1}", lambda: geometric_margin(X, Y01, W, B), TWO_Y_MINUS_1),
    ("svm_objective {0,1}", lambda: svm_objective(X, Y01, W, B, 0.1), TWO_Y_MINUS_1),
    ("objective naive {0,1}", lambda: svm_objective_and_grad_naive(X, Y01, W, B, 0.1), TWO_Y_MINUS_1),
    ("text grid {0,1}", lambda: render_text_boundary((W, B), X, Y01), TWO_Y_MINUS_1),
    # ---------------------------------------------------------------- other label sets
    ("labels {1, 2}", lambda: hinge_loss(S, Y01 + 1), r"only the labels -1 and \+1; found \{1, 2\}.*2\*y - 1"),
    ("labels {-1, 0, 1}", lambda: hinge_loss(S, [-1, 0, 1, 1]), r"found \{-1, 0, 1\}"),
    ("labels {-2, 2}", lambda: hinge_loss(S, 2 * Y), r"found \{-2, 2\}"),
    ("fractional labels", lambda: functional_margin(X, [0.5, -1, 1, 1], W, B), r"found \{-1, 0\.5, 1\}"),
    ("many labels previewed", lambda: hinge_loss(np.zeros(9), np.arange(9)), r"found \{0, 1, 2, 3, 4, 5, \.\.\.\}"),
    # ---------------------------------------------------------------- NaN or inf
    ("NaN score", lambda: hinge_loss(NAN, Y), "scores " + NAN_MSG),
    ("inf score", lambda: squared_hinge_loss(INF, Y), "scores " + NAN_MSG),
    ("NaN label", lambda: hinge_loss(S, [1, np.nan, 1, -1]), "y " + NAN_MSG),
    ("NaN multiclass score", lambda: multiclass_hinge_loss([[np.nan, 1.0]], [0]), "scores " + NAN_MSG),
    ("inf multiclass index", lambda: multiclass_hinge_loss(S3, [0, np.inf]), r"integer class indices in \[0, 3\).*inf"),
    ("NaN in X objective", lambda: svm_objective(np.where(X > 1, np.nan, X), Y, W, B, 0.1), "X " + NAN_MSG),
    ("NaN in w objective", lambda: svm_objective(X, Y, [np.nan, 0.0], B, 0.1), "w " + NAN_MSG),
    ("inf b objective", lambda: svm_objective(X, Y, W, np.inf, 0.1), "b " + NAN_MSG),
    ("NaN X decision_function", lambda: decision_function(np.where(X > 1, np.nan, X), W, B), "X " + NAN_MSG),
    ("NaN w geometry", lambda: margin_width([np.nan, 1.0]), "w " + NAN_MSG),
    ("NaN in X fit", lambda: fit(np.where(X > 1, np.inf, X)), r"Input X contains infinity"),
    ("NaN label fit", lambda: fit(X, [1.0, np.nan, -1.0, 1.0]), r"Input y contains NaN"),
    ("NaN X predict", lambda: fitted().predict(np.where(X > 1, np.nan, X)), r"Input X contains NaN"),
    ("NaN alpha", lambda: kkt_groups([0.1, np.nan], 1.0), "alpha " + NAN_MSG),
    ("NaN x gradcheck", lambda: numerical_gradient(np.sum, [np.nan, 1.0]), "x " + NAN_MSG),
    ("NaN weights text grid", lambda: render_text_boundary(([np.nan, 1.0], 0.0), X, Y), "w " + NAN_MSG),
    ("non-numeric scores", lambda: hinge_loss(["a", "b"], [1, -1]), r"scores must be numeric array-like"),
    ("non-numeric X fit", lambda: fit([["a", "b"]] * 4), r"could not convert string to float: 'a'"),
    # ---------------------------------------------------------------- mismatched lengths
    ("hinge lengths", lambda: hinge_loss(S, Y[:3]), r"scores and y have " + MISMATCH),
    ("multiclass lengths", lambda: multiclass_hinge_loss(np.zeros((4, 3)), [0, 1, 2]),
     r"scores and y have " + MISMATCH),
    ("objective lengths", lambda: svm_objective(X, Y[:3], W, B, 0.1), r"X and y have " + MISMATCH),
    ("functional_margin lengths", lambda: functional_margin(X, Y[:3], W, B), r"X and y have " + MISMATCH),
    ("fit lengths", lambda: fit(X, Y[:3]), r"inconsistent numbers of samples: \[4, 3\]"),
    ("score lengths", lambda: fitted().score(X, Y[:3]), r"inconsistent numbers of samples: \[3, 4\]"),
    ("text grid lengths", lambda: render_text_boundary((W, B), X, Y[:3]), r"X and y have " + MISMATCH),
    ("scalar score, vector y", lambda: hinge_loss(0.5, [1, -1]), r"scores is a scalar but y has shape \(2,\)"),
    # ---------------------------------------------------------------- empty input
    ("empty scores", lambda: hinge_loss([], []), r"scores is empty; pass at least one sample"),
    ("empty multiclass", lambda: multiclass_hinge_loss(np.zeros((0, 3)), []), r"scores is empty"),
    ("empty class indices", lambda: multiclass_hinge_loss_grad(np.zeros((1, 3)), []), r"y is empty"),
    ("empty X fit", lambda: fit(np.zeros((0, 2)), []), r"Found array with 0 sample\(s\)"),
    ("empty X objective", lambda: svm_objective(np.zeros((0, 2)), [], W, B, 0.1), r"X is empty"),
    ("one epoch of masks", lambda: membership_changes([[True, False]]), r"at least 2 epochs; got shape \(1, 2\)"),
    # ---------------------------------------------------------------- wrong dimensionality
    ("2-D binary scores", lambda: hinge_loss(np.zeros((4, 2)), Y), r"scores must be 0-D or 1-D; got .*\(4, 2\)"),
    ("2-D binary labels", lambda: hinge_loss(S, Y[:, None]),
     r"y must be 1-D with one label per score.*multiclass_hinge_loss"),
    ("1-D multiclass scores", lambda: multiclass_hinge_loss(S, [0, 1, 0, 1]), r"scores must be 2-D; got .*\(4,\)"),
    ("one column", lambda: multiclass_hinge_loss(np.zeros((2, 1)), [0, 0]), r"at least 2 columns .*\(2, 1\)"),
    ("2-D class indices", lambda: multiclass_hinge_loss(S3, [[0], [1]]), r"y must be 1-D, one class index per sample"),
    ("1-D X fit", lambda: fit(S, Y), r"(?s)Expected 2D array, got 1D array instead.*Reshape your data"),
    ("3-D X fit", lambda: fit(np.zeros((4, 2, 1)), Y), r"Found array with dim 3, while dim <= 2 is required by LinearSVM"),
    ("1-D X decision_function", lambda: fitted().decision_function([0.5, 1.0]), r"Expected 2D array, got 1D array"),
    ("w rows vs features", lambda: svm_objective(X, Y, [1.0, 2.0, 3.0], B, 0.1), r"w has 3 rows but X has 2 features"),
    ("b per class", lambda: svm_objective(X, [0, 1, 2, 0], np.zeros((2, 3)), np.zeros(2), 0.1),
     r"b has 2 entries but W has 3 columns"),
    ("array b binary", lambda: svm_objective(X, Y, W, [0.0], 0.1), r"b must be 0-D"),
    ("2-D w geometry", lambda: decision_function(X, np.zeros((2, 1)), 0.0), r"w must be 1-D"),
    ("w vs features geometry", lambda: decision_function(X, [1.0, 2.0, 3.0], 0.0),
     r"w has 3 entries but X has 2 features"),
    ("naive objective multi-class",
     lambda: svm_objective_and_grad_naive(X, [0, 1, 2, 0], np.zeros((2, 3)), np.zeros(3), 0.1),
     r"binary problem only"),
    ("gradient shape", lambda: check_gradient(np.sum, lambda x: np.zeros(3), np.zeros(2)),
     r"analytic gradient has shape \(3,\) but x has shape \(2,\)"),
    ("text grid 3 features", lambda: render_text_boundary((W, B), np.zeros((4, 3)), Y),
     r"draws 2-D data; X has 3 features"),
    # ---------------------------------------------------------------- class indices
    ("index too large", lambda: multiclass_hinge_loss(S3, [0, 3]),
     r"out of range: found values from 0 to 3, but scores has 3 columns, so indices must lie in \[0, 2\]"),
    ("negative index", lambda: multiclass_hinge_loss(S3, [-1, 0]), r"out of range: found values from -1 to 0"),
    ("fractional index", lambda: multiclass_hinge_loss(S3, [0, 1.5]), r"non-integer values such as \{1\.5\}"),
    ("NaN index", lambda: multiclass_hinge_loss(S3, [0, np.nan]), r"non-integer values such as \{nan\}"),
    ("string index", lambda: multiclass_hinge_loss(S3, ["a", "b"]),
     r"integer class indices in \[0, 3\); got dtype <U1"),
    ("bool index", lambda: multiclass_hinge_loss(S3, [True, False]),
     r"integer class indices in \[0, 3\); got dtype bool"),
    ("naive index", lambda: multiclass_hinge_loss_and_grad_naive(S3, [0, 5]),
     r"out of range: found values from 0 to 5"),
    ("objective index", lambda: svm_objective(X, [0, 1, 2, 3], np.zeros((2, 3)), np.zeros(3), 0.1),
     r"out of range: found values from 0 to 3"),
    # ---------------------------------------------------------------- unknown choices
    ("reduction", lambda: hinge_loss(S, Y, reduction="avg"),
     r"Unknown reduction 'avg'; choose one of 'mean', 'sum', 'none'"),
    ("reduction None", lambda: multiclass_hinge_loss(S3, C3, reduction=None), r"Unknown reduction None"),
    ("kind", lambda: multiclass_hinge_loss(S3, C3, kind="ovr"),
     r"Unknown kind 'ovr'; choose one of 'weston_watkins', 'crammer_singer'"),
    ("kind naive", lambda: multiclass_hinge_loss_and_grad_naive(S3, C3, kind="cs"), r"Unknown kind 'cs'"),
    ("objective loss", lambda: svm_objective(X, Y, W, B, 0.1, loss="log"),
     r"Unknown loss 'log'; choose one of 'hinge', 'squared_hinge'"),
    ("objective kind", lambda: svm_objective(X, Y, W, B, 0.1, kind="ww"), r"Unknown kind 'ww'"),
    ("solver", lambda: fit(solver="adam"), r"The 'solver' parameter of LinearSVM must be a str among .*'exact'.*Got 'adam' instead"),
    ("model loss", lambda: fit(loss="log"), r"The 'loss' parameter of LinearSVM must be a str among .*Got 'log' instead"),
    ("multiclass", lambda: fit(multiclass="ovr"), r"The 'multiclass' parameter of LinearSVM must be a str among .*'weston_watkins'.*Got 'ovr'"),
    ("init", lambda: fit(init="ones"), r"The 'init' parameter of LinearSVM must be a str among .*'random'.*Got 'ones' instead"),
    ("unhashable choice", lambda: fit(loss=["hinge"]), r"The 'loss' parameter .*Got \['hinge'\] instead"),
    # ---------------------------------------------------------------- margin
    ("negative margin", lambda: hinge_loss(S, Y, margin=-1.0), r"margin must be >= 0 .*got -1\.0"),
    ("negative margin squared", lambda: squared_hinge_loss_grad(S, Y, margin=-0.5), r"margin must be >= 0"),
    ("negative margin multiclass", lambda: multiclass_hinge_loss(S3, C3, margin=-1), r"margin must be >= 0"),
    ("negative margin naive", lambda: hinge_loss_and_grad_naive(S, Y, margin=-1.0), r"margin must be >= 0"),
    ("negative margin multi naive", lambda: multiclass_hinge_loss_and_grad_naive(S3, C3, margin=-1.0),
     r"margin must be >= 0"),
    ("negative margin objective", lambda: svm_objective(X, Y, W, B, 0.1, margin=-2.0), r"margin must be >= 0"),
    ("negative margin mask", lambda: margin_violators(S, Y, margin=-1.0), r"margin must be >= 0"),
    ("negative margin model", lambda: fit(margin=-1.0), r"The 'margin' parameter of LinearSVM must be a float in the range \[0.0, inf\)\. Got -1.0"),
    ("NaN margin", lambda: hinge_loss(S, Y, margin=float("nan")), r"margin must be a finite real number; got nan"),
    ("string margin", lambda: hinge_loss(S, Y, margin="1"), r"margin must be a finite real number; got '1'"),
    ("bool margin", lambda: hinge_loss(S, Y, margin=True), r"margin must be a finite real number; got True"),
    # ---------------------------------------------------------------- non-positive hyper-parameters
    ("zero reg_strength objective", lambda: svm_objective(X, Y, W, B, 0.0), r"reg_strength must be > 0; got 0\.0"),
    ("negative reg_strength", lambda: svm_objective_and_grad(X, Y, W, B, -1.0), r"reg_strength must be > 0; got -1\.0"),
    ("NaN reg_strength", lambda: svm_objective(X, Y, W, B, float("nan")),
     r"reg_strength must be a positive number; got nan"),
    ("zero reg_strength model", lambda: fit(reg_strength=0), r"The 'reg_strength' parameter of LinearSVM must be a float in the range \(0.0, inf\)\. Got 0 "),
    ("zero learning_rate", lambda: fit(learning_rate=0.0), r"The 'learning_rate' parameter .* range \(0.0, inf\) or a str among \{'auto'\}\. Got 0.0 instead"),
    ("negative learning_rate", lambda: fit(learning_rate=-0.1), r"The 'learning_rate' parameter .*Got -0.1 instead"),
    ("zero n_epochs", lambda: LinearSVM(n_epochs=0).fit(X, Y), r"The 'n_epochs' parameter of LinearSVM must be an int in the range \[1, inf\)\. Got 0 "),
    ("negative n_epochs", lambda: LinearSVM(n_epochs=-5).fit(X, Y), r"The 'n_epochs' parameter .*Got -5 instead"),
    ("fractional n_epochs", lambda: LinearSVM(n_epochs=2.5).fit(X, Y), r"The 'n_epochs' parameter of LinearSVM must be an int .*Got 2.5 instead"),
    ("zero batch_size", lambda: fit(batch_size=0), r"The 'batch_size' parameter of LinearSVM must be an int in the range \[1, inf\)\. Got 0 "),
    ("zero tol", lambda: fit(tol=0.0), r"The 'tol' parameter of LinearSVM must be a float in the range \(0.0, 1.0\] or None\. Got 0.0"),
    ("zero C", lambda: kkt_groups([0.1], 0.0), r"C must be > 0; got 0\.0"),
    ("zero eps", lambda: numerical_gradient(np.sum, [1.0], eps=0.0), r"eps must be > 0"),
    ("zero eps check", lambda: check_gradient(np.sum, np.ones(1), [1.0], eps=0.0), r"eps must be > 0"),
    ("negative kink_tol", lambda: check_gradient(np.sum, np.ones(1), [1.0], kink_tol=-1.0), r"kink_tol must be > 0"),
    ("zero tol check", lambda: check_gradient(np.sum, np.ones(1), [1.0], tol=0.0), r"tol must be > 0"),
    ("zero grid_size", lambda: render_text_boundary((W, B), X, Y, grid_size=0), r"grid_size must be > 0"),
    ("zero extent", lambda: render_text_boundary((W, B), X, Y, extent=0.0), r"extent must be > 0"),
    # ---------------------------------------------------------------- fitting and predicting
    ("one class only", lambda: fit(X, np.ones(4)), r"y has only one class \(1\.0\); a classifier needs .* two classes"),
    ("one string class", lambda: fit(X, ["a"] * 4), r"y has only one class \('a'\)"),
    ("uncomparable labels", lambda: fit(X, [1, None, 1, None]), r"cannot be compared.*NoneType.*int"),
    ("predict before fit", lambda: LinearSVM().predict(X), r"not fitted yet; call fit\(X, y\) before using it"),
    ("decision before fit", lambda: LinearSVM().decision_function(X), r"not fitted yet"),
    ("score before fit", lambda: LinearSVM().score(X, Y), r"not fitted yet"),
    ("features at predict", lambda: fitted().predict(np.zeros((2, 3))), r"X has 3 features, but LinearSVM is expecting 2 features as input"),
    ("features at decision", lambda: fitted().decision_function(np.zeros((2, 1))), r"X has 1 features, but LinearSVM is expecting 2 features"),
    ("exact multi-class", lambda: fit(X, [0, 1, 2, 0], solver="exact"),
     r"Only binary classification is supported by solver='exact'; y has 3 classes"),
    ("exact margin", lambda: fit(solver="exact", margin=2.0),
     r"solver='exact' solves the standard SVM with margin=1\.0"),
    ("pegasos squared hinge", lambda: fit(solver="pegasos", loss="squared_hinge"),
     r"pegasos' is defined for the hinge loss.*'gd' or 'sgd'"),
    ("unknown parameter", lambda: LinearSVM().set_params(C=1.0), r"Invalid parameter 'C' for estimator LinearSVM"),
    # ---------------------------------------------------------------- geometry, support, data
    ("zero w geometric margin", lambda: geometric_margin(X, Y, [0.0, 0.0], B),
     r"w is the zero vector: there is no hyperplane"),
    ("zero w distance", lambda: distance_to_hyperplane(X, [0.0, 0.0], B), r"zero vector"),
    ("zero w projection", lambda: project_onto_hyperplane(X, [0.0, 0.0], B), r"zero vector"),
    ("zero w width", lambda: margin_width([0.0, 0.0]), r"zero vector"),
    ("alpha above C", lambda: kkt_groups([0.5, 2.0], 1.0),
     r"alpha must lie in \[0, C\] = \[0, 1\]; found values from 0\.5 to 2"),
    ("negative alpha", lambda: kkt_groups([-0.5, 0.5], 1.0), r"alpha must lie in \[0, C\]"),
    ("masks 1-D", lambda: membership_changes([True, False]), r"masks must be 2-D"),
    ("n_per_class 0", lambda: make_two_class(n_per_class=0), r"n_per_class must be > 0"),
    ("true_w zero", lambda: make_two_class(true_w=(0.0, 0.0)), r"true_w must be two finite numbers, not both zero"),
    ("true_w shape", lambda: make_two_class(true_w=(1.0, 0.0, 2.0)), r"true_w must be two finite numbers"),
    ("negative noise", lambda: make_two_class(noise=-0.1), r"noise must be a finite number >= 0.*got -0\.1"),
    ("NaN noise", lambda: make_two_class(noise=float("nan")), r"noise must be a finite number >= 0.*got nan"),
    ("inf true_b", lambda: make_two_class(true_b=float("inf")), r"true_b must be a finite number; got inf"),
    ("zero extent data", lambda: make_two_class(extent=0.0), r"extent must be > 0"),
    ("unreachable class", lambda: make_two_class(true_b=50.0), r"barely crosses the square"),
    ("test_size", lambda: load_breast_cancer_split(test_size=2.0), r"test_size"),
]


# The classes of bad input added with hinge_lib 1.0 (issue "hinge_lib 1.0", point 5).
CX = X.astype(complex) + 1j
NEW_CASES = [
    # ---------------------------------------------------------------- complex numbers
    ("complex scores", lambda: hinge_loss(S + 1j, Y), r"scores holds complex numbers.*real part"),
    ("complex labels", lambda: hinge_loss(S, Y + 0j), r"y holds complex numbers"),
    ("complex object scores", lambda: hinge_loss(np.array([0.3, 1j, 0.8, 2.0], dtype=object), Y),
     r"scores holds complex numbers"),
    ("complex X objective", lambda: svm_objective(CX, Y, W, B, 0.1), r"X holds complex numbers"),
    ("complex w geometry", lambda: margin_width([1.0, 2j]), r"w holds complex numbers"),
    ("complex X fit", lambda: fit(CX, Y), r"Complex data not supported"),
    ("complex X predict", lambda: fitted().predict(CX), r"Complex data not supported"),
    # ---------------------------------------------------------------- object arrays with NaN or mixed labels
    ("object NaN scores", lambda: hinge_loss(np.array([0.3, np.nan, 0.8, 2.0], dtype=object), Y),
     "scores " + NAN_MSG),
    ("object NaN labels", lambda: hinge_loss(S, np.array([1, np.nan, -1, 1], dtype=object)), "y " + NAN_MSG),
    ("object mixed labels", lambda: hinge_loss(S, np.array([1, "a", -1, 1], dtype=object)),
     r"y must be numeric array-like"),
    ("object NaN X fit", lambda: fit(X.astype(object) * np.array([1, np.nan])), r"Input X contains NaN"),
    ("object NaN y fit", lambda: fit(X, np.array([1.0, np.nan, -1.0, 1.0], dtype=object)), r"contains NaN"),
    ("mixed labels fit", lambda: fit(X, [1, "a", 1, "a"]), r"labels of several kinds .*'int', 'str'"),
    # ---------------------------------------------------------------- a regression target
    ("continuous target fit", lambda: fit(X, [0.5, 1.7, -0.2, 3.1]), r"Unknown label type: continuous"),
    ("continuous target ovr", lambda: OneVsRestSVM(n_epochs=3).fit(X, [0.5, 1.7, -0.2, 3.1]),
     r"Unknown label type: continuous"),
    # ---------------------------------------------------------------- wrong lengths to scoring methods
    ("score lengths ovr", lambda: OneVsRestSVM(n_epochs=3).fit(X, [0, 1, 2, 0]).score(X, [0, 1]),
     r"inconsistent numbers of samples"),
    ("sample_weight length fit", lambda: LinearSVM(n_epochs=3).fit(X, Y, sample_weight=[1.0, 2.0]),
     r"sample_weight.shape == \(2,\), expected \(4,\)"),
    ("sample_weight length objective", lambda: svm_objective(X, Y, W, B, 0.1, sample_weight=[1.0]),
     r"X and sample_weight have different numbers of samples: 4 and 1"),
    ("negative sample_weight objective", lambda: svm_objective(X, Y, W, B, 0.1, sample_weight=[1, -1, 1, 1]),
     r"sample_weight must be >= 0"),
    ("negative sample_weight fit", lambda: LinearSVM(n_epochs=3).fit(X, Y, sample_weight=[1, -1, 1, 1]),
     r"Negative values in data passed to `sample_weight`"),
    # ---------------------------------------------------------------- option values of the wrong type
    ("string for bool squared", lambda: hinge_loss(S, Y, squared="yes"), r"squared must be True or False; got 'yes'"),
    ("int for bool squared", lambda: multiclass_hinge_loss(S3, C3, squared=1), r"squared must be True or False"),
    ("string raise_on_failure", lambda: check_gradient(np.sum, np.ones(1), [1.0], raise_on_failure="no"),
     r"raise_on_failure must be True or False"),
    ("string reg_strength", lambda: svm_objective(X, Y, W, B, "0.1"), r"reg_strength must be a positive number; got '0.1'"),
    ("string reg_strength model", lambda: fit(reg_strength="0.1"),
     r"The 'reg_strength' parameter of LinearSVM must be a float"),
    ("string n_epochs", lambda: LinearSVM(n_epochs="10").fit(X, Y), r"The 'n_epochs' parameter of LinearSVM must be an int"),
    ("bool learning_rate", lambda: fit(learning_rate=True), r"The 'learning_rate' parameter .* not a bool"),
    ("int reduction", lambda: hinge_loss(S, Y, reduction=1), r"Unknown reduction 1"),
    # ---------------------------------------------------------------- tolerances outside their range
    ("tol above 1 model", lambda: fit(tol=2.0), r"The 'tol' parameter of LinearSVM must be a float in the range \(0.0, 1.0\]"),
    ("negative kkt tol", lambda: kkt_groups([0.1], 1.0, tol=-1e-8), r"tol must be > 0"),
    ("kkt tol above 1/2", lambda: kkt_groups([0.1], 1.0, tol=0.9), r"tol must lie in \(0, 0.5\]"),
    ("NaN gradcheck tol", lambda: check_gradient(np.sum, np.ones(1), [1.0], tol=float("nan")),
     r"tol must be a positive number; got nan"),
]


@pytest.mark.parametrize("call,message", [pytest.param(c, m, id=i) for i, c, m in NEW_CASES])
def test_new_classes_of_bad_input_raise_a_clear_error(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


@pytest.mark.parametrize("scale", [1e150, 1e-160, 1.0])
def test_geometry_is_exact_at_extreme_but_finite_scales(scale):
    """Scale invariance promised by the geometry functions holds at scales where w @ w over- or underflows."""
    w, b = np.array([3.0, -4.0]), 0.5
    reference = (geometric_margin(X, Y, w, b), distance_to_hyperplane(X, w, b), project_onto_hyperplane(X, w, b))
    scaled = (geometric_margin(X, Y, scale * w, scale * b), distance_to_hyperplane(X, scale * w, scale * b),
              project_onto_hyperplane(X, scale * w, scale * b))
    for got, want in zip(scaled, reference):
        np.testing.assert_allclose(got, want, rtol=1e-14, atol=1e-15)
    assert margin_width(scale * w) == pytest.approx(0.4 / scale, rel=1e-14)


def test_margin_width_that_cannot_be_represented_says_so():
    with pytest.raises(ValueError, match=r"band width 2/\|\|w\|\| overflows"):
        margin_width([1e-320, 0.0])


@pytest.mark.parametrize("call,message", [pytest.param(c, m, id=i) for i, c, m in CASES])
def test_bad_input_raises_a_value_error_that_says_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_case_ids_are_unique():
    ids = [i for i, _, _ in CASES]
    assert len(ids) == len(set(ids))


def test_a_column_vector_y_is_accepted_with_scikit_learns_warning():
    from sklearn.exceptions import DataConversionWarning

    with pytest.warns(DataConversionWarning, match="column-vector y"):
        model = fit(X, Y[:, None])
    np.testing.assert_array_equal(model.coef_, fit(X, Y).coef_)


def test_bad_hyper_parameters_are_caught_before_any_work_and_leave_no_fitted_state():
    model = LinearSVM(solver="adam")
    with pytest.raises(ValueError, match="'solver' parameter of LinearSVM"):
        model.fit(X, Y)
    assert not hasattr(model, "coef_") and not hasattr(model, "classes_")


def test_the_same_labels_in_the_right_form_are_accepted():
    """The fix each message names works: 2*y - 1 turns {0, 1} into {-1, +1}."""
    assert hinge_loss(S, 2 * Y01 - 1) == hinge_loss(S, Y)
    # LinearSVM takes any two labels itself: {0, 1} gives the same model, reporting its labels back
    np.testing.assert_array_equal(fit(X, Y01).predict(X), (fit(X, Y).predict(X) + 1) / 2)
