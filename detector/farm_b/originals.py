"""Real original articles from the reference collections, parsed into Pages."""
from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

from ..evaluation.catalog import iter_real_pages
from ..page import Page
from ..parse import ParseError, page_from_record
from ..records import empty_record


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # the Chinese collection is partly GB18030
        return raw.decode("gb18030", errors="replace")


def real_originals(data_dir: str | os.PathLike, limit: int | None = None, seed: int = 0,
                   min_paragraphs: int = 2) -> list[Page]:
    """Article-like pages (a title and ``min_paragraphs`` paragraphs) in a seeded order;
    ``limit`` keeps the first ones of that order. Adds the Chinese news and blog pages,
    which the catalogue does not list."""
    data_dir = Path(data_dir)
    found = [(real.path, real.url, real.lang) for real in iter_real_pages(data_dir)]
    found += [(str(p.relative_to(data_dir)), "", "zh")
              for p in sorted((data_dir / "chinese-web-extraction" / "original").glob("*.html"))]
    random.Random(seed).shuffle(found)  # before reading: a small sample reads only what it keeps
    pages = []
    for path, url, lang in found:
        if limit and len(pages) >= limit:
            break
        try:
            page = page_from_record(empty_record(id=path, url=url, html=_read(data_dir / path), format="html"))
        except ParseError:
            continue
        if page.title and len(page.paragraphs) >= min_paragraphs:
            page.lang = page.lang or lang
            pages.append(page)
    return pages
