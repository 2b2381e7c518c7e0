"""Small shared text utilities for signals: words, stopwords, language, sentences, word frequency.

Everything here is pure and cheap per call. The expensive parts (wordfreq lookups and
frequent-word sets) are cached, and ``body_profile`` is cached per paragraph tuple so
several signals reading the same page tokenise its body once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from . import wordlists

# A word: letters only (any script), with inner apostrophes ("don't", "Trump's").
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

_LETTERS_RE = re.compile(r"[^\W\d_]+")

# Sentence end: . ! ? (optionally closed by a quote or bracket) followed by space and
# a capital, digit or opening quote. Cheap and good enough for finding repeats.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*(?P<gap>\s+)(?=[\"'“‘(\[]?[A-ZÄÖÜ0-9])")

EN_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how i
    if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves said says say new one two three year years also after
    like get got make made many much may might must us per via""".split()
)

DE_STOPWORDS = frozenset(
    """aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei
    bin bis bist da damit dann das dass dein deine dem den denn der des dessen die dies diese
    diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas
    euch euer für gegen gewesen hab habe haben hat hatte hier hin hinter ich ihm ihn ihnen ihr
    ihre im in indem ins ist jede jedem jeden jeder jedes jetzt kann kein keine können könnte
    man manche mehr mein meine mit muss nach nicht nichts noch nun nur ob oder ohne sehr sein
    seine sich sie sind so solche soll sollte sondern sonst über um und uns unser unter vom von
    vor war waren warum was weil welche wenn werde werden wie wieder will wir wird wo zu zum zur
    zwar zwischen jahr jahre jahren sagte neue neuen""".split()
)

STOPWORDS = {"en": EN_STOPWORDS, "de": DE_STOPWORDS}
ALL_STOPWORDS = EN_STOPWORDS | DE_STOPWORDS

# Languages with a wordfreq word list (those whose tokenisers need optional packages excluded).
WORDFREQ_LANGS = wordlists.LANGUAGES


def words(text: str) -> list[str]:
    """The words of ``text`` in order, case kept."""
    return WORD_RE.findall(text)


def content_words(text: str, stopwords: frozenset[str] = ALL_STOPWORDS) -> set[str]:
    """Lowercased words of three or more letters that are not stopwords (possessive
    "'s" split off: "Trump's" -> "trump")."""
    return {w for w in _LETTERS_RE.findall(text.lower()) if len(w) >= 3 and w not in stopwords}


def vocabulary(text: str) -> frozenset[str]:
    """Every lowercased word of ``text`` minus stopwords, built with C-level set
    operations only: the cheap side of a word-overlap test on a long body."""
    return frozenset(_LETTERS_RE.findall(text.lower())) - ALL_STOPWORDS


def body_vocabulary(paragraphs: list[str], title: str = "") -> frozenset[str]:
    """``vocabulary(title + "\n" + body)``, built from the body's distinct tokens (split once
    per page for all signals): a token of letters only is a word as it stands, so only the
    others (about a third) go through the word regex, which costs several times the split."""
    tokens = _tokens(tuple(paragraphs))[1]
    others = [token for token in tokens if not token.isalpha()]
    words = tokens.difference(others).union(_LETTERS_RE.findall(title.lower() + "\n" + " ".join(others)))
    return words - ALL_STOPWORDS


def shares_word(word: str, vocab: frozenset[str]) -> bool:
    """``word`` or its singular/plural form ("leader"/"leaders") is in ``vocab``."""
    return word in vocab or word + "s" in vocab or (word.endswith("s") and word[:-1] in vocab)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one paragraph."""
    spans, start = [], 0
    for match in _SENTENCE_END_RE.finditer(text):
        spans.append((start, match.start("gap")))  # closing quotes stay with their sentence
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


def stopword_language(tokens: list[str]) -> str:
    """"en" or "de" when that language's stopwords make up a clear share of the
    lowercased ``tokens`` (running text has 30-50%), else ""."""
    if len(tokens) < 20:
        return ""
    en = sum(map(EN_STOPWORDS.__contains__, tokens))
    de = sum(map(DE_STOPWORDS.__contains__, tokens))
    if en >= 0.2 * len(tokens) and en > 1.5 * de:
        return "en"
    if de >= 0.2 * len(tokens) and de > 1.5 * en:
        return "de"
    return ""


def declared_language(lang: str) -> str:
    """The primary subtag of a declared language ("en-US" -> "en"), lowercased."""
    return lang.strip().lower().replace("_", "-").split("-")[0]


@dataclass(frozen=True)
class BodyProfile:
    n_words: int  # whitespace-separated words of the body
    lang: str  # "en"/"de" from stopwords, else the declared language, else ""
    stopword_lang: str  # "en"/"de" only when the stopwords say so, else ""


# Punctuation stripped from the ends of whitespace tokens; inner punctuation stays
# ("well-known", "don't", "months.officials"), so such tokens are not plain words.
# (Kept short: str.strip compares each edge character with every one of these.)
_EDGE_PUNCTUATION = ".,;:!?\"'()“”‘’«»„-–—…[]*/"
_LANGUAGE_SAMPLE_TOKENS = 200  # the opening words tell the language as well as the whole body


@lru_cache(maxsize=2)  # the page being scored: its fingerprint is computed right after its signals
def _lowered_body(paragraphs: tuple[str, ...]) -> str:
    return "\n".join(paragraphs).lower()


def lowered_body(paragraphs: list[str]) -> str:
    """The body's paragraphs joined by newlines and lowercased: split into the signals'
    tokens, then hashed into the page's text fingerprint without joining and lowering again."""
    return _lowered_body(tuple(paragraphs))


@lru_cache(maxsize=64)
def _tokens(paragraphs: tuple[str, ...]) -> tuple[int, frozenset[str], tuple[str, ...]]:
    """(word count, distinct lowercased whitespace tokens, opening tokens) of a body.
    Whitespace split and set building run in C; a regex tokeniser costs several times
    more, and so does stripping punctuation from every token (see ``rare_words``)."""
    tokens = _lowered_body(paragraphs).split()
    return len(tokens), frozenset(tokens), tuple(tokens[:_LANGUAGE_SAMPLE_TOKENS])


@lru_cache(maxsize=64)
def _profile(paragraphs: tuple[str, ...], declared: str) -> BodyProfile:
    n_words, _, opening = _tokens(paragraphs)
    # Punctuation glued to a stopword only loses that one token of the sample.
    by_stopwords = stopword_language(list(opening))
    return BodyProfile(n_words, by_stopwords or declared_language(declared), by_stopwords)


def body_tokens(paragraphs: list[str]) -> frozenset[str]:
    """The distinct lowercased whitespace tokens of a body, punctuation attached
    ("reason,"), computed once per page for all signals."""
    return _tokens(tuple(paragraphs))[1]


@lru_cache(maxsize=64)
def _rare_words(paragraphs: tuple[str, ...], lang: str) -> frozenset[str]:
    frequent = frequent_words(lang, 50_000)
    # Only tokens that are not frequent as they stand need their punctuation stripped.
    candidates = _tokens(paragraphs)[1] - frequent
    return frozenset(map(str.strip, candidates, repeat(_EDGE_PUNCTUATION))) - frequent - {""}


def rare_words(paragraphs: list[str], lang: str) -> frozenset[str]:
    """The distinct lowercased words of a body outside the 50,000 most frequent words of
    ``lang``, edge punctuation stripped ("equipmentt," -> "equipmentt"; "well-known"
    stays one token): the few candidates typo and glue checks look at, once per page."""
    return _rare_words(tuple(paragraphs), lang)


def body_profile(paragraphs: list[str], declared_lang: str = "") -> BodyProfile:
    """Word count and language of a body, computed once per page for all signals
    (cached on the paragraph tuple, whose string hashes Python keeps)."""
    return _profile(tuple(paragraphs), declared_lang)


@lru_cache(maxsize=50_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq Zipf frequency of a lowercased word (0 = unknown, 3 = a word you meet
    once per million words, 6+ = function words). Unknown languages count as unknown words."""
    return wordlists.zipf(word, lang)


@lru_cache(maxsize=256)  # every (language, size) pair a batch meets; a reload costs ~0.1 s
def frequent_words(lang: str, n: int) -> frozenset[str]:
    """The ``n`` most frequent words of ``lang``: a set lookup to skip ordinary tokens
    before any per-word wordfreq call."""
    return frozenset(wordlists.top_words(lang, n))


def is_common(word: str, lang: str) -> bool:
    """``word`` (lowercased) is among the 50,000 most frequent words of ``lang``
    (Zipf >= ~2.5): a set lookup, no wordfreq call."""
    return word in frequent_words(lang, 50_000)
