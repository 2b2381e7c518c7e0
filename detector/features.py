"""The feature layer: Page -> the numbers the classifier sees.

The features are the signal values, in registry order, then the cross-page signals
(``detector.linking``), so every model weight maps to a named signal. A page scored
alone has no cross-page evidence: those columns are 0 until the batch is linked, and
the linking stage recomputes the probabilities of the pages it links. Scoring calls
``signal_matrix`` on results it has already computed, to run each signal once per page;
``detector.transformers.PageFeatures`` wraps the same as a scikit-learn transformer.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .linking.signals import CROSS_PAGE_NAMES
from .signals import SIGNAL_NAMES, SignalResult

FEATURE_NAMES: list[str] = list(SIGNAL_NAMES) + list(CROSS_PAGE_NAMES)


def signal_matrix(results_per_page: Sequence[Sequence[SignalResult]]) -> np.ndarray:
    """One row per page, one column per feature in FEATURE_NAMES order (cross-page ones 0)."""
    matrix = np.zeros((len(results_per_page), len(FEATURE_NAMES)), dtype=np.float64)
    width = len(SIGNAL_NAMES)
    for row, results in enumerate(results_per_page):
        matrix[row, :width] = [r.value for r in results]
    return matrix
