"""Brand injection signals: brand_in_title, brand_in_lede and infer_brand.

Every outlet, person and story below is invented for these tests (well-known
outlet names appear only as the names other pages mention).
"""
from __future__ import annotations

import pytest

from detector.page import Page
from detector.signals.brand import brand_in_lede, brand_in_title, infer_brand, lede_injection, title_brand

FARM_URL = "https://esthenexchange.example/news/island-leader"

# The seed's shape in invented words: brand glued to the title and to the lede.
SEED = Page(
    id="seed",
    url=FARM_URL,
    title="Esthen Exchange-Island leader expected to visit the capital for trade talks",
    source="Polarmoon Wealth Society",
    paragraphs=[
        "The Esthen ExchangeUnited Provinces has word that the island's leader plans to visit the capital "
        "for trade talks, an embassy spokesperson said.",
        "The spokesperson did not confirm a New York Times report from Tuesday, but said in a statement to "
        "ABC News that the talks \"are moving along.\"",
    ],
)


def page(title: str = "", lede: str = "", site_name: str = "", url: str = "", **fields) -> Page:
    paragraphs = [lede, "A second paragraph follows with more detail on the story."] if lede else []
    return Page(id="t", url=url, site_name=site_name, title=title, paragraphs=paragraphs, **fields)


def assert_evidence_quotes(p: Page, result) -> None:
    for evidence in result.evidence:
        assert evidence.text, evidence
        assert p.field_text(evidence.field)[evidence.start:evidence.end] == evidence.text


LEDGER = dict(site_name="Lakeside Ledger", url="https://www.lakesideledger.example/story/42")
STORM = "Storm knocks out power across the valley for a second night"
STORM_LEDE = "A late spring storm knocked out power to thousands of homes on Tuesday, utility officials said."

TITLE_CASES = [
    # (case, page, expected value)
    ("seed: glued prefix, also glued in the lede", SEED, 1.0),
    ("glued prefix with a brand word, no lede stamp",
     page("Harbor Wealth Network-Shares slide as the port strike enters a third week", STORM_LEDE,
          url="https://harborwealthnetwork.example/a"), 1.0),
    ("prefix that is also stamped on the lede",
     page("Harbor Wealth Network | Shares slide as the port strike drags on",
          "Harbor Wealth Network — Shares slid on Monday as the port strike entered its third week.",
          url="https://harborwealthnetwork.example/a"), 0.9),
    ("brand glued without any separator",
     page("Stonemere CapitalIsland leader expected to visit the capital", STORM_LEDE), 1.0),
    ("brand glued to a number",
     page("Stonemere Capital2024 budget leaves the harbour without funds", STORM_LEDE), 1.0),
    ("camel-case name inside an ordinary headline",
     page("New YouTube rules worry small creators", STORM_LEDE), 0.0),
    ("camel-case name the body spells the same way",
     page("Initiative EnergieEffizienz startet Beratung für Haushalte",
          "Initiative EnergieEffizienz bietet ab Montag kostenlose Beratung an.", lang="de"), 0.0),
    ("made-up brand before a colon", page("Stonemere Capital: How the harbour strike ended", STORM_LEDE), 0.3),
    ("made-up brand as underscore suffix", page(f"{STORM}_Stonemere Capital", STORM_LEDE), 0.6),
    ("made-up brand glued as hyphen suffix", page(f"{STORM}-Stonemere Capital", STORM_LEDE), 0.6),
    ("a common-word label before a colon", page(f"Local News: {STORM}", STORM_LEDE), 0.0),
    ("ordinary SEO suffix with spaces", page(f"{STORM} | Lakeside Ledger", STORM_LEDE, **LEDGER), 0.2),
    ("SEO suffix with a dash", page(f"{STORM} - Lakeside Ledger", STORM_LEDE, **LEDGER), 0.2),
    ("suffix of a text dump without site information", page(f"{STORM} - Lakeside Ledger", STORM_LEDE), 0.2),
    ("another outlet's name as the suffix of a text dump", page(f"{STORM} - ABC News", STORM_LEDE), 0.3),
    ("brand as spaced prefix", page(f"Lakeside Ledger | {STORM}", STORM_LEDE, **LEDGER), 0.3),
    ("no separator at all", page(STORM, STORM_LEDE, **LEDGER), 0.0),
    ("hyphenated name inside the headline", page("Kim Jong-Un meets regional leaders in the capital", STORM_LEDE), 0.0),
    ("German compound with a party prefix",
     page("CDU-Fraktion fordert neue Radwege in der Innenstadt", "Die Fraktion stellte am Montag ihren Antrag vor.",
          url="https://www.cdu-bergstadt.example/radwege", lang="de"), 0.0),
    ("topic label before a colon, place dateline in the lede",
     page("Bergstadt: Stadtrat beschließt neuen Haushalt für das kommende Jahr",
          "Bergstadt - Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen.",
          site_name="Bergstädter Anzeiger", url="https://www.bergstaedter-anzeiger.example/a", lang="de"), 0.0),
    ("subtitle after a colon", page("Olivia Marsh: Queen of the quiet comeback tour", STORM_LEDE), 0.0),
    ("a subtitle suffix on a page that names its site elsewhere",
     page(f"{STORM} - The Long Night Ahead", STORM_LEDE, **LEDGER), 0.0),
    ("a suffix ending in a brand word that is not the site's name",
     page(f"{STORM} - Valley Daily News", STORM_LEDE, **LEDGER), 0.2),
]


@pytest.mark.parametrize("case, p, expected", TITLE_CASES, ids=[c[0] for c in TITLE_CASES])
def test_brand_in_title(case, p, expected):
    result = brand_in_title(p)
    assert result.value == pytest.approx(expected)
    assert bool(result.evidence) == (expected > 0)
    assert_evidence_quotes(p, result)


def test_brand_in_title_quotes_the_brand():
    result = brand_in_title(SEED)
    assert [e.text for e in result.evidence] == ["Esthen Exchange", "The Esthen Exchange"]
    assert [e.field for e in result.evidence] == ["title", "paragraphs[0]"]


LEDE_CASES = [
    ("seed: brand glued to the next word", SEED, 1.0),
    ("site name glued mid-sentence",
     page(STORM, "Officials said on Monday that Lakeside LedgerThousands of homes were still dark.", **LEDGER), 1.0),
    ("lede opens with the brand as a label",
     page(STORM, "Lakeside Ledger — A late spring storm knocked out power on Tuesday.", **LEDGER), 0.6),
    ("lede opens with the brand in brackets",
     page(STORM, "(Lakeside Ledger) A late spring storm knocked out power on Tuesday.", **LEDGER), 0.5),
    ("an outlet's own dateline on its own site",
     page(STORM, "(CNN) — A late spring storm knocked out power on Tuesday.", site_name="CNN",
          url="https://edition.cnn.com/2024/05/01/us/storm"), 0.0),
    ("the outlet as the sentence's subject",
     page(STORM, "CNN has learned that the storm knocked out power to thousands.", site_name="CNN",
          url="https://edition.cnn.com/2024/05/01/us/storm"), 0.0),
    ("the outlet as a quoted party",
     page(STORM, "The utility's chief told The Verge that repairs would take days.", site_name="The Verge",
          url="https://www.theverge.com/2024/5/1/storm"), 0.0),
    ("German genitive of the outlet's name",
     page(STORM, "CNNs Reporterin berichtete am Dienstag aus dem Tal.", site_name="CNN",
          url="https://edition.cnn.com/2024/05/01/us/storm", lang="de"), 0.0),
    ("German compound that starts like the title",
     page("Diese Wellness-Hotels versprechen einen erholsamen Kurzurlaub",
          "Diese Wellness-Hotels versprechen Ruhe, gutes Essen und lange Spaziergänge.",
          site_name="Beispiel Magazin", url="https://www.beispiel-magazin.example/a", lang="de"), 0.0),
    ("ordinary German page",
     page("Stadtrat beschließt neuen Haushalt - Beispiel Zeitung",
          "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen. Die Opposition kritisierte die Pläne.",
          site_name="Beispiel Zeitung", url="https://www.beispiel-zeitung.example/politik/1", lang="de"), 0.0),
    ("no lede", page(STORM, "", **LEDGER), 0.0),
    ("made-up brand opening the lede, no brand known elsewhere",
     page(STORM, "Stonemere Capital reports: A late spring storm knocked out power on Tuesday."), 0.6),
    ("made-up brand closing the lede in brackets",
     page(STORM, "A late spring storm knocked out power on Tuesday. (Stonemere Capital)"), 0.5),
    ("made-up site name put before the first word",
     page(STORM, "Stonemere Capital A late spring storm knocked out power on Tuesday.", site_name="Stonemere Capital"),
     0.4),
    ("a common-word label opening the lede",
     page(STORM, "Local News — A late spring storm knocked out power on Tuesday."), 0.0),
]


@pytest.mark.parametrize("case, p, expected", LEDE_CASES, ids=[c[0] for c in LEDE_CASES])
def test_brand_in_lede(case, p, expected):
    result = brand_in_lede(p)
    assert result.value == pytest.approx(expected)
    assert_evidence_quotes(p, result)


@pytest.mark.parametrize("lede, brand, expected", [
    ("The Esthen ExchangeUnited Provinces has word that ...", "Esthen Exchange", ("glued", 0, 19)),
    ("Esthen Exchange — Shares slid on Monday.", "Esthen Exchange", ("leading", 0, 17)),
    ("(Esthen Exchange) Shares slid on Monday.", "Esthen Exchange", ("paren", 0, 17)),
    ("Esthen Exchange reports: Shares slid on Monday.", "Esthen Exchange", ("leading", 0, 24)),
    ("The Esthen Exchangecouncil voted on Monday.", "Esthen Exchange", ("glued", 0, 19)),
    ("Daily Esthen NewsA large crowd gathered.", "Daily Esthen News", ("glued", 0, 17)),
    ("Shares slid on Monday. (Esthen Exchange)", "Esthen Exchange", ("trailing", 23, 40)),
    ("Esthen Exchange Shares slid on Monday.", "Esthen Exchange", ("prefixed", 0, 15)),
    ("Lakeside Ledger Editor Jane Roe wrote on Monday.", "Lakeside Ledger", None),  # no made-up word
    ("Die Frankfurter Allgemeinen Leser schrieben.", "Frankfurter Allgemeine", None),  # an inflection
    ("Esthen Exchange reported record volumes on Monday.", "Esthen Exchange", None),
    ("Esthen Exchange-Mitglieder trafen sich am Montag.", "Esthen Exchange", None),
    ("Shares slid, the Esthen Exchange said.", "Esthen Exchange", None),
    ("\u201eEsthen Exchange: ein Rückblick\u201c lautet der Titel.", "Esthen Exchange", None),
])
def test_lede_injection(lede, brand, expected):
    found = lede_injection(Page(id="t", paragraphs=[lede]), brand)
    assert (tuple(found) if found else None) == expected


@pytest.mark.parametrize("p, expected_brand, expected_field", [
    (page(STORM, STORM_LEDE, **LEDGER), "Lakeside Ledger", "site_name"),
    (SEED, "Esthen Exchange", "title"),
    (page(f"{STORM} | Lakeside Ledger", STORM_LEDE), "Lakeside Ledger", "title"),
    (page(STORM, STORM_LEDE), "", None),
])
def test_infer_brand(p, expected_brand, expected_field):
    brand, evidence = infer_brand(p)
    assert brand == expected_brand
    assert (evidence.field if evidence else None) == expected_field
    if evidence:
        assert p.field_text(evidence.field)[evidence.start:evidence.end] == evidence.text == brand


def test_title_brand_reports_position_and_gluing():
    found = title_brand(SEED)
    assert (found.text, found.position, found.glued, found.support) == ("Esthen Exchange", "prefix", True, "lede")
    suffix = title_brand(page(f"{STORM} | Lakeside Ledger", STORM_LEDE, **LEDGER))
    assert (suffix.text, suffix.position, suffix.glued, suffix.support) == ("Lakeside Ledger", "suffix", False, "site")
