"""Training: corpus -> signal matrix -> calibrated classifier -> model file + card."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .features import FEATURE_NAMES, signal_matrix
from .model import CLASSES, Model, build_classifier, decide_labels, save_model
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


REAL_ORIGINAL_WEIGHT = 2.0  # real originals are what false positives are measured on; simulated pages are plenty
TARGET_REAL_ORIGINAL_FPR = 0.01  # out-of-fold share of real originals labelled scraped the threshold must keep under
THRESHOLD_GRID = np.round(np.arange(0.50, 0.951, 0.01), 2)
FOLDS = 5


def sample_weights(manifest: pd.DataFrame) -> np.ndarray:
    real_original = manifest["origin"].eq("real").to_numpy() & manifest["label"].eq("original").to_numpy()
    return np.where(real_original, REAL_ORIGINAL_WEIGHT, 1.0)


def fit_model(matrix: np.ndarray, labels: pd.Series, random_state: int = 0,
              weights: np.ndarray | None = None, scraped_threshold: float = 0.5) -> Model:
    from threadpoolctl import threadpool_limits

    classifier = build_classifier(random_state)
    # One OpenMP thread: the data are small, and several threads on a busy 2-core machine
    # spin against each other for minutes instead of seconds.
    with threadpool_limits(1):
        classifier.fit(matrix, labels.to_numpy(dtype=object), sample_weight=weights)
    return Model(classifier, list(FEATURE_NAMES), CLASSES, scraped_threshold=scraped_threshold)


def out_of_fold_proba(matrix: np.ndarray, manifest: pd.DataFrame, random_state: int = 0) -> np.ndarray:
    """Class probabilities for every row from models that never saw its site."""
    from sklearn.model_selection import GroupKFold

    proba = np.zeros((len(matrix), len(CLASSES)))
    weights = sample_weights(manifest)
    for fit_rows, predict_rows in GroupKFold(FOLDS).split(matrix, groups=manifest["group"].to_numpy()):
        fold = fit_model(matrix[fit_rows], manifest["label"].iloc[fit_rows], random_state, weights[fit_rows])
        proba[predict_rows] = fold.predict_proba(matrix[predict_rows])
    return proba


def choose_threshold(proba: np.ndarray, manifest: pd.DataFrame) -> tuple[float, dict]:
    """The lowest p_scraped threshold whose out-of-fold false-positive rate on real originals
    stays under the target; with the recall it leaves on scraped pages."""
    real_original = manifest["origin"].eq("real").to_numpy() & manifest["label"].eq("original").to_numpy()
    scraped = manifest["label"].eq("scraped").to_numpy()
    chosen, rates = float(THRESHOLD_GRID[-1]), {}
    for threshold in THRESHOLD_GRID:
        labels = decide_labels(proba, threshold)
        rates = {"fpr_real_original": float((labels[real_original] == "scraped").mean()),
                 "recall_scraped": float((labels[scraped] == "scraped").mean())}
        if rates["fpr_real_original"] <= TARGET_REAL_ORIGINAL_FPR:
            chosen = float(threshold)
            break
    return chosen, {"threshold": chosen, "target_fpr_real_original": TARGET_REAL_ORIGINAL_FPR,
                    "out_of_fold": rates, "folds": FOLDS}


def train(records: pd.DataFrame, manifest: pd.DataFrame, model_dir: Path, corpus_info: dict,
          random_state: int = 0) -> tuple[Model, dict]:
    """Fit on the training sites only, measure on the held-out sites, save model and card."""
    from .evaluation.metrics import held_out_metrics

    matrix, ok = featurize(records)
    train_rows = ok & ~manifest["held_out"].to_numpy()
    test_rows = ok & manifest["held_out"].to_numpy()
    train_manifest = manifest[train_rows].reset_index(drop=True)
    threshold, threshold_choice = choose_threshold(
        out_of_fold_proba(matrix[train_rows], train_manifest, random_state), train_manifest)
    model = fit_model(matrix[train_rows], train_manifest["label"], random_state,
                      sample_weights(train_manifest), threshold)
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
        "threshold_choice": threshold_choice,
        "real_original_weight": REAL_ORIGINAL_WEIGHT,
        "held_out_metrics": metrics,
        "random_state": random_state,
    }
    save_model(model, Path(model_dir), card, check_rows=matrix[ok])
    return model, card


def _counts(manifest: pd.DataFrame) -> dict[str, int]:
    return {f"{l}/{o}": int(n) for (l, o), n in manifest.groupby(["label", "origin"]).size().items()}
