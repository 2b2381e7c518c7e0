"""Time `detector sites` and `detector report` on a generated score file of 100,000 pages.

    python benchmarks/bench_report.py                 # about a minute
    python benchmarks/bench_report.py --pages 20000

The score file is generated, not scored: the example pages are scored once with
evidence, then their rows are dealt onto ``--sites`` made-up sites (sizes from 1 to
200 pages, seeded) with probabilities jittered around their own, so each row carries a
real page's evidence and text. Each command runs in a fresh process, as a user runs it;
the wall time, the CPU time and the report's size are printed.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generated_scores(pages: int, sites: int, seed: int = 0) -> pd.DataFrame:
    import detector

    rows = detector.score(ROOT / "data" / "examples", evidence=True)
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 200, sites)
    site = np.repeat(np.arange(sites), sizes)[:pages]
    site = np.concatenate([site, rng.integers(0, sites, max(0, pages - len(site)))])
    farm = rng.random(sites) < 0.1  # one site in ten mostly scrapes
    scraped = np.where(farm[site], rng.random(pages) < 0.8, rng.random(pages) < 0.03)
    index = {label: int(np.flatnonzero(rows["label"] == label)[0]) for label in ("original", "syndicated", "scraped")}
    others = np.where(rng.random(pages) < 0.85, index["original"], index["syndicated"])
    template = np.where(scraped, index["scraped"], others)
    frame = rows.iloc[template].reset_index(drop=True)
    p_scraped = np.clip(frame["p_scraped"].to_numpy() + rng.normal(0, 0.05, pages), 0, 1)
    frame["p_scraped"] = p_scraped
    frame["p_original"] = np.clip(1 - p_scraped - frame["p_syndicated"], 0, 1)
    frame["url"] = [f"https://www.site-{s:05d}.example/page-{i}" for i, s in enumerate(site)]
    frame["id"] = frame["url"]
    return frame


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a command run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - started, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--sites", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scores = Path(folder) / "scores.parquet"
        generated_scores(args.pages, args.sites).to_parquet(scores, index=False)
        print(f"{args.pages:,} generated score rows on {args.sites:,} sites: {scores.stat().st_size / 1e6:.1f} MB parquet")
        cli = [sys.executable, "-m", "detector"]
        wall, cpu = timed([*cli, "sites", str(scores), "-o", str(Path(folder) / "sites.csv")])
        print(f"detector sites:  {wall:5.1f} s wall, {cpu:5.1f} s CPU")
        report = Path(folder) / "report.html"
        wall, cpu = timed([*cli, "report", str(scores), "-o", str(report)])
        print(f"detector report: {wall:5.1f} s wall, {cpu:5.1f} s CPU, {report.stat().st_size / 1e6:.1f} MB HTML")


if __name__ == "__main__":
    main()
