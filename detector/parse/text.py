"""Text dumps of pages -> Page fields.

The shape (as content-farm dumps come): line 1 is the title; then optional
metadata lines, either glued by tag stripping
(``2025-05-08 03:41:11source:Some Societycategory:News``), spaced
(``Source: X | Category: Y | 2024-01-02``) or a ``By NAME`` byline; then body
paragraphs, blank-line separated (or one per line when the dump has no blank
lines); then trailing blocks: a heading line alone ("Recommend", "Related", ...)
followed by items, each a short title line and an optional longer teaser line.
A ``More:Contact``-style line at the end of the body is navigation residue and
becomes a "More:" block; an in-body ``MORE: <headline>`` line followed by more
body text stays a paragraph.
"""
from __future__ import annotations

import re

from ..page import Block, BlockItem, Page
from .dates import normalise_date
from .headings import is_block_heading

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")

# Labels in a metadata line; no word boundary because tag stripping glues them to the
# previous value ("Societycategory:"), except "by", which is too common inside words.
_LABEL = re.compile(
    r"(?:\b(?P<by>by)|(?P<name>source|category|author|published|posted|updated|date|section|tags?))\s*:\s*",
    re.I,
)
_LEADING_DATE = re.compile(
    r"^\s*(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}/\d{1,2}/\d{1,2}"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})"
)
_BYLINE = re.compile(r"^by\s+(\S.*)$", re.I)
# "By" and capitalised name words (lower-case particles allowed), then the end or a separator.
_BYLINE_NAME = re.compile(
    r"^(?:By|BY|by)\s+[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|de|van|von|der|la|le))*\s*(?:$|[,|·•]|and\s)"
)
_PART_SEPARATOR = re.compile(r"\s+[|·•]\s+|\t+")
_MORE_NAV = re.compile(r"^(?P<label>more|mehr)\s*:\s*(?P<rest>\S.*)$", re.I)
_NAV_SPLIT = re.compile(r"\s*[|·•,/]\s*")

MAX_METADATA_LINES = 3
MAX_METADATA_CHARS = 300
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


def _is_byline(text: str) -> bool:
    """ "By Wenna Castellow" or "By Wenna Castellow, Upland Farm Weekly", not "By noon, the river rose." """
    match = _BYLINE_NAME.match(text)
    return match is not None and not (text.endswith((".", "!", "?")) and len(text.split()) > 5)


def _looks_like_metadata(text: str) -> bool:
    if ":" not in text and not _LEADING_DATE.match(text) and not text[:3].lower() == "by ":
        return False  # every label has a colon: skip the regexes for ordinary body lines
    if _LABEL.match(text):
        return True
    date = _LEADING_DATE.match(text)
    if date:  # a date alone, or followed by labels or a byline; not a lede that opens with a date
        rest = text[date.end():].strip(" ,;|·•-–—")
        return not rest or _LABEL.match(rest) is not None or _is_byline(rest) or bool(_PART_SEPARATOR.search(text))
    if _is_byline(text):
        return True
    return len(_LABEL.findall(text)) >= 2  # fields glued together inside the line


def parse_metadata_line(line: str) -> dict[str, str] | None:
    """{"published", "source", "category", "byline"} read from a metadata line, or None."""
    text = line.strip()
    if not text or len(text) > MAX_METADATA_CHARS or not _looks_like_metadata(text):
        return None
    fields: dict[str, str] = {}
    for part in _PART_SEPARATOR.split(text):
        _read_part(part, fields)
    return fields


def _read_part(part: str, fields: dict[str, str]) -> None:
    labels = list(_LABEL.finditer(part))
    lead = part[: labels[0].start()] if labels else part
    _read_lead(lead.strip(), fields)
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(part)
        value = part[label.end():end].strip()
        name = (label["name"] or label["by"]).lower()
        if not value:
            continue
        if name in ("source",):
            fields.setdefault("source", value)
        elif name in ("category", "section"):
            fields.setdefault("category", value)
        elif name in ("author", "by"):
            fields.setdefault("byline", value)
        elif name in ("published", "posted", "date", "updated"):
            fields.setdefault("published", value)


def _read_lead(lead: str, fields: dict[str, str]) -> None:
    """Unlabelled text before the first label: a date and/or a "By NAME" byline."""
    if not lead:
        return
    date = _LEADING_DATE.match(lead)
    if date:
        fields.setdefault("published", date.group(0).strip())
        lead = lead[date.end():].strip(" ,;-–—")
    byline = _BYLINE.match(lead)
    if byline:
        fields.setdefault("byline", byline.group(1).strip())


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
        unit = units[index]
        if longest_after <= MAX_BLOCK_UNIT_CHARS:
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


def parse_text(text: str) -> Page:
    """The Page fields of a text dump (``id`` left empty)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    page = Page(id="", format="txt")
    if index == len(lines):
        return page
    page.title = _one_line(lines[index])
    index += 1

    metadata: dict[str, str] = {}
    taken = 0
    while index < len(lines) and taken < MAX_METADATA_LINES:
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        fields = parse_metadata_line(line)
        if fields is None:
            break
        for key, value in fields.items():
            metadata.setdefault(key, value)
        taken += 1
        index += 1

    units = _units("\n".join(lines[index:]))
    start = _trailing_start(units)
    page.paragraphs = units[:start]
    page.blocks = _blocks(units[start:])
    page.published = normalise_date(metadata.get("published", ""))
    page.source = metadata.get("source", "")
    page.category = metadata.get("category", "")
    page.byline = metadata.get("byline", "")
    return page
