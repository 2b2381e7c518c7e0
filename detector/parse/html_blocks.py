"""Link and recommendation blocks of an HTML page ("Related", "Recommended", widgets).

A block is found two ways: a heading (h2-h5, or an element with a title-like
class) whose whole text is a block heading, with the links that follow it; or a
container whose class/id names it (related, recommend, trending, outbrain, ...),
with all its links. Each block becomes
``Block(heading, items)`` with one ``BlockItem(title, teaser, url)`` per linked
title, and its nodes are returned so the caller can drop them from the main text.
"""
from __future__ import annotations

from selectolax.lexbor import LexborNode

from ..page import Block, BlockItem
from .headings import MAX_HEADING_CHARS, is_block_heading
from .textutil import one_line

_WIDGET_WORDS = ("related", "recommend", "trending", "popular", "more-stories", "outbrain", "taboola")
# One query finds both heading candidates and widget candidates. Lexbor walks the tree once
# for a selector list but tests every element against every substring selector, and those
# tests are most of the query's cost. Gating them behind [class] / [id] skips them on the
# many elements without the attribute, and behind :not(a) on links, which can be neither a
# widget nor a heading (about 15% and 13% of the query on the real pages).
_CANDIDATES = ", ".join([
    "h2, h3, h4, h5",
    "[class]:not(a):is(" + ", ".join(f"[class*={word} i]" for word in ("title", *_WIDGET_WORDS)) + ")",
    "[id]:not(a):is(" + ", ".join(f"[id*={word} i]" for word in _WIDGET_WORDS) + ")",
])
_HEADING_CLASS_TAGS = frozenset({"h2", "h3", "h4", "h5"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that can never be a whole widget: the page frame or the article itself.
_NOT_WIDGETS = frozenset({"html", "body", "main", "article", "head", "a", "p", "span", "meta", "link", "script"})
# A "Read more" link or button is the end of a teaser, not the heading of a block.
_NOT_HEADINGS = frozenset({"a", "button", "body", "html", "main", "article", "meta", "link", "script"})
_ITEM_TAGS = frozenset({"li", "article", "div", "section", "figure", "dd"})
MAX_TEASER_CHARS = 400
MAX_SIBLINGS = 12  # elements after a heading that may still belong to its block
MAX_CLIMB = 3  # wrappers around a heading that hold nothing but the heading
MIN_LINK_SHARE = 0.2  # titles are short and teasers longer, but prose has far fewer links


def _has_link(node: LexborNode) -> bool:
    return node.tag == "a" or node.css_first("a[href]") is not None


def _following(node: LexborNode) -> list[LexborNode]:
    """The element siblings after ``node`` that hold its links.

    Stops at the next heading, at a long text without links (prose), and drops
    short link-less siblings after the last link (a closing paragraph is not a teaser).
    """
    region: list[LexborNode] = []
    pending: list[LexborNode] = []  # link-less siblings kept only if more links follow
    sibling = node.next
    seen = 0
    while sibling is not None and seen < MAX_SIBLINGS:
        tag = sibling.tag
        if tag in _HEADING_TAGS:
            break
        if not tag.startswith("-"):
            seen += 1
            if _has_link(sibling):
                region.extend(pending)
                pending = []
                region.append(sibling)
            elif len(sibling.text(deep=True)) > MAX_TEASER_CHARS:
                break
            else:
                pending.append(sibling)
        sibling = sibling.next
    return region


def _region_after_heading(heading: LexborNode) -> list[LexborNode]:
    """The nodes holding the links that a block heading introduces.

    Climbs out of wrappers such as ``<div class="hd"><h3>Related</h3></div>`` whose
    later siblings hold the list.
    """
    node = heading
    for _ in range(MAX_CLIMB):
        region = _following(node)
        if region:
            return region
        if node.parent is None or node.parent.tag in ("body", "main", "article"):
            break
        node = node.parent
    return []


def _teaser(link: LexborNode, title: str) -> str:
    """Short text after a linked title: in the link's own item, right after the link or its wrapper."""
    node = link
    for _ in range(2):  # the link itself, then a wrapper like <h4><a>...</a></h4>
        sibling = node.next
        while sibling is not None:
            if sibling.tag == "a" or (not sibling.tag.startswith("-") and sibling.css_first("a[href]") is not None):
                return ""  # the next item starts: this one has no teaser
            text = one_line(sibling.text(deep=True)) if sibling.tag != "-comment" else ""
            if text and text != title:
                return text if len(text) <= MAX_TEASER_CHARS else ""
            sibling = sibling.next
        parent = node.parent
        if parent is None or parent.tag in _ITEM_TAGS:
            break
        node = parent
    return ""


def _items(nodes: list[LexborNode]) -> list[BlockItem]:
    items: list[BlockItem] = []
    seen: set[str] = set()
    for node in nodes:
        links = [node] if node.tag == "a" else node.css("a[href]")
        for link in links:
            title = one_line(link.text(deep=True))
            url = (link.attrs.get("href") or "").strip()
            if not title or url in seen or url.startswith(("javascript:", "#")):
                continue
            seen.add(url)
            items.append(BlockItem(title, _teaser(link, title), url))
    return items


def _link_dense(nodes: list[LexborNode], items: list[BlockItem]) -> bool:
    """True when linked titles make up a fair share of the text: a list of links, not prose."""
    link_chars = sum(len(item.title) for item in items)
    all_chars = sum(len(one_line(node.text(deep=True))) for node in nodes)
    return link_chars >= MIN_LINK_SHARE * all_chars


def _inside(node: LexborNode, taken: set[int]) -> bool:
    parent = node
    while parent is not None:
        if parent.mem_id in taken:
            return True
        parent = parent.parent
    return False


def _in_link(node: LexborNode) -> bool:
    parent = node.parent
    return parent is not None and parent.tag == "a"


def _marks(node: LexborNode) -> str:
    attrs = node.attrs
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def _widget_word(marks: str) -> str:
    return next((word for word in _WIDGET_WORDS if word in marks), "")


def find_blocks(root: LexborNode) -> tuple[list[Block], list[LexborNode]]:
    """(blocks in document order, the nodes they occupy) under ``root``."""
    headings: list[LexborNode] = []
    widgets: list[tuple[LexborNode, str]] = []
    position: dict[int, int] = {}  # mem_id -> document order
    for index, node in enumerate(root.css(_CANDIDATES)):
        position[node.mem_id] = index
        tag = node.tag
        if tag in _HEADING_CLASS_TAGS:
            headings.append(node)
            continue
        marks = _marks(node)
        word = _widget_word(marks)
        if word and tag not in _NOT_WIDGETS:
            widgets.append((node, word))
        elif "title" in marks and tag not in _NOT_HEADINGS:
            headings.append(node)

    found: list[tuple[int, Block, list[LexborNode]]] = []  # (mem_id of the first node, block, nodes)
    taken: set[int] = set()
    taken_nodes: list[LexborNode] = []
    for heading in headings:
        raw = heading.text(deep=True)
        if len(raw) > 4 * MAX_HEADING_CHARS:  # a whole section, not a heading
            continue
        text = one_line(raw)
        if (len(text) > MAX_HEADING_CHARS or not is_block_heading(text)  # the length test spares a cache look-up
                or (taken and _inside(heading, taken)) or _in_link(heading)):
            continue
        region = _region_after_heading(heading)
        items = _items(region)
        if items and _link_dense(region, items):
            found.append((heading.mem_id, Block(text, items), [heading, *region]))
            taken.update(n.mem_id for n in (heading, *region))
            taken_nodes.extend((heading, *region))

    for widget, word in widgets:
        if _inside(widget, taken) or widget.css_first("h1") is not None:
            continue
        if any(_inside(node, {widget.mem_id}) for node in taken_nodes):
            continue  # holds a block already found by its heading, which is more precise
        items = _items([widget])
        # One link with a "related" class is an inline link, not a widget.
        if len(items) < 2 or not _link_dense([widget], items):
            continue
        heading = next((one_line(h.text(deep=True)) for h in widget.css("h2, h3, h4, h5")
                        if h.text(deep=True).strip()), "")
        found.append((widget.mem_id, Block(heading[:MAX_HEADING_CHARS] or word, items), [widget]))
        taken.add(widget.mem_id)

    found.sort(key=lambda entry: position[entry[0]])
    return [block for _, block, _ in found], [node for _, _, nodes in found for node in nodes]


