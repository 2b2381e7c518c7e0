"""Write sample pages to look at: ``python -m detector.farm_b ../shared/data -o DIR --n 20``.

Writes one file per generated page (``.html``, ``.txt``, or a line of
``records.jsonl`` for text-only records) and ``manifest.jsonl`` with each page's
label, families, layout and the strings that show each family.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from .generate import generate
from .originals import real_originals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m detector.farm_b", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", help="the reference data folder (../shared/data)")
    parser.add_argument("-o", "--out", required=True, help="folder to write the sample pages to")
    parser.add_argument("--n", type=int, default=20, help="number of real originals to use")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    originals = real_originals(args.data_dir, limit=args.n, seed=args.seed)
    counts: Counter = Counter()
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as manifest, \
            open(out / "records.jsonl", "w", encoding="utf-8") as records:
        for g in generate(originals, seed=args.seed):
            record = g.record
            name = record["id"]
            if g.format == "html":
                (out / f"{name}.html").write_text(record["html"], encoding="utf-8")
                name += ".html"
            elif g.format == "txt":
                (out / f"{name}.txt").write_text(record["text"], encoding="utf-8")
                name += ".txt"
            else:
                records.write(json.dumps(record, ensure_ascii=False) + "\n")
                name = f"records.jsonl#{name}"
            manifest.write(json.dumps({"file": name, "url": record["url"], "label": g.label, "families": g.families,
                                       "main_family": g.main_family, "layout": g.layout, "group": g.group,
                                       "source_id": g.source_id, "variant": g.variant, "marks": g.marks},
                                      ensure_ascii=False) + "\n")
            counts[g.label] += 1
    print(f"{len(originals)} originals -> {sum(counts.values())} pages in {out}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
