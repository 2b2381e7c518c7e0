"""Peak memory of scoring one page, by page size: what one huge page costs a worker.

    python benchmarks/bench_page_memory.py                 # 1, 4, 8, 15 and 30 MB: about a minute
    python benchmarks/bench_page_memory.py --sizes 2 60 --max-page-mb 64   # other sizes, a higher limit

Each size is measured in a fresh process: it imports detector, loads the model and scores a
small page (so the word lists are loaded), notes its resident memory (the base), then scores
one generated article page of the given size from a file with ``batch.run`` (read, parse,
signals, model, CSV out: the single-process path) and reads its peak resident memory
(``ru_maxrss``). The page is invented text: an article of many paragraphs with links and
the usual page furniture, about the shape of a real page scaled up.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORDS = ("the council said on tuesday that its budget for roads schools and parks would grow next year after "
         "a long debate residents asked whether the money was enough while officials pointed to new rules "
         "about spending reports a spokesperson added details later in the week").split()

CHILD = r"""
import json, resource, sys, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from detector import batch
small, big, out = Path(sys.argv[2]), Path(sys.argv[3]), Path(tempfile.mkdtemp())
limit = int(sys.argv[4]) or None
batch.run([small], out / "small.csv", jobs=1, page_timeout=0)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
summary = batch.run([big], out / "big.csv", jobs=1, page_timeout=0, max_page_bytes=limit)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"base": base, "peak": peak, "errors": summary.errors, "reasons": dict(summary.error_reasons)}))
"""


def article(size: int, seed: int = 0) -> str:
    """An invented article page of about ``size`` bytes."""
    rng = random.Random(seed)
    head = ("<!doctype html><html><head><meta charset='utf-8'><title>Council budget grows | The Example Post</title>"
            "<meta property='og:site_name' content='The Example Post'></head><body><header><nav>"
            + "".join(f"<a href='/section/{i}'>Section {i}</a>" for i in range(12))
            + "</nav></header><main><article><h1>Council budget grows</h1><p>By Ida Marr</p>")
    tail = "</article></main><footer><p>Copyright The Example Post</p></footer></body></html>"
    parts, total = [head], len(head) + len(tail)
    while total < size:
        words = [rng.choice(WORDS) + ("" if rng.random() > 0.1 else str(rng.randrange(1000))) for _ in range(80)]
        link = f" <a href='/story/{rng.randrange(10**6)}'>{' '.join(words[:4])}</a>" if rng.random() < 0.3 else ""
        paragraph = f"<p>{' '.join(words).capitalize()}.{link}</p>\n"
        parts.append(paragraph)
        total += len(paragraph)
    parts.append(tail)
    return "".join(parts)


def measure(size_mb: float, folder: Path, limit_mb: int = 0) -> dict:
    small, big = folder / "small.html", folder / f"page-{size_mb:g}mb.html"
    small.write_text(article(3000, seed=1), encoding="utf-8")
    big.write_text(article(int(size_mb * (1 << 20))), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(small), str(big), str(limit_mb << 20)],
                          capture_output=True, text=True, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    found["size"] = big.stat().st_size
    big.unlink()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 8, 15, 30], help="page sizes in MB")
    parser.add_argument("--max-page-mb", type=int, default=0, help="the page size limit (default: detector's)")
    args = parser.parse_args()
    print("| page | base RSS | peak RSS | peak - base | (peak - base) / page | row |")
    print("|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as folder:
        for size_mb in args.sizes:
            m = measure(size_mb, Path(folder), args.max_page_mb)
            added = m["peak"] - m["base"]
            row = "error: " + ", ".join(m["reasons"]) if m["errors"] else "scored"
            print(f"| {m['size'] / 2**20:.1f} MB | {m['base'] / 2**20:.0f} MB | {m['peak'] / 2**20:.0f} MB "
                  f"| {added / 2**20:.0f} MB | {added / m['size']:.1f}x | {row} |", flush=True)


if __name__ == "__main__":
    main()
