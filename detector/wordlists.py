"""wordfreq's word frequencies, held compactly.

Asked for one word, wordfreq keeps the language's whole list as a dict of Python strings
(35 MB for English, 65 for German, 115 for Russian). A crawl meets a dozen languages, so a
worker settled near 800 MB. Here a list is streamed from wordfreq's data file once per
process, bucket by bucket, into sorted numpy arrays: a string hash and a centibel value per
word, 10 bytes a word (3-7 MB a language). The most frequent words are also kept as
strings, for the set differences signals do in C.

``zipf`` gives exactly what ``wordfreq.zipf_frequency`` gives (same tokeniser, same
combination of multi-token frequencies, same rounding); ``tests/test_wordlists.py`` checks it
word by word.
"""
from __future__ import annotations

import math
from functools import lru_cache

import msgpack
import numpy as np
from isal import igzip
import wordfreq
from wordfreq import cB_to_freq, freq_to_zipf
from wordfreq.numbers import digit_freq, has_digit_sequence, smash_numbers
from wordfreq.tokens import lossy_tokenize

TOP_WORDS = 50_000  # the most frequent words kept as strings: the largest set signals ask for

# Languages with a wordfreq list, minus those whose tokenisers need optional packages
# (jieba, MeCab). Read once: asking wordfreq each time globs its data directory.
_LIST_FILES = {lang: path for lang, path in wordfreq.available_languages("best").items()
               if lang not in {"zh", "ja", "ko"}}
LANGUAGES = frozenset(_LIST_FILES)
# Languages whose list goes down to words met once per 100 million (wordfreq's "large"
# lists): a token absent from them is almost surely no word. The "small" lists stop at
# once per million, where ordinary rare words are still missing.
FULL_LISTS = frozenset(lang for lang, path in _LIST_FILES.items() if path.rsplit("/", 1)[-1].startswith("large_"))


class WordList:
    """One language's list: ``centibels(word)`` and its ``top`` words in frequency order."""

    def __init__(self, path: str):
        hashes, values, top = [], [], []
        with igzip.open(path, "rb") as stream:
            unpacker = msgpack.Unpacker(stream, raw=False)
            n_items = unpacker.read_array_header()
            header = unpacker.unpack()
            if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
                raise ValueError(f"{path}: not a wordfreq cBpack list ({header!r})")
            for index in range(n_items - 1):  # bucket i holds the words of frequency -i centibels
                bucket = unpacker.unpack()
                if not bucket:
                    continue
                if len(top) < TOP_WORDS:  # as wordfreq.top_n_list: no digit sequences ("00")
                    top.extend(w for w in bucket if not has_digit_sequence(w))
                    del top[TOP_WORDS:]
                hashes.append(np.fromiter(map(hash, bucket), np.int64, len(bucket)))
                values.append(np.full(len(bucket), -index, np.int16))
        keys = np.concatenate(hashes)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.values = np.concatenate(values)[order]
        self.top = tuple(top)

    def centibels(self, word: str) -> int | None:
        """The word's frequency in centibels (-300 = once per thousand words), None if unlisted."""
        key = hash(word)
        i = int(np.searchsorted(self.keys, key))
        if i < len(self.keys) and self.keys[i] == key:
            return int(self.values[i])
        return None


@lru_cache(maxsize=None)
def word_list(lang: str) -> WordList:
    return WordList(_LIST_FILES[lang])


_ZIPF_ZERO = 1e-9  # the frequency of Zipf 0, wordfreq's floor when asked for Zipf values


def _frequency(word: str, lang: str) -> float:
    # wordfreq's word_frequency: the tokens' frequencies combined as 1/f = 1/f1 + 1/f2 + ...,
    # the floor when any token is unlisted, rounded to three significant digits.
    tokens = lossy_tokenize(word, lang)
    if not tokens:
        return _ZIPF_ZERO
    table = word_list(lang)
    one_over = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        cb = table.centibels(smashed)
        if cb is None:
            return _ZIPF_ZERO
        freq = cB_to_freq(cb)
        if smashed != token:
            freq *= digit_freq(token)
        one_over += 1.0 / freq
    freq = max(1.0 / one_over, _ZIPF_ZERO)
    return round(freq, math.floor(-math.log(freq, 10)) + 3)


def zipf(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``; 0 for unknown words and languages."""
    if lang not in LANGUAGES:
        return 0.0
    return round(freq_to_zipf(_frequency(word, lang)), 2)


def top_words(lang: str, n: int) -> tuple[str, ...]:
    """``wordfreq.top_n_list(lang, n)`` for n up to ``TOP_WORDS``; () for unknown languages."""
    if n > TOP_WORDS:
        raise ValueError(f"only the {TOP_WORDS} most frequent words are kept, not {n}")
    return word_list(lang).top[:n] if lang in LANGUAGES else ()
