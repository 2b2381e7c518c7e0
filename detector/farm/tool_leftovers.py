"""Farm families from today's farm tooling (docs/farm-behaviours.md): feed importers, AI
rewriters, ad-stuffed templates, repost disclaimers, default CMS accounts and excerpt-only posts.

Same contract as ``families``: ``(page, rng, ctx) -> Page``, a new Page, the input untouched.
The strings follow each tool's documented convention (a plugin's fixed footer, a CMS's
shortcodes, a chat assistant's stock phrases) in the page's language where the tool has one,
and vary in wording, position and amount from page to page.
"""
from __future__ import annotations

import random

from ..page import Page, copy_page

# Feed footers: an SEO plugin's RSS footer ("The post %%POSTLINK%% appeared first on %%BLOGLINK%%.")
# in its shipped translations, and feed importers' source-link lines.
_FEED_FOOTERS = {
    "en": ("The post {title} appeared first on {site}.", "Source link", "Source: {site}", "Read the original at {site}"),
    "de": ("Der Beitrag {title} erschien zuerst auf {site}.", "Quelle: {site}", "Quellenlink"),
    "fr": ("L’article {title} est apparu en premier sur {site}.", "Lien source"),
    "es": ("La entrada {title} se publicó primero en {site}.", "Enlace de origen"),
    "zh": ("文章《{title}》最先出现在{site}。", "来源链接"),
}
_SHORTCODES = ('[caption id="attachment_{n}" align="aligncenter" width="{w}"]{text}[/caption]',
               "[embed]https://video.example.net/watch/{n}[/embed]", "[gallery ids=\"{n},{m},{k}\"]",
               "[et_pb_section][et_pb_row][et_pb_column type=\"4_4\"]", "[vc_row][vc_column][vc_column_text]",
               "{{{{ post_title }}}}", "%post_title%", "[[AUTHOR_NAME]]", "{{{{featured_image}}}}")
# Stock phrases chat assistants open and close rewrites with, per language.
_CHATBOT = {
    "en": ("Certainly! Here is the rewritten article:", "Sure, here's a rewritten version of the article:",
           "As an AI language model, I cannot browse the internet, but here is a summary.",
           "I hope this helps! Let me know if you would like any changes.",
           "Note: This article has been rewritten to be unique and SEO-friendly."),
    "de": ("Gerne! Hier ist der umgeschriebene Artikel:", "Als KI-Sprachmodell kann ich keine aktuellen Informationen abrufen."),
    "es": ("¡Claro! Aquí tienes el artículo reescrito:", "Como modelo de lenguaje de IA, no puedo acceder a internet."),
    "fr": ("Bien sûr ! Voici l'article réécrit :", "En tant que modèle de langage IA, je ne peux pas naviguer sur Internet."),
    "zh": ("当然！以下是改写后的文章：", "作为一个人工智能语言模型，我无法访问互联网。"),
}
_MARKDOWN_HEADINGS = ("## Conclusion", "### Key Takeaways", "**In summary:**", "## Final Thoughts", "**Key points:**")
_AD_LABELS = {"en": ("Advertisement", "ADVERTISEMENT", "Sponsored", "Ad", "Story continues below advertisement"),
              "de": ("Anzeige", "Werbung", "ANZEIGE"), "fr": ("Publicité", "PUBLICITÉ"),
              "es": ("Publicidad", "PUBLICIDAD"), "zh": ("广告", "推广"), "ru": ("Реклама",), "id": ("Iklan", "ADVERTISEMENT")}
_DISCLAIMERS = {
    "zh": ("本文来源于网络，版权归原作者所有，如有侵权请联系删除。", "声明：本文转载自网络，仅供学习交流，如有侵权，请联系我们删除。",
           "文章来源网络，如涉及版权问题请联系管理员删除。"),
    "en": ("Disclaimer: This story is auto-aggregated by a computer program and has not been created or edited by us.",
           "No copyright infringement intended. All rights belong to their respective owners.",
           "This article was collected from the web. If you are the owner and want it removed, please contact us."),
}
_DEFAULT_ACCOUNTS = ("admin", "Admin", "administrator", "wpadmin", "editor", "webmaster", "user")
_CONTINUE = {"en": ("Continue reading", "Read more", "Read the full story"), "de": ("Weiterlesen", "Mehr lesen"),
             "fr": ("Lire la suite",), "es": ("Seguir leyendo", "Leer más"), "zh": ("阅读全文", "查看原文")}


def _lang(page: Page, table: dict) -> str:
    code = page.lang[:2]
    return code if code in table else "en"


def feed_leftovers(page: Page, rng: random.Random, ctx) -> Page:
    """A feed importer's or SEO plugin's footer line kept at the end of the article."""
    site = ctx.outlet or ctx.source_domain or "the original site"
    footer = rng.choice(_FEED_FOOTERS[_lang(page, _FEED_FOOTERS)]).format(title=page.title or "this story", site=site)
    return copy_page(page, paragraphs=[*page.paragraphs, footer])


def markup_leftovers(page: Page, rng: random.Random, ctx) -> Page:
    """Page-builder shortcodes or template placeholders printed unrendered in the body."""
    paragraphs = list(page.paragraphs)
    for _ in range(rng.randint(1, 3)):
        code = rng.choice(_SHORTCODES).format(n=rng.randint(100, 99999), m=rng.randint(100, 99999),
                                              k=rng.randint(100, 99999), w=rng.choice((300, 640, 1024)),
                                              text=rng.choice(paragraphs)[:60] if paragraphs else "")
        paragraphs.insert(rng.randint(0, len(paragraphs)), code)
    return copy_page(page, paragraphs=paragraphs)


def ai_rewrite(page: Page, rng: random.Random, ctx) -> Page:
    """Leftovers of an AI rewriter: the assistant's opening or closing line, Markdown headings."""
    phrases = _CHATBOT[_lang(page, _CHATBOT)]
    paragraphs = list(page.paragraphs)
    roll = rng.random()
    if roll < 0.45:
        paragraphs.insert(0, rng.choice(phrases))
    elif roll < 0.8:
        paragraphs.append(rng.choice(phrases))
    else:
        paragraphs.insert(0, phrases[0])
        paragraphs.append(rng.choice(phrases[1:]))
    if rng.random() < 0.5 and len(paragraphs) > 3:
        paragraphs.insert(len(paragraphs) - 2, rng.choice(_MARKDOWN_HEADINGS))
    return copy_page(page, paragraphs=paragraphs)


def ad_stuffing(page: Page, rng: random.Random, ctx) -> Page:
    """An ad-label line after every one to three paragraphs (a made-for-advertising template)."""
    labels = _AD_LABELS[_lang(page, _AD_LABELS)]
    label = rng.choice(labels)
    # At least three slots: a page built around its ads, not a news page's one or two.
    every = rng.randint(1, max(1, min(3, (len(page.paragraphs) - 1) // 3)))
    paragraphs = []
    for i, paragraph in enumerate(page.paragraphs):
        paragraphs.append(paragraph)
        if (i + 1) % every == 0 and i + 1 < len(page.paragraphs):
            paragraphs.append(label)
    # At least three slots (news pages label one or two): the top and the foot of the article take one.
    if len(paragraphs) - len(page.paragraphs) < 3:
        paragraphs.insert(0, label)
    if len(paragraphs) - len(page.paragraphs) < 3:
        paragraphs.append(label)
    return copy_page(page, paragraphs=paragraphs)


def repost_disclaimer(page: Page, rng: random.Random, ctx) -> Page:
    """A reposting site's copyright disclaimer ("reposted from the web, contact us to remove")."""
    text = rng.choice(_DISCLAIMERS["zh" if page.lang[:2] == "zh" else "en"])
    paragraphs = [*page.paragraphs, text] if rng.random() < 0.7 else [text, *page.paragraphs]
    return copy_page(page, paragraphs=paragraphs)


def default_byline(page: Page, rng: random.Random, ctx) -> Page:
    """The CMS's default account as the author."""
    return copy_page(page, byline=rng.choice(_DEFAULT_ACCOUNTS))


def excerpt_only(page: Page, rng: random.Random, ctx) -> Page:
    """Only the first paragraph or two, cut with an ellipsis, then a pointer to the full story."""
    keep = list(page.paragraphs[:rng.randint(1, min(2, len(page.paragraphs) - 1))])
    last = keep[-1]
    cut = max(40, int(len(last) * rng.uniform(0.5, 0.9)))
    keep[-1] = last[:cut].rstrip() + rng.choice((" […]", " [...]", "…", " ..."))
    words = _CONTINUE[_lang(page, _CONTINUE)]
    site = ctx.outlet or ctx.source_domain
    keep.append(rng.choice(words) + (f" at {site}" if site and page.lang[:2] in ("", "en") and rng.random() < 0.5 else ""))
    return copy_page(page, paragraphs=keep)


TOOL_FAMILIES = {
    "feed_leftovers": feed_leftovers,
    "markup_leftovers": markup_leftovers,
    "ai_rewrite": ai_rewrite,
    "ad_stuffing": ad_stuffing,
    "repost_disclaimer": repost_disclaimer,
    "default_byline": default_byline,
    "excerpt_only": excerpt_only,
}

TOOL_REQUIREMENTS = {
    "feed_leftovers": lambda p, c: bool(p.paragraphs),
    "markup_leftovers": lambda p, c: bool(p.paragraphs),
    "ai_rewrite": lambda p, c: bool(p.paragraphs),
    "ad_stuffing": lambda p, c: len(p.paragraphs) >= 2,
    "repost_disclaimer": lambda p, c: bool(p.paragraphs),
    "default_byline": lambda p, c: "byline" in c.visible,
    "excerpt_only": lambda p, c: len(p.paragraphs) >= 2,
}
