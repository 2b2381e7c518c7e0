"""WARC archives (``.warc``, ``.warc.gz``, zstd/lz4 too), streamed with fastwarc.

Only ``response`` records are pages; requests, metadata, warcinfo and revisits are
skipped. Each response becomes one record: id = WARC-Record-ID, url = WARC-Target-URI,
html = the HTTP payload decoded per the HTTP charset, then <meta charset>, then UTF-8.
Responses that are not HTML pages (images, redirects, errors) come back as error
records so that nothing is dropped silently, as do records cut short (fewer bytes than
their Content-Length: a truncated file) or whose bytes do not decode.
"""
from __future__ import annotations

import io
from contextlib import ExitStack
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
    block, problem = _read_block(warc)
    if problem:
        return error_record(record_id, FORMAT, problem, url)
    warc = _detached(block)
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
    try:
        body = warc.reader.read(MAX_PAGE_BYTES + 1)  # transfer encodings are undone as it is read
    except (OSError, ValueError) as exc:
        return error_record(record_id, FORMAT, f"unreadable HTTP body: {exc}", url)
    if len(body) > MAX_PAGE_BYTES:
        return error_record(record_id, FORMAT, f"page larger than {MAX_PAGE_BYTES >> 20} MB", url)
    try:
        html = decode_page(body, transport_charset=warc.http_charset or "")
    except UnreadableContent as exc:
        reason = "empty response body" if str(exc) == "empty file" else str(exc)
        return error_record(record_id, FORMAT, reason, url)
    return empty_record(id=record_id, url=url, html=html, format=FORMAT)


# Room for the HTTP headers above the page itself in a record's block.
HTTP_HEADER_ROOM = 1 << 20


def _read_block(warc: WarcRecord) -> tuple[bytes, str]:
    """Read the record's whole block into memory: (block, "") or (b"", why not). A file cut
    short (a crawl interrupted, a partial download) yields a last record with fewer bytes
    than its Content-Length, which must not be scored as if it were the whole page."""
    if warc.headers.get("Content-Length") is None:
        return b"", "truncated WARC record: no Content-Length header"
    expected = warc.content_length
    if expected > MAX_PAGE_BYTES + HTTP_HEADER_ROOM:
        return b"", f"page larger than {MAX_PAGE_BYTES >> 20} MB"
    try:
        block = warc.reader.read(expected)
    except (OSError, EOFError, ValueError) as exc:  # the file's own compression is damaged here
        return b"", f"damaged WARC record: {exc}"
    if len(block) < expected:
        return b"", f"truncated WARC record: {len(block)} of {expected} bytes"
    return block, ""


_DETACHED_HEAD = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"


def _detached(block: bytes) -> WarcRecord:
    """A response record of its own holding ``block``, for parsing the HTTP message: a failed
    parse on the scanned record itself leaves the scan unable to go on to the next record."""
    head = _DETACHED_HEAD + b"Content-Length: %d\r\n\r\n" % len(block)
    return next(iter(ArchiveIterator(io.BytesIO(head + block), parse_http=False)))


def _scan(path: Path) -> Iterator[tuple[WarcRecord, int] | dict]:
    """(response record, its position among the responses) in file order, and error records
    where the file is empty, broken or holds no response. One pass, WARC headers only."""
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
                    yield warc, responses
    except (OSError, EOFError, ValueError) as exc:
        yield error_record(str(path), FORMAT, _failure(path, seen, exc))
        return
    if responses == 0:
        yield error_record(str(path), FORMAT, "no response records in WARC file")


def iter_warc_file(path: Path) -> Iterator[dict]:
    for item in _scan(path):
        yield item if isinstance(item, dict) else _response_record(*item, path)


# Where a record starts when it can be read again from its offset alone: a gzip member of its
# own (the WARC standard's way of compressing) or the plain text of an uncompressed file.
_RECORD_STARTS = {".gz": b"\x1f\x8b\x08", ".warc": b"WARC/"}


def iter_warc_offsets(path: Path) -> Iterator[tuple[int, int, str] | dict]:
    """What ``iter_warc_file`` yields, with each response record that can be read again at its
    offset given as (offset, position, record id) for ``read_warc_record`` to decode in another
    process: the reading process then only inflates and skips, the costly HTTP and charset
    decoding is spread over the workers. Other records (zstd or lz4 files, one gzip stream for
    the whole file) are decoded here."""
    start = _RECORD_STARTS.get(path.suffix.lower(), b"")
    with ExitStack() as stack:
        check = None  # opened once the scan has opened the file: its errors are the scan's to report
        for item in _scan(path):
            if isinstance(item, dict):
                yield item
                continue
            warc, position = item
            check = check or stack.enter_context(open(path, "rb"))
            check.seek(warc.stream_pos)
            if start and check.read(len(start)) == start:
                yield warc.stream_pos, position, warc.record_id or ""
            else:
                yield _response_record(warc, position, path)


def read_warc_record(path: str, offset: int, position: int, record_id: str) -> dict:
    """The record ``iter_warc_file`` gives for the response record at ``offset``; an error
    record, never another page, when the file no longer holds that record there."""
    try:
        with open(path, "rb") as stream:
            stream.seek(offset)
            warc = next(iter(ArchiveIterator(stream, parse_http=False)), None)
            if warc is None or warc.record_type != WarcRecordType.response or (warc.record_id or "") != record_id:
                return error_record(record_id or f"{path}:{position}", FORMAT,
                                    "WARC record no longer at its offset (file changed?)")
            return _response_record(warc, position, Path(path))
    except (OSError, EOFError, ValueError) as exc:
        return error_record(record_id or f"{path}:{position}", FORMAT, read_failure(exc))


def _failure(path: Path, seen: int, exc: BaseException) -> str:
    if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
        return read_failure(exc)
    if seen == 0 and path.name.lower().endswith((".arc", ".arc.gz")):
        return "legacy ARC format is not supported by fastwarc; convert it to WARC"
    if seen == 0:
        return f"not a WARC file: {exc}"
    return f"WARC stream broken after {seen} records: {exc}"
