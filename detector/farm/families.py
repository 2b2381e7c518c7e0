"""Farm families: the tricks content farms apply to a scraped article.

Each family is a pure function ``(page, rng, ctx) -> Page`` that returns a new
Page and never touches its input. Its intensity is drawn from ``rng`` each
time, from one subtle change to a blatant page, so no single template is
learnable. ``FAMILIES`` lists them in order of strength: a page's main family
is the first one applied in that order.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Sequence

from ..page import Block, BlockItem, Page, copy_page
from .brands import brand_domain, farm_brand, person_name, slug
from .tool_leftovers import TOOL_FAMILIES, TOOL_REQUIREMENTS

ALL_FIELDS = frozenset({"title", "paragraphs", "blocks", "site_name", "source", "published", "category", "byline"})
LATEST_FARM_YEAR = 2025  # farm copies are dated no later than this when the story allows it

BLOCK_HEADINGS = ("Recommend", "Recommended", "Related", "You may also like", "Trending",
                  "More stories", "Related Articles")
TEASER_LENGTHS = (80, 100, 120, 150)
NAV_CATEGORIES = ("Contact", "Home", "About", "About Us", "Privacy Policy", "More", "Login",
                  "Sign in", "Terms of Use", "Kontakt", "Impressum", "Startseite")
NAV_RESIDUE = ("More:Contact", "More:About", "More:ContactPrivacy Policy", "Home | About | Contact",
               "Home | About Us | Contact | Privacy Policy", "Share this:", "Share this:FacebookTwitterEmail",
               "Tags:", "Previous PostNext Post")
CAPTION_PREFIXES = ("FILE PHOTO: ", "FILE - ", "Photo: ", "PHOTO: ", "Image: ")
MORE_LABELS = ("MORE: ", "MORE: ", "READ MORE: ", "ALSO READ: ")
SYNONYMS = {
    "said": "stated", "big": "huge", "people": "individuals", "help": "assist", "show": "demonstrate",
    "buy": "purchase", "start": "commence", "started": "commenced", "car": "automobile",
    "house": "residence", "fast": "rapid", "quickly": "rapidly", "important": "crucial",
    "problem": "issue", "children": "kids", "job": "occupation", "country": "nation",
    "company": "firm", "enough": "sufficient", "also": "additionally", "about": "approximately",
}

_CAPTIONS = ("A view of the area on the day of the announcement.", "Officials speak to reporters outside the building.",
             "Residents gather near the site.", "The entrance of the headquarters is seen in this picture.",
             "Demonstrators hold signs during a rally.")
_TOLD = ("{person}, a spokesperson, told {outlet} the matter was under review.",
         "A senior official told {outlet} that talks would continue.",
         "{person} told {outlet} in an interview that more details would follow.")
_TOLD_DE = ("{person} sagte gegenüber {outlet}, man prüfe den Vorgang.",)

_SPACE_BETWEEN_WORDS = re.compile(r"(?<=\w) (?=\w)")
_SPACE_BEFORE_CAPITAL = re.compile(r"(?<=[a-z]) (?=[A-Z])")
_LONG_LOWER_WORD = re.compile(r"\b[a-z]{5,}\b")
_DOUBLE = re.compile(r"(.)\1")
_SYNONYM_WORD = re.compile(r"\b(" + "|".join(SYNONYMS) + r")\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_DATE_ONLY = re.compile(r"^\s*\d{4}-\d\d-\d\d\s*$")
_UTC_OFFSET = re.compile(r"(?:Z|[+-]\d\d:?\d\d)$")
_CAPTION_START = re.compile(r"^(FILE PHOTO: |FILE - |Photo: |PHOTO: |Image: )")


@dataclass(frozen=True)
class FarmContext:
    """Who the farm is and what it has at hand."""

    brand: str  # the farm's own name
    domain: str  # the farm's domain
    other_brand: str  # a declared source that is neither the farm nor the original outlet
    outlet: str  # the real original outlet (site name or domain); "" when unknown
    teaser_length: int  # one fixed teaser cut per farm
    block_heading: str
    glue_teasers: bool
    pool: Sequence[Page]  # other originals, for recommendation blocks and MORE: lines
    source_id: str  # the original's id and site, never drawn from the pool for its own copy
    source_domain: str
    visible: frozenset[str] = ALL_FIELDS  # Page fields the chosen rendering shows
    site_headlines: tuple[str, ...] = ()  # other headlines of the original's site, for copied MORE: lines


def new_farm(rng: random.Random, original: Page, pool: Sequence[Page], visible: frozenset[str] = ALL_FIELDS,
             site_headlines: Sequence[str] = ()) -> FarmContext:
    brand = farm_brand(rng)
    return FarmContext(
        brand=brand,
        domain=brand_domain(brand, rng),
        other_brand=farm_brand(rng),
        outlet=original.site_name or original.domain,
        teaser_length=rng.choice(TEASER_LENGTHS),
        block_heading=rng.choice(BLOCK_HEADINGS),
        glue_teasers=rng.random() < 0.5,
        pool=pool,
        source_id=original.id,
        source_domain=original.domain,
        visible=visible,
        site_headlines=tuple(site_headlines),
    )


def rehost(page: Page, rng: random.Random, ctx: FarmContext) -> Page:
    """The article moved onto the farm's site: its url and name, before any trick is applied."""
    www = "www." if rng.random() < 0.5 else ""
    path = rng.choice((f"/{slug(page.title)[:50]}.html", f"/news/{rng.randint(1000, 99999)}.html",
                       f"/?p={rng.randint(100, 9999)}", f"/article/{rng.randint(10**6, 10**7)}"))
    new = copy_page(page, url=f"https://{www}{ctx.domain}{path}", domain=ctx.domain,
                    site_name=ctx.brand, byline=page.byline if rng.random() < 0.5 else "")
    # Scrapers that grab the whole page region carry the original's own blocks along; most do not.
    if rng.random() < 0.7:
        new.blocks = []
    return new


# ---------------------------------------------------------------- helpers

def _pick_others(ctx: FarmContext, page: Page, rng: random.Random, count: int,
                 usable: Callable[[Page], bool] = lambda q: bool(q.title)) -> list[Page]:
    """Up to ``count`` distinct pool pages other than ``page``, by random draws (cheap on big pools).

    Pages of the original's own site are used only when too few others turn up.
    """
    picked: dict[str, Page] = {}
    same_site: dict[str, Page] = {}
    if not ctx.pool:
        return []
    for _ in range(count * 8):
        other = ctx.pool[rng.randrange(len(ctx.pool))]
        if other.id in (page.id, ctx.source_id) or other.id in picked or not usable(other):
            continue
        if other.domain and other.domain == ctx.source_domain:
            same_site[other.id] = other
            continue
        picked[other.id] = other
        if len(picked) == count:
            break
    chosen = list(picked.values())
    return chosen + list(same_site.values())[:count - len(chosen)]


def _remove_space(text: str, rng: random.Random, capital_join: bool) -> str:
    pattern = _SPACE_BEFORE_CAPITAL if capital_join else _SPACE_BETWEEN_WORDS
    spaces = [m.start() for m in pattern.finditer(text)]
    if not spaces and capital_join:
        spaces = [m.start() for m in _SPACE_BETWEEN_WORDS.finditer(text)]
    if not spaces:
        return text
    at = rng.choice(spaces)
    return text[:at] + text[at + 1:]


def glue_words(text: str, rng: random.Random, count: int) -> str:
    """Remove ``count`` spaces between words, as stripping inline tags does ("Caldersaid")."""
    for _ in range(count):
        text = _remove_space(text, rng, capital_join=rng.random() < 0.4)
    return text


def _random_paragraph(paragraphs: list[str], rng: random.Random, usable: Callable[[str], bool]) -> int | None:
    choices = [i for i, p in enumerate(paragraphs) if usable(p)]
    return rng.choice(choices) if choices else None


def _is_english(page: Page) -> bool:
    return page.lang[:2] in ("", "en")


def story_date(page: Page) -> datetime | None:
    """The latest date the story itself shows: its published date or the latest year in its text."""
    try:
        latest = datetime.fromisoformat(page.published.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        latest = None
    # Years past the latest farm year are forecasts ("by 2040"), not the story's date.
    years = [y for y in map(int, _YEAR.findall(page.title + " " + page.body)) if y <= LATEST_FARM_YEAR]
    if years and (latest is None or max(years) > latest.year):
        latest = datetime(max(years), 1, 1)  # only the year is known
    return latest


# ---------------------------------------------------------------- families

def brand_injection(page: Page, rng: random.Random, ctx: FarmContext) -> Page:
    """The farm's name in the title (prefix or suffix) and/or glued into the lede."""
    intensity = rng.random()
    new = copy_page(page, site_name=ctx.brand)
    in_title = bool(page.title) and (not page.paragraphs or rng.random() < 0.85)
    in_lede = bool(page.paragraphs) and (not in_title or rng.random() < 0.2 + 0.6 * intensity)
    if in_title:
        if rng.random() < 0.65:
            sep = rng.choice(("-", "-", " - ", " | ", "|", ": ", " — ", "–", " :: ", ""))
            new.title = f"{ctx.brand}{sep}{page.title}"
        else:
            sep = rng.choice(("-", " - ", "|", " — ", "_", " :: ", " ~ "))
            new.title = f"{page.title}{sep}{ctx.brand}"
    if in_lede:
        lede = page.paragraphs[0]
        glue = "" if rng.random() < 0.6 else " "
        if lede.startswith("The ") and rng.random() < 0.7:
            # "The council ..." -> "The Brandcouncil ...": the brand glued in after the article.
            new.paragraphs[0] = f"The {ctx.brand}{glue}{lede[4:]}"
        elif rng.random() < 0.7:
            new.paragraphs[0] = f"{ctx.brand}{rng.choice((glue, ' - ', ': ', ' reports: '))}{lede}"
        else:
            new.paragraphs[0] = f"{lede} ({ctx.brand})"
    return new


def mismatched_credit(page: Page, rng: random.Random, ctx: FarmContext) -> Page:
    """A declared source or publisher that is another invented brand; the body keeps its real credits."""
    intensity = rng.random()
    new = copy_page(page)
    fields = [f for f in ("source", "site_name") if f in ctx.visible]
    if len(fields) == 2 and rng.random() < 0.8:
        fields = [fields[0] if rng.random() < 0.7 else fields[1]]
    for name in fields:
        setattr(new, name, ctx.other_brand)
    if ctx.outlet and new.paragraphs and rng.random() < 0.3 + 0.6 * intensity:
        person = person_name(rng)
        if rng.random() < 0.5:
            templates = _TOLD if _is_english(page) else _TOLD_DE
            line = rng.choice(templates).format(person=person, outlet=ctx.outlet)
        else:
            credit = rng.choice((f"(Photo: {ctx.outlet})", f"{person}/{ctx.outlet}", f"Photo credit: {ctx.outlet}"))
            line = f"{rng.choice(_CAPTIONS)} {credit}"
        new.paragraphs.insert(rng.randint(1, len(new.paragraphs)), line)
    return new


def farm_blocks(page: Page, rng: random.Random, ctx: FarmContext) -> Page:
    """A recommendation block of unrelated pool stories, teasers cut at the farm's fixed length."""
    length = ctx.teaser_length

    def teaser_source(other: Page) -> str:
        text = " ".join(other.paragraphs[:3])
        return glue_words(text, rng, rng.randint(1, 2)) if ctx.glue_teasers else text

    wanted = rng.randint(2, 6)
    # Titles shorter than the teaser cut (so a text dump tells title from teaser) and not tiny
    # beside it (so the widget still reads as a list of links, not prose).
    others = _pick_others(ctx, page, rng, wanted, lambda q: length // 3 < len(q.title) < length
                          and len(" ".join(q.paragraphs[:3])) > length + 10)
    if len(others) < 2:  # a pool of short pages: teasers are then shorter than the cut
        others = _pick_others(ctx, page, rng, wanted)
    items = []
    for other in others:
        # Glue first, then cut: the teaser is ``length`` characters, mid-word (one less when
        # the cut lands on a space, which no page keeps at the end of a text).
        teaser = teaser_source(other)[:length].rstrip()
        items.append(BlockItem(other.title, teaser, f"https://{ctx.domain}/{slug(other.title)[:40]}.html"))
    new = copy_page(page)
    if rng.random() < 0.5:
        new.blocks = []
    new.blocks.append(Block(ctx.block_heading, items))
    return new


def _add_caption(paragraphs: list[str], rng: random.Random, ctx: FarmContext) -> None:
    existing = _random_paragraph(paragraphs, rng, lambda p: bool(_CAPTION_START.match(p)))
    if existing is not None:
        prefix = _CAPTION_START.match(paragraphs[existing]).group(1)
        paragraphs[existing] = prefix + paragraphs[existing]
        return
    prefix = rng.choice(CAPTION_PREFIXES)
    credit = f" {person_name(rng).split()[1]}/{ctx.outlet}" if ctx.outlet else ""
    paragraphs.insert(rng.randint(1, len(paragraphs)), f"{prefix}{prefix}{rng.choice(_CAPTIONS)}{credit}")


def _add_more_lines(paragraphs: list[str], page: Page, rng: random.Random, ctx: FarmContext, count: int) -> bool:
    # The original outlet's cross-promotion points at its own stories; the farm copied it along.
    # Without known headlines of that site, other pool stories stand in.
    headlines = list(ctx.site_headlines)
    rng.shuffle(headlines)
    headlines = headlines[:count] or [other.title for other in _pick_others(ctx, page, rng, count)]
    label = rng.choice(MORE_LABELS)
    for headline in headlines:
        # Between body paragraphs, never last: copied cross-promotion sits inside the story.
        paragraphs.insert(rng.randint(1, max(1, len(paragraphs) - 1)), f"{label}{headline}")
    return bool(headlines)


def scraping_artifacts(page: Page, rng: random.Random, ctx: FarmContext) -> Page:
    """Glued words, a doubled caption prefix, copied MORE: lines, navigation residue."""
    intensity = rng.random()
    new = copy_page(page)
    tricks = [t for t in ("glue", "caption", "more", "nav") if rng.random() < 0.3 + 0.5 * intensity]
    if not tricks:
        tricks = [rng.choice(("glue", "caption", "more", "nav"))]
    paragraphs = new.paragraphs
    if "more" in tricks and not _add_more_lines(paragraphs, page, rng, ctx, 1 + int(intensity * 2.5)):
        tricks.append("glue")
    if "caption" in tricks:
        _add_caption(paragraphs, rng, ctx)
    if "glue" in tricks:
        for _ in range(1 + int(intensity * 5)):
            at = _random_paragraph(paragraphs, rng, lambda p: " " in p)
            if at is not None:
                paragraphs[at] = glue_words(paragraphs[at], rng, 1)
    if "nav" in tricks:
        paragraphs.append(rng.choice(NAV_RESIDUE))
    return new


def redating(page: Page, rng: random.Random, ctx: FarmContext) -> Page:
    """Published 1-6 years after the story's own latest date."""
    base = story_date(page)
    room = max(1, min(6, LATEST_FARM_YEAR - base.year))
    year = base.year + rng.randint(1, room)
    when = datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randrange(24), rng.randrange(60), rng.randrange(60))
    return copy_page(page, published=_dated_like(page.published, when))


def _dated_like(previous: str, when: datetime) -> str:
    """``when`` written the way the page wrote its date (date only, or with its UTC offset),
    so the date's format does not tell re-dated pages apart."""
    if _DATE_ONLY.match(previous):
        return when.date().isoformat()
    offset = _UTC_OFFSET.search(previous)
    return when.isoformat() + (offset.group(0) if offset else "")


def navigation_category(page: Page, rng: random.Random, ctx: FarmContext) -> Page:
    """The category is a navigation word picked up from the site's menu."""
    choices = [c for c in NAV_CATEGORIES if c != page.category]
    return copy_page(page, category=rng.choice(choices))


def _is_prose(paragraph: str) -> bool:
    # Spinners rewrite sentences, not menu lines or headlines.
    return paragraph.count(" ") >= 7


def _double_letter(word: str, rng: random.Random) -> str:
    at = len(word) - 1 if rng.random() < 0.6 else rng.randrange(1, len(word) - 1)
    return word[:at + 1] + word[at] + word[at + 1:]


def _swap_synonym(match: re.Match) -> str:
    word = match.group(0)
    swap = SYNONYMS[word.lower()]
    return swap.capitalize() if word[0].isupper() else swap


def spinning(page: Page, rng: random.Random, ctx: FarmContext) -> Page:
    """Doubled letters in a few words ("bridgee") and a few synonym swaps."""
    intensity = rng.random()
    new = copy_page(page)
    paragraphs = new.paragraphs
    for _ in range(1 + int(intensity * 3)):
        at = _random_paragraph(paragraphs, rng, lambda p: _is_prose(p) and bool(_LONG_LOWER_WORD.search(p)))
        if at is None:
            break
        # Words that already hold a double letter are skipped, so no word gets tripled ("twiceee").
        words = [w for w in _LONG_LOWER_WORD.finditer(paragraphs[at]) if not _DOUBLE.search(w.group(0))]
        if not words:
            continue
        word = rng.choice(words)
        text = paragraphs[at]
        paragraphs[at] = text[:word.start()] + _double_letter(word.group(0), rng) + text[word.end():]
    if _is_english(page):
        swaps = 1 + int(intensity * 4)
        for _ in range(swaps):
            at = _random_paragraph(paragraphs, rng, lambda p: _is_prose(p) and bool(_SYNONYM_WORD.search(p)))
            if at is None:
                break
            matches = list(_SYNONYM_WORD.finditer(paragraphs[at]))
            m = rng.choice(matches)
            text = paragraphs[at]
            paragraphs[at] = text[:m.start()] + _swap_synonym(m) + text[m.end():]
    return new


FamilyFunc = Callable[[Page, random.Random, FarmContext], Page]

FAMILIES: dict[str, FamilyFunc] = {
    "brand_injection": brand_injection,
    "mismatched_credit": mismatched_credit,
    "farm_blocks": farm_blocks,
    "scraping_artifacts": scraping_artifacts,
    "redating": redating,
    "navigation_category": navigation_category,
    "spinning": spinning,
    **TOOL_FAMILIES,
}

def _has_other_titles(page: Page, pool: Sequence[Page], needed: int) -> bool:
    found = 0
    for other in pool:
        found += other.id != page.id and bool(other.title)
        if found >= needed:
            return True
    return False


# What a page and its rendering must have for a family to change something a reader sees.
_REQUIREMENTS: dict[str, Callable[[Page, FarmContext], bool]] = {
    "brand_injection": lambda p, c: bool(p.title or p.paragraphs),
    "mismatched_credit": lambda p, c: bool({"source", "site_name"} & c.visible),
    "farm_blocks": lambda p, c: _has_other_titles(p, c.pool, 2),
    "scraping_artifacts": lambda p, c: bool(p.paragraphs),
    "redating": lambda p, c: "published" in c.visible and story_date(p) is not None,
    "navigation_category": lambda p, c: "category" in c.visible,
    "spinning": lambda p, c: any(_is_prose(x) and _LONG_LOWER_WORD.search(x) for x in p.paragraphs),
    **TOOL_REQUIREMENTS,
}

# Application order differs from strength order: text is spun before scraping
# leaves menu lines and MORE: lines in it, as a farm's pipeline would.
APPLY_ORDER = ("brand_injection", "mismatched_credit", "redating", "navigation_category", "default_byline",
               "excerpt_only", "spinning", "ai_rewrite", "markup_leftovers", "ad_stuffing", "farm_blocks",
               "scraping_artifacts", "repost_disclaimer", "feed_leftovers")


def can_apply(name: str, page: Page, ctx: FarmContext) -> bool:
    return _REQUIREMENTS[name](page, ctx)


def apply_families(page: Page, names: Sequence[str], rng: random.Random, ctx: FarmContext) -> Page:
    """Apply the named families in ``APPLY_ORDER``."""
    for name in APPLY_ORDER:
        if name in names:
            page = FAMILIES[name](page, rng, ctx)
    return page
