"""Farm behaviours ("families"): each is one function that changes a Draft.

Every family records, with ``Draft.mark``, the strings that show it in the rendered
page, so a test can check that each family is really visible. ``ORDER`` is the order
families are applied in whatever order they were drawn: identity first, then what
happens to the text, then what the farm's theme adds around it.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..page import Block, BlockItem, Page
from . import lexicon as lx
from .brands import Site, expired_site, fake_credit_name, farm_site, typosquat
from .draft import Draft
from .metadata import NAV_CATEGORIES


@dataclass
class Context:
    """What a family may know about the story it copies."""

    original: Page
    origin_name: str  # the outlet that published the original
    origin_host: str
    origin_date: datetime | None
    pool: list[tuple[str, str, str]] = field(default_factory=list)  # unrelated (title, teaser, lang) from other sites
    lang: str = "en"  # the original's language (lexicon.pick_lang, guessed when undeclared)
    mt_target: str = ""


def _words(text: str) -> list[re.Match]:
    return list(re.finditer(r"\w{2,}", text))


def _glue_once(text: str, rng: random.Random) -> tuple[str, str]:
    """Remove one space between two words, as stripping an inline tag does ("Trumpwas")."""
    spots = [m.start() for m in re.finditer(r"(?<=\w) (?=\w)", text)]
    if not spots:
        return text, ""
    i = rng.choice(spots)
    left = re.search(r"\w+$", text[:i]).group(0)
    right = re.match(r"\w+", text[i + 1:]).group(0)
    return text[:i] + text[i + 1:], left + right


def _free(d: Draft) -> list[int]:
    """Paragraphs no earlier family has marked: later rewrites leave marked lines alone so
    each family stays visible."""
    marks = [m for ms in d.marks.values() for m in ms]
    return [i for i, p in enumerate(d.paragraphs) if not any(m in p for m in marks)]


def _insert(paragraphs: list[str], line: str, rng: random.Random, lo: int = 1) -> None:
    paragraphs.insert(rng.randint(min(lo, len(paragraphs)), len(paragraphs)), line)


def _pool_items(ctx: Context, lang: str, rng: random.Random, k: int) -> list[tuple[str, str]]:
    """``k`` unrelated stories, from the farm's own language first (a farm scrapes a market),
    then any language, then stock filler headlines."""
    unique = {t: (t, s, lg) for t, s, lg in ctx.pool if t != ctx.original.title}.values()
    same = [(t, s) for t, s, lg in unique if lg == lang]
    other = [(t, s) for t, s, lg in unique if lg != lang]
    items = rng.sample(same, k=min(len(same), k))
    items += rng.sample(other, k=min(len(other), k - len(items)))
    filler = [(t, "") for t in lx.FILLER_HEADLINES[lang]]
    items += rng.sample(filler, k=min(len(filler), k - len(items)))
    return items


# ---------------------------------------------------------------- identity


def clone_domain(d: Draft, ctx: Context, rng: random.Random) -> None:
    """A mirror under a near-identical host that keeps the original's name and byline."""
    host = typosquat(ctx.origin_host or "news.example.com", rng)
    d.site = Site(name=ctx.origin_name, host=host, lang=d.lang, style="clone", authors=d.site.authors,
                  url_style=rng.choice(["dated", "numeric", "query", "archives"]))
    d.head_site_name = ctx.origin_name
    d.author = ctx.original.byline or d.author
    year = (ctx.origin_date or datetime(2024, 1, 1)).year
    d.footer = [f"© {year} {ctx.origin_name}. {lx.RIGHTS[d.lang]}"]
    d.mark("clone_domain", host.removeprefix("www."))


def expired_domain(d: Draft, ctx: Context, rng: random.Random) -> None:
    """A lapsed domain of a small organisation, bought for its reputation, now posting news."""
    old = expired_site(d.lang, rng)
    d.site = old
    d.nav = list(old.old_menu)
    d.footer = [f"© {rng.randint(2009, 2016)} {old.old_owner}. {lx.RIGHTS[d.lang]}"]
    d.mark("expired_domain", old.host.removeprefix("www."))  # the old name shows in menus and footers, where kept


# ---------------------------------------------------------------- what happens to the text


def _first_paragraphs(paragraphs: list[str], count: int, min_chars: int) -> list[str]:
    """The first ``count`` paragraphs, more while they add up to fewer than ``min_chars``."""
    kept: list[str] = []
    for p in paragraphs:
        if len(kept) >= count and sum(map(len, kept)) >= min_chars:
            break
        kept.append(p)
    return kept


def truncated(d: Draft, ctx: Context, rng: random.Random) -> None:
    """Only the first paragraphs, then a "Continue reading" stub."""
    d.paragraphs = _first_paragraphs(d.paragraphs, rng.randint(1, 3), rng.randint(250, 500))
    line = rng.choice(lx.CONTINUE[d.lang])
    d.paragraphs.append(line)
    d.mark("truncated", line)


def rss_autoblog(d: Draft, ctx: Context, rng: random.Random) -> None:
    """An RSS excerpt posted by an autoblog plugin, with the feed footer pointing back."""
    excerpt = _first_paragraphs(d.paragraphs, rng.randint(1, 2), 300)
    last = excerpt[-1]
    if len(last) > 450 and rng.random() < 0.7:  # the feed's excerpt length, cut at a word
        cut = last.rfind(" ", 0, rng.randint(300, 450))
        excerpt[-1] = last[: max(cut, 200)] + rng.choice([" […]", " [&#8230;]", "...", " …"])
    footer = rng.choice(lx.AUTOBLOG_FOOTERS[d.lang]).format(title=ctx.original.title or d.title,
                                                            origin=rng.choice([ctx.origin_name, ctx.origin_host or ctx.origin_name]))
    d.paragraphs = excerpt + [footer]
    if rng.random() < 0.4:
        d.category = rng.choice(["Uncategorized", "Feeds", "RSS", "News"])
    d.mark("rss_autoblog", footer)


def _translate(text: str, table: dict[str, str]) -> str:
    def swap(m: re.Match) -> str:
        word = m.group(0)
        new = table.get(word) or table.get(word.lower())
        if not new:
            return word
        return new[:1].upper() + new[1:] if word[:1].isupper() else new
    return re.sub(r"\w+", swap, text)


def machine_translated(d: Draft, ctx: Context, rng: random.Random) -> None:
    """A crude automatic translation: calques, mixed languages, a notice or widget residue."""
    table = lx.MT_DICT[(ctx.lang, ctx.mt_target)]
    d.title = _translate(d.title, table)
    free = set(_free(d))
    d.paragraphs = [_translate(p, table) if i in free and rng.random() < 0.8 else p for i, p in enumerate(d.paragraphs)]
    d.lang = d.html_lang = ctx.mt_target
    line = rng.choice(lx.MT_NOTICE[d.lang]) if rng.random() < 0.6 else " ".join(rng.sample(lx.MT_WIDGET, k=3))
    if rng.random() < 0.5:
        d.paragraphs.insert(0, line)
    else:
        d.paragraphs.append(line)
    d.mark("machine_translated", line)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return rng.choice([word + word[-1], word[:i] + word[i + 1] + word[i] + word[i + 2:], word[:i] + word[i + 1:],
                       word[:i] + word[i] + word[i:]])


def spin(d: Draft, ctx: Context, rng: random.Random) -> None:
    """Synonym spinning with a small thesaurus, plus letter typos."""
    thesaurus = lx.THESAURUS[d.lang]
    used: list[str] = []

    # one pass over all keys, so a replacement is never replaced again
    keys = sorted(thesaurus, key=len, reverse=True)
    case_blind = d.lang not in ("de", "zh")  # German nouns are capitalised: match them as written
    lookup = {k.lower(): v for k, v in thesaurus.items()} if case_blind else thesaurus
    alternatives = "|".join(map(re.escape, keys))
    pattern = re.compile(alternatives if d.lang == "zh" else rf"\b(?:{alternatives})\b", re.IGNORECASE if case_blind else 0)

    def respin(text: str, rate: float) -> str:
        def swap(m: re.Match) -> str:
            if rng.random() > rate:
                return m.group(0)
            new = rng.choice(lookup[m.group(0).lower() if case_blind else m.group(0)])
            if m.group(0)[:1].isupper():
                new = new[:1].upper() + new[1:]
            used.append(new)
            return new
        return pattern.sub(swap, text)

    free = _free(d)
    d.paragraphs = [respin(p, 0.6) if i in free else p for i, p in enumerate(d.paragraphs)]
    if rng.random() < 0.5:
        d.title = respin(d.title, 0.5)
    spun_words = {w for phrase in used for w in phrase.split()}
    if d.lang != "zh":  # letter typos in long words ("equipmentt")
        for _ in range(rng.randint(2, 5) if free else 0):
            i = rng.choice(free)
            long_words = [m for m in _words(d.paragraphs[i])
                          if len(m.group(0)) >= 6 and m.group(0).isalpha() and m.group(0) not in spun_words]
            if long_words:
                m = rng.choice(long_words)
                new = _typo(m.group(0), rng)
                d.paragraphs[i] = d.paragraphs[i][: m.start()] + new + d.paragraphs[i][m.end():]
                used.append(new)
                spun_words.add(new)
    d.mark("spin", *used[:4])


def ai_leftover(d: Draft, ctx: Context, rng: random.Random) -> None:
    """A chatbot rewrite published unread: its preamble, disclaimers and stock closer stay in."""
    lang = d.lang
    added = []
    if len(d.paragraphs) > 3 and rng.random() < 0.6:  # rewrites come back as fewer, evener paragraphs
        d.paragraphs = [" ".join(d.paragraphs[i:i + 2]) for i in range(0, len(d.paragraphs), 2)]
    tricks = rng.sample(["preamble", "disclaimer", "closer", "markdown"], k=rng.randint(1, 3))
    if "preamble" in tricks:
        pre = rng.choice(lx.AI_PREAMBLE[lang])
        head = [pre] + ([f"{lx.AI_TITLE_LABEL[lang]} {d.title}"] if rng.random() < 0.5 else [])
        d.paragraphs = head + d.paragraphs
        added.append(pre)
    if "disclaimer" in tricks:
        line = rng.choice(lx.AI_DISCLAIMER[lang])
        _insert(d.paragraphs, line, rng)
        added.append(line)
    if "closer" in tricks or not added:
        line = rng.choice(lx.AI_CLOSER[lang])
        d.paragraphs.append(line)
        added.append(line)
    if "markdown" in tricks and d.paragraphs:
        i = rng.randrange(len(d.paragraphs))
        d.paragraphs[i] = f"**{d.paragraphs[i]}**"
        added.append("**")
    d.mark("ai_leftover", *added)


# ---------------------------------------------------------------- what the farm adds around the text


def scrape_residue(d: Draft, ctx: Context, rng: random.Random) -> None:
    """Leftovers of careless scraping: glued words, doubled captions, the outlet's promos,
    share and menu text, CMS shortcodes, image credits."""
    lang, origin = d.lang, ctx.origin_name
    for trick in rng.sample(["glue", "caption", "promo", "share", "shortcode", "credit"], k=rng.randint(2, 4)):
        if trick == "glue" and lang != "zh":
            for _ in range(rng.randint(2, 4)):
                free = _free(d)
                if not free:
                    break
                i = rng.choice(free)
                d.paragraphs[i], token = _glue_once(d.paragraphs[i], rng)
                d.mark("scrape_residue", token)
        elif trick == "caption":
            prefix = lx.CAPTION_PREFIX[lang]
            credit = rng.choice(lx.IMAGE_CREDITS[lang]).format(o=origin)
            caption = f"{prefix}{prefix}{d.title}.{credit}"
            _insert(d.paragraphs, caption, rng)
            d.mark("scrape_residue", prefix + prefix)
        elif trick == "promo":
            teaser_title = _pool_items(ctx, lang, rng, 1)[0][0]
            line = rng.choice(lx.PROMO_LINES[lang]).format(t=teaser_title)
            _insert(d.paragraphs, line, rng)
            d.mark("scrape_residue", line)
        elif trick == "share":
            line = rng.choice(lx.SHARE_LINES[lang])
            d.paragraphs.insert(rng.choice([0, len(d.paragraphs)]), line)
            d.mark("scrape_residue", line)
        elif trick == "shortcode":
            n = rng.randint(1000, 99999)
            line = rng.choice([f'[caption id="attachment_{n}" align="aligncenter" width="{rng.choice([640, 800, 1024])}"] {d.title}[/caption]',
                               f"[embed]https://video.{ctx.origin_host or 'example.com'}/{n}[/embed]",
                               "[vc_row][vc_column][vc_column_text]", f"[gallery ids=\"{n},{n + 3},{n + 7}\"]"])
            _insert(d.paragraphs, line, rng, lo=0)
            d.mark("scrape_residue", line[:12])
        elif trick == "credit" or (trick == "glue" and lang == "zh"):
            credit = rng.choice(lx.IMAGE_CREDITS[lang]).format(o=origin)
            free = _free(d)
            if free:
                i = rng.choice(free)
                d.paragraphs[i] = d.paragraphs[i] + credit  # glued to the sentence before it
            else:
                d.paragraphs.append(credit)
            d.mark("scrape_residue", credit)
    if rng.random() < 0.4:
        d.category = rng.choice(NAV_CATEGORIES)


def ad_stuffing(d: Draft, ctx: Context, rng: random.Random) -> None:
    """Made-for-advertising: ad slots between paragraphs, sponsored widgets, search-bait keywords."""
    lang = d.lang
    label = rng.choice(lx.AD_LABELS[lang])
    every = rng.choice([1, 2, 3])  # an ad slot every N paragraphs, at most eight slots
    slots = list(range(every, len(d.paragraphs), every))[:8] or [min(1, len(d.paragraphs))]
    for i in reversed(slots):
        d.paragraphs.insert(i, label)
    bait = rng.sample(lx.SEARCH_BAIT[lang], k=min(4, len(lx.SEARCH_BAIT[lang])))
    bait_line = lx.SEARCH_BAIT_LABEL[lang] + " " + rng.choice([" · ", ", ", " | "]).join(bait)
    d.paragraphs.append(bait_line)
    if rng.random() < 0.6:
        d.paragraphs.append(lx.TAGS_LABEL[lang] + " " + ", ".join(rng.sample(lx.SEARCH_BAIT[lang], k=3)))
    heading = rng.choice(lx.SPONSORED_HEADINGS[lang])
    items = [BlockItem(title=t, teaser="", url=f"https://{rng.choice(['clk', 'go', 'trk'])}.{rng.choice(['adnet', 'promo-hub', 'bestoffers'])}.com/{rng.randint(1, 9999)}")
             for t in rng.sample(lx.FILLER_HEADLINES[lang], k=3)]
    d.blocks.append(Block(heading=heading, items=items))
    d.mark("ad_stuffing", label, lx.SEARCH_BAIT_LABEL[lang], heading)


def junk_widget(d: Draft, ctx: Context, rng: random.Random) -> None:
    """A recommendation widget of unrelated stories, teasers cut at a fixed length mid-word."""
    heading = rng.choice(lx.WIDGET_HEADINGS[d.lang])
    cut = rng.choice([60, 80, 100, 100, 120])
    items = []
    for title, teaser in _pool_items(ctx, d.lang, rng, rng.randint(3, 6)):
        teaser = teaser[:cut]
        if teaser and rng.random() < 0.5:
            teaser, _ = _glue_once(teaser, rng)
        items.append(BlockItem(title=title, teaser=teaser, url=f"/{rng.randint(100, 99999)}.html"))
    d.blocks.append(Block(heading=heading, items=items))
    d.mark("junk_widget", heading, items[0].title)


def clickbait_title(d: Draft, ctx: Context, rng: random.Random) -> None:
    """Search- and share-bait words added to the headline."""
    if rng.random() < 0.6:
        bait = rng.choice(lx.BAIT_PREFIX[d.lang])
        d.title = f"{bait} {d.title}" if d.lang != "zh" else bait + d.title
    else:
        bait = rng.choice(lx.BAIT_SUFFIX[d.lang])
        d.title = f"{d.title} {bait}" if d.lang != "zh" else d.title + bait
    d.mark("clickbait_title", bait)


def brand_stamp(d: Draft, ctx: Context, rng: random.Random) -> None:
    """The farm's name pushed into the headline and often the first sentence."""
    name = d.site.name
    if d.lang == "zh":
        d.title = rng.choice([f"【{name}】{d.title}", f"{name}丨{d.title}", f"{d.title}_{name}"])
    else:
        sep = rng.choice(["-", " - ", " | ", ": ", " – ", " :: "])
        d.title = f"{name}{sep}{d.title}" if rng.random() < 0.6 else f"{d.title}{sep}{name}"
    if d.paragraphs and rng.random() < 0.6:
        lede = d.paragraphs[0]
        d.paragraphs[0] = rng.choice([f"The {name}{lede}", f"({name}) - {lede}", f"{name} – {lede}", f"{name}{lede}"]
                                     if d.lang == "en" else [f"{name} – {lede}", f"({name}) {lede}", f"{name}{lede}"])
    d.mark("brand_stamp", name)


def false_credit(d: Draft, ctx: Context, rng: random.Random) -> None:
    """A declared source, author or publisher that is neither the site nor the outlet the body credits."""
    fake = fake_credit_name(d.lang, rng)
    while fake in (d.site.name, ctx.origin_name):
        fake = fake_credit_name(d.lang, rng)
    d.source = fake
    if rng.random() < 0.5:
        d.author = rng.choice(farm_site(d.lang, rng).authors)
    if rng.random() < 0.4:
        d.head_site_name = farm_site(d.lang, rng).name  # og:site_name / JSON-LD publisher disagree with the masthead
    d.mark("false_credit", fake)


def redate(d: Draft, ctx: Context, rng: random.Random) -> None:
    """An old story given a fresh date."""
    floor = max(datetime(2025, 1, 1), (ctx.origin_date or datetime(2020, 1, 1)) + timedelta(days=400))
    d.published = floor + timedelta(days=rng.randint(0, 330), seconds=rng.randint(0, 86399))
    d.mark("redate", str(d.published.year))


def zh_farm_template(d: Draft, ctx: Context, rng: random.Random) -> None:
    """The Chinese content-farm template: top bar, breadcrumb, info row with a view count,
    "from the internet" source and a takedown disclaimer, previous/next links."""
    d.topbar = rng.choice(lx.ZH_TOPBAR)
    d.breadcrumb = rng.choice(lx.ZH_BREADCRUMB)
    d.meta_style = "zh"
    d.source = d.source or rng.choice(lx.ZH_SOURCES)
    d.author = rng.choice(lx.ZH_AUTHORS)
    d.meta_extra = rng.choice(lx.ZH_META_EXTRA).format(n=rng.randint(100, 99999))
    disclaimer = rng.choice(lx.ZH_DISCLAIMER)
    d.paragraphs.append(disclaimer)
    (a, _), (b, _) = _pool_items(ctx, "zh", rng, 2)
    prev_next = [lx.ZH_PREV_NEXT[0].format(a=a), lx.ZH_PREV_NEXT[1].format(b=b)]
    d.paragraphs.extend(prev_next)
    d.mark("zh_farm_template", disclaimer, prev_next[0])


ORDER = [clone_domain, expired_domain, truncated, rss_autoblog, machine_translated, spin, ai_leftover, scrape_residue,
         ad_stuffing, junk_widget, clickbait_title, brand_stamp, false_credit, redate, zh_farm_template]
FAMILIES: dict[str, object] = {f.__name__: f for f in ORDER}
# How often a family is drawn, relative to the others (identity swaps and crude
# translation are rarer on real farms than brand stamping or widgets).
WEIGHTS = {"clone_domain": 0.6, "expired_domain": 0.5, "machine_translated": 0.6, "zh_farm_template": 3.0}
EXCLUSIVE = [{"clone_domain", "expired_domain"}, {"truncated", "rss_autoblog"}]


def applicable(name: str, lang: str, has_host: bool) -> bool:
    if name == "zh_farm_template":
        return lang == "zh"
    if name == "machine_translated":
        return lang in lx.MT_TARGETS
    if name == "clone_domain":
        return has_host
    return True


class Deck:
    """Draws from a shuffled deck, refilled when empty: every item comes up equally often,
    in a seeded order (formats per label, layouts, the family of single-trick pages)."""

    def __init__(self, items, rng: random.Random):
        self.items, self.rng, self.left = list(items), rng, []

    def draw(self, allowed=lambda item: True):
        for _ in range(2):
            for i, item in enumerate(self.left):
                if allowed(item):
                    return self.left.pop(i)
            # a new deck goes under what is left, so items waiting for an allowing caller stay
            self.left += self.rng.sample(self.items, k=len(self.items))
        raise ValueError("no allowed item in the deck")


def draw(lang: str, has_host: bool, k: int, rng: random.Random, singles: Deck | None = None) -> list[str]:
    """``k`` distinct applicable families, weighted, never two that exclude each other.
    Single-trick pages take their family from ``singles`` so each family gets its share."""
    if k == 1 and singles is not None:
        return [singles.draw(lambda name: applicable(name, lang, has_host))]
    chosen: list[str] = []
    names = [n for n in FAMILIES if applicable(n, lang, has_host)]
    while len(chosen) < k:
        left = [n for n in names if n not in chosen
                and not any(n in group and group & set(chosen) for group in EXCLUSIVE)]
        if not left:
            break
        chosen.append(rng.choices(left, weights=[WEIGHTS.get(n, 1.0) for n in left])[0])
    return chosen
