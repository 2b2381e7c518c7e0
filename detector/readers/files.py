"""Opening input files (plain or gzip) and turning read failures into short reasons."""
from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path
from typing import BinaryIO

from isal import igzip, isal_zlib  # ISA-L's inflate: 2.5 times zlib's speed on gzipped pages

from ..records import MAX_PAGE_BYTES, empty_record

# What reading a damaged gzip file may raise, besides EOFError for a truncated one.
GZIP_ERRORS = (gzip.BadGzipFile, zlib.error, isal_zlib.error)


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes as a stream, gunzipped on the fly for ``*.gz``."""
    if is_gzip(path):
        return igzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_page_bytes(path: Path) -> bytes:
    """All bytes of a single-page file, refusing absurdly large ones."""
    with open(path, "rb") as stream:
        data = stream.read(MAX_PAGE_BYTES + 1)
    if is_gzip(path):
        data = gunzip(data, MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise ValueError(f"page larger than {MAX_PAGE_BYTES >> 20} MB")
    return data


def gunzip(data: bytes, limit: int) -> bytes:
    """Inflate gzip ``data`` (all members) up to ``limit`` bytes.

    One inflater call per member rather than a gzip stream: a page is small and
    whole, and the stream's buffering costs as much as the inflating itself.
    Raises gzip.BadGzipFile on a bad header and EOFError on a truncated file,
    as the gzip module does.
    """
    if data[:2] != b"\x1f\x8b":
        raise gzip.BadGzipFile(f"Not a gzipped file ({data[:2]!r})")
    out: list[bytes] = []
    size = 0
    while data and size < limit:
        inflater = isal_zlib.decompressobj(wbits=31)
        out.append(inflater.decompress(data, limit - size))
        size += len(out[-1])
        if not inflater.eof:
            if size >= limit:
                break
            raise EOFError("Compressed file ended before the end-of-stream marker was reached")
        data = inflater.unused_data.lstrip(b"\x00")  # members may be padded with zeros
    return b"".join(out)


def read_failure(exc: BaseException) -> str:
    """A short, clear reason for an exception raised while reading a file."""
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, GZIP_ERRORS):
        return f"gzip error: {exc}"
    if isinstance(exc, EOFError):
        return "gzip error: file is truncated"
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or exc}"
    return f"{exc}" or type(exc).__name__


def directory_failure(path: Path) -> str:
    """Why a directory among the inputs gave no files: it cannot be listed."""
    try:
        with os.scandir(path):
            return "is a directory"  # readable now: it was not when the inputs were listed
    except OSError as exc:
        return f"cannot read directory: {exc.strerror or exc}"


def error_record(record_id: str, fmt: str, reason: str, url: str = "") -> dict[str, str]:
    return empty_record(id=record_id, url=url, format=fmt, error=reason)
