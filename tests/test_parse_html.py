"""HTML -> Page: text with the page's own spacing, metadata, JSON-LD, blocks, containers."""
from __future__ import annotations

import gzip
import statistics
import time
from pathlib import Path

import pytest

from detector.page import Block, BlockItem
from detector.parse import ParseError, page_from_record
from detector.parse.html import parse_html
from detector.readers import iter_file_records

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "pages"
EXAMPLES = ROOT / "data" / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


def body(html: str) -> list[str]:
    return parse_html(f"<html><body><article>{html}</article></body></html>").paragraphs


# ---------------------------------------------------------------- spacing is the page's own

@pytest.mark.parametrize(
    "html, paragraphs",
    [
        ("<p><a href='/t'>Trump</a>was on the verge</p>", ["Trumpwas on the verge"]),  # glued stays glued
        ("<p><b>Trump</b> was on the verge</p>", ["Trump was on the verge"]),  # spaced stays spaced
        ("<p>a</p><p>b</p>", ["a", "b"]),  # never glued across blocks
        ("<p>one<span>two</span><em>three</em></p>", ["onetwothree"]),  # no spaces added between inline tags
        ("<p>  many   spaces\n\tand\u00a0tabs  </p>", ["many spaces and tabs"]),  # runs collapse
        ("<p>line one<br>line two</p>", ["line one\nline two"]),  # <br> is a line break
        ("<p>line one<br/><br />line two</p>", ["line one", "line two"]),  # an empty line splits paragraphs
        ("<p></p><p>   </p><p>kept</p>", ["kept"]),  # empty paragraphs dropped
        ("<ul><li>first item</li><li>second <i>item</i></li></ul>", ["first item", "second item"]),
        ("<blockquote><p>quoted one</p><p>quoted two</p></blockquote>", ["quoted one", "quoted two"]),
        ("<figure><img src=x><figcaption>FILE PHOTO: FILE PHOTO: A pier.Reuters</figcaption></figure>",
         ["FILE PHOTO: FILE PHOTO: A pier.Reuters"]),
        ("<p>before</p><script>var x = '<p>not text</p>';</script><style>p{}</style><p>after</p>", ["before", "after"]),
        ("<p>Fish &amp; chips&nbsp;&mdash; cheap</p>", ["Fish & chips — cheap"]),
        ("<p><strong>MORE:</strong> <a href='/x'>Council delays vote on budget</a></p><p>Body goes on.</p>",
         ["MORE: Council delays vote on budget", "Body goes on."]),
    ],
)
def test_paragraph_text_keeps_the_pages_spacing(html, paragraphs):
    assert body(html) == paragraphs


def test_pages_without_paragraph_tags_are_split_at_blocks_and_breaks():
    html = ("<html><body><div class='text'><div>First block of text that is long enough to matter here.</div>"
            "<div>Second<span> block</span>, glued<b>here</b>.</div>Loose text one.<br><br>Loose text two.<br>"
            "continued</div></body></html>")
    assert parse_html(html).paragraphs == [
        "First block of text that is long enough to matter here.",
        "Second block, gluedhere.",
        "Loose text one.",
        "Loose text two.\ncontinued",
    ]


# ---------------------------------------------------------------- metadata

HEAD = "<html lang='{lang}'><head>{head}</head><body><h1>{h1}</h1><article><p>{text}</p></article></body></html>"


def page_with(head: str = "", h1: str = "", lang: str = "en", text: str = "Some body text.") -> object:
    return parse_html(HEAD.format(head=head, h1=h1, lang=lang, text=text))


@pytest.mark.parametrize("attr", ["content", "value"])
def test_meta_values_from_content_or_value(attr):
    head = (f'<meta property="og:site_name" {attr}="Brook Daily"><meta property="og:title" {attr}="A headline">'
            f'<meta name="author" {attr}="Ida Marr"><meta property="article:published_time" {attr}="2024-02-03T04:05:06Z">'
            f'<meta property="article:section" {attr}="Business"><meta property="og:url" {attr}="https://brookdaily.com/a">'
            f'<meta name="source" {attr}="Ventral Press Service">')
    page = page_with(head)
    assert (page.site_name, page.title, page.byline) == ("Brook Daily", "A headline", "Ida Marr")
    assert (page.published, page.category, page.url) == ("2024-02-03T04:05:06+00:00", "Business", "https://brookdaily.com/a")
    assert page.source == "Ventral Press Service"


@pytest.mark.parametrize(
    "head, h1, title, site_name",
    [
        # title: the <h1> as shown, even when the tags say otherwise, and never trimmed
        ('<title>Tag title | Brook Daily</title><meta property="og:title" content="OG title">', "Shown headline",
         "Shown headline", ""),
        ('<title>Tag title</title><meta property="og:title" content="OG title">', "", "OG title", ""),
        ('<title>Tag title</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"LD title"}</script>',
         "", "LD title", ""),
        ("<title>Only the tag - Brook Daily</title>", "", "Only the tag - Brook Daily", ""),
        # site name: og:site_name, JSON-LD publisher, application-name, then a <title> suffix or prefix
        ('<meta property="og:site_name" content="OG Site"><meta name="application-name" content="App">', "H", "H", "OG Site"),
        ('<script type="application/ld+json">{"@type":"Article","publisher":{"name":"LD Pub"}}</script>'
         '<meta name="application-name" content="App">', "H", "H", "LD Pub"),
        ('<meta name="application-name" content="App Name">', "H", "H", "App Name"),
        ("<title>Storm closes bridge | Brook Daily</title>", "Storm closes bridge", "Storm closes bridge", "Brook Daily"),
        ("<title>Storm closes bridge – Brook Daily</title>", "Storm closes bridge", "Storm closes bridge", "Brook Daily"),
        ("<title>Brook Daily :: Storm closes bridge</title>", "Storm closes bridge", "Storm closes bridge", "Brook Daily"),
        ("<title>Storm closes bridge | Brook Daily</title>", "Another headline", "Another headline", ""),
    ],
)
def test_title_and_site_name_precedence(head, h1, title, site_name):
    page = page_with(head, h1)
    assert (page.title, page.site_name) == (title, site_name)


def test_headline_prefers_the_h1_matching_the_declared_title():
    html = ("<html><head><meta property='og:title' content='Bridge reopens after repairs'></head><body>"
            "<h1>Brook Daily</h1><main><h1>Bridge reopens after repairs</h1><p>Cars crossed again on Monday.</p>"
            "</main></body></html>")
    page = parse_html(html)
    assert page.title == "Bridge reopens after repairs" and page.paragraphs == ["Cars crossed again on Monday."]


JSON_LD_GRAPH = """<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "#site", "name": "Brook Daily Website"},
  {"@type": "Organization", "@id": "#org", "name": "Brook Daily Media"},
  {"@type": "Person", "@id": "#p1", "name": "Ida Marr"},
  {"@type": ["NewsArticle"], "headline": "Graph headline", "datePublished": "2024-03-01",
   "author": [{"@id": "#p1"}, {"@type": "Person", "name": "Oskar Venn"}], "publisher": {"@id": "#org"},
   "articleSection": ["Local", "Transport"], "isBasedOn": {"@type": "NewsArticle", "name": "Wire Service Story"}},
  {"@type": "BreadcrumbList", "itemListElement": [
     {"@type": "ListItem", "position": 2, "name": "Transport"}, {"@type": "ListItem", "position": 1, "name": "Home"}]}
]}
</script>"""


@pytest.mark.parametrize(
    "scripts, expected",
    [
        (JSON_LD_GRAPH, dict(title="Graph headline", site_name="Brook Daily Media", byline="Ida Marr, Oskar Venn",
                             published="2024-03-01", category="Local", source="Wire Service Story")),
        ('<script type="application/ld+json">[{"@type":"BlogPosting","headline":"Listed","author":"Nell Ash",'
         '"sourceOrganization":{"name":"Partner Desk"}}]</script>',
         dict(title="Listed", byline="Nell Ash", source="Partner Desk")),
        # Broken JSON-LD is ignored; the next script still counts.
        ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
         '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Second script"}</script>',
         dict(title="Second script")),
        ('<script type="application/ld+json">{"@type":"WebPage","breadcrumb":{"@type":"BreadcrumbList",'
         '"itemListElement":[{"position":1,"item":{"name":"News"}},{"position":2,"item":{"name":"Weather"}}]}}</script>',
         dict(category="Weather")),
        ('<script type="application/ld+json">{"@type":"WebSite","name":"Site From WebSite"}</script>',
         dict(site_name="Site From WebSite")),
    ],
)
def test_json_ld(scripts, expected):
    page = page_with(scripts)
    for field, value in expected.items():
        assert getattr(page, field) == value, field


@pytest.mark.parametrize(
    "html_body, byline",
    [
        ("<h1>H</h1><p class='byline'>By Ida Marr</p><p>Body text.</p>", "Ida Marr"),
        ("<h1>H</h1><a rel='author' href='/ida'>Ida Marr</a><p>Body text.</p>", "Ida Marr"),
        ("<h1>H</h1><span class='article-author'>Oskar Venn</span><p>Body text.</p>", "Oskar Venn"),
        ("<h1>H</h1><div class='author-bio'>" + "A long biography of the author. " * 10 + "</div><p>Body text.</p>", ""),
    ],
)
def test_byline_from_elements(html_body, byline):
    assert parse_html(f"<html><body><article>{html_body}</article></body></html>").byline == byline


@pytest.mark.parametrize(
    "head, html_body, published, category",
    [
        ('<meta name="pubdate" content="20240301">', "", "2024-03-01", ""),
        ('<meta itemprop="datePublished" content="March 1, 2024">', "", "2024-03-01", ""),
        ("", '<time itemprop="datePublished" datetime="2024-03-01T10:00:00+01:00">1 March</time>',
         "2024-03-01T10:00:00+01:00", ""),
        ('<meta property="article:published_time" content="not a date">', "", "not a date", ""),
        ("", '<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/sport">Sport</a></nav>', "", "Sport"),
    ],
)
def test_dates_and_categories(head, html_body, published, category):
    page = parse_html(f"<html><head>{head}</head><body>{html_body}<article><p>Body text.</p></article></body></html>")
    assert (page.published, page.category) == (published, category)


def test_source_line_in_the_body():
    page = parse_html("<html><body><article><p>Body text.</p><p>Source: Marrow Valley Courier</p></article></body></html>")
    assert page.source == "Marrow Valley Courier"


def test_lang_and_canonical_url():
    page = parse_html('<html lang="de-AT"><head><link rel="canonical" href="https://x.example.org/c"></head>'
                      "<body><p>Text.</p></body></html>")
    assert (page.lang, page.url) == ("de-AT", "https://x.example.org/c")


# ---------------------------------------------------------------- blocks

RELATED_LIST = """
<h2>Related</h2>
<ul>
  <li><a href="/a"><img src="a.jpg"></a><a href="/a">First related story</a><p>Its short teaser.</p></li>
  <li><h4><a href="/b">Second related story</a></h4><span>Another teaser</span></li>
  <li><a href="/c">Third, no teaser</a></li>
</ul>"""


@pytest.mark.parametrize(
    "html, blocks",
    [
        (RELATED_LIST, [Block("Related", [BlockItem("First related story", "Its short teaser.", "/a"),
                                          BlockItem("Second related story", "Another teaser", "/b"),
                                          BlockItem("Third, no teaser", "", "/c")])]),
        # The heading sits in its own wrapper; the list follows the wrapper.
        ('<div class="hd"><h3>Recommended for you</h3></div><div class="bd"><a href="/x">X story</a>'
         '<a href="/y">Y story</a></div>',
         [Block("Recommended for you", [BlockItem("X story", "", "/x"), BlockItem("Y story", "", "/y")])]),
        ('<div class="box"><span class="box-title">Mehr zum Thema</span><ul><li><a href="/m">Markt öffnet</a></li></ul></div>',
         [Block("Mehr zum Thema", [BlockItem("Markt öffnet", "", "/m")])]),
        # A widget named by its class, no heading.
        ('<div class="OUTBRAIN-widget"><a href="https://ads.example/1">Ad one</a><a href="https://ads.example/2">Ad two</a></div>',
         [Block("outbrain", [BlockItem("Ad one", "", "https://ads.example/1"), BlockItem("Ad two", "", "https://ads.example/2")])]),
        ('<section id="trending-now"><h3>Hot today</h3><a href="/t1">T1</a><a href="/t2">T2</a></section>',
         [Block("Hot today", [BlockItem("T1", "", "/t1"), BlockItem("T2", "", "/t2")])]),
        # Not blocks: a lone link with a related class, a heading followed by prose, a "Read more" link.
        ('<p>See <a class="related-link" href="/z">the earlier story</a> for more.</p>', []),
        ("<h2>More</h2><p>" + "Plain prose without any links at all. " * 5 + "</p><p>More prose <a href='/q'>one link</a>.</p>", []),
        ('<div class="teaser"><a href="/r1">Teaser</a><a class="title" href="/r1/more">Read more</a></div>', []),
    ],
)
def test_blocks(html, blocks):
    page = parse_html(f"<html><body><article><p>Main text of the article.</p></article>{html}</body></html>")
    assert page.blocks == blocks


def test_block_text_is_not_body_text():
    html = ("<html><body><article><p>Main text of the article.</p>" + RELATED_LIST +
            "<p>Closing paragraph.</p></article></body></html>")
    page = parse_html(html)
    assert page.paragraphs == ["Main text of the article.", "Closing paragraph."]
    assert [b.heading for b in page.blocks] == ["Related"]


# ---------------------------------------------------------------- choosing the main text

def test_main_text_is_found_among_teaser_articles_sidebars_and_banners():
    teaser = "<article class='card'><h3><a href='/t'>Teaser headline</a></h3><p>A short teaser for another story.</p></article>"
    story = "".join(f"<p>Paragraph {i} of the real story, long enough to count as main text.</p>" for i in range(6))
    html = (f"<html><body><div id='cookie-consent'><p>{'We use cookies to improve your visit. ' * 8}</p></div>"
            f"<header><p>Header tagline that is not part of the story.</p></header>"
            f"<div class='layout'><div class='col'>{teaser * 3}</div><div class='story'><h1>Real story</h1>{story}</div>"
            f"<aside><p>{'Sidebar text about something else entirely. ' * 6}</p></aside></div>"
            f"<footer><p>Footer text with the address of the publisher.</p></footer></body></html>")
    page = parse_html(html)
    assert page.title == "Real story"
    assert page.paragraphs == [f"Paragraph {i} of the real story, long enough to count as main text." for i in range(6)]


def test_semantic_wrapper_adds_captions_and_lists_beside_the_paragraphs():
    html = ("<html><body><article><h1>H</h1><figure><figcaption>Caption of the photo. (Photo: Lena Hart)</figcaption>"
            "</figure><div class='text'>" + "<p>Story paragraph with enough words to count.</p>" * 4 +
            "</div><ul><li>A list item in the article</li></ul></article></body></html>")
    page = parse_html(html)
    assert page.paragraphs[0] == "Caption of the photo. (Photo: Lena Hart)"
    assert page.paragraphs[-1] == "A list item in the article"


# ---------------------------------------------------------------- records, fixtures, examples

def test_original_article_fixture():
    page = page_from_record(next(iter_file_records(PAGES / "original_article.html")))
    assert page.url == "https://www.tamsinherald.example.com/news/2024/01/ferry-rescue-drill"
    assert page.domain == "example.com"
    assert (page.site_name, page.byline, page.category, page.lang) == (
        "Tamsin Valley Herald", "Odile Brennar", "Local News", "en-US")
    assert page.title == "Ferry crews rehearse winter rescue drill on Lake Tamsin"
    assert page.published == "2024-01-18T07:30:00-05:00"
    assert not any(p.startswith("By ") for p in page.paragraphs)  # the shown byline is not body text
    assert page.paragraphs[0].startswith("A rescue boat circles")  # the caption
    assert page.paragraphs[-1] == "County officials said the service will repeat the exercise every February."
    assert page.blocks == [Block("Related", [
        BlockItem("Ferry engine stalls mid-lake, 40 passengers wait two hours",
                  "The service blamed a fuel filter and promised a review of its winter checks.",
                  "/news/2023/12/ferry-engine-stall"),
        BlockItem("Tamsin ferry trims winter schedule to four crossings a day",
                  "Fewer sailings start in December as the lake begins to freeze at the edges.",
                  "/news/2023/11/ferry-schedule"),
    ])]


def test_value_meta_fixture_and_gzip_fixture():
    page = page_from_record(next(iter_file_records(PAGES / "value_meta.html")))
    assert (page.site_name, page.byline, page.category, page.lang) == ("Rheinauer Bote", "Jonas Feldkamp", "Kultur", "de")
    assert page.title == "Stadtbücherei verlängert Öffnungszeiten im Winter"
    assert page.published == "2023-11-02T09:15:00+01:00"
    assert len(page.paragraphs) == 2
    assert page.blocks[0].heading == "Mehr zum Thema" and len(page.blocks[0].items) == 2
    zipped = page_from_record(next(iter_file_records(PAGES / "gzipped_article.html.gz")))
    assert zipped.paragraphs == page_from_record(next(iter_file_records(PAGES / "original_article.html"))).paragraphs


def test_example_original_report():
    page = page_from_record(next(iter_file_records(EXAMPLES / "original_report.html")))
    assert (page.site_name, page.domain, page.byline, page.category) == (
        "The Harwick Sentinel", "harwicksentinel.com", "Priya Delacourt", "City Hall")
    assert page.published == "2024-03-14T21:05:00-04:00" and page.source == ""
    assert sum("told Reuters" in p for p in page.paragraphs) == 1
    assert page.blocks[0].heading == "Related" and len(page.blocks[0].items) == 2


def test_example_syndicated_wire():
    page = page_from_record(next(iter_file_records(EXAMPLES / "syndicated_wire.html")))
    assert (page.site_name, page.domain, page.source) == ("Coldwater Basin Gazette", "coldwatergazette.com", "Associated Press")
    assert page.byline == "MARISOL KEENE Associated Press"
    assert page.paragraphs[0].startswith("DENVER (AP) — ")
    assert page.paragraphs[-1].startswith("Copyright 2024 The Associated Press.")
    assert page.blocks[0].heading == "More National News"


@pytest.mark.parametrize(
    "record, reason",
    [
        ({"id": "x", "html": "<html><head><title>Only a title</title></head><body></body></html>"}, "no text found in HTML"),
        ({"id": "x", "html": "<html><body><nav><p>Menu text only in navigation.</p></nav></body></html>"},
         "no text found in HTML"),
        ({"id": "x", "html": "", "text": ""}, "record has neither html nor text"),
        ({"id": "x", "html": "<p>text</p>", "error": "binary content"}, "binary content"),
    ],
)
def test_unparsable_records(record, reason):
    with pytest.raises(ParseError, match=reason):
        page_from_record(record)


def test_record_url_wins_over_the_pages_own():
    html = '<html><head><meta property="og:url" content="https://old.example.net/a"></head><body><p>Text.</p></body></html>'
    assert page_from_record({"id": "1", "html": html}).url == "https://old.example.net/a"
    page = page_from_record({"id": "1", "html": html, "url": "https://www.new-site.co.uk/b", "format": "warc"})
    assert (page.url, page.domain, page.format) == ("https://www.new-site.co.uk/b", "new-site.co.uk", "warc")


# ---------------------------------------------------------------- real pages (read in place, never copied)

@pytest.mark.shared_data
@pytest.mark.skipif(not SHARED_DATA.exists(), reason="../shared/data is not on this machine")
def test_real_pages_parse_fast_and_find_text():
    files = sorted((SHARED_DATA / "postlight-fixtures" / "fixtures").glob("*.html.gz"))
    files += sorted((SHARED_DATA / "readability-testpages" / "pages").glob("*/source.html.gz"))
    assert len(files) > 100
    seconds, with_text, with_site = [], 0, 0
    for path in files:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        started = time.perf_counter()
        page = parse_html(html)
        seconds.append(time.perf_counter() - started)
        with_text += bool(page.title and page.paragraphs)
        with_site += bool(page.site_name)
    assert with_text >= 0.9 * len(files)
    assert with_site >= 0.5 * len(files)  # postlight pages carry og:site_name in value= attributes
    assert statistics.median(seconds) < 0.005  # about 1.3 ms on one core; generous against noisy machines


# ---------------------------------------------------------------- whitespace helpers

@pytest.mark.parametrize("text", [
    "plain words here",
    "  tabs\tand\u00a0non-breaking\u2009spaces  ",
    "a line\ue000break and\ue000\ue000a new paragraph",
    "Glued words:the councilvoted late.\n\nNext one",
    "",
])
def test_paragraph_chars_counts_what_visible_chars_counts(text):
    from detector.parse.textutil import paragraph_chars, paragraphs_of, visible_chars

    paragraphs = paragraphs_of(text)
    assert [paragraph_chars(p) for p in paragraphs] == [visible_chars(p) for p in paragraphs]
    assert sum(map(paragraph_chars, paragraphs)) == visible_chars(text)


# ---------------------------------------------------------------- nesting guard

def test_nesting_guard_refuses_one_block_past_the_limit_whatever_else_the_page_holds():
    from detector.parse.nesting import CHECKED_FROM_CHARS, MAX_BLOCK_NESTING, too_deeply_nested

    padding = "<!-- inline data -->" + "x" * CHECKED_FROM_CHARS  # large enough to be looked at
    assert too_deeply_nested("<div>" * (MAX_BLOCK_NESTING + 1) + padding)
    assert not too_deeply_nested("<div>" * MAX_BLOCK_NESTING + padding)
    assert not too_deeply_nested("<div></div>" * MAX_BLOCK_NESTING + padding)  # many tags, shallow
