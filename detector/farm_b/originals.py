"""Real original articles from the reference collections, parsed into Pages."""
from __future__ import annotations

import gzip
import os
import random
from pathlib import Path
from typing import Iterator

from ..evaluation.catalog import iter_real_pages
from ..page import Page
from ..parse import ParseError, page_from_record
from ..records import empty_record


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _chinese_pages(data_dir: Path) -> Iterator[tuple[str, str, str, str]]:
    """The Chinese news/blog pages, which the catalogue does not list (GB18030 or UTF-8)."""
    for path in sorted((data_dir / "chinese-web-extraction" / "original").glob("*.html")):
        yield str(path.relative_to(data_dir)), "", "zh", _decode(path.read_bytes())


def _catalogue_pages(data_dir: Path) -> Iterator[tuple[str, str, str, str]]:
    for real in iter_real_pages(data_dir):
        raw = (data_dir / real.path).read_bytes()
        if real.path.endswith(".gz"):
            raw = gzip.decompress(raw)
        yield real.path, real.url, real.lang, _decode(raw)


def real_originals(data_dir: str | os.PathLike, limit: int | None = None, seed: int = 0,
                   min_paragraphs: int = 2) -> list[Page]:
    """Article-like pages (a title and ``min_paragraphs`` paragraphs) in a seeded order;
    ``limit`` keeps the first ones of that order."""
    data_dir = Path(data_dir)
    found = [*_catalogue_pages(data_dir), *_chinese_pages(data_dir)]
    random.Random(seed).shuffle(found)  # before parsing: a small sample parses only what it keeps
    pages = []
    for path, url, lang, html in found:
        if limit and len(pages) >= limit:
            break
        try:
            page = page_from_record(empty_record(id=path, url=url, html=html, format="html"))
        except ParseError:
            continue
        if page.title and len(page.paragraphs) >= min_paragraphs:
            page.lang = page.lang or lang
            pages.append(page)
    return pages
