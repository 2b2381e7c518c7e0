"""Mismatched credit, and credited syndication.

Who a page says it is (domain, site name, declared source, byline) against who
its body says did the reporting (datelines, "told ABC News", photo and copyright
credits). A farm's declared source names neither the site nor the reporter; its
body still carries the real reporter's marks without ever crediting them. A
news site running wire copy credits the wire openly: that is syndication
(``wire_credit``), not a farm mark.
"""
from __future__ import annotations

from ..domains import host as url_host
from ..domains import registered_domain
from ..page import Page
from ..text import declared_language, zipf
from .base import Evidence, SignalResult, result, signal
from .brand import infer_brand, title_brand
from .outlets import (
    OPEN_CREDIT_KINDS, OUTLETS, WIRES, PHOTO_AGENCIES, PLATFORM_DOMAINS, PLATFORM_NAMES, PUBLISHER_GROUPS, Credit,
    body_credits, display_name, is_source_line, name_matches_host, names_agree, normalize_outlet, outlet_mentions,
    outlet_on_host, page_host, plain_name,
)

_UNBACKED_SOURCE = 0.3  # an unknown source with no body credit to contradict it
_MAX_SOURCE_WORDS = 6
# Sources that are documents, not publishers: releases, studies, citations.
_DOCUMENT_WORDS = frozenset("pressemitteilung pressemeldung press release study studie report bericht et al".split())

_UNKNOWN_SITE_NAME = 0.5  # an unknown name that is not the host: weaker than a known outlet's name (1.0)
_MAX_SITE_NAME_WORDS = 6  # longer "site names" are taglines or titles
_SECTION_WORD_ZIPF = 3.0  # a one-word "site name" this common is a section ("Politics", "Magazine")

# Weights of the reporting marks an outlet leaves in a body it did not openly credit.
_DATELINE_KNOWN = 1.0
_DATELINE_UNKNOWN = 0.3  # "(KXYZ) —": often a local station's own call sign, alone no mark
_PER_STATEMENT = 0.3
_PHOTO = 0.15
_PER_REPORT = 0.05
_MAX_WITHOUT_DATELINE = 0.9
_OTHERS_SHARE = 0.33  # further uncredited outlets add a third of their score
_FLOOR = 0.4  # below: ordinary quoting ("told Reuters" once, "according to AP", plus a wire photo)

# Declared sources that name no one: staff, the desk, "agencies", a press release.
_GENERIC_SOURCES = frozenset(
    "staff|staff reports|staff report|staff writer|editorial|editor|editors|editorial staff|admin|"
    "administrator|redaktion|online redaktion|onlineredaktion|agencies|agency|agenturen|agentur|"
    "wire services|wires|news desk|newsdesk|newsroom|web desk|web team|internet|unknown|original|"
    "own report|eigenbericht|eigener bericht|pressemitteilung|press release|pr|news|nachrichten|"
    "guest|guest author|gastautor|contributor|reader|leser|web|online|none|na|n a".split("|")
)


def _names_a_publisher(source: str) -> bool:
    """Whether a declared source reads as a publisher's name that can be compared:
    not generic ("Staff", "Agenturen"), in Latin script, short, not a citation or a
    headline that landed in the field."""
    plain = plain_name(source)
    if not plain or plain in _GENERIC_SOURCES:
        return False
    letters = [ch for ch in source if ch.isalpha()]
    if not letters or sum(ch.isascii() for ch in letters) < 0.8 * len(letters):
        return False
    words = plain.split()
    if len(words) > _MAX_SOURCE_WORDS or any(q in source for q in "\"“”„‘’«»"):
        return False
    if any(ch.isdigit() for ch in source) or any(w in _DOCUMENT_WORDS for w in words) or "et al" in plain:
        return False
    return True


def _declared_source(page: Page) -> str:
    """The declared source, a URL reduced to its host ("https://www.example.com/a" -> "example.com")."""
    source = page.source.strip()
    if source.lower().startswith(("http://", "https://", "www.")):
        return url_host(source)
    return source


def _is_site(name: str, page: Page, brand: str) -> bool:
    """Whether ``name`` is the site itself: its host, site name, inferred brand or table domains."""
    host = page_host(page)
    if host and (name_matches_host(name, host) or outlet_on_host(normalize_outlet(name), host)):
        return True
    return any(names_agree(name, own) for own in (page.site_name, brand) if own)


def _credit_is_site(credit: Credit, page: Page, brand: str) -> bool:
    if credit.outlet in OUTLETS:
        if outlet_on_host(credit.outlet, page_host(page)):
            return True
        return any(normalize_outlet(own) == credit.outlet for own in (page.site_name, brand) if own)
    return _is_site(credit.outlet, page, brand)


def _other_credits(page: Page, brand: str) -> list[Credit]:
    """Body credits of outlets that are not the site and not mere picture agencies."""
    return [c for c in body_credits(page)
            if c.outlet not in PHOTO_AGENCIES and plain_name(c.outlet) not in PUBLISHER_GROUPS
            and not _credit_is_site(c, page, brand)]


def _openly_credited(key: str, page: Page, credits: list[Credit]) -> bool:
    """Whether the page openly names ``key`` as a source: in the byline, the declared
    source, or an open credit line of the body (copyright, "originally published by")."""
    if key in OUTLETS:
        if any(k == key for k, _, _ in outlet_mentions(page.byline)) or normalize_outlet(page.source) == key:
            return True
    elif (page.source and names_agree(page.source, key)) or (page.byline and key in plain_name(page.byline)):
        return True
    return any(c.outlet == key and c.kind in OPEN_CREDIT_KINDS for c in credits)


def _field_evidence(page: Page, field: str, reason: str) -> Evidence:
    text = page.field_text(field)
    start = len(text) - len(text.lstrip())
    return Evidence.at(page, field, start, len(text.rstrip()), reason)


@signal("source_mismatch", family="mismatched_credit", strong=True)
def source_mismatch(page: Page) -> SignalResult:
    """A declared source that names neither the site nor any outlet the body credits."""
    source = _declared_source(page)
    if not _names_a_publisher(source):
        return result("source_mismatch", 0.0)
    brand, _ = infer_brand(page)
    if _is_site(source, page, brand):
        return result("source_mismatch", 0.0)
    if page.byline and plain_name(source) and plain_name(source) in plain_name(page.byline):
        return result("source_mismatch", 0.0)  # the source is the byline's author or desk
    source_key = normalize_outlet(source)
    credits = body_credits(page)
    if any((c.outlet == source_key or names_agree(source, display_name(c.outlet))) and not is_source_line(c)
           for c in credits):
        return result("source_mismatch", 0.0)  # the body backs the declared source
    others = [c for c in _other_credits(page, brand) if c.kind not in OPEN_CREDIT_KINDS]
    source_evidence = _field_evidence(page, "source", "declared source is neither the site nor a credited outlet")
    if others:
        return result("source_mismatch", 1.0, [source_evidence, others[0].evidence])
    if source_key in OUTLETS:
        return result("source_mismatch", 0.0)  # a known outlet named openly: syndication, see wire_credit
    # No credit in the body to contradict: an unknown source is only a weak mark
    # (real sites declare press offices and studies as sources too).
    return result("source_mismatch", _UNBACKED_SOURCE, [source_evidence])


@signal("site_name_mismatch", family="mismatched_credit")
def site_name_mismatch(page: Page) -> SignalResult:
    """A site name / publisher that is neither the domain nor anything else the page says about itself."""
    site_name = page.site_name.strip()
    host = page_host(page)
    if not site_name or not host:
        return result("site_name_mismatch", 0.0)
    key = normalize_outlet(site_name)
    if name_matches_host(site_name, host) or outlet_on_host(key, host):
        return result("site_name_mismatch", 0.0)
    evidence = _field_evidence(page, "site_name", f"site name does not match the host {host}")
    if key in OUTLETS and key not in PHOTO_AGENCIES:
        return result("site_name_mismatch", 1.0, [evidence])  # a known outlet's name on another site
    if not _judgeable_site_name(site_name, page, host):
        return result("site_name_mismatch", 0.0)
    # Consistent self-description elsewhere on the page: the title's brand or a
    # copyright line. The domain just does not spell the name. (A declared source is
    # a credit, not a self-description: farms set it to the same made-up name.)
    found = title_brand(page)
    if found is not None and names_agree(found.text, site_name):
        return result("site_name_mismatch", 0.0)
    if any(c.kind == "copyright" and names_agree(display_name(c.outlet), site_name) for c in body_credits(page)):
        return result("site_name_mismatch", 0.0)
    return result("site_name_mismatch", _UNKNOWN_SITE_NAME, [evidence])


def _judgeable_site_name(site_name: str, page: Page, host: str) -> bool:
    """Whether a site name that does not spell the host says anything: not on a
    blog platform or archive, not a platform or group name, in Latin script, not a
    tagline, the headline, or a one-word section name."""
    if registered_domain(host) in PLATFORM_DOMAINS or host in PLATFORM_DOMAINS:
        return False
    plain = plain_name(site_name)
    if plain in PLATFORM_NAMES or plain in PUBLISHER_GROUPS:
        return False
    letters = [ch for ch in site_name if ch.isalpha()]
    if not letters or sum(ch.isascii() for ch in letters) < 0.8 * len(letters):
        return False  # a name in another script cannot spell a Latin host
    words = plain.split()
    if not words or len(words) > _MAX_SITE_NAME_WORDS or "{" in site_name:
        return False
    if len(words) >= 3 and plain in plain_name(page.title):
        return False
    if page.byline and plain in plain_name(page.byline):
        return False  # the byline says the same: a desk or column name ("Mac & i")
    if len(words) >= 3 and any(w.islower() and len(w) > 1 for w in site_name.split()[1:-1]):
        return False  # a descriptive name ("Agentur für Erneuerbare Energien"), not a masthead
    if len(words) == 1:
        lang = declared_language(page.lang)
        if any(zipf(words[0], code) >= _SECTION_WORD_ZIPF for code in {"en", "de", lang} if code):
            return False
    return True


def _outlet_score(key: str, kinds: list[str]) -> float:
    if "dateline" in kinds:
        return _DATELINE_KNOWN if key in OUTLETS else _DATELINE_UNKNOWN
    score = (_PER_STATEMENT * kinds.count("statement_to") + _PHOTO * ("photo" in kinds)
             + _PER_REPORT * kinds.count("report_by"))
    return min(_MAX_WITHOUT_DATELINE, score)


@signal("uncredited_outlet_copy", family="mismatched_credit")
def uncredited_outlet_copy(page: Page) -> SignalResult:
    """Another outlet's reporting marks (dateline, statements to it, photos) in a body that never credits it openly."""
    brand, _ = infer_brand(page)
    credits = body_credits(page)
    by_outlet: dict[str, list[Credit]] = {}
    for credit in _other_credits(page, brand):
        if credit.kind not in OPEN_CREDIT_KINDS:
            by_outlet.setdefault(credit.outlet, []).append(credit)
    scored = sorted(
        ((_outlet_score(key, [c.kind for c in marks]), key, marks)
         for key, marks in by_outlet.items() if not _openly_credited(key, page, credits)),
        key=lambda item: -item[0],
    )
    if not scored:
        return result("uncredited_outlet_copy", 0.0)
    value = min(1.0, scored[0][0] + _OTHERS_SHARE * sum(score for score, _, _ in scored[1:]))
    if value < _FLOOR:
        return result("uncredited_outlet_copy", 0.0)
    evidence = [c.evidence for c in scored[0][2][:3]] + [marks[0].evidence for _, _, marks in scored[1:3]]
    return result("uncredited_outlet_copy", round(value, 3), evidence)


@signal("wire_credit", family="syndication")
def wire_credit(page: Page) -> SignalResult:
    """The page openly credits a wire or partner: in the byline, the declared source, or a credit line of the body."""
    brand, _ = infer_brand(page)
    host = page_host(page)

    def foreign(key: str) -> bool:
        """Another outlet than the site, and one that reports (not a picture agency)."""
        own = bool(brand) and normalize_outlet(brand) == key
        return key not in PHOTO_AGENCIES and not outlet_on_host(key, host) and not own

    for key, start, end in outlet_mentions(page.byline):
        if foreign(key):
            evidence = Evidence.at(page, "byline", start, end, f"byline credits {display_name(key)}")
            return result("wire_credit", 1.0, [evidence])
    source = _declared_source(page)
    source_key = normalize_outlet(source) if source else ""
    if source_key in OUTLETS and foreign(source_key):
        evidence = _field_evidence(page, "source", f"declared source is {display_name(source_key)}")
        return result("wire_credit", 1.0, [evidence])
    others = _other_credits(page, brand)
    for credit in others:
        # Outlets not in the table count only when the page says it republishes them:
        # their copyright lines are often the site's own company ("© 2024 Lakeside Media
        # LLC"), their "Source:" lines a made-up credit.
        if credit.kind in OPEN_CREDIT_KINDS and (credit.outlet in OUTLETS or credit.kind == "originally_published"):
            return result("wire_credit", 1.0, [credit.evidence])
    for credit in others:
        # A known wire's dateline is how many news sites (German ones above all: "Berlin
        # (dpa) -") credit wire copy; alone it is a half-open credit, and farms copy it too.
        if credit.kind == "dateline" and credit.outlet in WIRES:
            return result("wire_credit", 0.5, [credit.evidence])
    return result("wire_credit", 0.0)
