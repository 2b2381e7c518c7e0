"""Site-level evaluation: farm sites dealt from simulated copies, and the figures on the real corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from detector.evaluation.sites import MAX_FARM_PAGES, MIN_FARM_PAGES, farm_site_pages, site_figures
from detector.sites import site_of


def small_corpus(scraped: int = 300) -> tuple[pd.DataFrame, pd.DataFrame]:
    ids = [f"real/{i}" for i in range(20)] + [f"sim/{i:05d}" for i in range(scraped)] + ["sim/syn"]
    manifest = pd.DataFrame({
        "id": ids,
        "group": [f"paper{i % 4}.com" for i in range(20)] + ["paper0.com"] * scraped + ["paper1.com"],
        "label": ["original"] * 20 + ["scraped"] * scraped + ["syndicated"],
        "origin": ["real"] * 20 + ["simulated"] * (scraped + 1),
        "held_out": [i % 2 == 0 for i in range(len(ids))],
    })
    records = pd.DataFrame({"id": ids, "url": "", "text": "words", "html": "", "format": "txt"})
    return records, manifest


def test_scraped_pages_are_dealt_into_farm_sites_of_5_to_40_pages():
    records, manifest = small_corpus()
    pages, truth = farm_site_pages(records, manifest, seed=3)
    farms = truth[truth["kind"] == "farm"]
    sizes = farms.groupby("site").size()
    assert sizes.sum() == 300 and sizes.min() >= MIN_FARM_PAGES and sizes.max() <= MAX_FARM_PAGES
    assert len(sizes) >= 300 // MAX_FARM_PAGES
    assert "sim/syn" not in set(truth["id"])  # simulated syndication belongs to no site
    assert [site_of(u, "") for u in pages["url"]] == truth["site"].tolist()  # the url carries the site
    again, _ = farm_site_pages(records, manifest, seed=3)
    other, _ = farm_site_pages(records, manifest, seed=4)
    assert again["url"].tolist() == pages["url"].tolist() and other["url"].tolist() != pages["url"].tolist()


def test_site_figures_count_publishers_called_farm():
    truth = pd.DataFrame({"site": ["f.example", "big.com", "small.com"], "kind": ["farm", "publisher", "publisher"]})
    sites = pd.DataFrame({"site": ["f.example", "big.com", "small.com"], "verdict": ["farm", "farm", "too few pages"],
                          "pages": [10, 6, 1], "share_scraped_low": [0.6, 0.4, 0.1], "mean_p_scraped": [0.9, 0.5, 0.2]})
    figures = site_figures(sites, truth)
    assert figures["publishers_with_5+_pages_called_farm"] == 1 and figures["publishers_called_farm"] == ["big.com"]
    assert figures["auc_scraped_share_lower_bound"] == 1.0


@pytest.mark.shared_data
@pytest.mark.slow
def test_farm_sites_rank_above_real_publishers(shared_data):
    """All real pages (the publishers with 5+ pages are all training sites; `detector evaluate-sites
    --held-out-only` gives the held-out figures, where no real site has 5 pages)."""
    from detector.evaluation.corpus import build_corpus
    from detector.evaluation.sites import evaluate_sites

    records, manifest = build_corpus(shared_data)
    figures, _, _ = evaluate_sites(records, manifest)
    assert figures["farm_sites"] >= 50 and figures["publisher_sites_with_5+_pages"] >= 5
    assert figures["auc_scraped_share_lower_bound"] >= 0.95
    assert figures["publishers_with_5+_pages_called_farm"] == 0
