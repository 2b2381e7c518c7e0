"""Tool leftovers, ad-label density, excerpt-only bodies and declared-script mismatch.

Every page here is HTML written for these tests and parsed by the real parser, so the
signals see what they would see on a crawled page. All text is invented.
"""
import pytest

from detector.parse import page_from_record
from detector.signals import REGISTRY_BY_NAME, SIGNAL_NAMES

BODY_EN = [
    "The Harrowgate council voted on Tuesday to close the old Millbrook bridge to cars from next spring, "
    "after engineers found that two of its supports had rusted through.",
    "Councillor Ada Brennan said the town would open a footpath across the river while a new crossing "
    "is designed, and that buses would be rerouted through the eastern ring road.",
    "Shop owners on the north bank said they feared losing customers during the works and asked the "
    "council for help with rents until the new bridge opens.",
]
BODY_DE = [
    "Der Gemeinderat von Hohenau hat am Dienstag beschlossen, die alte Mühlbachbrücke ab dem Frühjahr "
    "für Autos zu sperren, nachdem Prüfer zwei durchgerostete Stützen gefunden hatten.",
    "Bürgermeisterin Ida Brenner sagte, bis zum Neubau werde ein Fußweg über den Fluss eingerichtet "
    "und die Busse würden über die Ostumgehung fahren.",
]
BODY_ZH = [
    "河源市政府周二宣布，老磨溪桥将从明年春天起禁止机动车通行，因为工程师发现两根桥墩已经严重锈蚀。"
    "市长表示，在新桥设计期间，将在河上架设一座临时人行桥，公交线路也将改走东环路。",
    "北岸的商户担心施工期间客流减少，希望市政府在新桥开通前给予租金补贴。" * 3,
]


def parsed(paragraphs, *, lang="en", url="https://www.harrowgate-post.example/news/bridge", title="Bridge to close",
           byline="", site_name="") -> object:
    """A page parsed from HTML: the paragraphs go into an <article>, as a CMS would print them."""
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    author = f'<meta name="author" content="{byline}">' if byline else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f'<html lang="{lang}"><head><title>{title}</title>{meta}{author}</head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")
    return page_from_record({"id": "t", "url": url, "html": html})


def run(name, page):
    res = REGISTRY_BY_NAME[name](page)
    for ev in res.evidence:  # evidence always quotes the page exactly
        assert ev.text == page.field_text(ev.field)[ev.start:ev.end]
    return res


def test_new_signals_come_after_the_existing_columns():
    new = ["feed_footer", "unrendered_markup", "chatbot_leftovers", "repost_disclaimer",
           "default_account_byline", "ad_label_density", "excerpt_only", "script_mismatch"]
    positions = [SIGNAL_NAMES.index(name) for name in new]
    assert positions == sorted(positions)
    assert SIGNAL_NAMES.index("spun_wording") < positions[0]  # the original columns keep their places


# --- feed_footer -----------------------------------------------------------------------------------


@pytest.mark.parametrize("footer, lang, body", [
    ("The post Bridge to close next spring appeared first on Harrowgate Post.", "en", BODY_EN),
    ("Der Beitrag Brücke wird gesperrt erschien zuerst auf Hohenauer Bote.", "de", BODY_DE),
    ("La entrada El puente se cierra se publicó primero en Diario del Valle.", "es", BODY_EN),
    ("L’article Le pont ferme est apparu en premier sur La Gazette du Val.", "fr", BODY_EN),
    ("Сообщение Мост закроют весной появились сначала на Городские вести.", "ru", BODY_EN),
    ("Pos Jembatan ditutup muncul pertama kali di Kabar Kota.", "id", BODY_EN),
    ("投稿 橋が閉鎖へ は 河原新聞 に最初に表示されました。", "ja", BODY_EN),
    ("文章老磨溪桥将禁行最先出现在河源日报。", "zh", BODY_ZH),
])
def test_feed_footer_naming_another_site_fires_in_every_language(footer, lang, body):
    page = parsed(body + [footer], lang=lang, url="https://www.copy-farm.example/bridge")
    res = run("feed_footer", page)
    assert res.value == 1.0
    assert res.evidence[0].field == f"paragraphs[{len(body)}]"


def test_feed_footer_naming_the_page_own_site_does_not_fire():
    page = parsed(BODY_EN + ["The post Bridge to close appeared first on Harrowgate Post."],
                  site_name="Harrowgate Post")
    assert run("feed_footer", page).value == 0


def test_source_link_label_closing_the_item_fires_but_not_in_the_middle():
    closing = parsed(BODY_EN + ["Source link"])
    assert run("feed_footer", closing).value == pytest.approx(0.6)
    early = parsed(["Source link"] + BODY_EN + BODY_EN)
    assert run("feed_footer", early).value == 0


def test_plain_article_has_no_feed_footer():
    assert run("feed_footer", parsed(BODY_EN)).value == 0


# --- unrendered_markup -----------------------------------------------------------------------------


def test_unrendered_shortcodes_and_placeholders_fire():
    page = parsed([
        '[caption id="attachment_812" align="alignright" width="300"] The Millbrook bridge[/caption]',
        *BODY_EN,
        "Read more from %%sitename%% and {{ author_name }}.",
    ])
    res = run("unrendered_markup", page)
    assert res.value == 1.0
    assert {ev.text for ev in res.evidence} >= {"[/caption]", "%%sitename%%", "{{ author_name }}"}


def test_brackets_braces_and_percentages_in_prose_do_not_fire():
    page = parsed(BODY_EN + [
        "[Video] The council's vote, in full. Turnout rose 12% to 48%, the highest {in a decade}.",
        "The mayor [who was absent] sent a statement.",
    ])
    assert run("unrendered_markup", page).value == 0


# --- chatbot_leftovers -----------------------------------------------------------------------------


@pytest.mark.parametrize("line, lang", [
    ("Certainly! Here is a rewritten version of the article about the bridge:", "en"),
    ("As an AI language model, I cannot browse the internet, but here is a summary.", "en"),
    ("Como modelo de lenguaje, no puedo acceder a noticias recientes.", "es"),
    ("Als KI-Sprachmodell habe ich keinen Zugriff auf aktuelle Nachrichten.", "de"),
    ("En tant que modèle de langage, je ne peux pas accéder à l'actualité.", "fr"),
    ("Как языковая модель, я не могу просматривать новости.", "ru"),
    ("作为一个AI语言模型，我无法访问最新的新闻。", "zh"),
    ("AI言語モデルとして、最新のニュースにはアクセスできません。", "ja"),
    ("Sebagai model bahasa AI, saya tidak dapat mengakses berita terbaru.", "id"),
])
def test_chatbot_boilerplate_fires(line, lang):
    page = parsed([line] + BODY_EN, lang=lang)
    res = run("chatbot_leftovers", page)
    assert res.value == 1.0
    assert res.evidence[0].field == "paragraphs[0]"


def test_raw_markdown_headings_fire_at_half():
    page = parsed(["## Introduction", BODY_EN[0], "## What happens next", BODY_EN[1], "**Conclusion:**", BODY_EN[2]])
    assert run("chatbot_leftovers", page).value == pytest.approx(0.5)


def test_reporting_about_language_models_does_not_fire():
    page = parsed(BODY_EN + ["The council also discussed a language model pilot for its call centre; "
                             "here is what residents said about it at the meeting."])
    assert run("chatbot_leftovers", page).value == 0
    one_heading = parsed(["## Setup"] + BODY_EN)
    assert run("chatbot_leftovers", one_heading).value == 0


# --- repost_disclaimer -----------------------------------------------------------------------------


@pytest.mark.parametrize("line, body, lang", [
    ("本文来源于网络，如有侵权请联系删除。", BODY_ZH, "zh"),
    ("图片来自网络 侵删", BODY_ZH, "zh"),
    ("No copyright infringement intended. All rights belong to their respective owners.", BODY_EN, "en"),
])
def test_repost_disclaimer_fires(line, body, lang):
    page = parsed(body + [line], lang=lang)
    assert run("repost_disclaimer", page).value == 1.0


def test_own_copyright_notice_is_no_repost_disclaimer():
    page = parsed(BODY_EN + ["© 2024 Harrowgate Post. All rights reserved. Reproduction without permission is prohibited."])
    assert run("repost_disclaimer", page).value == 0
    chinese_original = parsed(BODY_ZH + ["转载请注明出处。"], lang="zh")  # an original asking for credit
    assert run("repost_disclaimer", chinese_original).value == 0


# --- default_account_byline ------------------------------------------------------------------------


def test_default_account_byline():
    assert run("default_account_byline", parsed(BODY_EN, byline="admin")).value == 1.0
    assert run("default_account_byline", parsed(BODY_EN, byline="Super User")).value == 1.0
    assert run("default_account_byline", parsed(BODY_EN, byline="Ada Brennan")).value == 0
    assert run("default_account_byline", parsed(BODY_EN, byline="Adam Minter")).value == 0


# --- ad_label_density ------------------------------------------------------------------------------


@pytest.mark.parametrize("label, lang", [
    ("Advertisement", "en"), ("Anzeige", "de"), ("Publicidad", "es"), ("Publicité", "fr"), ("Реклама", "ru"),
    ("广告", "zh"), ("広告", "ja"), ("Iklan", "id"),
])
def test_ad_labels_between_every_few_paragraphs_fire(label, lang):
    paragraphs = []
    for text in BODY_EN + BODY_EN[:2]:
        paragraphs += [label, text]
    res = run("ad_label_density", parsed(paragraphs, lang=lang))
    assert res.value == 1.0 and len(res.evidence) == 5


def test_a_few_ad_labels_in_a_long_article_do_not_fire():
    paragraphs = ["Anzeige"] + BODY_DE * 6 + ["Anzeige"] + BODY_DE * 6 + ["Anzeige"]
    assert run("ad_label_density", parsed(paragraphs, lang="de")).value == 0


# --- excerpt_only ----------------------------------------------------------------------------------


@pytest.mark.parametrize("ending", [" […]", "…", " [...]", "... »"])
def test_excerpt_cut_with_an_ellipsis_fires(ending):
    page = parsed([BODY_EN[0][:120] + ending])
    assert run("excerpt_only", page).value == 1.0


def test_full_article_or_a_quoted_ellipsis_inside_does_not_fire():
    assert run("excerpt_only", parsed(BODY_EN)).value == 0
    long_with_cut = parsed(BODY_EN + BODY_EN + [BODY_EN[0][:100] + " […]"])
    assert run("excerpt_only", long_with_cut).value == 0


# --- script_mismatch -------------------------------------------------------------------------------


def test_chinese_declaration_over_english_text_fires():
    assert run("script_mismatch", parsed(BODY_EN * 2, lang="zh-CN")).value == 1.0


def test_matching_or_latin_declarations_do_not_fire():
    assert run("script_mismatch", parsed(BODY_ZH, lang="zh-CN")).value == 0
    # A template's lang="en" over Chinese text is common on real Chinese sites: not counted.
    assert run("script_mismatch", parsed(BODY_ZH, lang="en")).value == 0
    assert run("script_mismatch", parsed(BODY_EN, lang="en")).value == 0


def test_a_short_domain_label_does_not_pass_for_the_named_site():
    # abcnews.go.com's registered domain is go.com: "go" must not match "Good Morning Gazette".
    page = parsed(BODY_EN + ["The post Bridge to close appeared first on Good Morning Gazette."],
                  url="https://abcnews.go.com/US/bridge")
    assert run("feed_footer", page).value == 1.0
