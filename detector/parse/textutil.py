"""Whitespace handling shared by the HTML and text parsers.

Parsers keep a page's own spacing: they never add a space between inline pieces
(glued words like "Trumpwas" are evidence) and only collapse runs of whitespace.
A <br> is carried through HTML text extraction as the ``BR`` character so that it
can become a line break here rather than vanish.

``str.split()`` splits on runs of Unicode whitespace (NBSP included) and is several
times faster than a regex substitution, which matters on every paragraph.
"""
from __future__ import annotations

BR = "\ue000"  # private-use character standing for a <br> in extracted text


def one_line(text: str) -> str:
    """Collapse all whitespace (and line breaks) into single spaces; strip the ends."""
    if BR in text:
        text = text.replace(BR, " ")
    return " ".join(text.split())


def visible_chars(text: str) -> int:
    """Number of non-whitespace characters: text size that indentation cannot inflate."""
    return sum(map(len, text.replace(BR, " ").split()))


def paragraph_chars(paragraph: str) -> int:
    """``visible_chars`` of a paragraph made by ``paragraphs_of`` (whose only whitespace is
    single spaces and line breaks), without splitting it into words."""
    return len(paragraph) - paragraph.count(" ") - paragraph.count("\n")


def paragraphs_of(text: str) -> list[str]:
    """Split text with ``BR`` marks into paragraphs.

    One <br> is a line break inside a paragraph ("\\n"); an empty line (two <br>)
    separates paragraphs. Other whitespace runs collapse to one space.
    """
    if BR not in text:
        line = " ".join(text.split())
        return [line] if line else []
    paragraphs: list[str] = []
    lines: list[str] = []
    for raw in text.split(BR):
        line = " ".join(raw.split())
        if line:
            lines.append(line)
        elif lines:
            paragraphs.append("\n".join(lines))
            lines = []
    if lines:
        paragraphs.append("\n".join(lines))
    return paragraphs
