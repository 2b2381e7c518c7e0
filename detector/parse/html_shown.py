"""Metadata an HTML page shows around its article, read as metadata lines.

Many pages declare nothing in <meta> tags or JSON-LD and show their source,
author and date only as text: a line between the headline and the first
paragraph ("2005-04-27 14:32 来源：千龙新闻网", "By Jane Roe | March 4, 2021"), or
one after the last ("责任编辑：王丽", "Filed under: Opinion"). Those lines are read
with the same grammar as text dumps (``metadata.parse_metadata_line``).

Where: the text just before the article's first <p> and just after its last
(walking through the document, so a header or footer inside the article
container and one outside it are both read). Both walks are bounded in
characters and nodes, so a page costs a few dozen node visits, not a tree walk.
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

from .html_text import BLOCK_TAGS
from .metadata import Metadata, read_metadata_lines
from .textutil import BR, one_line

ZONE_CHARS = 400  # visible characters read on each side: a header or footer line or three
ZONE_NODES = 100  # nodes visited on each side, whitespace and inline tags included
MAX_LINE_CHARS = 300
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "select", "textarea", "-comment", "button"})
_BREAK = "\x00"  # a block boundary; newlines inside text nodes are only whitespace


def _deepest_last(node: LexborNode, pieces: list[str]) -> LexborNode:
    """The last node in ``node``'s subtree in document order (a block entered is a boundary)."""
    while True:
        tag = node.tag
        last = node.last_child if tag not in _SKIP else None
        if last is None:
            return node
        if tag in BLOCK_TAGS and pieces and pieces[-1] is not _BREAK:
            pieces.append(_BREAK)
        node = last


def _take(node: LexborNode, pieces: list[str]) -> int:
    """Add a text node's text, or a block's boundary, to ``pieces``; the characters added."""
    tag = node.tag
    if tag == "-text":
        text = (node.text_content or "").strip()
        if text:  # indentation between tags is most of a page's text nodes
            pieces.append(text)
            return len(text)
    elif tag in BLOCK_TAGS and pieces and pieces[-1] is not _BREAK:
        pieces.append(_BREAK)
    return 0


def _text_before(start: LexborNode, stop_id: int) -> list[str]:
    """Text pieces before ``start`` in document order (nearest last), block ends as line breaks."""
    pieces: list[str] = []
    chars = nodes = 0
    node = start
    while chars < ZONE_CHARS and nodes < ZONE_NODES:
        nodes += 1
        prev = node.prev
        if prev is not None:
            node = _deepest_last(prev, pieces)
        else:
            node = node.parent
            if node is None or node.mem_id == stop_id:
                break
        chars += _take(node, pieces)
    pieces.reverse()
    return pieces


def _text_after(end: LexborNode, stop_id: int) -> list[str]:
    """Text pieces after ``end``'s subtree in document order, block boundaries as line breaks."""
    pieces: list[str] = []
    chars = nodes = 0
    node: LexborNode | None = end
    descend = False  # never into ``end`` itself
    while node is not None and chars < ZONE_CHARS and nodes < ZONE_NODES:
        nodes += 1
        child = node.first_child if descend and node.tag not in _SKIP else None
        if child is not None:
            node = child
        else:
            while node is not None and node.next is None:
                node = node.parent
                if node is None or node.mem_id == stop_id:
                    return pieces
                if node.tag in BLOCK_TAGS and pieces and pieces[-1] is not _BREAK:
                    pieces.append(_BREAK)
            if node is None:
                break
            node = node.next
        descend = True
        chars += _take(node, pieces)
    return pieces


def _last_paragraph(container: LexborNode) -> LexborNode:
    """The container's last <p> (found walking back from its end, as css("p") would build a
    node for every paragraph), or the container when none is near its end."""
    pieces: list[str] = []
    node = _deepest_last(container, pieces)
    for _ in range(ZONE_NODES):
        if node.tag == "p":
            return node
        if node.prev is not None:
            node = _deepest_last(node.prev, pieces)
        else:
            node = node.parent
            if node is None or node.mem_id == container.mem_id:
                break
    return container


def _lines(pieces: list[str]) -> list[str]:
    text = " ".join(pieces).replace(BR, _BREAK)
    return [line for line in (one_line(raw) for raw in text.split(_BREAK) if raw.strip())
            if len(line) <= MAX_LINE_CHARS]


def shown_metadata(container: LexborNode, body: LexborNode) -> Metadata:
    """Metadata shown just before the article's first paragraph and just after its container.

    Before the article, the line nearest to the text wins (a page's masthead date or
    a teaser's byline sit further up). After it, only labelled lines count: a bare
    date there is more often a related story's than the page's own.
    """
    first = container.css_first("p") or container
    last = _last_paragraph(container) if first is not container else container
    before_lines = _lines(_text_before(first, body.mem_id))
    found, _ = read_metadata_lines(before_lines, nearest_last=True, lone_source=False)
    after_lines = _lines(_text_after(last, body.mem_id))
    after, _ = read_metadata_lines(after_lines, labelled_only=True)
    found.merge(after)
    return found
