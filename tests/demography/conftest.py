"""Shared fixtures for the demography tests: where the real Destatis files are.

The files live outside the repository (``../shared/data`` next to the checkout, see its
README); set ``ZWK_SHARED_DATA`` to use another folder. Tests that need them are skipped
with a clear reason when the folder is absent, never silently passed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    return Path(os.environ.get("ZWK_SHARED_DATA", REPO / ".." / "shared" / "data")).resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    folder = shared_data_dir()
    if not folder.is_dir():
        pytest.skip(
            f"real Destatis files not found in {folder} (set ZWK_SHARED_DATA to the shared/data folder)"
        )
    return folder


@pytest.fixture(scope="session")
def kreise_2020(shared_data: Path) -> Path:
    return shared_data / "regio_12411-04-02-4_kreise_altersjahre_2020.csv"
