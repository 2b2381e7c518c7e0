"""The evaluation protocol on small, hand-made inputs: metrics, baselines, LOFO, folds, report, pinning."""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from detector.evaluation import gate
from detector.evaluation.baselines import hand_rules, record_text, strong_signal_names
from detector.evaluation.crossval import out_of_fold_proba, site_folds
from detector.evaluation.lofo import leave_one_family_out, lofo_test_rows, lofo_training_rows
from detector.metrics import (expected_calibration_error, figures_from_proba, reliability_bins,
                                         wilson_interval)
from detector.evaluation.report import baseline_comparison
from detector.model import CLASSES

# ---------------------------------------------------------------- calibration


@pytest.mark.parametrize("y, p, expected", [
    ([0, 1], [0.5, 0.5], 0.0),  # one bin, mean 0.5, observed 0.5
    ([0, 0, 0], [1.0, 1.0, 1.0], 1.0),  # certain and always wrong
    ([1, 1, 1], [1.0, 1.0, 1.0], 0.0),
    ([0, 0, 1, 1], [0.2, 0.2, 0.8, 0.8], 0.2),  # two bins, each 0.2 off, half the pages each
    ([0, 1, 1, 1], [0.05, 0.95, 0.95, 0.95], 0.05),  # 1/4 * 0.05 + 3/4 * 0.05
    ([0] * 9 + [1], [0.1] * 10, 0.0),  # p = 0.1 exactly at a bin edge, observed 0.1
])
def test_expected_calibration_error_on_known_inputs(y, p, expected):
    assert expected_calibration_error(np.array(y), np.array(p)) == pytest.approx(expected)


def test_reliability_bins_count_every_page_once():
    bins = reliability_bins(np.array([0, 1, 1, 0, 1]), np.array([0.0, 0.15, 0.19, 0.95, 1.0]))
    assert [b["pages"] for b in bins] == [1, 2, 0, 0, 0, 0, 0, 0, 0, 2]
    assert bins[1]["observed"] == 1.0 and bins[1]["mean_predicted"] == pytest.approx(0.17)
    assert bins[9]["observed"] == 0.5 and bins[2]["observed"] is None


@pytest.mark.parametrize("hits, n, low, high", [
    (0, 8, 0.0, 0.3244),
    (19, 305, 0.0402, 0.0952),
    (5, 10, 0.2366, 0.7634),
])
def test_wilson_interval(hits, n, low, high):
    got = wilson_interval(hits, n)
    assert got == pytest.approx((low, high), abs=1e-4)


def test_wilson_interval_of_no_pages_is_none():
    assert wilson_interval(0, 0) is None


# ---------------------------------------------------------------- figures from probabilities


def _manifest(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(label, origin, families) rows -> a minimal manifest."""
    return pd.DataFrame([{"id": f"p{i}", "group": f"site{i}.example", "label": label, "origin": origin,
                          "families": families, "main_family": families.split()[0] if families else ""}
                         for i, (label, origin, families) in enumerate(rows)])


def _proba(labels: list[str], confidence: float = 0.8) -> np.ndarray:
    proba = np.full((len(labels), 3), (1 - confidence) / 2)
    for row, label in enumerate(labels):
        proba[row, CLASSES.index(label)] = confidence
    return proba


def test_real_page_false_positives_are_counted_apart_from_simulated_pages():
    manifest = _manifest([("original", "real", ""), ("original", "real", ""), ("original", "simulated", ""),
                          ("syndicated", "real", ""), ("scraped", "simulated", "spinning"),
                          ("scraped", "simulated", "redating spinning")])
    proba = _proba(["scraped", "original", "scraped", "syndicated", "scraped", "original"])
    figures = figures_from_proba(proba, manifest)
    fp = figures["false_positive_rate_real_original"]
    assert (fp["pages"], fp["labelled_scraped"], fp["rate"]) == (2, 1, 0.5)  # the simulated FP is not counted
    assert figures["false_positive_rate_real_syndicated"]["rate"] == 0.0
    assert figures["real_syndicated_labelled_syndicated"]["labelled_syndicated"] == 1
    assert figures["recall_per_family"] == {"redating": {"pages": 1, "recall": 0.0},
                                            "spinning": {"pages": 2, "recall": 0.5}}
    assert figures["confusion_matrix"]["rows_true_cols_predicted"] == [[1, 0, 2], [0, 1, 0], [1, 0, 1]]


def test_labels_given_by_a_method_override_the_argmax():
    manifest = _manifest([("original", "real", ""), ("scraped", "simulated", "spinning")])
    proba = _proba(["original", "original"])
    figures = figures_from_proba(proba, manifest, predicted=np.array(["original", "scraped"]))
    assert figures["scraped_vs_rest"]["recall"] == 1.0 and figures["accuracy"] == 1.0


# ---------------------------------------------------------------- hand rules

NAMES = ["brand_in_title", "source_mismatch", "wire_credit", "stale_redate", "typo_tokens"]
STRONG = ["source_mismatch", "stale_redate"]


@pytest.mark.parametrize("values, label, p_scraped", [
    ({}, "original", 0.0),
    ({"brand_in_title": 1.0, "typo_tokens": 0.7}, "original", 0.0),  # weak signals alone decide nothing
    ({"wire_credit": 1.0}, "syndicated", 0.0),
    ({"wire_credit": 1.0, "source_mismatch": 0.4}, "scraped", 0.4),  # a strong farm mark outweighs the credit
    ({"stale_redate": 0.2}, "scraped", 0.2),  # any strong value > 0 fires
    ({"stale_redate": 3.0, "source_mismatch": 0.5}, "scraped", 1.0),  # strength clipped to 1
])
def test_hand_rules(values, label, p_scraped):
    matrix = np.array([[values.get(name, 0.0) for name in NAMES]])
    proba, labels = hand_rules(matrix, NAMES, STRONG)
    assert labels.tolist() == [label]
    assert proba[0, CLASSES.index("scraped")] == pytest.approx(p_scraped)
    assert proba.sum(axis=1) == pytest.approx([1.0])


def test_hand_rules_use_the_registry_strong_flags():
    from detector.signals import REGISTRY_BY_NAME, SIGNAL_NAMES

    strong = strong_signal_names()
    assert strong and all(REGISTRY_BY_NAME[name].strong for name in strong)
    matrix = np.zeros((1, len(SIGNAL_NAMES)))
    matrix[0, SIGNAL_NAMES.index(strong[0])] = 1.0
    assert hand_rules(matrix, SIGNAL_NAMES)[1].tolist() == ["scraped"]


# ---------------------------------------------------------------- TF-IDF text


def test_baseline_text_of_html_is_title_and_body_not_markup():
    html = ("<html><head><title>Ferry service returns to Loxley Bay</title>"
            "<script>var trackingPixel = 1;</script></head><body><article>"
            "<h1>Ferry service returns to Loxley Bay</h1>"
            "<p>The island ferry sailed again on Monday after a winter of repairs to its hull and engines.</p>"
            "<p>Harbour staff said the first crossing carried forty passengers and two delivery vans.</p>"
            "</article></body></html>")
    text = record_text({"id": "x", "html": html, "format": "html"})
    assert "Loxley Bay" in text and "forty passengers" in text
    assert "trackingPixel" not in text and "<p>" not in text


def test_baseline_text_of_a_dump_is_its_raw_text():
    dump = "Ferry returns\n\nThe island ferry sailed again on Monday."
    assert record_text({"id": "x", "text": dump, "format": "txt"}) == dump


# ---------------------------------------------------------------- leave one family out


class _RecordingFit:
    """A stand-in learner: remembers the rows it was trained on; its decision is ``label`` for every page."""

    def __init__(self, label: str = "scraped"):
        self.calls: list[pd.DataFrame] = []
        self.label = label

    def __call__(self, matrix, rows):
        assert len(matrix) == len(rows)
        self.calls.append(rows.copy())
        return self

    def predict_proba(self, matrix):
        return _proba(["scraped"] * len(matrix))

    def labels(self, proba):  # a threshold model may overrule the argmax
        return np.full(len(proba), self.label, dtype=object)


@pytest.fixture
def lofo_manifest() -> pd.DataFrame:
    rows = [  # (label, families, main family, held out)
        ("original", "", "", False), ("syndicated", "", "", False),
        ("scraped", "spinning", "spinning", False), ("scraped", "redating spinning", "redating", False),
        ("scraped", "brand_injection redating", "brand_injection", False), ("scraped", "redating", "redating", False),
        ("original", "", "", True), ("scraped", "spinning", "spinning", True),
        ("scraped", "brand_injection spinning", "brand_injection", True), ("scraped", "redating", "redating", True),
        ("scraped", "spinning redating", "redating", True),
    ]
    return pd.DataFrame([{"id": f"p{i}", "group": f"s{i}", "label": label, "origin": "simulated",
                          "families": families, "main_family": main, "held_out": held}
                         for i, (label, families, main, held) in enumerate(rows)])


def test_lofo_training_rows_never_carry_the_family(lofo_manifest):
    trainable = ~lofo_manifest["held_out"].to_numpy()
    rows = lofo_training_rows(lofo_manifest, trainable, "spinning")
    assert np.flatnonzero(rows).tolist() == [0, 1, 4, 5]  # 2 and 3 carry spinning, 6+ are held out
    assert np.flatnonzero(lofo_training_rows(lofo_manifest, trainable, "redating")).tolist() == [0, 1, 2]


def test_lofo_test_rows_are_main_or_only_trick(lofo_manifest):
    testable = lofo_manifest["held_out"].to_numpy()
    main, only = lofo_test_rows(lofo_manifest, testable, "spinning")
    assert np.flatnonzero(main).tolist() == [7]  # 8 has spinning but brand_injection is its main trick
    assert np.flatnonzero(only).tolist() == [7]
    main, only = lofo_test_rows(lofo_manifest, testable, "redating")
    assert np.flatnonzero(main).tolist() == [9, 10] and np.flatnonzero(only).tolist() == [9]


def test_lofo_fits_each_model_without_its_family(lofo_manifest):
    fit = _RecordingFit()
    matrix = np.arange(len(lofo_manifest) * 2, dtype=float).reshape(-1, 2)
    trainable = ~lofo_manifest["held_out"].to_numpy()
    table, fitted_on = leave_one_family_out(matrix, lofo_manifest, trainable, ~trainable,
                                            ["spinning", "redating", "brand_injection"], fit)
    assert len(fit.calls) == 3
    for family, passed in zip(["spinning", "redating", "brand_injection"], fit.calls):
        rows = fitted_on[family]
        assert passed.index.tolist() == rows.tolist()  # the manifest rows passed are the recorded rows
        assert not any(family in lofo_manifest.loc[r, "families"].split() for r in rows)
        assert not lofo_manifest.loc[rows, "held_out"].any()
    assert table["redating"]["training_pages"] == 3 and table["redating"]["training_pages_dropped"] == 3
    assert table["redating"]["test_pages"] == 2 and table["redating"]["recall"] == 1.0


def test_lofo_counts_the_models_own_decision_not_the_argmax(lofo_manifest):
    trainable = ~lofo_manifest["held_out"].to_numpy()
    table, _ = leave_one_family_out(np.zeros((len(lofo_manifest), 2)), lofo_manifest, trainable, ~trainable,
                                    ["redating"], _RecordingFit(label="original"))
    assert table["redating"]["recall"] == 0.0 and table["redating"]["flagged_not_original"] == 0.0


# ---------------------------------------------------------------- site folds


def test_site_folds_keep_each_site_in_one_fold_and_are_stable():
    groups = ["a.example", "b.example", "a.example", "c.example", "b.example"] * 3
    folds = site_folds(groups, 3)
    assert len({(g, f) for g, f in zip(groups, folds)}) == 3
    assert folds.tolist() == site_folds(groups, 3).tolist()


def test_out_of_fold_predictions_never_train_on_their_own_fold():
    fold_of = np.array([0, 0, 1, 1, 2, 2])
    usable = np.ones(6, bool)
    predict = np.array([True, False, True, False, True, True])
    seen = []

    def fit_predict(train, test):
        assert not (train & test).any()
        assert set(fold_of[train]).isdisjoint(fold_of[test])
        seen.append(np.flatnonzero(test).tolist())
        return np.tile([0.0, 0.0, 1.0], (test.sum(), 1))

    proba = out_of_fold_proba(6, fold_of, usable, predict, fit_predict, 3)
    assert seen == [[0], [2], [4, 5]]
    assert proba[:, 2].tolist() == [1, 0, 1, 0, 1, 1]


# ---------------------------------------------------------------- baselines comparison


def test_baseline_comparison_counts_ties_apart():
    def method(roc, fp):
        return {"all": {"scraped_vs_rest": {"roc_auc": roc}},
                "real": {"false_positive_rate_real_original": {"rate": fp}}}

    rows = baseline_comparison({"hand_rules": method(0.7, 0.0), "model": method(0.9, 0.0)})
    by_figure = {r["figure"]: r for r in rows}
    assert by_figure["roc_auc_p_scraped"]["model_beats"] is True
    assert by_figure["fp_rate_real_original"]["tie"] and by_figure["fp_rate_real_original"]["model_beats"] is False
    assert by_figure["pr_auc_p_scraped"]["model_beats"] is None  # not measured


# ---------------------------------------------------------------- pinning rules

TODAY = dt.date(2026, 3, 2)


def _measured(**values) -> dict:
    kinds = {"roc_auc_p_scraped": "min", "fp_rate_real_original": "max", "lofo_recall/spinning": "min"}
    return {k: {"kind": kinds[k], "value": v} for k, v in values.items()}


@pytest.fixture
def pinned() -> dict:
    return gate.pin(None, "c1", _measured(roc_auc_p_scraped=0.9712, fp_rate_real_original=0.0623,
                                          **{"lofo_recall/spinning": 0.5}), today=TODAY)


def test_first_pin_rounds_towards_the_loose_side(pinned):
    assert pinned["figures"] == {"fp_rate_real_original": {"kind": "max", "value": 0.063},
                                 "lofo_recall/spinning": {"kind": "min", "value": 0.5},
                                 "roc_auc_p_scraped": {"kind": "min", "value": 0.971}}
    assert pinned["corpus_sha256"] == "c1"
    assert pinned["history"][0]["date"] == "2026-03-02"


@pytest.mark.parametrize("value, kind, expected", [
    (0.9719, "min", 0.971), (0.95, "min", 0.95), (0.0621, "max", 0.063), (0.05, "max", 0.05), (1.0, "min", 1.0),
])
def test_rounded(value, kind, expected):
    assert gate.rounded(value, kind) == expected


def test_raising_figures_needs_no_flag(pinned):
    new = gate.pin(pinned, "c1", _measured(roc_auc_p_scraped=0.985, fp_rate_real_original=0.01,
                                           **{"lofo_recall/spinning": 0.5}), today=TODAY)
    assert new["figures"]["roc_auc_p_scraped"]["value"] == 0.985
    assert new["figures"]["fp_rate_real_original"]["value"] == 0.01
    assert set(new["history"][-1]["raised"]) == {"roc_auc_p_scraped", "fp_rate_real_original"}
    assert len(new["history"]) == 2


@pytest.mark.parametrize("change", [
    {"roc_auc_p_scraped": 0.95},  # a lower minimum
    {"fp_rate_real_original": 0.08},  # a looser maximum
    {"lofo_recall/spinning": None},  # a figure dropped
])
def test_loosening_is_refused_without_the_flag(pinned, change):
    values = {"roc_auc_p_scraped": 0.9712, "fp_rate_real_original": 0.0623, "lofo_recall/spinning": 0.5}
    values.update(change)
    measured = _measured(**{k: v for k, v in values.items() if v is not None})
    with pytest.raises(gate.PinError, match="refusing to loosen"):
        gate.pin(pinned, "c1", measured, today=TODAY)
    with pytest.raises(gate.PinError, match="--reason"):
        gate.pin(pinned, "c1", measured, allow_lower=True, today=TODAY)


def test_loosening_with_flag_records_reason_and_date(pinned):
    new = gate.pin(pinned, "c2", _measured(roc_auc_p_scraped=0.95, fp_rate_real_original=0.0623,
                                           **{"lofo_recall/spinning": 0.6}),
                   allow_lower=True, reason="simulator gained a harder family", today=TODAY)
    entry = new["history"][-1]
    assert entry["reason"] == "simulator gained a harder family" and entry["date"] == "2026-03-02"
    assert entry["loosened"] == {"roc_auc_p_scraped": {"from": 0.971, "to": 0.95}}
    assert entry["corpus_sha256"] == "c2" and new["corpus_sha256"] == "c2"


def test_check_reports_every_figure_past_its_bound(pinned):
    ok = _measured(roc_auc_p_scraped=0.9711, fp_rate_real_original=0.063, **{"lofo_recall/spinning": 0.5})
    assert gate.check(pinned, ok) == []
    bad = _measured(roc_auc_p_scraped=0.97, fp_rate_real_original=0.07)
    failures = gate.check(pinned, bad)
    assert len(failures) == 3
    assert any("below the pinned minimum" in f for f in failures)
    assert any("above the pinned maximum" in f for f in failures)
    assert any("lofo_recall/spinning: not measured" in f for f in failures)


def test_pin_file_round_trip(tmp_path, pinned):
    path = gate.write_pinned(pinned, tmp_path / "pinned.json")
    assert gate.load_pinned(path) == pinned
    assert json.loads(path.read_text())["figures"]["roc_auc_p_scraped"]["value"] == 0.971
    assert gate.load_pinned(tmp_path / "absent.json") is None


def test_the_repository_pinned_file_is_well_formed():
    pinned = gate.load_pinned()
    assert pinned is not None, f"{gate.PINNED_PATH} is missing; {gate.REPIN_HINT}"
    assert len(pinned["corpus_sha256"]) == 64
    assert pinned["history"] and all(e["date"] for e in pinned["history"])
    for key, bound in pinned["figures"].items():
        assert bound["kind"] in ("min", "max") and 0 <= bound["value"], key
        assert bound["value"] <= 1 or key in gate.COUNT_FIGURES, key  # every other figure is a rate or an area


# ---------------------------------------------------------------- the whole run on a tiny made-up corpus

TOWNS = ["Brackenford", "Ostmere", "Quillby", "Tarrow Vale", "Dunmarsh", "Elsworth Point", "Kestwick", "Hallowby",
         "Pennock Bay", "Roadmere", "Sibley Cross", "Wendham"]
SUBJECTS = [("library", "reopens after a roof repair paid for by a bake sale"),
            ("tram line", "gets two new stops near the hospital"),
            ("river bridge", "closes for a month of bearing works"),
            ("school choir", "wins the regional festival with a sea shanty"),
            ("market hall", "adds a Sunday food fair from April"),
            ("cycle path", "links the station with the business park")]


def _paragraphs(town: str, subject: str, action: str, dateline: str = "") -> list[str]:
    return [f"{dateline}The {subject} in {town} {action}, officials said on Tuesday evening.",
            f"Residents of {town} told reporters the {subject} had been a talking point for most of the year.",
            f"A spokesperson for the {town} council said the budget for the {subject} stayed within the plan.",
            f"Further meetings about the {subject} are planned for the autumn, the council added."]


def _html(title: str, site: str, url: str, paragraphs: list[str], extra: str = "", byline: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='{site}'>"
            f"<meta property='og:url' content='{url}'>"
            f"<meta property='article:published_time' content='2024-05-0{len(title) % 9 + 1}T10:00:00Z'></head>"
            f"<body><article><h1>{title}</h1>{byline}{body}{extra}</article></body></html>")


def tiny_corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per invented site: one original, one credited wire copy, two farm copies; a quarter of sites held out."""
    from detector.farm import FAMILIES

    families = list(FAMILIES)
    records, manifest = [], []
    for n, town in enumerate(TOWNS * 2):
        subject, action = SUBJECTS[n % len(SUBJECTS)]
        site = f"{town.lower().replace(' ', '')}{n}.example"
        headline = f"{town} {subject} {action}"
        pages = [
            ("original", "real" if n % 4 < 2 else "simulated", "",
             _html(headline, f"The {town} Courier", f"https://www.{site}/news/{n}", _paragraphs(town, subject, action))),
            ("syndicated", "real" if n % 3 == 0 else "simulated", "",
             _html(headline, f"{town} Daily", f"https://www.{site}/wire/{n}",
                   _paragraphs(town, subject, action, dateline=f"{town.upper()} (AP) — "),
                   byline="<p class='byline'>By The Associated Press</p>")),
        ]
        for k in range(2):
            chosen = " ".join(sorted({families[(n + k) % len(families)], families[(n + k + 3) % len(families)]},
                                     key=families.index))
            farm = f"Newzpulse{k}"
            extra = "".join(f"<p>READ MORE: {t} {s} {a}</p>" for t, (s, a) in zip(TOWNS[k:k + 2], SUBJECTS))
            pages.append(("scraped", "simulated", chosen,
                          _html(f"{farm}-{headline}", farm, f"https://{farm.lower()}{n}.example/{n}",
                                [f"{farm} - " + p for p in _paragraphs(town, subject, action)], extra=extra)))
        for label, origin, chosen, html in pages:
            record_id = f"t{len(records):03d}"
            records.append({"id": record_id, "url": "", "html": html, "text": "", "format": "html"})
            manifest.append({"id": record_id, "group": site, "label": label, "origin": origin, "format": "html",
                             "layout": "html:test", "families": chosen,
                             "main_family": chosen.split()[0] if chosen else "", "source_id": "", "reason": "",
                             "sha256": "", "held_out": n % 4 == 0})
    return pd.DataFrame(records), pd.DataFrame(manifest)


@pytest.fixture(scope="module")
def tiny_evaluation():
    from detector.evaluation.evaluate import run_evaluation

    records, manifest = tiny_corpus()
    return manifest, run_evaluation(records, manifest, {"corpus_sha256": "f" * 64}, folds=2)


def test_full_run_on_a_tiny_corpus_writes_the_report(tmp_path, tiny_evaluation):
    pytest.importorskip("matplotlib")
    from detector.evaluation.report import PLOTS, write_report
    from detector.farm import FAMILIES

    manifest, evaluation = tiny_evaluation
    metrics = evaluation.metrics
    assert set(metrics["methods"]) == {"model", "hand_rules", "tfidf_logreg"}
    assert metrics["held_out"]["pages"] == int(manifest["held_out"].sum())
    assert metrics["methods"]["model"]["real"]["false_positive_rate_real_original"]["pages"] == int(
        (manifest["held_out"] & manifest["origin"].eq("real") & manifest["label"].eq("original")).sum())
    assert set(metrics["lofo"]) == set(FAMILIES)
    assert metrics["crossval_real_pages"]["real_pages"] == int(manifest["origin"].eq("real").sum())
    assert {t["target"] for t in metrics["targets"]} >= {"roc_auc_p_scraped", "fp_rate_real_original",
                                                         "beats_baselines"}

    written = write_report(evaluation, tmp_path / "report")
    names = {p.name for p in written}
    assert names == {"metrics.json", "report.md", *PLOTS.values()}
    for name in PLOTS.values():
        assert (tmp_path / "report" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((tmp_path / "report" / "metrics.json").read_text())["corpus"]["sha256"] == "f" * 64
    markdown = (tmp_path / "report" / "report.md").read_text()
    for heading in ("## Targets", "## Baselines and the trained model", "## Real pages only",
                    "## Leave-one-family-out", "## Calibration of p_scraped", "![ROC](roc.png)"):
        assert heading in markdown
    assert set(gate.gate_figures(metrics)) >= {"roc_auc_p_scraped", "crossval/fp_rate_real_original",
                                               *(f"lofo_recall/{f}" for f in FAMILIES
                                                 if metrics["lofo"][f]["recall"] is not None)}


def test_evaluation_goes_into_a_copy_of_the_model_card(tmp_path, tiny_evaluation):
    import shutil

    from detector.evaluation.card import EVALUATE_COMMAND, attach_evaluation
    from detector.model import default_model_dir, load_model

    model_dir = tmp_path / "model"
    shutil.copytree(default_model_dir(), model_dir, ignore=shutil.ignore_patterns("__pycache__"))
    _, evaluation = tiny_evaluation
    # The tiny run used the shipped model; the card shows figures only for its own model file.
    metrics = dict(evaluation.metrics, model=dict(evaluation.metrics["model"],
                                                  sha256=load_model(model_dir).card["sha256"]))
    markdown = attach_evaluation(model_dir, metrics).read_text()
    assert "## Evaluation: baselines, leave-one-family-out, real pages" in markdown
    assert f"`{EVALUATE_COMMAND}`" in markdown and "| FP rate, real originals |" in markdown
    assert load_model(model_dir).card["evaluation"]["corpus_sha256"] == "f" * 64  # still passes its hash check


def test_evaluate_cli_refuses_allow_lower_without_pin():
    from click.testing import CliRunner

    from detector.cli import main

    result = CliRunner().invoke(main, ["evaluate", "--allow-lower", "--reason", "x", "--corpus", "nowhere"])
    assert result.exit_code != 0 and "only apply with --pin" in result.output
