"""Create or migrate the schema at start-up, recorded in ``schema_version``.

Each migration runs once, in order, inside one transaction with the version
bump, so a crash mid-way leaves the previous version intact. On PostgreSQL an
advisory lock stops two processes starting together from migrating at once.
A new migration appends a step and step 1 is never edited. Step 1 creates its
tables as :mod:`bot.storage.tables` describes them *now*, so a later step that
adds a column first looks whether it is there: a new database has it from step
1, an older one gains it from the later step.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Table, false, insert, inspect, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.engine import check_schema_name
from bot.storage.tables import (
    allowed_values,
    case_events,
    case_reporters,
    cases,
    channel_exposure,
    ix_outbox_platform_ref,
    learned_phrasings,
    messages,
    metadata,
    outbox,
    questions,
    schema_version,
    seen_events,
    warnings,
)

log = logging.getLogger(__name__)


class SchemaTooNew(Exception):
    """The database was migrated by a newer bot: refuse rather than write rows it does not expect."""


_LOCK_KEY = 0x5A_FE_6A_4D  # any constant; names this application's migration lock


async def _v1(conn: AsyncConnection) -> None:
    tables = [cases, case_events, outbox, warnings]
    await conn.run_sync(lambda c: metadata.create_all(c, tables=tables, checkfirst=True))


#: The columns version 2 added, with the default existing rows get; a new database has them from step 1.
_V2_COLUMNS: tuple[tuple[Table, str, str], ...] = (
    (cases, "reporter_channel_kind", "''"),
    (cases, "acked_at", ""),
    (cases, "ack_lease_until", ""),
    (outbox, "checks", "0"),
    # where stored text differs from what was given (bot.storage.storable)
    (cases, "altered", "''"),
    (case_events, "altered", "''"),
    (warnings, "altered", "''"),
)


def _add_missing_columns(conn: Connection, columns: tuple[tuple[Table, str, str], ...]) -> None:
    for table, name, default in columns:
        if name in {c["name"] for c in inspect(conn).get_columns(table.name)}:
            continue
        column = table.c[name]
        kind = column.type.compile(dialect=conn.dialect)
        extra = (f" DEFAULT {default}" if default else "") + ("" if column.nullable else " NOT NULL")
        conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{name}" {kind}{extra}'))


async def _v2(conn: AsyncConnection) -> None:
    """Acknowledgements through the outbox, checks of interrupted sends, shared event de-duplication,
    and ``altered``, so a report whose text had to be changed to be stored says so."""
    await conn.run_sync(lambda c: _add_missing_columns(c, _V2_COLUMNS))
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[seen_events], checkfirst=True))
    # Cases stored before this version were acknowledged at once: never acknowledge them again.
    await conn.execute(update(cases).where(cases.c.acked_at.is_(None)).values(acked_at=cases.c.created_at))


async def _v3(conn: AsyncConnection) -> None:
    """Who can read each channel (bot.exposure): a new table, created only where it is missing."""
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[channel_exposure], checkfirst=True))


async def _v4(conn: AsyncConnection) -> None:
    """The relay between leads and reporters, and anonymous reports: ``cases.anonymous``, the reporters' contacts
    kept apart (``case_reporters``, filled from the cases already stored) and the messages outbox."""
    await conn.run_sync(lambda c: _add_missing_columns(c, ((cases, "anonymous", "false"),)))
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[case_reporters, messages], checkfirst=True))
    await conn.run_sync(lambda c: ix_outbox_platform_ref.create(c, checkfirst=True))
    known = select(case_reporters.c.case_id).where(case_reporters.c.case_id == cases.c.id).exists()
    existing = select(
        cases.c.id,
        cases.c.platform,
        cases.c.reporter_id,
        cases.c.reporter_name,
        cases.c.reporter_channel_id,
        cases.c.reporter_channel_kind,
        cases.c.workspace_id,
    ).where(cases.c.anonymous == false(), ~known)
    columns = ["case_id", "platform", "user_id", "name", "channel_id", "channel_kind", "workspace_id"]
    await conn.execute(insert(case_reporters).from_select(columns, existing))


#: The columns version 5 added; a new database has them from step 1.
_V5_COLUMNS: tuple[tuple[Table, str, str], ...] = (
    (cases, "category_suggested", "false"),
    (warnings, "thread_id", "''"),
    (warnings, "attachments", ""),
    (warnings, "status", "''"),
    (warnings, "status_at", ""),
    (warnings, "status_by", "''"),
)


async def _v5(conn: AsyncConnection) -> None:
    """Warnings that answer back (the author's "fixed" or "wrong", the lead's allow list), the files and thread
    of a warned post, and whether a case's category was suggested from its words. Assumes nothing of step 4."""
    await conn.run_sync(lambda c: _add_missing_columns(c, _V5_COLUMNS))
    await conn.run_sync(lambda c: metadata.create_all(c, tables=[allowed_values], checkfirst=True))


async def _v6(conn: AsyncConnection) -> None:
    """Policy questions handed to a person and phrasings learned from them (bot.questions)."""
    tables = [questions, learned_phrasings]
    await conn.run_sync(lambda c: metadata.create_all(c, tables=tables, checkfirst=True))


MIGRATIONS: tuple[tuple[int, Callable[[AsyncConnection], Awaitable[None]]], ...] = (
    (1, _v1),
    (2, _v2),
    (3, _v3),
    (4, _v4),
    (5, _v5),
    (6, _v6),
)
LATEST = MIGRATIONS[-1][0]


async def migrate(engine: AsyncEngine, *, schema: str = "") -> int:
    """Bring the schema to :data:`LATEST`; safe to run on every start. Returns the version."""
    postgres = engine.dialect.name == "postgresql"
    async with engine.begin() as conn:
        if postgres:
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            if schema:
                await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{check_schema_name(schema)}"'))
        await conn.run_sync(lambda c: schema_version.create(c, checkfirst=True))
        current = (await conn.execute(select(schema_version.c.version))).scalar_one_or_none() or 0
        if current > LATEST:
            raise SchemaTooNew(f"the store's schema is version {current}; this bot knows up to {LATEST}")
        for version, step in MIGRATIONS:
            if version > current:
                await step(conn)
                log.info("store schema migrated to version %d", version)
        now = datetime.now(UTC)
        if current == 0:
            await conn.execute(insert(schema_version).values(id=1, version=LATEST, migrated_at=now))
        elif current < LATEST:
            await conn.execute(update(schema_version).values(version=LATEST, migrated_at=now))
    return max(current, LATEST)
