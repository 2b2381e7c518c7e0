"""Who is who among news outlets, and which outlets a page's body credits.

Pure data plus small functions shared by the brand and credit signals:

- ``OUTLETS``: well-known outlets, wires and picture agencies with their aliases
  and domains; ``normalize_outlet`` maps any spelling to one key.
- ``name_matches_host`` / ``names_agree``: fuzzy "is this name that site?"
  ("FAZ" and "Frankfurter Allgemeine Zeitung" on faz.net, "The Verge" on theverge.com).
- ``body_credits``: the reporting and credit marks in the body (datelines,
  "told X", "according to X", photo and copyright credits, "originally
  published by X"), each with quoted evidence; read once per paragraph tuple.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..domains import host as url_host
from ..page import Page
from .base import Evidence


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    aliases: tuple[str, ...]  # spellings as they appear in text (case matters in bodies)
    domains: tuple[str, ...]
    kind: str  # "wire" (sells copy to others), "news", "photo" (picture agency only)


# key, name, aliases ("; "-separated), domains (space-separated)
_WIRES = [
    ("ap", "The Associated Press", "AP; Associated Press; A.P.", "apnews.com ap.org"),
    ("reuters", "Reuters", "Reuters; REUTERS; Thomson Reuters", "reuters.com"),
    ("afp", "Agence France-Presse", "AFP; afp; Agence France-Presse; Agence France Presse", "afp.com"),
    ("dpa", "Deutsche Presse-Agentur",
     "dpa; DPA; Deutsche Presse-Agentur; Deutschen Presse-Agentur; dpa-infocom; dpa-AFX",
     "dpa.com dpa.de dpa-international.com"),
    ("upi", "United Press International", "UPI; United Press International", "upi.com"),
    ("bloomberg", "Bloomberg", "Bloomberg; Bloomberg News", "bloomberg.com"),
    ("pa", "PA Media", "PA Media; PA; Press Association; PA Wire", "pamediagroup.com"),
    ("ansa", "ANSA", "ANSA", "ansa.it"),
    ("efe", "EFE", "EFE; Agencia EFE", "efe.com"),
    ("kyodo", "Kyodo News", "Kyodo; Kyodo News", "kyodonews.net"),
    ("cna", "CNA", "CNA; Channel NewsAsia", "channelnewsasia.com"),
    ("tns", "Tribune News Service", "Tribune News Service; TNS; Tribune Content Agency", "tribunecontentagency.com"),
    ("xinhua", "Xinhua", "Xinhua", "xinhuanet.com news.cn"),
    ("tass", "TASS", "TASS", "tass.com tass.ru"),
    ("cp", "The Canadian Press", "Canadian Press", "thecanadianpress.com"),
    ("aap", "Australian Associated Press", "AAP; Australian Associated Press", "aap.com.au"),
    ("pti", "Press Trust of India", "PTI; Press Trust of India", "ptinews.com"),
    ("yonhap", "Yonhap", "Yonhap", "yna.co.kr"),
    ("apa", "Austria Presse Agentur", "APA; Austria Presse Agentur", "apa.at"),
    ("sda", "Keystone-SDA", "SDA; Keystone-SDA; sda", "keystone-sda.ch"),
    ("kna", "Katholische Nachrichten-Agentur", "KNA", "kna.de"),
    ("epd", "Evangelischer Pressedienst", "epd", "epd.de"),
    ("sid", "Sport-Informations-Dienst", "SID; sid", "sid.de"),
    ("dts", "dts Nachrichtenagentur", "dts; dts Nachrichtenagentur", "dts-nachrichtenagentur.de"),
    ("ots", "ots", "ots", "presseportal.de newsaktuell.de"),
]
# Names whose bare form is an ordinary word ("Hill", "Independent") are listed only
# with their article, and are only read in bodies after "the".
_NEWS = [
    ("abc", "ABC News", "ABC News; ABC", "abcnews.go.com abcnews.com abc.net.au"),
    ("cbs", "CBS News", "CBS News; CBS", "cbsnews.com cbs.com"),
    ("nbc", "NBC News", "NBC News; NBC", "nbcnews.com nbc.com"),
    ("cnn", "CNN", "CNN", "cnn.com"),
    ("fox", "Fox News", "Fox News; Fox News Digital", "foxnews.com"),
    ("bbc", "BBC", "BBC; BBC News", "bbc.com bbc.co.uk"),
    ("nyt", "The New York Times", "New York Times; NYT; NY Times", "nytimes.com"),
    ("wapo", "The Washington Post", "Washington Post", "washingtonpost.com"),
    ("wsj", "The Wall Street Journal", "Wall Street Journal; WSJ", "wsj.com"),
    ("latimes", "Los Angeles Times", "Los Angeles Times; LA Times; L.A. Times", "latimes.com"),
    ("usatoday", "USA Today", "USA Today; USA TODAY", "usatoday.com"),
    ("guardian", "The Guardian", "The Guardian", "theguardian.com guardian.co.uk"),
    ("politico", "Politico", "Politico; POLITICO", "politico.com politico.eu"),
    ("axios", "Axios", "Axios", "axios.com"),
    ("npr", "NPR", "NPR; National Public Radio", "npr.org"),
    ("yahoo", "Yahoo News", "Yahoo News; Yahoo; Yahoo Finance", "yahoo.com"),
    ("msn", "MSN", "MSN", "msn.com"),
    ("cnbc", "CNBC", "CNBC", "cnbc.com"),
    ("time", "TIME", "TIME; Time magazine", "time.com"),
    ("newsweek", "Newsweek", "Newsweek", "newsweek.com"),
    ("huffpost", "HuffPost", "HuffPost; Huffington Post",
     "huffpost.com huffingtonpost.com huffingtonpost.co.uk huffingtonpost.de"),
    ("buzzfeed", "BuzzFeed News", "BuzzFeed News; BuzzFeed", "buzzfeed.com buzzfeednews.com"),
    ("verge", "The Verge", "The Verge", "theverge.com"),
    ("wired", "WIRED", "WIRED; Wired", "wired.com wired.co.uk wired.de"),
    ("atlantic", "The Atlantic", "The Atlantic", "theatlantic.com"),
    ("hill", "The Hill", "The Hill", "thehill.com"),
    ("insider", "Business Insider", "Business Insider; Insider", "businessinsider.com insider.com businessinsider.de"),
    ("forbes", "Forbes", "Forbes", "forbes.com"),
    ("ft", "Financial Times", "Financial Times; FT", "ft.com"),
    ("economist", "The Economist", "The Economist", "economist.com"),
    ("telegraph", "The Telegraph", "The Telegraph; Daily Telegraph", "telegraph.co.uk"),
    ("independent", "The Independent", "The Independent", "independent.co.uk"),
    ("dailymail", "Daily Mail", "Daily Mail; Mail Online; MailOnline", "dailymail.co.uk"),
    ("sky", "Sky News", "Sky News", "sky.com"),
    ("aljazeera", "Al Jazeera", "Al Jazeera", "aljazeera.com aljazeera.net"),
    ("cbc", "CBC News", "CBC News; CBC", "cbc.ca"),
    ("propublica", "ProPublica", "ProPublica", "propublica.org"),
    ("conversation", "The Conversation", "The Conversation", "theconversation.com"),
    ("kff", "KFF Health News", "KFF Health News; Kaiser Health News", "kffhealthnews.org khn.org"),
    ("spiegel", "Der Spiegel", "Spiegel; SPIEGEL; Spiegel Online; SPIEGEL ONLINE", "spiegel.de"),
    ("faz", "Frankfurter Allgemeine Zeitung",
     "Frankfurter Allgemeine Zeitung; Frankfurter Allgemeinen Zeitung; FAZ; F.A.Z.", "faz.net"),
    ("sz", "Süddeutsche Zeitung", "Süddeutsche Zeitung; Süddeutschen Zeitung", "sueddeutsche.de sz.de"),
    ("zeit", "Die Zeit", "Zeit Online; ZEIT ONLINE; ZEIT", "zeit.de"),
    ("welt", "Die Welt", "WELT; Welt am Sonntag", "welt.de"),
    ("bild", "Bild", "BILD; Bild-Zeitung", "bild.de"),
    ("ard", "ARD", "ARD; tagesschau; tagesschau.de", "tagesschau.de ard.de"),
    ("zdf", "ZDF", "ZDF", "zdf.de"),
    ("ntv", "n-tv", "n-tv; ntv", "n-tv.de"),
    ("handelsblatt", "Handelsblatt", "Handelsblatt", "handelsblatt.com"),
    ("tagesspiegel", "Der Tagesspiegel", "Tagesspiegel", "tagesspiegel.de"),
    ("rnd", "RedaktionsNetzwerk Deutschland", "RedaktionsNetzwerk Deutschland; RND", "rnd.de"),
    ("heise", "heise online", "heise online", "heise.de"),
    ("lemonde", "Le Monde", "Le Monde", "lemonde.fr"),
]
# Picture agencies: their credits say where a photo came from, not who reported the story.
_PHOTO = [
    ("getty", "Getty Images", "Getty Images; Getty", "gettyimages.com"),
    ("epa", "EPA", "EPA; EPA-EFE", "epa.eu"),
    ("shutterstock", "Shutterstock", "Shutterstock", "shutterstock.com"),
    ("istock", "iStock", "iStock; iStockphoto", "istockphoto.com"),
    ("alamy", "Alamy", "Alamy", "alamy.com"),
    ("imago", "IMAGO", "IMAGO; imago; imago images", "imago-images.com"),
    ("picturealliance", "picture alliance", "picture alliance; picture-alliance", "picture-alliance.com"),
    ("keystone", "Keystone", "Keystone", "keystone-sda.ch"),
]

OUTLETS: dict[str, Outlet] = {
    key: Outlet(key, name, tuple(a.strip() for a in aliases.split(";")), tuple(domains.split()), kind)
    for kind, rows in (("wire", _WIRES), ("news", _NEWS), ("photo", _PHOTO))
    for key, name, aliases, domains in rows
}
WIRES = frozenset(k for k, o in OUTLETS.items() if o.kind == "wire")
PHOTO_AGENCIES = frozenset(k for k, o in OUTLETS.items() if o.kind == "photo")

# Site names that name the software or host, not the publisher.
PLATFORM_NAMES = frozenset(
    "medium|wordpress|wordpress com|blogger|blogspot|substack|tumblr|ghost|squarespace|wix|"
    "youtube|facebook|twitter|x|linkedin|reddit|github|gitlab|google".split("|")
)
# Hosts that serve many independent sites: a site name there need not spell the host.
PLATFORM_DOMAINS = frozenset(
    "wordpress.com blogspot.com blogger.com archive.org wikidot.com pixnet.net medium.com substack.com "
    "tumblr.com github.io gitlab.io wixsite.com jimdo.com jimdofree.com over-blog.com typepad.com "
    "livejournal.com weebly.com hatenablog.com ghost.io squarespace.com netlify.app vercel.app "
    "google.com sites.google.com wikia.com fandom.com blog.de tistory.com naver.com".split()
)
# Publishing groups that some pages give as publisher instead of the title's name.
PUBLISHER_GROUPS = frozenset(
    "conde nast|hearst|gannett|axel springer|vox media|future plc|future|dotdash meredith|"
    "meredith|ziff davis|tribune publishing|mcclatchy|lee enterprises|sinclair|nexstar|tegna|"
    "funke mediengruppe|ippen media|madsack|dumont|burda|hubert burda media|gruner jahr|"
    "news corp|yahoo|verizon media|oath|aol|the new york times company|thomson reuters|"
    "bonnier|schibsted|mediahuis|springer nature|elsevier|wiley".split("|")
)
# Last words that make a run of capitalised words read as a publisher's brand
# ("... Exchange", "... Wealth Society", "... News Daily"), not a headline's subject.
BRAND_WORDS = frozenset(
    "exchange society news daily times post herald journal network media hub wire today insider "
    "digest report review tribune gazette chronicle capital finance financial wealth money press "
    "online world global group info weekly observer monitor voice star magazine tv radio channel "
    "watch investor investors markets market trends blog zeitung nachrichten kurier anzeiger "
    "rundschau echo bote blatt insight insights union circle bureau forum fortune ventures holdings "
    "partners alliance".split()
)


# ---------------------------------------------------------------------------
# Names

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING_ARTICLE = re.compile(r"^(?:the|der|die|das) ")


def _fold(text: str) -> str:
    """Lowercase with German umlauts transliterated and other accents dropped,
    the way names are spelled in host names ("Süddeutsche" -> "sueddeutsche")."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def plain_name(name: str) -> str:
    """"The Associated Press" -> "associated press": folded, punctuation to spaces,
    dots dropped ("A.P." -> "ap"), a leading article dropped."""
    folded = _fold(name).replace(".", "").replace("’s", "").replace("'s", "")
    return _LEADING_ARTICLE.sub("", _NON_ALNUM.sub(" ", folded).strip())


_ALIAS_KEY: dict[str, str] = {}
for _outlet in OUTLETS.values():
    for _spelling in (_outlet.key, _outlet.name, *_outlet.aliases, *_outlet.domains):
        _ALIAS_KEY.setdefault(plain_name(_spelling), _outlet.key)


@lru_cache(maxsize=8192)
def normalize_outlet(name: str) -> str:
    """The canonical key of an outlet name: "the associated press" -> "ap",
    "Reuters" -> "reuters". Unknown names come back plain-folded
    ("The Esthen Exchange" -> "esthen exchange"), so equal names still compare equal."""
    plain = plain_name(name)
    return _ALIAS_KEY.get(plain, plain)


def display_name(key: str) -> str:
    """The outlet's name for messages: "ap" -> "The Associated Press"; unknown keys as they are."""
    return OUTLETS[key].name if key in OUTLETS else key


@lru_cache(maxsize=8192)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded alphanumeric words of a name: "Kölner Stadt-Anzeiger" -> ("koelner", "stadt", "anzeiger")."""
    return tuple(_NON_ALNUM.sub(" ", _fold(name)).split())


def _spelled_by(label: str, tokens: tuple[str, ...]) -> bool:
    """Whether ``label`` is the tokens in order, each used whole, cut to a prefix
    (an initial at least) or skipped: "faz" <- Frankfurter Allgemeine Zeitung,
    "latimes" <- Los Angeles Times, "ksta" <- Kölner Stadt Anzeiger."""
    reached = {0}  # how much of the label the tokens so far can spell
    for token in tokens:
        grown = set(reached)
        for i in reached:
            k = 0
            while k < len(token) and i + k < len(label) and label[i + k] == token[k]:
                k += 1
                grown.add(i + k)
        reached = grown
        if len(label) in reached:
            return True
    return False


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long``: same first letter, then its letters in
    order ("wiwo" <- wirtschaftswoche, "djz" <- deutschejagdzeitung)."""
    if not short or not long or short[0] != long[0]:
        return False
    at = 0
    for ch in short:
        at = long.find(ch, at) + 1
        if not at:
            return False
    return True


@lru_cache(maxsize=8192)
def names_agree(a: str, b: str) -> bool:
    """Whether two names denote the same outlet: same canonical key, or one's
    compact form is spelled by the other's words ("WSJ" ~ "The Wall Street Journal",
    "Esthen Exchange" ~ "The Esthen Exchange")."""
    if not a.strip() or not b.strip():
        return False
    if normalize_outlet(a) == normalize_outlet(b):
        return True
    ta, tb = name_tokens(a), name_tokens(b)
    ca, cb = "".join(ta), "".join(tb)
    if len(ca) < 2 or len(cb) < 2:
        return False
    return _spelled_by(ca, tb) or _spelled_by(cb, ta)


# ---------------------------------------------------------------------------
# Names against hosts

_HOST_NOISE = frozenset({"www", "m", "amp", "mobile", "edition", "beta", "en", "de"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne", "go"})
# Label parts that are no part of the name: "ln-online.de", "mz-web.de", "tribune242.com", "mein-ort.de".
_LABEL_AFFIXES = re.compile(
    r"^(?:the|my|mein|meine|die|der|das)(?=\w{3})|(?<=\w{2})(?:online|web|news|net|live|info|digital|tv|blog|\d+)$"
)
_DOMAIN_NAME = re.compile(r"^(?:www\.)?[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
# Words too common in outlet names to identify one on their own: "Renu Capital" is
# not the site at mamaerkcapital.com.
_GENERIC_NAME_WORDS = BRAND_WORDS | frozenset("the post digital local trade asset business tech science new".split())
_SHARED_HEAD = 6  # a name word and a host label starting alike for this long: "jovelblog" / jovelblogger.de


@lru_cache(maxsize=8192)
def host_labels(host: str) -> tuple[str, ...]:
    """The naming labels of a host, hyphens dropped: "edition.cnn.com" -> ("cnn",),
    "abcnews.go.com" -> ("abcnews", "go"), "www.bbc.co.uk" -> ("bbc",)."""
    labels = host.lower().split(".")[:-1]  # drop the top-level domain
    while len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    return tuple(label.replace("-", "") for label in labels if label and label not in _HOST_NOISE)


def _label_variants(label: str) -> set[str]:
    return {v for v in (label, _LABEL_AFFIXES.sub("", label)) if len(v) >= 2}


@lru_cache(maxsize=8192)
def name_matches_host(name: str, host: str) -> bool:
    """Whether a publisher name plausibly is the site at ``host``: a label of the
    host is spelled by the name's words (whole, initials, prefixes), abbreviates
    the name or is abbreviated by it, or holds one of its distinctive words.
    "The Verge"/theverge.com, "ABC News"/abcnews.go.com, "FAZ.NET"/faz.net,
    "Bayerischer Rundfunk"/br.de, "WirtschaftsWoche"/wiwo.de, "LN - Lübecker Nachrichten"/ln-online.de."""
    if not host:
        return False
    if _DOMAIN_NAME.match(name.strip()):  # "dhz.net", "www.example.fr": compare it as a host
        own = url_host(name.strip().lower())
        if own == host or host.endswith("." + own) or own.endswith("." + host):
            return True
        name = " ".join(host_labels(own)) or name
    tokens = name_tokens(name)
    if not tokens:
        return False
    compact = "".join(tokens)
    distinctive = [t for t in tokens if len(t) >= 5 and t not in _GENERIC_NAME_WORDS]
    for label in host_labels(host):
        for variant in _label_variants(label):
            if _spelled_by(variant, tokens) or _abbreviates(variant, compact):
                return True
            if len(variant) >= 4 and variant in compact:
                return True
        if any(t in label or t[:_SHARED_HEAD] == label[:_SHARED_HEAD] for t in distinctive):
            return True
        if len(compact) >= 3 and _abbreviates(compact, label):  # "dhz" <- deutschehandwerkszeitung
            return True
    return False


def page_host(page: Page) -> str:
    """The page's host from its URL, else its registered domain, else ""."""
    return url_host(page.url) if page.url else page.domain


def outlet_on_host(outlet_key: str, host: str) -> bool:
    """Whether the outlet's site is ``host``: one of its table domains is the host or
    a parent of it; for outlets not in the table, its name spells the host."""
    if not host:
        return False
    outlet = OUTLETS.get(outlet_key)
    if outlet is not None:
        return any(host == d or host.endswith("." + d) for d in outlet.domains)
    return name_matches_host(outlet_key, host)


def outlet_matches_site(outlet_key: str, page: Page) -> bool:
    """Whether the outlet is the site the page is on: it is on the page's host
    (see ``outlet_on_host``) or it is the page's site_name."""
    if outlet_on_host(outlet_key, page_host(page)):
        return True
    return bool(page.site_name) and normalize_outlet(page.site_name) == outlet_key


# ---------------------------------------------------------------------------
# Credits in the body
#
# Regexes that start with an alternation are tried at every character, which is
# slow in Python. So the body is read mention-first: one trie regex finds the
# capitalised outlet names and the news-ish words that end unknown outlet names
# ("... Daily", "... Times"), two str.find loops find the lowercase wires ("dpa",
# "afp"), and each mention is then classified by short regexes on the text right
# before and after it. Datelines are read at paragraph starts only, and
# "originally published by <any name>" / "© <any name>" lines only in the first
# and last paragraphs that contain their key words.

class Credit(NamedTuple):
    outlet: str  # canonical key (normalize_outlet)
    # dateline, statement_to, report_by, photo, copyright, originally_published,
    # credit_line ("Contributing: AP", "AP contributed to this report", "Mit Material von dpa", "jk/dpa")
    kind: str
    evidence: Evidence


# Kinds that openly say the copy comes from elsewhere, as opposed to reporting marks left in it.
OPEN_CREDIT_KINDS = frozenset({"copyright", "originally_published", "credit_line"})

_KIND_REASONS = {
    "dateline": "wire-style dateline credits {}",
    "statement_to": "a statement or interview given to {}",
    "report_by": "reporting attributed to {}",
    "photo": "photo credited to {}",
    "copyright": "copyright line of {}",
    "originally_published": "says the story was first published by {}",
    "credit_line": "credit line naming {}",
}
_SOURCE_LABEL = re.compile(r"(?:Sources?|Quellen?|Credit)\b")


def is_source_line(credit: Credit) -> bool:
    """Whether a credit is a "Source: X" line: the declared source restated in the
    body, so it cannot back that declaration."""
    return credit.kind == "credit_line" and bool(_SOURCE_LABEL.match(credit.evidence.text))


def _trie_pattern(spellings: list[str]) -> str:
    """One regex alternation of literal spellings, factored as a trie so a failed
    match costs a character or two, not a try of every spelling."""
    trie: dict = {}
    for word in spellings:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [(r"[ \xa0]" if ch == " " else re.escape(ch)) + render(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        ends_here = "" in node
        body = "|".join(branches)
        if len(branches) > 1 or ends_here:
            body = f"(?:{body})"
        return body + ("?" if ends_here else "")

    return render(trie)


_ARTICLES = ("The ", "Die ", "Der ", "Le ")


def _spelling_table() -> tuple[dict[str, str], frozenset[str]]:
    """Bare spellings (articles dropped) -> key, and the spellings that only name the
    outlet after "the" ("the Hill", "the Independent": ordinary words otherwise)."""
    keys: dict[str, str] = {}
    article_only: set[str] = set()
    for outlet in OUTLETS.values():
        bare_aliases = {a for a in outlet.aliases if not a.startswith(_ARTICLES)}
        for alias in (outlet.name, *outlet.aliases):
            bare = alias
            for article in _ARTICLES:
                bare = bare.removeprefix(article)
            keys.setdefault(bare, outlet.key)
            if bare != alias and bare not in bare_aliases and outlet.name.startswith("The "):
                article_only.add(bare)
    return keys, frozenset(article_only)


_SPELLING_KEY, _ARTICLE_ONLY = _spelling_table()
# Words that end the names of outlets not in the table ("The Esthen Daily", "Lakeside Times").
_NAME_TAILS = frozenset(
    "News Times Post Herald Journal Daily Press Tribune Gazette Chronicle Telegraph Observer "
    "Examiner Magazine Radio Today Wire Insider Exchange Society Ledger Courier Dispatch".split()
)
_WORD_END = r"(?![\w\-])"  # "CNN's" yes; "APA" is not "AP"; "ARD-Korrespondent" is not ARD
_CAPITALISED_SPELLINGS = sorted(s for s in _SPELLING_KEY if s[0].isupper())
_MENTION_RE = re.compile(rf"(?:{_trie_pattern(_CAPITALISED_SPELLINGS + sorted(_NAME_TAILS))}){_WORD_END}")
# Lowercase spellings are found with str.find, which is only cheap for a few keys: the
# two wires that German copy names in running text ("sagte der dpa", "Foto: afp").
# The others ("(epd)", "sid/dpa") stand in datelines and credit-only paragraphs,
# which are read separately.
_LOWER_ROOTS = ("dpa", "afp")
_LOWER_MATCH_RE = re.compile(rf"(?:{_trie_pattern(sorted(s for s in _SPELLING_KEY if not s[0].isupper()))}){_WORD_END}")
# All known spellings (with articles), for short texts such as bylines.
_KNOWN_IN_TEXT_RE = re.compile(rf"(?<![\w\-])(?:[Tt]he[ \xa0])?(?:{_trie_pattern(sorted(_SPELLING_KEY))}){_WORD_END}")

_S = r"[ \xa0]"  # a space that never crosses a paragraph break
_COPYRIGHT_SIGN = r"(?:©|\([cC]\)|\bCopyright|\bCopr\.)"
_YEARS = rf"\d{{4}}(?:{_S}?[-–]{_S}?\d{{4}})?"  # "2024", "2019-2024"
# What may stand right before an outlet's name, by kind; each ends where the name begins.
_BEFORE_RE = re.compile(
    r"(?:"
    # "Contributing: AP", "Mit Material von dpa und ", "Quelle: "
    rf"(?P<credit_line>(?:^|[.)]{_S})(?:Contributing|Additional{_S}reporting(?:{_S}by)?"
    rf"|Mit{_S}Material{_S}(?:von|der|des)(?:{_S}Nachrichtenagenturen?)?|Quellen?|Sources?|Credit)"
    rf"{_S}?:?{_S}(?:[\w\-]+{_S}?(?:,|/|und|and|&){_S}?)*)"
    # "This story was originally published by", "Republished with permission from"
    rf"|(?P<originally_published>(?:\b(?:originally|first){_S}(?:published|appeared|ran)"
    rf"|\bThis{_S}(?:story|article|post|piece|report|column|essay){_S}[^.\n]{{0,40}}?(?:published|appeared|ran)"
    rf"|\b(?:[Rr]epublished|[Rr]eprinted|[Rr]eproduced|[Ss]yndicated))"
    rf"(?:{_S}with(?:{_S}the)?{_S}permission)?{_S}(?:by|in|on|at|from|of|via){_S}"
    rf"|\b(?:erschien|erschienen){_S}(?:zuerst|ursprünglich){_S}(?:bei|in|auf|im){_S}(?:der{_S}|dem{_S})?)"
    # "© 2023 ", "Copyright 2024 "
    rf"|(?P<copyright>{_COPYRIGHT_SIGN}{_S}?(?:©{_S}?)?(?:{_YEARS},?{_S})?)"
    # "told ", "said in a statement to ", "in an interview with ", "sagte er der ", "sagte gegenüber "
    rf"|(?P<statement_to>\b(?:told|tells|telling|said(?:{_S}in{_S}a{_S}statement)?{_S}to|in{_S}a{_S}statement{_S}to"
    rf"|statement{_S}to|confirmed(?:{_S}(?:it|this|that))?{_S}to"
    rf"|(?:in|during){_S}an?{_S}(?:exclusive{_S}|recent{_S}|phone{_S}|telephone{_S}|email{_S})?interview{_S}with"
    rf"|speaking{_S}(?:to|with)|spoke{_S}(?:to|with)|in{_S}an{_S}email{_S}to"
    rf"|(?:sagte|sagt|erklärte|erklärt|bestätigte|bestätigt|betonte)(?:{_S}[\wäöüß]+){{0,3}}?{_S}"
    rf"(?:gegenüber(?:{_S}der|{_S}dem)?|der|dem)(?:{_S}(?:Nachrichtenagentur|Zeitung|Sender|Magazin))?"
    rf"|(?:im|in{_S}einem){_S}(?:Interview|Gespräch){_S}mit(?:{_S}(?:der|dem))?){_S})"
    # "according to ", "first reported by ", "laut ", "berichtete die "
    rf"|(?P<report_by>\b(?:according{_S}to|first{_S}reported{_S}by|reported{_S}by|citing"
    rf"|(?:reported|reporting){_S}(?:from|in|by))"
    rf"(?:{_S}(?:an?|the))?(?:{_S}(?:reports?|story|article|reporting){_S}(?:by|from|in))?{_S}"
    rf"|\b(?:laut|berichtete|berichtet|meldete|meldet|zitiert|schreibt|schrieb)(?:{_S}(?:die|der|das|dem|den))?"
    rf"(?:{_S}(?:Nachrichtenagentur|Zeitung|Sender|Magazin))?{_S})"
    # "Photo: ", "Foto: Kay Roe/", "Pool/", "Evan Vucci / "
    rf"|(?P<photo>\b(?:Photo|Photos|Photograph|Image|Picture|Foto|Fotos|Bild)(?:{_S}credit)?{_S}?:{_S}?"
    rf"(?:[A-Z][\w.'’\-]*(?:{_S}[A-Z][\w.'’\-]*){{0,3}}{_S}?/{_S}?)?"
    rf"|(?:[A-Z][\w'’\-]*{_S})?[A-Za-z][\w'’\-]*{_S}?/{_S}?)"
    r")$"
)
_BEFORE_KINDS = ("credit_line", "originally_published", "copyright", "statement_to", "report_by", "photo")
_BEFORE_WINDOW = 70
_POLL_PARTNERS = r"(?!Ipsos|YouGov|NORC|Marist|SSRS|Harris|Gallup|Siena|SurveyMonkey|Langer|Emerson)"
# What may follow an outlet's name, by kind.
_AFTER_RE = re.compile(
    rf"(?P<credit_line>(?:{_S}(?:writers?|reporters?|correspondents?|staff)\b[^.\n]{{0,80}}?)?{_S}contributed)"
    rf"|(?P<photo>(?:{_S}?Photos?)?{_S}?/{_S}?{_POLL_PARTNERS}[A-Z][\w'’\-]+(?:{_S}[A-Z][\w'’\-]+)?"
    rf"|{_S}via{_S}Getty{_S}Images)"
    rf"|(?P<report_noun>(?:['’]s)?{_S}(?:report|reporting|story|article|investigation|analysis|poll|survey)\b)"
)
_THE_BEFORE = ("the ", "The ", "the\xa0", "The\xa0")
_ARTICLE_BEFORE = re.compile(rf"\b(?:[Aa]n?|[Tt]he){_S}$")
# Capitalised words before a name tail: "The Esthen " + "Daily".
_NAME_HEAD = re.compile(rf"(?:[A-Z][\w&'’.\-]*{_S}){{1,3}}$")
_NEXT_TAIL = re.compile(rf"{_S}(?:{'|'.join(sorted(_NAME_TAILS))})\b")

_DATELINE_RE = re.compile(
    # Optional place (and date), then a short parenthesised credit, then a dash, or
    # the text glued straight to the bracket ("(CNN)The ...").
    r"(?P<place>(?:[A-ZÄÖÜÀ-Þ][\w'’.\-]*(?:[ /\-][A-ZÄÖÜÀ-Þa-z][\w'’.\-]*){0,3}"
    r"(?:,[ \xa0](?:[A-Z][\w'’.\-]*(?:[ \xa0][A-Z0-9][\w'’.\-]*)?|[A-Z][a-z]{2,4}\.?[ \xa0]\d{1,2}"
    r"|\d{1,2}\.?[ \xa0][A-ZÄÖÜ][a-zäöü]+\.?)){0,2})[ \xa0]?)?"
    r"\((?P<credit>[^()\n]{2,40})\)(?P<dash>[ \xa0]*[-—–]{1,2}|(?=[A-ZÄÖÜ\"“„]))"
)
_DATELINE_REACH = 90  # a dateline's bracket opens within this many characters of the paragraph start
_MAX_PLACE_WORDS = 6
# Bracketed words at a paragraph start that are not a credit: labels, parties, bodies.
_NOT_CREDITS = frozenset(
    "video videos photo photos foto fotos audio live watch listen update updated updates exclusive "
    "opinion analysis lead corrected refile correction graphic grafik podcast sponsored anzeige "
    "eu un us usa uk who nato fbi cia ezb ecb imf iwf gop spd cdu csu fdp afd bsw linke oevp spoe fpoe".split()
)
_UNKNOWN_DATELINE_CREDIT = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,11}$")
_PARTY_STATE = re.compile(r"^[RDI]-[A-Z]{2}$")
_DATELINE_SPLIT = re.compile(r"\s*(?:/|,|\band\b|\bund\b)\s*")

# A short paragraph of credit abbreviations only: "dpa", "(AFP)", "jk/dpa", "dpa/AFP/lnw".
_CREDIT_ONLY_PARAGRAPH = re.compile(r"^\(?(?:[A-Za-z\-]{1,12}/){0,3}[A-Za-z\-]{2,12}(?:/[A-Za-z\-]{1,12}){0,3}\)?\.?$")
_CREDIT_ONLY_CHARS = 40
_CREDIT_PARTS = re.compile(r"[A-Za-z\-]+")
_CLOSING_PARAGRAPHS = 3  # credit lines close (or open) an article

# Holders of copyright lines and first publishers, named or not: any capitalised name or a domain.
_ANY_NAME = (
    r"(?P<name>(?:[Tt]he[ \xa0])?(?:[A-Z][\w&'’.\-]*(?:(?:[ \xa0](?:of|and|&|for|de|del|du|des|la|le|der|die|von|y|et|und)){0,2}"
    r"[ \xa0][A-Z0-9][\w&'’.\-]*){0,5}"
    r"|[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,12})(?<![.,]))"
)
_NAMED_LINE_RE = re.compile(
    rf"(?:(?P<originally_published>(?:\b(?:originally|first){_S}(?:published|appeared|ran)"
    rf"|\bThis{_S}(?:story|article|post|piece|report|column|essay){_S}[^.\n]{{0,40}}?(?:published|appeared|ran)"
    rf"|\b(?:[Rr]epublished|[Rr]eprinted|[Rr]eproduced|[Ss]yndicated))"
    rf"(?:{_S}with(?:{_S}the)?{_S}permission)?{_S}(?:by|in|on|at|from|of|via)"
    rf"|\bProvided{_S}by"  # syndication portals: "Provided by The Guardian"
    # partner lines: "In partnership with X", "In Kooperation mit X", "En partenariat avec X"
    rf"|\b(?:[Ii]n{_S}partnership{_S}with|[Ii]n{_S}Kooperation{_S}mit|[Ee]n{_S}partenariat{_S}avec"
    rf"|[Ee]n{_S}colaboración{_S}con)"
    rf"|\b(?:erschien|erschienen){_S}(?:zuerst|ursprünglich){_S}(?:bei|in|auf|im)(?:{_S}der|{_S}dem)?"
    rf"|\b(?:zuerst|ursprünglich){_S}(?:von|bei)(?:{_S}der|{_S}dem)?"  # "wurde zuerst von X veröffentlicht"
    rf"|\b(?:publicad[oa]|se{_S}public[óo])(?:{_S}originalmente|{_S}primero|{_S}por{_S}primera{_S}vez){_S}(?:en|por)"
    rf"|\b(?:initialement{_S}publiée?|publiée?{_S}à{_S}l['’]origine|republiée?{_S}à{_S}partir{_S}de)"
    rf"(?:{_S}(?:par|dans|sur))?"
    rf"|\bpertama{_S}kali{_S}(?:terbit|dimuat|tayang){_S}(?:di|oleh))"
    rf"|(?P<copyright>{_COPYRIGHT_SIGN}{_S}?(?:©{_S}?)?(?:{_YEARS},?)?)){_S}?"
    + _ANY_NAME
)
# Cheap substring tests that a paragraph may hold such a line ("(c)" lines without "©" are rare).
_NAMED_LINE_KEYS = ("©", "opyright", "riginally", "first pub", "first app", "epubli", "eprint", "eprodu", "yndicat",
                    "erschien", "rovided by", "artnership", "ooperation", "artenariat", "olaboración", "zuerst", "ursprünglich", "ublicad", "ublic", "ublié", "pertama kali")
_NAMED_LINE_HEAD, _NAMED_LINE_TAIL = 2, 5  # such lines open or close an article
# What follows a holder's name in a copyright line and is not part of it.
_NAME_TAIL = re.compile(r"[ \xa0,.]*(?:\b(?:All|Alle)\b.*|\b(?:Inc|LLC|Ltd|GmbH|AG|KG|Co|Corp)\b\.?|\.)$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def outlet_mentions(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of every known outlet a short text names:
    "By Jane Roe, Associated Press" -> [("ap", 14, 30)]."""
    if not text:
        return []
    return [(normalize_outlet(m.group(0)), m.start(), m.end()) for m in _KNOWN_IN_TEXT_RE.finditer(text)]


def _dateline_outlets(credit: str, spaced_dash: bool) -> list[str]:
    """Outlet keys named in a dateline's brackets ("AP", "dpa/AFP"), [] when they hold
    no credit ("(VIDEO)", "(R-TX)", "(EU)", "(left)"). Unknown credits ("(KXYZ) --")
    only count before a spaced dash: "Body Condition Score (BCS)-..." is no dateline."""
    keys = []
    for part in _DATELINE_SPLIT.split(credit.strip()):
        if part in _SPELLING_KEY:
            keys.append(_SPELLING_KEY[part])
        elif (spaced_dash and _UNKNOWN_DATELINE_CREDIT.match(part) and plain_name(part) not in _NOT_CREDITS
              and not _PARTY_STATE.match(part) and sum(c.isupper() for c in part) >= 2):
            keys.append(normalize_outlet(part))
    return keys


def _mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of the outlet names in a text; key "" marks a name tail
    whose full (unknown) name is read by ``_classify``."""
    found = []
    for m in _MENTION_RE.finditer(text):
        start, end = m.start(), m.end()
        if start and text[start - 1].isalnum():
            continue  # inside a word: the "AP" of "GAP"
        word = m.group(0).replace("\xa0", " ")
        if word in _NAME_TAILS and word not in _SPELLING_KEY:
            found.append((start, end, ""))
        elif word not in _ARTICLE_ONLY or text[max(0, start - 4):start].lower().endswith("the "):
            found.append((start, end, _SPELLING_KEY[word]))  # not "Capitol Hill", "independent experts"
    for root in _LOWER_ROOTS:
        at = text.find(root)
        while at >= 0:
            if not (at and (text[at - 1].isalnum() or text[at - 1] == "-")):
                m = _LOWER_MATCH_RE.match(text, at)
                if m:
                    found.append((at, m.end(), _SPELLING_KEY[m.group(0).replace("\xa0", " ")]))
            at = text.find(root, at + 1)
    return found


def _classify(paragraph: str, start: int, end: int, key: str) -> tuple[str, str, int, int, int] | None:
    """(key, kind, span start, span end, name start) of one mention read in its
    context, or None when the mention is no credit (a plain reference in running text)."""
    if not key:  # a name tail: the capitalised words before it make the name
        if _NEXT_TAIL.match(paragraph, end):
            return None  # "Lakeside Daily News": the longer name is read at "News"
        head = _NAME_HEAD.search(paragraph, max(0, start - 50), start)
        if head is None:
            return None
        start = head.start()
        key = normalize_outlet(paragraph[start:end])
        if not key or key in _NOT_CREDITS:
            return None
    name_start = start
    if paragraph[max(0, start - 4):start] in _THE_BEFORE:
        start -= 4
    after = _AFTER_RE.match(paragraph, end)
    if after is not None:
        if after.group("credit_line"):
            return key, "credit_line", start, after.end(), name_start
        if after.group("photo"):
            return key, "photo", start, after.end(), name_start
        if paragraph[start:start + 4] in _THE_BEFORE:
            return key, "report_by", start, after.end(), name_start  # "the AP's reporting"
        article = _ARTICLE_BEFORE.search(paragraph, max(0, start - 4), start)
        if article is not None:
            return key, "report_by", article.start(), after.end(), name_start  # "a New York Times report"
    before = _BEFORE_RE.search(paragraph, max(0, start - _BEFORE_WINDOW), start)
    if before is not None:
        for kind in _BEFORE_KINDS:
            if before.group(kind) is not None:
                return key, kind, before.start(), end, name_start
    return None


class _Reader:
    """Collects the credits of one body, each span read once."""

    def __init__(self, paragraphs: tuple[str, ...]):
        self.paragraphs = paragraphs
        self.found: list[tuple[int, int, Credit]] = []
        self.taken: dict[int, list[tuple[int, int]]] = {}  # spans read, per paragraph

    def add(self, index: int, key: str, kind: str, start: int, end: int) -> None:
        text = self.paragraphs[index][start:end]
        evidence = Evidence(f"paragraphs[{index}]", start, end, text, _KIND_REASONS[kind].format(display_name(key)))
        self.found.append((index, start, Credit(key, kind, evidence)))
        self.taken.setdefault(index, []).append((start, end))

    def is_taken(self, index: int, at: int) -> bool:
        return any(s <= at < e for s, e in self.taken.get(index, ()))

    def read_paragraph_starts(self) -> None:
        """Datelines, and short paragraphs of credit abbreviations."""
        last = len(self.paragraphs) - _CLOSING_PARAGRAPHS
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.find("(", 0, _DATELINE_REACH) >= 0:
                m = _DATELINE_RE.match(paragraph)
                if m and len((m.group("place") or "").split()) <= _MAX_PLACE_WORDS:
                    for key in _dateline_outlets(m.group("credit"), m.group("dash")[:1] in (" ", "\xa0")):
                        self.add(index, key, "dateline", m.start(), m.end())
            if len(paragraph) <= _CREDIT_ONLY_CHARS and _CREDIT_ONLY_PARAGRAPH.match(paragraph.strip()):
                # "dpa" or "jk/AFP" opening or closing the article credits it; mid-article,
                # a lone "Reuters" is a picture's credit line.
                kind = "credit_line" if index == 0 or index >= last else "photo"
                for part in _CREDIT_PARTS.finditer(paragraph):
                    if part.group(0) in _SPELLING_KEY:
                        self.add(index, _SPELLING_KEY[part.group(0)], kind, part.start(), part.end())

    def read_named_lines(self) -> None:
        """Copyright and "originally published by" lines, whoever they name."""
        count = len(self.paragraphs)
        for index in sorted({*range(min(_NAMED_LINE_HEAD, count)), *range(max(0, count - _NAMED_LINE_TAIL), count)}):
            paragraph = self.paragraphs[index]
            if not any(map(paragraph.__contains__, _NAMED_LINE_KEYS)):
                continue
            for m in _NAMED_LINE_RE.finditer(paragraph):
                name = _NAME_TAIL.sub("", m.group("name").split(". ")[0])  # "Cubadebate. Reproducido ..."
                key = normalize_outlet(name) if name else ""
                if not key:
                    continue
                kind = "copyright" if m.group("copyright") else "originally_published"
                if kind == "copyright" and not _YEAR.search(m.group(0)) and index < count - _CLOSING_PARAGRAPHS:
                    kind = "photo"  # "© dpa" under a picture mid-article
                self.add(index, key, kind, m.start(), m.start("name") + len(name))

    def read_mentions(self) -> None:
        """Every outlet name in the body, read in its context."""
        starts, offset = [], 0
        for paragraph in self.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + 2
        for start, end, key in sorted(_mentions("\n\n".join(self.paragraphs))):
            index = bisect_right(starts, start) - 1
            local = start - starts[index]
            if self.is_taken(index, local):
                continue  # "(dpa/AFP)" already read as a dateline is not read again as a photo credit
            read = _classify(self.paragraphs[index], local, end - starts[index], key)
            if read is not None and not self.is_taken(index, read[4]):  # "told NBC News' Today": read once
                self.add(index, *read[:4])


@lru_cache(maxsize=256)
def _credits(paragraphs: tuple[str, ...]) -> tuple[Credit, ...]:
    reader = _Reader(paragraphs)
    reader.read_paragraph_starts()
    reader.read_named_lines()
    reader.read_mentions()
    return tuple(credit for _, _, credit in sorted(reader.found, key=lambda item: (item[0], item[1])))


def body_credits(page: Page) -> list[Credit]:
    """Every credit mark in the body, in reading order (see ``Credit.kind``).

    Known outlets get their table key; outlets not in the table, found in strong
    patterns ("told The Esthen Daily", "(KXYZ) —", "© 2024 Esthen Exchange"), get
    their plain-folded name as key. Cached per paragraph tuple, so the signals
    reading one page share one read."""
    return list(_credits(tuple(page.paragraphs)))
