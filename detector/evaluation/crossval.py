"""Site-grouped cross-validation, for real-page figures with more than a handful of pages.

The held-out split keeps a quarter of the sites, which leaves only a few real
syndicated pages to measure on. Cross-validating the same learner over folds of
whole sites predicts every page with a model that never saw its site, so the
false-positive rates on real pages rest on all of them.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Sequence

import numpy as np

DEFAULT_FOLDS = 5


def site_folds(groups: Sequence[str], folds: int = DEFAULT_FOLDS) -> np.ndarray:
    """A fold index per row, from a hash of its site: stable across runs and corpus versions."""
    return np.array([int(hashlib.sha256(g.encode()).hexdigest()[8:16], 16) % folds for g in groups])


def out_of_fold_proba(n_rows: int, fold_of: np.ndarray, usable: np.ndarray, predict_rows: np.ndarray,
                      fit_predict: Callable[[np.ndarray, np.ndarray], np.ndarray], n_classes: int) -> np.ndarray:
    """Probabilities for ``predict_rows``, each from a model fitted on the other folds' usable rows.

    ``fit_predict(train_mask, test_mask) -> proba for test rows``; rows outside
    ``predict_rows`` stay zero.
    """
    proba = np.zeros((n_rows, n_classes))
    for fold in np.unique(fold_of):
        test = predict_rows & (fold_of == fold)
        if not test.any():
            continue
        train = usable & (fold_of != fold)
        proba[test] = fit_predict(train, test)
    return proba
