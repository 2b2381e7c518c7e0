"""Hostile input files for fuzzing the readers and parsers, generated from a ``random.Random``.

``tests/test_fuzz.py`` drives these generators from hypothesis (a short pass in CI) and
``benchmarks/fuzz.py`` from a seed and an index (input N of seed S is always the same
file, so a failure found there can be replayed alone). Pages start from small documents
written here and the repository's own examples, then get mutated bytes, broken encodings,
hostile markup (deep nesting, huge attributes, null bytes) and truncated containers.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour ferry returns after repairs | The Quay Courier</title>
<meta property="og:url" content="https://quay-courier.example/ferry">
<meta property="og:site_name" content="The Quay Courier">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour ferry returns",
 "datePublished": "2024-03-02", "author": {"name": "Mira Oakes"}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>Harbour ferry returns after repairs</h1>
<p>By Mira Oakes</p><p>The harbour ferry carried its first passengers in six weeks on Monday
after the hull repairs ran over schedule.</p><p>Commuters said the detour by road had added
forty minutes to each trip, and the operator promised a refund for season tickets.</p>
<p>Originally published by the Coastline Wire.</p></article><footer>Contact us</footer></body></html>"""

TEXT_DUMP = """Harbour ferry returns after repairs
The Quay Courier | 2024-03-02 | Mira Oakes

The harbour ferry carried its first passengers in six weeks on Monday after the hull repairs.

Commuters said the detour by road had added forty minutes to each trip.
"""

FORMATS = ("html", "html.gz", "txt", "txt.gz", "jsonl", "jsonl.gz", "csv", "csv.gz", "parquet", "warc", "warc.gz")

# Fragments that have broken parsers elsewhere: unclosed constructs, odd declarations, control bytes.
SNIPPETS = [
    b"\x00", b"\x00" * 64, b"\xff\xfe", b"\xef\xbb\xbf", b"\xfe\xff\x00<", b"\xc3", b"\xed\xa0\x80",  # CESU surrogate
    b"\xf4\x90\x80\x80", b"\x1b$B", b"<!--", b"<![CDATA[", b"<script>", b"</script>", b"<style>", b"<textarea>",
    b"<meta charset=\"utf-7\">", b"<meta charset=\"x-unknown-0\">", b"<meta charset=utf-16>",
    b"<?xml version='1.0' encoding='ebcdic-cp-us'?>", b"<meta http-equiv=content-type content='text/html; charset=",
    b"<p>", b"</p>", b"<h1>", b"<article>", b"<table><tr><td>", b"<svg><foreignObject><math>",
    b"&#0;", b"&#xD800;", b"&#x110000;", b"&amp", b"&" * 200, b"\r", b"\r\n" * 50, b"\t" * 50,
    "\u2028\u2029\ufeff\u200b".encode(), "\U0001f600".encode() * 20, b'<script type="application/ld+json">{"@type":',
    b'{"@graph": [[[[[[[[', b"<base href='javascript:x'>", b'<link rel="canonical" href="=cmd|x">',
    b'<meta property="og:url" content="=HYPERLINK(1)">', b"<time datetime='99999-99-99'>", b"\x85\x80\x9f",
]


def _large(rng: random.Random) -> bool:
    """One construct in twenty is large (megabytes, tens of thousands of elements): enough to
    find what large pages break, few enough to keep a long fuzzing run fast."""
    return rng.random() < 0.05


def _deep_nesting(rng: random.Random) -> bytes:
    tag = rng.choice([b"div", b"span", b"b", b"table", b"ul", b"p", b"a"])
    depth = rng.choice([5000, 20000] if _large(rng) else [10, 100, 1000])
    return (b"<" + tag + b">") * depth + b"x" + (b"</" + tag + b">") * rng.randrange(depth + 1)


def _huge_attribute(rng: random.Random) -> bytes:
    size = rng.choice([100_000, 1_000_000]) if _large(rng) else rng.choice([100, 1000, 10_000])
    value = rng.choice([b"a", b"\"", b"'", b"&quot;", b"\x00", b" "]) * size
    return b'<div data-x="' + value + b'" class="' + b"c " * rng.randrange(size // 10 + 1) + b'">text</div>'


def _many_elements(rng: random.Random) -> bytes:
    count = rng.choice([5000, 50_000] if _large(rng) else [10, 100, 1000])
    return b"".join(rng.choices([b"<p>w</p>", b"<br>", b"<li>x", b"<a href=/>l</a>", b"<h1>h</h1>"], k=count))


def random_bytes(rng: random.Random, limit: int = 4096) -> bytes:
    return rng.randbytes(rng.randrange(limit))


def base_page(rng: random.Random) -> bytes:
    """A page to mutate: written here, one of the repository's examples, or nearly nothing."""
    choice = rng.randrange(10)
    if choice < 4:
        return ARTICLE.encode("utf-8")
    if choice < 6:
        return TEXT_DUMP.encode("utf-8")
    if choice < 8:
        examples = sorted((ROOT / "data" / "examples").iterdir())
        return rng.choice(examples).read_bytes() if examples else ARTICLE.encode()
    if choice < 9:
        return ARTICLE.encode(rng.choice(["utf-16", "utf-32", "cp1252", "latin-1"]), errors="replace")
    return random_bytes(rng, 256)


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """``data`` with a few random edits: flipped, inserted, deleted or repeated bytes, hostile snippets."""
    out = bytearray(data)
    for _ in range(rng.randrange(1, 6) if rounds is None else rounds):
        at = rng.randrange(len(out) + 1)
        kind = rng.randrange(9)
        if kind == 0 and out:  # flip bytes
            for _ in range(rng.randrange(1, 8)):
                out[rng.randrange(len(out))] = rng.randrange(256)
        elif kind == 1:  # insert random bytes
            out[at:at] = rng.randbytes(rng.randrange(1, 64))
        elif kind == 2:  # delete a span
            del out[at:at + rng.randrange(1, 200)]
        elif kind == 3:  # repeat a span
            span = bytes(out[at:at + rng.randrange(1, 200)])
            out[at:at] = span * rng.randrange(1, 50)
        elif kind == 4:
            out[at:at] = rng.choice(SNIPPETS)
        elif kind == 5:
            out[at:at] = _deep_nesting(rng)
        elif kind == 6:
            out[at:at] = _huge_attribute(rng)
        elif kind == 7:
            out[at:at] = _many_elements(rng)
        else:  # truncate
            del out[at:]
    return bytes(out)


def page_bytes(rng: random.Random) -> bytes:
    return mutate(base_page(rng), rng) if rng.random() < 0.9 else base_page(rng)


def _as_text(page: bytes, rng: random.Random) -> str:
    return page.decode(rng.choice(["utf-8", "latin-1"]), errors=rng.choice(["replace", "surrogateescape", "ignore"]))


def _json_value(page: bytes, rng: random.Random):
    """Mostly the page as a string, sometimes a value of the wrong type."""
    roll = rng.randrange(20)
    if roll == 0:
        return rng.choice([None, 123, 1.5, True, [1, 2], {"p": "x"}, "", " \n", float("nan")])
    return _as_text(page, rng)


def _record_rows(rng: random.Random) -> list[dict]:
    rows = []
    for n in range(rng.randrange(0, 6)):
        row = {rng.choice(["html", "text", "body", "HTML"]): _json_value(page_bytes(rng), rng)}
        if rng.random() < 0.8:
            row["id"] = rng.choice([f"r{n}", "", "=1+1", "-x", "\ud800", 5, None])
        if rng.random() < 0.5:
            row["url"] = rng.choice(["https://e.example/a", "", "@x", "http://[::1", "javascript:x", "\x00"])
        if rng.random() < 0.3:
            row[rng.choice(["published", "title", "site", "category", "source"])] = rng.choice(
                ["2024-02-30", "yesterday", "", "\x00", "9" * 400, 3])
        rows.append(row)
    return rows


def _jsonl(rng: random.Random) -> bytes:
    lines = []
    for row in _record_rows(rng):
        try:
            lines.append(json.dumps(row, allow_nan=True).encode("utf-8"))
        except (TypeError, ValueError):
            continue
    if rng.random() < 0.2:
        lines.append(rng.choice([b"{broken", b"[1, 2]", b"null", b"\"x\"", random_bytes(rng, 64)]))
    return b"\n".join(lines) + (b"\n" if rng.random() < 0.8 else b"")


def _csv(rng: random.Random) -> bytes:
    rows = _record_rows(rng)
    columns = sorted({key for row in rows for key in row}) or rng.choice([["id"], ["html"], []])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else str(row.get(c)) for c in columns])
    return buffer.getvalue().encode("utf-8", errors="surrogatepass")


def _parquet(rng: random.Random) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = max(1, rng.randrange(0, 5))
    pages = [_as_text(page_bytes(rng), rng).encode("utf-8", errors="replace").decode("utf-8") for _ in range(rows)]
    kind = rng.randrange(6)
    if kind == 0:
        content = pa.array([[1, 2]] * rows, pa.list_(pa.int64()))
    elif kind == 1:
        content = pa.array([p.encode("utf-8") for p in pages], pa.binary())
    elif kind == 2:
        content = pa.array([rng.randrange(100) for _ in range(rows)], pa.int64())
    elif kind == 3:
        content = pa.array([None] * rows, pa.string())
    else:
        content = pa.array(pages, pa.string())
    column = rng.choice(["html", "text", "content"])
    table = pa.table({"id": [f"p{n}" for n in range(rows)], column: content})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _warc_record(kind: str, record_id: str, block: bytes, rng: random.Random) -> bytes:
    length = len(block) if rng.random() < 0.9 else rng.choice([0, len(block) * 2, len(block) // 2, 10**12])
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id}\r\n"
            f"WARC-Target-URI: https://w.example/{record_id[-3:-1]}\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {length}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _warc(rng: random.Random, compressed: bool) -> bytes:
    records = []
    for n in range(rng.randrange(0, 4)):
        body = page_bytes(rng)
        charset = rng.choice(["", "; charset=utf-8", "; charset=bogus", "; charset=iso-8859-1"])
        ctype = rng.choice(["text/html", "application/xhtml+xml", "image/png", "text/plain"])
        status = rng.choice(["200 OK"] * 5 + ["404 Not Found", "301 Moved", "abc"])
        encoding = rng.choice([b"", b"", b"Transfer-Encoding: chunked\r\n", b"Content-Encoding: gzip\r\n"])
        http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}{charset}\r\n".encode() + encoding + b"\r\n" + body
        kind = rng.choice(["response"] * 4 + ["request", "metadata"])
        records.append(_warc_record(kind, f"<urn:uuid:{n:03d}>", mutate(http, rng, 1) if rng.random() < 0.2 else http, rng))
    if compressed:
        return b"".join(gzip.compress(r, compresslevel=1, mtime=0) for r in records)
    return b"".join(records)


def _gzip(data: bytes, rng: random.Random) -> bytes:
    return gzip.compress(data, compresslevel=1, mtime=0) if rng.random() < 0.95 else data  # sometimes not gzip at all


def input_file(rng: random.Random, folder: Path, fmt: str | None = None) -> Path:
    """Write one hostile input file of format ``fmt`` (random when None) into ``folder``."""
    fmt = fmt or rng.choice(FORMATS)
    base = fmt.split(".")[0]
    if base in ("html", "txt"):
        data = page_bytes(rng) if rng.random() < 0.95 else random_bytes(rng)
    elif base == "jsonl":
        data = _jsonl(rng)
    elif base == "csv":
        data = _csv(rng)
    elif base == "parquet":
        data = _parquet(rng)
    else:
        data = _warc(rng, fmt.endswith(".gz"))
    if fmt.endswith(".gz") and base != "warc":
        data = _gzip(data, rng)
    if rng.random() < 0.15:  # a damaged or truncated container
        data = mutate(data, rng, 1) if rng.random() < 0.5 else data[: rng.randrange(len(data) + 1)]
    path = folder / f"input.{fmt}"
    path.write_bytes(data)
    return path


# Error reasons that mean a bug was caught by a last-resort guard, not bad input handled.
BUG_REASONS = ("reader failed:", "parser failed:", "signal failed:")


def problems(path: Path, model=None) -> list[str]:
    """What is wrong with how ``path`` is read (and scored, given a model); [] when all is well.

    Properties: reading yields at least one record, every field a string, those that reach
    the output writable as UTF-8,
    the same records whether read directly or as units (WARC offsets included); no error
    comes from a last-resort guard; every error row has a reason; without a model every
    good record becomes a Page or a ParseError with a reason. Exceptions propagate: the
    caller counts them as crashes.
    """
    from detector.parse import ParseError, page_from_record
    from detector.readers import input_format, iter_file_records, iter_file_units, unit_records
    from detector.records import RECORD_COLUMNS

    found: list[str] = []
    records = list(iter_file_records(path))
    if not records:
        found.append("no record at all")
    for record in records:
        if list(record) != RECORD_COLUMNS or not all(isinstance(v, str) for v in record.values()):
            found.append(f"malformed record: {record!r:.200}")
            continue
        try:
            "".join(record[key] for key in ("id", "url", "error")).encode("utf-8")  # what reaches the output
        except UnicodeEncodeError:
            found.append(f"record not writable as UTF-8: {record['id']!r:.100}")
        if record["error"].startswith(BUG_REASONS):
            found.append(f"bug caught by a guard: {record['error']:.300}")
        if model is None and not record["error"]:
            try:
                page_from_record(record)
            except ParseError as exc:
                if not str(exc):
                    found.append("ParseError without a reason")
    if input_format(path) in ("jsonl", "warc"):  # the formats whose units are read differently
        units = [r for unit in iter_file_units(path, warc_offsets=True) for r in unit_records(unit)]
        if units != records:
            found.append("reading as units differs from reading the file")
    if model is not None and records:
        from detector.scoring import score_rows

        rows = score_rows(records, model)
        failed = rows["error"] != ""
        if len(rows) != len(records):
            found.append("scoring lost rows")
        for reason in rows.loc[failed, "error"]:
            if reason.startswith(BUG_REASONS):
                found.append(f"bug caught by a guard: {reason:.300}")
        if (rows.loc[~failed, "label"] == "").any() or (rows.loc[failed, "label"] != "").any():
            found.append("label and error disagree")
    return found
