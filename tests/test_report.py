"""The HTML report as a file: self-contained, its data complete and bounded, evidence placed in the text."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from detector.cli import main
from detector.report import evidence_spans, report_data, write_report

sys.path.insert(0, str(Path(__file__).parent))
from report_fixtures import scores_on_sites  # noqa: E402


@pytest.fixture(scope="module")
def scores(examples) -> pd.DataFrame:
    return scores_on_sites(examples)


def embedded_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_report_is_one_self_contained_file(scores, tmp_path):
    out = tmp_path / "report.html"
    facts = write_report(scores, out)
    html = out.read_text()
    assert facts["pages"] == 14 and facts["sites"] == 3
    assert not re.search(r"<(link|img|iframe)\b|<script[^>]+src=|@import|url\(", html), "nothing may load from outside"
    assert "http://www.w3.org/2000/svg" in html  # the SVG namespace is the only address in the markup
    assert html.count("<svg") >= 3  # label mix, p_scraped histogram, signals by label
    data = embedded_data(html)
    assert len(data["pages"]["name"]) == 14
    assert data["sites"]["verdict"][data["sites"]["site"].index("farm-one.example")] == "farm"
    size = re.search(r"This file is ([\d.]+) (KB|MB)", html)
    assert size and abs(float(size.group(1)) * (1e3 if size.group(2) == "KB" else 1e6) - len(html.encode())) < 0.1e6


def test_page_text_with_its_marks_is_embedded_within_the_limits(scores):
    data, _ = report_data(scores, top_pages=3, max_detailed=4)
    details = data["details"]
    assert len(details) == 4  # the top 3 by p_scraped and the farm pages, cut at 4
    assert data["meta"]["left_out"]["wanted_but_left_out"] == 2  # the 6 farm pages (also the top 3) wanted, 4 kept
    for detail in details.values():
        for start, end, signal, reason in detail["marks"]:
            assert 0 <= start < end <= len(detail["text"]) and signal and reason
    farm_page = next(d for d in details.values() if d["marks"])
    assert any(signal == "brand_in_lede" for *_, signal, _ in farm_page["marks"])


def test_evidence_spans_move_paragraph_offsets_into_the_joined_text():
    text = "First paragraph.\n\nSecond one names Brand here."
    evidence = json.dumps([
        dict(signal="s1", field="paragraphs[1]", start=17, end=22, text="Brand", reason="r1"),
        dict(signal="s2", field="title", start=0, end=4, text="Head", reason="r2"),
        dict(signal="s3", field="source", start=0, end=3, text="Abc", reason="r3"),
    ])
    in_title, in_text, elsewhere = evidence_spans(evidence, "Headline", text)
    assert in_title == [[0, 4, "s2", "r2"]]
    assert in_text == [[35, 40, "s1", "r1"]] and text[35:40] == "Brand"
    assert elsewhere == [["source", "Abc", "s3", "r3"]]


def test_gold_labels_add_reliability_and_roc(scores, tmp_path):
    gold = tmp_path / "gold.csv"
    pd.DataFrame({"id": scores["id"], "label": scores["label"]}).to_csv(gold, index=False)
    scored = tmp_path / "scores.parquet"
    scores.to_parquet(scored, index=False)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(scored), "-o", str(out), "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "Reliability" in html and "ROC, scraped vs rest" in html
    without = tmp_path / "plain.html"
    assert CliRunner().invoke(main, ["report", str(scored), "-o", str(without)]).exit_code == 0
    assert "Reliability" not in without.read_text()


def test_copy_sources_reach_the_report_when_scores_have_copy_of(scores):
    with_copies = scores.assign(copy_of=["https://www.harbour-news.org/story-0" if "farm-one" in u else ""
                                         for u in scores["url"]])
    data, _ = report_data(with_copies)
    by_site = dict(zip(data["sites"]["site"], data["sites"]["copied_from"]))
    assert by_site["farm-one.example"] == "harbour-news.org:6" and by_site["harbour-news.org"] == ""
    assert "copied_from" not in report_data(scores)[0]["sites"]
