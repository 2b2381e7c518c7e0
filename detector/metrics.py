"""Held-out figures for a model: discrimination, calibration, real-page false positives.

Every figure is computed from class probabilities (columns in ``CLASSES`` order)
and the corpus manifest rows they belong to. The predicted label is the argmax
unless a method decides labels its own way (the hand-rule baseline does).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn.metrics import (average_precision_score, brier_score_loss, confusion_matrix,
                             precision_recall_fscore_support, roc_auc_score)

from .model import CLASSES

METHODS = ("tfidf_logreg", "hand_rules", "model")  # the methods an evaluation compares
METHOD_TITLES = {"tfidf_logreg": "TF-IDF + logistic regression", "hand_rules": "signals as hand rules",
                 "model": "trained model"}

CALIBRATION_BINS = 10


def _bin_index(p: np.ndarray, bins: int) -> np.ndarray:
    edges = np.linspace(0, 1, bins + 1)
    return np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)


def expected_calibration_error(y_true: np.ndarray, p: np.ndarray, bins: int = CALIBRATION_BINS) -> float:
    """Mean |observed rate - mean predicted| over equal-width bins, weighted by bin size."""
    y_true, p = np.asarray(y_true, float), np.asarray(p, float)
    index = _bin_index(p, bins)
    ece = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            ece += mask.mean() * abs(y_true[mask].mean() - p[mask].mean())
    return float(ece)


def reliability_bins(y_true: np.ndarray, p: np.ndarray, bins: int = CALIBRATION_BINS) -> list[dict]:
    """Per equal-width bin: pages, mean predicted probability, observed rate (the reliability diagram)."""
    y_true, p = np.asarray(y_true, float), np.asarray(p, float)
    index = _bin_index(p, bins)
    out = []
    for b in range(bins):
        mask = index == b
        out.append({"low": b / bins, "high": (b + 1) / bins, "pages": int(mask.sum()),
                    "mean_predicted": float(p[mask].mean()) if mask.any() else None,
                    "observed": float(y_true[mask].mean()) if mask.any() else None})
    return out


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """95% Wilson score interval of a rate: honest even for 0 of 8."""
    if n == 0:
        return None
    rate = successes / n
    denominator = 1 + z * z / n
    centre = (rate + z * z / (2 * n)) / denominator
    half = z * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _safe(metric, y, p) -> float | None:
    return float(metric(y, p)) if len(set(y)) == 2 else None


def binary_figures(y_true: np.ndarray, p: np.ndarray, predicted: np.ndarray,
                   p_calibration: np.ndarray | None = None) -> dict:
    """Discrimination from ``p``, labels from ``predicted``; Brier and ECE from ``p_calibration``
    (the probabilities at the evaluated pages' own class shares) when given, else from ``p``."""
    y_true = np.asarray(y_true, bool)
    p_calibration = p if p_calibration is None else p_calibration
    if not len(y_true):
        return {"pages": 0, "positives": 0, **dict.fromkeys(
            ("roc_auc", "pr_auc", "precision", "recall", "f1", "brier", "ece"))}
    precision, recall, f1, _ = precision_recall_fscore_support(
        y_true, predicted, average="binary", zero_division=0)
    return {"pages": int(len(y_true)), "positives": int(y_true.sum()),
            "roc_auc": _safe(roc_auc_score, y_true, p), "pr_auc": _safe(average_precision_score, y_true, p),
            "precision": float(precision), "recall": float(recall), "f1": float(f1),
            "brier": float(brier_score_loss(y_true, p_calibration)),
            "ece": expected_calibration_error(y_true, p_calibration)}


def labelled_rate(predicted: np.ndarray, mask: np.ndarray, label: str = "scraped") -> dict:
    """How many pages under ``mask`` got ``label``, the rate and its 95% interval."""
    n, hits = int(mask.sum()), int((predicted[mask] == label).sum())
    interval = wilson_interval(hits, n)
    return {"pages": n, f"labelled_{label}": hits, "rate": hits / n if n else None,
            "rate_95ci": list(interval) if interval else None}


def predicted_labels(proba: np.ndarray) -> np.ndarray:
    """The argmax label of each row (the default decision of a method without a threshold)."""
    return np.asarray(CLASSES)[proba.argmax(axis=1)] if len(proba) else np.asarray([], dtype=object)


def model_labels(model, proba: np.ndarray) -> np.ndarray:
    """The model's own decision (``Model.labels``) when it has one, else the argmax."""
    decide = getattr(model, "labels", None)
    return np.asarray(decide(proba), dtype=object) if callable(decide) else predicted_labels(proba)


def figures_from_proba(proba: np.ndarray, manifest: pd.DataFrame, predicted: np.ndarray | None = None,
                       calibration_proba: np.ndarray | None = None) -> dict:
    """All headline figures from class probabilities and the manifest rows they belong to.

    ``predicted`` (labels) defaults to the argmax of ``proba``. ``calibration_proba``, when
    given, are the same model's probabilities at the evaluated pages' own class shares: Brier
    and ECE are measured on them (a model stating a low scraped prevalence is calibrated to
    that prevalence, not to a corpus that is 40% scraped).
    """
    manifest = manifest.reset_index(drop=True)
    labels = manifest["label"].to_numpy()
    predicted = predicted_labels(proba) if predicted is None else np.asarray(predicted)
    p_scraped = proba[:, CLASSES.index("scraped")]
    score = 1.0 - proba[:, CLASSES.index("original")]
    calibration = proba if calibration_proba is None else calibration_proba
    is_real = manifest["origin"].eq("real").to_numpy()

    families = manifest["families"].fillna("").str.split()
    per_family = {}
    for family in sorted({f for fs in families for f in fs}):
        mask = families.map(lambda fs: family in fs).to_numpy() & (labels == "scraped")
        per_family[family] = {"pages": int(mask.sum()),
                              "recall": float((predicted[mask] == "scraped").mean()) if mask.any() else None}
    matrix = confusion_matrix(labels, predicted, labels=list(CLASSES))
    return {
        "pages": int(len(labels)),
        "scraped_vs_rest": binary_figures(labels == "scraped", p_scraped, predicted == "scraped",
                                          calibration[:, CLASSES.index("scraped")]),
        "republished_vs_original": binary_figures(labels != "original", score, predicted != "original",
                                                  1.0 - calibration[:, CLASSES.index("original")]),
        "accuracy": float((predicted == labels).mean()) if len(labels) else None,
        "confusion_matrix": {"labels": list(CLASSES), "rows_true_cols_predicted": matrix.tolist()},
        "false_positive_rate_real_original": labelled_rate(predicted, is_real & (labels == "original")),
        "false_positive_rate_real_syndicated": labelled_rate(predicted, is_real & (labels == "syndicated")),
        "real_syndicated_labelled_syndicated": labelled_rate(predicted, is_real & (labels == "syndicated"),
                                                             "syndicated"),
        "recall_per_family": per_family,
    }


def split_figures(proba: np.ndarray, manifest: pd.DataFrame, predicted: np.ndarray | None = None,
                  calibration_proba: np.ndarray | None = None) -> dict:
    """Figures on all given pages, then on real and simulated pages apart."""
    manifest = manifest.reset_index(drop=True)
    predicted = predicted_labels(proba) if predicted is None else np.asarray(predicted)
    calibration = proba if calibration_proba is None else calibration_proba
    out = {"all": figures_from_proba(proba, manifest, predicted, calibration)}
    for origin in ("real", "simulated"):
        mask = manifest["origin"].eq(origin).to_numpy()
        out[origin] = figures_from_proba(proba[mask], manifest[mask], predicted[mask], calibration[mask])
    return out


def shares(manifest: pd.DataFrame) -> dict[str, float]:
    """The class shares of the given pages (each class kept strictly inside (0, 1))."""
    counts = manifest["label"].value_counts()
    total = max(len(manifest), 1)
    return {c: min(max(counts.get(c, 0) / total, 1e-6), 1 - 1e-6) for c in CLASSES}


def at_own_shares(model, matrix: np.ndarray, manifest: pd.DataFrame) -> np.ndarray:
    """The model's probabilities restated at the evaluated pages' own class shares (for calibration)."""
    restate = getattr(model, "with_prevalence", None)
    if restate is None or len(manifest) == 0:
        return model.predict_proba(matrix)
    own = shares(manifest)
    total = sum(own.values())
    return restate({c: v / total for c, v in own.items()}).predict_proba(matrix)


def held_out_metrics(model, matrix: np.ndarray, manifest: pd.DataFrame) -> dict:
    """Figures on held-out sites: all pages, then real and simulated pages apart, with labels
    as scoring gives them (at the stated prevalence) and calibration at the pages' own shares."""
    proba = model.predict_proba(matrix)
    return split_figures(proba, manifest, model_labels(model, proba), at_own_shares(model, matrix, manifest))


# The headline figures, in report order: (key, title, path into split_figures(), higher is better).
HEADLINE_FIGURES: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    ("roc_auc_p_scraped", "ROC-AUC, p_scraped", ("all", "scraped_vs_rest", "roc_auc"), True),
    ("pr_auc_p_scraped", "PR-AUC, p_scraped", ("all", "scraped_vs_rest", "pr_auc"), True),
    ("roc_auc_score", "ROC-AUC, score", ("all", "republished_vs_original", "roc_auc"), True),
    ("pr_auc_score", "PR-AUC, score", ("all", "republished_vs_original", "pr_auc"), True),
    ("f1_scraped", "F1, scraped", ("all", "scraped_vs_rest", "f1"), True),
    ("brier_p_scraped", "Brier, p_scraped", ("all", "scraped_vs_rest", "brier"), False),
    ("ece_p_scraped", "ECE, p_scraped", ("all", "scraped_vs_rest", "ece"), False),
    ("fp_rate_real_original", "FP rate, real originals",
     ("real", "false_positive_rate_real_original", "rate"), False),
    ("fp_rate_real_syndicated", "FP rate, real syndicated",
     ("real", "false_positive_rate_real_syndicated", "rate"), False),
)


def lookup(figures: dict, path: tuple[str, ...]):
    """``figures[path[0]][path[1]]...``, or None where a step is missing."""
    value = figures
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def headline(figures: dict) -> dict[str, float | None]:
    """The headline figures of one method's ``split_figures`` result, by key."""
    return {key: lookup(figures, path) for key, _title, path, _higher in HEADLINE_FIGURES}
