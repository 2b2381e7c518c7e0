"""Batch scoring on one machine: streamed, parallel, resumable.

The input is cut into shards: each record file (JSONL, CSV, Parquet, WARC) is a
shard, and single-page files (HTML, text dumps) are grouped, in sorted order,
``PAGES_PER_SHARD`` to a shard. Each shard is cut into tasks of at most
``TASK_PAGES`` pages (and ``TASK_BYTES`` of page text) that stream through a
bounded window of worker processes; rows come back in input order whatever the
number of jobs. A task carries as little as possible across the process
boundary: file names for single-page files, raw lines for JSONL and record
offsets for WARC files, which the worker reads and decodes itself (see
``readers.iter_file_units``). A single task runs in this process, without a pool.

Output to a file is written atomically at the end. Output to a directory is
written per shard: ``part-NNNNN.<fmt>`` renamed into place, then a
``part-NNNNN.done`` marker holding the shard's summary; ``resume`` skips shards
whose marker exists, so a killed run resumes with nothing lost or duplicated.

Worker processes start from a fork server (a clean process that imports detector
once), as with Python's "spawn": a script that calls ``run(..., jobs=2)`` needs
the usual ``if __name__ == "__main__":`` guard.
"""
from __future__ import annotations

import json
import math
import multiprocessing
import os
import re
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pandas as pd

from .model import atomic_write_bytes, cached_model
from .readers import Unit, input_format, iter_file_records, iter_file_units, scan_inputs, unit_bytes, unit_records
from .scoring import output_columns, output_dtypes, score_rows
from .summary import Summary
from .writers import RowWriter

TASK_PAGES = 128  # pages per task sent to a worker: enough to make the per-task costs vanish
TASK_BYTES = 4 << 20  # page text per task read by the main process (JSONL lines, records), bounding memory;
# larger tasks measured no faster with one or two jobs and held ~50 MB more in flight
TASKS_PER_JOB = 2  # tasks in flight per worker: one running, one queued
PAGES_PER_SHARD = 2000
SINGLE_PAGE_FORMATS = {"html", "txt", ""}
PLAN_FILE = "_shards.json"
SUMMARY_FILE = "_summary.json"
_OWN_FILES = re.compile(r"^(?:part-\d{5}\.(?:parquet|jsonl|csv|done|fp\.parquet)|\.part-\d{5}\..*\.tmp|_shards\.json|_summary\.json)$")


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

    @property
    def single_pages(self) -> bool:
        """A group of single-page files (one page each), not a record file: ``plan_shards``
        never mixes the two, so the first file tells."""
        return bool(self.files) and input_format(self.files[0]) in SINGLE_PAGE_FORMATS

    def units(self, warc_offsets: bool = False) -> Iterator[Unit]:
        for path in self.files:
            yield from iter_file_units(path, warc_offsets)


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


def shard_tasks(shard: Shard, pages: int | None = None, size: int | None = None,
                warc_offsets: bool = False) -> Iterator[list[Unit]]:
    """The shard's units cut into tasks of at most ``pages`` units or ``size`` bytes of page text
    (``TASK_PAGES``, ``TASK_BYTES``); at least one (maybe empty) task, so every shard gets its part.
    ``warc_offsets``: see ``readers.iter_file_units``."""
    pages, size = pages or TASK_PAGES, size or TASK_BYTES
    task: list[Unit] = []
    held = 0
    sent = False
    for unit in shard.units(warc_offsets):
        task.append(unit)
        held += unit_bytes(unit)
        if len(task) >= pages or held >= size:
            yield task
            task, held, sent = [], 0, True
    if task or not sent:
        yield task


def score_units(units: list[Unit], model_dir: str | None = None) -> pd.DataFrame:
    """What a worker runs: read a task's units, score them, return the rows in input order."""
    return score_rows((record for unit in units for record in unit_records(unit)), cached_model(model_dir))


def empty_rows() -> pd.DataFrame:
    return pd.DataFrame(columns=output_columns()).astype(output_dtypes())


# Where a container's CPU limit is written: cgroup v2 ("QUOTA PERIOD" or "max PERIOD"), then v1.
CGROUP_V2_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
CGROUP_V1_CPU = Path("/sys/fs/cgroup/cpu")


def cgroup_cpu_limit() -> float | None:
    """The CPUs a container's quota allows (1.5 for "150000 100000"), None when unlimited or unknown."""
    try:
        if CGROUP_V2_CPU_MAX.exists():
            quota, period = CGROUP_V2_CPU_MAX.read_text().split()[:2]
        else:
            quota = (CGROUP_V1_CPU / "cpu.cfs_quota_us").read_text().strip()
            period = (CGROUP_V1_CPU / "cpu.cfs_period_us").read_text().strip()
        if quota in ("max", "-1"):
            return None
        return int(quota) / int(period)
    except (OSError, ValueError, ZeroDivisionError):
        return None


def default_jobs() -> int:
    """The cores this process may use: its CPU affinity, capped by a container's CPU quota
    (a pod limited to 2 CPUs on a 64-core host gets 2 workers, not 64)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    limit = cgroup_cpu_limit()
    return max(1, min(cores, math.ceil(limit))) if limit else cores


_PREPARED: set = set()  # model directories this process is prepared for


def prepare_worker(model_dir=None) -> None:
    """Set up a worker process (pool, Dask or Spark), once per process.

    The jobs are the parallelism: the worker's numeric libraries use one thread,
    and the model is loaded before the first task rather than inside it.
    """
    if model_dir in _PREPARED:
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    cached_model(model_dir)
    _PREPARED.add(model_dir)


def _pool_context():
    """Fresh worker processes, never forked from this one.

    A plain fork copies a parent that may already have run the model's OpenMP
    thread pool, and OpenMP does not survive a fork: the children hang. The fork
    server is a clean process that imports detector once and forks workers cheaply.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["detector.batch"])
        return context
    return multiprocessing.get_context("spawn")


def ordered_map(func: Callable, tasks: Iterable, jobs: int, initializer: Callable | None = None,
                initargs: tuple = ()) -> Iterator:
    """``map(func, tasks)`` over ``jobs`` worker processes, results in task order.

    At most ``TASKS_PER_JOB * jobs`` tasks are in flight, so memory stays flat
    however long ``tasks`` is. With one job, or a single task, tasks run here, in
    this process: starting the pool costs about a second, more than one task takes.
    """
    tasks = iter(tasks)
    first = list(islice(tasks, 2))
    if jobs <= 1 or len(first) < 2:
        yield from map(func, chain(first, tasks))
        return
    pool = ProcessPoolExecutor(jobs, mp_context=_pool_context(), initializer=initializer, initargs=initargs)
    try:
        window: deque = deque()
        for task in chain(first, tasks):
            window.append(pool.submit(func, task))
            if len(window) >= TASKS_PER_JOB * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Progress:
    """A tqdm bar on a terminal, silent otherwise or when quiet: pages done and pages per second.
    When every input is a single-page file the number of pages is known, so the bar also shows
    the share done and the time left; otherwise it shows how many input files are done."""

    def __init__(self, quiet: bool, shards: Sequence[Shard] = (), pending: Sequence[Shard] | None = None,
                 initial: int = 0):
        """``shards``: every shard of the run; ``pending``: those still to score (default: all),
        ``initial``: the pages the others hold (a resumed run)."""
        self.bar = None
        pending = shards if pending is None else pending
        self.files = sum(len(shard.files) for shard in shards)
        self.files_done = self.files - sum(len(shard.files) for shard in pending)
        self.current: Shard | None = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            total = self.files if shards and all(shard.single_pages for shard in shards) else None
            self.bar = tqdm(total=total, unit="page", desc="scoring", smoothing=0.1, file=sys.stderr, initial=initial)
            if total is None:
                self._show_files()

    def update(self, n: int, shard: Shard | None = None) -> None:
        """``n`` more pages done, from ``shard``: a new shard means the one before is complete."""
        if shard is not None and shard != self.current:
            self.shard_complete()
            self.current = shard
        if self.bar is not None:
            self.bar.update(n)

    def shard_complete(self) -> None:
        """The shard being written is complete (called by ``update`` and at the end of a run)."""
        if self.current is not None:
            self.files_done += len(self.current.files)
            self.current = None
            self._show_files()

    def _show_files(self) -> None:
        if self.bar is not None and self.files and self.bar.total is None:
            self.bar.set_postfix_str(f"files {self.files_done}/{self.files}", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def local_frames(shards: list[Shard], jobs: int = 1, model_dir=None) -> Iterator[tuple[Shard, pd.DataFrame]]:
    """The local engine: (shard, rows) in input order, at least one (maybe empty) frame per shard.

    Tasks of every shard flow through one pool, so small shards do not leave workers idle.
    """
    owners: deque = deque()  # the shard of each task sent and not yet returned

    def tasks():
        for shard in shards:
            for task in shard_tasks(shard, warc_offsets=jobs > 1):  # workers decode WARC records themselves
                owners.append(shard)
                yield task

    score = partial(score_units, model_dir=model_dir)
    for rows in ordered_map(score, tasks(), jobs, prepare_worker, (model_dir,)):
        yield owners.popleft(), rows


def write_file(frames: Iterable[tuple[Shard, pd.DataFrame]], output, progress: Progress | None = None) -> Summary:
    """Write every frame into one file (CSV on stdout when ``output`` is None), atomically."""
    summary, progress = Summary(), progress or Progress(quiet=True)
    writer = RowWriter(output)
    try:
        for shard, rows in frames:
            writer.write(rows)
            summary += Summary.of(rows)
            progress.update(len(rows), shard)
        progress.shard_complete()
        writer.close(empty_rows())
    except BaseException:
        writer.abort()
        raise
    finally:
        progress.close()
    return summary


def _plan(shards: list[Shard], fmt: str) -> dict:
    return {"format": fmt, "shards": [{"part": s.name, "files": list(s.files)} for s in shards]}


def _plan_shards(plan) -> list[dict]:
    return plan["shards"] if isinstance(plan, dict) else plan  # a bare list: written by an older version


def pending_shards(shards: list[Shard], out_dir, resume: bool, fmt: str = "parquet") -> tuple[list[Shard], Summary]:
    """Prepare ``out_dir`` and return the shards still to do and the summary of those done.

    A fresh run clears what an earlier run left there (only detector's own files).
    A resumed run must have the same inputs and format; it keeps the shards whose
    part and ``.done`` marker both exist and drops temporary files a killed run left.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = _plan(shards, fmt)
    plan_path = out_dir / PLAN_FILE
    if resume and plan_path.exists():
        before = json.loads(plan_path.read_text())
        if _plan_shards(before) != plan["shards"]:
            raise ValueError(f"{out_dir} was written for other inputs; resume with the same inputs or use a new directory")
        if isinstance(before, dict) and before.get("format") != fmt:
            raise ValueError(f"{out_dir} holds {before.get('format')} parts; resume with --format {before.get('format')}")
    for child in out_dir.iterdir():
        temporary = child.name.endswith(".tmp")
        if _OWN_FILES.match(child.name) and (temporary or not resume or child.name == SUMMARY_FILE):
            child.unlink(missing_ok=True)
    atomic_write_bytes(plan_path, json.dumps(plan, indent=1).encode())
    todo, done = [], Summary()
    for shard in shards:
        marker = out_dir / f"{shard.name}.done"
        if resume and marker.exists() and (out_dir / f"{shard.name}.{fmt}").exists():
            done += Summary.from_dict(json.loads(marker.read_text()))
        else:
            marker.unlink(missing_ok=True)
            todo.append(shard)
    return todo, done


def write_directory(frames: Iterable[tuple[Shard, pd.DataFrame]], out_dir, fmt: str = "parquet",
                    done: Summary | None = None, progress: Progress | None = None) -> Summary:
    """Write each shard's frames to its own part, renamed into place, then its ``.done`` marker."""
    out_dir = Path(out_dir)
    summary = done or Summary()
    progress = progress or Progress(quiet=True)
    current, writer, part = None, None, Summary()

    def finish():
        writer.close(empty_rows())
        # The marker comes last: a part without one is redone on resume, whatever state it is in.
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
            progress.update(len(rows), shard)
        if writer is not None:
            finish()
            summary += part
            progress.shard_complete()
            writer = None
    finally:
        if writer is not None:
            writer.abort()
        progress.close()
    atomic_write_bytes(out_dir / SUMMARY_FILE, json.dumps(summary.to_dict(), indent=1).encode())
    return summary


def run(paths, output, *, engine: str = "local", fmt: str = "parquet", jobs: int = 1, resume: bool = False,
        to_directory: bool = False, model_dir=None, quiet: bool = True, link: bool = True, reference=None,
        **engine_options) -> Summary:
    """Plan shards, score them on an engine, and write a file or a directory of parts.

    With ``link`` (the local engine), the batch is staged: rows and fingerprints, then
    links within the batch (and to the ``reference`` index), then the updated rows."""
    cached_model(model_dir)  # a bad model fails before any output is opened
    shards = plan_shards(paths)
    pending, done = shards, None
    if to_directory:
        pending, done = pending_shards(shards, output, resume, fmt)
    progress = Progress(quiet, shards, pending, initial=done.pages if done else 0)
    if link:
        if engine == "local":
            frames = local_linkable_frames(pending, jobs, model_dir)
        else:
            frames = engine_linkable_frames(engine, pending, jobs=jobs, model_dir=model_dir, **engine_options)
        return run_linked(frames, output, fmt=fmt, to_directory=to_directory, done=done,
                          model_dir=model_dir, progress=progress, reference=reference)
    if engine == "local":
        frames = local_frames(pending, jobs, model_dir)
    else:
        from .engines import engine_frames

        frames = engine_frames(engine, pending, jobs=jobs, model_dir=model_dir, **engine_options)
    if to_directory:
        return write_directory(frames, output, fmt, done, progress)
    return write_file(frames, output, progress)


def read_directory(out_dir) -> pd.DataFrame:
    """All rows of a completed output directory, in input order."""
    out_dir = Path(out_dir)
    plan = json.loads((out_dir / PLAN_FILE).read_text())
    frames = []
    formats = [plan["format"]] if isinstance(plan, dict) else ["parquet", "jsonl", "csv"]
    for entry in _plan_shards(plan):
        parts = [out_dir / f"{entry['part']}.{fmt}" for fmt in formats]
        part = next((p for p in parts if p.exists()), None)
        if part is None or not (out_dir / f"{entry['part']}.done").exists():
            raise ValueError(f"{out_dir}: {entry['part']} is not complete; run again with --resume")
        frames.append(_read_rows(part))
    return pd.concat(frames, ignore_index=True) if frames else empty_rows()


def _read_rows(path: Path) -> pd.DataFrame:
    """One part's rows with the output dtypes, whatever its format."""
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif path.suffix == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if frame.empty:
        return empty_rows()
    for column, dtype in output_dtypes().items():
        if dtype == "float64":
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").astype("float64")
        elif dtype == "int64":
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").fillna(0).astype("int64")
        else:
            frame[column] = frame[column].fillna("").astype(str).astype(object)
    return frame


# ---------------------------------------------------------------------------
# The linking stage (see detector.linking): workers return fingerprints with the rows,
# the main process links the whole batch once every shard is scored.

FINGERPRINT_PART = "{}.fp.parquet"  # beside each part: its rows' fingerprints, so a resumed run links unscored


def score_units_linkable(units: list[Unit], model_dir: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a worker runs when the batch is linked: the rows and their fingerprints."""
    from .linking.fingerprints import fingerprint_frame

    fingerprints: list = []
    rows = score_rows((record for unit in units for record in unit_records(unit)), cached_model(model_dir),
                      fingerprints)
    return rows, fingerprint_frame(fingerprints)


def local_linkable_frames(shards: list[Shard], jobs: int = 1, model_dir=None
                          ) -> Iterator[tuple[Shard, pd.DataFrame, pd.DataFrame]]:
    """``local_frames`` with each task's fingerprints: (shard, rows, fingerprints)."""
    owners: deque = deque()

    def tasks():
        for shard in shards:
            for task in shard_tasks(shard, warc_offsets=jobs > 1):
                owners.append(shard)
                yield task

    score = partial(score_units_linkable, model_dir=model_dir)
    for rows, fingerprints in ordered_map(score, tasks(), jobs, prepare_worker, (model_dir,)):
        yield owners.popleft(), rows, fingerprints


def engine_linkable_frames(engine: str, shards: list[Shard], **options
                           ) -> Iterator[tuple[Shard, pd.DataFrame, pd.DataFrame]]:
    """A Dask or Spark engine's frames with the fingerprints its partitions computed beside the rows.
    The fingerprints (about 600 bytes a page) are then linked here, in this process."""
    from .engines import engine_frames
    from .linking.fingerprints import split_hidden

    for shard, frame in engine_frames(engine, shards, fingerprints=True, **options):
        rows, fingerprints = split_hidden(frame)
        yield shard, rows.astype(output_dtypes()), fingerprints


def _shard_fingerprints(frames, keep: Callable[[Shard, pd.DataFrame], None]) -> Iterator[tuple[Shard, pd.DataFrame]]:
    """(shard, rows) from (shard, rows, fingerprints), handing each complete shard's fingerprints
    (rows numbered within the shard) to ``keep`` before the next shard's rows go on."""
    current, collected, count = None, [], 0

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
               done: Summary | None, model_dir, progress: Progress, reference=None) -> Summary:
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

        write_directory(_shard_fingerprints(frames, keep), out_dir, fmt, done, progress)
        return link_directory(out_dir, fmt, model_dir, reference)
    tables: list[pd.DataFrame] = []
    rows = []
    for shard, shard_rows in _shard_fingerprints(frames, lambda shard, table: tables.append(table)):
        rows.append(shard_rows)
        progress.update(len(shard_rows), shard)
    progress.shard_complete()
    progress.close()
    rows = pd.concat(rows, ignore_index=True) if rows else empty_rows()
    fingerprints = pd.concat([t for t in tables if t is not None], ignore_index=True) if tables else fingerprint_frame([])
    linked = link_batch(fingerprints, rows["p_scraped"].to_numpy(), _reference_table(reference))
    return write_file([(None, annotate(rows, linked, model))], output)


def link_directory(out_dir, fmt: str, model_dir=None, reference=None) -> Summary:
    """Link the rows of a complete output directory from the parts' fingerprint files, and
    rewrite each part (and its marker) whose rows the links change. Safe to run again:
    a run killed here is finished by ``--resume``, which links again from the same files."""
    from .linking.fingerprints import fingerprint_frame
    from .linking.stage import annotate, link_batch

    out_dir = Path(out_dir)
    model = cached_model(model_dir)
    plan = json.loads((out_dir / PLAN_FILE).read_text())
    parts = [entry["part"] for entry in _plan_shards(plan)]
    rows = [_read_rows(out_dir / f"{part}.{fmt}") for part in parts]
    tables = []
    for part, part_rows in zip(parts, rows):
        path = out_dir / FINGERPRINT_PART.format(part)
        table = pd.read_parquet(path) if path.exists() else None
        if table is None or len(table) != len(part_rows):  # written by a version without linking
            table = fingerprint_frame([None] * len(part_rows))
            table["id"] = part_rows["id"].to_numpy()
        tables.append(table)
    everything = pd.concat(rows, ignore_index=True) if rows else empty_rows()
    fingerprints = pd.concat(tables, ignore_index=True) if tables else fingerprint_frame([])
    linked = link_batch(fingerprints, everything["p_scraped"].to_numpy(), _reference_table(reference))
    summary, offset = Summary(), 0
    for part, part_rows in zip(parts, rows):
        updated = annotate(part_rows, linked, model, offset)
        offset += len(part_rows)
        part_summary = Summary.of(updated)
        if not updated.equals(part_rows):
            writer = RowWriter(out_dir / f"{part}.{fmt}")
            writer.write(updated)
            writer.close(empty_rows())
            atomic_write_bytes(out_dir / f"{part}.done", json.dumps(part_summary.to_dict()).encode())
        summary += part_summary
    atomic_write_bytes(out_dir / SUMMARY_FILE, json.dumps(summary.to_dict(), indent=1).encode())
    return summary
