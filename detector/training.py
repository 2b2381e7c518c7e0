"""Training: corpus -> signal matrix -> calibrated classifier -> model file + card."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from .features import FEATURE_NAMES, signal_matrix
from .model import CLASSES, Model, build_classifier, decide_labels, save_model
from .parse import ParseError, page_from_record
from .signals import run_signals


def featurize(records: pd.DataFrame, manifest: pd.DataFrame | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(feature matrix, parsed mask) for corpus records; unparsable rows get a zero row.

    The records are linked among themselves as a scoring batch is, so the cross-page
    features of copies whose origin is in the corpus get the values scoring gives them.
    With ``manifest``, only the sites ``linked_site`` picks are linked: in a crawl a copy's
    origin is in the batch only some of the time, and a model that only ever saw copies
    beside their origins would take a lone copy for an original. The corpus's renders of
    an original count as pages of that original's site (they often carry no URL).
    """
    from .linking import CROSS_PAGE_NAMES, cross_page_features

    results, parsed, pages = [], [], []
    for record in records.to_dict("records"):
        try:
            page = page_from_record(record)
            results.append(run_signals(page))
            parsed.append(True)
            pages.append(page)
        except ParseError:
            results.append([])
            parsed.append(False)
            pages.append(None)
    matrix = np.zeros((len(results), len(FEATURE_NAMES)))
    ok = np.array(parsed, dtype=bool)
    if ok.any():
        matrix[ok] = signal_matrix([r for r, good in zip(results, parsed) if good])
        width = len(FEATURE_NAMES) - len(CROSS_PAGE_NAMES)
        if manifest is None:
            matrix[:, width:] = cross_page_features(records.reset_index(drop=True), pages).to_numpy()
            return matrix, ok
        # Each linked site is its own batch (its original and the copies made of it), so a page's
        # features do not depend on which other sites are featurized with it.
        groups = manifest["group"].to_numpy()
        originals = manifest["label"].eq("original").to_numpy()
        linked_groups = sorted({g for g in groups if linked_site(g)})
        # Scoring links each page with its probability before linking (origin evidence: a credit
        # counts as much as the page making it looks honest); training gives each page the same
        # from a single-page model that never saw its site.
        p_alone = page_alone_p_scraped(matrix[:, :width], manifest) if linked_groups else None
        for group in linked_groups:
            rows = np.flatnonzero(groups == group)
            sites = np.where(originals[rows], group, "")
            cross = cross_page_features(records.iloc[rows].reset_index(drop=True), [pages[i] for i in rows],
                                        p_scraped=p_alone[rows], sites=sites)
            matrix[rows, width:] = cross.to_numpy()
    return matrix, ok


def page_alone_p_scraped(single_page: np.ndarray, manifest: pd.DataFrame) -> np.ndarray:
    """p_scraped of each corpus page from its single-page signals, by a model that never saw its
    site: held-out sites from a model of all training sites, training sites out of fold among
    them (held-out labels never reach a training page's features). Given held-out sites alone,
    out of fold among them: so featurize every page when held-out figures must match a full run."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import GroupKFold
    from threadpoolctl import threadpool_limits

    labels = manifest["label"].eq("scraped").to_numpy()
    groups = manifest["group"].to_numpy()
    held_out = manifest["held_out"].astype(bool).to_numpy() if "held_out" in manifest else np.zeros(len(labels), bool)
    if held_out.all():
        held_out = np.zeros(len(labels), bool)
    training = np.flatnonzero(~held_out)
    splits = [(training[fit], training[predict])
              for fit, predict in GroupKFold(FOLDS).split(training, groups=groups[training])]
    if held_out.any():
        splits.append((training, np.flatnonzero(held_out)))
    p = np.zeros(len(labels))
    with threadpool_limits(1):
        for fit_rows, predict_rows in splits:
            trees = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=15,
                                                   monotonic_cst=[1] * single_page.shape[1], random_state=0)
            trees.fit(single_page[fit_rows], labels[fit_rows])
            p[predict_rows] = trees.predict_proba(single_page[predict_rows])[:, 1]
    return p


LINKED_SITE_SHARE = 0.5  # corpus sites whose pages are linked as one batch (see ``featurize``)


def linked_site(group: str) -> bool:
    """Whether a corpus site's pages (the original and every copy made of it) are linked."""
    return int(hashlib.sha256(f"linked:{group}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < LINKED_SITE_SHARE


REAL_ORIGINAL_WEIGHT = 2.0  # real originals are what false positives are measured on; simulated pages are plenty
TARGET_REAL_ORIGINAL_FPR = 0.01  # out-of-fold share of real originals labelled scraped the stated prevalence must keep under
TARGET_REAL_SYNDICATED_FPR = 0.02  # the same for real syndicated pages
WEAK_SIGNAL_RATE = 0.02  # a signal firing on more real originals than this is weak evidence ...
WEAK_SIGNAL_MAX_P = 0.5  # ... and alone may not take p_scraped past this
SCRAPED_SHARE_GRID = np.round(np.arange(0.50, 0.0, -0.01), 2)  # stated scraped prevalences tried, highest first
FOLDS = 5


def sample_weights(manifest: pd.DataFrame) -> np.ndarray:
    real_original = manifest["origin"].eq("real").to_numpy() & manifest["label"].eq("original").to_numpy()
    return np.where(real_original, REAL_ORIGINAL_WEIGHT, 1.0)


def class_shares(labels: np.ndarray, weights: np.ndarray) -> dict[str, float]:
    """Weighted share of each class: the prevalence a classifier fitted on these rows is calibrated to."""
    total = float(weights.sum())
    return {c: float(weights[labels == c].sum()) / total for c in CLASSES}


def fit_model(matrix: np.ndarray, labels: pd.Series, random_state: int = 0,
              weights: np.ndarray | None = None, prevalence: dict[str, float] | None = None) -> Model:
    """Fit the two stages (scraped or not, monotone; then syndicated or original)."""
    from threadpoolctl import threadpool_limits

    y = labels.to_numpy(dtype=object)
    weights = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    rest = y != "scraped"
    scraped = build_classifier(matrix.shape[1], monotone=True, random_state=random_state)
    syndicated = build_classifier(matrix.shape[1], monotone=False, random_state=random_state)
    # One OpenMP thread: the data are small, and several threads on a busy 2-core machine
    # spin against each other for minutes instead of seconds.
    with threadpool_limits(1):
        scraped.fit(matrix, y == "scraped", sample_weight=weights)
        syndicated.fit(matrix[rest], y[rest] == "syndicated", sample_weight=weights[rest])
    trained = class_shares(y, weights)
    return Model(scraped, syndicated, list(FEATURE_NAMES), trained, prevalence or trained)


def out_of_fold_stages(matrix: np.ndarray, manifest: pd.DataFrame, random_state: int = 0) -> tuple[np.ndarray, dict]:
    """Stage probabilities (``Model.stage_proba``) for every row from models that never saw its
    site, and the class shares those models were trained at (near equal across folds; averaged)."""
    from sklearn.model_selection import GroupKFold

    stages = np.zeros((len(matrix), 2))
    weights = sample_weights(manifest)
    shares = []
    for fit_rows, predict_rows in GroupKFold(FOLDS).split(matrix, groups=manifest["group"].to_numpy()):
        fold = fit_model(matrix[fit_rows], manifest["label"].iloc[fit_rows], random_state, weights[fit_rows])
        stages[predict_rows] = fold.stage_proba(matrix[predict_rows])
        shares.append(fold.trained_prevalence)
    return stages, {c: float(np.mean([s[c] for s in shares])) for c in CLASSES}


def weak_signals(matrix: np.ndarray, manifest: pd.DataFrame) -> dict[str, float]:
    """Signals that fire on more than ``WEAK_SIGNAL_RATE`` of the real originals given, each with
    the highest value it takes on them (the evidence real originals show; a signal's stronger
    values, never seen on real originals, are not weak evidence)."""
    real_original = manifest["origin"].eq("real").to_numpy() & manifest["label"].eq("original").to_numpy()
    if not real_original.any():
        return {}
    values = matrix[real_original]
    rates = (values > 0).mean(axis=0)
    return {name: float(values[:, j].max()) for j, (name, rate) in enumerate(zip(FEATURE_NAMES, rates))
            if rate > WEAK_SIGNAL_RATE}


def single_signal_rows(values: dict[str, float]) -> np.ndarray:
    """One feature row per named signal: that signal at its value, every other at 0."""
    rows = np.zeros((len(values), len(FEATURE_NAMES)))
    for i, (name, value) in enumerate(values.items()):
        rows[i, FEATURE_NAMES.index(name)] = value
    return rows


def choose_prevalence(model: Model, stages: np.ndarray, manifest: pd.DataFrame,
                      weak: dict[str, float]) -> tuple[dict[str, float], dict]:
    """The highest stated scraped prevalence (other classes keeping their trained ratio) at which,
    labelling every page with its most probable class, out of fold on the training sites:
    real originals labelled scraped stay under 1%, real syndicated pages under 2%, and no weak
    signal alone takes the final model's p_scraped past 0.5."""
    real = manifest["origin"].eq("real").to_numpy()
    labels = manifest["label"].to_numpy()
    scraped = labels == "scraped"
    trained = model.trained_prevalence
    weak_rows = single_signal_rows(weak)
    chosen, rates, tried = None, {}, []
    for share in SCRAPED_SHARE_GRID:
        rest = (1 - share) / (1 - trained["scraped"])
        candidate = model.with_prevalence({"original": trained["original"] * rest,
                                           "syndicated": trained["syndicated"] * rest, "scraped": float(share)})
        predicted = decide_labels(candidate.combine(stages))
        weak_p = candidate.predict_proba(weak_rows)[:, 2] if weak else np.zeros(0)
        rates = {"scraped_share": float(share),
                 "fpr_real_original": float((predicted[real & (labels == "original")] == "scraped").mean()),
                 "fpr_real_syndicated": float((predicted[real & (labels == "syndicated")] == "scraped").mean()),
                 "recall_scraped": float((predicted[scraped] == "scraped").mean()),
                 "max_p_scraped_weak_signal_alone": float(weak_p.max()) if len(weak_p) else 0.0}
        tried.append(rates)
        if (rates["fpr_real_original"] <= TARGET_REAL_ORIGINAL_FPR
                and rates["fpr_real_syndicated"] <= TARGET_REAL_SYNDICATED_FPR
                and rates["max_p_scraped_weak_signal_alone"] <= WEAK_SIGNAL_MAX_P):
            chosen = candidate.prevalence
            break
    met = chosen is not None
    if not met:  # the lowest share tried: the closest to the targets this model gets
        chosen = candidate.prevalence
    return chosen, {"rule": "highest scraped prevalence meeting the out-of-fold targets",
                    "target_fpr_real_original": TARGET_REAL_ORIGINAL_FPR,
                    "target_fpr_real_syndicated": TARGET_REAL_SYNDICATED_FPR,
                    "weak_signal_rate": WEAK_SIGNAL_RATE, "weak_signal_max_p": WEAK_SIGNAL_MAX_P,
                    "weak_signals": weak, "out_of_fold": rates, "folds": FOLDS, "met": met, "tried": tried}


def fit_with_prevalence(matrix: np.ndarray, manifest: pd.DataFrame, random_state: int = 0) -> tuple[Model, dict]:
    """Fit on the rows given and state the prevalence ``choose_prevalence`` picks for them."""
    stages, _shares = out_of_fold_stages(matrix, manifest, random_state)
    model = fit_model(matrix, manifest["label"], random_state, sample_weights(manifest))
    prevalence, choice = choose_prevalence(model, stages, manifest, weak_signals(matrix, manifest))
    return model.with_prevalence(prevalence), choice


def train(records: pd.DataFrame, manifest: pd.DataFrame, model_dir: Path, corpus_info: dict,
          random_state: int = 0) -> tuple[Model, dict]:
    """Fit on the training sites only, measure on the held-out sites, save model and card."""
    from .metrics import held_out_metrics

    matrix, ok = featurize(records, manifest)
    train_rows = ok & ~manifest["held_out"].to_numpy()
    test_rows = ok & manifest["held_out"].to_numpy()
    train_manifest = manifest[train_rows].reset_index(drop=True)
    model, prevalence_choice = fit_with_prevalence(matrix[train_rows], train_manifest, random_state)
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
        "prevalence_choice": prevalence_choice,
        "real_original_weight": REAL_ORIGINAL_WEIGHT,
        "held_out_metrics": metrics,
        "random_state": random_state,
    }
    save_model(model, Path(model_dir), card, check_rows=matrix[ok])
    return model, card


def _counts(manifest: pd.DataFrame) -> dict[str, int]:
    return {f"{l}/{o}": int(n) for (l, o), n in manifest.groupby(["label", "origin"]).size().items()}
