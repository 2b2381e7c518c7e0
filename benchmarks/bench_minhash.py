"""MinHash for page fingerprints: detector's NumPy one-permutation hashing vs datasketch and rensa.

For each candidate, on real pages from ../shared/data (main text only):
- CPU ms per page to go from the main text to a 128-value signature (shingling included),
- bytes per stored signature,
- the error of the Jaccard estimate against the exact Jaccard of the word 3-gram sets, on
  pairs of a page and a changed copy of it (part of its paragraphs, some words replaced)
  and on pairs of unrelated pages.

    python benchmarks/bench_minhash.py [--pages 300] [--data DIR]

datasketch and rensa are optional (``pip install datasketch rensa``); a missing one is skipped.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector.evaluation.catalog import shared_data_dir  # noqa: E402
from detector.linking.fingerprints import NUM_PERM, minhash, shingle_hashes  # noqa: E402
from detector.parse import page_from_record  # noqa: E402
from detector.readers import iter_file_records  # noqa: E402
from detector.text import WORD_RE  # noqa: E402


def real_texts(data: Path, limit: int) -> list[str]:
    texts = []
    for path in sorted((data / "trafilatura-eval" / "eval").glob("*.html.gz")):
        for record in iter_file_records(path):
            try:
                page = page_from_record(record)
            except Exception:
                continue
            if len(page.paragraphs) >= 4:
                texts.append("\n".join(page.paragraphs))
        if len(texts) >= limit:
            break
    return texts[:limit]


def changed_copy(text: str, rng: random.Random) -> str:
    """A farm-like copy: 60-100% of the paragraphs, 0-15% of the words replaced."""
    paragraphs = text.split("\n")
    keep = max(1, int(len(paragraphs) * rng.uniform(0.6, 1.0)))
    words = "\n".join(paragraphs[:keep]).split(" ")
    rate = rng.uniform(0.0, 0.15)
    return " ".join("spun" + str(rng.randrange(1000)) if rng.random() < rate else w for w in words)


def word_shingles(text: str) -> list[str]:
    words = [w.lower() for w in WORD_RE.findall(text)]
    return list({" ".join(words[i:i + 3]) for i in range(len(words) - 2)})


def exact_jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def numpy_oph(text: str) -> np.ndarray:
    return minhash(shingle_hashes(text))


_RNG = np.random.default_rng(1)
_A = (_RNG.integers(1, 1 << 62, NUM_PERM, dtype=np.uint64) | np.uint64(1)).reshape(-1, 1)
_B = _RNG.integers(0, 1 << 62, NUM_PERM, dtype=np.uint64).reshape(-1, 1)


def numpy_permutations(text: str) -> np.ndarray:
    """Classic MinHash: NUM_PERM multiply-add permutations of the same shingle hashes."""
    hashes = shingle_hashes(text)
    with np.errstate(over="ignore"):
        return ((_A * hashes[np.newaxis, :] + _B) >> np.uint64(32)).min(axis=1).astype(np.uint32)


def candidates() -> dict:
    found = {"numpy one-permutation (detector)": (numpy_oph, lambda a, b: float(np.mean(a == b)), 4 * NUM_PERM),
             "numpy 128 permutations": (numpy_permutations, lambda a, b: float(np.mean(a == b)), 4 * NUM_PERM)}
    try:
        from datasketch import MinHash

        def datasketch_sig(text):
            m = MinHash(num_perm=NUM_PERM, seed=1)
            m.update_batch([s.encode() for s in word_shingles(text)])
            return m

        found["datasketch 2.x MinHash"] = (datasketch_sig, lambda a, b: a.jaccard(b), 8 * NUM_PERM)
    except ImportError:
        print("datasketch not installed: skipped", file=sys.stderr)
    try:
        from rensa import CMinHash, RMinHash

        def rensa_sig(text, kind=RMinHash):
            m = kind(num_perm=NUM_PERM, seed=1)
            m.update(word_shingles(text))
            return m

        found["rensa RMinHash"] = (rensa_sig, lambda a, b: a.jaccard(b), 4 * NUM_PERM)
        found["rensa CMinHash"] = (lambda t: rensa_sig(t, CMinHash), lambda a, b: a.jaccard(b), 8 * NUM_PERM)
    except ImportError:
        print("rensa not installed: skipped", file=sys.stderr)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--data", help="the reference pages (default ../shared/data)")
    args = parser.parse_args()
    data = shared_data_dir(args.data)
    if data is None:
        sys.exit("the reference pages (../shared/data) are not here")
    texts = real_texts(data, args.pages)
    rng = random.Random(7)
    copies = [changed_copy(t, rng) for t in texts]
    pairs = [(t, c) for t, c in zip(texts, copies)] + [(texts[i], texts[i - 1]) for i in range(1, len(texts), 3)]
    exact = np.array([exact_jaccard(set(word_shingles(a)), set(word_shingles(b))) for a, b in pairs])
    print(f"{len(texts)} real pages, {np.mean([len(t) for t in texts]):.0f} characters of main text on average; "
          f"{len(pairs)} pairs, exact Jaccard {exact.min():.2f}-{exact.max():.2f}\n")
    print("| implementation | ms/page | bytes/signature | mean abs error | error p95 | error at J>=0.3 (mean) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (make, compare, size) in candidates().items():
        for text in texts[:20]:
            make(text)  # warm-up
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            for text in texts:
                make(text)
            best = min(best, (time.process_time() - started) / len(texts) * 1000)
        estimates = np.array([compare(make(a), make(b)) for a, b in pairs])
        error = np.abs(estimates - exact)
        high = exact >= 0.3
        print(f"| {name} | {best:.3f} | {size} | {error.mean():.4f} | {np.quantile(error, 0.95):.4f} | "
              f"{error[high].mean():.4f} |")


if __name__ == "__main__":
    main()
