"""The feature layer: Page -> the numbers the classifier sees.

The features are the signal values, in registry order, so every model weight
maps to a named signal. Scoring calls ``signal_matrix`` on results it has already
computed, to run each signal once per page; ``detector.transformers.PageFeatures``
wraps the same as a scikit-learn transformer for users' own Pipelines.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .signals import SIGNAL_NAMES, SignalResult

FEATURE_NAMES: list[str] = list(SIGNAL_NAMES)


def signal_matrix(results_per_page: Sequence[Sequence[SignalResult]]) -> np.ndarray:
    """One row per page, one column per signal value, in FEATURE_NAMES order."""
    matrix = np.zeros((len(results_per_page), len(FEATURE_NAMES)), dtype=np.float64)
    for row, results in enumerate(results_per_page):
        matrix[row] = [r.value for r in results]
    return matrix
