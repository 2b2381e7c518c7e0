"""Tests for detector.evaluation.catalog.

Two groups: pure-function and layout tests on small pages written here (invented
outlets, no third-party text), which always run; and checks against the real
reference collections in ../shared/data, which skip when that directory is
absent (a fresh clone has no ../shared).
"""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from detector.evaluation import catalog
from detector.evaluation.catalog import (
    RealPage,
    decode_html,
    host_from_file_name,
    is_feed,
    iter_real_pages,
    lang_from_markup,
    load_real_labels,
    normalise_lang,
    page_domain,
    shared_data_dir,
    url_from_markup,
)

# ---------------------------------------------------------------- pure functions


@pytest.mark.parametrize("head, expected", [
    (b'<meta property="og:url" content="https://kestrel-tribune.com/a/1">', "https://kestrel-tribune.com/a/1"),
    (b"<meta content='https://kestrel-tribune.com/a/2' property='og:url' />", "https://kestrel-tribune.com/a/2"),
    # re-serialised fixtures carry the value in value="..."
    (b'<meta property="og:url" value="https://kestrel-tribune.com/a/3">', "https://kestrel-tribune.com/a/3"),
    (b'<link rel="canonical" href="https://kestrel-tribune.com/a/4">', "https://kestrel-tribune.com/a/4"),
    (b"<link href='https://kestrel-tribune.com/a/5' rel='canonical'/>", "https://kestrel-tribune.com/a/5"),
    # og:url wins: portals point canonical at the partner that wrote the story
    (b'<link rel="canonical" href="https://partner-daily.com/x"><meta property="og:url" '
     b'content="https://portal-hub.com/y">', "https://portal-hub.com/y"),
    (b'<link rel="canonical" href="//portal-hub.com/news/">', "https://portal-hub.com/news/"),
    (b'<link rel="canonical" href="/news/item-7">', ""),  # relative: says nothing about the site
    (b'<meta property="og:url" content=""><link rel="canonical" href="https://kestrel-tribune.com/b">',
     "https://kestrel-tribune.com/b"),
    (b'<meta property="og:url" content="https://kestrel-tribune.com/?a=1&amp;b=2">',
     "https://kestrel-tribune.com/?a=1&b=2"),
    (b"<title>No links here</title>", ""),
])
def test_url_from_markup(head, expected):
    assert url_from_markup(head) == expected


@pytest.mark.parametrize("value, expected", [
    ("en-US", "en"), ("de", "de"), ("zh_Hans", "zh"), ("PT-br", "pt"), (" fr ", "fr"),
    ("", ""), (None, ""), ("x", ""), ("1234", ""), ("verylongtag", ""),
])
def test_normalise_lang(value, expected):
    assert normalise_lang(value) == expected


@pytest.mark.parametrize("head, expected", [
    (b'<!doctype html><html lang="de-AT"><head>', "de"),
    (b"<html class='no-js' lang='en-US'>", "en"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh-Hans">', "zh"),
    (b"<html><head><title>t</title>", ""),
])
def test_lang_from_markup(head, expected):
    assert lang_from_markup(head) == expected


@pytest.mark.parametrize("name, expected", [
    ("chip.de.tests.html", "chip.de"),
    ("harbour-news.com-attacks.html", "harbour-news.com"),
    ("eule-verlag.de-wald.html", "eule-verlag.de"),
    ("lafragua.com.pa-laboral.html", "lafragua.com.pa"),  # suffix grows to com.pa
    ("morning-post.co.uk.x.html", "morning-post.co.uk"),
    ("blog.kestrel.org.html", "blog.kestrel.org"),
    ("kestrel.de.news.html", "kestrel.de"),  # ".news" is a TLD but the first host wins
    ("0a12df42d1764095989ab078ee0f940b.html", ""),
    ("readme", ""),
])
def test_host_from_file_name(name, expected):
    assert host_from_file_name(name) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.kestrel-tribune.com/a/1", "kestrel-tribune.com"),
    ("http://news.morning-post.co.uk/x", "morning-post.co.uk"),
    ("https://web.archive.org/web/20190717140047/http://www.eule-verlag.de/p", "eule-verlag.de"),
    ("https://web.archive.org/web/20130307194448/eule-verlag.de/2008/05/p", "eule-verlag.de"),
    ("https://archive.org/details/thing", "archive.org"),
    ("readability://base-url", "base-url"),
    ("trafilatura://some.page.html", "some.page.html"),
])
def test_page_domain(url, expected):
    assert page_domain(url) == expected


@pytest.mark.parametrize("head, expected", [
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>', True),
    (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", True),
    (b"  <rss>", True),
    (b"<!DOCTYPE html><html><body>rss feed link</body></html>", False),
    (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', False),
])
def test_is_feed(head, expected):
    assert is_feed(head) is expected


@pytest.mark.parametrize("raw, expected", [
    ("<meta charset='utf-8'><p>Grüße</p>".encode("utf-8"), "<meta charset='utf-8'><p>Grüße</p>"),
    # re-saved as UTF-8 but still declaring gb2312: the valid UTF-8 wins
    ('<meta charset="gb2312"><p>新闻</p>'.encode("utf-8"), '<meta charset="gb2312"><p>新闻</p>'),
    ('<meta charset="iso-8859-1"><p>Grüße</p>'.encode("latin-1"), '<meta charset="iso-8859-1"><p>Grüße</p>'),
    ('<meta charset="no-such-charset"><p>Gr\xfc</p>'.encode("latin-1"),
     '<meta charset="no-such-charset"><p>Gr\ufffd</p>'),
])
def test_decode_html(raw, expected):
    assert decode_html(raw) == expected


# ---------------------------------------------------------------- labels file


def _write_labels(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "domain", "label", "wire", "reason"])
        writer.writerows(rows)
    return path


def test_load_real_labels_reads_labels_and_reasons(tmp_path):
    path = _write_labels(tmp_path / "labels.csv", [
        ["a/one.html.gz", "kestrel-tribune.com", "syndicated", "AP", "(AP) dateline in the lede"],
        ["a/two.html.gz", "portal-hub.com", "exclude", "", "front page"],
        ["a/three.html.gz", "morning-post.co.uk", "original", "", "photo credit only"],
    ])
    assert load_real_labels(path) == {
        "a/one.html.gz": ("syndicated", "(AP) dateline in the lede"),
        "a/two.html.gz": ("exclude", "front page"),
        "a/three.html.gz": ("original", "photo credit only"),
    }


@pytest.mark.parametrize("rows, message", [
    ([["a.html", "x.com", "scraped", "", "r"]], "unknown label"),
    ([["a.html", "x.com", "Syndicated", "", "r"]], "unknown label"),
    ([["a.html", "x.com", "exclude", "", "r"], ["a.html", "x.com", "original", "", "r"]], "listed twice"),
])
def test_load_real_labels_rejects_bad_rows(tmp_path, rows, message):
    with pytest.raises(ValueError, match=message):
        load_real_labels(_write_labels(tmp_path / "labels.csv", rows))


# ---------------------------------------------------------------- locating the data


def test_shared_data_dir_explicit_and_env(tmp_path, monkeypatch):
    assert shared_data_dir(str(tmp_path)) == tmp_path
    assert shared_data_dir(str(tmp_path / "missing")) is None
    monkeypatch.setenv(catalog.ENV_VAR, str(tmp_path))
    assert shared_data_dir() == tmp_path
    monkeypatch.setenv(catalog.ENV_VAR, str(tmp_path / "missing"))
    assert shared_data_dir() is None


# ---------------------------------------------------------------- collection layouts


def _page(title: str, head: str = "", lang: str = "en") -> bytes:
    return (f'<!doctype html><html lang="{lang}"><head><title>{title}</title>{head}</head>'
            f"<body><p>{title} in a few invented words.</p></body></html>").encode()


def _gz(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data))


@pytest.fixture
def mini_data(tmp_path) -> Path:
    """A tiny data dir with every collection's layout and metadata quirks."""
    root = tmp_path
    traf = root / "trafilatura-eval"
    _gz(traf / "eval" / "kestrel-tribune.com.harbour.html.gz", _page("Harbour", lang="de"))
    _gz(traf / "eval" / "unlisted.html.gz",
        _page("Unlisted", '<link rel="canonical" href="https://eule-verlag.de/u">'))
    _gz(traf / "cache" / "morning-post.co.uk.rain.html.gz", _page("Rain"))
    (traf / "eval" / "kestrel-tribune.com.harbour").write_bytes(_page("Harbour"))  # uncompressed twin
    (traf / "evaldata.json").write_text(json.dumps({
        "https://www.kestrel-tribune.com/harbour": {"file": "kestrel-tribune.com.harbour.html"},
        "hard::morning-post.co.uk.rain.html": {"file": "morning-post.co.uk.rain.html"},
    }))
    read = root / "readability-testpages" / "pages"
    _gz(read / "with-og" / "source.html.gz",
        _page("Og", '<meta property="og:url" content="https://portal-hub.com/story">'))
    (read / "with-og" / "expected-metadata.json").write_text(json.dumps({"lang": "fr-FR"}))
    _gz(read / "no-url" / "source.html.gz", _page("Nothing"))
    (read / "no-url" / "expected-metadata.json").write_text(json.dumps({"lang": None}))
    post = root / "postlight-fixtures" / "fixtures"
    _gz(post / "www.kestrel-tribune.com.html.gz",
        _page("Post", '<meta property="og:url" value="https://www.kestrel-tribune.com/p/9">'))
    _gz(post / "www.kestrel-tribune.com--video.html.gz",
        _page("Video", '<meta property="og:url" value="https://partner-daily.com/v">'))
    goose = root / "goose3-testdata" / "data"
    _gz(goose / "content" / "test_a.html.gz", _page("A"))
    (goose / "content" / "test_a.json").write_text(json.dumps({"url": "http://www.eule-verlag.de/a"}))
    _gz(goose / "content" / "test_b.html.gz",
        _page("B", '<link rel="canonical" href="https://morning-post.co.uk/b">'))
    (goose / "content" / "test_b.json").write_text(json.dumps({"url": "http://shared-test-url.com/x"}))
    _gz(goose / "images" / "test_c.html.gz", _page("C"))
    (goose / "images" / "test_c.json").write_text(json.dumps({"url": "http://shared-test-url.com/x"}))
    news = root / "newspaper4k-testdata" / "data"
    _gz(news / "html" / "story_one.html.gz", _page("One"))
    (news / "metadata").mkdir(parents=True)
    (news / "metadata" / "story_one.json").write_text(
        json.dumps({"url": "https://kestrel-tribune.com/one", "language": "es"}))
    _gz(news / "html" / "feed.html.gz", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
    return root


def test_iter_real_pages_on_every_layout(mini_data):
    pages = {p.path: p for p in iter_real_pages(mini_data)}
    expected = {
        # evaldata URL; lang from the page
        "trafilatura-eval/eval/kestrel-tribune.com.harbour.html.gz":
            ("trafilatura", "https://www.kestrel-tribune.com/harbour", "kestrel-tribune.com", "de"),
        # not in evaldata: the page's canonical link
        "trafilatura-eval/eval/unlisted.html.gz":
            ("trafilatura", "https://eule-verlag.de/u", "eule-verlag.de", "en"),
        # evaldata key is not a URL and the page has none: pseudo-URL, domain from the file name
        "trafilatura-eval/cache/morning-post.co.uk.rain.html.gz":
            ("trafilatura", "trafilatura://morning-post.co.uk.rain.html", "morning-post.co.uk", "en"),
        "readability-testpages/pages/with-og/source.html.gz":
            ("readability", "https://portal-hub.com/story", "portal-hub.com", "fr"),
        "readability-testpages/pages/no-url/source.html.gz":
            ("readability", "readability://no-url", "no-url", "en"),
        "postlight-fixtures/fixtures/www.kestrel-tribune.com.html.gz":
            ("postlight", "https://www.kestrel-tribune.com/p/9", "kestrel-tribune.com", "en"),
        # og:url on another site: the file name's publisher wins
        "postlight-fixtures/fixtures/www.kestrel-tribune.com--video.html.gz":
            ("postlight", "https://www.kestrel-tribune.com/", "kestrel-tribune.com", "en"),
        "goose3-testdata/data/content/test_a.html.gz":
            ("goose3", "http://www.eule-verlag.de/a", "eule-verlag.de", "en"),
        # a JSON URL shared by two tests yields to the page's own canonical link ...
        "goose3-testdata/data/content/test_b.html.gz":
            ("goose3", "https://morning-post.co.uk/b", "morning-post.co.uk", "en"),
        # ... and stays when the page has none
        "goose3-testdata/data/images/test_c.html.gz":
            ("goose3", "http://shared-test-url.com/x", "shared-test-url.com", "en"),
        "newspaper4k-testdata/data/html/story_one.html.gz":
            ("newspaper4k", "https://kestrel-tribune.com/one", "kestrel-tribune.com", "es"),
    }
    got = {path: (p.collection, p.url, p.domain, p.lang) for path, p in pages.items()}
    assert got == expected  # the uncompressed twin and the RSS feed are not pages


def test_iter_real_pages_order_is_deterministic_and_grouped(mini_data):
    first = [p.path for p in iter_real_pages(mini_data)]
    assert first == [p.path for p in iter_real_pages(mini_data)]
    collections = [p.path.split("/", 1)[0] for p in iter_real_pages(mini_data)]
    assert collections == sorted(collections, key=[name for _, name, _ in catalog.COLLECTIONS].index)


def test_iter_real_pages_skips_missing_collections(tmp_path):
    assert list(iter_real_pages(tmp_path)) == []


# ---------------------------------------------------------------- the real reference collections

DATA = shared_data_dir()
needs_data = pytest.mark.skipif(
    DATA is None, reason=f"reference pages not found: set {catalog.ENV_VAR} or provide ../shared/data")

# What the data README lists, minus what is not an HTML page: newspaper4k-testdata
# holds 30 files under data/html, one of which is an RSS feed (sample_rss), and
# trafilatura-eval/eval also keeps one uncompressed copy of a .html.gz page, which
# is not counted twice. The counts are exact: a change means the data changed.
EXPECTED_COUNTS = {"trafilatura": 1032, "readability": 130, "postlight": 170, "goose3": 98, "newspaper4k": 29}


@pytest.fixture(scope="module")
def real_pages() -> list[RealPage]:
    return list(iter_real_pages(DATA))


@pytest.fixture(scope="module")
def real_labels_rows() -> list[dict]:
    with open(catalog.DEFAULT_LABELS_PATH, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@needs_data
def test_counts_per_collection(real_pages):
    counts: dict[str, int] = {}
    for page in real_pages:
        counts[page.collection] = counts.get(page.collection, 0) + 1
    assert counts == EXPECTED_COUNTS


@needs_data
def test_ids_unique_and_every_page_has_a_domain(real_pages):
    assert len({p.id for p in real_pages}) == len(real_pages)
    assert all(p.domain and p.domain == p.domain.strip().lower() for p in real_pages)
    assert all(p.url for p in real_pages)
    assert all((DATA / p.path).is_file() for p in real_pages)


@needs_data
@pytest.mark.parametrize("path, domain", [
    ("postlight-fixtures/fixtures/www.theverge.com.html.gz", "theverge.com"),
    ("postlight-fixtures/fixtures/deadspin.com--video.html.gz", "deadspin.com"),
    ("trafilatura-eval/cache/bmjv.de.konsum.html.gz", "bmjv.de"),
    ("trafilatura-eval/eval/archive.modabot.de.serkan.html.gz", "modabot.de"),
    ("readability-testpages/pages/bbc-1/source.html.gz", "bbc.com"),
    ("readability-testpages/pages/msn/source.html.gz", "msn.com"),
    ("goose3-testdata/data/content/test_cnn1.html.gz", "cnn.com"),
    ("goose3-testdata/data/content/test_okaymarketing.html.gz", "okaymarketing.com"),
    ("newspaper4k-testdata/data/html/cnn_article.html.gz", "cnn.com"),
    ("newspaper4k-testdata/data/html/autoindustria.html.gz", "autoindustriya.com"),
    # metadata that names another outlet's copy of the story: the page's own og:url wins
    ("trafilatura-eval/eval/d90b19386e2b48559082547016cbe5ec.html.gz", "sat1regional.de"),
    ("goose3-testdata/data/images/test_basic_image.html.gz", "liberation.fr"),
    # a portal page keeps the portal's domain although its canonical link names the partner
    ("trafilatura-eval/eval/msn.com.university.html.gz", "msn.com"),
])
def test_known_pages_map_to_their_domain(real_pages, path, domain):
    by_path = {p.path: p for p in real_pages}
    assert by_path[path].domain == domain


@needs_data
def test_labels_file_matches_the_catalogue(real_pages, real_labels_rows):
    by_path = {p.path: p for p in real_pages}
    labels = load_real_labels()
    assert len(labels) == len(real_labels_rows)
    for row in real_labels_rows:
        assert row["path"] in by_path, f"{row['path']} is not a catalogued page"
        assert (DATA / row["path"]).is_file()
        assert row["domain"] == by_path[row["path"]].domain, row["path"]
        assert row["reason"].strip(), f"{row['path']} has no reason"
        if row["label"] == "syndicated":
            assert row["wire"].strip(), f"{row['path']} names no wire or partner"


def test_labels_file_is_well_formed(real_labels_rows):
    # Runs without the data: the committed file parses and uses only known labels.
    labels = load_real_labels()
    assert set(label for label, _ in labels.values()) <= set(catalog.LABELS)
    assert sum(label == "syndicated" for label, _ in labels.values()) >= 40
    assert [r["path"] for r in real_labels_rows] == list(labels)
