"""notebooks/analysis.ipynb runs headless, every cell, without error.

The kernel is this interpreter (a kernelspec written to a temporary JUPYTER_PATH),
so the test does not depend on which kernels the machine has installed.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CELL_TIMEOUT = 600  # seconds; the whole notebook takes about a minute


@pytest.fixture
def this_python_kernel(tmp_path, monkeypatch) -> str:
    from ipykernel.kernelspec import write_kernel_spec

    # write_kernel_spec points the spec at sys.executable; JUPYTER_PATH comes first in the lookup.
    write_kernel_spec(tmp_path / "kernels" / "python3")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    assert Path(sys.executable).exists()
    return "python3"


def test_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOKS / "analysis.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_notebook_matches_its_generator():
    sys.path.insert(0, str(NOTEBOOKS))
    try:
        from make_analysis import build
    finally:
        sys.path.remove(str(NOTEBOOKS))
    committed = nbformat.read(NOTEBOOKS / "analysis.ipynb", as_version=4)
    assert [c.source for c in committed.cells] == [c.source for c in build().cells], (
        "notebooks/analysis.ipynb differs from notebooks/make_analysis.py: run `python notebooks/make_analysis.py`")


@pytest.mark.slow
def test_notebook_runs_headless(this_python_kernel):
    notebook = nbformat.read(NOTEBOOKS / "analysis.ipynb", as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name=this_python_kernel,
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError, naming the cell, when any cell fails
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    images = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images, "the notebook showed no plot"
