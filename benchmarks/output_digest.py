"""A digest of everything scoring derives from each page, to check that a change meant to be
invisible (a speed-up, a refactor) changes no output.

    python benchmarks/output_digest.py --write /tmp/before.json     # on the old code
    python benchmarks/output_digest.py --compare /tmp/before.json   # on the new code

For each page it hashes the parsed ``Page`` (every field, blocks included), every signal's
value and evidence, and the text fingerprint (signature, size, credits, passages). Pages are
the real HTML pages of ``../shared/data`` and the rows of ``corpus/records.parquet`` when
present (``detector corpus`` builds it), so HTML, text dumps and records of both farm
generators are covered. ``--compare`` lists the pages whose digest changed, with the part
that changed, and exits 1 if any did.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scoring import real_pages  # noqa: E402
from detector.evaluation.catalog import shared_data_dir  # noqa: E402
from detector.linking.fingerprints import fingerprint  # noqa: E402
from detector.parse import ParseError, page_from_record  # noqa: E402
from detector.readers import iter_file_records  # noqa: E402
from detector.records import normalise_record  # noqa: E402
from detector.signals import run_signals  # noqa: E402


def _hash(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=repr, ensure_ascii=False).encode()).hexdigest()[:16]


def page_digest(record: dict) -> dict[str, str]:
    """Hashes of the parsed page, the signal results and the fingerprint of one raw record."""
    try:
        page = page_from_record(normalise_record(record))
    except ParseError as exc:
        return {"error": _hash(str(exc))}
    results = run_signals(page)
    found = fingerprint(page)
    signature = found.signature.tolist() if found.signature is not None else None
    return {
        "page": _hash(dataclasses.asdict(page)),
        "signals": _hash([(r.name, round(float(r.value), 12), [dataclasses.asdict(e) for e in r.evidence])
                          for r in results]),
        "fingerprint": _hash([signature, found.size, list(found.credits), found.passages]),
    }


def iter_records(corpus_rows: int):
    data = shared_data_dir()
    if data is not None:
        for path in real_pages(data):
            for n, record in enumerate(iter_file_records(path)):
                yield f"real:{path.relative_to(data)}:{n}", record
    corpus = ROOT / "corpus" / "records.parquet"
    if corpus.exists() and corpus_rows:
        import pandas as pd

        frame = pd.read_parquet(corpus).fillna("")
        frame = frame.iloc[::max(1, len(frame) // corpus_rows)].head(corpus_rows)  # every family and format
        for row in frame.to_dict("records"):
            yield f"corpus:{row.get('id', '')}", row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", type=Path, help="write the digests here")
    parser.add_argument("--compare", type=Path, help="compare with digests written before")
    parser.add_argument("--corpus-rows", type=int, default=4000, help="corpus rows to include (0: none)")
    args = parser.parse_args(argv)
    digests = {key: page_digest(record) for key, record in iter_records(args.corpus_rows)}
    print(f"{len(digests)} pages digested", file=sys.stderr)
    if args.write:
        args.write.write_text(json.dumps(digests, sort_keys=True))
    if args.compare:
        before = json.loads(args.compare.read_text())
        changed = {key: sorted(part for part in set(digests.get(key, {})) | set(old)
                               if digests.get(key, {}).get(part) != old.get(part))
                   for key, old in before.items() if digests.get(key) != old}
        added = sorted(set(digests) - set(before))
        for key, parts in sorted(changed.items()):
            print(f"changed {key}: {', '.join(parts)}")
        for key in added:
            print(f"new {key}")
        print(f"{len(changed)} of {len(before)} pages changed, {len(added)} new")
        return 1 if changed or added else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
