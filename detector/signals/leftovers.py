"""Tool leftovers: text that only an automatic publishing pipeline puts on a page.

Feed importers, autoblog plugins and chatbot rewriters each leave their own fixed
marks when nobody edits their output: the feed footer a plugin adds to every item,
a shortcode or template placeholder the copying site never rendered, a chatbot's
boilerplate, the repost disclaimer of Chinese content farms, a CMS's default account
as the byline. Every phrase table here is the documented wording of one tool or one
convention (named beside it), not a guess at how farms write; the languages a table
does not cover are left alone.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..page import Page
from .base import Evidence, SignalResult, result, signal

# Paragraphs longer than this are prose, not a footer or label line.
_LINE_MAX_CHARS = 400


# Tools put their marks where their output begins or ends: a rewriter's preamble, a feed
# footer, a disclaimer. Only the title, the first and the last paragraphs are read for
# them, which bounds the cost on long pages.
_HEAD_PARAGRAPHS = 1
_TAIL_PARAGRAPHS = 3
_EDGE_CHARS = 300  # a preamble, footer or disclaimer is said in the first few hundred characters
_last_edges: list = [None, (), frozenset()]
_KANA_OR_HAN_RE = re.compile(r"[\u3040-\u9fff]")


def _edges(page: Page) -> tuple[tuple[str, str], ...]:
    """(field, text) of the title, the first paragraph and the short last ones."""
    _screen(page)
    return _last_edges[1]


def _screen(page: Page) -> frozenset[str]:
    """The anchor words of every leftover family found in the page's edges, kept for the
    page the signals are on; each signal's regexes run only when one of its anchors is
    there. A set intersection of the edges' words (and substring tests for the CJK
    anchors, which have no spaces around them): a regex alternation would cost ten times
    more, as Python tries it at every position."""
    if _last_edges[0] is not page:
        count = len(page.paragraphs)
        head = range(min(_HEAD_PARAGRAPHS, count))
        tail = [i for i in range(max(_HEAD_PARAGRAPHS, count - _TAIL_PARAGRAPHS), count)
                if len(page.paragraphs[i]) <= _LINE_MAX_CHARS]
        edges = (("title", page.title),) + tuple((f"paragraphs[{i}]", page.paragraphs[i]) for i in (*head, *tail))
        text = "\n".join(t[:_EDGE_CHARS] for _, t in edges).lower()
        found = _WORD_ANCHORS.intersection(text.replace(",", " ").split())
        if _KANA_OR_HAN_RE.search(text):  # test the CJK phrases only where there is CJK text
            found |= {a for a in _CJK_ANCHORS if a in text}
        _last_edges[:] = [page, edges, frozenset(found)]
    return _last_edges[2]


def _mentions(page: Page, anchors: tuple[str, ...]) -> bool:
    return not _screen(page).isdisjoint(anchors)


def _site_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _names_own_site(page: Page, named: str) -> bool:
    """True when the site a footer names is the page's own site (its own feed text on its
    own page is no copy): "DoSchu.Com" on doschu.com, "Example News" on example-news.org."""
    key = _site_key(named)
    if not key:
        return False
    label = _site_key(page.domain.split(".")[0]) if page.domain else ""
    own = _site_key(page.site_name)
    # A short label ("go" of abcnews.go.com) would be found inside any name: it must match whole.
    label_named = label == key or (len(label) >= 4 and label in key)
    return bool(label_named or (own and (own in key or key in own)))


# --- feed footers -------------------------------------------------------------------------

# Yoast SEO's default RSS footer "The post %%POSTLINK%% appeared first on %%BLOGLINK%%."
# (developer.yoast.com, "RSS Feeds - Functional specification") in the plugin's shipped
# translations; Rank Math and others copy the English wording. A feed importer that
# publishes the item keeps the footer, naming the site the text came from.
_FEED_FOOTERS = (
    r"\b(?:the )?post (?P<post>.{2,250}?) (?:appeared first on|first appeared on) (?P<site>.{2,120}?)\.?\s*$",
    r"\b(?:der|dieser) beitrag (?P<post>.{2,250}?) erschien zuerst (?:auf|bei|im|in) (?P<site>.{2,120}?)\.?\s*$",
    r"\bla entrada (?P<post>.{2,250}?) se public[oó] primero en (?P<site>.{2,120}?)\.?\s*$",
    r"\bl[’']article (?P<post>.{2,250}?) est apparu en premier sur (?P<site>.{2,120}?)\.?\s*$",
    r"(?:сообщение|запись) (?P<post>.{2,250}?) появил\w* (?:сначала|впервые) на (?P<site>.{2,120}?)\.?\s*$",
    r"\bpos(?:tingan)? (?P<post>.{2,250}?) muncul pertama kali (?:di|pada) (?P<site>.{2,120}?)\.?\s*$",
    r"投稿\s*(?P<post>.{2,250}?)\s*は\s*(?P<site>.{2,120}?)\s*に最初に表示されました",
    r"文章\s*(?P<post>.{2,250}?)\s*(?:最先出现在|首发于|最早出现在)\s*(?P<site>.{2,120}?)[。.]?\s*$",
)
_FEED_FOOTER_RE = re.compile("|".join(f"(?:{p})" for p in _FEED_FOOTERS).replace("?P<post>", "?:").replace("?P<site>", "?:"),
                             re.IGNORECASE)
_FEED_FOOTER_PARTS = tuple(re.compile(p, re.IGNORECASE) for p in _FEED_FOOTERS)
# The link label feed-to-post templates put under an imported item ("Source link"), and
# its translations in the same plugins' language files; a line of its own near the end.
_SOURCE_LINK_LABELS = frozenset({
    "source link", "source url", "original source link", "read more at source",
    "quelllink", "quellenlink", "link zur quelle", "enlace de origen", "enlace a la fuente",
    "lien source", "lien vers la source", "ссылка на источник", "来源链接", "ソースリンク",
    "tautan sumber", "link sumber",
})
_SOURCE_LINK_TAIL = 3  # the label closes the item: only the last few paragraphs
# Words every footer form contains: the screen before the regexes.
_FEED_FOOTER_ANCHORS = ("appeared", "erschien", "publicó", "publico", "apparu", "появилось", "появились",
                        "появилась", "muncul", "に最初に表示", "最先出现", "首发于", "最早出现")


@signal("feed_footer", family="leftovers", strong=True)
def feed_footer(page: Page) -> SignalResult:
    """A feed plugin's footer kept on the page ("The post X appeared first on Y.", a closing "Source link").

    1 for a footer naming another site, 0.6 for a lone "Source link" label. A footer
    naming the page's own site is its own feed text and does not count.
    """
    evidence = []
    value = 0.0
    edges = _edges(page)[1:] if _mentions(page, _FEED_FOOTER_ANCHORS) else ()
    for field, paragraph in edges:
        if len(paragraph) > _LINE_MAX_CHARS or not _FEED_FOOTER_RE.search(paragraph):
            continue
        for pattern in _FEED_FOOTER_PARTS:
            match = pattern.search(paragraph)
            if match and not _names_own_site(page, match.group("site")):
                evidence.append(Evidence.at(page, field, match.start(), match.end(),
                                            "a feed plugin's 'appeared first on' footer naming another site"))
                value = 1.0
                break
    first_tail = max(0, len(page.paragraphs) - _SOURCE_LINK_TAIL)
    for i in range(first_tail, len(page.paragraphs)):
        paragraph = page.paragraphs[i]
        if len(paragraph) <= 40 and paragraph.strip(" \t.:：»›→-").lower() in _SOURCE_LINK_LABELS:
            evidence.append(Evidence.at(page, f"paragraphs[{i}]", 0, len(paragraph),
                                        "a feed importer's 'Source link' label closing the item"))
            value = max(value, 0.6)
    return result("feed_footer", value, evidence)


# --- unrendered shortcodes and placeholders -------------------------------------------------

# WordPress shortcodes (codex.wordpress.org/Shortcode: [caption], [embed], [gallery],
# [audio], [video], [playlist]) and the page-builder families that use the same syntax
# (Visual Composer vc_*, Divi et_pb_*, Shortcodes Ultimate su_*, Avada fusion_*). They
# reach the text only when a copying site imports the raw post source without running
# WordPress over it. Attributes or a closing tag are required, so "[Video]" as a label
# in a headline is not one.
_SHORTCODE_NAMES = r"(?:caption|wp_caption|embed|gallery|audio|video|playlist|vc_\w+|et_pb_\w+|su_\w+|fusion_\w+|contact-form-7)"
_SHORTCODE_RE = re.compile(
    rf"\[{_SHORTCODE_NAMES}\s+[\w-]+=[^\]]{{0,300}}\]|\[/{_SHORTCODE_NAMES}\]|\[(?:embed|gallery)\]"
)
# Unfilled template variables: Mustache/Jinja/Angular "{{ title }}", Yoast "%%title%%",
# AutoBlogged and AAWP "%title%"/"%post_title%", WP Automatic "[source_link]" and
# "[matched_content]", WP Posts Pro "{read_more}". Only the documented variable names
# of single-brace and percent forms; double braces take any identifier.
_PLACEHOLDER_NAMES = (r"(?:post_)?(?:title|content|excerpt|link|permalink|source|source_url|author|date|category|"
                      r"tags?|thumbnail|read_more|post_link|blogname|sitename)")
_PLACEHOLDER_RE = re.compile(
    r"\{\{\s*[a-zA-Z_][\w.]{0,40}\s*\}\}"
    r"|%%[a-z_]{3,30}%%"
    rf"|%{_PLACEHOLDER_NAMES}%"
    rf"|\{{{_PLACEHOLDER_NAMES}\}}"
    r"|\[(?:source_link|original_link|original_title|original_url|matched_content|source_url)\]"
)
_MARKUP_SCREEN = ("[", "{", "%")  # every shortcode and placeholder form has one of these
_MARKUP_ANY_RE = re.compile(f"{_SHORTCODE_RE.pattern}|{_PLACEHOLDER_RE.pattern}")


def _markup_hits(page: Page) -> Iterator[tuple[str, re.Match, str]]:
    fields = [("title", page.title)] + [(f"paragraphs[{i}]", p) for i, p in enumerate(page.paragraphs)]
    for field, text in fields:
        if not any(mark in text for mark in _MARKUP_SCREEN):
            continue
        for match in _SHORTCODE_RE.finditer(text):
            yield field, match, "an unrendered WordPress shortcode"
        for match in _PLACEHOLDER_RE.finditer(text):
            yield field, match, "an unfilled template placeholder"


@signal("unrendered_markup", family="leftovers")
def unrendered_markup(page: Page) -> SignalResult:
    """Shortcodes and template placeholders a copy never rendered ("[caption id=...]", "{{title}}", "%%sitename%%").

    0.5 for one, 1 for two or more.
    """
    text = page.title + "\n" + page.body
    # Three plain character tests first (three pages in four have none of them), then one regex pass.
    if not any(mark in text for mark in _MARKUP_SCREEN) or not _MARKUP_ANY_RE.search(text):
        return result("unrendered_markup", 0.0)
    evidence = [Evidence.at(page, field, m.start(), m.end(), reason) for field, m, reason in _markup_hits(page)]
    return result("unrendered_markup", min(1.0, 0.5 * len(evidence)), evidence)


# --- chatbot leftovers ---------------------------------------------------------------------

# Boilerplate that chat assistants put around or instead of an answer; NewsGuard's
# reports on "Unreliable AI-generated news sites" (2023) found such error messages in
# every site it listed ("my cutoff date in September 2021", "I cannot complete this
# prompt"). The assistants answer in the user's language, so the same fixed phrases
# in the languages the detector reads.
_CHATBOT_PHRASES = (
    r"\bas an ai(?: language)? model\b", r"\bas a large language model\b", r"\bi(?:'m| am) an ai\b",
    r"\bmy (?:knowledge )?cut-?off date\b", r"\bas of my (?:last )?(?:knowledge )?(?:update|cutoff)\b",
    r"\bi cannot (?:complete|fulfill|fulfil) (?:this|that|your) (?:prompt|request)\b",
    r"\bregenerate response\b",
    r"^(?:certainly|sure|of course)[!,.] here(?:'s| is) (?:a |an |the )?(?:rewritten|revised|paraphrased|unique|new|rephrased)\b",
    r"^here(?:'s| is) (?:a |an |the )?(?:rewritten|revised|paraphrased|rephrased|unique) (?:version|article)\b",
    r"\bcomo (?:un )?modelo de (?:lenguaje|idioma)(?: de ia)?\b", r"\bals (?:ein )?ki-sprachmodell\b",
    r"\ben tant que (?:modèle de langage|ia)\b", r"\bкак (?:языковая модель|ии-модель|модель ии)\b",
    r"作为一个?(?:ai|人工智能)(?:语言)?模型", r"(?:ai|人工智能)言語モデルとして",
    r"\bsebagai model bahasa(?: ai)?\b", r"\bcomo (?:um )?modelo de linguagem\b",
)
_CHATBOT_RE = re.compile("|".join(_CHATBOT_PHRASES), re.IGNORECASE | re.MULTILINE)
_CHATBOT_ANCHORS = ("model", "ai", "cutoff", "cut-off", "update", "cannot", "regenerate", "here", "here's",
                    "certainly!", "sure!", "modelo", "ki-sprachmodell", "modèle", "ia", "модель", "ии", "ии-модель",
                    "bahasa", "语言模型", "智能模型", "ai模型", "言語モデル")
# Markdown a rewriter emitted and the CMS printed as text: "## Heading" or a paragraph
# that is only "**Bold label**" / starts "**Label:**". Language-independent; two or
# more are needed because one stray heading line turns up in code listings.
_MARKDOWN_LINE_RE = re.compile(r"#{2,4} [^\W\d_]|\*\*[^*\n]{3,80}\*\*\s*:?\s*$|\*\*[^*\n]{3,60}:\*\*")
_MIN_MARKDOWN_LINES = 2
_MARKDOWN_STARTS = ("##", "**")


@signal("chatbot_leftovers", family="leftovers", strong=True)
def chatbot_leftovers(page: Page) -> SignalResult:
    """A chat assistant's boilerplate ("As an AI language model", "Here is the rewritten article") or raw Markdown left in the text.

    1 for a chatbot phrase; 0.5 for two or more unrendered Markdown lines.
    """
    evidence = []
    for field, text in _edges(page) if _mentions(page, _CHATBOT_ANCHORS) else ():
        match = _CHATBOT_RE.search(text)
        if match:
            evidence.append(Evidence.at(page, field, match.start(), match.end(), "a chat assistant's boilerplate"))
    value = 1.0 if evidence else 0.0
    markdown = [(i, m) for i, p in enumerate(page.paragraphs)
                if p[:2] in _MARKDOWN_STARTS and (m := _MARKDOWN_LINE_RE.match(p))]
    if len(markdown) >= _MIN_MARKDOWN_LINES:
        evidence += [Evidence.at(page, f"paragraphs[{i}]", 0, min(len(page.paragraphs[i]), 120),
                                 "raw Markdown printed as text") for i, _ in markdown]
        value = max(value, 0.5)
    return result("chatbot_leftovers", value, evidence)


# --- repost disclaimers ----------------------------------------------------------------------

# The disclaimer Chinese repost sites put under copied articles: "本文来源于网络，如有侵权
# 请联系删除" (from the web; if it infringes, contact us to delete) and its short forms
# ("侵删", "版权归原作者所有"). The English-language counterpart of scraper and repost
# blogs: "no copyright infringement intended", "all rights belong to their respective
# owners". Other languages: no fixed convention is documented, so none is matched.
_REPOST_DISCLAIMER_RE = re.compile(
    r"如有侵权|侵删|侵权请联系|请联系(?:我们|本站|小编|作者)?删除|版权归原作者所有|来源(?:于)?(?:网络|互联网)"
    r"|\bno copyright infringement (?:is )?intended\b"
    r"|\ball (?:rights|credits?) (?:go(?:es)? to|belongs? to|reserved (?:to|by)) (?:the|their) (?:respective|original) (?:owners?|authors?|creators?)\b"
    r"|\bif you are the (?:owner|author|copyright holder) of (?:this|the) (?:content|article|post|image)s?\b",
    re.IGNORECASE,
)
_REPOST_ANCHORS = ("infringement", "respective", "original", "owner", "侵权", "侵删", "删除", "原作者", "来源于",
                   "来源网络", "来源互联网")


@signal("repost_disclaimer", family="leftovers")
def repost_disclaimer(page: Page) -> SignalResult:
    """A repost disclaimer: the content is someone else's ("本文来源于网络，如有侵权请联系删除", "no copyright infringement intended")."""
    evidence = []
    for field, text in _edges(page)[1:] if _mentions(page, _REPOST_ANCHORS) else ():
        match = _REPOST_DISCLAIMER_RE.search(text)
        if match:
            evidence.append(Evidence.at(page, field, match.start(), match.end(),
                                        "a disclaimer that the text was taken from elsewhere"))
    return result("repost_disclaimer", 1.0 if evidence else 0.0, evidence)


# --- default CMS account as byline --------------------------------------------------------------

# The account names CMS installers create (WordPress "admin", Joomla "Super User") or
# that farms leave as the author: NewsGuard's AI-farm reports describe articles
# "attributed to admin". Names, not words of a language.
_DEFAULT_ACCOUNTS = frozenset({
    "admin", "administrator", "administrador", "administrateur", "администратор", "管理员", "管理者",
    "super user", "superuser", "wpadmin", "wordpressadmin", "webmaster", "root", "default", "site admin",
    "siteadmin", "adminadmin",
})
_BYLINE_PREFIX_RE = re.compile(r"^(?:by|von|por|par|oleh|da|door|автор|作者|文)[\s:：]+", re.IGNORECASE)


@signal("default_account_byline", family="leftovers")
def default_account_byline(page: Page) -> SignalResult:
    """The byline is a CMS's default account ("admin", "Super User"), not a person or a newsroom."""
    byline = page.byline.strip()
    name = _BYLINE_PREFIX_RE.sub("", byline).strip(" |,.").lower()
    if name not in _DEFAULT_ACCOUNTS:
        return result("default_account_byline", 0.0)
    start = byline.lower().find(name)
    return result("default_account_byline", 1.0,
                  [Evidence.at(page, "byline", start, start + len(name), "a CMS default account as the author")])


# Every family's anchors, screened together (see ``_screen``): words, and the CJK
# phrases that are tested as substrings.
_ALL_ANCHORS = set(_FEED_FOOTER_ANCHORS) | set(_CHATBOT_ANCHORS) | set(_REPOST_ANCHORS)
_CJK_ANCHORS = tuple(sorted(a for a in _ALL_ANCHORS if any("\u3040" <= c <= "\u9fff" for c in a)))
_WORD_ANCHORS = frozenset(_ALL_ANCHORS) - frozenset(_CJK_ANCHORS)
