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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from .trees import BoostedTrees

CLASSES = ("original", "syndicated", "scraped")
MODEL_FILE = "detector.npz"
CARD_FILE = "model_card.json"


class ModelError(RuntimeError):
    """The model file is missing, does not match its card, or was built for other features."""


STAGES = ("scraped", "syndicated")  # the two binary classifiers, in the order they decide


def build_classifier(n_features: int, monotone: bool, random_state: int = 0):
    """Gradient-boosted trees over the signal values, calibrated by cross-validation.

    Trees capture the combinations the signals need ("cites ABC News" means little
    alone, a lot next to a mismatched source); isotonic calibration makes the
    probabilities honest. ``monotone`` constrains every signal to push the
    probability up, never down: a signal firing is evidence for the class, so more of
    it must never lower its probability (isotonic calibration and the average over
    folds keep that).
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier

    trees = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.08, max_leaf_nodes=15, min_samples_leaf=20,
        l2_regularization=1.0, random_state=random_state,
        monotonic_cst=[1] * n_features if monotone else None,
    )
    return CalibratedClassifierCV(trees, method="isotonic", cv=5)


def shift_prior(p: np.ndarray, trained: float, wanted: float) -> np.ndarray:
    """A calibrated probability moved from the class share it was trained at to another
    (Bayes' rule on the odds): the evidence stays, only the prior changes."""
    if trained == wanted:
        return p
    ratio = (wanted / (1 - wanted)) / (trained / (1 - trained))
    return p * ratio / (p * ratio + (1 - p))


def check_prevalence(prevalence: dict[str, float]) -> dict[str, float]:
    """Class shares for ``original``, ``syndicated``, ``scraped``: each in (0, 1), summing to 1."""
    unknown = set(prevalence) - set(CLASSES)
    if unknown or set(prevalence) != set(CLASSES):
        raise ValueError(f"prevalence needs exactly the classes {', '.join(CLASSES)}; got {', '.join(sorted(prevalence))}")
    values = {c: float(prevalence[c]) for c in CLASSES}
    if any(not 0 < v < 1 for v in values.values()) or abs(sum(values.values()) - 1) > 1e-6:
        raise ValueError(f"prevalence shares must each lie strictly between 0 and 1 and sum to 1: {values}")
    return values


@dataclass
class Model:
    """Two calibrated binary classifiers over the signal values, and the class shares they assume.

    ``scraped`` says scraped-or-not; ``syndicated`` says, of the pages that are not
    scraped, syndicated-or-original. So p_scraped = s, p_syndicated = (1 - s) y and
    p_original = (1 - s)(1 - y). The scraped classifier is monotone in every signal.
    Each classifier was calibrated on training pages whose class shares are
    ``trained_prevalence``; probabilities are given at ``prevalence`` (the shares stated
    for the pages being scored, documented in the model card), by Bayes' rule.
    ``label`` is always the most probable class.
    """

    scraped: object  # predict_proba -> (n, 2): [not scraped, scraped]
    syndicated: object  # predict_proba -> (n, 2): [original, syndicated]
    feature_names: list[str]
    trained_prevalence: dict[str, float]
    prevalence: dict[str, float]
    card: dict = field(default_factory=dict)
    classes: tuple[str, ...] = CLASSES

    def with_prevalence(self, prevalence: dict[str, float] | None) -> "Model":
        """The same classifiers with probabilities stated at other class shares."""
        if not prevalence:
            return self
        return replace(self, prevalence=check_prevalence(prevalence))

    def stage_proba(self, matrix: np.ndarray) -> np.ndarray:
        """(n, 2): P(scraped) and P(syndicated | not scraped), at the trained shares."""
        return np.column_stack([self.scraped.predict_proba(matrix)[:, 1],
                                self.syndicated.predict_proba(matrix)[:, 1]])

    def combine(self, stages: np.ndarray) -> np.ndarray:
        """Class probabilities (``CLASSES`` order) from ``stage_proba`` output, at ``prevalence``."""
        t, w = self.trained_prevalence, self.prevalence
        s = shift_prior(stages[:, 0], t["scraped"], w["scraped"])
        y = shift_prior(stages[:, 1], t["syndicated"] / (1 - t["scraped"]), w["syndicated"] / (1 - w["scraped"]))
        return np.column_stack([(1 - s) * (1 - y), (1 - s) * y, s])

    def predict_proba(self, matrix: np.ndarray) -> np.ndarray:
        """Probabilities with columns in ``CLASSES`` order."""
        if len(matrix) == 0:
            return np.zeros((0, len(self.classes)))
        return self.combine(self.stage_proba(np.asarray(matrix, dtype=np.float64)))

    def labels(self, proba: np.ndarray) -> np.ndarray:
        return decide_labels(proba)

    def split_points(self) -> list[np.ndarray] | None:
        """Per feature, every threshold either classifier compares it with (None unless both are arrays)."""
        if not (isinstance(self.scraped, BoostedTrees) and isinstance(self.syndicated, BoostedTrees)):
            return None
        n = len(self.feature_names)
        return [np.union1d(a, b) for a, b in zip(self.scraped.split_points(n), self.syndicated.split_points(n))]


def decide_labels(proba: np.ndarray) -> np.ndarray:
    """The most probable class of each row."""
    if len(proba) == 0:
        return np.asarray([], dtype=object)
    return np.asarray(CLASSES, dtype=object)[np.argmax(proba, axis=1)]


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
    """Write the model file (both classifiers as arrays), then a card pinning its sha256.

    With ``check_rows``, the array form must give exactly the fitted classifiers'
    probabilities on them, or nothing is written.
    """
    directory = Path(directory)
    import io

    arrays = {}
    for stage in STAGES:
        fitted = getattr(model, stage)
        trees = fitted if isinstance(fitted, BoostedTrees) else BoostedTrees.from_sklearn(fitted)
        if check_rows is not None and not np.array_equal(trees.predict_proba(check_rows), fitted.predict_proba(check_rows)):
            raise ModelError(f"the {stage} classifier's array form does not reproduce it; not saved")
        arrays.update({f"{stage}__{name}": value for name, value in trees.to_arrays().items()})
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays, feature_names=np.array(model.feature_names, dtype=str),
                        trained_prevalence=np.array([model.trained_prevalence[c] for c in CLASSES]),
                        prevalence=np.array([model.prevalence[c] for c in CLASSES]))
    model_path = directory / MODEL_FILE
    atomic_write_bytes(model_path, buffer.getvalue())
    card = dict(card, model_file=MODEL_FILE, sha256=sha256_file(model_path),
                features=model.feature_names, classes=list(model.classes),
                trained_prevalence=model.trained_prevalence, prevalence=model.prevalence,
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
        stages = [BoostedTrees({name.split("__", 1)[1]: value for name, value in arrays.items()
                                if name.startswith(f"{stage}__")}) for stage in STAGES]
        trained, stated = (dict(zip(CLASSES, map(float, arrays[key]))) for key in ("trained_prevalence", "prevalence"))
    except (OSError, ValueError, KeyError) as error:
        raise ModelError(f"{model_path} is not a detector model file ({error}); "
                         f"rebuild it with `detector train --out {directory}`") from error
    feature_names = [str(name) for name in arrays.get("feature_names", [])]
    if feature_names != FEATURE_NAMES:
        raise ModelError(f"{model_path} was trained on other features than this version of detector "
                         "computes; retrain it with `detector train`")
    model = Model(*stages, feature_names, trained, stated, card)
    return model.with_prevalence(parse_prevalence(os.environ.get(PREVALENCE_ENV, "")))


PREVALENCE_ENV = "DETECTOR_PREVALENCE"  # e.g. "original=0.9,syndicated=0.05,scraped=0.05"; how the CLI reaches workers


def parse_prevalence(text: str) -> dict[str, float] | None:
    """``"original=0.9,syndicated=0.05,scraped=0.05"`` -> shares (checked); "" -> None."""
    if not text.strip():
        return None
    shares = {}
    for item in text.split(","):
        name, _, value = item.partition("=")
        try:
            shares[name.strip()] = float(value)
        except ValueError:
            raise ValueError(f"prevalence item {item.strip()!r} is not CLASS=SHARE") from None
    return check_prevalence(shares)


@lru_cache(maxsize=8)
def cached_model(directory: str | None = None, prevalence: tuple[tuple[str, float], ...] | None = None) -> Model:
    """One loaded model per process, directory and stated prevalence (workers load it once)."""
    if prevalence:
        return cached_model(directory).with_prevalence(dict(prevalence))
    return load_model(directory)
