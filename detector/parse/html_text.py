"""The main text of an HTML page as paragraphs, with the page's own spacing.

Where the text is: every substantial <p> votes for its nearest ancestors, and the
most focused element holding most of the paragraph text wins (text in sidebars,
footers, forms and cookie banners does not vote). It is widened to its semantic
wrapper (articleBody, <article>, <main>, a post-content-like class) so captions and
lists beside the paragraphs come along. Pages with little <p> text vote with the
direct text of their <div>s instead.

How it is read: the text of <p> elements (plus list items, quotes and captions in
a focused container), each taken as one string: inline tags add no spaces, so
glued words stay glued, and block elements are never joined. Containers that hold
their text in bare <div>s and <br>s are read by a walk that splits at every block
boundary.
"""
from __future__ import annotations

import re
from typing import Iterable

from selectolax.lexbor import LexborNode

from .textutil import BR, paragraph_chars, paragraphs_of, visible_chars

# Removed from the container before text is read: never main text.
JUNK_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
             "button", "svg", "iframe", "select", "textarea", "object", "embed", "canvas", "dialog")
_JUNK_SELECTOR = ", ".join(JUNK_TAGS)
_JUNK_TAG_SET = frozenset(JUNK_TAGS) - {"svg", "select", "textarea", "object", "embed", "canvas"}

_SEMANTIC = "[itemprop=articleBody], article, main, [role=main]"
_BODY_CLASS = re.compile(r"article[-_]*body|articlebody|story[-_]*body|post[-_]*(?:content|body)|entry[-_]*content"
                         r"|article[-_]*content|story[-_]*content|article[-_]*text")
# Paragraph-like elements; the wide set is used only inside a real article container.
_WIDE = "p, li, blockquote, figcaption, pre, dd"
_NARROW = "p, blockquote, figcaption, pre"
_NESTED_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "blockquote", "figure", "table", "section",
                            "h2", "h3", "h4", "h5", "h6", "pre", "dl"})

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "caption",
})
_SKIP_IN_WALK = frozenset({"-comment", "script", "style", "noscript", "template", "svg"})

MIN_CONTAINER_CHARS = 200  # a container with less text than this is a teaser card, not the article
MIN_P_SHARE = 0.3  # <p> text below this share of the container's text means the page is built from divs
MOSTLY_LINKS = 0.8  # a list item whose text is this much link text is navigation
MIN_P_CHARS = 25  # shorter <p>s (captions, labels, buttons) do not vote for the main-text container
CLUSTER_LEVELS = 4  # ancestors of a <p> that collect its text
CLUSTER_SHARE = 0.6  # the container must hold this share of the page's paragraph text
MAX_REVOTES = 2
MIN_ARTICLE_CHARS = 1200  # less <p> text than this: look for text in bare <div>s too
_OVERLAY = re.compile(r"cookie|consent|gdpr")
_DIV_LIKE = "div, td, section, article, main, font, center"


def _text_cluster(body: LexborNode, selector: str, own_text: bool) -> tuple[LexborNode | None, int]:
    """(the most focused element holding most of the text of ``selector`` elements, that text's size).

    Each element with enough text adds its length to its first few ancestors (to
    itself too when ``own_text``: then only its direct text counts, so a wrapper is
    not credited twice). The element with the least text that still holds
    CLUSTER_SHARE of all of it is the most focused one: an ancestor would add
    sidebars, a descendant would miss parts.
    """
    body_id = body.mem_id
    totals: dict[int, list] = {}  # mem_id -> [node, chars]
    excluded: dict[int, bool] = {}  # mem_id -> is a sidebar/footer/banner; ancestors repeat, so cache
    all_chars = 0
    for element in body.css(selector):
        chars = len(element.text(deep=not own_text).strip())  # inner whitespace is noise enough to ignore
        if chars < MIN_P_CHARS:
            continue
        voters: list[LexborNode] = []
        node = element if own_text else element.parent
        for _ in range(CLUSTER_LEVELS):
            if node is None or node.mem_id == body_id:
                break
            blocked = excluded.get(node.mem_id)
            if blocked is None:
                blocked = excluded[node.mem_id] = _is_boilerplate(node)
            if blocked:  # text in a sidebar, footer or cookie banner does not vote
                voters = []
                break
            voters.append(node)
            node = node.parent
        if voters:
            all_chars += chars
        for node in voters:
            entry = totals.setdefault(node.mem_id, [node, 0])
            entry[1] += chars
    if not totals:
        return None, 0
    holding = [entry for entry in totals.values() if entry[1] >= CLUSTER_SHARE * all_chars]
    if holding:
        return min(holding, key=lambda entry: entry[1])[0], all_chars
    return max(totals.values(), key=lambda entry: entry[1])[0], all_chars


def _is_boilerplate(node: LexborNode) -> bool:
    """A sidebar/footer/form element or a cookie banner (by class or id)."""
    if node.tag in _JUNK_TAG_SET:
        return True
    attrs = node.attrs
    return bool(_OVERLAY.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()))


def _boilerplate_around(node: LexborNode, body: LexborNode) -> LexborNode | None:
    """The sidebar, footer, form or cookie banner that ``node`` sits in, if any.

    A wrapper that holds the headline is not boilerplate, whatever its tag or class
    (some sites wrap the whole page in a <form>).
    """
    body_id = body.mem_id
    while node is not None and node.mem_id != body_id:
        if _is_boilerplate(node):
            return node if node.css_first("h1") is None else None
        node = node.parent
    return None


def _is_semantic(node: LexborNode) -> bool:
    tag = node.tag
    if tag in ("article", "main"):
        return True
    attrs = node.attrs
    return (attrs.get("itemprop") == "articleBody" or attrs.get("role") == "main"
            or bool(_BODY_CLASS.search((attrs.get("class") or "").lower())))


def _ancestors(node: LexborNode, stop: LexborNode) -> set[int]:
    """mem_ids of ``node`` and its ancestors up to ``stop`` (excluded)."""
    found = set()
    while node is not None and node.mem_id != stop.mem_id:
        found.add(node.mem_id)
        node = node.parent
    return found


def content_container(body: LexborNode) -> tuple[LexborNode, LexborNode | None, bool]:
    """(element holding the main text, the paragraph cluster in it, whether it is focused).

    The paragraph cluster decides where the text is; the nearest semantic wrapper
    around it (articleBody, <article>, <main>, a post-content-like class) widens it
    to captions, lists and quotes beside the paragraphs. A cluster that sits in a
    sidebar or cookie banner is dropped and the paragraphs vote again.
    """
    for _ in range(MAX_REVOTES + 1):
        cluster, chars = _text_cluster(body, "p", own_text=False)
        boilerplate = _boilerplate_around(cluster, body) if cluster is not None else None
        if boilerplate is None:
            break
        boilerplate.decompose(recursive=False)
    if chars < MIN_ARTICLE_CHARS:  # little <p> text: the article may be written in bare <div>s
        div_cluster, div_chars = _text_cluster(body, _DIV_LIKE, own_text=True)
        if div_chars > 2 * chars:
            cluster = div_cluster
    if cluster is not None:
        node, body_id = cluster, body.mem_id
        while node is not None and node.mem_id != body_id:
            if _is_semantic(node):
                return node, cluster, True
            node = node.parent
        return cluster, cluster, True
    candidates = body.css(_SEMANTIC)
    if candidates:
        best = max(candidates, key=lambda node: len(node.text(deep=True)))
        if visible_chars(best.text(deep=True)) >= MIN_CONTAINER_CHARS:
            return best, None, True
    return body, None, False


def remove_junk(container: LexborNode, cluster: LexborNode | None = None) -> None:
    """Drop non-content elements under ``container``, except those wrapping the cluster."""
    keep = _ancestors(cluster, container) if cluster is not None else set()
    for node in container.css(_JUNK_SELECTOR):
        if node.mem_id not in keep:
            node.decompose(recursive=False)  # unlinks the subtree; nested matches become no-ops


def replace_line_breaks(line_breaks: Iterable[LexborNode]) -> None:
    """Turn the page's <br>s into the BR mark, so text extraction keeps the line break."""
    for node in line_breaks:
        node.replace_with(BR)


def _has_nested_block(node: LexborNode) -> bool:
    descendants = node.traverse()
    next(descendants)  # the node itself (css() would match it too)
    return any(child.tag in _NESTED_BLOCKS for child in descendants)


def _element_paragraphs(container: LexborNode, wide: bool) -> list[str]:
    paragraphs: list[str] = []
    for node in container.css(_WIDE if wide else _NARROW):
        # A list item or quote that wraps <p>s or <div>s: its inner blocks are read instead,
        # or (for inner divs) by the walk fallback; reading it whole would glue them.
        if node.tag != "p" and _has_nested_block(node):
            continue
        text = node.text(deep=True)
        if node.tag == "li" and _mostly_links(node, text):
            continue  # a menu or tag list, not prose
        paragraphs.extend(paragraphs_of(text))
    return paragraphs


def _mostly_links(node: LexborNode, text: str) -> bool:
    link_chars = sum(visible_chars(link.text(deep=True)) for link in node.css("a"))
    return link_chars > 0 and link_chars >= MOSTLY_LINKS * visible_chars(text)


def walk_paragraphs(root: LexborNode) -> list[str]:
    """Text split at every block boundary: for pages built from <div>s and <br>s."""
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            paragraphs.extend(paragraphs_of("".join(buffer)))
            buffer.clear()

    root_id = root.mem_id
    node = root.child
    while node is not None:
        tag = node.tag
        if tag == "-text":
            buffer.append(node.text_content or "")
        elif tag not in _SKIP_IN_WALK:
            if tag in BLOCK_TAGS:
                flush()
            if node.child is not None:
                node = node.child
                continue
        # No children to enter: move on to the next sibling, closing finished blocks on the way up.
        while node is not None and node.next is None:
            node = node.parent
            if node is None or node.mem_id == root_id:
                node = None
                break
            if node.tag in BLOCK_TAGS:
                flush()
        if node is not None:
            if node.tag in BLOCK_TAGS:
                flush()
            node = node.next
    flush()
    return paragraphs


def _text_outside_paragraphs(total: int, found: int, paragraphs: list[str]) -> bool:
    """True when the container's visible text (``total``) is mostly outside ``paragraphs``."""
    return bool(total) and (not paragraphs or (found < MIN_P_SHARE * total and total - found >= MIN_CONTAINER_CHARS))


def main_paragraphs(container: LexborNode, is_article: bool) -> list[str]:
    """Paragraphs of the main text under ``container`` (junk and blocks already removed)."""
    paragraphs = _element_paragraphs(container, wide=is_article)
    found = sum(map(paragraph_chars, paragraphs))
    text = container.text(deep=True)
    # Counting visible characters splits the whole text into words; the characters less the
    # spaces and newlines are an upper bound that settles 9 pages in 10 for the cost of two counts.
    upper_bound = len(text) - text.count(" ") - text.count("\n")
    if (_text_outside_paragraphs(upper_bound, found, paragraphs)
            and _text_outside_paragraphs(visible_chars(text), found, paragraphs)):
        return walk_paragraphs(container)
    return paragraphs
