"""The Python API for notebooks: ``score`` returns a DataFrame, ``explain`` a readable trace."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd

from .model import CLASSES
from .page import Page
from .readers import iter_records
from .records import empty_record, normalise_record
from .scoring import Scored, model_for, rows_from_scored, score_frame, score_pages, score_records
from .signals import REGISTRY_BY_NAME
from .linking.signals import CROSS_PAGE_SIGNALS

BATCH = 512


def _as_records(item) -> Iterator[dict]:
    if isinstance(item, dict):
        yield normalise_record(item)
    elif isinstance(item, (str, Path)) and not (isinstance(item, str) and item.lstrip().startswith("<")):
        yield from iter_records([item])
    elif isinstance(item, str):
        yield empty_record(id="<html>", html=item, format="html")
    else:
        raise TypeError(f"cannot score a {type(item).__name__}; give paths, records, Pages or a DataFrame")


def _score_pages(pages: list[Page], model) -> list[Scored]:
    results, proba = score_pages(pages, model)
    return [Scored(p.id, p.url, p, r, dict(zip(CLASSES, map(float, pr))), "")
            for p, r, pr in zip(pages, results, proba)]


def _scored(items, model_dir=None, prevalence=None) -> Iterator[Scored]:
    model = model_for(model_dir, prevalence)
    if isinstance(items, (str, Path, dict, Page)):
        items = [items]
    batch: list[dict] = []
    for item in items:
        if isinstance(item, Page):
            yield from _score_pages([item], model)
            continue
        batch.extend(_as_records(item))
        if len(batch) >= BATCH:
            yield from score_records(batch, model)
            batch = []
    if batch:
        yield from score_records(batch, model)


def score(pages, model_dir: str | None = None, evidence: bool = False,
          prevalence: dict[str, float] | None = None) -> pd.DataFrame:
    """Score pages and return one row per page (the same columns as ``detector score``;
    with ``evidence``, those of ``detector score --evidence``).

    ``pages``: a DataFrame of records (columns id, url, html or text, ...), a path
    or list of paths (files or directories in any supported format), record
    dicts, an HTML string, or Page objects. ``prevalence`` states the class shares
    expected in these pages, e.g. ``{"original": 0.9, "syndicated": 0.05, "scraped": 0.05}``
    (default: the model card's); the probabilities are given at those shares.
    """
    if isinstance(pages, pd.DataFrame):
        return score_frame(pages, model_dir, evidence, prevalence)
    return rows_from_scored(list(_scored(pages, model_dir, prevalence)), evidence)


@dataclass
class Explanation:
    """One page's label, probabilities and every signal that fired, with evidence."""

    scored: Scored
    relation: str = ""  # what the page is a copy of, when linked to another page explained with it
    cluster: str = ""

    @property
    def label(self) -> str:
        return self.scored.label

    @property
    def probabilities(self) -> dict[str, float]:
        return self.scored.probabilities

    def evidence(self) -> pd.DataFrame:
        """One row per piece of evidence of every fired signal."""
        rows = [dict(signal=r.name, value=r.value, field=e.field, start=e.start, end=e.end,
                     text=e.text, reason=e.reason)
                for r in self.scored.fired for e in (r.evidence or [None]) if e is not None]
        return pd.DataFrame(rows, columns=["signal", "value", "field", "start", "end", "text", "reason"])

    def to_text(self) -> str:
        s = self.scored
        head = f"{s.id}" + (f"  <{s.url}>" if s.url else "")
        if s.error:
            return f"{head}\n  error: {s.error}\n"
        probs = "  ".join(f"{c}={s.probabilities[c]:.3f}" for c in CLASSES)
        lines = [head, f"  label: {s.label}   score: {1 - s.probabilities['original']:.3f}", f"  {probs}"]
        if self.relation:
            lines.append(f"  {self.relation}  [cluster {self.cluster}]")
        if not s.fired:
            lines.append("  no signal fired")
        for r in sorted(s.fired, key=lambda r: -r.value):
            signal = REGISTRY_BY_NAME.get(r.name)
            description = signal.description if signal else CROSS_PAGE_SIGNALS.get(r.name, "")
            lines.append(f"  - {r.name} = {r.value:.2f}: {description}")
            for e in r.evidence:
                quote = textwrap.shorten(e.text.replace("\n", " "), 110, placeholder="...")
                lines.append(f"      {e.reason}: \"{quote}\"  [{e.field} {e.start}:{e.end}]")
        return "\n".join(lines) + "\n"

    __str__ = to_text

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(self.to_text())}</pre>"


def explain_many(pages, model_dir: str | None = None, prevalence: dict[str, float] | None = None,
                 link: bool = True) -> Iterator[Explanation]:
    """Explanations for every page in paths, records, Pages or a DataFrame.

    With ``link``, the pages are linked among themselves first: a copy's explanation says
    which page it copies and shows the cross-page signals with the passage they share."""
    if isinstance(pages, pd.DataFrame):
        pages = pages.to_dict("records")
    if not link:
        for scored in _scored(pages, model_dir, prevalence):
            yield Explanation(scored)
        return
    yield from _linked_explanations(list(_scored(pages, model_dir, prevalence)), model_for(model_dir, prevalence))


def _linked_explanations(scored: list[Scored], model) -> list[Explanation]:
    import numpy as np

    from .linking.fingerprints import fingerprint, fingerprint_frame
    from .linking.origin import describe
    from .linking.signals import relation_results
    from .linking.stage import link_batch

    table = fingerprint_frame([fingerprint(s.page, s.id) if s.page is not None and not s.error else None
                               for s in scored])
    linked = link_batch(table, np.array([s.probabilities.get("scraped", 0.0) for s in scored]))
    explanations = [Explanation(s, cluster=linked.columns.at[i, "cluster"]) for i, s in enumerate(scored)]
    for relation in linked.relations:
        explanation = explanations[relation.row]
        s = explanation.scored
        s.results = s.results + relation_results(relation, linked.table, s.page)
        explanation.relation = describe(relation, linked.table)
        values = {r.name: r.value for r in s.results}
        features = np.array([[values.get(name, 0.0) for name in model.feature_names]])
        s.probabilities = dict(zip(CLASSES, map(float, model.predict_proba(features)[0])))
    return explanations


def explain(page, model_dir: str | None = None, prevalence: dict[str, float] | None = None) -> Explanation:
    """Explain one page: a Page, a record dict, an HTML string, or a single-page file."""
    explanations = list(explain_many(page, model_dir, prevalence))
    if len(explanations) != 1:
        raise ValueError(f"explain() takes one page; this input holds {len(explanations)}: use explain_many()")
    return explanations[0]
