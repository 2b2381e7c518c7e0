"""Shared test fixtures: paths to the example pages, the seed and the reference data."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
SEED = ROOT.parent / "shared" / "seed" / "000_a558c212ad0b958a.txt"


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seed_page() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed page is not here ({SEED}); it ships with the project's shared folder")
    return SEED


@pytest.fixture(scope="session")
def shared_data() -> Path:
    from detector.evaluation.catalog import shared_data_dir

    found = shared_data_dir()
    if found is None:
        pytest.skip("../shared/data is absent: the reference pages are not on this machine "
                    "(set DETECTOR_SHARED_DATA to point at them)")
    return found
