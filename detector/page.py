"""The one data model every part of detector meets at.

Readers turn input files into raw records; parsers turn a raw record into a
``Page``; signals only read Pages. A Page holds text, never markup, so a signal
works the same on an HTML page, a text dump or a record.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass
class BlockItem:
    """One entry of a link or recommendation block: a linked title and its teaser."""

    title: str
    teaser: str = ""
    url: str = ""


@dataclass
class Block:
    """A block of links beside the article ("Recommend", "Related", "More:", a nav list)."""

    heading: str
    items: list[BlockItem] = field(default_factory=list)


@dataclass
class Page:
    """A web page reduced to the parts content-farm signals look at.

    Empty strings mean "not present"; nothing here is ever None, so signals
    need no None checks.
    """

    id: str
    url: str = ""
    domain: str = ""  # registered domain of ``url``, e.g. "abcnews.go.com" -> "go.com"
    canonical: str = ""  # the URL the page declares as its own (canonical link, og:url), as declared
    site_name: str = ""  # og:site_name, JSON-LD publisher, title suffix, record ``site``
    source: str = ""  # declared source / credit ("source:" line, meta author org, ...)
    title: str = ""
    published: str = ""  # as declared, ISO 8601 where it could be normalised
    updated: str = ""  # "Updated:"/"更新" date, same form as ``published``
    category: str = ""
    byline: str = ""  # author, with the outlet when the page names one ("Jane Roe, Reuters")
    tags: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    format: str = ""  # "html", "txt", "record", "warc"
    lang: str = ""

    @property
    def body(self) -> str:
        """The body paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def lede(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    def field_text(self, name: str) -> str:
        """Text of a field addressed like evidence does: "title", "paragraphs[2]",
        "blocks[0].heading", "blocks[0].items[1].teaser"."""
        obj: object = self
        for part in name.split("."):
            if "[" in part:
                attr, index = part[:-1].split("[")
                obj = getattr(obj, attr)[int(index)]
            else:
                obj = getattr(obj, part)
        return str(obj)


def copy_page(page: Page, **changes) -> Page:
    """A copy of ``page`` with ``changes``, whose lists and blocks can be changed without touching ``page``."""
    fields = {"paragraphs": list(page.paragraphs), "tags": list(page.tags),
              "blocks": [Block(b.heading, [BlockItem(i.title, i.teaser, i.url) for i in b.items]) for b in page.blocks]}
    fields.update(changes)
    return replace(page, **fields)
