"""The messages outbox: direct messages to one person, stored before they are sent.

The same state machine as the case outbox, the one :class:`~bot.reports._outbox_table.LeasedRows`:
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

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.actions import Card, card_from_data, card_to_data
from bot.reports._outbox_table import LeasedRows
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


class MessageOutbox(LeasedRows[OutboxMessage]):
    """Rows of the ``messages`` table, sent as the case outbox's are (:class:`LeasedRows`)."""

    def __init__(self, db: Database) -> None:
        super().__init__(db, messages, to_message)

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
