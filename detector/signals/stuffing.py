"""Made-for-advertising pages: many ad slots around little text, or only an excerpt of it.

The advertising trade bodies' definition of "made for advertising" sites (ANA, 4A's,
WFA and ISBA, September 2023) names a high ad-to-content ratio and generic, often
syndicated content; autoblogs that import feeds keep only the excerpt and point to
the source. In a text rendering the ad slots survive as their labels, the excerpt as
a short body that ends in an ellipsis.
"""
from __future__ import annotations

import re

from ..page import Page
from .base import Evidence, SignalResult, result, signal

# The label over a paid slot. These are the disclosure words advertising law and the
# ad networks require in each market ("Anzeige" under German press law, "Publicidad",
# "Publicité", "Реклама", "广告", "広告", "Iklan"), not words of the article.
_AD_LABELS = frozenset({
    "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "paid content", "promoted",
    "anzeige", "werbung", "publicidad", "anuncio", "publicité", "annonce", "реклама", "广告", "推广", "広告",
    "スポンサーリンク", "iklan", "reklama", "publicidade", "pubblicità",
})
_AD_LABEL_MAX_CHARS = 30
# News sites label a few slots too (up to six on one real page): the signal needs at
# least this many labels and at least one label for every few paragraphs.
_MIN_AD_LABELS = 3
_MAX_PARAGRAPHS_PER_LABEL = 8


@signal("ad_label_density", family="stuffing")
def ad_label_density(page: Page) -> SignalResult:
    """Ad-slot labels ("Advertisement", "Anzeige", "广告") among few paragraphs: a page built around its ads.

    Fires at 3 or more labels with at most 8 paragraphs per label; 1 at one label per 2 paragraphs.
    """
    labels = [i for i, p in enumerate(page.paragraphs)
              if len(p) <= _AD_LABEL_MAX_CHARS and p.strip(" \t-–—:|*[]()").lower() in _AD_LABELS]
    if len(labels) < _MIN_AD_LABELS:
        return result("ad_label_density", 0.0)
    per_label = len(page.paragraphs) / len(labels)
    if per_label > _MAX_PARAGRAPHS_PER_LABEL:
        return result("ad_label_density", 0.0)
    value = min(1.0, 2.0 / per_label + 0.25)
    evidence = [Evidence.at(page, f"paragraphs[{i}]", 0, len(page.paragraphs[i]), "an ad-slot label") for i in labels]
    return result("ad_label_density", value, evidence)


# --- excerpt only -----------------------------------------------------------------------------

# An excerpt ends in an ellipsis: WordPress's "[…]" (the default excerpt_more), a bare
# "…" or "...", or a "read more" arrow after it. Punctuation, so any language.
_EXCERPT_END_RE = re.compile(r"(?:\[\s*(?:…|\.\.\.|&hellip;)\s*\]|…|\.\.\.)\s*(?:[»›→>]+)?\s*$")
_PROSE_MIN_CHARS = 40  # shorter paragraphs are labels, captions and links
_MAX_EXCERPT_PARAGRAPHS = 3
_MAX_EXCERPT_WORDS = 200
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _word_count(text: str) -> int:
    # Chinese and Japanese are not space-separated: about two characters a word.
    cjk = len(_CJK_RE.findall(text)) if not text.isascii() else 0
    return len(text.split()) + cjk // 2


@signal("excerpt_only", family="stuffing")
def excerpt_only(page: Page) -> SignalResult:
    """The body is only an excerpt: at most three short paragraphs, the last cut off with an ellipsis ("[…]", "…")."""
    prose = [(i, p) for i, p in enumerate(page.paragraphs) if len(p) >= _PROSE_MIN_CHARS]
    if not prose or len(prose) > _MAX_EXCERPT_PARAGRAPHS:
        return result("excerpt_only", 0.0)
    if sum(_word_count(p) for _, p in prose) > _MAX_EXCERPT_WORDS:
        return result("excerpt_only", 0.0)
    i, last = prose[-1]
    match = _EXCERPT_END_RE.search(last)
    if not match:
        return result("excerpt_only", 0.0)
    return result("excerpt_only", 1.0,
                  [Evidence.at(page, f"paragraphs[{i}]", match.start(), match.end(), "the body stops at an excerpt's ellipsis")])
