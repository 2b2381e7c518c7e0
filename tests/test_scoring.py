"""score_frame and the Python API, run on real parsing with the shipped model."""
import numpy as np
import pandas as pd
import pytest

import detector
from detector.scoring import output_columns, output_dtypes, score_frame
from detector.signals import SIGNAL_NAMES


def test_score_frame_has_fixed_schema_and_keeps_order(examples):
    records = pd.DataFrame([
        {"id": "a", "url": "https://example.org/a", "text": (examples / "scraped_farm.txt").read_text()},
        {"id": "b", "html": "<html><body></body></html>"},
        {"id": "c", "url": "https://news.example/c", "html": (examples / "original_report.html").read_text()},
    ])
    rows = score_frame(records)
    assert list(rows.columns) == output_columns()
    assert rows.dtypes.astype(str).to_dict() == output_dtypes()
    assert rows["id"].tolist() == ["a", "b", "c"]
    assert rows.loc[1, "error"] != "" and np.isnan(rows.loc[1, "score"]) and rows.loc[1, "label"] == ""
    scored = rows.loc[[0, 2]]
    assert (scored["error"] == "").all()
    assert np.allclose(scored["p_original"] + scored["p_syndicated"] + scored["p_scraped"], 1.0)
    assert np.allclose(scored["score"], scored["p_syndicated"] + scored["p_scraped"])
    # A probability: never above 1, even where the two terms round to 1 + 2e-16 (the farm page).
    assert scored["score"].between(0.0, 1.0).all(), scored["score"].tolist()
    for name in SIGNAL_NAMES:
        assert rows[name].dtype == "float64"


def test_score_frame_accepts_missing_columns_and_empty_frames():
    assert list(score_frame(pd.DataFrame({"id": []})).columns) == output_columns()
    rows = score_frame(pd.DataFrame({"id": ["x"], "text": ["Title\n\nOnly one short paragraph of body text here."]}))
    assert len(rows) == 1


@pytest.mark.parametrize("name, label", [
    ("scraped_farm.txt", "scraped"),
    ("syndicated_wire.html", "syndicated"),
    ("original_report.html", "original"),
])
def test_example_pages_get_their_label(examples, name, label):
    rows = detector.score(examples / name)
    assert rows.loc[0, "label"] == label, rows.loc[0, ["p_original", "p_syndicated", "p_scraped", "signals"]].to_dict()


def test_seed_page_is_scraped_with_high_probability(seed_page):
    row = detector.score(seed_page).iloc[0]
    assert row["label"] == "scraped"
    assert row["p_scraped"] >= 0.9


def test_explain_seed_names_brand_source_and_recommend_block(seed_page):
    explanation = detector.explain(seed_page)
    evidence = explanation.evidence()
    fired = set(evidence["signal"])
    assert {"brand_in_title", "brand_in_lede", "source_mismatch", "unrelated_recommendations"} <= fired
    quoted = " ".join(evidence["text"])
    assert "Esthen Exchange" in quoted and "Polarmoon Wealth Society" in quoted
    text = explanation.to_text()
    assert "label: scraped" in text and "Highlights from Trump" in text


def test_score_accepts_pages_records_html_and_dataframes(examples):
    from detector.parse import page_from_record
    from detector.readers import iter_records

    record = next(iter_records([examples / "original_report.html"]))
    page = page_from_record(record)
    by_page = detector.score([page])
    by_record = detector.score([record])
    by_html = detector.score(record["html"])
    by_frame = detector.score(pd.DataFrame([record]))
    for rows in (by_record, by_html, by_frame):
        assert rows.loc[0, "label"] == by_page.loc[0, "label"]
        assert rows.loc[0, "p_scraped"] == pytest.approx(by_page.loc[0, "p_scraped"])


def test_explain_rejects_a_file_with_several_pages(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text('{"id": "1", "text": "A\\n\\nbody one"}\n{"id": "2", "text": "B\\n\\nbody two"}\n')
    with pytest.raises(ValueError, match="explain_many"):
        detector.explain(path)
    assert len(list(detector.explain_many(path))) == 2


def test_evidence_columns_quote_the_text_they_point_into(examples):
    import json

    from detector.readers import iter_records
    from detector.scoring import EVIDENCE_COLUMNS

    records = pd.DataFrame(list(iter_records([examples])))
    plain = score_frame(records)
    rows = score_frame(records, evidence=True)
    assert list(plain.columns) == output_columns() and not set(EVIDENCE_COLUMNS) & set(plain.columns)
    assert list(rows.columns) == output_columns(evidence=True)
    pd.testing.assert_frame_equal(rows[output_columns()], plain)  # the scores themselves are unchanged
    quoted = 0
    for _, row in rows.iterrows():
        paragraphs = row["text"].split("\n\n")
        for item in json.loads(row["evidence"]):
            assert item["signal"] in row["signals"].split()
            if item["field"] == "title":
                assert row["title"][item["start"]:item["end"]] == item["text"]
                quoted += 1
            elif item["field"].startswith("paragraphs["):
                paragraph = paragraphs[int(item["field"][len("paragraphs["):-1])]
                assert paragraph[item["start"]:item["end"]] == item["text"]
                quoted += 1
    assert quoted >= 5
    scraped = rows[rows["label"] == "scraped"].iloc[0]
    assert json.loads(scraped["evidence"]) and scraped["title"] and scraped["text"]


def test_api_score_with_evidence_matches_score_frame(examples):
    from detector.readers import iter_records

    records = pd.DataFrame(list(iter_records([examples])))
    by_path = detector.score(examples, evidence=True)
    by_frame = score_frame(records, evidence=True)
    assert by_path["evidence"].tolist() == by_frame["evidence"].tolist()
    assert by_path["text"].tolist() == by_frame["text"].tolist()


def test_explain_and_score_read_a_row_alike_whichever_way_it_arrives(examples):
    """One record normaliser: a NaN html beside a text dump is no page text, an extra column is ignored."""
    import pandas as pd

    import detector

    text = (examples / "scraped_farm.txt").read_text(encoding="utf-8")
    row = {"id": "farm", "html": float("nan"), "text": text, "notes": "a column detector does not know"}
    frame = pd.DataFrame([row])
    scored = detector.score(frame)
    explained = detector.explain(row)
    many = list(detector.explain_many(frame))
    assert scored.loc[0, "error"] == "" and explained.scored.error == ""
    assert explained.label == scored.loc[0, "label"] == many[0].label
    assert explained.probabilities["scraped"] == pytest.approx(scored.loc[0, "p_scraped"])
    assert scored.loc[0, "signals"] == " ".join(r.name for r in explained.scored.fired if r.name in scored.columns)
