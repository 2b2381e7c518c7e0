"""Class probabilities with each distinguishable feature row computed once.

Calling the classifier costs about 20 ms whatever the batch size (5 calibrated
gradient-boosting models of 600 trees each, one Python-level call per tree), while
real pages repeat themselves: most fire no signal at all, and the trees only ask
whether a value is above or below a few dozen thresholds. So rows are keyed by the
interval each value falls in between the thresholds the trees use: two rows with
the same key follow the same path through every tree and get exactly the same
probabilities. Each new key is computed once, in one call for the whole batch,
and remembered (a bounded cache per process).

For classifiers other than (calibrated) histogram gradient boosting, rows are
keyed by their exact values, which is just as exact and only hits less often.
"""
from __future__ import annotations

import numpy as np

MAX_ENTRIES = 200_000  # keys remembered per process (a few MB); the cache restarts when full


def _boosted_trees(classifier) -> list | None:
    """The HistGradientBoosting models behind ``classifier``, or None for other kinds."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier

    if isinstance(classifier, HistGradientBoostingClassifier):
        models = [classifier]
    elif isinstance(classifier, CalibratedClassifierCV):
        models = [calibrated.estimator for calibrated in classifier.calibrated_classifiers_]
    else:
        return None
    if not all(isinstance(m, HistGradientBoostingClassifier) for m in models):
        return None
    return models


def split_points(classifier, n_features: int) -> list[np.ndarray] | None:
    """Per feature, the sorted thresholds the trees compare it with; None when unknown.

    A tree sends a value left when ``value <= threshold``, so values with the same
    count of thresholds strictly below them take the same branch at every node.
    """
    models = _boosted_trees(classifier)
    if models is None:
        return None
    found: list[set[float]] = [set() for _ in range(n_features)]
    for model in models:
        if getattr(model, "_preprocessor", None) is not None or np.any(getattr(model, "is_categorical_", None) or False):
            return None  # categorical splits are not threshold comparisons
        for iteration in model._predictors:
            for tree in iteration:
                splits = tree.nodes[tree.nodes["is_leaf"] == 0]
                for feature, threshold in zip(splits["feature_idx"].tolist(), splits["num_threshold"].tolist()):
                    found[feature].add(threshold)
    return [np.array(sorted(values), dtype=np.float64) for values in found]


class CachedPredictor:
    """``model.predict_proba`` computing each distinguishable row once per process."""

    def __init__(self, model, max_entries: int = MAX_ENTRIES):
        self.model = model
        self.max_entries = max_entries
        self.points = split_points(model.classifier, len(model.feature_names))
        self.cache: dict[bytes, np.ndarray] = {}

    def keys(self, matrix: np.ndarray) -> np.ndarray:
        """One row of integers per feature row; equal keys mean equal probabilities."""
        matrix = np.asarray(matrix, dtype=np.float64)
        if self.points is None:
            return matrix.view(np.int64)  # exact values (as bits)
        keys = np.empty(matrix.shape, dtype=np.int32)
        for column, points in enumerate(self.points):
            values = matrix[:, column]
            keys[:, column] = np.searchsorted(points, values, side="left")
            keys[np.isnan(values), column] = -1  # missing values have a branch of their own
        return keys

    def predict_proba(self, matrix: np.ndarray) -> np.ndarray:
        matrix = np.asarray(matrix, dtype=np.float64)
        if len(matrix) == 0:
            return self.model.predict_proba(matrix)
        keys = np.ascontiguousarray(self.keys(matrix))
        unique, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        names = [row.tobytes() for row in unique]
        missing = [i for i, name in enumerate(names) if name not in self.cache]
        if len(self.cache) + len(missing) > self.max_entries:
            self.cache.clear()
            missing = list(range(len(names)))
        if missing:
            with single_threaded():
                computed = self.model.predict_proba(matrix[first[missing]])
            for i, row in zip(missing, computed):
                self.cache[names[i]] = row
        table = np.stack([self.cache[name] for name in names])
        return table[inverse.reshape(-1)]


_CONTROLLER = None


def single_threaded():
    """A context in which the model's OpenMP runs on one thread.

    Its trees are tiny: threads gain nothing, and on a busy machine (other jobs,
    other workers) every one of the 3,000 parallel regions per call waits for a
    descheduled thread, which turns a 20 ms call into seconds. The controller
    looks up the loaded libraries once; each use then costs microseconds.
    """
    global _CONTROLLER
    if _CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER.limit(limits=1, user_api="openmp")


_PREDICTORS: dict[int, CachedPredictor] = {}


def cached_predictor(model) -> CachedPredictor:
    """The process's CachedPredictor for ``model`` (models are few and live as long as the process)."""
    predictor = _PREDICTORS.get(id(model))
    if predictor is None or predictor.model is not model:
        if len(_PREDICTORS) >= 8:
            _PREDICTORS.clear()
        predictor = _PREDICTORS[id(model)] = CachedPredictor(model)
    return predictor
