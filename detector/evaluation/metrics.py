"""Held-out figures for a model: discrimination, calibration, real-page false positives."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import (average_precision_score, brier_score_loss, confusion_matrix,
                             precision_recall_fscore_support, roc_auc_score)

from ..model import CLASSES


def expected_calibration_error(y_true: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Mean |observed rate - mean predicted| over equal-width bins, weighted by bin size."""
    y_true, p = np.asarray(y_true, float), np.asarray(p, float)
    edges = np.linspace(0, 1, bins + 1)
    index = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            ece += mask.mean() * abs(y_true[mask].mean() - p[mask].mean())
    return float(ece)


def _safe(metric, y, p) -> float | None:
    return float(metric(y, p)) if len(set(y)) == 2 else None


def binary_figures(y_true: np.ndarray, p: np.ndarray, predicted: np.ndarray) -> dict:
    precision, recall, f1, _ = precision_recall_fscore_support(
        y_true, predicted, average="binary", zero_division=0)
    return {"roc_auc": _safe(roc_auc_score, y_true, p), "pr_auc": _safe(average_precision_score, y_true, p),
            "precision": float(precision), "recall": float(recall), "f1": float(f1),
            "brier": float(brier_score_loss(y_true, p)) if len(y_true) else None,
            "ece": expected_calibration_error(y_true, p) if len(y_true) else None}


def figures_from_proba(proba: np.ndarray, manifest: pd.DataFrame) -> dict:
    """All headline figures from class probabilities (columns in CLASSES order) and the manifest."""
    labels = manifest["label"].to_numpy()
    predicted = np.asarray(CLASSES)[proba.argmax(axis=1)]
    p_scraped = proba[:, CLASSES.index("scraped")]
    score = 1.0 - proba[:, CLASSES.index("original")]
    is_real = manifest["origin"].eq("real").to_numpy()

    def rate(mask: np.ndarray, label: str = "scraped") -> dict:
        n = int(mask.sum())
        return {"pages": n, "labelled_scraped": int((predicted[mask] == label).sum()),
                "rate": float((predicted[mask] == label).mean()) if n else None}

    families = manifest["families"].fillna("").str.split()
    per_family = {}
    for family in sorted({f for fs in families for f in fs}):
        mask = families.map(lambda fs: family in fs).to_numpy() & (labels == "scraped")
        per_family[family] = {"pages": int(mask.sum()),
                              "recall": float((predicted[mask] == "scraped").mean()) if mask.any() else None}
    matrix = confusion_matrix(labels, predicted, labels=list(CLASSES))
    return {
        "pages": int(len(labels)),
        "scraped_vs_rest": binary_figures(labels == "scraped", p_scraped, predicted == "scraped"),
        "republished_vs_original": binary_figures(labels != "original", score, predicted != "original"),
        "accuracy": float((predicted == labels).mean()) if len(labels) else None,
        "confusion_matrix": {"labels": list(CLASSES), "rows_true_cols_predicted": matrix.tolist()},
        "false_positive_rate_real_original": rate(is_real & (labels == "original")),
        "false_positive_rate_real_syndicated": rate(is_real & (labels == "syndicated")),
        "real_syndicated_labelled_syndicated": rate(is_real & (labels == "syndicated"), "syndicated"),
        "recall_per_family": per_family,
    }


def held_out_metrics(model, matrix: np.ndarray, manifest: pd.DataFrame) -> dict:
    """Figures on held-out sites: all pages, then real and simulated pages apart."""
    proba = model.predict_proba(matrix)
    manifest = manifest.reset_index(drop=True)
    out = {"all": figures_from_proba(proba, manifest)}
    for origin in ("real", "simulated"):
        mask = manifest["origin"].eq(origin).to_numpy()
        out[origin] = figures_from_proba(proba[mask], manifest[mask].reset_index(drop=True))
    return out
