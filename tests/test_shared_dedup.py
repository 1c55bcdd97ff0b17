"""Several bot processes on one database act once per platform event; a silent database fails fast."""

from __future__ import annotations

import asyncio
import socket
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.actions import PrivateNotice
from bot.deployment import Deployment
from bot.events import ChannelKind, MessagePosted, Origin
from bot.moderation import ModerationFeature, WarningStore
from bot.reports.store import CaseStore
from bot.scanner import Scanner
from bot.storage import StoreUnavailable, open_database
from bot.storage.seen import KEEP, SeenEventStore
from tests.escalation_support import opened
from tests.fakes import FakePlatform

PHONE_POST = "call me on 07700 900123 after the session"
T0 = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def bot_process(store: CaseStore, deployment: Deployment) -> FakePlatform:
    """One bot: its own core, memory and connections, sharing only the database (as a second process would)."""
    feature = ModerationFeature(Scanner(deployment), WarningStore(store.db), deployment)
    return FakePlatform([feature], deployment, seen_events=SeenEventStore(store.db))


def shared_post(event_id: str, message_id: str) -> MessagePosted:
    origin = Origin("slack", "U7", "C0SHARED", ChannelKind.SHARED, workspace_id="T1", message_id=message_id)
    return MessagePosted(origin, PHONE_POST, event_id=event_id)


async def test_two_bots_on_one_database_warn_once_per_event(backend: tuple[str, str], deployment: Deployment) -> None:
    """Both processes receive every event and its retries; the author is warned once per event."""
    async with opened(*backend) as first_store, opened(*backend) as second_store:
        first, second = bot_process(first_store, deployment), bot_process(second_store, deployment)
        for n in range(5):
            event = shared_post(f"Ev{n}", f"17000000{n}.0001")
            deliveries = [first.core.handle(event), second.core.handle(event)] * 2  # each also gets a retry
            await asyncio.gather(*deliveries)
        warnings = [a for a in first.actions + second.actions if isinstance(a, PrivateNotice)]
        assert len(warnings) == 5
        assert {w.user_id for w in warnings} == {"U7"}


async def test_a_restart_between_an_event_and_its_retry_does_not_warn_twice(
    backend: tuple[str, str], deployment: Deployment
) -> None:
    """The record outlives the process: a new bot on the same database drops Slack's retry."""
    event = shared_post("EvRestart", "1700000099.0001")
    async with opened(*backend) as store:
        before = bot_process(store, deployment)
        await before.core.handle(event)
    async with opened(*backend) as store:
        after = bot_process(store, deployment)
        await after.core.handle(event)
    assert len(before.adapter.notices) == 1 and after.adapter.notices == []


async def test_seen_events_are_forgotten_after_a_day(store: CaseStore) -> None:
    """Keys expire, so the table stays small; an expired key counts as new again."""
    seen = SeenEventStore(store.db)
    assert await seen.first_time("slack:Ev1", T0) is True
    assert await seen.first_time("slack:Ev1", T0 + timedelta(minutes=5)) is False
    assert await seen.forget_before(T0 + KEEP + timedelta(seconds=1)) == 1
    assert await seen.first_time("slack:Ev1", T0 + KEEP + timedelta(minutes=1)) is True


async def test_an_unreachable_shared_record_falls_back_to_memory(store: CaseStore, deployment: Deployment) -> None:
    """If the database cannot record the event, the bot still acts (once, from memory) rather than not at all."""
    platform = bot_process(store, deployment)
    await store.aclose()
    event = shared_post("EvDown", "1700000077.0001")
    await platform.core.handle(event)
    await platform.core.handle(event)
    assert len(platform.adapter.notices) == 1


@pytest.mark.slow
async def test_a_database_that_never_answers_fails_within_ten_seconds(tmp_path: object) -> None:
    """A server that accepts the connection and then says nothing: StoreUnavailable in under 10 s, not 60."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            await open_database(f"postgresql://bot@127.0.0.1:{port}/cases")
        assert time.monotonic() - started < 10
    finally:
        silent.close()
