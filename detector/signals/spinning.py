"""Spinning: text altered to dodge duplicate detection, or mangled by sloppy copying.

Two cheap traces: tokens with a doubled letter that are no word while the token without
it is a frequent one ("equipmentt", "poliitical"); and the fixed phrases article
spinners produce when they swap words for "synonyms" ("counterfeit consciousness" for
artificial intelligence, "Joined Together States" for United States).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..page import Page
from ..text import WORDFREQ_LANGS, body_profile, body_tokens, frequent_words, rare_words, zipf
from .base import Evidence, SignalResult, result, signal

# A whole word, delimited like the tokens the typo check looks at.
_WORD_EDGE_BEFORE, _WORD_EDGE_AFTER = r"(?<![\w'’-])", r"(?![\w'’-])"
_MIN_TYPO_LETTERS = 4
_DOUBLED_RE = re.compile(r"(\w)\1")
_TYPO_MAX_ZIPF = 1.0  # the token is no word at all
_FIXED_MIN_ZIPF = 3.0  # ...while the token minus one letter is a word met once per million or more
_MIN_DENOMINATOR_WORDS = 500  # so one typo on a short page is not "5 per 1,000 words"
_TYPOS_PER_1000_FOR_MAX = 5.0


def _typo_fix(token: str, lang: str) -> str | None:
    """The frequent word ``token`` becomes when one letter of a doubled pair is removed,
    if ``token`` itself is no word."""
    for match in _DOUBLED_RE.finditer(token):
        fixed = token[: match.start()] + token[match.start() + 1 :]
        if fixed in frequent_words(lang, 50_000) and zipf(fixed, lang) >= _FIXED_MIN_ZIPF:
            return fixed if zipf(token, lang) < _TYPO_MAX_ZIPF else None
    return None


def _occurrences(page: Page, word: str) -> Iterator[tuple[int, int, int]]:
    # Case-sensitive: only lowercase occurrences count; capitalised tokens are names (and,
    # in German, every noun), which the word lists know too poorly to call typos.
    pattern = re.compile(_WORD_EDGE_BEFORE + re.escape(word) + _WORD_EDGE_AFTER)
    for i, paragraph in enumerate(page.paragraphs):
        for match in pattern.finditer(paragraph):
            yield i, match.start(), match.end()


@signal("typo_tokens", family="spinning")
def typo_tokens(page: Page) -> SignalResult:
    """Typo-like tokens: a doubled letter makes a non-word of a frequent word ("equipmentt").

    Counted per 1,000 words (5 or more -> 1).

    Judged in the page's language (stopwords, else the declared language); pages in
    languages without a word list stay 0.
    """
    profile = body_profile(page.paragraphs, page.lang)
    lang = profile.lang
    if lang not in WORDFREQ_LANGS or not page.paragraphs:
        return result("typo_tokens", 0.0)
    # Only tokens outside the 50,000 most frequent words (a few per page) reach the
    # per-token checks.
    evidence = []
    for token in sorted(rare_words(page.paragraphs, lang)):
        if len(token) < _MIN_TYPO_LETTERS or not _DOUBLED_RE.search(token) or not token.isalpha():
            continue
        fixed = _typo_fix(token, lang)
        if fixed is None:
            continue
        for i, start, end in _occurrences(page, token):
            evidence.append(Evidence.at(page, f"paragraphs[{i}]", start, end, f"'{fixed}' with a letter doubled"))
    if not evidence:
        return result("typo_tokens", 0.0)
    per_1000 = 1000 * len(evidence) / max(profile.n_words, _MIN_DENOMINATOR_WORDS)
    return result("typo_tokens", min(1.0, per_1000 / _TYPOS_PER_1000_FOR_MAX), evidence)


# Spinner substitutions: (anchor word, pattern, what the spinner replaced). Only phrases
# with (next to) no honest use are listed: the "tortured phrases" catalogued in spun
# scientific papers and the stock swaps of news spinners. The anchor is the phrase's
# rarest word; a pattern runs only on pages with its anchor among their tokens.
_SPUN_PHRASES: list[tuple[str, re.Pattern, str]] = [
    (anchor, re.compile(pattern, flags), original)
    for anchor, pattern, flags, original in [
        ("counterfeit", r"\bcounterfeit (?:consciousness|intelligence)\b", re.I, "artificial intelligence"),
        ("man-made", r"\bman-made consciousness\b", re.I, "artificial intelligence"),
        ("profound", r"\bprofound neural organi[sz]ations?\b", re.I, "deep neural network"),
        ("colossal", r"\bcolossal information\b", re.I, "big data"),
        ("woodland", r"\b(?:irregular|arbitrary) woodland\b", re.I, "random forest"),
        ("woodlands", r"\b(?:irregular|arbitrary) woodlands\b", re.I, "random forests"),
        ("bosom", r"\bbosom (?:peril|malignant growth|malignancy)\b", re.I, "breast cancer"),
        ("commotion", r"\bflag to commotion\b", re.I, "signal to noise"),
        ("haze", r"\bhaze figuring\b", re.I, "cloud computing"),
        ("blunder", r"\bmean square blunder\b", re.I, "mean square error"),
        ("joined", r"\bJoined (?:Together States|States of America|Realm)\b", re.I, "United States / United Kingdom"),
        ("brand-new", r"\bBrand-new York\b", re.I, "New York"),
        ("priest", r"\bPrime Priest\b", re.I, "Prime Minister"),
        ("incomparable", r"\bIncomparable Court\b", re.I, "Supreme Court"),
        ("nationwide", r"\bNationwide (?:Football League|Basketball Association|Hockey League)\b", re.I, "National ... League"),
        ("globe", r"\bGlobe (?:War (?:I|II|1|2|One|Two)|Health Organi[sz]ation)\b", 0, "World War / World Health Organization"),
    ]
]
# An anchor as a whitespace token may carry punctuation on either side.
_OPENINGS = ("", "(", '"', "“", "'", "‘", "«", "„")
_CLOSINGS = ("", ",", ".", ";", ":", "!", "?", ")", '"', "”", "'", "’", "»")
_SPUN_TOKENS = [
    frozenset(opening + anchor + closing for opening in _OPENINGS for closing in _CLOSINGS)
    for anchor, _, _ in _SPUN_PHRASES
]
_ANY_SPUN_TOKEN = frozenset().union(*_SPUN_TOKENS)


@signal("spun_phrases", family="spinning")
def spun_phrases(page: Page) -> SignalResult:
    """Fixed phrases article spinners produce ("counterfeit consciousness", "Joined Together States"); 0.5 each, capped at 1."""
    tokens = body_tokens(page.paragraphs)
    if tokens.isdisjoint(_ANY_SPUN_TOKEN):
        return result("spun_phrases", 0.0)
    found = []
    body = "\n".join(page.paragraphs)
    for (_, pattern, original), anchor_tokens in zip(_SPUN_PHRASES, _SPUN_TOKENS):
        if tokens.isdisjoint(anchor_tokens) or not pattern.search(body):
            continue
        for i, paragraph in enumerate(page.paragraphs):
            for match in pattern.finditer(paragraph):
                found.append((i, match.start(), match.end(), original))
    evidence = [
        Evidence.at(page, f"paragraphs[{i}]", start, end, f"spinner's substitute for '{original}'")
        for i, start, end, original in sorted(found)  # in reading order
    ]
    return result("spun_phrases", min(1.0, 0.5 * len(evidence)), evidence)
