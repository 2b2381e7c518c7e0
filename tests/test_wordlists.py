"""The compact word lists answer exactly as wordfreq does, at a fraction of its memory."""
import pytest
import wordfreq

from detector import wordlists

# Ordinary words, rare words, made-up words, glued words, numbers, punctuation and
# multi-token strings: every path through wordfreq's lookup.
WORDS = [
    "the", "and", "reporter", "government", "equipmentt", "councillors", "zxqvbn", "esthen",
    "don't", "rock'n'roll", "months.officials", "well-known", "2024", "covid-19", "x1", "3rd",
    "", "...", "straße", "über", "bürgermeister", "haushalt", "kreistag", "новости", "président",
    "qué", "città", "İstanbul", "wordwithoutspacesinside", "a.b.c", "e-mail", "u.s.",
]


@pytest.mark.parametrize("lang", ["en", "de", "fr", "ru", "es", "it", "tr", "ar"])
def test_zipf_matches_wordfreq(lang):
    for word in WORDS:
        assert wordlists.zipf(word, lang) == wordfreq.zipf_frequency(word, lang), (word, lang)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_top_words_match_wordfreq(lang):
    assert wordlists.top_words(lang, 50_000) == tuple(wordfreq.top_n_list(lang, 50_000))
    assert wordlists.top_words(lang, 10_000) == tuple(wordfreq.top_n_list(lang, 10_000))


def test_unknown_language_has_no_words():
    assert wordlists.zipf("the", "xx") == 0.0
    assert wordlists.top_words("xx", 100) == ()
    with pytest.raises(ValueError, match="most frequent words"):
        wordlists.top_words("en", wordlists.TOP_WORDS + 1)


def test_a_list_takes_about_ten_bytes_a_word():
    table = wordlists.word_list("de")
    assert len(table.keys) > 500_000
    assert table.keys.nbytes + table.values.nbytes <= 10 * len(table.keys)
