"""The command line end to end, with the shipped model and real parsing."""
import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from detector.batch import read_directory
from detector.cli import main
from detector.scoring import output_columns


@pytest.fixture
def runner():
    return CliRunner()


def test_score_writes_csv_to_stdout(runner, examples):
    result = runner.invoke(main, ["score", "-q", str(examples)])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert list(rows.columns) == output_columns()
    assert len(rows) == 4
    assert set(rows["label"]) == {"original", "syndicated", "scraped"}
    copy = rows.set_index(rows["id"].map(lambda p: p.rsplit("/", 1)[-1])).loc["farm_copy_of_wire.html"]
    assert copy["copy_of"].endswith("syndicated_wire.html") and copy["copies"] == 1


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_score_picks_the_format_from_the_output_name(runner, examples, tmp_path, suffix):
    out = tmp_path / f"rows{suffix}"
    result = runner.invoke(main, ["score", "-q", str(examples), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = {".csv": pd.read_csv, ".parquet": pd.read_parquet,
            ".jsonl": lambda p: pd.read_json(p, lines=True)}[suffix](out)
    assert len(rows) == 4 and list(rows.columns) == output_columns()
    assert not list(tmp_path.glob(".*tmp")), "temporary files must be renamed into place"


def test_bad_pages_become_error_rows_and_set_the_exit_code(runner, examples, tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_text((examples / "scraped_farm.txt").read_text())
    (tmp_path / "rows.jsonl").write_text('{"id": "r1", "text": "T\\n\\nA body paragraph."}\n{not json\n')
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["score", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    rows = pd.read_csv(out, keep_default_na=False)
    assert len(rows) == 5
    errors = rows[rows["error"] != ""]
    assert len(errors) == 3
    assert (rows.loc[rows["error"] == "", "label"] != "").all()
    assert "errors" in result.stderr


def test_explain_quotes_the_evidence(runner, examples):
    result = runner.invoke(main, ["explain", str(examples / "scraped_farm.txt")])
    assert result.exit_code == 0, result.output
    assert "label: scraped" in result.stdout
    assert "Crestline Capital Forum" in result.stdout and "Ashgrove Equity Guild" in result.stdout
    assert "brand_in_title" in result.stdout and "unrelated_recommendations" in result.stdout


def test_explain_json(runner, examples):
    result = runner.invoke(main, ["explain", "--json", str(examples / "syndicated_wire.html")])
    payload = json.loads(result.stdout)
    assert payload["label"] == "syndicated"
    assert any(e["signal"] == "wire_credit" for e in payload["evidence"])


def test_directory_output_with_jobs_matches_single_file_output(runner, examples, tmp_path):
    single = tmp_path / "single.csv"
    assert runner.invoke(main, ["score", "-q", "-j", "1", str(examples), "-o", str(single)]).exit_code == 0
    out_dir = tmp_path / "parts"
    result = runner.invoke(main, ["score", "-q", "-j", "2", str(examples), "-o", f"{out_dir}/"])
    assert result.exit_code == 0, result.output
    assert (out_dir / "part-00000.done").exists()
    parts = read_directory(out_dir)
    expected = pd.read_csv(single, keep_default_na=False)
    assert parts["id"].tolist() == expected["id"].tolist()
    assert parts["p_scraped"].round(9).tolist() == expected["p_scraped"].round(9).tolist()


def test_resume_needs_a_directory(runner, examples, tmp_path):
    result = runner.invoke(main, ["score", "--resume", str(examples), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "directory" in result.output
