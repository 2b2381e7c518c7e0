"""Site verdicts: page scores rolled up to one row per registered domain, and networks of sites.

Users act on sites, not pages: a brand-safety team blocks domains, a crawl curator
drops them. ``site_table`` turns the rows of ``detector score`` into one row per
registered domain with the share of each label (and its 95% Wilson interval), the
signals that fire most, where the site's copies come from, a ``verdict`` and a
``network``.

The verdict rule (``verdict_for``), in order:

- ``too few pages``: fewer than ``MIN_PAGES`` scored pages;
- ``farm``: the Wilson lower bound of the scraped share is at least ``FARM_LOWER``
  (with 5 pages, 4 must be scraped; with 10, 6; with 20, 11; with 40, 18): the site scrapes at least
  30% of its pages, at 95% confidence;
- ``syndicator``: the lower bound of the scraped-or-syndicated share is at least ``REPUBLISHED_LOWER``;
- ``publisher``: the lower bound of the original share is at least ``PUBLISHER_LOWER``;
- ``mixed``: anything else.

A lower bound, not the share itself, keeps a site with few pages out of ``farm``
until there is enough evidence: 2 scraped pages of 2 is a share of 1 but a lower bound of 0.34.

Networks: sites that share a brand or declared source (the quoted evidence of the
brand and credit signals, from ``detector score --evidence``) or an origin page
(``copy_of``) are linked; a network is a connected component of two or more sites.
A value shared by more than ``MAX_SITES_PER_VALUE`` sites says nothing about who
runs them (a common word, a big wire) and links nothing.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .domains import registered_domain
from .model import CLASSES

MIN_PAGES = 5
FARM_LOWER = 0.3
REPUBLISHED_LOWER = 0.5
PUBLISHER_LOWER = 0.5
Z95 = 1.959964
TOP_SIGNALS = 5
MAX_SITES_PER_VALUE = 30
VERDICTS = ("farm", "syndicator", "publisher", "mixed", "too few pages")
# Signals whose quoted evidence names who runs or feeds a site, and the fields where it names it.
NETWORK_SIGNALS = {"brand_in_title", "brand_in_lede", "source_mismatch", "site_name_mismatch"}
NETWORK_FIELDS = {"title", "source", "site_name", "byline"}
RULE = (f"farm: Wilson 95% lower bound of the scraped share >= {FARM_LOWER} and >= {MIN_PAGES} scored pages; "
        f"syndicator: lower bound of scraped+syndicated >= {REPUBLISHED_LOWER}; "
        f"publisher: lower bound of original >= {PUBLISHER_LOWER}; else mixed")


def wilson(successes: np.ndarray | float, n: np.ndarray | float, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of a binomial share (NaN where n == 0)."""
    successes, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = successes / n
        denominator = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def verdict_for(pages_scored: int, lower: dict[str, float]) -> str:
    """The verdict from the scored page count and the Wilson lower bounds: ``lower`` maps
    "scraped", "original" and "republished" (scraped or syndicated) to theirs."""
    if pages_scored < MIN_PAGES:
        return "too few pages"
    if lower["scraped"] >= FARM_LOWER:
        return "farm"
    if lower["republished"] >= REPUBLISHED_LOWER:
        return "syndicator"
    if lower["original"] >= PUBLISHER_LOWER:
        return "publisher"
    return "mixed"


_NETLOC = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")


def site_of(url: str, page_id: str) -> str:
    """A page's site: the registered domain of its url, else of its id when the id holds a host name
    (a path such as "pages/a.html" does not), else "(unknown)"."""
    url = str(url or "")
    netloc = _NETLOC.match(url)
    # Looked up by host, not by url: urls are mostly unique, hosts repeat, and the look-up is cached.
    site = registered_domain(netloc.group(1) if netloc else url)
    if not site:
        site = registered_domain(str(page_id or ""))
        site = site if "." in site else ""
    return site or "(unknown)"


# ---------------------------------------------------------------------------- reading scores

def read_scores(paths: Iterable[str | Path], skip: Iterable[str] = ()) -> pd.DataFrame:
    """The rows of ``detector score`` outputs: files (.csv, .jsonl, .parquet) or directories of parts.
    ``skip``: columns not needed (the site table needs no page text), left unread where the format allows."""
    from .output import PLAN_FILE, read_directory

    skip = set(skip)
    frames = []
    for path in map(Path, paths):
        if path.is_dir():
            if not (path / PLAN_FILE).exists():
                raise ValueError(f"{path}: not a `detector score -o DIR/` output (no {PLAN_FILE})")
            frame = read_directory(path)
        elif path.suffix == ".parquet":
            import pyarrow.parquet as pq

            frame = pd.read_parquet(path, columns=[c for c in pq.read_schema(path).names if c not in skip])
        elif path.suffix == ".jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        elif path.suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=lambda c: c not in skip)
        else:
            raise ValueError(f"{path}: give score files ending in .csv, .jsonl or .parquet, or directories of parts")
        frames.append(frame.drop(columns=[c for c in skip if c in frame]))
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return normalise_scores(frame)


def normalise_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as floats and text as strings, whatever format the rows came from."""
    frame = frame.copy()
    for column in ("id", "url", "label", "signals", "error", "evidence", "title", "text", "copy_of", "gold"):
        if column in frame:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
    for column in ("score", "p_original", "p_syndicated", "p_scraped", "copy_similarity"):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").astype(float)
    for column in ("id", "url", "label", "signals", "error"):
        if column not in frame:
            frame[column] = ""
    if "p_scraped" not in frame:
        frame["p_scraped"] = np.nan
    return frame


# ---------------------------------------------------------------------------- the site table

def _top_signals(sites: pd.Series, fired: pd.Series, scored_pages: pd.Series) -> pd.Series:
    """Per site, "name:rate ..." for the ``TOP_SIGNALS`` signals firing on most of its scored pages."""
    names = fired.str.split().explode()
    names = names[names.notna() & (names != "")]
    if names.empty:
        return pd.Series(dtype=object)
    counts = pd.DataFrame({"site": sites.loc[names.index].to_numpy(), "name": names.to_numpy()})
    counts = counts.groupby(["site", "name"]).size().rename("n").reset_index()
    counts["rate"] = counts["n"] / counts["site"].map(scored_pages)
    counts = counts.sort_values(["site", "rate", "name"], ascending=[True, False, True])
    counts = counts.groupby("site").head(TOP_SIGNALS)
    counts["text"] = counts["name"] + ":" + counts["rate"].map("{:.2f}".format)
    return counts.groupby("site", sort=False)["text"].agg(" ".join)


def _copy_sources(frame: pd.DataFrame) -> pd.Series:
    """The site each page's ``copy_of`` points at ("" when it is no copy): the site of that
    page when it is among the rows, else the registered domain of the value itself."""
    site_by_id = dict(zip(frame["id"], frame["site"]))
    return frame["copy_of"].map(lambda v: "" if not v else site_by_id.get(v) or site_of(v, v))


def network_values(evidence: str) -> set[str]:
    """The brand and source names quoted by a page's evidence (lower-cased, without a leading "the")."""
    if not evidence or not any(f'"{name}"' in evidence for name in NETWORK_SIGNALS):
        return set()  # most pages quote none: skip parsing their JSON
    try:
        items = json.loads(evidence)
    except ValueError:
        return set()
    values = set()
    for item in items:
        if item.get("signal") in NETWORK_SIGNALS and item.get("field") in NETWORK_FIELDS:
            value = re.sub(r"\s+", " ", re.sub(r"^the\s+", "", str(item.get("text", "")).strip().lower()))
            if len(value) >= 3:
                values.add(value)
    return values


def networks(site_values: dict[str, set[str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Connected components of sites over shared values: ({site: network id}, {network id: shared values}).

    Networks are numbered by size (N1 is the largest); a site sharing nothing has none.
    """
    holders: dict[str, set[str]] = defaultdict(set)
    for site, values in site_values.items():
        for value in values:
            holders[value].add(site)
    parent = {site: site for site in site_values}

    def root(site: str) -> str:
        while parent[site] != site:
            parent[site] = parent[parent[site]]
            site = parent[site]
        return site

    linking = {v: sorted(s) for v, s in holders.items() if 2 <= len(s) <= MAX_SITES_PER_VALUE}
    for sites in linking.values():
        for other in sites[1:]:
            parent[root(other)] = root(sites[0])
    members: dict[str, list[str]] = defaultdict(list)
    for site in site_values:
        members[root(site)].append(site)
    components = sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda m: (-len(m), m[0]))
    names, shared = {}, {}
    for number, component in enumerate(components, 1):
        name = f"N{number}"
        names.update({site: name for site in component})
        inside = set(component)
        shared[name] = sorted(v for v, s in linking.items() if inside.issuperset(s))
    return names, shared


def _site_values(frame: pd.DataFrame) -> dict[str, set[str]]:
    """Per site, the values that may link it to others: brand and source names, origin pages."""
    values: dict[str, set[str]] = defaultdict(set)
    if "evidence" in frame:
        ok = frame[frame["scored"]]
        for site, evidence in zip(ok["site"], ok["evidence"]):
            values[site] |= network_values(evidence)
    if "copy_of" in frame:
        for site, origin in zip(frame["site"], frame["copy_of"]):
            if origin:
                values[site].add(f"copy_of:{origin}")
    return values


def site_table(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per registered domain of ``detector score`` rows, ``farm`` sites first (see the module doc)."""
    frame = normalise_scores(scores)
    frame["site"] = [site_of(u, i) for u, i in zip(frame["url"], frame["id"])]
    frame["scored"] = frame["label"].isin(CLASSES) & frame["p_scraped"].notna()
    # Scores from a linked run carry copy_of (empty where a page is no copy); the copy columns
    # appear once some page was linked to another.
    has_copies = "copy_of" in frame and frame["copy_of"].astype(str).ne("").any()
    if frame.empty:
        return pd.DataFrame(columns=site_columns(has_copies))
    ok = frame[frame["scored"]]
    table = frame.groupby("site", sort=False).size().rename("pages").to_frame()
    counts = pd.crosstab(ok["site"], ok["label"]).reindex(index=table.index, columns=list(CLASSES), fill_value=0)
    counts["republished"] = counts["scraped"] + counts["syndicated"]
    n = counts[list(CLASSES)].sum(axis=1)
    table["pages_scored"] = n
    for label in counts.columns:
        low, high = wilson(counts[label].to_numpy(), n.to_numpy())
        table[f"share_{label}"] = (counts[label] / n.where(n > 0)).to_numpy()
        table[f"share_{label}_low"], table[f"share_{label}_high"] = low, high
    table["mean_p_scraped"] = ok.groupby("site")["p_scraped"].mean()
    table["top_signals"] = _top_signals(ok["site"], ok["signals"], n).reindex(table.index).fillna("")
    if has_copies:
        frame["copy_site"] = _copy_sources(frame)
        copies = frame[frame["copy_site"] != ""]
        table["copied_share"] = (copies.groupby("site").size() / table["pages"]).reindex(table.index).fillna(0.0)
        sources = copies.groupby(["site", "copy_site"]).size().rename("n").reset_index()
        sources = sources.sort_values(["site", "n", "copy_site"], ascending=[True, False, True]).groupby("site").head(3)
        table["copied_from"] = (sources["copy_site"] + ":" + sources["n"].astype(str)).groupby(
            sources["site"]).agg(" ".join).reindex(table.index).fillna("")
    lower = {label: table[f"share_{label}_low"].fillna(0).to_numpy() for label in counts.columns}
    table["verdict"] = [verdict_for(int(pages), {label: float(lower[label][i]) for label in lower})
                        for i, pages in enumerate(n)]
    table = table.reset_index()
    values = _site_values(frame)
    names, shared = networks({site: values.get(site, set()) for site in table["site"]})
    table["network"] = table["site"].map(lambda site: names.get(site, ""))
    table["network_size"] = table["network"].map(Counter(names.values())).fillna(0).astype(int)
    table["network_shares"] = table["network"].map(lambda n: " | ".join(shared.get(n, [])[:5]))
    table["verdict_order"] = table["verdict"].map({v: i for i, v in enumerate(VERDICTS)})
    table = table.sort_values(["verdict_order", "share_scraped_low", "pages_scored", "site"],
                              ascending=[True, False, False, True])
    table = table.reindex(columns=site_columns(has_copies)).reset_index(drop=True)
    return table.round({c: 4 for c in table.columns if c.startswith(("share_", "mean_", "copied_share"))})


def site_columns(copies: bool = False) -> list[str]:
    shares = [f"share_{label}{end}" for label in (*CLASSES, "republished") for end in ("", "_low", "_high")]
    return (["site", "verdict", "pages", "pages_scored", *shares, "mean_p_scraped", "top_signals"]
            + (["copied_share", "copied_from"] if copies else [])
            + ["network", "network_size", "network_shares"])


# ---------------------------------------------------------------------------- blocklists

def blocklist_lines(table: pd.DataFrame, fmt: str = "plain", made_by: dict | None = None) -> list[str]:
    """The farm sites as a plain domain list or as uBlacklist match patterns, after a header
    comment saying how the list was made (``made_by``: tool version, model, rule, date, input)."""
    if fmt not in ("plain", "ublacklist"):
        raise ValueError(f"blocklist format {fmt!r}: choose plain or ublacklist")
    farms = sorted(s for s in table.loc[table["verdict"] == "farm", "site"] if is_domain(s))
    header = [f"# {key}: {value}" for key, value in (made_by or {}).items()]
    header.insert(0, f"# Content farms found by detector ({len(farms)} sites)")
    if fmt == "plain":
        return header + farms
    return header + [f"*://*.{site}/*" for site in farms]


def is_domain(name: str) -> bool:
    """A host name a block rule can hold (letters, digits, hyphens, dots; no spaces or paths)."""
    return bool(re.fullmatch(r"(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9-]{1,63}", name))


def made_by(inputs: Iterable, model_dir=None) -> dict:
    """The header facts of a blocklist: what made it, from what, when."""
    from datetime import datetime, timezone

    from . import __version__
    from .model import cached_model

    model = cached_model(model_dir)
    return {"tool": f"detector {__version__}",
            "model": f"{model_dir or 'shipped model'} (sha256 {model.card.get('sha256', '?')[:12]})",
            "rule": RULE,
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "input": " ".join(str(p) for p in inputs)}
