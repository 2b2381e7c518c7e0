"""The quality gate: minimum figures pinned in ``quality/pinned.json`` with the corpus hash.

``tests/test_quality_gate.py`` measures the shipped model on the held-out sites
and fails when a figure falls below its pinned minimum (or above its maximum),
or when the corpus no longer hashes to the pinned value. Re-pinning
(``detector evaluate --pin``) may tighten any figure; loosening one needs
``--allow-lower`` and a ``--reason``, recorded in the file with the date.

Pinned values are rounded towards the loose side (floor for a minimum, ceiling
for a maximum, 3 decimals), so float noise between machines cannot flip the gate.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

from ..model import atomic_write_bytes
from ..metrics import HEADLINE_FIGURES, headline

REPO_ROOT = Path(__file__).resolve().parents[2]
PINNED_PATH = REPO_ROOT / "quality" / "pinned.json"
DECIMALS = 3
LOFO_PREFIX = "lofo_recall/"
CROSSVAL_PREFIX = "crossval/"
COUNT_FIGURES = frozenset({"crossval/pushed_by_one_signal", "monotone_falls"})  # counts of pages or cases, not rates
CROSS_GENERATOR_PREFIX = "cross_generator/"
SLOW_PREFIXES = (LOFO_PREFIX, CROSSVAL_PREFIX, CROSS_GENERATOR_PREFIX)  # need the full evaluation run
REPIN_HINT = ("re-pin with `detector evaluate --pin` (or `python -m detector.evaluation.gate pin`); "
              "if any figure drops, add `--allow-lower --reason \"why\"`")


class PinError(ValueError):
    """A re-pin that would loosen a figure without --allow-lower and a reason."""


def _kind(higher_is_better: bool) -> str:
    return "min" if higher_is_better else "max"


def gate_figures(metrics: dict) -> dict[str, dict]:
    """The trained model's gate figures from an evaluation's metrics: ``{key: {kind, value}}``.

    The headline figures of the model on the held-out sites, plus the
    leave-one-family-out recall per family and the cross-validated real-page
    false-positive rates when the run included them.
    """
    values = headline(metrics["methods"]["model"])
    figures = {key: {"kind": _kind(higher), "value": values[key]}
               for key, _title, _path, higher in HEADLINE_FIGURES if values[key] is not None}
    for family, row in (metrics.get("lofo") or {}).items():
        if row.get("recall") is not None:
            figures[LOFO_PREFIX + family] = {"kind": "min", "value": row["recall"]}
    crossval = (metrics.get("crossval_real_pages") or {}).get("model", {})
    for key, name in (("false_positive_rate_real_original", "fp_rate_real_original"),
                      ("false_positive_rate_real_syndicated", "fp_rate_real_syndicated")):
        if crossval.get(key, {}).get("rate") is not None:
            figures[CROSSVAL_PREFIX + name] = {"kind": "max", "value": crossval[key]["rate"]}
    pushed = (metrics.get("crossval_real_pages") or {}).get("real_originals_pushed_past_half_by_one_signal")
    if pushed is not None:
        figures[CROSSVAL_PREFIX + "pushed_by_one_signal"] = {"kind": "max", "value": float(pushed)}
    for direction, row in (metrics.get("cross_generator") or {}).items():
        for key in ("roc_auc", "recall"):
            if row.get(key) is not None:
                figures[f"{CROSS_GENERATOR_PREFIX}{direction}/{key}"] = {"kind": "min", "value": row[key]}
    for name, row in (metrics.get("single_trick_recall") or {}).items():
        figures[f"single_trick/{name}"] = {"kind": "min", "value": row["recall"]}
    for fmt, row in (metrics.get("by_format") or {}).items():
        if row.get("roc_auc") is not None:
            figures[f"format/{fmt}/roc_auc"] = {"kind": "min", "value": row["roc_auc"]}
    weak = metrics.get("weak_evidence")
    if weak:
        figures["weak_signal_alone_max_p_scraped"] = {"kind": "max", "value": weak["max_p_scraped_weak_signal_alone"]}
    mono = metrics.get("monotonicity")
    if mono:
        figures["monotone_falls"] = {"kind": "max", "value": float(mono["falls"])}
    for key, kind, value in linking_figures(metrics.get("linking")):
        figures[f"linking/{key}"] = {"kind": kind, "value": value}
    return figures


def linking_figures(linking: dict | None) -> list[tuple[str, str, float]]:
    """(key, "min" | "max", value) of the linking evaluation's gated figures."""
    if not linking:
        return []
    labelled = linking["labelled_scraped_by_kind"]
    return [("link_precision", "min", linking["link_precision"]), ("link_recall", "min", linking["link_recall"]),
            ("origin_top1", "min", linking["origin_top1"]),
            ("false_links_same_event", "max", linking["false_links_same_event"]),
            ("stripped_labelled_scraped", "min", labelled["stripped"]),
            ("honest_labelled_scraped", "max", linking["honest_labelled_scraped"])]


def vacuous(pinned: dict) -> list[str]:
    """Pinned bounds that no measurement could break: a minimum of 0, or a maximum of 1 on a rate.

    A gate must be able to fail, so these are reported (and the gate test fails on them)."""
    return [key for key, bound in pinned.get("figures", {}).items()
            if (bound["kind"] == "min" and bound["value"] <= 0)
            or (bound["kind"] == "max" and bound["value"] >= 1 and not key.endswith(("falls", "pushed_by_one_signal")))]


def rounded(value: float, kind: str) -> float:
    """``value`` to DECIMALS places, rounded towards the loose side of a ``kind`` bound."""
    scale = 10 ** DECIMALS
    # The small epsilon keeps 0.95 (stored as 0.94999...) from flooring to 0.949.
    step = math.floor(value * scale + 1e-9) if kind == "min" else math.ceil(value * scale - 1e-9)
    return round(step / scale, DECIMALS)


def is_looser(kind: str, old: float, new: float) -> bool:
    return new < old if kind == "min" else new > old


def pin(previous: dict | None, corpus_sha256: str, measured: dict[str, dict], *, allow_lower: bool = False,
        reason: str = "", model_sha256: str | None = None, today: dt.date | None = None) -> dict:
    """The new pinned file from a fresh measurement (``gate_figures`` output).

    Raises PinError when a figure would loosen (a lower minimum, a higher
    maximum, a changed kind, or a dropped figure) unless ``allow_lower`` is set
    with a non-empty ``reason``. Every pin appends a dated entry to ``history``.
    """
    reason = (reason or "").strip()
    if allow_lower and not reason:
        raise PinError("--allow-lower needs --reason \"why the figures may drop\"")
    old_figures = (previous or {}).get("figures", {})
    new_figures = {key: {"kind": f["kind"], "value": rounded(f["value"], f["kind"])}
                   for key, f in sorted(measured.items())}
    # A bound nothing can break (a recall of 0 as a minimum) is left out, and named in the entry.
    ungated = sorted(vacuous({"figures": new_figures}))
    new_figures = {key: f for key, f in new_figures.items() if key not in ungated}
    loosened, raised = {}, {}
    for key, old in old_figures.items():
        new = new_figures.get(key)
        if new is None or new["kind"] != old["kind"] or is_looser(old["kind"], old["value"], new["value"]):
            loosened[key] = {"from": old["value"], "to": None if new is None else new["value"]}
        elif new["value"] != old["value"]:
            raised[key] = {"from": old["value"], "to": new["value"]}
    if loosened and not allow_lower:
        listing = ", ".join(f"{k} {v['from']} -> {v['to']}" for k, v in loosened.items())
        raise PinError(f"refusing to loosen pinned figures ({listing}); pass --allow-lower with "
                       "--reason \"why\" if this is intended")
    entry = {"date": (today or dt.date.today()).isoformat(), "corpus_sha256": corpus_sha256,
             "model_sha256": model_sha256, "reason": reason, "loosened": loosened, "raised": raised,
             "added": sorted(set(new_figures) - set(old_figures)), "ungated": ungated}
    return {"corpus_sha256": corpus_sha256, "model_sha256": model_sha256, "figures": new_figures,
            "history": [*(previous or {}).get("history", []), entry]}


def check(pinned: dict, measured: dict[str, dict], keys=None) -> list[str]:
    """Failures of a measurement against the pinned figures (all of them, or ``keys``); [] when it passes."""
    failures = []
    for key in keys if keys is not None else pinned["figures"]:
        bound = pinned["figures"][key]
        got = measured.get(key)
        if got is None or got.get("value") is None:
            failures.append(f"{key}: not measured (pinned {bound['kind']} {bound['value']})")
        # Compared at the pinned precision, rounded the way pinning rounds (0.82299999... pins as 0.823).
        elif is_looser(bound["kind"], bound["value"], rounded(got["value"], bound["kind"])):
            word = "below the pinned minimum" if bound["kind"] == "min" else "above the pinned maximum"
            failures.append(f"{key}: {got['value']:.4f} is {word} {bound['value']}")
    return failures


def load_pinned(path: Path = PINNED_PATH) -> dict | None:
    path = Path(path)
    return json.loads(path.read_text()) if path.exists() else None


def write_pinned(data: dict, path: Path = PINNED_PATH) -> Path:
    atomic_write_bytes(Path(path), (json.dumps(data, indent=2) + "\n").encode())
    return Path(path)


def pin_from_metrics(metrics: dict, path: Path = PINNED_PATH, allow_lower: bool = False, reason: str = "") -> dict:
    """Re-pin ``path`` from an evaluation's metrics (full run, LOFO included)."""
    if not metrics.get("lofo") or not metrics.get("crossval_real_pages") or not metrics.get("cross_generator"):
        raise PinError("pinning needs the leave-one-family-out, cross-validation and cross-generator figures: "
                       "run the full evaluation")
    data = pin(load_pinned(path), metrics["corpus"]["sha256"], gate_figures(metrics), allow_lower=allow_lower,
               reason=reason, model_sha256=metrics["model"]["sha256"])
    write_pinned(data, path)
    return data


def main(argv: list[str] | None = None) -> int:
    """``python -m detector.evaluation.gate pin|check [--allow-lower --reason TEXT] [--corpus DIR]``."""
    import argparse
    import sys

    from .catalog import shared_data_dir
    from .corpus import build_corpus, corpus_hash
    from .evaluate import run_evaluation

    parser = argparse.ArgumentParser(prog="python -m detector.evaluation.gate")
    parser.add_argument("action", choices=["pin", "check"])
    parser.add_argument("--allow-lower", action="store_true")
    parser.add_argument("--reason", default="")
    parser.add_argument("--pinned", default=str(PINNED_PATH))
    parser.add_argument("--model-dir")
    args = parser.parse_args(argv)

    data_dir = shared_data_dir()
    if data_dir is None:
        print("../shared/data is absent: nothing to measure", file=sys.stderr)
        return 2
    records, manifest = build_corpus(data_dir)
    info = {"corpus_sha256": corpus_hash(manifest)}
    metrics = run_evaluation(records, manifest, info, args.model_dir, baselines=False,
                             progress=lambda m: print(m, file=sys.stderr)).metrics
    if args.action == "pin":
        try:
            pin_from_metrics(metrics, Path(args.pinned), args.allow_lower, args.reason)
        except PinError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"pinned {args.pinned}")
        return 0
    pinned = load_pinned(Path(args.pinned))
    if pinned is None:
        print(f"no pinned file at {args.pinned}; {REPIN_HINT}", file=sys.stderr)
        return 1
    failures = ([f"corpus sha256 {info['corpus_sha256']} differs from the pinned {pinned['corpus_sha256']}; "
                 + REPIN_HINT] if info["corpus_sha256"] != pinned["corpus_sha256"] else [])
    failures += check(pinned, gate_figures(metrics))
    print("\n".join(failures) or "quality gate passed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
