"""Text dumps -> Page: title, metadata line, body paragraphs, trailing blocks; dates."""
from __future__ import annotations

from pathlib import Path

import pytest

from detector.page import Block, BlockItem
from detector.parse import ParseError, page_from_record
from detector.parse.dates import normalise_date
from detector.parse.headings import is_block_heading
from detector.parse.text import parse_text
from detector.readers import iter_file_records

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "pages"
SEED = ROOT.parent / "shared" / "seed" / "000_a558c212ad0b958a.txt"


# ---------------------------------------------------------------- the real seed page, field by field

@pytest.mark.skipif(not SEED.exists(), reason="the seed page (../shared/seed) is not on this machine")
def test_seed_page_every_field():
    page = page_from_record(next(iter_file_records(SEED)))
    assert page.id == str(SEED) and page.format == "txt"
    assert page.url == page.domain == page.site_name == page.byline == page.lang == ""
    assert page.title.startswith("Esthen Exchange-North Korean leader") and page.title.endswith("meet with Putin")
    assert page.published == "2025-05-08T03:41:11"
    assert page.source == "Polarmoon Wealth Society"
    assert page.category == "Contact"

    assert len(page.paragraphs) == 9
    assert page.paragraphs[0].startswith("The Esthen ExchangeUnited States has")
    assert page.paragraphs[3].startswith("MORE: 23 people injured")  # in-body cross-promotion stays body text
    assert page.paragraphs[5].startswith("FILE PHOTO: FILE PHOTO:") and page.paragraphs[5].endswith("2019.Pool/Reuters")
    assert "equipmentt" in page.paragraphs[6]
    assert page.paragraphs[7].startswith("MORE: First lady")
    assert page.paragraphs[8].endswith("the statement said.")
    assert all("More:Contact" not in p and "Recommend" != p for p in page.paragraphs)

    assert [b.heading for b in page.blocks] == ["More:", "Recommend"]
    assert page.blocks[0].items == [BlockItem("Contact")]
    recommend = page.blocks[1].items
    assert len(recommend) == 3
    assert recommend[0].title.startswith("Highlights from Trump")
    assert recommend[0].teaser.startswith("NEW YORK (AP) — Donald Trumpwas on the verge")
    assert recommend[1].title.startswith("Milwaukee prosecutors charge")
    assert recommend[2].title.startswith("Tim McGraw Reveals")
    assert [len(item.teaser) for item in recommend] == [100, 100, 100]  # cut at exactly 100 characters
    assert all(item.url == "" for item in recommend)


# ---------------------------------------------------------------- fixture dumps (own text, same shapes)

def test_glued_dump_fixture():
    page = page_from_record(next(iter_file_records(PAGES / "glued_dump.txt")))
    assert page.title == "Norrow Finance Club-Harbor town votes to rebuild storm-damaged seawall"
    assert (page.published, page.source, page.category) == ("2024-11-30T18:02:55", "Quellwood Asset Circle", "About")
    assert page.paragraphs[0].startswith("The Norrow Finance ClubPort Ellery council voted")
    assert page.paragraphs[2] == "MORE: Ferry service suspended after dock fire in Port Ellery"
    assert page.paragraphs[-1].endswith("3.2 millionn dollars.")
    assert page.blocks == [
        Block("More:", [BlockItem("Contact")]),
        Block("Recommend", [BlockItem(
            "Chef opens noodle bar inside a former bank vault",
            "HALVERSTON (AP) — A chef who spent a decade cooking on cargo ships has opened a noodle bar inside a vau",
        )]),
    ]


def test_spaced_dump_fixture():
    page = page_from_record(next(iter_file_records(PAGES / "spaced_dump.txt")))
    assert page.title == "Orchard growers brace for late frost"
    assert page.byline == "Wenna Castellow"
    assert (page.source, page.category, page.published) == ("Upland Farm Weekly", "Agriculture", "2024-04-09")
    assert len(page.paragraphs) == 2 and page.paragraphs[1].startswith('"One cold night')
    assert page.blocks == [Block("Related Articles", [BlockItem("Kessel Valley cider festival moves to October")])]


def test_example_farm_dump():
    page = page_from_record(next(iter_file_records(ROOT / "data" / "examples" / "scraped_farm.txt")))
    assert page.title.startswith("Crestline Capital Forum-Wildfire smoke")
    assert page.source == "Ashgrove Equity Guild" and page.category == "Contact"
    assert page.paragraphs[0].startswith("The Crestline Capital ForumDunmore County")
    assert sum(p.startswith("MORE: ") for p in page.paragraphs) == 2
    assert any(p.startswith("FILE PHOTO: FILE PHOTO:") for p in page.paragraphs)
    assert page.blocks[0] == Block("More:", [BlockItem("Contact")])
    assert page.blocks[1].heading == "Recommend"
    teasers = [item.teaser for item in page.blocks[1].items]
    assert len(teasers) == 3 and all(len(t) == 100 and t[-1].isalpha() for t in teasers)


# Metadata lines: tests/test_metadata.py.


# ---------------------------------------------------------------- body and blocks

@pytest.mark.parametrize(
    "text, paragraphs, blocks",
    [
        # One paragraph per line when the dump has no blank lines.
        ("Title\nFirst paragraph.\nSecond paragraph.\n", ["First paragraph.", "Second paragraph."], []),
        # Blank-line separated; lines inside one paragraph keep their line break; whitespace collapses.
        ("Title\n\nA  line\nand\u00a0its  wrap.\n\n\nNext.\n", ["A line\nand its wrap.", "Next."], []),
        # MORE: with a headline followed by body text stays body text.
        ("Title\n\nLede.\n\nMORE: Mayor names new police chief after long search\n\nMore body.\n",
         ["Lede.", "MORE: Mayor names new police chief after long search", "More body."], []),
        # "More:" + one or two navigation words at the end of the body is navigation residue.
        ("Title\n\nLede.\n\nMore:Contact\n", ["Lede."], [Block("More:", [BlockItem("Contact")])]),
        ("Title\n\nLede.\n\nMore: About Us\n", ["Lede."], [Block("More:", [BlockItem("About Us")])]),
        ("Title\n\nLede.\n\nMORE: Contact | Imprint\n", ["Lede."],
         [Block("MORE:", [BlockItem("Contact"), BlockItem("Imprint")])]),
        # ... but not when long body text follows it.
        ("Title\n\nMore:Contact\n\n" + "A long paragraph of body text. " * 12 + "\n",
         ["More:Contact", ("A long paragraph of body text. " * 12).strip()], []),
        # Block items: a title, then a longer teaser; a title without a teaser; items without blank lines.
        ("Title\n\nBody.\n\nTrending\n\nShort title\n\nA longer teaser that follows the short title line.\n\n"
         "Another title without teaser\n\nRead more\nOne\nTwo\n",
         ["Body."],
         [Block("Trending", [BlockItem("Short title", "A longer teaser that follows the short title line."),
                             BlockItem("Another title without teaser")]),
          Block("Read more", [BlockItem("One"), BlockItem("Two")])]),
        # A heading-like line followed by long body text is body text, not a block.
        ("Title\n\nRelated\n\n" + "Body text that goes on and on. " * 12 + "\n",
         ["Related", ("Body text that goes on and on. " * 12).strip()], []),
        ("Title\n\nBody.\n\nDas könnte Sie auch interessieren\n\nStadtfest abgesagt\n", ["Body."],
         [Block("Das könnte Sie auch interessieren", [BlockItem("Stadtfest abgesagt")])]),
    ],
)
def test_body_and_blocks(text, paragraphs, blocks):
    page = parse_text(text)
    assert page.title == "Title"
    assert page.paragraphs == paragraphs
    assert page.blocks == blocks


def test_windows_line_endings_and_leading_blank_lines():
    page = parse_text("\r\n\r\n  Title here  \r\nBy Ana Ruiz\r\n\r\nBody one.\r\n\r\nBody two.\r\n")
    assert (page.title, page.byline, page.paragraphs) == ("Title here", "Ana Ruiz", ["Body one.", "Body two."])


@pytest.mark.parametrize(
    "record, reason",
    [
        ({"id": "a", "text": "Only a title line\n"}, "no body text found in text dump"),
        ({"id": "b", "text": "   \n\n"}, "record has neither html nor text"),
        ({"id": "c", "text": "Title\n\nBody", "error": "empty file"}, "empty file"),
    ],
)
def test_unusable_dumps_raise_parse_error(record, reason):
    with pytest.raises(ParseError, match=reason):
        page_from_record(record)


def test_record_fields_override_the_dump():
    record = {"id": "r1", "url": "https://www.harwicksentinel.com/x", "text": "Dump title\nsource:Dump Source\n\nBody.",
              "title": "Record title", "site": "Record Site", "source": "Record Source", "published": "June 3, 2024",
              "category": "", "format": "jsonl"}
    page = page_from_record(record)
    assert (page.title, page.site_name, page.source, page.published) == (
        "Record title", "Record Site", "Record Source", "2024-06-03")
    assert (page.domain, page.format, page.id) == ("harwicksentinel.com", "jsonl", "r1")


# ---------------------------------------------------------------- headings and dates

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Recommend", True), ("Recommended", True), ("Related", True), ("Related Articles:", True), ("More:", True),
        ("MORE", True), ("Trending", True), ("You may also like", True), ("Read more", True), ("Read next", True),
        ("More stories", True), ("More from the Herald", True), ("More National News", True),
        ("Mehr zum Thema", True), ("Das könnte Sie auch interessieren", True), ("Popular", True),
        ("More than 40 people were hurt", False), ("Related costs rose", False), ("Recommendations for parents", False),
        ("MORE: 23 people injured after a bus crash", False), ("", False),
    ],
)
def test_block_headings(text, expected):
    assert is_block_heading(text) is expected


@pytest.mark.parametrize(
    "declared, iso",
    [
        ("2023-09-05T14:22:00Z", "2023-09-05T14:22:00+00:00"),
        ("2023-09-05T14:22:00.000+0200", "2023-09-05T14:22:00+02:00"),
        ("2024-01-18T07:30:00-05:00", "2024-01-18T07:30:00-05:00"),
        ("2025-05-08 03:41:11", "2025-05-08T03:41:11"),
        ("2024-04-09", "2024-04-09"),
        ("Tue, 05 Sep 2023 14:22:00 GMT", "2023-09-05T14:22:00+00:00"),
        ("September 5, 2023", "2023-09-05"),
        ("Sept. 5th, 2023", "2023-09-05"),
        ("5 September 2023", "2023-09-05"),
        ("5. März 2024", "2024-03-05"),
        ("05.09.2023", "2023-09-05"),
        ("2023/09/05", "2023-09-05"),
        ("Published 20230905", "2023-09-05"),
        ("2023-13-45", "2023-13-45"),  # not a date: kept as declared
        ("yesterday", "yesterday"),
        ("  ", ""),
    ],
)
def test_normalise_date(declared, iso):
    assert normalise_date(declared) == iso
