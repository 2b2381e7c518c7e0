"""Fit spun_wording's reference on the real originals of ../shared/data, per language.

    python benchmarks/calibrate_spun_wording.py

For each language with enough real originals, the share of uncommon-band words among a
body's distinct lowercase words is fitted against log(words in the two bands) by least
squares (languages with fewer than 100 pages get the mean alone); the spread is the residuals' standard deviation. The printed table is what
``_NATURAL_SHARE`` in detector/signals/spinning.py holds (spreads of languages with few
pages are floored there).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from signal_rates import real_originals  # noqa: E402
from detector.evaluation.catalog import shared_data_dir  # noqa: E402
from detector.signals.spinning import band_counts  # noqa: E402


MIN_PAGES_FOR_SLOPE = 100


def main() -> None:
    data_dir = shared_data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    if data_dir is None:
        sys.exit("no reference data: ../shared/data is absent (or give its path)")
    samples: dict[str, list[tuple[float, float]]] = {}
    for page, _ in real_originals(data_dir):
        counted = band_counts(page)
        if counted is not None:
            lang, n_uncommon, n_band = counted
            samples.setdefault(lang, []).append((n_uncommon / n_band, np.log(n_band)))
    print("language  pages  intercept  slope  spread")
    for lang, rows in sorted(samples.items(), key=lambda item: -len(item[1])):
        share, log_n = np.array(rows).T
        # A slope needs many pages; with few, the mean alone.
        design = np.c_[np.ones_like(log_n), log_n] if len(rows) >= MIN_PAGES_FOR_SLOPE else np.c_[np.ones_like(log_n), 0 * log_n]
        (intercept, slope), *_ = np.linalg.lstsq(design, share, rcond=None)
        spread = (share - design @ (intercept, slope)).std()
        print(f"{lang:8s} {len(rows):6d} {intercept:10.3f} {slope:6.3f} {spread:7.3f}")


if __name__ == "__main__":
    main()
