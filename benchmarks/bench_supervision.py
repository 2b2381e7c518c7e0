"""What the per-page safety nets cost: the page alarm, the page report to the main process,
and the nesting guard, on the real pages (../shared/data), in one process.

    python benchmarks/bench_supervision.py      # about two minutes

Every fourth real page is used. Each figure is the median of three passes over the same
pages, after a warm-up pass:
scoring with no time limit, with the alarm (``score_rows(page_timeout=30)``, the
single-process path), and with each page announced over a pipe before it starts (what a
worker does for the main process's watch); then the guard alone: how many pages are large
enough to be looked at and what looking costs.
"""
from __future__ import annotations

import multiprocessing
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scoring import real_pages  # noqa: E402
from detector.batch import _watched, warm_up  # noqa: E402
from detector.evaluation.catalog import shared_data_dir  # noqa: E402
from detector.model import cached_model  # noqa: E402
from detector.parse.nesting import CHECKED_FROM_CHARS, too_deeply_nested  # noqa: E402
from detector.readers import iter_file_records  # noqa: E402
from detector.scoring import score_rows  # noqa: E402


def median_seconds(run, passes: int = 3) -> float:
    run()
    times = []
    for _ in range(passes):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
    data = shared_data_dir()
    if data is None:
        sys.exit("the real pages are not here: see ../shared/data")
    records = [record for path in real_pages(data)[::4] for record in iter_file_records(path)]
    model = cached_model()
    warm_up()
    sender, receiver = multiprocessing.Pipe()

    def drain():
        while receiver.poll():
            receiver.recv()

    def reported():
        score_rows(_watched(records, {}, lambda index: sender.send(("page", 0, index, time.monotonic()))), model)
        drain()

    plain = median_seconds(lambda: score_rows(records, model))
    alarm = median_seconds(lambda: score_rows(records, model, page_timeout=30))
    report = median_seconds(reported)
    large = [r["html"] for r in records if len(r["html"]) >= CHECKED_FROM_CHARS]
    guard = median_seconds(lambda: [too_deeply_nested(r["html"]) for r in records])
    n = len(records)
    print(f"{n} pages; per page, CPU of this process:")
    print(f"  scoring                 {plain / n * 1e3:.3f} ms ({n / plain:.0f} pages per CPU-second)")
    print(f"  + page alarm            {(alarm - plain) / n * 1e6:+.0f} us")
    print(f"  + page report (pipe)    {(report - plain) / n * 1e6:+.0f} us (the worker's side)")
    print(f"  nesting guard           {guard / n * 1e6:.0f} us ({len(large)} pages of {n} are "
          f"{CHECKED_FROM_CHARS >> 10} KB or more and get looked at)")


if __name__ == "__main__":
    main()
