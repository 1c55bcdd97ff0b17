"""Outbox rows: one per (case, lead), claimed before sending, recorded after.

Every state change is a conditional UPDATE whose row count says whether this
worker won, so two workers (or two processes on one PostgreSQL) never send the
same row, with no SELECT ... FOR UPDATE that SQLite lacks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import exists, select, update

from bot.reports.models import OutboxItem
from bot.storage.database import Database
from bot.storage.tables import cases, outbox

INTERRUPTED = "interrupted while sending; checking with the platform"


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


class OutboxTable:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def due(self, now: datetime, *, case_id: int | None = None, limit: int = 100) -> list[OutboxItem]:
        """Pending rows whose next attempt is due, oldest first."""
        query = select(outbox).where(outbox.c.state == "pending", outbox.c.next_attempt_at <= now)
        if case_id is not None:
            query = query.where(outbox.c.case_id == case_id)
        query = query.order_by(outbox.c.next_attempt_at, outbox.c.id).limit(limit)
        async with self.db.tx() as conn:
            return [to_item(r) for r in (await conn.execute(query)).mappings().all()]

    async def claim(self, item_id: int, now: datetime, lease_until: datetime) -> bool:
        """Mark a due row 'sending' (committed before the send); False when someone else has it."""
        query = (
            update(outbox)
            .where(outbox.c.id == item_id, outbox.c.state == "pending", outbox.c.next_attempt_at <= now)
            .values(state="sending", lease_until=lease_until, attempts=outbox.c.attempts + 1)
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    async def mark_sent(self, item_id: int, now: datetime, platform_ref: str) -> None:
        values = {"state": "sent", "sent_at": now, "lease_until": None, "platform_ref": platform_ref[:128]}
        await self._set(item_id, values)

    async def mark_retry(self, item_id: int, next_attempt_at: datetime, error: str, *, give_up: bool) -> None:
        state = "failed" if give_up else "pending"
        values = {"state": state, "next_attempt_at": next_attempt_at, "lease_until": None, "last_error": error[:256]}
        await self._set(item_id, values)

    async def mark_unknown(self, item_id: int, error: str) -> None:
        await self._set(item_id, {"state": "unknown", "lease_until": None, "last_error": error[:256]})

    async def unknown(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        """Interrupted sends due to be checked with the platform, oldest first."""
        query = (
            select(outbox)
            .where(outbox.c.state == "unknown", outbox.c.next_attempt_at <= now)
            .order_by(outbox.c.next_attempt_at, outbox.c.id)
            .limit(limit)
        )
        async with self.db.tx() as conn:
            return [to_item(r) for r in (await conn.execute(query)).mappings().all()]

    async def settle(
        self,
        item_id: int,
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
        query = update(outbox).where(outbox.c.id == item_id, outbox.c.state == "unknown").values(**values)
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    async def check_later(self, item_id: int, when: datetime) -> None:
        """The platform could not say: ask again at ``when``."""
        query = (
            update(outbox)
            .where(outbox.c.id == item_id, outbox.c.state == "unknown")
            .values(checks=outbox.c.checks + 1, next_attempt_at=when)
        )
        async with self.db.tx() as conn:
            await conn.execute(query)

    async def expire_leases(self, now: datetime) -> int:
        """Rows left 'sending' by a process that died: the send may or may not have happened."""
        query = (
            update(outbox)
            .where(outbox.c.state == "sending", outbox.c.lease_until < now)
            .values(state="unknown", lease_until=None, last_error=INTERRUPTED)
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount

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

    async def _set(self, item_id: int, values: dict[str, Any]) -> None:
        async with self.db.tx() as conn:
            await conn.execute(update(outbox).where(outbox.c.id == item_id).values(**values))
