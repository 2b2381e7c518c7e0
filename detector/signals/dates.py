"""Re-dating: a page declares a date years after the latest date its story mentions.

Farms republish old stories under today's date to look fresh. The story keeps its own
dates ("the pier, April 25, 2019", "in 2019"), so the gap between the declared date
and the latest date the text mentions gives the re-dating away.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Iterator, NamedTuple

from ..page import Page
from .base import Evidence, SignalResult, result, signal

_MONTHS = {
    # English, with the abbreviations newsrooms use ("Sept.", "Aug.")
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    # French and Spanish
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<day>[0-3]?\d)"

# Each pattern names year, and month and day where it has them; a full date is tried
# before the month-year form so it wins.
_FULL_DATE_FORMS = [
    rf"\b{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}",  # April 25, 2019 / Sept. 5, 2023
    rf"\b{_DAY}(?:\.|st|nd|rd|th)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}",  # 25 April 2019 / 25. April 2019
    rf"(?<![\d.]){_DAY}\.(?P<mon>[01]?\d)\.{_YEAR}",  # 25.04.2019
    rf"\b{_MONTH},?\s+(?:of\s+|de\s+)?{_YEAR}",  # April 2019
]
_DATE_PATTERNS = [re.compile(form, re.IGNORECASE) for form in _FULL_DATE_FORMS]
# The same forms anchored at the end of a short window that ends with a year: the body
# is scanned for years (a cheap regex) and only the text just before each is parsed.
# The character right before the year tells which forms can end there: a space for the
# written ones ("April 25, 2019", "25 April 2019", "April 2019"), a dot for "25.04.2019";
# a month name is in the window of every written one.
_BEFORE_YEAR_PATTERNS = [re.compile(form + "$", re.IGNORECASE) for form in _FULL_DATE_FORMS]
_AFTER_SPACE_PATTERNS = [_BEFORE_YEAR_PATTERNS[i] for i in (0, 1, 3)]
_AFTER_DOT_PATTERNS = [_BEFORE_YEAR_PATTERNS[2]]
_MONTH_RE = re.compile(rf"\b{_MONTH}", re.IGNORECASE)
_WINDOW_CHARS = 32
_YEAR_RE = re.compile(r"(?:19|20)\d\d(?!\d)")  # no lookbehind: it would slow the scan 3x
_NOT_BEFORE_YEAR = frozenset("0123456789$€£")
_ISO_TAIL_RE = re.compile(r"-(?P<mon>[01]\d)-(?P<dd>[0-3]\d)(?!\d)")  # 2019-04-25, after the year
# A bare year counts only after a word that makes it a time ("in 2019", "seit 2019"),
# so counts, prices and model numbers ("2019 people", "$2019") are not read as years.
_TIME_WORD_BEFORE_RE = re.compile(
    r"\b(?:in|since|during|until|till|by|from|of|early|late|mid|spring|summer|autumn|fall|winter|year"
    r"|im|seit|bis|von|ab|anfang|ende|mitte|jahr|jahre|sommer|herbst|frühjahr|depuis|en|desde|año)[\s-]+$",
    re.IGNORECASE,
)
# "2019-20" and "2019/2020" end in the later year.
_RANGE_TAIL_RE = re.compile(r"[-–/](?P<end>\d\d(?:\d\d)?)(?![\d,.]\d)")
# The declared date: ISO first (what parsers normalise to), then the common human forms.
_DECLARED_ISO_RE = re.compile(r"(?P<year>(?:19|20)\d\d)[-/.](?P<mon>[01]?\d)[-/.](?P<dd>[0-3]?\d)")

_GAP_START_DAYS = 365  # under a year apart: updates, follow-ups, slow news
_GAP_FULL_DAYS = 3 * 365
_GAP_FULL_UNTIL_DAYS = 8 * 365
_GAP_HISTORY_DAYS = 12 * 365


class DateMention(NamedTuple):
    first: date  # the first day the mention can mean ("April 2019" -> April 1)
    last: date  # the last day it can mean ("April 2019" -> April 30)
    precise: bool  # a full date or a month; False for a bare year
    start: int
    end: int


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_range(year: int, month: int | None = None, day: int | None = None) -> tuple[date, date] | None:
    """The first and last day a year, a month or a day denotes."""
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day_date = _safe_date(year, month, day)
    return (day_date, day_date) if day_date else None


def _match_range(match: re.Match) -> tuple[date, date] | None:
    groups = match.groupdict()
    if groups.get("month"):
        month = _MONTHS[groups["month"].lower()]
    elif groups.get("mon"):
        month = int(groups["mon"])
    else:
        month = None
    day = groups.get("day")
    return _date_range(int(groups["year"]), month, int(day) if day else None)


def parse_declared_date(text: str) -> date | None:
    """The date a page declares: ISO 8601 ("2025-05-08T03:41:11Z") or a written date
    ("May 8, 2025", "8. Mai 2025", "08.05.2025"). A month or a bare year gives its first
    day, so the gap to the story is never overstated."""
    text = text.strip()
    if not text:
        return None
    match = _DECLARED_ISO_RE.search(text)
    if match:
        return _safe_date(int(match["year"]), int(match["mon"]), int(match["dd"]))
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            span = _match_range(match)
            if span is not None:
                return span[0]
    match = _YEAR_RE.search(text)
    return date(int(match.group()), 1, 1) if match else None


def mentioned_dates(text: str) -> Iterator[DateMention]:
    """Every date the text mentions: full dates and month-years (precise), and bare
    years after a time word (not precise)."""
    for year_match in _YEAR_RE.finditer(text):
        year_start, year_end = year_match.span()
        if year_start and text[year_start - 1] in _NOT_BEFORE_YEAR:
            continue  # part of a longer number or a price
        year = int(year_match.group())
        iso = _ISO_TAIL_RE.match(text, year_end)
        if iso and text[year_start - 1: year_start] not in (".", "-"):
            span = _date_range(year, int(iso["mon"]), int(iso["dd"]))
            if span is not None:
                yield DateMention(*span, True, year_start, iso.end())
            continue
        window_start = max(0, year_start - _WINDOW_CHARS)
        window = text[window_start:year_end]
        before = text[year_start - 1] if year_start else ""
        if before.isspace():
            patterns = _AFTER_SPACE_PATTERNS if _MONTH_RE.search(window) else ()
        else:
            patterns = _AFTER_DOT_PATTERNS if before == "." else ()
        for pattern in patterns:
            match = pattern.search(window)
            if match:
                span = _match_range(match)
                if span is not None:
                    yield DateMention(*span, True, window_start + match.start(), year_end)
                    break
        else:
            if _TIME_WORD_BEFORE_RE.search(text, window_start, year_start):
                first_year, end = year, year_end
                later = _RANGE_TAIL_RE.match(text, year_end)
                if later:
                    later_year = int(later["end"]) if len(later["end"]) == 4 else year // 100 * 100 + int(later["end"])
                    if year < later_year <= year + 5:
                        year, end = later_year, later.end()
                yield DateMention(date(first_year, 1, 1), date(year, 12, 31), False, year_start, end)


def _staleness(gap_days: int) -> float:
    """0 under a year, rising to 1 at three years, 1 up to eight years, then back to 0
    at twelve: farms re-date stories of the last few years, while a story whose latest
    date is decades old is history (an obituary, an anniversary), not re-dating."""
    if gap_days <= _GAP_START_DAYS or gap_days >= _GAP_HISTORY_DAYS:
        return 0.0
    if gap_days < _GAP_FULL_DAYS:
        return (gap_days - _GAP_START_DAYS) / (_GAP_FULL_DAYS - _GAP_START_DAYS)
    if gap_days <= _GAP_FULL_UNTIL_DAYS:
        return 1.0
    return (_GAP_HISTORY_DAYS - gap_days) / (_GAP_HISTORY_DAYS - _GAP_FULL_UNTIL_DAYS)


@signal("stale_redate", family="redating", strong=True)
def stale_redate(page: Page) -> SignalResult:
    """The declared date is years after the latest date the story mentions (0 under a year, 1 at 3 years).

    Dates after the declared date (plans, forecasts: "by 2030") are ignored. Bare years
    ("in 2019") can make the latest date later but never fire on their own: ordinary
    articles name background years all the time (measured: 8% of real pages would
    fire), while a re-dated story keeps the full dates of its events.
    """
    declared = parse_declared_date(page.published)
    if declared is None:
        return result("stale_redate", 0.0)
    # Every form read here has a four-digit year starting 19 or 20: a substring test
    # (C-speed) spares most paragraphs the regex scan.
    dated = [(i, text) for i, text in enumerate([page.title, *page.paragraphs]) if "20" in text or "19" in text]
    if not dated:
        return result("stale_redate", 0.0)
    latest: date | None = None  # the latest day any mention reaches
    precise: dict[int, tuple[date, str, DateMention]] = {}  # per year, the latest full date or month
    for i, text in dated:
        field = f"paragraphs[{i - 1}]" if i else "title"
        for mention in mentioned_dates(text):
            if mention.first > declared:
                continue  # plans and forecasts ("by 2030"), not the story's time
            # "in 2025" on a page dated May 2025 reaches up to the declared date, no further.
            reaches = min(mention.last, declared)
            latest = reaches if latest is None else max(latest, reaches)
            if mention.precise and (reaches.year not in precise or reaches > precise[reaches.year][0]):
                precise[reaches.year] = (reaches, field, mention)
    # The gap runs to the latest day mentioned, but it takes a full date or a month in
    # that year to fire: a bare year alone is too often background.
    if latest is None or latest.year not in precise:
        return result("stale_redate", 0.0)
    mentioned = latest
    _, field, mention = precise[latest.year]
    gap = (declared - mentioned).days
    value = _staleness(gap)
    if value == 0.0:
        return result("stale_redate", 0.0)
    evidence = [
        Evidence.at(page, "published", 0, len(page.published), f"declared date, {gap / 365.25:.1f} years after the story's latest date"),
        Evidence.at(page, field, mention.start, mention.end, "latest date the story mentions"),
    ]
    return result("stale_redate", value, evidence)
