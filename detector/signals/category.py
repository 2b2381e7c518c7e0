"""Navigation category: the declared category is a navigation word, not a section.

A farm's scraper fills the category field from whatever link sat next to the article
in its template; the seed page's category is "Contact". Real sections are "Politics",
"World", "Sport", "Politik".
"""
from __future__ import annotations

import re

from ..page import Page
from .base import Evidence, SignalResult, result, signal

_NAVIGATION_WORDS = frozenset({
    # English
    "contact", "contact us", "contacts", "home", "homepage", "home page", "about", "about us",
    "privacy", "privacy policy", "terms", "terms of use", "terms of service", "terms and conditions",
    "cookie policy", "cookies", "login", "log in", "logout", "sign in", "sign up", "register",
    "my account", "account", "menu", "more", "search", "subscribe", "newsletter", "sitemap",
    "site map", "index", "uncategorized", "uncategorised", "advertise", "careers", "faq",
    "help", "imprint", "legal notice", "disclaimer", "skip to content",
    # German
    "kontakt", "impressum", "startseite", "datenschutz", "datenschutzerklärung", "agb",
    "anmelden", "abmelden", "registrieren", "suche", "menü", "mehr", "über uns",
    "unkategorisiert", "nutzungsbedingungen",
    # French, Spanish, Italian, Dutch
    "accueil", "mentions légales", "connexion", "non classé", "inicio", "contacto",
    "aviso legal", "sin categoría", "contatti", "home page", "over ons",
})
# Breadcrumbs and lists: "Home > Politics", "News, Contact", "Home | World".
_PART_RE = re.compile(r"[^>»›/|,;·•]+")
_BREADCRUMB_ROOTS = frozenset({"home", "startseite", "accueil", "inicio", "homepage"})
# A lone "Home" is as often a parser's pick from a breadcrumb "Home > <headline>" on an
# ordinary page (measured: most of the 2.6% of real pages where this signal fired) as a
# farm's template filling the field; it counts a quarter.
_ROOT_WEIGHT = 0.25
_EDGE_PUNCTUATION = " \t\n.:!-–—_#*\"'()[]"


def _normalise(part: str) -> str:
    return " ".join(part.strip(_EDGE_PUNCTUATION).lower().split())


@signal("navigation_category", family="navigation")
def navigation_category(page: Page) -> SignalResult:
    """The declared category is a navigation word ("Contact", "Home", "Impressum"), not a section.

    The value is the share of navigation words among the category's parts; a leading
    breadcrumb root ("Home > Politics") is not counted, and a lone root ("Home",
    "Startseite") counts a quarter.
    """
    parts = [(m.start(), m.end(), _normalise(m.group())) for m in _PART_RE.finditer(page.category)]
    parts = [(start, end, word) for start, end, word in parts if word]
    if len(parts) > 1 and parts[0][2] in _BREADCRUMB_ROOTS:
        parts = parts[1:]
    if not parts:
        return result("navigation_category", 0.0)
    evidence, weight = [], 0.0
    for start, end, word in parts:
        if word in _NAVIGATION_WORDS:
            # Quote the word itself, not the spaces around it.
            raw = page.category[start:end]
            lead = len(raw) - len(raw.lstrip(_EDGE_PUNCTUATION))
            trail = len(raw) - len(raw.rstrip(_EDGE_PUNCTUATION))
            if word in _BREADCRUMB_ROOTS:
                reason = "breadcrumb root as the category"
                weight += _ROOT_WEIGHT
            else:
                reason = "navigation word as the category"
                weight += 1.0
            evidence.append(Evidence.at(page, "category", start + lead, end - trail, reason))
    return result("navigation_category", weight / len(parts), evidence)
