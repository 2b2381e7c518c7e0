"""Spark engine: ``mapInPandas(score_frame)`` over a DataFrame of shards.

``local[jobs]`` by default, or an existing master (``--master spark://host:7077``);
executors must see the input paths. Rows come back ordered by shard and row.
"""
from __future__ import annotations

import json

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from ..scoring import output_columns, output_dtypes, score_frame
from . import shard_frame


def output_schema() -> T.StructType:
    dtypes = output_dtypes()
    fields = [T.StructField("_shard", T.IntegerType()), T.StructField("_row", T.LongType())]
    fields += [T.StructField(c, T.DoubleType() if dtypes[c] == "float64" else T.StringType()) for c in output_columns()]
    return T.StructType(fields)


def _score_shards(batches, model_dir):
    for batch in batches:
        for index, files in zip(batch["shard"], batch["files"]):
            rows = score_frame(shard_frame(json.loads(files)), model_dir)
            rows.insert(0, "_row", range(len(rows)))
            rows.insert(0, "_shard", int(index))
            yield rows


def spark_frames(shards, jobs: int = 1, model_dir=None, master: str | None = None, **_):
    if not shards:
        return
    spark = (SparkSession.builder.master(master or f"local[{jobs}]").appName("detector")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false").getOrCreate())
    by_index = {s.index: s for s in shards}
    table = spark.createDataFrame([(s.index, json.dumps(list(s.files))) for s in shards], "shard int, files string")
    table = table.repartition(min(len(shards), max(jobs, 1) * 4), "shard")
    scored = table.mapInPandas(lambda batches: _score_shards(batches, model_dir), output_schema())
    columns = output_columns()
    current, rows = None, []
    for row in scored.orderBy("_shard", "_row").toLocalIterator():
        if current is not None and row["_shard"] != current:
            yield by_index[current], _frame(rows, columns)
            rows = []
        current = row["_shard"]
        rows.append(row)
    if current is not None:
        yield by_index[current], _frame(rows, columns)


def _frame(rows, columns) -> pd.DataFrame:
    frame = pd.DataFrame([[r[c] for c in columns] for r in rows], columns=columns)
    frame = frame.fillna({c: "" for c in ("id", "url", "label", "signals", "error")})
    return frame.astype(output_dtypes())
