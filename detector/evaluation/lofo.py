"""Leave one farm family out: can the model catch a trick it never saw?

For each family, a model is fitted on the training sites without any page that
carries the family (alone or mixed with others), then measured on the held-out
scraped pages whose main trick is that family, and on the stricter subset whose
only trick it is. A model that learned the simulator's templates, not the
behaviour behind the signals, fails here.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import pandas as pd

from ..metrics import model_labels


def carries(manifest: pd.DataFrame, family: str) -> np.ndarray:
    """Rows whose farm families include ``family``."""
    return manifest["families"].fillna("").str.split().map(lambda fs: family in fs).to_numpy()


def lofo_training_rows(manifest: pd.DataFrame, trainable: np.ndarray, family: str) -> np.ndarray:
    """Training rows for the model that must not see ``family``: trainable and not carrying it."""
    return np.asarray(trainable, bool) & ~carries(manifest, family)


def lofo_test_rows(manifest: pd.DataFrame, testable: np.ndarray, family: str) -> tuple[np.ndarray, np.ndarray]:
    """(main, only): testable scraped rows whose main trick is ``family``, and those with no other trick."""
    scraped = np.asarray(testable, bool) & manifest["label"].eq("scraped").to_numpy()
    main = scraped & manifest["main_family"].eq(family).to_numpy()
    only = scraped & manifest["families"].fillna("").str.strip().eq(family).to_numpy()
    return main | only, only


def _recall(predicted: np.ndarray, rows: np.ndarray, label: str = "scraped") -> float | None:
    return float((predicted[rows] == label).mean()) if rows.any() else None


def leave_one_family_out(matrix: np.ndarray, manifest: pd.DataFrame, trainable: np.ndarray,
                         testable: np.ndarray, families: Sequence[str],
                         fit: Callable[[np.ndarray, pd.DataFrame], object],
                         reference_labels: np.ndarray | None = None,
                         progress: Callable[[str], None] = lambda _: None
                         ) -> tuple[dict[str, dict], dict[str, np.ndarray]]:
    """(table, training rows): one row of the LOFO table per family, and per family
    the indices of the rows its model was fitted on (so a caller can check them).

    ``fit(matrix, manifest rows) -> model`` with ``predict_proba`` and, optionally,
    ``labels(proba)`` (its own decision); the real run fits like ``detector train``.
    ``reference_labels`` (the full model's labels on every row) adds the recall of a
    model that did see the family, for comparison.
    """
    manifest = manifest.reset_index(drop=True)
    table: dict[str, dict] = {}
    fitted_on: dict[str, np.ndarray] = {}
    for family in families:
        train_rows = lofo_training_rows(manifest, trainable, family)
        main, only = lofo_test_rows(manifest, testable, family)
        progress(f"leave-one-family-out: {family} ({int(train_rows.sum())} training pages)")
        model = fit(matrix[train_rows], manifest[train_rows])
        predicted = np.full(len(manifest), "", dtype=object)
        tested = main | only
        if tested.any():
            predicted[tested] = model_labels(model, model.predict_proba(matrix[tested]))
        row = {
            "training_pages": int(train_rows.sum()),
            "training_pages_dropped": int((np.asarray(trainable, bool) & ~train_rows).sum()),
            "test_pages": int(main.sum()), "test_pages_only": int(only.sum()),
            "recall": _recall(predicted, main), "recall_only": _recall(predicted, only),
            "flagged_not_original": float((predicted[main] != "original").mean()) if main.any() else None,
        }
        if reference_labels is not None:
            row["recall_full_model"] = _recall(np.asarray(reference_labels, dtype=object), main)
        table[family] = row
        fitted_on[family] = np.flatnonzero(train_rows)
    return table, fitted_on
