"""Direct messages to one person that any feature hands to the outbox: stored first, delivered with retries.

A feature adds rows (:func:`parcel_row`) inside the transaction that stores what the message is about,
so a message is never lost to a crash between the two; :class:`OutboxWorker` runs :meth:`Parcels.run_once`
on every pass. Each row is claimed ('sending', with a lease, committed) before the send and marked
after, exactly like a case's delivery to a lead: a send interrupted by a crash is checked with the
platform (the text carries ``marker``), and sent again when it did not arrive or the platform cannot say.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from bot.actions import Button, Card, DirectMessage, Seen, SentCheck
from bot.logs import user_ref
from bot.storage.database import Database
from bot.storage.storable import fit
from bot.storage.tables import outbox_messages

if TYPE_CHECKING:
    from bot.core import Context
    from bot.reports.outbox import OutboxTiming

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted while sending; checking with the platform"


def card_to_json(card: Card | None) -> dict[str, Any] | None:
    if card is None:
        return None
    return {
        "title": card.title,
        "body": card.body,
        "quote": card.quote,
        "fields": [list(f) for f in card.fields],
        "footer": card.footer,
        "colour": card.colour,
        "buttons": [[b.label, b.command, b.text, b.style, b.prompt] for b in card.buttons],
    }


def card_from_json(data: Mapping[str, Any] | None) -> Card | None:
    if not data:
        return None
    return Card(
        title=str(data.get("title") or ""),
        body=str(data.get("body") or ""),
        quote=str(data.get("quote") or ""),
        fields=tuple((str(a), str(b)) for a, b in data.get("fields") or ()),
        footer=str(data.get("footer") or ""),
        colour=str(data.get("colour") or ""),
        buttons=tuple(
            Button(str(a), str(b), str(c), str(d), bool(e and e[0])) for a, b, c, d, *e in data.get("buttons") or ()
        ),
    )


def parcel_row(
    kind: str, marker: str, platform: str, user_id: str, text: str, card: Card | None, now: datetime, dialect: str
) -> dict[str, Any]:
    """The values of one queued direct message, for an insert into ``outbox_messages`` in the caller's transaction."""
    values = fit(outbox_messages, {"kind": kind, "marker": marker, "platform": platform, "user_id": user_id}, dialect)
    text_values = fit(outbox_messages, {"text": text}, dialect)
    return (
        values
        | text_values
        | {
            "card": card_to_json(card),
            "created_at": now,
            "state": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "checks": 0,
        }
    )


class Parcels:
    """The ``outbox_messages`` rows: their state changes (conditional updates, as in the case outbox) and delivery."""

    def __init__(self, db: Database, timing: OutboxTiming) -> None:
        self.db = db
        self.timing = timing

    async def run_once(self, ctx: Context) -> int:
        """Settle interrupted sends, then deliver what is due; returns how many were delivered."""
        now = ctx.clock()
        expire = (
            update(outbox_messages)
            .where(outbox_messages.c.state == "sending", outbox_messages.c.lease_until < now)
            .values(state="unknown", lease_until=None, last_error=INTERRUPTED)
        )
        async with self.db.tx() as conn:
            interrupted = (await conn.execute(expire)).rowcount
        if interrupted:
            log.warning("%d queued message(s) were interrupted mid-send; checking with the platform", interrupted)
        await self._settle_unknown(ctx)
        return await self.deliver_due(ctx)

    async def _rows(self, state: str, now: datetime, marker: str = "") -> list[dict[str, Any]]:
        query = select(outbox_messages).where(
            outbox_messages.c.state == state, outbox_messages.c.next_attempt_at <= now
        )
        if marker:
            query = query.where(outbox_messages.c.marker == marker)
        query = query.order_by(outbox_messages.c.next_attempt_at, outbox_messages.c.id).limit(100)
        async with self.db.tx() as conn:
            return [dict(r) for r in (await conn.execute(query)).mappings().all()]

    async def _set(self, row_id: int, when_state: str, values: dict[str, Any]) -> bool:
        query = (
            update(outbox_messages)
            .where(outbox_messages.c.id == row_id, outbox_messages.c.state == when_state)
            .values(**values)
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    async def _settle_unknown(self, ctx: Context) -> None:
        for row in await self._rows("unknown", ctx.clock()):
            since = row["created_at"] - timedelta(seconds=5)
            result = await ctx.check_sent(SentCheck(row["platform"], row["user_id"], row["marker"], since))
            now = ctx.clock()
            if result.seen is Seen.FOUND:
                await self._set(row["id"], "unknown", {"state": "sent", "sent_at": now, "platform_ref": result.ref})
            elif result.seen is Seen.NOT_FOUND or row["checks"] + 1 >= self.timing.check_attempts:
                await self._set(row["id"], "unknown", {"state": "pending", "next_attempt_at": now})
            else:
                when = now + self.timing.backoff(row["checks"] + 1)
                await self._set(row["id"], "unknown", {"checks": row["checks"] + 1, "next_attempt_at": when})

    async def deliver_due(self, ctx: Context, *, marker: str = "") -> int:
        """Send every due row (only those carrying ``marker``, if given)."""
        sent = 0
        for row in await self._rows("pending", ctx.clock(), marker):
            if await self._deliver(row, ctx):
                sent += 1
        return sent

    async def _deliver(self, row: dict[str, Any], ctx: Context) -> bool:
        now = ctx.clock()
        lease = now + timedelta(seconds=self.timing.lease)
        if not await self._set(
            row["id"], "pending", {"state": "sending", "lease_until": lease, "attempts": row["attempts"] + 1}
        ):
            return False  # another worker has it
        who = user_ref(row["platform"], row["user_id"])
        key = f"{row['marker']}:m{row['id']}"[:25]
        message = DirectMessage(row["platform"], row["user_id"], row["text"], card_from_json(row["card"]), key=key)
        try:
            delivery = await asyncio.wait_for(ctx.send(message), self.timing.send_timeout)
        except TimeoutError:
            await self._set(row["id"], "sending", {"state": "unknown", "lease_until": None, "last_error": "timed out"})
            log.warning("queued %s message %s to %s timed out; outcome unknown", row["kind"], row["marker"], who)
            return False
        if delivery.ok:
            values = {"state": "sent", "sent_at": ctx.clock(), "lease_until": None, "platform_ref": delivery.ref[:128]}
            await self._set(row["id"], "sending", values)
            log.info("queued %s message %s delivered to %s", row["kind"], row["marker"], who)
            return True
        attempts = row["attempts"] + 1
        give_up = attempts >= self.timing.max_attempts
        await self._set(
            row["id"],
            "sending",
            {
                "state": "failed" if give_up else "pending",
                "next_attempt_at": ctx.clock() + self.timing.backoff(attempts),
                "lease_until": None,
                "last_error": f"{delivery.status}: {delivery.reason}"[:256],
            },
        )
        log.warning("queued %s message %s to %s not delivered (%s)", row["kind"], row["marker"], who, delivery.status)
        return False

    async def states(self, marker: str) -> list[tuple[str, str, str]]:
        """(user id, kind, state) of every message carrying ``marker``: for a lead's view and for tests."""
        query = select(outbox_messages.c.user_id, outbox_messages.c.kind, outbox_messages.c.state).where(
            outbox_messages.c.marker == marker
        )
        async with self.db.tx() as conn:
            return [(r[0], r[1], r[2]) for r in (await conn.execute(query.order_by(outbox_messages.c.id))).all()]

    async def purge(self, sent_before: datetime) -> int:
        """Sent (or given-up) messages older than the retention period: their text goes with them."""
        query = delete(outbox_messages).where(
            outbox_messages.c.state.in_(("sent", "failed")), outbox_messages.c.created_at < sent_before
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount
