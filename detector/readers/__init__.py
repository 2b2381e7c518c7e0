"""Input files -> raw records, streamed; one module per format.

``iter_records(paths)`` walks files and directories (recursively, in sorted order)
and yields one raw record (``detector.records``) per page. Bad input never raises
and is never dropped: an unreadable file, a malformed line or a row without content
becomes a record with ``error`` set, and the stream goes on.

Batch scoring resumes per shard, so the two halves are exposed too:
``list_inputs(paths)`` gives the shard files in order and ``iter_file_records(path)``
reads one shard. It also splits reading between processes: ``iter_file_units(path)``
is the cheap part the main process does (listing single-page files, cutting JSONL
into raw lines) and ``unit_records(unit)`` the costly part a worker does (reading
and decoding a page, parsing a JSON line); together they yield exactly what
``iter_file_records`` yields.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .csvfile import iter_csv_file
from .files import directory_failure, error_record
from .jsonl import iter_jsonl_file, iter_jsonl_lines, line_record
from .pagefile import iter_html_file, iter_text_file
from .parquet import iter_parquet_file
from ..records import writable_record
from .warc import iter_warc_file, iter_warc_offsets, read_warc_record

log = logging.getLogger(__name__)

Reader = Callable[[Path], Iterator[dict]]

_READERS: dict[str, tuple[Reader, tuple[str, ...]]] = {
    "html": (iter_html_file, (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")),
    "txt": (iter_text_file, (".txt", ".txt.gz")),
    "jsonl": (iter_jsonl_file, (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")),
    "csv": (iter_csv_file, (".csv", ".csv.gz")),
    "parquet": (iter_parquet_file, (".parquet", ".pq")),
    "warc": (iter_warc_file, (".warc", ".warc.gz", ".warc.zst", ".warc.lz4", ".arc", ".arc.gz")),
}
# File name ending (lower-case, compression suffix included) -> (format name, reader).
_FORMATS: dict[str, tuple[str, Reader]] = {
    suffix: (fmt, reader) for fmt, (reader, suffixes) in _READERS.items() for suffix in suffixes
}


def input_format(path: str | os.PathLike) -> str:
    """The format name for a file name ("html", "txt", "jsonl", "csv", "parquet", "warc"), or ""."""
    found = _lookup(Path(path))
    return found[0] if found else ""


_SUFFIXES_LONGEST_FIRST = sorted(_FORMATS, key=len, reverse=True)


def _lookup(path: Path) -> tuple[str, Reader] | None:
    name = path.name.lower()
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if name.endswith(suffix) and len(name) > len(suffix):
            return _FORMATS[suffix]
    return None


@dataclass
class InputScan:
    files: list[Path] = field(default_factory=list)  # shards to read, in order
    skipped: list[Path] = field(default_factory=list)  # files in directories with an unknown extension


def scan_inputs(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> InputScan:
    """Expand files and directories into shard files; report what was skipped.

    Directories are walked recursively (links to directories followed), their files sorted
    by path; files with unknown extensions are skipped (and listed), directories that cannot be listed
    are kept (as error records). A path named explicitly is always kept,
    even when missing or of unknown type: reading it yields one error record.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    scan = InputScan()
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            scan.files.append(path)
            continue
        unreadable: list[Path] = []
        children = list(_walk_files(path, unreadable))
        for child in sorted(children + unreadable, key=lambda child: child.parts):
            # A directory that cannot be listed is kept as an input: reading it yields its error record.
            (scan.files if child in unreadable or _lookup(child) else scan.skipped).append(child)
    return scan


def _walk_files(top: Path, unreadable: list[Path]) -> Iterator[Path]:
    """Every file under ``top``, following links to directories (crawl trees are often put
    together from links), each directory read once: a link back up the tree is not a loop.
    Directories that cannot be listed are added to ``unreadable``."""
    seen: set[str] = set()

    def cannot_list(exc: OSError) -> None:
        unreadable.append(Path(exc.filename) if exc.filename else top)

    for root, dirs, files in os.walk(top, onerror=cannot_list, followlinks=True):
        # The first way into a directory names its files: real directories before links, then by
        # name, so the names do not depend on the order the disk lists them in.
        dirs.sort(key=lambda name: (os.path.islink(os.path.join(root, name)), name))
        real = os.path.realpath(root)
        if real in seen:
            dirs.clear()
            continue
        seen.add(real)
        yield from (Path(root, name) for name in files)


def list_inputs(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The shard files under ``paths``, in the order they are read."""
    scan = scan_inputs(paths)
    if scan.skipped:
        log.info("skipped %d file(s) with unknown extensions, e.g. %s", len(scan.skipped), scan.skipped[0])
    return scan.files


def iter_file_records(path: str | os.PathLike) -> Iterator[dict]:
    """The raw records of one input file; never raises for bad content. Ids and fields are
    writable in every output format (``records.visible_text``), the path is opened as given."""
    for record in _file_records(Path(path)):
        yield writable_record(record)


def _file_records(path: Path) -> Iterator[dict]:
    if path.is_dir():
        yield error_record(str(path), "", directory_failure(path))
        return
    found = _lookup(path)
    if found is None:
        reason = "file not found" if not path.exists() else f"unknown file type {''.join(path.suffixes) or path.name!r}"
        yield error_record(str(path), "", reason)
        return
    fmt, reader = found
    try:
        yield from reader(path)
    except Exception as exc:  # a reader bug on one file must not end the stream
        yield error_record(str(path), fmt, f"reader failed: {type(exc).__name__}: {exc}")


# A unit of reading work, small to send to a worker process:
#   ("file", path)                         a single-page file, read and decoded by the worker;
#   ("line", path, number, bytes)          one raw JSONL line, parsed by the worker;
#   ("warc", path, offset, position, id)   a WARC response record, read again and decoded by the worker;
#   ("record", record)                     a record already read (CSV, Parquet, other WARC rows, errors).
Unit = tuple


def iter_file_units(path: str | os.PathLike, warc_offsets: bool = False) -> Iterator[Unit]:
    """The units of one input file, in order; ``unit_records`` turns them into its records.

    With ``warc_offsets``, WARC response records go out as offsets: worth it when the units
    go to other processes (the record is inflated twice, but decoded there), not otherwise.
    """
    path = Path(path)
    fmt = input_format(path)
    if fmt in ("html", "txt"):
        yield ("file", str(path))
        return
    if fmt == "warc" and warc_offsets:
        name = str(path)
        try:
            for item in iter_warc_offsets(path):
                yield ("record", item) if isinstance(item, dict) else ("warc", name, *item)
        except Exception as exc:  # as in iter_file_records: a reader bug on one file must not end the stream
            yield ("record", error_record(name, fmt, f"reader failed: {type(exc).__name__}: {exc}"))
        return
    if fmt != "jsonl":
        for record in iter_file_records(path):
            yield ("record", record)
        return
    name = str(path)
    try:
        for item in iter_jsonl_lines(path):
            yield ("line", name, item[0], item[1]) if isinstance(item, tuple) else ("record", item)
    except Exception as exc:  # as in iter_file_records: a reader bug on one file must not end the stream
        yield ("record", error_record(name, fmt, f"reader failed: {type(exc).__name__}: {exc}"))


def unit_records(unit: Unit) -> Iterator[dict]:
    """The raw records of one unit (one record, except for a file a reader fails part-way)."""
    kind = unit[0]
    if kind == "file":
        yield from iter_file_records(unit[1])
    elif kind == "line":
        yield writable_record(line_record(unit[3], unit[1], unit[2]))
    elif kind == "warc":
        yield writable_record(read_warc_record(*unit[1:]))
    else:
        yield writable_record(unit[1])


def unit_bytes(unit: Unit) -> int:
    """Roughly how much memory a unit holds (file and WARC units hold only a name and numbers)."""
    kind = unit[0]
    if kind == "line":
        return len(unit[3])
    if kind == "record":
        return len(unit[1].get("html") or "") + len(unit[1].get("text") or "")
    return 0


def iter_records(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> Iterator[dict]:
    """Raw records from files and directories, streamed in a deterministic order."""
    for path in list_inputs(paths):
        yield from iter_file_records(path)


__all__ = ["InputScan", "Unit", "input_format", "iter_file_records", "iter_file_units", "iter_records", "list_inputs",
           "scan_inputs", "unit_bytes", "unit_records"]
