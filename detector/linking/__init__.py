"""Cross-page republication evidence: find the pages that carry the same text, name the origin.

``fingerprints``: a MinHash signature of each page's main text, computed in the scoring pass;
``lsh``: candidates by banding and a check of each; ``origin``: the most likely origin of each
group and each copy's relation to it; ``signals``: the cross-page signals; ``stage``: the
linking stage of a batch; ``index``: a reference index of known pages on disk.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ..page import Page
from .signals import CROSS_PAGE_NAMES


def cross_page_features(records: pd.DataFrame, pages: Sequence[Page | None] | None = None,
                        p_scraped: np.ndarray | None = None, sites: Sequence[str] | None = None) -> pd.DataFrame:
    """The cross-page signal columns (``CROSS_PAGE_NAMES``) of a batch of raw records, linked
    among themselves, one row per record in order (zeros for pages that are no copy).

    ``pages``: the records' parsed Pages when the caller has them (None for unparsable
    ones); parsed here otherwise. ``p_scraped``: each page's probability before linking,
    when known (origin evidence). ``sites``: a registered domain per record for records
    whose URL does not give one ("" to leave a record as it is).

    Training calls this on the corpus, whose originals sit beside their syndicated and farm
    copies, so the copies get the values scoring gives them. The corpus's simulated
    originals are renders of the real original on its own site, often without a URL: pass
    ``sites`` = the manifest's ``group`` for rows labelled original, or they are taken for
    copies of it.
    """
    from ..parse import ParseError, page_from_record
    from .fingerprints import fingerprint, fingerprint_frame
    from .stage import link_batch

    if pages is None:
        pages = []
        for record in records.to_dict("records"):
            try:
                pages.append(page_from_record(record))
            except ParseError:
                pages.append(None)
    ids = records["id"].astype(str).tolist() if "id" in records else [""] * len(pages)
    table = fingerprint_frame([fingerprint(p, i) if p is not None else None for p, i in zip(pages, ids)])
    if sites is not None:
        given = pd.Series(list(sites), dtype=object).fillna("").astype(str)
        table["domain"] = table["domain"].where(table["domain"] != "", given)
    linked = link_batch(table, p_scraped)
    return linked.cross_page.set_axis(records.index)


__all__ = ["CROSS_PAGE_NAMES", "cross_page_features"]
