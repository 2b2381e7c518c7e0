"""Single-page files: one HTML page (``.html``, ``.htm``, ``.xhtml``) or one text dump
(``.txt``), optionally gzipped. The record id is the path as given or joined."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..records import empty_record
from .decode import UnreadableContent, decode_page
from .files import GZIP_ERRORS, error_record, read_failure, read_page_bytes


def _read(path: Path, fmt: str) -> tuple[str, str]:
    """(decoded text, "") or ("", reason)."""
    try:
        data = read_page_bytes(path)
        return decode_page(data, sniff_markup=fmt == "html"), ""
    except UnreadableContent as exc:
        return "", str(exc)
    except (OSError, EOFError, ValueError, *GZIP_ERRORS) as exc:
        return "", read_failure(exc)


def iter_html_file(path: Path) -> Iterator[dict]:
    html, problem = _read(path, "html")
    if problem:
        yield error_record(str(path), "html", problem)
    else:
        yield empty_record(id=str(path), html=html, format="html")


def iter_text_file(path: Path) -> Iterator[dict]:
    text, problem = _read(path, "txt")
    if problem:
        yield error_record(str(path), "txt", problem)
    else:
        yield empty_record(id=str(path), text=text, format="txt")
