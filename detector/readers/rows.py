"""One row of a record file (JSONL, CSV, Parquet) -> one raw record.

All record files share the same columns: ``id``, ``url``, ``html`` or ``text``,
optional ``title``, ``site``, ``source``, ``published``, ``category``. Unknown
columns are ignored; a reader-only column such as ``error`` or ``format`` is not
taken from input.
"""
from __future__ import annotations

import math
from datetime import date, datetime

from ..records import empty_record
from .decode import UnreadableContent, decode_page

INPUT_COLUMNS = ("id", "url", "html", "text", "title", "site", "source", "published", "category")
NO_CONTENT = "record has neither html nor text"


def cell_text(value: object) -> str:
    """A cell as text: None/NaN -> "", dates -> ISO, bytes decoded like a page."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return decode_page(bytes(value)) if value.strip() else ""  # may raise UnreadableContent
    return str(value)


def _blank(text: str) -> bool:
    return not text or text.isspace()  # without copying a whole page as strip() would


def record_from_row(row: dict, row_id: str, fmt: str) -> dict[str, str]:
    """A raw record from a row dict; ``row_id`` is used when the row has no ``id``.

    A row with no html and no text becomes an error record (kept, never dropped).
    """
    values: dict[str, str] = {}
    problem = ""
    for column in INPUT_COLUMNS:
        try:
            values[column] = cell_text(row.get(column))
        except UnreadableContent as exc:
            values[column], problem = "", f"{column}: {exc}"
    values["id"] = values["id"].strip() or row_id
    if problem:
        return empty_record(**values, format=fmt, error=problem)
    if _blank(values["html"]) and _blank(values["text"]):
        values["html"] = values["text"] = ""
        return empty_record(**values, format=fmt, error=NO_CONTENT)
    return empty_record(**values, format=fmt)
