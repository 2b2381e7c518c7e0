"""Shard planning: the input cut into shards (one part of a directory output each) and tasks.

Each record file (JSONL, CSV, Parquet, WARC) is a shard, and single-page files (HTML,
text dumps) are grouped, in sorted order, ``PAGES_PER_SHARD`` to a shard. Each shard is
cut into tasks of at most ``TASK_PAGES`` pages (and ``TASK_BYTES`` of page text). A task
carries as little as possible across a process boundary: file names for single-page
files, raw lines for JSONL and record offsets for WARC files (``readers.iter_file_units``).
Every engine plans with this module; none of it imports an engine or ``detector.batch``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .readers import Unit, input_format, iter_file_records, iter_file_units, scan_inputs, unit_bytes

TASK_PAGES = 128  # pages per task sent to a worker: enough to make the per-task costs vanish
TASK_BYTES = 4 << 20  # page text per task read by the main process (JSONL lines, records), bounding memory;
# larger tasks measured no faster with one or two jobs and held ~50 MB more in flight
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
