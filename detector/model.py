"""The trained model: building, saving with a model card, and loading behind a hash check.

The model file holds plain arrays (``detector.trees``), not a pickle: loading it runs no
code from the file and needs no scikit-learn. It is read only after its sha256 matches
the one its card pins, so a swapped or corrupted file is refused.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .trees import BoostedTrees

CLASSES = ("original", "syndicated", "scraped")
MODEL_FILE = "detector.npz"
CARD_FILE = "model_card.json"


class ModelError(RuntimeError):
    """The model file is missing, does not match its card, or was built for other features."""


def build_classifier(random_state: int = 0):
    """Gradient-boosted trees over the signal values, calibrated by cross-validation.

    Trees capture the combinations the signals need ("cites ABC News" means little
    alone, a lot next to a mismatched source); isotonic calibration makes the
    probabilities honest enough to threshold.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier

    trees = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.08, max_leaf_nodes=15, min_samples_leaf=20,
        l2_regularization=1.0, random_state=random_state,
    )
    return CalibratedClassifierCV(trees, method="isotonic", cv=5)


def decide_labels(proba: np.ndarray, scraped_threshold: float = 0.5) -> np.ndarray:
    """The default decision: ``scraped`` when p_scraped reaches the threshold, else the
    likelier of ``original`` and ``syndicated``.

    The threshold is chosen at training time (out-of-fold, on training sites) to keep
    real originals from being called scraped; the probabilities themselves stay calibrated.
    """
    if len(proba) == 0:
        return np.asarray([], dtype=object)
    other = np.where(proba[:, 1] > proba[:, 0], CLASSES[1], CLASSES[0])
    return np.where(proba[:, 2] >= scraped_threshold, CLASSES[2], other).astype(object)


@dataclass
class Model:
    """A fitted classifier with the feature names it was trained on and its decision threshold."""

    classifier: object
    feature_names: list[str]
    classes: tuple[str, ...] = CLASSES
    card: dict = field(default_factory=dict)
    scraped_threshold: float = 0.5

    def labels(self, proba: np.ndarray) -> np.ndarray:
        return decide_labels(proba, self.scraped_threshold)

    def predict_proba(self, matrix: np.ndarray) -> np.ndarray:
        """Probabilities with columns in ``CLASSES`` order."""
        if len(matrix) == 0:
            return np.zeros((0, len(self.classes)))
        proba = self.classifier.predict_proba(matrix)
        order = [list(self.classifier.classes_).index(c) for c in self.classes]
        return proba[:, order]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for name in ("scikit-learn", "numpy", "pandas", "joblib", "selectolax", "wordfreq", "tldextract"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "absent"
    return versions


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_model(model: Model, directory: Path, card: dict, check_rows: np.ndarray | None = None) -> Path:
    """Write the model file (the classifier as arrays), then a card pinning its sha256.

    With ``check_rows``, the array form must give exactly the fitted classifier's
    probabilities on them, or nothing is written.
    """
    directory = Path(directory)
    import io

    trees = model.classifier if isinstance(model.classifier, BoostedTrees) else BoostedTrees.from_sklearn(model.classifier)
    if check_rows is not None and not np.array_equal(trees.predict_proba(check_rows),
                                                     model.classifier.predict_proba(check_rows)):
        raise ModelError("the model's array form does not reproduce the fitted classifier; not saved")
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **trees.to_arrays(), feature_names=np.array(model.feature_names, dtype=str),
                        scraped_threshold=np.array(model.scraped_threshold, dtype=np.float64))
    model_path = directory / MODEL_FILE
    atomic_write_bytes(model_path, buffer.getvalue())
    card = dict(card, model_file=MODEL_FILE, sha256=sha256_file(model_path),
                features=model.feature_names, classes=list(model.classes),
                scraped_threshold=model.scraped_threshold,
                package_versions=package_versions())
    atomic_write_bytes(directory / CARD_FILE, (json.dumps(card, indent=2, sort_keys=True) + "\n").encode())
    return model_path


def default_model_dir() -> Path:
    """The model shipped with the package (``models/`` in the repository)."""
    override = os.environ.get("DETECTOR_MODEL_DIR")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parent.parent / "models"
    if (checkout / CARD_FILE).exists():  # running from a source checkout or an editable install
        return checkout
    return Path(__file__).resolve().parent / "_models"  # installed from a wheel (see pyproject.toml)


def load_model(directory: Path | str | None = None) -> Model:
    """Load a model after checking its sha256 against its card."""
    from .features import FEATURE_NAMES

    directory = Path(directory) if directory else default_model_dir()
    card_path, model_path = directory / CARD_FILE, directory / MODEL_FILE
    if not model_path.exists() and (directory / "detector.joblib").exists():
        raise ModelError(f"{directory} holds a model saved by an earlier version of detector (detector.joblib, "
                         f"a pickle); run `detector train --out {directory}` to rebuild it as {MODEL_FILE}")
    if not card_path.exists() or not model_path.exists():
        raise ModelError(f"no trained model in {directory} (expected {MODEL_FILE} and {CARD_FILE}); "
                         "run `detector train` to build one")
    card = json.loads(card_path.read_text())
    actual = sha256_file(model_path)
    if actual != card.get("sha256"):
        raise ModelError(f"refusing {model_path}: its sha256 {actual[:12]}... does not match "
                         f"the {card.get('sha256', 'missing')[:12]}... pinned in {card_path}")
    try:
        with np.load(model_path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        trees = BoostedTrees(arrays)
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(f"{model_path} is not a detector model file: {error}") from error
    feature_names = [str(name) for name in arrays.get("feature_names", [])]
    if feature_names != FEATURE_NAMES:
        raise ModelError(f"{model_path} was trained on other features than this version of detector "
                         "computes; retrain it with `detector train`")
    return Model(trees, feature_names, CLASSES, card, float(arrays["scraped_threshold"]))


@lru_cache(maxsize=4)
def cached_model(directory: str | None = None) -> Model:
    """One loaded model per process and directory (workers load it once)."""
    return load_model(directory)
