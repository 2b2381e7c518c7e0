"""A cheap guard against HTML nested so deep that parsing it takes minutes.

The HTML parser walks its stack of open elements at each block-level start tag (to
close an open <p>), so N nested <div>s cost about N squared: 100,000 of them (a
1.1 MB page) take 19 s to parse, 200,000 take 85 s, in C code no alarm can stop.
Real pages nest blocks a few dozen deep. Only pages large enough to hurt are looked
at, so the common page pays nothing.
"""
from __future__ import annotations

import re
from itertools import accumulate

MAX_BLOCK_NESTING = 4096  # parses in about 30 ms; real pages stay under 100
# Smaller pages parse within seconds however they nest (and worker processes are killed at the
# page time limit anyway); 3.5% of the real pages are this large, and looking costs them ~3 ns a character.
CHECKED_FROM_CHARS = 512 * 1024

# Start tags that make the parser look for an open <p>, and their end tags, in lower or upper
# case (spelling out both scans 2.3 times faster than IGNORECASE: 2.9 ns a character).
_BLOCKS = ("div|section|article|aside|nav|header|footer|main|ul|ol|dl|blockquote|form|figure|figcaption"
           "|fieldset|details|summary|table|center|address|dialog|hgroup|menu|search|dir|pre|listing|h[1-6]")
_BLOCK_TAG = re.compile(rf"<(/?)(?:{_BLOCKS}|{_BLOCKS.upper()})[\s>/]")
_STEP = {"": 1, "/": -1}


def block_nesting(html: str) -> int:
    """How deep block elements nest, counting start and end tags (unclosed ones count as open)."""
    return max(accumulate(map(_STEP.__getitem__, _BLOCK_TAG.findall(html))), default=0)


def too_deeply_nested(html: str) -> bool:
    # Every tag opens with "<": counting them (2.5 times cheaper than the regex) clears 40 of
    # the 54 real pages this large, whose size is inline data rather than markup.
    return (len(html) >= CHECKED_FROM_CHARS and html.count("<") > MAX_BLOCK_NESTING
            and block_nesting(html) > MAX_BLOCK_NESTING)
