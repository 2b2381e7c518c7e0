"""A page's text fingerprint: a MinHash signature over shingles of its main text.

Only ``Page.paragraphs`` count (never blocks or navigation), so two pages that
share a sidebar are not alike. Scripts written with spaces are cut into word
3-grams; Chinese, Japanese and Thai (no spaces between words) into character
4-grams. Pages with fewer than ``MIN_SHINGLES`` distinct shingles are too short
to judge and get no signature.

The hashing is vectorised NumPy over the text's code points, with fixed
constants: a hash never depends on the process, so signatures computed in
different workers, runs or machines compare. ``benchmarks/bench_minhash.py``
compares this with datasketch and rensa (speed, memory, estimate error).
"""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..page import Page
from ..text import lowered_body

NUM_PERM = 128
WORD_SHINGLE = 3  # short enough that a few spun words leave most shingles intact
CHAR_SHINGLE = 4  # about two Chinese words
MAX_CHARS = 1 << 18  # main text fingerprinted: the first 262,144 characters (an article is far shorter)
MIN_SHINGLES = 40  # fewer distinct shingles: too short to judge, never linked
MAX_PASSAGES = 8  # paragraphs kept per page to quote the shared passage
QUOTE_CHARS = 200
_MERSENNE = np.uint64((1 << 61) - 1)

# Code point blocks of scripts written without spaces: Thai, Lao, Khmer, kana, CJK ideographs.
_UNSPACED_BLOCKS = ((0x0E00, 0x0EFF), (0x1780, 0x17FF), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                    (0xF900, 0xFAFF))
# Punctuation and symbol blocks above U+00C0 (general punctuation, arrows to misc. symbols,
# CJK and full-width punctuation), so "—" or "。" never joins a word.
_NOT_WORD_BLOCKS = ((0x2000, 0x206F), (0x20A0, 0x2BFF), (0x2E00, 0x2E7F), (0x3000, 0x303F), (0xFE30, 0xFE4F),
                    (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))

_BIN_BITS = 7  # 2**7 == NUM_PERM bins
# Fixed odd constants: signatures must compare across processes, runs and machines.
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5], dtype=np.uint64)


@dataclass
class Fingerprint:
    """What linking needs of one page, small enough to ship from workers and keep on disk."""

    id: str
    url: str = ""
    domain: str = ""
    site_name: str = ""
    source: str = ""
    published: str = ""
    credits: tuple[str, ...] = ()  # outlets the body openly credits (copyright, credit line, "originally published by")
    size: int = 0  # distinct shingles; 0 = too short to judge
    signature: np.ndarray | None = None  # uint32[NUM_PERM], None when too short
    passages: list[tuple[str, int, int, int]] = field(default_factory=list)  # (field, start, end, sentence hash)

    @property
    def linkable(self) -> bool:
        return self.signature is not None


def _char_classes() -> np.ndarray:
    """For each code point below U+10000: 0 not part of a word, 1 a letter or digit,
    2 a letter of a script written without spaces. One lookup replaces a dozen range tests."""
    codes = np.arange(0x10000)
    table = (((codes >= 48) & (codes <= 57)) | ((codes >= 97) & (codes <= 122))).astype(np.uint8)
    other = (codes >= 0xC0) & (codes != 0xD7) & (codes != 0xF7)
    for low, high in _NOT_WORD_BLOCKS:
        other &= (codes < low) | (codes > high)
    table[other] = 1
    for low, high in _UNSPACED_BLOCKS:
        table[low:high + 1] = 2
    return table


_CHAR_CLASS = _char_classes()
_LATIN1_WORD_CHARS = bytes(int(c > 0) for c in _CHAR_CLASS[:256])  # a translate table: 1 for word characters
# A fixed random 64-bit value per code point below U+10000 (higher ones share the last).
_CHAR_VALUE = np.random.default_rng(0x5EED).integers(0, 1 << 63, 0x10000, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def _mix(values: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (splitmix64): spreads code points and their combinations over 64 bits."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def _powers(base: int, count: int) -> np.ndarray:
    """base**0 .. base**(count-1) modulo 2**64."""
    with np.errstate(over="ignore"):
        table = np.multiply.accumulate(np.full(count, base, dtype=np.uint64))
    return np.concatenate(([np.uint64(1)], table[:-1]))


_BASE = 0x100000001B3
_POWER = _powers(_BASE, MAX_CHARS)
_INVERSE_POWER = _powers(pow(_BASE, -1, 1 << 64), MAX_CHARS)


def _word_hashes(codes: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """One 64-bit hash per run of word characters, for all runs at once: the sum of each
    character's random value times BASE**(its index in the text), brought back to the
    word's own start by BASE**-(index of its first character), so equal words hash alike
    wherever they stand."""
    chars = np.flatnonzero(mask)
    if len(chars) == 0:
        return np.zeros(0, dtype=np.uint64)
    is_start = np.empty(len(chars), dtype=bool)
    is_start[0] = True
    np.greater(np.diff(chars), 1, out=is_start[1:])
    first = np.flatnonzero(is_start)
    with np.errstate(over="ignore"):
        sums = np.add.reduceat(_CHAR_VALUE[codes[chars]] * _POWER[chars], first)
        return sums * _INVERSE_POWER[chars[first]]


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the text's shingles: word 3-grams, or character 4-grams
    for scripts written without spaces; lower-cased, punctuation ignored."""
    return _lowered_shingle_hashes(text[:MAX_CHARS].lower()[:MAX_CHARS])  # lowering "İ" adds a character


def _lowered_shingle_hashes(text: str) -> np.ndarray:
    try:  # most pages are Latin-1 (English, German, French...): one byte per character is cheaper to scan
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        codes = np.minimum(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), 0xFFFF)
        classes = _CHAR_CLASS[codes]
        mask = classes > 0
        unspaced = np.count_nonzero(classes == 2) * 3 > np.count_nonzero(mask)  # a third of the letters
    else:  # no unspaced script below U+0100; bytes.translate classifies a byte per CPU cycle or so
        codes = np.frombuffer(data, dtype=np.uint8)
        mask = np.frombuffer(data.translate(_LATIN1_WORD_CHARS), dtype=bool)
        unspaced = False
    if unspaced:
        tokens, width = _CHAR_VALUE[codes[mask]], CHAR_SHINGLE
    else:
        tokens, width = _word_hashes(codes, mask), WORD_SHINGLE
    if len(tokens) < width:
        return np.zeros(0, dtype=np.uint64)
    count = len(tokens) - width + 1
    with np.errstate(over="ignore"):
        combined = tokens[:count] * _MIX[0]
        for offset in range(1, width):
            combined = combined + tokens[offset: offset + count] * _MIX[offset]
    hashes = np.sort(_mix(combined))
    keep = np.empty(len(hashes), dtype=bool)
    keep[0] = True
    keep[1:] = hashes[1:] != hashes[:-1]
    return hashes[keep]


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The uint32[NUM_PERM] signature of a sorted set of 64-bit hashes by one-permutation hashing:
    the top bits pick one of NUM_PERM bins, each bin keeps its smallest value, and an empty
    bin borrows from the next filled one (rotation densification, marked by the distance).

    One pass over the sorted set instead of NUM_PERM passes: 5-10 times cheaper than
    NUM_PERM multiply-add permutations, with the same estimate error on page-sized sets
    (see benchmarks/bench_minhash.py)."""
    bins = (hashes >> np.uint64(64 - _BIN_BITS)).astype(np.int64)
    first = np.searchsorted(bins, np.arange(NUM_PERM))
    filled = np.zeros(NUM_PERM, dtype=bool)
    inside = first < len(hashes)
    filled[inside] = bins[first[inside]] == np.arange(NUM_PERM)[inside]
    values = np.zeros(NUM_PERM, dtype=np.uint64)
    values[filled] = (hashes[first[filled]] >> np.uint64(64 - _BIN_BITS - 32)) & np.uint64(0xFFFFFFFF)
    if not filled.all():
        filled_at = np.flatnonzero(filled)
        # the next filled bin to the right, wrapping around
        take = np.searchsorted(filled_at, np.arange(NUM_PERM)) % len(filled_at)
        source = filled_at[take]
        distance = (source - np.arange(NUM_PERM)) % NUM_PERM
        with np.errstate(over="ignore"):
            values = np.where(filled, values, _mix(values[source] + np.uint64(distance) * _MIX[2]) >> np.uint64(32))
    return values.astype(np.uint32)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller set found in the larger, from Jaccard and the set sizes:
    |A∩B| = J (|A| + |B|) / (1 + J)."""
    if not size_a or not size_b:
        return 0.0
    shared = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, shared / min(size_a, size_b))


def passage_hash(text: str) -> int:
    """A hash of the words a passage starts with (its first QUOTE_CHARS characters), case and spacing ignored."""
    return zlib.crc32(" ".join(text[:QUOTE_CHARS].lower().split()).encode())


def passages(page: Page) -> list[tuple[str, int, int, int]]:
    """The first MAX_PASSAGES paragraphs of 40+ characters: where they are (at most QUOTE_CHARS
    of each) and a hash of their words, so a link can quote a passage two pages share."""
    found = []
    for index, paragraph in enumerate(page.paragraphs):
        if len(paragraph) >= 40:
            found.append((f"paragraphs[{index}]", 0, min(len(paragraph), QUOTE_CHARS), passage_hash(paragraph)))
            if len(found) >= MAX_PASSAGES:
                break
    return found


_BYLINE_DOMAIN = re.compile(r",\s*([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,12})\s*$")  # "Jane Roe, Dziennik.pl"


def open_credits(page: Page) -> tuple[str, ...]:
    """Outlet keys the page openly credits as the story's source: credit lines of the body (see
    ``outlets.OPEN_CREDIT_KINDS``), the declared source, an outlet the byline names after its
    author ("Jane Roe, Associated Press", "Jane Roe, dziennik.pl"; not "Jane Roe, Senior Editor"), and the site of a canonical link on another
    registered domain (syndication portals point it at the original; a scraper that copied the
    head leaves the original's)."""
    from ..domains import registered_domain
    from ..parse.metadata import byline_outlet
    from ..signals.outlets import OPEN_CREDIT_KINDS, body_credits, normalize_outlet, outlet_mentions

    keys = [c.outlet for c in body_credits(page) if c.kind in OPEN_CREDIT_KINDS]
    if page.source:
        keys.append(normalize_outlet(page.source))
    if page.byline:
        keys.extend(key for key, _, _ in outlet_mentions(page.byline))
        domain = _BYLINE_DOMAIN.search(page.byline)
        outlet = domain.group(1) if domain else byline_outlet(page.byline)
        if outlet:
            keys.append(normalize_outlet(outlet))
    elsewhere = registered_domain(page.canonical) if page.canonical.startswith("http") else ""
    if elsewhere and page.domain and elsewhere != page.domain:
        keys.append(normalize_outlet(elsewhere))
    return tuple(dict.fromkeys(k for k in keys if k))


def fingerprint(page: Page, record_id: str = "") -> Fingerprint:
    """The fingerprint of one parsed page."""
    body = lowered_body(page.paragraphs)  # as the signals lowered it (lowering never shortens a text)
    hashes = _lowered_shingle_hashes(body) if len(body) <= MAX_CHARS else shingle_hashes("\n".join(page.paragraphs))
    linkable = len(hashes) >= MIN_SHINGLES
    return Fingerprint(
        id=record_id or page.id, url=page.url, domain=page.domain, site_name=page.site_name, source=page.source,
        published=page.published, credits=open_credits(page) if linkable else (),
        size=len(hashes) if linkable else 0, signature=minhash(hashes) if linkable else None,
        passages=passages(page) if linkable else [])


FINGERPRINT_COLUMNS = ["row", "id", "url", "domain", "site_name", "source", "published", "credits", "size",
                       "signature", "passages"]


def fingerprint_frame(fingerprints: list[Fingerprint | None]) -> pd.DataFrame:
    """A table of fingerprints, one row per scored row (``row`` = its position; None for
    error rows gives an empty, unlinkable entry): what workers return and parts keep on disk."""
    empty = Fingerprint("")
    table = {column: [] for column in FINGERPRINT_COLUMNS}
    for row, fp in enumerate(fingerprints):
        fp = fp or empty
        table["row"].append(row)
        for name in ("id", "url", "domain", "site_name", "source", "published"):
            table[name].append(getattr(fp, name))
        table["credits"].append("|".join(fp.credits))  # outlet keys may hold spaces
        table["size"].append(fp.size)
        table["signature"].append(fp.signature.tobytes() if fp.signature is not None else b"")
        table["passages"].append(json.dumps(fp.passages) if fp.passages else "")
    frame = pd.DataFrame(table, columns=FINGERPRINT_COLUMNS)
    frame["row"] = frame["row"].astype("int64")
    frame["size"] = frame["size"].astype("int64")
    return frame


def signature_matrix(frame: pd.DataFrame) -> np.ndarray:
    """The (rows, NUM_PERM) uint32 signatures of a fingerprint table; zeros where there is none."""
    none = bytes(4 * NUM_PERM)
    joined = b"".join(raw if raw else none for raw in frame["signature"])
    return np.frombuffer(joined, dtype=np.uint32).reshape(len(frame), NUM_PERM).copy()


HIDDEN_PREFIX = "_fp_"  # fingerprint columns riding along with scored rows through an engine


def hidden_columns() -> list[str]:
    return [HIDDEN_PREFIX + c for c in FINGERPRINT_COLUMNS if c != "row"]


def with_hidden(rows: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Scored rows with their fingerprints as hidden columns (the engines' partitions carry them)."""
    table = table.drop(columns="row")
    table["signature"] = [raw.hex() for raw in table["signature"]]  # text: engines turn object columns into strings
    hidden = table.add_prefix(HIDDEN_PREFIX).set_axis(rows.index)
    return pd.concat([rows, hidden], axis=1)


def split_hidden(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows, fingerprint table) from a frame with hidden fingerprint columns."""
    hidden = [c for c in frame.columns if c.startswith(HIDDEN_PREFIX)]
    table = frame[hidden].rename(columns=lambda c: c[len(HIDDEN_PREFIX):]).reset_index(drop=True)
    table.insert(0, "row", range(len(table)))
    table["size"] = pd.to_numeric(table["size"], errors="coerce").fillna(0).astype("int64")
    table["signature"] = [bytes.fromhex(v) if isinstance(v, str) else b"" for v in table["signature"]]
    for column in ("id", "url", "domain", "site_name", "source", "published", "credits", "passages"):
        table[column] = table[column].fillna("").astype(str).astype(object)
    return frame.drop(columns=hidden), table[FINGERPRINT_COLUMNS]
