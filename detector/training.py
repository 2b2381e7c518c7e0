"""Training: corpus -> signal matrix -> calibrated classifier -> model file + card."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .features import FEATURE_NAMES, signal_matrix
from .model import CLASSES, Model, build_classifier, save_model
from .parse import ParseError, page_from_record
from .signals import run_signals


def featurize(records: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(signal matrix, parsed mask) for corpus records; unparsable rows get a zero row."""
    results, parsed = [], []
    for record in records.to_dict("records"):
        try:
            results.append(run_signals(page_from_record(record)))
            parsed.append(True)
        except ParseError:
            results.append([])
            parsed.append(False)
    matrix = np.zeros((len(results), len(FEATURE_NAMES)))
    ok = np.array(parsed, dtype=bool)
    if ok.any():
        matrix[ok] = signal_matrix([r for r, good in zip(results, parsed) if good])
    return matrix, ok


def fit_model(matrix: np.ndarray, labels: pd.Series, random_state: int = 0) -> Model:
    classifier = build_classifier(random_state)
    classifier.fit(matrix, labels.to_numpy())
    return Model(classifier, list(FEATURE_NAMES), CLASSES)


def train(records: pd.DataFrame, manifest: pd.DataFrame, model_dir: Path, corpus_info: dict,
          random_state: int = 0) -> tuple[Model, dict]:
    """Fit on the training sites only, measure on the held-out sites, save model and card."""
    from .evaluation.metrics import held_out_metrics

    matrix, ok = featurize(records)
    train_rows = ok & ~manifest["held_out"].to_numpy()
    test_rows = ok & manifest["held_out"].to_numpy()
    model = fit_model(matrix[train_rows], manifest.loc[train_rows, "label"], random_state)
    metrics = held_out_metrics(model, matrix[test_rows], manifest[test_rows])
    card = {
        "training_data": {
            "corpus_sha256": corpus_info.get("corpus_sha256", ""),
            "train_pages": int(train_rows.sum()),
            "held_out_pages": int(test_rows.sum()),
            "unparsable_pages_skipped": int((~ok).sum()),
            "train_by_label_origin": _counts(manifest[train_rows]),
            "held_out_by_label_origin": _counts(manifest[test_rows]),
            "train_sites": int(manifest.loc[train_rows, "group"].nunique()),
            "held_out_sites": int(manifest.loc[test_rows, "group"].nunique()),
        },
        "held_out_metrics": metrics,
        "random_state": random_state,
    }
    save_model(model, Path(model_dir), card)
    return model, card


def _counts(manifest: pd.DataFrame) -> dict[str, int]:
    return {f"{l}/{o}": int(n) for (l, o), n in manifest.groupby(["label", "origin"]).size().items()}
