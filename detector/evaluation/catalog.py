"""Catalogue of the real reference pages in ``../shared/data`` and their hand labels.

The reference collections come from public article-extraction projects, each with
its own layout and its own way of telling a page's URL. ``iter_real_pages`` walks
them in a fixed order and gives every HTML page one ``RealPage`` (path, URL,
registered domain, language). ``load_real_labels`` reads ``data/real_labels.csv``:
the pages labelled ``syndicated`` (credited wire or partner copy), the pages
excluded from the corpus (not articles at all) and the candidates that were read
and judged ``original``; every page not listed is ``original`` as well.
``data/README.md`` gives the criteria.

Nothing here copies page content anywhere: pages are read in place.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

from ..domains import registered_domain

ENV_VAR = "DETECTOR_SHARED_DATA"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LABELS_PATH = REPO_ROOT / "data" / "real_labels.csv"
# "original" rows record candidates that were read and judged original (an audit trail);
# pages absent from the file are original too.
LABELS = ("syndicated", "exclude", "original")

# How far into a page the URL and language regexes look. The <head> of most pages
# fits in 64 KB; a few heavy pages put og:url after 100 KB of inline scripts.
URL_SCAN_BYTES = 512 * 1024
LANG_SCAN_BYTES = 8 * 1024


@dataclass(frozen=True)
class RealPage:
    """One real page of a reference collection, read in place from the data dir."""

    path: str  # relative to the data dir, POSIX separators; also the page's id
    collection: str
    url: str  # the page's own URL, or a stable pseudo-URL ``<collection>://<name>``
    domain: str  # registered domain of ``url`` (the host itself for pseudo-URLs)
    lang: str = ""  # primary language subtag ("en", "de"), "" when unknown

    @property
    def id(self) -> str:
        return self.path


# ---------------------------------------------------------------- locating the data


def shared_data_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """The reference data dir: ``explicit``, else $DETECTOR_SHARED_DATA, else ../shared/data.

    ``../shared/data`` is tried relative to the repository root and then to the
    current directory. Returns None when no candidate exists, so callers can skip
    with a clear message instead of failing.
    """
    if explicit:
        path = Path(explicit)
        return path if path.is_dir() else None
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        path = Path(from_env)
        return path if path.is_dir() else None
    for base in (REPO_ROOT, Path.cwd()):
        path = (base / ".." / "shared" / "data").resolve()
        if path.is_dir():
            return path
    return None


# ---------------------------------------------------------------- domains


@lru_cache(maxsize=1)
def _tld_extractor():
    import tldextract

    # The bundled public-suffix snapshot only (public section: file names carry a host, and a
    # shared host's blog names are read whole either way): no network, no cache dir, reproducible.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


# A Wayback Machine capture: the site is the archived page's, not archive.org.
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(?:(https?://)|)(.+)$", re.I)


def page_domain(url: str) -> str:
    """Registered domain of ``url``; for pseudo-URLs and bare hosts, the host itself.

    Wayback Machine URLs count as the archived site, so a split keeps an archived
    page with the live pages of its site. Never empty for a non-empty URL: a
    corpus split groups pages by this value.
    """
    archived = _ARCHIVED.match(url)
    if archived:
        url = (archived.group(1) or "http://") + archived.group(2)
    domain = registered_domain(url) if not _is_pseudo(url) else ""
    if domain:
        return domain
    host = urlsplit(url).netloc or url.split("://", 1)[-1].split("/", 1)[0]
    return host.lower()


def _is_pseudo(url: str) -> bool:
    return not url.lower().startswith(("http://", "https://"))


# ---------------------------------------------------------------- reading page heads


def read_page_bytes(path: Path, limit: int | None = None) -> bytes:
    """The (decompressed) bytes of a page file, or its first ``limit`` bytes."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        return handle.read() if limit is None else handle.read(limit)


def decode_html(raw: bytes) -> str:
    """Bytes to text: UTF-8 when the bytes are valid UTF-8, else the declared charset.

    Valid UTF-8 wins over the declaration because several collections re-saved
    their pages as UTF-8 and kept the original ``charset=gb2312``-style meta tag.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(raw[:4096])
    if match:
        try:
            return raw.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:  # an unknown charset name: fall through to UTF-8
            pass
    return raw.decode("utf-8", errors="replace")


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
# Attribute values: quoted with " or ', or bare. Postlight fixtures put meta values
# in value="..." rather than content="...".
_VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
_OG_URL_TAG = re.compile(rb"""<meta\b[^>]*?\bproperty\s*=\s*["']?og:url\b[^>]*>""", re.I)
_CANONICAL_TAG = re.compile(rb"""<link\b[^>]*?\brel\s*=\s*["']?canonical\b[^>]*>""", re.I)
_META_VALUE = re.compile((r"\b(?:content|value)" + _VALUE).encode(), re.I)
_HREF = re.compile((r"\bhref" + _VALUE).encode(), re.I)
_HTML_LANG = re.compile((r"<html\b[^>]*?\b(?:xml:)?lang" + _VALUE).encode(), re.I)
_FEED_START = re.compile(rb"""^\s*(?:<\?xml[^>]*>\s*)?<(?:rss|feed|rdf:RDF)\b""", re.I)


def _first_group(match: re.Match | None) -> str:
    if not match:
        return ""
    value = next((g for g in match.groups() if g is not None), b"")
    return value.decode("utf-8", errors="replace").strip()


def _absolute(url: str) -> str:
    """An absolute http(s) URL, or "" (relative links say nothing about the site)."""
    url = url.replace("&amp;", "&")
    if url.startswith("//"):
        url = "https:" + url
    return url if url.lower().startswith(("http://", "https://")) and len(url) > 10 else ""


def url_from_markup(head: bytes) -> str:
    """The page's own URL from og:url, else its canonical link, else "".

    og:url comes first: a syndicating portal (MSN, Yahoo) often names itself in
    og:url but points its canonical link at the partner who wrote the story.
    """
    for tag_pattern, value_pattern in ((_OG_URL_TAG, _META_VALUE), (_CANONICAL_TAG, _HREF)):
        for tag in tag_pattern.finditer(head):
            url = _absolute(_first_group(value_pattern.search(tag.group(0))))
            if url:
                return url
    return ""


def lang_from_markup(head: bytes) -> str:
    return normalise_lang(_first_group(_HTML_LANG.search(head)))


def normalise_lang(value: str | None) -> str:
    """"en-US" -> "en", "zh_Hans" -> "zh"; "" when absent or not a language tag."""
    primary = re.split(r"[-_]", (value or "").strip().lower(), maxsplit=1)[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else ""


def is_feed(head: bytes) -> bool:
    """True for RSS/Atom documents that some collections store beside HTML pages."""
    return bool(_FEED_START.match(head.lstrip(b"\xef\xbb\xbf")))


# ---------------------------------------------------------------- the collections


def _make_page(data_dir: Path, file: Path, collection: str, url: str, pseudo_name: str,
               lang: str = "") -> RealPage | None:
    """One RealPage, reading the file head only for what the metadata did not give."""
    need_url = not url
    head = read_page_bytes(file, URL_SCAN_BYTES if need_url else LANG_SCAN_BYTES)
    if is_feed(head):
        return None
    if need_url:
        url = url_from_markup(head) or f"{collection}://{pseudo_name}"
    lang = normalise_lang(lang) or lang_from_markup(head[:LANG_SCAN_BYTES])
    return RealPage(path=file.relative_to(data_dir).as_posix(), collection=collection,
                    url=url, domain=page_domain(url), lang=lang)


def _http_url(value: str | None) -> str:
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else ""


_NAME_SEPARATOR = re.compile(r"[.\-_]")


def host_from_file_name(name: str) -> str:
    """The host a file name starts with ("chip.de.tests.html" -> "chip.de"), or "".

    Trafilatura names its pages "<host>.<slug>.html" or "<host>-<slug>.html". The
    host is the shortest prefix ending in a public suffix, stretched to a longer
    suffix when the next label extends it ("laestrella.com.pa-..." -> ".com.pa").
    """
    cuts = [m.start() for m in _NAME_SEPARATOR.finditer(name)] + [len(name)]
    suffix_of = {cut: _tld_extractor()(f"http://{name[:cut]}/").suffix for cut in cuts
                 if "." in name[:cut] and name[cut - 1].isalnum()}
    for index, cut in enumerate(cuts):
        suffix = suffix_of.get(cut, "")
        if not (suffix and name[:cut].endswith("." + suffix) and name[:cut] != suffix):
            continue
        for longer in cuts[index + 1:]:  # "bbc.co" -> "bbc.co.uk": the suffix grows rightwards
            if name[cut] != "." or not suffix_of.get(longer, "").startswith(suffix + "."):
                break
            cut, suffix = longer, suffix_of[longer]
        return name[:cut].lower()
    return ""


# Trafilatura pages whose evaldata URL names another outlet that ran the same story:
# the stored HTML is a different site's copy (its branding and og:url say so), so
# the page's own og:url / canonical link is used instead.
_TRAFILATURA_URL_FROM_MARKUP = frozenset({
    "d90b19386e2b48559082547016cbe5ec.html",  # listed under welt.de, stored from sat1regional.de
    "0b5db24739704283849ca3ed20ce09d4.html",  # listed under rundschau-online.de, stored from ksta.de
})


def _trafilatura(data_dir: Path) -> Iterator[RealPage]:
    # evaldata.json maps URL -> {"file": "<name>.html", ...}; some keys are not URLs
    # ("hard::<file>", a mistyped scheme) and some pages are not listed: those
    # fall back to the page's own og:url / canonical link.
    root = data_dir / "trafilatura-eval"
    evaldata = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    url_by_file = {entry["file"]: _http_url(key) for key, entry in evaldata.items()
                   if entry["file"] not in _TRAFILATURA_URL_FROM_MARKUP}
    # Only *.html.gz: eval/ also holds one uncompressed duplicate of a .gz page.
    files = sorted((root / "eval").glob("*.html.gz")) + sorted((root / "cache").glob("*.html.gz"))
    for file in files:
        name = file.name[: -len(".gz")]
        page = _make_page(data_dir, file, "trafilatura", url_by_file.get(name, ""), name)
        host = host_from_file_name(name)
        if page and page.url.startswith("trafilatura://") and host:
            # No URL anywhere: the file name's host still puts the page in its site's group.
            page = replace(page, domain=page_domain(f"http://{host}/"))
        if page:
            yield page


def _readability(data_dir: Path) -> Iterator[RealPage]:
    # expected-metadata.json has no URL; the page's markup may, else a pseudo-URL.
    for folder in sorted((data_dir / "readability-testpages" / "pages").iterdir()):
        source = folder / "source.html.gz"
        if not source.is_file():
            continue
        meta_path = folder / "expected-metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        page = _make_page(data_dir, source, "readability", "", folder.name, meta.get("lang") or "")
        if page:
            yield page


def _postlight(data_dir: Path) -> Iterator[RealPage]:
    # The file name is the publisher's host ("www.theverge.com", "deadspin.com--video").
    # The page's own og:url is kept when it is on that publisher's domain.
    for file in sorted((data_dir / "postlight-fixtures" / "fixtures").glob("*.html.gz")):
        host = file.name[: -len(".html.gz")].split("--", 1)[0]
        head = read_page_bytes(file, URL_SCAN_BYTES)
        if is_feed(head):
            continue
        home = f"https://{host}/"
        marked = url_from_markup(head)
        url = marked if marked and page_domain(marked) == page_domain(home) else home
        yield RealPage(path=file.relative_to(data_dir).as_posix(), collection="postlight",
                       url=url, domain=page_domain(url), lang=lang_from_markup(head[:LANG_SCAN_BYTES]))


def _goose3(data_dir: Path) -> Iterator[RealPage]:
    # Each page has a JSON expectation beside it, usually with "url". Some tests
    # reuse another test's URL for a different page (a kusp.org URL on a
    # liberation.fr page); a URL listed more than once therefore yields to the
    # page's own og:url / canonical link when it has one.
    root = data_dir / "goose3-testdata" / "data"
    files = sorted(root.rglob("*.html.gz"))
    url_by_file = {}
    for file in files:
        meta_path = file.with_name(file.name[: -len(".html.gz")] + ".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        url_by_file[file] = _http_url(meta.get("url"))
    listings = Counter(url_by_file.values())
    for file in files:
        url = url_by_file[file]
        if url and listings[url] > 1:
            url = url_from_markup(read_page_bytes(file, URL_SCAN_BYTES)) or url
        name = file.relative_to(root).as_posix()[: -len(".html.gz")].replace("/", ".")
        page = _make_page(data_dir, file, "goose3", url, name)
        if page:
            yield page


def _newspaper4k(data_dir: Path) -> Iterator[RealPage]:
    # data/metadata/<name>.json has "url" and "language" for most pages.
    root = data_dir / "newspaper4k-testdata" / "data"
    for file in sorted((root / "html").glob("*.html*")):
        name = file.name.split(".html", 1)[0]
        meta_path = root / "metadata" / f"{name}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        page = _make_page(data_dir, file, "newspaper4k", _http_url(meta.get("url")), name,
                          meta.get("language") or "")
        if page:
            yield page


# (collection name, folder under the data dir, iterator) in catalogue order.
COLLECTIONS: tuple[tuple[str, str, Callable[[Path], Iterator[RealPage]]], ...] = (
    ("trafilatura", "trafilatura-eval", _trafilatura),
    ("readability", "readability-testpages", _readability),
    ("postlight", "postlight-fixtures", _postlight),
    ("goose3", "goose3-testdata", _goose3),
    ("newspaper4k", "newspaper4k-testdata", _newspaper4k),
)


def iter_real_pages(data_dir: str | os.PathLike) -> Iterator[RealPage]:
    """Every real HTML page of the reference collections, in a deterministic order.

    Collections that are missing from ``data_dir`` are skipped; non-HTML files
    (feeds, images, JSON) are never yielded.
    """
    data_dir = Path(data_dir)
    for _name, folder, iterate in COLLECTIONS:
        if (data_dir / folder).is_dir():
            yield from iterate(data_dir)


# ---------------------------------------------------------------- labels


def load_real_labels(path: str | os.PathLike = DEFAULT_LABELS_PATH) -> dict[str, tuple[str, str]]:
    """``{page path: (label, reason)}`` for the real pages listed in ``data/real_labels.csv``.

    ``label`` is "syndicated", "exclude" (not an article page at all) or "original"
    (a candidate that was read and judged original); pages absent from the file
    are "original" as well. Raises ValueError on an unknown label or a path
    listed twice, so a typo in the hand-made file cannot silently relabel a page.
    """
    labels: dict[str, tuple[str, str]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            page_path, label = row["path"].strip(), row["label"].strip()
            if label not in LABELS:
                raise ValueError(f"{path}:{line}: unknown label {label!r}")
            if page_path in labels:
                raise ValueError(f"{path}:{line}: {page_path} is listed twice")
            labels[page_path] = (label, (row.get("reason") or "").strip())
    return labels


def iter_real_originals(data_dir: str | os.PathLike):
    """(Page, language) of every parsable real original: a real page that ``data/real_labels.csv``
    does not label syndicated or excluded; the language is the one signals judge it in (the body's
    stopwords, else the declared one; "?" when neither)."""
    from ..parse import ParseError, page_from_record
    from ..readers import iter_file_records
    from ..text import body_profile

    labels = load_real_labels()
    data_dir = Path(data_dir)
    for real in iter_real_pages(data_dir):
        if labels.get(real.path, ("original", ""))[0] != "original":
            continue
        record = next(iter_file_records(data_dir / real.path))
        if record.get("error"):
            continue
        record.update(id=real.path, url=real.url or record.get("url", ""))
        try:
            page = page_from_record(record)
        except ParseError:
            continue
        yield page, body_profile(page.paragraphs, page.lang).lang or "?"
