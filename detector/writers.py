"""Streaming, atomic output writers: rows go to a temporary file renamed into place at the end.

A run that dies leaves no half-written output under the final name.
"""
from __future__ import annotations

import json
import math
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}
# Rows gathered before a Parquet row group is written: batches arrive a hundred rows at
# a time, and a row group per batch would make files slow to read back.
PARQUET_GROUP_ROWS = 16_384


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"output {path}: choose a name ending in .csv, .jsonl or .parquet")
    return FORMATS[suffix]


def _jsonable(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def arrow_schema(frame: pd.DataFrame):
    """A fixed Arrow schema for the frame's dtypes: text columns are strings even when empty or all-missing."""
    import pyarrow as pa

    fields = []
    for name, dtype in frame.dtypes.items():
        if pd.api.types.is_float_dtype(dtype):
            fields.append(pa.field(name, pa.float64()))
        elif pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
            fields.append(pa.field(name, pa.string()))
        else:
            fields.append(pa.field(name, pa.from_numpy_dtype(dtype)))
    return pa.schema(fields)


class RowWriter:
    """Write DataFrames of rows to ``path`` (or CSV to stdout when path is None)."""

    def __init__(self, path: str | Path | None, fmt: str | None = None):
        self.path = Path(path) if path is not None else None
        self.format = fmt or (format_for(self.path) if self.path else "csv")
        self._tmp: Path | None = None
        self._handle = None
        self._parquet = None
        self._pending: list[pd.DataFrame] = []  # Parquet rows not yet in a row group
        self._pending_rows = 0
        self._header_done = False
        if self.path is None:
            self._handle = sys.stdout
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            os.close(fd)
            self._tmp = Path(tmp)
            if self.format != "parquet":
                self._handle = open(self._tmp, "w", encoding="utf-8", newline="")

    def write(self, frame: pd.DataFrame) -> None:
        if self.format == "csv":
            frame.to_csv(self._handle, index=False, header=not self._header_done)
        elif self.format == "jsonl":
            for row in frame.to_dict("records"):
                self._handle.write(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        else:
            self._pending.append(frame)
            self._pending_rows += len(frame)
            if self._pending_rows >= PARQUET_GROUP_ROWS:
                self._flush_parquet()
        self._header_done = True

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._pending:
            return
        frame = self._pending[0] if len(self._pending) == 1 else pd.concat(self._pending, ignore_index=True)
        self._pending, self._pending_rows = [], 0
        if self._parquet is None:
            self._schema = arrow_schema(frame)
            self._parquet = pq.ParquetWriter(self._tmp, self._schema)
        self._parquet.write_table(pa.Table.from_pandas(frame, schema=self._schema, preserve_index=False))

    def close(self, empty_frame: pd.DataFrame | None = None) -> None:
        """Finish the file and move it into place; ``empty_frame`` gives the schema when no rows came."""
        if not self._header_done and empty_frame is not None:
            self.write(empty_frame)
        if self.format == "parquet" and self._tmp is not None:
            self._flush_parquet()
        if self._parquet is not None:
            self._parquet.close()
        if self._handle is not None and self._handle is not sys.stdout:
            self._handle.close()
        if self._tmp is not None:
            os.chmod(self._tmp, 0o644)  # mkstemp makes files private; outputs are meant to be shared
            os.replace(self._tmp, self.path)
            self._tmp = None

    def abort(self) -> None:
        if self._handle is not None and self._handle is not sys.stdout:
            self._handle.close()
        if self._parquet is not None:
            self._parquet.close()
        self._pending = []
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._tmp = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abort()
