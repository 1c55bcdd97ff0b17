"""Reporting through the real core and the real store: stored first, acknowledged privately, delivered."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from bot.actions import DirectMessage, PrivateNotice, Reply
from bot.citations import Citations
from bot.core import REFUSAL
from bot.deployment import Deployment, SafeguardLead
from bot.events import MessageEdited
from bot.moderation import ModerationFeature, WarningStore
from bot.moderation.records import WarningRecord
from bot.reports.cases import LISTED
from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming
from bot.reports.store import CaseStore
from bot.scanner import Scanner
from bot.storage.database import Database
from bot.storage.engine import make_engine
from tests.escalation_support import (
    DEPUTY,
    LEAD,
    PHONE,
    SECRET,
    Clock,
    command,
    origin,
    report,
    reported_post,
    two_leads,
)
from tests.fakes import FakePlatform

FAST = OutboxTiming(poll_interval=0.01, base_delay=1, max_delay=8, lease=60, send_timeout=5)


@pytest.fixture
def leads(deployment: Deployment) -> Deployment:
    return two_leads(deployment)


@pytest.fixture
def platform(store: CaseStore, leads: Deployment, citations: Citations) -> FakePlatform:
    moderation = ModerationFeature(Scanner(leads, citations), WarningStore(store.db), leads)
    p = FakePlatform([EscalationFeature(store, leads, timing=FAST, citations=citations), moderation], leads)
    p.core.clock = Clock()
    return p


def channel_replies(actions: list) -> list[Reply]:
    """Replies posted where others can read them: anything but the reporter's own DM."""
    return [a for a in actions if isinstance(a, Reply) and not a.channel_id.startswith("D-")]


async def test_report_stored_acknowledged_and_delivered_to_every_lead(platform: FakePlatform, store: CaseStore) -> None:
    """/report stores a case, tells the reporter its reference privately, and DMs it to each lead."""
    await platform.core.handle(report("bullying: comments under the match photos"))
    [case] = await store.open_cases()
    assert case.category == "cyberbullying"
    assert case.text == "comments under the match photos"
    [ack] = platform.adapter.notices
    assert (ack.user_id, ack.channel_id) == ("U1", "C1")
    assert case.ref in ack.text
    dms = platform.adapter.dms
    assert sorted(d.user_id for d in dms) == sorted([LEAD, DEPUTY])
    assert all(case.ref in d.text and "comments under the match photos" in d.text for d in dms)
    assert {d.state for d in case.deliveries} == {"sent"}
    assert channel_replies(platform.actions) == []


async def test_acknowledgement_comes_after_storing(platform: FakePlatform, store: CaseStore) -> None:
    """The acknowledgement names a reference that is already in the store when it is sent."""
    seen: list[bool] = []
    perform = platform.adapter.perform

    async def check_then_perform(action):
        if isinstance(action, PrivateNotice):
            ref = action.text.split("recorded as ")[1].split(" ")[0]
            seen.append(await store.get_case(ref) is not None)
        return await perform(action)

    platform.core.perform = check_then_perform
    await platform.core.handle(report("something worrying"))
    assert seen == [True]


@pytest.mark.parametrize("dm", [pytest.param(False, id="in-a-channel"), pytest.param(True, id="in-a-dm")])
async def test_acknowledgement_never_goes_to_a_channel(platform: FakePlatform, dm: bool) -> None:
    """From a channel the reporter gets an ephemeral notice; from a DM a reply in that DM; never a channel post."""
    actions = await platform.core.handle(report("something worrying", dm=dm))
    assert channel_replies(actions) == []
    mine = [a for a in actions if not isinstance(a, DirectMessage)]
    assert len(mine) == 1
    if dm:
        assert isinstance(mine[0], Reply) and mine[0].channel_id == "D-U1"
    else:
        assert isinstance(mine[0], PrivateNotice) and mine[0].user_id == "U1"


async def test_reported_post_stored_as_it_was(platform: FakePlatform, store: CaseStore) -> None:
    """A reported post is kept as the snapshot taken at report time, whatever happens to the post later."""
    await platform.core.handle(reported_post("you are worthless, nobody likes you", details="prevent: also this"))
    # The author then edits the post (the platform tells the bot) and later deletes it (the bot may not hear).
    edited = MessageEdited(replace(origin("U666", "C9"), message_id="777"), "(edited) nice match everyone")
    await platform.core.handle(edited)
    [case] = await store.open_cases()
    assert case.category == "radicalisation"
    lead_view = await platform.core.handle(command("case", case.ref))
    [answer] = lead_view
    assert "you are worthless, nobody likes you" in answer.text
    assert "photo.jpg" in answer.text and "https://chat.test/C9/777" in answer.text
    assert "Troll Account" in answer.text
    assert any("you are worthless" in d.text for d in platform.adapter.dms)


async def test_empty_report_gets_private_help(platform: FakePlatform, store: CaseStore) -> None:
    """/report with nothing to say stores nothing and explains the command privately, listing categories."""
    actions = await platform.core.handle(report("   "))
    [help_notice] = actions
    assert isinstance(help_notice, PrivateNotice)
    assert "Prevent duty" in help_notice.text and "9.4" in help_notice.text and "bullying" in help_notice.text
    assert await store.open_cases() == []


async def test_category_from_form_wins_and_text_is_kept_whole(platform: FakePlatform, store: CaseStore) -> None:
    """A category chosen in a platform form is used; text with an unknown leading word stays whole."""
    await platform.core.handle(report("Tuesday: he messaged her privately", category="contact-outside-protocol"))
    [case] = await store.open_cases()
    assert (case.category, case.text) == ("contact-outside-protocol", "Tuesday: he messaged her privately")


def unavailable_store(kind: str, tmp_path: Path) -> CaseStore:
    """A real store that fails for real: a file that cannot be created, a server that is down, or closed."""
    if kind == "uncreatable-path":
        blocker = tmp_path / "a-file"
        blocker.write_text("not a folder")
        return CaseStore(Database(make_engine(f"sqlite+aiosqlite:///{blocker / 'cases.db'}")))
    if kind == "server-down":  # nothing listens on port 1: asyncpg's connect is refused
        return CaseStore(Database(make_engine("postgresql://postgres@127.0.0.1:1/test")))
    store = CaseStore(Database(make_engine(f"sqlite+aiosqlite:///{tmp_path / 'cases.db'}")))
    store.db.closed = True
    return store


async def aiosqlite_threads_finished() -> None:
    """aiosqlite stops its worker thread without waiting after a failed connect; let it finish in this loop."""
    for _ in range(500):
        if not any("_connection_worker_thread" in t.name for t in threading.enumerate()):
            return
        await asyncio.sleep(0.01)


@pytest.mark.parametrize("kind", ["uncreatable-path", "server-down", "closed-store"])
async def test_store_unavailable_tells_reporter_to_phone(kind: str, tmp_path: Path, leads: Deployment) -> None:
    """When the case cannot be stored the reporter hears it did NOT go through, with the lead's phone number."""
    store = unavailable_store(kind, tmp_path)
    platform = FakePlatform([EscalationFeature(store, leads, timing=FAST)], leads)
    try:
        actions = await platform.core.handle(report("something worrying"))
    finally:
        await store.db.engine.dispose()
        await aiosqlite_threads_finished()
    [notice] = actions
    assert isinstance(notice, PrivateNotice) and notice.user_id == "U1"
    assert "did NOT go through" in notice.text and PHONE in notice.text
    lowered = notice.text.lower()
    assert "recorded" not in lowered and " sent" not in lowered and "SG-" not in notice.text
    assert platform.adapter.dms == []


LEAD_COMMANDS = [
    pytest.param("cases", "", id="cases"),
    pytest.param("case", "{ref}", id="case"),
    pytest.param("case", "{ref} note checked", id="note"),
    pytest.param("case", "{ref} resolve closed", id="resolve"),
    pytest.param("warnings", "", id="warnings"),
]


@pytest.mark.parametrize(("name", "args"), LEAD_COMMANDS)
async def test_non_lead_learns_nothing(platform: FakePlatform, store: CaseStore, name: str, args: str) -> None:
    """A non-lead gets one identical refusal for existing and missing cases, and nothing is changed."""
    await platform.core.handle(report(SECRET))
    [case] = await store.open_cases()
    before = await store.get_case(case.ref)
    answers = []
    for ref in (case.ref, "SG-2026-9999", "nonsense"):
        event = command(name, args.format(ref=ref), user="U1")
        [answer] = await platform.core.handle(event)
        assert isinstance(answer, PrivateNotice)
        answers.append(answer.text)
    assert answers == [REFUSAL] * 3
    after = await store.get_case(case.ref)
    assert after is not None and before is not None
    assert (after.status, after.events) == (before.status, before.events)


async def test_lead_commands_are_recorded_with_who_and_when(platform: FakePlatform, store: CaseStore) -> None:
    """A lead can list, view, note and resolve; each view, note and resolution is in the audit trail."""
    clock = platform.core.clock
    await platform.core.handle(report("worrying"))
    [case] = await store.open_cases()
    [listing] = await platform.core.handle(command("cases", dm=True))
    assert isinstance(listing, Reply) and listing.channel_id == f"D-{LEAD}" and case.ref in listing.text
    await platform.core.handle(command("case", case.ref.lower()))
    clock.advance(minutes=5)
    [noted] = await platform.core.handle(command("case", f"{case.ref} note phoned the parent"))
    assert "Note added" in noted.text
    clock.advance(minutes=5)
    [resolved] = await platform.core.handle(command("case", f"{case.ref} resolve account removed", user=DEPUTY))
    assert "resolved" in resolved.text
    got = await store.get_case(case.ref)
    assert got is not None and got.status == "resolved"
    trail = [(e.kind, e.actor_id, e.at, e.text) for e in got.events]
    assert trail[1:] == [
        ("viewed", LEAD, clock.now.replace(minute=0), ""),
        ("note", LEAD, clock.now.replace(minute=5), "phoned the parent"),
        ("resolved", DEPUTY, clock.now, "account removed"),
    ]
    [listing] = await platform.core.handle(command("cases"))
    assert "no open cases" in listing.text


async def test_lead_asks_for_missing_case(platform: FakePlatform) -> None:
    """A lead is told plainly when a reference does not exist, and how to use /case when it is malformed."""
    [missing] = await platform.core.handle(command("case", "SG-2026-0404"))
    assert missing.text == "There is no case SG-2026-0404."
    [usage] = await platform.core.handle(command("case", "hello"))
    assert "/case SG-" in usage.text


async def test_report_text_never_logged(platform: FakePlatform, store: CaseStore, caplog) -> None:
    """Report text, evidence text and names stay out of the logs at every level, failures included."""
    caplog.set_level(logging.DEBUG)
    platform.adapter.fail_users.add(DEPUTY)
    await platform.core.handle(report(f"bullying: {SECRET}"))
    await platform.core.handle(reported_post(SECRET, details=SECRET))
    [case, _] = await store.open_cases()
    await platform.core.handle(command("case", f"{case.ref} note {SECRET}"))
    await platform.core.handle(command("case", case.ref))
    assert caplog.records, "the feature should log what it did (without content)"
    assert SECRET not in caplog.text
    assert "name-of-U1" not in caplog.text and "Troll Account" not in caplog.text


async def test_warnings_command_lists_records_without_text(platform: FakePlatform, store: CaseStore) -> None:
    """/warnings shows a lead the moderation record (who, where, kinds, link) from the same store."""
    at = platform.core.clock()
    await WarningStore(store.db).record_warning(
        WarningRecord("slack", "T1", "C9", "m1", "U2", ("phone",), ("6.3",), "https://l", at, False)
    )
    [answer] = await platform.core.handle(command("warnings"))
    assert "U2" in answer.text and "phone" in answer.text and "NOT delivered" in answer.text


async def test_no_lead_on_platform_tells_reporter_to_phone_at_once(store: CaseStore, leads: Deployment) -> None:
    """When no lead can be messaged on the reporter's platform the acknowledgement gives the phone number."""
    phone_only = replace(leads, safeguard_leads=(SafeguardLead(name="Karen", phone=PHONE),))
    platform = FakePlatform([EscalationFeature(store, phone_only, timing=FAST)], phone_only)
    [ack] = await platform.core.handle(report("worrying"))
    assert "recorded as SG-" in ack.text and PHONE in ack.text
    assert platform.adapter.dms == []


async def test_cases_list_says_when_it_is_cut_short(platform: FakePlatform) -> None:
    """With more open cases than fit, /cases says it shows only the oldest ones."""
    for i in range(LISTED + 2):
        await platform.core.handle(report(f"report {i}"))
    [listing] = await platform.core.handle(command("cases"))
    assert listing.text.startswith(f"The oldest {LISTED} of more open cases:")
    assert listing.text.count("SG-2026-") == LISTED
