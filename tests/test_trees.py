"""The model's array form gives scikit-learn's probabilities bit for bit, and scoring needs no scikit-learn."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from detector.features import FEATURE_NAMES
from detector.model import (CLASSES, MODEL_FILE, Model, ModelError, build_classifier, default_model_dir, load_model,
                            save_model, sha256_file)
from detector.trees import BoostedTrees

N_FEATURES = len(FEATURE_NAMES)
LABELS = np.array(["original", "syndicated", "scraped"])


def _rows(seed: int, count: int) -> np.ndarray:
    """Signal-like rows: mostly zeros, a spread of values, some missing."""
    rng = np.random.default_rng(seed)
    values = rng.random((count, N_FEATURES)) * rng.choice([0.0, 0.5, 1.0, 3.0, 40.0], (count, N_FEATURES))
    values = np.where(rng.random(values.shape) < 0.5, 0.0, values)
    values[rng.random(values.shape) < 0.03] = np.nan
    return values


def _labels(rows: np.ndarray) -> np.ndarray:
    score = np.nan_to_num(rows[:, 0]) + np.nan_to_num(rows[:, 3]) + np.random.default_rng(1).normal(0, 0.3, len(rows))
    return LABELS[np.digitize(score, np.quantile(score, [0.5, 0.75]))]


@pytest.fixture(scope="module", params=["binary, monotone", "three classes"])
def fitted(request):
    """Classifiers built as `detector train` builds its stages (binary, monotone) and a
    three-class one, on rows whose label follows two features."""
    rows = _rows(0, 900)
    labels = _labels(rows)
    if request.param == "three classes":
        return build_classifier(N_FEATURES, monotone=False, random_state=0).fit(rows, labels)
    return build_classifier(N_FEATURES, monotone=True, random_state=0).fit(rows, labels == "scraped")


@pytest.fixture(scope="module")
def stages():
    rows = _rows(0, 900)
    labels = _labels(rows)
    scraped = build_classifier(N_FEATURES, monotone=True, random_state=0).fit(rows, labels == "scraped")
    rest = labels != "scraped"
    syndicated = build_classifier(N_FEATURES, monotone=False, random_state=0).fit(rows[rest], labels[rest] == "syndicated")
    return scraped, syndicated


SHARES = {"original": 0.5, "syndicated": 0.25, "scraped": 0.25}


def test_array_form_equals_scikit_learn_bit_for_bit(fitted):
    trees = BoostedTrees.from_sklearn(fitted)
    rows = _rows(2, 3000)
    # Values beyond what training saw and values exactly on the trees' thresholds.
    rows[:50] *= 1000.0
    points = trees.split_points(N_FEATURES)
    used = [f for f in range(N_FEATURES) if len(points[f])]
    for i, feature in enumerate(used):
        rows[50 + i, feature] = points[feature][len(points[feature]) // 2]
    raw = trees.decision_function(rows)
    for fold, calibrated in enumerate(fitted.calibrated_classifiers_):
        expected = calibrated.estimator.decision_function(rows)
        assert np.array_equal(raw[fold].reshape(expected.shape), expected)
    assert np.array_equal(trees.predict_proba(rows), fitted.predict_proba(rows))
    assert list(trees.classes_) == [str(c) for c in fitted.classes_]


def test_the_shipped_model_reads_without_pickle():
    model = load_model()
    assert isinstance(model.scraped, BoostedTrees) and isinstance(model.syndicated, BoostedTrees)
    with np.load(default_model_dir() / MODEL_FILE, allow_pickle=False) as stored:  # pickles would raise here
        assert str(stored["scraped__format"]).startswith("detector-boosted-trees/")
        assert all(stored[name].dtype != object for name in stored.files)
    proba = model.predict_proba(_rows(3, 20))
    assert proba.shape == (20, 3) and np.allclose(proba.sum(axis=1), 1.0)


def test_saving_a_fitted_model_round_trips_exactly(stages, tmp_path):
    rows = _rows(4, 500)
    stated = {"original": 0.8, "syndicated": 0.1, "scraped": 0.1}
    save_model(Model(*stages, FEATURE_NAMES, SHARES, stated), tmp_path, {"note": "test"}, check_rows=rows)
    loaded = load_model(tmp_path)
    assert loaded.prevalence == stated and loaded.trained_prevalence == SHARES
    assert json.loads((tmp_path / "model_card.json").read_text())["model_file"] == MODEL_FILE
    expected = Model(*stages, FEATURE_NAMES, SHARES, stated).predict_proba(rows)
    assert np.array_equal(loaded.predict_proba(rows), expected)


def test_a_model_whose_array_form_disagrees_is_not_saved(stages, tmp_path, monkeypatch):
    original = BoostedTrees.predict_proba
    monkeypatch.setattr(BoostedTrees, "predict_proba", lambda self, X: original(self, X) + 1e-12)
    with pytest.raises(ModelError, match="does not reproduce"):
        save_model(Model(*stages, FEATURE_NAMES, SHARES, SHARES), tmp_path, {}, check_rows=_rows(5, 50))
    assert not (tmp_path / MODEL_FILE).exists()


def test_only_isotonic_calibrated_boosted_trees_convert():
    from sklearn.linear_model import LogisticRegression

    with pytest.raises(TypeError, match="CalibratedClassifierCV"):
        BoostedTrees.from_sklearn(LogisticRegression())


def test_a_model_file_of_another_kind_is_refused(tmp_path):
    target = tmp_path / "model"
    shutil.copytree(default_model_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    np.savez(target / MODEL_FILE, weights=np.zeros(3))
    card = json.loads((target / "model_card.json").read_text())
    card["sha256"] = sha256_file(target / MODEL_FILE)
    (target / "model_card.json").write_text(json.dumps(card))
    with pytest.raises(ModelError, match="not a detector model file"):
        load_model(target)


def test_scoring_imports_neither_scikit_learn_nor_scipy(examples):
    """A scoring process (CLI, pool worker, Dask or Spark task) stays ~90 MB lighter."""
    code = (
        "import sys; from detector.api import score; "
        f"rows = score([{str(examples / 'original_report.html')!r}, {str(examples / 'scraped_farm.txt')!r}]); "
        "assert rows['error'].eq('').all(), rows['error'].tolist(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_page_features_transformer_gives_the_scoring_matrix(examples):
    from sklearn.base import clone

    from detector.parse import page_from_record
    from detector.readers import iter_records
    from detector.signals import run_signals
    from detector.features import signal_matrix
    from detector.transformers import PageFeatures

    pages = [page_from_record(r) for name in ("original_report.html", "scraped_farm.txt")
             for r in iter_records(examples / name)]
    transformer = clone(PageFeatures()).fit(pages)
    assert np.array_equal(transformer.transform(pages), signal_matrix([run_signals(p) for p in pages]))
    assert list(transformer.get_feature_names_out()) == FEATURE_NAMES
