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
``part-NNNNN.done`` marker holding the shard's summary and its input files; ``resume``
skips shards whose marker exists and names the same files, so a killed run resumes with
nothing lost or duplicated. One run at a time writes into a directory (``detector.dirlock``).

Worker processes start from a fork server (a clean process that imports detector
once), as with Python's "spawn": a script that calls ``run(..., jobs=2)`` needs
the usual ``if __name__ == "__main__":`` guard. They are supervised
(``detector.workers``): a page past the time limit, or a worker dying on a page, costs
that page an error row and nothing else, and no worker outlives the main process.
"""
from __future__ import annotations

import json
import math
import multiprocessing
import os
import re
import sys
from collections import deque
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pandas as pd

from . import records
from .dirlock import locked_directory
from .model import atomic_write_bytes, cached_model
from .readers import Unit, input_format, iter_file_records, iter_file_units, scan_inputs, unit_bytes, unit_records
from .scoring import output_columns, output_dtypes, score_rows
from .summary import Summary
from .workers import WorkerPool
from .writers import RowWriter, restore_formulas

TASK_PAGES = 128  # pages per task sent to a worker: enough to make the per-task costs vanish
TASK_BYTES = 4 << 20  # page text per task read by the main process (JSONL lines, records), bounding memory;
# larger tasks measured no faster with one or two jobs and held ~50 MB more in flight
TASKS_PER_JOB = 2  # tasks in flight per worker: one running, one done or waiting
PAGE_TIMEOUT = 30.0  # seconds one page may take before it becomes an error row (0: no limit)
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


def score_units(units: list[Unit], model_dir: str | None = None, page_errors: dict[int, str] | None = None,
                on_page: Callable[[int], None] | None = None, page_timeout: float = 0,
                evidence: bool = False) -> pd.DataFrame:
    """What a worker runs: read a task's units, score them, return the rows in input order.

    ``page_errors``: pages (by index in the task) to give as error rows instead of scoring
    them; ``on_page(index)`` is called before each page is read; ``page_timeout``: see ``score_rows``.
    """
    pages = (record for unit in units for record in unit_records(unit))
    if page_errors or on_page is not None:
        pages = _watched(pages, page_errors or {}, on_page)
    return score_rows(pages, cached_model(model_dir), evidence, page_timeout)


def _watched(pages: Iterable[dict], page_errors: dict[int, str], on_page) -> Iterator[dict]:
    for index, record in enumerate(pages):
        if on_page is not None:
            on_page(index)
        yield {**record, "error": page_errors[index]} if index in page_errors else record


def empty_rows(evidence: bool = False) -> pd.DataFrame:
    return pd.DataFrame(columns=output_columns(evidence)).astype(output_dtypes(evidence))


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


def prepare_worker(model_dir=None, max_page_bytes: int | None = None) -> None:
    """Set up a worker process (pool, Dask or Spark), once per process.

    The jobs are the parallelism: the worker's numeric libraries use one thread,
    and the model is loaded before the first task rather than inside it.
    ``max_page_bytes``: the run's page size limit (``records.MAX_PAGE_BYTES``).
    """
    if max_page_bytes:
        records.set_max_page_bytes(max_page_bytes)
    if model_dir in _PREPARED:
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    warm_up(model_dir)
    _PREPARED.add(model_dir)


# Scored once before the real pages, so that the first of them does not pay, within its time
# limit, for loading the model, the word lists and the caches (about a second).
_WARM_UP_HTML = ("<html><head><title>Harbour reopens after repairs | The Bay Courier</title></head><body>"
                 "<article><h1>Harbour reopens after repairs</h1><p>By Ana Lund</p><p>The harbour reopened on "
                 "Monday after six weeks of repairs to the north pier, the port authority said.</p></article>"
                 "</body></html>")
_WARM_UP_TEXT = "Harbour reopens after repairs\n\nThe harbour reopened on Monday after six weeks of repairs."


def warm_up(model_dir=None) -> None:
    from .wordlists import word_list

    word_list("en")  # most pages are English; other languages' lists load with their first page
    score_rows([records.empty_record(id="warm-up", html=_WARM_UP_HTML),
                records.empty_record(id="warm-up", text=_WARM_UP_TEXT)], cached_model(model_dir))


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
                initargs: tuple = (), page_timeout: float = 0, warm: Callable | None = None) -> Iterator:
    """``map(func, tasks)`` over ``jobs`` worker processes, results in task order.

    At most ``TASKS_PER_JOB * jobs`` tasks are in flight, so memory stays flat
    however long ``tasks`` is. With one job, or a single task, tasks run here, in
    this process: starting the pool costs about a second, more than one task takes.
    ``func(task, page_errors=, on_page=, page_timeout=)``: see ``score_units``; a page past
    ``page_timeout`` gets its worker replaced (``detector.workers``), or here, an alarm
    (after ``warm()``, so the first page's time is its own).
    """
    tasks = iter(tasks)
    first = list(islice(tasks, 2))
    if jobs <= 1 or len(first) < 2:
        if page_timeout and warm is not None:
            warm()
        yield from map(partial(func, page_timeout=page_timeout), chain(first, tasks))
        return
    with WorkerPool(jobs, func, _pool_context(), page_timeout, initializer, initargs,
                    window=TASKS_PER_JOB * jobs) as pool:
        yield from pool.map(chain(first, tasks))


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


def local_frames(shards: list[Shard], jobs: int = 1, model_dir=None, page_timeout: float = PAGE_TIMEOUT,
                 evidence: bool = False) -> Iterator[tuple[Shard, pd.DataFrame]]:
    """The local engine: (shard, rows) in input order, at least one (maybe empty) frame per shard.

    Tasks of every shard flow through one pool, so small shards do not leave workers idle.
    """
    owners: deque = deque()  # the shard of each task sent and not yet returned

    def tasks():
        for shard in shards:
            for task in shard_tasks(shard, warc_offsets=jobs > 1):  # workers decode WARC records themselves
                owners.append(shard)
                yield task

    score = partial(score_units, model_dir=model_dir, evidence=evidence)
    initargs = (model_dir, records.MAX_PAGE_BYTES)  # workers start from the default limit
    for rows in ordered_map(score, tasks(), jobs, prepare_worker, initargs, page_timeout, partial(warm_up, model_dir)):
        yield owners.popleft(), rows


def write_file(frames: Iterable[tuple[Shard, pd.DataFrame]], output, progress: Progress | None = None,
               evidence: bool = False) -> Summary:
    """Write every frame into one file (CSV on stdout when ``output`` is None), atomically."""
    summary, progress = Summary(), progress or Progress(quiet=True)
    writer = RowWriter(output)
    try:
        for shard, rows in frames:
            writer.write(rows)
            summary += Summary.of(rows)
            progress.update(len(rows), shard)
        progress.shard_complete()
        writer.close(empty_rows(evidence))
    except BaseException:
        writer.abort()
        raise
    finally:
        progress.close()
    return summary


def _plan(shards: list[Shard], fmt: str, model: str = "", options: dict | None = None) -> dict:
    """What ``_shards.json`` records: the parts and their input files, the format and the model
    (which a resumed run must share) and the other options, for the record."""
    return {"format": fmt, "model": model, "options": options or {},
            "shards": [{"part": s.name, "files": list(s.files)} for s in shards]}


def input_fingerprint(shard: Shard) -> list:
    """The shard's files as they are now (name, size, modification time): a part is kept on
    resume only when its marker names the same, so a part from other or changed inputs is redone."""
    found = []
    for name in shard.files:
        try:
            stat = os.stat(name)
            found.append([name, stat.st_size, stat.st_mtime_ns])
        except OSError:
            found.append([name, None, None])
    return found


def _plan_shards(plan) -> list[dict]:
    return plan["shards"] if isinstance(plan, dict) else plan  # a bare list: written by an older version


def pending_shards(shards: list[Shard], out_dir, resume: bool, fmt: str = "parquet", model: str = "",
                   options: dict | None = None) -> tuple[list[Shard], Summary]:
    """Prepare ``out_dir`` and return the shards still to do and the summary of those done.

    A fresh run clears what an earlier run left there (only detector's own files).
    A resumed run must have the same inputs, format and model (``model``: its sha256);
    it keeps the shards whose part and ``.done`` marker both exist, the marker naming
    the shard's files as they are now, and drops temporary files a killed run left.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = _plan(shards, fmt, model, options)
    plan_path = out_dir / PLAN_FILE
    if resume and plan_path.exists():
        before = json.loads(plan_path.read_text())
        if _plan_shards(before) != plan["shards"]:
            raise ValueError(f"{out_dir} was written for other inputs; resume with the same inputs or use a new directory")
        if isinstance(before, dict) and before.get("format") != fmt:
            raise ValueError(f"{out_dir} holds {before.get('format')} parts; resume with --format {before.get('format')}")
        if isinstance(before, dict) and before.get("model") and model and before["model"] != model:
            raise ValueError(f"{out_dir} was scored with another model; resume with the same --model-dir "
                             "or use a new directory")
    for child in out_dir.iterdir():
        temporary = child.name.endswith(".tmp")
        if _OWN_FILES.match(child.name) and (temporary or not resume or child.name == SUMMARY_FILE):
            child.unlink(missing_ok=True)
    atomic_write_bytes(plan_path, json.dumps(plan, indent=1).encode())
    todo, done = [], Summary()
    for shard in shards:
        marker = out_dir / f"{shard.name}.done"
        kept = resume and marker.exists() and (out_dir / f"{shard.name}.{fmt}").exists() and _marker(marker)
        if kept and kept.get("inputs", "older version") in ("older version", input_fingerprint(shard)):
            done += Summary.from_dict(kept)
        else:
            marker.unlink(missing_ok=True)
            todo.append(shard)
    return todo, done


def _marker(path: Path) -> dict | None:
    try:
        found = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and "pages" in found else None


def write_directory(frames: Iterable[tuple[Shard, pd.DataFrame]], out_dir, fmt: str = "parquet",
                    done: Summary | None = None, progress: Progress | None = None,
                    evidence: bool = False) -> Summary:
    """Write each shard's frames to its own part, renamed into place, then its ``.done`` marker."""
    out_dir = Path(out_dir)
    summary = done or Summary()
    progress = progress or Progress(quiet=True)
    current, writer, part = None, None, Summary()

    def finish():
        writer.close(empty_rows(evidence))
        # The marker comes last: a part without one is redone on resume, whatever state it is in.
        marker = {**part.to_dict(), "inputs": input_fingerprint(current)}
        atomic_write_bytes(out_dir / f"{current.name}.done", json.dumps(marker).encode())

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
        if link:
            return local_linkable_frames(shards, jobs, model_dir, page_timeout, evidence)
        return local_frames(shards, jobs, model_dir, page_timeout, evidence)
    if link:
        return engine_linkable_frames(engine, shards, jobs=jobs, model_dir=model_dir, **engine_options)
    from .engines import engine_frames

    return engine_frames(engine, shards, jobs=jobs, model_dir=model_dir, **engine_options)


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
        frame = restore_formulas(pd.read_csv(path, dtype=str, keep_default_na=False))
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


def score_units_linkable(units: list[Unit], model_dir: str | None = None, page_errors: dict[int, str] | None = None,
                         on_page: Callable[[int], None] | None = None, page_timeout: float = 0,
                         evidence: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a worker runs when the batch is linked: ``score_units``' rows and their fingerprints."""
    from .linking.fingerprints import fingerprint_frame

    pages = (record for unit in units for record in unit_records(unit))
    if page_errors or on_page is not None:
        pages = _watched(pages, page_errors or {}, on_page)
    fingerprints: list = []
    rows = score_rows(pages, cached_model(model_dir), evidence, page_timeout, fingerprints)
    return rows, fingerprint_frame(fingerprints)


def local_linkable_frames(shards: list[Shard], jobs: int = 1, model_dir=None, page_timeout: float = PAGE_TIMEOUT,
                          evidence: bool = False) -> Iterator[tuple[Shard, pd.DataFrame, pd.DataFrame]]:
    """``local_frames`` with each task's fingerprints: (shard, rows, fingerprints)."""
    owners: deque = deque()

    def tasks():
        for shard in shards:
            for task in shard_tasks(shard, warc_offsets=jobs > 1):
                owners.append(shard)
                yield task

    score = partial(score_units_linkable, model_dir=model_dir, evidence=evidence)
    initargs = (model_dir, records.MAX_PAGE_BYTES)  # workers start from the default limit
    for rows, fingerprints in ordered_map(score, tasks(), jobs, prepare_worker, initargs, page_timeout,
                                          partial(warm_up, model_dir)):
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
    everything = pd.concat(rows, ignore_index=True) if rows else empty_rows(evidence)
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
            writer.close(empty_rows(evidence))
            marker = out_dir / f"{part}.done"
            kept = json.loads(marker.read_text()) if marker.exists() else {}
            # the marker keeps what it says about the part's inputs (``--resume`` checks them)
            atomic_write_bytes(marker, json.dumps({**kept, **part_summary.to_dict()}).encode())
        summary += part_summary
    atomic_write_bytes(out_dir / SUMMARY_FILE, json.dumps(summary.to_dict(), indent=1).encode())
    return summary
