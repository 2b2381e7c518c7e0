"""Linking fingerprints: LSH banding for candidates, then a check of each candidate.

Candidates come from grouping band keys (BANDS bands of ROWS signature values), band
by band, so the cost grows with the number of pages, never with the number of pairs.
Within a group of equal keys each page is paired with the next ``NEIGHBOURS`` pages
(all pairs of a small group; a chain through a large one, whose links still join it
into one cluster). Each candidate is then checked on the whole signature: the
estimated Jaccard and the containment of the smaller text in the larger must both
pass, so a farm that took 70% of an article, or spun a few words, is linked, while
two articles that share a few phrases are not. Pages of the same registered domain
are never linked: what one site's pages share is its own template or boilerplate.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fingerprints import NUM_PERM

BANDS, ROWS = 42, 3  # P(candidate) = 1 - (1 - J**3)**42: 0.68 at J=0.3, 0.94 at 0.4, 0.996 at 0.5
NEIGHBOURS = 8  # pairs per page within one group of equal band keys
MIN_JACCARD = 0.2  # estimated Jaccard of the whole texts ...
MIN_CONTAINMENT = 0.45  # ... and share of the smaller text found in the larger (boilerplate-only pairs: <= 0.32)
_VERIFY_CHUNK = 200_000  # candidate pairs compared at once (bounds memory: chunk x NUM_PERM bytes)
_KEY_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


@dataclass
class Links:
    """Verified links between rows of a signature matrix."""

    left: np.ndarray  # int64 row numbers, left < right
    right: np.ndarray
    jaccard: np.ndarray  # estimated
    containment: np.ndarray  # estimated share of the smaller text found in the larger

    def __len__(self) -> int:
        return len(self.left)


def band_keys(signatures: np.ndarray, band: int, rows: np.ndarray | None = None) -> np.ndarray:
    """One uint64 key per row (of ``rows``, default all): the band's ROWS signature values combined."""
    columns = signatures[:, band * ROWS:(band + 1) * ROWS]
    columns = (columns if rows is None else columns[rows]).astype(np.uint64)
    with np.errstate(over="ignore"):
        key = np.uint64(band + 1) * _KEY_MIX[2]
        for offset in range(ROWS):
            key = key + columns[:, offset] * _KEY_MIX[offset % 3]
            key = key ^ (key >> np.uint64(29))
    return key


def band_key_matrix(signatures: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """Every band's keys of ``rows`` (default all): uint64 (BANDS, rows), one contiguous row per band,
    336 bytes a page where its signature takes 512."""
    count = len(signatures) if rows is None else len(rows)
    keys = np.empty((BANDS, count), dtype=np.uint64)
    for band in range(BANDS):
        keys[band] = band_keys(signatures, band, rows)
    return keys


def candidate_pairs(signatures: np.ndarray, usable: np.ndarray | None = None, keep=None) -> np.ndarray:
    """Distinct candidate pairs (int64 array of shape (m, 2), left < right) of rows whose
    band keys agree in at least one band. ``usable``: rows that may be linked at all;
    ``keep(left, right)``: which pairs of rows may be linked (see ``pairs_of_keys``)."""
    rows = np.arange(len(signatures)) if usable is None else np.flatnonzero(usable)
    allowed = None if keep is None else (lambda left, right: keep(rows[left], rows[right]))
    return pairs_of_keys(lambda band: band_keys(signatures, band, rows), rows, allowed)


def pairs_of_keys(keys_of_band, rows: np.ndarray, keep=None) -> np.ndarray:
    """Distinct candidate pairs (left < right) of ``rows`` (ascending row numbers) from their band
    keys: ``keys_of_band(band)`` gives one key per row of ``rows``. Within a group of equal keys,
    rows in ascending order, each is paired with the next NEIGHBOURS.

    ``keep(left, right)``, given positions in ``rows``, says which pairs may be linked at all
    (pages of one site never are); the others are dropped band by band, so a site whose pages
    share a template costs no memory here."""
    count = max(1, int(rows[-1]) + 1) if len(rows) else 1
    found = [np.zeros(0, dtype=np.int64)]
    for band in range(BANDS):
        keys = keys_of_band(band)
        order = np.argsort(keys, kind="stable")
        ordered_keys = keys[order]
        codes = []
        for step in range(1, NEIGHBOURS + 1):
            same = np.flatnonzero(ordered_keys[step:] == ordered_keys[:-step])
            if not len(same):
                break
            left, right = order[same], order[same + step]  # positions; rows ascend within a group
            if keep is not None:
                allowed = keep(left, right)
                left, right = left[allowed], right[allowed]
            codes.append(rows[left] * count + rows[right])  # one int64 per pair: cheaper than unique rows
        if codes:
            found.append(np.unique(np.concatenate(codes)))
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // count, codes % count], axis=1)


def estimated_jaccard(signatures: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), _VERIFY_CHUNK):
        stop = start + _VERIFY_CHUNK
        out[start:stop] = (signatures[left[start:stop]] == signatures[right[start:stop]]).sum(axis=1) / NUM_PERM
    return out


def containment_of_smaller(jaccard: np.ndarray, size_left: np.ndarray, size_right: np.ndarray) -> np.ndarray:
    """|A∩B| / min(|A|, |B|) with |A∩B| = J (|A| + |B|) / (1 + J)."""
    shared = jaccard * (size_left + size_right) / (1.0 + jaccard)
    return np.minimum(1.0, shared / np.maximum(1, np.minimum(size_left, size_right)))


def link(signatures: np.ndarray, sizes: np.ndarray, domains: np.ndarray | None = None) -> Links:
    """Verified links among rows of ``signatures`` (uint32, (n, NUM_PERM)).

    ``sizes``: distinct shingles per row, 0 for rows too short to judge (never linked);
    ``domains``: an integer code per row's registered domain (-1 when unknown); rows
    with the same known domain are never linked.
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    keep = None
    if domains is not None:
        domains = np.asarray(domains)
        keep = lambda left, right: other_sites(domains[left], domains[right])  # noqa: E731
    pairs = candidate_pairs(signatures, sizes > 0, keep)
    return checked(signatures, sizes, pairs[:, 0], pairs[:, 1])


def other_sites(left_domains: np.ndarray, right_domains: np.ndarray) -> np.ndarray:
    """Which pairs may be linked: pages of one known registered domain (code >= 0) never are."""
    return (left_domains != right_domains) | (left_domains < 0)


def checked(signatures: np.ndarray, sizes: np.ndarray, left: np.ndarray, right: np.ndarray) -> Links:
    """The candidate pairs (``left``, ``right``: rows of ``signatures`` and ``sizes``) that pass the
    whole-signature check: estimated Jaccard and containment of the smaller text."""
    jaccard = estimated_jaccard(signatures, left, right)
    contained = containment_of_smaller(jaccard, sizes[left], sizes[right])
    keep = (jaccard >= MIN_JACCARD) & (contained >= MIN_CONTAINMENT)
    return Links(left[keep], right[keep], jaccard[keep], contained[keep])


def clusters(count: int, links: Links) -> np.ndarray:
    """A component number per row (rows without links are alone in theirs), numbered in the
    order of each component's lowest row.

    Each row takes the lowest label among its links, labels are followed to their roots
    (pointer jumping), until nothing changes: a few passes of NumPy, and no SciPy, which
    scoring processes never import.
    """
    labels = np.arange(count)
    left, right = np.asarray(links.left, dtype=np.int64), np.asarray(links.right, dtype=np.int64)
    while True:
        low = np.minimum(labels[left], labels[right])
        before = labels.copy()
        np.minimum.at(labels, labels[left], low)
        np.minimum.at(labels, labels[right], low)
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(labels, before):
            return np.unique(labels, return_inverse=True)[1]
