"""Byline, date and site-name accuracy of the HTML parse on the real pages with stated metadata.

    python benchmarks/metadata_accuracy.py                 # this checkout's parser
    python benchmarks/metadata_accuracy.py --misses byline # and the pages it gets wrong

The ground truth and the comparisons are in ``detector/evaluation/metadata_truth.py``.
That module is loaded by file path, so another checkout's parser can be measured
with the same truth: ``cd OTHER && python /path/to/this/benchmarks/metadata_accuracy.py``
with OTHER on PYTHONPATH.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def _truth_module():
    spec = importlib.util.spec_from_file_location("metadata_truth", HERE / "detector" / "evaluation" / "metadata_truth.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["metadata_truth"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=("byline", "published", "site_name"), help="list the wrong pages of a field")
    args = parser.parse_args()
    from detector.evaluation.catalog import decode_html, shared_data_dir
    from detector.parse import parse_html

    data = shared_data_dir()
    if data is None:
        sys.exit("../shared/data is absent: nothing to measure")
    truth = _truth_module()
    cases = truth.metadata_cases(data, parse_html, decode_html)
    print(f"{'collection':<24}{'field':<11}{'right':>6}{'checked':>9}{'accuracy':>10}")
    for (collection, field), (right, total) in truth.accuracy(cases).items():
        print(f"{collection:<24}{field:<11}{right:>6}{total:>9}{right / total:>10.0%}")
    print(f"{'all':<35}{sum(c.ok for c in cases):>6}{len(cases):>9}{sum(c.ok for c in cases) / len(cases):>10.0%}")
    for case in cases:
        if args.misses == case.field and not case.ok:
            print(f"  {case.page}: expected {case.expected!r}, got {case.got!r}")


if __name__ == "__main__":
    main()
