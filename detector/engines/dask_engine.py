"""Dask engine: ``map_partitions(score_frame)`` over one partition per shard.

A local cluster of ``jobs`` single-threaded worker processes by default, or an
existing scheduler (``--scheduler tcp://host:8786``); workers must see the input paths.
"""
from __future__ import annotations

import dask.dataframe as dd
from distributed import Client, LocalCluster

from ..records import RECORD_COLUMNS
from ..scoring import score_frame
from . import shard_frame


def _empty_records():
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=object) for c in RECORD_COLUMNS})


def scored_dataframe(shards, model_dir=None) -> dd.DataFrame:
    """The lazy Dask DataFrame of scored rows, one partition per shard."""
    from ..batch import empty_rows

    records = dd.from_map(shard_frame, [s.files for s in shards], meta=_empty_records(),
                          divisions=[None] * (len(shards) + 1))
    return records.map_partitions(score_frame, model_dir, meta=empty_rows())


def dask_frames(shards, jobs: int = 1, model_dir=None, scheduler: str | None = None, **_):
    if not shards:
        return
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        futures = client.compute(scored_dataframe(shards, model_dir).to_delayed())
        for shard, future in zip(shards, futures):
            yield shard, future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
