"""The local engine: shards scored by a bounded window of worker processes on this machine.

Tasks of every shard (``shards.shard_tasks``) stream through the pool and rows come back
in input order whatever the number of jobs. A single task runs in this process, without
a pool. Worker processes start from a fork server (a clean process that imports detector
once), as with Python's "spawn": a script that calls ``batch.run(..., jobs=2)`` needs the
usual ``if __name__ == "__main__":`` guard. They are supervised (``detector.workers``): a
page past the time limit, or a worker dying on a page, costs that page an error row and
nothing else, and no worker outlives the main process.

``prepare_worker`` sets up any worker process, the Dask and Spark engines' too.
"""
from __future__ import annotations

import math
import multiprocessing
import os
from collections import deque
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from .. import records
from ..model import cached_model
from ..readers import Unit, unit_records
from ..scoring import score_rows
from ..shards import Shard, shard_tasks
from ..workers import WorkerPool

TASKS_PER_JOB = 2  # tasks in flight per worker: one running, one done or waiting
PAGE_TIMEOUT = 30.0  # seconds one page may take before it becomes an error row (0: no limit)


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
    from ..wordlists import word_list

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
        context.set_forkserver_preload(["detector.engines.local"])
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


def score_units_linkable(units: list[Unit], model_dir: str | None = None, page_errors: dict[int, str] | None = None,
                         on_page: Callable[[int], None] | None = None, page_timeout: float = 0,
                         evidence: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a worker runs when the batch is linked: ``score_units``' rows and their fingerprints."""
    from ..linking.fingerprints import fingerprint_frame

    pages = (record for unit in units for record in unit_records(unit))
    if page_errors or on_page is not None:
        pages = _watched(pages, page_errors or {}, on_page)
    fingerprints: list = []
    rows = score_rows(pages, cached_model(model_dir), evidence, page_timeout, fingerprints)
    return rows, fingerprint_frame(fingerprints)


def local_frames(shards: list[Shard], jobs: int = 1, model_dir=None, page_timeout: float = PAGE_TIMEOUT,
                 evidence: bool = False, fingerprints: bool = False) -> Iterator[tuple]:
    """The local engine: (shard, rows) in input order, at least one (maybe empty) frame per shard;
    with ``fingerprints``, (shard, rows, the rows' fingerprint table) for the linking stage.

    Tasks of every shard flow through one pool, so small shards do not leave workers idle.
    """
    owners: deque = deque()  # the shard of each task sent and not yet returned

    def tasks():
        for shard in shards:
            for task in shard_tasks(shard, warc_offsets=jobs > 1):  # workers decode WARC records themselves
                owners.append(shard)
                yield task

    worker = score_units_linkable if fingerprints else score_units
    score = partial(worker, model_dir=model_dir, evidence=evidence)
    initargs = (model_dir, records.MAX_PAGE_BYTES)  # workers start from the default limit
    for result in ordered_map(score, tasks(), jobs, prepare_worker, initargs, page_timeout, partial(warm_up, model_dir)):
        shard = owners.popleft()
        yield (shard, *result) if fingerprints else (shard, result)
