"""Text dumps of pages -> Page fields.

The shape (as content-farm dumps come): line 1 is the title; then optional
metadata lines, either glued by tag stripping
(``2025-05-08 03:41:11source:Some Societycategory:News``), spaced
(``Source: X | Category: Y | 2024-01-02``), in any of the languages and forms
``metadata.py`` reads (``来源：X　作者：Y``, ``By NAME | Outlet``), up to three
lines, a label alone on its line taking the next line as its value; then body
paragraphs (metadata lines closing the body, "Tags: a, b", are read and dropped), blank-line separated (or one per line when the dump has no blank
lines); then trailing blocks: a heading line alone ("Recommend", "Related", ...)
followed by items, each a short title line and an optional longer teaser line.
A ``More:Contact``-style line at the end of the body is navigation residue and
becomes a "More:" block; an in-body ``MORE: <headline>`` line followed by more
body text stays a paragraph.
"""
from __future__ import annotations

import re

from ..page import Block, BlockItem, Page
from .headings import is_block_heading
from .metadata import Metadata, is_label_only, parse_metadata_line

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")

_MORE_NAV = re.compile(r"^(?P<label>more|mehr)\s*:\s*(?P<rest>\S.*)$", re.I)
_NAV_SPLIT = re.compile(r"\s*[|·•,/]\s*")

MAX_METADATA_LINES = 3
MAX_TRAILING_METADATA = 2  # "Source: X" and "Tags: a, b" closing the body
MAX_NAV_WORDS = 3  # "More:Contact", "More: About us"
MAX_BLOCK_UNIT_CHARS = 300  # block items are titles and teasers; longer lines are body text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _units(body: str) -> list[str]:
    """Body paragraphs: blank-line separated chunks, or lines when there are no blank lines.

    A chunk that starts with a block heading is a block written without blank
    lines, so its lines stay separate units (heading, titles, teasers).
    """
    if not _BLANK_LINE.search(body):
        return [_one_line(line) for line in body.splitlines() if line.strip()]
    units: list[str] = []
    for chunk in _BLANK_LINE.split(body):
        lines = [_one_line(line) for line in chunk.splitlines() if line.strip()]
        if len(lines) > 1 and is_block_heading(lines[0]):
            units.extend(lines)
        elif lines:
            units.append("\n".join(lines))
    return units


def _more_nav(unit: str) -> Block | None:
    """A "More:Contact" navigation line as a block, else None."""
    match = _MORE_NAV.match(unit)
    if not match or "\n" in unit:
        return None
    rest = match["rest"].strip()
    if len(rest.split()) > MAX_NAV_WORDS or rest[-1:] in ".!?\"”":
        return None
    items = [BlockItem(word) for word in _NAV_SPLIT.split(rest) if word]
    return Block(match["label"] + ":", items) if items else None


def _trailing_start(units: list[str]) -> int:
    """Index where the trailing blocks begin (len(units) when there are none).

    A block heading or a More:-navigation line starts them only if nothing after it
    is long enough to be body text.
    """
    longest_after = 0
    start = len(units)
    for index in range(len(units) - 1, -1, -1):
        if longest_after > MAX_BLOCK_UNIT_CHARS:
            break  # body text follows: nothing further up starts the blocks
        unit = units[index]
        if _more_nav(unit) or (is_block_heading(unit) and index + 1 < len(units)):
            start = index
        longest_after = max(longest_after, len(unit))
    return start


def _blocks(units: list[str]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for unit in units:
        nav = _more_nav(unit)
        if nav is not None and not is_block_heading(unit):
            blocks.append(nav)
            current = None
        elif is_block_heading(unit):
            current = Block(unit)
            blocks.append(current)
        elif current is not None:
            last = current.items[-1] if current.items else None
            # A longer line after a title is its teaser; otherwise it is the next title.
            if last is not None and not last.teaser and len(unit) > len(last.title):
                last.teaser = unit
            else:
                current.items.append(BlockItem(unit))
    return blocks


def _leading_metadata(lines: list[str], index: int) -> tuple[Metadata, int]:
    """The metadata lines after the title (at most MAX_METADATA_LINES; a label alone on
    its line takes the next line as its value), and the index of the first body line."""
    found = Metadata()
    taken = 0
    while index < len(lines) and taken < MAX_METADATA_LINES:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        step = 1
        if is_label_only(line) and index + 1 < len(lines) and lines[index + 1].strip():
            line, step = line.strip() + " " + lines[index + 1].strip(), 2
        fields = parse_metadata_line(line)
        if fields is None:
            break
        found.merge(fields)
        taken += 1
        index += step
    return found, index


def _without_trailing_metadata(paragraphs: list[str], found: Metadata) -> list[str]:
    """The body without the metadata lines that close it ("Source: X", "Tags: a, b"),
    whose fields go to ``found``. A lone paragraph always stays: it is the body."""
    for _ in range(MAX_TRAILING_METADATA):
        if len(paragraphs) < 2 or "\n" in paragraphs[-1]:
            break
        fields = parse_metadata_line(paragraphs[-1])
        if fields is None:
            break
        found.merge(fields)
        paragraphs = paragraphs[:-1]
    return paragraphs


def apply_metadata(page: Page, found: Metadata) -> None:
    """Fill the page's empty fields from metadata lines."""
    for name in ("source", "site_name", "category", "published", "updated", "tags"):
        if not getattr(page, name):
            setattr(page, name, getattr(found, name))
    page.byline = page.byline or found.credited_byline


def parse_text(text: str) -> Page:
    """The Page fields of a text dump (``id`` left empty)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    page = Page(id="", format="txt")
    if index == len(lines):
        return page
    page.title = _one_line(lines[index])
    index += 1

    metadata, index = _leading_metadata(lines, index)
    units = _units("\n".join(lines[index:]))
    start = _trailing_start(units)
    page.paragraphs = _without_trailing_metadata(units[:start], metadata)
    page.blocks = _blocks(units[start:])
    apply_metadata(page, metadata)
    return page
