"""Parquet record files, streamed in small row batches with only the known columns read."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from .files import error_record, read_failure
from .rows import INPUT_COLUMNS, missing_content, record_from_row

FORMAT = "parquet"
# Rows can each hold a whole page; small batches keep memory flat.
BATCH_ROWS = 64


def iter_parquet_file(path: Path) -> Iterator[dict]:
    number = 0
    try:
        if path.stat().st_size == 0:
            yield error_record(str(path), FORMAT, "empty file")
            return
        with pq.ParquetFile(path) as table:
            problem = missing_content(table.schema_arrow.names)
            if problem:  # one error row for the file, saying how many rows it holds
                yield error_record(str(path), FORMAT, f"{problem} ({table.metadata.num_rows} rows not scored)")
                return
            present = [c for c in INPUT_COLUMNS if c in table.schema_arrow.names]
            for batch in table.iter_batches(batch_size=BATCH_ROWS, columns=present):
                for row in batch.to_pylist():
                    number += 1
                    yield record_from_row(row, f"{path}:{number}", FORMAT)
    except pa.ArrowException as exc:  # before OSError: Arrow's IO errors are OSErrors too
        yield _failure(path, number, f"not a readable Parquet file: {exc}")
        return
    except (OSError, ValueError) as exc:
        yield _failure(path, number, read_failure(exc))
        return
    if number == 0:
        yield error_record(str(path), FORMAT, "no records in file")


def _failure(path: Path, rows_read: int, reason: str) -> dict:
    """An error record for the row where reading stopped (or the file, before any row)."""
    return error_record(f"{path}:{rows_read + 1}" if rows_read else str(path), FORMAT, reason)
