"""How often each signal fires on real pages: the false-positive risk of every behaviour.

    python -m detector.evaluation.behaviours                 # Markdown table, all signals
    python -m detector.evaluation.behaviours --signals feed_footer,excerpt_only --examples 5
    python -m detector.evaluation.behaviours --timing        # adds µs per page for each signal
    python -m detector.evaluation.behaviours --signals none --grep 'ad label=^(advertisement|anzeige)$'

Every real page of the reference collections (``iter_real_pages``) is parsed once and
labelled from ``data/real_labels.csv`` as the corpus does (excluded pages left out);
each signal's firing rate is counted on the originals and on the syndicated pages, and
on the originals by language. The Chinese extraction collection, which
``iter_real_pages`` does not read, is counted in a column of its own: the main
collections hold only a handful of Chinese pages, and the signals that read words must
be checked in Chinese too. A signal that fires on real originals fires on pages no farm
made; docs/farm-behaviours.md quotes this table.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..page import Page
from ..parse import ParseError, page_from_record
from ..readers import iter_file_records
from ..signals import SIGNALS, Signal
from ..signals.base import Evidence, result
from .catalog import iter_real_pages, load_real_labels, normalise_lang, shared_data_dir

# Languages with a column of their own: the ones the detector must read (and has pages in).
LANGUAGE_COLUMNS = ("en", "de", "es", "fr", "ja", "zh", "ru", "id")
CHINESE_COLLECTION = Path("chinese-web-extraction") / "original"


@dataclass(frozen=True)
class RealParsed:
    path: str
    label: str  # "original" or "syndicated"
    lang: str  # primary subtag, "" when unknown
    page: Page


def _parsed(path: Path, page_id: str, url: str = "") -> Page | None:
    record = next(iter_file_records(path))
    record.update(id=page_id, url=url or record.get("url", ""))
    if record.get("error"):
        return None
    try:
        return page_from_record(record)
    except ParseError:
        return None


def iter_labelled_pages(data_dir: Path) -> Iterator[RealParsed]:
    """The real pages the corpus uses, parsed, with their label; unreadable ones are skipped."""
    labels = load_real_labels()
    for real in iter_real_pages(data_dir):
        label = labels.get(real.path, ("original", ""))[0]
        if label == "exclude":
            continue
        page = _parsed(data_dir / real.path, real.path, real.url)
        if page is not None:
            yield RealParsed(real.path, label, real.lang or normalise_lang(page.lang), page)


def iter_chinese_pages(data_dir: Path) -> Iterator[RealParsed]:
    """The Chinese extraction collection's pages (news, blogs, government sites, forums), as originals."""
    for file in sorted((data_dir / CHINESE_COLLECTION).glob("*.html")):
        page = _parsed(file, file.relative_to(data_dir).as_posix())
        if page is not None:
            yield RealParsed(file.relative_to(data_dir).as_posix(), "original", "zh", page)


@dataclass
class Rates:
    """Firing counts of one signal over groups of pages."""

    fired: Counter
    total: Counter
    examples: list  # (group, path, evidence text) of fired pages

    def cell(self, group: str) -> str:
        n, total = self.fired[group], self.total[group]
        if not total:
            return "–"
        return f"{n}/{total} ({100 * n / total:.1f}%)" if n else f"0/{total}"

    def share(self, group: str) -> float:
        return self.fired[group] / self.total[group] if self.total[group] else 0.0


def _groups(item: RealParsed, chinese: bool) -> list[str]:
    if chinese:
        return ["zh-extra"]
    groups = [item.label]
    if item.label == "original":
        groups.append(f"original:{item.lang if item.lang in LANGUAGE_COLUMNS else 'other'}")
    return groups


def measure(signals: Iterable[Signal], pages: list[RealParsed], chinese: list[RealParsed],
            keep_examples: int = 0) -> dict[str, Rates]:
    """Firing counts of every signal by group: "original", "syndicated", "original:<lang>", "zh-extra"."""
    rates = {s.name: Rates(Counter(), Counter(), []) for s in signals}
    for item, is_chinese in [(p, False) for p in pages] + [(p, True) for p in chinese]:
        groups = _groups(item, is_chinese)
        for sig in signals:
            outcome = sig(item.page)
            entry = rates[sig.name]
            for group in groups:
                entry.total[group] += 1
                entry.fired[group] += outcome.fired
            if outcome.fired and len(entry.examples) < keep_examples and groups[0] in ("original", "zh-extra"):
                quote = outcome.evidence[0].text[:80] if outcome.evidence else ""
                entry.examples.append((groups[0], item.path, quote))
    return rates


def pattern_signal(spec: str) -> Signal:
    """A throwaway signal from "name=REGEX": fires on a page whose title or a paragraph matches
    (case-insensitive, ^ and $ at line ends). Measures how often a behaviour's surface form
    shows on real pages before anyone writes a signal for it."""
    name, _, pattern = spec.partition("=")
    if not name or not pattern:
        raise ValueError(f"--grep wants NAME=REGEX, got {spec!r}")
    regex = re.compile(pattern, re.IGNORECASE | re.MULTILINE)

    def matches(page: Page):
        for field, text in [("title", page.title)] + [(f"paragraphs[{i}]", p) for i, p in enumerate(page.paragraphs)]:
            found = regex.search(text)
            if found:
                return result(name, 1.0, [Evidence.at(page, field, found.start(), found.end(), "pattern")])
        return result(name, 0.0)

    return Signal(name, "pattern", f"pages matching {pattern!r}", matches)


def time_signals(signals: Iterable[Signal], pages: list[Page], runs: int = 3) -> dict[str, float]:
    """Median CPU microseconds per page of each signal, run alone over all pages (after a warm-up pass)."""
    costs = {}
    for sig in signals:
        for page in pages:
            sig(page)
        samples = []
        for _ in range(runs):
            started = time.process_time()
            for page in pages:
                sig(page)
            samples.append(time.process_time() - started)
        costs[sig.name] = 1e6 * sorted(samples)[len(samples) // 2] / max(1, len(pages))
    return costs


def markdown_table(signals: list[Signal], rates: dict[str, Rates], costs: dict[str, float] | None = None) -> str:
    languages = [lang for lang in LANGUAGE_COLUMNS
                 if any(rates[s.name].total[f"original:{lang}"] for s in signals)] + ["other"]
    header = ["signal", "family", "originals", "syndicated"] + [f"orig. {lang}" for lang in languages] + ["zh extra"]
    if costs is not None:
        header.append("µs/page")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for sig in signals:
        entry = rates[sig.name]
        row = [f"`{sig.name}`", sig.family, entry.cell("original"), entry.cell("syndicated")]
        row += [entry.cell(f"original:{lang}") for lang in languages] + [entry.cell("zh-extra")]
        if costs is not None:
            row.append(f"{costs[sig.name]:.0f}")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m detector.evaluation.behaviours", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="the reference data (default: $DETECTOR_SHARED_DATA or ../shared/data)")
    parser.add_argument("--signals", help="comma-separated signal names, or 'none' (default: every registered signal)")
    parser.add_argument("--grep", action="append", default=[], metavar="NAME=REGEX",
                        help="also count pages whose title or a paragraph matches REGEX (repeatable)")
    parser.add_argument("--examples", type=int, default=0, help="list up to N fired real originals per signal")
    parser.add_argument("--timing", action="store_true", help="add each signal's CPU µs per page")
    args = parser.parse_args(argv)

    data_dir = shared_data_dir(args.data_dir)
    if data_dir is None:
        print("the reference data is absent (../shared/data, or set DETECTOR_SHARED_DATA)", file=sys.stderr)
        return 2
    signals = list(SIGNALS)
    if args.signals == "none":
        signals = []
    elif args.signals:
        wanted = [name.strip() for name in args.signals.split(",") if name.strip()]
        by_name = {s.name: s for s in SIGNALS}
        unknown = [name for name in wanted if name not in by_name]
        if unknown:
            print(f"unknown signal(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        signals = [by_name[name] for name in wanted]
    try:
        signals += [pattern_signal(spec) for spec in args.grep]
    except (ValueError, re.error) as error:
        print(f"--grep: {error}", file=sys.stderr)
        return 2

    pages = list(iter_labelled_pages(data_dir))
    chinese = list(iter_chinese_pages(data_dir))
    rates = measure(signals, pages, chinese, keep_examples=args.examples)
    costs = time_signals(signals, [p.page for p in pages]) if args.timing else None
    counts = Counter(p.label for p in pages)
    print(f"Real pages: {counts['original']} originals, {counts['syndicated']} syndicated "
          f"(data/real_labels.csv); {len(chinese)} Chinese originals (chinese-web-extraction) in 'zh extra'.\n")
    print(markdown_table(signals, rates, costs))
    if args.examples:
        by_signal = defaultdict(list)
        for name, entry in rates.items():
            by_signal[name] = entry.examples
        for sig in signals:
            if by_signal[sig.name]:
                print(f"\n{sig.name}:")
                for group, path, quote in by_signal[sig.name]:
                    print(f"  [{group}] {path}: {quote!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
