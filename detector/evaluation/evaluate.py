"""``detector evaluate``: the shipped (or given) model on the held-out sites of the corpus."""
from __future__ import annotations

import json
from pathlib import Path

from ..model import load_model
from ..training import featurize
from .metrics import held_out_metrics


def evaluate_model(records, manifest, corpus_info: dict, model_dir=None, report_dir=None) -> str:
    model = load_model(model_dir)
    held = manifest["held_out"].to_numpy()
    matrix, ok = featurize(records[held])
    metrics = held_out_metrics(model, matrix[ok], manifest[held][ok].reset_index(drop=True))
    result = {"corpus_sha256": corpus_info.get("corpus_sha256"), "held_out_metrics": metrics}
    if report_dir:
        Path(report_dir).mkdir(parents=True, exist_ok=True)
        (Path(report_dir) / "metrics.json").write_text(json.dumps(result, indent=2))
    return json.dumps(result, indent=2)
