"""Readers: input files -> raw records (ids, fields, error rows, streaming)."""
from __future__ import annotations

import gzip
import json
import socket
import time
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from detector import readers
from detector.domains import host, registered_domain
from detector.readers import input_format, iter_file_records, iter_records, list_inputs, scan_inputs
from detector.readers.decode import UnreadableContent, codec_name, decode_page
from detector.records import RECORD_COLUMNS

PAGES = Path(__file__).parent / "fixtures" / "pages"


# ---------------------------------------------------------------- domains

@pytest.mark.parametrize(
    "url, expected_host, expected_domain",
    [
        ("https://abcnews.go.com/x", "abcnews.go.com", "go.com"),
        ("www.bbc.co.uk", "bbc.co.uk", "bbc.co.uk"),
        ("http://user:secret@WWW.Example.COM:8080/a?b=c", "example.com", "example.com"),
        ("https://news.harwicksentinel.com/2024/story", "news.harwicksentinel.com", "harwicksentinel.com"),
        # a private suffix (a shared host): each blog is its own site
        ("https://someone.github.io/blog", "someone.github.io", "someone.github.io"),
        ("http://quiet-garden.blogspot.com/2019/05/x.html", "quiet-garden.blogspot.com", "quiet-garden.blogspot.com"),
        ("http://10.0.0.7/page", "10.0.0.7", "10.0.0.7"),
        ("localhost", "localhost", "localhost"),
        ("", "", ""),
        ("http://[::1/", "", ""),
    ],
)
def test_host_and_registered_domain(url, expected_host, expected_domain):
    assert host(url) == expected_host
    assert registered_domain(url) == expected_domain


def test_registered_domain_never_touches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    registered_domain.cache_clear()
    host.cache_clear()
    assert registered_domain("https://www.some-new-site.co.nz/a") == "some-new-site.co.nz"


# ---------------------------------------------------------------- dispatch

@pytest.mark.parametrize(
    "name, fmt",
    [
        ("a.html", "html"), ("a.HTM", "html"), ("a.xhtml", "html"), ("a.html.gz", "html"),
        ("a.txt", "txt"), ("a.txt.gz", "txt"),
        ("a.jsonl", "jsonl"), ("a.ndjson.gz", "jsonl"),
        ("a.csv", "csv"), ("a.csv.gz", "csv"), ("a.parquet", "parquet"),
        ("crawl.warc", "warc"), ("crawl.warc.gz", "warc"), ("crawl.arc.gz", "warc"),
        ("Some. Odd name - 2024.html.gz", "html"),
        ("a.gz", ""), ("a.json", ""), ("notes.md", ""), ("html", ""), (".html", ""),
    ],
)
def test_input_format_by_extension(name, fmt):
    assert input_format(name) == fmt


def test_directory_walk_is_sorted_recursive_and_counts_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    for name in ("b/2.html", "a/deep/1.txt", "a/0.jsonl", "z.csv", "a/notes.md", "b/image.png"):
        (tmp_path / name).write_text("x")
    scan = scan_inputs(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in scan.files] == ["a/0.jsonl", "a/deep/1.txt", "b/2.html", "z.csv"]
    assert sorted(p.name for p in scan.skipped) == ["image.png", "notes.md"]
    assert list_inputs([tmp_path]) == scan.files


def test_links_to_directories_are_followed_once_without_looping(tmp_path):
    crawl, elsewhere = tmp_path / "crawl", tmp_path / "elsewhere"
    (crawl / "day1").mkdir(parents=True)
    elsewhere.mkdir()
    (crawl / "day1" / "a.html").write_text("x")
    (elsewhere / "b.jsonl").write_text("x")
    (crawl / "day2").symlink_to(elsewhere, target_is_directory=True)  # a crawl tree put together from links
    (crawl / "day1" / "up").symlink_to(crawl, target_is_directory=True)  # a link back up the tree
    (crawl / "again").symlink_to(crawl / "day1", target_is_directory=True)  # a second way into day1
    found = [p.relative_to(crawl).as_posix() for p in scan_inputs(crawl).files]
    assert found == ["day1/a.html", "day2/b.jsonl"]  # day1 read once, by its own name rather than a link


def test_directory_order_is_deterministic(tmp_path):
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Title {name}\n\nBody of {name}.\n")
    ids = [r["id"] for r in iter_records(tmp_path)]
    assert ids == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]


# ---------------------------------------------------------------- the fixture directory, file by file

FIXTURE_ROWS = [
    # (id relative to the fixture dir, format, error substring or "" for a good record)
    ("binary.html", "html", "binary content"),
    ("broken_encoding.txt", "txt", "undecodable bytes"),
    ("empty.txt", "txt", "empty file"),
    ("glued_dump.txt", "txt", ""),
    ("gzipped_article.html.gz", "html", ""),
    ("original_article.html", "html", ""),
    ("csv-1", "csv", ""),
    ("records.csv:2", "csv", ""),
    ("rec-1", "jsonl", ""),
    ("records.jsonl:2", "jsonl", "malformed JSON on line 2"),
    ("records.jsonl:3", "jsonl", "record has neither html nor text"),
    ("spaced_dump.txt", "txt", ""),
    ("value_meta.html", "html", ""),
]


def _short_id(record_id: str) -> str:
    return record_id.replace(str(PAGES) + "/", "")


def test_fixture_directory_yields_every_page_and_every_error_in_order():
    records = list(iter_records([PAGES]))
    got = [(_short_id(r["id"]), r["format"], r["error"]) for r in records]
    assert [(i, f) for i, f, _ in got] == [(i, f) for i, f, _ in FIXTURE_ROWS]
    for (_, _, error), (_, _, expected) in zip(got, FIXTURE_ROWS):
        assert (expected in error) if expected else error == ""
    for record in records:
        assert list(record) == RECORD_COLUMNS
        assert all(isinstance(v, str) for v in record.values())
        if not record["error"]:
            assert record["html"] or record["text"]


def test_unknown_directory_files_are_skipped_but_named_ones_are_errors():
    assert [p.name for p in scan_inputs(PAGES).skipped] == ["unknown_format.xyz"]
    named = list(iter_records([PAGES / "unknown_format.xyz"]))
    assert len(named) == 1 and named[0]["error"] == "unknown file type '.xyz'"


def test_gzipped_html_equals_plain_html():
    plain = next(iter_file_records(PAGES / "original_article.html"))
    zipped = next(iter_file_records(PAGES / "gzipped_article.html.gz"))
    assert zipped["html"] == plain["html"] and "Tamsin" in zipped["html"]


# ---------------------------------------------------------------- bad input never raises, never vanishes

def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name, data, error",
    [
        ("empty.html", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("nul.html", b"<html>\x00\x00\x01\x02</html>", "binary content"),
        ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + b"text", "binary content"),
        ("garbage.html", bytes(range(0x80, 0x100)) * 3, "undecodable bytes"),
        ("notgzip.html.gz", b"<html><body><p>plain bytes</p></body></html>", "gzip error"),
        ("truncated.html.gz", gzip.compress(b"<p>" + b"words " * 2000 + b"</p>")[:60], "gzip error"),
        ("empty.jsonl", b"", "empty file"),
        ("blank.jsonl", b"\n\n   \n", "no records in file"),
        ("binary.jsonl", b"\x00\x01\x02{}", "binary content"),
        ("header_only.csv", b"id,url,html\n", "no records in file"),
        ("empty.csv", b"", "empty file"),
        ("bad.parquet", b"PAR1 this is not parquet at all", "not a readable Parquet file"),
        ("empty.parquet", b"", "empty file"),
        ("bad.warc", b"this is not a warc file\r\n" * 20, "not a WARC file"),
        ("old.arc.gz", gzip.compress(b"filedesc://crawl.arc 0.0.0.0 20240101000000 text/plain 70\n"), "ARC format"),
        ("empty.warc.gz", b"", "empty file"),
    ],
)
def test_bad_files_become_one_error_record(tmp_path, name, data, error):
    path = _write(tmp_path / name, data)
    records = list(iter_records([path]))
    assert len(records) == 1
    assert error in records[0]["error"]
    assert records[0]["id"] == str(path)


def test_missing_file_is_an_error_record(tmp_path):
    records = list(iter_records([tmp_path / "nowhere.html", tmp_path / "nowhere.jsonl", tmp_path / "nowhere.parquet"]))
    assert [r["error"] for r in records] == ["file not found"] * 3


def test_a_reader_bug_is_contained(tmp_path, monkeypatch):
    def explode(path):
        yield readers.files.error_record("first", "html", "")
        raise RuntimeError("boom")

    monkeypatch.setitem(readers._FORMATS, ".html", ("html", explode))
    good = _write(tmp_path / "ok.txt", b"Title\n\nBody text here.\n")
    records = list(iter_records([_write(tmp_path / "x.html", b"<p>x</p>"), good]))
    assert [r["error"] for r in records] == ["", "reader failed: RuntimeError: boom", ""]
    assert records[-1]["id"] == str(good)


# ---------------------------------------------------------------- decoding

@pytest.mark.parametrize(
    "data, transport, expected",
    [
        ("<p>café</p>".encode("utf-8"), "", "<p>café</p>"),
        ('<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1"), "", '<meta charset="iso-8859-1"><p>café</p>'),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Привет</p>'.encode("cp1251"),
         "", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Привет</p>'),
        ('<meta http-equiv="Content-Type" value="text/html; charset=iso-8859-2"><p>Łódź</p>'.encode("iso-8859-2"),
         "", '<meta http-equiv="Content-Type" value="text/html; charset=iso-8859-2"><p>Łódź</p>'),
        ("<p>naïve – “quoted”</p>".encode("cp1252"), "windows-1252", "<p>naïve – “quoted”</p>"),  # HTTP charset
        ("<p>Größe</p>".encode("latin-1"), "", "<p>Größe</p>"),  # undeclared legacy page -> windows-1252
        ("<p>smart ’ quote</p>".encode("cp1252"), "", "<p>smart ’ quote</p>"),
        ('<?xml version="1.0" encoding="ISO-8859-1"?><p>é</p>'.encode("latin-1"), "", '<?xml version="1.0" encoding="ISO-8859-1"?><p>é</p>'),
        (b"\xef\xbb\xbf<p>bom</p>", "", "<p>bom</p>"),
        ("<p>wide</p>".encode("utf-16"), "", "<p>wide</p>"),
        # The HTTP charset outranks the page's own declaration.
        ('<meta charset="iso-8859-1"><p>ok é</p>'.encode("utf-8"), "utf-8", '<meta charset="iso-8859-1"><p>ok é</p>'),
        ('<meta charset="utf-8"><p>é</p>'.encode("utf-8"), "iso-8859-1", '<meta charset="utf-8"><p>Ã©</p>'),
        ("<p>mostly fine é and one bad byte </p>".encode("utf-8") + b"\xff", "", "<p>mostly fine é and one bad byte </p>\ufffd"),
    ],
)
def test_decode_page(data, transport, expected):
    assert decode_page(data, transport_charset=transport) == expected


@pytest.mark.parametrize(
    "label, codec",
    [("ISO-8859-1", "cp1252"), ("latin1", "cp1252"), ("utf8", "utf-8"), ("UTF-8", "utf-8"), ("gb2312", "gb18030"),
     ("Shift_JIS", "cp932"), ("windows-1250", "cp1250"), ("utf-16", "utf-8"), ("no-such-charset", ""), ("'utf-8'", "utf-8")],
)
def test_codec_name(label, codec):
    assert codec_name(label) == codec


def test_decode_refuses_binary_and_garbage():
    with pytest.raises(UnreadableContent, match="binary content"):
        decode_page(b"GIF89a\x00\x01\x00\x01\x00\x80\x00\x00")
    with pytest.raises(UnreadableContent, match="undecodable"):
        decode_page(bytes(range(0x80, 0x100)) * 4)


# ---------------------------------------------------------------- JSONL

def test_jsonl_rows_ids_and_errors(tmp_path):
    lines = [
        json.dumps({"id": 17, "url": "https://a.example.org/1", "html": "<p>first</p>", "title": "T1", "unknown": [1]}),
        "",
        json.dumps({"url": "https://a.example.org/2", "text": "Title\n\nBody"}),
        '{"id": "broken", "html": ',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-content", "title": "Only a title", "html": "   "}),
        json.dumps({"id": None, "html": "<p>null id</p>", "published": None, "site": 3.5}),
    ]
    path = _write(tmp_path / "rows.jsonl.gz", gzip.compress("\n".join(lines).encode()))
    records = list(iter_records(path))
    assert [(r["id"], r["error"][:30]) for r in records] == [
        ("17", ""),
        (f"{path}:3", ""),
        (f"{path}:4", "malformed JSON on line 4: Expe"),
        (f"{path}:5", "line 5 is a JSON list, not an "),
        ("no-content", "record has neither html nor te"),
        (f"{path}:7", ""),
    ]
    assert records[0]["title"] == "T1" and records[0]["format"] == "jsonl"
    assert records[1]["text"] == "Title\n\nBody"
    assert records[5]["site"] == "3.5" and records[5]["published"] == ""


def test_jsonl_is_streamed_lazily(tmp_path):
    path = tmp_path / "big.jsonl"
    page = "<p>" + "word " * 200 + "</p>"
    with open(path, "w") as out:
        for i in range(20_000):
            out.write(json.dumps({"id": f"r{i}", "html": page}) + "\n")
    assert path.stat().st_size > 20_000_000

    tracemalloc.start()
    started = time.perf_counter()
    stream = iter_records([path])
    first = next(stream)
    first_seconds = time.perf_counter() - started
    for count, record in enumerate(stream, start=2):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert first["id"] == "r0" and count == 20_000 and record["id"] == "r19999"
    assert first_seconds < 0.5
    assert peak < 2_000_000  # a few pages at a time, not the 20 MB file


# ---------------------------------------------------------------- CSV

def test_csv_rows_with_huge_fields_and_embedded_newlines(tmp_path):
    big_html = "<p>" + "x" * 300_000 + "</p>"  # beyond the csv module's default field limit
    path = tmp_path / "pages.csv"
    path.write_text(
        "url,html,site,extra\n"
        f'https://b.example.org/1,"{big_html}",Site One,zzz\n'
        'https://b.example.org/2,"<p>line one\nline two, with a comma</p>",,\n'
        "https://b.example.org/3,,,\n",
        encoding="utf-8",
    )
    records = list(iter_records(path))
    assert [r["id"] for r in records] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert len(records[0]["html"]) == len(big_html) and records[0]["site"] == "Site One"
    assert records[1]["html"] == "<p>line one\nline two, with a comma</p>"
    assert records[2]["error"] == "record has neither html nor text"


def test_csv_fixture_fields():
    records = list(iter_file_records(PAGES / "records.csv"))
    assert records[0]["id"] == "csv-1" and records[0]["title"] == "Kite festival drew record crowd"
    assert records[0]["published"] == "2024-06-02" and records[0]["text"].startswith("Kite festival")
    assert records[1]["id"] == f"{PAGES / 'records.csv'}:2" and records[1]["published"] == "June 3, 2024"


# ---------------------------------------------------------------- Parquet

def test_parquet_rows_streamed_in_batches(tmp_path):
    rows = 150  # more than one read batch
    table = pa.table({
        "id": [f"p{i}" if i % 2 == 0 else None for i in range(rows)],
        "url": [f"https://c.example.org/{i}" for i in range(rows)],
        "html": [f"<p>page {i}</p>" if i != 5 else None for i in range(rows)],
        "html_bytes_unused": [b"\x00"] * rows,
        "title": ["t"] * rows,
    })
    path = tmp_path / "pages.parquet"
    pq.write_table(table, path, row_group_size=40)
    records = list(iter_records(path))
    assert len(records) == rows
    assert records[0]["id"] == "p0" and records[1]["id"] == f"{path}:2"
    assert records[5]["error"] == "record has neither html nor text"
    assert records[149]["html"] == "<p>page 149</p>" and records[149]["format"] == "parquet"


def test_parquet_binary_html_column_is_decoded(tmp_path):
    table = pa.table({"id": ["x"], "html": [b'<meta charset="iso-8859-1"><p>caf\xe9</p>']})
    path = tmp_path / "bin.parquet"
    pq.write_table(table, path)
    (record,) = iter_records(path)
    assert record["html"].endswith("<p>café</p>")


# ---------------------------------------------------------------- WARC

def warc_record(kind: str, record_id: str, uri: str, block: bytes) -> bytes:
    """One WARC/1.0 record, written by hand: header lines, a blank line, the block."""
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: {record_id}",
        "WARC-Date: 2024-05-01T12:00:00Z",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    if kind in ("request", "response"):
        headers.append(f"Content-Type: application/http; msgtype={kind}")
    headers.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


@pytest.fixture
def warc_file(tmp_path) -> Path:
    latin = "<html><body><p>Le café du port rouvre.</p></body></html>".encode("latin-1")
    meta_declared = '<html><head><meta charset="utf-8"></head><body><p>Ørsted</p></body></html>'.encode()
    records = [
        warc_record("warcinfo", "<urn:uuid:info-0>", "", b"software: hand-written test\r\n"),
        warc_record("request", "<urn:uuid:req-1>", "https://d.example.org/cafe",
                    b"GET /cafe HTTP/1.1\r\nHost: d.example.org\r\n\r\n"),
        warc_record("response", "<urn:uuid:resp-1>", "https://d.example.org/cafe",
                    http_response(latin, "text/html; charset=ISO-8859-1")),
        warc_record("response", "<urn:uuid:resp-2>", "https://d.example.org/orsted",
                    http_response(meta_declared, "text/html")),
        warc_record("metadata", "<urn:uuid:meta-3>", "https://d.example.org/orsted", b"fetchTimeMs: 12\r\n"),
        warc_record("response", "<urn:uuid:resp-4>", "https://d.example.org/logo.png",
                    http_response(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")),
        warc_record("response", "<urn:uuid:resp-5>", "https://d.example.org/gone",
                    http_response(b"<p>gone</p>", "text/html", "404 Not Found")),
    ]
    path = tmp_path / "crawl.warc.gz"
    # Per-record gzip members, as crawlers write them.
    path.write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records))
    return path


def test_warc_reads_response_records_only(warc_file):
    records = list(iter_records(warc_file))
    assert [(r["id"], r["url"], r["error"]) for r in records] == [
        ("<urn:uuid:resp-1>", "https://d.example.org/cafe", ""),
        ("<urn:uuid:resp-2>", "https://d.example.org/orsted", ""),
        ("<urn:uuid:resp-4>", "https://d.example.org/logo.png", "not an HTML page (image/png)"),
        ("<urn:uuid:resp-5>", "https://d.example.org/gone", "HTTP status 404"),
    ]
    assert "Le café du port rouvre." in records[0]["html"]  # decoded per the HTTP charset
    assert "<p>Ørsted</p>" in records[1]["html"]  # decoded per <meta charset>
    assert all(r["format"] == "warc" for r in records)


def test_uncompressed_warc(tmp_path, warc_file):
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(warc_file.read_bytes()))
    assert [r["id"] for r in iter_records(plain)] == [r["id"] for r in iter_records(warc_file)]


def test_warc_without_responses_says_so(tmp_path):
    path = _write(tmp_path / "requests.warc", warc_record("request", "<urn:uuid:r>", "https://e.example.org/",
                                                          b"GET / HTTP/1.1\r\n\r\n"))
    assert [r["error"] for r in iter_records(path)] == ["no response records in WARC file"]


# ---------------------------------------------------------------- reading split between processes

def _units_records(paths) -> list[dict]:
    return [record for path in list_inputs(paths) for unit in readers.iter_file_units(path)
            for record in readers.unit_records(unit)]


def test_units_then_records_equal_reading_records_directly(tmp_path):
    (tmp_path / "rows.jsonl").write_text('{"id": "a", "text": "T\\n\\nBody."}\n\n{broken\n[1, 2]\n', encoding="utf-8")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "zipped.jsonl.gz").write_bytes(gzip.compress(b'{"id": "z", "html": "<p>zipped</p>"}\n')[:25])
    for paths in ([PAGES], [tmp_path], [tmp_path / "missing.html"]):
        assert _units_records(paths) == list(iter_records(paths))


@pytest.mark.parametrize("name, kinds", [
    ("original_article.html", ["file"]),  # the worker reads and decodes the page
    ("spaced_dump.txt", ["file"]),
    ("records.jsonl", ["line", "line", "line"]),  # the worker parses the JSON
    ("records.csv", ["record", "record"]),  # read here: CSV rows cannot be cut apart cheaply
])
def test_units_carry_raw_lines_and_file_names_not_parsed_pages(name, kinds):
    units = list(readers.iter_file_units(PAGES / name))
    assert [u[0] for u in units] == kinds
    if kinds[0] == "line":
        assert all(isinstance(u[3], bytes) and readers.unit_bytes(u) == len(u[3]) for u in units)
    if kinds[0] == "file":
        assert readers.unit_bytes(units[0]) == 0


def _warc_units(path) -> list[tuple]:
    return list(readers.iter_file_units(path, warc_offsets=True))


def test_warc_records_go_out_as_offsets_and_read_back_the_same(tmp_path, warc_file):
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(warc_file.read_bytes()))
    one_stream = tmp_path / "one-stream.warc.gz"  # the whole file one gzip member: no record starts at an offset
    one_stream.write_bytes(gzip.compress(plain.read_bytes()))
    truncated = tmp_path / "truncated.warc.gz"  # the last record cut short: read back as cut
    truncated.write_bytes(warc_file.read_bytes()[:-40])
    for path, kinds in [(warc_file, ["warc"] * 4), (plain, ["warc"] * 4), (one_stream, ["record"] * 4),
                        (truncated, ["warc"] * 4)]:
        units = _warc_units(path)
        assert [u[0] for u in units] == kinds, path.name
        assert all(readers.unit_bytes(u) == 0 for u in units if u[0] == "warc")  # names and numbers only
        read_back = [record for unit in units for record in readers.unit_records(unit)]
        assert read_back == list(iter_records(path)), path.name
    assert _warc_units(tmp_path / "missing.warc") == [("record", next(iter_records(tmp_path / "missing.warc")))]


def test_a_warc_record_not_found_at_its_offset_is_an_error_row_never_another_page(tmp_path, warc_file):
    units = _warc_units(warc_file)
    moved = ("warc", *units[0][1:4], units[1][4])  # the first record's offset, the second one's id
    warc_file_copy = warc_file.read_bytes()
    warc_file.write_bytes(b"")  # rewritten before the worker reads its records
    for unit in (units[1], moved):
        if unit is moved:
            warc_file.write_bytes(warc_file_copy)
        record = next(readers.unit_records(unit))
        assert record["id"] == "<urn:uuid:resp-2>" and record["html"] == ""
        assert record["error"] == "WARC record no longer at its offset (file changed?)"


def test_a_reader_bug_while_cutting_jsonl_lines_is_contained(tmp_path, monkeypatch):
    def explode(path):
        yield 1, b'{"id": "first", "text": "T\\n\\nBody."}'
        raise RuntimeError("boom")

    monkeypatch.setattr(readers, "iter_jsonl_lines", explode)
    path = tmp_path / "x.jsonl"
    path.write_text("{}\n")
    records = _units_records([path])
    assert [r["id"] for r in records] == ["first", str(path)]
    assert records[1]["error"] == "reader failed: RuntimeError: boom"


@pytest.mark.parametrize("data, expected", [
    (gzip.compress(b"<p>one</p>"), b"<p>one</p>"),
    (gzip.compress(b"<p>one</p>") + gzip.compress(b"<p>two</p>"), b"<p>one</p><p>two</p>"),  # two members
    (gzip.compress(b"<p>one</p>") + b"\x00" * 8, b"<p>one</p>"),  # zero padding after the member
    (gzip.compress(b"x" * 5000), b"x" * 100),  # stops at the limit
])
def test_gunzip_reads_every_member_up_to_a_limit(data, expected):
    from detector.readers.files import gunzip

    assert gunzip(data, 100) == expected[:100]


@pytest.mark.parametrize("data, error", [
    (b"<p>not gzip</p>", gzip.BadGzipFile),
    (gzip.compress(b"<p>" + b"words " * 500 + b"</p>")[:40], EOFError),
])
def test_gunzip_fails_as_the_gzip_module_does(data, error):
    from detector.readers.files import gunzip

    with pytest.raises(error):
        gunzip(data, 1 << 20)


def _jsonl_gz(lines: int) -> bytes:
    rows = (json.dumps({"id": f"r{i}", "html": "<p>" + f"word{i} " * 300 + "</p>"}) + "\n" for i in range(lines))
    return gzip.compress("".join(rows).encode())


@pytest.mark.parametrize("damage, reason", [
    (lambda raw: raw[: len(raw) // 2], "gzip error: file is truncated after line"),
    (lambda raw: raw[: len(raw) // 2] + b"\xff" * 40 + raw[len(raw) // 2 + 40:], "gzip error"),
])
def test_a_damaged_gzipped_record_file_keeps_the_records_before_the_damage(tmp_path, damage, reason):
    path = tmp_path / "pages.jsonl.gz"
    path.write_bytes(damage(_jsonl_gz(200)))
    records = list(iter_file_records(path))
    good, last = records[:-1], records[-1]
    assert 0 < len(good) < 200 and not any(r["error"] for r in good)
    assert [r["id"] for r in good] == [f"r{i}" for i in range(len(good))]
    assert last["error"].startswith(reason)
