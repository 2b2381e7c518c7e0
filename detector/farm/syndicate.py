"""Honest republication: credited wire copy, partner stories, and originals with their own branding.

These are the negatives a farm detector must not flag. A regional site runs a
story openly credited to a wire (dateline, byline, copyright line) or to a
partner ("originally published by ..."); an original outlet brands its own
title and cross-promotes its own stories. No farm tricks are applied here.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Sequence

from ..page import Block, BlockItem, Page
from .brands import person_name, regional_outlet, slug
from ..page import copy_page
from .families import ALL_FIELDS, story_date


@dataclass(frozen=True)
class Wire:
    tag: str  # as written in the dateline: "CITY (AP) — "
    dash: str
    names: tuple[str, ...]  # every credit string that names this wire
    byline_org: str  # "By NAME, Associated Press"
    closings: tuple[str, ...]  # copyright or credit lines at the end of the story


WIRES: dict[str, Wire] = {
    "AP": Wire("AP", "—", ("The Associated Press", "Associated Press", "AP"), "Associated Press",
               ("© {year} The Associated Press. All rights reserved.",
                "Copyright {year} The Associated Press. All rights reserved.")),
    "Reuters": Wire("Reuters", "-", ("Reuters",), "Reuters",
                    ("Reporting by {person}; Editing by {editor}", "© {year} Reuters. All rights reserved.")),
    "AFP": Wire("AFP", "-", ("AFP", "Agence France-Presse"), "AFP", ("© {year} AFP", "© Agence France-Presse")),
    "dpa": Wire("dpa", "-", ("dpa",), "dpa", ("© dpa-infocom, dpa:{year}",)),
}
_WIRE_ODDS_EN = (("AP", 0.45), ("Reuters", 0.3), ("AFP", 0.25))
_WIRE_ODDS_DE = (("dpa", 0.5), ("AFP", 0.25), ("Reuters", 0.25))

CITIES = ("WASHINGTON", "NEW YORK", "CHICAGO", "LOS ANGELES", "LONDON", "PARIS", "BRUSSELS", "TOKYO",
          "NAIROBI", "SYDNEY", "TORONTO", "MEXICO CITY", "ATLANTA", "DENVER", "PHOENIX", "GENEVA")
CITIES_DE = ("Berlin", "Hamburg", "München", "Frankfurt", "Wien", "Zürich", "Köln")
SITE_BLOCK_HEADINGS = ("Most read", "Trending", "Top stories", "More stories", "Popular")

DATELINE = re.compile(r"^(?:[^\W\d][\w .,'/-]{0,40} )?\((AP|Reuters|AFP|dpa)\) [—–-] ")


def dateline_wire(text: str) -> str:
    """The wire named by a dateline at the start of ``text`` ("AP"), or ""."""
    match = DATELINE.match(text)
    return match.group(1) if match else ""


def _choose(odds: Sequence[tuple[str, float]], rng: random.Random) -> str:
    roll = rng.random()
    for name, share in odds:
        roll -= share
        if roll < 0:
            return name
    return odds[-1][0]


def _story_year(page: Page, rng: random.Random) -> int:
    when = story_date(page)
    return when.year if when else rng.randint(2016, 2024)


def site_block(pool: Sequence[Page], rng: random.Random, domain: str, exclude_id: str) -> Block | None:
    """A site's own list of other stories: full titles, teasers cut at a word with an ellipsis or none.

    Unrelated to the article, like a farm's block, but not cut at a fixed length mid-word.
    """
    if not pool:
        return None
    picked = {}
    for _ in range(12):
        other = pool[rng.randrange(len(pool))]
        if other.id != exclude_id and other.title:
            picked[other.id] = other
        if len(picked) == 4:
            break
    if len(picked) < 2:
        return None
    with_teasers = rng.random() < 0.5
    items = []
    for other in picked.values():
        teaser = ""
        if with_teasers and other.lede:
            # Cut after a whole word, at a length that varies by item, always longer than the title.
            wanted = max(len(other.title) + 5, rng.randint(60, 140))
            teaser = ""
            for word in other.lede.split():
                if len(teaser) >= wanted:
                    teaser += "…"
                    break
                teaser = f"{teaser} {word}".strip()
        items.append(BlockItem(other.title, teaser, f"https://{domain}/{slug(other.title)[:40]}"))
    return Block(rng.choice(SITE_BLOCK_HEADINGS), items)


def syndicate(page: Page, rng: random.Random, pool: Sequence[Page] = (),
              visible: frozenset[str] = ALL_FIELDS) -> tuple[Page, str]:
    """The story run openly by an invented regional site; returns (page, "wire:AP" | "partner").

    A wire's story (its dateline opens the lede) runs as wire copy; another outlet's story as a
    partner story credited to that outlet.

    Wire copy always gets the wire's dateline, plus a byline, a source or a
    closing credit line; when the rendering (``visible``) shows neither byline
    nor source, the closing line is always there.
    """
    name, domain = regional_outlet(rng)
    outlet = page.site_name or page.domain
    new = copy_page(page, id=f"{page.id}#syndicated", url=f"https://www.{domain}/news/{slug(page.title)[:50]}",
                    domain=domain, site_name=name, source="", byline="", blocks=[])
    german = page.lang[:2] == "de"
    year = _story_year(page, rng)
    existing = dateline_wire(page.lede)
    # A story is syndicated by whoever wrote it: a wire's own story runs as wire copy, anyone
    # else's as a partner story credited to its outlet (a copy that credited a wire for an
    # outlet's own text would make that outlet's page look like a stripped wire copy).
    if not existing and outlet and new.paragraphs:
        new.source = outlet
        new.byline = page.byline
        if rng.random() < 0.7:
            new.paragraphs.append(f"This story was originally published by {outlet}.")
        else:
            new.paragraphs.insert(0, f"This article first appeared in {outlet} and is republished with permission.")
        variant = "partner"
    else:
        wire = WIRES[existing or _choose(_WIRE_ODDS_DE if german else _WIRE_ODDS_EN, rng)]
        if new.paragraphs and not existing:
            city = rng.choice(CITIES_DE if german else CITIES)
            new.paragraphs[0] = f"{city} ({wire.tag}) {wire.dash} {new.paragraphs[0]}"
        roll = rng.random()
        if roll < 0.6:
            new.byline = f"{person_name(rng)}, {wire.byline_org}"
        if roll >= 0.4:
            new.source = rng.choice(wire.names)
        credit_shown = (new.byline and "byline" in visible) or (new.source and "source" in visible)
        if not credit_shown or rng.random() < 0.5:
            # When the closing line is the only credit shown, it must name the wire.
            closings = wire.closings if credit_shown else [c for c in wire.closings if any(n in c for n in wire.names)]
            closing = rng.choice(closings)
            new.paragraphs.append(closing.format(year=year, person=person_name(rng), editor=person_name(rng)))
        variant = f"wire:{wire.tag}"
    block = site_block(pool, rng, domain, page.id) if rng.random() < 0.4 else None
    if block:
        new.blocks.append(block)
    return new, variant


def own_brand_original(page: Page, rng: random.Random, own_headlines: Sequence[str], title_suffix: bool) -> Page:
    """An original carrying its own "Headline | Site" title and MORE: lines to its own stories.

    Hard negatives: the same surface marks farms leave, made by the outlet itself.
    """
    new = copy_page(page, id=f"{page.id}#own")
    if title_suffix and page.site_name:
        new.title = f"{page.title}{rng.choice((' | ', ' - ', ' — '))}{page.site_name}"
    if own_headlines and len(new.paragraphs) > 1:
        for headline in rng.sample(list(own_headlines), min(len(own_headlines), rng.randint(1, 2))):
            new.paragraphs.insert(rng.randint(1, len(new.paragraphs) - 1), f"MORE: {headline}")
    return new
