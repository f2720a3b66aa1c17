"""hinge_lib.data: the seeded two-class toy set and the standardised splits of scikit-learn's bundled data."""

import numpy as np
import pytest

from hinge_lib.data import load_breast_cancer_split, load_digits_split, make_two_class


@pytest.mark.parametrize("seed", range(5))
def test_make_two_class_shapes_balance_labels_and_extent(seed):
    X, y = make_two_class(seed=seed)
    assert X.shape == (60, 2) and y.shape == (60,) and X.dtype == y.dtype == np.float64
    assert set(y.tolist()) == {-1.0, 1.0} and (y == 1).sum() == (y == -1).sum() == 30
    assert (np.abs(X) <= 2.5).all()
    assert len(set(y[:30].tolist())) == 2  # the classes are interleaved, not stacked


def test_make_two_class_is_reproducible_and_seed_dependent():
    a, b, c = make_two_class(seed=3), make_two_class(seed=3), make_two_class(seed=4)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize("true_w,true_b", [((1.0, -0.6), 0.4), ((0.0, 2.0), -1.0), ((-3.0, 1.0), 0.0)])
def test_make_two_class_without_noise_labels_by_the_true_boundary(true_w, true_b):
    X, y = make_two_class(n_per_class=25, true_w=true_w, true_b=true_b, noise=0.0, seed=0, extent=2.0)
    assert X.shape == (50, 2) and (np.abs(X) <= 2.0).all()
    np.testing.assert_array_equal(y, np.where(X @ np.array(true_w) + true_b >= 0, 1.0, -1.0))


def test_make_two_class_noise_puts_some_points_on_the_wrong_side():
    X, y = make_two_class(seed=0, noise=0.5)
    wrong = y * (X @ np.array([1.0, -0.6]) + 0.4) < 0
    assert 0 < wrong.sum() < 15


def test_make_two_class_gives_up_with_an_error_when_a_class_cannot_be_filled():
    """The boundary x1 + 100 = 0 lies far outside [-2.5, 2.5]^2: no point is ever labelled -1."""
    with pytest.raises(ValueError, match=r"barely crosses the square \[-2.5, 2.5\]\^2.*smaller \|true_b\|"):
        make_two_class(true_w=(1.0, 0.0), true_b=100.0, noise=0.5, seed=0)


@pytest.fixture(scope="module")
def cancer():
    return load_breast_cancer_split()


def test_breast_cancer_split_shapes_labels_and_names(cancer):
    from sklearn.datasets import load_breast_cancer

    raw = load_breast_cancer()
    assert cancer.X_train.shape == (426, 30) and cancer.X_test.shape == (143, 30)
    assert cancer.y_train.shape == (426,) and cancer.y_test.shape == (143,)
    assert set(np.unique(np.r_[cancer.y_train, cancer.y_test]).tolist()) == {-1.0, 1.0}
    # +1 is scikit-learn's target 1 ("benign"), -1 its 0 ("malignant")
    assert (np.r_[cancer.y_train, cancer.y_test] == 1).sum() == (raw.target == 1).sum()
    assert cancer.target_names == ["malignant", "benign"] and cancer.feature_names == list(raw.feature_names)


def test_breast_cancer_split_is_stratified_standardised_on_train_only_and_reproducible(cancer):
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    raw = load_breast_cancer()
    np.testing.assert_allclose(cancer.X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(cancer.X_train.std(axis=0), 1.0, rtol=1e-12)
    assert np.abs(cancer.X_test.mean(axis=0)).max() > 1e-3  # the test part was not used to fit the scaler
    assert abs(cancer.y_train.mean() - cancer.y_test.mean()) < 0.02  # stratified: same class balance
    # the same split and scaling as scikit-learn's own tools with the same seed
    Xtr, Xte, ytr, yte = train_test_split(raw.data, 2.0 * raw.target - 1, test_size=0.25, random_state=0,
                                          stratify=raw.target)
    scaler = StandardScaler().fit(Xtr)
    np.testing.assert_array_equal(cancer.X_train, scaler.transform(Xtr))
    np.testing.assert_array_equal(cancer.X_test, scaler.transform(Xte))
    np.testing.assert_array_equal(cancer.y_test, yte)
    again = load_breast_cancer_split()
    np.testing.assert_array_equal(again.X_train, cancer.X_train)
    other = load_breast_cancer_split(test_size=0.5, seed=1)
    assert other.X_test.shape == (285, 30)


def test_digits_split_shapes_labels_and_standardisation():
    split = load_digits_split()
    assert split.X_train.shape == (1347, 64) and split.X_test.shape == (450, 64)
    assert sorted(np.unique(split.y_train).tolist()) == list(range(10))
    assert split.target_names == [str(d) for d in range(10)] and len(split.feature_names) == 64
    np.testing.assert_allclose(split.X_train.mean(axis=0), 0.0, atol=1e-12)
    std = split.X_train.std(axis=0)
    constant = std == 0  # border pixels that are 0 in every training image stay 0
    assert constant.any() and (split.X_train[:, constant] == 0).all()
    np.testing.assert_allclose(std[~constant], 1.0, rtol=1e-12)
    full = np.bincount(np.r_[split.y_train, split.y_test])
    assert (np.abs(np.bincount(split.y_test) - 0.25 * full) <= 1).all()  # stratified: a quarter of each digit
