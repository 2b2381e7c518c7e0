"""Invented site identities: farm brands, the legitimate sites that run syndicated
copy, typo-squatted clones of an original and lapsed domains bought by farms.

Farm names copy the naming habits seen in blocklists and write-ups: imitations of
finance bodies and news agencies, "Daily ... News", numeric and pinyin domains on
cheap TLDs, and names in the market's own language.
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from ..domains import registered_domain
from .lexicon import EXPIRED_OWNERS


@dataclass
class Site:
    """Who a rendered page claims to be."""

    name: str
    host: str  # full host, e.g. "www.polarmoonexchange.com"
    lang: str
    style: str  # naming style, for the variant label
    authors: list[str] = field(default_factory=list)
    url_style: str = "dated"
    meta_style: str = ""  # a farm keeps one theme's metadata line on all its pages
    old_owner: str = ""  # expired-domain farms: the previous owner's name
    old_menu: list[str] = field(default_factory=list)


def slugify(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


_EN_FIN_A = ["Polar", "North", "Silver", "Crest", "Harbor", "Summit", "Granite", "Lumen", "Ever", "Oak", "Blue", "Iron"]
_EN_FIN_B = ["moon", "gate", "line", "field", "stone", "bridge", "view", "wave", "peak", "ridge"]
_EN_FIN_C = ["Exchange", "Capital", "Wealth Society", "Ledger", "Markets", "Holdings", "Finance Hub", "Investor Circle"]
_EN_NEWS = ["Daily {a} News", "The {a} Post", "{a} Times Online", "{a}24 News", "World {a} Herald", "Global {a} Wire",
            "{a} Press Agency", "News {a} Today", "{a} Headline Hub", "The {a} Digest"]
_EN_WORDS = ["Liberty", "Metro", "Prime", "Nova", "Pulse", "Urban", "Trend", "Insight", "Atlas", "Beacon", "Echo", "Vista"]
_NATIVE = {
    "de": (["{a} Nachrichten", "Aktuell{a}", "{a} Kurier Online", "Nachrichten-Portal {a}", "{a} Neuigkeiten 24", "Der {a} Bote"],
           ["Rhein", "Alpen", "Nord", "Stadt", "Heimat", "Morgen", "Blitz", "Land"]),
    "es": (["Diario {a}", "Noticias {a} Hoy", "El {a} Digital", "Al Instante {a}", "{a} Informa", "La Voz {a}"],
           ["Sol", "Norte", "Capital", "Plaza", "Mundo", "Pueblo", "Ahora", "Valle"]),
    "fr": (["Le Fil {a}", "Actu {a}", "{a} Infos", "Le Journal {a}", "{a} Direct", "L'Écho {a}"],
           ["Plus", "Monde", "Express", "Centre", "Soir", "Matin", "Flash", "Nation"]),
    "id": (["Kabar {a}", "Berita {a} Terkini", "{a}News", "Portal {a}", "Info {a} 88", "Warta {a}"],
           ["Nusantara", "Rakyat", "Kota", "Viral", "Terkini", "Merdeka", "Harian", "Pos"]),
    "zh": (["{a}资讯网", "{a}生活网", "{a}快讯", "{a}头条", "{a}新闻网", "{a}热点网"],
           ["乐享", "欢享", "大时代", "天天", "环球", "百姓", "优选", "今日"]),
}
_ZH_PINYIN = ["lexiang", "huanxiang", "tiantian", "huanqiu", "baixing", "youxuan", "jinri", "kuaixun", "toutiao", "redian"]
_TLDS = {
    "en": [".com", ".net", ".news", ".xyz", ".online", ".info", ".live", ".co", ".site"],
    "de": [".de", ".com", ".info", ".net", ".online"], "es": [".es", ".com", ".net", ".info", ".com.mx"],
    "fr": [".fr", ".com", ".info", ".net"], "id": [".id", ".co.id", ".com", ".web.id", ".my.id"],
    "zh": [".com", ".cn", ".cc", ".top", ".tw", ".net"],
}
_FAKE_PEOPLE = {
    "en": ["admin", "Staff Writer", "News Desk", "Jessica Miller", "David Carter", "Emily Brooks", "editor"],
    "de": ["Redaktion", "admin", "Lena Hoffmann", "Markus Weber", "Online-Redaktion"],
    "es": ["Redacción", "admin", "María López", "Carlos Ruiz", "Equipo editorial"],
    "fr": ["La Rédaction", "admin", "Claire Martin", "Julien Bernard"],
    "id": ["Redaksi", "admin", "Tim Editor", "Rina Wulandari", "Agus Santoso"],
    "zh": ["小编", "佚名", "admin", "本站编辑", "网络"],
}
_SECTIONS = {"en": "world", "de": "politik", "es": "nacional", "fr": "actualite", "id": "berita", "zh": "news"}
_URL_STYLES = ["dated", "numeric", "query", "archives", "section", "zh-html"]


def _domain_from_name(name: str, lang: str, rng: random.Random) -> str:
    if lang == "zh":
        stem = rng.choice([rng.choice(_ZH_PINYIN) + str(rng.randint(1, 999)),
                           f"{rng.randint(10, 99)}{rng.choice(_ZH_PINYIN)}", str(rng.randint(100000, 9999999))])
    else:
        stem = slugify(name)
        if rng.random() < 0.5:
            stem = stem.replace("-", "")
    return stem + rng.choice(_TLDS[lang])


def farm_site(lang: str, rng: random.Random) -> Site:
    """A made-up farm identity, in the market's language most of the time."""
    if lang != "zh" and (lang == "en" or rng.random() < 0.25):
        if rng.random() < 0.4:
            name, style = f"{rng.choice(_EN_FIN_A)}{rng.choice(_EN_FIN_B)} {rng.choice(_EN_FIN_C)}", "finance"
        else:
            name, style = rng.choice(_EN_NEWS).format(a=rng.choice(_EN_WORDS)), "news"
        name_lang = "en"
    else:
        patterns, words = _NATIVE[lang]
        name, style, name_lang = rng.choice(patterns).format(a=rng.choice(words)), "native", lang
    host = _domain_from_name(name, name_lang, rng)
    host = rng.choice(["www.", "", "", "news.", "m."]) + host
    authors = rng.sample(_FAKE_PEOPLE[lang], k=2)
    url_style = "zh-html" if lang == "zh" and rng.random() < 0.7 else rng.choice(_URL_STYLES[:5])
    meta_style = rng.choice(["labeled", "labeled", "glued", "posted_by", "byline", "filed"])
    return Site(name=name, host=host, lang=lang, style=style, authors=authors, url_style=url_style, meta_style=meta_style)


def fake_credit_name(lang: str, rng: random.Random) -> str:
    """A declared source that is neither the farm nor the real outlet."""
    return farm_site(lang, rng).name if rng.random() < 0.7 else rng.choice(_FAKE_PEOPLE[lang])


def expired_site(lang: str, rng: random.Random) -> Site:
    """A lapsed small-organisation domain now serving news under its old name."""
    owner, menu = rng.choice(EXPIRED_OWNERS[lang])
    host = (slugify(owner) or f"site{rng.randint(100, 999)}").replace("-", rng.choice(["", "-"]))
    host += rng.choice({"de": [".de"], "es": [".es", ".org"], "fr": [".fr", ".org"], "id": [".or.id", ".com"],
                        "zh": [".com.cn", ".cn"]}.get(lang, [".org", ".com"]))
    if lang == "zh":
        host = f"{rng.choice(_ZH_PINYIN)}{rng.randint(1, 99)}.com.cn"
    return Site(name=owner, host="www." + host, lang=lang, style="expired", authors=rng.sample(_FAKE_PEOPLE[lang], k=2),
                url_style=rng.choice(["query", "dated", "archives"]), old_owner=owner, old_menu=list(menu))


def typosquat(host: str, rng: random.Random) -> str:
    """A near-identical host name for a clone of ``host``."""
    host = registered_domain("https://" + host) or host.removeprefix("www.")  # "news.x.cn" -> "x.cn"
    label, _, rest = host.partition(".")
    tricks = []
    if len(label) > 3:
        i = rng.randrange(1, len(label) - 1)
        tricks.append(label[:i] + label[i] + label[i:])  # doubled letter
        tricks.append(label[:i] + label[i + 1] + label[i] + label[i + 2:])  # swapped letters
    for a, b in (("l", "1"), ("o", "0"), ("m", "rn"), ("i", "l"), ("w", "vv")):
        if a in label:
            tricks.append(label.replace(a, b, 1))
    tricks += [label + "-news", label + "news", label + "-online", "the" + label, label + "24"]
    new_label = rng.choice(tricks)
    new_rest = rng.choice([rest, rest, "net", "co", "online", "news", "info"]) or "com"
    return "www." + new_label + "." + new_rest


def legit_site(lang: str, rng: random.Random) -> Site:
    """A plausible regional outlet that openly runs partner and wire copy."""
    names = {
        "en": ["Lakeshore Tribune", "Cedar Valley Ledger", "The Harbor City Courier", "Northfield Gazette", "Eastbrook Daily Record"],
        "de": ["Rheintaler Anzeiger", "Märkische Rundschau Online", "Weserbote", "Allgäuer Tagblatt Online"],
        "es": ["Diario del Valle Norte", "La Gaceta de Costa Azul", "El Heraldo de San Telmo", "Crónica del Sur"],
        "fr": ["La Gazette du Lac", "Le Courrier des Vallées", "L'Écho de la Côte", "Le Républicain du Centre"],
        "id": ["Harian Suara Khatulistiwa", "Pos Nusa Tenggara", "Warta Kota Pelabuhan", "Tribun Lembah Hijau"],
        "zh": ["江南都市报", "海滨日报", "北方晨报网", "西部时报"],
    }[lang]
    name = rng.choice(names)
    host = (f"www.{rng.choice(_ZH_PINYIN)}bao.com.cn" if lang == "zh"
            else "www." + slugify(name).replace("-", rng.choice(["", "-"])) + rng.choice(_TLDS[lang][:2]))
    return Site(name=name, host=host, lang=lang, style="regional", authors=[], url_style=rng.choice(["dated", "section"]))


def article_path(site: Site, title: str, when: str, rng: random.Random) -> str:
    """A URL path in the site's CMS style; ``when`` is an ISO date or ""."""
    y, m, d = (when[:4], when[5:7], when[8:10]) if len(when) >= 10 else ("2024", "01", "01")
    slug = slugify(title) or f"post-{rng.randint(1000, 99999)}"
    number = rng.randint(10000, 999999)
    return {
        "dated": f"/{y}/{m}/{d}/{slug}/",
        "numeric": f"/news/{number}.html",
        "query": f"/?p={number}",
        "archives": f"/archives/{number}",
        "section": f"/{_SECTIONS.get(site.lang, 'news')}/{slug}-{number}",
        "zh-html": f"/html/{y}/{m}{d}/{number}.html",
    }[site.url_style]
