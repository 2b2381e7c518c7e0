"""One pure scoring function over a batch of raw records.

``score_frame(records DataFrame) -> scores DataFrame`` with the fixed schema
``output_columns()``. The CLI, the Python API, worker processes, Dask and Spark
all call it; none of them re-implements scoring.
"""
from __future__ import annotations

import json
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from .model import CLASSES, Model, cached_model, decide_labels
from .page import Page
from .parse import ParseError, page_from_record
from .records import RECORD_COLUMNS, normalise_record
from .signals import SIGNAL_NAMES, SignalResult, run_signals
from .features import signal_matrix
from .predict_cache import cached_predictor
from .linking.fingerprints import Fingerprint, fingerprint
from .linking.origin import LINK_COLUMNS
from .linking.signals import CROSS_PAGE_NAMES

BASE_COLUMNS = ["id", "url", "score", "p_original", "p_syndicated", "p_scraped", "label", "signals", "error"]
# With evidence=True (``detector score --evidence``): every quoted piece of evidence as a JSON list of
# {signal, field, start, end, text, reason}, and the text it points into, so a reviewer can see it in place.
EVIDENCE_COLUMNS = ["evidence", "title", "text"]


def output_columns(evidence: bool = False) -> list[str]:
    """The fixed output schema: the base columns, the link columns (filled once the batch is
    linked, see ``detector.linking``), one column per signal value, the cross-page signals
    (then ``EVIDENCE_COLUMNS`` when asked for)."""
    return BASE_COLUMNS + LINK_COLUMNS + list(SIGNAL_NAMES) + CROSS_PAGE_NAMES + (EVIDENCE_COLUMNS if evidence else [])


def output_dtypes(evidence: bool = False) -> dict[str, str]:
    numbers = {c: "float64" for c in ["score", "p_original", "p_syndicated", "p_scraped", "copy_similarity",
                                      *SIGNAL_NAMES, *CROSS_PAGE_NAMES]}
    numbers["copies"] = "int64"
    return {c: numbers.get(c, "object") for c in output_columns(evidence)}


def evidence_json(results: Sequence[SignalResult]) -> str:
    """The evidence of every fired signal as a JSON list (offsets index ``Page.field_text(field)``)."""
    return json.dumps([dict(signal=r.name, field=e.field, start=e.start, end=e.end, text=e.text, reason=e.reason)
                       for r in results if r.fired for e in r.evidence], ensure_ascii=False)


def page_texts(page: Page | None) -> tuple[str, str]:
    """(title, text) of a page; ``text`` is the paragraphs joined as ``Page.body`` joins them."""
    return (page.title, page.body) if page is not None else ("", "")


@dataclass
class Scored:
    """One page's full result: what ``explain`` shows and ``score`` tabulates."""

    id: str
    url: str
    page: Page | None
    results: list[SignalResult]
    probabilities: dict[str, float]
    error: str = ""

    @property
    def label(self) -> str:
        """The most probable class ("" for an error row)."""
        if self.error or not self.probabilities:
            return ""
        return max(CLASSES, key=lambda c: self.probabilities[c])

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
        if not s.error:
            s.probabilities = dict(zip(CLASSES, map(float, row)))
    return scored


class PageTimeout(BaseException):
    """Raised inside a page's scoring when it runs out of time (a BaseException, so that the
    catch-alls for parser and signal bugs let it through)."""


@contextmanager
def page_time_limit(seconds: float) -> Iterator[Callable[[float], object] | None]:
    """Yield ``alarm(seconds)``, which raises ``PageTimeout`` that many seconds later
    (0 cancels), or None where no alarm can be set (``seconds`` 0, not the main thread, no SIGALRM).

    An alarm interrupts Python code only: a page stuck in C code (the HTML parser) is stopped
    when it returns. Worker processes are killed instead (``detector.workers``).
    """
    if not (seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()):
        yield None
        return

    def expired(signum, frame):
        raise PageTimeout

    before = signal.signal(signal.SIGALRM, expired)
    try:
        yield partial(signal.setitimer, signal.ITIMER_REAL)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def _scored_or_error(record: dict, alarm, seconds: float) -> tuple[Page | None, list[SignalResult], str]:
    """One record's page and signal results, or the reason it has none."""
    page, results = None, []
    try:
        try:
            if alarm is not None:
                alarm(seconds)
            page, error = _page_or_error(record)
            if page is not None:
                results, error = _signals_or_error(page)
        finally:
            if alarm is not None:
                alarm(0)
    except PageTimeout:
        return None, [], f"timed out after {seconds:g} s"
    return page, results, error


def score_rows(records: Iterable[dict], model: Model | None = None, evidence: bool = False,
               page_timeout: float = 0, fingerprints: list[Fingerprint | None] | None = None) -> pd.DataFrame:
    """Score raw records straight to output rows (``output_columns(evidence)``), in order.

    The batch path: each Page is dropped as soon as its signals are computed, so
    memory holds one page at a time plus the small results (and, with ``evidence``,
    its title and body text). ``page_timeout``: seconds a page may take in this process
    before it becomes an error row (see ``page_time_limit``). Given a list as ``fingerprints``,
    each row's text fingerprint is appended to it in the same pass (None for error rows), for
    linking the batch afterwards.
    """
    model = model or cached_model()
    ids, urls, errors, results, texts = [], [], [], [], []
    with page_time_limit(page_timeout) as alarm:
        for record in records:
            page, page_results, error = _scored_or_error(record, alarm, page_timeout)
            ids.append(str(record.get("id", "")))
            urls.append(str(record.get("url", "") or (page.url if page else "")))
            errors.append(error)
            results.append(page_results)
            if evidence:
                texts.append(page_texts(page))
            if fingerprints is not None:
                fingerprints.append(fingerprint(page, ids[-1]) if page is not None and not error else None)
    rows = _rows(ids, urls, errors, results, _probabilities(results, model))
    return with_evidence(rows, results, texts) if evidence else rows


def with_evidence(rows: pd.DataFrame, results: Sequence[list[SignalResult]],
                  texts: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """``rows`` with ``EVIDENCE_COLUMNS`` added."""
    rows["evidence"] = pd.Series([evidence_json(r) for r in results], dtype=object)
    rows["title"] = pd.Series([t for t, _ in texts], dtype=object)
    rows["text"] = pd.Series([b for _, b in texts], dtype=object)
    return rows


def _rows(ids: list[str], urls: list[str], errors: list[str], results: Sequence[list[SignalResult]],
          proba: np.ndarray) -> pd.DataFrame:
    """The output frame, built column by column (a dict per row costs more than scoring the model)."""
    n = len(ids)
    values = np.full((n, len(SIGNAL_NAMES)), np.nan)
    fired = []
    for i, page_results in enumerate(results):
        if page_results:
            values[i] = [r.value for r in page_results]
        fired.append(" ".join(r.name for r in page_results if r.fired))
    failed = np.array([bool(e) for e in errors], dtype=bool)
    decided = decide_labels(np.nan_to_num(proba, nan=0.0))
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


def rows_from_scored(scored: Sequence[Scored], evidence: bool = False) -> pd.DataFrame:
    """Output rows for already scored pages."""
    proba = np.array([[s.probabilities.get(c, np.nan) for c in CLASSES] for s in scored], dtype=np.float64)
    rows = _rows([s.id for s in scored], [s.url for s in scored], [s.error for s in scored],
                 [s.results for s in scored], proba.reshape(len(scored), len(CLASSES)))
    if evidence:
        rows = with_evidence(rows, [s.results for s in scored], [page_texts(s.page) for s in scored])
    return rows


def score_frame(records: pd.DataFrame, model_dir: str | None = None, evidence: bool = False,
                prevalence: dict[str, float] | None = None, fingerprints: bool = False) -> pd.DataFrame:
    """Score a DataFrame of raw records (columns from ``RECORD_COLUMNS``; missing ones are empty).

    Pure apart from loading the model once per process; the output has exactly
    ``output_columns(evidence)`` with ``output_dtypes(evidence)``, one row per input row, in order.
    ``prevalence`` states the class shares expected in these pages (default: the
    model card's); the probabilities are given at those shares. With ``fingerprints``,
    each row's text fingerprint follows in hidden columns (``linking.fingerprints.hidden_columns()``),
    for an engine's batch to be linked.
    """
    rows = (normalise_record(row) for row in records.reindex(columns=RECORD_COLUMNS).to_dict("records"))
    model = model_for(model_dir, prevalence)
    if not fingerprints:
        return score_rows(rows, model, evidence)
    from .linking.fingerprints import fingerprint_frame, with_hidden

    found: list = []
    scored = score_rows(rows, model, evidence, fingerprints=found)
    return with_hidden(scored, fingerprint_frame(found))


def model_for(model_dir: str | None = None, prevalence: dict[str, float] | None = None) -> Model:
    """The process's loaded model, with probabilities at ``prevalence`` when one is given."""
    return cached_model(model_dir, tuple(sorted(prevalence.items())) if prevalence else None)
