"""The conversation about a case through the real core and the real stores: a lead asks, the reporter answers.

Each message is in the case's trail, with its outbox rows, before its sender is told; it reaches the other side
as a direct message only; ``/case`` shows the conversation; only the case's reporter may ``/reply``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.actions import DirectMessage, PrivateNotice, Reply
from bot.citations import Citations
from bot.core import REFUSAL
from bot.deployment import Deployment
from bot.events import BotAddressed, ChannelKind
from bot.guidance import GuidanceFeature, load_library
from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming
from bot.reports.store import CaseStore
from bot.settings import Settings
from tests.escalation_support import DEPUTY, LEAD, Clock, command, origin, report, two_leads
from tests.fakes import FakePlatform

FAST = OutboxTiming(poll_interval=0.01, base_delay=1, max_delay=8, lease=60, send_timeout=5)
QUESTION = "Which evening was it, and was anyone else there?"
ANSWER = "Tuesday, after the match; Sam saw it too"


@pytest.fixture
def leads(deployment: Deployment) -> Deployment:
    return two_leads(deployment)


@pytest.fixture
def feature(store: CaseStore, leads: Deployment, citations: Citations) -> EscalationFeature:
    return EscalationFeature(store, leads, timing=FAST, citations=citations)


@pytest.fixture
def platform(feature: EscalationFeature, leads: Deployment) -> FakePlatform:
    p = FakePlatform([feature], leads)
    p.core.clock = Clock()
    return p


def in_channel(actions: list) -> list:
    """Anything a channel could show: replies outside a DM. Notices are private; DMs are DMs."""
    return [a for a in actions if isinstance(a, Reply) and not a.channel_id.startswith("D-")]


async def new_case(platform: FakePlatform, store: CaseStore, text: str = "something at the match") -> str:
    await platform.core.handle(report(text, user="U1"))
    [case] = await store.open_cases()
    platform.adapter.actions.clear()
    return case.ref


async def test_lead_asks_and_reporter_answers(platform: FakePlatform, store: CaseStore) -> None:
    """/case REF reply reaches the reporter as a DM; /reply REF reaches every lead as a DM; /case shows both."""
    ref = await new_case(platform, store)
    await platform.core.handle(command("case", f"{ref} reply {QUESTION}", user=LEAD))
    [ack, to_reporter] = platform.actions
    assert isinstance(ack, PrivateNotice) and ack.user_id == LEAD and "sent to the reporter" in ack.text.lower()
    assert isinstance(to_reporter, DirectMessage) and to_reporter.user_id == "U1"
    assert QUESTION in to_reporter.text and ref in to_reporter.text
    assert "Karen Double" not in to_reporter.text  # the reporter hears from "the Safeguard Lead"
    assert to_reporter.card is not None and [b.command for b in to_reporter.card.buttons] == ["reply"]

    platform.adapter.actions.clear()
    await platform.core.handle(command("reply", f"{ref} {ANSWER}", user="U1"))
    ack, *to_leads = platform.actions
    assert isinstance(ack, PrivateNotice) and ack.user_id == "U1" and ref in ack.text
    assert sorted(d.user_id for d in to_leads if isinstance(d, DirectMessage)) == sorted([LEAD, DEPUTY])
    assert all(ANSWER in d.text for d in to_leads)
    assert in_channel(platform.actions) == []

    platform.adapter.actions.clear()
    await platform.core.handle(command("case", ref, user=LEAD))
    [view] = platform.actions
    assert QUESTION in view.text and ANSWER in view.text
    assert view.text.index(QUESTION) < view.text.index(ANSWER)
    assert "delivery: sent" in view.text
    case = await store.get_case(ref)
    assert case is not None
    assert [e.kind for e in case.events if e.kind.endswith("reporter")] == ["to_reporter", "from_reporter"]
    assert {m.state for m in case.messages} == {"sent"}


async def test_stored_before_the_sender_is_told(platform: FakePlatform, store: CaseStore) -> None:
    """When the sender is told, the message is already in the trail and in the outbox."""
    ref = await new_case(platform, store)
    seen: list[tuple[int, int]] = []
    perform = platform.core.perform

    async def looking(action):  # type: ignore[no-untyped-def]
        if isinstance(action, PrivateNotice) and action.user_id == LEAD:
            case = await store.get_case(ref)
            assert case is not None
            seen.append((len([e for e in case.events if e.kind == "to_reporter"]), len(case.messages)))
        return await perform(action)

    platform.core.perform = looking
    await platform.core.handle(command("case", f"{ref} reply {QUESTION}", user=LEAD))
    assert seen == [(1, 1)]


async def test_only_the_reporter_may_reply(platform: FakePlatform, store: CaseStore) -> None:
    """Someone else's /reply, and a /reply to a case that does not exist, get the same answer and relay nothing."""
    ref = await new_case(platform, store)
    await platform.core.handle(command("reply", f"{ref} I was not there", user="U2"))
    await platform.core.handle(command("reply", "SG-2026-9999 I was not there", user="U2"))
    first, second = platform.actions
    assert first.text.replace(ref, "REF") == second.text.replace("SG-2026-9999", "REF")
    assert platform.adapter.dms == []
    case = await store.get_case(ref)
    assert case is not None and case.messages == ()


async def test_only_leads_may_reply_to_a_reporter(platform: FakePlatform, store: CaseStore) -> None:
    ref = await new_case(platform, store)
    await platform.core.handle(command("case", f"{ref} reply who are you?", user="U2"))
    [refusal] = platform.actions
    assert refusal.text == REFUSAL
    assert platform.adapter.dms == []


async def test_undeliverable_message_waits_in_the_outbox(
    platform: FakePlatform, store: CaseStore, feature: EscalationFeature
) -> None:
    """A reporter who cannot be reached now gets the message on a later pass; the lead is told it was recorded."""
    ref = await new_case(platform, store)
    platform.adapter.fail_users.add("U1")
    await platform.core.handle(command("case", f"{ref} reply {QUESTION}", user=LEAD))
    case = await store.get_case(ref)
    assert case is not None and [m.state for m in case.messages] == ["pending"]
    platform.adapter.fail_users.clear()
    platform.core.clock.advance(seconds=FAST.base_delay + 1)
    result = await feature.worker.run_once(platform.core.context())
    assert result.messages == 1
    [dm] = platform.adapter.dms
    assert dm.user_id == "U1" and QUESTION in dm.text


async def test_reply_in_the_thread_of_a_case_message_is_relayed(
    platform: FakePlatform, store: CaseStore, leads: Deployment
) -> None:
    """A lead's reply in the thread of the case DM goes to the reporter; the reporter's in the thread of the
    relayed message goes to the leads; a question in any other thread is still answered by guidance."""
    settings = Settings.from_env({})
    guidance = GuidanceFeature(load_library(settings.knowledge_dir, leads.organisation.names))
    platform.core.features.insert(0, guidance)
    await platform.core.handle(report("something at the match", user="U1"))
    case = await store.get_case((await store.open_cases())[0].ref)
    assert case is not None
    platform.adapter.actions.clear()

    lead_in_thread = replace(
        origin(LEAD, f"D-{LEAD}", ChannelKind.DM), message_id="t-1", thread_id=await _ref_of_case_dm(store, case.id)
    )
    await platform.core.handle(BotAddressed(lead_in_thread, QUESTION))
    dms = platform.adapter.dms
    assert [d.user_id for d in dms] == ["U1"] and QUESTION in dms[0].text
    assert not [r for r in platform.adapter.replies if "clause" in r.text.lower()]  # guidance stayed out

    case = await store.get_case(case.ref)
    assert case is not None
    [relayed] = case.messages
    platform.adapter.actions.clear()
    reporter_in_thread = replace(origin("U1", "D-U1", ChannelKind.DM), message_id="t-2", thread_id=relayed.platform_ref)
    await platform.core.handle(BotAddressed(reporter_in_thread, ANSWER))
    assert sorted(d.user_id for d in platform.adapter.dms) == sorted([LEAD, DEPUTY])

    platform.adapter.actions.clear()
    elsewhere = replace(origin("U1", "D-U1", ChannelKind.DM), message_id="t-3", thread_id="not-a-case-message")
    await platform.core.handle(BotAddressed(elsewhere, "can I text a parent from my own phone?"))
    assert platform.adapter.dms == [] and len(platform.adapter.replies) == 1


async def _ref_of_case_dm(store: CaseStore, case_id: int) -> str:
    from sqlalchemy import select

    from bot.storage.tables import outbox

    async with store.db.tx() as conn:
        query = select(outbox.c.platform_ref).where(outbox.c.case_id == case_id, outbox.c.lead_id == LEAD)
        return str((await conn.execute(query)).scalar_one())
