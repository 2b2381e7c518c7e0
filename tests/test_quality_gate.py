"""The quality gate: the shipped model, measured on the held-out sites, against quality/pinned.json.

Needs the reference pages (../shared/data or $DETECTOR_SHARED_DATA); skipped where
they are absent. The corpus is rebuilt from them and must hash to the pinned
value; every pinned figure is one test. Re-pin with `detector evaluate --pin`
(loosening a figure needs `--allow-lower --reason "..."`).
"""
from __future__ import annotations

import pytest

from detector.evaluation import gate

PINNED = gate.load_pinned() or {"figures": {}}
# Figures of the leave-one-family-out and cross-validated models need every page featurized
# and a dozen fits; the shipped model's own figures need only the held-out pages.
SLOW_PREFIXES = gate.SLOW_PREFIXES

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="session")
def pinned() -> dict:
    data = gate.load_pinned()
    if data is None:
        pytest.fail(f"{gate.PINNED_PATH} is missing; {gate.REPIN_HINT}")
    return data


@pytest.fixture(scope="session")
def gate_corpus(shared_data):
    from detector.evaluation.corpus import build_corpus, corpus_hash

    skipped: list = []
    records, manifest = build_corpus(shared_data, skipped=skipped)
    return records, manifest, corpus_hash(manifest), skipped


def _comparable(gate_corpus, pinned) -> None:
    # A changed corpus fails the figures too: a gate that skips whenever its data move cannot fail.
    if gate_corpus[2] != pinned["corpus_sha256"]:
        pytest.fail("the corpus differs from the pinned one, so no pinned figure can be checked "
                    f"(see test_corpus_matches_the_pinned_hash); {gate.REPIN_HINT}")


def _measure(gate_corpus, full: bool) -> dict:
    from detector.evaluation.evaluate import run_evaluation

    records, manifest, sha, _ = gate_corpus
    metrics = run_evaluation(records, manifest, {"corpus_sha256": sha}, lofo=full, crossval=full,
                             baselines=False).metrics
    return gate.gate_figures(metrics)


@pytest.fixture(scope="session")
def shipped_figures(gate_corpus, pinned) -> dict:
    _comparable(gate_corpus, pinned)
    return _measure(gate_corpus, full=False)


@pytest.fixture(scope="session")
def full_figures(gate_corpus, pinned) -> dict:
    _comparable(gate_corpus, pinned)
    return _measure(gate_corpus, full=True)


def test_every_real_page_is_in_the_corpus_or_accounted_for(gate_corpus, shared_data):
    from detector.evaluation.catalog import iter_real_pages, load_real_labels

    _, manifest, _, skipped = gate_corpus
    real = [page.path for page in iter_real_pages(shared_data)]
    in_corpus = {page_id.removeprefix("real/") for page_id in manifest.loc[manifest.origin == "real", "id"]}
    left_out = {entry["path"]: entry["why"] for entry in skipped}
    assert in_corpus.isdisjoint(left_out)
    assert in_corpus | set(left_out) == set(real)
    labels = load_real_labels()
    excluded = {path for path in real if labels.get(path, ("original", ""))[0] == "exclude"}
    assert {path for path, why in left_out.items() if why == "excluded"} == excluded
    # Unreadable or unparsable pages are few, each with its reason.
    failed = [entry for entry in skipped if entry["why"] != "excluded"]
    assert len(failed) <= 0.01 * len(real) and all(entry["detail"] for entry in failed)


def test_corpus_matches_the_pinned_hash(gate_corpus, pinned):
    built = gate_corpus[2]
    assert built == pinned["corpus_sha256"], (
        f"the corpus built from ../shared/data hashes to {built}, not to the pinned "
        f"{pinned['corpus_sha256']}: the data, the labels or the simulator changed. If that is intended, "
        f"retrain (`detector train --rebuild`) and {gate.REPIN_HINT}")


def test_no_pinned_bound_is_vacuous(pinned):
    assert not gate.vacuous(pinned), (f"pinned bounds that cannot fail: {gate.vacuous(pinned)}; "
                                      "a figure at 0 needs the model to improve before it can be pinned")


@pytest.mark.parametrize("key", [
    pytest.param(key, marks=[pytest.mark.slow] if key.startswith(SLOW_PREFIXES) else [])
    for key in sorted(PINNED["figures"])
])
def test_pinned_figure(key, pinned, request):
    fixture = "full_figures" if key.startswith(SLOW_PREFIXES) else "shipped_figures"
    measured = request.getfixturevalue(fixture)
    failures = gate.check(pinned, measured, keys=[key])
    assert not failures, "; ".join(failures) + f". If the drop is intended, {gate.REPIN_HINT}"
