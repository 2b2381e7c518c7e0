"""Credit signals and the outlet knowledge behind them: source_mismatch,
site_name_mismatch, uncredited_outlet_copy, wire_credit; normalize_outlet,
name_matches_host, body_credits.

Every outlet, person and story below is invented for these tests; well-known
outlet names (AP, Reuters, ABC News, ...) appear only as credit strings.
"""
from __future__ import annotations

import pytest

from detector.page import Page
from detector.signals.credit import site_name_mismatch, source_mismatch, uncredited_outlet_copy, wire_credit
from detector.signals.outlets import body_credits, name_matches_host, names_agree, normalize_outlet, outlet_matches_site

FARM_URL = "https://esthenexchange.example/news/island-leader"

SEED = Page(
    id="seed",
    url=FARM_URL,
    title="Esthen Exchange-Island leader expected to visit the capital for trade talks",
    source="Polarmoon Wealth Society",
    category="Contact",
    paragraphs=[
        "The Esthen ExchangeUnited Provinces has word that the island's leader plans to visit the capital "
        "for trade talks, an embassy spokesperson said.",
        "The spokesperson did not confirm a New York Times report from Tuesday, but said in a statement to "
        "ABC News that the talks \"are moving along.\"",
        "FILE PHOTO: Two leaders shake hands at a harbour summit last spring. Pool/Reuters",
        "\"We expect the talks to go on,\" the spokesperson said in a statement to ABC News.",
    ],
)

# An original on the outlet's own site that quotes another outlet once.
ORIGINAL = Page(
    id="original",
    url="https://www.nytimes.com/2024/05/01/world/harbour-summit.html",
    site_name="The New York Times",
    source="The New York Times",
    byline="By Maren Holt",
    title="Harbour city braces for a summit of island leaders",
    paragraphs=[
        "The harbour city is preparing for a summit next week, officials said on Monday, as ferries were "
        "rerouted and hotels filled with delegations.",
        "\"We are ready for them,\" the mayor told Reuters earlier this week.",
        "Our reporters walked the docks on Sunday, where fishermen complained about the closures.",
    ],
)

# Credited AP syndication on a local paper.
SYNDICATED = Page(
    id="syndicated",
    url="https://www.lakesideledger.example/story/storm",
    site_name="Lakeside Ledger",
    source="AP",
    byline="By Jane Roe, Associated Press",
    title="Storm knocks out power across the valley",
    paragraphs=[
        "DENVER (AP) — A late spring storm knocked out power to thousands of homes on Tuesday, utility "
        "officials said.",
        "Crews expect repairs to take several days.",
        "Copyright 2024 The Associated Press. All rights reserved.",
    ],
)

GERMAN = Page(
    id="german",
    url="https://www.beispiel-zeitung.example/politik/haushalt",
    site_name="Beispiel Zeitung",
    title="Stadtrat beschließt neuen Haushalt",
    lang="de",
    paragraphs=[
        "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen. Die Opposition kritisierte die Pläne.",
        "Der Bürgermeister sagte, man sei mit dem Ergebnis zufrieden. Der Kämmerer erklärte die Zahlen.",
        "Die Sitzung dauerte bis in den späten Abend.",
    ],
)

ALL = (source_mismatch, site_name_mismatch, uncredited_outlet_copy, wire_credit)


def with_(base: Page, **changes) -> Page:
    fields = {**base.__dict__, **changes}
    return Page(**fields)


def assert_evidence_quotes(p: Page, result) -> None:
    for evidence in result.evidence:
        assert evidence.text, evidence
        assert p.field_text(evidence.field)[evidence.start:evidence.end] == evidence.text


# ---------------------------------------------------------------------------
# outlets.py

@pytest.mark.parametrize("name, key", [
    ("the associated press", "ap"),
    ("Associated Press", "ap"),
    ("A.P.", "ap"),
    ("apnews.com", "ap"),
    ("Reuters", "reuters"),
    ("Deutsche Presse-Agentur", "dpa"),
    ("The New York Times", "nyt"),
    ("nytimes.com", "nyt"),
    ("ABC News", "abc"),
    ("Süddeutsche Zeitung", "sz"),
    ("The Esthen Exchange", "esthen exchange"),
    ("Esthen Exchange", "esthen exchange"),
])
def test_normalize_outlet(name, key):
    assert normalize_outlet(name) == key


@pytest.mark.parametrize("name, host, expected", [
    ("The Verge", "theverge.com", True),
    ("ABC News", "abcnews.go.com", True),
    ("The New York Times", "nytimes.com", True),
    ("WIRED", "wired.com", True),
    ("Yahoo News", "news.yahoo.com", True),
    ("FAZ.NET", "faz.net", True),
    ("Frankfurter Allgemeine Zeitung", "faz.net", True),
    ("Süddeutsche Zeitung", "sueddeutsche.de", True),
    ("Los Angeles Times", "latimes.com", True),
    ("Lakeside Ledger", "lakesideledger.example", True),
    ("LN - Lübecker Nachrichten", "ln-online.de", True),
    ("Esthen Exchange", "esthenexchange.example", True),
    ("ABC News", "esthenexchange.example", False),
    ("Polarmoon Wealth Society", "esthenexchange.example", False),
    ("Lakeside Ledger", "pinecrestherald.example", False),
])
def test_name_matches_host(name, host, expected):
    assert name_matches_host(name, host) is expected


@pytest.mark.parametrize("a, b, expected", [
    ("WSJ", "The Wall Street Journal", True),
    ("Esthen Exchange", "The Esthen Exchange", True),
    ("AP", "Associated Press", True),
    ("Polarmoon Wealth Society", "Esthen Exchange", False),
    ("Reuters", "ABC News", False),
])
def test_names_agree(a, b, expected):
    assert names_agree(a, b) is expected


@pytest.mark.parametrize("key, p, expected", [
    ("nyt", ORIGINAL, True),
    ("reuters", ORIGINAL, False),
    ("abc", Page(id="t", url="https://abcnews.go.com/US/story"), True),
    ("abc", Page(id="t", url=FARM_URL), False),
    ("esthen exchange", Page(id="t", url=FARM_URL), True),
    ("esthen exchange", Page(id="t", site_name="Esthen Exchange"), True),
])
def test_outlet_matches_site(key, p, expected):
    assert outlet_matches_site(key, p) is expected


CREDIT_CASES = [
    # (paragraph, [(outlet, kind), ...])
    ("WASHINGTON (AP) — Lawmakers met late on Friday to discuss the budget.", [("ap", "dateline")]),
    ("LONDON, Jan 3 (Reuters) - Shares in the harbour operator fell sharply.", [("reuters", "dateline")]),
    ("Berlin (dpa) - Die Regierung hat einen neuen Plan vorgestellt.", [("dpa", "dateline")]),
    ("Hamburg (dpa/AFP) - Der Hafen bleibt geschlossen.", [("dpa", "dateline"), ("afp", "dateline")]),
    ("(CNN)The storm reached the coast overnight.", [("cnn", "dateline")]),
    ("MILLTOWN, Ohio (WXYZ) -- Crews cleared the road by noon.", [("wxyz", "dateline")]),
    ("A spokesperson said in a statement to ABC News that the talks continue.", [("abc", "statement_to")]),
    ("\"We are ready,\" the mayor told Reuters.", [("reuters", "statement_to")]),
    ("She told The Esthen Daily that the plan was final.", [("esthen daily", "statement_to")]),
    ("He spoke to the Washington Post on Sunday.", [("wapo", "statement_to")]),
    ("Das sagte er der Deutschen Presse-Agentur am Montag.", [("dpa", "statement_to")]),
    ("Jana Roth sagte gegenüber CNN, man prüfe den Vorgang.", [("cnn", "statement_to")]),
    ("The agency did not confirm a New York Times report from Tuesday.", [("nyt", "report_by")]),
    ("The deal collapsed, according to Reuters.", [("reuters", "report_by")]),
    ("Two ministers shake hands at the summit. Pool/Reuters", [("reuters", "photo")]),
    ("A crowd gathers at the gate. (AP Photo/Jane Roe)", [("ap", "photo")]),
    ("Ein Blick auf den Hafen. Foto: Kay Roe/dpa", [("dpa", "photo")]),
    ("Copyright 2024 The Associated Press. All rights reserved.", [("ap", "copyright")]),
    ("© 2024 Esthen Exchange All Rights Reserved", [("esthen exchange", "copyright")]),
    ("This story was originally published by ProPublica.", [("propublica", "originally_published")]),
    ("This article originally appeared on Lakeside Ledger and is republished here with permission.",
     [("lakeside ledger", "originally_published")]),
    ("The Associated Press contributed to this report.", [("ap", "credit_line")]),
    ("Mit Material von dpa und AFP", [("dpa", "credit_line"), ("afp", "credit_line")]),
    ("jk/dpa", [("dpa", "credit_line")]),
    # Not credits.
    ("Die Europäische Union (EU) – ein Überblick über die Pläne.", []),
    ("Sen. Jane Roe (R-TX) — voted against the bill.", []),
    ("He walked up Capitol Hill to meet the committee.", []),
    ("A Reuters/Ipsos poll found broad support for the plan.", []),
    ("The minister told reporters the deal was done.", []),
    ("Der ARD-Korrespondent berichtete aus der Hafenstadt.", []),
    ("The GAP between the two offers narrowed.", []),
    ("Body Condition Score (BCS)-Werte steigen im Winter.", []),
]


@pytest.mark.parametrize("paragraph, expected", CREDIT_CASES, ids=[c[0][:40] for c in CREDIT_CASES])
def test_body_credits(paragraph, expected):
    p = Page(id="t", paragraphs=[paragraph])
    credits = body_credits(p)
    assert [(c.outlet, c.kind) for c in credits] == expected
    for credit in credits:
        e = credit.evidence
        assert e.field == "paragraphs[0]"
        assert p.field_text(e.field)[e.start:e.end] == e.text and e.text


def test_body_credits_point_into_the_right_paragraph():
    credits = body_credits(SEED)
    assert [(c.outlet, c.kind, c.evidence.field) for c in credits] == [
        ("nyt", "report_by", "paragraphs[1]"),
        ("abc", "statement_to", "paragraphs[1]"),
        ("reuters", "photo", "paragraphs[2]"),
        ("abc", "statement_to", "paragraphs[3]"),
    ]
    assert [c.evidence.text for c in credits] == [
        "a New York Times report", "said in a statement to ABC News", "Pool/Reuters", "said in a statement to ABC News",
    ]


def test_mid_article_lone_wire_name_is_a_photo_credit():
    paragraphs = ["The harbour reopened on Monday after a week of repairs."] * 3 + ["Reuters"] + ["More text."] * 4
    assert [(c.outlet, c.kind) for c in body_credits(Page(id="t", paragraphs=paragraphs))] == [("reuters", "photo")]


# ---------------------------------------------------------------------------
# The four signals on whole pages

PAGE_CASES = [
    # (case, page, {signal name: expected value or (low, high)})
    ("seed shape", SEED, {"source_mismatch": 1.0, "site_name_mismatch": 0.0,
                          "uncredited_outlet_copy": (0.6, 0.75), "wire_credit": 0.0}),
    ("original quoting another outlet once", ORIGINAL,
     {"source_mismatch": 0.0, "site_name_mismatch": 0.0, "uncredited_outlet_copy": 0.0, "wire_credit": 0.0}),
    ("credited AP syndication", SYNDICATED,
     {"source_mismatch": 0.0, "site_name_mismatch": 0.0, "uncredited_outlet_copy": 0.0, "wire_credit": 1.0}),
    ("ordinary German page", GERMAN,
     {"source_mismatch": 0.0, "site_name_mismatch": 0.0, "uncredited_outlet_copy": 0.0, "wire_credit": 0.0}),
    ("German wire copy credited in the byline",
     with_(GERMAN, byline="dpa", paragraphs=["Bergstadt (dpa) - Der Stadtrat hat den Haushalt beschlossen."]),
     {"uncredited_outlet_copy": 0.0, "wire_credit": 1.0}),
    ("wire dateline without any open credit",
     with_(SYNDICATED, url=FARM_URL, site_name="", source="", byline="", paragraphs=SYNDICATED.paragraphs[:2]),
     {"uncredited_outlet_copy": 1.0, "wire_credit": 0.5, "source_mismatch": 0.0}),
    ("wire dateline credited by the declared source only",
     with_(SYNDICATED, byline="", source="The Associated Press", paragraphs=SYNDICATED.paragraphs[:2]),
     {"uncredited_outlet_copy": 0.0, "wire_credit": 1.0, "source_mismatch": 0.0}),
    ("several statements to one outlet, not credited",
     with_(GERMAN, url=FARM_URL, site_name="", lang="en", paragraphs=[
         "The council voted to close the harbour road, a spokesperson told ABC News on Monday.",
         "The mayor later told ABC News that the closure would last a month."]),
     {"uncredited_outlet_copy": (0.55, 0.7), "wire_credit": 0.0}),
    ("a single 'according to' is ordinary quoting",
     with_(ORIGINAL, paragraphs=["The harbour deal collapsed on Friday, according to Reuters.", "Talks may resume."]),
     {"uncredited_outlet_copy": 0.0}),
    ("a partner's story republished openly",
     with_(GERMAN, lang="en", site_name="Lakeside Ledger", url="https://www.lakesideledger.example/a", paragraphs=[
         "The county will fund two new clinics, officials announced.",
         "This story was originally published by ProPublica."]),
     {"wire_credit": 1.0, "uncredited_outlet_copy": 0.0}),
    ("an outlet's own byline on its own site",
     with_(ORIGINAL, byline="CNN", site_name="CNN", source="", url="https://edition.cnn.com/2024/05/01/world/x",
           paragraphs=["(CNN) — The harbour city is preparing for a summit next week.", "Officials said more."]),
     {"wire_credit": 0.0, "uncredited_outlet_copy": 0.0, "site_name_mismatch": 0.0}),
]


@pytest.mark.parametrize("case, p, expected", PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_credit_signals_on_pages(case, p, expected):
    results = {f.__name__: f(p) for f in ALL}
    for name, want in expected.items():
        value = results[name].value
        if isinstance(want, tuple):
            assert want[0] <= value <= want[1], (name, value)
        else:
            assert value == pytest.approx(want), (name, value)
    for result in results.values():
        assert_evidence_quotes(p, result)
        assert bool(result.evidence) == (result.value > 0)


def test_source_mismatch_evidence_on_source_and_first_credit():
    result = source_mismatch(SEED)
    assert [(e.field, e.text) for e in result.evidence] == [
        ("source", "Polarmoon Wealth Society"), ("paragraphs[1]", "a New York Times report")]


@pytest.mark.parametrize("source, paragraphs, expected", [
    ("", SEED.paragraphs, 0.0),
    ("Staff", SEED.paragraphs, 0.0),
    ("Agenturen", SEED.paragraphs, 0.0),
    ("Polarmoon Wealth Society", SEED.paragraphs, 1.0),
    ("Polarmoon Wealth Society", ["The harbour reopened on Monday.", "Ships queued overnight."], 0.3),
    ("Esthen Exchange", SEED.paragraphs, 0.0),  # the site itself
    ("https://esthenexchange.example/about", SEED.paragraphs, 0.0),  # a URL of the site itself
    ("ABC News", SEED.paragraphs, 0.0),  # the body backs it
    ("Reuters", ["The harbour reopened on Monday.", "Ships queued overnight."], 0.0),  # an open wire credit
    ("CNN", SEED.paragraphs, 1.0),  # a known outlet the body never credits, while it credits others
    ("Pressemitteilung der Stadt Bergstadt", SEED.paragraphs, 0.0),
])
def test_source_mismatch(source, paragraphs, expected):
    p = with_(SEED, source=source, paragraphs=paragraphs)
    assert source_mismatch(p).value == pytest.approx(expected)


@pytest.mark.parametrize("site_name, url, expected", [
    ("ABC News", "https://abcnews.go.com/US/storm-story", 0.0),
    ("The New York Times", "https://www.nytimes.com/2024/05/01/us/storm.html", 0.0),
    ("WIRED", "https://www.wired.com/story/storm", 0.0),
    ("Yahoo News", "https://news.yahoo.com/storm-123.html", 0.0),
    ("Frankfurter Allgemeine Zeitung", "https://www.faz.net/aktuell/politik/x.html", 0.0),
    ("Süddeutsche Zeitung", "https://www.sueddeutsche.de/politik/x", 0.0),
    ("WirtschaftsWoche", "https://www.wiwo.de/x", 0.0),
    ("Lakeside Ledger", "https://www.lakesideledger.example/x", 0.0),
    ("ABC News", FARM_URL, 1.0),  # a known outlet's name on another site
    ("Reuters", FARM_URL, 1.0),
    ("Polarmoon Wealth Society", FARM_URL, 0.5),
    ("Medium", "https://esthen.medium.com/x", 0.0),  # a platform
    ("Harbor Notes", "https://harbornotes.wordpress.com/x", 0.0),  # blog on a platform host
    ("Politik", "https://www.beispiel-zeitung.example/x", 0.0),  # a section word
    ("ABC News", "", 0.0),  # nothing to compare with
])
def test_site_name_mismatch(site_name, url, expected):
    p = Page(id="t", url=url, site_name=site_name, title="Storm knocks out power across the valley",
             paragraphs=["A late spring storm knocked out power on Tuesday."])
    assert site_name_mismatch(p).value == pytest.approx(expected)


def test_site_name_consistent_with_the_title_brand_is_no_mismatch():
    p = Page(id="t", url="https://www.pinecrest-online.example/a", site_name="Valley Courier",
             title="Storm knocks out power across the valley | Valley Courier",
             paragraphs=["A late spring storm knocked out power on Tuesday."])
    assert site_name_mismatch(p).value == 0.0
    assert site_name_mismatch(with_(p, title="Storm knocks out power across the valley")).value == 0.5


@pytest.mark.parametrize("byline, source, paragraphs, expected", [
    ("By Jane Roe, Associated Press", "", ["DENVER (AP) — Crews worked overnight."], 1.0),
    ("Jane Roe | Reuters", "", ["Crews worked overnight."], 1.0),
    ("", "dpa", ["Bergstadt - Der Stadtrat tagte."], 1.0),
    ("", "", ["Crews worked overnight.", "Contributing: The Associated Press"], 1.0),
    ("", "", ["Crews worked overnight.", "Photo: Reuters"], 0.0),  # a photo credit is no story credit
    ("", "", ["Crews worked overnight.", "© 2024 Lakeside Media LLC"], 0.0),  # the site's own company
    ("By Jane Roe", "", ["DENVER (AP) — Crews worked overnight."], 0.5),  # a wire dateline alone: half-open credit
    ("By Jane Roe", "", ["DENVER (KXYZ) — Crews worked overnight."], 0.0),  # an unknown call sign is no wire
    ("Lakeside Ledger Staff", "", ["Crews worked overnight."], 0.0),
])
def test_wire_credit(byline, source, paragraphs, expected):
    p = Page(id="t", url="https://www.lakesideledger.example/a", site_name="Lakeside Ledger", byline=byline,
             source=source, title="Storm knocks out power", paragraphs=paragraphs)
    result = wire_credit(p)
    assert result.value == pytest.approx(expected)
    assert_evidence_quotes(p, result)


@pytest.mark.parametrize("line, outlet", [
    ("This story was originally published by riverbend-courier.jp.", "riverbend courierjp"),
    ("Provided by The Harwick Sentinel", "harwick sentinel"),
    ("Dieser Text wurde zuerst von Nordkurier Abendblatt veröffentlicht.", "nordkurier abendblatt"),
    ("Este texto se publicó primero en Diario Costero. Reproducido con permiso.", "diario costero"),
    ("Este artículo fue publicado originalmente en La Voz del Valle y se reproduce con autorización.",
     "la voz del valle"),
    ("Cet article a été initialement publié par Le Courrier du Lac.", "le courrier du lac"),
    ("Artikel ini pertama kali terbit di Warta Pagi dan dimuat ulang atas izin redaksi.", "warta pagi"),
    ("In Kooperation mit Nordkurier Abendblatt", "nordkurier abendblatt"),
    ("In partnership with The Harwick Sentinel", "harwick sentinel"),
])
def test_syndication_lines_in_several_languages_are_open_credits(line, outlet):
    page = Page(id="x", paragraphs=["An opening paragraph of the story, long enough to be one.", line])
    credits = [(c.outlet, c.kind) for c in body_credits(page)]
    assert (outlet, "originally_published") in credits


@pytest.mark.parametrize("text", ["Die Stadt wurde zuerst von den Römern besiedelt.",
                                  "He first published his novel in 1990.",
                                  "Ursprünglich von der Regierung geplant, wurde das Projekt gestoppt."])
def test_sentences_that_only_look_like_syndication_lines_credit_no_one(text):
    page = Page(id="x", paragraphs=["An opening paragraph of the story, long enough to be one.", text])
    assert [c for c in body_credits(page) if c.kind == "originally_published"] == []
