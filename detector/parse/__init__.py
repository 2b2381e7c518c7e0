"""Raw record -> Page.

``page_from_record`` parses a record's ``html`` (preferred) or ``text`` dump and
lets the record's own title/site/source/published/category override what the
page declares. A record that cannot become a page raises ``ParseError`` with a
short reason, which scoring reports as the row's error.
"""
from __future__ import annotations

from ..domains import registered_domain
from ..page import Page
from ..records import MAX_PAGE_BYTES
from .dates import normalise_date
from .html import parse_html
from .nesting import MAX_BLOCK_NESTING, too_deeply_nested
from .text import parse_text


class ParseError(ValueError):
    """A record that cannot become a Page; ``str(exc)`` is the reason."""


def page_from_record(record: dict) -> Page:
    """The Page of one raw record; raises ParseError when there is none."""
    if record.get("error"):
        raise ParseError(str(record["error"]))
    html = record.get("html") or ""
    text = record.get("text") or ""
    if max(len(html), len(text)) > MAX_PAGE_BYTES:  # characters: at least as many bytes
        raise ParseError(f"page larger than {MAX_PAGE_BYTES >> 20} MB")
    if html and not html.isspace():  # not strip(): that would copy the whole page
        if too_deeply_nested(html):
            raise ParseError(f"HTML nested more than {MAX_BLOCK_NESTING} blocks deep")
        page = parse_html(html)
        missing = "no text found in HTML"
    elif text and not text.isspace():
        page = parse_text(text)
        missing = "no body text found in text dump"
    else:
        raise ParseError("record has neither html nor text")
    if not page.paragraphs:
        raise ParseError(missing)

    page.id = str(record.get("id") or "")
    page.url = str(record.get("url") or "").strip() or page.url
    page.domain = registered_domain(page.url) if page.url else ""
    page.format = str(record.get("format") or "") or page.format
    for field, key in (("title", "title"), ("site_name", "site"), ("source", "source"), ("category", "category")):
        value = record.get(key)
        if value and str(value).strip():
            setattr(page, field, str(value).strip())
    if record.get("published") and str(record["published"]).strip():
        page.published = normalise_date(str(record["published"]))
    return page


__all__ = ["ParseError", "page_from_record", "parse_html", "parse_text"]
