"""JSON Lines record files (``.jsonl``, ``.ndjson``, optionally gzipped), read line by line.

A malformed line becomes one error record (id ``FILE:LINE``) and reading goes on;
a read failure part-way (e.g. a truncated gzip) ends the file with one error record.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from .decode import UnreadableContent, check_not_binary
from .files import GZIP_ERRORS, error_record, open_binary, read_failure
from .rows import record_from_row

FORMAT = "jsonl"


def line_record(line: bytes, path: str, number: int) -> dict:
    """The raw record of one JSON line (line ``number`` of ``path``); an error record when malformed."""
    row_id = f"{path}:{number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return error_record(row_id, FORMAT, f"malformed JSON on line {number}: {exc.msg} (column {exc.colno})")
    except UnicodeDecodeError:
        return error_record(row_id, FORMAT, f"malformed JSON on line {number}: not valid UTF-8")
    if not isinstance(row, dict):
        return error_record(row_id, FORMAT, f"line {number} is a JSON {type(row).__name__}, not an object")
    return record_from_row(row, row_id, FORMAT)


def iter_jsonl_lines(path: Path) -> Iterator[tuple[int, bytes] | dict]:
    """The non-blank lines of a JSONL file as (line number, raw bytes), unparsed.

    File-level problems (empty, binary, unreadable part-way, no lines at all) come
    as error records in the stream. Batch scoring sends the raw lines to worker
    processes, which parse them with ``line_record``: JSON parsing is the costly
    part of reading, and bytes cross a process boundary far cheaper than dicts.
    """
    number = 0
    found = False
    try:
        with open_binary(path) as stream:
            first = stream.peek(8192) if hasattr(stream, "peek") else b""
            if not first:
                yield error_record(str(path), FORMAT, "empty file")
                return
            check_not_binary(first)
            for number, line in enumerate(stream, start=1):
                if not line.isspace():  # not strip(): that copies the line
                    found = True
                    yield number, line
    except UnreadableContent as exc:
        yield error_record(str(path), FORMAT, str(exc))
        return
    except (OSError, EOFError, ValueError, *GZIP_ERRORS) as exc:
        where = f" after line {number}" if number else ""
        yield error_record(f"{path}:{number + 1}" if number else str(path), FORMAT, read_failure(exc) + where)
        return
    if not found:
        yield error_record(str(path), FORMAT, "no records in file")


def iter_jsonl_file(path: Path) -> Iterator[dict]:
    name = str(path)
    for item in iter_jsonl_lines(path):
        yield line_record(item[1], name, item[0]) if isinstance(item, tuple) else item
