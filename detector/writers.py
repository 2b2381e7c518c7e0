"""Streaming, atomic output writers: rows go to a temporary file renamed into place at the end.

A run that dies leaves no half-written output under the final name. Its temporary file
names the host and process that wrote it (``.out.csv.HOST.PID.XXXXXXXX.tmp``), so the next
writer of the same output removes it once that process is gone.

CSV output is meant to be opened in spreadsheets, which run a cell starting with ``=``,
``+``, ``-`` or ``@`` (or tab, CR) as a formula, and ids and urls come from the pages
themselves. Such cells get a leading single quote, as OWASP recommends against CSV
injection; so does a cell that already starts with one, so that reading back
(``restore_formulas``) removes exactly one. JSONL and Parquet keep the exact values.
"""
from __future__ import annotations

import json
import math
import os
import re
import socket
import sys
import tempfile
from pathlib import Path

import pandas as pd

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}
# Rows gathered before a Parquet row group is written: batches arrive a hundred rows at
# a time, and a row group per batch would make files slow to read back.
PARQUET_GROUP_ROWS = 16_384


# Cell starts a spreadsheet would run as a formula (OWASP's list), and the quote that escapes them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell that would start a formula prefixed with a single quote
    (and every cell already starting with one, to keep it reversible); the same frame when none does."""
    out = frame
    starts = (*FORMULA_STARTS, ESCAPE)
    for column in _text_columns(frame):
        values = frame[column].tolist()
        # A plain loop: a tenth of what pandas' str accessor costs on a frame of a hundred rows.
        if any(isinstance(v, str) and v.startswith(starts) for v in values):
            out = out.copy() if out is frame else out
            out[column] = [ESCAPE + v if isinstance(v, str) and v.startswith(starts) else v for v in values]
    return out


def restore_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo ``neutralise_formulas`` on text columns read back from a CSV file written here."""
    for column in _text_columns(frame):
        values = frame[column]
        escaped = values.str.startswith(ESCAPE, na=False)
        if escaped.any():
            frame.loc[escaped, column] = values[escaped].str.slice(1)
    return frame


def _text_columns(frame: pd.DataFrame) -> list:
    return [c for c, dtype in frame.dtypes.items() if dtype == object or pd.api.types.is_string_dtype(dtype)]


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "host"


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}.{_host()}.{os.getpid()}."


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files of earlier writers of ``path`` on this host whose process is
    gone (killed runs); files of live processes, other hosts and other outputs are left alone."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(?P<host>[A-Za-z0-9-]+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")
    removed = []
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return removed
    for sibling in siblings:
        match = pattern.match(sibling.name)
        if match and match["host"] == _host() and not _process_alive(int(match["pid"])):
            try:
                sibling.unlink()
                removed.append(sibling)
            except OSError:
                pass  # removed by another run meanwhile, or not ours to remove
    return removed


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
            if hasattr(sys.stdout, "reconfigure"):  # as for files below: escapes, never a failed run
                sys.stdout.reconfigure(errors="backslashreplace")
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(self.path)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=_temporary_prefix(self.path), suffix=".tmp")
            os.close(fd)
            self._tmp = Path(tmp)
            if self.format != "parquet":
                # Text that UTF-8 cannot hold (lone surrogates) is written as escapes, not refused.
                self._handle = open(self._tmp, "w", encoding="utf-8", errors="backslashreplace", newline="")

    def write(self, frame: pd.DataFrame) -> None:
        if self.format == "csv":
            neutralise_formulas(frame).to_csv(self._handle, index=False, header=not self._header_done)
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
