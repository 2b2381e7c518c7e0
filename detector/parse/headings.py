"""Headings that introduce link or recommendation blocks ("Related", "Recommend", ...).

Shared by the HTML parser (h2-h4 headings) and the text-dump parser (a heading line
alone). Matching is on the whole heading, so a sentence that merely contains
"related" is not a block heading.
"""
from __future__ import annotations

import re
from functools import lru_cache

BLOCK_HEADINGS = frozenset({
    # English
    "recommend", "recommended", "recommended for you", "recommended stories", "recommended articles",
    "recommended reading", "we recommend", "related", "related articles", "related stories", "related news",
    "related posts", "related content", "related coverage", "related links", "related topics",
    "more", "more stories", "more news", "more articles", "more on this", "more on this story", "more to read",
    "more like this", "trending", "trending now", "trending stories", "trending news", "popular",
    "most popular", "popular now", "popular stories", "most read", "most viewed", "top stories",
    "you may also like", "you might also like", "you may like", "you might like", "you may have missed",
    "read more", "read next", "read also", "also read", "see also", "don't miss", "editor's picks",
    "around the web", "from the web", "sponsored stories", "promoted stories", "latest", "latest news",
    "latest stories", "top news", "what to read next", "further reading",
    # German
    "mehr zum thema", "mehr", "mehr dazu", "das könnte sie auch interessieren", "das könnte sie interessieren",
    "auch interessant", "lesen sie auch", "lesen sie mehr", "weitere artikel", "weitere nachrichten",
    "meistgelesen", "meistgelesene artikel", "meist gelesen", "empfehlungen", "unsere empfehlungen",
    "verwandte artikel", "ähnliche artikel", "ähnliche beiträge", "weitere beiträge", "beliebt",
    "beliebte artikel", "top-artikel", "neueste artikel",
})
BLOCK_HEADING_PREFIXES = ("more from ", "more in ", "more about ", "more stories from ", "related to ",
                          "mehr aus ", "mehr zu ", "mehr von ", "weitere artikel ", "weitere nachrichten ")

_EDGE_PUNCT = re.compile(r"^[\s\W_]+|[\s:»›>\-–—.…]+$")
_SPACES = re.compile(r"\s+")
MAX_HEADING_CHARS = 60


def heading_key(text: str) -> str:
    """Lower-cased heading without edge punctuation: "Related Articles:" -> "related articles"."""
    return _SPACES.sub(" ", _EDGE_PUNCT.sub("", text.replace("’", "'"))).lower()


# "More National News", "Mehr Sport": a short "more ..." label names a section's link list.
_SHORT_MORE = re.compile(r"^(?:more|mehr|weitere)(?! (?:than|and|of|to|as|als|und)\b)(?: \S+){1,3}$")


@lru_cache(maxsize=4096)
def is_block_heading(text: str) -> bool:
    """True for a heading that introduces a link/recommendation block."""
    if not text or len(text) > MAX_HEADING_CHARS:
        return False
    stripped = text.rstrip()
    if stripped.endswith(".") and not stripped.endswith(".."):  # a sentence ("More body."), not a label
        return False
    key = heading_key(text)
    return key in BLOCK_HEADINGS or key.startswith(BLOCK_HEADING_PREFIXES) or bool(_SHORT_MORE.match(key))
