"""CSV record files (``.csv``, optionally gzipped), streamed with the csv module.

The header names the columns; rows get the id ``FILE:ROW`` (1-based data row) when
they have no ``id``. Fields may hold whole HTML pages, so the field size limit is raised.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from .decode import UnreadableContent, check_not_binary
from .files import GZIP_ERRORS, error_record, open_binary, read_failure
from .rows import missing_content, record_from_row

FORMAT = "csv"
csv.field_size_limit(2**31 - 1)  # whole pages in one cell; sys.maxsize overflows a C long on some builds


def iter_csv_file(path: Path) -> Iterator[dict]:
    number = 0
    try:
        with open_binary(path) as raw:
            first = raw.peek(8192) if hasattr(raw, "peek") else b""
            if not first:
                yield error_record(str(path), FORMAT, "empty file")
                return
            check_not_binary(first)
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
            rows = csv.DictReader(text)
            problem = missing_content(rows.fieldnames or [])
            if problem:  # one error row for the file, saying how many rows it holds
                number = sum(1 for _ in rows)
                yield error_record(str(path), FORMAT, f"{problem} ({number} rows not scored)")
                return
            for number, row in enumerate(rows, start=1):
                yield record_from_row(row, f"{path}:{number}", FORMAT)
    except UnreadableContent as exc:
        yield error_record(str(path), FORMAT, str(exc))
        return
    except csv.Error as exc:
        yield error_record(f"{path}:{number + 1}", FORMAT, f"malformed CSV after row {number}: {exc}")
        return
    except (OSError, EOFError, ValueError, *GZIP_ERRORS) as exc:
        yield error_record(f"{path}:{number + 1}" if number else str(path), FORMAT, read_failure(exc))
        return
    if number == 0:
        yield error_record(str(path), FORMAT, "no records in file")
