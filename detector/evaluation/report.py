"""The evaluation report: metrics.json, report.md and PNG plots in one folder.

Also the issue's targets, checked against a run, so the report says plainly
where the model falls short.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model import atomic_write_bytes
from ..metrics import HEADLINE_FIGURES, METHOD_TITLES, headline

REPRODUCE = "detector evaluate --report reports/"
PLOTS = {"roc": "roc.png", "pr": "pr.png", "reliability": "reliability.png", "firing": "signal_firing.png"}

# The targets on held-out sites: (key, description, threshold, "min" or "max").
TARGETS = (
    ("roc_auc_p_scraped", "ROC-AUC of p_scraped", 0.98, "min"),
    ("fp_rate_real_original", "false-positive rate (scraped) on real originals", 0.01, "max"),
    ("fp_rate_real_syndicated", "false-positive rate (scraped) on real syndicated pages", 0.02, "max"),
    ("ece_p_scraped", "expected calibration error of p_scraped", 0.03, "max"),
)
LOFO_TARGET = 0.6
CROSS_GENERATOR_AUC, CROSS_GENERATOR_RECALL = 0.95, 0.75
SINGLE_TRICK_TARGET = 0.5
FORMAT_AUC_GAP = 0.03
_CV_KEYS = {"fp_rate_real_original": "false_positive_rate_real_original",
            "fp_rate_real_syndicated": "false_positive_rate_real_syndicated"}


def _met(value, threshold: float, kind: str) -> bool | None:
    if value is None:
        return None
    return bool(value >= threshold if kind == "min" else value <= threshold)


def _beats(model: float | None, other: float | None, higher: bool) -> bool | None:
    if model is None or other is None:
        return None
    return model > other if higher else model < other


def baseline_comparison(methods: dict) -> list[dict]:
    """Per headline figure and baseline: the model's value, the baseline's, and whether the model beats it."""
    if "model" not in methods:
        return []
    mine = headline(methods["model"])
    rows = []
    for name in (m for m in methods if m != "model"):
        theirs = headline(methods[name])
        for key, title, _path, higher in HEADLINE_FIGURES:
            rows.append({"figure": key, "title": title, "baseline": name, "model": mine[key],
                         "baseline_value": theirs[key], "model_beats": _beats(mine[key], theirs[key], higher),
                         "tie": mine[key] is not None and mine[key] == theirs[key]})
    return rows


def target_checks(metrics: dict) -> list[dict]:
    """The issue's targets against one run: value, threshold, met (None when not measurable)."""
    figures = headline(metrics["methods"]["model"])
    checks = [{"target": key, "description": text, "threshold": threshold, "kind": kind,
               "value": figures[key], "met": _met(figures[key], threshold, kind)}
              for key, text, threshold, kind in TARGETS]
    for family, row in (metrics.get("lofo") or {}).items():
        checks.append({"target": f"lofo_recall/{family}", "description": f"leave-one-family-out recall, {family}",
                       "threshold": LOFO_TARGET, "kind": "min", "value": row["recall"],
                       "met": _met(row["recall"], LOFO_TARGET, "min")})
    cv = metrics.get("crossval_real_pages") or {}
    for key, text, threshold, kind in TARGETS:
        if key.startswith("fp_rate_") and "model" in cv:
            value = cv["model"][_CV_KEYS[key]]["rate"]
            checks.append({"target": f"crossval/{key}", "description": f"{text}, site-grouped cross-validation",
                           "threshold": threshold, "kind": kind, "value": value, "met": _met(value, threshold, kind)})
    for direction, figures in (metrics.get("cross_generator") or {}).items():
        for key, text, threshold in (("roc_auc", "ROC-AUC of p_scraped", CROSS_GENERATOR_AUC),
                                     ("recall", "recall of scraped", CROSS_GENERATOR_RECALL)):
            value = figures.get(key)
            checks.append({"target": f"cross_generator/{direction}/{key}",
                           "description": f"cross-generator {direction.replace('_to_', ' -> ')}: {text}",
                           "threshold": threshold, "kind": "min", "value": value,
                           "met": _met(value, threshold, "min")})
    for name, row in (metrics.get("single_trick_recall") or {}).items():
        checks.append({"target": f"single_trick/{name}", "description": f"single-trick recall, {name}",
                       "threshold": SINGLE_TRICK_TARGET, "kind": "min", "value": row["recall"],
                       "met": _met(row["recall"], SINGLE_TRICK_TARGET, "min")})
    formats = metrics.get("by_format") or {}
    if "html" in formats:
        for fmt in (f for f in formats if f != "html"):
            gap = (None if formats[fmt]["roc_auc"] is None or formats["html"]["roc_auc"] is None
                   else formats["html"]["roc_auc"] - formats[fmt]["roc_auc"])
            checks.append({"target": f"format_gap/{fmt}", "description": f"ROC-AUC of HTML pages minus {fmt} pages",
                           "threshold": FORMAT_AUC_GAP, "kind": "max", "value": gap,
                           "met": _met(gap, FORMAT_AUC_GAP, "max")})
    weak = metrics.get("weak_evidence") or {}
    if weak:
        checks.append({"target": "weak_signal_alone", "description": "highest p_scraped of a weak signal alone",
                       "threshold": weak["bound"], "kind": "max", "value": weak["max_p_scraped_weak_signal_alone"],
                       "met": _met(weak["max_p_scraped_weak_signal_alone"], weak["bound"], "max")})
    pushed = (metrics.get("crossval_real_pages") or {}).get("real_originals_pushed_past_half_by_one_signal")
    if pushed is not None:
        checks.append({"target": "crossval/pushed_by_one_signal",
                       "description": "real originals pushed past p_scraped 0.5 by one signal (cross-validation)",
                       "threshold": 0, "kind": "max", "value": pushed, "met": _met(pushed, 0, "max")})
    linking = metrics.get("linking")
    if linking:
        for key, text, threshold, kind, value in (
                ("link_recall", "linking: recall of copy pairs", 0.9, "min", linking["link_recall"]),
                ("origin_top1", "linking: origin top-1 accuracy", 0.8, "min", linking["origin_top1"]),
                ("false_links_same_event", "linking: same-event pages linked", 0.02, "max",
                 linking["false_links_same_event"]),
                ("stripped_labelled_scraped", "linking: copies with the credit stripped labelled scraped", 0.9,
                 "min", linking["labelled_scraped_by_kind"]["stripped"]),
                ("honest_labelled_scraped", "linking: originals and credited copies labelled scraped", 0.01,
                 "max", linking["honest_labelled_scraped"])):
            checks.append({"target": f"linking/{key}", "description": text, "threshold": threshold, "kind": kind,
                           "value": value, "met": _met(value, threshold, kind)})
    mono = metrics.get("monotonicity") or {}
    if mono:
        checks.append({"target": "monotone", "description": "cases where raising one signal lowered p_scraped",
                       "threshold": 0, "kind": "max", "value": mono["falls"], "met": _met(mono["falls"], 0, "max")})
    comparison = baseline_comparison(metrics["methods"])
    if comparison:
        lost = [f"{r['figure']} vs {r['baseline']}" for r in comparison if r["model_beats"] is False and not r["tie"]]
        checks.append({"target": "beats_baselines",
                       "description": "the model beats both baselines on every headline figure (ties allowed)",
                       "threshold": None, "kind": "all", "value": ", ".join(lost) or "all beaten",
                       "met": not lost})
    return checks


# ---------------------------------------------------------------- text


def _fmt(value, digits: int = 3) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _rate_cell(rate: dict) -> str:
    if not rate or not rate.get("pages"):
        return "n/a (no pages)"
    hits = next(v for k, v in rate.items() if k.startswith("labelled_"))
    low, high = rate["rate_95ci"]
    return f"{rate['rate']:.3f} ({hits}/{rate['pages']}; 95% CI {low:.3f}-{high:.3f})"


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(c) if not isinstance(c, str) else c for c in row) + " |" for row in rows]
    return lines


def _method_title(method: str) -> str:

    return METHOD_TITLES.get(method, method)


def _confusion(figures: dict) -> list[str]:
    matrix = figures["confusion_matrix"]
    return _table(["true \\ predicted", *matrix["labels"]],
                  [[label, *row] for label, row in zip(matrix["labels"], matrix["rows_true_cols_predicted"])])


def render_markdown(metrics: dict) -> str:
    methods, corpus, held = metrics["methods"], metrics["corpus"], metrics["held_out"]
    lines = [
        "# Evaluation report", "",
        f"Reproduce: `{REPRODUCE}` (builds `corpus/` from `../shared/data` when absent; "
        "`detector corpus` rebuilds it).", "",
        f"- corpus sha256 `{corpus['sha256']}`: {corpus['pages']} pages from {corpus['sites']} sites",
        f"- held-out sites: {corpus['held_out_sites']} (split by registered domain; a site's pages and every "
        f"page simulated from them stay on one side); {held['pages']} held-out pages evaluated, "
        f"{held['unparsable_skipped']} unparsable skipped",
        "- held-out pages by label/origin: " + ", ".join(f"{k} {v}" for k, v in held["by_label_origin"].items()),
        f"- model: `{metrics['model']['dir']}`, sha256 `{metrics['model']['sha256']}`, trained on corpus "
        f"`{metrics['model']['trained_on_corpus_sha256']}`",
        f"- run time: {metrics.get('seconds', 'n/a')} s", "",
        "## Targets", "",
    ]
    target_rows = [[t["description"], _fmt(t["value"]),
                    ("≥ " if t["kind"] == "min" else "≤ ") + _fmt(t["threshold"]) if t["threshold"] is not None else "-",
                    {True: "met", False: "**not met**", None: "n/a"}[t["met"]]] for t in metrics["targets"]]
    lines += _table(["target", "value", "threshold", ""], target_rows)
    short = [t["description"] for t in metrics["targets"] if t["met"] is False]
    lines += ["", ("Where the model falls short: " + "; ".join(short) + ".") if short
              else "The model meets every target on this corpus.", ""]

    prevalence = metrics["model"].get("prevalence") or {}
    stated = ", ".join(f"{c} {v:.3f}" for c, v in prevalence.items())
    lines += ["## Baselines and the trained model, same held-out pages", "",
              f"Labels: the trained model labels each page with its most probable class, its probabilities stated at",
              f"the class shares in its card ({stated}); TF-IDF takes the argmax; the hand rules decide by rule.",
              "ROC and PR areas do not depend on any threshold. FP rates count real pages labelled `scraped`.",
              "Brier and ECE of the trained model use its probabilities restated at the held-out pages' own class",
              "shares. The hand rules' \"probabilities\" are rule strengths, so their Brier score and ECE only show",
              "how far rules are from probabilities.", ""]
    header = ["method", "ROC-AUC p_scraped", "PR-AUC p_scraped", "ROC-AUC score", "PR-AUC score", "precision",
              "recall", "F1", "accuracy", "Brier", "ECE", "FP real originals", "FP real syndicated"]
    rows = []
    for name, figures in methods.items():
        s, r = figures["all"]["scraped_vs_rest"], figures["all"]["republished_vs_original"]
        rows.append([_method_title(name), s["roc_auc"], s["pr_auc"], r["roc_auc"], r["pr_auc"], s["precision"],
                     s["recall"], s["f1"], figures["all"]["accuracy"], s["brier"], s["ece"],
                     _rate_cell(figures["real"]["false_positive_rate_real_original"]),
                     _rate_cell(figures["real"]["false_positive_rate_real_syndicated"])])
    lines += _table(header, rows)
    comparison = baseline_comparison(methods)
    if comparison:
        lost = [r for r in comparison if r["model_beats"] is False and not r["tie"]]
        ties = [r for r in comparison if r["tie"]]
        lines += ["", "Headline figures where the model does **not** beat a baseline: " +
                  ("; ".join(f"{r['title']} vs {_method_title(r['baseline'])} ({_fmt(r['model'])} vs "
                             f"{_fmt(r['baseline_value'])})" for r in lost)
                  if lost else "none.") +
                  (" Ties: " + "; ".join(f"{r['title']} vs {_method_title(r['baseline'])} ({_fmt(r['model'])})"
                                         for r in ties) + "." if ties else ""), ""]

    lines += ["## Real pages only", "",
              "No real page is a labelled content-farm copy, so real pages measure false positives only.", ""]
    real_rows = [[_method_title(name), _rate_cell(f["real"]["false_positive_rate_real_original"]),
                  _rate_cell(f["real"]["false_positive_rate_real_syndicated"]),
                  _rate_cell(f["real"]["real_syndicated_labelled_syndicated"])] for name, f in methods.items()]
    lines += _table(["method", "real originals labelled scraped", "real syndicated labelled scraped",
                     "real syndicated labelled syndicated"], real_rows)

    cv = metrics.get("crossval_real_pages")
    if cv:
        lines += ["", f"### Every real page, site-grouped {cv['folds']}-fold cross-validation", "",
                  "The held-out sites hold few real syndicated pages. Here each real page is labelled by a model",
                  "of the same kind fitted on the other folds of sites (training and held-out sites alike), so the",
                  f"rates rest on all {cv['real_pages']} real pages. This measures the learner, not the shipped file.",
                  ""]
        lines += _table(["method", "real originals labelled scraped", "real syndicated labelled scraped",
                         "real syndicated labelled syndicated"],
                        [[_method_title(m), _rate_cell(cv[m]["false_positive_rate_real_original"]),
                          _rate_cell(cv[m]["false_positive_rate_real_syndicated"]),
                          _rate_cell(cv[m]["real_syndicated_labelled_syndicated"])]
                         for m in ("tfidf_logreg", "hand_rules", "model") if m in cv])

    lines += _generalisation_sections(metrics)
    lines += ["", "## Simulated pages only", ""]
    sim_rows = []
    for name, figures in methods.items():
        s, r = figures["simulated"]["scraped_vs_rest"], figures["simulated"]["republished_vs_original"]
        sim_rows.append([_method_title(name), s["roc_auc"], s["pr_auc"], r["roc_auc"], r["pr_auc"], s["precision"],
                         s["recall"], s["f1"], figures["simulated"]["accuracy"]])
    lines += _table(["method", "ROC-AUC p_scraped", "PR-AUC p_scraped", "ROC-AUC score", "PR-AUC score",
                     "precision", "recall", "F1", "accuracy"], sim_rows)

    lines += ["", "## Confusion matrices, all held-out pages", ""]
    for name, figures in methods.items():
        lines += [f"**{_method_title(name)}**", ""] + _confusion(figures["all"]) + [""]

    lines += ["## Leave-one-family-out", ""]
    if metrics.get("lofo"):
        lines += ["Each row: a model fitted like the shipped one (same learner, sample weights and prevalence, training",
                  "sites) without any page carrying the family, measured on held-out scraped pages whose main trick",
                  "is the family; `only` is the subset with no other trick. `full model` is the evaluated model on",
                  "the same pages.", ""]
        lofo_rows = [[family, f"{r['training_pages']} ({r['training_pages_dropped']} dropped)",
                      f"{r['test_pages']} ({r['test_pages_only']} only)", r["recall"], r["recall_only"],
                      r["flagged_not_original"], r.get("recall_full_model")]
                     for family, r in metrics["lofo"].items()]
        lines += _table(["family", "training pages", "test pages", "recall", "recall, only trick",
                         "flagged not original", "recall, full model"], lofo_rows)
    else:
        lines += ["Not run (`--no-lofo`)."]

    lines += ["", "## Calibration of p_scraped", ""]
    lines += _table(["method", "Brier", "ECE"],
                    [[_method_title(m), c["brier"], c["ece"]] for m, c in metrics["calibration"].items()])
    bins = metrics["calibration"]["model"]["bins"]
    lines += ["", "Trained model, reliability bins:", ""]
    lines += _table(["p_scraped bin", "pages", "mean predicted", "observed share scraped"],
                    [[f"{b['low']:.1f}-{b['high']:.1f}", b["pages"], b["mean_predicted"], b["observed"]] for b in bins])
    lines += ["", f"![reliability]({PLOTS['reliability']})", "",
              "## Curves", "", f"![ROC]({PLOTS['roc']})", "", f"![PR]({PLOTS['pr']})", "",
              "## Signals firing by class", "",
              f"Share of pages where each signal fires ({metrics.get('signal_firing_pages', 'held-out pages')}; "
              "no fitted model involved). Strong signals (the hand rules): " +
              ", ".join(f"`{s}`" for s in metrics.get("strong_signals", [])) + ".", "",
              f"![signal firing]({PLOTS['firing']})", ""]
    firing = metrics["signal_firing_rates"]
    groups = list(firing)
    signals = list(next(iter(firing.values()))) if firing else []
    lines += _table(["signal", *groups], [[s, *(firing[g][s] for g in groups)] for s in signals])
    return "\n".join(lines) + "\n"


def _scraped_row(name: str, f: dict) -> list:
    return [name, f["pages"], f["positives"], f["roc_auc"], f["pr_auc"], f["precision"], f["recall"],
            _rate_cell(f["originals_labelled_scraped"])]


SCRAPED_HEADER = ["pages", "count", "scraped pages", "ROC-AUC p_scraped", "PR-AUC", "precision", "recall",
                  "originals labelled scraped"]


def _generalisation_sections(metrics: dict) -> list[str]:
    """Cross-generator figures, formats, single-trick recall, weak evidence and monotonicity."""
    lines = ["", "## Generalisation", ""]
    cross = metrics.get("cross_generator")
    if cross:
        lines += ["### Across farm generators", "",
                  "Generator A (`detector/farm`) and generator B (`detector/farm_b`) were written apart, B without",
                  "reading A or the signals. Each row: a model trained like the shipped one on the training sites'",
                  "real pages plus one generator's pages, tested on the held-out sites' real pages plus the other",
                  "generator's pages (labels at the prevalence chosen for that model).", ""]
        lines += _table(["trained -> tested", *SCRAPED_HEADER[1:]],
                        [_scraped_row(d.replace("_to_", " -> "), f) for d, f in cross.items()])
        for direction, figures in cross.items():
            lines += ["", f"{direction.replace('_to_', ' -> ')}, by format:", ""]
            lines += _table(["format", *SCRAPED_HEADER[1:]],
                            [_scraped_row(fmt, f) for fmt, f in figures["by_format"].items()])
            lines += ["", f"{direction.replace('_to_', ' -> ')}, single-trick recall:", ""]
            lines += _table(["family", "pages", "recall"],
                            [[k, r["pages"], r["recall"]] for k, r in figures["single_trick_recall"].items()])
        lines += [""]
    if metrics.get("by_format"):
        lines += ["### Shipped model by input format (held-out sites)", ""]
        lines += _table(["format", *SCRAPED_HEADER[1:]],
                        [_scraped_row(fmt, f) for fmt, f in metrics["by_format"].items()])
        lines += [""]
    if metrics.get("single_trick_recall"):
        lines += ["### Single-trick pages (held-out sites, shipped model)", "",
                  "Farm pages carrying exactly one family (generator/family).", ""]
        lines += _table(["family", "pages", "recall"],
                        [[k, r["pages"], r["recall"]] for k, r in metrics["single_trick_recall"].items()])
        lines += [""]
    weak = metrics.get("weak_evidence")
    if weak:
        lines += ["### Weak evidence", "",
                  f"Signals firing on more than 2% of real originals, each alone on a page at the highest value it",
                  f"takes on real originals; the bound is p_scraped ≤ {weak['bound']}.", ""]
        lines += _table(["signal", "value", "p_scraped alone"],
                        [[k, v["value"], v["p_scraped_alone"]] for k, v in weak["weak_signals"].items()])
        lines += ["", f"Held-out real originals with exactly one signal fired: {weak['real_originals_one_signal']}; "
                  f"pushed past 0.5 by it: {weak['real_originals_pushed_past_half_by_one_signal']}.", ""]
    cross = metrics.get("cross_page")
    if cross:
        lines += ["### Cross-page evidence", "",
                  f"Held-out sites whose pages were linked as one batch ({cross['pages']} pages): each page with the",
                  "cross-page signals its copies and origin give it, and alone (those signals zeroed).", ""]
        lines += _table(["", "scraped labelled scraped", "originals labelled scraped", "credited copies labelled scraped"],
                        [[k.replace("_", " "), _rate_cell(v["recall_scraped"]),
                          _rate_cell(v["originals_labelled_scraped"]), _rate_cell(v["credited_copies_labelled_scraped"])]
                         for k, v in cross.items() if isinstance(v, dict)])
        by_generator = [[f"{k.replace('_', ' ')}, generator {g}", _rate_cell(v[f"generator_{g}"]["recall_scraped"]),
                         _rate_cell(v[f"generator_{g}"]["credited_copies_labelled_scraped"])]
                        for k, v in cross.items() if isinstance(v, dict) for g in ("A", "B") if f"generator_{g}" in v]
        if by_generator:
            lines += ["", "The same, each farm generator's pages apart (B was written blind):", ""]
            lines += _table(["", "scraped labelled scraped", "credited copies labelled scraped"], by_generator)
        lines += [""]
    linking = metrics.get("linking")
    if linking:
        kinds = list(linking["labelled_scraped_by_kind"])
        lines += ["### Copies and origins", "",
                  f"Clusters built from {linking['clusters']} real originals of held-out sites ({linking['pages']} pages):",
                  "each original, a credited copy, farm copies (whole, partial, spun, credit stripped, backdated),",
                  "and hard negatives (another article on the same event, pages sharing only boilerplate), scored",
                  "and linked as one batch.", "",
                  f"Link precision {linking['link_precision']}, recall {linking['link_recall']}; origin top-1 "
                  f"{linking['origin_top1']}; same-event pages linked {linking['false_links_same_event']}, "
                  f"boilerplate pages linked {linking['false_links_boilerplate']}.", ""]
        lines += _table(["labelled scraped", *kinds],
                        [["after linking", *[linking["labelled_scraped_by_kind"][k] for k in kinds]],
                         ["each page alone", *[linking["labelled_scraped_alone_by_kind"][k] for k in kinds]]])
        lines += [""]
    mono = metrics.get("monotonicity")
    if mono:
        lines += [f"Monotonicity: {mono['cases']} single-signal raises on real feature rows; p_scraped fell in "
                  f"{mono['falls']} (largest fall {mono['largest_fall']:.2g}).", ""]
    return lines


def summary_text(metrics: dict) -> str:
    """A few lines for stdout: headline figures per method, LOFO, targets."""
    lines = [f"held-out: {metrics['held_out']['pages']} pages from {metrics['corpus']['held_out_sites']} sites "
             f"(corpus {str(metrics['corpus']['sha256'])[:12]})"]
    for name, figures in metrics["methods"].items():
        values = headline(figures)
        lines.append(f"{_method_title(name):>30}: ROC-AUC p_scraped {_fmt(values['roc_auc_p_scraped'])}, "
                     f"PR-AUC {_fmt(values['pr_auc_p_scraped'])}, F1 {_fmt(values['f1_scraped'])}, "
                     f"ECE {_fmt(values['ece_p_scraped'])}, FP real orig {_fmt(values['fp_rate_real_original'])}, "
                     f"FP real synd {_fmt(values['fp_rate_real_syndicated'])}")
    if metrics.get("lofo"):
        lines.append("leave-one-family-out recall: " +
                     ", ".join(f"{f} {_fmt(r['recall'], 2)}" for f, r in metrics["lofo"].items()))
    cv = metrics.get("crossval_real_pages")
    if cv:
        lines.append(f"real pages, site-grouped {cv['folds']}-fold CV: " + "; ".join(
            f"{_method_title(m)} FP orig {_fmt(cv[m]['false_positive_rate_real_original']['rate'])}, "
            f"FP synd {_fmt(cv[m]['false_positive_rate_real_syndicated']['rate'])}"
            for m in ("tfidf_logreg", "hand_rules", "model") if m in cv))
    for direction, f in (metrics.get("cross_generator") or {}).items():
        lines.append(f"cross-generator {direction}: ROC-AUC p_scraped {_fmt(f['roc_auc'])}, recall {_fmt(f['recall'])}, "
                     f"originals labelled scraped {_fmt(f['originals_labelled_scraped']['rate'])}")
    missed = [t["target"] for t in metrics["targets"] if t["met"] is False]
    lines.append("targets not met: " + (", ".join(missed) if missed else "none"))
    return "\n".join(lines)


# ---------------------------------------------------------------- files


def figures_for(evaluation) -> dict:
    """The report's matplotlib Figures by name (see ``PLOTS``)."""
    try:
        from . import plots
    except ModuleNotFoundError as exc:  # matplotlib is an optional dependency
        raise ModuleNotFoundError(f"the report's plots need matplotlib ({exc}); "
                                  "install it with: pip install 'detector[plots]'") from exc

    labels = evaluation.held_out["label"].to_numpy()
    return {"roc": plots.roc_figure(labels, evaluation.proba, METHOD_TITLES),
            "pr": plots.pr_figure(labels, evaluation.proba, METHOD_TITLES),
            "reliability": plots.reliability_figure(evaluation.metrics["calibration"], METHOD_TITLES),
            "firing": plots.firing_figure(evaluation.firing, evaluation.metrics.get("signal_firing_pages", ""))}


def write_report(evaluation, report_dir: Path) -> list[Path]:
    """metrics.json, report.md and the PNG plots in ``report_dir``; returns the paths written."""
    figures = figures_for(evaluation)  # first: it fails with an install hint when matplotlib is absent
    from .plots import png_bytes

    report_dir = Path(report_dir)
    written = []
    for name, figure in figures.items():
        path = report_dir / PLOTS[name]
        atomic_write_bytes(path, png_bytes(figure))
        written.append(path)
    for name, data in (("metrics.json", json.dumps(evaluation.metrics, indent=2) + "\n"),
                       ("report.md", render_markdown(evaluation.metrics))):
        atomic_write_bytes(report_dir / name, data.encode())
        written.append(report_dir / name)
    return written

