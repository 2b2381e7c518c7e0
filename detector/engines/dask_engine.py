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
import pandas as pd
from distributed import Client, LocalCluster

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


def dask_frames(shards, jobs: int = 1, model_dir=None, scheduler: str | None = None, fingerprints: bool = False, **_):
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
        yield from by_shard(shards, pieces, _computed(client, scored_dataframe(pieces, model_dir, fingerprints).to_delayed()))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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
