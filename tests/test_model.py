"""The shipped model loads, and a model file that does not match its card is refused."""
import json
import shutil

import numpy as np
import pytest

from detector.features import FEATURE_NAMES
from detector.model import CARD_FILE, MODEL_FILE, Model, ModelError, default_model_dir, load_model, save_model


def test_shipped_model_loads_with_matching_hash_and_features():
    model = load_model()
    card = json.loads((default_model_dir() / CARD_FILE).read_text())
    assert model.feature_names == FEATURE_NAMES == card["features"]
    proba = model.predict_proba(np.zeros((3, len(FEATURE_NAMES))))
    assert proba.shape == (3, 3)
    assert np.allclose(proba.sum(axis=1), 1.0)


@pytest.fixture
def model_copy(tmp_path):
    target = tmp_path / "model"
    shutil.copytree(default_model_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_tampered_model_file_is_refused_before_it_is_read(model_copy):
    path = model_copy / MODEL_FILE
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match"):
        load_model(model_copy)


def test_card_with_another_hash_is_refused(model_copy):
    card = json.loads((model_copy / CARD_FILE).read_text())
    card["sha256"] = "0" * 64
    (model_copy / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="does not match"):
        load_model(model_copy)


def test_model_built_for_other_features_is_refused(model_copy):
    shipped = load_model(model_copy)
    stale = Model(shipped.scraped, shipped.syndicated, FEATURE_NAMES[:-1] + ["a_signal_that_no_longer_exists"],
                  shipped.trained_prevalence, shipped.prevalence)
    save_model(stale, model_copy, {"note": "features renamed"})
    with pytest.raises(ModelError, match="other features"):
        load_model(model_copy)


def test_missing_model_says_how_to_build_one(tmp_path):
    with pytest.raises(ModelError, match="detector train"):
        load_model(tmp_path)


def test_a_model_from_an_earlier_version_says_how_to_rebuild_it(model_copy):
    (model_copy / MODEL_FILE).rename(model_copy / "detector.joblib")
    with pytest.raises(ModelError, match="earlier version.*detector train --out"):
        load_model(model_copy)
