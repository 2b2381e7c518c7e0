"""Throughput and memory of `detector score` on real pages, beside trafilatura and Resiliparse.

    python benchmarks/bench_scoring.py                  # everything (30-40 minutes on 2 cores)
    python benchmarks/bench_scoring.py --runs 3 --stream-pages 0      # no streaming runs

What it measures, on the real pages in ../shared/data (read from there, never copied into
the repository; the temporary inputs are deleted at the end):

* HTML pages: every ``*.html``/``*.html.gz`` page (gzipped files read as stored), in
  ``--copies`` directories of symbolic links, scored by the CLI in a fresh process
  (`detector score -q -j N DIR -o OUT/`): read, decode, parse, every signal, the
  classifier, Parquet parts.
* HTML in WARC: the same pages packed into ``--copies`` gzipped WARC files (one gzip member
  per record), scored the same way: the crawl format, where the main process cuts the files
  at record offsets and the workers inflate and decode the records.
* Text pages: the same pages parsed and rendered as text dumps
  (``detector.farm.render.render_text``), scored the same way.
* The alternatives a user would otherwise pick for the parsing step, on the same HTML pages
  already decoded and in memory (their reading is not timed), each in a fresh process:
  ``trafilatura.extract(html)``, and Resiliparse's
  ``extract_plain_text(HTMLTree.parse(html), main_content=True)``. They extract text only:
  no metadata, link blocks, signals or classifier.
* Streaming: ``--stream-pages`` JSONL records (real pages repeated) in shards of 10,000,
  scored into a directory; peak memory when 10k, 50k and all pages are done.

Every figure is the median of ``--runs`` runs. Runs write a directory of parts (one per
2,000 pages). "Steady" throughput is what a long crawl sees: the pages between the first
part's completion marker and the last one's, over the time between them, once the process
tree has started, imported, loaded the model and met every language's word lists (loaded
once per worker process); "fixed cost" is what those add to each run. "Per CPU-second"
divides by the CPU time of the whole process tree instead of the wall clock, which stays
meaningful when other programs share the machine. Memory is sampled every 20 ms over the
process tree (main process, fork server, workers) two ways: the peak resident set size (RSS)
summed, where pages shared between processes count once per process, and the peak
proportional set size (PSS) summed (every 0.5 s, as reading it costs kernel time), where a
shared page is split between the processes sharing it: the memory the run really takes. The machine's own scaling
(a pure-Python loop in one and two processes) is printed with the load average, since
-j 2 can only be as fast as the machine lets two processes be.
"""
from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detector.evaluation.catalog import shared_data_dir  # noqa: E402
from detector.readers import iter_file_records  # noqa: E402
from detector.readers.files import read_page_bytes  # noqa: E402

CLI = [sys.executable, "-m", "detector.cli", "score", "-q"]
STREAM_SHARD = 10_000
PSS_EVERY = 25  # memory samples per PSS sample: every 0.5 s


def real_pages(data: Path) -> list[Path]:
    """The real HTML pages: every *.html(.gz) except the extraction projects' expected outputs."""
    found = [p for pattern in ("*.html", "*.html.gz", "*.htm", "*.htm.gz") for p in data.rglob(pattern)]
    return sorted(p for p in found if not p.name.startswith("expected"))


# ---------------------------------------------------------------- measuring a command

class TreeMonitor:
    """Peak RSS and CPU time of a process and its descendants, sampled on a thread.

    CPU time is summed over every process seen (the last sample of each), so it
    counts this run's work alone however busy the machine is; a process's last
    20 ms may be missed.
    """

    def __init__(self, pid: int, interval: float = 0.02, parts: Path | None = None):
        self.pid, self.interval, self.parts = pid, interval, parts
        self.peak = 0  # RSS summed over the tree
        self.peak_pss = 0  # PSS summed over the tree
        self.cpu: dict[int, float] = {}
        self.marks: list[tuple[int, float, float]] = []  # (parts done, time, CPU seconds) as each part completes
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self, with_pss: bool) -> tuple[int, int]:
        try:
            root = psutil.Process(self.pid)
            members = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0, 0
        rss = pss = 0
        for member in members:
            try:
                with member.oneshot():
                    # PSS reads /proc/PID/smaps_rollup, kernel work that would take CPU from the run
                    # if done every 20 ms; RSS is cheap.
                    memory = member.memory_full_info() if with_pss else member.memory_info()
                    rss, pss = rss + memory.rss, pss + getattr(memory, "pss", 0)
                    times = member.cpu_times()
                    self.cpu[member.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return rss, pss

    def _run(self) -> None:
        samples = 0
        while not self._stop.is_set():
            rss, pss = self._sample(with_pss=samples % PSS_EVERY == 0)
            samples += 1
            self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
            if self.parts is not None and self.parts.exists():
                done = sum(name.endswith(".done") for name in os.listdir(self.parts))
                if done > (self.marks[-1][0] if self.marks else 0):
                    self.marks.append((done, time.monotonic(), self.cpu_seconds))
            time.sleep(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)  # RSS summed over the process tree
    peaks_pss: list[int] = field(default_factory=list)  # PSS summed over the process tree
    steady: list[float] = field(default_factory=list)  # pages per second after the first part
    steady_cpu: list[float] = field(default_factory=list)  # pages per CPU-second after the first part

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mb(self) -> float:
        return max(self.peaks) / 2**20

    @property
    def peak_pss_mb(self) -> float:
        return max(self.peaks_pss) / 2**20


def run_cli(args: list[str], timing: Timing, parts: Path | None = None, part_pages: list[int] | None = None) -> None:
    """Run ``detector score``; with an output directory ``parts``, also time the parts after the first."""
    started = time.perf_counter()
    process = subprocess.Popen([*CLI, *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    monitor = TreeMonitor(process.pid, parts=parts)
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    peak = monitor.stop()
    if process.returncode not in (0, 1):  # 1: some pages were error rows, which is normal for real pages
        raise RuntimeError(f"detector score failed: {err.decode()[-2000:]}")
    timing.seconds.append(seconds)
    timing.cpu.append(monitor.cpu_seconds)
    timing.peaks.append(peak)
    timing.peaks_pss.append(monitor.peak_pss)
    if part_pages and len(monitor.marks) >= 2:
        (first, t0, c0), (last, t1, c1) = monitor.marks[0], monitor.marks[-1]
        # A part's marker is written as the next part's first task comes back, so that task was done at t0.
        from detector.batch import TASK_PAGES

        pages = sum(part_pages[first:last]) - min(TASK_PAGES, part_pages[first])
        timing.steady.append(pages / (t1 - t0))
        timing.steady_cpu.append(pages / (c1 - c0))


# ---------------------------------------------------------------- inputs

def html_inputs(pages: list[Path], target: Path, copies: int) -> int:
    """``copies`` directories of links to the real pages; returns the page count."""
    for copy in range(copies):
        folder = target / f"copy{copy}"
        folder.mkdir(parents=True)
        for index, page in enumerate(pages):
            suffix = ".html.gz" if page.name.endswith(".gz") else ".html"
            (folder / f"{index:05d}{suffix}").symlink_to(page)
    return copies * len(pages)


def warc_inputs(pages: list[Path], target: Path, copies: int) -> int:
    """``copies`` gzipped WARC files, each holding every real page as an HTTP response
    (one gzip member per record, as crawlers write them); returns the page count."""
    target.mkdir(parents=True)
    members = []
    for index, page in enumerate(pages):
        body = read_page_bytes(page)
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:page-{index:05d}>\r\n"
                f"WARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: https://pages.example/{index}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
        members.append(gzip.compress(head.encode() + http + b"\r\n\r\n", compresslevel=6, mtime=0))
    for copy in range(copies):
        (target / f"copy{copy}.warc.gz").write_bytes(b"".join(members))
    return copies * len(pages)


def text_inputs(pages: list[Path], target: Path, copies: int) -> int:
    """The real pages parsed and rendered as text dumps (by turns in each text layout)."""
    from detector.farm.render import SHOW_ALL, TEXT_LAYOUTS, render_text
    from detector.parse import ParseError, page_from_record

    rng = random.Random(0)
    dumps = []
    for page_path in pages:
        for record in iter_file_records(page_path):
            try:
                page = page_from_record(record)
            except ParseError:
                continue
            dumps.append(render_text(page, TEXT_LAYOUTS[len(dumps) % len(TEXT_LAYOUTS)], rng, SHOW_ALL))
    for copy in range(copies):
        folder = target / f"copy{copy}"
        folder.mkdir(parents=True)
        for index, text in enumerate(dumps):
            (folder / f"{index:05d}.txt").write_text(text, encoding="utf-8")
    return copies * len(dumps)


def stream_inputs(pages: list[Path], target: Path, count: int) -> None:
    """``count`` JSONL records of real pages repeated, in shards of STREAM_SHARD lines."""
    htmls = [r["html"] for p in pages for r in iter_file_records(p) if r["html"]]
    target.mkdir(parents=True)
    for shard in range(0, count, STREAM_SHARD):
        with open(target / f"pages-{shard // STREAM_SHARD:03d}.jsonl", "w", encoding="utf-8") as out:
            for number in range(shard, min(count, shard + STREAM_SHARD)):
                out.write(json.dumps({"id": f"p{number:06d}", "html": htmls[number % len(htmls)]}) + "\n")


# ---------------------------------------------------------------- the runs

def bench_detector(directory: Path, jobs: int, runs: int, work: Path) -> Timing:
    """``runs`` runs over ``directory`` into a directory of parts (one per 2,000 pages).

    Steady throughput is timed from the first part's marker to the last one's: by then
    the process tree has started, imported, loaded the model and met every language.
    """
    from detector.batch import plan_shards

    warm = work / "warm"
    run_cli(["-j", str(jobs), str(directory), "-o", f"{warm}/"], Timing())  # warms the file cache
    # Pages per part, from the warm run's completion markers (a WARC file's pages are known once read).
    part_pages = [json.loads((warm / f"{shard.name}.done").read_text())["pages"]
                  for shard in plan_shards([directory])]
    timing = Timing()
    for number in range(runs):
        out = work / f"parts-{jobs}-{number}"
        run_cli(["-j", str(jobs), str(directory), "-o", f"{out}/"], timing, parts=out, part_pages=part_pages)
    return timing


def machine_scaling() -> float:
    """Wall-clock speed-up of two processes over one on a pure-Python loop: the ceiling for -j 2."""
    import multiprocessing

    def timed(processes: int) -> float:
        started = time.perf_counter()
        workers = [multiprocessing.get_context("fork").Process(target=_spin) for _ in range(processes)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return time.perf_counter() - started

    return 2 * timed(1) / timed(2)


def _spin(n: int = 15_000_000) -> None:
    total = 0
    for i in range(n):
        total += i % 7


# The text extractors a user would otherwise put in front of their own rules: trafilatura (the
# usual choice for news pages) and Resiliparse's main-content extraction (C++ on Lexbor, made
# for web-archive scale). Each is timed on the pages already decoded in memory.
EXTRACTORS = {
    "trafilatura": "trafilatura.extract",
    "resiliparse": "resiliparse extract_plain_text(main_content=True)",
}


def _extract_function(name: str):
    if name == "trafilatura":
        import trafilatura

        return trafilatura.extract
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return lambda html: extract_plain_text(HTMLTree.parse(html), main_content=True)


def bench_extractor(name: str, pages: list[Path], runs: int) -> tuple[int, Timing]:
    """Run in a fresh process (see ``bench_alternative``), so memory is the extractor's own."""
    extract = _extract_function(name)
    htmls = [r["html"] for p in pages for r in iter_file_records(p) if r["html"]]
    extract(htmls[0])  # its imports and lazy set-up are not part of the figure
    timing = Timing()
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        for html in htmls:
            extract(html)
        timing.seconds.append(time.perf_counter() - started)
        timing.cpu.append(time.process_time() - cpu)
        memory = psutil.Process().memory_full_info()
        timing.peaks.append(memory.rss)
        timing.peaks_pss.append(memory.pss)
    return len(htmls), timing


def bench_alternative(name: str, pages: list[Path], runs: int) -> tuple[int, Timing] | None:
    """``bench_extractor`` in a fresh process; None (with a message) when the package is missing."""
    try:
        _extract_function(name)
    except ImportError:
        print(f"{name} is not installed, skipped (pip install -e '.[bench]')", file=sys.stderr)
        return None
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(bench_extractor, name, pages, runs).result()


def bench_streaming(source: Path, out: Path, count: int, jobs: int) -> list[tuple[int, tuple[float, float]]]:
    """(pages done, (peak RSS MB, peak PSS MB) so far) at 10k, 50k and the end of a run over ``source``."""
    process = subprocess.Popen([*CLI, "-j", str(jobs), str(source), "-o", f"{out}/"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    memory = TreeMonitor(process.pid)
    wanted = sorted({min(10_000, count), min(50_000, count), count})
    reached: dict[int, float] = {}
    while process.poll() is None:
        done = len(list(out.glob("part-*.done"))) * STREAM_SHARD if out.exists() else 0
        for mark in wanted:
            if mark not in reached and done >= mark:
                reached[mark] = (memory.peak / 2**20, memory.peak_pss / 2**20)
        time.sleep(0.1)
    memory.stop()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"the streaming run failed with exit code {process.returncode}")
    for mark in wanted:
        reached.setdefault(mark, (memory.peak / 2**20, memory.peak_pss / 2**20))
    return sorted(reached.items())


# ---------------------------------------------------------------- report

def table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="the reference pages (default ../shared/data)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; the median is reported")
    parser.add_argument("--copies", type=int, default=4, help="times the page set is repeated in each run")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--alternative-runs", type=int, default=None,
                        help="runs of each alternative extractor (default: --runs)")
    parser.add_argument("--stream-pages", type=int, default=100_000, help="0 skips the streaming runs")
    parser.add_argument("--stream-jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip", nargs="+", default=[], choices=list(EXTRACTORS),
                        help="alternative extractors not to run")
    args = parser.parse_args()
    if args.copies < 3:
        parser.error("--copies must be at least 3: steady throughput is timed between parts of 2,000 pages")

    data = shared_data_dir(args.data)
    if data is None:
        sys.exit("the reference pages were not found: pass --data DIR or set DETECTOR_SHARED_DATA")
    pages = real_pages(data)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(pages)} real pages from {data}; {cores} cores; median of {args.runs} runs", file=sys.stderr)

    results: list[list[str]] = []
    steady: dict[tuple[str, int], float] = {}  # pages per second, fixed costs removed
    per_cpu: dict[tuple[str, int], float] = {}  # pages per CPU-second, fixed costs removed
    load_before, scaling_before = os.getloadavg()[0], machine_scaling()
    with tempfile.TemporaryDirectory(prefix="detector-bench-") as tmp:
        work = Path(tmp)
        inputs = {"HTML": (work / "html", html_inputs(pages, work / "html", args.copies)),
                  "HTML in WARC": (work / "warc", warc_inputs(pages, work / "warc", args.copies)),
                  "text": (work / "text", text_inputs(pages, work / "text", args.copies))}
        for kind, (directory, count) in inputs.items():
            for jobs in args.jobs:
                print(f"detector, {kind}, --jobs {jobs} ...", file=sys.stderr)
                every = bench_detector(directory, jobs, args.runs, work / f"{kind}-runs")
                steady[(kind, jobs)] = statistics.median(every.steady)
                per_cpu[(kind, jobs)] = statistics.median(every.steady_cpu)
                fixed = every.median - count / steady[(kind, jobs)]
                results.append([kind, f"detector score -j {jobs}", str(count), f"{every.median:.2f}", f"{fixed:.1f}",
                                f"{count / every.median:.0f}", f"{steady[(kind, jobs)]:.0f}",
                                f"{per_cpu[(kind, jobs)]:.0f}", f"{every.peak_mb:.0f}", f"{every.peak_pss_mb:.0f}"])
        for name, label in EXTRACTORS.items():
            if name in args.skip:
                continue
            print(f"{label} ...", file=sys.stderr)
            measured = bench_alternative(name, pages, args.alternative_runs or args.runs)
            if measured is None:
                continue
            count, timing = measured
            steady[(name, 1)] = count / timing.median
            per_cpu[(name, 1)] = count / timing.median_cpu
            results.append(["HTML", f"{label} (in memory, no reading)", str(count), f"{timing.median:.2f}",
                            "-", f"{count / timing.median:.0f}", f"{count / timing.median:.0f}",
                            f"{per_cpu[(name, 1)]:.0f}", f"{timing.peak_mb:.0f}", f"{timing.peak_pss_mb:.0f}"])
        streaming: dict[int, list[tuple[int, tuple[float, float]]]] = {}
        if args.stream_pages:
            print(f"writing {args.stream_pages} pages of JSONL ...", file=sys.stderr)
            stream_inputs(pages, work / "stream", args.stream_pages)
            for jobs in args.stream_jobs:
                print(f"streaming them, --jobs {jobs} ...", file=sys.stderr)
                streaming[jobs] = bench_streaming(work / "stream", work / f"stream-out-{jobs}", args.stream_pages, jobs)
    load_after, scaling_after = os.getloadavg()[0], machine_scaling()

    print(f"{len(pages)} real pages, {cores} cores, median of {args.runs} runs; load average {load_before:.1f} "
          f"before, {load_after:.1f} after; two processes of a pure-Python loop run {scaling_before:.2f}x "
          f"(before) and {scaling_after:.2f}x (after) as fast as one\n")
    print(table(results, ["pages", "run", "pages per run", "median s", "fixed cost s", "pages/s end to end",
                          "pages/s steady", "pages per CPU-second (steady)", "peak RSS MB", "peak PSS MB"]))
    print()
    ratios = []
    for name, label in EXTRACTORS.items():
        if (name, 1) in steady and ("HTML", 1) in steady:
            ratios.append([f"detector HTML -j 1 (steady) / {label}, per second",
                           f"{steady[('HTML', 1)] / steady[(name, 1)]:.2f}x"])
            ratios.append([f"detector HTML -j 1 (steady) / {label}, per CPU-second",
                           f"{per_cpu[('HTML', 1)] / per_cpu[(name, 1)]:.2f}x"])
    for kind in inputs:
        if (kind, 1) in steady and (kind, 2) in steady:
            ratios.append([f"{kind}: -j 2 / -j 1, pages per second (steady)",
                           f"{steady[(kind, 2)] / steady[(kind, 1)]:.2f}x"])
    if ratios:
        print(table(ratios, ["ratio", "value"]))
        print()
    if streaming:
        marks = [pages for pages, _ in next(iter(streaming.values()))]
        rows = [[f"{mark:,}", *[f"{value:.0f}" for j in streaming for value in dict(streaming[j])[mark]]]
                for mark in marks]
        print(table(rows, ["streamed pages (JSONL, real pages repeated)",
                           *[f"peak {kind} MB so far, -j {j}" for j in streaming for kind in ("RSS", "PSS")]]))


if __name__ == "__main__":
    main()
