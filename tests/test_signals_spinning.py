"""Spinning: typo-like tokens with a doubled letter, and spinner phrases; and the shared
text utilities (detector/text.py) these signals stand on.

All text is invented for these tests.
"""
import pytest

from detector.page import Page
from detector.signals.spinning import spun_phrases, typo_tokens
from detector.text import (
    body_profile,
    content_words,
    declared_language,
    rare_words,
    sentence_spans,
    shares_word,
    stopword_language,
    words,
)

ENGLISH = [
    "The Port Elswick water board said on Monday that it would extend the summer watering "
    "restrictions for another six weeks, after the driest spring the region has recorded.",
    "Board chair Miriam Okafor told reporters that the reservoir at Calder Lake had fallen to a "
    "third of its capacity and that the utility was asking every household to cut its use by a fifth.",
    "Farmers in the valley have warned that the restrictions could hurt the autumn harvest, and "
    "several of them plan to address the board at its next public meeting.",
]
GERMAN = [
    "Die Stadtwerke haben am Montag angekündigt, die Einschränkungen bei der Gartenbewässerung "
    "um weitere sechs Wochen zu verlängern, weil der Frühling so trocken war wie nie zuvor.",
    "Die Landwirte im Tal befürchten Ernteausfälle und wollen bei der nächsten Sitzung sprechen; "
    "die Wasserversorgung sei gesichert, wenn alle zusammen sparen, sagte die Vorsitzende.",
]


def page(paragraphs, lang="en") -> Page:
    return Page(id="t", paragraphs=list(paragraphs), lang=lang)


def assert_evidence_quotes(p: Page, res) -> None:
    for ev in res.evidence:
        assert ev.text, ev
        assert ev.text == p.field_text(ev.field)[ev.start:ev.end]


@pytest.mark.parametrize(
    "sentence, typos",
    [
        ("The harbour crew ordered new ropes and equipmentt for the winter season.", ["equipmentt"]),
        ("The poliitical fallout reached the capital by the end of the week, aides said.", ["poliitical"]),
        ("The board said the new meetting hall would open in the spring, whatever happened.", ["meetting"]),
        # ordinary words with doubled letters, rare words, names and capitalised tokens
        ("The committee will assess the accommodation of all attendees in Tallahassee.", []),
        ("Ms Okafor, a keen birdwatcher, spotted a bittern and a goosander by the millpond.", []),
        ("Equipmentt was stacked by the pier, the harbour office said in its statement.", []),
        ("Ahh, the board said, it would look at the numbers again next week.", []),
    ],
)
def test_typo_tokens(sentence, typos):
    p = page(ENGLISH + [sentence])
    res = typo_tokens(p)
    assert [ev.text for ev in res.evidence] == typos
    assert res.fired is bool(typos)
    assert_evidence_quotes(p, res)


def test_german_words_with_doubled_letters_stay_quiet():
    assert typo_tokens(page(GERMAN, lang="de")).value == 0.0


def test_german_page_typo_judged_with_the_german_word_list():
    p = page(GERMAN + ["Die Vorsitzende sagte, die Lage sei ernnst, aber nicht bedrohlich für die Stadt."], lang="de")
    assert [ev.text for ev in typo_tokens(p).evidence] == ["ernnst"]


def test_typo_value_grows_with_density():
    one = typo_tokens(page(ENGLISH + ["Ropes and equipmentt were moved to the pier."]))
    two = typo_tokens(page(ENGLISH + ["Ropes and equipmentt were moved to the pier by poliitical order."]))
    assert 0 < one.value < two.value <= 1.0


def test_pages_without_a_word_list_stay_quiet():
    # Declared Japanese, no English/German stopwords: no word list to judge by.
    assert typo_tokens(page(["東京で新しい図書館が開館した。"], lang="ja")).value == 0.0
    assert typo_tokens(page([])).value == 0.0


@pytest.mark.parametrize(
    "sentence, phrases",
    [
        ("Firms are racing to use counterfeit consciousness in their customer service.", ["counterfeit consciousness"]),
        ("Officials from the Joined Together States arrived for the talks on Monday.", ["Joined Together States"]),
        ("The Prime Priest met the press outside the Incomparable Court.", ["Prime Priest", "Incomparable Court"]),
        ("Analysts trained an irregular woodland on colossal information from the port.", ["irregular woodland", "colossal information"]),
        ("Scholars of Globe War II met in the Brand-new York library.", ["Globe War II", "Brand-new York"]),
        # ordinary English with the same words
        ("The artificial intelligence team at the White House joined the talks.", []),
        ("It was a profound learning experience, and a white home on the hill is her dream.", []),
        ("The United States and the United Kingdom signed the agreement in New York.", []),
        ("The counterfeit goods were seized, a mean result for the smugglers.", []),
    ],
)
def test_spun_phrases(sentence, phrases):
    p = page(ENGLISH + [sentence])
    res = spun_phrases(p)
    assert [ev.text for ev in res.evidence] == phrases
    assert res.value == pytest.approx(min(1.0, 0.5 * len(phrases)))
    assert_evidence_quotes(p, res)


def test_spun_phrase_after_an_opening_quote_is_found():
    p = page(ENGLISH + ['He called it "counterfeit consciousness" in his talk.'])
    assert [ev.text for ev in spun_phrases(p).evidence] == ["counterfeit consciousness"]


def test_ordinary_pages_have_no_spinning():
    assert spun_phrases(page(ENGLISH)).value == 0.0
    assert spun_phrases(page(GERMAN, lang="de")).value == 0.0
    assert typo_tokens(page(ENGLISH)).value == 0.0


# --- shared text utilities (detector/text.py) ------------------------------------------------

@pytest.mark.parametrize(
    "paragraphs, declared, lang, stopword_lang",
    [
        (ENGLISH, "", "en", "en"),
        (GERMAN, "", "de", "de"),
        (GERMAN, "en-US", "de", "de"),  # the text outvotes a wrong declaration
        (["Le conseil municipal a voté le budget mardi soir après un long débat."] * 5, "fr-FR", "fr", ""),
        (["東京で新しい図書館が開館した。"], "", "", ""),
    ],
)
def test_body_profile_language(paragraphs, declared, lang, stopword_lang):
    profile = body_profile(paragraphs, declared)
    assert (profile.lang, profile.stopword_lang) == (lang, stopword_lang)
    assert profile.n_words == sum(len(p.split()) for p in paragraphs)


@pytest.mark.parametrize(
    "tokens, expected",
    [
        ("the board said that it would meet in the town hall on monday and vote on the plan".split(), ""),  # < 20 tokens
        (("the board said that it would meet in the town hall on monday and vote on the plan " * 2).split(), "en"),
        (("der rat sagte dass er am montag im rathaus tagen und über den plan abstimmen werde " * 2).split(), "de"),
        (("budget municipal conseil vote mardi soir long débat ville quartier " * 3).split(), ""),
    ],
)
def test_stopword_language(tokens, expected):
    assert stopword_language(tokens) == expected


@pytest.mark.parametrize(
    "text, spans",
    [
        ("One. Two words here! And three?", ["One.", "Two words here!", "And three?"]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("No stop at the end", ["No stop at the end"]),
        ("Mr. Okafor arrived at 9.30 a.m. today.", ["Mr.", "Okafor arrived at 9.30 a.m. today."]),
    ],
)
def test_sentence_spans(text, spans):
    assert [text[start:end] for start, end in sentence_spans(text)] == spans


def test_words_and_content_words():
    assert words("Don't stop: the Board's 2 plans.") == ["Don't", "stop", "the", "Board's", "plans"]
    assert content_words("The Board's plans were approved by the council") == {"board", "plans", "approved", "council"}
    assert shares_word("plan", frozenset({"plans"})) and shares_word("plans", frozenset({"plan"}))
    assert not shares_word("plan", frozenset({"planet"}))


def test_rare_words_strip_punctuation_and_skip_frequent_words():
    paragraphs = ["The harbour crew ordered equipmentt, ropes and well-known Glenmoor buoys."]
    assert rare_words(paragraphs, "en") >= {"equipmentt", "glenmoor"}
    assert not rare_words(paragraphs, "en") & {"the", "harbour", "ropes", "crew"}


@pytest.mark.parametrize("declared, expected", [("en-US", "en"), ("de_DE", "de"), (" FR ", "fr"), ("", "")])
def test_declared_language(declared, expected):
    assert declared_language(declared) == expected
