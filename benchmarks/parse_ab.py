"""CPU per page of the parse, this working tree against a git revision, interleaved page by page.

    python benchmarks/parse_ab.py                      # against HEAD, HTML pages, 3 passes
    python benchmarks/parse_ab.py --base 5cdd65f --format text

On a shared machine the load changes from one minute to the next, so two runs timed one
after the other can differ by 15% with no change in the code. Here both versions parse each
real page in turn (which one goes first alternates), so the load falls on both alike and
their ratio holds to about 1%. The revision's ``detector`` package is extracted with
``git archive`` into a temporary folder and imported as ``detector_base`` (the parser's
modules import each other relatively, so each version runs its own code). Text dumps are
the real pages rendered as ``profile_stages.py`` renders them.
"""
from __future__ import annotations

import argparse
import importlib
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scoring import real_pages  # noqa: E402
from detector.evaluation.catalog import shared_data_dir  # noqa: E402
from detector.farm.render import SHOW_ALL, TEXT_LAYOUTS, render_text  # noqa: E402
from detector.readers import iter_file_records  # noqa: E402


def base_parser(revision: str, folder: Path):
    """The ``detector.parse`` module of ``revision``, importable beside the working tree's."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "detector"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    (folder / "detector").rename(folder / "detector_base")
    sys.path.insert(0, str(folder))
    return importlib.import_module("detector_base.parse")


def parse_once(parser, record) -> None:
    try:
        parser.page_from_record(record)
    except parser.ParseError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="git revision to compare with (default HEAD)")
    parser.add_argument("--format", choices=("html", "text"), default="html")
    parser.add_argument("--passes", type=int, default=3, help="timed passes, after one warm-up pass")
    parser.add_argument("--data", type=Path, help="the reference pages (default ../shared/data)")
    args = parser.parse_args()
    data = shared_data_dir(args.data)
    if data is None:
        sys.exit("the reference pages were not found: pass --data DIR or set DETECTOR_SHARED_DATA")

    import detector.parse as new

    records = [record for path in real_pages(data) for record in iter_file_records(path)]
    if args.format == "text":
        rng = random.Random(0)
        pages = []
        for record in records:
            try:
                pages.append(new.page_from_record(record))
            except new.ParseError:
                pass
        records = [{"id": page.id, "text": render_text(page, TEXT_LAYOUTS[i % len(TEXT_LAYOUTS)], rng, SHOW_ALL)}
                   for i, page in enumerate(pages)]

    with tempfile.TemporaryDirectory() as folder:
        base = base_parser(args.base, Path(folder))
        spent = {"base": 0.0, "new": 0.0}
        clock = time.process_time
        for run in range(args.passes + 1):
            for index, record in enumerate(records):
                order = (("base", base), ("new", new)) if (index + run) % 2 else (("new", new), ("base", base))
                for name, module in order:
                    started = clock()
                    parse_once(module, record)
                    if run:  # the first pass warms the caches
                        spent[name] += clock() - started
    count = len(records) * args.passes
    base_ms, new_ms = (1000 * spent[name] / count for name in ("base", "new"))
    print(f"{len(records)} real pages ({args.format}), CPU ms per page over {args.passes} interleaved passes: "
          f"{args.base} {base_ms:.3f}, working tree {new_ms:.3f}, ratio {new_ms / base_ms:.3f}")


if __name__ == "__main__":
    main()
