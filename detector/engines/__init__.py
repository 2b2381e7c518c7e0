"""Distributed engines: thin adapters that run ``score_frame`` over shards elsewhere.

Each engine turns a list of shards into ``(shard, scored rows)`` in shard order;
``detector.batch`` writes them exactly as it writes the local engine's rows.
Engines are optional extras, imported only when asked for.
"""
from __future__ import annotations

import pandas as pd

from ..readers import iter_file_records
from ..records import RECORD_COLUMNS

EXTRAS = {"dask": "detector[dask]", "spark": "detector[spark]"}


def shard_frame(files) -> pd.DataFrame:
    """One shard's raw records as a DataFrame (the input of ``score_frame``)."""
    rows = [record for path in files for record in iter_file_records(path)]
    return pd.DataFrame(rows, columns=RECORD_COLUMNS).fillna("")


def engine_frames(engine: str, shards, jobs: int, model_dir=None, **options):
    try:
        if engine == "dask":
            from .dask_engine import dask_frames as frames
        elif engine == "spark":
            from .spark_engine import spark_frames as frames
        else:
            raise ValueError(f"unknown engine {engine!r}; choose local, dask or spark")
    except ImportError as exc:
        raise ValueError(f"the {engine} engine needs its extra: pip install '{EXTRAS[engine]}' ({exc})") from exc
    return frames(shards, jobs=jobs, model_dir=model_dir, **options)
