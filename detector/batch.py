"""Batch scoring: an engine's frames written to a file or a directory, linked or not.

``detector.shards`` plans the shards, an engine scores them (``engines.local``, the
worker pool on this machine, or ``engines.dask_engine`` / ``engines.spark_engine``),
``detector.output`` writes the rows (one file atomically, or a resumable directory of
parts). With linking (the default), the batch is staged: rows and fingerprints, then
links within the batch (and to a reference index), then the updated rows.

Engines import ``detector.shards`` and ``detector.output``, never this module.
"""
from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import pandas as pd

from . import records
from .dirlock import locked_directory
from .engines.local import PAGE_TIMEOUT, default_jobs, local_frames, prepare_worker, warm_up  # noqa: F401
from .model import atomic_write_bytes, cached_model
from .output import (FINGERPRINT_PART, PLAN_FILE, SUMMARY_FILE, Progress, empty_rows, pending_shards,  # noqa: F401
                     part_rows, plan_parts, read_directory, read_part_columns, read_rows, write_directory,
                     write_file)
from .scoring import output_dtypes
from .shards import TASK_PAGES, Shard, plan_shards, shard_tasks  # noqa: F401
from .summary import Summary
from .writers import RowWriter


def run(paths, output, *, engine: str = "local", fmt: str = "parquet", jobs: int = 1, resume: bool = False,
        to_directory: bool = False, model_dir=None, quiet: bool = True, page_timeout: float = PAGE_TIMEOUT,
        max_page_bytes: int | None = None, evidence: bool = False, link: bool = True, reference=None,
        **engine_options) -> Summary:
    """Plan shards, score them on an engine, and write a file or a directory of parts
    (with ``evidence``: the ``EVIDENCE_COLUMNS`` too, local engine only).

    With ``link``, the batch is staged: rows and fingerprints, then links within the batch
    (and to the ``reference`` index), then the updated rows. A directory is locked for the
    run (``detector.dirlock``): a second run into it raises ``DirectoryLocked``.
    ``page_timeout``: seconds a page may take (0: no limit; local engine). ``max_page_bytes``:
    the page size limit for this run (default ``records.MAX_PAGE_BYTES``).
    """
    if evidence and engine != "local":
        raise ValueError("--evidence works with the local engine only")
    before = records.set_max_page_bytes(max_page_bytes) if max_page_bytes else None
    try:
        return _run(paths, output, engine, fmt, jobs, resume, to_directory, model_dir, quiet, page_timeout,
                    evidence, link, reference, engine_options)
    finally:
        if before is not None:
            records.set_max_page_bytes(before)


def _run(paths, output, engine, fmt, jobs, resume, to_directory, model_dir, quiet, page_timeout,
         evidence, link, reference, engine_options) -> Summary:
    model = cached_model(model_dir)  # a bad model fails before any output is opened
    shards = plan_shards(paths)
    frames = partial(_frames, engine, jobs=jobs, model_dir=model_dir, page_timeout=page_timeout, evidence=evidence,
                     link=link, engine_options=engine_options)
    if not to_directory:
        progress = Progress(quiet, shards)
        if link and engine != "local":
            return write_file(engine_linked_frames(engine, shards, jobs=jobs, model_dir=model_dir, reference=reference,
                                                   **engine_options), output, progress, evidence)
        if link:
            return run_linked(frames(shards), output, fmt=fmt, to_directory=False, done=None, model_dir=model_dir,
                              progress=progress, reference=reference, evidence=evidence)
        return write_file(frames(shards), output, progress, evidence)
    with locked_directory(output):
        options = {"engine": engine, "page_timeout": page_timeout, "max_page_bytes": records.MAX_PAGE_BYTES,
                   "evidence": evidence, "link": link}
        pending, done = pending_shards(shards, output, resume, fmt, model.card.get("sha256", ""), options)
        progress = Progress(quiet, shards, pending, initial=done.pages)
        if link:
            return run_linked(frames(pending), output, fmt=fmt, to_directory=True, done=done, model_dir=model_dir,
                              progress=progress, reference=reference, evidence=evidence)
        return write_directory(frames(pending), output, fmt, done, progress, evidence)


def _frames(engine: str, shards: list[Shard], jobs: int, model_dir, page_timeout: float, evidence: bool,
            link: bool, engine_options: dict):
    """The engine's (shard, rows) frames, or (shard, rows, fingerprints) when the batch is linked."""
    if engine == "local":
        return local_frames(shards, jobs, model_dir, page_timeout, evidence, fingerprints=link)
    if link:
        return engine_linkable_frames(engine, shards, jobs=jobs, model_dir=model_dir, **engine_options)
    from .engines import engine_frames

    return engine_frames(engine, shards, jobs=jobs, model_dir=model_dir, **engine_options)


def engine_linked_frames(engine: str, shards: list[Shard], model_dir=None, reference=None, **options
                         ) -> Iterator[tuple[Shard, pd.DataFrame]]:
    """A Dask or Spark engine's rows linked on its cluster: only the links and the fingerprints of
    linked rows come here (``linking.distributed``), where the rows are annotated as they arrive."""
    from .engines import engine_frames
    from .linking.stage import annotate

    model = cached_model(model_dir)
    for shard, rows, links, offset in engine_frames(engine, shards, model_dir=model_dir, link=True,
                                                    reference=_reference_table(reference), **options):
        yield shard, annotate(rows.astype(output_dtypes()), links.span(offset, len(rows)), model)


def engine_linkable_frames(engine: str, shards: list[Shard], **options
                           ) -> Iterator[tuple[Shard, pd.DataFrame, pd.DataFrame]]:
    """A Dask or Spark engine's frames with the fingerprints its partitions computed beside the rows,
    for a directory output: each part's fingerprints are written beside it as they arrive, and
    the directory is then linked part by part (``link_directory``), as the local engine's."""
    from .engines import engine_frames
    from .linking.fingerprints import split_hidden

    for shard, frame in engine_frames(engine, shards, fingerprints=True, **options):
        rows, fingerprints = split_hidden(frame)
        yield shard, rows.astype(output_dtypes()), fingerprints


def _shard_fingerprints(frames, keep: Callable[[Shard, pd.DataFrame], None]) -> Iterator[tuple[Shard, pd.DataFrame]]:
    """(shard, rows) from (shard, rows, fingerprints), handing each complete shard's fingerprints
    (rows numbered within the shard) to ``keep`` before the next shard's rows go on."""
    current, collected = None, []

    def flush():
        table = pd.concat(collected, ignore_index=True) if collected else None
        if table is not None:
            table["row"] = range(len(table))
        keep(current, table)

    for shard, rows, fingerprints in frames:
        if shard != current:
            if current is not None:
                flush()
            current, collected = shard, []
        collected.append(fingerprints)
        yield shard, rows
    if current is not None:
        flush()


def _reference_table(reference):
    if reference is None:
        return None
    from .linking.index import read_index

    return read_index(reference)


def run_linked(frames: Iterable[tuple[Shard, pd.DataFrame, pd.DataFrame]], output, *, fmt: str, to_directory: bool,
               done: Summary | None, model_dir, progress: Progress, reference=None, evidence: bool = False) -> Summary:
    """The staged run: (shard, rows, fingerprints) from an engine, link, then write the updated rows."""
    from .linking.fingerprints import fingerprint_frame
    from .linking.stage import annotate, link_batch

    model = cached_model(model_dir)
    if to_directory:
        out_dir = Path(output)

        def keep(shard, table):
            table = table if table is not None else fingerprint_frame([])
            # written before the part's marker, so a part marked done always has its fingerprints
            atomic_write_bytes(out_dir / FINGERPRINT_PART.format(shard.name), table.to_parquet(index=False))

        write_directory(_shard_fingerprints(frames, keep), out_dir, fmt, done, progress, evidence)
        return link_directory(out_dir, fmt, model_dir, reference, evidence)
    tables: list[pd.DataFrame] = []
    rows = []
    for shard, shard_rows in _shard_fingerprints(frames, lambda shard, table: tables.append(table)):
        rows.append(shard_rows)
        progress.update(len(shard_rows), shard)
    progress.shard_complete()
    progress.close()
    rows = pd.concat(rows, ignore_index=True) if rows else empty_rows(evidence)
    fingerprints = pd.concat([t for t in tables if t is not None], ignore_index=True) if tables else fingerprint_frame([])
    linked = link_batch(fingerprints, rows["p_scraped"].to_numpy(), _reference_table(reference))
    return write_file([(None, annotate(rows, linked, model))], output, evidence=evidence)


def link_directory(out_dir, fmt: str, model_dir=None, reference=None, evidence: bool = False) -> Summary:
    """Link the rows of a complete output directory from the parts' fingerprint files, and
    rewrite each part (and its marker) whose rows the links change. Safe to run again:
    a run killed here is finished by ``--resume``, which links again from the same files.

    Memory does not grow with the batch beyond the band keys (``linking.chunked``): fingerprint
    files are read a few columns at a time and parts are annotated one at a time, only those
    holding linked rows (or link values from an earlier run) being read whole."""
    from .linking.chunked import link_chunks
    from .linking.index import index_chunks

    out_dir = Path(out_dir)
    model = cached_model(model_dir)
    paths = [out_dir / f"{part}.{fmt}" for part in plan_parts(out_dir)]
    chunks = [_part_chunk(path) for path in paths]
    links = link_chunks(chunks + (index_chunks(reference) if reference is not None else []))
    summary, start = Summary(), 0
    for path, chunk in zip(paths, chunks):
        summary += _annotate_part(path, links, start, chunk.rows, model, evidence)
        start += chunk.rows
    atomic_write_bytes(out_dir / SUMMARY_FILE, json.dumps(summary.to_dict(), indent=1).encode())
    return summary


def _part_chunk(path: Path):
    """A part's fingerprint file as a ``linking.chunked.Chunk`` (p_scraped from the part's rows)."""
    from .linking.chunked import Chunk
    from .linking.fingerprints import fingerprint_frame

    count = part_rows(path)
    fingerprints = path.with_name(FINGERPRINT_PART.format(path.name.split(".")[0]))
    if not fingerprints.exists() or part_rows(fingerprints) != count:  # written by a version without linking
        return Chunk(count, lambda columns: fingerprint_frame([None] * count)[columns])
    return Chunk(count, lambda columns: pd.read_parquet(fingerprints, columns=columns),
                 lambda: read_part_columns(path, ["p_scraped"])["p_scraped"].to_numpy())


def _annotate_part(path: Path, links, start: int, count: int, model, evidence: bool) -> Summary:
    """Annotate one part with its rows' links and rewrite it (and its marker) if that changes it."""
    from .linking.stage import annotate

    marker = path.with_name(path.name.split(".")[0] + ".done")
    kept = json.loads(marker.read_text()) if marker.exists() else {}
    if not links.touches(start, count) and not _carries_links(path) and "pages" in kept:
        return Summary.from_dict(kept)
    rows = read_rows(path)
    updated = annotate(rows, links.span(start, count), model)
    part_summary = Summary.of(updated)
    if not updated.equals(rows):
        writer = RowWriter(path)
        writer.write(updated)
        writer.close(empty_rows(evidence))
        # the marker keeps what it says about the part's inputs (``--resume`` checks them)
        atomic_write_bytes(marker, json.dumps({**kept, **part_summary.to_dict()}).encode())
    return part_summary


def _carries_links(path: Path) -> bool:
    """Whether a part holds link values or cross-page signals (from an earlier link of its rows)."""
    from .linking.origin import LINK_COLUMNS
    from .linking.signals import CROSS_PAGE_NAMES

    try:
        found = read_part_columns(path, LINK_COLUMNS + CROSS_PAGE_NAMES)
    except (KeyError, ValueError, OSError):
        return True
    text = found[["copy_of", "cluster"]].astype(str).ne("").to_numpy().any()
    numbers = found[["copy_similarity", "copies"] + CROSS_PAGE_NAMES].to_numpy(dtype=float)
    return bool(text or (np.nan_to_num(numbers) != 0).any())
