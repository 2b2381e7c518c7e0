"""Render a Page as HTML or as a text dump, in several layouts.

Originals, syndicated copies and farm pages all go through these same layouts
with the same random choice of which metadata is shown, so a classifier cannot
tell a label from the template. Each layout carries a known set of Page fields
(``LAYOUT_FIELDS``); with every field shown, parsing the output gives those
fields back.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from html import escape

from ..page import Block, Page
from ..parse.headings import is_block_heading

HTML_LAYOUTS = ("html:article", "html:divsoup", "html:table", "html:minimal")
TEXT_LAYOUTS = ("txt:glued", "txt:spaced", "txt:byline")
LAYOUTS = HTML_LAYOUTS + TEXT_LAYOUTS

_CORE = frozenset({"title", "paragraphs", "blocks"})
LAYOUT_FIELDS: dict[str, frozenset[str]] = {
    "html:article": _CORE | {"site_name", "source", "published", "category", "byline", "lang"},
    "html:divsoup": _CORE | {"site_name", "source", "published", "category", "byline"},
    "html:table": _CORE | {"site_name", "source", "published", "category", "byline"},
    "html:minimal": _CORE,
    "txt:glued": _CORE | {"source", "published", "category"},
    "txt:spaced": _CORE | {"source", "published", "category"},
    "txt:byline": _CORE | {"byline"},
}


@dataclass(frozen=True)
class Show:
    """Which optional metadata a rendering exposes (where its layout can carry it)."""

    site_name: bool = True  # og:site_name / application-name
    publisher: bool = True  # JSON-LD publisher
    published: bool = True
    category: bool = True
    source: bool = True  # visible "Source:" line or source meta
    byline: bool = True
    title_suffix: bool = False  # " | Site" after the headline in <title>


SHOW_ALL = Show()


def draw_show(rng: random.Random) -> Show:
    """A random mix of present and absent metadata, drawn the same way for every label."""
    return Show(*(rng.random() < 0.75 for _ in range(6)), title_suffix=rng.random() < 0.4)


def visible_fields(layout: str, show: Show) -> frozenset[str]:
    """The Page fields a rendering in ``layout`` with ``show`` lets a parser see."""
    site_suffix = show.title_suffix and layout in ("html:article", "html:divsoup")
    shown = {
        "site_name": show.site_name or site_suffix or (show.publisher and layout == "html:article"),
        "source": show.source, "published": show.published, "category": show.category, "byline": show.byline,
    }
    return frozenset(f for f in LAYOUT_FIELDS[layout] if shown.get(f, True))


def layout_format(layout: str) -> str:
    return "html" if layout.startswith("html:") else "txt"


# ---------------------------------------------------------------- dates

@lru_cache(maxsize=4096)
def _as_datetime(published: str) -> datetime | None:
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _has_time(published: str) -> bool:
    return "T" in published or " " in published.strip()


def _glued_date(published: str) -> str:
    when = _as_datetime(published)
    if when is None:
        return published
    return when.strftime("%Y-%m-%d %H:%M:%S" if _has_time(published) else "%Y-%m-%d")


def _human_date(published: str) -> str:
    when = _as_datetime(published)
    return f"{when:%B} {when.day}, {when.year}" if when else published


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- HTML

def _meta(attr: str, key: str, value: str, value_attr: str) -> str:
    return f'<meta {attr}="{key}" {value_attr}="{escape(value)}">'


def _json_ld(page: Page, show: Show) -> str:
    data: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title}
    if show.published and page.published:
        data["datePublished"] = page.published
    if show.byline and page.byline:
        data["author"] = {"@type": "Person", "name": page.byline}
    if show.publisher and page.site_name:
        data["publisher"] = {"@type": "Organization", "name": page.site_name}
    if show.category and page.category:
        data["articleSection"] = page.category
    if show.source and page.source:
        data["sourceOrganization"] = {"@type": "Organization", "name": page.source}
    # "</" inside a script would end it early.
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def _head_title(page: Page, show: Show) -> str:
    if show.title_suffix and page.site_name:
        return escape(f"{page.title} | {page.site_name}")
    return escape(page.title)


def _source_line(page: Page) -> str:
    # A visible credit is the body's last line, so parsers read it as a "Source:" paragraph.
    return f'<p class="source">Source: {escape(page.source)}</p>'


def _html_lines(text: str) -> str:
    # Line breaks inside a paragraph (addresses, lists in one <p>) are <br>, as the page had them.
    return "<br>".join(escape(line) for line in text.split("\n"))


def _paragraphs_html(page: Page) -> str:
    return "".join(f"<p>{_html_lines(p)}</p>" for p in page.paragraphs)


def _nav_html(block: Block) -> str:
    links = "".join(f'<li><a href="{escape(i.url or "#")}">{escape(i.title)}</a></li>' for i in block.items)
    return f"<nav><ul>{links}</ul></nav>"


def _blocks_html(page: Page, layout: str) -> str:
    parts = []
    for block in page.blocks:
        if block.heading.strip().lower() == "nav":
            parts.append(_nav_html(block))
            continue
        heading = escape(block.heading)
        if layout == "html:article":
            items = "".join(f'<li><a href="{escape(i.url or "#")}">{escape(i.title)}</a>'
                            + (f"<p>{escape(i.teaser)}</p>" if i.teaser else "") + "</li>" for i in block.items)
            parts.append(f'<aside class="related-articles"><h2>{heading}</h2><ul>{items}</ul></aside>')
        elif layout == "html:divsoup":
            items = "".join(f'<div class="rec-item"><a class="rec-title" href="{escape(i.url or "#")}">{escape(i.title)}</a>'
                            + (f'<div class="rec-teaser">{escape(i.teaser)}</div>' if i.teaser else "") + "</div>"
                            for i in block.items)
            parts.append(f'<div class="widget recommend-box"><div class="widget-head"><h3>{heading}</h3></div>{items}</div>')
        elif layout == "html:table":
            rows = "".join(f'<tr><td><a href="{escape(i.url or "#")}">{escape(i.title)}</a>'
                           + (f"<br>{escape(i.teaser)}" if i.teaser else "") + "</td></tr>" for i in block.items)
            parts.append(f'<table class="more-stories"><tr><td><h4>{heading}</h4></td></tr>{rows}</table>')
        else:
            items = "".join(f'<li><a href="{escape(i.url or "#")}">{escape(i.title)}</a>'
                            + (f" {escape(i.teaser)}" if i.teaser else "") + "</li>" for i in block.items)
            parts.append(f'<div class="related"><h3>{heading}</h3><ul>{items}</ul></div>')
    return "".join(parts)


def _article_layout(page: Page, show: Show, rng: random.Random) -> str:
    head = [f"<title>{_head_title(page, show)}</title>", _meta("property", "og:title", page.title, "content")]
    if show.site_name and page.site_name:
        head.append(_meta("property", "og:site_name", page.site_name, "content"))
    if show.published and page.published:
        head.append(_meta("property", "article:published_time", page.published, "content"))
    if show.category and page.category:
        head.append(_meta("property", "article:section", page.category, "content"))
    if show.byline and page.byline:
        head.append(_meta("name", "author", page.byline, "content"))
    if page.url:
        head.append(f'<link rel="canonical" href="{escape(page.url)}">')
    head.append(_json_ld(page, show))
    header = [f"<h1>{escape(page.title)}</h1>"]
    if show.byline and page.byline:
        header.append(f'<div class="byline">By <a rel="author" href="#">{escape(page.byline)}</a></div>')
    if show.published and page.published:
        header.append(f'<time datetime="{escape(page.published)}">{escape(_human_date(page.published))}</time>')
    source = ""
    if show.source and page.source:
        # Some CMSs print the credit under the story, others only put it in a meta tag.
        if rng.random() < 0.5:
            source = _source_line(page)
        else:
            head.append(_meta("name", "source", page.source, "content"))
    lang = f' lang="{escape(page.lang)}"' if page.lang else ""
    site = escape(page.site_name or "Home")
    return (f'<!DOCTYPE html><html{lang}><head><meta charset="utf-8">{"".join(head)}</head><body>'
            f'<header><a class="logo" href="/">{site}</a><nav><ul><li><a href="/">Home</a></li>'
            f'<li><a href="/about">About</a></li></ul></nav></header>'
            f'<main><article>{"".join(header)}<div itemprop="articleBody">{_paragraphs_html(page)}{source}</div>'
            f"</article>{_blocks_html(page, 'html:article')}</main>"
            f"<footer><p>&copy; {site}</p></footer></body></html>")


def _divsoup_layout(page: Page, show: Show, rng: random.Random) -> str:
    # Re-serialised pages carry meta values in value= (as in the postlight fixtures).
    head = [f"<title>{_head_title(page, show)}</title>", _meta("property", "og:title", page.title, "value")]
    if show.site_name and page.site_name:
        head.append(_meta("property", "og:site_name", page.site_name, "value"))
    if show.published and page.published:
        head.append(_meta("property", "article:published_time", page.published, "value"))
    if show.category and page.category:
        head.append(_meta("property", "article:section", page.category, "value"))
    meta = []
    if show.byline and page.byline:
        meta.append(f'By <span class="author">{escape(page.byline)}</span>')
    if show.published and page.published:
        meta.append(f'<span class="post-date">{escape(_human_date(page.published))}</span>')
    source = _source_line(page) if show.source and page.source else ""
    return (f'<html><head>{"".join(head)}</head><body><div id="wrapper"><div class="top-bar">'
            f'<div class="menu"><a href="/">Home</a> <a href="/contact">Contact</a></div></div>'
            f'<div class="container"><div class="post-wrap"><div class="post-header"><h1 class="entry-title">'
            f'{escape(page.title)}</h1><div class="post-meta">{" ".join(meta)}</div></div>'
            f'<div class="post-content">{_paragraphs_html(page)}{source}</div></div>'
            f"{_blocks_html(page, 'html:divsoup')}</div></div></body></html>")


def _table_layout(page: Page, show: Show, rng: random.Random) -> str:
    # No <h1>: the parser takes the headline from <title>, so <title> never gets a suffix here.
    head = [f"<title>{escape(page.title)}</title>"]
    if show.site_name and page.site_name:
        head.append(_meta("name", "application-name", page.site_name, "content"))
    if show.published and page.published:
        head.append(_meta("name", "date", page.published, "content"))
    if show.category and page.category:
        head.append(_meta("property", "article:section", page.category, "content"))
    if show.byline and page.byline:
        head.append(_meta("name", "author", page.byline, "content"))
    if show.source and page.source:
        head.append(_meta("name", "source", page.source, "content"))
    info = []
    if show.byline and page.byline:
        info.append(f"By {escape(page.byline)}")
    if show.published and page.published:
        info.append(escape(_glued_date(page.published)))
    return (f'<html><head>{"".join(head)}</head><body><table width="100%" border="0" cellpadding="4">'
            f'<tr><td class="masthead" colspan="2"><font size="6">{escape(page.site_name)}</font></td></tr>'
            f'<tr><td class="leftnav" width="150"><a href="/">Home</a><br><a href="/archive">Archive</a></td>'
            f'<td class="article-text"><font size="5"><b>{escape(page.title)}</b></font><br>'
            f'<font size="2">{" - ".join(info)}</font>{_paragraphs_html(page)}</td></tr>'
            f"<tr><td></td><td>{_blocks_html(page, 'html:table')}</td></tr></table></body></html>")


def _minimal_layout(page: Page, show: Show, rng: random.Random) -> str:
    return (f"<html><head><title>{escape(page.title)}</title></head><body>"
            f"{_paragraphs_html(page)}{_blocks_html(page, 'html:minimal')}</body></html>")


_HTML_RENDERERS = {
    "html:article": _article_layout,
    "html:divsoup": _divsoup_layout,
    "html:table": _table_layout,
    "html:minimal": _minimal_layout,
}


def render_html(page: Page, layout: str, rng: random.Random, show: Show | None = None) -> str:
    """The page as an HTML document in ``layout``; ``show`` defaults to a random draw."""
    if show is None:
        show = draw_show(rng)
    return _HTML_RENDERERS[layout](page, show, rng)


# ---------------------------------------------------------------- text dumps

def _glued_meta(page: Page, show: Show) -> str:
    # Tag stripping glued the CMS fields together: "2025-05-08 03:41:11source:Xcategory:Y".
    parts = []
    if show.published and page.published:
        parts.append(_glued_date(page.published))
    if show.source and page.source:
        parts.append(f"source:{_one_line(page.source)}")
    if show.category and page.category:
        parts.append(f"category:{_one_line(page.category)}")
    return "".join(parts)


def _spaced_meta(page: Page, show: Show) -> str:
    parts = []
    if show.source and page.source:
        parts.append(f"Source: {_one_line(page.source)}")
    if show.category and page.category:
        parts.append(f"Category: {_one_line(page.category)}")
    if show.published and page.published:
        parts.append(_glued_date(page.published)[:16])
    return " | ".join(parts)


def _paragraph_lines(paragraph: str) -> str:
    # A paragraph keeps its own line breaks; blank lines would split it in two.
    return "\n".join(line for line in map(_one_line, paragraph.split("\n")) if line)


def _byline_meta(page: Page, show: Show) -> str:
    return f"By {_one_line(page.byline)}" if show.byline and page.byline else ""


_TEXT_META = {"txt:glued": _glued_meta, "txt:spaced": _spaced_meta, "txt:byline": _byline_meta}


def _blocks_text(page: Page) -> list[str]:
    """Trailing block lines: a heading line alone, then per item a title line and a longer teaser line."""
    lines = []
    for block in page.blocks:
        heading = _one_line(block.heading)
        items = [i for i in block.items if i.title.strip()]
        if heading.lower() == "nav" or not items:
            continue
        if heading.lower() in ("more:", "mehr:"):
            # Navigation residue stays one glued line ("More:Contact"), as scrapers leave it.
            lines.append(heading + " ".join(_one_line(i.title) for i in items))
            continue
        # A dump marks a block only by a known heading line; a widget found by its class
        # (any heading) is written under a neutral one so its links stay a block.
        lines.append(heading if is_block_heading(heading) else "More stories")
        for item in items:
            title, teaser = _one_line(item.title), _one_line(item.teaser)
            lines.append(title)
            # Only a line longer than its title reads as a teaser; a shorter one would read as a title.
            if len(teaser) > len(title):
                lines.append(teaser)
    return lines


def render_text(page: Page, layout: str, rng: random.Random, show: Show | None = None) -> str:
    """The page as a text dump: title line, optional metadata line, paragraphs, trailing blocks."""
    if show is None:
        show = draw_show(rng)
    lines = [_one_line(page.title)]
    meta = _TEXT_META[layout](page, show)
    if meta:
        lines.append(meta)
    lines.extend(_paragraph_lines(p) for p in page.paragraphs)
    lines.extend(_blocks_text(page))
    return "\n\n".join(line for line in lines if line) + "\n"


def render(page: Page, layout: str, rng: random.Random, show: Show | None = None) -> str:
    """Dispatch on the layout's format."""
    if layout_format(layout) == "html":
        return render_html(page, layout, rng, show)
    return render_text(page, layout, rng, show)
