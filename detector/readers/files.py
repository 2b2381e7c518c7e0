"""Opening input files (plain or gzip) and turning read failures into short reasons."""
from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

from ..records import empty_record

# A single page file larger than this is refused rather than read into memory.
MAX_PAGE_BYTES = 64 << 20


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes as a stream, gunzipped on the fly for ``*.gz``."""
    if is_gzip(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_page_bytes(path: Path) -> bytes:
    """All bytes of a single-page file, refusing absurdly large ones."""
    with open_binary(path) as stream:
        data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise ValueError(f"page larger than {MAX_PAGE_BYTES >> 20} MB")
    return data


def read_failure(exc: BaseException) -> str:
    """A short, clear reason for an exception raised while reading a file."""
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return f"gzip error: {exc}"
    if isinstance(exc, EOFError):
        return "gzip error: file is truncated"
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or exc}"
    return f"{exc}" or type(exc).__name__


def error_record(record_id: str, fmt: str, reason: str, url: str = "") -> dict[str, str]:
    return empty_record(id=record_id, url=url, format=fmt, error=reason)
