"""Farm blocks: unrelated recommendations and teasers cut at a fixed length.

All text is invented for these tests.
"""
import pytest

from detector.page import Block, BlockItem, Page
from detector.signals.blocks import truncated_teasers, unrelated_recommendations

ARTICLE = [
    "The Port Elswick water board said on Monday that it would extend the summer watering "
    "restrictions for another six weeks, after the driest spring the region has recorded.",
    "Board chair Miriam Okafor told reporters that the reservoir at Calder Lake had fallen to a "
    "third of its capacity and that the utility was asking every household to cut its use by a fifth.",
    "Farmers in the valley have warned that the restrictions could hurt the autumn harvest, and "
    "several of them plan to address the board at its next public meeting.",
    "The board will review the measures again in August, when engineers expect the first results "
    "from the new pipeline to the northern wells.",
]
TITLE = "Port Elswick extends watering restrictions as Calder Lake reservoir drops"

UNRELATED_ITEMS = [
    ("Local bakery wins national award for its sourdough loaf",
     "GLENMOOR — A family bakery on Harbour Street took first prize at the national bread fair last Saturday, beating two hundred entrants"),
    ("Teenager charged after scooter crash injures two pedestrians",
     "RIVERTON — Police have charged a 16-year-old with reckless riding after an electric scooter struck two people outside the cinema"),
    ("Pop singer explains why her twin brothers never join her on tour",
     "Singer Lola Brandt says her brothers prefer running their fishing business to standing on a stage, and that the arrangement suits everyone"),
]
RELATED_ITEMS = [
    ("Calder Lake reservoir falls to lowest level in a decade",
     "Engineers at the Port Elswick water board say the reservoir level dropped again this week."),
    ("Farmers ask water board to ease restrictions before harvest",
     "Valley farmers want the board to let them irrigate their fields twice a week."),
    ("Northern wells pipeline to reach Port Elswick by August",
     "The new pipeline should bring water from the northern wells to the town by late summer."),
]


def cut(text: str, length: int = 100) -> str:
    """A fixed-length cut that lands inside a word, as a farm's text[:100] does."""
    assert text[length - 1].isalpha() and text[length].isalpha(), "the cut must land mid-word"
    return text[:length]


def page_with(block: Block, paragraphs=ARTICLE, title=TITLE, lang="en") -> Page:
    return Page(id="t", title=title, paragraphs=list(paragraphs), blocks=[block], lang=lang)


def recommend_block(items, teaser=lambda t: t) -> Block:
    return Block("Recommend", [BlockItem(title, teaser(text)) for title, text in items])


def assert_evidence_quotes(page: Page, res) -> None:
    for ev in res.evidence:
        assert ev.text, ev
        assert ev.text == page.field_text(ev.field)[ev.start:ev.end]


# --- unrelated_recommendations ---------------------------------------------------------------


def test_unrelated_recommend_block_fires_with_each_item_as_evidence():
    page = page_with(recommend_block(UNRELATED_ITEMS))
    res = unrelated_recommendations(page)
    assert res.value == pytest.approx(1.0)
    assert [ev.text for ev in res.evidence] == [title for title, _ in UNRELATED_ITEMS]
    assert [ev.field for ev in res.evidence] == [f"blocks[0].items[{j}].title" for j in range(3)]
    assert_evidence_quotes(page, res)


def test_related_block_on_the_same_topic_stays_quiet():
    res = unrelated_recommendations(page_with(Block("Related", [BlockItem(t, x) for t, x in RELATED_ITEMS])))
    assert res.value == 0.0
    assert res.evidence == ()


@pytest.mark.parametrize(
    "n_related, n_unrelated, value",
    [
        (1, 3, 0.75),  # mostly unrelated: the share
        (1, 2, 2 / 3),
        (2, 2, 0.0),  # half related: an ordinary, loosely related block
        (2, 1, 0.0),
    ],
)
def test_mixed_blocks(n_related, n_unrelated, value):
    unrelated = UNRELATED_ITEMS + [("Harbour festival draws record crowds to the seafront", "")]
    items = RELATED_ITEMS[:n_related] + unrelated[:n_unrelated]
    res = unrelated_recommendations(page_with(recommend_block(items)))
    assert res.value == pytest.approx(value)
    assert len(res.evidence) == (n_unrelated if value else 0)


@pytest.mark.parametrize("heading", ["Most read", "Trending now", "Meistgelesen", "Popular"])
def test_popularity_lists_are_unrelated_by_design_and_ignored(heading):
    block = Block(heading, [BlockItem(title, teaser) for title, teaser in UNRELATED_ITEMS])
    assert unrelated_recommendations(page_with(block)).value == 0.0


@pytest.mark.parametrize(
    "block",
    [
        # "More:" + one navigation word: a nav block, not recommendations
        Block("More:", [BlockItem("Contact")]),
        # a menu of section names: no headline items
        Block("", [BlockItem("Sports"), BlockItem("Weather"), BlockItem("Business"), BlockItem("Opinion")]),
        # a single recommendation cannot make a share
        Block("Recommend", [BlockItem(*UNRELATED_ITEMS[0])]),
        # a list of long links without teasers under no recommendation heading: a menu
        Block("", [BlockItem(title) for title, _ in UNRELATED_ITEMS]),
    ],
)
def test_navigation_and_tiny_blocks_are_ignored(block):
    assert unrelated_recommendations(page_with(block)).value == 0.0


def test_too_short_article_is_not_judged():
    page = page_with(recommend_block(UNRELATED_ITEMS), paragraphs=["Short notice."], title="Notice")
    assert unrelated_recommendations(page).value == 0.0


def test_no_blocks():
    assert unrelated_recommendations(Page(id="t", title=TITLE, paragraphs=ARTICLE)).value == 0.0


# --- truncated_teasers -----------------------------------------------------------------------


def test_three_teasers_cut_at_exactly_100_characters_fire_strongly():
    page = page_with(recommend_block(UNRELATED_ITEMS, teaser=cut))
    res = truncated_teasers(page)
    assert res.value == pytest.approx(1.0)
    assert len(res.evidence) == 3
    assert all("same length" in ev.reason for ev in res.evidence)
    # the evidence is the cut tail: the last two words of each teaser
    assert [ev.text for ev in res.evidence] == [" ".join(cut(t).split()[-2:]) for _, t in UNRELATED_ITEMS]
    assert_evidence_quotes(page, res)


@pytest.mark.parametrize(
    "teaser, lang, cut_mid_word",
    [
        ("The council approved the new budget late on Tuesday after a long debate this y", "en", True),
        ("The council approved the new budget late on Tuesday after a long debate and a decis", "en", True),
        ("Der Stadtrat hat den neuen Haushalt am Dienstag nach langer Debatte beschlossen und", "de", False),
        ("The council approved the new budget late on Tuesday after a long debate.", "en", False),
        ("The council approved the new budget late on Tuesday after a long debate …", "en", False),
        ("The council approved the new budget late on Tuesday after a long debate...", "en", False),
        ("The council approved the new budget late on Tuesday after a long debate with", "en", False),
        ("The council approved the new budget late on Tuesday, said Mayor Oyelaran", "en", False),
        ("The council approved the new budget late on Tuesday after a debate at 10:30", "en", False),
    ],
)
def test_single_teaser_cut_mid_word(teaser, lang, cut_mid_word):
    block = Block("Recommend", [BlockItem("City council passes the new budget", teaser)])
    res = truncated_teasers(page_with(block, lang=lang))
    assert res.fired is cut_mid_word
    if cut_mid_word:
        assert res.value == pytest.approx(0.3)


def test_equal_lengths_by_chance_with_whole_words_do_not_fire():
    # Two different teasers of one length, both ending on a whole word: no fragment, no cut.
    a = "The ferry timetable changes next month for the winter season"
    b = "A new library opens in the old post office building downtown"
    assert len(a) == len(b)
    block = Block("Recommend", [BlockItem("Ferry timetable changes next month", a), BlockItem("New library opens downtown soon", b)])
    assert truncated_teasers(page_with(block)).value == 0.0


def test_equal_lengths_with_one_fragment_mark_the_whole_group():
    # A text[:N] cut sometimes lands on a word end; the same length as a cut fragment
    # gives it away.
    a = "The ferry timetable changes next month for the winter seaso"
    b = "A new library opens in the old post office building at noon"
    assert len(a) == len(b)
    block = Block("Recommend", [BlockItem("Ferry timetable changes next month", a), BlockItem("New library opens downtown soon", b)])
    res = truncated_teasers(page_with(block))
    assert [ev.field for ev in res.evidence] == ["blocks[0].items[0].teaser", "blocks[0].items[1].teaser"]
    assert res.value == pytest.approx(1.0)  # 2 x 0.3 + 0.4 for the equal lengths


def test_teasers_of_navigation_items_are_ignored():
    block = Block("", [BlockItem("Sports", "Scores and fixtures from the weekend leagues an")])
    assert truncated_teasers(page_with(block)).value == 0.0


def test_no_blocks_no_teasers():
    assert truncated_teasers(Page(id="t", paragraphs=ARTICLE)).value == 0.0
