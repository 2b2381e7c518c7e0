"""Cross-page signals: what a copy's links say about it, as signal values with evidence.

Unlike the per-page signals in ``detector.signals`` these need the other pages of
the batch (or the reference index), so they are computed after linking. A copy
that credits its source openly fires none of them: it stays ``syndicated``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..page import Page
from ..signals.base import Evidence, SignalResult
from ..signals.outlets import display_name
from .origin import Relation

CROSS_PAGE_SIGNALS = {
    "copy_credit_stripped": "the text of another page that credits a wire or outlet, here with no credit",
    "copy_other_identity": "the text of a page on another site, here under another declared source or site name",
    "copy_backdated": "a copy dated earlier than the page it copies",
}
CROSS_PAGE_NAMES = list(CROSS_PAGE_SIGNALS)


def relation_values(relation: Relation) -> dict[str, float]:
    return {"copy_credit_stripped": float(relation.stripped_from is not None),
            "copy_other_identity": float(bool(relation.other_identity)),
            "copy_backdated": float(relation.backdated is not None)}


def cross_page_columns(count: int, relations: list[Relation]) -> pd.DataFrame:
    """The cross-page signal values of ``count`` rows (0 where a row is no copy)."""
    values = np.zeros((count, len(CROSS_PAGE_NAMES)))
    for relation in relations:
        values[relation.row] = [relation_values(relation)[name] for name in CROSS_PAGE_NAMES]
    return pd.DataFrame(values, columns=CROSS_PAGE_NAMES)


def _other(table: pd.DataFrame, row: int) -> str:
    member = table.loc[row]
    return str(member["url"] or member["id"])


def relation_results(relation: Relation, table: pd.DataFrame, page: Page) -> list[SignalResult]:
    """The cross-page signals of one copy with evidence quoting the passage it shares
    (``page`` is the copy, parsed; ``table`` the fingerprint rows the relation refers to)."""
    where = relation.passage
    values = relation_values(relation)
    origin = _other(table, relation.origin)
    reasons = {}
    if relation.stripped_from:
        credited_row, outlet = relation.stripped_from
        reasons["copy_credit_stripped"] = (f"same text as {_other(table, credited_row)}, which credits "
                                           f"{display_name(outlet)}; this page credits no one")
    if relation.other_identity:
        reasons["copy_other_identity"] = (f"same text as {origin}, here under the name "
                                          f"{relation.other_identity!r}")
    if relation.backdated:
        reasons["copy_backdated"] = (f"dated {relation.backdated[0]}, before {origin} ({relation.backdated[1]}), "
                                     "which it copies")
    results = []
    for name in CROSS_PAGE_NAMES:
        evidence: tuple[Evidence, ...] = ()
        if values[name] and where is not None:
            field_name, start, end = where
            try:
                evidence = (Evidence.at(page, field_name, start, end, reasons[name]),)
            except (IndexError, AttributeError):
                evidence = ()
        results.append(SignalResult(name, values[name], evidence))
    return results
