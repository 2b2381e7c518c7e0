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

from .model import CLASSES, Model, cached_model
from .page import Page
from .parse import ParseError, page_from_record
from .records import RECORD_COLUMNS
from .signals import SIGNAL_NAMES, SignalResult, run_signals
from .features import signal_matrix

BASE_COLUMNS = ["id", "url", "score", "p_original", "p_syndicated", "p_scraped", "label", "signals", "error"]


def output_columns() -> list[str]:
    """The fixed output schema: the base columns, then one column per signal value."""
    return BASE_COLUMNS + list(SIGNAL_NAMES)


def output_dtypes() -> dict[str, str]:
    floats = {c: "float64" for c in ["score", "p_original", "p_syndicated", "p_scraped", *SIGNAL_NAMES]}
    return {c: floats.get(c, "object") for c in output_columns()}


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
        if self.error:
            return ""
        return max(self.probabilities, key=self.probabilities.get)

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


def score_pages(pages: Sequence[Page | None], model: Model) -> tuple[list[list[SignalResult]], np.ndarray]:
    """Signals and class probabilities for pages (None entries get empty results)."""
    results = [run_signals(p) if p is not None else [] for p in pages]
    ok = [i for i, p in enumerate(pages) if p is not None]
    proba = np.full((len(pages), len(CLASSES)), np.nan)
    if ok:
        proba[ok] = model.predict_proba(signal_matrix([results[i] for i in ok]))
    return results, proba


def score_records(records: Iterable[dict], model: Model | None = None) -> list[Scored]:
    """Score raw records; unreadable ones come back with ``error`` set."""
    model = model or cached_model()
    records = list(records)
    parsed = [_page_or_error(r) for r in records]
    pages = [p for p, _ in parsed]
    results, proba = score_pages(pages, model)
    return [
        Scored(str(r.get("id", "")), str(r.get("url", "") or (p.url if p else "")), p, res,
               {} if err else dict(zip(CLASSES, map(float, pr))), err)
        for r, (p, err), res, pr in zip(records, parsed, results, proba)
    ]


def rows_from_scored(scored: Sequence[Scored]) -> pd.DataFrame:
    rows = []
    for s in scored:
        row = {"id": s.id, "url": s.url, "error": s.error, "label": s.label,
               "signals": " ".join(r.name for r in s.fired)}
        p = s.probabilities
        row.update(p_original=p.get("original", np.nan), p_syndicated=p.get("syndicated", np.nan),
                   p_scraped=p.get("scraped", np.nan))
        row["score"] = row["p_syndicated"] + row["p_scraped"]
        row.update({r.name: r.value for r in s.results})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=output_columns())
    return frame.astype(output_dtypes())


def score_frame(records: pd.DataFrame, model_dir: str | None = None) -> pd.DataFrame:
    """Score a DataFrame of raw records (columns from ``RECORD_COLUMNS``; missing ones are empty).

    Pure apart from loading the model once per process; the output has exactly
    ``output_columns()`` with ``output_dtypes()``, one row per input row, in order.
    """
    frame = records.reindex(columns=RECORD_COLUMNS)
    frame = frame.astype(object).where(frame.notna(), "")
    return rows_from_scored(score_records(frame.to_dict("records"), cached_model(model_dir)))
