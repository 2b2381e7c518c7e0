"""The feature layer: Page -> the numbers the classifier sees.

The features are the signal values, in registry order, so every model weight
maps to a named signal. ``PageFeatures`` is a real scikit-learn transformer
(pages in, matrix out) so it composes in users' own Pipelines; scoring calls
``signal_matrix`` directly on results it has already computed, to run each
signal once per page.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .page import Page
from .signals import SIGNAL_NAMES, SignalResult, run_signals

FEATURE_NAMES: list[str] = list(SIGNAL_NAMES)


def signal_matrix(results_per_page: Sequence[Sequence[SignalResult]]) -> np.ndarray:
    """One row per page, one column per signal value, in FEATURE_NAMES order."""
    matrix = np.zeros((len(results_per_page), len(FEATURE_NAMES)), dtype=np.float64)
    for row, results in enumerate(results_per_page):
        matrix[row] = [r.value for r in results]
    return matrix


class PageFeatures(TransformerMixin, BaseEstimator):
    """Transform a sequence of Pages into the signal-value matrix."""

    def fit(self, pages: Iterable[Page], y=None):
        self.n_features_in_ = len(FEATURE_NAMES)
        return self

    def transform(self, pages: Iterable[Page]) -> np.ndarray:
        return signal_matrix([run_signals(p) for p in pages])

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(FEATURE_NAMES, dtype=object)
