"""What the per-page safety nets cost, in CPU time: the page alarm, the page report to the
main process, and the nesting guard, next to scoring itself, on the real pages (../shared/data).

    python benchmarks/bench_supervision.py      # about two minutes

- scoring: every fourth real page scored in this process (median of three passes after a
  warm-up), for scale;
- page alarm: arming and cancelling the timer around a page (the single-process path), per page;
- page report: a worker's message to the main process before each page, sent over a pipe to
  another process that reads it (the worker's side), per page;
- nesting guard: ``too_deeply_nested`` over the same pages, averaged over all of them (only
  those of 512 KB or more are looked at).
"""
from __future__ import annotations

import multiprocessing
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scoring import real_pages  # noqa: E402
from detector.batch import warm_up  # noqa: E402
from detector.evaluation.catalog import shared_data_dir  # noqa: E402
from detector.model import cached_model  # noqa: E402
from detector.parse.nesting import CHECKED_FROM_CHARS, too_deeply_nested  # noqa: E402
from detector.readers import iter_file_records  # noqa: E402
from detector.scoring import score_rows  # noqa: E402

CALLS = 20_000


def cpu_seconds(run, passes: int = 3) -> float:
    run()
    times = []
    for _ in range(passes):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return statistics.median(times)


def _read_all(conn) -> None:
    try:
        while True:
            conn.recv()
    except EOFError:
        pass


def alarms() -> None:
    signal.signal(signal.SIGALRM, lambda *_: None)
    for _ in range(CALLS):
        signal.setitimer(signal.ITIMER_REAL, 30)
        signal.setitimer(signal.ITIMER_REAL, 0)


def main() -> None:
    data = shared_data_dir()
    if data is None:
        sys.exit("the real pages are not here: see ../shared/data")
    records = [record for path in real_pages(data)[::4] for record in iter_file_records(path)]
    model = cached_model()
    warm_up()
    n = len(records)
    scoring = cpu_seconds(lambda: score_rows(records, model)) / n
    alarm = cpu_seconds(alarms) / CALLS

    context = multiprocessing.get_context("spawn")
    sender, receiver = context.Pipe()
    reader = context.Process(target=_read_all, args=(receiver,))
    reader.start()
    receiver.close()
    report = cpu_seconds(lambda: [sender.send(("page", 0, i, time.monotonic())) for i in range(CALLS)]) / CALLS
    sender.close()
    reader.join()

    large = sum(len(r["html"]) >= CHECKED_FROM_CHARS for r in records)
    guard = cpu_seconds(lambda: [too_deeply_nested(r["html"]) for r in records]) / n
    print(f"{n} real pages; CPU per page:")
    print(f"  scoring          {scoring * 1e3:.2f} ms ({1 / scoring:.0f} pages per CPU-second)")
    print(f"  page alarm       {alarm * 1e6:.1f} us")
    print(f"  page report      {report * 1e6:.1f} us")
    print(f"  nesting guard    {guard * 1e6:.0f} us on average ({large} of the {n} pages are "
          f"{CHECKED_FROM_CHARS >> 10} KB or more and get looked at)")


if __name__ == "__main__":
    main()
