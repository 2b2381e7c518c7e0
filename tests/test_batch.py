"""Batch scoring for real: shards, order across jobs, streaming memory, kill and resume, summaries.

Every test parses real (invented) pages and scores them with the shipped model.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector import batch
from detector import shards as planning
from detector.engines import local
from detector.batch import Progress, Shard, pending_shards, plan_shards, read_directory, shard_tasks
from detector.readers import iter_records
from detector.scoring import output_columns, output_dtypes
from detector.summary import Summary

sys.path.insert(0, str(Path(__file__).parent))
from generated_pages import original_html, write_jsonl, write_jsonl_shards, write_page_files, write_warc  # noqa: E402

DETECTOR = [sys.executable, "-m", "detector.cli"]
ROOT = Path(__file__).resolve().parents[1]


def _cli(*args, **kwargs) -> subprocess.Popen:
    # A session of its own, so a kill reaches the worker processes too, as a real crash would.
    return subprocess.Popen([*DETECTOR, "score", "-q", *map(str, args)], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)


def _same_rows(left: pd.DataFrame, right: pd.DataFrame) -> None:
    assert left["id"].tolist() == right["id"].tolist()
    for column in ("label", "signals", "error"):
        assert left[column].astype(str).tolist() == right[column].astype(str).tolist(), column
    for column in ("p_original", "p_syndicated", "p_scraped", "score"):
        np.testing.assert_allclose(left[column].to_numpy(float), right[column].to_numpy(float), rtol=0, atol=1e-9)


# ---------------------------------------------------------------- shards and tasks

def test_plan_groups_single_page_files_and_gives_record_files_their_own_shard(tmp_path):
    pages = write_page_files(tmp_path / "a_pages", 5)
    write_jsonl(tmp_path / "b.jsonl", 0, 3)
    more = write_page_files(tmp_path / "c_pages", 2)
    shards = plan_shards([tmp_path], pages_per_shard=2)
    assert [s.files for s in shards] == [
        tuple(pages[0:2]), tuple(pages[2:4]), tuple(pages[4:5]), (str(tmp_path / "b.jsonl"),), tuple(more),
    ]
    assert [s.name for s in shards] == [f"part-{i:05d}" for i in range(5)]


@pytest.mark.parametrize("count, pages, size, expected", [
    (10, 4, 1 << 30, [4, 4, 2]),   # cut by page count
    (8, 100, 1, [1] * 8),          # cut by bytes: every line is over the limit
    (3, 3, 1 << 30, [3]),          # exactly one full task
])
def test_tasks_are_cut_by_pages_and_bytes(tmp_path, count, pages, size, expected):
    write_jsonl(tmp_path / "rows.jsonl", 0, count)
    tasks = list(shard_tasks(Shard(0, (str(tmp_path / "rows.jsonl"),)), pages=pages, size=size))
    assert [len(t) for t in tasks] == expected
    assert all(unit[0] == "line" for task in tasks for unit in task)  # raw lines: parsed by the worker


def test_a_shard_with_one_unreadable_file_still_has_a_task(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    tasks = list(shard_tasks(Shard(0, (str(tmp_path / "empty.jsonl"),))))
    assert len(tasks) == 1 and tasks[0][0][0] == "record" and tasks[0][0][1]["error"] == "empty file"


# ---------------------------------------------------------------- order and parallelism

@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory) -> tuple[Path, list[str]]:
    """Several JSONL shards (with broken lines), single-page files, and an unreadable page."""
    root = tmp_path_factory.mktemp("inputs")
    ids = write_jsonl_shards(root / "a_jsonl", files=3, per_file=70, error_every=33)
    ids += write_page_files(root / "b_pages", 40)
    (root / "c_empty.html").write_bytes(b"")
    ids.append(str(root / "c_empty.html"))
    return root, ids


def test_rows_come_in_input_order_and_equal_across_jobs(mixed_inputs, tmp_path, monkeypatch):
    root, ids = mixed_inputs
    monkeypatch.setattr(planning, "TASK_PAGES", 16)  # many tasks, so two workers really interleave
    frames = {}
    for jobs in (1, 2):
        out = tmp_path / f"rows-{jobs}.parquet"
        summary = batch.run([root], out, jobs=jobs)
        frames[jobs] = pd.read_parquet(out)
        assert summary.pages == len(ids)
    assert frames[1]["id"].tolist() == ids == [r["id"] for r in iter_records([root])]
    _same_rows(frames[1], frames[2])
    assert list(frames[2].columns) == output_columns()
    assert (frames[1]["error"] != "").sum() == 3 * 2 + 1  # two broken lines per JSONL file, the empty page


def test_warc_records_decoded_by_the_workers_give_the_same_rows(tmp_path, monkeypatch):
    ids = write_warc(tmp_path / "crawl.warc.gz", 30)
    cut = []
    real_units = planning.iter_file_units
    monkeypatch.setattr(planning, "iter_file_units", lambda path, offsets=False: cut.append(offsets) or real_units(path, offsets))
    monkeypatch.setattr(planning, "TASK_PAGES", 8)
    frames = {}
    for jobs in (1, 2):
        batch.run([tmp_path / "crawl.warc.gz"], tmp_path / f"rows-{jobs}.parquet", jobs=jobs)
        frames[jobs] = pd.read_parquet(tmp_path / f"rows-{jobs}.parquet")
    assert cut == [False, True]  # with two jobs the main process only cuts the file at record offsets
    assert frames[1]["id"].tolist() == ids
    _same_rows(frames[1], frames[2])
    assert (frames[2]["error"] == "not an HTML page (image/png)").sum() == 6
    assert (frames[2].loc[frames[2]["error"] == "", "label"] != "").all()


def test_a_single_task_is_scored_in_this_process_without_a_pool(tmp_path, monkeypatch):
    pools = []
    real_pool = local.WorkerPool

    def counted_pool(*args, **kwargs):
        pools.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(local, "WorkerPool", counted_pool)
    ids = write_page_files(tmp_path / "one", 3)  # three small pages: one task
    single = batch.run([tmp_path / "one"], tmp_path / "one.parquet", jobs=2)
    assert single.pages == 3 and pools == []
    assert pd.read_parquet(tmp_path / "one.parquet")["id"].tolist() == ids

    monkeypatch.setattr(planning, "TASK_PAGES", 2)  # two tasks: now the pool pays off
    batch.run([tmp_path / "one"], tmp_path / "two.parquet", jobs=2)
    assert len(pools) == 1
    _same_rows(pd.read_parquet(tmp_path / "one.parquet"), pd.read_parquet(tmp_path / "two.parquet"))


def test_a_page_over_the_size_limit_is_an_error_row_in_every_format(tmp_path, monkeypatch):
    import detector.parse
    import detector.readers.files
    import detector.readers.warc

    limit = 3000  # the invented pages are about 1,500 characters; padded ones about 6,000
    for module in (detector.parse, detector.readers.files, detector.readers.warc):
        monkeypatch.setattr(module, "MAX_PAGE_BYTES", limit)
    (tmp_path / "small.html").write_text(original_html(1), encoding="utf-8")
    (tmp_path / "large.html").write_text(original_html(2, padding=4000), encoding="utf-8")
    with open(tmp_path / "pages.jsonl", "w", encoding="utf-8") as out:
        for index, padding in ((3, 0), (4, 4000), (5, 0)):
            out.write(json.dumps({"id": f"j{index}", "html": original_html(index, padding)}) + "\n")
    assert batch.run([tmp_path], tmp_path / "out.parquet", jobs=1).pages == 5
    rows = pd.read_parquet(tmp_path / "out.parquet")
    errors = dict(zip(rows["id"].map(lambda i: Path(i).name), rows["error"]))
    assert errors == {"large.html": "page larger than 0 MB", "j3": "", "j4": "page larger than 0 MB", "j5": "",
                      "small.html": ""}
    assert (rows.loc[rows["error"] == "", "label"] != "").all()


def test_directory_output_equals_file_output(mixed_inputs, tmp_path):
    root, ids = mixed_inputs
    batch.run([root], tmp_path / "one.parquet", jobs=2)
    summary = batch.run([root], tmp_path / "parts", jobs=2, to_directory=True, fmt="jsonl")
    parts = read_directory(tmp_path / "parts")
    assert parts.dtypes.astype(str).to_dict() == output_dtypes()
    _same_rows(parts, pd.read_parquet(tmp_path / "one.parquet"))
    assert sorted(p.name for p in (tmp_path / "parts").glob("part-*.done")) == [f"part-{i:05d}.done" for i in range(4)]
    assert json.loads((tmp_path / "parts" / "_summary.json").read_text()) == summary.to_dict()


# ---------------------------------------------------------------- summaries

def _scored_rows(mixed_inputs, tmp_path) -> pd.DataFrame:
    root, _ = mixed_inputs
    batch.run([root], tmp_path / "rows.parquet", jobs=1)
    return pd.read_parquet(tmp_path / "rows.parquet")


@pytest.mark.parametrize("cuts", [[0], [1, 2, 3], [50, 51, 100, 150], list(range(0, 255, 17))])
def test_summaries_of_parts_add_up_to_the_summary_of_the_whole(mixed_inputs, tmp_path, cuts):
    rows = _scored_rows(mixed_inputs, tmp_path)
    bounds = [0, *cuts, len(rows)]
    parts = [Summary.of(rows.iloc[a:b]) for a, b in zip(bounds, bounds[1:])]
    whole = Summary.of(rows)
    assert sum(parts, Summary()) == whole
    assert whole.pages == len(rows) and whole.errors == 7
    assert sum(whole.labels.values()) == whole.pages - whole.errors
    assert whole.signals == Counter(n for s in rows["signals"] for n in s.split())
    assert Summary.from_dict(json.loads(json.dumps(whole.to_dict()))) == whole


def test_summary_counts_labels_signals_and_error_reasons():
    rows = pd.DataFrame({
        "label": ["scraped", "original", "", "scraped", ""],
        "signals": ["brand_in_title wire_credit", "", "", "brand_in_title", ""],
        "error": ["", "", "empty file", "", "malformed JSON on line 4: bad"],
    })
    summary = Summary.of(rows)
    assert (summary.pages, summary.errors) == (5, 2)
    assert summary.labels == Counter({"scraped": 2, "original": 1})
    assert summary.signals == Counter({"brand_in_title": 2, "wire_credit": 1})
    assert summary.error_reasons == Counter({"empty file": 1, "malformed JSON on line 4": 1})
    assert "5 pages: 3 scored, 2 errors" in summary.report()


# ---------------------------------------------------------------- directories and resume

def test_resume_refuses_other_inputs_and_other_formats(tmp_path):
    write_jsonl_shards(tmp_path / "in", files=1, per_file=2)
    shards = plan_shards([tmp_path / "in"])
    pending_shards(shards, tmp_path / "out", resume=False)
    with pytest.raises(ValueError, match="other inputs"):
        pending_shards(shards + [Shard(1, ("other.jsonl",))], tmp_path / "out", resume=True)
    with pytest.raises(ValueError, match="--format parquet"):
        pending_shards(shards, tmp_path / "out", resume=True, fmt="csv")


def test_a_fresh_run_clears_an_earlier_runs_parts_but_not_other_files(tmp_path):
    inputs = tmp_path / "in"
    write_jsonl_shards(inputs, files=3, per_file=2)
    out = tmp_path / "out"
    batch.run([inputs], out, to_directory=True)
    (out / "notes.txt").write_text("mine")
    (inputs / "shard-002.jsonl").unlink()
    batch.run([inputs], out, to_directory=True)
    assert sorted(p.name for p in out.iterdir()) == [
        ".detector.lock", "_shards.json", "_summary.json", "notes.txt",
        "part-00000.done", "part-00000.fp.parquet", "part-00000.parquet",
        "part-00001.done", "part-00001.fp.parquet", "part-00001.parquet",
    ]
    assert len(read_directory(out)) == 4


def test_resume_redoes_parts_without_a_marker_and_removes_temporary_files(tmp_path):
    inputs = tmp_path / "in"
    ids = write_jsonl_shards(inputs, files=3, per_file=4)
    out = tmp_path / "out"
    batch.run([inputs], out, to_directory=True)
    # As a kill leaves it: part 1 renamed but no marker, part 2 half-written under a temporary name.
    (out / "part-00001.done").unlink()
    (out / "part-00001.parquet").write_bytes(b"PAR1 not a finished file")
    (out / "part-00002.done").unlink()
    (out / "part-00002.parquet").unlink()
    (out / ".part-00002.parquet.abc123.tmp").write_bytes(b"half")
    todo, done = pending_shards(plan_shards([inputs]), out, resume=True)
    assert [s.name for s in todo] == ["part-00001", "part-00002"] and done.pages == 4
    assert not list(out.glob("*.tmp"))
    summary = batch.run([inputs], out, to_directory=True, resume=True)
    assert read_directory(out)["id"].tolist() == ids and summary.pages == len(ids)


def _done_parts(out: Path) -> list[str]:
    return sorted(p.stem for p in out.glob("part-*.done")) if out.exists() else []


def _check_completed_parts(out: Path, expected: dict[str, list[str]]) -> None:
    """Every part with a marker is complete and exact; nothing else is presented as complete."""
    for name in _done_parts(out):
        rows = pd.read_parquet(out / f"{name}.parquet")
        assert rows["id"].tolist() == expected[name], name
        marker = Summary.from_dict(json.loads((out / f"{name}.done").read_text()))
        assert marker == Summary.of(rows)


def _kill_when(process: subprocess.Popen, ready, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, f"the run ended before it could be killed: {process.stderr.read()!r}"
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.mark.slow
def test_a_killed_run_resumes_with_nothing_lost_or_duplicated(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    ids = write_jsonl_shards(inputs, files=12, per_file=60, error_every=25)
    expected = {s.name: [r["id"] for r in s.records()] for s in plan_shards([inputs])}

    # Killed once a part is complete but long before the end.
    run = _cli("-j", "2", inputs, "-o", f"{out}/")
    _kill_when(run, lambda: len(_done_parts(out)) >= 1)
    assert 1 <= len(_done_parts(out)) < 12
    assert not (out / "_summary.json").exists()
    _check_completed_parts(out, expected)

    # Killed again at random moments while resuming, then resumed to the end.
    moments = random.Random(4).sample([0.3, 0.8, 1.5, 2.5, 4.0], 3)
    for seconds in moments:
        started = time.monotonic()
        run = _cli("-j", "2", "--resume", inputs, "-o", f"{out}/")
        try:
            _kill_when(run, lambda: time.monotonic() - started > seconds)
        except AssertionError:
            if run.poll() is None:
                raise
        _check_completed_parts(out, expected)
    final = _cli("-j", "2", "--resume", inputs, "-o", f"{out}/")
    assert final.wait(timeout=300) == 1, final.stderr.read()  # 1: the broken lines are error rows

    rows = read_directory(out)
    assert rows["id"].tolist() == ids
    assert rows["id"].is_unique and len(rows) == 12 * 60
    _check_completed_parts(out, expected)
    assert not list(out.glob("*.tmp"))
    summary = json.loads((out / "_summary.json").read_text())
    assert Summary.from_dict(summary) == Summary.of(rows)


# ---------------------------------------------------------------- streaming memory

def _tree_rss(process: subprocess.Popen) -> int:
    """Resident memory of a process and all its descendants (workers, fork server)."""
    import psutil

    try:
        root = psutil.Process(process.pid)
        members = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


@pytest.mark.slow
def test_memory_stays_flat_while_streaming_a_large_input(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_jsonl_shards(inputs, files=6, per_file=2500, padding=12_000)
    size = sum(p.stat().st_size for p in inputs.iterdir())
    assert size > 100_000_000

    # Scoring alone streams; linking (the default) keeps every page's fingerprint until the batch is linked.
    run = _cli("-j", "2", "--no-link", inputs, "-o", f"{out}/")
    samples = []  # (parts complete, resident memory of the whole run)
    while run.poll() is None:
        samples.append((len(_done_parts(out)), _tree_rss(run)))
        time.sleep(0.05)
    assert run.returncode == 0, run.stderr.read()
    assert len(read_directory(out)) == 15_000

    # Once warm (model, word lists), streaming the last two thirds adds next to nothing.
    first_third = max(rss for parts, rss in samples if parts <= 2)
    whole_run = max(rss for _, rss in samples)
    assert whole_run - first_third < 30_000_000, (first_third, whole_run)
    assert whole_run - first_third < size / 10


# ---------------------------------------------------------------- progress

def test_progress_bar_only_on_a_terminal_and_not_when_quiet(monkeypatch):
    assert Progress(quiet=False).bar is None  # pytest's stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert Progress(quiet=True).bar is None
    bar = Progress(quiet=False, initial=7)
    assert bar.bar is not None and bar.bar.n == 7
    bar.update(3)
    assert bar.bar.n == 10
    bar.close()


def test_progress_knows_the_total_when_every_input_is_one_page_and_counts_files_otherwise(monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    pages = [Shard(0, ("a/1.html", "a/2.html.gz")), Shard(1, ("b/3.txt",))]
    progress = Progress(quiet=False, shards=pages)
    assert progress.bar.total == 3 and not progress.bar.postfix  # share done and time left instead
    progress.update(2, pages[0])
    progress.update(1, pages[1])
    assert progress.bar.n == 3
    progress.close()

    resumed = Progress(quiet=False, shards=pages, pending=pages[1:], initial=2)
    assert (resumed.bar.n, resumed.bar.total) == (2, 3)
    resumed.close()

    with_records = [*pages, Shard(2, ("c/crawl.warc.gz",)), Shard(3, ("d/more.jsonl",))]
    files = Progress(quiet=False, shards=with_records, pending=with_records[1:], initial=2)
    assert files.bar.total is None and files.bar.postfix == "files 2/5"  # a record file's pages: unknown
    files.update(1, with_records[1])
    assert files.bar.postfix == "files 2/5"  # the shard may have more tasks to come
    files.update(40, with_records[2])
    assert files.bar.postfix == "files 3/5"
    files.update(10, with_records[3])
    files.shard_complete()
    assert files.bar.postfix == "files 5/5" and files.bar.n == 53
    files.close()


@pytest.mark.parametrize("version, files, expected", [
    ("v2", {"cpu.max": "150000 100000\n"}, 2),
    ("v2", {"cpu.max": "max 100000\n"}, None),
    ("v1", {"cpu.cfs_quota_us": "100000\n", "cpu.cfs_period_us": "100000\n"}, 1),
    ("v1", {"cpu.cfs_quota_us": "-1\n", "cpu.cfs_period_us": "100000\n"}, None),
    ("v1", {}, None),  # no cgroup files: not in a container
])
def test_default_jobs_respects_a_container_cpu_quota(tmp_path, monkeypatch, version, files, expected):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(local, "CGROUP_V2_CPU_MAX", tmp_path / ("cpu.max" if version == "v2" else "absent"))
    monkeypatch.setattr(local, "CGROUP_V1_CPU", tmp_path)
    monkeypatch.setattr(local.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert batch.default_jobs() == (expected or 64)
