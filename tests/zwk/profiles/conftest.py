import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def shared_data_dir() -> Path:
    return Path(os.environ.get("ZWK_SHARED_DATA") or REPO.parent / "shared" / "data")


@pytest.fixture
def shared_data():
    """Folder with the real Destatis files; tests skip with a reason when it is absent."""
    path = shared_data_dir()
    if not (path / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv").exists():
        pytest.skip(f"real statistics not found in {path} (set ZWK_SHARED_DATA)")
    return path


@pytest.fixture(autouse=True)
def _eager_celery_and_fresh_cache(settings):
    # With REDIS_URL (CI's PostgreSQL run) tasks are not eager; tests run them in-process.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from django.core.cache import cache

    cache.clear()
