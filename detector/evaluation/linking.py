"""How well linking finds copies and names their origin, on clusters built from held-out sites.

For each real original of a held-out site (``corpus.is_held_out``) the evaluation
builds a cluster: the original; a credited syndicated copy; farm copies that are
whole, partial (60-90% of the paragraphs), spun (some words replaced), credit
stripped (the credited copy's text without its credit, under another brand) and
backdated (dated before the original). Next to them sit hard negatives that must
not be linked: another article about the same event (it quotes the original's
lede sentence, the rest is another real article's text), and pages that share
only boilerplate (one long disclaimer paragraph on two different articles).

    python -m detector.evaluation.linking [--data DIR] [--limit N]

prints link precision and recall (pairs), origin top-1 accuracy, false links of
same-event and boilerplate pages, and scraped recall / false-positive rate of the
model alone and with the cross-page signals.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from ..page import Page
from ..records import empty_record

COPY_KINDS = ("whole", "partial", "spun", "stripped", "backdated")
_BRAND_HEADS = "Brisk Lumen Northgate Copper Willow Harbor Summit Quill Beacon Meridian Vista Orbit".split()
_BRAND_TAILS = "Daily Wire Pulse Digest Buzz Report Times Hub Insider Feed Gazette Post".split()
_SPIN = {"said": "stated", "says": "states", "big": "large", "large": "huge", "people": "persons",
         "city": "town", "new": "fresh", "also": "too", "but": "yet", "after": "following", "before": "prior to",
         "company": "firm", "government": "administration", "children": "kids", "help": "assist",
         "show": "demonstrate", "start": "begin", "buy": "purchase", "many": "numerous", "about": "around"}
_WORD = re.compile(r"[A-Za-z]+")
BOILERPLATE = ("This article is provided for general information only and does not constitute advice of any "
               "kind. Readers should consult a qualified professional before acting on anything written here. "
               "The views expressed belong to the authors and not necessarily to the publisher, its partners or "
               "its advertisers, who accept no liability for errors, omissions or outcomes of any decision made "
               "on the basis of this material.")


@dataclass
class Case:
    """One evaluation page: its record and what it truly is."""

    record: dict
    cluster: str  # the true cluster (the original's id); "" for pages that belong to none
    role: str  # "original", "credited", a COPY_KINDS entry, "same_event", "boilerplate"


def brand(rng: random.Random) -> tuple[str, str]:
    name = f"{rng.choice(_BRAND_HEADS)} {rng.choice(_BRAND_TAILS)}"
    return name, name.lower().replace(" ", "") + rng.choice([".com", ".net", ".info", ".news"])


def _text_record(record_id: str, url: str, title: str, paragraphs: list[str], site: str = "", source: str = "",
                 published: str = "") -> dict:
    text = title + "\n\n" + "\n\n".join(paragraphs)
    return empty_record(id=record_id, url=url, text=text, title=title, site=site, source=source,
                        published=published, format="txt")


def _site_name(page: Page) -> str:
    return page.site_name or page.domain


def credited_copy(page: Page, rng: random.Random, record_id: str) -> dict:
    """A partner's copy that credits the original openly (source line and closing credit)."""
    name, domain = brand(rng)
    closing = f"This story was originally published by {_site_name(page)}."
    return _text_record(record_id, f"https://www.{domain}/partners/{rng.randrange(10**6)}", page.title,
                        page.paragraphs + [closing], site=name, source=_site_name(page), published=page.published)


def spin(paragraphs: list[str], rng: random.Random, rate: float) -> list[str]:
    """Replace some words by near-synonyms (from a small table) or drop short ones: a spinner's few changes."""
    def change(m: re.Match) -> str:
        word = m.group(0)
        if rng.random() >= rate:
            return word
        swap = _SPIN.get(word.lower())
        return swap if swap else ("" if len(word) <= 3 else word)
    return [re.sub(r"\s{2,}", " ", _WORD.sub(change, p)) for p in paragraphs]


def _earlier(published: str, rng: random.Random) -> str:
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        day = date(2024, 6, 1)
    return (day - timedelta(days=rng.randint(30, 900))).isoformat()


def farm_copy(page: Page, kind: str, rng: random.Random, record_id: str) -> dict:
    """A farm copy of ``page`` under an invented brand, with no credit."""
    name, domain = brand(rng)
    paragraphs = list(page.paragraphs)
    published = page.published
    if kind == "partial":
        paragraphs = paragraphs[:max(1, round(len(paragraphs) * rng.uniform(0.6, 0.9)))]
    elif kind == "spun":
        paragraphs = spin(paragraphs, rng, rng.uniform(0.15, 0.3))
    elif kind == "backdated":
        published = _earlier(page.published, rng)
    elif kind == "stripped":  # the credited copy's text, its closing credit line gone
        paragraphs = paragraphs[:]
    return _text_record(record_id, f"https://{domain}/{rng.randrange(10**6)}", f"{name}: {page.title}", paragraphs,
                        site=name, source=name, published=published)


def same_event(page: Page, other: Page, rng: random.Random, record_id: str) -> dict:
    """Another article on the same event: it quotes the original's lede sentence, the rest is other text."""
    lede = re.split(r"(?<=[.!?])\s", page.paragraphs[0])[0]
    name, domain = brand(rng)
    paragraphs = [f'As first reported elsewhere, "{lede}"'] + list(other.paragraphs)
    return _text_record(record_id, f"https://{domain}/{rng.randrange(10**6)}", other.title, paragraphs, site=name)


def boilerplate_pair(first: Page, second: Page, rng: random.Random, prefix: str) -> list[dict]:
    """Two different articles on two sites that share only a long disclaimer paragraph."""
    records = []
    for number, page in enumerate((first, second)):
        name, domain = brand(rng)
        records.append(_text_record(f"{prefix}-{number}", f"https://{domain}/{rng.randrange(10**6)}", page.title,
                                    page.paragraphs + [BOILERPLATE], site=name))
    return records


def build_cases(originals: list[tuple[dict, Page]], seed: int = 1) -> list[Case]:
    """The evaluation pages for some real originals (record, Page), in a deterministic order.

    Two originals in three are kept out of the batch and each lends its text to one hard
    negative (so a negative shares no text with any page of the batch beyond what it is built
    to share)."""
    rng = random.Random(seed)
    cases: list[Case] = []
    fillers = iter([page for number, (_, page) in enumerate(originals) if number % 3])
    originals = originals[0::3]
    for number, (record, page) in enumerate(originals):
        key = record["id"]
        cases.append(Case(record, key, "original"))
        credited = credited_copy(page, rng, f"{key}#credited")
        cases.append(Case(credited, key, "credited"))
        for kind in COPY_KINDS:
            cases.append(Case(farm_copy(page, kind, rng, f"{key}#{kind}"), key, kind))
        other = next(fillers, None)
        if other is not None:
            cases.append(Case(same_event(page, other, rng, f"{key}#same_event"), f"{key}#same_event", "same_event"))
        first, second = next(fillers, None), next(fillers, None) if number % 2 == 0 else None
        if first is not None and second is not None:
            for rec in boilerplate_pair(first, second, rng, f"{key}#boilerplate"):
                cases.append(Case(rec, rec["id"], "boilerplate"))
    return cases


def _linkable_originals(rows, limit: int | None) -> list[tuple[dict, Page]]:
    """(record, Page) of real originals of held-out sites with enough text to link, one per site;
    ``rows``: (record, manifest row, Page) in corpus order."""
    from ..linking.fingerprints import MIN_SHINGLES, shingle_hashes
    from .corpus import is_held_out

    found, seen_sites = [], set()
    for record, manifest, page in rows:
        if manifest["label"] != "original" or manifest.get("origin", "real") != "real" \
                or not is_held_out(manifest["group"]):
            continue
        if len(page.paragraphs) < 3 or len(shingle_hashes("\n".join(page.paragraphs))) < 3 * MIN_SHINGLES:
            continue
        if manifest["group"] in seen_sites:
            continue
        seen_sites.add(manifest["group"])
        found.append((record, page))
        if limit and len(found) >= limit:
            break
    return found


def held_out_originals(data_dir: Path, limit: int | None = None) -> list[tuple[dict, Page]]:
    """Real originals of held-out sites with enough text to link, one per site, read from ``data_dir``."""
    from .catalog import load_real_labels
    from .corpus import _real_rows

    return _linkable_originals(((row.record, row.manifest, page)
                                for row, page in _real_rows(Path(data_dir), load_real_labels(), [])), limit)


def corpus_originals(records: pd.DataFrame, manifest: pd.DataFrame, limit: int | None = None
                     ) -> list[tuple[dict, Page]]:
    """The same originals taken from a built corpus (``detector corpus``) instead of the pages."""
    from ..parse import ParseError, page_from_record

    def rows():
        real = manifest["origin"].eq("real").to_numpy() & manifest["label"].eq("original").to_numpy()
        for record, row in zip(records[real].to_dict("records"), manifest[real].to_dict("records")):
            try:
                yield record, row, page_from_record(record)
            except ParseError:
                continue
    return _linkable_originals(rows(), limit)


def _pairs(groups: pd.Series) -> set[tuple[int, int]]:
    pairs = set()
    for _, rows in groups[groups != ""].groupby(groups[groups != ""]).groups.items():
        pairs.update(combinations(sorted(rows), 2))
    return pairs


def measure(cases: list[Case], rows: pd.DataFrame, alone_labels: pd.Series | None = None) -> dict:
    """Metrics of scored and linked rows (``rows``, in case order) against the truth of ``cases``;
    ``alone_labels``: the same pages' labels before linking (each page scored alone)."""
    truth = pd.Series([c.cluster if c.role not in ("same_event", "boilerplate") else "" for c in cases])
    roles = pd.Series([c.role for c in cases])
    predicted = rows["cluster"].fillna("").astype(str).reset_index(drop=True)
    true_pairs, found_pairs = _pairs(truth), _pairs(predicted)
    hits = len(true_pairs & found_pairs)
    linked = predicted != ""
    origin_hits, origin_total = 0, 0
    for key, members in truth[truth != ""].groupby(truth[truth != ""]).groups.items():
        clusters = predicted[list(members)]
        original = next(i for i in members if roles[i] == "original")
        if not clusters[original]:
            origin_total += 1  # the original is in no cluster: origin not found
            continue
        origin_total += 1
        copies_of = rows.loc[[i for i in members if i != original], "copy_of"].fillna("").astype(str)
        named = copies_of[copies_of != ""]
        origin_hits += bool(len(named) and rows.at[original, "copy_of"] in ("", None)
                            and (named == cases[original].record["id"]).mean() >= 0.5)
    negatives = roles.isin(["same_event", "boilerplate"])
    scraped_truth = roles.isin(COPY_KINDS)
    honest = roles.isin(["original", "credited", "same_event", "boilerplate"])
    with_cross = rows["label"].eq("scraped").reset_index(drop=True)
    alone = (alone_labels.eq("scraped").reset_index(drop=True) if alone_labels is not None
             else pd.Series(np.zeros(len(rows), dtype=bool)))
    result = {
        "pages": len(cases), "clusters": int(truth[truth != ""].nunique()),
        "link_precision": round(hits / max(1, len(found_pairs)), 4),
        "link_recall": round(hits / max(1, len(true_pairs)), 4),
        "recall_by_kind": {kind: round(float(linked[roles == kind].mean()), 4)
                           for kind in ("credited", *COPY_KINDS)},
        "origin_top1": round(float(origin_hits) / max(1, origin_total), 4),
        "false_links_same_event": round(float(linked[roles == "same_event"].mean()), 4),
        "false_links_boilerplate": round(float(linked[roles == "boilerplate"].mean()), 4),
        "false_links_negatives": int(linked[negatives].sum()),
        "scraped_recall_model": round(float(alone[scraped_truth].mean()), 4),
        "scraped_recall_with_cross_page": round(float(with_cross[scraped_truth].mean()), 4),
        "fp_rate_model": round(float(alone[honest].mean()), 4),
        "fp_rate_with_cross_page": round(float(with_cross[honest].mean()), 4),
        # the model's label after linking, per kind of page (a scraped kind should be "scraped",
        # original and credited never)
        "labelled_scraped_by_kind": {kind: round(float(with_cross[roles == kind].mean()), 4)
                                     for kind in ("original", "credited", *COPY_KINDS)},
        "honest_labelled_scraped": round(float(with_cross[roles.isin(["original", "credited"])].mean()), 4),
        "labelled_scraped_alone_by_kind": {kind: round(float(alone[roles == kind].mean()), 4)
                                           for kind in ("original", "credited", *COPY_KINDS)},
    }
    return result


def evaluate(data_dir: Path, limit: int | None = None, seed: int = 1) -> dict:
    return evaluate_originals(held_out_originals(data_dir, limit), seed=seed)


def evaluate_originals(originals: list[tuple[dict, Page]], model=None, seed: int = 1) -> dict:
    """Build the clusters of ``originals``, score and link them as one batch, and measure."""
    from ..model import cached_model
    from ..linking.fingerprints import fingerprint_frame
    from ..linking.stage import annotate, link_batch
    from ..scoring import score_rows

    cases = build_cases(originals, seed)
    fingerprints: list = []
    model = model or cached_model()
    rows = score_rows([c.record for c in cases], model, fingerprints=fingerprints)
    linked = link_batch(fingerprint_frame(fingerprints), rows["p_scraped"].to_numpy())
    return measure(cases, annotate(rows, linked, model), rows["label"])


def main() -> None:
    from .catalog import shared_data_dir

    parser = argparse.ArgumentParser(description="Evaluate linking on clusters built from held-out sites.")
    parser.add_argument("--data", help="the reference pages (default ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many originals")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    data = shared_data_dir(args.data)
    if data is None:
        raise SystemExit("the reference pages (../shared/data) are not here; pass --data DIR")
    print(json.dumps(evaluate(data, args.limit, args.seed), indent=1))


if __name__ == "__main__":
    main()
