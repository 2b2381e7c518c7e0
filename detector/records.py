"""Raw records: what readers yield and what scoring consumes.

A raw record is a plain dict with the keys in ``RECORD_COLUMNS`` (missing keys
mean empty). Readers never parse markup; they only find pages in files and
stream them out as records. ``detector.parse.page_from_record`` turns a record
into a Page. Keeping records plain makes them a pandas/Dask/Spark row as is.
"""
from __future__ import annotations

import re
import sys

RECORD_COLUMNS = [
    "id",  # file path; record id; FILE:ROW; WARC-Record-ID
    "url",
    "html",  # raw HTML (decoded to str), or ""
    "text",  # a text dump of a page (title line, metadata line, paragraphs, blocks), or ""
    "title",
    "site",
    "source",
    "published",
    "category",
    "format",  # "html", "txt", "jsonl", "csv", "parquet", "warc"
    "error",  # set by a reader when the page could not be read; the row is still scored as an error row
]


# The largest page read or parsed, whatever the input format (a page file, a WARC record, a
# JSONL, CSV or Parquet field). Scoring a page takes about 18 times its size at the peak (a
# 16 MB page about 300 MB above the process's 200 MB, a 60 MB page over a gigabyte; see
# benchmarks/bench_page_memory.py), so a larger page becomes an error row instead of taking
# a worker's memory. ``detector score --max-page-mb`` changes it for a run.
MAX_PAGE_BYTES = 16 << 20


def set_max_page_bytes(limit: int) -> int:
    """Change the page size limit in this process and return the one before.

    The readers and the parser copy the constant when they are imported, so the
    copies in modules already imported change with it.
    """
    global MAX_PAGE_BYTES
    before, MAX_PAGE_BYTES = MAX_PAGE_BYTES, int(limit)
    for name, module in list(sys.modules.items()):
        if name.startswith("detector.") and getattr(module, "MAX_PAGE_BYTES", None) == before:
            module.MAX_PAGE_BYTES = MAX_PAGE_BYTES
    return before


def empty_record(**values: str) -> dict[str, str]:
    record = {c: "" for c in RECORD_COLUMNS}
    unknown = set(values) - set(RECORD_COLUMNS)
    if unknown:
        raise KeyError(f"unknown record fields: {sorted(unknown)}")
    record.update({k: "" if v is None else str(v) for k, v in values.items()})
    return record


def normalise_record(values: dict) -> dict[str, str]:
    """A record from any mapping (a dict, a DataFrame row): every ``RECORD_COLUMNS`` key, as text.

    Missing keys, None and NaN mean empty; keys outside ``RECORD_COLUMNS`` are ignored. Every
    caller (the API, ``score_frame``, the engines) goes through this one function, so the same
    row gives the same page whichever way it arrives.
    """
    record = {}
    for column in RECORD_COLUMNS:
        value = values.get(column)
        record[column] = value if isinstance(value, str) else "" if _missing(value) else str(value)
    return record


def _missing(value) -> bool:
    """None, NaN, NaT and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):  # pandas.NA refuses bool(); an array answers elementwise
        return type(value).__name__ in ("NAType", "NaTType")


# A file name that is not valid UTF-8 reaches Python with its bad bytes as lone surrogates
# (U+DC80..U+DCFF), and JSON escapes can hold other lone surrogates: no output format can
# write them, so they are shown as escapes: b"x-\xe9.html" -> "x-\\xe9.html".
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def visible_text(text: str) -> str:
    """``text`` unchanged when it can be written as UTF-8; else lone surrogates become visible
    escapes (``\\xe9`` for an undecodable file-name byte, ``\\ud800`` for others). Stable:
    the same name gives the same id in every run and output format."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        text = _ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# The record fields that reach the output rows (the page itself never does).
OUTPUT_FIELDS = ("id", "url", "error")


def writable_record(record: dict) -> dict:
    """The record with the fields that reach the output writable as UTF-8 (see
    ``visible_text``); the same dict when nothing needs escaping, as for nearly every record."""
    for key in OUTPUT_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and (clean := visible_text(value)) is not value:
            record = {**record, key: clean}
    return record
