"""Shared helpers for the store and escalation tests: both real databases, events, a clock.

Each test module declares its own ``store`` fixture from :func:`backend_store`,
parametrised over :data:`BACKENDS`, so the same tests run against a real
SQLite file and, when ``TEST_DATABASE_URL`` is set, a real PostgreSQL server in
a schema of its own that is dropped afterwards (runs never collide).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.deployment import Deployment, SafeguardLead
from bot.events import ChannelKind, CommandInvoked, MessageReported, Origin, ReportedPost
from bot.reports.store import CaseStore, open_store
from bot.storage.engine import make_engine

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]

LEAD = "U0SAFELEAD"  # the fixture deployment's lead on Slack
DEPUTY = "U0DEPUTY"
PHONE = "01473 000000"
SECRET = "Zebedee-Quux-7731 hurt Amelia"  # a report text that must never reach a log


def pg_schema() -> str:
    return f"t_{uuid.uuid4().hex[:16]}"


async def drop_schema(url: str, schema: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        await engine.dispose()


@asynccontextmanager
async def backend_store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[str, str]]:
    """Yield ``(url, schema)`` for the backend in ``request.param``; clean up afterwards."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'data' / 'cases.db'}", ""
        return
    url = request.getfixturevalue("postgres_url")
    schema = pg_schema()
    try:
        yield url, schema
    finally:
        await drop_schema(url, schema)


@asynccontextmanager
async def opened(url: str, schema: str) -> AsyncIterator[CaseStore]:
    store = await open_store(url, schema=schema)
    try:
        yield store
    finally:
        await store.aclose()


def two_leads(deployment: Deployment) -> Deployment:
    """The fixture deployment with a deputy lead added, so "every lead" means more than one."""
    deputy = SafeguardLead(name="Dev Deputy", slack=DEPUTY, phone="")
    return replace(deployment, safeguard_leads=(*deployment.safeguard_leads, deputy))


class Clock:
    """A settable clock for the core and the outbox."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


_ids = iter(range(1, 1_000_000))


def origin(user: str = "U1", channel: str = "C1", kind: ChannelKind = ChannelKind.INTERNAL) -> Origin:
    return Origin(
        platform="slack",
        user_id=user,
        channel_id=channel,
        channel_kind=kind,
        workspace_id="T1",
        message_id=str(next(_ids)),
        user_name=f"name-of-{user}",
        channel_name=f"name-of-{channel}",
    )


def report(text: str, *, user: str = "U1", dm: bool = False, category: str = "") -> CommandInvoked:
    kind = ChannelKind.DM if dm else ChannelKind.INTERNAL
    channel = f"D-{user}" if dm else "C1"
    return CommandInvoked(origin(user, channel, kind), "report", text, category=category)


def command(name: str, text: str = "", *, user: str = LEAD, dm: bool = False) -> CommandInvoked:
    kind = ChannelKind.DM if dm else ChannelKind.INTERNAL
    return CommandInvoked(origin(user, f"D-{user}" if dm else "C1", kind), name, text)


def reported_post(post_text: str, *, details: str = "", user: str = "U1", category: str = "") -> MessageReported:
    post = ReportedPost(
        text=post_text,
        author_id="U666",
        author_name="Troll Account",
        channel_id="C9",
        channel_name="match-day",
        posted_at=datetime(2026, 11, 24, 18, 30, tzinfo=UTC),
        permalink="https://chat.test/C9/777",
        attachment_names=("photo.jpg",),
    )
    return MessageReported(origin(user, "C9"), post, category=category, details=details)
