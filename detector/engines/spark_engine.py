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

import numpy as np
import pandas as pd
from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from ..linking.chunked import LinkedRows
from ..linking.distributed import (PIECE_BITS, band_rows, checked_pairs, fingerprint_table, linked_keys,
                                   resolve_on_driver, row_key)
from ..linking.fingerprints import hidden_columns
from ..linking.lsh import NEIGHBOURS
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


def spark_frames(shards, jobs: int = 1, model_dir=None, master: str | None = None, fingerprints: bool = False,
                 link: bool = False, reference: pd.DataFrame | None = None, **_):
    """(shard, rows) in input order; with ``fingerprints`` the rows carry theirs as hidden columns;
    with ``link``, (shard, rows, links, first row) linked on the cluster (``link_on_cluster``)."""
    if not shards:
        return
    pieces = shard_pieces(shards)
    spark, created = _session(master, jobs)
    fingerprints = fingerprints or link
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
            if link:
                yield from _linked_frames(spark, scored, shards, pieces, reference)
            else:
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


def _linked_frames(spark: SparkSession, scored, shards, pieces, reference: pd.DataFrame | None):
    """Link the scored rows on the cluster, then hand them over in order with the links of the
    batch (``chunked.LinkedRows``) and the batch row of each frame's first row."""
    lengths = dict(scored.groupBy("_piece").count().collect())
    offsets = np.concatenate([[0], np.cumsum([lengths.get(i, 0) for i in range(len(pieces))])]).astype(np.int64)
    keyed = scored.withColumn("key", F.shiftleft(F.col("_piece").cast("long"), PIECE_BITS) + F.col("_row"))
    links = link_on_cluster(spark, keyed, len(pieces), reference)
    linked = _resolve(spark, keyed, links, offsets, len(pieces), reference)
    frames = _piece_frames(scored.toLocalIterator(), len(pieces), output_columns())
    for (shard, frame), offset in zip(by_shard(shards, pieces, frames), offsets):
        yield shard, frame, linked, offset


def _signature_side(spark: SparkSession, keyed, pieces: int, reference: pd.DataFrame | None):
    side = keyed.select("key", F.col("_fp_size").alias("size"), F.col("_fp_domain").alias("domain"),
                        F.col("_fp_signature").alias("signature"))
    if reference is not None and len(reference):
        rows = pd.DataFrame({"key": row_key(pieces, range(len(reference))),
                             "size": reference["size"].to_numpy(np.int64), "domain": reference["domain"].to_numpy(),
                             "signature": [raw.hex() for raw in reference["signature"]]})
        side = side.unionByName(spark.createDataFrame(rows, side.schema))
    return side


def link_on_cluster(spark: SparkSession, keyed, pieces: int, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """The verified links (left and right row keys, jaccard, containment) among the batch's rows and to the
    reference rows: band rows grouped by (band, band key) in a window ordered by row key, each
    row paired with the next NEIGHBOURS, candidates checked against a join of both sides'
    signatures. Only the links come back."""
    from pyspark.sql import Window

    side = _signature_side(spark, keyed, pieces, reference)
    bands = side.mapInPandas(lambda frames: (band_rows(f) for f in frames),
                             "band long, bkey long, key long, site long")
    group = Window.partitionBy("band", "bkey").orderBy("key")
    following = F.array(*[F.struct(F.lead("key", step).over(group).alias("right"),
                                   F.lead("site", step).over(group).alias("right_site"))
                          for step in range(1, NEIGHBOURS + 1)])
    pairs = (bands.select(F.col("key").alias("left"), "site", following.alias("following"))
             .select("left", "site", F.explode("following").alias("next"))
             .where(F.col("next.right").isNotNull() & (F.col("left") < int(row_key(pieces, 0)))
                    & ((F.col("site") != F.col("next.right_site")) | (F.col("site") < 0)))
             .select("left", F.col("next.right").alias("right"))
             .distinct())  # two reference rows say nothing about the batch, nor two pages of one site
    for end in ("left", "right"):
        pairs = pairs.join(side.select(F.col("key").alias(end), F.col("size").alias(f"size_{end}"),
                                       F.col("domain").alias(f"domain_{end}"),
                                       F.col("signature").alias(f"signature_{end}")), on=end)
    checked = pairs.mapInPandas(lambda frames: (checked_pairs(f) for f in frames),
                                "left long, right long, jaccard double, containment double")
    return checked.toPandas()


def _resolve(spark: SparkSession, keyed, links: pd.DataFrame, offsets: np.ndarray, pieces: int,
             reference: pd.DataFrame | None) -> LinkedRows:
    """Origins and cross-page values from the links and the fingerprints of linked rows only."""
    keys, wanted = linked_keys(links, pieces)
    columns = ["key", "p_scraped", *hidden_columns()]
    table = fingerprint_table(keyed.select(*columns).limit(0).toPandas())
    if len(wanted):
        chosen = spark.createDataFrame(pd.DataFrame({"key": wanted}), "key long")
        table = fingerprint_table(keyed.join(F.broadcast(chosen), on="key").select(*columns).toPandas())
    return resolve_on_driver(table, keys, links, offsets, pieces, reference)
