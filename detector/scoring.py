"""One pure scoring function over a batch of raw records.

``score_frame(records DataFrame) -> scores DataFrame`` with the fixed schema
``output_columns()``. The CLI, the Python API, worker processes, Dask and Spark
all call it; none of them re-implements scoring.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .model import CLASSES, Model, cached_model, decide_labels
from .page import Page
from .parse import ParseError, page_from_record
from .records import RECORD_COLUMNS
from .signals import SIGNAL_NAMES, SignalResult, run_signals
from .features import signal_matrix
from .predict_cache import cached_predictor
from .linking.fingerprints import Fingerprint, fingerprint
from .linking.origin import LINK_COLUMNS
from .linking.signals import CROSS_PAGE_NAMES

BASE_COLUMNS = ["id", "url", "score", "p_original", "p_syndicated", "p_scraped", "label", "signals", "error"]


def output_columns() -> list[str]:
    """The fixed output schema: the base columns, the link columns (filled once the batch is
    linked, see ``detector.linking``), one column per signal value, then the cross-page signals."""
    return BASE_COLUMNS + LINK_COLUMNS + list(SIGNAL_NAMES) + CROSS_PAGE_NAMES


def output_dtypes() -> dict[str, str]:
    numbers = {c: "float64" for c in ["score", "p_original", "p_syndicated", "p_scraped", "copy_similarity",
                                      *SIGNAL_NAMES, *CROSS_PAGE_NAMES]}
    numbers["copies"] = "int64"
    return {c: numbers.get(c, "object") for c in output_columns()}


@dataclass
class Scored:
    """One page's full result: what ``explain`` shows and ``score`` tabulates."""

    id: str
    url: str
    page: Page | None
    results: list[SignalResult]
    probabilities: dict[str, float]
    error: str = ""
    scraped_threshold: float = 0.5  # the model's decision threshold (see detector.model.decide_labels)

    @property
    def label(self) -> str:
        if self.error or not self.probabilities:
            return ""
        proba = np.array([[self.probabilities[c] for c in CLASSES]])
        return str(decide_labels(proba, self.scraped_threshold)[0])

    @property
    def fired(self) -> list[SignalResult]:
        return [r for r in self.results if r.fired]


def _page_or_error(record: dict) -> tuple[Page | None, str]:
    if record.get("error"):
        return None, str(record["error"])
    try:
        return page_from_record(record), ""
    except ParseError as exc:
        return None, str(exc) or "could not parse page"
    except Exception as exc:  # a parser bug on one page must not end the batch
        return None, f"parser failed: {type(exc).__name__}: {exc}"


def _signals_or_error(page: Page) -> tuple[list[SignalResult], str]:
    try:
        return run_signals(page), ""
    except Exception as exc:  # a signal bug on one page must not end the batch either
        return [], f"signal failed: {type(exc).__name__}: {exc}"


def _probabilities(results: Sequence[list[SignalResult]], model: Model) -> np.ndarray:
    """Class probabilities (``CLASSES`` order) for rows with results; NaN rows for the others."""
    ok = [i for i, r in enumerate(results) if r]
    proba = np.full((len(results), len(CLASSES)), np.nan)
    if ok:
        proba[ok] = cached_predictor(model).predict_proba(signal_matrix([results[i] for i in ok]))
    return proba


def score_pages(pages: Sequence[Page | None], model: Model) -> tuple[list[list[SignalResult]], np.ndarray]:
    """Signals and class probabilities for pages (None entries get empty results)."""
    results = [run_signals(p) if p is not None else [] for p in pages]
    return results, _probabilities(results, model)


def score_records(records: Iterable[dict], model: Model | None = None) -> list[Scored]:
    """Score raw records, keeping each Page and its evidence; unreadable ones come back with ``error`` set."""
    model = model or cached_model()
    scored = []
    for record in records:
        page, error = _page_or_error(record)
        results: list[SignalResult] = []
        if page is not None:
            results, error = _signals_or_error(page)
        scored.append(Scored(str(record.get("id", "")), str(record.get("url", "") or (page.url if page else "")),
                             page, results, {}, error))
    proba = _probabilities([s.results for s in scored], model)
    for s, row in zip(scored, proba):
        s.scraped_threshold = model.scraped_threshold
        if not s.error:
            s.probabilities = dict(zip(CLASSES, map(float, row)))
    return scored


def score_rows(records: Iterable[dict], model: Model | None = None,
               fingerprints: list[Fingerprint | None] | None = None) -> pd.DataFrame:
    """Score raw records straight to output rows (``output_columns()``), in order.

    The batch path: each Page is dropped as soon as its signals are computed, so
    memory holds one page at a time plus the small results. Given a list as
    ``fingerprints``, each row's text fingerprint is appended to it in the same pass
    (None for error rows), for linking the batch afterwards.
    """
    model = model or cached_model()
    ids, urls, errors, results = [], [], [], []
    for record in records:
        page, error = _page_or_error(record)
        page_results: list[SignalResult] = []
        if page is not None:
            page_results, error = _signals_or_error(page)
        ids.append(str(record.get("id", "")))
        urls.append(str(record.get("url", "") or (page.url if page else "")))
        errors.append(error)
        results.append(page_results)
        if fingerprints is not None:
            fingerprints.append(fingerprint(page, ids[-1]) if page is not None and not error else None)
    return _rows(ids, urls, errors, results, _probabilities(results, model), model.scraped_threshold)


def _rows(ids: list[str], urls: list[str], errors: list[str], results: Sequence[list[SignalResult]],
          proba: np.ndarray, scraped_threshold: float) -> pd.DataFrame:
    """The output frame, built column by column (a dict per row costs more than scoring the model)."""
    n = len(ids)
    values = np.full((n, len(SIGNAL_NAMES)), np.nan)
    fired = []
    for i, page_results in enumerate(results):
        if page_results:
            values[i] = [r.value for r in page_results]
        fired.append(" ".join(r.name for r in page_results if r.fired))
    failed = np.array([bool(e) for e in errors], dtype=bool)
    decided = decide_labels(np.nan_to_num(proba, nan=0.0), scraped_threshold)
    labels = ["" if bad else label for bad, label in zip(failed, decided)]
    text = lambda items: pd.Series(items, dtype=object)  # noqa: E731 - object columns, not pandas' str dtype
    columns = {
        "id": text(ids), "url": text(urls),
        "score": np.clip(proba[:, 1] + proba[:, 2], 0.0, 1.0),  # the sum can round to 1 + 2e-16
        "p_original": proba[:, 0], "p_syndicated": proba[:, 1], "p_scraped": proba[:, 2],
        "label": text(labels), "signals": text(fired), "error": text(errors),
        "copy_of": text([""] * n), "copy_similarity": np.zeros(n), "cluster": text([""] * n),
        "copies": np.zeros(n, dtype=np.int64),
    }
    columns.update({name: values[:, j] for j, name in enumerate(SIGNAL_NAMES)})
    columns.update({name: np.zeros(n) for name in CROSS_PAGE_NAMES})
    return pd.DataFrame(columns, columns=output_columns())


def rows_from_scored(scored: Sequence[Scored]) -> pd.DataFrame:
    """Output rows for already scored pages."""
    proba = np.array([[s.probabilities.get(c, np.nan) for c in CLASSES] for s in scored], dtype=np.float64)
    threshold = scored[0].scraped_threshold if scored else 0.5
    return _rows([s.id for s in scored], [s.url for s in scored], [s.error for s in scored],
                 [s.results for s in scored], proba.reshape(len(scored), len(CLASSES)), threshold)


def score_frame(records: pd.DataFrame, model_dir: str | None = None, fingerprints: bool = False) -> pd.DataFrame:
    """Score a DataFrame of raw records (columns from ``RECORD_COLUMNS``; missing ones are empty).

    Pure apart from loading the model once per process; the output has exactly
    ``output_columns()`` with ``output_dtypes()``, one row per input row, in order.
    With ``fingerprints``, each row's text fingerprint follows in hidden columns
    (``linking.fingerprints.hidden_columns()``), for an engine's batch to be linked.
    """
    frame = records.reindex(columns=RECORD_COLUMNS)
    frame = frame.astype(object).where(frame.notna(), "")
    if not fingerprints:
        return score_rows(frame.to_dict("records"), cached_model(model_dir))
    from .linking.fingerprints import fingerprint_frame, with_hidden

    found: list = []
    rows = score_rows(frame.to_dict("records"), cached_model(model_dir), found)
    return with_hidden(rows, fingerprint_frame(found))
