"""For each real original: a clean re-rendering, sometimes a credited syndicated copy,
and two or three farm copies carrying one to four families."""
from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Iterator, Sequence
from urllib.parse import urlsplit

from ..domains import registered_domain
from ..page import Block, BlockItem, Page
from ..parse import ParseError, page_from_record
from . import lexicon as lx
from .brands import Site, article_path, farm_site, legit_site
from .draft import Draft
from .families import FAMILIES, ORDER, Context, Deck, draw
from .layouts import FORMATS, pick_layout, render
from .metadata import CATEGORIES, parse_iso

SINGLE_TRICK_SHARE = 0.4
FARM_REUSE = 0.6  # a farm network posts many stories: most copies land on a farm seen before
SYNDICATED_SHARE = 1 / 3
MENUS = {"en": ["Home", "World", "Business", "Sport", "Opinion"], "de": ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"],
         "es": ["Portada", "Nacional", "Internacional", "Deportes", "Opinión"], "fr": ["Accueil", "Monde", "Économie", "Sport", "Culture"],
         "id": ["Beranda", "Nasional", "Ekonomi", "Olahraga", "Opini"], "zh": ["首页", "新闻", "财经", "体育", "评论"]}
RECENT_HEADINGS = {"en": ["Recent Posts", "Latest News", "More Stories"], "de": ["Neueste Beiträge", "Weitere Artikel"],
                   "es": ["Entradas recientes", "Más noticias"], "fr": ["Articles récents", "À la une"],
                   "id": ["Postingan Terbaru", "Berita Lainnya"], "zh": ["最新文章", "更多新闻"]}
WIRE_RE = re.compile(r"\((AP|Reuters|AFP|dpa|EFE|ANTARA|Xinhua)\)|\b(Associated Press|Reuters|Agence France-Presse|dpa)\b")


@dataclass
class GeneratedPage:
    record: dict
    label: str  # "original" | "syndicated" | "scraped"
    families: tuple[str, ...]
    main_family: str
    format: str  # "html" | "txt" | "record"
    layout: str  # "b:<format>:<layout>"
    group: str  # registered domain of the real original
    source_id: str
    variant: str
    marks: dict[str, list[str]] = field(default_factory=dict)  # family -> strings that show it


def _host(page: Page) -> str:
    return urlsplit(page.url).hostname or "" if page.url else ""


def _group(page: Page) -> str:
    return page.domain or (registered_domain(page.url) if page.url else "") or _host(page) or page.site_name or page.id


def _outlet_name(page: Page) -> str:
    if page.site_name:
        return page.site_name
    host = _host(page).removeprefix("www.")
    return host.split(".")[0].capitalize() if host else ""


_STOPWORDS = {"en": {"the", "and", "of", "to", "is", "that"}, "de": {"der", "die", "und", "ist", "nicht", "das"},
              "es": {"el", "la", "que", "los", "del", "por"}, "fr": {"le", "les", "des", "est", "une", "dans"},
              "id": {"yang", "dan", "di", "ini", "itu", "dengan"}}


def _page_lang(page: Page) -> str:
    """The page's declared language, else a guess from its script and commonest words."""
    if page.lang:
        return lx.pick_lang(page.lang)
    text = page.title + " " + " ".join(page.paragraphs[:3])
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    words = Counter(re.findall(r"\w+", text.lower()))
    return max(_STOPWORDS, key=lambda lang: sum(words[w] for w in _STOPWORDS[lang]))


def _base_draft(page: Page, site: Site, lang: str) -> Draft:
    return Draft(title=page.title, lang=lang, site=site, author=page.byline, published=parse_iso(page.published),
                 category=page.category, paragraphs=list(page.paragraphs), nav=list(MENUS[lang]))


def _recent_block(lang: str, ctx: Context, rng: random.Random) -> Block:
    titles = list(dict.fromkeys(t for t, _, lg in ctx.pool if lg == lang and t != ctx.original.title))[:40]
    titles = rng.sample(titles, k=min(4, len(titles))) or lx.FILLER_HEADLINES[lang][:3]
    return Block(heading=rng.choice(RECENT_HEADINGS[lang]), items=[BlockItem(title=t, url=f"/{rng.randint(1, 9999)}") for t in titles])


def _finish(d: Draft, fmt: str, layout: str, rid: str, rng: random.Random, keep_url: str | None = None) -> dict:
    if keep_url is None:
        when = d.published.date().isoformat() if d.published else ""
        d.url = f"https://{d.site.host}{article_path(d.site, d.title, when, rng)}"
    else:
        d.url = keep_url
    return render(d, fmt, layout, rid, rng)


LEGIT_PROMO = {"en": "READ MORE: {t}", "de": "Lesen Sie auch: {t}", "es": "Lea también: {t}", "fr": "Lire aussi : {t}",
               "id": "Baca Juga: {t}", "zh": "相关阅读：{t}"}
LEGIT_CAPTION = {"en": "{t} (Photo: {o})", "de": "{t} (Foto: {o})", "es": "{t} (Foto: {o})", "fr": "{t} (Photo : {o})",
                 "id": "{t} (Foto: {o})", "zh": "{t}（图片来源：{o}）"}


def _legit_noise(d: Draft, ctx: Context, rng: random.Random) -> None:
    """What real article pages carry too, so that none of it alone marks a farm: an ad
    slot label, a photo caption with its credit, the outlet's own read-more line."""
    if len(d.paragraphs) < 3:
        return
    if rng.random() < 0.12:
        d.paragraphs.insert(rng.randint(2, len(d.paragraphs) - 1), rng.choice(lx.AD_LABELS[d.lang][:2]))
    if rng.random() < 0.15:
        d.paragraphs.insert(1, LEGIT_CAPTION[d.lang].format(t=d.title, o=ctx.origin_name))
    if rng.random() < 0.12:
        same_lang = [t for t, _, lg in ctx.pool if lg == d.lang][:40]
        if same_lang:
            d.paragraphs.insert(rng.randint(2, len(d.paragraphs) - 1), LEGIT_PROMO[d.lang].format(t=rng.choice(same_lang)))


def _clean(page: Page, ctx: Context, lang: str, rng: random.Random) -> Draft:
    site = Site(name=ctx.origin_name, host=_host(page), lang=lang, style="original")
    d = _base_draft(page, site, lang)
    d.blocks = [b for b in page.blocks if b.items][:2] if rng.random() < 0.5 else []
    if not d.blocks and rng.random() < 0.3:
        d.blocks = [_recent_block(lang, ctx, rng)]
    d.meta_style = rng.choice(["zh", "byline"] if lang == "zh" else ["byline", "byline", "labeled", "posted_by", "filed"])
    if lang == "zh" and rng.random() < 0.5:  # legitimate Chinese portals print breadcrumbs too
        d.breadcrumb = "当前位置：首页 > 新闻 > 正文"
    _legit_noise(d, ctx, rng)
    return d


def _syndicated(page: Page, ctx: Context, lang: str, rng: random.Random) -> tuple[Draft, str]:
    d = _base_draft(page, legit_site(lang, rng), lang)
    if d.published:
        d.published += timedelta(hours=rng.randint(1, 40))
    d.category = d.category or rng.choice(CATEGORIES[lang])
    d.meta_style = rng.choice(["byline", "labeled", "filed"]) if lang != "zh" else "zh"
    outlet = ctx.origin_name
    _legit_noise(d, ctx, rng)
    found = WIRE_RE.search(" ".join([page.byline] + page.paragraphs[:2]))
    if found and rng.random() < 0.8:
        wire = found.group(1) or found.group(2)
        d.author = rng.choice([wire, lx.WIRES.get(wire, wire), f"{page.byline}, {wire}" if page.byline else wire])
        d.source = wire
        if rng.random() < 0.5:
            d.paragraphs.append(f"© {(d.published.year if d.published else 2024)} {lx.WIRES.get(wire, wire)}")
        return d, f"wire:{wire}"
    kinds = rng.sample(["credit-footer", "partner-top", "byline-outlet", "dateline"], k=rng.randint(1, 2))
    year = d.published.year if d.published else 2024
    if "credit-footer" in kinds:
        d.paragraphs.append(rng.choice(lx.SYNDICATION_CREDIT[lang]).format(outlet=outlet, year=year))
    if "partner-top" in kinds:
        d.paragraphs.insert(0, rng.choice(lx.PARTNER_LINE[lang]).format(outlet=outlet))
    if "byline-outlet" in kinds or not d.author:
        d.author = f"{page.byline}, {outlet}" if page.byline else outlet
    if "dateline" in kinds and d.paragraphs:
        i = 1 if "partner-top" in kinds and len(d.paragraphs) > 1 else 0
        d.paragraphs[i] = f"据{outlet}报道，{d.paragraphs[i]}" if lang == "zh" else f"({outlet}) – {d.paragraphs[i]}"
    # a record has no author column: a byline credit alone would vanish there
    d.source = outlet if kinds == ["byline-outlet"] or rng.random() < 0.7 else ""
    return d, "partner:" + "+".join(kinds)


def _scraped(page: Page, ctx: Context, lang: str, families: list[str], farms: dict[str, list[Site]],
             rng: random.Random) -> Draft:
    site_lang = ctx.mt_target if "machine_translated" in families else lang
    known = farms.setdefault(site_lang, [])
    if known and rng.random() < FARM_REUSE:
        site = rng.choice(known)
    else:
        site = farm_site(site_lang, rng)
        known.append(site)
    d = _base_draft(page, site, lang)
    d.nav = list(MENUS[site_lang])
    roll = rng.random()
    d.author = rng.choice(site.authors) if roll < 0.5 else (page.byline if roll < 0.8 else "")
    d.category = rng.choice(CATEGORIES[site_lang])
    if d.published:  # copied within hours or days, unless re-dated
        d.published += timedelta(hours=rng.randint(1, 96), minutes=rng.randint(0, 59))
    d.meta_style = site.meta_style or rng.choice(["labeled", "glued", "posted_by", "byline", "filed"])
    if rng.random() < 0.4:
        d.blocks.append(_recent_block(site_lang, ctx, rng))
    for family in ORDER:  # a fixed pipeline order, whatever order they were drawn in
        if family.__name__ in families:
            family(d, ctx, rng)
    return d


def generate(originals: Sequence[Page], seed: int = 0) -> Iterator[GeneratedPage]:
    """Original, syndicated and scraped pages made from ``originals``; deterministic for a seed."""
    rng = random.Random(seed)
    # equal shares of formats per label and of layouts per label and format
    formats = {label: Deck(FORMATS, rng) for label in ("original", "syndicated", "scraped")}
    layouts = {(label, fmt): Deck(names, rng) for label in formats for fmt, names in FORMATS.items()}
    singles = Deck(FAMILIES, rng)
    farms: dict[str, list[Site]] = {}
    usable = [p for p in originals if p.title and p.paragraphs]
    teasers = [(_group(p), p.title, " ".join(p.paragraphs)[:300], _page_lang(p)) for p in usable]
    for page in usable:
        group, lang = _group(page), _page_lang(page)
        pool = [(t, s, lg) for g, t, s, lg in teasers if g != group]
        outlet = _outlet_name(page)
        ctx = Context(original=page, origin_name=outlet or ("网络" if lang == "zh" else "the original publisher"), origin_host=_host(page),
                      origin_date=parse_iso(page.published), pool=pool, lang=lang)
        source_id = page.id or page.url or page.title
        key = hashlib.sha1(f"{seed}|{source_id}".encode()).hexdigest()[:12]

        def emit(d: Draft, label: str, n: int, variant: str, families=(), keep_url: str | None = None) -> GeneratedPage | None:
            fmt = formats[label].draw()
            layout = pick_layout(layouts[(label, fmt)], d.lang, rng)
            record = _finish(d, fmt, layout, f"farm_b-{key}-{n}", rng, keep_url)
            try:  # a copy too short for the parser to find a body is no use as a labelled page
                page_from_record(record)
            except ParseError:
                return None
            return GeneratedPage(record=record, label=label, families=tuple(families),
                                 main_family=families[0] if families else "", format=fmt, layout=f"b:{fmt}:{layout}",
                                 group=group, source_id=source_id, variant=variant, marks=d.marks)

        made = [emit(_clean(page, ctx, lang, rng), "original", 0, "clean", keep_url=page.url)]
        n = 1
        if outlet and rng.random() < SYNDICATED_SHARE:  # a credit needs a named outlet
            d, variant = _syndicated(page, ctx, lang, rng)
            made.append(emit(d, "syndicated", n, variant))
            n += 1
        for _ in range(rng.choice([2, 3])):
            k = 1 if rng.random() < SINGLE_TRICK_SHARE else rng.choice([2, 3, 4])
            families = draw(lang, bool(ctx.origin_host), k, rng, singles)
            ctx.mt_target = rng.choice(lx.MT_TARGETS[lang]) if lang in lx.MT_TARGETS else ""
            d = _scraped(page, ctx, lang, families, farms, rng)
            made.append(emit(d, "scraped", n, "farm:" + d.site.style, families))
            n += 1
        yield from (g for g in made if g is not None)


__all__ = ["FAMILIES", "GeneratedPage", "generate"]
