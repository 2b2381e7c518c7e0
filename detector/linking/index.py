"""A reference index: fingerprints of known pages on disk, to link new batches against.

An index is a directory of Parquet files, one per ``build`` or ``add``
(``fingerprints-NNNNN.parquet``, rows as in ``fingerprints.FINGERPRINT_COLUMNS``),
and ``index.json`` with the fingerprint settings and counts. Nothing runs as a
server; ``detector score --reference INDEX/`` reads it whole (512 bytes of
signature and a few short strings per page).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..model import atomic_write_bytes
from ..parse import page_from_record
from ..readers import iter_file_records, scan_inputs
from . import fingerprints as fp

MANIFEST = "index.json"
FORMAT_VERSION = 1


def _settings() -> dict:
    return {"format": FORMAT_VERSION, "num_perm": fp.NUM_PERM, "word_shingle": fp.WORD_SHINGLE,
            "char_shingle": fp.CHAR_SHINGLE, "min_shingles": fp.MIN_SHINGLES}


def fingerprint_paths(paths: Iterable) -> tuple[pd.DataFrame, int]:
    """Fingerprints of every readable page under ``paths`` and the number of pages that could not be read."""
    found, failed = [], 0
    for path in scan_inputs(list(paths)).files:
        for record in iter_file_records(Path(path)):
            if record.get("error"):
                failed += 1
                continue
            try:
                page = page_from_record(record)
            except Exception:  # an unreadable page is left out of the index, not fatal
                failed += 1
                continue
            found.append(fp.fingerprint(page, str(record.get("id", "")) or page.id))
    return fp.fingerprint_frame(found), failed


def _manifest(index_dir: Path) -> dict:
    path = index_dir / MANIFEST
    if not path.exists():
        raise ValueError(f"{index_dir} is not a detector index (no {MANIFEST}); build one with `detector index build`")
    manifest = json.loads(path.read_text())
    if manifest.get("settings") != _settings():
        raise ValueError(f"{index_dir} was built with other fingerprint settings; build it again")
    return manifest


def _append(index_dir: Path, table: pd.DataFrame, manifest: dict) -> dict:
    name = f"fingerprints-{len(manifest['files']):05d}.parquet"
    atomic_write_bytes(index_dir / name, table.to_parquet(index=False))
    manifest["files"].append(name)
    manifest["pages"] += len(table)
    manifest["linkable"] += int((table["size"] > 0).sum())
    atomic_write_bytes(index_dir / MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode())
    return manifest


def build_index(paths: Iterable, index_dir) -> dict:
    """A new index of the pages under ``paths`` (an existing index there is replaced)."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    for old in index_dir.glob("fingerprints-*.parquet"):
        old.unlink()
    table, failed = fingerprint_paths(paths)
    manifest = {"settings": _settings(), "files": [], "pages": 0, "linkable": 0}
    return dict(_append(index_dir, table, manifest), unreadable=failed)


def add_to_index(index_dir, paths: Iterable) -> dict:
    """Append the pages under ``paths`` to an existing index."""
    index_dir = Path(index_dir)
    manifest = _manifest(index_dir)
    table, failed = fingerprint_paths(paths)
    return dict(_append(index_dir, table, manifest), unreadable=failed)


def index_chunks(index_dir) -> list:
    """The index's files as ``linking.chunked.Chunk``s, read a few columns at a time when linked."""
    import pyarrow.parquet as pq

    from .chunked import Chunk

    index_dir = Path(index_dir)
    paths = [index_dir / name for name in _manifest(index_dir)["files"]]
    return [Chunk(pq.ParquetFile(path).metadata.num_rows,
                  lambda columns, path=path: pd.read_parquet(path, columns=columns), reference=True)
            for path in paths]


def read_index(index_dir) -> pd.DataFrame:
    """Every fingerprint row of an index, oldest file first."""
    index_dir = Path(index_dir)
    manifest = _manifest(index_dir)
    tables = [pd.read_parquet(index_dir / name) for name in manifest["files"]]
    table = pd.concat(tables, ignore_index=True) if tables else fp.fingerprint_frame([])
    table["row"] = range(len(table))
    return table
