"""Declared publication dates -> ISO 8601 where they can be read.

"2023-09-05T14:22:00Z" -> "2023-09-05T14:22:00+00:00", "2025-05-08 03:41:11" ->
"2025-05-08T03:41:11", "September 5, 2023" -> "2023-09-05", "05.09.2023" ->
"2023-09-05". Anything unreadable is returned as declared (stripped), so no
information is lost.
"""
from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from functools import lru_cache

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:[.,]\d+)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?",
    re.I,
)
_SLASHED = re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})")
_DOTTED = re.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})")  # day-first, German style
_COMPACT = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "januar", "jänner"), ("february", "feb", "februar"),
            ("march", "mar", "märz", "maerz", "mrz"), ("april", "apr"), ("may", "mai"),
            ("june", "jun", "juni"), ("july", "jul", "juli"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct", "oktober", "okt"),
            ("november", "nov"), ("december", "dec", "dezember", "dez"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAME = r"(?P<mon>[A-Za-zäÄ]{3,9})\.?"
_MONTH_FIRST = re.compile(_MONTH_NAME + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})")
_DAY_FIRST = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH_NAME + r",?\s+(?P<y>\d{4})")


def _date(year: str, month: str | int, day: str) -> str:
    y, m, d = int(year), int(month), int(day)
    if 1 <= m <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return ""


def _from_iso(match: re.Match) -> str:
    day = _date(match["y"], match["m"], match["d"])
    if not day or match["H"] is None:
        return day
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day
    stamp = f"{day}T{hour:02d}:{minute:02d}:{second:02d}"
    zone = (match["tz"] or "").upper()
    if zone in ("Z", "UTC", "GMT"):
        return stamp + "+00:00"
    if zone:
        digits = zone.replace(":", "")
        return f"{stamp}{digits[:3]}:{digits[3:]}"
    return stamp


def _from_month_name(match: re.Match) -> str:
    month = _MONTHS.get(match["mon"].lower())
    return _date(match["y"], month, match["d"]) if month else ""


@lru_cache(maxsize=4096)
def normalise_date(value: str) -> str:
    """ISO 8601 form of a declared date, or the declared text when it cannot be read."""
    text = (value or "").strip()
    if not text:
        return ""
    match = _ISO.search(text)
    if match and (iso := _from_iso(match)):
        return iso
    if "," in text and ":" in text:  # RFC 2822: "Tue, 05 Sep 2023 14:22:00 GMT"
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    for pattern, build in ((_MONTH_FIRST, _from_month_name), (_DAY_FIRST, _from_month_name)):
        match = pattern.search(text)
        if match and (iso := build(match)):
            return iso
    for pattern in (_SLASHED, _DOTTED, _COMPACT):
        match = pattern.search(text)
        if match and (iso := _date(match["y"], match["m"], match["d"])):
            return iso
    return text
