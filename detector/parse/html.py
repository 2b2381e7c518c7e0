"""HTML page -> Page fields, with selectolax's Lexbor parser.

Metadata comes from <meta> tags and JSON-LD first, then from metadata lines the
page shows (``metadata.py``): among the first and last paragraphs, where they are
dropped from the body, and around the article (``html_shown``). The headline as
shown comes from the first <h1>, the main text from the best content container (see ``html_text``) and link
blocks from headings and widget classes (see ``html_blocks``). Block nodes and
non-content elements are removed before the main text is read.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..page import Page
from .dates import normalise_date
from .html_blocks import find_blocks
from .html_meta import JSON_LD_SELECTOR, JsonLd, first_meta, json_ld_objects, meta_values, read_json_ld
from .html_shown import shown_metadata
from .html_text import content_container, main_paragraphs, remove_junk, replace_line_breaks
from .metadata import Metadata, credit_in_text, parse_metadata_line
from .text import apply_metadata
from .textutil import one_line

TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
MAX_BYLINE_CHARS = 100
METADATA_PARAGRAPHS = 3  # metadata lines are looked for among the first and the last few paragraphs

_AUTHOR_KEYS = ("author", "article:author", "byl", "dc.creator", "dcterms.creator", "parsely-author",
                "sailthru.author", "citation_author")
_DATE_KEYS = ("article:published_time", "og:article:published_time", "datepublished", "published_time",
              "og:published_time", "pubdate", "publishdate", "publish-date", "publish_date", "date",
              "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date",
              "article.published", "originalpublicationdate", "date.release")
_SECTION_KEYS = ("article:section", "og:article:section", "articlesection", "section", "parsely-section",
                 "sailthru.section", "category")
_SOURCE_KEYS = ("source", "original-source", "syndication-source", "dc.source", "dcterms.source")
_MODIFIED_KEYS = ("article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
                  "dcterms.modified", "last-modified", "lastmod")
_TAG_KEYS = ("article:tag", "og:article:tag", "news_keywords", "parsely-tags", "sailthru.tags")
_BY = re.compile(r"^by\s+", re.I)
_URLISH = re.compile(r"^(?:https?:)?//|^www\.", re.I)


def _same_headline(shown: str, declared: str) -> bool:
    """The shown headline is the declared title, or most of it ("<headline> | <site>")."""
    shorter, longer = sorted((shown, declared), key=len)
    return shorter in longer and 2 * len(shorter) >= len(longer)


def _headline_node(h1s: list[LexborNode], declared: tuple[str, ...]) -> LexborNode | None:
    """The article's <h1>: one matching the declared title, else the first inside
    article/main, else the first on the page."""
    headings = [node for node in h1s if node.text(deep=True).strip()]
    titles = [t.casefold() for t in declared if t]
    for node in headings:
        text = one_line(node.text(deep=True)).casefold()
        if any(_same_headline(text, title) for title in titles):
            return node
    # Each ancestor is looked at once: many headings deep in a deeply nested page would
    # otherwise walk the same long chain of parents once per heading (minutes, not milliseconds).
    seen: set[int] = set()
    for node in headings:
        parent = node.parent
        while parent is not None and parent.tag != "body" and parent.mem_id not in seen:
            if parent.tag in ("article", "main") or parent.attrs.get("role") == "main":
                return node
            seen.add(parent.mem_id)
            parent = parent.parent
    return headings[0] if headings else None


def _split_title(title_tag: str, headlines: tuple[str, ...]) -> str:
    """The site name in "<headline> | <site>" (or "<site> | <headline>"), else ""."""
    known = {h.casefold() for h in headlines if h}
    if not known:
        return ""
    for separator in TITLE_SEPARATORS:
        if separator not in title_tag:
            continue
        head, _, tail = title_tag.rpartition(separator)
        if head.strip().casefold() in known and tail.strip():
            return tail.strip()
        first, _, rest = title_tag.partition(separator)
        if rest.strip().casefold() in known and first.strip():
            return first.strip()
    return ""


# Looked up in the body only when the metadata does not say.
BYLINE_SELECTOR = "a[rel~=author], [class*=byline i], [class*=author i], [itemprop=author]"
DATE_SELECTOR = "[itemprop=datePublished], time[pubdate]"
BREADCRUMB_SELECTOR = "[class*=breadcrumb i]"  # the trails; their links are the crumbs


def _byline(meta: dict[str, str], ld: JsonLd) -> str:
    declared = [meta.get(k, "") for k in _AUTHOR_KEYS]
    for value in [*declared, ld.authors]:
        if value and not _URLISH.match(value):  # article:author is often a profile URL
            return _BY.sub("", one_line(value))
    return ""


def _byline_element(body: LexborNode) -> str:
    """The text of a byline-like element (rel=author, class "byline"/"author")."""
    for node in body.css(BYLINE_SELECTOR):
        text = _BY.sub("", one_line(node.text(deep=True)))
        if 2 <= len(text) <= MAX_BYLINE_CHARS:
            return text
    return ""


def _without_metadata(paragraphs: list[str]) -> tuple[list[str], Metadata]:
    """(paragraphs without the metadata lines among the first and last few, what those declare).

    A byline, dateline or "Source:" line is not body text: left in, it would stand
    where signals look for the lede and its dateline.
    """
    found = Metadata()
    count = len(paragraphs)
    edges = sorted({*range(min(METADATA_PARAGRAPHS, count)), *range(max(0, count - METADATA_PARAGRAPHS), count)})
    dropped = set()
    for index in edges:
        fields = parse_metadata_line(paragraphs[index]) if "\n" not in paragraphs[index] else None
        if fields is not None:
            found.merge(fields)
            dropped.add(index)
    if len(dropped) == count:  # a page of metadata lines only keeps them as its body
        return paragraphs, found
    return [p for i, p in enumerate(paragraphs) if i not in dropped], found


def _published(meta: dict[str, str], ld: JsonLd, body: LexborNode) -> str:
    value = first_meta(meta, _DATE_KEYS[:2]) or ld.published or first_meta(meta, _DATE_KEYS[2:])
    if not value:
        node = body.css_first(DATE_SELECTOR)
        if node is not None:
            value = node.attrs.get("datetime") or node.attrs.get("content") or one_line(node.text(deep=True))
    return normalise_date(value) if value else ""


def _category(meta: dict[str, str], ld: JsonLd, body: LexborNode, title: str) -> str:
    value = first_meta(meta, _SECTION_KEYS) or ld.section
    if value:
        return one_line(value)
    crumbs = ld.breadcrumb or [one_line(a.text(deep=True)) for a in _breadcrumb_links(body)]
    crumbs = [c for c in crumbs if c and c.casefold() != title.casefold()]
    return crumbs[-1] if crumbs else ""


def _breadcrumb_links(body: LexborNode) -> list[LexborNode]:
    """The links inside breadcrumb trails, in document order: what "[class*=breadcrumb i] a"
    finds, at half its cost (that selector tests the ancestors of every link on the page)."""
    html = body.parent
    if html is not None and "breadcrumb" in (html.attrs.get("class") or "").lower():
        return body.css("a")  # the whole page is one trail
    links: list[LexborNode] = []
    trails: set[int] = set()
    for trail in body.css(BREADCRUMB_SELECTOR):
        if _inside(trail.parent, trails):
            continue  # its links came with the trail around it
        trails.add(trail.mem_id)
        links.extend(a for a in trail.css("a") if a.mem_id != trail.mem_id)  # css() matches the trail too
    return links


def _inside(node: LexborNode | None, ids: set[int]) -> bool:
    while node is not None and ids:
        if node.mem_id in ids:
            return True
        node = node.parent
    return False


def _declared_source(meta: dict[str, str], ld: JsonLd) -> str:
    value = first_meta(meta, _SOURCE_KEYS) or ld.based_on
    return one_line(value) if value else ""


def _updated(meta: dict[str, str], ld: JsonLd) -> str:
    value = first_meta(meta, _MODIFIED_KEYS) or ld.modified
    return normalise_date(value) if value else ""


def _tags(meta: dict[str, str], ld: JsonLd) -> list[str]:
    value = first_meta(meta, _TAG_KEYS) or ld.keywords
    return [tag for tag in (one_line(t) for t in value.split(",")) if tag][:20] if value else []


def _canonical_url(meta: dict[str, str], links: list[LexborNode]) -> str:
    if meta.get("og:url"):
        return meta["og:url"]
    return (links[0].attrs.get("href") or "").strip() if links else ""


def _lang(tree: LexborHTMLParser, meta: dict[str, str]) -> str:
    root = tree.root
    lang = (root.attrs.get("lang") or root.attrs.get("xml:lang") or "") if root is not None else ""
    return (lang or meta.get("content-language", "") or meta.get("og:locale", "")).strip()


# Every css() call walks the whole tree (about 0.1 ms on a news page), and a selector list
# costs little more than one selector: one walk finds what these lookups need, by tag.
_FIRST_PASS_TAGS = ("meta", "script", "title", "link", "br", "h1")
_FIRST_PASS = f"meta, {JSON_LD_SELECTOR}, title, link[rel~=canonical i], br, h1"


def _first_pass(tree: LexborHTMLParser) -> dict[str, list[LexborNode]]:
    """Tag -> the document's <meta>s, JSON-LD <script>s, <title>s, canonical <link>s,
    <br>s and <h1>s, each in document order."""
    found: dict[str, list[LexborNode]] = {tag: [] for tag in _FIRST_PASS_TAGS}
    if tree.root is not None:
        for node in tree.root.css(_FIRST_PASS):
            found[node.tag].append(node)
    return found


def parse_html(html: str) -> Page:
    """The Page fields an HTML document declares and shows (``id`` left empty)."""
    tree = LexborHTMLParser(html)
    found = _first_pass(tree)
    meta = meta_values(found["meta"])
    ld = read_json_ld(json_ld_objects(found["script"]))
    title_tag = one_line(found["title"][0].text(deep=True)) if found["title"] else ""
    canonical = _canonical_url(meta, found["link"])
    page = Page(id="", url=canonical, canonical=canonical, lang=_lang(tree, meta), format="html")

    body = tree.body
    if body is None:
        page.title = meta.get("og:title", "") or ld.headline or title_tag
        return page
    replace_line_breaks(found["br"])

    og_title = one_line(meta.get("og:title", ""))
    h1 = _headline_node(found["h1"], (og_title, ld.headline, title_tag))
    headline = one_line(h1.text(deep=True)) if h1 is not None else ""
    page.title = headline or og_title or ld.headline or title_tag
    page.site_name = one_line(
        meta.get("og:site_name", "") or ld.publisher or ld.site_name or meta.get("application-name", "")
    ) or _split_title(title_tag, (headline, og_title, ld.headline))
    page.byline = _byline(meta, ld)
    page.published = _published(meta, ld, body)
    page.updated = _updated(meta, ld)
    page.category = _category(meta, ld, body, page.title)
    page.source = _declared_source(meta, ld)
    page.tags = _tags(meta, ld)

    byline_element = "" if page.byline else _byline_element(body)  # read before blocks and junk go
    page.blocks, block_nodes = find_blocks(body)
    for node in block_nodes:
        node.decompose(recursive=False)
    container, cluster, is_article = content_container(body)
    # Read before junk removal: a <header> in the article may hold it. Only when the page's
    # tags leave the author or the date unsaid: walking the tree costs, and most pages that
    # declare both show nothing more around the text.
    around = shown_metadata(container, body) if not (page.byline and page.published) else Metadata()
    remove_junk(container, cluster)
    if h1 is not None:
        h1.decompose(recursive=False)  # the headline is the title, not a body paragraph
    page.paragraphs, in_body = _without_metadata(main_paragraphs(container, is_article))
    in_body.merge(around)  # lines in the body come first, then those around it
    if not in_body.byline and not in_body.editor and page.paragraphs:
        # "新华社北京电（记者 王丽）" opening the lede, "（记者 王丽）" closing the text
        in_body.byline = (credit_in_text(page.paragraphs[0], opening=True)
                          or credit_in_text(page.paragraphs[-1], opening=False))
    apply_metadata(page, in_body)
    page.byline = page.byline or byline_element
    return page
