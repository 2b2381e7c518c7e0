"""The page says it is in a non-Latin language and is written in another script.

Machine-translated copies and cloned templates keep the ``lang`` attribute of the site
that made them: a Chinese farm template (lang="zh-CN") over English text copied or
translated from an English outlet. Only the writing system is compared (CJK, Cyrillic,
Arabic, Greek, Hebrew, Thai), which needs no word lists and cannot mistake a language
for its neighbour.

The other direction is left alone on purpose: real Chinese sites often keep a
template's lang="en" over Chinese text (4 of the 61 readable pages of the reference
Chinese collection do), so a Latin-script declaration over another script says
nothing.
"""
from __future__ import annotations

import re

from ..page import Page
from .base import Evidence, SignalResult, result, signal

_SCRIPT_RE = {
    "cjk": re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
}
_SCRIPT_OF_LANGUAGE = {
    "zh": "cjk", "ja": "cjk", "ko": "cjk", "ru": "cyrillic", "uk": "cyrillic", "bg": "cyrillic",
    "sr": "cyrillic", "mk": "cyrillic", "be": "cyrillic", "kk": "cyrillic", "ar": "arabic", "fa": "arabic",
    "ur": "arabic", "el": "greek", "he": "hebrew", "iw": "hebrew", "th": "thai",
}
_LETTER_RE = re.compile(r"[^\W\d_]")
_SAMPLE_CHARS = 800  # the opening of the body tells its script; bounds the cost
_MIN_LETTERS = 200  # too little text says nothing
# Technical pages mix in much Latin (code, product names): only a body with almost none
# of the declared script counts.
_MAX_DECLARED_SHARE = 0.05


def _declared(lang: str) -> str:
    return re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]


@signal("script_mismatch", family="translation")
def script_mismatch(page: Page) -> SignalResult:
    """A non-Latin declared language whose script is (almost) absent from the body: lang="zh" over English text."""
    expected = _SCRIPT_OF_LANGUAGE.get(_declared(page.lang))
    if expected is None or not page.paragraphs:
        return result("script_mismatch", 0.0)  # Latin-script or unknown declarations: see the module docstring
    sample = page.body[:_SAMPLE_CHARS]
    letters = len(_LETTER_RE.findall(sample))
    if letters < _MIN_LETTERS:
        return result("script_mismatch", 0.0)
    share = len(_SCRIPT_RE[expected].findall(sample)) / letters
    if share > _MAX_DECLARED_SHARE:
        return result("script_mismatch", 0.0)
    # Evidence: the lede, in the script the page did not declare.
    lede = page.paragraphs[0]
    return result("script_mismatch", 1.0,
                  [Evidence.at(page, "paragraphs[0]", 0, min(len(lede), 120),
                               f"declared lang={page.lang!r} but the body has {share:.0%} {expected} letters")])
