"""Page layouts: HTML themes, text-dump styles and crawl-record shapes.

Every layout renders every label: the layout never gives the label away. A layout
turns a Draft into a raw record (``detector.records.empty_record``).
"""
from __future__ import annotations

import json
import random
from html import escape

from ..records import empty_record
from .draft import Draft
from .metadata import LABELS, format_date, meta_line

HTML_LAYOUTS = ("wp-magazine", "news-portal", "minimal-blog", "amp", "blogger", "portal-cn")
BLOGGER_WORDS = {  # the hosted-blog theme's fixed strings, per language
    "en": ("Posted by", "Labels:", "Newer Post", "Older Post", "Home", "Subscribe to: Post Comments (Atom)"),
    "de": ("Eingestellt von", "Labels:", "Neuerer Post", "Älterer Post", "Startseite", "Abonnieren Kommentare zum Post (Atom)"),
    "es": ("Publicado por", "Etiquetas:", "Entrada más reciente", "Entrada antigua", "Inicio", "Suscribirse a: Enviar comentarios (Atom)"),
    "fr": ("Publié par", "Libellés :", "Article plus récent", "Article plus ancien", "Accueil", "Inscription à : Publier les commentaires (Atom)"),
    "id": ("Diposting oleh", "Label:", "Posting Lebih Baru", "Posting Lama", "Beranda", "Langganan: Posting Komentar (Atom)"),
    "zh": ("发布者：", "标签：", "较新的博文", "较早的博文", "主页", "订阅：博文评论 (Atom)"),
}
TXT_LAYOUTS = ("cms-dump", "markdown", "crawler")
RECORD_LAYOUTS = ("feed", "crawl", "extract")
FORMATS = {"html": HTML_LAYOUTS, "txt": TXT_LAYOUTS, "record": RECORD_LAYOUTS}


def pick_layout(deck, lang: str, rng: random.Random) -> str:
    """The next layout from ``deck`` (a families.Deck of one format's layouts); the Chinese
    portal theme serves Chinese pages only, and most of them."""
    if lang == "zh" and "portal-cn" in deck.items and rng.random() < 0.6:
        return "portal-cn"
    return deck.draw(lambda name: (name == "portal-cn") == (lang == "zh") or name != "portal-cn" and lang == "zh")


def _e(text: str) -> str:
    return escape(text, quote=True)


def date_text(draft: Draft, rng: random.Random) -> str:
    return format_date(draft.published, draft.lang, rng) if draft.published else ""


def _head(d: Draft, rng: random.Random, title_suffix: str) -> str:
    iso = d.published.isoformat() if d.published else ""
    site_name = d.head_site_name or d.site.name
    tags = [f'<meta charset="utf-8"><title>{_e(d.title + title_suffix)}</title>',
            f'<meta property="og:title" content="{_e(d.title)}">', f'<meta property="og:url" content="{_e(d.url)}">']
    if rng.random() < 0.85:
        tags.append(f'<meta property="og:site_name" content="{_e(site_name)}">')
    if iso and rng.random() < 0.8:
        tags.append(f'<meta property="article:published_time" content="{iso}">')
    if d.author and rng.random() < 0.6:
        tags.append(f'<meta name="author" content="{_e(d.author)}">')
    if rng.random() < 0.5:
        ld = {"@context": "https://schema.org", "@type": rng.choice(["NewsArticle", "Article", "BlogPosting"]),
              "headline": d.title, "publisher": {"@type": "Organization", "name": site_name}}
        if iso:
            ld["datePublished"] = iso
        if d.author:
            ld["author"] = {"@type": "Person", "name": d.author}
        tags.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    return "\n".join(tags)


def _blocks_html(d: Draft, rng: random.Random, tag: str = "aside") -> str:
    out = []
    for block in d.blocks:
        items = "".join(f'<li><a href="{_e(i.url or "#")}">{_e(i.title)}</a>' + (f"<p>{_e(i.teaser)}</p>" if i.teaser else "") + "</li>"
                        for i in block.items)
        out.append(f'<{tag} class="{rng.choice(["widget", "related", "recommend", "sidebar-box"])}"><h3>{_e(block.heading)}</h3><ul>{items}</ul></{tag}>')
    return "\n".join(out)


def _paras_html(d: Draft) -> str:
    return "\n".join(f"<p>{_e(p)}</p>" for p in d.paragraphs)


def _nav_html(d: Draft) -> str:
    return "<nav><ul>" + "".join(f'<li><a href="/">{_e(n)}</a></li>' for n in d.nav) + "</ul></nav>" if d.nav else ""


def _footer_html(d: Draft) -> str:
    year = d.published.year if d.published else 2024
    lines = d.footer or [f"© {year} {d.site.name}"]
    return "<footer>" + "".join(f"<p>{_e(x)}</p>" for x in lines) + "</footer>"


COMMENT_FORM = {"en": ("Leave a Reply", "Your email address will not be published."),
                "de": ("Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht."),
                "es": ("Deja una respuesta", "Tu dirección de correo electrónico no será publicada."),
                "fr": ("Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée."),
                "id": ("Tinggalkan Balasan", "Alamat email Anda tidak akan dipublikasikan."),
                "zh": ("发表评论", "您的电子邮箱地址不会被公开。")}


def _comment_form(d: Draft, rng: random.Random) -> str:
    """The WordPress comment form most themes print under a post, on any kind of site."""
    if rng.random() < 0.5:
        return ""
    heading, note = COMMENT_FORM[d.lang]
    return f'<div id="respond" class="comment-respond"><h3 id="reply-title">{_e(heading)}</h3><p class="comment-notes">{_e(note)}</p></div>'


def render_html(d: Draft, layout: str, meta: str, shown_date: str, rng: random.Random) -> str:
    lang = d.html_lang or d.lang
    suffix = rng.choice(["", f" - {d.site.name}", f" | {d.site.name}", f" – {d.site.name}"])
    head = _head(d, rng, suffix)
    meta_html = "<br>".join(_e(x) for x in meta.split("\n"))
    top = "".join(f'<div class="{c}">{_e(t)}</div>' for c, t in (("topbar", d.topbar), ("breadcrumb", d.breadcrumb)) if t)
    if layout == "wp-magazine":
        body = (f'<header class="site-header"><p class="site-title"><a href="/">{_e(d.site.name)}</a></p>{_nav_html(d)}</header>{top}'
                f'<main><article class="post type-post"><header class="entry-header"><h1 class="entry-title">{_e(d.title)}</h1>'
                f'<div class="entry-meta">{meta_html}</div></header><div class="entry-content">{_paras_html(d)}</div></article></main>'
                f'{_comment_form(d, rng)}<div id="secondary" class="widget-area">{_blocks_html(d, rng, "section")}</div>{_footer_html(d)}')
    elif layout == "news-portal":
        body = (f'<div class="masthead"><a class="logo" href="/">{_e(d.site.name)}</a>{_nav_html(d)}</div>{top}'
                f'<div class="container"><article><h1>{_e(d.title)}</h1><div class="byline">{meta_html}</div>'
                f'<div class="article-body">{_paras_html(d)}</div></article>{_blocks_html(d, rng)}</div>{_footer_html(d)}')
    elif layout == "minimal-blog":
        body = (f'{top}<h1>{_e(d.title)}</h1><p class="meta">{meta_html}</p>{_paras_html(d)}<hr>{_blocks_html(d, rng, "div")}'
                f'{_footer_html(d)}')
    elif layout == "blogger":
        posted, labels, newer, older, home, subscribe = BLOGGER_WORDS[d.lang]
        footer_bits = [f"{posted} {d.author}" if d.author else "", shown_date.split(" ")[-1] if shown_date else "",
                       f"{labels} {d.category}" if d.category else "",
                       f"{LABELS[d.lang]['source'][0]}: {d.source}" if d.source else ""]
        body = (f'<div class="header"><h1><a href="/">{_e(d.site.name)}</a></h1></div>{top}<div class="main">'
                f'<h2 class="date-header"><span>{_e(shown_date)}</span></h2><div class="post"><h3 class="post-title">{_e(d.title)}</h3>'
                f'<div class="post-body">{_paras_html(d)}</div><div class="post-footer">{" ".join(_e(b) for b in footer_bits if b)}</div></div>'
                f'<div class="blog-pager"><a href="#">{_e(newer)}</a> <a href="#">{_e(older)}</a> <a href="/">{_e(home)}</a></div>'
                f'<div class="feed-links">{_e(subscribe)}</div></div><div class="sidebar">{_blocks_html(d, rng, "div")}</div>{_footer_html(d)}')
    elif layout == "amp":
        head += '\n<style amp-boilerplate>body{visibility:hidden}</style><script async src="https://cdn.ampproject.org/v0.js"></script>'
        body = (f'<header><a href="/">{_e(d.site.name)}</a></header>{top}<article><h1>{_e(d.title)}</h1>'
                f'<div class="article-meta">{meta_html}</div>{_paras_html(d)}</article>{_blocks_html(d, rng, "section")}{_footer_html(d)}')
    else:  # portal-cn: header bar, breadcrumb, title, info row, content box, side lists
        body = (f'<div class="top">{_e(d.topbar)}</div><div class="logo">{_e(d.site.name)}</div>{_nav_html(d)}'
                f'<div class="position">{_e(d.breadcrumb)}</div><div class="article"><h1>{_e(d.title)}</h1>'
                f'<div class="info">{meta_html}</div><div class="content" id="content">{_paras_html(d)}</div></div>'
                f'<div class="side">{_blocks_html(d, rng, "div")}</div>{_footer_html(d)}')
    amp = " amp" if layout == "amp" else ""
    return f'<!DOCTYPE html>\n<html{amp} lang="{lang}">\n<head>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n'


def _blocks_text(d: Draft, markdown: bool) -> list[str]:
    out = []
    for block in d.blocks:
        out.append(f"## {block.heading}" if markdown else block.heading)
        for item in block.items:
            if markdown:
                out.append(f"- [{item.title}]({item.url or '#'})" + (f" {item.teaser}" if item.teaser else ""))
            else:
                out.append(item.title)
                if item.teaser:
                    out.append(item.teaser)
    return out


def render_text(d: Draft, layout: str, meta: str, rng: random.Random) -> str:
    head = [d.breadcrumb] if d.breadcrumb else []
    if layout == "markdown":
        lines = head + [f"# {d.title}"] + ([f"_{meta}_"] if meta else []) + d.paragraphs + _blocks_text(d, True) + d.footer
        return "\n\n".join(lines) + "\n"
    if layout == "crawler":  # a whole-page dump: the site's menu and bars stay in, under the headline
        top = [" | ".join(d.nav)] if d.nav else []
        top += [d.topbar] if d.topbar else []
        lines = [d.title] + top + head + ([meta] if meta else []) + d.paragraphs + _blocks_text(d, False) + d.footer
        return "\n\n".join(lines) + "\n"
    lines = head + [d.title] + ([meta] if meta else []) + d.paragraphs + _blocks_text(d, False) + d.footer
    return "\n\n".join(lines) + "\n"


def render(d: Draft, fmt: str, layout: str, record_id: str, rng: random.Random) -> dict[str, str]:
    """The raw record of ``d`` in ``fmt`` ("html", "txt", "record") and ``layout``."""
    shown_date = date_text(d, rng)
    meta = meta_line({"author": d.author, "date": shown_date, "category": d.category, "source": d.source,
                      "extra": d.meta_extra}, d.lang, d.meta_style, rng)
    if fmt == "html":
        return empty_record(id=record_id, url=d.url, html=render_html(d, layout, meta, shown_date, rng), format="html")
    if fmt == "txt":
        return empty_record(id=record_id, url=d.url, text=render_text(d, layout, meta, rng), format="txt")
    # record: the text a crawl pipeline extracted plus its metadata columns
    body = d.paragraphs + _blocks_text(d, False)
    if layout == "crawl":
        body = [d.title] + ([meta] if meta else []) + body + d.footer
    elif layout == "feed":
        body = body + d.footer
    iso = d.published.isoformat() if d.published else ""
    return empty_record(id=record_id, url=d.url, text="\n\n".join(body) + "\n", title=d.title,
                        site=d.head_site_name or d.site.name, source=d.source, published=iso,
                        category=d.category, format="jsonl")
