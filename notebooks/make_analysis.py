"""Write notebooks/analysis.ipynb (without outputs) from the cells below.

Run ``python notebooks/make_analysis.py`` after editing a cell here; the notebook
itself is generated, so the two never drift apart.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    ("md", """# Content-farm detector: first look

This notebook scores a folder of pages, shows the label mix and which signals fire for each class,
the evidence behind the top-scored pages, a review of false positives on real pages, and the
evaluation plots (ROC, precision-recall, reliability, signal firing).

It runs in about a minute. The parts that need the reference pages (`../shared/data`, or
`$DETECTOR_SHARED_DATA`) are skipped when they are absent; the example pages in `data/examples`
always work. The full evaluation, with baselines and leave-one-family-out models, is
`detector evaluate --report reports/`."""),
    ("code", """from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import Image, display

import detector
from detector.model import CLASSES
from detector.evaluation.catalog import iter_real_pages, load_real_labels, shared_data_dir
from detector.evaluation.corpus import is_held_out
from detector.readers import iter_file_records
from detector.records import RECORD_COLUMNS
from detector.signals import SIGNAL_NAMES

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)


def repository_root(start: Path) -> Path:
    # The notebook may run from notebooks/ or from the repository root.
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").exists() and (folder / "detector").is_dir():
            return folder
    raise FileNotFoundError("run this notebook from inside the detector repository")


ROOT = repository_root(Path.cwd().resolve())
SHARED = shared_data_dir()
SAMPLE_PAGES = 300  # real pages scored from the shared data; every labelled syndicated page is added
print("repository:", ROOT)
print("reference pages:", SHARED or "absent: the shared-data sections are skipped")"""),
    ("md", """## 1. Score a folder of pages

`detector.score` takes files, folders, record dicts or a DataFrame and returns one row per page:
the label, `score` (1 - p_original), the class probabilities and every signal value."""),
    ("code", """examples = detector.score(ROOT / "data" / "examples")
examples["id"] = examples["id"].map(lambda path: Path(path).name)
examples[["id", "label", "score", "p_original", "p_syndicated", "p_scraped", "signals"]]"""),
    ("md", """When the reference pages are present, a deterministic sample of them is scored too, with their
hand labels (`data/real_labels.csv`: credited `syndicated` copy; everything else is `original`).
Pages from the training sites were seen by the model in training; pages from held-out sites were not."""),
    ("code", """def real_sample(data_dir: Path, size: int) -> pd.DataFrame:
    labels = load_real_labels()
    pages = [p for p in iter_real_pages(data_dir) if labels.get(p.path, ("original", ""))[0] != "exclude"]
    syndicated = [p for p in pages if labels.get(p.path, ("original",))[0] == "syndicated"]
    rest = [p for p in pages if p not in syndicated]
    step = max(1, len(rest) // size)
    rows = []
    for page in syndicated + rest[::step][:size]:
        record = next(iter_file_records(data_dir / page.path))
        record.update(id=page.path, url=page.url or record.get("url", ""))
        # Extra columns beside the record's own: scoring ignores them.
        rows.append(dict(record, true_label=labels.get(page.path, ("original",))[0], site_domain=page.domain,
                         held_out_site=is_held_out(page.domain)))
    return pd.DataFrame(rows)


if SHARED:
    sample = real_sample(SHARED, SAMPLE_PAGES)
    scored = detector.score(sample)
    scored = scored.assign(true_label=sample["true_label"].to_numpy(), site_domain=sample["site_domain"].to_numpy(),
                           held_out_site=sample["held_out_site"].to_numpy())
    print(f"{len(scored)} real pages scored, {int((scored['error'] != '').sum())} unreadable")
else:
    # The example pages' names say what they are.
    scored = examples.assign(true_label=examples["id"].str.split("_").str[0].map(
        {"original": "original", "syndicated": "syndicated", "scraped": "scraped"}), held_out_site=True)
    print("reference pages absent: the rest of the notebook uses the three example pages")"""),
    ("md", """## 2. The label mix"""),
    ("code", """display(scored["label"].value_counts().rename("pages").to_frame())
mix = pd.crosstab([scored["held_out_site"].map({True: "held-out site", False: "training site"}),
                   scored["true_label"]], scored["label"], margins=True)
mix"""),
    ("md", """## 3. Signals that fire, by class

Share of pages where each signal fires (value > 0), by predicted label. A signal that fires about as
often on originals as on scraped pages tells the model little."""),
    ("code", """from detector.evaluation.plots import firing_figure, png_bytes

fired = scored[SIGNAL_NAMES].gt(0)
by_label = fired.groupby(scored["label"]).mean().T
by_label = by_label.reindex(columns=[c for c in ("original", "syndicated", "scraped") if c in by_label])
display(by_label.round(3))
display(Image(png_bytes(firing_figure(by_label, "scored pages, by predicted label"))))"""),
    ("md", """## 4. The evidence behind the top-scored pages

`detector.explain` shows, for one page, every signal that fired with the quoted text and where it sits
in the page (field and character offsets)."""),
    ("code", """top = scored[scored["error"] == ""].nlargest(3, "p_scraped")
display(top[["id", "true_label", "label", "p_scraped", "signals"]])
for page_id in top["id"]:
    if SHARED:
        row = sample.loc[sample["id"] == page_id].iloc[0]
        print(detector.explain(row[RECORD_COLUMNS].to_dict()).to_text())
    else:
        print(detector.explain(ROOT / "data" / "examples" / page_id).to_text())"""),
    ("md", """## 5. Evaluation on held-out sites, and a review of false positives

The labelled corpus (real pages plus pages the farm simulator made from real originals) is rebuilt
from the reference pages; the shipped model and the two baselines (TF-IDF with logistic regression,
and the strong signals as hand rules) are measured on the sites held out of training. The
leave-one-family-out models are left to `detector evaluate`."""),
    ("code", """evaluation = None
if SHARED:
    from detector.evaluation.corpus import build_corpus, corpus_hash
    from detector.evaluation.evaluate import run_evaluation
    from detector.evaluation.report import summary_text

    corpus_records, corpus_manifest = build_corpus(SHARED)
    evaluation = run_evaluation(corpus_records, corpus_manifest, {"corpus_sha256": corpus_hash(corpus_manifest)},
                                lofo=False, crossval=False)
    print(summary_text(evaluation.metrics))
else:
    print("reference pages absent: no labelled corpus to evaluate on")"""),
    ("md", """False positives on real pages: held-out real pages (originals or credited syndication) that the
model labels `scraped`. These sites were never seen in training. Read the evidence: is the signal
wrong about the page, or is the page unusual?"""),
    ("code", """if evaluation is not None:
    held = evaluation.held_out.assign(predicted=evaluation.predicted["model"],
                                      p_scraped=evaluation.proba["model"][:, CLASSES.index("scraped")])
    false_positives = held[(held["origin"] == "real") & (held["predicted"] == "scraped")]
    real = held[held["origin"] == "real"]
    print(f"{len(false_positives)} of {len(real)} held-out real pages labelled scraped")
    display(false_positives.sort_values("p_scraped", ascending=False)[["id", "group", "label", "p_scraped"]].head(15))
    by_id = corpus_records.set_index("id")
    for page_id in false_positives.sort_values("p_scraped", ascending=False)["id"].head(3):
        print(detector.explain(by_id.loc[page_id].to_dict() | {"id": page_id}).to_text())"""),
    ("md", """## 6. Plots

ROC and precision-recall curves for `p_scraped` (scraped vs the rest) and `score` (scraped or
syndicated vs original), the reliability diagram of `p_scraped`, and the signal firing rate by
label and origin (real or simulated) on held-out pages."""),
    ("code", """if evaluation is not None:
    from detector.evaluation.report import figures_for

    for name, figure in figures_for(evaluation).items():
        display(Image(png_bytes(figure)))
else:
    print("reference pages absent: the plots need the labelled corpus")"""),
    ("md", """## 7. Sites and networks

Users act on sites: `detector.sites(scores)` (or `detector sites SCORES -o sites.csv`) rolls page rows up
to one row per registered domain, with the share of each label and its 95% Wilson interval, the signals
that fire most, a `verdict` and a `network`. A site is called a `farm` only when the lower bound of its
scraped share reaches 0.3 on at least 5 scored pages, so a site with two scraped pages is `too few pages`,
not a farm. Sites sharing a brand or declared source quoted in the evidence (`detector score --evidence`)
form a network.

The simulated farm pages of the corpus keep their original's site; here they are dealt, in a seeded
order, into farm sites of 5-40 pages (`farm-NN.example`), as a farm gathers copies under its own domain.
The held-out sites only: the model never saw them in training."""),
    ("code", """if SHARED:
    from detector.evaluation.sites import evaluate_sites

    site_figures, site_rows, site_scores = evaluate_sites(corpus_records, corpus_manifest, held_out_only=True)
    display(pd.Series({k: v for k, v in site_figures.items() if not isinstance(v, (dict, list))}).to_frame("value"))
    display(pd.crosstab(site_rows["kind"], site_rows["verdict"]))
else:
    site_rows = detector.sites(examples)
    print("reference pages absent: the example pages' sites (one page each, so too few pages to judge)")
site_rows.head(10)"""),
    ("md", """Networks: each is a set of sites sharing at least one brand, source or origin page; `network_shares` lists
the values they share. A value shared by more than 30 sites (a big wire, a common word) links nothing."""),
    ("code", """linked = site_rows[site_rows["network"] != ""]
if len(linked):
    display(linked.groupby("network").agg(sites=("site", "size"), members=("site", " ".join),
                                          verdicts=("verdict", lambda v: ", ".join(sorted(set(v)))),
                                          shares=("network_shares", "first"))
            .sort_values("sites", ascending=False).head(10))
else:
    print("no two sites share a brand, source or origin")"""),
]


def build() -> nbformat.NotebookNode:
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.cells = [new_markdown_cell(text) if kind == "md" else new_code_cell(text) for kind, text in CELLS]
    for number, cell in enumerate(notebook.cells):  # fixed ids: regenerating gives the same file
        cell["id"] = f"cell-{number:02d}"
    return notebook


if __name__ == "__main__":
    path = Path(__file__).with_name("analysis.ipynb")
    nbformat.write(build(), path)
    print(f"wrote {path}")
