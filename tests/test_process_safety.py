"""The batch process under stress, for real: signals, slow pages, huge pages, two runs in one directory.

Each test runs the real command line on invented pages and checks what a careful user expects:
no process outlives the run, a slow page costs one error row and nothing else, a second run
into a busy directory is refused and the first one's output is complete.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from detector.batch import read_directory
from detector.parse.nesting import MAX_BLOCK_NESTING, block_nesting

sys.path.insert(0, str(Path(__file__).parent))
from generated_pages import original_html, write_jsonl_shards, write_page_files  # noqa: E402

DETECTOR = [sys.executable, "-m", "detector.cli", "score", "-q"]
ROOT = Path(__file__).resolve().parents[1]


def _start(*args) -> subprocess.Popen:
    return subprocess.Popen([*DETECTOR, *map(str, args)], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _run(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*DETECTOR, *map(str, args)], cwd=ROOT, capture_output=True, timeout=timeout)


def _wait_for(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the run ended too soon: {process.stderr.read()!r}"
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.05)


def _nested_divs(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "<p>deep</p>" + "</div>" * depth + "</body></html>"


# ---------------------------------------------------------------- signals

@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_no_process_outlives_the_main_one_and_resume_completes_the_output(tmp_path, sig):
    psutil = pytest.importorskip("psutil")
    inputs, out = tmp_path / "in", tmp_path / "out"
    ids = write_jsonl_shards(inputs, files=8, per_file=400)
    run = _start("-j", "2", inputs, "-o", f"{out}/")
    family = []
    try:
        _wait_for(lambda: list(out.glob("part-*.done")), run)
        family = psutil.Process(run.pid).children(recursive=True)
        assert len(family) >= 2, family  # the workers (and the fork server)
        os.kill(run.pid, sig)  # the main process only, as a job scheduler or the OOM killer would
        # Nothing holds the caller's pipes any more: communicate() returns.
        _, stderr = run.communicate(timeout=30)
        gone, alive = psutil.wait_procs(family, timeout=10)
        assert not alive, f"still running after the main process ended: {alive}"
    finally:
        for process in family:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
    if sig == signal.SIGTERM:
        assert run.returncode == 128 + signal.SIGTERM, stderr
        assert b"stopped by SIGTERM" in stderr and b"--resume" in stderr
    else:
        assert run.returncode == -signal.SIGKILL
    assert not list(out.glob("*.tmp")) or sig == signal.SIGKILL  # a killed run may leave temporary files
    assert not (out / "_summary.json").exists()

    resumed = _run("-j", "2", "--resume", inputs, "-o", f"{out}/")
    assert resumed.returncode == 0, resumed.stderr
    rows = read_directory(out)
    assert rows["id"].tolist() == ids
    assert not list(out.glob("*.tmp"))


# ---------------------------------------------------------------- time per page

SLOW_DEPTH = 22_000  # about 240,000 characters: under the nesting guard's threshold, about a second to parse


@pytest.mark.slow
def test_a_page_past_the_time_limit_costs_its_worker_and_one_error_row_only(tmp_path):
    inputs = tmp_path / "in"
    ids = write_page_files(inputs, 300)  # three tasks of pages
    slow = inputs / "p00150-slow.html"  # in the middle of the second task
    slow.write_text(_nested_divs(SLOW_DEPTH), encoding="utf-8")
    done = _run("-j", "2", "--page-timeout", "0.5", inputs, "-o", tmp_path / "out.csv")
    assert done.returncode == 1, done.stderr  # 1: a page became an error row
    rows = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert rows["id"].tolist() == sorted([*ids, str(slow)])
    errors = rows.set_index("id")["error"]
    assert errors[str(slow)] == "timed out after 0.5 s"
    assert (errors.drop(str(slow)) == "").all()
    assert (rows.loc[rows["id"] != str(slow), "label"] != "").all()


@pytest.mark.slow
def test_workers_killed_on_a_page_cost_that_page_only(tmp_path):
    psutil = pytest.importorskip("psutil")
    inputs = tmp_path / "in"
    ids = write_page_files(inputs, 128)  # the first task
    for number in range(8):  # the second task: pages of about a second each, for the kills to land on
        (inputs / f"q{number}-slow.html").write_text(_nested_divs(SLOW_DEPTH), encoding="utf-8")
    run = _start("-j", "2", "--page-timeout", "0", inputs, "-o", tmp_path / "out.csv")
    kills = 0
    while run.poll() is None and kills < 30:  # as the out-of-memory killer would, every two seconds
        time.sleep(2)
        try:
            family = psutil.Process(run.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            break
        for worker in [p for p in family if p.ppid() != run.pid]:  # the fork server's children
            if time.time() - worker.create_time() > 5:  # past its start-up: on a page, most likely a slow one
                worker.kill()
                kills += 1
    _, stderr = run.communicate(timeout=300)
    assert run.returncode == 1 and (tmp_path / "out.csv").exists(), stderr  # 1: pages became error rows
    rows = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert rows["id"].tolist() == [*ids, *(str(inputs / f"q{n}-slow.html") for n in range(8))]
    died = rows[rows["error"] != ""]
    assert 1 <= len(died) <= kills
    assert (died["error"] == "worker process died on this page: killed by SIGKILL (out of memory?)").all()


def test_a_page_past_the_time_limit_in_this_process_becomes_an_error_row(tmp_path):
    inputs = tmp_path / "in"
    ids = write_page_files(inputs, 3)  # one task: scored in the main process
    slow = inputs / "p00001-slow.html"
    slow.write_text(_nested_divs(SLOW_DEPTH), encoding="utf-8")
    done = _run("-j", "1", "--page-timeout", "0.5", inputs, "-o", tmp_path / "out.csv")
    assert done.returncode == 1, done.stderr
    rows = pd.read_csv(tmp_path / "out.csv", keep_default_na=False).set_index("id")
    assert rows.index.tolist() == sorted([*ids, str(slow)])
    assert rows.loc[str(slow), "error"] == "timed out after 0.5 s"
    assert (rows.drop(str(slow))["error"] == "").all()


def test_html_nested_thousands_of_blocks_deep_is_refused_before_parsing(tmp_path):
    (tmp_path / "deep.html").write_text(_nested_divs(200_000), encoding="utf-8")  # 2.2 MB: 85 s to parse
    (tmp_path / "fine.html").write_text(original_html(1), encoding="utf-8")
    started = time.monotonic()
    done = _run("-j", "1", tmp_path / "deep.html", tmp_path / "fine.html", "-o", tmp_path / "out.csv")
    assert time.monotonic() - started < 30
    assert done.returncode == 1, done.stderr
    rows = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert rows["error"].tolist() == [f"HTML nested more than {MAX_BLOCK_NESTING} blocks deep", ""]


def test_block_nesting_counts_blocks_only():
    assert block_nesting(_nested_divs(10)) == 10
    assert block_nesting("<div><span><b>x</b></span><br><img src=a><p>one<p>two</div>" * 50) == 1
    assert block_nesting("<SECTION class=a><DIV>" * 3) == 6  # unclosed ones count as open
    assert block_nesting(original_html(3)) < 20


# ---------------------------------------------------------------- memory per page

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_page_size_limit_can_be_changed_for_a_run(tmp_path, jobs):
    inputs = tmp_path / "in"
    write_page_files(inputs, 300 if jobs == "2" else 3)  # with 2 jobs: tasks go to worker processes
    big = inputs / "p00002-big.html"
    big.write_text(original_html(7, padding=3 << 20), encoding="utf-8")  # about 3 MB
    limited = _run("-j", jobs, "--max-page-mb", "2", inputs, "-o", tmp_path / "limited.csv")
    assert limited.returncode == 1, limited.stderr
    rows = pd.read_csv(tmp_path / "limited.csv", keep_default_na=False).set_index("id")
    assert rows.loc[str(big), "error"] == "page larger than 2 MB"
    assert (rows.drop(str(big))["error"] == "").all()

    default = _run("-j", jobs, inputs, "-o", tmp_path / "default.csv")  # 16 MB
    assert default.returncode == 0, default.stderr


# ---------------------------------------------------------------- one run per directory

@pytest.mark.slow
def test_a_second_run_into_a_busy_directory_is_refused_and_the_first_completes(tmp_path):
    first_in, second_in, out = tmp_path / "first", tmp_path / "second", tmp_path / "out"
    ids = write_jsonl_shards(first_in, files=6, per_file=300)
    write_page_files(second_in, 5)
    first = _start("-j", "1", first_in, "-o", f"{out}/")
    lock = out / ".detector.lock"
    _wait_for(lambda: lock.exists() and lock.stat().st_size > 0 and (out / "_shards.json").exists(), first)
    second = _run("-j", "1", second_in, "-o", f"{out}/")
    still_running = first.poll() is None
    stdout, stderr = first.communicate(timeout=300)
    assert still_running, "the first run ended before the second started: give it more pages"

    assert second.returncode == 2, second.stderr
    message = second.stderr.decode()
    assert f"pid {first.pid} on {socket.gethostname()}, started " in message and "in use" in message
    assert first.returncode == 0, stderr
    assert read_directory(out)["id"].tolist() == ids

    # The first run is over: its lock file stays, naming a process that no longer exists, and is taken over.
    assert json.loads(lock.read_text())["pid"] == first.pid
    third = _run("-j", "1", second_in, "-o", f"{out}/")
    assert third.returncode == 0, third.stderr
    assert len(read_directory(out)) == 5


def test_resume_redoes_a_part_whose_input_file_changed(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_jsonl_shards(inputs, files=3, per_file=4)
    # Without linking: relinking after the change may rightly rewrite other parts' link columns.
    assert _run("-j", "1", "--no-link", inputs, "-o", f"{out}/").returncode == 0
    changed = inputs / "shard-001.jsonl"
    record = json.loads(changed.read_text().splitlines()[0])
    changed.write_text(json.dumps({**record, "id": "rewritten"}) + "\n", encoding="utf-8")
    untouched = (out / "part-00000.done").stat().st_mtime_ns

    assert _run("-j", "1", "--no-link", "--resume", inputs, "-o", f"{out}/").returncode == 0
    rows = read_directory(out)
    assert "rewritten" in rows["id"].tolist() and len(rows) == 4 + 1 + 4
    assert (out / "part-00000.done").stat().st_mtime_ns == untouched  # the unchanged parts were kept
