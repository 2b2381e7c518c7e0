"""Scores for report tests: the example pages scored for real (with evidence), placed on a few sites."""
from __future__ import annotations

import pandas as pd

import detector


def scores_on_sites(examples) -> pd.DataFrame:
    """The scraped example on a farm of 6 pages, the original one on a publisher of 6 pages, the
    syndicated one on a site of 2 pages: real rows, real evidence, only the urls and ids made up."""
    rows = detector.score(examples, evidence=True)
    by_label = {row["label"]: row for _, row in rows.iterrows()}
    placed = []
    for label, site, count in (("scraped", "farm-one.example", 6), ("original", "harbour-news.org", 6),
                               ("syndicated", "wire-reader.net", 2)):
        for number in range(count):
            row = by_label[label].copy()
            row["url"] = f"https://www.{site}/story-{number}"
            row["id"] = f"{site}/{number}"
            placed.append(row)
    return pd.DataFrame(placed).reset_index(drop=True)
