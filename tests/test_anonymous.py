"""Anonymous reports: nothing a Safeguard Lead is sent or shown, and no log line, identifies the reporter.

The reporter's id, name and channel are checked for in every action the leads receive (the case, relayed
messages, the answers to their commands), in ``/case`` and ``/cases``, in every log record at DEBUG, and in
the rows a lead's path reads; the relay still reaches the reporter by the case's reference.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.actions import Action, DirectMessage
from bot.citations import Citations
from bot.deployment import Deployment
from bot.events import ChannelKind, CommandInvoked, MessageReported, Origin, ReportedPost
from bot.logs import user_ref
from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming
from bot.reports.parse import split_anonymous
from bot.reports.store import CaseStore
from bot.storage.tables import case_events, case_reporters, cases
from tests.escalation_support import DEPUTY, LEAD, Clock, two_leads
from tests.fakes import FakePlatform

ROOT = Path(__file__).resolve().parent.parent
FAST = OutboxTiming(poll_interval=0.01, base_delay=1, max_delay=8, lease=60, send_timeout=5)
REPORTER, REPORTER_NAME = "U0REPORTER7", "Rita Reporterson"
CHANNEL, CHANNEL_NAME = "C0RITASCORNER", "ritas-corner"
AUTHOR, AUTHOR_NAME, POST_CHANNEL = "U0POSTAUTHOR", "Pat Poster", "C0MATCHDAY"
#: What would identify the reporter: none of it may reach a lead or a log.
IDENTIFIERS = (REPORTER, REPORTER_NAME, CHANNEL, CHANNEL_NAME, user_ref("slack", REPORTER))


@pytest.fixture
def leads(deployment: Deployment) -> Deployment:
    return two_leads(deployment)


@pytest.fixture
def platform(store: CaseStore, leads: Deployment, citations: Citations) -> FakePlatform:
    p = FakePlatform([EscalationFeature(store, leads, timing=FAST, citations=citations)], leads)
    p.core.clock = Clock()
    return p


def reporter(channel: str = CHANNEL, kind: ChannelKind = ChannelKind.INTERNAL) -> Origin:
    return Origin("slack", REPORTER, channel, kind, "T1", "m1", user_name=REPORTER_NAME, channel_name=CHANNEL_NAME)


def lead_origin(user: str = LEAD) -> Origin:
    return Origin("slack", user, f"D-{user}", ChannelKind.DM, "T1", "m2", user_name="Karen Double")


def to_leads(actions: list[Action]) -> list[Action]:
    """Everything a lead receives or is shown: DMs to a lead, and every answer in a lead's DM."""
    return [a for a in actions if getattr(a, "user_id", "") in {LEAD, DEPUTY} or getattr(a, "channel_id", "") in {
        f"D-{LEAD}", f"D-{DEPUTY}"}]  # fmt: skip


def everything_in(action: Action) -> str:
    card = getattr(action, "card", None)
    parts = [action.text]
    if card is not None:
        parts += [card.title, card.body, card.quote, card.footer, *(f"{k} {v}" for k, v in card.fields)]
        parts += [f"{b.label} {b.command} {b.args} {b.prompt}" for b in card.buttons]
    return "\n".join(parts)


def assert_anonymous(actions: list[Action]) -> None:
    seen = to_leads(actions)
    assert seen, "the leads were sent nothing"
    for action in seen:
        text = everything_in(action)
        for identifier in IDENTIFIERS:
            assert identifier not in text, f"{identifier!r} reached a lead in {type(action).__name__}"


@pytest.mark.parametrize(
    ("typed", "anonymous", "rest"),
    [
        ("--anonymous bullying: x", True, "bullying: x"),
        ("--ANON x", True, "x"),
        ("x --anonymous", True, "x"),
        ("x --anonymous y", False, "x --anonymous y"),
        ("anonymous: x", False, "anonymous: x"),
        ("--anonymous", True, ""),
    ],
)
def test_the_flag_is_read_first_or_last(typed: str, anonymous: bool, rest: str) -> None:
    assert split_anonymous(typed) == (anonymous, rest)


async def test_an_anonymous_report_and_its_conversation_never_identify_the_reporter(
    platform: FakePlatform, store: CaseStore, caplog: pytest.LogCaptureFixture
) -> None:
    """The case, /cases, /case, the lead's message and the reporter's answer, and the logs: no identifier."""
    caplog.set_level(logging.DEBUG)
    await platform.core.handle(CommandInvoked(reporter(), "report", "--anonymous bullying: the coach shouts at Sam"))
    [case] = await store.open_cases()
    assert case.anonymous and case.text == "the coach shouts at Sam" and case.category == "cyberbullying"
    [ack] = [a for a in platform.actions if getattr(a, "user_id", "") == REPORTER]
    assert "not given to the Safeguard Lead" in ack.text

    await platform.core.handle(CommandInvoked(lead_origin(), "cases"))
    await platform.core.handle(CommandInvoked(lead_origin(), "case", case.ref))
    await platform.core.handle(CommandInvoked(lead_origin(), "case", f"{case.ref} reply when did it start?"))
    [question] = [a for a in platform.adapter.dms if a.user_id == REPORTER]  # the relay found them by the case
    assert "when did it start?" in question.text

    await platform.core.handle(CommandInvoked(reporter(f"D-{REPORTER}", ChannelKind.DM), "reply", f"{case.ref} in May"))
    answers = [a for a in platform.adapter.dms if a.user_id in {LEAD, DEPUTY} and "in May" in a.text]
    assert len(answers) == 2
    await platform.core.handle(CommandInvoked(lead_origin(DEPUTY), "case", case.ref))
    await platform.core.handle(CommandInvoked(lead_origin(), "case", f"{case.ref} note spoke to the coach"))
    await platform.core.handle(CommandInvoked(lead_origin(), "case", f"{case.ref} resolve coach retrained"))

    assert_anonymous(platform.actions)
    views = [a.text for a in to_leads(platform.actions)]
    assert any("Anonymous" in v and "in May" in v for v in views)  # /case shows the conversation, unnamed
    assert any("(anonymous)" in v for v in views)  # /cases says which cases are anonymous

    records = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    assert records  # something was logged, and none of it names the reporter
    for identifier in IDENTIFIERS:
        assert identifier not in records


async def test_an_anonymous_reported_post_keeps_its_evidence(platform: FakePlatform, store: CaseStore) -> None:
    """The post and its author are evidence and reach the lead; the reporter does not."""
    post = ReportedPost(
        text="meet me after training, don't tell your mum",
        author_id=AUTHOR,
        author_name=AUTHOR_NAME,
        channel_id=POST_CHANNEL,
        channel_name="match-day",
        posted_at=datetime(2026, 11, 24, 18, 30, tzinfo=UTC),
        permalink=f"https://chat.test/{POST_CHANNEL}/777",
    )
    await platform.core.handle(MessageReported(reporter(POST_CHANNEL), post, details="worried", anonymous=True))
    assert_anonymous(platform.actions)
    [dm] = [a for a in platform.adapter.dms if a.user_id == LEAD]
    assert AUTHOR in dm.text and AUTHOR_NAME in dm.text and "don't tell your mum" in dm.text


async def test_the_leads_rows_do_not_hold_the_reporter(platform: FakePlatform, store: CaseStore) -> None:
    """What a lead's path reads (the case row, its trail, the outbox) holds no identifier; case_reporters does."""
    await platform.core.handle(CommandInvoked(reporter(), "report", "--anonymous something"))
    [case] = await store.open_cases()
    await platform.core.handle(CommandInvoked(lead_origin(), "case", f"{case.ref} reply tell me more"))
    await platform.core.handle(CommandInvoked(reporter(), "reply", f"{case.ref} more"))
    async with store.db.tx() as conn:
        rows = [dict(r) for r in (await conn.execute(select(cases))).mappings()]
        rows += [dict(r) for r in (await conn.execute(select(case_events))).mappings()]
        sealed = (await conn.execute(select(case_reporters))).mappings().one()
    stored = repr(rows)
    for identifier in IDENTIFIERS:
        assert identifier not in stored
    assert (sealed["user_id"], sealed["name"], sealed["channel_id"]) == (REPORTER, REPORTER_NAME, CHANNEL)
    got = await store.get_case(case.ref)
    assert got is not None
    for message in got.messages:  # the message to the reporter is addressed "the reporter", not by id
        assert REPORTER not in repr((message.user_id, message.user_name, message.text))


def test_only_reporter_facing_code_reads_the_reporters_table() -> None:
    """``case_reporters`` and ReporterContacts are named only where reporter-facing work happens."""
    allowed_table = {
        "bot/storage/tables.py",
        "bot/storage/migrate.py",
        "bot/reports/reporters.py",
        "bot/reports/store.py",
    }
    allowed_contacts = {"bot/reports/reporters.py", "bot/reports/store.py"}
    for path in sorted((ROOT / "bot").rglob("*.py")) + sorted((ROOT / "adapters").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        if "case_reporters" in source:
            assert rel in allowed_table, f"{rel} names the reporters' table"
        if "ReporterContacts" in source:
            assert rel in allowed_contacts, f"{rel} uses ReporterContacts"
    # In the store, the table is only written (with the case) and deleted (with the case), never selected.
    store_source = (ROOT / "bot/reports/store.py").read_text(encoding="utf-8")
    assert not re.search(r"select\([^)]*case_reporters", store_source)
    # The lead-facing renderings never see a Reporter read from the contacts.
    render_source = (ROOT / "bot/reports/render.py").read_text(encoding="utf-8")
    assert "reporters" not in render_source.replace("_reporters", "")


async def test_the_relay_reaches_an_anonymous_reporter_who_reported_in_a_dm(
    platform: FakePlatform, store: CaseStore
) -> None:
    await platform.core.handle(CommandInvoked(reporter(f"D-{REPORTER}", ChannelKind.DM), "report", "x --anonymous"))
    [case] = await store.open_cases()
    assert case.anonymous and case.reporter.user_id == "" and case.reporter.channel_id == ""
    await platform.core.handle(CommandInvoked(lead_origin(), "case", f"{case.ref} reply are you safe?"))
    assert [d.user_id for d in platform.adapter.dms if isinstance(d, DirectMessage) and "are you safe" in d.text] == [
        REPORTER
    ]


async def test_an_anonymous_reporter_still_gets_the_phone_notice_and_a_late_acknowledgement(
    platform: FakePlatform, store: CaseStore, leads: Deployment
) -> None:
    """Both are reporter-facing and find the reporter through case_reporters, since the case row has no id."""
    platform.adapter.fail_users |= {LEAD, DEPUTY, REPORTER}  # no lead reachable; the acknowledgement fails too
    await platform.core.handle(CommandInvoked(reporter(), "report", "--anonymous something"))
    platform.adapter.fail_users.discard(REPORTER)
    feature = platform.core.features[0]
    assert isinstance(feature, EscalationFeature)
    platform.core.clock.advance(minutes=leads.lead_unreachable_minutes + 1)
    result = await feature.worker.run_once(platform.core.context())
    assert (result.acknowledged, result.reporters_warned) == (1, 1)
    to_reporter = [a for a in platform.actions if getattr(a, "user_id", "") == REPORTER]
    assert len(to_reporter) == 2 and any("phone" in a.text for a in to_reporter)


async def test_step_4_records_the_reporters_of_cases_stored_before_it(backend: tuple[str, str]) -> None:
    """A store at schema version 3 gains case_reporters filled from its cases, and messages; cases are named."""
    from sqlalchemy import delete, text, update

    from bot.reports.models import NewCase, Reporter
    from bot.storage.migrate import LATEST
    from bot.storage.tables import schema_version
    from tests.escalation_support import opened

    async with opened(*backend) as store:
        made = await store.create_case(
            NewCase(Reporter("slack", REPORTER, REPORTER_NAME, CHANNEL, "T1", "internal"), "other", "x"),
            datetime(2026, 11, 25, tzinfo=UTC),
        )
        async with store.db.tx() as conn:
            await conn.execute(delete(case_reporters))
            await conn.execute(text("DROP TABLE messages"))
            await conn.execute(update(schema_version).values(version=3))
    async with opened(*backend) as store:
        assert LATEST >= 4
        contact = await store.reporters.of_case(made.id)
        assert contact is not None and (contact.user_id, contact.name, contact.channel_id) == (
            REPORTER,
            REPORTER_NAME,
            CHANNEL,
        )
        got = await store.get_case(made.ref)
        assert got is not None and not got.anonymous and got.messages == ()
