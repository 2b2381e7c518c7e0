"""Navigation category: a navigation word where the section should be."""
import pytest

from detector.page import Page
from detector.signals.category import navigation_category


@pytest.mark.parametrize(
    "category, value, quoted",
    [
        ("Contact", 1.0, ["Contact"]),
        ("contact us", 1.0, ["contact us"]),
        ("  Home ", 0.25, ["Home"]),  # often a breadcrumb root picked by a parser
        ("Privacy Policy", 1.0, ["Privacy Policy"]),
        ("Uncategorized", 1.0, ["Uncategorized"]),
        ("Sign in", 1.0, ["Sign in"]),
        ("More:", 1.0, ["More"]),
        ("Kontakt", 1.0, ["Kontakt"]),
        ("Impressum", 1.0, ["Impressum"]),
        ("Startseite", 0.25, ["Startseite"]),
        ("Datenschutz", 1.0, ["Datenschutz"]),
        ("News, Contact", 0.5, ["Contact"]),
        # sections
        ("Politics", 0.0, []),
        ("World", 0.0, []),
        ("Sports", 0.0, []),
        ("News", 0.0, []),
        ("Business", 0.0, []),
        ("Tech", 0.0, []),
        ("Politik", 0.0, []),
        ("Sport", 0.0, []),
        ("Contact sports", 0.0, []),  # a section that starts with a navigation word
        # a breadcrumb's root is not the category
        ("Home > Politics", 0.0, []),
        ("Startseite » Sport", 0.0, []),
        ("Home > Contact", 1.0, ["Contact"]),
        ("", 0.0, []),
        (" | ", 0.0, []),
    ],
)
def test_navigation_category(category, value, quoted):
    page = Page(id="t", category=category)
    res = navigation_category(page)
    assert res.value == pytest.approx(value)
    assert [ev.text for ev in res.evidence] == quoted
    for ev in res.evidence:
        assert ev.field == "category"
        assert ev.text == page.field_text(ev.field)[ev.start:ev.end]
