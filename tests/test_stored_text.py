"""No report is lost to its content: text a database cannot hold is stored changed, and the case says so.

Through the real escalation feature and the real store, on SQLite and (when configured) PostgreSQL: a lone
surrogate in the report, the reporter's display name, a reported post or the form's details, and in a lead's
``/case REF note``; NUL, which SQLite keeps and PostgreSQL cannot hold. Everything is stored, acknowledged
and readable by the lead, and the case records that its text was altered.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import text, update

from bot.actions import Action, DirectMessage, PrivateNotice
from bot.citations import Citations
from bot.deployment import Deployment
from bot.events import MessageReported, ReportedPost
from bot.moderation import WarningStore
from bot.moderation.messages import recent_warnings
from bot.moderation.records import WarningRecord
from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming
from bot.reports.render import ALTERED_NOTICE
from bot.reports.store import CaseStore
from bot.storage.migrate import LATEST
from bot.storage.storable import CUT, DROPPED, REPLACED, Change, fit_values, storable
from bot.storage.tables import cases, schema_version
from tests.escalation_support import Clock, command, opened, origin, report, two_leads
from tests.fakes import FakePlatform

FAST = OutboxTiming(poll_interval=0.01, base_delay=1, max_delay=8, lease=60, send_timeout=5)
LONE = "\ud800"  # a lone surrogate: valid in a Python str, not encodable as UTF-8, so no database holds it
FFFD = "\ufffd"


@pytest.fixture
def platform(store: CaseStore, deployment: Deployment, citations: Citations) -> FakePlatform:
    leads = two_leads(deployment)
    p = FakePlatform([EscalationFeature(store, leads, timing=FAST, citations=citations)], leads)
    p.core.clock = Clock()
    return p


def sendable(actions: list[Action]) -> None:
    """What the bot sends must be valid Unicode: a platform's JSON would refuse a lone surrogate."""
    for action in actions:
        action.text.encode("utf-8")


def ack_of(actions: list[Action]) -> PrivateNotice:
    [ack] = [a for a in actions if isinstance(a, PrivateNotice)]
    return ack


async def test_surrogate_in_report_text_is_stored_acknowledged_and_flagged(
    platform: FakePlatform, store: CaseStore
) -> None:
    """/report with a lone surrogate: stored with U+FFFD, acknowledged as recorded, the leads told it was altered."""
    actions = await platform.core.handle(report(f"bullying: he wrote {LONE} at me"))
    sendable(actions)
    ack = ack_of(actions)
    assert "recorded as SG-" in ack.text and ALTERED_NOTICE in ack.text and "NOT" not in ack.text
    [case] = await store.open_cases()
    assert case.text == f"he wrote {FFFD} at me"
    assert case.altered == (Change("text", REPLACED),)
    dms = [a for a in actions if isinstance(a, DirectMessage)]
    assert len(dms) == 2
    assert all(f"he wrote {FFFD} at me" in d.text and "Stored with changes: the report: " in d.text for d in dms)
    [shown] = await platform.core.handle(command("case", case.ref))
    sendable([shown])
    assert f"he wrote {FFFD} at me" in shown.text
    assert f"Stored with changes: the report: characters that cannot be stored were replaced with {FFFD}" in (
        shown.text
    )


async def test_surrogate_in_display_name_is_stored_and_flagged(platform: FakePlatform, store: CaseStore) -> None:
    """The reporter's display name (set by the platform, typed by the person) cannot lose the report either."""
    event = report("something worrying")
    event = replace(event, origin=replace(event.origin, user_name=f"Sam {LONE}{LONE}"))
    actions = await platform.core.handle(event)
    sendable(actions)
    assert "recorded as SG-" in ack_of(actions).text
    [case] = await store.open_cases()
    assert case.reporter.name == f"Sam {FFFD}{FFFD}" and case.text == "something worrying"
    assert case.altered == (Change("reporter_name", REPLACED),)
    [shown] = await platform.core.handle(command("case", case.ref))
    assert f"Sam {FFFD}{FFFD}" in shown.text and "the reporter's name: characters that cannot be stored" in shown.text


async def test_surrogates_in_reported_post_and_form_details(platform: FakePlatform, store: CaseStore) -> None:
    """A reported post (text, author, channel, attachments) and the form's details with lone surrogates."""
    post = ReportedPost(
        text=f"you {LONE} are worthless",
        author_id="U666",
        author_name=f"Troll {LONE}",
        channel_id="C9",
        channel_name="match-day",
        posted_at=datetime(2026, 11, 24, 18, 30, tzinfo=UTC),
        permalink="https://chat.test/C9/777",
        attachment_names=(f"pic{LONE}.jpg", "ok.png"),
    )
    actions = await platform.core.handle(
        MessageReported(origin("U1", "C9"), post, details=f"bullying: also {LONE} this")
    )
    sendable(actions)
    assert "recorded as SG-" in ack_of(actions).text
    [case] = await store.open_cases()
    assert case.category == "cyberbullying" and case.text == f"also {FFFD} this"
    assert case.post is not None
    assert (case.post.text, case.post.author_name) == (f"you {FFFD} are worthless", f"Troll {FFFD}")
    assert case.post.attachment_names == (f"pic{FFFD}.jpg", "ok.png")
    assert {c.field for c in case.altered} == {"text", "post_text", "post_author_name", "post_attachments"}
    [shown] = await platform.core.handle(command("case", case.ref))
    sendable([shown])
    assert f"you {FFFD} are worthless" in shown.text and "the reported post: characters" in shown.text
    assert "the attachment names: characters" in shown.text


async def test_lead_note_with_surrogate_is_kept_and_marked(platform: FakePlatform, store: CaseStore) -> None:
    """`/case REF note` with a lone surrogate is added (not "unknown command", not "store unavailable")."""
    await platform.core.handle(report("worrying"))
    [case] = await store.open_cases()
    [noted] = await platform.core.handle(command("case", f"{case.ref} note phoned {LONE} mum"))
    sendable([noted])
    assert noted.text.startswith(f"Note added to {case.ref}. Stored with changes: the note: characters")
    [shown] = await platform.core.handle(command("case", case.ref))
    sendable([shown])
    assert f"phoned {FFFD} mum (stored with changes: the note: characters that cannot be stored" in shown.text
    got = await store.get_case(case.ref)
    assert got is not None and got.altered == ()  # the report itself was stored as given
    [note] = [e for e in got.events if e.kind == "note"]
    assert (note.text, note.altered) == (f"phoned {FFFD} mum", (Change("text", REPLACED),))
    [resolved] = await platform.core.handle(command("case", f"{case.ref} resolve done {LONE}"))
    assert "is resolved" in resolved.text
    [shown] = await platform.core.handle(command("case", case.ref))
    assert f"done {FFFD} (stored with changes: the resolution: characters" in shown.text


async def test_nul_kept_where_the_database_holds_it_and_recorded_where_dropped(
    platform: FakePlatform, store: CaseStore
) -> None:
    """SQLite keeps a NUL as given; PostgreSQL cannot, so it is dropped there and the case says so."""
    await platform.core.handle(report("nul\x00here"))
    [case] = await store.open_cases()
    if store.dialect == "postgresql":
        assert (case.text, case.altered) == ("nulhere", (Change("text", DROPPED),))
        [shown] = await platform.core.handle(command("case", case.ref))
        assert "the report: NUL characters were removed" in shown.text
    else:
        assert (case.text, case.altered) == ("nul\x00here", ())


async def test_text_as_given_is_not_marked(platform: FakePlatform, store: CaseStore) -> None:
    """Ordinary text, emoji and other scripts are stored exactly and nothing says "changes"."""
    given = "Zoë said 😢 — 子供 — ‮"
    actions = await platform.core.handle(report(given))
    assert ALTERED_NOTICE not in ack_of(actions).text
    [case] = await store.open_cases()
    assert (case.text, case.altered) == (given, ())
    [shown] = await platform.core.handle(command("case", case.ref))
    assert "Stored with changes" not in shown.text


async def test_warning_record_with_unstorable_ids_is_kept_and_marked(store: CaseStore) -> None:
    """The moderation record follows the same rule, and /warnings shows which fields were changed."""
    log = WarningStore(store.db)
    at = datetime(2026, 11, 25, 12, tzinfo=UTC)
    await log.record_warning(
        WarningRecord("slack", "T1", f"C{LONE}", "m1", "U2", ("phone",), ("6.3",), f"https://x/{LONE}", at, True)
    )
    [got] = await log.recent_warnings()
    assert (got.channel_id, got.permalink) == (f"C{FFFD}", f"https://x/{FFFD}")
    assert set(got.altered) == {("channel_id", REPLACED), ("permalink", REPLACED)}
    assert "stored with changes to channel_id, permalink" in recent_warnings([got])


async def test_version_1_database_gains_the_altered_columns(backend: tuple[str, str], deployment: Deployment) -> None:
    """A store written by schema version 1 (no ``altered`` columns) is migrated, keeping its cases."""
    async with opened(*backend) as store:
        platform = FakePlatform([EscalationFeature(store, deployment, timing=FAST)], deployment)
        await platform.core.handle(report("from version one"))
        async with store.db.tx() as conn:  # make it a version-1 database again
            for table in ("cases", "case_events", "warnings"):
                await conn.execute(text(f"ALTER TABLE {table} DROP COLUMN altered"))
            await conn.execute(update(schema_version).values(version=1))
    async with opened(*backend) as store:
        async with store.db.tx() as conn:
            assert (await conn.execute(schema_version.select())).mappings().one()["version"] == LATEST
        [old] = await store.open_cases()
        assert (old.text, old.altered) == ("from version one", ())
        platform = FakePlatform([EscalationFeature(store, deployment, timing=FAST)], deployment)
        await platform.core.handle(report(f"after {LONE} the upgrade"))
        new = (await store.open_cases())[1]
        assert new.altered == (Change("text", REPLACED),)


@pytest.mark.parametrize(
    ("dialect", "given", "expected", "how"),
    [
        pytest.param("sqlite", "plain", "plain", (), id="plain"),
        pytest.param("sqlite", f"a{LONE}b\udfff", f"a{FFFD}b{FFFD}", (REPLACED,), id="surrogates"),
        pytest.param("sqlite", "a\x00b", "a\x00b", (), id="nul-sqlite"),
        pytest.param("postgresql", "a\x00b", "ab", (DROPPED,), id="nul-postgres"),
        pytest.param("postgresql", f"\x00{LONE}", FFFD, (REPLACED, DROPPED), id="both"),
        pytest.param("sqlite", "😢 — 子供", "😢 — 子供", (), id="astral-kept"),
    ],
)
def test_storable_rules(dialect: str, given: str, expected: str, how: tuple[str, ...]) -> None:
    """The per-value rule: surrogates become U+FFFD everywhere, NUL is dropped on PostgreSQL only."""
    assert storable(given, dialect) == (expected, how)


def test_fit_values_cuts_to_the_column_and_records_every_change() -> None:
    """Cut names and changed list items are recorded too; untouched fields are not."""
    fitted = fit_values(
        cases,
        {"reporter_name": "N" * 300, "text": "ok", "post_attachments": ["a", f"b{LONE}"], "has_post": True},
        "sqlite",
    )
    assert fitted.values["reporter_name"] == "N" * 256 and fitted.values["post_attachments"] == ["a", f"b{FFFD}"]
    assert fitted.changes == (Change("reporter_name", CUT), Change("post_attachments", REPLACED))
    assert fitted.altered == "reporter_name:cut post_attachments:replaced"
