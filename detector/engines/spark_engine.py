"""Spark engine: ``mapInPandas`` over a DataFrame of shard pieces, one piece per partition.

Each partition streams its piece's records through ``score_frame`` a task at a
time. ``local[jobs]`` by default, or an existing master (``--master
spark://host:7077``); executors must see the input paths. Every partition is
scored in parallel (and kept by Spark, memory then disk) before the driver reads
them back in partition order, which is input order: no sort, no shuffle.
"""
from __future__ import annotations

import json
import os
import sys

import pandas as pd
from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from ..scoring import output_columns, output_dtypes, score_frame
from . import by_shard, piece_frames, shard_pieces

TEXT_COLUMNS = ("id", "url", "label", "signals", "error")


def output_schema(fingerprints: bool = False) -> T.StructType:
    dtypes = output_dtypes()
    kinds = {"float64": T.DoubleType(), "int64": T.LongType()}
    fields = [T.StructField("_piece", T.IntegerType()), T.StructField("_row", T.LongType())]
    fields += [T.StructField(c, kinds.get(dtypes[c], T.StringType())) for c in output_columns()]
    if fingerprints:
        from ..linking.fingerprints import hidden_columns

        special = {"_fp_size": T.LongType()}
        fields += [T.StructField(c, special.get(c, T.StringType())) for c in hidden_columns()]
    return T.StructType(fields)


def _columns(fingerprints: bool) -> list[str]:
    if not fingerprints:
        return output_columns()
    from ..linking.fingerprints import hidden_columns

    return output_columns() + hidden_columns()


def _score_pieces(batches, model_dir, fingerprints: bool = False):
    from .local import prepare_worker

    prepare_worker(model_dir)
    for batch in batches:
        for index, files in zip(batch["piece"], batch["files"]):
            row = 0
            for chunk in piece_frames(json.loads(files)):
                rows = score_frame(chunk, model_dir, fingerprints=fingerprints)
                rows.insert(0, "_row", range(row, row + len(rows)))
                rows.insert(0, "_piece", int(index))
                row += len(rows)
                yield rows


def _session(master: str | None, jobs: int) -> tuple[SparkSession, bool]:
    """(session, whether this call created it)."""
    master = master or f"local[{max(jobs, 1)}]"
    if master.startswith("local"):
        # Local Python workers must run this interpreter (with detector installed), not "python3" on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    existing = SparkSession.getActiveSession()
    spark = (SparkSession.builder.master(master).appName("detector")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.python.worker.reuse", "true")
             .getOrCreate())
    if existing is None:
        spark.sparkContext.setLogLevel("ERROR")
    return spark, existing is None


def spark_frames(shards, jobs: int = 1, model_dir=None, master: str | None = None, fingerprints: bool = False, **_):
    if not shards:
        return
    pieces = shard_pieces(shards)
    spark, created = _session(master, jobs)
    try:
        table = [(i, json.dumps(list(piece.files))) for i, piece in enumerate(pieces)]
        # One element per slice: partition i holds piece i, and partitions come back in order.
        rdd = spark.sparkContext.parallelize(table, numSlices=len(table))
        frame = spark.createDataFrame(rdd, "piece int, files string")
        scored = frame.mapInPandas(lambda batches: _score_pieces(batches, model_dir, fingerprints),
                                   output_schema(fingerprints))
        scored = scored.persist(StorageLevel.MEMORY_AND_DISK)
        try:
            scored.count()  # score every partition in parallel now; reading back is then sequential
            yield from by_shard(shards, pieces, _piece_frames(scored.toLocalIterator(), len(pieces),
                                                              _columns(fingerprints)))
        finally:
            scored.unpersist()
    finally:
        if created:
            spark.stop()


def _piece_frames(rows, count: int, columns: list[str] | None = None):
    """One frame per piece, in piece order, from rows that arrive piece by piece."""
    columns = columns or output_columns()
    current, buffered = 0, []
    for row in rows:
        while row["_piece"] > current:  # pieces before this one are complete
            yield _frame(buffered, columns)
            current, buffered = current + 1, []
        if row["_piece"] < current:
            raise RuntimeError("Spark returned partitions out of order")
        buffered.append(row)
    while current < count:
        yield _frame(buffered, columns)
        current, buffered = current + 1, []


def _frame(rows, columns) -> pd.DataFrame:
    rows = sorted(rows, key=lambda r: r["_row"])
    frame = pd.DataFrame([[r[c] for c in columns] for r in rows], columns=columns)
    frame = frame.fillna({c: "" for c in TEXT_COLUMNS})
    return frame.astype({c: t for c, t in output_dtypes().items() if c in frame})
