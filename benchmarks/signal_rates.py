"""How often signals fire on the real originals of ../shared/data, per language.

    python benchmarks/signal_rates.py typo_tokens spun_wording

A real original is a page of the reference collections that ``data/real_labels.csv`` does
not label syndicated or excluded; its language is the one signals judge it in (the body's
stopwords, else its declared language). A signal that fires on an original is a false
alarm, so these rates are the signals' false-positive rates on pages never seen in design.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detector.evaluation.catalog import iter_real_originals, shared_data_dir  # noqa: E402
from detector.signals import REGISTRY_BY_NAME  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("signals", nargs="+", help="signal names")
    parser.add_argument("--data", help="reference data dir (default ../shared/data)")
    parser.add_argument("--examples", type=int, default=3, help="pages quoted per signal that fired")
    args = parser.parse_args()
    data_dir = shared_data_dir(args.data)
    if data_dir is None:
        sys.exit("no reference data: ../shared/data is absent (or give --data)")
    signals = [REGISTRY_BY_NAME[name] for name in args.signals]
    pages, fired, quoted = Counter(), Counter(), Counter()
    for page, lang in iter_real_originals(data_dir):
        pages[lang] += 1
        for signal in signals:
            result = signal(page)
            if result.fired:
                fired[signal.name, lang] += 1
                if quoted[signal.name] < args.examples:
                    quoted[signal.name] += 1
                    words = ", ".join(repr(e.text) for e in result.evidence[:5])
                    print(f"  {signal.name} {result.value:.2f} on {page.id} ({lang}): {words}")
    langs = [lang for lang, _ in pages.most_common()]
    print(f"\n{'language':10s}{'pages':>7s}" + "".join(f"{s.name:>16s}" for s in signals))
    for lang in langs + ["all"]:
        n = pages[lang] if lang != "all" else sum(pages.values())
        row = f"{lang:10s}{n:7d}"
        for s in signals:
            k = fired[s.name, lang] if lang != "all" else sum(v for (name, _), v in fired.items() if name == s.name)
            row += f"{k:>8d} {100 * k / n:5.1f}%"
        print(row)


if __name__ == "__main__":
    main()
