"""The moderation warnings record, kept in the bot's one database beside the cases.

Implements :class:`bot.moderation.records.WarningLog`. A record holds who, where,
which kinds and clauses, and a link: never the post's text. Ids or a link the
database cannot hold as given are stored changed, and the row's ``altered``
says so (see :mod:`bot.storage.storable`).
"""

from __future__ import annotations

from sqlalchemy import insert, select

from bot.moderation.records import WarningRecord
from bot.storage.database import Database
from bot.storage.storable import decode_changes, fit_values
from bot.storage.tables import warnings


class WarningStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record_warning(self, record: WarningRecord) -> None:
        async with self.db.tx() as conn:
            fitted = fit_values(
                warnings,
                dict(
                    platform=record.platform,
                    workspace_id=record.workspace_id,
                    channel_id=record.channel_id,
                    message_id=record.message_id,
                    user_id=record.user_id,
                    kinds=list(record.kinds),
                    clauses=list(record.clauses),
                    permalink=record.permalink,
                    created_at=record.created_at,
                    delivered=record.delivered,
                    lead_notified=record.lead_notified,
                ),
                self.db.dialect,
            )
            await conn.execute(insert(warnings).values(**fitted.values, altered=fitted.altered))

    async def warned_kinds(self, platform: str, channel_id: str, message_id: str) -> frozenset[str]:
        query = select(warnings.c.kinds).where(
            warnings.c.platform == platform, warnings.c.channel_id == channel_id, warnings.c.message_id == message_id
        )
        async with self.db.tx() as conn:
            rows = (await conn.execute(query)).scalars().all()
        return frozenset(kind for kinds in rows for kind in kinds)

    async def recent_warnings(self, limit: int = 20) -> list[WarningRecord]:
        query = select(warnings).order_by(warnings.c.created_at.desc(), warnings.c.id.desc()).limit(limit)
        async with self.db.tx() as conn:
            rows = (await conn.execute(query)).mappings().all()
        return [
            WarningRecord(
                platform=r["platform"],
                workspace_id=r["workspace_id"],
                channel_id=r["channel_id"],
                message_id=r["message_id"],
                user_id=r["user_id"],
                kinds=tuple(r["kinds"]),
                clauses=tuple(r["clauses"]),
                permalink=r["permalink"],
                created_at=r["created_at"],
                delivered=bool(r["delivered"]),
                lead_notified=bool(r["lead_notified"]),
                altered=decode_changes(r["altered"]),
            )
            for r in rows
        ]
