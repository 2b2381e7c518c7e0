"""Batch scoring on one machine: streamed, parallel, resumable.

The input is cut into shards: each record file (JSONL, CSV, Parquet, WARC) is a
shard, and single-page files (HTML, text dumps) are grouped, in sorted order,
``PAGES_PER_SHARD`` to a shard. Records stream in chunks through a bounded
window of worker processes, and rows come back in input order whatever the
number of jobs.

Output to a file is written atomically at the end. Output to a directory is
written per shard: ``part-NNNNN.<fmt>`` renamed into place, then a
``part-NNNNN.done`` marker holding the shard's summary; ``resume`` skips shards
whose marker exists, so a killed run resumes with nothing lost or duplicated.
"""
from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from collections import deque
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from .model import atomic_write_bytes, cached_model
from .readers import input_format, iter_file_records, scan_inputs
from .scoring import output_columns, output_dtypes, rows_from_scored, score_records
from .summary import Summary
from .writers import RowWriter

CHUNK = 128  # records per task sent to a worker
PAGES_PER_SHARD = 2000
SINGLE_PAGE_FORMATS = {"html", "txt", ""}


@dataclass(frozen=True)
class Shard:
    index: int
    files: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    def records(self) -> Iterator[dict]:
        for path in self.files:
            yield from iter_file_records(Path(path))


def plan_shards(paths, pages_per_shard: int = PAGES_PER_SHARD) -> list[Shard]:
    """Shards in input order: one per record file, single-page files grouped."""
    shards: list[Shard] = []
    group: list[str] = []

    def flush():
        if group:
            shards.append(Shard(len(shards), tuple(group)))
            group.clear()

    for path in scan_inputs(paths).files:
        if input_format(path) in SINGLE_PAGE_FORMATS:
            group.append(str(path))
            if len(group) >= pages_per_shard:
                flush()
        else:
            flush()
            shards.append(Shard(len(shards), (str(path),)))
    flush()
    return shards


def chunks(records: Iterable[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def score_chunk(records: list[dict], model_dir: str | None = None) -> pd.DataFrame:
    """The unit a worker runs: raw records in, scored rows out (input order)."""
    return rows_from_scored(score_records(records, cached_model(model_dir)))


def empty_rows() -> pd.DataFrame:
    return pd.DataFrame(columns=output_columns()).astype(output_dtypes())


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _warm(model_dir):
    cached_model(model_dir)


def ordered_map(func: Callable, tasks: Iterable, jobs: int, initargs=()) -> Iterator:
    """``map(func, tasks)`` over ``jobs`` processes, in order, with a bounded window in flight
    so memory stays flat however long ``tasks`` is."""
    if jobs <= 1:
        yield from map(func, tasks)
        return
    with ProcessPoolExecutor(jobs, initializer=_warm, initargs=initargs) as pool:
        window: deque = deque()
        for task in tasks:
            window.append(pool.submit(func, task))
            if len(window) >= jobs * 3:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


class Progress:
    """A tqdm bar on a terminal (pages and pages/s); silent otherwise or when quiet."""

    def __init__(self, quiet: bool):
        import sys

        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit="page", desc="scoring", smoothing=0.1, file=sys.stderr)

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def local_frames(shards: list[Shard], jobs: int = 1, model_dir=None) -> Iterator[tuple[Shard, pd.DataFrame]]:
    """The local engine: (shard, rows) in input order, at least one (maybe empty) frame per shard.

    Chunks of every shard flow through one pool, so small shards do not leave workers idle.
    """
    from functools import partial

    def tasks():
        for shard in shards:
            empty = True
            for chunk in chunks(shard.records()):
                empty = False
                yield shard, chunk
            if empty:
                yield shard, []

    task_list = tasks()
    shard_of: deque = deque()

    def chunks_only():
        for shard, chunk in task_list:
            shard_of.append(shard)
            yield chunk

    score = partial(score_chunk, model_dir=model_dir)
    for rows in ordered_map(score, chunks_only(), jobs, (model_dir,)):
        yield shard_of.popleft(), rows


def write_file(frames: Iterable[tuple[Shard, pd.DataFrame]], output, quiet: bool = True) -> Summary:
    """Write every frame into one file (CSV on stdout when ``output`` is None), atomically."""
    summary, progress = Summary(), Progress(quiet)
    try:
        with RowWriter(output) as writer:
            for _, rows in frames:
                writer.write(rows)
                summary += Summary.of(rows)
                progress.update(len(rows))
            if summary.pages == 0:
                writer.write(empty_rows())
    finally:
        progress.close()
    return summary


def pending_shards(shards: list[Shard], out_dir, resume: bool) -> tuple[list[Shard], Summary]:
    """Record the shard plan in ``out_dir``; return the shards still to do and the summary of those done."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = [{"part": s.name, "files": list(s.files)} for s in shards]
    plan_path = out_dir / "_shards.json"
    if resume and plan_path.exists() and json.loads(plan_path.read_text()) != plan:
        raise ValueError(f"{out_dir} was written for other inputs; resume with the same inputs or use a new directory")
    atomic_write_bytes(plan_path, json.dumps(plan, indent=1).encode())
    todo, done = [], Summary()
    for shard in shards:
        marker = out_dir / f"{shard.name}.done"
        if resume and marker.exists():
            done += Summary.from_dict(json.loads(marker.read_text()))
        else:
            marker.unlink(missing_ok=True)
            todo.append(shard)
    return todo, done


def write_directory(frames: Iterable[tuple[Shard, pd.DataFrame]], out_dir, fmt: str = "parquet",
                    done: Summary | None = None, quiet: bool = True) -> Summary:
    """Write each shard's frames to its own part, renamed into place, then its ``.done`` marker."""
    out_dir = Path(out_dir)
    summary, progress = done or Summary(), Progress(quiet)
    progress.update(summary.pages)
    current, writer, part = None, None, Summary()

    def finish():
        writer.close()
        atomic_write_bytes(out_dir / f"{current.name}.done", json.dumps(part.to_dict()).encode())

    try:
        for shard, rows in frames:
            if shard != current:
                if writer is not None:
                    finish()
                    summary += part
                current, writer, part = shard, RowWriter(out_dir / f"{shard.name}.{fmt}"), Summary()
            writer.write(rows)
            part += Summary.of(rows)
            progress.update(len(rows))
        if writer is not None:
            finish()
            summary += part
            writer = None
    finally:
        if writer is not None:
            writer.abort()
        progress.close()
    atomic_write_bytes(out_dir / "_summary.json", json.dumps(summary.to_dict(), indent=1).encode())
    return summary


def run(paths, output, *, engine: str = "local", fmt: str = "parquet", jobs: int = 1, resume: bool = False,
        to_directory: bool = False, model_dir=None, quiet: bool = True, **engine_options) -> Summary:
    """Plan shards, score them on an engine, and write a file or a directory of parts."""
    cached_model(model_dir)  # a bad model fails before any output is opened
    shards = plan_shards(paths)
    done = None
    if to_directory:
        shards, done = pending_shards(shards, output, resume)
    if engine == "local":
        frames = local_frames(shards, jobs, model_dir)
    else:
        from .engines import engine_frames

        frames = engine_frames(engine, shards, jobs=jobs, model_dir=model_dir, **engine_options)
    if to_directory:
        return write_directory(frames, output, fmt, done, quiet)
    return write_file(frames, output, quiet)


def read_directory(out_dir) -> pd.DataFrame:
    """All rows of a completed output directory, in input order."""
    out_dir = Path(out_dir)
    plan = json.loads((out_dir / "_shards.json").read_text())
    frames = []
    for entry in plan:
        parts = [out_dir / f"{entry['part']}.{fmt}" for fmt in ("parquet", "jsonl", "csv")]
        part = next((p for p in parts if p.exists()), None)
        if part is None or not (out_dir / f"{entry['part']}.done").exists():
            raise ValueError(f"{out_dir}: {entry['part']} is not complete; run again with --resume")
        frames.append(_read_rows(part))
    return pd.concat(frames, ignore_index=True) if frames else empty_rows()


def _read_rows(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    return pd.read_csv(path, keep_default_na=False, dtype={"id": str, "url": str})
