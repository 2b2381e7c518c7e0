"""The linking stage of a batch: fingerprints of every scored row -> links -> updated rows.

Runs in the main process once every shard is scored. It fills the link columns
(``origin.LINK_COLUMNS``) and the cross-page signals, and recomputes the class
probabilities of linked rows from their feature values (the model is cheap to
apply to a feature row; a model trained without the cross-page signals gives the
same probabilities as before).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model import CLASSES, Model
from .fingerprints import signature_matrix
from .lsh import link
from .origin import LINK_COLUMNS, Relation, resolve
from .signals import CROSS_PAGE_NAMES, cross_page_columns


@dataclass
class Linked:
    """The result of linking a batch: link columns and cross-page values per batch row,
    the relations of its copies, and the fingerprint rows they refer to (batch, then reference)."""

    columns: pd.DataFrame
    cross_page: pd.DataFrame
    relations: list[Relation]
    table: pd.DataFrame


def link_batch(fingerprints: pd.DataFrame, p_scraped: np.ndarray | None = None,
               reference: pd.DataFrame | None = None) -> Linked:
    """Link the batch's fingerprint rows among themselves and to ``reference`` rows (an index).

    ``fingerprints``: one row per batch row, in batch order; ``p_scraped``: each row's
    probability before linking, origin evidence (a farm-like page is unlikely an origin).
    """
    batch = fingerprints.reset_index(drop=True).assign(reference=False)
    batch["p_scraped"] = np.nan_to_num(np.asarray(p_scraped, dtype=float)) if p_scraped is not None else 0.0
    parts = [batch]
    if reference is not None and len(reference):
        parts.append(reference.reset_index(drop=True).assign(reference=True, p_scraped=0.0))
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else batch
    signatures = signature_matrix(table)
    domains = pd.factorize(table["domain"].where(table["domain"] != "", None))[0]
    links = link(signatures, table["size"].to_numpy(), domains)
    if reference is not None and len(reference):
        keep = links.left < len(batch)  # links between two reference pages say nothing about the batch
        links = type(links)(links.left[keep], links.right[keep], links.jaccard[keep], links.containment[keep])
    columns, relations = resolve(table, links, signatures)
    relations = [r for r in relations if r.row < len(batch)]
    return Linked(columns.iloc[:len(batch)].reset_index(drop=True), cross_page_columns(len(batch), relations),
                  relations, table)


def annotate(rows: pd.DataFrame, linked: Linked, model: Model, offset: int = 0) -> pd.DataFrame:
    """``rows`` (a slice of the batch starting at batch row ``offset``) with the link columns and
    cross-page signals filled, and the probabilities of linked rows recomputed."""
    rows = rows.copy()
    span = slice(offset, offset + len(rows))
    for column in LINK_COLUMNS:
        rows[column] = linked.columns[column].iloc[span].to_numpy()
    cross = linked.cross_page.iloc[span].to_numpy()
    fired_before = rows[CROSS_PAGE_NAMES].to_numpy() > 0 if set(CROSS_PAGE_NAMES) <= set(rows) else None
    for j, name in enumerate(CROSS_PAGE_NAMES):
        rows[name] = cross[:, j]
    signals = rows["signals"].astype(str).str.split()
    rows["signals"] = [" ".join([s for s in names if s not in CROSS_PAGE_NAMES]
                                + [n for j, n in enumerate(CROSS_PAGE_NAMES) if cross[i, j] > 0])
                       for i, names in enumerate(signals)]
    changed = (rows["copy_of"].to_numpy() != "") | (cross > 0).any(axis=1)
    if fired_before is not None:
        changed |= fired_before.any(axis=1)
    changed &= rows["error"].astype(str).eq("").to_numpy()
    if changed.any():
        features = rows.loc[changed, model.feature_names].to_numpy(dtype=np.float64)
        proba = model.predict_proba(features)
        for j, name in enumerate(CLASSES):
            rows.loc[changed, f"p_{name}"] = proba[:, j]
        rows.loc[changed, "score"] = np.clip(proba[:, 1] + proba[:, 2], 0.0, 1.0)
        rows.loc[changed, "label"] = model.labels(proba)
    return rows
