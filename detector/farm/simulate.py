"""Labelled pages from real originals: clean renders, credited syndication and farm copies.

``simulate`` is deterministic for a seed. Every label goes through the same
renderers, alternating HTML and text dumps, so neither the format nor the
template gives a label away. Each page carries the registered domain of the
real original it was made from (``group``), so splits can keep an article and
its copies on the same side.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterator, Sequence
from urllib.parse import urlsplit

from ..page import Page
from ..records import empty_record
from .families import FAMILIES, FarmContext, apply_families, can_apply, new_farm, rehost
from .render import HTML_LAYOUTS, LAYOUTS, TEXT_LAYOUTS, Show, draw_show, layout_format, render, visible_fields
from .syndicate import own_brand_original, site_block, syndicate

LABELS = ("original", "syndicated", "scraped")
FORMATS = ("html", "txt")
SINGLE_FAMILY_SHARE = 0.3  # scraped pages with exactly one family, so each family is seen alone
OWN_BRAND_SHARE = 0.3  # originals rendered with their own " | Site" suffix and MORE: lines
MIN_POOL_SAME_LANGUAGE = 8  # below this, blocks and MORE: lines draw from every language


@dataclass(frozen=True)
class SimulatedPage:
    record: dict  # a raw record (detector.records) holding html or text
    label: str  # "original" | "syndicated" | "scraped"
    families: tuple[str, ...]  # farm families applied, in FAMILIES order; () unless scraped
    main_family: str  # the strongest family applied; "" unless scraped
    layout: str  # "html:article", "txt:glued", ...
    format: str  # "html" | "txt"
    group: str  # registered domain of the real original
    source_id: str  # id of the real original
    variant: str = ""  # "clean", "own_brand", "wire:AP", "partner", "farm"


def group_of(page: Page) -> str:
    if page.domain:
        return page.domain
    host = urlsplit(page.url).hostname or ""
    return host.removeprefix("www.") or page.id


def to_record(page: Page, layout: str, rng: random.Random, record_id: str, show: Show | None = None) -> dict:
    """Render ``page`` into a raw record, as a reader would yield it."""
    fmt = layout_format(layout)
    content = render(page, layout, rng, show)
    # HTML arrives with its url (crawls, WARC); text dumps only sometimes (a record file's url column).
    url = page.url if fmt == "html" or rng.random() < 0.5 else ""
    if fmt == "html":
        return empty_record(id=record_id, url=url, html=content, format="html")
    return empty_record(id=record_id, url=url, text=content, format="txt")


def choose_families(page: Page, rng: random.Random, ctx: FarmContext, single_share: float = SINGLE_FAMILY_SHARE) -> tuple[str, ...]:
    """A random subset of the families that can change this page: one alone, or two or more."""
    usable = [name for name in FAMILIES if can_apply(name, page, ctx)]
    if not usable:
        return ()
    if len(usable) == 1 or rng.random() < single_share:
        return (rng.choice(usable),)
    # About three families a page, however many there are to choose from.
    share = min(0.5, 3 / len(usable))
    chosen = {name for name in usable if rng.random() < share}
    while len(chosen) < 2:
        chosen.add(rng.choice(usable))
    return tuple(name for name in FAMILIES if name in chosen)


def simulate_one(page: Page, families: Sequence[str] | None, rng: random.Random, pool: Sequence[Page],
                 layout: str | None = None, record_id: str = "", show: Show | None = None,
                 site_headlines: Sequence[str] = ()) -> SimulatedPage:
    """One farm copy of ``page``: rehosted on an invented farm, ``families`` applied (None: drawn).

    The layout and shown metadata are drawn first, the same way as for every
    label; families whose change that rendering would not show (re-dating a
    page shown without a date) or that cannot change this page are dropped, so
    ``families`` of the result lists exactly what a reader can see applied.
    """
    layout = layout or rng.choice(LAYOUTS)
    show = show or draw_show(rng)
    ctx = new_farm(rng, page, pool, visible_fields(layout, show), site_headlines)
    farm_page = rehost(page, rng, ctx)
    if families is None:
        applied = choose_families(farm_page, rng, ctx)
    else:
        unknown = set(families) - set(FAMILIES)
        if unknown:
            raise KeyError(f"unknown farm families: {sorted(unknown)}")
        applied = tuple(n for n in FAMILIES if n in families and can_apply(n, farm_page, ctx))
    if not applied:
        raise ValueError(f"no farm family can change page {page.id!r}")
    farm_page = apply_families(farm_page, applied, rng, ctx)
    record = to_record(farm_page, layout, rng, record_id or f"sim/scraped/{page.id}", show)
    return SimulatedPage(record, "scraped", applied, applied[0], layout, layout_format(layout),
                         group_of(page), page.id, "farm")


class _FormatBalancer:
    """Alternates html and txt per label from a random start, so each label gets both equally."""

    def __init__(self, rng: random.Random):
        self._next = {label: rng.randrange(2) for label in LABELS}

    def layout(self, label: str, rng: random.Random) -> str:
        fmt = FORMATS[self._next[label] % 2]
        self._next[label] += 1
        return rng.choice(HTML_LAYOUTS if fmt == "html" else TEXT_LAYOUTS)


def _original(page: Page, rng: random.Random, layout: str, own_headlines: Sequence[str],
              pool: Sequence[Page], own_brand_share: float) -> tuple[Page, str]:
    if rng.random() >= own_brand_share:
        return page, "clean"
    # In HTML the site suffix belongs in <title> (when the drawn Show has it), not the visible headline.
    own = own_brand_original(page, rng, own_headlines, title_suffix=layout_format(layout) == "txt")
    if rng.random() < 0.4:
        block = site_block(pool, rng, page.domain or "example.org", page.id)
        if block:
            own.blocks.append(block)
    return own, "own_brand"


def simulate(originals: list[Page], seed: int, scraped_per_page: int = 2, clean_per_page: int = 1,
             syndicated_per_page: int = 1, own_brand_share: float = OWN_BRAND_SHARE) -> Iterator[SimulatedPage]:
    """Labelled pages made from ``originals``, deterministic for ``seed``.

    Per original: ``clean_per_page`` originals (some as own-brand hard negatives),
    ``syndicated_per_page`` credited copies, ``scraped_per_page`` farm copies.
    """
    balancer = _FormatBalancer(random.Random(seed))
    by_language: dict[str, list[Page]] = {}
    by_site: dict[str, list[str]] = {}
    for page in originals:
        by_language.setdefault(page.lang[:2], []).append(page)
        if page.title:
            by_site.setdefault(group_of(page), []).append(page.title)
    for index, page in enumerate(originals):
        rng = random.Random(f"{seed}:{index}:{page.id}")
        same_language = by_language.get(page.lang[:2], [])
        pool = same_language if len(same_language) >= MIN_POOL_SAME_LANGUAGE else originals
        group = group_of(page)
        own_headlines = [t for t in by_site.get(group, []) if t != page.title][:20]
        for copy in range(clean_per_page):
            layout = balancer.layout("original", rng)
            shown, variant = _original(page, rng, layout, own_headlines, pool, own_brand_share)
            record = to_record(shown, layout, rng, f"sim/original/{page.id}/{copy}", draw_show(rng))
            yield SimulatedPage(record, "original", (), "", layout, layout_format(layout), group, page.id, variant)
        for copy in range(syndicated_per_page):
            layout = balancer.layout("syndicated", rng)
            show = draw_show(rng)
            wire_page, variant = syndicate(page, rng, pool, visible_fields(layout, show))
            record = to_record(wire_page, layout, rng, f"sim/syndicated/{page.id}/{copy}", show)
            yield SimulatedPage(record, "syndicated", (), "", layout, layout_format(layout), group, page.id, variant)
        for copy in range(scraped_per_page):
            layout = balancer.layout("scraped", rng)
            try:
                yield simulate_one(page, None, rng, pool, layout, f"sim/scraped/{page.id}/{copy}",
                                   site_headlines=own_headlines)
            except ValueError:
                continue  # an empty page no family can change
