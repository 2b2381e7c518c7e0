"""The signal values as a scikit-learn transformer, for users' own Pipelines.

Kept apart from ``detector.features`` so that scoring never imports scikit-learn.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .features import FEATURE_NAMES, signal_matrix
from .page import Page
from .signals import run_signals


class PageFeatures(TransformerMixin, BaseEstimator):
    """Transform a sequence of Pages into the signal-value matrix (FEATURE_NAMES columns)."""

    def fit(self, pages: Iterable[Page], y=None):
        self.n_features_in_ = len(FEATURE_NAMES)
        return self

    def transform(self, pages: Iterable[Page]) -> np.ndarray:
        return signal_matrix([run_signals(p) for p in pages])

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(FEATURE_NAMES, dtype=object)
