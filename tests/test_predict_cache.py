"""The prediction cache gives exactly the model's probabilities, computing each distinguishable row once."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from detector.features import FEATURE_NAMES
from detector.model import Model, cached_model
from detector.predict_cache import CachedPredictor


@pytest.fixture(scope="module")
def model() -> Model:
    return cached_model()


def _rows(seed: int, count: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    # Mostly zeros, as real pages are, with values spread over every feature's range.
    values = rng.random((count, len(FEATURE_NAMES))) * rng.choice([0.0, 0.5, 1.0, 3.0], (count, len(FEATURE_NAMES)))
    return np.where(rng.random(values.shape) < 0.6, 0.0, values)


@pytest.mark.parametrize("seed, count", [(0, 1), (1, 7), (2, 300), (3, 2000)])
def test_cached_probabilities_equal_the_models_exactly(model, seed, count):
    rows = _rows(seed, count)
    assert np.array_equal(CachedPredictor(model).predict_proba(rows), model.predict_proba(rows))


def test_a_second_call_is_answered_from_the_cache(model, monkeypatch):
    predictor = CachedPredictor(model)
    rows = _rows(5, 500)
    first = predictor.predict_proba(rows)
    monkeypatch.setattr(model, "predict_proba", lambda matrix: pytest.fail("the model was called again"))
    assert np.array_equal(predictor.predict_proba(rows[::-1]), first[::-1])


def test_rows_between_the_same_thresholds_share_a_key(model):
    predictor = CachedPredictor(model)
    used = next(i for i, points in enumerate(predictor.points) if len(points) >= 2)
    low, high = predictor.points[used][:2]
    rows = np.zeros((4, len(FEATURE_NAMES)))
    rows[:, used] = [low + (high - low) * 0.25, low + (high - low) * 0.75, high, high + 1e-9]
    keys = predictor.keys(rows)
    # Trees send x left when x <= threshold: the intervals are (low, high], (high, next].
    assert (keys[0] == keys[1]).all() and (keys[1] == keys[2]).all()
    assert not (keys[2] == keys[3]).all()
    assert np.array_equal(predictor.predict_proba(rows), model.predict_proba(rows))


def test_missing_values_get_a_key_of_their_own(model):
    predictor = CachedPredictor(model)
    rows = np.zeros((2, len(FEATURE_NAMES)))
    rows[1, 0] = np.nan
    keys = predictor.keys(rows)
    assert keys[1, 0] == -1 and keys[0, 0] != -1


def test_other_classifiers_are_keyed_by_exact_values():
    rng = np.random.default_rng(0)
    features = rng.random((60, 3))
    scraped = LogisticRegression().fit(features, np.arange(60) % 2)
    syndicated = LogisticRegression().fit(features, np.arange(60) % 3 == 0)
    shares = {"original": 0.4, "syndicated": 0.3, "scraped": 0.3}
    other = Model(scraped, syndicated, ["a", "b", "c"], shares, shares)
    predictor = CachedPredictor(other)
    assert other.split_points() is None
    rows = np.vstack([features[:10], features[:10]])
    assert np.array_equal(predictor.predict_proba(rows), other.predict_proba(rows))
    assert len(predictor.cache) == 10


def test_the_cache_restarts_when_full(model):
    predictor = CachedPredictor(model, max_entries=50)
    rows = _rows(9, 400)
    assert np.array_equal(predictor.predict_proba(rows), model.predict_proba(rows))
    assert len(predictor.cache) <= max(50, len(np.unique(predictor.keys(rows), axis=0)))
    assert np.array_equal(predictor.predict_proba(rows[:30]), model.predict_proba(rows[:30]))
