"""The output protocol of a batch: one file written atomically, or a directory of parts.

A directory holds ``_shards.json`` (the plan: parts, their input files, format, model and
options), per shard ``part-NNNNN.<fmt>`` renamed into place, then a ``part-NNNNN.done``
marker holding the shard's summary and its input files, with a linked run
``part-NNNNN.fp.parquet`` (the part's fingerprints) written before the marker, and
``_summary.json``. ``resume`` keeps parts whose marker exists and names the same files,
so a killed run resumes with nothing lost or duplicated.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .model import atomic_write_bytes
from .scoring import output_columns, output_dtypes
from .shards import Shard
from .summary import Summary
from .writers import RowWriter, restore_formulas

PLAN_FILE = "_shards.json"
SUMMARY_FILE = "_summary.json"
FINGERPRINT_PART = "{}.fp.parquet"  # beside each part: its rows' fingerprints, so a resumed run links unscored
_OWN_FILES = re.compile(r"^(?:part-\d{5}\.(?:parquet|jsonl|csv|done|fp\.parquet)|\.part-\d{5}\..*\.tmp|_shards\.json|_summary\.json)$")


def empty_rows(evidence: bool = False) -> pd.DataFrame:
    return pd.DataFrame(columns=output_columns(evidence)).astype(output_dtypes(evidence))


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
        frames.append(read_rows(part))
    return pd.concat(frames, ignore_index=True) if frames else empty_rows()


def read_rows(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """One part's rows with the output dtypes, whatever its format (``columns``: Parquet only)."""
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path, columns=columns)
    elif path.suffix == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
    else:
        frame = restore_formulas(pd.read_csv(path, dtype=str, keep_default_na=False))
    if frame.empty:
        return empty_rows() if columns is None else empty_rows()[columns]
    for column, dtype in output_dtypes().items():
        if column not in frame and columns is not None:
            continue
        if dtype == "float64":
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").astype("float64")
        elif dtype == "int64":
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce").fillna(0).astype("int64")
        else:
            frame[column] = frame[column].fillna("").astype(str).astype(object)
    return frame


def plan_parts(out_dir) -> list[str]:
    """The part names of an output directory's plan, in input order."""
    plan = json.loads((Path(out_dir) / PLAN_FILE).read_text())
    return [entry["part"] for entry in _plan_shards(plan)]


def part_rows(path: Path) -> int:
    """The number of rows in a part (or a fingerprint file), reading a Parquet file's footer only."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    return len(read_rows(path))


def read_part_columns(path: Path, columns: list[str]) -> pd.DataFrame:
    """Some columns of a part with the output dtypes (only those columns are read from Parquet)."""
    if path.suffix == ".parquet":
        return read_rows(path, columns)
    return read_rows(path)[columns]
