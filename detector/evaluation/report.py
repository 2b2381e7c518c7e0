"""The evaluation report: metrics.json, report.md and PNG plots in one folder.

Also the issue's targets, checked against a run, so the report says plainly
where the model falls short.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model import atomic_write_bytes
from .metrics import HEADLINE_FIGURES, headline

REPRODUCE = "detector evaluate --report reports/"
PLOTS = {"roc": "roc.png", "pr": "pr.png", "reliability": "reliability.png", "firing": "signal_firing.png"}

# The targets on held-out sites: (key, description, threshold, "min" or "max").
TARGETS = (
    ("roc_auc_p_scraped", "ROC-AUC of p_scraped", 0.98, "min"),
    ("fp_rate_real_original", "false-positive rate (scraped) on real originals", 0.01, "max"),
    ("fp_rate_real_syndicated", "false-positive rate (scraped) on real syndicated pages", 0.05, "max"),
    ("ece_p_scraped", "expected calibration error of p_scraped", 0.03, "max"),
)
LOFO_TARGET = 0.8
_CV_KEYS = {"fp_rate_real_original": "false_positive_rate_real_original",
            "fp_rate_real_syndicated": "false_positive_rate_real_syndicated"}


def _met(value, threshold: float, kind: str) -> bool | None:
    if value is None:
        return None
    return value >= threshold if kind == "min" else value <= threshold


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
    from .evaluate import METHOD_TITLES

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

    threshold = metrics["model"].get("scraped_threshold")
    decision = (f"`scraped` when p_scraped ≥ {threshold:.2f} (its threshold chosen at training), else the likelier "
                "of the other two" if threshold is not None else "the argmax of its probabilities")
    lines += ["## Baselines and the trained model, same held-out pages", "",
              f"Labels: the trained model decides as scoring does: {decision}; TF-IDF takes the argmax; the hand",
              "rules decide by rule. ROC and PR areas do not depend on any threshold. FP rates count real pages",
              "labelled `scraped`. The hand rules' \"probabilities\" are rule strengths, so their Brier score",
              "and ECE only show how far rules are from probabilities.", ""]
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
        lines += ["Each row: a model fitted like the shipped one (same learner, sample weights and threshold, training",
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
    from .evaluate import METHOD_TITLES

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

