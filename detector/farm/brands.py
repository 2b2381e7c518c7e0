"""Invented names: farm brands, regional outlets, people, and their domains.

Every name is made from syllables or word parts by a seeded ``random.Random``,
so a corpus is reproducible and no real outlet or person is named. Farm brands
imitate the finance and news bodies real farms pose as ("... Exchange",
"... Wealth Society", "Daily ... News").
"""
from __future__ import annotations

import random
import re

_ONSETS = ("", "", "b", "br", "c", "d", "dr", "f", "g", "gl", "h", "k", "l", "m", "n",
           "p", "pr", "r", "s", "st", "t", "th", "tr", "v", "w", "z")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ae", "ei", "ou")
_CODAS = ("", "", "", "n", "r", "l", "s", "th", "m", "nd", "x", "rk")

# Halves of compound names ("Silvermere"-style): ordinary words, glued into non-words.
_FRONTS = ("Polar", "Silver", "Amber", "Cedar", "North", "Stone", "Bright", "Golden", "Crystal",
           "Iron", "Maple", "Azure", "Ember", "Frost", "Hollow", "Summit", "Willow", "Onyx")
_BACKS = ("moon", "crest", "field", "gate", "stone", "wood", "ridge", "vale", "haven", "light",
          "spire", "brook", "fall", "mere", "wick", "peak")

FARM_PATTERNS = (
    "{w} Exchange", "{w} Wealth Society", "{w} Capital", "Daily {w} News", "{w} Times Hub",
    "{w} Finance Network", "{w} Investment Union", "{w} Market Review", "{w} Trade Bureau",
    "{w} News Daily", "{w} Global Insight", "{w} Fortune Circle", "{w} Asset Forum",
)

_PAPERS = ("Ledger", "Gazette", "Courier", "Herald", "Tribune", "Sentinel", "Dispatch",
           "Chronicle", "Register", "Journal", "Observer", "Record", "Examiner", "Star")
_PLACE_FORMS = ("{w}", "{w} Valley", "{w} Springs", "North {w}", "{w} County", "Tri-County",
                "{w} Bay", "Lake {w}", "{w} Falls", "{w} Harbor")

_FIRST_NAMES = ("Anna", "Ben", "Carla", "David", "Elena", "Frank", "Grace", "Hugo", "Irene",
                "James", "Karen", "Leo", "Maria", "Nathan", "Olivia", "Peter", "Rosa", "Samuel",
                "Tessa", "Victor", "Wendy", "Yusuf", "Lena", "Jonas", "Miriam", "Tobias")

# Words that would make an invented name read as a real outlet; redraw when one appears.
_REAL_OUTLET_WORDS = frozenset({
    "reuters", "bloomberg", "forbes", "guardian", "times", "post", "cnn", "bbc", "abc", "nbc",
    "fox", "axios", "vox", "politico", "wired", "verge", "slate", "economist", "spiegel", "zeit",
})

_TLDS = (".com", ".com", ".com", ".net", ".org", ".info", ".xyz", ".top", ".co")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def invented_word(rng: random.Random) -> str:
    """A pronounceable non-word of 2-3 syllables, or a glued compound ("Silvermere")."""
    while True:
        if rng.random() < 0.3:
            word = rng.choice(_FRONTS) + rng.choice(_BACKS)
        else:
            syllables = rng.choice((2, 2, 3))
            word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                           for _ in range(syllables)).capitalize()
        if 4 <= len(word) <= 11 and word.lower() not in _REAL_OUTLET_WORDS:
            return word


def farm_brand(rng: random.Random) -> str:
    """A content-farm brand posing as a finance or news body: "Drelvan Exchange"."""
    return rng.choice(FARM_PATTERNS).format(w=invented_word(rng))


def slug(name: str) -> str:
    return _SLUG_DROP.sub("", name.lower())


def brand_domain(name: str, rng: random.Random, matching: float = 0.7) -> str:
    """A domain for a farm: usually its brand's slug, otherwise an unrelated invented one."""
    base = slug(name) if rng.random() < matching else slug(invented_word(rng)) + rng.choice(("news", "info", "daily", ""))
    return base + rng.choice(_TLDS)


def regional_outlet(rng: random.Random) -> tuple[str, str]:
    """(name, domain) of a plausible local news site whose domain matches its name."""
    place = rng.choice(_PLACE_FORMS).format(w=invented_word(rng))
    name = f"{place} {rng.choice(_PAPERS)}"
    if rng.random() < 0.2:
        name = "The " + name
    return name, slug(name.removeprefix("The ")) + rng.choice((".com", ".com", ".com", ".net", ".org"))


def person_name(rng: random.Random) -> str:
    """An invented person: a common first name and a made-up surname."""
    return f"{rng.choice(_FIRST_NAMES)} {invented_word(rng)}"
