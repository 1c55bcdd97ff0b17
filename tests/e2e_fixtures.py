"""Fixtures for end-to-end tests that run the real features behind a platform fake.

A test module imports them (``from tests.e2e_fixtures import features, store``) and defines
``watching``, the deployment as that module's platform should see it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_features
from bot.core import Feature
from bot.deployment import Deployment
from bot.reports.store import CaseStore, open_store
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[CaseStore]:
    """One SQLite case store in the test's folder (these tests are about the platform, not the database)."""
    opened = await open_store(Settings(sqlite_path=tmp_path / "cases.db").store_url)
    yield opened
    await opened.aclose()


@pytest.fixture
def features(store: CaseStore, watching: Deployment, tmp_path: Path) -> list[Feature]:
    """Every real feature, wired exactly as the running app wires them."""
    settings = Settings(knowledge_dir=ROOT / "knowledge", sqlite_path=tmp_path / "cases.db")
    return build_features(settings, watching, store)
