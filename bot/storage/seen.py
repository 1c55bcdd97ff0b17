"""Platform deliveries already handled, kept in the database every bot process shares.

Slack retries an event it thinks was not answered in time, and two bot
processes on one database (two workers, or a restart between an event and its
retry) would otherwise both act on it. The first process to record the key
acts; the others see it is taken. Keys are a platform name and that platform's
delivery id, never content, and are forgotten after a day.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.storage.database import Database
from bot.storage.tables import seen_events

log = logging.getLogger(__name__)

KEEP = timedelta(days=1)  # Slack retries within minutes; a day is ample
PURGE_EVERY = timedelta(hours=1)


class SeenEventStore:
    """``first_time(key, now)`` is True for exactly one caller per key, across processes."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._last_purge: datetime | None = None

    async def first_time(self, key: str, now: datetime) -> bool:
        insert = pg_insert if self.db.dialect == "postgresql" else sqlite_insert
        query = insert(seen_events).values(key=key[:255], seen_at=now).on_conflict_do_nothing(index_elements=["key"])
        async with self.db.tx() as conn:
            first = (await conn.execute(query)).rowcount == 1
        if self._last_purge is None or now - self._last_purge >= PURGE_EVERY:
            self._last_purge = now
            await self.forget_before(now - KEEP)
        return first

    async def forget_before(self, cutoff: datetime) -> int:
        async with self.db.tx() as conn:
            forgotten = (await conn.execute(delete(seen_events).where(seen_events.c.seen_at < cutoff))).rowcount
        if forgotten:
            log.debug("forgot %d handled event id(s)", forgotten)
        return forgotten
