"""Site verdicts, networks and blocklists: from hand-made score rows and from real `detector score` output."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner

from detector.cli import main
from detector.sites import blocklist_lines, network_values, site_table, verdict_for, wilson


def scored(url: str, label: str, p_scraped: float, signals: str = "", evidence: list | None = None, **extra) -> dict:
    p_rest = (1 - p_scraped) / 2
    return dict(id=url, url=url, label=label, p_original=p_rest, p_syndicated=p_rest, p_scraped=p_scraped,
                score=1 - p_rest, signals=signals, error="", evidence=json.dumps(evidence or []), **extra)


def brand(text: str) -> list:
    return [dict(signal="brand_in_title", field="title", start=0, end=len(text), text=text, reason="brand")]


def site_rows(site: str, labels: list[str], **kw) -> list[dict]:
    return [scored(f"https://www.{site}/a/{i}", label, 0.95 if label == "scraped" else 0.05, **kw)
            for i, label in enumerate(labels)]


def test_wilson_interval_matches_the_textbook_values():
    low, high = wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    low, high = wilson(0, 10)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)


@pytest.mark.parametrize("scraped, pages, verdict", [
    (4, 4, "too few pages"),  # every page scraped, but too few pages to judge
    (5, 5, "farm"),
    (4, 5, "farm"),
    (3, 5, "mixed"),  # a lower bound of 0.23: not enough evidence yet
    (11, 20, "farm"),
    (10, 20, "mixed"),
    (0, 20, "publisher"),
])
def test_verdict_holds_back_farm_until_the_lower_bound_is_reached(scraped, pages, verdict):
    table = site_table(pd.DataFrame(site_rows("x.com", ["scraped"] * scraped + ["original"] * (pages - scraped))))
    assert table.loc[0, "verdict"] == verdict
    assert table.loc[0, "pages_scored"] == pages


def test_syndicator_verdict():
    lower = {"scraped": 0.1, "republished": 0.6, "original": 0.1}
    assert verdict_for(10, lower) == "syndicator"


def test_site_table_rolls_pages_up_by_registered_domain():
    rows = (site_rows("farmone.com", ["scraped"] * 6, signals="brand_in_title typo_tokens")
            + site_rows("news.co.uk", ["original"] * 7)
            + [scored("https://sub.news.co.uk/z", "scraped", 0.9, signals="typo_tokens")]
            + [dict(scored("https://farmone.com/bad", "", float("nan")), error="could not parse page")])
    table = site_table(pd.DataFrame(rows)).set_index("site")
    assert set(table.index) == {"farmone.com", "news.co.uk"}
    assert table.loc["farmone.com", "pages"] == 7 and table.loc["farmone.com", "pages_scored"] == 6
    assert table.loc["farmone.com", "verdict"] == "farm"
    assert table.loc["farmone.com", "top_signals"] == "brand_in_title:1.00 typo_tokens:1.00"
    assert table.loc["news.co.uk", "share_scraped"] == pytest.approx(1 / 8)
    assert table.loc["news.co.uk", "verdict"] == "publisher"
    assert "copied_from" not in table.columns  # no copy_of column in the scores


def test_copy_sources_come_from_copy_of_when_present():
    origin = scored("https://paper.com/story", "original", 0.01, copy_of="")
    copies = [scored(f"https://copier.net/{i}", "scraped", 0.9, copy_of="https://paper.com/story") for i in range(5)]
    table = site_table(pd.DataFrame([origin, *copies])).set_index("site")
    assert table.loc["copier.net", "copied_from"] == "paper.com:5"
    assert table.loc["copier.net", "copied_share"] == 1.0
    assert table.loc["paper.com", "copied_share"] == 0.0


def test_sites_sharing_a_brand_form_a_network():
    rows = (site_rows("alpha.com", ["scraped"] * 5, evidence=brand("The Crestline Forum"))
            + site_rows("beta.org", ["scraped"] * 5, evidence=brand("Crestline Forum"))
            + site_rows("gamma.net", ["scraped"] * 5, evidence=brand("Other Brand")))
    table = site_table(pd.DataFrame(rows)).set_index("site")
    assert table.loc["alpha.com", "network"] == table.loc["beta.org", "network"] == "N1"
    assert table.loc["alpha.com", "network_size"] == 2
    assert table.loc["alpha.com", "network_shares"] == "crestline forum"
    assert table.loc["gamma.net", "network"] == ""


def test_network_values_ignore_evidence_in_the_body():
    evidence = json.dumps([dict(signal="source_mismatch", field="paragraphs[1]", start=0, end=13,
                                text="told ABC News", reason="x"),
                           dict(signal="source_mismatch", field="source", start=0, end=9, text="Ashgrove ", reason="y")])
    assert network_values(evidence) == {"ashgrove"}


# ---------------------------------------------------------------- uBlacklist patterns

# uBlacklist match patterns (its documented grammar, as for browser extension match patterns):
#   <scheme>://<host><path>, scheme "*", "http" or "https"; host "*", "*." + name, or name
#   (no "/" or "*" in the name); path "/" followed by anything. Lines starting with "#" are comments.
PATTERN = re.compile(r"^(\*|https?)://(\*|(\*\.)?[^/*]+)(/.*)$")


def is_ublacklist_line(line: str) -> bool:
    return line.startswith("#") or line == "" or line == "<all_urls>" or bool(PATTERN.match(line))


def test_the_validator_can_fail():
    assert is_ublacklist_line("*://*.example.com/*")
    for bad in ("example.com", "*://*.example.com", "ftp://example.com/*", "*://ex*ample.com/*", "*//example.com/*"):
        assert not is_ublacklist_line(bad), bad


def test_blocklist_formats():
    rows = site_rows("farmone.com", ["scraped"] * 6) + site_rows("good.org", ["original"] * 6)
    table = site_table(pd.DataFrame(rows))
    plain = blocklist_lines(table, "plain", {"tool": "detector test"})
    assert [line for line in plain if not line.startswith("#")] == ["farmone.com"]
    assert "# tool: detector test" in plain
    patterns = blocklist_lines(table, "ublacklist")
    assert [line for line in patterns if not line.startswith("#")] == ["*://*.farmone.com/*"]


def test_sites_command_reads_every_format_and_writes_a_valid_ublacklist(tmp_path):
    rows = (site_rows("farmone.com", ["scraped"] * 6) + site_rows("farm-two.co.uk", ["scraped"] * 8)
            + site_rows("good.org", ["original"] * 6))
    frame = pd.DataFrame(rows)
    inputs = [tmp_path / "a.csv", tmp_path / "b.jsonl", tmp_path / "c.parquet"]
    frame.iloc[:5].to_csv(inputs[0], index=False)
    frame.iloc[5:12].to_json(inputs[1], orient="records", lines=True)
    frame.iloc[12:].to_parquet(inputs[2], index=False)
    out, blocklist = tmp_path / "sites.jsonl", tmp_path / "block.txt"
    result = CliRunner().invoke(main, ["sites", *map(str, inputs), "-o", str(out), "--blocklist", str(blocklist),
                                       "--blocklist-format", "ublacklist"])
    assert result.exit_code == 0, result.output
    table = pd.read_json(out, lines=True)
    assert dict(zip(table["site"], table["pages"])) == {"farmone.com": 6, "farm-two.co.uk": 8, "good.org": 6}
    lines = blocklist.read_text().splitlines()
    assert all(is_ublacklist_line(line) for line in lines)
    assert sorted(line for line in lines if not line.startswith("#")) == ["*://*.farm-two.co.uk/*", "*://*.farmone.com/*"]
    header = "\n".join(line for line in lines if line.startswith("#"))
    for fact in ("tool: detector", "model:", "rule: farm: Wilson", "date:", "input:"):
        assert fact in header


def test_sites_reads_a_directory_of_parts_scored_with_evidence(tmp_path, examples):
    runner = CliRunner()
    scored_dir = tmp_path / "scores"
    result = runner.invoke(main, ["score", str(examples), "-o", f"{scored_dir}/", "--evidence", "-q"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["sites", str(scored_dir)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("site,verdict,pages,")
    assert len(lines) - 1 == 4  # the example pages come from four sites


def test_sites_refuses_a_folder_that_is_no_score_output(tmp_path):
    result = CliRunner().invoke(main, ["sites", str(tmp_path)])
    assert result.exit_code != 0 and "not a `detector score -o DIR/` output" in result.output


def test_sites_copying_the_same_origin_page_form_a_network():
    origin = "https://paper.com/story"
    rows = ([scored(f"https://copier-a.net/{i}", "scraped", 0.9, copy_of=origin) for i in range(3)]
            + [scored(f"https://copier-b.net/{i}", "scraped", 0.9, copy_of=origin if i == 0 else "") for i in range(3)]
            + [scored(f"https://copier-c.net/{i}", "scraped", 0.9, copy_of="https://paper.com/other") for i in range(3)]
            + [scored(origin, "original", 0.01, copy_of="")])
    table = site_table(pd.DataFrame(rows)).set_index("site")
    assert table.loc["copier-a.net", "network"] == table.loc["copier-b.net", "network"] != ""
    assert table.loc["copier-c.net", "network"] == "" and table.loc["paper.com", "network"] == ""
