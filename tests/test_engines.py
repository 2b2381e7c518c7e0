"""The Dask and Spark engines run for real in local mode and give the local engine's rows."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector import batch
from detector import shards as planning
from detector.batch import plan_shards
from detector.engines import Piece, engine_frames, shard_pieces
from detector.linking.index import build_index

sys.path.insert(0, str(Path(__file__).parent))
from generated_pages import write_jsonl, write_page_files  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"


def _needs_java(engine: str):
    import os

    if engine == "spark" and not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        pytest.skip("Spark needs a Java runtime (java on PATH or JAVA_HOME); none is installed here")


@pytest.fixture(scope="module")
def mixed_formats(tmp_path_factory) -> Path:
    """A few files of every kind: JSONL (with a broken line), CSV, Parquet, HTML, text, an empty page."""
    root = tmp_path_factory.mktemp("engines")
    write_jsonl(root / "a.jsonl", 0, 9, error_every=4)
    shutil.copy(EXAMPLES / "syndicated_wire.html", root / "b_wire.html")
    shutil.copy(EXAMPLES / "scraped_farm.txt", root / "c_farm.txt")
    (root / "d_empty.html").write_bytes(b"")
    records = pd.DataFrame({
        "id": ["csv-1", "csv-2"],
        "url": ["https://rows.example/1", "https://rows.example/2"],
        "html": [(EXAMPLES / "original_report.html").read_text(), ""],
        "text": ["", "Short title\n\nA single paragraph of body text written for this test."],
    })
    records.to_csv(root / "e.csv", index=False)
    records.assign(id=["pq-1", "pq-2"]).to_parquet(root / "f.parquet")
    write_page_files(root / "g_pages", 5)
    return root


@pytest.fixture(scope="module")
def local_rows(mixed_formats, tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("local") / "rows.parquet"
    batch.run([mixed_formats], out, jobs=1)
    return pd.read_parquet(out)


def _assert_same_rows(rows: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert rows["id"].tolist() == expected["id"].tolist()
    for column in ("url", "label", "signals", "error"):
        assert rows[column].astype(str).tolist() == expected[column].astype(str).tolist(), column
    numbers = [c for c in expected.columns if expected[c].dtype == "float64"]
    np.testing.assert_allclose(rows[numbers].to_numpy(float), expected[numbers].to_numpy(float), rtol=0, atol=1e-9)


def test_the_inputs_cover_every_format_and_some_errors(local_rows):
    formats = {Path(i.split(":")[0]).suffix for i in local_rows["id"] if "/" in i}
    assert {".jsonl", ".html", ".txt"} <= formats
    assert {"csv-1", "pq-1"} <= set(local_rows["id"])
    assert (local_rows["error"] != "").sum() == 3  # two broken JSON lines and the empty page
    assert set(local_rows.loc[local_rows["error"] == "", "label"]) == {"original", "syndicated", "scraped"}


@pytest.mark.parametrize("engine", ["dask", "spark"])
def test_engine_rows_equal_the_local_engines(engine, mixed_formats, local_rows, tmp_path, monkeypatch):
    _needs_java(engine)
    monkeypatch.setattr(planning, "TASK_PAGES", 3)  # several pieces per shard, so reassembly is exercised
    out = tmp_path / "rows.parquet"
    summary = batch.run([mixed_formats], out, engine=engine, jobs=2)
    rows = pd.read_parquet(out)
    _assert_same_rows(rows, local_rows)
    assert summary.pages == len(local_rows) and summary.errors == 3


@pytest.fixture(scope="module")
def linked_folder(tmp_path_factory):
    from linked_pages import write_linked_folder

    root = tmp_path_factory.mktemp("linked")
    folder = write_linked_folder(root / "in")
    (root / "known").mkdir()
    shutil.copy(EXAMPLES / "syndicated_wire.html", root / "known" / "wire.html")
    build_index([root / "known"], root / "index")
    return folder, root / "index"


@pytest.mark.parametrize("engine", ["dask", "spark"])
def test_engine_links_on_its_cluster_to_the_local_engines_rows(engine, linked_folder, tmp_path, monkeypatch):
    """Copies across pieces, a reference index, a same-site template pair: the links are found on the
    cluster and the driver receives only links and the fingerprints of linked rows."""
    _needs_java(engine)
    folder, index = linked_folder
    batch.run([folder], tmp_path / "local.parquet", reference=index)
    expected = pd.read_parquet(tmp_path / "local.parquet")
    assert (expected["copy_of"] != "").sum() >= 7 and expected["copy_of"].str.endswith("wire.html").any()
    monkeypatch.setattr(planning, "TASK_PAGES", 2)  # pieces of two files: copies and origins in other partitions
    from detector.linking import chunked

    received, real = [], chunked.resolved_rows
    monkeypatch.setattr("detector.linking.distributed.resolved_rows",  # what the driver resolves origins from
                        lambda table, *a: received.append(len(table)) or real(table, *a))
    batch.run([folder], tmp_path / "rows.parquet", engine=engine, jobs=2, reference=index)
    rows = pd.read_parquet(tmp_path / "rows.parquet")
    pd.testing.assert_frame_equal(rows, expected, check_exact=False, rtol=0, atol=1e-12)
    assert received == [(expected["cluster"] != "").sum() + 1]  # the linked rows and one reference page


@pytest.mark.parametrize("engine", ["dask", "spark"])
def test_engine_writes_a_resumable_directory(engine, mixed_formats, local_rows, tmp_path):
    _needs_java(engine)
    out = tmp_path / "parts"
    batch.run([mixed_formats], out, engine=engine, jobs=2, to_directory=True)
    _assert_same_rows(batch.read_directory(out), local_rows)
    assert len(list(out.glob("part-*.done"))) == len(plan_shards([mixed_formats]))


def test_pieces_split_page_file_shards_but_keep_record_files_whole(mixed_formats, monkeypatch):
    monkeypatch.setattr(planning, "TASK_PAGES", 2)
    shards = plan_shards([mixed_formats])
    pieces = shard_pieces(shards)
    assert [p.shard for p in pieces] == sorted(p.shard for p in pieces)
    for shard in shards:
        mine = [p.files for p in pieces if p.shard == shard.index]
        assert tuple(f for files in mine for f in files) == shard.files
        if shard.files[0].endswith((".jsonl", ".csv", ".parquet")):
            assert mine == [shard.files]
        else:
            assert all(len(files) <= 2 for files in mine)
    assert isinstance(pieces[0], Piece)


@pytest.mark.parametrize("engine, module", [("dask", "dask"), ("spark", "pyspark")])
def test_a_missing_extra_gives_a_clear_message(engine, module, monkeypatch):
    monkeypatch.delitem(sys.modules, f"detector.engines.{engine}_engine", raising=False)
    monkeypatch.setitem(sys.modules, module, None)  # what an environment without the extra looks like
    with pytest.raises(ValueError, match=rf"pip install 'detector\[{engine}\]'"):
        engine_frames(engine, plan_shards([EXAMPLES]), jobs=1)


def test_an_unknown_engine_is_named():
    with pytest.raises(ValueError, match="choose local, dask or spark"):
        engine_frames("ray", [], jobs=1)


def test_cli_reports_a_missing_extra(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from detector.cli import main

    monkeypatch.delitem(sys.modules, "detector.engines.dask_engine", raising=False)
    monkeypatch.setitem(sys.modules, "dask", None)
    result = CliRunner().invoke(main, ["score", "--engine", "dask", str(EXAMPLES), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 1
    assert "pip install 'detector[dask]'" in result.output
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("module", ["detector.engines.local", "detector.engines.dask_engine",
                                    "detector.engines.spark_engine", "detector.shards", "detector.output"])
def test_engines_import_without_detector_batch(module):
    """No import cycle: the engines and what they use load in a fresh interpreter where
    ``detector.batch`` cannot be imported at all, and the import leaves it unloaded."""
    import subprocess

    script = ("import sys\n"
              "sys.modules['detector.batch'] = None  # importing it now raises ImportError\n"
              f"import {module}\n"
              "print(sorted(m for m, v in sys.modules.items() if v is not None and m.startswith('detector.')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr[-2000:]
    assert "'detector.batch'" not in done.stdout
