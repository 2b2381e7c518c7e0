"""Re-dating: declared date far after the latest date the story mentions.

All text is invented for these tests.
"""
from datetime import date

import pytest

from detector.page import Page
from detector.signals.dates import mentioned_dates, parse_declared_date, stale_redate

STORY = [
    "The harbour master of Port Elswick said on Monday that the ferry service would resume next week.",
    "Crews have been repairing the pier since a storm damaged it, the harbour office said in a statement.",
]


def story_with(sentence: str) -> list[str]:
    return STORY + [sentence]


def assert_evidence_quotes(p: Page, res) -> None:
    for ev in res.evidence:
        assert ev.text, ev
        assert ev.text == p.field_text(ev.field)[ev.start:ev.end]


@pytest.mark.parametrize(
    "declared, expected",
    [
        ("2025-05-08 03:41:11", date(2025, 5, 8)),
        ("2025-05-08T03:41:11Z", date(2025, 5, 8)),
        ("2023-09-05T10:00:00+02:00", date(2023, 9, 5)),
        ("2019/04/25", date(2019, 4, 25)),
        ("May 8, 2025", date(2025, 5, 8)),
        ("Sept. 5, 2023", date(2023, 9, 5)),
        ("8. Mai 2025", date(2025, 5, 8)),
        ("08.05.2025", date(2025, 5, 8)),
        ("May 2025", date(2025, 5, 1)),  # a month gives its first day: the gap is never overstated
        ("2025", date(2025, 1, 1)),
        ("", None),
        ("yesterday", None),
        ("2025-13-45", None),
    ],
)
def test_parse_declared_date(declared, expected):
    assert parse_declared_date(declared) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A photo taken in Glenmoor, April 25, 2019, shows the pier.", [(date(2019, 4, 25), True, "April 25, 2019")]),
        ("The rules changed on Sept. 5, 2023 after a review.", [(date(2023, 9, 5), True, "Sept. 5, 2023")]),
        ("The pier opened on 25 April 2019 to great fanfare.", [(date(2019, 4, 25), True, "25 April 2019")]),
        ("Der Steg wurde am 25. April 2019 eröffnet.", [(date(2019, 4, 25), True, "25. April 2019")]),
        ("Der Steg wurde am 25.04.2019 eröffnet.", [(date(2019, 4, 25), True, "25.04.2019")]),
        ("Records from 2019-04-25 show the damage.", [(date(2019, 4, 25), True, "2019-04-25")]),
        ("Work began in April 2019 and ended late.", [(date(2019, 4, 30), True, "April 2019")]),
        ("The ferry ran at a loss in 2019.", [(date(2019, 12, 31), False, "2019")]),
        ("Ticket sales fell in 2019-20 and recovered.", [(date(2020, 12, 31), False, "2019-20")]),
        # numbers that are not years
        ("The harbour counted 2019 visitors and sold tickets for $2019 in total.", []),
        ("Call 020 1998 2019 for timetables.", []),
    ],
)
def test_mentioned_dates(text, expected):
    found = [(m.last, m.precise, text[m.start:m.end]) for m in mentioned_dates(text)]
    assert found == expected


def test_stale_story_redated_six_years_later_fires():
    # The seed's shape: a 2025 date on a story whose latest own date is 2019.
    p = Page(
        id="t",
        published="2025-05-08 03:41:11",
        paragraphs=story_with("FILE PHOTO: The pier at Port Elswick, April 25, 2019. Picture taken April 25, 2019."),
    )
    res = stale_redate(p)
    assert res.value == pytest.approx(1.0)
    assert [ev.field for ev in res.evidence] == ["published", "paragraphs[2]"]
    assert res.evidence[1].text == "April 25, 2019"
    assert_evidence_quotes(p, res)


@pytest.mark.parametrize(
    "published, sentence, expected",
    [
        # same year as the latest mention
        ("2023-09-06", "The pier was damaged on Sept. 5, 2023 in the storm.", 0.0),
        # under a year
        ("2024-03-01", "The pier was damaged on Sept. 5, 2023 in the storm.", 0.0),
        # 18 months: a quarter of the way from one year to three
        ("2025-03-05", "The pier was damaged on Sept. 5, 2023 in the storm.", 0.25),
        # two years: halfway
        ("2025-09-04", "The pier was damaged on Sept. 5, 2023 in the storm.", 0.5),
        # three to eight years: full
        ("2028-09-05", "The pier was damaged on Sept. 5, 2023 in the storm.", 1.0),
        # decades: history, not re-dating
        ("2023-09-05", "The pier was first opened on June 2, 1961 by the mayor.", 0.0),
        # a later bare year makes the story recent: no gap
        ("2025-05-08", "The pier was built on April 25, 2019 and rebuilt in 2025.", 0.0),
        # bare years alone never fire: ordinary articles name background years
        ("2025-05-08", "The ferry ran at a loss in 2019.", 0.0),
        # ...but one in the year of a full date leaves it the story's time
        ("2025-05-08", "The pier was damaged on April 25, 2019, and the ferry ran at a loss in 2019.", 1.0),
        # a later bare year than any full date: the story may be from then, so no fire
        ("2025-05-08", "The pier was damaged on April 25, 2019, and the ferry ran at a loss in 2022.", 0.0),
        # dates after the declared date are plans, not the story's time
        ("2025-05-08", "The harbour plan runs until June 30, 2031.", 0.0),
    ],
)
def test_stale_redate_values(published, sentence, expected):
    p = Page(id="t", published=published, paragraphs=story_with(sentence))
    assert stale_redate(p).value == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(
    "published, paragraphs",
    [
        ("", story_with("The pier was damaged on April 25, 2019.")),  # no declared date
        ("2025-05-08", STORY),  # no date in the story
        ("not a date", story_with("The pier was damaged on April 25, 2019.")),
    ],
)
def test_stale_redate_needs_both_dates(published, paragraphs):
    assert stale_redate(Page(id="t", published=published, paragraphs=paragraphs)).value == 0.0


def test_title_dates_count_too():
    p = Page(id="t", published="2025-05-08", title="Pier storm of April 25, 2019", paragraphs=STORY)
    res = stale_redate(p)
    assert res.value == pytest.approx(1.0)
    assert res.evidence[1].field == "title"
    assert_evidence_quotes(p, res)
