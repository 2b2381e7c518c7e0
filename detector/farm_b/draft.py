"""The page being built: what families change and layouts render."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..page import Block
from .brands import Site


@dataclass
class Draft:
    title: str
    lang: str  # resource language (lexicon.pick_lang)
    site: Site
    url: str = ""
    author: str = ""
    published: datetime | None = None
    category: str = ""
    source: str = ""  # declared source / credit field
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    meta_style: str = "labeled"
    meta_extra: str = ""  # e.g. a view counter
    nav: list[str] = field(default_factory=list)  # site menu
    footer: list[str] = field(default_factory=list)
    breadcrumb: str = ""
    topbar: str = ""
    head_site_name: str = ""  # og:site_name / JSON-LD publisher when it differs from the visible name
    html_lang: str = ""
    marks: dict[str, list[str]] = field(default_factory=dict)  # family -> strings that show it in the output

    def mark(self, family: str, *texts: str) -> None:
        self.marks.setdefault(family, []).extend(t for t in texts if t)
