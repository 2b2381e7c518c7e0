"""Raw records: what readers yield and what scoring consumes.

A raw record is a plain dict with the keys in ``RECORD_COLUMNS`` (missing keys
mean empty). Readers never parse markup; they only find pages in files and
stream them out as records. ``detector.parse.page_from_record`` turns a record
into a Page. Keeping records plain makes them a pandas/Dask/Spark row as is.
"""
from __future__ import annotations

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
