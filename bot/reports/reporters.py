"""How to reach a case's reporter: the one place their identity is read when they asked not to be named.

Only reporter-facing work uses this module: the acknowledgement, the phone notice,
delivering a lead's message to them, and checking that a ``/reply`` (or a reply
in the thread of a relayed message) comes from the case's reporter. Nothing a
Safeguard Lead is sent or shown is built from it; ``tests/test_anonymous.py``
holds the code to that (only this module and the schema name the table).
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.reports.models import Reporter
from bot.storage.database import Database
from bot.storage.storable import fit
from bot.storage.tables import case_reporters


class ReporterContacts:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, conn: AsyncConnection, case_id: int, reporter: Reporter) -> None:
        """Record the reporter in the transaction that stores their case."""
        values = {
            "case_id": case_id,
            "platform": reporter.platform,
            "user_id": reporter.user_id,
            "name": reporter.name,
            "channel_id": reporter.channel_id,
            "channel_kind": reporter.channel_kind,
            "workspace_id": reporter.workspace_id,
        }
        await conn.execute(insert(case_reporters).values(**fit(case_reporters, values, self.db.dialect)))

    async def of_case(self, case_id: int) -> Reporter | None:
        query = select(case_reporters).where(case_reporters.c.case_id == case_id)
        async with self.db.tx() as conn:
            row = (await conn.execute(query)).mappings().first()
        if row is None:
            return None
        return Reporter(
            row["platform"], row["user_id"], row["name"], row["channel_id"], row["workspace_id"], row["channel_kind"]
        )

    async def is_reporter(self, case_id: int, platform: str, user_id: str) -> bool:
        found = await self.of_case(case_id)
        return found is not None and found.platform == platform and found.user_id == user_id
