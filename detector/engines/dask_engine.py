"""Dask engine: a Dask DataFrame of scored rows, one partition per shard piece.

Each partition streams its piece's records through ``score_frame`` a task at a
time (``dd.from_map(score_piece, pieces)``), so a worker holds one chunk of raw
pages and the piece's scored rows, never a whole record file of raw pages.
A local cluster of ``jobs`` single-threaded worker processes by default, or an
existing scheduler (``--scheduler tcp://host:8786``); workers must see the input
paths. Partitions are computed a bounded window ahead of the writer.
"""
from __future__ import annotations

from collections import deque

import dask.dataframe as dd
import numpy as np
import pandas as pd
from distributed import Client, LocalCluster

from ..linking.chunked import LinkedRows
from ..linking.distributed import (PAIR_COLUMNS, band_rows, checked_pairs, fingerprint_table, linked_keys,
                                   neighbour_pairs, resolve_on_driver, row_key)
from ..linking.fingerprints import HIDDEN_PREFIX
from ..scoring import score_frame
from . import Piece, by_shard, piece_frames, shard_pieces

WINDOW_PER_WORKER = 4


def score_piece(piece: Piece, model_dir=None, fingerprints: bool = False) -> pd.DataFrame:
    """The scored rows of one piece: its records, a chunk at a time, through ``score_frame``
    (with the fingerprint columns when the batch is to be linked)."""
    from .local import prepare_worker

    prepare_worker(model_dir)
    frames = [score_frame(chunk, model_dir, fingerprints=fingerprints) for chunk in piece_frames(piece.files)]
    return pd.concat(frames, ignore_index=True) if frames else _meta(fingerprints)


def _meta(fingerprints: bool) -> pd.DataFrame:
    from ..output import empty_rows

    if not fingerprints:
        return empty_rows()
    from ..linking.fingerprints import fingerprint_frame, with_hidden

    return with_hidden(empty_rows(), fingerprint_frame([]))


def scored_dataframe(pieces: list[Piece], model_dir=None, fingerprints: bool = False) -> dd.DataFrame:
    """The lazy Dask DataFrame of scored rows, one partition per piece, in order."""
    return dd.from_map(score_piece, pieces, model_dir=model_dir, fingerprints=fingerprints,
                       meta=_meta(fingerprints), divisions=[None] * (len(pieces) + 1), enforce_metadata=False)


def dask_frames(shards, jobs: int = 1, model_dir=None, scheduler: str | None = None, fingerprints: bool = False,
                link: bool = False, reference: pd.DataFrame | None = None, **_):
    """(shard, rows) in input order; with ``fingerprints`` the rows carry theirs as hidden columns;
    with ``link``, (shard, rows, links, first row) linked on the cluster (``link_on_cluster``)."""
    if not shards:
        return
    pieces = shard_pieces(shards)
    if scheduler:
        cluster, client = None, Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        if link:
            yield from _linked_frames(client, shards, pieces, model_dir, reference)
        else:
            yield from by_shard(shards, pieces,
                                _computed(client, scored_dataframe(pieces, model_dir, fingerprints).to_delayed()))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def score_keyed_piece(index: int, piece: Piece, model_dir=None) -> pd.DataFrame:
    """``score_piece`` with fingerprints and each row's key (``distributed.row_key``)."""
    rows = score_piece(piece, model_dir, fingerprints=True)
    return rows.assign(key=row_key(index, range(len(rows))))


def _linked_frames(client: Client, shards, pieces: list[Piece], model_dir, reference: pd.DataFrame | None):
    """Score every piece (kept on the workers), link on the cluster, then hand the rows over in
    order with the links of the batch (``chunked.LinkedRows``) and the batch row of their first row."""
    meta = _meta(True).assign(key=np.zeros(0, dtype=np.int64))
    scored = dd.from_map(score_keyed_piece, range(len(pieces)), pieces, model_dir=model_dir, meta=meta,
                         divisions=[None] * (len(pieces) + 1), enforce_metadata=False)
    scored = client.persist(scored)
    lengths = scored.map_partitions(len, meta=(None, "int64")).compute().to_numpy()
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    links = link_on_cluster(scored, len(pieces), reference)
    linked = _resolve(scored, links, offsets, len(pieces), reference)
    frames = _computed(client, scored.to_delayed())
    for (shard, frame), offset in zip(by_shard(shards, pieces, frames), offsets):
        yield shard, frame.drop(columns=[c for c in frame.columns if c.startswith(HIDDEN_PREFIX)] + ["key"]), linked, offset


def _signature_side(scored: dd.DataFrame, pieces: int, reference: pd.DataFrame | None) -> dd.DataFrame:
    """(key, size, domain, signature) of the batch's rows on the workers, and of the reference rows."""
    names = {HIDDEN_PREFIX + c: c for c in ("size", "domain", "signature")}
    side = scored[["key", *names]].rename(columns=names)
    if reference is not None and len(reference):
        rows = pd.DataFrame({"key": row_key(pieces, range(len(reference))), "size": reference["size"].to_numpy(),
                             "domain": reference["domain"].to_numpy(),
                             "signature": [raw.hex() for raw in reference["signature"]]})
        side = dd.concat([side, dd.from_pandas(rows, npartitions=1)])
    return side


def link_on_cluster(scored: dd.DataFrame, pieces: int, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """The verified links (left and right row keys, jaccard, containment) among the batch's rows and to the
    reference rows: band rows grouped by a shuffle on the band key, candidate pairs checked
    against a join of both sides' signatures. Only the links come back."""
    side = _signature_side(scored, pieces, reference)
    band_meta = pd.DataFrame({c: pd.Series(dtype="int64") for c in ("band", "bkey", "key", "site")})
    bands = side.map_partitions(band_rows, meta=band_meta)
    parts = max(1, side.npartitions)
    pair_meta = pd.DataFrame({c: pd.Series(dtype="int64") for c in PAIR_COLUMNS})
    pairs = bands.shuffle(on="bkey", npartitions=parts).map_partitions(neighbour_pairs, meta=pair_meta)
    pairs = pairs[pairs["left"] < row_key(pieces, 0)]  # two reference rows say nothing about the batch
    pairs = pairs.drop_duplicates(split_out=parts)
    for end in ("left", "right"):
        pairs = pairs.merge(side.rename(columns={"key": end, "size": f"size_{end}", "domain": f"domain_{end}",
                                                 "signature": f"signature_{end}"}), on=end, how="inner")
    link_meta = pd.DataFrame({"left": pd.Series(dtype="int64"), "right": pd.Series(dtype="int64"),
                              "jaccard": pd.Series(dtype="float64"), "containment": pd.Series(dtype="float64")})
    return pairs.map_partitions(checked_pairs, meta=link_meta).compute()


def _resolve(scored: dd.DataFrame, links: pd.DataFrame, offsets: np.ndarray, pieces: int,
             reference: pd.DataFrame | None) -> LinkedRows:
    """Origins and cross-page values from the links and the fingerprints of linked rows only."""
    keys, wanted = linked_keys(links, pieces)
    table = scored.map_partitions(lambda frame: fingerprint_table(frame[frame["key"].isin(wanted)]),
                                  meta=fingerprint_table(scored._meta)).compute()
    return resolve_on_driver(table, keys, links, offsets, pieces, reference)


def _computed(client: Client, partitions):
    """Partition results in order, with at most a few partitions per worker in flight."""
    window = WINDOW_PER_WORKER * max(1, sum(client.nthreads().values()))
    pending: deque = deque()
    for partition in partitions:
        pending.append(client.compute(partition))
        if len(pending) >= window:
            yield _take(pending.popleft())
    while pending:
        yield _take(pending.popleft())


def _take(future) -> pd.DataFrame:
    rows = future.result()
    future.release()
    return rows
