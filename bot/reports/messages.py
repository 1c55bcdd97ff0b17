"""The messages outbox: direct messages to one person, stored before they are sent.

The same state machine as the case outbox (:mod:`bot.reports._outbox_table`):
``pending`` → ``sending`` (claimed with a lease, committed before the send) →
``sent``; a failure goes back to ``pending`` with back-off, an interrupted send
becomes ``unknown`` and is checked with the platform by its ``marker``. Any
feature may enqueue a message (``kind`` names it); the escalation relay is the
first. Enqueue inside the caller's own transaction, so a message exists exactly
when what it reports does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.actions import Card, card_from_data, card_to_data
from bot.reports._outbox_table import INTERRUPTED
from bot.reports.models import OutboxMessage
from bot.storage.database import Database
from bot.storage.storable import fit_values
from bot.storage.tables import messages

USER = "user"  # ``user_id`` on ``platform``
REPORTER = "reporter"  # whoever reported ``case_id``: looked up when sending (bot.reports.reporters)


def to_message(row: Any) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"],
        kind=row["kind"],
        platform=row["platform"],
        recipient=row["recipient"],
        user_id=row["user_id"] or "",
        text=row["text"],
        marker=row["marker"],
        state=row["state"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        created_at=row["created_at"],
        case_id=row["case_id"],
        case_event_id=row["case_event_id"],
        user_name=row["user_name"] or "",
        card=card_from_data(row["card"]),
        sent_at=row["sent_at"],
        platform_ref=row["platform_ref"] or "",
        last_error=row["last_error"] or "",
        checks=row["checks"] or 0,
    )


class MessageOutbox:
    """Rows of the ``messages`` table; every state change is a conditional UPDATE, as in the case outbox."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def enqueue(
        self,
        conn: AsyncConnection,
        *,
        kind: str,
        platform: str,
        text: str,
        marker: str,
        now: datetime,
        recipient: str = USER,
        user_id: str = "",
        user_name: str = "",
        card: Card | None = None,
        case_id: int | None = None,
        case_event_id: int | None = None,
    ) -> int:
        """Add a pending message in the caller's transaction; ``marker`` must appear in ``text``."""
        if marker not in text:
            raise ValueError("a message's marker must appear in its text")
        values: dict[str, Any] = {"kind": kind, "platform": platform, "recipient": recipient, "user_id": user_id}
        values |= {"user_name": user_name, "text": text, "marker": marker}
        fitted = fit_values(messages, values, self.db.dialect)
        row = fitted.values | {
            "card": card_to_data(card) if card is not None else None,
            "case_id": case_id,
            "case_event_id": case_event_id,
            "created_at": now,
            "state": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "altered": fitted.altered,
        }
        inserted = (await conn.execute(insert(messages).values(**row))).inserted_primary_key
        return int(inserted[0]) if inserted is not None else 0

    async def due(self, now: datetime, *, case_id: int | None = None, limit: int = 100) -> list[OutboxMessage]:
        query = select(messages).where(messages.c.state == "pending", messages.c.next_attempt_at <= now)
        if case_id is not None:
            query = query.where(messages.c.case_id == case_id)
        query = query.order_by(messages.c.next_attempt_at, messages.c.id).limit(limit)
        async with self.db.tx() as conn:
            return [to_message(r) for r in (await conn.execute(query)).mappings().all()]

    async def of_case(self, conn: AsyncConnection, case_id: int) -> list[OutboxMessage]:
        query = select(messages).where(messages.c.case_id == case_id).order_by(messages.c.id)
        return [to_message(r) for r in (await conn.execute(query)).mappings().all()]

    async def by_platform_ref(self, platform: str, ref: str, kind: str) -> OutboxMessage | None:
        """The sent message of ``kind`` the platform knows as ``ref`` (a reply in its thread answers it)."""
        if not ref:
            return None
        query = select(messages).where(
            messages.c.platform == platform, messages.c.platform_ref == ref[:128], messages.c.kind == kind
        )
        async with self.db.tx() as conn:
            row = (await conn.execute(query.limit(1))).mappings().first()
        return None if row is None else to_message(row)

    async def claim(self, message_id: int, now: datetime, lease_until: datetime) -> bool:
        query = (
            update(messages)
            .where(messages.c.id == message_id, messages.c.state == "pending", messages.c.next_attempt_at <= now)
            .values(state="sending", lease_until=lease_until, attempts=messages.c.attempts + 1)
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    async def mark_sent(self, message_id: int, now: datetime, platform_ref: str) -> None:
        await self._set(
            message_id, {"state": "sent", "sent_at": now, "lease_until": None, "platform_ref": platform_ref[:128]}
        )

    async def mark_retry(self, message_id: int, next_attempt_at: datetime, error: str, *, give_up: bool) -> None:
        state = "failed" if give_up else "pending"
        values = {"state": state, "next_attempt_at": next_attempt_at, "lease_until": None, "last_error": error[:256]}
        await self._set(message_id, values)

    async def mark_unknown(self, message_id: int, error: str) -> None:
        await self._set(message_id, {"state": "unknown", "lease_until": None, "last_error": error[:256]})

    async def expire_leases(self, now: datetime) -> int:
        query = (
            update(messages)
            .where(messages.c.state == "sending", messages.c.lease_until < now)
            .values(state="unknown", lease_until=None, last_error=INTERRUPTED)
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount

    async def unknown(self, now: datetime, limit: int = 100) -> list[OutboxMessage]:
        query = (
            select(messages)
            .where(messages.c.state == "unknown", messages.c.next_attempt_at <= now)
            .order_by(messages.c.next_attempt_at, messages.c.id)
            .limit(limit)
        )
        async with self.db.tx() as conn:
            return [to_message(r) for r in (await conn.execute(query)).mappings().all()]

    async def settle(
        self, message_id: int, state: str, now: datetime, *, platform_ref: str = "", error: str = ""
    ) -> bool:
        """Resolve an 'unknown' row: 'sent' (the platform has it) or 'pending' (send again, now)."""
        values: dict[str, Any] = {"state": state, "next_attempt_at": now, "lease_until": None}
        if state == "sent":
            values |= {"sent_at": now, "platform_ref": platform_ref[:128]}
        if error:
            values["last_error"] = error[:256]
        query = update(messages).where(messages.c.id == message_id, messages.c.state == "unknown").values(**values)
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    async def check_later(self, message_id: int, when: datetime) -> None:
        query = (
            update(messages)
            .where(messages.c.id == message_id, messages.c.state == "unknown")
            .values(checks=messages.c.checks + 1, next_attempt_at=when)
        )
        async with self.db.tx() as conn:
            await conn.execute(query)

    async def _set(self, message_id: int, values: dict[str, Any]) -> None:
        async with self.db.tx() as conn:
            await conn.execute(update(messages).where(messages.c.id == message_id).values(**values))
