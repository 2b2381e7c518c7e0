"""The two baselines the trained model is measured against, on the same pages.

- ``TfidfBaseline``: TF-IDF over the page text with logistic regression, fitted on
  the training sites. It sees words, not signals: it shows how far the simulator's
  vocabulary alone would carry a classifier.
- ``hand_rules``: the signals as fixed rules. A page is ``scraped`` when any signal
  marked ``strong`` fires, ``syndicated`` when ``wire_credit`` fires and no strong
  signal does, ``original`` otherwise.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from ..model import CLASSES
from ..parse import ParseError, page_from_record

WIRE_SIGNAL = "wire_credit"


# ---------------------------------------------------------------- TF-IDF + logistic regression


def record_text(record: dict) -> str:
    """Title and body of the parsed page; a text dump's own raw text; "" when unparsable.

    HTML goes through the parser so markup and scripts do not become words; a text
    dump already is text, and its raw form is what a scraper's output looks like.
    """
    if not str(record.get("html") or "").strip():
        return str(record.get("text") or "")
    try:
        page = page_from_record(record)
    except ParseError:
        return ""
    return "\n".join([page.title, *page.paragraphs])


def corpus_texts(records: pd.DataFrame, rows: np.ndarray | None = None) -> list[str]:
    """``record_text`` of every record, or of the ``rows`` (a mask) only, "" elsewhere."""
    wanted = np.ones(len(records), bool) if rows is None else np.asarray(rows, bool)
    return [record_text(r) if keep else "" for r, keep in zip(records.to_dict("records"), wanted)]


class TfidfBaseline:
    """Word uni- and bigram TF-IDF with multinomial logistic regression."""

    def __init__(self, random_state: int = 0):
        self.pipeline = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.9, sublinear_tf=True,
                            max_features=200_000, dtype=np.float32),
            LogisticRegression(C=4.0, max_iter=2000, random_state=random_state),
        )

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "TfidfBaseline":
        self.pipeline.fit(list(texts), list(labels))
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities with columns in ``CLASSES`` order."""
        if len(texts) == 0:
            return np.zeros((0, len(CLASSES)))
        proba = self.pipeline.predict_proba(list(texts))
        order = [list(self.pipeline.classes_).index(c) for c in CLASSES]
        return proba[:, order]


# ---------------------------------------------------------------- hand rules


def strong_signal_names() -> list[str]:
    from ..signals import SIGNALS

    return [s.name for s in SIGNALS if s.strong]


def hand_rules(matrix: np.ndarray, feature_names: Sequence[str],
               strong: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(pseudo-probabilities, labels) of the hand-rule baseline for a signal matrix.

    Labels follow the rules exactly. The "probabilities" only rank pages for the
    ROC and PR curves: p_scraped is the strongest strong-signal value (clipped to
    [0, 1]), p_syndicated the wire-credit value on what is left. They are rule
    strengths, not calibrated probabilities.
    """
    strong = strong_signal_names() if strong is None else list(strong)
    names = list(feature_names)
    strong_columns = [names.index(n) for n in strong if n in names]
    if strong_columns:
        strength = np.clip(matrix[:, strong_columns], 0, 1).max(axis=1)
        any_strong = (matrix[:, strong_columns] > 0).any(axis=1)
    else:
        strength = np.zeros(len(matrix))
        any_strong = np.zeros(len(matrix), dtype=bool)
    wire = np.clip(matrix[:, names.index(WIRE_SIGNAL)], 0, 1) if WIRE_SIGNAL in names else np.zeros(len(matrix))

    labels = np.full(len(matrix), "original", dtype=object)
    labels[(wire > 0) & ~any_strong] = "syndicated"
    labels[any_strong] = "scraped"

    proba = np.zeros((len(matrix), len(CLASSES)))
    proba[:, CLASSES.index("scraped")] = strength
    proba[:, CLASSES.index("syndicated")] = (1 - strength) * wire
    proba[:, CLASSES.index("original")] = 1 - proba.sum(axis=1)
    return proba, labels
