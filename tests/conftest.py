"""Shared fixtures: the eval deployment, temporary files, the real PostgreSQL when configured."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.citations import Citations
from bot.deployment import Deployment, load_deployment
from tests.escalation_support import BACKENDS, backend_store, opened

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def deployment() -> Deployment:
    """A test deployment that mirrors the shape of a real one (invented names)."""
    return load_deployment(FIXTURES / "deployment.yaml")


@pytest.fixture(scope="session")
def citations() -> Citations:
    """What the shipped knowledge cites for moderation findings and report categories."""
    from bot.guidance.loader import read_policies

    return Citations.from_policies(read_policies(ROOT / "knowledge"))


@pytest.fixture
def postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set (no PostgreSQL server to test against)")
    return url


@pytest.fixture
def moderation_dev_cases() -> list[dict]:
    """The shared moderation development set; skipped where ../shared is not beside the project."""
    import yaml

    path = SHARED / "eval" / "moderation-dev.yaml"
    if not path.exists():
        pytest.skip("no ../shared/eval beside the project")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(params=BACKENDS)
async def backend(request: pytest.FixtureRequest, tmp_path: Path):
    """A store URL and schema: real SQLite in a temporary file, and real PostgreSQL when configured."""
    async with backend_store(request, tmp_path) as url_schema:
        yield url_schema


@pytest.fixture
async def store(backend: tuple[str, str]):
    """An open case store on each backend, closed after the test."""
    async with opened(*backend) as s:
        yield s
