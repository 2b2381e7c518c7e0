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
CONTENT_COLUMNS = ("html", "text")
NO_CONTENT = "record has neither html nor text"
# JSON's names for the types a JSON value may have, as a user who wrote the file knows them.
_JSON_TYPES = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}


_OPTIONAL = ", ".join(c for c in INPUT_COLUMNS if c not in CONTENT_COLUMNS)
_NAMES_SHOWN = 20


def missing_content(columns, what: str = "column") -> str:
    """The reason a file or record with these columns (or fields) holds no page; "" when it has
    html or text. It names what was found, for the user to see which name is off."""
    if any(column in columns for column in CONTENT_COLUMNS):
        return ""
    names = [str(column) for column in columns]
    found = ", ".join(names[:_NAMES_SHOWN]) + (f" and {len(names) - _NAMES_SHOWN} more" if len(names) > _NAMES_SHOWN else "")
    note = f"found {what}s {found or 'none'}; expected html or text, optional {_OPTIONAL}"
    return f"no html or text column: {note}" if what == "column" else f"{NO_CONTENT}: {note}"


def wrong_content_type(row: dict, fmt: str) -> str:
    """The reason a row's html or text is not a page: a number, list or other non-text value
    (which ``str()`` would otherwise turn into a page of its own)."""
    for column in CONTENT_COLUMNS:
        value = row.get(column)
        if value is None or isinstance(value, (str, bytes, bytearray)):
            continue
        if isinstance(value, float) and math.isnan(value):
            continue
        kind = _JSON_TYPES.get(type(value), type(value).__name__) if fmt == "jsonl" else type(value).__name__
        return f"{column} is {'an' if kind[0] in 'aeiou' else 'a'} {kind}, expected a string"
    return ""


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
    problem = wrong_content_type(row, fmt)
    for column in INPUT_COLUMNS:
        try:
            values[column] = cell_text(row.get(column))
        except UnreadableContent as exc:
            values[column], problem = "", problem or f"{column}: {exc}"
    values["id"] = values["id"].strip() or row_id
    if problem:
        values["html"] = values["text"] = ""
        return empty_record(**values, format=fmt, error=problem)
    if _blank(values["html"]) and _blank(values["text"]):
        values["html"] = values["text"] = ""
        return empty_record(**values, format=fmt, error=missing_content(row, "field") or NO_CONTENT)
    return empty_record(**values, format=fmt)
