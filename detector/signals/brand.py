"""Brand injection: the farm's own name pushed into the title and the lede.

A farm re-presents a scraped story as its own by stamping its brand on it: as a
title prefix glued with a dash ("Esthen Exchange-North Korean leader ..."), or
inside the first sentence, glued to the next word ("The Esthen ExchangeUnited
States has ..."). Ordinary sites carry their name as a spaced title suffix
("Headline | Site Name"), which is only a weak hint, and name themselves in the
lede as a subject ("CNN has learned") or as a quoted party ("told The Verge"),
which is no hint at all.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..page import Page
from ..text import zipf
from .base import Evidence, SignalResult, result, signal
from .outlets import (
    BRAND_WORDS, OUTLETS, host_labels, name_matches_host, name_tokens, names_agree, normalize_outlet,
    outlet_matches_site, page_host, plain_name,
)

# Title separators: pipes, dashes, "::" and "_" with or without spaces, a colon, or
# a hyphen glued between a word and a capitalised word ("Exchange-North").
_TITLE_SEP_RE = re.compile(
    r"[ \xa0]*(?:[|–—·»•_]|::)[ \xa0]*|[ \xa0]+[-:~][ \xa0]+|:[ \xa0]*"
    r"|(?<=[\w.)'’\"”])-(?=[A-Z0-9\"“„‘'])"
)
# A brand glued to the headline with no separator at all: "Esthen ExchangeIsland
# leader ...", "Esthen Exchange2024 budget ...", "Esthen Exchange'What ...".
_CAMEL_GLUE_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=[a-z])(?=['‘\"“][A-Z])")
_CONNECTORS = frozenset("of and & for the de der die das des im in on la le el".split())
_DOMAIN_LIKE = re.compile(r"^[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_MAX_BRAND_WORDS = 5
_MAX_BRAND_CHARS = 50
_MIN_HEADLINE_WORDS = 2  # a brand is cut off a headline, not off a one-word page name ("Home | Site")
_RARE_WORD_ZIPF = 2.5  # rarer than this in English and German: a made-up or proper name ("Esthen")
_LEDE_WINDOW = 400  # the lede's first sentence, where farms inject, fits in this

# After a brand that opens the lede: a separator ("Brand — ", "Brand: ", but not the
# compound "Brand-Hotels"), or a reporting verb and a colon ("Brand reports: ").
_LABEL_AFTER_BRAND = re.compile(
    r"[ \xa0]*(?:[—–:|•·»]|-(?=\s)|--)|[ \xa0]+(?:reports|says|berichtet|meldet)[ \xa0]*:"
)
_OPENING_PUNCTUATION = re.compile(r"[\s(\[]{0,3}")  # not quotes: a lede quoting the headline is no label
_GLUED_TAIL = 3  # lowercase letters after a brand that make a glued word, not an inflection
# A made-up brand opening the lede as a label, or closing it in brackets, where the
# page names no brand of its own: "Stonemere Capital reports: ...", "... (Stonemere Capital)".
_NAME = r"((?:[A-Z][\w&'’.\-]*[ \xa0]){1,3}[A-Z][\w&'’.\-]*)"
_LEDE_LABEL_RE = re.compile(rf"^(?:The[ \xa0])?{_NAME}(?:{_LABEL_AFTER_BRAND.pattern})")
_LEDE_TRAILING_RE = re.compile(rf"\({_NAME}\)\.?$")


def _looks_like_brand(segment: str) -> bool:
    """1-5 capitalised words (connectors aside), or a domain name ("Example.com");
    not a quote, a question or a date."""
    if _DOMAIN_LIKE.match(segment):
        return True
    words = segment.split()
    if not 1 <= len(words) <= _MAX_BRAND_WORDS or len(segment) > _MAX_BRAND_CHARS:
        return False
    if segment[-1] in "?!.,;" or any(q in segment for q in "\"“”„«»"):
        return False
    if sum(w[0].isdigit() for w in words) > 1:
        return False  # "1. Februar 2022 ..."
    capitalised = all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS for w in words)
    return capitalised and words[0][0].isalnum()


def _brandish(segment: str) -> bool:
    """Two or more words, the last a brand word: "Esthen Exchange", "Lakeside Daily News"."""
    words = segment.split()
    return len(words) >= 2 and words[-1].lower().strip(".,") in BRAND_WORDS


def _has_rare_word(text: str) -> bool:
    """Whether a name holds a word that is no common English or German word, as
    invented brands do ("Stonemere Capital"), while topic labels do not ("Local News")."""
    return any(len(w) >= 4 and max(zipf(w, "en"), zipf(w, "de")) < _RARE_WORD_ZIPF
               for w in re.findall(r"[^\W\d_]+", text.lower()))


def _compact(name: str) -> str:
    """"The Esthen Exchange" -> "esthenexchange": the name as a host would spell it."""
    return "".join(name_tokens(plain_name(name)))


# ---------------------------------------------------------------------------
# The lede

class LedeInjection(NamedTuple):
    # "glued" (to the next word), "leading" ("Brand — ..."), "paren" ("(Brand) ..."),
    # "trailing" ("... (Brand)"), "prefixed" ("Brand The council ...", made-up brands only)
    form: str
    start: int  # offsets in paragraphs[0]
    end: int


def _with_article(text: str, at: int) -> int:
    """``at`` moved back over a "The " right before it."""
    return at - 4 if text[max(0, at - 4):at] in ("The ", "the ") else at


def _glued_at(window: str, at: int, end: int) -> bool:
    """Whether the brand at window[at:end] runs straight into the next word:
    "ExchangeUnited" (a capital, then a small letter), or for a brand that cannot be
    the start of an ordinary word (two words, or after "The") "Exchangecouncil".
    A short lowercase tail is an inflection ("Allgemeinen", "CNNs"), not glue."""
    if at and window[at - 1].isalnum():
        return False
    nxt = window[end:end + _GLUED_TAIL]
    if len(nxt) >= 2 and nxt[0].isupper() and (nxt[1].islower() or (nxt[0] in "AI" and nxt[1] == " ")):
        return True  # "ExchangeUnited", "NewsA large ..."
    article = window[max(0, at - 4):at] in ("The ", "the ")
    return (" " in window[at:end] or article) and len(nxt) == _GLUED_TAIL and nxt.isalpha() and nxt.islower()


def lede_injection(page: Page, brand: str) -> LedeInjection | None:
    """Where ``brand`` is stamped on the lede, if it is: glued to the next word in the
    first sentence, opening the lede as a label rather than as the sentence's subject,
    or closing it in brackets. "CNN has learned ..." and "... told The Verge" are none."""
    if len(brand) < 3 or not page.paragraphs:
        return None
    lede = page.paragraphs[0]
    window = lede[:_LEDE_WINDOW]
    at = window.find(brand)
    while at >= 0:
        end = at + len(brand)
        if _glued_at(window, at, end):
            return LedeInjection("glued", _with_article(window, at), end)
        at = window.find(brand, at + 1)
    # Opening the lede: "Esthen Exchange — ...", "Esthen Exchange reports: ...", "(Esthen Exchange) ...".
    opening = _OPENING_PUNCTUATION.match(window).end()
    at = opening + 4 if window[opening:opening + 4] in ("The ", "the ") else opening
    if window.startswith(brand, at):
        end = at + len(brand)
        if window[end:end + 1] == ")" and "(" in window[:opening]:
            return LedeInjection("paren", 0, end + 1)
        label = _LABEL_AFTER_BRAND.match(window, end)
        if label is not None:
            return LedeInjection("leading", 0, label.end())
        if window[end:end + 1] == " " and window[end + 1:end + 2].isupper() and _has_rare_word(brand):
            return LedeInjection("prefixed", 0, end)  # "Stonemere Capital For years, ..."
    # Closing it: "... the council said. (Esthen Exchange)"
    tail = lede.rstrip()
    for closing in (f"({brand})", f"({brand}).", f"[{brand}]"):
        if tail.endswith(closing):
            start = len(tail) - len(closing)
            return LedeInjection("trailing", start, start + len(closing))
    return None


def _lede_label(page: Page) -> str:
    """A made-up brand that opens the lede as a label or closes it in brackets, or ""."""
    match = _LEDE_LABEL_RE.match(page.lede) or _LEDE_TRAILING_RE.search(page.lede.rstrip())
    if match and _brandish(match.group(1)) and _has_rare_word(match.group(1)):
        return match.group(1)
    return ""


# ---------------------------------------------------------------------------
# The title

class TitleBrand(NamedTuple):
    text: str
    start: int  # offsets in page.title
    end: int
    position: str  # "prefix" or "suffix"
    glued: bool  # no space around the separator ("Brand-Headline", "Brand|Headline", "BrandHeadline")
    support: str  # "lede" (also stamped on the lede), "site" (names the site), "brandish", "suffix"
    lede: LedeInjection | None


class _Cut(NamedTuple):
    text: str
    start: int
    end: int
    position: str
    glued: bool
    separator: str  # stripped; "" for a brand glued without any separator
    rest: str  # the rest of the title: the headline


def _title_cuts(title: str) -> list[_Cut]:
    """The title's prefix before its first separator and suffix after its last one,
    and a multi-word prefix glued to the headline without any separator."""
    cuts = []
    glue = _CAMEL_GLUE_RE.search(title)
    if glue and " " in title[:glue.start()].strip():
        head = title[:glue.start()].strip()
        cuts.append(_Cut(head, 0, len(head), "prefix", True, "", title[glue.start():]))
    seps = list(_TITLE_SEP_RE.finditer(title))
    if not seps:
        return cuts
    for sep, position in ((seps[0], "prefix"), (seps[-1], "suffix")):
        part = title[:sep.start()] if position == "prefix" else title[sep.end():]
        text = part.strip()
        if not text:
            continue
        start = (0 if position == "prefix" else sep.end()) + len(part) - len(part.lstrip())
        rest = title[sep.end():] if position == "prefix" else title[:sep.start()]
        glued = sep.group(0) == sep.group(0).strip()
        cuts.append(_Cut(text, start, start + len(text), position, glued, sep.group(0).strip(), rest))
    return cuts


def _support(cut: _Cut, page: Page, host: str, injection: LedeInjection | None) -> str:
    """Why a title cut reads as a brand ("" when it does not): stamped on the lede too,
    names the site, ends in a brand word, or (with nothing to check it against) a
    capitalised suffix."""
    site = bool((page.site_name and names_agree(cut.text, page.site_name))
                or (host and name_matches_host(cut.text, host)))
    # The whole cut is the site's name, not a phrase that merely contains it ("Best of Houzz").
    exact = _compact(cut.text) in ({_compact(page.site_name)} | set(host_labels(host))) - {""}
    brandish = _brandish(cut.text)
    if injection is not None and (injection.form == "glued" or exact or brandish):
        return "lede"  # a place dateline ("Bergstadt - ...") is no brand stamp, even near the site's name
    if cut.separator == ":" and not cut.glued:
        # "Topic: headline" is a label; only the site's exact name or a made-up brand counts there.
        return "site" if exact else ("brandish" if brandish and _has_rare_word(cut.text) else "")
    if cut.separator == "" and not (exact or brandish):
        return ""  # camel case inside the headline ("YouTube", "McDonald's")
    if cut.glued and cut.position == "prefix" and cut.separator == "-" and site and not exact:
        return ""  # "DITIB Türkisch-Islamische ...": a compound that starts with the site's name
    if site:
        return "site"
    key = normalize_outlet(cut.text)
    if brandish and not (key in OUTLETS and not outlet_matches_site(key, page)):
        return "brandish"  # not another outlet cited ("Wall Street Journal-Umfrage")
    if (cut.position == "suffix" and not cut.glued and not page.site_name and not host
            and 2 <= len(cut.text.split()) <= 4):
        return "suffix"
    return ""


def _is_compound(cut: _Cut, support: str) -> bool:
    """A hyphen-glued cut that is part of a compound word ("CDU-Fraktion", "Jean-Pierre")
    rather than a glued brand: one word, or a suffix that is no made-up brand."""
    if not (cut.glued and cut.separator == "-") or support == "lede":
        return False
    if len(cut.text.split()) < 2:
        return True
    return cut.position == "suffix" and not (support == "brandish" and _has_rare_word(cut.text))


_SUPPORT_RANK = {"lede": 0, "site": 1, "brandish": 2, "suffix": 3}


@lru_cache(maxsize=256)
def _title_brand(title: str, lede: str, site_name: str, url: str, domain: str) -> TitleBrand | None:
    page = Page(id="", url=url, domain=domain, site_name=site_name, title=title, paragraphs=[lede] if lede else [])
    host = page_host(page)
    best: TitleBrand | None = None
    for cut in _title_cuts(title):
        if not _looks_like_brand(cut.text) or len(cut.rest.split()) < _MIN_HEADLINE_WORDS or cut.text in cut.rest:
            continue  # not a name, no headline beside it, or the headline's own subject
        if cut.separator == "" and cut.text + cut.rest[:2] in lede:
            continue  # the body spells the same camel-case word ("EnergieEffizienz"): a name, not glue
        injection = lede_injection(page, cut.text)
        support = _support(cut, page, host, injection)
        if not support or _is_compound(cut, support):
            continue
        if best is None or _SUPPORT_RANK[support] < _SUPPORT_RANK[best.support]:
            best = TitleBrand(cut.text, cut.start, cut.end, cut.position, cut.glued, support,
                              injection if support == "lede" else None)
    return best


def title_brand(page: Page) -> TitleBrand | None:
    """The segment of the title that is a brand (the site's or another's), if any."""
    if not page.title:
        return None
    return _title_brand(page.title, page.lede[:_LEDE_WINDOW], page.site_name, page.url, page.domain)


def infer_brand(page: Page) -> tuple[str, Evidence | None]:
    """The page's own brand and where it was read: the site_name when set, else a
    title prefix/suffix that reads as a brand. ("", None) when there is none."""
    if page.site_name.strip():
        name = page.site_name
        start = len(name) - len(name.lstrip())
        return name.strip(), Evidence.at(page, "site_name", start, start + len(name.strip()), "the site's name")
    found = title_brand(page)
    if found is None:
        return "", None
    reason = f"brand read from the title {found.position}"
    return found.text, Evidence.at(page, "title", found.start, found.end, reason)


# ---------------------------------------------------------------------------
# Signals

@signal("brand_in_title", family="brand_injection")
def brand_in_title(page: Page) -> SignalResult:
    """A brand stamped on the title: strong glued ("Brand-Headline") or also on the lede, weak as "Headline | Site"."""
    found = title_brand(page)
    if found is None:
        return result("brand_in_title", 0.0)
    if found.position == "prefix" and found.glued:
        value, reason = 1.0, "brand glued to the headline as a prefix"
    elif found.support == "lede":
        value, reason = 0.9, "title brand also stamped on the lede"
    elif found.glued:
        value, reason = 0.6, "brand glued to the headline as a suffix"
    elif found.position == "prefix":
        value, reason = 0.3, "brand as a title prefix"
    else:
        key = normalize_outlet(found.text)
        if key in OUTLETS and not outlet_matches_site(key, page):
            value, reason = 0.3, "another outlet's name as title suffix"
        else:
            value, reason = 0.2, "site name as title suffix"
    evidence = [Evidence.at(page, "title", found.start, found.end, reason)]
    if found.lede is not None:
        lede = found.lede
        evidence.append(Evidence.at(page, "paragraphs[0]", lede.start, lede.end, "the same brand in the lede"))
    return result("brand_in_title", value, evidence)


_LEDE_VALUES = {"glued": 1.0, "leading": 0.6, "paren": 0.5, "trailing": 0.5, "prefixed": 0.4}
_LEDE_REASONS = {
    "glued": "brand glued to the next word of the first sentence",
    "leading": "lede opens with the brand as a label",
    "paren": "lede opens with the brand in brackets",
    "trailing": "lede closes with the brand in brackets",
    "prefixed": "lede opens with a made-up brand before its first word",
}


@signal("brand_in_lede", family="brand_injection")
def brand_in_lede(page: Page) -> SignalResult:
    """The site's brand stamped on the lede: glued to the next word, or opening or closing it as a label."""
    brands = [page.site_name.strip()] if page.site_name.strip() else []
    found = title_brand(page)
    if found is not None and found.text not in brands:
        brands.append(found.text)
    label = _lede_label(page) if page.paragraphs else ""
    if label and label not in brands:
        brands.append(label)
    best: tuple[float, LedeInjection, str] | None = None
    for brand in brands:
        injection = lede_injection(page, brand)
        if injection is None:
            continue
        key = normalize_outlet(brand)
        if injection.form != "glued" and key in OUTLETS and outlet_matches_site(key, page):
            continue  # an outlet's own dateline style on its own site: "(CNN) — ..."
        value = _LEDE_VALUES[injection.form]
        if best is None or value > best[0]:
            best = (value, injection, brand)
    if best is None:
        return result("brand_in_lede", 0.0)
    value, injection, brand = best
    reason = f"{_LEDE_REASONS[injection.form]} ({brand})"
    return result("brand_in_lede", value, [Evidence.at(page, "paragraphs[0]", injection.start, injection.end, reason)])
