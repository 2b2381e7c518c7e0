"""Figures on what the model was not trained on, and on how its answers follow the evidence.

- **By format**: HTML pages, text dumps and text-only records apart.
- **Single-trick recall**: held-out farm pages carrying exactly one family, per family.
- **Cross-generator**: a model trained on one farm generator's pages (with the real pages),
  tested on the other generator's held-out pages (with the held-out real pages). The two
  generators were written apart, so this is the figure about farms, not about a simulator.
- **Weak evidence**: each signal that also fires on more than 2% of real originals, alone
  on a page, and the real originals that one fired signal pushes past p_scraped 0.5.
- **Monotonicity**: raising one signal on real feature rows never lowers p_scraped.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from ..features import FEATURE_NAMES
from ..model import CLASSES
from ..training import WEAK_SIGNAL_MAX_P, fit_with_prevalence, single_signal_rows, weak_signals
from ..metrics import binary_figures, labelled_rate

SCRAPED = CLASSES.index("scraped")
GENERATORS = ("A", "B")


def generator_of(manifest: pd.DataFrame) -> np.ndarray:
    """"A" or "B" for simulated pages, "" for real ones."""
    if "generator" in manifest:
        return manifest["generator"].fillna("").astype(str).to_numpy()
    return np.where(manifest["origin"].eq("simulated"), "A", "")


def _scraped_figures(proba: np.ndarray, predicted: np.ndarray, manifest: pd.DataFrame) -> dict:
    labels = manifest["label"].to_numpy()
    figures = binary_figures(labels == "scraped", proba[:, SCRAPED], predicted == "scraped")
    figures["originals_labelled_scraped"] = labelled_rate(predicted, labels == "original")
    return figures


def by_format(proba: np.ndarray, predicted: np.ndarray, manifest: pd.DataFrame) -> dict:
    """Scraped-vs-rest figures per input format of the page (html, txt, record)."""
    manifest = manifest.reset_index(drop=True)
    formats = manifest["format"].to_numpy()
    return {fmt: _scraped_figures(proba[formats == fmt], predicted[formats == fmt], manifest[formats == fmt])
            for fmt in sorted(set(formats))}


def single_trick_recall(predicted: np.ndarray, manifest: pd.DataFrame) -> dict:
    """Per (generator, family): recall of ``scraped`` on farm pages whose only trick is that family."""
    manifest = manifest.reset_index(drop=True)
    families = manifest["families"].fillna("").str.strip()
    single = manifest["label"].eq("scraped").to_numpy() & (families != "").to_numpy() & ~families.str.contains(" ").to_numpy()
    generators = generator_of(manifest)
    out = {}
    for generator, family in sorted({(g, f) for g, f in zip(generators[single], families[single])}):
        rows = single & (generators == generator) & families.eq(family).to_numpy()
        out[f"{generator}/{family}"] = {"pages": int(rows.sum()),
                                        "recall": float((predicted[rows] == "scraped").mean())}
    return out


def weak_evidence(model, matrix: np.ndarray, manifest: pd.DataFrame, proba: np.ndarray) -> dict:
    """The weak-evidence bound: each weak signal alone (at its maximum, 1) and the real originals
    one fired signal takes past 0.5.

    ``matrix``/``manifest`` name the pages weak signals are measured on (every featurized real
    original); ``proba`` are the model's probabilities on those rows.
    """
    weak = weak_signals(matrix, manifest)
    alone = model.predict_proba(single_signal_rows(weak))[:, SCRAPED] if weak else np.zeros(0)
    values = list(weak.values())
    real_original = manifest["origin"].eq("real").to_numpy() & manifest["label"].eq("original").to_numpy()
    one_signal = (matrix > 0).sum(axis=1) == 1
    pushed = real_original & one_signal & (proba[:, SCRAPED] > 0.5)
    return {
        "weak_signals": {name: {"value": round(v, 4), "p_scraped_alone": round(float(p), 4)}
                         for name, v, p in zip(weak, values, alone)},
        "max_p_scraped_weak_signal_alone": float(alone.max()) if len(alone) else 0.0,
        "bound": WEAK_SIGNAL_MAX_P,
        "real_originals_one_signal": int((real_original & one_signal).sum()),
        "real_originals_pushed_past_half_by_one_signal": int(pushed.sum()),
        "pushed_examples": [{"id": manifest["id"].iloc[i],
                             "signal": FEATURE_NAMES[int(np.flatnonzero(matrix[i] > 0)[0])],
                             "p_scraped": round(float(proba[i, SCRAPED]), 4)} for i in np.flatnonzero(pushed)[:20]],
    }


def monotonicity(model, matrix: np.ndarray, rows: int = 300, seed: int = 0) -> dict:
    """Raise one signal at a time on sampled real feature rows (to 0.25, 0.5, 1 above its value,
    capped at 1): count the cases where p_scraped fell."""
    rng = np.random.default_rng(seed)
    base = matrix[rng.choice(len(matrix), size=min(rows, len(matrix)), replace=False)]
    before = model.predict_proba(base)[:, SCRAPED]
    falls, worst, checked = 0, 0.0, 0
    for j in range(matrix.shape[1]):
        for step in (0.25, 0.5, 1.0):
            raised = base.copy()
            raised[:, j] = np.minimum(raised[:, j] + step, 1.0)
            changed = raised[:, j] != base[:, j]
            after = model.predict_proba(raised[changed])[:, SCRAPED]
            drop = before[changed] - after
            falls += int((drop > 1e-12).sum())
            worst = max(worst, float(drop.max()) if len(drop) else 0.0)
            checked += int(changed.sum())
    return {"cases": checked, "falls": falls, "largest_fall": worst}


def cross_generator(matrix: np.ndarray, manifest: pd.DataFrame, train: np.ndarray, test: np.ndarray,
                    progress: Callable[[str], None] = lambda _: None) -> dict:
    """Train on real pages plus one generator's pages (training sites), test on the held-out real
    pages plus the other generator's held-out pages; both directions, each with its own stated
    prevalence chosen as ``detector train`` chooses it."""
    manifest = manifest.reset_index(drop=True)
    generators = generator_of(manifest)
    present = [g for g in GENERATORS if (generators == g).any()]
    if len(present) < 2:
        return {}
    out = {}
    for trained_on, tested_on in ((present[0], present[1]), (present[1], present[0])):
        fit_rows = train & np.isin(generators, ["", trained_on])
        test_rows = test & np.isin(generators, ["", tested_on])
        progress(f"cross-generator: training on real + {trained_on}, testing on real + {tested_on} ...")
        fitted = manifest[fit_rows].reset_index(drop=True)
        model, choice = fit_with_prevalence(matrix[fit_rows], fitted)
        proba = model.predict_proba(matrix[test_rows])
        predicted = model.labels(proba)
        tested = manifest[test_rows].reset_index(drop=True)
        figures = _scraped_figures(proba, predicted, tested)
        simulated = tested["origin"].eq("simulated").to_numpy()
        figures["by_format"] = by_format(proba, predicted, tested)
        figures["single_trick_recall"] = single_trick_recall(predicted, tested)
        figures["simulated_only"] = _scraped_figures(proba[simulated], predicted[simulated], tested[simulated])
        figures["stated_prevalence"] = model.prevalence
        out[f"{trained_on}_to_{tested_on}"] = figures
    return out


def cross_page_effect(model, matrix: np.ndarray, manifest: pd.DataFrame) -> dict:
    """On the held-out sites whose pages were linked as one batch: scraped recall and the share of
    originals and credited copies labelled scraped, with the cross-page signals and with them
    zeroed (each page scored alone)."""
    from ..linking.signals import CROSS_PAGE_NAMES
    from ..training import linked_site

    manifest = manifest.reset_index(drop=True)
    rows = manifest["group"].map(linked_site).to_numpy(dtype=bool)
    labels = manifest["label"].to_numpy()[rows]
    alone = matrix[rows].copy()
    alone[:, len(FEATURE_NAMES) - len(CROSS_PAGE_NAMES):] = 0
    generators = manifest["generator"].fillna("").to_numpy()[rows] if "generator" in manifest else None
    out = {"pages": int(rows.sum())}
    for name, features in (("with_cross_page", matrix[rows]), ("single_page", alone)):
        predicted = model.labels(model.predict_proba(features))
        out[name] = {"recall_scraped": labelled_rate(predicted, labels == "scraped"),
                     "originals_labelled_scraped": labelled_rate(predicted, labels == "original"),
                     "credited_copies_labelled_scraped": labelled_rate(predicted, labels == "syndicated")}
        for generator in ("A", "B") if generators is not None else ():  # each farm generator's pages apart
            mine = generators == generator
            out[name][f"generator_{generator}"] = {
                "recall_scraped": labelled_rate(predicted, mine & (labels == "scraped")),
                "credited_copies_labelled_scraped": labelled_rate(predicted, mine & (labels == "syndicated"))}
    return out
