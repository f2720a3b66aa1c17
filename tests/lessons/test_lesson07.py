"""Lesson 07 (multi-class hinge): the lesson package, its view, exercises and quiz, and every claim the
notebook makes, across draws of the data and regularisation strengths where it says so.

scikit-learn (SVC, LinearSVC, metrics.hinge_loss) and torch (MultiMarginLoss) are the cross-checks where
the lesson compares with them.
"""

import base64
import io
import json
import re
import warnings
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure
from sklearn.metrics import hinge_loss as sk_hinge_loss
from sklearn.svm import SVC, LinearSVC
from threadpoolctl import threadpool_limits

from hinge_lib import (LinearSVM, OneVsRestSVM, check_gradient, hinge_loss, load_digits_split, make_three_class,
                       multiclass_hinge_loss, multiclass_hinge_loss_and_grad, multiclass_hinge_loss_and_grad_naive,
                       svm_objective)
from hinge_lib.lessons import lesson07
from hinge_lib.lessons.lesson07 import (QUIZ, exercises, multiclass_hinge_view, plot_decision_regions,
                                        plot_weight_images)
from hinge_lib.lessons.lesson07._exercises import _q2_cases, _q3_counts, cs_grad
from hinge_lib.lessons.lesson07._view import _breakdown, _describe

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "07_multiclass_hinge.ipynb"
LOSSES_SOURCE = Path(__file__).resolve().parents[2] / "hinge_lib" / "losses.py"
LAMBDAS = [0.001, 0.01, 0.1, 0.3, 1.0]
GD = dict(learning_rate=0.1, n_epochs=1000)  # the joint models of section 3
OTHER_DRAWS = range(2, 12)  # "ten other draws of the data"


@pytest.fixture(autouse=True)
def one_blas_thread():
    # Small matrices: several BLAS threads on a shared machine are many times slower than one.
    with threadpool_limits(limits=1, user_api="blas"):
        yield


@pytest.fixture(scope="module")
def notebook():
    return json.loads(NOTEBOOK.read_text())


def _source(cell):
    return "".join(cell["source"])


def _code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _outputs_text(nb):
    parts = []
    for cell in _code_cells(nb):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append("".join(out["text"]))
            elif "data" in out and "text/plain" in out["data"]:
                parts.append("".join(out["data"]["text/plain"]))
    return "\n".join(parts)


def _prose(nb):
    return "\n".join(_source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def _middle_found(model, X, y):
    return int(np.sum((model.predict(X) == 1) & (y == 1)))


@pytest.fixture(scope="module")
def toy():
    return make_three_class(seed=1)


@pytest.fixture(scope="module")
def grid(toy):
    """Section 3's table: accuracy and middle points found, per lambda and model."""
    X, y = toy
    table = {}
    for lam in LAMBDAS:
        models = {"ovr": OneVsRestSVM(solver="exact", reg_strength=lam),
                  "ovo": SVC(kernel="linear", C=1 / (lam * len(y))),
                  "ww": LinearSVM(reg_strength=lam, **GD),
                  "cs": LinearSVM(reg_strength=lam, multiclass="crammer_singer", **GD)}
        table[lam] = {name: (m.fit(X, y).score(X, y), _middle_found(m, X, y), m) for name, m in models.items()}
    return table


@pytest.fixture(scope="module")
def digits():
    data = load_digits_split()
    lam = 0.01
    C = 1 / (lam * len(data.y_train))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the lesson's settings converge: no ConvergenceWarning, no deprecation
        models = {
            "ww": LinearSVM(reg_strength=lam, learning_rate=0.1, n_epochs=300),
            "cs": LinearSVM(reg_strength=lam, learning_rate=0.1, n_epochs=300, multiclass="crammer_singer"),
            "svc_ovr": LinearSVC(C=C, loss="hinge", max_iter=10_000, random_state=0),
            "svc_cs": LinearSVC(C=C, multi_class="crammer_singer", random_state=0),
        }
        for m in models.values():
            m.fit(data.X_train, data.y_train)
    return data, lam, C, models


# --------------------------------------------------------------------------- the package


def test_public_names():
    assert set(lesson07.__all__) == {"QUIZ", "exercises", "multiclass_hinge_view",
                                     "plot_decision_regions", "plot_weight_images"}
    assert len(lesson07.__all__) <= 7 and all(hasattr(lesson07, name) for name in lesson07.__all__)


def test_breakdown_of_the_worked_example():
    r = _breakdown([2.0, 1.5, 1.8], 0)
    assert r["ww_loss"] == pytest.approx(1.3) and r["cs_loss"] == pytest.approx(0.8) and r["worst"] == 2
    assert r["ww_grad"].tolist() == [-2.0, 1.0, 1.0] and r["cs_grad"].tolist() == [-1.0, 0.0, 1.0]
    assert np.isnan(r["gaps"][0]) and r["gaps"][1:] == pytest.approx([0.5, 0.8])


scores_rows = st.integers(min_value=2, max_value=6).flatmap(
    lambda c: st.tuples(st.lists(st.floats(-5, 5, allow_nan=False, width=32), min_size=c, max_size=c),
                        st.integers(min_value=0, max_value=c - 1)))


@given(scores_rows)
def test_bounds_and_equality_when_at_most_one_class_violates(row):
    scores, c = row
    r = _breakdown(scores, c)
    gaps = np.delete(r["gaps"], c)
    assert r["ww_loss"] == pytest.approx(np.maximum(0.0, gaps).sum(), abs=1e-9)
    assert r["cs_loss"] == pytest.approx(max(0.0, gaps.max()), abs=1e-9)
    assert r["cs_loss"] <= r["ww_loss"] + 1e-9 <= (len(scores) - 1) * r["cs_loss"] + 2e-9
    if np.sum(gaps > 0) <= 1:
        assert r["ww_loss"] == pytest.approx(r["cs_loss"], abs=1e-9)
    else:
        assert r["ww_loss"] > r["cs_loss"]
    for kind, grad in (("weston_watkins", r["ww_grad"]), ("crammer_singer", r["cs_grad"])):
        assert np.array_equal(grad, multiclass_hinge_loss_and_grad([scores], [c], kind=kind, reduction="sum")[1][0])
    assert r["ww_grad"][c] == -np.sum(gaps > 0) and r["ww_grad"].sum() == 0
    assert r["cs_grad"].sum() == 0 and np.abs(r["cs_grad"]).sum() == (2.0 if r["cs_loss"] > 0 else 0.0)


@given(st.floats(-5, 5, allow_nan=False), st.floats(-5, 5, allow_nan=False), st.integers(0, 1))
def test_with_two_classes_both_losses_are_the_binary_hinge(s0, s1, c):
    r = _breakdown([s0, s1], c)
    binary = hinge_loss([s1 - s0], [1.0 if c == 1 else -1.0])  # the score of class 1 minus that of class 0
    assert r["ww_loss"] == pytest.approx(binary, abs=1e-9) and r["cs_loss"] == pytest.approx(binary, abs=1e-9)


def test_crammer_singer_tie_goes_to_the_lowest_wrong_index():
    r = _breakdown([1.0, 2.0, 2.0, 0.0], 3)
    assert r["worst"] == 1 and r["cs_grad"].tolist() == [0.0, 1.0, 0.0, -1.0]


@pytest.mark.parametrize("bad, match", [(3, "must lie in"), (-1, "must lie in"), (True, "integer class index"),
                                        (1.0, "integer class index")])
def test_breakdown_rejects_a_bad_true_class(bad, match):
    with pytest.raises(ValueError, match=match):
        _breakdown([1.0, 2.0, 3.0], bad)


def test_breakdown_rejects_a_single_score_and_a_bad_margin():
    with pytest.raises(ValueError, match="at least two"):
        _breakdown([1.0], 0)
    with pytest.raises(ValueError, match="margin"):
        _breakdown([1.0, 2.0], 0, margin=-1.0)


def test_describe_has_fixed_formats_and_no_negative_zero():
    lines = _describe(_breakdown([2.0, 1.5, 1.8], 0)).splitlines()
    assert lines[0] == "true class 0, margin 1"
    assert lines[2].split() == ["0", "+2.00", "(true", "class)", "-", "-2", "-1"]
    assert lines[3].split() == ["1", "+1.50", "+0.50", "0.50", "+1", "+0"]
    assert lines[-1] == ("Weston-Watkins loss 1.30 (sum of the terms), Crammer-Singer loss 0.80 "
                         "(largest term, class 2)")
    assert "-0 " not in _describe(_breakdown([3.0, -3.0, -3.0], 0)) + " "


# --------------------------------------------------------------------------- the view


def _view(scores=(2.0, 1.5, 1.8), true_class=0):
    return multiclass_hinge_view(scores=scores, true_class=true_class)


def test_view_starts_from_its_arguments():
    view = _view()
    assert view.text == _describe(_breakdown([2.0, 1.5, 1.8], 0))
    assert view.error is None and view.first_png.startswith(b"\x89PNG")
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"] == view.text and "image/png" in bundle


@pytest.mark.parametrize("name, value", [("s0", -1.0), ("s1", 0.5), ("s2", 2.6), ("true_class", 2)])
def test_each_control_recomputes_and_redraws(name, value):
    view = _view()
    before = view.image.value
    view.controls[name].value = value
    assert view.error is None
    values = {k: c.value for k, c in view.controls.items()}
    want = _breakdown([values["s0"], values["s1"], values["s2"]], values["true_class"])
    assert view.result["ww_loss"] == want["ww_loss"] and view.result["cs_loss"] == want["cs_loss"]
    assert np.array_equal(view.result["ww_grad"], want["ww_grad"]) and view.text == _describe(want)
    assert view.image.value != before


def test_view_tips_hold():
    """The lesson's 'try' list: s1 below 1 -> one violator, equal losses; s2 > s0; all equal -> WW = 2 = 2 CS."""
    view = _view()
    view.controls["s1"].value = 0.9
    assert view.result["ww_loss"] == pytest.approx(view.result["cs_loss"]) and view.error is None
    view.controls["s1"].value = 1.5
    view.controls["s2"].value = 2.5
    assert view.result["gaps"][2] > view.result["margin"] and view.result["worst"] == 2
    for k in range(3):
        view.controls[f"s{k}"].value = 1.0
    assert view.result["ww_loss"] == pytest.approx(2.0) and view.result["cs_loss"] == pytest.approx(1.0)


def test_view_artists_move_to_the_result_and_stay_inside_the_axes():
    view = _view()
    view.controls["true_class"].value = 1
    view.controls["s0"].value = 3.0
    view.controls["s2"].value = -3.0
    left, right = view.fig.axes
    r = view.result
    heights = [p.get_height() for p in left.patches[:3]]
    assert heights == pytest.approx(list(r["scores"]))
    violations = [p.get_height() for p in left.patches[3:6]]
    assert violations == pytest.approx([max(0.0, g) if k != 1 else 0.0 for k, g in enumerate(r["gaps"])])
    assert [p.get_height() for p in right.patches[:3]] == pytest.approx(list(r["ww_grad"]))
    assert [p.get_height() for p in right.patches[3:6]] == pytest.approx(list(r["cs_grad"]))
    assert left.get_title() == f"WW loss {r['ww_loss']:.2f} (sum), CS loss {r['cs_loss']:.2f} (largest)"
    lo, hi = left.get_ylim()
    for p in left.patches[:6]:
        assert lo <= min(p.get_y(), p.get_y() + p.get_height()) and max(p.get_y(), p.get_y() + p.get_height()) <= hi
    for text in left.texts:
        assert lo <= text.get_position()[1] <= hi
    assert left.get_ylim() == (lo, hi) and right.get_ylim() == (-2.5, 1.5)  # fixed limits


def test_view_picture_equals_a_fresh_view_of_the_same_state():
    """The static layer pasted back plus the moved artists look like a view drawn from scratch there."""
    moved = _view()
    moved.controls["s1"].value = 2.4
    moved.controls["true_class"].value = 2
    fresh = _view(scores=(2.0, 2.4, 1.8), true_class=2)
    a = matplotlib.image.imread(io.BytesIO(moved.image.value))
    b = matplotlib.image.imread(io.BytesIO(fresh.first_png))
    assert a.shape == b.shape and np.abs(a - b).max() < 0.05 and np.mean(np.abs(a - b) > 0.01) < 0.001


@pytest.mark.parametrize("kwargs, match", [(dict(scores=(1.0, 2.0)), "three scores"),
                                           (dict(scores=(1.0, 2.0, 5.0)), "three scores"),
                                           (dict(true_class=3), "must lie in"),
                                           (dict(scores=("a", 1, 2)), "numeric")])
def test_view_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        multiclass_hinge_view(**kwargs)


# --------------------------------------------------------------------------- figures and table


def test_decision_regions_draw_what_the_model_predicts(toy, grid):
    X, y = toy
    ax = Figure().add_subplot()
    model = grid[0.1]["ovr"][2]
    plot_decision_regions(ax, model, X, y, title="one-vs-rest")
    assert ax.get_title() == "one-vs-rest" and ax.get_xlabel() == "x₁" and ax.get_ylabel() == "x₂"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1", "class 2", "region borders"]
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    assert x0 <= X[:, 0].min() and X[:, 0].max() <= x1 and y0 <= X[:, 1].min() and X[:, 1].max() <= y1
    markers = {tuple(c.get_offsets()[0]) for c in ax.collections if len(c.get_offsets()) in (40,)}
    assert len(markers) == 3  # one scatter per class


def test_decision_regions_reject_bad_input(toy, grid):
    X, y = toy
    model = grid[0.1]["ww"][2]
    ax = Figure().add_subplot()
    with pytest.raises(ValueError, match="in the plane"):
        plot_decision_regions(ax, model, np.c_[X, X], y)
    with pytest.raises(ValueError, match="class indices"):
        plot_decision_regions(ax, model, X, y + 0.5)
    with pytest.raises(ValueError, match="different numbers of samples"):
        plot_decision_regions(ax, model, X, y[:10])


def test_weight_images_share_one_symmetric_scale(digits):
    _, _, _, models = digits
    fig = Figure(figsize=(9.5, 4.2))
    coef = models["ww"].coef_
    cbar = plot_weight_images(fig, coef, titles=[f"digit {d}" for d in range(10)], suptitle="weights")
    vmax = np.abs(coef).max()
    assert cbar.mappable.get_clim() == pytest.approx((-vmax, vmax))
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == [f"digit {d}" for d in range(10)]
    images = [ax.images[0].get_array() for ax in fig.axes if ax.images]
    assert len(images) == 10 and np.array_equal(images[3], coef[3].reshape(8, 8))
    with pytest.raises(ValueError, match="64 weights"):
        plot_weight_images(Figure(), coef[:, :10])
    with pytest.raises(ValueError, match="one entry per class"):
        plot_weight_images(Figure(), coef, titles=["a"])


def test_q1_sample_and_the_worked_example():
    s = [[0.5, 1.2, -0.3, 1.0], [2.0, 1.5, 1.8, -9.0]]
    assert multiclass_hinge_loss(s, [1, 0], kind="weston_watkins", reduction="none") == pytest.approx([1.1, 1.3])
    assert multiclass_hinge_loss(s, [1, 0], kind="crammer_singer", reduction="none") == pytest.approx([0.8, 0.8])
    assert multiclass_hinge_loss([s[1][:3]], [0]) == pytest.approx(1.3)  # the far fourth class changes nothing


def test_random_scores_section_1():
    rng = np.random.default_rng(0)
    S, y = rng.normal(scale=1.5, size=(10_000, 5)), rng.integers(0, 5, size=10_000)
    ww = multiclass_hinge_loss(S, y, kind="weston_watkins", reduction="none")
    cs = multiclass_hinge_loss(S, y, kind="crammer_singer", reduction="none")
    n_violating = (S - S[np.arange(10_000), y][:, None] + 1 > 0).sum(axis=1) - 1
    one = n_violating <= 1
    assert round(one.mean(), 3) == 0.214 and np.abs(ww - cs)[one].max() == 0  # "one sample in five"
    ratio = ww[cs > 0] / cs[cs > 0]
    assert round(ratio.min(), 2) == 1.00 and round(ratio.max(), 2) == 3.91 and ratio.max() <= 4
    assert (round(ww.mean(), 3), round(cs.mean(), 3)) == (5.701, 2.590)


# --------------------------------------------------------------------------- section 2: gradients


def _notebook_function(nb, name):
    namespace = {"np": np}
    for cell in _code_cells(nb):
        if _source(cell).startswith(f"def {name}("):
            exec(_source(cell), namespace)  # noqa: S102  (the lesson's own written-out function)
    return namespace[name]


@pytest.mark.parametrize("seed, margin", [(1, 1.0), (5, 0.5), (9, 2.0)])
def test_the_written_out_weston_watkins_is_the_library(notebook, seed, margin):
    ww_loss_and_grad = _notebook_function(notebook, "ww_loss_and_grad")
    rng = np.random.default_rng(seed)
    S, y = rng.normal(size=(300, 7)), rng.integers(0, 7, size=300)
    loss, G = ww_loss_and_grad(S, y, margin)
    for f in (multiclass_hinge_loss_and_grad, multiclass_hinge_loss_and_grad_naive):
        loss_f, G_f = f(S, y, margin=margin)
        assert loss == pytest.approx(loss_f, rel=1e-12)
        np.testing.assert_allclose(G, G_f, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("kind", ["weston_watkins", "crammer_singer"])
def test_naive_and_vectorised_agree_on_the_notebook_batch(kind):
    rng = np.random.default_rng(1)
    S, y = rng.normal(size=(2000, 10)), rng.integers(0, 10, size=2000)
    loss, grad = multiclass_hinge_loss_and_grad(S, y, kind=kind)
    loss_n, grad_n = multiclass_hinge_loss_and_grad_naive(S, y, kind=kind)
    assert loss == pytest.approx(loss_n, rel=1e-12)
    np.testing.assert_allclose(grad, grad_n, rtol=1e-12, atol=1e-15)
    if kind == "weston_watkins":
        assert f"{loss:.10f}" == "10.7071015430"


def test_gradient_check_section_2():
    rng = np.random.default_rng(2)
    S, y = rng.normal(size=(6, 4)), rng.integers(0, 4, size=6)
    for kind in ("weston_watkins", "crammer_singer"):
        r = check_gradient(lambda M: multiclass_hinge_loss(M, y, kind=kind),
                           lambda M: multiclass_hinge_loss_and_grad(M, y, kind=kind)[1], S)
        assert r.passed and not r.at_kink.any() and r.max_error < 1e-6


def test_the_quoted_library_kernel_lines_are_the_library(notebook):
    prose = _prose(notebook)
    block = re.search(r"```python\n(.*?)```", prose, re.S).group(1)
    source = " ".join(LOSSES_SOURCE.read_text().split())
    for line in block.splitlines():
        code = line.split("#")[0].strip()
        assert " ".join(code.split()) in source, line


def test_crammer_singer_rows_have_at_most_two_entries():
    rng = np.random.default_rng(4)
    S, y = rng.normal(scale=2.0, size=(500, 9)), rng.integers(0, 9, size=500)
    G = multiclass_hinge_loss_and_grad(S, y, kind="crammer_singer")[1]
    assert (np.count_nonzero(G, axis=1) <= 2).all() and np.allclose(G.sum(axis=1), 0)


def test_linear_svm_multiclass_gradient_is_lambda_w_plus_xt_g():
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(20, 3)), rng.integers(0, 4, size=20)
    W, b, lam = rng.normal(size=(3, 4)), rng.normal(size=4), 0.1
    for kind in ("weston_watkins", "crammer_singer"):
        G = multiclass_hinge_loss_and_grad(X @ W + b, y, kind=kind)[1]
        r = check_gradient(lambda M: svm_objective(X, y, M, b, lam, kind=kind), lam * W + X.T @ G, W)
        assert r.passed


# --------------------------------------------------------------------------- section 3: ovr, ovo, joint


def test_section_3_table_at_lambda_point_one(grid):
    row = grid[0.1]
    assert round(row["ovr"][0], 3) == 0.783 and row["ovr"][1] == 14
    assert row["ovo"][0] == 1.0 and row["ovo"][1] == 40
    assert row["ww"][0] == 1.0 and row["ww"][1] == 40


def test_one_vs_rest_binary_models_and_joint_biases(toy, grid):
    X, y = toy
    ovr = grid[0.1]["ovr"][2]
    norms = [np.linalg.norm(m.coef_) for m in ovr.estimators_]
    biases = [m.intercept_[0] for m in ovr.estimators_]
    assert [round(v, 2) for v in norms] == [1.18, 0.0, 1.19] and [round(v, 2) for v in biases] == [-1.33, -1.0, -1.12]
    for k, m in enumerate(ovr.estimators_):  # the quoted one line: class k against the rest
        single = LinearSVM(solver="exact", reg_strength=0.1).fit(X, np.where(y == k, 1, -1))
        np.testing.assert_allclose(m.coef_, single.coef_, atol=1e-12)
    joint = grid[0.1]["ww"][2]
    assert round(joint.intercept_[1], 2) == 0.82 and np.linalg.norm(joint.coef_[1]) < 0.05
    assert np.mean(y != 1) == pytest.approx(2 / 3)  # "two thirds of its points are 'rest'"


def test_middle_model_is_no_line_at_every_lambda(grid):
    for lam in LAMBDAS:
        middle = grid[lam]["ovr"][2].estimators_[1]
        assert np.linalg.norm(middle.coef_) < 1e-6 and middle.intercept_[0] == pytest.approx(-1.0, abs=1e-6)


def test_section_3_grid_as_printed(grid):
    printed = {  # lambda: one-vs-rest, one-vs-one, joint WW, joint CS: (accuracy to 3 digits, middle found)
        0.001: [(0.975, 37), (0.992, 40), (1.0, 40), (1.0, 40)],
        0.01: [(0.933, 32), (1.0, 40), (1.0, 40), (1.0, 40)],
        0.1: [(0.783, 14), (1.0, 40), (1.0, 40), (1.0, 40)],
        0.3: [(0.667, 0), (1.0, 40), (0.992, 39), (0.958, 35)],
        1.0: [(0.667, 0), (1.0, 40), (1.0, 40), (0.667, 0)],
    }
    for lam, want in printed.items():
        got = [(round(grid[lam][name][0], 3), grid[lam][name][1]) for name in ("ovr", "ovo", "ww", "cs")]
        assert got == want, lam
    assert _q3_counts() == (14, 37)


def test_section_3_claims_are_not_artefacts_of_1000_epochs(toy):
    """The joint models' middle counts hold at 5000 epochs (nearer the minimum of J) too."""
    X, y = toy
    long = dict(learning_rate=0.1, n_epochs=5000)
    cs_1 = LinearSVM(reg_strength=1.0, multiclass="crammer_singer", **long).fit(X, y)
    cs_03 = LinearSVM(reg_strength=0.3, multiclass="crammer_singer", **long).fit(X, y)
    ww_03 = LinearSVM(reg_strength=0.3, **long).fit(X, y)
    assert _middle_found(cs_1, X, y) == 0 and _middle_found(cs_03, X, y) == 35 and _middle_found(ww_03, X, y) >= 39
    for lam in (0.001, 0.1):
        assert _middle_found(LinearSVM(reg_strength=lam, **long).fit(X, y), X, y) == 40


def test_ties_on_an_outer_margin_are_one_to_four_points(toy):
    """'1 to 4 middle points per setting sit exactly on an outer model's margin' (ties rounding decides)."""
    for seed in range(1, 12):
        X, y = make_three_class(seed=seed)
        for lam in (0.001, 0.01, 0.1):
            D = OneVsRestSVM(solver="exact", reg_strength=lam).fit(X, y).decision_function(X)
            top = np.sort(D, axis=1)
            tied = (top[:, -1] - top[:, -2] < 1e-9) & (y == 1)
            assert 1 <= tied.sum() <= 4, (seed, lam)
            np.testing.assert_allclose(D[tied][:, 1], -1.0, atol=1e-9)  # the middle model's constant


def test_ten_other_draws(grid):
    """'0 to 6 more errors at 0.001, 21 to 27 more at 0.1, no middle point at 1 (one-vs-rest and CS)'."""
    extra = {0.001: [], 0.1: []}
    for seed in OTHER_DRAWS:
        X, y = make_three_class(seed=seed)
        for lam in (0.001, 0.1, 1.0):
            ovr = OneVsRestSVM(solver="exact", reg_strength=lam).fit(X, y)
            ww = LinearSVM(reg_strength=lam, **GD).fit(X, y)
            if lam in extra:
                extra[lam].append(int(np.sum(ovr.predict(X) != y)) - int(np.sum(ww.predict(X) != y)))
            else:
                cs = LinearSVM(reg_strength=lam, multiclass="crammer_singer", **GD).fit(X, y)
                assert _middle_found(ovr, X, y) == 0 and _middle_found(cs, X, y) == 0
                assert _middle_found(ww, X, y) >= 37
    assert (min(extra[0.001]), max(extra[0.001])) == (0, 6)
    assert (min(extra[0.1]), max(extra[0.1])) == (21, 27)


def test_svc_trains_one_vs_one_whatever_the_decision_function_shape():
    assert LinearSVC().multi_class == "ovr" and LinearSVC().loss == "squared_hinge"
    X, y = make_three_class(seed=5, centers=((-2, -1), (0, 0), (2, 1), (0, 2.5)))
    models = {shape: SVC(kernel="linear", C=1.0, decision_function_shape=shape).fit(X, y) for shape in ("ovo", "ovr")}
    assert len(models["ovo"].intercept_) == len(models["ovr"].intercept_) == 6  # C(C-1)/2 pairs for 4 classes
    assert models["ovo"].decision_function(X).shape == (len(y), 6)
    assert models["ovr"].decision_function(X).shape == (len(y), 4)
    assert np.array_equal(models["ovo"].predict(X), models["ovr"].predict(X))


def test_svc_section_3_shapes_as_printed(toy):
    X, y = toy
    shapes = {s: SVC(kernel="linear", C=1 / (0.1 * 120), decision_function_shape=s).fit(X, y) for s in ("ovo", "ovr")}
    assert shapes["ovo"].decision_function(X[:1]).round(2).tolist() == [[-3.53, -1.25, -1.12]]
    assert shapes["ovr"].decision_function(X[:1]).round(2).tolist() == [[-0.28, 1.24, 2.23]]
    assert np.array_equal(shapes["ovo"].predict(X), shapes["ovr"].predict(X))


def test_each_pairwise_svm_solves_lambda_times_one_and_a_half(toy):
    """SVC's pair (0, 1) is the exact binary SVM of those 80 points at lambda_pair = 1/(C 80) = 1.5 lambda."""
    X, y = toy
    lam = 0.1
    svc = SVC(kernel="linear", C=1 / (lam * len(y)), tol=1e-10).fit(X, y)
    pair = (y == 0) | (y == 1)
    assert pair.sum() == 80
    exact = LinearSVM(solver="exact", reg_strength=1.5 * lam).fit(X[pair], np.where(y[pair] == 0, 1, -1))
    np.testing.assert_allclose(svc.coef_[0], exact.coef_[0], rtol=1e-5, atol=1e-6)
    assert svc.intercept_[0] == pytest.approx(exact.intercept_[0], rel=1e-5, abs=1e-6)


# --------------------------------------------------------------------------- section 4: the margin


@pytest.mark.parametrize("kind", ["weston_watkins", "crammer_singer"])
@pytest.mark.parametrize("margin", [0.5, 2.0, 3.0])
def test_margin_delta_at_lambda_is_margin_one_at_lambda_delta(toy, kind, margin):
    X, y = toy
    lam, eta = 0.05, 0.1
    wide = LinearSVM(margin=margin, reg_strength=lam, learning_rate=eta, n_epochs=300, multiclass=kind).fit(X, y)
    unit = LinearSVM(margin=1.0, reg_strength=lam * margin, learning_rate=eta / margin, n_epochs=300,
                     multiclass=kind).fit(X, y)
    np.testing.assert_allclose(wide.coef_, margin * unit.coef_, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(wide.intercept_, margin * unit.intercept_, rtol=1e-10, atol=1e-12)
    assert np.array_equal(wide.predict(X), unit.predict(X))
    # and the objectives: J_margin(margin V; lambda) = margin J_1(V; lambda margin), at any point
    W, b = unit.coef_.T, unit.intercept_
    J_wide = svm_objective(X, y, margin * W, margin * b, lam, kind=kind, margin=margin)
    assert J_wide == pytest.approx(margin * svm_objective(X, y, W, b, lam * margin, kind=kind), rel=1e-12)


def test_section_4_as_printed(toy):
    X, y = toy
    wide = LinearSVM(margin=2.0, reg_strength=0.05, learning_rate=0.1, n_epochs=500).fit(X, y)
    unit = LinearSVM(margin=1.0, reg_strength=0.1, learning_rate=0.05, n_epochs=500).fit(X, y)
    assert np.abs(wide.coef_ - 2 * unit.coef_).max() == 0 and np.abs(wide.intercept_ - 2 * unit.intercept_).max() == 0


def test_same_lambda_with_a_larger_margin_is_a_different_classifier(toy):
    X, y = toy
    wide = LinearSVM(margin=2.0, reg_strength=0.05, n_epochs=300).fit(X, y)
    same = LinearSVM(margin=1.0, reg_strength=0.05, n_epochs=300).fit(X, y)
    assert np.abs(wide.coef_ - 2 * same.coef_).max() > 0.1


# --------------------------------------------------------------------------- section 5: digits


def test_digits_table_as_printed(digits):
    data, lam, C, models = digits
    assert data.X_train.shape == (1347, 64) and data.X_test.shape == (450, 64) and f"{C:.4f}" == "0.0742"
    printed = {"ww": (0.9911, 0.9667, 15), "cs": (0.9852, 0.9667, 15), "svc_ovr": (0.9703, 0.9622, 17),
               "svc_cs": (0.9948, 0.9622, 17)}
    for name, (train, test, errors) in printed.items():
        m = models[name]
        assert round(m.score(data.X_train, data.y_train), 4) == train and round(m.score(data.X_test, data.y_test), 4) == test
        assert int(np.sum(m.predict(data.X_test) != data.y_test)) == errors
    tests = [m.score(data.X_test, data.y_test) for m in models.values()]
    assert max(tests) - min(tests) <= 0.005  # "within half a percentage point"


def test_linearsvc_crammer_singer_regularises_its_intercept(toy):
    """A weaker penalty on the appended constant feature (larger intercept_scaling) moves the intercepts."""
    X, y = toy
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fits = [LinearSVC(C=1.0, multi_class="crammer_singer", intercept_scaling=s, max_iter=100_000,
                          random_state=0).fit(X + 3.0, y) for s in (1.0, 10.0)]
    assert np.abs(fits[0].intercept_ - fits[1].intercept_).max() > 1e-2


def test_gd_digits_models_are_near_not_at_the_minimum(digits):
    data, lam, _, models = digits
    for kind, name in (("weston_watkins", "ww"), ("crammer_singer", "cs")):
        m = models[name]
        J = svm_objective(data.X_train, data.y_train, m.coef_.T, m.intercept_, lam, kind=kind)
        longer = LinearSVM(reg_strength=lam, learning_rate=0.1, n_epochs=600, multiclass=kind).fit(
            data.X_train, data.y_train)
        J_longer = svm_objective(data.X_train, data.y_train, longer.coef_.T, longer.intercept_, lam, kind=kind)
        assert J_longer < J  # not at the minimum ...
        assert J - J_longer < 0.2 * J  # ... but near it


def test_weights_and_confusions_as_printed(digits):
    data, _, _, models = digits
    ww = models["ww"]
    blank = data.X_train.std(axis=0) == 0
    assert blank.sum() == 4 and np.all(ww.coef_[:, blank] == 0)
    centre = ww.coef_.reshape(10, 8, 8)[:, 3:5, 3:5].mean(axis=(1, 2))
    assert round(centre[0], 3) == -0.230 and centre.argmin() == 0
    assert (round(centre[1:].min(), 3), round(centre[1:].max(), 3)) == (-0.096, 0.157)
    from sklearn.metrics import confusion_matrix
    cm = confusion_matrix(data.y_test, ww.predict(data.X_test))
    wrong = cm - np.diag(np.diag(cm))
    assert wrong.sum() == 15 and np.unravel_index(wrong.argmax(), cm.shape) == (8, 1) and wrong[8, 1] == 3
    assert wrong.sum(axis=0).tolist() == [0, 8, 0, 1, 0, 1, 0, 1, 3, 1]


# --------------------------------------------------------------------------- section 6: other libraries


@pytest.mark.parametrize("seed", range(3))
def test_sklearn_hinge_loss_multiclass_is_crammer_singer_without_division(seed):
    rng = np.random.default_rng(seed)
    S, y = rng.normal(size=(200, 6)), rng.integers(0, 6, size=200)
    assert sk_hinge_loss(y, S, labels=np.arange(6)) == pytest.approx(multiclass_hinge_loss(S, y, kind="crammer_singer"),
                                                                     rel=1e-12)


def _torch_formula(S, y):
    """The notebook's NumPy transcription of torch's MultiMarginLoss."""
    rows = np.arange(len(y))
    terms = np.maximum(0.0, 1.0 - S[rows, y][:, None] + S)
    terms[rows, y] = 0.0
    return (terms.sum(axis=1) / S.shape[1]).mean()


def test_torch_multi_margin_loss_is_weston_watkins_over_c(digits):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    for S, y in [(rng.normal(size=(50, 4)), rng.integers(0, 4, size=50)),
                 (digits[3]["ww"].decision_function(digits[0].X_test), digits[0].y_test)]:
        value = torch.nn.MultiMarginLoss()(torch.tensor(S), torch.tensor(y)).item()
        assert value == pytest.approx(_torch_formula(S, y), rel=1e-12)
        assert value == pytest.approx(multiclass_hinge_loss(S, y) / S.shape[1], rel=1e-12)


def test_section_6_as_printed(digits):
    data, _, _, models = digits
    S = models["ww"].decision_function(data.X_test)
    assert f"{sk_hinge_loss(data.y_test, S, labels=np.arange(10)):.6f}" == "0.125729"
    assert f"{_torch_formula(S, data.y_test):.6f}" == "0.018093"


def _keras(t, p):
    return np.maximum(0.0, np.max((1.0 - t) * p, axis=-1) - np.sum(t * p, axis=-1) + 1.0)


def test_keras_optional_section():
    assert _keras(np.array([[1.0, 0.0]]), np.array([[-3.0, -5.0]]))[0] == 4.0
    assert multiclass_hinge_loss([[-3.0, -5.0]], [0], kind="crammer_singer") == 0.0
    rng = np.random.default_rng(3)
    S, y = rng.normal(size=(5000, 4)) - 1.0, rng.integers(0, 4, size=5000)
    keras = _keras(np.eye(4)[y], S)
    cs = multiclass_hinge_loss(S, y, kind="crammer_singer", reduction="none")
    some = np.where(np.eye(4)[y] == 1, -np.inf, S).max(axis=1) >= 0
    assert some.sum() == 2034 and np.abs(keras - cs)[some].max() == 0
    assert np.all(keras >= cs - 1e-12)
    assert np.sum(keras[~some] > cs[~some] + 1e-12) == 2900 and np.sum(~some) == 2966


# --------------------------------------------------------------------------- exercises


@pytest.mark.parametrize("exercise", list(exercises), ids=lambda e: e.name)
def test_reference_passes_template_is_not_attempted_and_each_mistake_has_its_own_message(exercise):
    assert exercise.evaluate(exercise.reference)[0] == "correct"
    assert exercise.evaluate(...)[0] == "not attempted" and exercise.evaluate(None)[0] == "not attempted"
    messages = []
    for label, (wrong, phrase) in exercise.mistakes.items():
        status, message = exercise.evaluate(wrong)
        assert status == "incorrect" and phrase in message, (label, message)
        messages.append(message)
    assert len(set(messages)) == len(messages)


def test_exercise_count_and_kinds():
    assert len(exercises) == 4
    assert [e.name.split()[0] for e in exercises] == ["q1", "q2", "q3", "q4"]
    assert "predict" in exercises.q1.name and "derive" in exercises.q2.name
    assert "predict" in exercises.q3.name and "transfer" in exercises.q4.name


def test_q1_answers_written_other_ways_and_partial_answers():
    q1 = exercises.q1
    for answer in [(1.1, 0.8), [1.1, 0.8], (np.float64(1.1), np.float32(0.8)), (0.3 + 0.8, 0.8), (11 / 10, 4 / 5)]:
        assert q1.evaluate(answer)[0] == "correct", answer
    assert q1.evaluate((1.1, ...))[0] == "not attempted"
    status, message = q1.evaluate((1.1, 0.5))
    assert status == "incorrect" and message.startswith("Crammer-Singer: 0.5 is not it")
    status, message = q1.evaluate((2.1, 1.0))  # two mistakes at once: both named
    assert "included the true class" in message and "let the true class compete" in message
    assert q1.evaluate(1.1) == ("incorrect", "pass the two numbers together: ex.q1.check((ww, cs)).")
    assert q1.evaluate(("a", 0.8))[0] == "incorrect"


def test_q1_expected_values_come_from_the_library():
    s = [[0.5, 1.2, -0.3, 1.0]]
    assert exercises.q1.reference == pytest.approx((multiclass_hinge_loss(s, [1]),
                                                    multiclass_hinge_loss(s, [1], kind="crammer_singer")))


def test_q2_missing_return_crash_shape_and_other_correct_forms():
    q2 = exercises.q2

    def no_return(scores, y, margin=1.0):
        np.zeros_like(scores)

    def crashes(scores, y, margin=1.0):
        return scores[999]

    def wrong_shape(scores, y, margin=1.0):
        return np.zeros(scores.shape[0])

    def loops(scores, y, margin=1.0):
        N, C = scores.shape
        G = np.zeros((N, C))
        for i in range(N):
            rivals = [k for k in range(C) if k != y[i]]
            w = max(rivals, key=lambda k: scores[i, k])
            if scores[i, w] - scores[i, y[i]] + margin > 0:
                G[i, w], G[i, y[i]] = 1 / N, -1 / N
        return G

    def with_put_along_axis(scores, y, margin=1.0):
        S = np.array(scores, dtype=float)
        rows = np.arange(len(y))
        masked = S.copy()
        masked[rows, y] = -np.inf
        w = masked.argmax(axis=1)
        active = (masked[rows, w] - S[rows, y] + margin > 0) / len(y)
        G = np.zeros_like(S)
        np.put_along_axis(G, w[:, None], active[:, None], axis=1)
        np.put_along_axis(G, y[:, None], -active[:, None], axis=1)
        return G.tolist()  # a list of lists passes too

    assert "forget the `return`" in q2.evaluate(no_return)[1]
    assert "raised IndexError" in q2.evaluate(crashes)[1]
    assert "shape" in q2.evaluate(wrong_shape)[1]
    assert q2.evaluate(loops)[0] == "correct" and q2.evaluate(with_put_along_axis)[0] == "correct"
    assert q2.evaluate(cs_grad)[0] == "correct"


def test_q2_cases_cover_what_the_mistakes_need():
    for S, y, margin in _q2_cases():
        gaps = S - S[np.arange(len(y)), y][:, None] + margin
        gaps[np.arange(len(y)), y] = -np.inf
        n_active = (gaps > 0).sum(axis=1)
        assert (n_active == 0).any() and (n_active >= 2).any()  # inactive rows and rows with several rivals
        assert (S.argmax(axis=1) == y).any() and (S.argmax(axis=1) != y).any()


def test_q2_other_wrong_answers_are_explained_with_numbers():
    status, message = exercises.q2.evaluate(lambda scores, y, margin=1.0: np.zeros_like(scores) + 0.01)
    assert status == "incorrect" and "should be" in message and "your answer gave" in message


def test_q3_words_truth_and_feedback():
    q3 = exercises.q3
    assert _q3_counts() == (14, 37)  # measured: one-vs-rest finds more of the middle at lambda = 0.001
    for word in ("more", " More ", "wider", "larger"):
        assert q3.evaluate(word)[0] == "correct", word
    assert "wider strip" in q3.evaluate("fewer")[1] and "are not" in q3.evaluate("same")[1]
    assert q3.evaluate("perhaps")[0] == "incorrect" and q3.evaluate(3)[0] == "incorrect"


def test_q4_answers_written_other_ways():
    q4 = exercises.q4
    for answer in [(0.1, 2), [0.05 * 2, 2.0], (np.float64(0.1), np.int64(2))]:
        assert q4.evaluate(answer)[0] == "correct", answer
    status, message = q4.evaluate((0.025, 0.5))  # both wrong: both named
    assert "lam_1: you divided" in message and "factor: the weights get larger" in message
    assert "is not it" in q4.evaluate((0.3, 2.0))[1] and "is not it" in q4.evaluate((0.1, 7.0))[1]
    assert q4.evaluate((0.1, ...))[0] == "not attempted"


def test_hints_and_solutions_print(capsys):
    for exercise in exercises:
        exercise.hint()
        exercise.solution()
    out = capsys.readouterr().out
    assert out.count("Hint:") == 4 and out.count("Solution:") == 4
    assert "def cs_grad" in out and 'middle = "more"' in out and "lam_1, factor = 0.1, 2.0" in out


# --------------------------------------------------------------------------- quiz


def test_quiz_is_well_formed_plain_text_and_explained():
    assert 1 <= len(QUIZ) <= 3
    for q in QUIZ:
        assert q["type"] in ("multiple_choice", "numeric") and q["answers"]
        text = q["question"] + " ".join(a.get("answer", "") + a["feedback"] for a in q["answers"])
        assert "$" not in text and "\\" not in text
        assert all(a["feedback"] for a in q["answers"])
        if q["type"] == "multiple_choice":
            assert sum(a["correct"] for a in q["answers"]) == 1


def test_quiz_torch_question_is_what_torch_computes():
    q = QUIZ[0]
    correct = [a for a in q["answers"] if a.get("correct")][0]["range"]
    # one sample, four classes, Weston-Watkins loss 1.2: gaps 0.5 and 0.7, one rival far below
    S, y = np.array([[1.0, 0.5, 0.7, -5.0]]), np.array([0])
    assert multiclass_hinge_loss(S, y) == pytest.approx(1.2)
    torch = pytest.importorskip("torch")
    value = torch.nn.MultiMarginLoss()(torch.tensor(S), torch.tensor(y)).item()
    assert correct[0] <= value <= correct[1]
    wrong = [a["range"] for a in q["answers"] if a.get("type") == "range" and not a["correct"]]
    assert any(lo <= 1.2 <= hi for lo, hi in wrong) and any(lo <= 1.2 / 3 <= hi for lo, hi in wrong)


def test_quiz_svc_question():
    q = QUIZ[1]
    right = [a["answer"] for a in q["answers"] if a["correct"]][0]
    assert "one-vs-one" in right
    X, y = make_three_class(seed=0)
    svc = SVC(kernel="linear", decision_function_shape="ovr").fit(X, y)
    assert len(svc.intercept_) == 3  # three pairwise models for three classes


def test_quiz_bounds_question():
    q = QUIZ[2]
    right = [a["answer"] for a in q["answers"] if a["correct"]]
    assert right == ["0.4"] and 0.4 < 2.0 / 4
    examples = {"0.5": [0.5, 0.5, 0.5, 0.5], "1.3": [1.3, 0.7, -5.0, -5.0], "2.0": [2.0, -5.0, -5.0, -5.0]}
    for cs_value, wrong_scores in examples.items():  # true score 1.0, so each gap s_k - 1 + 1 is s_k itself
        S = np.array([[1.0, *wrong_scores]])
        assert multiclass_hinge_loss(S, [0]) == pytest.approx(2.0)
        assert multiclass_hinge_loss(S, [0], kind="crammer_singer") == pytest.approx(float(cs_value))


# --------------------------------------------------------------------------- the notebook itself


def test_notebook_shape(notebook):
    code = _code_cells(notebook)
    assert _source(code[0]) == (
        'import sys\nif "google.colab" in sys.modules:  # on Colab only: install the course library first\n'
        '    %pip install --quiet "hinge-course @ git+https://github.com/hinge-course/hinge-course@v2.0"')
    lines = [ln for c in code for ln in _source(c).splitlines() if ln.strip() and not ln.strip().startswith("#")]
    asserts = [ln for ln in lines if ln.lstrip().startswith("assert")]
    assert len(asserts) <= 0.03 * len(lines)
    sources = [_source(c) for c in code]
    assert not any(w in s for s in sources for w in ("NBVAL", "threadpoolctl", "catch_warnings", "+ 0.0"))
    assert max(len(s.splitlines()) for s in sources) <= 13  # a cell fits on a screen
    views = [c for c in code if "view" in c["metadata"].get("tags", [])]
    assert len(views) == 1 and "multiclass_hinge_view(" in _source(views[0])
    ignored = [c for c in code if "nbval-ignore-output" in c["metadata"].get("tags", [])]
    assert len(ignored) == 1 and "timeit" in _source(ignored[0])  # only the printed timing is volatile
    prose = _prose(notebook)
    for heading in ("## Key takeaways", "## 6. Check your understanding", "### Optional: what vectorising buys",
                    "### Optional: Keras", "### Optional: a margin other than 1"):
        assert heading in prose, heading
    assert "**Estimated time:** about 59 minutes" in prose and "optional parts" in prose
    for link in ("01_margin_geometry.ipynb#Glossary", "06_squared_hinge.ipynb", "08_pytorch_comparison.ipynb"):
        assert link in prose
    assert "show_quiz(QUIZ, name=\"lesson07\")" in "".join(sources)


def test_stored_outputs_unsolved_no_errors_and_figures_fit_the_column(notebook):
    text = _outputs_text(notebook)
    for k in range(1, len(exercises) + 1):
        assert re.search(rf"\[q{k} [^\]]*\] Not attempted", text), k
    assert "Error" not in text and "Traceback" not in text and "Warning" not in text
    for cell in _code_cells(notebook):
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error"
            png = out.get("data", {}).get("image/png")
            if png:
                width = matplotlib.image.imread(io.BytesIO(base64.b64decode(png))).shape[1]
                assert width <= 1000  # <= 10 in at dpi 100: legend text shows at >= 10 pt


def test_every_exercise_comes_before_the_lessons_own_version(notebook):
    sources = [_source(c) for c in notebook["cells"]]

    def first(pattern):
        return next(i for i, s in enumerate(sources) if re.search(pattern, s))

    assert first(r"ex\.q1\.check") < first(r"def two_losses")
    assert first(r"ex\.q2\.check") < first(r'kind == "crammer_singer"') < first(r"multiclass_hinge_view\(")
    assert first(r"ex\.q3\.check") < first(r"for lam_k in \[0\.001")
    assert first(r"ex\.q4\.check") < first(r"margin=2\.0, reg_strength=0\.05")
    before_q2 = "\n".join(sources[:first(r"ex\.q2\.check")])
    assert "+1 on the worst" not in before_q2 and "cs_grad =" not in before_q2


def test_prose_numbers_are_the_printed_numbers(notebook):
    text = _outputs_text(notebook)
    prose = _prose(notebook)
    pairs = [
        ("0.3 + 0.8 = 1.1", "Weston-Watkins 1.10, Crammer-Singer 0.80"),
        ("losses are 1.30 and 0.80", "Weston-Watkins 1.30, Crammer-Singer 0.80"),
        ("one sample in five", "at most one violating class: 21.4% of the samples"),
        ("almost four", "WW / CS ranges from 1.00 to 3.91"),
        ("$b_1 = +0.82$", "b = [-0.51  0.82"),
        ("found 14 of the 40", "0.783            14 of 40"),
        ("37 of 40 middle points at $\\lambda = 0.001$", "0.001    0.975 (37)"),
        ("misclassifies 3 of the 120", "0.001    0.975 (37)"),
        ("and 26 at 0.1", "0.1      0.783 (14)"),
        ("(39 or 40 of 40)", "0.992 (39)"),
        ("15 or 17 errors of 450", "LinearSVC crammer_singer         0.9948    0.9622           17"),
        ("8 of the 15 are predictions of the digit 1", "[0 8 0 1 0 1 0 1 3 1]"),
        ("3 of them\ntrue 8s", "true 8 predicted as 1 (3 times)"),
        ("2900 of 2966", "Keras larger on 2900 of 2966"),
    ]
    for said, printed in pairs:
        assert said in prose, said
        assert printed in text, printed


def test_stated_time_follows_the_walkthrough_model(notebook):
    """The note at the end states the model; recomputing it must give the stated 59 minutes (at most 60)."""
    budget = {"q1": 4, "q2": 10, "q3": 2, "q4": 6}
    core = optional = 0.0
    minutes = 0.0
    is_optional = False

    def close_section():
        nonlocal core, optional, minutes
        if is_optional:
            optional += minutes
        else:
            core += minutes
        minutes = 0.0

    for cell in notebook["cells"]:
        src = _source(cell)
        if cell["cell_type"] == "markdown":
            src = re.sub(r"```.*?```", lambda m: " ".join(["x"] * len(m.group(0).split())), src, flags=re.S)
            for line in src.splitlines():
                if line.startswith("## ") or line.startswith("### Optional"):
                    close_section()
                    is_optional = line.startswith("### Optional")
                minutes += len(re.findall(r"[A-Za-z0-9']+", line)) / 150
            continue
        tags = cell["metadata"].get("tags", [])
        lines = [ln for ln in src.splitlines() if ln.strip()]
        minutes += len(lines) * 4 / 60 + 5 / 60
        exercise = [v for k, v in budget.items() if f"ex.{k}.check" in src]
        minutes += sum(exercise) + (3 if "show_quiz" in src else 0) + (2 if "view" in tags else 0)
        outputs = cell.get("outputs", [])
        minutes += 0.5 * sum("image/png" in o.get("data", {}) for o in outputs if "view" not in tags)
        if not exercise and any(o.get("output_type") == "stream" for o in outputs):
            minutes += 20 / 60
    close_section()
    assert round(core) == 59 and core <= 60
    assert round(optional) == 13
