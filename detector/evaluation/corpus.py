"""The labelled corpus: real pages from the reference collections plus simulated farm pages.

Built deterministically from ``../shared/data`` (never committed): real originals,
the real syndicated pages listed in ``data/real_labels.csv``, and pages the farm
simulator makes from the originals. Every row carries its ``group`` (the
registered domain of the real page it comes from) so splits keep sites apart.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..farm.simulate import simulate
from ..model import atomic_write_bytes
from ..parse import ParseError, page_from_record
from ..readers import iter_file_records
from ..records import RECORD_COLUMNS
from .catalog import iter_real_pages, load_real_labels

MANIFEST_COLUMNS = ["id", "group", "label", "origin", "generator", "format", "layout", "families", "main_family",
                    "source_id", "reason", "sha256"]
DEFAULT_SEED = 20261129
HELD_OUT_SHARE = 0.25  # share of sites (groups) kept out of training


def is_held_out(group: str, share: float = HELD_OUT_SHARE) -> bool:
    """A site's split depends on its name alone, so it never moves between corpus versions."""
    bucket = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return bucket < share


def _content_hash(record: dict) -> str:
    return hashlib.sha256((record.get("html") or record.get("text") or "").encode()).hexdigest()


@dataclass
class CorpusRow:
    record: dict
    manifest: dict


def _real_rows(data_dir: Path, labels: dict, skipped: list) -> Iterator[tuple[CorpusRow, object]]:
    """Real pages with their label; yields (row, parsed Page). Pages left out are added to
    ``skipped`` as {"path", "why", "detail"}."""
    for real in iter_real_pages(data_dir):
        label, reason = labels.get(real.path, ("original", ""))
        if label == "exclude":
            skipped.append({"path": real.path, "why": "excluded", "detail": reason})
            continue
        record = next(iter_file_records(data_dir / real.path))
        record.update(id=f"real/{real.path}", url=real.url or record.get("url", ""))
        if record.get("error"):
            skipped.append({"path": real.path, "why": "unreadable", "detail": record["error"]})
            continue
        try:
            page = page_from_record(record)
        except ParseError as error:
            skipped.append({"path": real.path, "why": "unparsable", "detail": str(error)})
            continue
        manifest = dict(id=record["id"], group=real.domain, label=label, origin="real", generator="", format="html",
                        layout=f"real:{real.collection}", families="", main_family="",
                        source_id=record["id"], reason=reason, sha256=_content_hash(record))
        yield CorpusRow(record, manifest), page


def build_corpus(data_dir: Path, seed: int = DEFAULT_SEED,
                 skipped: list | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(records, manifest) for the whole corpus, in a deterministic order. The real pages
    left out (excluded by their label, unreadable, unparsable) are added to ``skipped``."""
    labels = load_real_labels()
    rows: list[CorpusRow] = []
    originals = []
    skipped = [] if skipped is None else skipped
    for row, page in _real_rows(Path(data_dir), labels, skipped):
        rows.append(row)
        if row.manifest["label"] == "original":
            originals.append((row.manifest["group"], page))
    groups = {page.id: group for group, page in originals}
    pages = [p for _, p in originals]
    for generator, prefix, made in (("A", "", simulate(pages, seed=seed)), ("B", "b:", _generator_b(pages, seed))):
        for number, sim in enumerate(made):
            record = dict(sim.record)
            record["id"] = f"sim{generator.lower() if generator != 'A' else ''}/{number:05d}"
            manifest = dict(id=record["id"], group=groups.get(sim.source_id, sim.group), label=sim.label,
                            origin="simulated", generator=generator, format=sim.format, layout=sim.layout,
                            families=" ".join(prefix + f for f in sim.families),
                            main_family=prefix + sim.main_family if sim.main_family else "",
                            source_id=f"{sim.source_id}", reason="", sha256=_content_hash(record))
            rows.append(CorpusRow(record, manifest))
    records = pd.DataFrame([r.record for r in rows]).reindex(columns=RECORD_COLUMNS).fillna("")
    manifest = pd.DataFrame([r.manifest for r in rows], columns=MANIFEST_COLUMNS)
    manifest["held_out"] = manifest["group"].map(is_held_out)
    return records, manifest


def _generator_b(pages: list, seed: int):
    """Pages from the second farm generator, written apart from the first (``detector.farm_b``)."""
    from ..farm_b import generate

    return generate(pages, seed=seed)


def corpus_hash(manifest: pd.DataFrame) -> str:
    """One hash over ids, labels and content hashes: changes whenever the corpus does."""
    text = "\n".join(manifest["id"] + "\t" + manifest["label"] + "\t" + manifest["sha256"])
    return hashlib.sha256(text.encode()).hexdigest()


def summary_table(manifest: pd.DataFrame) -> pd.DataFrame:
    """Counts by label, origin, format and family (one row per combination)."""
    exploded = manifest.assign(family=manifest["families"].str.split()).explode("family")
    exploded["family"] = exploded["family"].fillna("-")
    return (exploded.groupby(["label", "origin", "format", "family"]).size()
            .rename("pages").reset_index())


def write_corpus(records: pd.DataFrame, manifest: pd.DataFrame, out_dir: Path, skipped: list | None = None) -> dict:
    """Write records.parquet, manifest.csv, summary.csv and corpus.json (atomically each);
    corpus.json counts and lists the real pages ``build_corpus`` left out."""
    import io

    out_dir = Path(out_dir)
    buffer = io.BytesIO()
    records.to_parquet(buffer, index=False)
    atomic_write_bytes(out_dir / "records.parquet", buffer.getvalue())
    atomic_write_bytes(out_dir / "manifest.csv", manifest.to_csv(index=False).encode())
    atomic_write_bytes(out_dir / "summary.csv", summary_table(manifest).to_csv(index=False).encode())
    info = {"corpus_sha256": corpus_hash(manifest), "pages": int(len(manifest)),
            "by_label": manifest["label"].value_counts().to_dict(),
            "by_origin": manifest["origin"].value_counts().to_dict(),
            "held_out_sites": int(manifest.loc[manifest.held_out, "group"].nunique()),
            "sites": int(manifest["group"].nunique())}
    if skipped is not None:
        info["real_pages_left_out"] = pd.Series([s["why"] for s in skipped], dtype=object).value_counts().to_dict()
        info["left_out"] = [s for s in skipped if s["why"] != "excluded"]  # excluded ones: data/real_labels.csv
    atomic_write_bytes(out_dir / "corpus.json", (json.dumps(info, indent=2) + "\n").encode())
    return info


def load_corpus(out_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    out_dir = Path(out_dir)
    records = pd.read_parquet(out_dir / "records.parquet")
    manifest = pd.read_csv(out_dir / "manifest.csv", keep_default_na=False, dtype={"generator": str})
    manifest["held_out"] = manifest["held_out"].astype(str).str.lower().eq("true")
    return records, manifest
