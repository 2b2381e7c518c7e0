"""Class probabilities with each distinguishable feature row computed once.

Calling the classifier costs about half a millisecond a row (5 calibrated
gradient-boosting models of 600 trees each), while real pages repeat themselves: most
fire no signal at all, and the trees only ask whether a value is above or below a few
dozen thresholds. So rows are keyed by the interval each value falls in between the
thresholds the trees use: two rows with the same key follow the same path through
every tree and get exactly the same probabilities. Each new key is computed once, in
one call for the whole batch, and remembered (a bounded cache per process).

For other classifiers (a scikit-learn model fresh from training), rows are
keyed by their exact values, which is just as exact and only hits less often.
"""
from __future__ import annotations

import numpy as np

MAX_ENTRIES = 200_000  # keys remembered per process (a few MB); the cache restarts when full


class CachedPredictor:
    """``model.predict_proba`` computing each distinguishable row once per process."""

    def __init__(self, model, max_entries: int = MAX_ENTRIES):
        self.model = model
        self.max_entries = max_entries
        # Per feature, the sorted thresholds the trees compare it with (None unless the model is
        # array-form trees). A tree sends a value left when ``value <= threshold``, so values with
        # the same count of thresholds strictly below them take the same branch at every node.
        self.points = model.split_points()
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
