"""Scraping artifacts: what a careless copy leaves in the text.

Stripping inline tags without keeping their spacing glues words together; taking both
an image's alt text and its caption doubles the caption; copying an outlet's article
wholesale brings along its cross-promotion lines and bits of its navigation.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..page import Page
from ..text import WORDFREQ_LANGS, body_profile, frequent_words, is_common, rare_words, zipf
from .base import Evidence, SignalResult, result, signal

_LOWER = "a-zäöüßàáâçèéêëíîïñóôöúûü"
_UPPER = "A-ZÄÖÜÀÁÂÇÈÉÊÍÎÑÓÔÚÛ"

# A capital starting a word right after a lowercase letter, a digit or a sentence stop:
# the one-pass screen for glue where inline tags were stripped ("ExchangeUnited",
# "COVID-19Cases", "months.Officials"). Written capital-first so the regex engine can skip
# ahead to capitals instead of trying every position.
_JOIN_SCREEN_RE = re.compile(rf"[{_UPPER}](?<=[{_LOWER}\d.!?][{_UPPER}])(?=[{_LOWER}])")
_CAMEL_JOIN_RE = re.compile(rf"(?:[{_LOWER}]|\d\d)[{_UPPER}][{_LOWER}]")
_LETTERS_BEFORE_RE = re.compile(rf"[{_UPPER}]?[{_LOWER}]+$|\d+$")
_LETTERS_AFTER_RE = re.compile(rf"[{_UPPER}][{_LOWER}]+")
_CAPITALISED_WORD_RE = re.compile(rf"[{_UPPER}][{_LOWER}]")
# Ordinary camel case that passes the dictionary tests below.
_CAMEL_ALLOWED = frozenset(
    """iphone ipad youtube mcdonald mcdonalds playstation linkedin javascript powerpoint
    facebook wordpress github paypal whatsapp tiktok sharepoint blackberry harpercollins
    pricewaterhousecoopers smackdown softbank blackrock dreamworks macbook airbnb
    doordash getty newsweek""".split()
)
# Glue joins words: letters and digits with inner hyphens or apostrophes; brackets,
# underscores, dots and the like are code, URLs or user names.
_WORDLIKE_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Capitalised words that begin a sentence rather than continue a name.
_SENTENCE_STARTERS = frozenset(
    """the and but this that these those his her its their our when after before while
    then there here what who how why she they you also some many most more one two three
    der die das den dem des ein eine einer und aber auch als wenn mit für bei nach vor
    dies diese dieser sie wir ich""".split()
)
# A German gender-inclusive ending ("BürgerInnen") is not glue.
_BINNEN_I = frozenset({"Innen", "In"})
# Lowercase joins ("Smithwas", "banearlier") are English words of six or more letters,
# all lowercase after the first.
_PLAIN_WORD_RE = re.compile(r"[A-Za-z][a-z]+")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_MIN_GLUED_LETTERS = 6
# A lowercase join needs a word on one side that starts or ends a phrase rather than a
# compound: "Trump|was", "ban|earlier", "the|senator". Two content words run together
# ("gym|wear", "work|streams", "display|style") are as often a real compound.
_GLUE_SECOND = frozenset(
    """the and was were has had have said says is are will would could should but that this
    with from for who which when after before earlier later also been not its his her their
    they she of to in on at by again already ago today yesterday tomorrow now then still yet
    during while where there""".split()
)
_GLUE_FIRST = frozenset("the and was has that this with from for said of to is are were will would".split())
_GLUE_FIRST_PREFIXES = tuple(_GLUE_FIRST)
_GLUE_SECOND_SUFFIXES = tuple(_GLUE_SECOND)
# Glue is looked for in prose: link lists in <p> tags often run together on real pages
# too, where CSS, not spaces, separates the links.
_MIN_PROSE_WORDS = 8
_GLUE_DENOMINATOR_MIN_WORDS = 500  # so one glue on a short page is not "5 per 1,000 words"
_GLUES_PER_1000_FOR_MAX = 5.0


def _prose(page: Page) -> Iterator[tuple[str, str]]:
    """(field name, text) of the body paragraphs and block teasers that read as prose."""
    for i, paragraph in enumerate(page.paragraphs):
        if paragraph.count(" ") + 1 >= _MIN_PROSE_WORDS:
            yield f"paragraphs[{i}]", paragraph
    for b, block in enumerate(page.blocks):
        for j, item in enumerate(block.items):
            if item.teaser.count(" ") + 1 >= _MIN_PROSE_WORDS:
                yield f"blocks[{b}].items[{j}].teaser", item.teaser


def _is_word(part: str, lang: str) -> bool:
    low = part.lower()
    return is_common(low, lang) or is_common(low, "en")


def _is_unknown(word: str, lang: str) -> bool:
    """No word at all: not even rare in the page's language or in English."""
    low = word.lower()
    if is_common(low, lang) or is_common(low, "en"):
        return False
    return zipf(low, lang) < 1.0 and zipf(low, "en") < 1.0


def _token_span(text: str, position: int) -> tuple[int, int]:
    """The whitespace-delimited token around ``position``, without edge punctuation."""
    start, end = position, position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _between_capitalised_words(text: str, start: int, end: int) -> bool:
    """The token at text[start:end] has a capitalised word right before and right after it."""
    before = text[:start].rstrip().rpartition(" ")[2]
    after = text[end:].lstrip()[:2]
    return bool(_CAPITALISED_WORD_RE.match(before) and _CAPITALISED_WORD_RE.match(after))


def _camel_glue(text: str, position: int, lang: str) -> tuple[int, int] | None:
    """The span of the token glued at ``position`` (where the capital starts) if it is
    tag-stripping glue, not ordinary camel case (iPhone, McDonald, LinkedIn,
    getElementById, #HashTags, BürgerInnen)."""
    start, end = _token_span(text, position)
    token = text[start:end]
    if start > 0 and text[start - 1] in "@#/":
        return None
    if not _WORDLIKE_RE.fullmatch(token) or any(char.isdigit() for char in text[position:end]):
        return None  # URLs, handles, code ("fetch(url", "user_name"), user names ("Dragon074")
    if len(_CAMEL_JOIN_RE.findall(token)) != 1:
        return None  # identifiers and brands join several parts; glue joins two words
    left = _LETTERS_BEFORE_RE.search(text, start, position)
    right = _LETTERS_AFTER_RE.match(text, position, end)
    if left is None or right is None or right.group() in _BINNEN_I:
        return None
    if token.lower().replace("-", "") in _CAMEL_ALLOWED:
        return None
    left_part, right_part = left.group(), right.group()
    if left_part.isdigit():
        # "COVID-19Cases", "in 2019Officials": the end of a numbered name or a year glued
        # to the next word; other numbers before a word are brands ("247Sports").
        numbered = left.start() > start and text[left.start() - 1] == "-"
        year = len(left_part) == 4 and left_part[:2] in ("19", "20")
        if (numbered or year) and len(right_part) >= 4 and _is_word(right_part, lang):
            return start, end
        return None
    if len(left_part) < 3 or len(right_part) < 3:
        return None
    right_must_be_word = True
    if left_part[0].isupper() and right_part.lower() not in _SENTENCE_STARTERS:
        # Two capitalised halves are mostly a brand ("HelloGiggles", "CodeTriage"); glue of
        # this shape starts a new sentence ("...MüllerDer") or sits inside a run of names
        # ("The Harborview LedgerUnited States"), where the second half may be a name
        # the word list lacks ("The Crestview ForumGlenmoor County").
        if not _between_capitalised_words(text, start, end):
            return None
        right_must_be_word = False
    if not _is_word(left_part, lang) or (right_must_be_word and not _is_word(right_part, lang)):
        return None
    whole = token if token.isalpha() else left_part + right_part
    return (start, end) if _is_unknown(whole, lang) else None


def _sentence_glue(text: str, stop: int, lang: str) -> tuple[int, int] | None:
    """The span "months.Officials" around the sentence stop at text[stop] if two sentences
    were run together (not a URL, a file name or an abbreviation)."""
    left = _LETTERS_BEFORE_RE.search(text, max(0, stop - 40), stop)
    right = _LETTERS_AFTER_RE.match(text, stop + 1)
    if left is None or right is None or not left.group().islower():
        return None
    start, end = left.start(), right.end()
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".@/"):
        return None
    if text[end:end + 1] in (".", "@", "/") and text[end + 1:end + 2].isalnum():
        return None
    if len(left.group()) < 3 or len(right.group()) < 3:
        return None
    if _is_word(left.group(), lang) and _is_word(right.group(), lang):
        return start, end
    return None


def _lowercase_glues(page: Page) -> dict[str, str]:
    """English words (lowercased) that are no word but a frequent word run into a
    function word ("Smithwas", "banearlier", "thesenator"), mapped to the reason."""
    teaser_words = {word for block in page.blocks for item in block.items for word in _LETTERS_RE.findall(item.teaser.lower())}
    words = rare_words(page.paragraphs, "en") | (teaser_words - frequent_words("en", 50_000))
    words = {word for word in words if len(word) >= _MIN_GLUED_LETTERS and word.isalpha()}
    common = frequent_words("en", 10_000)  # Zipf >= ~3.8: "ban", "trump", not "mer"
    glues = {}
    for word in words:
        if not (word.startswith(_GLUE_FIRST_PREFIXES) or word.endswith(_GLUE_SECOND_SUFFIXES)):
            continue  # one C-level test rules out most rare words
        for cut in range(2, len(word) - 1):
            first, second = word[:cut], word[cut:]
            # The function word may be short ("of"), the word it is glued to may not
            # ("Es|then" is a name, not "es" + "then").
            glued = (first in _GLUE_FIRST and len(second) >= 3) or (second in _GLUE_SECOND and len(first) >= 3)
            if glued and first in common and second in common:
                if zipf(word, "en") < 1.0:
                    glues[word] = f"'{first}' and '{second}' run together"
                break
    return glues


def _find_plain_word(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Occurrences of ``word`` in ``text`` in any case but without inner capitals
    ("Smithwas", not "LedgerUnited", which the camel-case rule reads)."""
    for match in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
        if _PLAIN_WORD_RE.fullmatch(match.group()):
            yield match.span()


def _occurrences(texts: list[tuple[str, str]], token: str) -> int:
    return sum(text.count(token) for _, text in texts)


@signal("glued_words", family="artifacts")
def glued_words(page: Page) -> SignalResult:
    """Words glued together where inline tags were stripped, per 1,000 words (5 or more -> 1).

    Capitalised joins ("ExchangeUnited") in any language; sentence joins
    ("months.Officials"); lowercase joins of two frequent words ("banearlier") only on
    English pages, where an unknown token rarely is a legitimate compound.
    """
    profile = body_profile(page.paragraphs, page.lang)
    lang = profile.lang if profile.lang in WORDFREQ_LANGS else "en"
    texts = list(_prose(page))
    evidence = []
    for field, text in texts:
        for match in _JOIN_SCREEN_RE.finditer(text):
            capital = match.start()
            before = text[capital - 1]
            if before in ".!?":
                if not text[max(0, capital - 4): capital - 1].isalpha():
                    continue  # "U.S.", "No.5": no three-letter word before the stop
                span = _sentence_glue(text, capital - 1, lang)
                reason = "sentence glued to the next one"
            elif before.isdigit():
                if not text[capital - 2: capital - 1].isdigit():
                    continue  # one digit before a word is a model name ("3Com"), not a glued number
                span = _camel_glue(text, capital, lang)
                reason = "number glued to the next word"
            else:
                if not text[max(0, capital - 3): capital].isalpha():
                    continue  # "iPhone", "McDonald": too short a first part to be a word
                span = _camel_glue(text, capital, lang)
                reason = "capitalised word glued to the one before"
            if span and _occurrences(texts, text[span[0]:span[1]]) == 1:
                # A join repeated on the page is a name spelled that way ("proPellets").
                evidence.append(Evidence.at(page, field, *span, reason))
    if profile.stopword_lang == "en":
        glues = _lowercase_glues(page)
        for word, reason in sorted(glues.items()):
            for field, text in texts:
                for span in _find_plain_word(text, word):
                    evidence.append(Evidence.at(page, field, *span, reason))
    if not evidence:
        return result("glued_words", 0.0)
    n_words = profile.n_words + sum(text.count(" ") + 1 for field, text in texts if field.startswith("blocks"))
    per_1000 = 1000 * len(evidence) / max(n_words, _GLUE_DENOMINATOR_MIN_WORDS)
    return result("glued_words", min(1.0, per_1000 / _GLUES_PER_1000_FOR_MAX), evidence)


# --- duplicated captions and repeated text -------------------------------------------------

# A short label with a colon said twice back to back: "FILE PHOTO: FILE PHOTO:".
_REPEATED_LABEL_RE = re.compile(r"(?<!\w)([A-Z][\w'’]*(?: [\w'’]+){0,3} ?:) ?\1")
_MIN_REPEATED_PARAGRAPH_CHARS = 40
_MIN_REPEATED_SENTENCE_CHARS = 50
_SENTENCE_END = ".!? "
_MAX_REPEAT_DISTANCE = 2  # paragraphs


def _sentences(paragraph: str) -> Iterator[tuple[int, int]]:
    """Spans of the parts of a paragraph between ". " stops: cruder than a sentence
    splitter, but a C-level split, and a copied sentence is copied with its stops."""
    offset = 0
    for piece in paragraph.split(". "):
        yield offset, offset + len(piece.rstrip(_SENTENCE_END))
        offset += len(piece) + 2


def _may_double_a_label(paragraph: str) -> bool:
    """Cheap screen for "LABEL: LABEL:": some text between two colons is the end of
    the text before the first colon."""
    pieces = paragraph.split(":")
    for before, label in zip(pieces, pieces[1:]):
        label = label.strip()
        if label and len(label) <= 40 and before.rstrip().endswith(label):
            return True
    return False


def _has_repeated_piece(paragraphs: list[str]) -> bool:
    """Cheap screen: does any ". "-separated piece of 40+ characters occur twice in the
    body? Line and paragraph ends count as stops (a line's own closing stop is dropped)."""
    long_pieces = [piece for line in "\n".join(paragraphs).split("\n")
                   for piece in (line[:-1] if line.endswith(".") else line).split(". ")
                   if len(piece) >= _MIN_REPEATED_PARAGRAPH_CHARS]
    return len(set(long_pieces)) < len(long_pieces)


def _near_repeats(paragraphs: list[str]) -> Iterator[tuple[str, int, int, str, float]]:
    """(field, start, end, reason, weight) of paragraphs and sentences repeated within
    two paragraphs of their last occurrence."""
    last_paragraph: dict[str, int] = {}  # text -> index of the paragraph it was last seen in
    last_sentence: dict[str, int] = {}
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph) < _MIN_REPEATED_PARAGRAPH_CHARS or paragraph.count(" ") + 1 < _MIN_PROSE_WORDS:
            continue  # short lines (form labels, bylines, link texts) repeat on real pages
        field = f"paragraphs[{i}]"
        key = paragraph.strip()
        seen = last_paragraph.get(key)
        last_paragraph[key] = i
        if seen is not None and i - seen <= _MAX_REPEAT_DISTANCE:
            yield field, 0, len(paragraph), f"same paragraph as paragraphs[{seen}]", 0.4
            continue  # its sentences are repeats by definition
        for start, end in _sentences(paragraph):
            if end - start < _MIN_REPEATED_SENTENCE_CHARS:
                continue
            sentence = paragraph[start:end]
            seen = last_sentence.get(sentence)
            last_sentence[sentence] = i
            if seen is not None and i - seen <= _MAX_REPEAT_DISTANCE:
                yield field, start, end, f"sentence already in paragraphs[{seen}]", 0.3


@signal("duplicated_caption", family="artifacts")
def duplicated_caption(page: Page) -> SignalResult:
    """A caption label doubled back to back, or a paragraph or sentence repeated right after itself.

    A doubled label ("FILE PHOTO: FILE PHOTO:") counts 0.6, a repeated paragraph 0.4, a
    repeated sentence 0.3, capped at 1. Only repeats within two paragraphs count: that
    is what scraping an image's alt text and its caption leaves; repeats far apart are
    pull quotes, teasers and form texts on ordinary pages (measured: counting those too
    fires on 7% of real pages instead of 4%).
    """
    evidence, value = [], 0.0
    for i, paragraph in enumerate(page.paragraphs):
        if paragraph.count(":") >= 2 and _may_double_a_label(paragraph):
            for match in _REPEATED_LABEL_RE.finditer(paragraph):
                evidence.append(Evidence.at(page, f"paragraphs[{i}]", *match.span(), "caption label repeated"))
                value += 0.6
    if _has_repeated_piece(page.paragraphs):
        for field, start, end, reason, weight in _near_repeats(page.paragraphs):
            evidence.append(Evidence.at(page, field, start, end, reason))
            value += weight
    return result("duplicated_caption", min(1.0, value), evidence)


# --- cross-promotion lines -----------------------------------------------------------------

_PROMO_LABELS = (
    "more", "read more", "related", "related story", "related stories", "related article",
    "related coverage", "related content", "watch", "watch more", "also read", "read also",
    "see also", "also see", "don't miss", "must read", "recommended",
    "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "das könnte sie auch interessieren",
    "lire aussi", "à lire aussi", "lee también", "leer más",
)
_PROMO_RE = re.compile(
    r"^\s*(?:(?:" + "|".join(re.escape(label) for label in sorted(_PROMO_LABELS, key=len, reverse=True))
    + r")\s*[:|>»]|click here to\b)\s*(?P<headline>\S.*)$",
    re.IGNORECASE,
)
_PROMO_MAX_CHARS = 250  # a promo is one line, not a paragraph that happens to start "Watch:"
_PROMO_MIN_HEADLINE_WORDS = 3  # "More: Contact" is navigation, not a promoted headline


@signal("cross_promo_lines", family="artifacts")
def cross_promo_lines(page: Page) -> SignalResult:
    """Body lines promoting another article ("MORE: ...", "READ MORE: ...", "Click here to ...").

    0.25 per line, capped at 1: original outlets carry these too, so the line alone
    says little; with a credit to another outlet it says the article was copied.
    """
    evidence = []
    for i, paragraph in enumerate(page.paragraphs):
        if len(paragraph) > _PROMO_MAX_CHARS:
            continue
        match = _PROMO_RE.match(paragraph)
        if match and len(match.group("headline").split()) >= _PROMO_MIN_HEADLINE_WORDS:
            evidence.append(Evidence.at(page, f"paragraphs[{i}]", match.start(), len(paragraph.rstrip()), "cross-promotion line"))
    return result("cross_promo_lines", min(1.0, 0.25 * len(evidence)), evidence)


# --- navigation residue --------------------------------------------------------------------

_NAV_PHRASES = frozenset(
    # single words
    """home about contact contacts privacy terms cookies imprint legal disclaimer sitemap
    subscribe unsubscribe newsletter login logout register advertise advertising careers jobs
    faq help search menu share tweet email e-mail print rss more tags categories archives top
    kontakt impressum datenschutz datenschutzerklärung agb startseite suche anmelden abmelden
    registrieren teilen drucken mehr menü accueil connexion inicio contacto contatti""".split()
) | frozenset({
    "about us", "contact us", "privacy policy", "terms of use", "terms of service",
    "terms and conditions", "cookie policy", "cookie settings", "legal notice", "site map",
    "log in", "log out", "sign in", "sign up", "my account", "share this", "follow us",
    "skip to content", "back to top", "all rights reserved", "rss feed",
    "nach oben", "über uns", "mentions légales", "aviso legal",
})
_NAV_SEPARATORS_RE = re.compile(r"\s*[|•·/:»>,;–—]\s*|\s{2,}")
# The first piece of a navigation line opens with the first word of a navigation phrase:
# one set lookup spares most short paragraphs the separator split.
_NAV_FIRST_WORDS = frozenset(phrase.split()[0] for phrase in _NAV_PHRASES)
_NAV_FIRST_WORD_RE = re.compile(r"[^\s|•·/:»>,;–—]+")  # up to the first space or separator
_NAV_MAX_CHARS = 60
# A line made only of these is too weak to call navigation ("More", "Share").
_NAV_WEAK = frozenset({"more", "mehr", "top", "share", "print", "email", "e-mail", "help", "search", "feed", "jobs"})
_NAV_LABEL_HEADINGS = frozenset({"more", "more:", "mehr", "mehr:"})


def _navigation_line(line: str) -> bool:
    """A short line made only of navigation words and separators ("Home | About | Contact",
    "More:Contact", "Share this:"), not just one weak word."""
    if not line or len(line) > _NAV_MAX_CHARS:
        return False
    text = line.lower().strip(" .!")
    first = _NAV_FIRST_WORD_RE.match(text)
    if first is not None and first.group() not in _NAV_FIRST_WORDS:
        return False
    pieces = [p for p in _NAV_SEPARATORS_RE.split(text) if p]
    if not pieces or not all(p in _NAV_PHRASES for p in pieces):
        return False
    return not all(p in _NAV_WEAK for p in pieces) or len(pieces) >= 3


@signal("navigation_residue", family="artifacts")
def navigation_residue(page: Page) -> SignalResult:
    """Site navigation left in the body ("More:Contact", "Home | About | Contact", "Impressum").

    0.5 per line, capped at 1. Also a "More:" block listing only navigation links.
    """
    evidence = []
    for i, paragraph in enumerate(page.paragraphs):
        if len(paragraph) <= _NAV_MAX_CHARS and _navigation_line(paragraph):
            evidence.append(Evidence.at(page, f"paragraphs[{i}]", 0, len(paragraph), "navigation words in the body"))
    for b, block in enumerate(page.blocks):
        if (
            block.heading.strip().lower() in _NAV_LABEL_HEADINGS
            and 0 < len(block.items) <= 2
            and all(item.title.strip().lower() in _NAV_PHRASES for item in block.items)
        ):
            evidence.append(Evidence.at(page, f"blocks[{b}].heading", 0, len(block.heading), "a 'More' label over navigation links"))
    return result("navigation_residue", min(1.0, 0.5 * len(evidence)), evidence)
