"""Linking on a cluster: the steps of ``lsh.link`` as functions of one partition, for the
Dask and Spark engines, so that no engine collects the batch's fingerprints on its driver.

Rows are named by a key that sorts as the batch does: ``piece << 32 | row in the piece``
(``row_key``), reference rows in a last piece. The engine runs:

1. ``band_rows`` on each partition of (key, size, domain, signature): (band, band key, row key,
   site code) for every linkable row and band;
2. a distributed group-by on (band, band key), then ``neighbour_pairs`` within each group:
   rows in key order, each paired with the next ``lsh.NEIGHBOURS`` (the rule of
   ``lsh.pairs_of_keys``, so the same candidates), pairs of one site dropped, distinct pairs;
3. a join of each side's size, domain and signature, then ``checked_pairs``: same-domain
   pairs dropped, then the check of ``lsh.checked``, same thresholds;
4. only the verified links and the fingerprints of linked rows come to the driver, where
   ``links_by_row`` and ``chunked.resolved_rows`` give the origins and cross-page values
   exactly as ``link_batch`` gives them on one machine.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from .chunked import LinkedRows, resolved_rows
from .fingerprints import FINGERPRINT_COLUMNS, HIDDEN_PREFIX, NUM_PERM
from .lsh import BANDS, NEIGHBOURS, Links, band_key_matrix, checked

PIECE_BITS = 32
PAIR_COLUMNS = ["left", "right"]


def row_key(piece: int, rows) -> np.ndarray:
    """Keys of rows of one piece: sorting keys sorts rows in batch order."""
    return (np.int64(piece) << np.int64(PIECE_BITS)) + np.asarray(rows, dtype=np.int64)


def hex_signatures(values) -> np.ndarray:
    """(rows, NUM_PERM) uint32 signatures from hex text (how engines carry them)."""
    values = list(values)
    if not values:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    return np.frombuffer(bytes.fromhex("".join(values)), dtype=np.uint32).reshape(len(values), NUM_PERM)


def site_code(domain: str) -> int:
    """A 63-bit hash of a registered domain, -1 when unknown: band rows carry it so that pairs of one
    site are dropped before the shuffle grows with them (``checked_pairs`` compares the domains)."""
    if not domain:
        return -1
    return int.from_bytes(hashlib.blake2b(domain.encode(), digest_size=8).digest(), "little") >> 1


def band_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """(band, bkey, key, site) for every band of every linkable row of ``frame`` (key, size, domain,
    signature in hex). Band keys are carried as int64 (Spark has no unsigned type): only equality matters."""
    usable = frame[frame["size"].to_numpy() > 0]
    keys = band_key_matrix(hex_signatures(usable["signature"])).view(np.int64)
    sites = np.array([site_code(d) for d in usable["domain"]], dtype=np.int64)
    return pd.DataFrame({"band": np.repeat(np.arange(BANDS, dtype=np.int64), len(usable)),
                         "bkey": keys.reshape(-1),
                         "key": np.tile(usable["key"].to_numpy(dtype=np.int64), BANDS),
                         "site": np.tile(sites, BANDS)})


def neighbour_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Distinct (left, right) candidate pairs of two sites from band rows holding whole groups of (band, bkey)."""
    ordered = frame.sort_values(["band", "bkey", "key"], kind="stable")
    band, bkey, key, site = (ordered[c].to_numpy() for c in ("band", "bkey", "key", "site"))
    found = [np.zeros((0, 2), dtype=np.int64)]
    for step in range(1, NEIGHBOURS + 1):
        same = (band[step:] == band[:-step]) & (bkey[step:] == bkey[:-step])
        if not same.any():
            break
        same &= (site[step:] != site[:-step]) | (site[:-step] < 0)
        found.append(np.stack([key[:-step][same], key[step:][same]], axis=1))
    pairs = np.unique(np.concatenate(found), axis=0)
    return pd.DataFrame(pairs, columns=PAIR_COLUMNS)


def checked_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """The verified links among candidate pairs joined to each side's size, domain and signature
    (``size_left``, ``domain_left``, ``signature_left``, and ``_right``)."""
    other_site = (frame["domain_left"] != frame["domain_right"]) | (frame["domain_left"] == "")
    frame = frame[other_site.to_numpy()]
    count = len(frame)
    signatures = np.concatenate([hex_signatures(frame["signature_left"]), hex_signatures(frame["signature_right"])])
    sizes = np.concatenate([frame["size_left"].to_numpy(np.int64), frame["size_right"].to_numpy(np.int64)])
    found = checked(signatures, sizes, np.arange(count), np.arange(count, 2 * count))
    return pd.DataFrame({"left": frame["left"].to_numpy(np.int64)[found.left],
                         "right": frame["right"].to_numpy(np.int64)[found.left],
                         "jaccard": found.jaccard, "containment": found.containment})


def links_by_row(links: pd.DataFrame, offsets: np.ndarray) -> Links:
    """Links between row keys as links between batch rows (``offsets[piece]``: the piece's first row),
    in the order ``lsh.link`` gives them (by left, then right)."""
    def rows(keys):
        keys = keys.to_numpy(np.int64)
        return offsets[keys >> PIECE_BITS] + (keys & ((1 << PIECE_BITS) - 1))

    left, right = rows(links["left"]), rows(links["right"])
    order = np.lexsort((right, left))
    return Links(left[order], right[order], links["jaccard"].to_numpy()[order],
                 links["containment"].to_numpy()[order])


def fingerprint_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The fingerprint fields of rows an engine carries as hidden columns (``HIDDEN_PREFIX``),
    signatures back to bytes, with their ``key`` and ``p_scraped``."""
    names = {HIDDEN_PREFIX + c: c for c in FINGERPRINT_COLUMNS if c != "row"}
    table = frame[["key", "p_scraped", *names]].rename(columns=names).reset_index(drop=True)
    table["size"] = pd.to_numeric(table["size"], errors="coerce").fillna(0).astype("int64")
    table["signature"] = [bytes.fromhex(v) if isinstance(v, str) else b"" for v in table["signature"]]
    for column in ("id", "url", "domain", "site_name", "source", "published", "credits", "passages"):
        table[column] = table[column].fillna("").astype(str).astype(object)
    return table


def linked_keys(links: pd.DataFrame, pieces: int) -> tuple[np.ndarray, np.ndarray]:
    """Row keys of every linked row, and of the batch rows among them (whose fingerprints the driver needs)."""
    keys = np.unique(np.concatenate([links["left"].to_numpy(np.int64), links["right"].to_numpy(np.int64)]))
    return keys, keys[keys < row_key(pieces, 0)]


def resolve_on_driver(batch_table: pd.DataFrame, keys: np.ndarray, links: pd.DataFrame, offsets: np.ndarray,
                      pieces: int, reference: pd.DataFrame | None) -> LinkedRows:
    """Origins and cross-page values from the fingerprint rows of the linked batch rows (``batch_table``,
    with ``key`` and ``p_scraped``) and of the linked reference rows. ``offsets[piece]``: the piece's
    first row; the reference piece comes last."""
    table = batch_table.assign(reference=False, p_scraped=np.nan_to_num(batch_table["p_scraped"].to_numpy(dtype=float)))
    if reference is not None and len(reference):
        ours = keys[keys >= row_key(pieces, 0)] - row_key(pieces, 0)
        known = reference.iloc[ours].assign(key=row_key(pieces, ours), reference=True, p_scraped=0.0)
        table = pd.concat([table, known[table.columns]], ignore_index=True)
    table = table.sort_values("key").reset_index(drop=True)
    rows = offsets[table["key"].to_numpy() >> PIECE_BITS] + (table["key"].to_numpy() & ((1 << PIECE_BITS) - 1))
    return resolved_rows(table, rows, links_by_row(links, offsets), int(offsets[-1]))
