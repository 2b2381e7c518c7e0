"""Linking at scale, on synthetic fingerprints: time and memory for N pages, and LSH recall
against an exhaustive pairwise comparison on a sample.

    python benchmarks/bench_linking.py [--pages 1000000] [--sample 4000] [--chunked [--part-pages 2000]]

``--chunked`` links the fingerprints the way an output directory is linked (``linking.chunked``):
written first (by a child process, so that making them does not count) as Parquet files of
``--part-pages`` rows, then linked from the files, holding band keys rather than signatures.
Peak RSS is this process's, so run one mode per invocation.

The signatures are random (unrelated pages) except for clusters: an origin and 1-5 copies
whose signatures agree with it on a share of positions drawn from 0.2-1.0 (the estimated
Jaccard), as copies of various kinds would. Exactness: every pair of a sample is compared
on the whole signature (the same check as a link) and the pairs whose containment is >= 0.8
are the truth the banding must find.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector.linking.fingerprints import NUM_PERM  # noqa: E402
from detector.linking.lsh import MIN_JACCARD, containment_of_smaller, link  # noqa: E402
from detector.linking.stage import link_batch  # noqa: E402


def synthetic(pages: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(signatures, sizes, domains, truth cluster per row or -1) for ``pages`` pages, a tenth in clusters."""
    rng = np.random.default_rng(seed)
    signatures = rng.integers(0, 1 << 32, size=(pages, NUM_PERM), dtype=np.uint32)
    sizes = rng.integers(100, 1500, size=pages)
    domains = rng.integers(0, pages // 20, size=pages)
    truth = np.full(pages, -1)
    at, cluster = 0, 0
    while at < pages // 10:
        copies = int(rng.integers(1, 6))
        origin = at
        for copy in range(origin + 1, min(origin + 1 + copies, pages)):
            share = rng.uniform(0.2, 1.0)
            keep = rng.random(NUM_PERM) < share
            signatures[copy, keep] = signatures[origin, keep]
            sizes[copy] = sizes[origin]
            truth[copy] = cluster
        truth[origin] = cluster
        at, cluster = origin + 1 + copies, cluster + 1
    return signatures, sizes, domains, truth


def fingerprint_table(signatures: np.ndarray, sizes: np.ndarray, domains: np.ndarray) -> pd.DataFrame:
    """The synthetic fingerprints as the table the batch links (short ids, no passages, no credits)."""
    count = len(signatures)
    return pd.DataFrame({
        "row": np.arange(count), "id": [f"p{i}" for i in range(count)], "url": "",
        "domain": [f"site{d}.example" for d in domains], "site_name": "", "source": "", "published": "",
        "credits": "", "size": sizes, "signature": [row.tobytes() for row in signatures], "passages": ""})


def exhaustive_pairs(signatures: np.ndarray, sizes: np.ndarray, min_containment: float) -> set[tuple[int, int]]:
    found = set()
    for i in range(len(signatures) - 1):
        jaccard = (signatures[i + 1:] == signatures[i]).sum(axis=1) / NUM_PERM
        contained = containment_of_smaller(jaccard, np.full(len(jaccard), sizes[i]), sizes[i + 1:])
        for j in np.flatnonzero((contained >= min_containment) & (jaccard >= MIN_JACCARD)):
            found.add((i, i + 1 + int(j)))
    return found


def real_exactness() -> None:
    """LSH pair recall against exhaustive comparison on real pages and their built copies."""
    from detector.evaluation.catalog import shared_data_dir
    from detector.evaluation.linking import build_cases, held_out_originals
    from detector.linking.fingerprints import fingerprint, fingerprint_frame, signature_matrix
    from detector.parse import page_from_record

    cases = build_cases(held_out_originals(shared_data_dir()))
    table = fingerprint_frame([fingerprint(page_from_record(c.record), c.record["id"]) for c in cases])
    signatures, sizes = signature_matrix(table), table["size"].to_numpy()
    usable = np.flatnonzero(sizes > 0)
    for level in (0.8, 0.5):
        truth = {(int(usable[i]), int(usable[j]))
                 for i, j in exhaustive_pairs(signatures[usable], sizes[usable], level)}
        links = link(signatures, sizes)
        found = set(zip(links.left.tolist(), links.right.tolist()))
        print(f"exactness on {len(cases)} real and built pages: {len(truth)} pairs with containment >= {level} "
              f"by exhaustive comparison, LSH pair recall {len(truth & found) / max(1, len(truth)):.4f}")


def write_parts(pages: int, part_pages: int, out_dir: Path) -> None:
    """The synthetic fingerprints as fingerprint files of ``part_pages`` rows each."""
    signatures, sizes, domains, _ = synthetic(pages)
    for number, start in enumerate(range(0, pages, part_pages)):
        stop = min(pages, start + part_pages)
        table = fingerprint_table(signatures[start:stop], sizes[start:stop], domains[start:stop])
        table.to_parquet(out_dir / f"part-{number:05d}.fp.parquet", index=False)


def chunked_run(pages: int, part_pages: int) -> None:
    import subprocess
    import tempfile

    import pyarrow.parquet as pq

    from detector.linking.chunked import Chunk, link_chunks

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--write-parts", folder, "--pages", str(pages),
                        "--part-pages", str(part_pages)], check=True)
        made = time.perf_counter() - started
        paths = sorted(Path(folder).glob("part-*.fp.parquet"))
        chunks = [Chunk(pq.ParquetFile(path).metadata.num_rows,
                        lambda columns, path=path: pd.read_parquet(path, columns=columns)) for path in paths]
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started, cpu = time.perf_counter(), time.process_time()
        links = link_chunks(chunks)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{pages:,} fingerprints in {len(paths)} files of {part_pages} (written in {made:.0f} s): linked from the "
          f"files in {wall:.1f} s wall, {cpu:.1f} s CPU; {len(links.linked.relations):,} copies in "
          f"{len(links.rows):,} linked pages; peak RSS {peak / 1024:.0f} MB ({before / 1024:.0f} MB before linking)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=4000, help="pages compared exhaustively (0: skip)")
    parser.add_argument("--real", action="store_true",
                        help="also compare exhaustively on the linking evaluation's pages (needs ../shared/data)")
    parser.add_argument("--chunked", action="store_true", help="link from fingerprint files, as a directory is")
    parser.add_argument("--part-pages", type=int, default=2000)
    parser.add_argument("--write-parts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.write_parts:
        write_parts(args.pages, args.part_pages, args.write_parts)
        return
    if args.chunked:
        chunked_run(args.pages, args.part_pages)
        return
    if args.real:
        real_exactness()

    if args.sample:
        signatures, sizes, _, _ = synthetic(args.sample, seed=1)
        truth = exhaustive_pairs(signatures, sizes, 0.8)
        links = link(signatures, sizes)
        found = set(zip(links.left.tolist(), links.right.tolist()))
        print(f"exactness on {args.sample} pages: {len(truth)} pairs with containment >= 0.8 by exhaustive "
              f"comparison, LSH pair recall {len(truth & found) / max(1, len(truth)):.4f}")

    started = time.perf_counter()
    signatures, sizes, domains, truth = synthetic(args.pages)
    made = time.perf_counter() - started
    table = fingerprint_table(signatures, sizes, domains)
    del signatures
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    linked = link_batch(table)  # the whole stage: signatures, candidates, checks, clusters, origins
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    in_clusters = int((linked.columns["cluster"] != "").sum())
    print(f"{args.pages:,} fingerprints (made in {made:.0f} s): linked in {wall:.1f} s wall, {cpu:.1f} s CPU; "
          f"{len(linked.relations):,} copies in {in_clusters:,} clustered pages "
          f"({int((truth >= 0).sum()):,} made as clusters); peak RSS {peak / 1024:.0f} MB "
          f"({before / 1024:.0f} MB holding the fingerprint table before linking)")


if __name__ == "__main__":
    main()
