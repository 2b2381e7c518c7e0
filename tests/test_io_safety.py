"""Reliability of input and output: odd file names, hostile cells, truncated and unreadable
input, wrong types, missing columns, temporary files of killed runs."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from detector import readers
from detector.batch import read_directory
from detector.cli import main
from detector.readers import iter_records
from detector.writers import RowWriter, neutralise_formulas, restore_formulas

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def runner():
    return CliRunner()


def _rows(path: Path) -> pd.DataFrame:
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    return pd.read_parquet(path)


# ---------------------------------------------------------------- file names that are not UTF-8

@pytest.fixture
def latin1_named(tmp_path, examples) -> Path:
    """A folder with a normal page and one whose file name holds the byte 0xE9 (latin-1 "é")."""
    folder = tmp_path / "n"
    folder.mkdir()
    shutil.copy(examples / "original_report.html", folder)
    with open(os.fsencode(folder) + b"/x-\xe9.html", "wb") as page:
        page.write(b"<html><body><p>A short page under an odd name.</p></body></html>")
    return folder


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_file_name_that_is_not_utf8_gets_a_visible_stable_id(runner, latin1_named, tmp_path, suffix):
    out = tmp_path / f"o{suffix}"
    result = runner.invoke(main, ["score", "-q", str(latin1_named), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert list(rows["id"]) == [f"{latin1_named}/original_report.html", f"{latin1_named}/x-\\xe9.html"]
    assert list(rows["error"]) == ["", ""]  # the page behind the odd name was opened and scored


def test_a_file_name_that_is_not_utf8_goes_to_stdout_as_valid_utf8(runner, latin1_named):
    result = runner.invoke(main, ["score", "-q", str(latin1_named)])
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")  # strict: raw invalid bytes would fail here
    assert f"{latin1_named}/x-\\xe9.html," in text


def test_lone_surrogates_from_json_escapes_are_written_visibly(tmp_path, runner):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "a\udce9", "url": "https://e.example/\ud800", "html": "<p>x</p>"}) + "\n")
    (record,) = iter_records(path)
    assert (record["id"], record["url"]) == ("a\\xe9", "https://e.example/\\ud800")
    out = tmp_path / "o.parquet"
    assert runner.invoke(main, ["score", "-q", str(path), "-o", str(out)]).exit_code == 0
    assert list(_rows(out)["id"]) == ["a\\xe9"]


# ---------------------------------------------------------------- CSV formula injection

HOSTILE_URL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def hostile_pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(
        f'<html><head><meta property="og:url" content="{HOSTILE_URL.replace(chr(34), "&quot;")}">'
        "</head><body><p>Some words of a page.</p></body></html>", encoding="utf-8")
    rows = [{"id": cell, "text": "Title\n\nA paragraph of the page."}
            for cell in ("+1+2", "-3", "@SUM(A1)", "'quoted", "plain", "a=b")]
    (folder / "b.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return folder


def test_csv_cells_that_would_start_a_formula_get_a_leading_quote(runner, hostile_pages, tmp_path):
    out = tmp_path / "o.csv"
    result = runner.invoke(main, ["score", "-q", str(hostile_pages), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert rows["url"][0] == "'" + HOSTILE_URL
    assert list(rows["id"][1:]) == ["'+1+2", "'-3", "'@SUM(A1)", "''quoted", "plain", "a=b"]
    for column in rows.columns:  # no text cell anywhere starts a formula
        assert not rows[column].str.startswith(("=", "+", "-", "@", "\t", "\r")).any(), column


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_jsonl_and_parquet_keep_the_exact_values(runner, hostile_pages, tmp_path, suffix):
    out = tmp_path / f"o{suffix}"
    assert runner.invoke(main, ["score", "-q", str(hostile_pages), "-o", str(out)]).exit_code == 0
    rows = _rows(out)
    assert rows["url"][0] == HOSTILE_URL and list(rows["id"][1:4]) == ["+1+2", "-3", "@SUM(A1)"]


def test_csv_parts_read_back_with_the_exact_values(runner, hostile_pages, tmp_path):
    out = tmp_path / "parts"
    assert runner.invoke(main, ["score", "-q", str(hostile_pages), "-o", f"{out}/", "--format", "csv"]).exit_code == 0
    rows = read_directory(out)
    assert rows["url"][0] == HOSTILE_URL
    assert list(rows["id"][1:]) == ["+1+2", "-3", "@SUM(A1)", "'quoted", "plain", "a=b"]


def test_tab_and_carriage_return_starts_are_neutralised_too():
    frame = pd.DataFrame({"id": ["\tx", "\rx", "x\t"], "score": [0.5, -1.0, 0.1]})
    written = neutralise_formulas(frame)
    assert list(written["id"]) == ["'\tx", "'\rx", "x\t"] and list(written["score"]) == [0.5, -1.0, 0.1]
    assert list(restore_formulas(written.copy())["id"]) == list(frame["id"])
    assert list(frame["id"]) == ["\tx", "\rx", "x\t"]  # the caller's frame is left as it was


# ---------------------------------------------------------------- temporary files of killed runs

KILLED_WRITER = textwrap.dedent("""
    import os, sys, time
    import pandas as pd
    from detector.writers import RowWriter, neutralise_formulas, restore_formulas
    writer = RowWriter(sys.argv[1])
    writer.write(pd.DataFrame({"id": ["a"]}))
    print(writer._tmp, flush=True)
    time.sleep(60)
""")


def _start_writer(out: Path) -> tuple[subprocess.Popen, Path]:
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(out)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return writer, Path(writer.stdout.readline().strip())


def test_the_next_writer_removes_temporary_files_of_killed_runs_only(tmp_path):
    out = tmp_path / "out.csv"
    killed, killed_tmp = _start_writer(out)
    alive, alive_tmp = _start_writer(out)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        other = tmp_path / ".other.csv.unrelated.tmp"  # not a writer's name: left alone
        other.write_text("x")
        assert killed_tmp.exists() and alive_tmp.exists()
        with RowWriter(out) as writer:
            writer.write(pd.DataFrame({"id": ["b"]}))
        assert not killed_tmp.exists(), "the killed run's temporary file is removed"
        assert alive_tmp.exists(), "a running writer's temporary file is kept"
        assert other.exists()
        assert list(_rows(out)["id"]) == ["b"]
    finally:
        alive.kill()
        alive.wait()


# ---------------------------------------------------------------- truncated WARC records

def _warc_record(record_id: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: {record_id}\r\n"
            f"WARC-Target-URI: https://w.example.org/{record_id[10:-1]}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def _page_body(seed: int) -> bytes:
    # Words that do not repeat, so a gzip member is about as long as its page.
    words = [f"w{(seed * 7919 + i * 104729) % 1000003:x}" for i in range(700)]
    return ("<html><body><p>" + " ".join(words) + "</p></body></html>").encode()


@pytest.fixture
def cut_warc(tmp_path) -> Path:
    records = [_warc_record(f"<urn:uuid:{n}>", _page_body(n)) for n in range(3)]
    whole = b"".join(gzip.compress(record, mtime=0) for record in records)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: int(len(whole) * 0.85)])  # inside the last record's page
    return path


def test_a_truncated_warc_record_is_an_error_row_not_a_shorter_page(cut_warc):
    records = list(iter_records(cut_warc))
    assert [r["error"] for r in records[:2]] == ["", ""]
    assert records[2]["id"] == "<urn:uuid:2>"
    assert records[2]["error"].startswith("truncated WARC record: ")
    read, expected = records[2]["error"].split(": ")[1].split(" bytes")[0].split(" of ")
    assert 0 < int(read) < int(expected)


def test_a_truncated_warc_record_read_at_its_offset_is_an_error_row_too(cut_warc, tmp_path):
    plain = tmp_path / "cut.warc"
    whole = b"".join(_warc_record(f"<urn:uuid:{n}>", _page_body(n)) for n in range(2))
    plain.write_bytes(whole[:-2000])
    for path in (cut_warc, plain):
        units = list(readers.iter_file_units(path, warc_offsets=True))
        assert units[-1][0] == "warc"  # read again by a worker at its offset
        read_back = [record for unit in units for record in readers.unit_records(unit)]
        assert read_back == list(iter_records(path))
        assert read_back[-1]["error"].startswith("truncated WARC record: ")


def test_a_truncated_warc_sets_the_exit_code(runner, cut_warc, tmp_path):
    result = runner.invoke(main, ["score", "-q", str(cut_warc), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert list(_rows(tmp_path / "o.csv")["error"].str[:22]) == ["", "", "truncated WARC record:"]


# ---------------------------------------------------------------- unreadable directories and files

def _without_root_override(command: list[str]) -> subprocess.CompletedProcess:
    """Run ``command`` so that file permissions apply: as root, without the capabilities that
    let root read anything (root is how tests often run in containers)."""
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a directory unreadable to this run")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def locked_tree(tmp_path, examples):
    top = tmp_path / "d"
    (top / "sub").mkdir(parents=True)
    shutil.copy(examples / "original_report.html", top / "a.html")
    shutil.copy(examples / "original_report.html", top / "sub" / "b.html")
    shutil.copy(examples / "original_report.html", top / "z.html")
    os.chmod(top / "sub", 0)
    os.chmod(top / "z.html", 0)
    yield top
    os.chmod(top / "sub", 0o755)
    os.chmod(top / "z.html", 0o644)


def test_an_unreadable_directory_or_file_is_an_error_row_and_sets_the_exit_code(locked_tree, tmp_path):
    out = tmp_path / "o.csv"
    done = _without_root_override([sys.executable, "-m", "detector.cli", "score", "-q", str(locked_tree),
                                   "-o", str(out)])
    assert done.returncode == 1, done.stderr
    rows = _rows(out)
    assert list(zip(rows["id"], rows["error"])) == [
        (f"{locked_tree}/a.html", ""),
        (f"{locked_tree}/sub", "cannot read directory: Permission denied"),
        (f"{locked_tree}/z.html", "cannot read file: Permission denied"),
    ]


# ---------------------------------------------------------------- wrong types and missing columns

def test_a_json_html_or_text_that_is_not_a_string_is_an_error_row_naming_field_and_type(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [{"id": "n", "html": 123}, {"id": "l", "text": [1, 2]}, {"id": "b", "html": True},
            {"id": "o", "html": {"p": "x"}}, {"id": "ok", "html": "<p>fine</p>"}, {"id": 7, "text": "T\n\nBody."}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert [(r["id"], r["error"]) for r in iter_records(path)] == [
        ("n", "html is a number, expected a string"),
        ("l", "text is an array, expected a string"),
        ("b", "html is a boolean, expected a string"),
        ("o", "html is an object, expected a string"),
        ("ok", ""),
        ("7", ""),  # other fields are still taken as text
    ]


def test_a_parquet_html_column_of_lists_is_an_error_row_per_record(tmp_path):
    path = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "html": pa.array([[1, 2], None], pa.list_(pa.int64()))}), path)
    assert [r["error"] for r in iter_records(path)] == ["html is a list, expected a string",
                                                        "record has neither html nor text"]


def test_wrong_types_set_the_exit_code(tmp_path, runner):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "n", "html": 123}\n', encoding="utf-8")
    result = runner.invoke(main, ["score", "-q", str(path), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert _rows(tmp_path / "o.jsonl")["label"][0] != "original"


def test_a_csv_without_html_or_text_column_says_which_columns_it_found(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,body,link\na,<p>x</p>,https://e.example/a\nb,<p>y</p>,https://e.example/b\n", encoding="utf-8")
    (record,) = iter_records(path)
    assert record["id"] == str(path)
    assert record["error"] == ("no html or text column: found columns id, body, link; expected html or text, optional "
                               "id, url, title, site, source, published, category (2 rows not scored)")


def test_a_parquet_file_without_html_or_text_column_says_which_columns_it_found(tmp_path):
    path = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "content": ["x", "y", "z"]}), path)
    (record,) = iter_records(path)
    assert record["error"].startswith("no html or text column: found columns id, content; expected html or text")
    assert record["error"].endswith("(3 rows not scored)")


def test_a_json_record_without_html_or_text_field_says_which_fields_it_found(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "a", "body": "<p>x</p>"}\n{"id": "b", "html": ""}\n', encoding="utf-8")
    assert [r["error"] for r in iter_records(path)] == [
        "record has neither html nor text: found fields id, body; expected html or text, optional "
        "id, url, title, site, source, published, category",
        "record has neither html nor text",  # the field is there, but empty
    ]


def test_a_warc_record_with_a_broken_http_body_does_not_end_the_file(tmp_path):
    def record(record_id: str, http: bytes) -> bytes:
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: {record_id}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
        return head.encode() + http + b"\r\n\r\n"

    broken = [b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all",
              b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n<p>no chunks</p>"]
    good = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + _page_body(1)
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(b"".join(gzip.compress(record(f"<urn:uuid:{n}>", http), mtime=0)
                              for n, http in enumerate([broken[0], good, broken[1], good])))
    records = list(iter_records(path))
    assert [r["id"] for r in records] == [f"<urn:uuid:{n}>" for n in range(4)]
    assert records[0]["error"].startswith("unreadable HTTP body: ") and records[1]["error"] == ""
    assert records[3]["error"] == ""
    units = list(readers.iter_file_units(path, warc_offsets=True))
    assert [r for unit in units for r in readers.unit_records(unit)] == records


def test_a_warc_record_whose_compressed_bytes_are_damaged_is_an_error_row(tmp_path):
    # Long pages: the damage must lie beyond what the scan reads ahead for the record's headers.
    members = [gzip.compress(_warc_record(f"<urn:uuid:{n}>", b"".join(map(_page_body, range(n, n + 40)))), mtime=0)
               for n in range(2)]
    damaged = bytearray(members[1])
    for at in range(len(damaged) * 3 // 4, len(damaged) * 3 // 4 + 40):  # garble the deflate stream
        damaged[at] ^= 0x5A
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(members[0] + bytes(damaged))
    records = list(iter_records(path))
    assert records[0]["error"] == ""
    assert records[1]["id"] == "<urn:uuid:1>" and records[1]["error"].startswith("damaged WARC record: ")
    assert records[2]["error"].startswith("WARC stream broken after 2 records")
    units = list(readers.iter_file_units(path, warc_offsets=True))
    assert [r for unit in units for r in readers.unit_records(unit)] == records


# ---------------------------------------------------------------- found by fuzzing

def test_many_headings_deep_in_a_nested_page_parse_in_time():
    """Each heading used to walk its whole chain of parents: 3,000 headings 3,000 levels deep
    took 8 s (a 600 KB generated page took minutes); each ancestor is now looked at once."""
    import time

    from detector.parse import parse_html

    html = "<html><body>" + "<div>" * 3000 + "<h1>Heading</h1><p>Some words here.</p>" * 3000 + "</body></html>"
    started = time.process_time()
    page = parse_html(html)
    assert time.process_time() - started < 2.0  # 0.14 s measured
    assert page.title == "Heading"
