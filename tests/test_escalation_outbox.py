"""The delivery outbox: retries with back-off, resumption, checks after an interruption, the phone fallback."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.actions import Action, Delivery, DirectMessage
from bot.deployment import Deployment
from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming
from bot.reports.store import CaseStore
from tests.escalation_support import (
    DEPUTY,
    LEAD,
    PHONE,
    Clock,
    command,
    opened,
    report,
    two_leads,
)
from tests.fakes import FakePlatform

FAST = OutboxTiming(poll_interval=0.01, base_delay=1, max_delay=8, lease=60, send_timeout=5, max_attempts=6)


@pytest.fixture
def leads(deployment: Deployment) -> Deployment:
    return two_leads(deployment)


def make_platform(store: CaseStore, deployment: Deployment, clock: Clock | None = None) -> FakePlatform:
    feature = EscalationFeature(store, deployment, timing=FAST)
    platform = FakePlatform([feature], deployment)
    platform.core.clock = clock or Clock()
    return platform


def feature_of(platform: FakePlatform) -> EscalationFeature:
    [feature] = platform.core.features
    assert isinstance(feature, EscalationFeature)
    return feature


async def run_pass(platform: FakePlatform):
    return await feature_of(platform).worker.run_once(platform.core.context())


def dms_to(platform: FakePlatform, user: str) -> list[DirectMessage]:
    return [d for d in platform.adapter.dms if d.user_id == user]


async def test_failed_delivery_retried_with_exponential_backoff(store: CaseStore, leads: Deployment) -> None:
    """A lead whose delivery fails is retried after 1 s, 2 s, 4 s, …, with state recorded, until it is sent once."""
    platform = make_platform(store, leads)
    clock = platform.core.clock
    platform.adapter.fail_users.add(DEPUTY)
    await platform.core.handle(report("worrying"))
    [case] = await store.open_cases()
    deputy = {d.lead_id: d for d in case.deliveries}[DEPUTY]
    assert (deputy.state, deputy.attempts, deputy.last_error) == ("pending", 1, "failed: platform unavailable")
    assert deputy.next_attempt_at == clock.now + timedelta(seconds=1)
    gaps = []
    for _ in range(3):
        await run_pass(platform)  # not due yet: nothing happens
        [case] = await store.open_cases()
        before = {d.lead_id: d for d in case.deliveries}[DEPUTY]
        clock.now = before.next_attempt_at
        await run_pass(platform)
        [case] = await store.open_cases()
        after = {d.lead_id: d for d in case.deliveries}[DEPUTY]
        gaps.append((after.next_attempt_at - clock.now).total_seconds())
    assert gaps == [2, 4, 8]
    platform.adapter.fail_users.clear()
    clock.advance(seconds=8)
    await run_pass(platform)
    await run_pass(platform)
    assert len(dms_to(platform, DEPUTY)) == 1 and len(dms_to(platform, LEAD)) == 1
    [case] = await store.open_cases()
    assert {d.lead_id: (d.state, d.attempts) for d in case.deliveries} == {LEAD: ("sent", 1), DEPUTY: ("sent", 5)}


async def test_gives_up_after_max_attempts(store: CaseStore, leads: Deployment) -> None:
    """After the configured number of attempts a row is 'failed' and no longer tried."""
    platform = make_platform(store, leads)
    platform.adapter.refuse_users.add(DEPUTY)
    await platform.core.handle(report("worrying"))
    for _ in range(FAST.max_attempts + 2):
        platform.core.clock.advance(seconds=FAST.max_delay)
        await run_pass(platform)
    [case] = await store.open_cases()
    deputy = {d.lead_id: d for d in case.deliveries}[DEPUTY]
    assert (deputy.state, deputy.attempts) == ("failed", FAST.max_attempts)
    assert deputy.last_error.startswith("refused")


async def test_pending_delivery_resumes_after_restart(backend: tuple[str, str], leads: Deployment) -> None:
    """A delivery still pending when the bot stops is made by the next process, once."""
    clock = Clock()
    async with opened(*backend) as first:
        platform = make_platform(first, leads, clock)
        platform.adapter.fail_users |= {LEAD, DEPUTY}
        await platform.core.handle(report("worrying"))
        assert platform.adapter.dms == []
    clock.advance(seconds=5)
    async with opened(*backend) as second:
        restarted = make_platform(second, leads, clock)
        await run_pass(restarted)
        await run_pass(restarted)
        [case] = await second.open_cases()
        assert sorted(d.user_id for d in restarted.adapter.dms) == sorted([LEAD, DEPUTY])
        assert all(case.ref in d.text for d in restarted.adapter.dms)


async def interrupted(platform: FakePlatform, store: CaseStore, *, arrived: bool) -> str:
    """A case whose send to LEAD was claimed and then "killed": the DM reached the platform only if ``arrived``."""
    clock = platform.core.clock
    platform.adapter.fail_users |= {LEAD, DEPUTY}
    await platform.core.handle(report("worrying"))
    [case] = await store.open_cases()
    clock.advance(seconds=1)
    platform.adapter.fail_users.clear()
    item = next(d for d in case.deliveries if d.lead_id == LEAD)
    assert await store.outbox.claim(item.id, clock.now, clock.now + timedelta(seconds=FAST.lease))
    if arrived:  # the platform took the message; the process died before recording it
        await platform.adapter.perform(DirectMessage("test", LEAD, f"New safeguarding report {case.ref}"))
    result = await run_pass(platform)
    assert result.interrupted == 0 and len(dms_to(platform, LEAD)) == int(arrived)  # lease still running
    return case.ref


async def test_interrupted_send_that_arrived_is_not_repeated(store: CaseStore, leads: Deployment) -> None:
    """When the lead's DM history shows the case, the interrupted row is recorded as sent and not sent again."""
    platform = make_platform(store, leads)
    ref = await interrupted(platform, store, arrived=True)
    platform.core.clock.advance(seconds=FAST.lease + 1)
    result = await run_pass(platform)
    assert (result.interrupted, result.confirmed) == (1, 1)
    await run_pass(platform)
    assert len(dms_to(platform, LEAD)) == 1 and len(dms_to(platform, DEPUTY)) == 1
    [check] = platform.adapter.checks
    assert (check.user_id, check.marker) == (LEAD, f"New safeguarding report {ref}")
    got = await store.get_case(ref)
    assert got is not None
    assert {d.lead_id: d.state for d in got.deliveries} == {LEAD: "sent", DEPUTY: "sent"}


async def test_interrupted_send_that_did_not_arrive_is_sent_once_more(store: CaseStore, leads: Deployment) -> None:
    """When the lead's DM history lacks the case, it is sent again, once: no lead is left without it."""
    platform = make_platform(store, leads)
    ref = await interrupted(platform, store, arrived=False)
    platform.core.clock.advance(seconds=FAST.lease + 1)
    result = await run_pass(platform)
    assert (result.interrupted, result.confirmed) == (1, 0)
    await run_pass(platform)
    [dm] = dms_to(platform, LEAD)
    assert ref in dm.text and dm.key.startswith(ref)
    got = await store.get_case(ref)
    assert got is not None
    assert {d.lead_id: d.state for d in got.deliveries} == {LEAD: "sent", DEPUTY: "sent"}


async def test_when_the_platform_cannot_tell_the_case_is_sent_again(store: CaseStore, leads: Deployment) -> None:
    """A platform whose history cannot be read is asked check_attempts times, then the case is sent again."""
    platform = make_platform(store, leads)
    platform.adapter.history_unavailable = True
    ref = await interrupted(platform, store, arrived=False)
    platform.core.clock.advance(seconds=FAST.lease + 1)
    for _ in range(FAST.check_attempts - 1):
        await run_pass(platform)
        assert dms_to(platform, LEAD) == []
        platform.core.clock.advance(seconds=FAST.max_delay)
    await run_pass(platform)
    assert len(platform.adapter.checks) == FAST.check_attempts
    [dm] = dms_to(platform, LEAD)
    assert ref in dm.text


async def test_reporter_told_to_phone_once_when_no_lead_reached(store: CaseStore, leads: Deployment) -> None:
    """When no lead is reached within lead_unreachable_minutes the reporter gets one DM with the phone number."""
    platform = make_platform(store, leads)
    clock = platform.core.clock
    platform.adapter.refuse_users |= {LEAD, DEPUTY}
    await platform.core.handle(report("worrying", user="U7"))
    clock.advance(minutes=leads.lead_unreachable_minutes - 1)
    await run_pass(platform)
    assert dms_to(platform, "U7") == []
    clock.advance(minutes=2)
    await run_pass(platform)
    clock.advance(minutes=30)
    await run_pass(platform)
    [notice] = dms_to(platform, "U7")
    assert PHONE in notice.text and "SG-" in notice.text


async def test_no_phone_notice_when_a_lead_was_reached(store: CaseStore, leads: Deployment) -> None:
    """One lead reached is enough: the reporter is not told to phone."""
    platform = make_platform(store, leads)
    platform.adapter.refuse_users.add(DEPUTY)
    await platform.core.handle(report("worrying", user="U7"))
    platform.core.clock.advance(minutes=leads.lead_unreachable_minutes + 1)
    await run_pass(platform)
    assert dms_to(platform, "U7") == []


async def test_retention_purge_by_the_worker(store: CaseStore, leads: Deployment) -> None:
    """Resolved cases older than retention_days are purged by the background pass; open ones never."""
    deployment = replace(leads, retention_days=30)
    platform = make_platform(store, deployment)
    clock = platform.core.clock
    await platform.core.handle(report("stays open"))
    await platform.core.handle(report("gets resolved"))
    open_case, resolved_case = await store.open_cases()
    await platform.core.handle(command("case", f"{resolved_case.ref} resolve handled"))
    clock.advance(days=29)
    assert (await run_pass(platform)).purged == 0
    clock.advance(days=2)
    feature_of(platform).worker._last_purge = None  # the next pass may purge again
    assert (await run_pass(platform)).purged == 1
    assert await store.get_case(resolved_case.ref) is None
    assert await store.get_case(open_case.ref) is not None


async def test_two_workers_racing_send_each_row_once(store: CaseStore, leads: Deployment) -> None:
    """Two passes at once (two processes) claim rows atomically: each lead gets each case once."""
    platform = make_platform(store, leads)
    platform.adapter.fail_users |= {LEAD, DEPUTY}
    for i in range(5):
        await platform.core.handle(report(f"worrying {i}"))
    platform.adapter.fail_users.clear()
    platform.core.clock.advance(seconds=2)
    other = make_platform(store, leads, platform.core.clock)
    other.adapter = platform.adapter
    other.core.perform = platform.adapter.perform
    await asyncio.gather(run_pass(platform), run_pass(other), run_pass(platform))
    counts = Counter((d.user_id, d.text.split("\n")[0]) for d in platform.adapter.dms)
    assert len(counts) == 10 and set(counts.values()) == {1}


async def test_200_concurrent_reports_all_stored_unique_and_delivered(store: CaseStore, leads: Deployment) -> None:
    """200 reports at once: all stored, every reference unique, every lead gets each case exactly once."""
    platform = make_platform(store, leads)
    await asyncio.gather(*(platform.core.handle(report(f"report number {i}", user=f"U{i}")) for i in range(200)))
    cases = await store.open_cases(limit=1000)
    assert len(cases) == 200
    assert len({c.ref for c in cases}) == 200
    assert sorted(c.text for c in cases) == sorted(f"report number {i}" for i in range(200))
    for lead in (LEAD, DEPUTY):
        refs = [d.text.split("\n")[0].rsplit(" ", 1)[1] for d in dms_to(platform, lead)]
        assert sorted(refs) == sorted(c.ref for c in cases)
    acks = [a for a in platform.adapter.notices if "recorded as SG-" in a.text]
    assert len(acks) == 200


async def test_background_loop_delivers_without_a_manual_pass(store: CaseStore, leads: Deployment) -> None:
    """Started by the core, the outbox loop retries on its own and delivers once the lead is reachable."""
    timing = replace(FAST, base_delay=0.02, max_delay=0.05)
    feature = EscalationFeature(store, leads, timing=timing)
    platform = FakePlatform([feature], leads)
    platform.adapter.fail_users.add(LEAD)
    await platform.core.handle(report("worrying"))
    platform.adapter.fail_users.clear()
    await platform.core.start()
    try:
        for _ in range(500):
            if dms_to(platform, LEAD):
                break
            await asyncio.sleep(0.01)
    finally:
        await platform.core.stop()
    assert len(dms_to(platform, LEAD)) == 1


class SlowAdapter:
    """Delivers after a pause, so concurrent passes overlap in the middle of a send."""

    def __init__(self) -> None:
        self.sent: list[Action] = []

    async def perform(self, action: Action) -> Delivery:
        await asyncio.sleep(0.01)
        self.sent.append(action)
        return Delivery.sent()


async def test_slow_sends_overlapping_passes_do_not_duplicate(store: CaseStore, leads: Deployment) -> None:
    """Even when sends take time and passes overlap, no lead gets a case twice."""
    platform = make_platform(store, leads)
    platform.adapter.fail_users |= {LEAD, DEPUTY}
    await platform.core.handle(report("worrying"))
    slow = SlowAdapter()
    platform.core.perform = slow.perform
    platform.core.clock.advance(seconds=2)
    await asyncio.gather(*(run_pass(platform) for _ in range(4)))
    assert sorted(a.user_id for a in slow.sent if isinstance(a, DirectMessage)) == sorted([LEAD, DEPUTY])


async def test_the_background_loop_stops_when_cancelled_as_it_is_woken(store: CaseStore, leads: Deployment) -> None:
    """Woken again and again (reports arriving), the loop's wait still ends when the core cancels it: on Python 3.11,
    ``asyncio.wait_for`` swallowed a cancellation that landed with the wake-up, and stop() then waited forever."""
    worker = EscalationFeature(store, leads, timing=FAST).worker

    async def wake_forever() -> None:
        while True:
            worker.wake()
            await asyncio.sleep(0)

    async def rest_forever() -> None:
        while True:
            await worker.wait_for_work()

    waker = asyncio.create_task(wake_forever())
    try:
        for _ in range(20):
            resting = asyncio.create_task(rest_forever())
            await asyncio.sleep(0.005)
            resting.cancel()
            done, _ = await asyncio.wait({resting}, timeout=1)
            assert done, "the outbox loop kept waiting after it was cancelled"
    finally:
        waker.cancel()
