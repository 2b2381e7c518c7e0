"""Farm blocks: recommendation widgets that have nothing to do with the article, and
teasers cut at a fixed length in the middle of a word.

A farm fills its "Recommend" / "Related" widgets from whatever it scraped last, so the
items share no vocabulary with the article; and it cuts the teasers with a plain
``text[:N]``, leaving a partial last word and, across one widget, equal lengths.
"""
from __future__ import annotations

import re

from ..page import Block, BlockItem, Page
from ..text import WORDFREQ_LANGS, body_profile, body_vocabulary, content_words, is_common, shares_word, zipf
from .base import Evidence, SignalResult, result, signal

# An item is a headline (not a nav link such as "Contact" or "Sports") when its
# title has at least this many words.
_HEADLINE_MIN_WORDS = 4
# Below this many content words the article is too short to judge relatedness.
_MIN_ARTICLE_WORDS = 15
# An item is related when it shares one topical word with the article: a name or a
# subject word. Everyday words ("time", "new", "york", "police") are shared by chance,
# so words at or above this Zipf frequency do not count.
_SALIENT_MAX_ZIPF = 5.0
# The share of unrelated items below which a block counts as an ordinary related block
# (measured on real pages: firing on any unrelated item, 13% of pages; on two thirds, 5%).
_MIN_UNRELATED_SHARE = 2 / 3

# Headings of recommendation blocks ("Recommend", "Related", "Mehr zum Thema"), and of
# lists of what is popular or new, which are unrelated to the article by design.
_RECOMMENDATION_HEADING_RE = re.compile(
    r"recommend|related|also like|might like|may like|read next|read more|more (?:from|stories|news|on)"
    r"|don't miss|empf(?:ehl|ohl)|mehr zum thema|weitere (?:artikel|beitr|nachricht)|auch interessant"
    r"|könnte sie|lesen sie|à lire|lire aussi|te puede|relacionad",
    re.IGNORECASE,
)
_POPULARITY_HEADING_RE = re.compile(
    r"popular|trending|most (?:read|viewed|shared|emailed|watched)|top (?:stories|news|\d+)|latest|newest|breaking"
    r"|editor'?s'? picks?|meistgelesen|meistgesehen|beliebt|neueste|aktuell|top-?themen|les plus lus|más leíd",
    re.IGNORECASE,
)

_LAST_WORD_RE = re.compile(r"[^\W\d_]+$")
_TAIL_RE = re.compile(r"\S+\s+\S+$|\S+$")  # the last two words (or one)
# Single letters that are words, so a teaser ending in one may be whole.
_ONE_LETTER_WORDS = {"en": frozenset("ai"), "de": frozenset()}
_ONE_LETTER_WORDS_OTHER = frozenset("aeiouyàá")
# Teasers shorter than this are labels, not cut text.
_MIN_TEASER_CHARS = 20


def _is_headline_item(item: BlockItem) -> bool:
    return len(item.title.split()) >= _HEADLINE_MIN_WORDS


def _is_recommendation_block(block: Block) -> bool:
    """A block of article recommendations, not a menu: headed like one ("Recommend",
    "Related", "Mehr zum Thema"), or most of its headline items carry a teaser. Lists of
    what is popular or new ("Most read", "Trending") are unrelated to the article by
    design on every site, so they are not judged."""
    if _POPULARITY_HEADING_RE.search(block.heading):
        return False
    if _RECOMMENDATION_HEADING_RE.search(block.heading):
        return True
    headlines = [item for item in block.items if _is_headline_item(item)]
    return len(headlines) >= 2 and sum(1 for item in headlines if item.teaser.strip()) * 2 >= len(headlines)


@signal("unrelated_recommendations", family="farm_blocks")
def unrelated_recommendations(page: Page) -> SignalResult:
    """Share of recommendation-block headlines that share no topical word with the article.

    Needs at least two judgeable items, and fires only when two thirds or more of them
    are unrelated; nav blocks ("More:" + "Contact") have no headline items and are
    ignored, and so are lists of what is popular ("Most read", "Trending").
    """
    candidates = [
        (b, j, item)
        for b, block in enumerate(page.blocks)
        if _is_recommendation_block(block)
        for j, item in enumerate(block.items)
        if _is_headline_item(item)
    ]
    if len(candidates) < 2:
        return result("unrelated_recommendations", 0.0)
    article = body_vocabulary(page.paragraphs, page.title)
    if len(article) < _MIN_ARTICLE_WORDS:
        return result("unrelated_recommendations", 0.0)
    lang = body_profile(page.paragraphs, page.lang).lang
    lang = lang if lang in WORDFREQ_LANGS else "en"
    judged, evidence = 0, []
    for b, j, item in candidates:
        words = content_words(item.title + "\n" + item.teaser)
        if len(words) < 2:
            continue  # too little text to judge
        judged += 1
        shared = [word for word in words if shares_word(word, article)]
        if not any(zipf(word, lang) < _SALIENT_MAX_ZIPF for word in shared):
            reason = f"shares no topical word with the article ({len(shared)} common ones of {len(words)})"
            evidence.append(Evidence.at(page, f"blocks[{b}].items[{j}].title", 0, len(item.title), reason))
    share = len(evidence) / judged if judged >= 2 else 0.0
    if share < _MIN_UNRELATED_SHARE:
        # Originals' "related" blocks are often loosely related (same section, same
        # tag): a few unrelated items are normal, a wholly unrelated block is not.
        return result("unrelated_recommendations", 0.0)
    return result("unrelated_recommendations", share, evidence)


def _ends_mid_word(teaser: str, lang: str) -> bool:
    """The teaser's last word is a fragment: a stray single letter, or a lowercase
    token that is no word of the page's language. Capitalised last words are names or
    (in German) compounds the word list lacks, so they are not judged."""
    match = _LAST_WORD_RE.search(teaser)
    if match is None:
        return False
    word = match.group()
    if len(word) == 1:
        return word.lower() not in _ONE_LETTER_WORDS.get(lang, _ONE_LETTER_WORDS_OTHER)
    if not word.islower() or lang not in WORDFREQ_LANGS:
        return False  # without a word list for the language a missing word proves nothing
    return not is_common(word, lang) and zipf(word, lang) < 2.0


def _cut_teasers(block: Block, lang: str) -> list[tuple[int, bool]]:
    """(index, fixed length) of the block's headline teasers cut without an ellipsis.

    A teaser is cut when its last word is a fragment, or when it ends in a letter and
    has exactly the length of another, different teaser of the block ending in a
    letter, one of them a fragment: a ``text[:N]`` cut also lands on word ends now and
    then ("... the winter season"), while equal lengths alone happen by chance.
    """
    unfinished = {}
    for j, item in enumerate(block.items):
        teaser = item.teaser.rstrip()
        if len(teaser) >= _MIN_TEASER_CHARS and _is_headline_item(item) and teaser[-1].isalpha():
            unfinished[j] = teaser
    fragment = {j: _ends_mid_word(teaser, lang) for j, teaser in unfinished.items()}
    by_length: dict[int, list[int]] = {}
    for j, teaser in unfinished.items():
        by_length.setdefault(len(teaser), []).append(j)
    cut = []
    for j, teaser in unfinished.items():
        group = by_length[len(teaser)]
        fixed = (
            len({unfinished[k] for k in group}) >= 2  # different texts, not one teaser twice
            and any(fragment[k] for k in group)
        )
        if fixed or fragment[j]:
            cut.append((j, fixed))
    return cut


@signal("truncated_teasers", family="farm_blocks", strong=True)
def truncated_teasers(page: Page) -> SignalResult:
    """Block teasers cut mid-word without an ellipsis; higher for several, highest for equal lengths.

    One cut teaser gives 0.3, each further one adds 0.3, and cut teasers of exactly
    equal length add 0.4 (capped at 1), so only several cuts reach the strong range.
    """
    if not page.blocks:
        return result("truncated_teasers", 0.0)
    lang = body_profile(page.paragraphs, page.lang).lang
    evidence, equal_lengths = [], False
    for b, block in enumerate(page.blocks):
        for j, fixed in _cut_teasers(block, lang):
            teaser = block.items[j].teaser.rstrip()
            tail = _TAIL_RE.search(teaser)
            reason = f"teaser of {len(teaser)} characters ends mid-word"
            if fixed:
                reason += ", like other teasers of the same length"
                equal_lengths = True
            evidence.append(Evidence.at(page, f"blocks[{b}].items[{j}].teaser", tail.start(), tail.end(), reason))
    if not evidence:
        return result("truncated_teasers", 0.0)
    value = 0.3 * len(evidence) + (0.4 if equal_lengths else 0.0)
    return result("truncated_teasers", min(1.0, value), evidence)
