"""Who copied whom: the most likely origin of each linked group, and each copy's relation to it.

Evidence for a page being the origin, strongest first: another page of the group
openly credits its outlet ("Source: X", "originally published by X", a credit
line); it credits no other page or outlet itself; it is a known outlet's site
(``signals.outlets``) or a registered reference page; it looks least like a farm
page on its own (low ``p_scraped``); its declared site name is its host's; it is
the earliest dated, weak evidence only, as scrapers backdate copies; it is the
longest text, a tie-breaker (a farm keeps 60-90% of a story, but may add to it).

A credit counts as much as the page making it looks honest (``1 - p_scraped``): farms
credit invented or wrong sources, and one false credit must not turn every honest
page of the group into a "stripped" copy.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ..page import Page
from ..domains import host as url_host
from ..signals.outlets import (OUTLETS, display_name, name_matches_host, names_agree, normalize_outlet,
                               outlet_matches_site)
from .fingerprints import NUM_PERM
from .lsh import Links, clusters, containment_of_smaller

LINK_COLUMNS = ["copy_of", "copy_similarity", "cluster", "copies"]

# Weights of the origin evidence (see the module docstring), in score points.
CREDITED_BY_OTHERS = 4.0
CREDITS_A_MEMBER = -4.0
KNOWN_OUTLET = 2.0
REFERENCE_PAGE = 1.0
FARM_LIKENESS = -2.0  # times p_scraped
CREDITS_ELSEWHERE = -3.0  # a page that credits another outlet says it is not the origin
# An uncredited page whose text another member credits to an outlet outside the group (a wire copy beside it)
# is a copy whose credit was stripped: below the crediting copy, which stands for the absent origin.
UNCREDITED_BESIDE_CREDIT = -3.5
OWN_IDENTITY = 1.0  # declares a site name its host spells ("Telebasel" on telebasel.ch)
MIN_CREDIT_TRUST = 0.5  # a copy's credit is "stripped" only beside a credit from a page that looks honest
MAX_CREDIT_CHECKS = 200_000  # (credit, member) name checks per group before only credits that count are read
LONGEST_TEXT = 0.2  # a tie-breaker only: a farm keeps 60-90% of a story, but may also add to it
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


def _page(member: dict) -> Page:
    return Page(id=str(member["id"]), url=str(member["url"]), domain=str(member["domain"]),
                site_name=str(member["site_name"]))


def _credits(member: dict) -> list[str]:
    if "_credit_keys" not in member:
        member["_credit_keys"] = str(member["credits"]).split("|") if member["credits"] else []
    return member["_credit_keys"]


def _names_member(key: str, member: dict) -> bool:
    """Whether a credit's outlet key is the member's site (by host or declared site name)."""
    return outlet_matches_site(key, _page(member)) or (
        bool(member["site_name"]) and names_agree(key, str(member["site_name"])))


_OUTLET_DOMAINS = frozenset(d for outlet in OUTLETS.values() for d in outlet.domains)


def _is_known_outlet(member: dict) -> bool:
    """Whether the member's site is a known outlet's (the host or a parent domain is in the table)."""
    labels = str(member["domain"]).split(".")
    return any(".".join(labels[i:]) in _OUTLET_DOMAINS for i in range(len(labels) - 1))


def _own_identity(member: dict) -> bool:
    name, host = str(member["site_name"]), str(member["url"] and url_host(str(member["url"])) or member["domain"])
    return bool(name and host) and name_matches_host(name, host)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _trust(member: dict) -> float:
    """How much a member's credits count: as much as the page looks honest on its own."""
    return 1.0 - min(1.0, max(0.0, float(member.get("p_scraped", 0.0) or 0.0)))


class GroupCredits:
    """Who credits whom within one group, worked out once: each distinct credit is read against
    each member once (a credit names a member by its host or declared site name).

    A page's own credits are those naming its own site; a page without a known site whose
    declared source is the credited outlet credits itself, unless another member is that
    outlet's. In a huge group (a mass copy) only the credits that can count are read against
    every member: those of honest-looking pages and those several pages make.
    """

    def __init__(self, rows: list[dict]):
        self.rows = rows
        self.trust = [_trust(m) for m in rows]
        raw = [_credits(m) for m in rows]
        keys = sorted({k for ks in raw for k in ks})
        if len(keys) * len(rows) > MAX_CREDIT_CHECKS:
            counts = Counter(k for ks in raw for k in set(ks))
            honest = {k for ks, t in zip(raw, self.trust) if t >= MIN_CREDIT_TRUST for k in ks}
            keys = [k for k in keys if k in honest or counts[k] > 1][:max(1, MAX_CREDIT_CHECKS // len(rows))]
        self.named = {k: frozenset(i for i, m in enumerate(rows) if _names_member(k, m)) for k in keys}
        self.foreign = [[k for k in ks if not self._own(k, i)] for i, ks in enumerate(raw)]
        # crediting[i]: the other members whose foreign credits name member i
        self.crediting: list[set[int]] = [set() for _ in rows]
        for j, ks in enumerate(self.foreign):
            for k in ks:
                for i in self.named.get(k, ()):
                    if i != j:
                        self.crediting[i].add(j)
        # members crediting some outlet, most honest-looking first
        self.creditors = sorted((j for j in range(len(rows)) if self.foreign[j]), key=lambda j: (-self.trust[j], j))

    def _own(self, key: str, i: int) -> bool:
        member, named = self.rows[i], self.named.get(key)
        if named is None:  # a credit of a huge group not read against every member
            return _names_member(key, member)
        if i in named:
            return True
        return (bool(member["source"]) and normalize_outlet(str(member["source"])) == key and not member["domain"]
                and not (named - {i}))

    def names(self, key: str, i: int) -> bool:
        return i in self.named.get(key, ())

    def credits_a_member(self, i: int) -> bool:
        return any(self.named.get(k, frozenset()) - {i} for k in self.foreign[i])

    def most_honest_credit_elsewhere(self, i: int, minimum: float = 0.0,
                                     only_elsewhere: bool = False) -> tuple[float, int, str] | None:
        """(trust, member, outlet) of the most honest-looking other member crediting an outlet that
        is not member ``i``'s site, with trust at least ``minimum`` (and, ``only_elsewhere``,
        crediting member ``i`` nowhere); None when there is none."""
        for j in self.creditors:
            if self.trust[j] < minimum:
                return None
            if j == i or (only_elsewhere and j in self.crediting[i]):
                continue
            outlets = [k for k in self.foreign[j] if not self.names(k, i)]
            if outlets:
                return self.trust[j], j, outlets[0]
        return None


def origin_scores(rows: list[dict], credits: GroupCredits | None = None) -> np.ndarray:
    """A score per member of one group (fingerprint rows as dicts); the highest is the most likely origin."""
    credits = credits or GroupCredits(rows)
    foreign, trust = credits.foreign, credits.trust
    scores = np.zeros(len(rows))
    sizes = np.array([m["size"] for m in rows])
    days = [_day(m["published"]) for m in rows]
    known_days = [d for d in days if d is not None]
    for i, member in enumerate(rows):
        credited_by = sum(trust[j] for j in credits.crediting[i])
        credits_member = credits.credits_a_member(i)
        scores[i] += CREDITED_BY_OTHERS * min(credited_by, 2) + CREDITS_A_MEMBER * credits_member
        scores[i] += KNOWN_OUTLET * _is_known_outlet(member) + REFERENCE_PAGE * bool(member.get("reference", False))
        scores[i] += FARM_LIKENESS * (1.0 - trust[i])
        scores[i] += CREDITS_ELSEWHERE * bool(foreign[i] and not credits_member)
        if not foreign[i]:
            elsewhere = credits.most_honest_credit_elsewhere(i, only_elsewhere=True)
            scores[i] += UNCREDITED_BESIDE_CREDIT * (elsewhere[0] if elsewhere else 0.0)
        scores[i] += OWN_IDENTITY * _own_identity(member)
        scores[i] += LONGEST_TEXT * (sizes[i] >= 0.9 * sizes.max())  # a partial copy keeps 60-90%; a farm may add 10%
        if days[i] is not None and len(known_days) > 1 and days[i] == min(known_days):
            scores[i] += EARLIEST_DATE
    return scores


def cluster_id(signature: bytes) -> str:
    """A stable id for a group: a hash of the smallest of its members' signatures (as bytes), so it
    depends on the texts only, never on batch order or on which page is taken for the origin."""
    return "c" + hashlib.blake2b(signature, digest_size=6).hexdigest()


def _shared_passage(copy: dict, other: dict) -> tuple[str, int, int] | None:
    mine = json.loads(copy["passages"]) if copy["passages"] else []
    theirs = {p[3] for p in json.loads(other["passages"])} if other["passages"] else set()
    for field_name, start, end, digest in mine:
        if digest in theirs:
            return field_name, start, end
    return (mine[0][0], mine[0][1], mine[0][2]) if mine else None


def _relation(row: int, origin: int, rows: list[dict], credits: GroupCredits, similarity: float,
              cluster: str, ids: list[int]) -> Relation:
    """The relation of member ``row`` to member ``origin`` (positions in ``rows``; ``ids`` their table rows)."""
    copy, source = rows[row], rows[origin]
    relation = Relation(ids[row], ids[origin], similarity, cluster, passage=_shared_passage(copy, source))
    own_credits = credits.foreign[row]
    if not own_credits:
        # the credit of the most honest-looking page that credits an outlet other than this page's site
        elsewhere = credits.most_honest_credit_elsewhere(row, MIN_CREDIT_TRUST)
        if elsewhere:
            relation.stripped_from = (ids[elsewhere[1]], elsewhere[2])
    origin_page = _page(source)
    credits_origin = any(outlet_matches_site(k, origin_page) for k in own_credits)
    shares_origin_credit = bool(set(own_credits) & set(credits.foreign[origin]))
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
    linked = linked[np.argsort(component[linked], kind="stable")]  # rows of each group together, in row order
    groups = np.split(linked, np.flatnonzero(np.diff(component[linked])) + 1)
    wanted = [c for c in FINGERPRINT_FIELDS if c in table] + [c for c in ("p_scraped", "reference") if c in table]
    needed = np.unique(linked)
    records = dict(zip(needed.tolist(), table.iloc[needed][wanted].to_dict("records")))  # one conversion, not per group
    copy_of, similarity_of = [""] * n, np.zeros(n)
    cluster_of, copies_of = [""] * n, np.zeros(n, dtype=np.int64)
    for rows in groups:
        members = {int(r): records[int(r)] for r in rows}
        order = list(members)
        group = [members[r] for r in order]
        credits = GroupCredits(group)
        at = {r: p for p, r in enumerate(order)}
        origin = order[int(np.argmax(origin_scores(group, credits)))]
        cluster = cluster_id(min(signatures[r].tobytes() for r in rows))
        domains = {m["domain"] for m in members.values() if m["domain"]}
        origin_domain = members[origin]["domain"]
        for row, member in members.items():
            own = member["domain"]
            cluster_of[row] = cluster
            copies_of[row] = len(domains - {own})
            if row == origin or (own and own == origin_domain):  # the origin's own site: another page of it
                continue
            jaccard = float(np.count_nonzero(signatures[row] == signatures[origin])) / NUM_PERM
            similarity = float(containment_of_smaller(np.array([jaccard]), np.array([member["size"]]),
                                                      np.array([members[origin]["size"]]))[0])
            copy_of[row] = str(members[origin]["id"])
            similarity_of[row] = round(similarity, 4)
            relations.append(_relation(at[row], at[origin], group, credits, similarity, cluster, order))
    columns["copy_of"] = pd.Series(copy_of, dtype=object)
    columns["copy_similarity"] = similarity_of
    columns["cluster"] = pd.Series(cluster_of, dtype=object)
    columns["copies"] = copies_of
    return columns, relations


FINGERPRINT_FIELDS = ["id", "url", "domain", "site_name", "source", "published", "credits", "size", "passages"]


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
