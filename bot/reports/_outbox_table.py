"""Outbox rows: one per (case, lead), claimed before sending, recorded after.

Every state change is a conditional UPDATE whose row count says whether this
worker won, so two workers (or two processes on one PostgreSQL) never send the
same row, with no SELECT ... FOR UPDATE that SQLite lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, Table, Update, exists, select, update

from bot.reports.models import OutboxItem
from bot.storage.database import Database
from bot.storage.tables import cases, outbox

INTERRUPTED = "interrupted while sending; checking with the platform"
RowT = TypeVar("RowT")


def to_item(row: Any) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        case_id=row["case_id"],
        platform=row["platform"],
        lead_id=row["lead_id"],
        lead_name=row["lead_name"],
        state=row["state"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        sent_at=row["sent_at"],
        last_error=row["last_error"] or "",
        checks=row["checks"] or 0,
    )


class LeasedRows(Generic[RowT]):
    """The send state machine of an outbox table: ``pending`` -> ``sending`` (claimed with a lease, committed before
    the send) -> ``sent``; a failure goes back to ``pending`` with back-off, an interrupted send becomes ``unknown``
    and is checked with the platform. The case outbox and the messages outbox share it; ``convert`` makes a row
    the table's model."""

    def __init__(self, db: Database, table: Table, convert: Callable[[Any], RowT]) -> None:
        self.db = db
        self._table = table
        self._convert = convert

    async def due(self, now: datetime, *, case_id: int | None = None, limit: int = 100) -> list[RowT]:
        """Pending rows whose next attempt is due, oldest first."""
        t = self._table
        query = select(t).where(t.c.state == "pending", t.c.next_attempt_at <= now)
        if case_id is not None:
            query = query.where(t.c.case_id == case_id)
        return await self._rows(query.order_by(t.c.next_attempt_at, t.c.id).limit(limit))

    async def claim(self, row_id: int, now: datetime, lease_until: datetime) -> bool:
        """Mark a due row 'sending' (committed before the send); False when someone else has it."""
        t = self._table
        query = (
            update(t)
            .where(t.c.id == row_id, t.c.state == "pending", t.c.next_attempt_at <= now)
            .values(state="sending", lease_until=lease_until, attempts=t.c.attempts + 1)
        )
        return await self._changed(query)

    async def mark_sent(self, row_id: int, now: datetime, platform_ref: str) -> None:
        values = {"state": "sent", "sent_at": now, "lease_until": None, "platform_ref": platform_ref[:128]}
        await self._set(row_id, values)

    async def mark_retry(self, row_id: int, next_attempt_at: datetime, error: str, *, give_up: bool) -> None:
        state = "failed" if give_up else "pending"
        values = {"state": state, "next_attempt_at": next_attempt_at, "lease_until": None, "last_error": error[:256]}
        await self._set(row_id, values)

    async def mark_unknown(self, row_id: int, error: str) -> None:
        await self._set(row_id, {"state": "unknown", "lease_until": None, "last_error": error[:256]})

    async def unknown(self, now: datetime, limit: int = 100) -> list[RowT]:
        """Interrupted sends due to be checked with the platform, oldest first."""
        t = self._table
        query = select(t).where(t.c.state == "unknown", t.c.next_attempt_at <= now)
        return await self._rows(query.order_by(t.c.next_attempt_at, t.c.id).limit(limit))

    async def settle(
        self,
        row_id: int,
        state: str,
        now: datetime,
        *,
        platform_ref: str = "",
        sent_at: datetime | None = None,
        error: str = "",
    ) -> bool:
        """Resolve an 'unknown' row: 'sent' (the platform has it) or 'pending' (send again, now).

        Conditional on the row still being 'unknown', so of two processes checking at once one decides.
        """
        values: dict[str, Any] = {"state": state, "next_attempt_at": now, "lease_until": None}
        if state == "sent":
            values |= {"sent_at": sent_at or now, "platform_ref": platform_ref[:128]}
        if error:
            values["last_error"] = error[:256]
        t = self._table
        return await self._changed(update(t).where(t.c.id == row_id, t.c.state == "unknown").values(**values))

    async def check_later(self, row_id: int, when: datetime) -> None:
        """The platform could not say: ask again at ``when``."""
        t = self._table
        query = (
            update(t)
            .where(t.c.id == row_id, t.c.state == "unknown")
            .values(checks=t.c.checks + 1, next_attempt_at=when)
        )
        await self._changed(query)

    async def expire_leases(self, now: datetime) -> int:
        """Rows left 'sending' by a process that died: the send may or may not have happened."""
        t = self._table
        query = (
            update(t)
            .where(t.c.state == "sending", t.c.lease_until < now)
            .values(state="unknown", lease_until=None, last_error=INTERRUPTED)
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount

    async def _rows(self, query: Select[Any]) -> list[RowT]:
        async with self.db.tx() as conn:
            return [self._convert(r) for r in (await conn.execute(query)).mappings().all()]

    async def _changed(self, query: Update) -> bool:
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    async def _set(self, row_id: int, values: dict[str, Any]) -> None:
        t = self._table
        async with self.db.tx() as conn:
            await conn.execute(update(t).where(t.c.id == row_id).values(**values))


class OutboxTable(LeasedRows[OutboxItem]):
    """Rows of the case outbox, one per (case, lead)."""

    def __init__(self, db: Database) -> None:
        super().__init__(db, outbox, to_item)

    async def unreached_cases(self, created_before: datetime) -> list[dict[str, Any]]:
        """Open cases no lead has received yet, old enough to tell the reporter to phone."""
        delivered = exists().where(outbox.c.case_id == cases.c.id, outbox.c.state == "sent")
        query = select(
            cases.c.id, cases.c.ref, cases.c.platform, cases.c.reporter_id, cases.c.reporter_channel_id
        ).where(
            cases.c.status == "open",
            cases.c.created_at <= created_before,
            cases.c.reporter_warned_at.is_(None),
            ~delivered,
        )
        async with self.db.tx() as conn:
            return [dict(r) for r in (await conn.execute(query)).mappings().all()]

    async def claim_reporter_warning(self, case_id: int, now: datetime) -> bool:
        """Record the phone-the-lead notice before sending it, so it goes at most once."""
        query = (
            update(cases)
            .where(cases.c.id == case_id, cases.c.reporter_warned_at.is_(None))
            .values(reporter_warned_at=now)
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    async def case_delivered_as(self, platform: str, platform_ref: str, lead_id: str) -> int | None:
        """The case whose message to ``lead_id`` the platform knows as ``platform_ref`` (a reply in its thread)."""
        if not platform_ref:
            return None
        query = select(outbox.c.case_id).where(
            outbox.c.platform == platform, outbox.c.platform_ref == platform_ref[:128], outbox.c.lead_id == lead_id
        )
        async with self.db.tx() as conn:
            found = (await conn.execute(query.limit(1))).scalar_one_or_none()
        return None if found is None else int(found)
