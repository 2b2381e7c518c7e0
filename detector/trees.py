"""The trained classifiers as plain arrays, evaluated with NumPy alone.

Each classifier is scikit-learn's isotonic-calibrated HistGradientBoostingClassifier
(binary: one tree per iteration; or multiclass: one per class and iteration). Training
needs scikit-learn; scoring does not. ``BoostedTrees.from_sklearn`` copies the fitted
trees and calibration curves into arrays (stored as ``.npz`` by ``detector.model``: no
pickle, so loading runs no code from the file), and ``predict_proba`` repeats
scikit-learn's arithmetic step for step, in the same order, so the probabilities are
bit for bit the same (``tests/test_trees.py``). A scoring process thereby skips importing
scikit-learn and SciPy, about 90 MB of memory per process.
"""
from __future__ import annotations

import numpy as np

FORMAT = "detector-boosted-trees/1"
CHUNK_ROWS = 32  # rows walked at once: (rows, trees) arrays of ~100k entries, ~2 MB at peak, fastest per row


class BoostedTrees:
    """Calibrated gradient-boosted trees: ``predict_proba`` and ``classes_`` as in scikit-learn.

    Nodes of every tree live in flat arrays; a leaf points to itself, so walking all
    trees for all rows is one loop of array look-ups per level of depth.
    Trees are stored fold by fold, then iteration by iteration, then class by class,
    which is the order scikit-learn adds their values in.
    """

    ARRAYS = ("classes", "feature", "threshold", "left", "right", "missing_left", "value",
              "roots", "tree_fold", "tree_class", "baseline", "curve_x", "curve_y", "curve_offsets",
              "curve_bounds", "depth")

    def __init__(self, arrays: dict[str, np.ndarray]):
        """From ``to_arrays()`` output (other keys are ignored)."""
        tag = str(arrays["format"]) if "format" in arrays else "no format tag"
        missing = [name for name in self.ARRAYS if name not in arrays]
        if tag != FORMAT or missing:
            raise ValueError(f"not a {FORMAT} model ({tag}; missing: {', '.join(missing) or 'nothing'})")
        for name in self.ARRAYS:
            setattr(self, name, arrays[name])
        self.classes_ = np.array([str(c) for c in self.classes], dtype=object)
        # One raw output per class, or a single one for two classes (scikit-learn's binary form).
        self.n_folds, self.n_outputs = self.baseline.shape
        # The trees of each (fold, output), in the order their values are added.
        self._tree_groups = [[np.flatnonzero((self.tree_fold == fold) & (self.tree_class == k))
                              for k in range(self.n_outputs)] for fold in range(self.n_folds)]

    # ------------------------------------------------------------------ building

    @classmethod
    def from_sklearn(cls, classifier) -> "BoostedTrees":
        """Copy a fitted ``CalibratedClassifierCV(HistGradientBoostingClassifier, method="isotonic")``."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.ensemble import HistGradientBoostingClassifier

        if not isinstance(classifier, CalibratedClassifierCV) or classifier.method != "isotonic":
            raise TypeError(f"expected an isotonic CalibratedClassifierCV, got {classifier!r}")
        classes = [str(c) for c in classifier.classes_]
        if len(classes) < 2:
            raise TypeError("the array form needs two or more classes")
        columns = {name: [] for name in ("feature", "threshold", "left", "right", "missing_left", "value")}
        roots, tree_fold, tree_class, baseline, depth, offset = [], [], [], [], 0, 0
        curve_x, curve_y, curve_offsets, curve_bounds = [], [], [0], []
        for fold, calibrated in enumerate(classifier.calibrated_classifiers_):
            trees = calibrated.estimator
            if not isinstance(trees, HistGradientBoostingClassifier):
                raise TypeError(f"expected HistGradientBoostingClassifier folds, got {trees!r}")
            categorical = getattr(trees, "is_categorical_", None)
            if getattr(trees, "_preprocessor", None) is not None or (categorical is not None and np.any(categorical)):
                raise TypeError("categorical features are not supported")
            if [str(c) for c in trees.classes_] != classes or [str(c) for c in calibrated.classes] != classes:
                raise TypeError("every fold must know every class, in the same order")
            baseline.append(np.asarray(trees._baseline_prediction, dtype=np.float64).reshape(-1))
            for iteration in trees._predictors:
                for k, predictor in enumerate(iteration):
                    nodes, start = predictor.nodes, offset
                    offset += len(nodes)
                    leaf = nodes["is_leaf"].astype(bool)
                    own = np.arange(len(nodes)) + start
                    columns["feature"].append(np.where(leaf, 0, nodes["feature_idx"]).astype(np.int32))
                    columns["threshold"].append(nodes["num_threshold"].astype(np.float64))
                    columns["left"].append(np.where(leaf, own, nodes["left"] + start).astype(np.int32))
                    columns["right"].append(np.where(leaf, own, nodes["right"] + start).astype(np.int32))
                    columns["missing_left"].append(nodes["missing_go_to_left"].astype(bool))
                    columns["value"].append(nodes["value"].astype(np.float64))
                    roots.append(start)
                    tree_fold.append(fold)
                    tree_class.append(k)
                    depth = max(depth, int(nodes["depth"].max()))
            for calibrator in calibrated.calibrators:
                curve_x.append(np.asarray(calibrator.X_thresholds_, dtype=np.float64))
                curve_y.append(np.asarray(calibrator.y_thresholds_, dtype=np.float64))
                curve_offsets.append(curve_offsets[-1] + len(curve_x[-1]))
                curve_bounds.append((calibrator.X_min_, calibrator.X_max_))
        arrays = {name: np.concatenate(parts) for name, parts in columns.items()}
        arrays.update(
            classes=np.array(classes, dtype=str), roots=np.array(roots, dtype=np.int32),
            tree_fold=np.array(tree_fold, dtype=np.int32), tree_class=np.array(tree_class, dtype=np.int32),
            baseline=np.stack(baseline), curve_x=np.concatenate(curve_x), curve_y=np.concatenate(curve_y),
            curve_offsets=np.array(curve_offsets, dtype=np.int64),
            curve_bounds=np.array(curve_bounds, dtype=np.float64), depth=np.array(depth))
        return cls({"format": np.array(FORMAT), **arrays})

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The arrays to store (``np.savez``), with the format tag ``__init__`` checks."""
        return {"format": np.array(FORMAT), **{name: getattr(self, name) for name in self.ARRAYS}}

    # ------------------------------------------------------------------ predicting

    def leaf_values(self, X: np.ndarray) -> np.ndarray:
        """(rows, trees): the value of the leaf each row reaches in each tree."""
        rows = np.arange(len(X))[:, None]
        node = np.broadcast_to(self.roots, (len(X), len(self.roots)))
        for _ in range(int(self.depth)):
            x = X[rows, self.feature[node]]
            # As scikit-learn: a missing value takes the side learnt for it, others go left when <= threshold.
            left = np.where(np.isnan(x), self.missing_left[node], x <= self.threshold[node])
            node = np.where(left, self.left[node], self.right[node])
        return self.value[node]

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """(folds, rows, outputs): each fold's raw scores, summed in scikit-learn's order."""
        values = self.leaf_values(X)
        raw = np.empty((self.n_folds, len(X), self.n_outputs))
        for fold, groups in enumerate(self._tree_groups):
            for k, trees in enumerate(groups):
                terms = np.column_stack([np.full(len(X), self.baseline[fold, k]), values[:, trees]])
                raw[fold, :, k] = np.add.accumulate(terms, axis=1)[:, -1]  # sequential, not pairwise
        return raw

    def _calibrate(self, curve: int, scores: np.ndarray) -> np.ndarray:
        """IsotonicRegression.predict: clip to the fitted range, then interpolate linearly
        (SciPy's interp1d hands float64 curves to ``np.interp``, as here)."""
        start, end = self.curve_offsets[curve], self.curve_offsets[curve + 1]
        xs, ys = self.curve_x[start:end], self.curve_y[start:end]
        low, high = self.curve_bounds[curve]
        scores = np.clip(scores, low, high)
        return np.repeat(ys, len(scores)) if len(xs) == 1 else np.interp(scores, xs, ys)

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities in ``classes_`` order, as ``CalibratedClassifierCV.predict_proba``."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"expected a 2-d feature matrix, got shape {X.shape}")
        if len(X) > CHUNK_ROWS:
            return np.concatenate([self.predict_proba(X[i:i + CHUNK_ROWS]) for i in range(0, len(X), CHUNK_ROWS)])
        raw = self.decision_function(X)
        n_classes = len(self.classes_)
        mean = np.zeros((len(X), n_classes))
        for fold in range(self.n_folds):
            proba = np.zeros((len(X), n_classes))
            if n_classes == 2:  # one calibrated output, for the second class
                proba[:, 1] = self._calibrate(fold, raw[fold, :, 0])
                proba[:, 0] = 1.0 - proba[:, 1]
            else:
                for k in range(n_classes):
                    proba[:, k] = self._calibrate(fold * n_classes + k, raw[fold, :, k])
                denominator = np.sum(proba, axis=1)[:, np.newaxis]
                uniform = np.full_like(proba, 1 / n_classes)
                proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
            proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
            mean += proba
        mean /= self.n_folds
        return mean

    def split_points(self, n_features: int) -> list[np.ndarray]:
        """Per feature, the sorted thresholds some tree compares it with."""
        inner = self.left != np.arange(len(self.left))
        return [np.unique(self.threshold[inner & (self.feature == f)]) for f in range(n_features)]
