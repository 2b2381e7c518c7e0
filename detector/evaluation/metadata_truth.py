"""How well the HTML parse reads byline, date and site name, against hand-made ground truth.

Four reference collections in ``../shared/data`` state a page's metadata:
chinese-web-extraction (``author/`` and ``date/`` written by hand),
readability-testpages (``expected-metadata.json``: byline, siteName,
publishedTime), goose3-testdata (the ``expected`` authors and publish date of
its JSON files) and newspaper4k-testdata (``data/metadata``: authors,
publish_date, meta_site_name). ``metadata_cases`` parses each page once and
yields one ``Case`` per stated field; ``accuracy`` sums them per collection and
field. Pages are read in place, never copied.

The comparisons are lenient where the collections are: a byline is right when
it contains the first stated author (case and "By " aside), a date when its
day matches, a site name when either name contains the other.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

UNKNOWN = {"", "unknown", "unknwon", "none", "null"}
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TEXT_DAY = re.compile(r"([A-Z][a-z]{2})\s+(\d{1,2})\s+[\d:]+\s+\w+\s+(\d{4})")  # "Sun Nov 23 16:00:00 EDT 2014"


@dataclass(frozen=True)
class Case:
    collection: str
    page: str  # path relative to the data dir
    field: str  # "byline", "published" or "site_name"
    expected: str
    got: str
    ok: bool


def _read(path: Path) -> bytes:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        return handle.read()


def _fold(text: str) -> str:
    return " ".join(re.sub(r"^by\s+", "", text.strip(), flags=re.I).split()).casefold()


def _day(text: str) -> str:
    """YYYY-MM-DD of a stated date ("2005-5-7 21:23:57", "Sun Nov 23 16:00:00 EDT 2014"), or ""."""
    text = (text or "").strip()
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        return f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"
    match = _TEXT_DAY.search(text)
    if match:
        try:
            return datetime.strptime(f"{match[1]} {match[2]} {match[3]}", "%b %d %Y").strftime("%Y-%m-%d")
        except ValueError:
            return ""
    return ""


def byline_matches(expected: str, got: str) -> bool:
    """The stated author is in the byline read (which may add the outlet), or the byline read
    is part of the stated one (which may add a date or a job title, as readability's does)."""
    want, have = _fold(expected), _fold(got)
    if not (want and have):
        return False
    return have.startswith(want) or (want in have and len(have) <= len(want) + 40) or (len(have) >= 4 and have in want)


def date_matches(expected: str, got: str) -> bool:
    day = _day(expected)
    found = _DAY.match(got or "")
    return bool(day) and found is not None and found.group(0) == day


def site_matches(expected: str, got: str) -> bool:
    want, have = _fold(expected), _fold(got)
    return bool(want) and bool(have) and (want in have or have in want)


_CHECKS: dict[str, Callable[[str, str], bool]] = {
    "byline": byline_matches, "published": date_matches, "site_name": site_matches,
}


def _case(collection: str, page: str, field: str, expected: str, got: str) -> Case:
    return Case(collection, page, field, expected, got, _CHECKS[field](expected, got))


def _chinese(data: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    root = data / "chinese-web-extraction"
    for author in sorted((root / "author").glob("*.txt")):
        html = root / "original" / f"{author.stem}.html"
        date = root / "date" / author.name
        if not html.is_file():
            continue
        stated = {"byline": author.read_text(encoding="utf-8").strip(),
                  "published": date.read_text(encoding="utf-8").strip() if date.is_file() else ""}
        if _day(stated["published"]) == "":
            stated["published"] = ""  # "2018", "1998-3", "UNKNOWN": no day to compare
        yield "chinese-web-extraction", html, stated


def _readability(data: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    for folder in sorted((data / "readability-testpages" / "pages").glob("*")):
        meta, source = folder / "expected-metadata.json", folder / "source.html.gz"
        if not (meta.is_file() and source.is_file()):
            continue
        stated = json.loads(meta.read_text(encoding="utf-8"))
        yield "readability-testpages", source, {"byline": stated.get("byline") or "",
                                                "published": stated.get("publishedTime") or "",
                                                "site_name": stated.get("siteName") or ""}


def _first_author(authors: object) -> str:
    if isinstance(authors, str):
        authors = re.findall(r"'([^']+)'", authors) or [authors]
    return authors[0] if isinstance(authors, list) and authors and isinstance(authors[0], str) else ""


def _goose3(data: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    for meta in sorted((data / "goose3-testdata" / "data").rglob("*.json")):
        html = meta.with_name(meta.stem + ".html.gz")
        if not html.is_file():
            continue
        expected = json.loads(meta.read_text(encoding="utf-8")).get("expected") or {}
        yield "goose3-testdata", html, {"byline": _first_author(expected.get("authors")),
                                        "published": expected.get("publish_date") or ""}


def _newspaper4k(data: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    root = data / "newspaper4k-testdata" / "data"
    for meta in sorted((root / "metadata").glob("*.json")):
        html = next(iter(sorted((root / "html").glob(f"{meta.stem}.html*"))), None)
        if html is None:
            continue
        stated = json.loads(meta.read_text(encoding="utf-8"))
        yield "newspaper4k-testdata", html, {"byline": _first_author(stated.get("authors")),
                                             "published": stated.get("publish_date") or "",
                                             "site_name": stated.get("meta_site_name") or ""}


SOURCES = (_chinese, _readability, _goose3, _newspaper4k)


def metadata_cases(data: Path, parse_html: Callable[[str], object], decode: Callable[[bytes], str]) -> list[Case]:
    """One Case per page and stated field of the four collections, with ``parse_html``'s reading."""
    cases: list[Case] = []
    for source in SOURCES:
        for collection, path, stated in source(data):
            page = parse_html(decode(_read(path)))
            name = path.relative_to(data).as_posix()
            for field, expected in stated.items():
                if expected.strip().casefold() not in UNKNOWN:
                    cases.append(_case(collection, name, field, expected.strip(), getattr(page, field)))
    return cases


def accuracy(cases: list[Case]) -> dict[tuple[str, str], tuple[int, int]]:
    """(collection, field) -> (right, checked)."""
    table: dict[tuple[str, str], list[int]] = {}
    for case in cases:
        entry = table.setdefault((case.collection, case.field), [0, 0])
        entry[0] += case.ok
        entry[1] += 1
    return {key: (right, total) for key, (right, total) in sorted(table.items())}
