"""``detector evaluate``: the full protocol on site-grouped splits of the corpus.

One run featurizes the corpus once and reuses the signal matrix for everything:
the trained model and both baselines on the same held-out pages, the
leave-one-family-out models, the site-grouped cross-validation of real pages,
calibration and per-signal firing rates. The result is one JSON-ready dict
(``Evaluation.metrics``) plus the arrays the plots need.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ..features import FEATURE_NAMES
from ..model import CLASSES, default_model_dir, load_model
from ..training import featurize, fit_model, sample_weights
from .baselines import TfidfBaseline, corpus_texts, hand_rules, strong_signal_names
from .crossval import DEFAULT_FOLDS, out_of_fold_proba, site_folds
from .linking import corpus_originals, evaluate_originals
from .lofo import leave_one_family_out
from .generalisation import (by_format, cross_generator, cross_page_effect, monotonicity, single_trick_recall,
                             weak_evidence)
from ..metrics import METHOD_TITLES, METHODS, at_own_shares, labelled_rate, model_labels, predicted_labels, reliability_bins, split_figures

# Method keys in table order: the baselines first, the trained model last.
Progress = Callable[[str], None]


@dataclass
class Evaluation:
    """Everything one run measured: ``metrics`` is written as metrics.json, the rest feeds the plots."""

    metrics: dict
    held_out: pd.DataFrame  # manifest rows of the evaluated held-out pages, in matrix order
    proba: dict[str, np.ndarray] = field(default_factory=dict)  # method -> class probabilities
    predicted: dict[str, np.ndarray] = field(default_factory=dict)  # method -> labels
    firing: pd.DataFrame | None = None  # signal firing rate, rows: signals, columns: label/origin


def _families(manifest: pd.DataFrame) -> list[str]:
    """Every farm family in the corpus (generator B's carry a "b:" prefix), generator A's first."""
    from ..farm import FAMILIES

    seen = {f for fs in manifest["families"].fillna("").str.split() for f in fs}
    return [f for f in FAMILIES if f in seen] + sorted(seen - set(FAMILIES))


def firing_rates(matrix: np.ndarray, manifest: pd.DataFrame) -> pd.DataFrame:
    """Share of pages where each signal fires, per label/origin group (columns)."""
    fired = pd.DataFrame(matrix > 0, columns=FEATURE_NAMES)
    groups = (manifest["label"] + "/" + manifest["origin"]).to_numpy()
    rates = fired.groupby(groups).mean().T
    order = [f"{label}/{origin}" for label in CLASSES for origin in ("real", "simulated")]
    return rates.reindex(columns=[c for c in order if c in rates.columns])


def _model_info(model, model_dir) -> dict:
    card = model.card or {}
    return {"dir": str(Path(model_dir) if model_dir else default_model_dir()), "sha256": card.get("sha256"),
            "trained_on_corpus_sha256": card.get("training_data", {}).get("corpus_sha256"),
            "prevalence": getattr(model, "prevalence", None)}


def shipped_learner(model) -> Callable[[np.ndarray, pd.DataFrame], object]:
    """``fit(matrix, manifest rows) -> Model`` the way ``detector train`` fits the shipped model.

    Same learner and sample weights; the stated prevalence is the shipped model's
    rather than one re-chosen per model (that would cost five more fits each).
    """
    def fit(matrix: np.ndarray, rows: pd.DataFrame):
        return fit_model(matrix, rows["label"], weights=sample_weights(rows), prevalence=model.prevalence)

    return fit


def _tfidf_proba(texts: list[str], labels: pd.Series, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    model = TfidfBaseline().fit([texts[i] for i in np.flatnonzero(train)], labels[train])
    return model.predict_proba([texts[i] for i in np.flatnonzero(test)])


def _crossval_real_pages(matrix, texts, manifest, ok, folds: int, model, progress: Progress) -> dict:
    """Real-page false-positive rates from site-grouped cross-validation, per method.

    ``texts`` are the baseline texts of every row, or None when the baselines are off;
    the learner's labels follow ``model``'s decision (its threshold).
    """
    fold_of = site_folds(manifest["group"], folds)
    real = ok & manifest["origin"].eq("real").to_numpy()
    labels = manifest["label"]
    fit = shipped_learner(model)
    fitters = {"model": lambda tr, te: fit(matrix[tr], manifest[tr]).predict_proba(matrix[te])}
    decide = {"model": lambda proba: model_labels(model, proba)}
    if texts is not None:
        fitters["tfidf_logreg"] = lambda tr, te: _tfidf_proba(texts, labels, tr, te)
        decide["tfidf_logreg"] = predicted_labels
    predicted, model_proba = {}, None
    for method, fit_predict in fitters.items():
        progress(f"site-grouped {folds}-fold cross-validation of real pages: {METHOD_TITLES[method]} ...")
        proba = out_of_fold_proba(len(manifest), fold_of, ok, real, fit_predict, len(CLASSES))
        predicted[method] = decide[method](proba[real])
        if method == "model":
            model_proba = proba[real]
    if texts is not None:  # rules need no fitting: their labels on real pages are the same in every fold
        predicted["hand_rules"] = hand_rules(matrix[real], FEATURE_NAMES)[1]
    real_labels = labels[real].to_numpy()
    out = {"folds": folds, "real_pages": int(real.sum())}
    fired_once = (matrix[real] > 0).sum(axis=1) == 1
    pushed = (real_labels == "original") & fired_once & (model_proba[:, CLASSES.index("scraped")] > 0.5)
    out["real_originals_pushed_past_half_by_one_signal"] = int(pushed.sum())
    for method in (m for m in METHODS if m in predicted):
        out[method] = {
            "false_positive_rate_real_original": labelled_rate(predicted[method], real_labels == "original"),
            "false_positive_rate_real_syndicated": labelled_rate(predicted[method], real_labels == "syndicated"),
            "real_syndicated_labelled_syndicated": labelled_rate(predicted[method], real_labels == "syndicated",
                                                                 "syndicated"),
        }
    return out


def run_evaluation(records: pd.DataFrame, manifest: pd.DataFrame, corpus_info: dict, model_dir=None,
                   lofo: bool = True, baselines: bool = True, crossval: bool = True,
                   folds: int = DEFAULT_FOLDS, progress: Progress = lambda _: None) -> Evaluation:
    """The protocol on the held-out sites of a corpus (records and manifest in the same order).

    ``lofo`` adds the leave-one-family-out models, ``crossval`` the site-grouped
    cross-validation of real pages, ``baselines`` the TF-IDF and hand-rule
    baselines. Every page is featurized either way (see below).
    """
    from threadpoolctl import threadpool_limits

    # One thread per native pool: OpenMP workers spin at every barrier and collapse when the
    # cores are shared (a 7 s fit took over 9 minutes with two threads on a busy 2-core machine).
    with threadpool_limits(limits=1):
        return _run(records, manifest, corpus_info, model_dir, lofo, baselines, crossval, folds, progress)


def _run(records, manifest, corpus_info, model_dir, lofo, baselines, crossval, folds, progress) -> Evaluation:
    started = time.perf_counter()
    manifest, records = manifest.reset_index(drop=True), records.reset_index(drop=True)
    held_out = manifest["held_out"].to_numpy(bool)
    model = load_model(model_dir)

    # Every page is featurized, even when only the shipped model's own figures are wanted: linking a
    # held-out site's pages weighs each page by a single-page model of the training sites.
    full = lofo or crossval or baselines
    progress(f"featurizing {len(manifest)} pages ...")
    matrix, ok = featurize(records, manifest)
    test, train = held_out & ok, ~held_out & ok
    tested = manifest[test].reset_index(drop=True)

    proba = {"model": model.predict_proba(matrix[test])}
    predicted = {"model": model_labels(model, proba["model"])}
    texts = None
    if baselines:
        proba["hand_rules"], predicted["hand_rules"] = hand_rules(matrix[test], FEATURE_NAMES)
        progress("fitting the TF-IDF baseline on the training sites ...")
        texts = corpus_texts(records, ok)
        proba["tfidf_logreg"] = _tfidf_proba(texts, manifest["label"], train, test)
        predicted["tfidf_logreg"] = predicted_labels(proba["tfidf_logreg"])

    # The model states a prevalence for the pages it scores; its calibration is measured with its
    # probabilities restated at the held-out pages' own class shares (baselines state none).
    own = {m: proba[m] for m in proba}
    own["model"] = at_own_shares(model, matrix[test], tested)
    methods = {m: split_figures(proba[m], tested, predicted[m], own[m]) for m in METHODS if m in proba}
    is_scraped = tested["label"].eq("scraped").to_numpy()
    calibration = {m: {"brier": methods[m]["all"]["scraped_vs_rest"]["brier"],
                       "ece": methods[m]["all"]["scraped_vs_rest"]["ece"],
                       "bins": reliability_bins(is_scraped, own[m][:, CLASSES.index("scraped")])}
                   for m in methods}

    lofo_table = None
    if lofo:
        reference = np.full(len(manifest), "", dtype=object)
        reference[test] = predicted["model"]
        lofo_table, _ = leave_one_family_out(matrix, manifest, train, test, _families(manifest), shipped_learner(model),
                                             reference_labels=reference, progress=progress)
    crossval_table = (_crossval_real_pages(matrix, texts, manifest, ok, folds, model, progress)
                      if crossval else None)

    cross = cross_generator(matrix, manifest, train, test, progress) if full else None

    # Firing rates do not depend on any fitted model: use every featurized page when there are more.
    firing_rows = ok if full else test
    firing = firing_rates(matrix[firing_rows], manifest[firing_rows])
    metrics = {
        "corpus": {"sha256": corpus_info.get("corpus_sha256"), "pages": int(len(manifest)),
                   "sites": int(manifest["group"].nunique()),
                   "held_out_sites": int(manifest.loc[held_out, "group"].nunique())},
        "model": _model_info(model, model_dir),
        "held_out": {"pages": int(test.sum()), "unparsable_skipped": int((held_out & ~ok).sum()),
                     "training_pages": int(train.sum()) if full else None,
                     "by_label_origin": {f"{l}/{o}": int(n) for (l, o), n in
                                         tested.groupby(["label", "origin"]).size().items()}},
        "methods": methods,
        "by_format": by_format(proba["model"], predicted["model"], tested),
        "single_trick_recall": single_trick_recall(predicted["model"], tested),
        "weak_evidence": weak_evidence(model, matrix[test], tested, proba["model"]),
        "monotonicity": monotonicity(model, matrix[ok]),
        "cross_page": cross_page_effect(model, matrix[test], tested),
        "linking": evaluate_originals(corpus_originals(records, manifest), model),
        "cross_generator": cross,
        "calibration": calibration,
        "lofo": lofo_table,
        "crossval_real_pages": crossval_table,
        "strong_signals": strong_signal_names(),
        "signal_firing_pages": "all featurized pages" if full else "held-out pages",
        "signal_firing_rates": {c: firing[c].round(4).to_dict() for c in firing.columns},
    }
    from .report import target_checks

    metrics["targets"] = target_checks(metrics)
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return Evaluation(metrics, tested, proba, predicted, firing)


def evaluate_model(records, manifest, corpus_info: dict, model_dir=None, report_dir=None,
                   lofo: bool = True, baselines: bool = True, crossval: bool = True,
                   progress: Progress = lambda _: None) -> tuple[Evaluation, str]:
    """Run the protocol, write the report to ``report_dir`` when given; (evaluation, stdout summary)."""
    from .report import summary_text, write_report

    evaluation = run_evaluation(records, manifest, corpus_info, model_dir, lofo=lofo, baselines=baselines,
                                crossval=crossval, progress=progress)
    if report_dir:
        write_report(evaluation, Path(report_dir))
    return evaluation, summary_text(evaluation.metrics)
