"""Firing rates of the signals that read page metadata, on the real pages, and how often each
metadata field is read at all.

    python benchmarks/metadata_signal_rates.py           # about half a minute

Every real page of ``../shared/data`` (``iter_real_pages``) is parsed as a record with its
URL, and labelled with ``data/real_labels.csv`` (pages not listed are original; "exclude"
pages are skipped). A signal fires when its value is above 0. Nothing here is specific to
one checkout: run it with another checkout's ``detector`` on PYTHONPATH to compare parsers.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

SIGNALS = ("source_mismatch", "site_name_mismatch", "brand_in_lede", "stale_redate", "wire_credit")
FIELDS = ("source", "site_name", "byline", "published", "updated", "category", "tags")


def main() -> None:
    from detector.evaluation.catalog import (DEFAULT_LABELS_PATH, decode_html, iter_real_pages, load_real_labels,
                                             read_page_bytes, shared_data_dir)
    from detector.parse import ParseError, page_from_record
    from detector.signals import REGISTRY_BY_NAME

    data = shared_data_dir()
    if data is None:
        sys.exit("../shared/data is absent: nothing to measure")
    labels_path = Path(__file__).resolve().parents[1] / "data" / "real_labels.csv"
    labels = load_real_labels(labels_path if labels_path.is_file() else DEFAULT_LABELS_PATH)
    pages, fired, fields = Counter(), Counter(), Counter()
    for real in iter_real_pages(data):
        label = labels.get(real.path, ("original", ""))[0]
        if label == "exclude":
            continue
        html = decode_html(read_page_bytes(data / real.path))
        try:
            page = page_from_record({"id": real.id, "html": html, "url": real.url})
        except ParseError:
            continue
        pages[label] += 1
        for name in SIGNALS:
            fired[label, name] += REGISTRY_BY_NAME[name](page).value > 0
        for name in FIELDS:
            fields[label, name] += bool(getattr(page, name, ""))
    for label in sorted(pages):
        print(f"{label}: {pages[label]} pages")
        print("  fired:  " + ", ".join(f"{n} {fired[label, n]} ({fired[label, n] / pages[label]:.1%})" for n in SIGNALS))
        print("  fields: " + ", ".join(f"{n} {fields[label, n] / pages[label]:.0%}" for n in FIELDS))


if __name__ == "__main__":
    main()
