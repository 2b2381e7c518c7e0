"""detector: find content-farm pages and tell original, syndicated and scraped content apart.

    >>> import detector
    >>> frame = detector.score("pages/")          # one row per page
    >>> print(detector.explain("page.html"))      # label, probabilities, evidence
    >>> detector.sites(frame)                     # one row per site, with a verdict
"""
from .api import Explanation, explain, explain_many, score
from .page import Block, BlockItem, Page
from .scoring import output_columns, score_frame
from .sites import site_table as sites

__version__ = "0.1.0"
__all__ = ["Block", "BlockItem", "Explanation", "Page", "explain", "explain_many", "output_columns",
           "score", "score_frame", "sites", "__version__"]
