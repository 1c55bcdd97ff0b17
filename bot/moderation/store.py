"""The moderation warnings record and the leads' allow list, kept in the bot's one database beside the cases.

Implements :class:`bot.moderation.records.WarningLog`. A record holds who, where,
which kinds and clauses, a link and the files' descriptions: never the post's text.
Ids or a link the database cannot hold as given are stored changed, and the row's
``altered`` says so (see :mod:`bot.storage.storable`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from bot.events import Attachment
from bot.moderation.records import AllowEntry, WarningRecord
from bot.storage.database import Database
from bot.storage.storable import decode_changes, fit, fit_values
from bot.storage.tables import allowed_values, warnings


class WarningStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record_warning(self, record: WarningRecord) -> int:
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
                    thread_id=record.thread_id,
                    attachments=[a.as_record() for a in record.attachments],
                    status=record.status,
                ),
                self.db.dialect,
            )
            inserted = await conn.execute(insert(warnings).values(**fitted.values, altered=fitted.altered))
            key = inserted.inserted_primary_key
            return int(key[0]) if key else 0

    async def mark_delivered(self, warning_id: int, delivered: bool, lead_notified: bool) -> None:
        query = update(warnings).where(warnings.c.id == warning_id)
        async with self.db.tx() as conn:
            await conn.execute(query.values(delivered=delivered, lead_notified=lead_notified))

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
        return [_to_record(r) for r in rows]

    async def get_warning(self, warning_id: int) -> WarningRecord | None:
        async with self.db.tx() as conn:
            row = (await conn.execute(select(warnings).where(warnings.c.id == warning_id))).mappings().first()
        return None if row is None else _to_record(row)

    async def set_status(self, warning_id: int, status: str, at: datetime, by: str, *, was: frozenset[str]) -> bool:
        query = (
            update(warnings)
            .where(warnings.c.id == warning_id, warnings.c.status.in_(sorted(was)))
            .values(status=status, status_at=at, status_by=fit(warnings, {"status_by": by})["status_by"])
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    # -- the allow list ---------------------------------------------------------------------------

    async def allowed(self) -> list[AllowEntry]:
        async with self.db.tx() as conn:
            rows = (await conn.execute(select(allowed_values).order_by(allowed_values.c.id))).mappings().all()
        return [_to_entry(r) for r in rows]

    async def allow(self, entry: AllowEntry) -> bool:
        values = fit(
            allowed_values,
            {
                "kind": entry.kind,
                "value": entry.value,
                "value_key": entry.key,
                "added_at": entry.added_at,
                "added_by_platform": entry.added_by_platform,
                "added_by_id": entry.added_by_id,
                "warning_id": entry.warning_id,
            },
            self.db.dialect,
        )
        same = select(allowed_values.c.id).where(
            allowed_values.c.kind == values["kind"], allowed_values.c.value_key == values["value_key"]
        )
        async with self.db.tx() as conn:
            if (await conn.execute(same)).first() is not None:
                return False
            await conn.execute(insert(allowed_values).values(**values))
        return True

    async def remove_allowed(self, entry_id: int) -> AllowEntry | None:
        async with self.db.tx() as conn:
            row = (await conn.execute(select(allowed_values).where(allowed_values.c.id == entry_id))).mappings().first()
            if row is None:
                return None
            await conn.execute(delete(allowed_values).where(allowed_values.c.id == entry_id))
        return _to_entry(row)


def _to_record(r: Any) -> WarningRecord:
    return WarningRecord(
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
        id=int(r["id"]),
        thread_id=r["thread_id"] or "",
        attachments=tuple(Attachment.from_record(a) for a in r["attachments"] or ()),
        status=r["status"] or "",
        status_at=r["status_at"],
        status_by=r["status_by"] or "",
    )


def _to_entry(r: Any) -> AllowEntry:
    return AllowEntry(
        kind=r["kind"],
        value=r["value"],
        key=r["value_key"],
        added_at=r["added_at"],
        added_by_platform=r["added_by_platform"],
        added_by_id=r["added_by_id"],
        warning_id=r["warning_id"],
        id=int(r["id"]),
    )
