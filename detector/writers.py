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


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"output {path}: choose a name ending in .csv, .jsonl or .parquet")
    return FORMATS[suffix]


def _jsonable(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class RowWriter:
    """Write DataFrames of rows to ``path`` (or CSV to stdout when path is None)."""

    def __init__(self, path: str | Path | None, fmt: str | None = None):
        self.path = Path(path) if path is not None else None
        self.format = fmt or (format_for(self.path) if self.path else "csv")
        self._tmp: Path | None = None
        self._handle = None
        self._parquet = None
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
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._tmp, table.schema)
            self._parquet.write_table(table)
        self._header_done = True

    def close(self, empty_frame: pd.DataFrame | None = None) -> None:
        """Finish the file and move it into place; ``empty_frame`` gives the schema when no rows came."""
        if not self._header_done and empty_frame is not None:
            self.write(empty_frame)
        if self._parquet is not None:
            self._parquet.close()
        if self._handle is not None and self._handle is not sys.stdout:
            self._handle.close()
        if self._tmp is not None:
            os.replace(self._tmp, self.path)
            self._tmp = None

    def abort(self) -> None:
        if self._handle is not None and self._handle is not sys.stdout:
            self._handle.close()
        if self._parquet is not None:
            self._parquet.close()
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abort()
