"""scikit-learn's own estimator checks (``parametrize_with_checks``) over every estimator configuration:
``LinearSVM`` with each solver and loss, and ``OneVsRestSVM`` with an iterative and the exact solver.

The checks fit on scikit-learn's small test sets, some far from standardised (features of scale 10 to
100). The configurations set hyper-parameters for them, not to hide failures but because the defaults
are tuned for the course's standardised data: fewer epochs and mini-batches of 10 for the stochastic
solvers (the checks fit hundreds of times; this reaches the accuracy they ask for in a fraction of the
time), and for the squared hinge ``learning_rate="auto"``, the step 1/L that cannot diverge (at the
default 0.05 gradient descent on the squared hinge diverges on such features, and ``fit`` says so).
"""

from sklearn.utils.estimator_checks import parametrize_with_checks

from hinge_lib import LinearSVM, OneVsRestSVM

STOCHASTIC = {"sgd", "pegasos"}


def configurations():
    for solver in ("gd", "sgd", "pegasos", "exact"):
        for loss in ("hinge", "squared_hinge"):
            if solver == "pegasos" and loss == "squared_hinge":
                continue  # not defined: fit raises (tests/test_models.py)
            params = dict(solver=solver, loss=loss)
            if solver in STOCHASTIC:
                params.update(n_epochs=30, batch_size=10)
            if loss == "squared_hinge" and solver != "exact":
                params["learning_rate"] = "auto"
            yield LinearSVM(**params)
    yield OneVsRestSVM(solver="sgd", n_epochs=30, batch_size=10)
    yield OneVsRestSVM(solver="exact")


def expected_failures(estimator):
    """The one check a stochastic solver fails by design, with the reason."""
    if estimator.solver in STOCHASTIC:
        return {"check_sample_weight_equivalence_on_dense_data":
                "a stochastic solver visits a repeated row twice per epoch, in random order, where a weight of 2 "
                "doubles one visit: the two agree in expectation, not exactly (gd and exact agree exactly)"}
    return {}


@parametrize_with_checks(list(configurations()), expected_failed_checks=expected_failures)
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)
