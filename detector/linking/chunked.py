"""Linking a batch held in chunks on disk (the parts of an output directory, an index's files)
in memory that does not grow with the batch beyond the band keys.

``link_batch`` holds every fingerprint of the batch at once. Here each chunk is read a
few columns at a time, three times:

1. size, domain and signature, a chunk at a time: only the band keys of its linkable rows
   are kept (``lsh.band_key_matrix``, 336 bytes a page), with the row's size and domain;
2. candidates from the keys (``lsh.pairs_of_keys``, the same rule as ``candidate_pairs``),
   then the signatures of candidate rows only, read back to check them (``lsh.checked``);
3. the fingerprint fields of linked rows only, for the origin choice (``origin.resolve``)
   on the table of linked rows, which gives each of them what it gives on the whole batch:
   components, origins and cluster ids only depend on the rows of each component, in order.

The result holds linked rows only; ``LinkedRows.span`` gives any run of batch rows the
``Linked`` that ``stage.annotate`` takes, so parts are annotated one at a time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from .fingerprints import fingerprint_frame, signature_matrix
from .lsh import BANDS, Links, band_key_matrix, checked, other_sites, pairs_of_keys
from .origin import FINGERPRINT_FIELDS, LINK_COLUMNS, resolve
from .signals import CROSS_PAGE_NAMES, cross_page_columns
from .stage import Linked


@dataclass
class Chunk:
    """Rows of fingerprints that can be read a few columns at a time.

    ``read(columns)``: those ``fingerprints.FINGERPRINT_COLUMNS`` of the chunk's ``rows`` rows, in
    order; ``p_scraped()``: each row's probability before linking (origin evidence; None for
    reference chunks, whose rows count 0); ``reference``: rows of a reference index.
    """

    rows: int
    read: Callable[[list[str]], pd.DataFrame]
    p_scraped: Callable[[], np.ndarray] | None = None
    reference: bool = False


@dataclass
class LinkedRows:
    """Links of a chunked batch, held for linked rows only (batch rows first, then reference rows).

    ``linked``: the ``Linked`` of the linked rows' table (its rows and relations numbered
    0..m-1 in the order of ``rows``); ``rows``: their row numbers in the whole batch.
    """

    batch_rows: int
    rows: np.ndarray
    linked: Linked

    def span(self, start: int, count: int) -> Linked:
        """The ``Linked`` of batch rows ``start`` .. ``start + count``, as ``link_batch`` would give
        it for them: pass it to ``stage.annotate`` with offset 0."""
        columns = _unlinked_columns(count)
        cross = pd.DataFrame(np.zeros((count, len(CROSS_PAGE_NAMES))), columns=CROSS_PAGE_NAMES)
        inside = np.flatnonzero((self.rows >= start) & (self.rows < start + count))
        if len(inside):
            at = self.rows[inside] - start
            for column in LINK_COLUMNS:
                values = columns[column].to_numpy().copy()
                values[at] = self.linked.columns[column].to_numpy()[inside]
                columns[column] = pd.Series(values, dtype=columns[column].dtype)
            cross.iloc[at] = self.linked.cross_page.to_numpy()[inside]
        return Linked(columns, cross, [], self.linked.table)

    def touches(self, start: int, count: int) -> bool:
        """Whether any of batch rows ``start`` .. ``start + count`` is linked."""
        return bool(np.any((self.rows >= start) & (self.rows < start + count)))


def _unlinked_columns(count: int) -> pd.DataFrame:
    """The link columns of rows that are no copy and in no group (what ``origin.resolve`` gives them)."""
    return pd.DataFrame({"copy_of": pd.Series([""] * count, dtype=object), "copy_similarity": np.zeros(count),
                         "cluster": pd.Series([""] * count, dtype=object), "copies": np.zeros(count, dtype=np.int64)})


def link_chunks(chunks: Sequence[Chunk]) -> LinkedRows:
    """Link the rows of ``chunks`` (batch chunks, then reference chunks) as ``link_batch`` links
    the whole table, holding band keys, not signatures (see the module docstring)."""
    starts = np.cumsum([0] + [c.rows for c in chunks])
    batch_rows = int(sum(c.rows for c in chunks if not c.reference))
    keys, usable, sizes, domains = _band_keys(chunks, int(starts[-1]))
    # pages of one site are never linked, nor two reference pages (they say nothing about the batch)
    keep = lambda left, right: other_sites(domains[left], domains[right]) & (usable[left] < batch_rows)  # noqa: E731
    pairs = pairs_of_keys(lambda band: keys[band], usable, keep)
    del keys
    left, right = pairs[:, 0], pairs[:, 1]
    candidates = np.unique(np.concatenate([left, right]))
    signatures = signature_matrix(_rows_of(chunks, starts, candidates, ["signature"]))
    found = checked(signatures, sizes[np.searchsorted(usable, candidates)],
                    np.searchsorted(candidates, left), np.searchsorted(candidates, right))
    del signatures
    links = Links(candidates[found.left], candidates[found.right], found.jaccard, found.containment)
    return _resolved(chunks, starts, links, batch_rows)


def _band_keys(chunks: Sequence[Chunk], total: int):
    """(keys (BANDS, usable), usable rows, their sizes, their domain codes (-1 unknown)), read a chunk at a time."""
    keys = np.empty((BANDS, total), dtype=np.uint64)  # pages never written to are never resident
    usable = np.empty(total, dtype=np.int64)
    sizes = np.empty(total, dtype=np.int64)
    domains = np.empty(total, dtype=np.int64)
    codes: dict[str, int] = {}
    filled, start = 0, 0
    for chunk in chunks:
        table = chunk.read(["size", "domain", "signature"])
        mine = np.flatnonzero(table["size"].to_numpy() > 0)
        stop = filled + len(mine)
        keys[:, filled:stop] = band_key_matrix(signature_matrix(table.iloc[mine]))
        usable[filled:stop] = start + mine
        sizes[filled:stop] = table["size"].to_numpy()[mine]
        domains[filled:stop] = [codes.setdefault(d, len(codes)) if d else -1 for d in table["domain"].iloc[mine]]
        filled, start = stop, start + chunk.rows
    return keys[:, :filled], usable[:filled], sizes[:filled], domains[:filled]


def _rows_of(chunks: Sequence[Chunk], starts: np.ndarray, rows: np.ndarray, columns: list[str]) -> pd.DataFrame:
    """``columns`` of the given rows (ascending row numbers), reading only the chunks that hold some."""
    found = [fingerprint_frame([])[columns]]
    for index, chunk in enumerate(chunks):
        inside = rows[(rows >= starts[index]) & (rows < starts[index + 1])] - starts[index]
        if len(inside):
            found.append(chunk.read(columns).iloc[inside])
    return pd.concat(found, ignore_index=True)


def _resolved(chunks: Sequence[Chunk], starts: np.ndarray, links: Links, batch_rows: int):
    rows = np.unique(np.concatenate([links.left, links.right]))
    table = _rows_of(chunks, starts, rows, FINGERPRINT_FIELDS + ["signature"])
    table["reference"] = rows >= batch_rows
    table["p_scraped"] = _p_scraped(chunks, starts, rows)
    return resolved_rows(table, rows, links, batch_rows)


def resolved_rows(table: pd.DataFrame, rows: np.ndarray, links: Links, batch_rows: int) -> LinkedRows:
    """Origins, link columns and cross-page values of the linked rows only.

    ``table``: the fingerprint fields, signature, ``reference`` and ``p_scraped`` of ``rows``
    (ascending row numbers: batch rows below ``batch_rows``, then reference rows), which are
    every row that ``links`` (numbered the same way) joins."""
    local = Links(np.searchsorted(rows, links.left), np.searchsorted(rows, links.right), links.jaccard,
                  links.containment)
    table = table.reset_index(drop=True)
    columns, relations = resolve(table, local, signature_matrix(table))
    in_batch = rows < batch_rows
    relations = [r for r in relations if in_batch[r.row]]
    cross = cross_page_columns(len(rows), relations)
    for relation in relations:  # numbered as in the whole batch, as link_batch numbers them
        relation.row, relation.origin = int(rows[relation.row]), int(rows[relation.origin])
        if relation.stripped_from:
            relation.stripped_from = (int(rows[relation.stripped_from[0]]), relation.stripped_from[1])
    table.index = rows  # describe() and the evidence look rows up by their number in the batch
    linked = Linked(columns[in_batch].reset_index(drop=True), cross[in_batch].reset_index(drop=True),
                    relations, table.drop(columns="signature"))
    return LinkedRows(batch_rows, rows[in_batch], linked)


def _p_scraped(chunks: Sequence[Chunk], starts: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Each row's probability before linking (0 for reference rows), as ``link_batch`` takes it."""
    values = np.zeros(len(rows))
    for index, chunk in enumerate(chunks):
        inside = np.flatnonzero((rows >= starts[index]) & (rows < starts[index + 1]))
        if len(inside) and chunk.p_scraped is not None:
            values[inside] = np.nan_to_num(np.asarray(chunk.p_scraped(), dtype=float)[rows[inside] - starts[index]])
    return values
