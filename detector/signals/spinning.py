"""Spinning: text altered to dodge duplicate detection, or mangled by sloppy copying.

Two traces, both read from the language's word frequencies (wordfreq's lists), so no list
of phrases or synonyms is needed: tokens with a doubled letter that are no word while the
token without it is a frequent one ("equipmentt", "poliitical"); and wording that shuns the
language's most frequent words for uncommon synonyms, as a thesaurus spinner leaves it
("stated" for said, "individuals" for people, "commenced" for began).

Both abstain (value 0, no evidence) where they cannot judge: languages they have no word
list (or no reference) for, text that is not in the language it is judged in, and short text.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..page import Page
from ..text import _tokens, body_profile, declared_language, frequent_words, rare_words, zipf
from ..wordlists import FULL_LISTS, LANGUAGES, top_words
from .base import Evidence, SignalResult, result, signal

# A whole word, delimited like the tokens the typo check looks at.
_WORD_EDGE_BEFORE, _WORD_EDGE_AFTER = r"(?<![\w'’-])", r"(?![\w'’-])"
_EDGE = ".,;:!?\"'()“”‘’«»„-–—…[]*/"
_MIN_TEXT_WORDS = 150
# Natural text in the judged language has 50%+ of its opening tokens among the language's
# 50,000 most frequent words (1% of real originals fall below); text in another language
# has 10-15%. Below this share the page is not in the language it would be judged in.
_MIN_KNOWN_SHARE = 0.4


def _page_language(page: Page) -> str:
    """The language a page's words are judged in: the body's stopword language, else its
    declared one; "" for languages without a word list and for bodies under 150 words."""
    profile = body_profile(page.paragraphs, page.lang)
    return profile.lang if profile.lang in LANGUAGES and profile.n_words >= _MIN_TEXT_WORDS else ""


def _written_in(page: Page, lang: str) -> bool:
    """The body's opening words confirm ``lang`` (a declared language can be wrong). Asked
    only before a signal fires: most pages never need it."""
    opening = _tokens(tuple(page.paragraphs))[2]
    return sum(map(frequent_words(lang, 50_000).__contains__, opening)) >= _MIN_KNOWN_SHARE * len(opening)


# --- typos -------------------------------------------------------------------------------------
_MIN_TYPO_LETTERS = 4
_DOUBLED_RE = re.compile(r"(\w)\1")
_FIXED_MIN_ZIPF = 3.0  # the token minus one letter is a word met once per million or more
_MIN_DENOMINATOR_WORDS = 500  # so one typo on a short page is not "5 per 1,000 words"
_TYPOS_PER_1000_FOR_MAX = 5.0


def _is_listed(token: str, langs: set[str]) -> bool:
    return any(zipf(token, lang) > 0 for lang in langs)


def _typo_fix(token: str, lang: str) -> str | None:
    """The frequent word ``token`` becomes when one letter of a doubled pair is removed."""
    for match in _DOUBLED_RE.finditer(token):
        fixed = token[: match.start()] + token[match.start() + 1 :]
        if fixed in frequent_words(lang, 50_000) and zipf(fixed, lang) >= _FIXED_MIN_ZIPF:
            return fixed
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

    Counted per 1,000 words (5 or more -> 1). A token is a non-word only when no word list of
    the page's languages (the body's, the declared one) has it at all, so it is judged only
    in languages whose wordfreq list goes down to words met once per 100 million (en, de,
    es, fr, it, nl, pl, pt, ru, ...; wordfreq's "large" lists). Elsewhere (id and the other
    short lists, whose absent words can be ordinary rare words), on bodies under 150 words
    and on text not in the language it would be judged in, it stays 0.
    """
    lang = _page_language(page)
    if lang not in FULL_LISTS:
        return result("typo_tokens", 0.0)
    page_langs = {lang, declared_language(page.lang)} & LANGUAGES
    # Only tokens outside the 50,000 most frequent words (a few per page) reach the
    # per-token checks.
    # (Cheap tests first: the regex search costs more than the others.)
    candidates = [token for token in rare_words(page.paragraphs, lang)
                  if len(token) >= _MIN_TYPO_LETTERS and token.isalpha() and _DOUBLED_RE.search(token)]
    evidence = []
    for token in sorted(candidates):
        fixed = _typo_fix(token, lang)
        if fixed is None or _is_listed(token, page_langs):
            continue
        for i, start, end in _occurrences(page, token):
            evidence.append(Evidence.at(page, f"paragraphs[{i}]", start, end, f"'{fixed}' with a letter doubled"))
    if not evidence or not _written_in(page, lang):
        return result("typo_tokens", 0.0)
    per_1000 = 1000 * len(evidence) / max(body_profile(page.paragraphs, page.lang).n_words, _MIN_DENOMINATOR_WORDS)
    return result("typo_tokens", min(1.0, per_1000 / _TYPOS_PER_1000_FOR_MAX), evidence)


# --- spun wording ------------------------------------------------------------------------------
# A spinner swaps words for "synonyms" from a thesaurus, without looking at the context. The
# words it swaps are the workhorses of the language (said, people, began, big, help): only
# they have many synonyms, and any synonym of the most frequent word for a meaning is rarer
# than it. So a spun text under-uses its language's most frequent content words and
# over-uses the band of uncommon-but-known words ("stated", "individuals", "commenced").
# The measure: among the distinct lowercase tokens of the body's opening, the share in the
# uncommon band rather than the workhorse band, compared with the share real originals of
# the language show at the same count (more words bring more uncommon ones, so the natural
# share grows with the log of the count). Lowercase only: names (and German nouns) are no
# spinner's work, and which of them a text names varies more than anything spinning does.
_WORKHORSE_RANKS = (30, 500)  # below 30: function words, which spinners leave alone
_UNCOMMON_RANKS = (1_500, 25_000)
_OPENING_TOKENS = 300  # told spun from natural as well as 600 or the whole body did, at a bounded cost
_MIN_BAND_WORDS = 50  # fewer (under ~200 words of text): too little to judge

# Natural share = intercept + slope * log(words in the two bands), and the spread around it,
# fitted on the real originals of each language by benchmarks/calibrate_spun_wording.py
# (en 357 pages, de 419, es 57, fr 24; for es and fr the mean alone, with the spread
# floored at 0.07 so that few pages cannot make it too tight). id has no real pages here:
# it borrows en's fit with a wider spread.
_NATURAL_SHARE = {
    "en": (0.382, 0.019, 0.096),
    "de": (0.861, -0.128, 0.084),
    "es": (0.554, 0.0, 0.070),
    "fr": (0.506, 0.0, 0.070),
    "id": (0.382, 0.019, 0.110),
}
_FIRE_Z = 2.3  # spreads above the natural share before the signal fires (1.2% of real originals)
_FULL_Z = 4.8  # ...and where it reaches 1
_MAX_QUOTES = 8


@lru_cache(maxsize=None)
def _bands(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    ranked = top_words(lang, _UNCOMMON_RANKS[1])
    return frozenset(ranked[slice(*_WORKHORSE_RANKS)]), frozenset(ranked[slice(*_UNCOMMON_RANKS)])


@lru_cache(maxsize=None)
def _uncommon_ranks(lang: str) -> dict[str, int]:
    # For ordering the quotes: a rank look-up, where a Zipf value would run wordfreq's tokeniser.
    return {word: rank for rank, word in enumerate(top_words(lang, _UNCOMMON_RANKS[1])) if rank >= _UNCOMMON_RANKS[0]}


def _telling_words(page: Page, lang: str) -> list[Evidence]:
    """The uncommon-band words that look most like substitutes: used once, with no relative
    in the opening (a topic's words come in families: "restrict", "restrictions"), the most
    frequent first (a substitute is the next word down from a workhorse, a topic word is
    often rarer). One word alone proves nothing: the measure is their share."""
    opening = _opening_tokens(page.paragraphs)
    counts = Counter(token.lower().strip(_EDGE) for token in opening)
    stems = Counter(word[:5] for word in counts)
    rank = _uncommon_ranks(lang)
    # The opening's own uncommon words, as counted: each stands lowercase in the text.
    found = frozenset(opening) & _bands(lang)[1]
    candidates = sorted(
        (word for word in found if counts[word] == 1 and word.isalpha() and stems[word[:5]] == 1),
        key=lambda word: (rank[word], word),
    )
    evidence = []
    for word in candidates:
        for i, start, end in _occurrences(page, word):
            evidence.append(Evidence.at(page, f"paragraphs[{i}]", start, end, "uncommon word (the page uses them far more than natural text does)"))
            break
        if len(evidence) == _MAX_QUOTES:
            break
    return sorted(evidence, key=lambda e: (int(e.field[11:-1]), e.start))


def _opening_tokens(paragraphs: list[str]) -> list[str]:
    # Paragraph by paragraph, each split no further than needed: joining or splitting a
    # long body only to read its opening costs more.
    tokens: list[str] = []
    for paragraph in paragraphs:
        tokens += paragraph.split(None, _OPENING_TOKENS - len(tokens))
        if len(tokens) > _OPENING_TOKENS:
            return tokens[:_OPENING_TOKENS]  # the last piece is the unsplit rest
    return tokens


def band_counts(page: Page) -> tuple[str, int, int] | None:
    """(language, uncommon-band words, words in both bands) among the distinct lowercase
    tokens of the body's first 300; None where the page cannot be judged (language without
    a reference, too few words in the bands)."""
    lang = _page_language(page)
    if lang not in _NATURAL_SHARE:
        return None
    opening = _opening_tokens(page.paragraphs)
    workhorse, uncommon = _bands(lang)
    n_uncommon = len(uncommon.intersection(opening))  # distinct tokens, without building a set of the opening
    n_band = n_uncommon + len(workhorse.intersection(opening))
    return (lang, n_uncommon, n_band) if n_band >= _MIN_BAND_WORDS else None


def spinning_z(page: Page) -> float | None:
    """How many spreads the page's uncommon share lies above natural text's; None where the
    page cannot be judged."""
    counted = band_counts(page)
    if counted is None:
        return None
    lang, n_uncommon, n_band = counted
    intercept, slope, spread = _NATURAL_SHARE[lang]
    return (n_uncommon / n_band - intercept - slope * math.log(n_band)) / spread


@signal("spun_wording", family="spinning")
def spun_wording(page: Page) -> SignalResult:
    """Synonym-spun wording: the text shuns its language's workhorse words for uncommon synonyms.

    Measured on the distinct lowercase words among the body's first 300: the share in the
    uncommon band (frequency ranks 1,500-25,000) against the workhorse band (ranks 30-500),
    in spreads above the share real originals of the language show at that count; fires
    2.3 spreads above, 1 at 4.8. Judges en, de, es, fr and id; other languages, text not in the language
    it would be judged in, and bodies with fewer than 50 words in the two bands (~200 words
    of text) stay 0. Evidence quotes up to 8 uncommon words that stand alone (used once, no
    relative in the opening), in reading order; one alone proves nothing.
    """
    z = spinning_z(page)
    if z is None or z <= _FIRE_Z:
        return result("spun_wording", 0.0)
    lang = _page_language(page)
    if not _written_in(page, lang):
        return result("spun_wording", 0.0)
    value = min(1.0, (z - _FIRE_Z) / (_FULL_Z - _FIRE_Z))
    return result("spun_wording", value, _telling_words(page, lang))
