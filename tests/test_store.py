"""The case store over real SQLite and (when configured) real PostgreSQL: one suite, two drivers."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.events import ReportedPost
from bot.moderation.records import WarningLog, WarningRecord
from bot.moderation.store import WarningStore
from bot.reports.models import NewCase, Reporter
from bot.reports.store import CaseStore, StoreUnavailable, open_store
from bot.storage.engine import normalise_url
from bot.storage.migrate import LATEST
from bot.storage.tables import case_events, outbox, schema_version
from tests.escalation_support import opened

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def new_case(text: str = "what happened", *, leads: tuple[tuple[str, str], ...] = (("L1", "Lead One"),)) -> NewCase:
    post = ReportedPost("original words", "U666", "Troll", "C9", "match-day", T0, "https://x/1", ("a.png", "b.pdf"))
    return NewCase(Reporter("slack", "U1", "Reporter Name", "C1", "T1"), "cyberbullying", text, post, leads)


async def count(store: CaseStore, table) -> int:
    async with store.db.tx() as conn:
        return (await conn.execute(select(func.count()).select_from(table))).scalar_one()


async def test_migration_is_idempotent(backend: tuple[str, str]) -> None:
    """Opening the store twice keeps one schema_version row at the latest version and the data intact."""
    async with opened(*backend) as first:
        case = await first.create_case(new_case(), T0)
    async with opened(*backend) as second:
        async with second.db.tx() as conn:
            rows = (await conn.execute(select(schema_version.c.version))).scalars().all()
        assert rows == [LATEST]
        assert (await second.get_case(case.ref)) is not None


async def test_case_round_trip_keeps_evidence(store: CaseStore) -> None:
    """Everything a case holds comes back as stored, evidence snapshot included."""
    case = await store.create_case(new_case(), T0)
    got = await store.get_case(case.ref)
    assert got is not None
    assert got.ref == f"SG-2026-{case.id:04d}"
    assert (got.text, got.category, got.status, got.created_at) == ("what happened", "cyberbullying", "open", T0)
    assert got.reporter == Reporter("slack", "U1", "Reporter Name", "C1", "T1")
    assert got.post == new_case().post
    assert [e.kind for e in got.events] == ["created"]
    assert [(d.lead_id, d.state) for d in got.deliveries] == [("L1", "pending")]


async def test_outbox_is_unique_per_case_and_lead(store: CaseStore) -> None:
    """The same lead listed twice gets one outbox row: (case, lead) is unique."""
    case = await store.create_case(new_case(leads=(("L1", "A"), ("L1", "A"), ("L2", "B"))), T0)
    got = await store.get_case(case.ref)
    assert got is not None
    assert sorted(d.lead_id for d in got.deliveries) == ["L1", "L2"]


async def test_references_unique_under_concurrency(store: CaseStore) -> None:
    """References come from the database inside the insert: 200 concurrent inserts give 200 distinct ones."""
    cases = await asyncio.gather(*(store.create_case(new_case(f"r{i}"), T0) for i in range(200)))
    assert len({c.ref for c in cases}) == 200
    assert await count(store, outbox) == 200


async def test_purge_removes_only_old_resolved_cases(store: CaseStore) -> None:
    """Retention deletes resolved cases past the cut-off with their trail and outbox; open cases stay."""
    lead = Reporter("slack", "L1", "Lead One")
    old_open = await store.create_case(new_case("old open"), T0 - timedelta(days=900))
    old_resolved = await store.create_case(new_case("old resolved"), T0 - timedelta(days=900))
    recent_resolved = await store.create_case(new_case("recent"), T0 - timedelta(days=10))
    await store.resolve(old_resolved.id, T0 - timedelta(days=800), lead, "done")
    await store.resolve(recent_resolved.id, T0 - timedelta(days=5), lead, "done")
    assert await store.purge_resolved(T0 - timedelta(days=365)) == 1
    assert await store.get_case(old_resolved.ref) is None
    assert await store.get_case(old_open.ref) is not None
    assert await store.get_case(recent_resolved.ref) is not None
    assert await count(store, outbox) == 2
    assert await count(store, case_events) == 3  # the open case: created; the recent one: created, resolved


async def test_resolve_twice_changes_nothing(store: CaseStore) -> None:
    """A second resolve reports False and records no second resolution."""
    case = await store.create_case(new_case(), T0)
    lead = Reporter("slack", "L1", "Lead One")
    assert await store.resolve(case.id, T0, lead, "first") is True
    assert await store.resolve(case.id, T0, lead, "second") is False
    got = await store.get_case(case.ref)
    assert got is not None
    assert [e.text for e in got.events if e.kind == "resolved"] == ["first"]


async def test_warning_store_is_the_moderation_warning_log(store: CaseStore) -> None:
    """Moderation's store, on the same database, implements WarningLog: kinds per post for edits, newest first."""
    log: WarningLog = WarningStore(store.db)

    def record(message_id: str, kinds: tuple[str, ...], minute: int) -> WarningRecord:
        at = T0 + timedelta(minutes=minute)
        return WarningRecord("slack", "T1", "C9", message_id, "U2", kinds, ("6.3",), "https://x", at, True)

    await log.record_warning(record("m1", ("phone",), 1))
    await log.record_warning(record("m1", ("email", "phone"), 2))
    await log.record_warning(record("m2", ("image",), 3))
    assert await log.warned_kinds("slack", "C9", "m1") == frozenset({"phone", "email"})
    assert await log.warned_kinds("slack", "C9", "nope") == frozenset()
    recent = await log.recent_warnings(2)
    assert [r.message_id for r in recent] == ["m2", "m1"]
    assert recent[0] == record("m2", ("image",), 3)


async def test_sqlite_file_and_folder_created_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    """The default store creates its folder and file, in WAL mode with foreign keys enforced."""
    path = tmp_path / "new" / "folder" / "cases.db"
    store = await open_store(f"sqlite+aiosqlite:///{path}")
    try:
        async with store.db.tx() as conn:
            mode = (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar_one()
            fks = (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar_one()
        assert (mode, fks) == ("wal", 1)
    finally:
        await store.aclose()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version FROM schema_version").fetchone() == (LATEST,)


async def test_uncreatable_path_is_store_unavailable(tmp_path: Path) -> None:
    """A store folder that cannot be created fails loudly with StoreUnavailable."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailable):
        await open_store(f"sqlite+aiosqlite:///{blocker / 'sub' / 'cases.db'}")


async def test_closed_store_is_unavailable(store: CaseStore) -> None:
    """After aclose every operation raises StoreUnavailable rather than reconnecting silently."""
    await store.aclose()
    with pytest.raises(StoreUnavailable):
        await store.create_case(new_case(), T0)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("postgres://u:p@h:5432/db", "postgresql+asyncpg://u:p@h:5432/db", id="heroku-style"),
        pytest.param("postgresql://u@h/db", "postgresql+asyncpg://u@h/db", id="postgresql"),
        pytest.param(
            "postgres://u:p%40ss@h/db?sslmode=require", "postgresql+asyncpg://u:p%40ss@h/db", id="libpq-parameters"
        ),
        pytest.param("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db", id="already-async"),
        pytest.param("sqlite:///x.db", "sqlite+aiosqlite:///x.db", id="plain-sqlite"),
        pytest.param("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db", id="aiosqlite"),
    ],
)
def test_urls_normalise_to_async_drivers(url: str, expected: str) -> None:
    """DATABASE_URL as hosting platforms write it selects the async driver."""
    assert normalise_url(url) == expected


async def test_awkward_input_still_stores(store: CaseStore) -> None:
    """A very long display name, a NUL byte in the text and a naive post time do not stop a report storing.

    SQLite keeps the NUL as given; PostgreSQL cannot hold it, so it is dropped there. Either way the case
    records every change (tests/test_stored_text.py covers what the lead sees).
    """
    post = ReportedPost("bad\x00bytes", "U666", "T" * 1000, "C9", "c" * 500, datetime(2026, 1, 1, 9), "https://x", ())
    reporter = Reporter("slack", "U1", "N" * 1000, "C1")
    case = await store.create_case(NewCase(reporter, "other", "text\x00with nul", post, (("L1", "L" * 900),)), T0)
    got = await store.get_case(case.ref)
    assert got is not None and got.post is not None
    if store.dialect == "postgresql":
        assert (got.text, got.post.text) == ("textwith nul", "badbytes")
    else:
        assert (got.text, got.post.text) == ("text\x00with nul", "bad\x00bytes")
    assert got.reporter.name == "N" * 256
    assert {c.field for c in got.altered} >= {"reporter_name", "post_author_name", "post_channel_name"}
    assert got.post.posted_at == datetime(2026, 1, 1, 9, tzinfo=UTC)
