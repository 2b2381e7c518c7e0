"""How the shipped model does on pages from the second generator (detector.farm_b).

    python benchmarks/farm_b_shipped_model.py --n 300 --seed 0

Generates pages from ``--n`` real originals of ../shared/data, scores them with the
shipped model and prints recall per label, per format, and for single-trick farm
pages per family. The shipped model was trained on detector.farm pages; this is the
"trained on generator A, tested on generator B" figure (the real originals' sites may
overlap the model's training sites).
"""
from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

import pandas as pd

from detector.farm_b import generate
from detector.farm_b.originals import real_originals
from detector.scoring import score_frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    pages = list(generate(real_originals(args.data, limit=args.n, seed=args.seed), seed=args.seed))
    started = time.process_time()
    predicted = score_frame(pd.DataFrame([g.record for g in pages]))["label"].tolist()
    print(f"{len(pages)} pages scored in {time.process_time() - started:.1f} CPU s")

    def show(title: str, groups: dict) -> None:
        print(title)
        for key, hits in sorted(groups.items()):
            print(f"  {key!s:32s} n={sum(hits.values()):4d}  recall={hits[True] / sum(hits.values()):.2f}")

    by_label, by_format, by_family = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    for g, p in zip(pages, predicted):
        by_label[g.label][p == g.label] += 1
        by_format[f"{g.label}/{g.format}"][p == g.label] += 1
        if g.label == "scraped" and len(g.families) == 1:
            by_family[g.main_family][p == "scraped"] += 1
    show("by label", by_label)
    show("by label and format", by_format)
    show("single-trick farm pages, by family", by_family)
    print("predicted as:", dict(Counter(predicted)))


if __name__ == "__main__":
    main()
