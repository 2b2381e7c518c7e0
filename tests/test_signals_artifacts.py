"""Scraping artifacts: glued words, duplicated captions, cross-promotion lines and
navigation residue. All text is invented for these tests.
"""
import pytest

from detector.page import Block, BlockItem, Page
from detector.signals.artifacts import cross_promo_lines, duplicated_caption, glued_words, navigation_residue

ENGLISH = [
    "The Port Elswick water board said on Monday that it would extend the summer watering "
    "restrictions for another six weeks, after the driest spring the region has recorded.",
    "Board chair Miriam Okafor told reporters that the reservoir at Calder Lake had fallen to a "
    "third of its capacity and that the utility was asking every household to cut its use by a fifth.",
    "Farmers in the valley have warned that the restrictions could hurt the autumn harvest, and "
    "several of them plan to address the board at its next public meeting.",
    "The board will review the measures again in August, when engineers expect the first results "
    "from the new pipeline to the northern wells.",
]
GERMAN = [
    "Die Stadtwerke haben am Montag angekündigt, die Einschränkungen bei der Gartenbewässerung "
    "um weitere sechs Wochen zu verlängern, weil der Frühling so trocken war wie nie zuvor.",
    "Die Trinkwasserversorgung sei nicht gefährdet, sagte die Vorsitzende des Aufsichtsrats, aber "
    "die BürgerInnen sollten ihren Verbrauch um ein Fünftel senken und wassersparende Duschköpfe nutzen.",
    "Die Landwirte im Tal befürchten Ernteausfälle und wollen bei der nächsten öffentlichen "
    "Sitzung des Gemeinderats sprechen, der im August erneut über die Maßnahmen berät.",
]


def page(paragraphs, lang="en", blocks=()) -> Page:
    return Page(id="t", paragraphs=list(paragraphs), lang=lang, blocks=list(blocks))


def with_paragraph(text: str, base=ENGLISH) -> list[str]:
    return base[:2] + [text] + base[2:]


def assert_evidence_quotes(p: Page, res) -> None:
    for ev in res.evidence:
        assert ev.text, ev
        assert ev.text == p.field_text(ev.field)[ev.start:ev.end]


# --- glued_words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, glued",
    [
        # a brand injected before a name, glued where a tag ended
        ("The Harborview LedgerUnited States officials said the inspection would take a week.", "LedgerUnited"),
        # ...and before a place name the word list does not know
        ("The Crestview ForumGlenmoor County council closed two schools on Thursday.", "ForumGlenmoor"),
        # a link around a name, the next word glued to it
        ("Councillor Jane Smithwas not available for comment when the board met on Monday.", "Smithwas"),
        # lowercase join of a word and the next one
        ("The council also approved a temporary parking banearlier this week after complaints.", "banearlier"),
        # two sentences run together
        ("The mayor said the plan had been delayed for months.Officials disagreed and voted against it.", "months.Officials"),
        # a number glued to the next capitalised word
        ("Officials reported new COVID-19Cases in the valley towns over the weekend, the board said.", "COVID-19Cases"),
    ],
)
def test_glued_words_fire(sentence, glued):
    p = page(with_paragraph(sentence))
    res = glued_words(p)
    assert res.fired
    assert [ev.text for ev in res.evidence] == [glued]
    assert res.evidence[0].field == "paragraphs[2]"
    assert_evidence_quotes(p, res)


@pytest.mark.parametrize(
    "sentence",
    [
        "She filmed the flooded road on her iPhone and posted the clip to YouTube and LinkedIn.",
        "The McDonald family runs the PlayStation shop and writes JavaScript for a living.",
        "Her PowerPoint slides compared the reservoir levels of the last ten summers in detail.",
        "Readers can follow the updates under #WaterWatchElswick or write to @ElswickBoard online.",
        "The app calls getElementById and addEventListener before it draws the reservoir chart.",
        "The board met on Monday. While the farmers waited outside, engineers presented the plan.",
        # a name that splits into a short word and a function word ("as" + "then")
        "Inspector Asthen told reporters the pipeline would be finished by the end of summer.",
    ],
)
def test_ordinary_camel_case_and_text_stay_quiet(sentence):
    assert glued_words(page(with_paragraph(sentence))).value == 0.0


def test_ordinary_english_page_stays_quiet():
    assert glued_words(page(ENGLISH)).value == 0.0


def test_german_compounds_and_binnen_i_stay_quiet():
    # German compounds look like two words run together, but the lowercase rule runs
    # only on English pages; "BürgerInnen" is a gender-inclusive form, not glue.
    assert glued_words(page(GERMAN, lang="de")).value == 0.0


def test_glue_in_block_teasers_is_found():
    teaser = "GLENMOOR — Councillor Jane Smithwas about to back a ban on night flights at the airport this y"
    p = page(ENGLISH, blocks=[Block("Recommend", [BlockItem("Airport noise row reaches the council", teaser)])])
    res = glued_words(p)
    assert [ev.text for ev in res.evidence] == ["Smithwas"]
    assert res.evidence[0].field == "blocks[0].items[0].teaser"
    assert_evidence_quotes(p, res)


def test_glue_value_grows_with_density():
    one = glued_words(page(with_paragraph("Councillor Jane Smithwas not available for comment on Monday evening.")))
    many = glued_words(page(with_paragraph(
        "Councillor Jane Smithwas not available, the clerk said.Officials added that a parking "
        "banearlier this week had angered The Harborview LedgerUnited States visitors."
    )))
    assert 0 < one.value < many.value <= 1.0


# --- duplicated_caption ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (with_paragraph("FILE PHOTO: FILE PHOTO: A ferry leaves the harbour at Port Elswick, March 3, 2019."), ["FILE PHOTO: FILE PHOTO:"]),
        (with_paragraph("Photo: Photo: The reservoir at Calder Lake in early June."), ["Photo: Photo:"]),
        # a paragraph or a sentence repeated within two paragraphs: alt text and caption
        (ENGLISH[:3] + [ENGLISH[1]], [ENGLISH[1]]),
        (ENGLISH[:2] + ["Engineers were cautious. " + ENGLISH[1] + " The pipeline is late."], [ENGLISH[1][:-1]]),
    ],
)
def test_duplicated_caption_fires(paragraphs, expected):
    p = page(paragraphs)
    res = duplicated_caption(p)
    assert res.fired
    assert [ev.text for ev in res.evidence] == expected
    assert_evidence_quotes(p, res)


@pytest.mark.parametrize(
    "paragraphs",
    [
        ENGLISH,
        GERMAN,
        # short lines repeat on real pages (bylines, labels): not caption duplication
        ENGLISH + ["Share this article", "Share this article"],
        # a repeat far from the first: a pull quote or a teaser on an ordinary page
        ENGLISH + [ENGLISH[0]],
        # a label once, followed by its text
        with_paragraph("FILE PHOTO: A ferry leaves the harbour at Port Elswick, March 3, 2019."),
        # two different labels in a row
        with_paragraph("Update: Correction: An earlier version misspelled the chair's name."),
    ],
)
def test_duplicated_caption_quiet(paragraphs):
    assert duplicated_caption(page(paragraphs)).value == 0.0


def test_label_repeat_weighs_more_than_a_repeated_sentence():
    label = duplicated_caption(page(with_paragraph("FILE PHOTO: FILE PHOTO: The harbour at dawn.")))
    sentence = duplicated_caption(page(ENGLISH[:2] + ["Engineers were cautious. " + ENGLISH[1]]))
    assert label.value > sentence.value > 0


# --- cross_promo_lines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, fires",
    [
        ("MORE: Three hikers rescued after storm on Mount Calder", True),
        ("READ MORE: Ferry fares to rise in the spring, operator says", True),
        ("RELATED: What the drought means for your garden", True),
        ("WATCH: Drone footage shows the shrinking reservoir", True),
        ("ALSO READ: How the valley farmers are coping", True),
        ("See also: Five ways to save water at home", True),
        ("Click here to sign up for our weekly water updates", True),
        ("Lesen Sie auch: Wie die Landwirte mit der Dürre umgehen", True),
        ("More:Contact", False),  # navigation, not a promoted headline
        ("More: Sports", False),
        ("Watch: the reservoir level has fallen to a third of its capacity, said the chair, who "
         "added that the board would not hesitate to bring in stricter measures if the dry spell "
         "continued into the autumn, when the harvest begins and the farmers need the water most, "
         "as they did in the last long drought.", False),  # a paragraph, not a promo line
        ("The board said more would follow.", False),
    ],
)
def test_cross_promo_lines(line, fires):
    p = page(with_paragraph(line))
    res = cross_promo_lines(p)
    assert res.fired is fires
    if fires:
        assert res.value == pytest.approx(0.25)  # moderate: originals carry these too
        assert res.evidence[0].text == line
        assert_evidence_quotes(p, res)


def test_cross_promo_value_grows_per_line_and_caps():
    lines = [f"MORE: Story number {n} about the valley towns" for n in range(6)]
    assert cross_promo_lines(page(ENGLISH + lines[:2])).value == pytest.approx(0.5)
    assert cross_promo_lines(page(ENGLISH + lines)).value == pytest.approx(1.0)


def test_ordinary_pages_have_no_promo_lines():
    assert cross_promo_lines(page(ENGLISH)).value == 0.0
    assert cross_promo_lines(page(GERMAN, lang="de")).value == 0.0


# --- navigation_residue ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, fires",
    [
        ("More:Contact", True),
        ("Home | About | Contact", True),
        ("Privacy Policy", True),
        ("Share this:", True),
        ("Subscribe", True),
        ("Kontakt", True),
        ("Impressum | Datenschutz", True),
        ("Home", True),
        ("More", False),  # one weak word alone is too little
        ("Share", False),
        ("Contact the board on its website to report a leak.", False),
        ("About a third of households have cut their use.", False),
        ("Privacy campaigners object to the new smart meters, citing policy gaps.", False),
    ],
)
def test_navigation_residue(line, fires):
    p = page(with_paragraph(line))
    res = navigation_residue(p)
    assert res.fired is fires
    if fires:
        assert res.evidence[0].text == line
        assert_evidence_quotes(p, res)


def test_more_label_block_over_navigation_links():
    p = page(ENGLISH, blocks=[Block("More:", [BlockItem("Contact")])])
    res = navigation_residue(p)
    assert res.value == pytest.approx(0.5)
    assert res.evidence[0].field == "blocks[0].heading"
    assert_evidence_quotes(p, res)


def test_ordinary_pages_have_no_navigation_residue():
    assert navigation_residue(page(ENGLISH)).value == 0.0
    assert navigation_residue(page(GERMAN, lang="de")).value == 0.0
    site_menu = Block("", [BlockItem("Home"), BlockItem("About"), BlockItem("Contact")])
    assert navigation_residue(page(ENGLISH, blocks=[site_menu])).value == 0.0


# --- the seed page, end to end ---------------------------------------------------------------

SEED_SIGNALS = [
    "unrelated_recommendations", "truncated_teasers", "glued_words", "duplicated_caption", "cross_promo_lines",
    "navigation_residue", "stale_redate", "navigation_category", "typo_tokens",
]


@pytest.mark.parametrize("name", SEED_SIGNALS)
def test_every_farm_trace_of_the_seed_page_fires(seed_page, name):
    # The real farm page the project started from, read from the shared folder (never
    # copied here) and parsed by the project's own parser.
    from detector.parse import page_from_record
    from detector.records import empty_record
    from detector.signals import REGISTRY

    p = page_from_record(empty_record(id="seed", text=seed_page.read_text(encoding="utf-8"), format="txt"))
    res = REGISTRY[name](p)
    assert res.value > 0, name
    assert_evidence_quotes(p, res)


def test_repeated_piece_screen_reads_the_body_as_joined_sentences():
    from collections import Counter

    from detector.signals.artifacts import _has_repeated_piece

    def by_definition(paragraphs):  # the body joined, every line end a stop, split at ". "
        body = ("\n".join(paragraphs) + "\n").replace(".\n", "\n").replace("\n", ". ")
        return any(n > 1 and len(piece) >= 40 for piece, n in Counter(body.split(". ")).items())

    sentence = "The ferry to the island was cancelled for the third day"
    cases = [
        [f"{sentence}.", f"Officials met on Monday. {sentence}."],  # same sentence, two paragraphs
        [f"{sentence}..", f"{sentence}."],  # a doubled stop keeps one dot
        [f"Intro line\n{sentence}.", f"{sentence}"],  # a line break inside a paragraph
        [f"{sentence}. ", f"{sentence}!"],  # no repeat
        [f"{sentence}.", "Short. Short. Short."],
    ]
    assert [_has_repeated_piece(c) for c in cases] == [by_definition(c) for c in cases] == [True, False, True, False, False]
