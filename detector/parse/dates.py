"""Declared publication dates -> ISO 8601 where they can be read.

"2023-09-05T14:22:00Z" -> "2023-09-05T14:22:00+00:00", "2025-05-08 03:41:11" ->
"2025-05-08T03:41:11", "September 5, 2023" -> "2023-09-05", "05.09.2023" ->
"2023-09-05". Anything unreadable is returned as declared (stripped), so no
information is lost.

Also read: CJK dates ("2021年3月4日 12:30", "2021년 3월 4일"), Korean dotted dates
("2021.03.04 12:30"), day-first slashed dates when the day is over 12
("25/03/2021"), and month names in German, French, Spanish, Portuguese, Italian,
Russian, Indonesian, Turkish and Arabic ("4 марта 2021", "4 de março de 2021").
Relative forms ("3 hours ago", "昨天") are kept as declared. ``DATE_IN_TEXT``
finds the first date-like span in a line, for metadata lines that carry more.
"""
from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from functools import lru_cache

_ISO = re.compile(
    r"(?P<y>\d{4})(?P<sep>[-/.])\s?(?P<m>\d{1,2})(?P=sep)\s?(?P<d>\d{1,2})(?!\d)\.?"
    r"(?:[T ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:[.,]\d+)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?",
    re.I,
)
_SLASHED = re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})")
# 年/月/日 (zh, ja) and 년/월/일 (ko), with an optional time ("12:30", "12时30分").
_CJK = re.compile(
    r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日号號일]?"
    r"(?:\s*(?:\([^)]{1,3}\)|（[^）]{1,3}）)?\s*(?:[上下]午|오전|오후)?\s*(?P<H>\d{1,2})\s*[:：时時시]\s*(?P<M>\d{2})"
    r"(?:\s*[:：分분]\s*(?P<S>\d{2}))?)?"
)
_DAY_FIRST_SLASHED = re.compile(r"(?<!\d)(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})")
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
# Month names of other languages (genitive forms where the language uses them in dates).
_MONTHS.update({
    name: number
    for number, names in enumerate(
        [
            ("janvier", "janv", "enero", "ene", "janeiro", "gennaio", "genn", "januari", "ocak", "января", "январь",
             "янв", "يناير", "كانون الثاني"),
            ("février", "fevrier", "févr", "febrero", "fevereiro", "fev", "febbraio", "februari", "şubat", "subat",
             "февраля", "февраль", "фев", "فبراير"),
            ("mars", "marzo", "março", "marco", "maret", "mart", "марта", "март", "مارس"),
            ("avril", "avr", "abril", "abr", "aprile", "nisan", "апреля", "апрель", "апр", "أبريل", "ابريل"),
            ("mai", "mayo", "maio", "maggio", "mag", "mei", "mayıs", "mayis", "мая", "май", "مايو"),
            ("juin", "junio", "junho", "giugno", "giu", "haziran", "июня", "июнь", "يونيو"),
            ("juillet", "juil", "julio", "julho", "luglio", "lug", "juli", "temmuz", "июля", "июль", "يوليو"),
            ("août", "aout", "agosto", "ago", "agustus", "ağustos", "agustos", "августа", "август", "авг", "أغسطس"),
            ("septembre", "septiembre", "setiembre", "setembro", "set", "settembre", "eylül", "eylul", "сентября",
             "сентябрь", "сен", "سبتمبر"),
            ("octobre", "octubre", "outubro", "out", "ottobre", "ott", "oktober", "ekim", "октября", "октябрь",
             "окт", "أكتوبر", "اكتوبر"),
            ("novembre", "noviembre", "novembro", "kasım", "kasim", "ноября", "ноябрь", "ноя", "نوفمبر"),
            ("décembre", "decembre", "déc", "diciembre", "dic", "dezembro", "dicembre", "desember", "des", "aralık",
             "aralik", "декабря", "декабрь", "дек", "ديسمبر"),
        ],
        start=1,
    )
    for name in names
})
_MONTH_NAME = r"(?P<mon>[^\W\d_]{3,10})\.?"
_MONTH_FIRST = re.compile(_MONTH_NAME + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})")
# "4 March 2021", "4. März 2021", "4 de marzo de 2021", "4 марта 2021 г.", "1er mai 2021".
_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?" + _MONTH_NAME + r",?\s+(?:de\s+|del\s+)?(?P<y>\d{4})"
)
# Vietnamese: "ngày 4 tháng 3 năm 2021".
_VIETNAMESE = re.compile(r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm|,)\s+(?P<y>\d{4})", re.I)

# Where a date starts in a line of other text ("2005-04-27 14:32更新", "Published March 4, 2021 by").
DATE_IN_TEXT = re.compile(
    r"\d{4}[-/.]\s?\d{1,2}[-/.]\s?\d{1,2}(?:[T ]+\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日号號일]?(?:\s*(?:[上下]午|오전|오후)?\s*\d{1,2}\s*[:：时時시]\s*\d{2}"
    r"(?:\s*[:：分분]\s*\d{2})?)?"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}(?:,?\s+\d{1,2}:\d{2})?"
    r"|\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?[^\W\d_]{3,10}\.?,?\s+(?:de\s+|del\s+)?\d{4}"
    r"|[^\W\d_]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm|,)\s+\d{4}",
    re.I,
)


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
    zone = (match.groupdict().get("tz") or "").upper()
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
    match = _CJK.search(text)
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
    match = _DAY_FIRST_SLASHED.search(text)
    if match and int(match["d"]) > 12:  # "25/03/2021"; "03/04/2021" could be either and stays as declared
        return _date(match["y"], match["m"], match["d"]) or text
    for pattern in (_SLASHED, _DOTTED, _VIETNAMESE, _COMPACT):
        match = pattern.search(text)
        if match and (iso := _date(match["y"], match["m"], match["d"])):
            return iso
    return text


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20|21)\d{2}(?!\d)")
_BEFORE_YEAR = 32  # "ngày 4 tháng 3 năm 2021", "Wednesday, 4 de septiembre de 2021": the year comes last
_AFTER_YEAR = 32  # "2021年3月4日 下午 12:30:00", "2021-03-04T12:30:00.000+01:00": a time after it


def find_date(text: str) -> tuple[str, int, int] | None:
    """(ISO date, start, end) of the first readable date in a line of other text, or None."""
    # Every form read has a four-digit year: the long regex only runs in a window around one.
    for year in _YEAR.finditer(text):
        offset = max(0, year.start() - _BEFORE_YEAR)
        for match in DATE_IN_TEXT.finditer(text, offset, year.end() + _AFTER_YEAR):
            if match.start() > year.start():
                break
            if match.end() < year.end():
                continue
            iso = normalise_date(match.group(0))
            if _ISO_DAY.match(iso):
                return iso, match.start(), match.end()
    return None
