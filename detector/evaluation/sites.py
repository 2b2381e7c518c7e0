"""Site-level evaluation: do site verdicts put simulated farm sites above real publishers?

The corpus's simulated scraped pages keep the group of the original they copy, so
on their own they would sit on the publishers' sites. A farm gathers many copies
under its own domain: here the simulated scraped pages are dealt, in a seeded
order, into farm sites of ``MIN_FARM_PAGES``-``MAX_FARM_PAGES`` pages
(``farm-NN.example``). Real pages stay on their publishers' domains. The other
simulated pages (re-rendered originals, simulated syndication) are left out: they
belong to no site.

Figures: the site-level ROC AUC of farm sites against real publishers, ranking by
the Wilson lower bound of the scraped share (what the ``farm`` verdict uses) and by
the mean p_scraped; how many farm sites get the ``farm`` verdict; and every real
site that gets it.
"""
from __future__ import annotations

import hashlib
import random

import pandas as pd

MIN_FARM_PAGES, MAX_FARM_PAGES = 5, 40
FARM_SUFFIX = ".example"  # a reserved name: no real site is ever called this
BIG_SITE = 5  # "no real publisher with at least this many pages gets the farm verdict"


def farm_site_pages(records: pd.DataFrame, manifest: pd.DataFrame, seed: int = 0,
                    held_out_only: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(records with a site url, truth with id, site, kind) for the real pages and the simulated
    scraped pages dealt into farm sites."""
    table = manifest[["id", "group", "label", "origin", "held_out"]].merge(records, on="id")
    if held_out_only:
        table = table[table["held_out"]]
    real = table[table["origin"] == "real"].copy()
    real["site"] = real["group"]
    real["kind"] = "publisher"
    scraped = table[(table["origin"] == "simulated") & (table["label"] == "scraped")].copy()
    order = sorted(scraped["id"], key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
    rng = random.Random(seed)
    site_of_page, start, number = {}, 0, 0
    while start < len(order):
        left = len(order) - start
        size = min(rng.randint(MIN_FARM_PAGES, MAX_FARM_PAGES), left)
        if 0 < left - size < MIN_FARM_PAGES:  # never leave a tail too short to be a farm
            size = left if left <= MAX_FARM_PAGES else left - MIN_FARM_PAGES
        site_of_page.update({i: f"farm-{number:02d}{FARM_SUFFIX}" for i in order[start:start + size]})
        start, number = start + size, number + 1
    scraped["site"] = scraped["id"].map(site_of_page)
    scraped["kind"] = "farm"
    pages = pd.concat([real, scraped], ignore_index=True)
    # The url decides the site in `detector sites`; the page path after it keeps urls distinct.
    pages["url"] = "https://" + pages["site"] + "/" + pages["id"].str.replace("/", "-", regex=False)
    from ..records import RECORD_COLUMNS

    return pages.reindex(columns=RECORD_COLUMNS).astype(object).fillna(""), pages[["id", "site", "kind", "label"]]


def site_figures(sites: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """The figures of a site table against the truth (``farm_site_pages``)."""
    from sklearn.metrics import roc_auc_score

    kinds = truth.drop_duplicates("site").set_index("site")["kind"]
    table = sites.assign(kind=sites["site"].map(kinds))
    table = table[table["kind"].notna()]
    is_farm = table["kind"].eq("farm")
    publishers = table[~is_farm]
    farms = table[is_farm]
    wrong = publishers[publishers["verdict"] == "farm"]
    return {
        "farm_sites": int(len(farms)), "farm_pages": int(farms["pages"].sum()),
        "publisher_sites": int(len(publishers)), "publisher_pages": int(publishers["pages"].sum()),
        f"publisher_sites_with_{BIG_SITE}+_pages": int((publishers["pages"] >= BIG_SITE).sum()),
        "auc_scraped_share_lower_bound": float(roc_auc_score(is_farm, table["share_scraped_low"].fillna(0))),
        "auc_mean_p_scraped": float(roc_auc_score(is_farm, table["mean_p_scraped"].fillna(0))),
        "farm_sites_with_farm_verdict": int((farms["verdict"] == "farm").sum()),
        "farm_verdicts_by_site": farms["verdict"].value_counts().to_dict(),
        "publisher_verdicts": publishers["verdict"].value_counts().to_dict(),
        f"publishers_with_{BIG_SITE}+_pages_called_farm": int((wrong["pages"] >= BIG_SITE).sum()),
        "publishers_called_farm": wrong["site"].tolist(),
    }


def evaluate_sites(records: pd.DataFrame, manifest: pd.DataFrame, model_dir=None, seed: int = 0,
                   held_out_only: bool = False) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """Score the evaluation pages (with evidence, for networks), build the site table, measure it.
    Returns (figures, site table with a ``kind`` column, page scores)."""
    from ..scoring import score_frame
    from ..sites import site_table

    pages, truth = farm_site_pages(records, manifest, seed, held_out_only)
    scores = score_frame(pages, model_dir, evidence=True)
    sites = site_table(scores)
    figures = site_figures(sites, truth)
    figures.update(seed=seed, held_out_only=held_out_only)
    kinds = truth.drop_duplicates("site").set_index("site")["kind"]
    return figures, sites.assign(kind=sites["site"].map(kinds)), scores
