"""Who copied whom: the most likely origin of each linked group, and each copy's relation to it.

Evidence for a page being the origin, strongest first: another page of the group
openly credits its outlet ("Source: X", "originally published by X", a credit
line); it is a known outlet's site (``signals.outlets``) or a registered reference
page; it looks least like a farm page on its own (low ``p_scraped``); it credits no
other page of the group; it is the longest text (a farm keeps 60-90%); it is the
earliest dated, weak evidence only, as scrapers backdate copies.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ..page import Page
from ..signals.outlets import OUTLETS, display_name, names_agree, normalize_outlet, outlet_matches_site
from .fingerprints import NUM_PERM
from .lsh import Links, clusters, containment_of_smaller

LINK_COLUMNS = ["copy_of", "copy_similarity", "cluster", "copies"]

# Weights of the origin evidence (see the module docstring), in score points.
CREDITED_BY_OTHERS = 4.0
CREDITS_A_MEMBER = -4.0
KNOWN_OUTLET = 2.0
REFERENCE_PAGE = 1.0
FARM_LIKENESS = -2.0  # times p_scraped
CREDITS_ELSEWHERE = -0.5
LONGEST_TEXT = 0.5
EARLIEST_DATE = 0.3


@dataclass
class Relation:
    """One copy and the page it most likely copies, with what the group says about it."""

    row: int
    origin: int
    similarity: float
    cluster: str
    stripped_from: tuple[int, str] | None = None  # (row of a copy that credits, outlet it credits)
    other_identity: str = ""  # the copy's declared name that differs from the origin's
    backdated: tuple[str, str] | None = None  # (copy's date, origin's date)
    passage: tuple[str, int, int] | None = None  # where the copy shows a passage it shares with the origin
    notes: list[str] = field(default_factory=list)


def _page(member: pd.Series) -> Page:
    return Page(id=str(member["id"]), url=str(member["url"]), domain=str(member["domain"]),
                site_name=str(member["site_name"]))


def _credits(member: pd.Series) -> list[str]:
    return str(member["credits"]).split("|") if member["credits"] else []


def _own_credit(key: str, member: pd.Series) -> bool:
    """Whether an open credit names the member's own site (a self-credit, no sign of copying)."""
    return outlet_matches_site(key, _page(member)) or (
        bool(member["source"]) and normalize_outlet(str(member["source"])) == key and not member["domain"])


def _is_known_outlet(member: pd.Series) -> bool:
    host = str(member["domain"])
    return bool(host) and any(host == d or host.endswith("." + d) for o in OUTLETS.values() for d in o.domains)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _foreign_credits(member: pd.Series) -> list[str]:
    """Open credits naming another outlet than the member's own site."""
    return [k for k in _credits(member) if not _own_credit(k, member)]


def origin_scores(members: pd.DataFrame) -> np.ndarray:
    """A score per member of one group; the highest is the most likely origin."""
    scores = np.zeros(len(members))
    pages = [_page(m) for _, m in members.iterrows()]
    foreign = [_foreign_credits(m) for _, m in members.iterrows()]
    sizes = members["size"].to_numpy()
    days = [_day(d) for d in members["published"]]
    known_days = [d for d in days if d is not None]
    for i, (_, member) in enumerate(members.iterrows()):
        others = [j for j in range(len(members)) if j != i]
        credited_by = sum(any(outlet_matches_site(k, pages[i]) for k in foreign[j]) for j in others)
        credits_member = any(outlet_matches_site(k, pages[j]) for k in foreign[i] for j in others)
        scores[i] += CREDITED_BY_OTHERS * min(credited_by, 2) + CREDITS_A_MEMBER * credits_member
        scores[i] += KNOWN_OUTLET * _is_known_outlet(member) + REFERENCE_PAGE * bool(member.get("reference", False))
        scores[i] += FARM_LIKENESS * float(member.get("p_scraped", 0.0) or 0.0)
        scores[i] += CREDITS_ELSEWHERE * bool(foreign[i] and not credits_member)
        scores[i] += LONGEST_TEXT * (sizes[i] >= 0.95 * sizes.max())
        if days[i] is not None and len(known_days) > 1 and days[i] == min(known_days):
            scores[i] += EARLIEST_DATE
    return scores


def cluster_id(signature: bytes) -> str:
    """A stable id for a group: a hash of its origin's signature (same text, same id, any run)."""
    return "c" + hashlib.blake2b(signature, digest_size=6).hexdigest()


def _shared_passage(copy: pd.Series, other: pd.Series) -> tuple[str, int, int] | None:
    mine = json.loads(copy["passages"]) if copy["passages"] else []
    theirs = {p[3] for p in json.loads(other["passages"])} if other["passages"] else set()
    for field_name, start, end, digest in mine:
        if digest in theirs:
            return field_name, start, end
    return (mine[0][0], mine[0][1], mine[0][2]) if mine else None


def _relation(row: int, origin: int, members: pd.DataFrame, table: pd.DataFrame, similarity: float,
              cluster: str) -> Relation:
    copy, source = table.loc[row], table.loc[origin]
    relation = Relation(row, origin, similarity, cluster, passage=_shared_passage(copy, source))
    own_credits = _foreign_credits(copy)
    if not own_credits:
        for other_row, other in members.iterrows():
            credited = _foreign_credits(other) if other_row != row else []
            if credited:
                relation.stripped_from = (int(other_row), credited[0])
                break
    origin_page = _page(source)
    credits_origin = any(outlet_matches_site(k, origin_page) for k in own_credits)
    shares_origin_credit = bool(set(own_credits) & set(_foreign_credits(source)))
    if copy["domain"] and source["domain"] and copy["domain"] != source["domain"] and not (
            credits_origin or shares_origin_credit):
        origin_names = [n for n in (source["site_name"], source["source"]) if n]
        for declared in (copy["site_name"], copy["source"]):
            if declared and not any(names_agree(str(declared), str(n)) for n in origin_names) \
                    and not outlet_matches_site(normalize_outlet(str(declared)), origin_page):
                relation.other_identity = str(declared)
                break
    mine, theirs = _day(copy["published"]), _day(source["published"])
    if mine and theirs and mine < theirs:
        relation.backdated = (mine.isoformat(), theirs.isoformat())
    return relation


def resolve(table: pd.DataFrame, links: Links, signatures: np.ndarray) -> tuple[pd.DataFrame, list[Relation]]:
    """Link columns (``LINK_COLUMNS``) for every row of ``table`` and a Relation per copy.

    ``table``: fingerprint rows indexed 0..n-1 (``fingerprints.FINGERPRINT_COLUMNS``, plus
    optional ``p_scraped`` and ``reference``); ``links`` and ``signatures`` over the same rows.
    """
    n = len(table)
    columns = pd.DataFrame({"copy_of": pd.Series([""] * n, dtype=object), "copy_similarity": np.zeros(n),
                            "cluster": pd.Series([""] * n, dtype=object), "copies": np.zeros(n, dtype=np.int64)})
    relations: list[Relation] = []
    if not len(links):
        return columns, relations
    component = clusters(n, links)
    counts = np.bincount(component)
    linked = np.flatnonzero(counts[component] > 1)
    for comp in np.unique(component[linked]):
        rows = np.flatnonzero(component == comp)
        members = table.loc[rows]
        origin = int(rows[int(np.argmax(origin_scores(members)))])
        cluster = cluster_id(signatures[origin].tobytes())
        domains = {d for d in members["domain"] if d}
        for row in rows:
            row = int(row)
            own = table.at[row, "domain"]
            columns.at[row, "cluster"] = cluster
            columns.at[row, "copies"] = len(domains - {own})
            if row == origin:
                continue
            jaccard = float(np.count_nonzero(signatures[row] == signatures[origin])) / NUM_PERM
            similarity = float(containment_of_smaller(np.array([jaccard]), np.array([table.at[row, "size"]]),
                                                      np.array([table.at[origin, "size"]]))[0])
            columns.at[row, "copy_of"] = str(table.at[origin, "id"])
            columns.at[row, "copy_similarity"] = round(similarity, 4)
            relations.append(_relation(row, origin, members, table, similarity, cluster))
    return columns, relations


def describe(relation: Relation, table: pd.DataFrame) -> str:
    """One line for people: what this copy is a copy of."""
    origin = table.loc[relation.origin]
    where = origin["url"] or origin["id"]
    text = f"copy ({relation.similarity:.0%} shared) of {where}"
    if relation.stripped_from:
        text += f"; credit to {display_name(relation.stripped_from[1])} stripped"
    if relation.other_identity:
        text += f"; republished as {relation.other_identity!r}"
    if relation.backdated:
        text += f"; dated {relation.backdated[0]}, before its origin ({relation.backdated[1]})"
    return text
