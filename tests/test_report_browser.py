"""The report in a real browser: Debian's chromium driven by Playwright, nothing downloaded.

Skipped with a message where chromium or the playwright package is missing
(`apt-get install chromium`, `pip install -e '.[test]'`).

The README's screenshot comes from this file's own code:
    DETECTOR_REPORT_HTML=report.html DETECTOR_REPORT_SCREENSHOT=docs/report.png \\
        python -m pytest -q tests/test_report_browser.py -k screenshot
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from detector.report import write_report

sys.path.insert(0, str(Path(__file__).parent))
from report_fixtures import scores_on_sites  # noqa: E402

CHROMIUM = os.environ.get("DETECTOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Offline and quiet: no first-run pages, no component or background downloads.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM}: install it (apt-get install chromium) to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                                   "(pip install -e '.[test]'); the browser tests need it")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report_file(examples, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(scores_on_sites(examples), out)
    return out


def open_report(browser, path: Path, width: int = 1300, height: int = 900):
    """(page, console errors) for the report opened from disk; any request off the file is refused."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors, requests = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("#site-table tbody tr")
    assert all(url.startswith("file:") for url in requests), f"the report fetched {requests}"
    return page, errors


def count(page, selector: str) -> int:
    return int(page.locator(selector).get_attribute("data-count"))


def test_report_loads_without_errors_and_filters(browser, report_file, tmp_path):
    page, errors = open_report(browser, report_file)
    assert errors == []
    assert count(page, "#site-count") == 3 and page.locator("#site-table tbody tr").count() == 3
    assert count(page, "#page-count") == 14 and page.locator("#page-table tbody tr").count() == 14
    page.select_option("#site-verdict", "farm")
    assert count(page, "#site-count") == 1
    assert page.locator("#site-table tbody tr").first.get_attribute("data-site") == "farm-one.example"
    page.select_option("#page-label", "original")
    assert count(page, "#page-count") == 6
    page.select_option("#page-label", "")
    page.select_option("#page-signal", "wire_credit")
    assert count(page, "#page-count") == 2
    page.screenshot(path=str(tmp_path / "filtered.png"))
    assert errors == []


def test_opening_a_page_shows_its_evidence_marked_in_place(browser, report_file, tmp_path):
    page, errors = open_report(browser, report_file)
    page.locator("#site-table tbody tr[data-site='farm-one.example']").click()  # filters pages to the site
    assert count(page, "#page-count") == 6
    page.locator("#page-table tbody tr").first.click()
    marks = page.locator("#page-detail .body mark")
    assert marks.count() >= 3
    titles = " ".join(marks.nth(i).get_attribute("title") for i in range(marks.count()))
    assert "brand_in_lede" in titles and "glued_words" in titles
    assert any("Crestline Capital" in text for text in marks.all_text_contents())  # the brand, quoted in place
    assert page.locator("#page-detail h3 mark").count() >= 1  # the brand in the title
    assert "scraped" in page.locator("#page-detail .probs").text_content()
    page.screenshot(path=str(tmp_path / "page.png"))
    assert errors == []


def test_sorting_a_column(browser, report_file):
    page, _ = open_report(browser, report_file)
    page.locator("#site-table th[data-key='site']").click()
    sites = [row.get_attribute("data-site") for row in page.locator("#site-table tbody tr").all()]
    assert sites == sorted(sites)
    page.locator("#site-table th[data-key='site']").click()
    sites = [row.get_attribute("data-site") for row in page.locator("#site-table tbody tr").all()]
    assert sites == sorted(sites, reverse=True)


def test_screenshot(browser, report_file, tmp_path):
    """A screenshot of a report with one page open: the fixture report, or $DETECTOR_REPORT_HTML
    saved to $DETECTOR_REPORT_SCREENSHOT (the README's picture)."""
    source = Path(os.environ.get("DETECTOR_REPORT_HTML") or report_file)
    target = Path(os.environ.get("DETECTOR_REPORT_SCREENSHOT") or tmp_path / "report.png")
    page, errors = open_report(browser, source, width=1280, height=1350)
    page.select_option("#site-verdict", "farm")
    page.locator("#site-table tbody tr").first.click()  # the pages of the first farm site
    page.locator("#page-table tbody tr").first.click()
    page.locator("#charts-section summary").click()  # fold the charts so sites and the open page show
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(target), type="png")
    assert target.stat().st_size > 10_000 and errors == []
