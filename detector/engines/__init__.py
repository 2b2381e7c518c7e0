"""Distributed engines: thin adapters that run ``score_frame`` over shards elsewhere.

Each engine turns a list of shards into ``(shard, scored rows)`` in shard order;
``detector.batch`` writes them exactly as it writes the local engine's rows.
Engines are optional extras, imported only when asked for.

The engines' partitions are pieces of shards (``shard_pieces``): a shard of
single-page files is cut into pieces of ``TASK_PAGES`` files, so a partition
holds a few MB of pages; a record file (JSONL, CSV, Parquet, WARC) is one piece,
as it cannot be split without reading it.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Iterator

import pandas as pd

from ..readers import iter_file_records, unit_records
from ..records import RECORD_COLUMNS
from ..shards import Shard, shard_tasks

EXTRAS = {"dask": "detector[dask]", "spark": "detector[spark]"}
_MODULES = {"dask": ("dask_engine", "dask_frames"), "spark": ("spark_engine", "spark_frames")}


@dataclass(frozen=True)
class Piece:
    """Part of a shard that one partition scores: ``files`` of shard ``shard``, in order."""

    shard: int
    files: tuple[str, ...]


def shard_pieces(shards) -> list[Piece]:
    from .. import shards as planning  # read at call time: tests and callers may change the task size

    pieces = []
    for shard in shards:
        files = shard.files
        if shard.single_pages:
            pieces.extend(Piece(shard.index, files[i:i + planning.TASK_PAGES]) for i in range(0, len(files), planning.TASK_PAGES))
        else:
            pieces.append(Piece(shard.index, files))
    return pieces


def records_frame(records) -> pd.DataFrame:
    """Raw records as a DataFrame with exactly ``RECORD_COLUMNS`` (the input of ``score_frame``)."""
    return pd.DataFrame(list(records), columns=RECORD_COLUMNS, dtype=object).fillna("")


def shard_frame(files) -> pd.DataFrame:
    """The raw records of some input files as one DataFrame."""
    return records_frame(record for path in files for record in iter_file_records(path))


def piece_frames(files, pages: int | None = None) -> Iterator[pd.DataFrame]:
    """The raw records of some input files as DataFrames of at most ``pages`` rows, streamed."""
    for task in shard_tasks(Shard(0, tuple(files)), pages):
        yield records_frame(record for unit in task for record in unit_records(unit))


def by_shard(shards, pieces: list[Piece], frames) -> Iterator[tuple[object, pd.DataFrame]]:
    """(shard, rows) from the frames of pieces in order; every shard yields at least one frame."""
    by_index = {s.index: s for s in shards}
    for piece, rows in zip(pieces, frames):
        yield by_index[piece.shard], rows


def engine_frames(engine: str, shards, jobs: int, model_dir=None, **options):
    if engine not in _MODULES:
        raise ValueError(f"unknown engine {engine!r}; choose local, dask or spark")
    module_name, function = _MODULES[engine]
    try:
        module = importlib.import_module(f"{__name__}.{module_name}")
    except ImportError as exc:
        raise ValueError(f"the {engine} engine needs its extra: pip install '{EXTRAS[engine]}' "
                         f"(import failed: {exc})") from exc
    return getattr(module, function)(shards, jobs=jobs, model_dir=model_dir, **options)
