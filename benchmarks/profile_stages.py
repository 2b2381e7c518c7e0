"""CPU per page of each scoring step on the real pages, in one process: where the time goes.

    python benchmarks/profile_stages.py            # about a minute and a half

The pages are read once into memory, then each step is timed over all of them (median of
``--runs`` passes, after one warm-up pass): reading (open, gunzip, decode), parsing the HTML
and the text renderings of the same pages, the shared tokenising and word-list look-ups,
and each signal with those shared results already computed. The per-signal caches hold the
last 64 pages, so each pass over 1,460 pages recomputes everything.

A second table times the Lexbor queries of the HTML parse on the same pages, each on a tree
parsed just before as in a real parse: what each lookup costs and what the alternatives
measured against them would cost.

It also prints what a fresh process holds (resident memory) after each import, after
loading the model, and after the word lists of the languages the real pages use.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scoring import real_pages  # noqa: E402
from detector.evaluation.catalog import shared_data_dir  # noqa: E402
from detector.farm.render import SHOW_ALL, TEXT_LAYOUTS, render_text  # noqa: E402
from detector.parse import ParseError, page_from_record  # noqa: E402
from detector.parse import html as parse_html_module  # noqa: E402
from detector.parse.html_blocks import _CANDIDATES, _WIDGET_WORDS  # noqa: E402
from detector.parse.html_meta import json_ld_objects, meta_values, read_json_ld  # noqa: E402
from detector.parse.html_text import _JUNK_SELECTOR  # noqa: E402
from detector.readers import iter_file_records  # noqa: E402
from detector.signals import SIGNALS  # noqa: E402
from detector.text import body_profile, body_tokens, rare_words  # noqa: E402


def per_page_ms(step, items, runs: int) -> float:
    """Median CPU milliseconds per item of ``step`` over ``runs`` passes (after a warm-up)."""
    step(items)
    times = []
    for _ in range(runs):
        started = time.process_time()
        step(items)
        times.append(time.process_time() - started)
    return 1000 * statistics.median(times) / len(items)


def parse_all(records):
    pages = []
    for record in records:
        try:
            pages.append(page_from_record(record))
        except ParseError:
            pass
    return pages


def shared_work(pages):
    for page in pages:
        lang = body_profile(page.paragraphs, page.lang).lang
        body_tokens(page.paragraphs)
        rare_words(page.paragraphs, lang)
        rare_words(page.paragraphs, "en")


def signal_costs(pages, runs: int) -> dict[str, float]:
    """CPU ms per page of each signal, the shared work of each page done just before."""
    totals = {s.name: [] for s in SIGNALS}
    for _ in range(runs + 1):
        spent = dict.fromkeys(totals, 0.0)
        for page in pages:
            shared_work([page])
            for s in SIGNALS:
                started = time.process_time()
                s(page)
                spent[s.name] += time.process_time() - started
        for name, seconds in spent.items():
            totals[name].append(seconds)
    return {name: 1000 * statistics.median(seconds[1:]) / len(pages) for name, seconds in totals.items()}


def fingerprint_cost(pages, runs: int) -> float:
    """CPU ms per page of the text fingerprint (detector.linking), the page's signals run just
    before it as in the scoring pass (the body's credits are then cached)."""
    from detector.linking.fingerprints import fingerprint
    from detector.signals import run_signals

    totals = []
    for _ in range(runs + 1):
        spent = 0.0
        for page in pages:
            run_signals(page)
            started = time.process_time()
            fingerprint(page)
            spent += time.process_time() - started
        totals.append(spent)
    return 1000 * statistics.median(totals[1:]) / len(pages)


# Run in a fresh interpreter, so each figure is what that step adds to a process.
_MEMORY_STEPS = """
import collections, psutil, sys
rss = lambda: psutil.Process().memory_info().rss / 2**20
print(f"| Python | {rss():.0f} |")
import numpy; print(f"| + NumPy | {rss():.0f} |")
import pandas; print(f"| + pandas | {rss():.0f} |")
import pyarrow.parquet; print(f"| + pyarrow (Parquet output) | {rss():.0f} |")
import detector.api; from detector.model import cached_model; cached_model(None)
assert "sklearn" not in sys.modules and "scipy" not in sys.modules
print(f"| + detector, its libraries and the model | {rss():.0f} |")
from detector import text
langs = [lang for lang, _ in collections.Counter(sys.argv[1:]).most_common() if lang in text.WORDFREQ_LANGS]
for lang in langs:
    text.frequent_words(lang, 50_000); text.zipf("zzxq", lang)
print(f"| + the word lists of {len(langs)} languages ({', '.join(langs)}) | {rss():.0f} |")
import sklearn.ensemble, sklearn.calibration
print(f"| (+ scikit-learn with SciPy, which scoring does not import) | {rss():.0f} |")
"""


_CLASS_OR_ID = re.compile(r"""\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def per_fresh_tree_ms(step, htmls: list[str], runs: int) -> float:
    """Median CPU ms per page of ``step(tree)`` on a tree parsed just before, as in a real parse.

    A tree parsed long before, held in memory with all the others, is out of the CPU caches:
    timed that way a walk over it costs several times more than it does in a parse.
    """
    from selectolax.lexbor import LexborHTMLParser

    passes = []
    for _ in range(runs + 1):
        spent, timed = 0.0, 0
        for html in htmls:
            tree = LexborHTMLParser(html)
            if tree.body is None:
                continue
            started = time.process_time()
            step(tree)
            spent += time.process_time() - started
            timed += 1
        passes.append(spent / timed)
    return 1000 * statistics.median(passes[1:])


def query_costs(records, runs: int) -> list[tuple[str, float]]:
    """CPU ms per page of the parse's Lexbor queries and of the alternatives tried against them."""
    from selectolax.lexbor import LexborHTMLParser

    htmls = [record["html"] for record in records if record.get("html")]
    h = parse_html_module
    conditional = ", ".join([h.BYLINE_SELECTOR, h.DATE_SELECTOR, "[class*=breadcrumb i]"])

    def query(selector):
        return lambda tree: tree.root.css(selector)

    def lookups(tree):  # what the byline, date and category look-ups cost when the metadata is read first
        found = h._first_pass(tree)
        meta, ld = meta_values(found["meta"]), read_json_ld(json_ld_objects(found["script"]))
        h._byline(meta, ld), h._published(meta, ld, tree.body), h._category(meta, ld, tree.body, "")

    def metadata(tree):
        found = h._first_pass(tree)
        meta_values(found["meta"]), read_json_ld(json_ld_objects(found["script"]))

    def lowered(items):
        return [[word in low for word in _WIDGET_WORDS] for low in map(str.lower, items)]

    def class_and_id_values(items):
        return [" ".join(m.group(0) for m in _CLASS_OR_ID.finditer(html)).lower() for html in items]

    def fresh(step):
        return per_fresh_tree_ms(step, htmls, runs)

    def parse_only(items):
        for html in items:
            LexborHTMLParser(html)

    trees = (tree for tree in map(LexborHTMLParser, htmls) if tree.body is not None)
    matching = [sum(tree.root.css_first(f"[{attr}*={word} i]") is not None
                    for word in _WIDGET_WORDS for attr in ("class", "id")) for tree in trees]
    widgets = ", ".join(f"[{attr}*={word} i]" for word in _WIDGET_WORDS for attr in ("class", "id"))
    whole_words = widgets.replace("*=", "~=")
    return [
        ("Lexbor's parse itself", per_page_ms(parse_only, htmls, runs)),
        ("a walk matching nothing (a tag no page has)", fresh(query("no-such-tag"))),
        ("first walk (meta, JSON-LD, title, canonical, br, h1)", fresh(query(h._FIRST_PASS))),
        ("first walk with the byline, date and breadcrumb selectors added",
         fresh(query(f"{h._FIRST_PASS}, {conditional}"))),
        ("byline, date and breadcrumb look-ups as run (after the metadata), on average",
         fresh(lookups) - fresh(metadata)),
        ("byline query (when run)", fresh(query(h.BYLINE_SELECTOR))),
        ("breadcrumb links: the trails, then their links (when run)", fresh(lambda tree: h._breadcrumb_links(tree.body))),
        ('the same as one selector, "[class*=breadcrumb i] a"', fresh(query("[class*=breadcrumb i] a"))),
        (f"link-block query ({_CANDIDATES.count(',') + 1} selectors)", fresh(query(_CANDIDATES))),
        ("its 14 widget selectors alone", fresh(query(widgets))),
        ("the 14 as whole words ([class~=related i], ...), which match less", fresh(query(whole_words))),
        ("one widget selector, [class*=related i]", fresh(query("[class*=related i]"))),
        ("junk selector over the whole page", fresh(query(_JUNK_SELECTOR))),
        ("pre-filter: html.lower() and a test per widget word", per_page_ms(lowered, htmls, runs)),
        ("pre-filter: a regex collecting class and id values", per_page_ms(class_and_id_values, htmls, runs)),
        ("widget selectors (of 14) matching anything: mean per page (not ms)", statistics.mean(matching)),
        ("widget selectors (of 14) matching anything: median page (not ms)", statistics.median(matching)),
    ]


def memory_steps(pages) -> str:
    langs = [body_profile(page.paragraphs, page.lang).lang for page in pages]
    return subprocess.run([sys.executable, "-c", _MEMORY_STEPS, *langs], capture_output=True, text=True,
                          check=True, cwd=ROOT).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="the reference pages (default ../shared/data)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = shared_data_dir(args.data)
    if data is None:
        sys.exit("the reference pages were not found: pass --data DIR or set DETECTOR_SHARED_DATA")

    paths = real_pages(data)
    records = [record for path in paths for record in iter_file_records(path)]
    html_pages = parse_all(records)
    rng = random.Random(0)
    texts = [{"id": page.id, "text": render_text(page, TEXT_LAYOUTS[i % len(TEXT_LAYOUTS)], rng, SHOW_ALL)}
             for i, page in enumerate(html_pages)]
    text_pages = parse_all(texts)

    rows = [("read (open, gunzip, decode)", per_page_ms(lambda ps: [list(iter_file_records(p)) for p in ps],
                                                        paths, args.runs)),
            ("parse HTML", per_page_ms(parse_all, records, args.runs)),
            ("parse text", per_page_ms(parse_all, texts, args.runs))]
    for label, pages in (("HTML", html_pages), ("text", text_pages)):
        rows.append((f"shared tokens and word lists, {label} pages", per_page_ms(shared_work, pages, args.runs)))
        costs = signal_costs(pages, args.runs)
        rows.append((f"all signals after them, {label} pages", sum(costs.values())))
        rows += [(f"  {name}", ms) for name, ms in sorted(costs.items(), key=lambda item: -item[1])]
        rows.append((f"text fingerprint for linking, {label} pages", fingerprint_cost(pages, args.runs)))
    print(f"{len(paths)} real pages, CPU ms per page, median of {args.runs} passes\n")
    print("| step | ms/page |\n|---|---|")
    for label, ms in rows:
        print(f"| {label} | {ms:.3f} |")
    print("\n| Lexbor query or alternative | ms/page |\n|---|---|")
    for label, ms in query_costs(records, args.runs):
        print(f"| {label} | {ms:.3f} |")
    print("\n| a fresh process | resident MB |\n|---|---|")
    print(memory_steps(html_pages), end="")


if __name__ == "__main__":
    main()
