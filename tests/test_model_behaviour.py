"""The shipped model's answers follow the evidence: monotone, bounded on weak evidence,
labelled by the most probable class, and restated at a prevalence the user gives."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.features import FEATURE_NAMES
from detector.model import CLASSES, check_prevalence, load_model, parse_prevalence, shift_prior
from detector.training import WEAK_SIGNAL_MAX_P, single_signal_rows

SCRAPED = CLASSES.index("scraped")


@pytest.fixture(scope="module")
def model():
    return load_model()


def _rows(seed: int, count: int) -> np.ndarray:
    """Feature rows like real pages': most signals silent, a few firing at various strengths."""
    rng = np.random.default_rng(seed)
    rows = np.where(rng.random((count, len(FEATURE_NAMES))) < 0.15, rng.random((count, len(FEATURE_NAMES))), 0.0)
    return np.round(rows, 2)


@pytest.mark.parametrize("signal", FEATURE_NAMES)
def test_raising_one_signal_never_lowers_p_scraped(model, signal):
    rows = _rows(FEATURE_NAMES.index(signal), 400)
    j = FEATURE_NAMES.index(signal)
    before = model.predict_proba(rows)[:, SCRAPED]
    for step in (0.1, 0.3, 0.6, 1.0):
        raised = rows.copy()
        raised[:, j] = np.minimum(raised[:, j] + step, 1.0)
        after = model.predict_proba(raised)[:, SCRAPED]
        assert (after >= before - 1e-12).all(), f"{signal} +{step}: p_scraped fell by {np.max(before - after):.3g}"


def test_no_weak_signal_alone_takes_p_scraped_past_half(model):
    """The signals that fire on more than 2% of real originals (found at training, in the card),
    each alone at the highest value real originals give it."""
    weak = model.card["prevalence_choice"]["weak_signals"]
    assert weak, "the card lists the weak signals found at training"
    alone = model.predict_proba(single_signal_rows(weak))[:, SCRAPED]
    over = {name: round(float(p), 3) for name, p in zip(weak, alone) if p > WEAK_SIGNAL_MAX_P}
    assert not over, f"weak signals alone past {WEAK_SIGNAL_MAX_P}: {over}"


def test_a_page_with_no_signal_is_not_scraped(model):
    proba = model.predict_proba(np.zeros((1, len(FEATURE_NAMES))))
    assert proba[0, SCRAPED] < 0.5


def test_scored_labels_are_the_most_probable_class(examples):
    from detector.api import score

    rows = score(sorted(examples.iterdir()))
    assert rows["error"].eq("").all()
    argmax = rows[["p_original", "p_syndicated", "p_scraped"]].to_numpy().argmax(axis=1)
    assert rows["label"].tolist() == [CLASSES[i] for i in argmax]
    assert set(rows["label"]) >= {"original", "scraped"}


def test_labels_follow_probabilities_on_many_rows(model):
    proba = model.predict_proba(_rows(99, 2000))
    labels = model.labels(proba)
    assert (labels == np.asarray(CLASSES, dtype=object)[proba.argmax(axis=1)]).all()
    assert np.allclose(proba.sum(axis=1), 1.0)


def test_a_stated_prevalence_moves_probabilities_by_bayes_rule(model):
    rows = _rows(7, 300)
    low = model.with_prevalence({"original": 0.97, "syndicated": 0.02, "scraped": 0.01}).predict_proba(rows)
    high = model.with_prevalence({"original": 0.5, "syndicated": 0.2, "scraped": 0.3}).predict_proba(rows)
    assert (high[:, SCRAPED] >= low[:, SCRAPED]).all() and (high[:, SCRAPED] > low[:, SCRAPED]).any()
    # The evidence is unchanged: the order of pages by p_scraped stays the same.
    assert (np.argsort(low[:, SCRAPED], kind="stable") == np.argsort(high[:, SCRAPED], kind="stable")).all() or \
        np.corrcoef(low[:, SCRAPED], high[:, SCRAPED])[0, 1] > 0.99
    odds = lambda p: p / (1 - p)  # noqa: E731
    inner = (low[:, SCRAPED] > 1e-6) & (high[:, SCRAPED] < 1 - 1e-6)
    ratio = odds(high[inner, SCRAPED]) / odds(low[inner, SCRAPED])
    assert np.allclose(ratio, (0.3 / 0.7) / (0.01 / 0.99))


def test_shift_prior_is_identity_at_the_same_share_and_inverts():
    p = np.linspace(0, 1, 11)
    assert np.array_equal(shift_prior(p, 0.3, 0.3), p)
    assert np.allclose(shift_prior(shift_prior(p, 0.3, 0.05), 0.05, 0.3), p)


@pytest.mark.parametrize("text, problem", [
    ("original=0.9,scraped=0.1", "exactly the classes"),
    ("original=0.9,syndicated=0.1,scraped=0.1", "sum to 1"),
    ("original=1,syndicated=0,scraped=0", "strictly between"),
    ("original=x,syndicated=0.5,scraped=0.5", "CLASS=SHARE"),
])
def test_a_bad_prevalence_is_refused(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_prevalence(text)


def test_prevalence_reaches_the_cli_and_its_workers(examples, tmp_path):
    import subprocess
    import sys

    low, high = (tmp_path / "low.csv", tmp_path / "high.csv")
    for out, shares in ((low, "original=0.98,syndicated=0.01,scraped=0.01"),
                        (high, "original=0.4,syndicated=0.1,scraped=0.5")):
        subprocess.run([sys.executable, "-m", "detector.cli", "score", "-q", "-j", "2", "--prevalence", shares,
                        str(examples), "-o", str(out)], check=True)
    a, b = pd.read_csv(low), pd.read_csv(high)
    assert (b["p_scraped"] >= a["p_scraped"]).all() and (b["p_scraped"] > a["p_scraped"]).any()
    check_prevalence(load_model().prevalence)
