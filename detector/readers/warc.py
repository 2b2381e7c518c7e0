"""WARC archives (``.warc``, ``.warc.gz``, zstd/lz4 too), streamed with fastwarc.

Only ``response`` records are pages; requests, metadata, warcinfo and revisits are
skipped. Each response becomes one record: id = WARC-Record-ID, url = WARC-Target-URI,
html = the HTTP payload decoded per the HTTP charset, then <meta charset>, then UTF-8.
Responses that are not HTML pages (images, redirects, errors) come back as error
records so that nothing is dropped silently.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from fastwarc import ArchiveIterator, WarcRecord, WarcRecordType

from ..records import empty_record
from .decode import UnreadableContent, decode_page
from .files import MAX_PAGE_BYTES, error_record, read_failure

FORMAT = "warc"
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _response_record(warc: WarcRecord, position: int, path: Path) -> dict:
    record_id = warc.record_id or f"{path}:{position}"
    url = warc.headers.get("WARC-Target-URI", "") or ""
    try:
        warc.parse_http(auto_decode="all")  # undo chunked/gzip transfer encodings
    except Exception as exc:  # fastwarc raises plain exceptions on broken HTTP headers
        return error_record(record_id, FORMAT, f"unreadable HTTP headers: {exc}", url)
    status = warc.http_headers.status_code if warc.http_headers is not None else None
    if status is not None and not 200 <= status < 300:
        return error_record(record_id, FORMAT, f"HTTP status {status}", url)
    content_type = (warc.http_content_type or "").lower()
    if content_type and content_type not in HTML_TYPES:
        return error_record(record_id, FORMAT, f"not an HTML page ({content_type})", url)
    body = warc.reader.read(MAX_PAGE_BYTES + 1)
    if len(body) > MAX_PAGE_BYTES:
        return error_record(record_id, FORMAT, f"page larger than {MAX_PAGE_BYTES >> 20} MB", url)
    try:
        html = decode_page(body, transport_charset=warc.http_charset or "")
    except UnreadableContent as exc:
        reason = "empty response body" if str(exc) == "empty file" else str(exc)
        return error_record(record_id, FORMAT, reason, url)
    return empty_record(id=record_id, url=url, html=html, format=FORMAT)


def iter_warc_file(path: Path) -> Iterator[dict]:
    seen = 0  # records of any type, to tell "no pages" from "not a WARC"
    responses = 0
    try:
        with open(path, "rb") as stream:
            if not stream.peek(1):
                yield error_record(str(path), FORMAT, "empty file")
                return
            for warc in ArchiveIterator(stream, parse_http=False):
                seen += 1
                if warc.record_type == WarcRecordType.response:
                    responses += 1
                    yield _response_record(warc, responses, path)
    except (OSError, EOFError, ValueError) as exc:
        yield error_record(str(path), FORMAT, _failure(path, seen, exc))
        return
    if responses == 0:
        yield error_record(str(path), FORMAT, "no response records in WARC file")


def _failure(path: Path, seen: int, exc: BaseException) -> str:
    if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
        return read_failure(exc)
    if seen == 0 and path.name.lower().endswith((".arc", ".arc.gz")):
        return "legacy ARC format is not supported by fastwarc; convert it to WARC"
    if seen == 0:
        return f"not a WARC file: {exc}"
    return f"WARC stream broken after {seen} records: {exc}"
