"""Who can read each channel, kept in the bot's one database (table ``channel_exposure``, schema version 3).

One observation is compared with the stored records and written in one
transaction, so the changes returned are exactly what this call changed. Names,
ids, links and reasons only: never a post. Text the database cannot hold as
given is stored changed (see :mod:`bot.storage.storable`); these are platform
names, not reports, so no ``altered`` record is kept.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import RowMapping, delete, insert, select, update

from bot.events import ChannelExposureChanged
from bot.exposure.records import ExposureChange, ExposureRecord, merge
from bot.storage.database import Database
from bot.storage.storable import fit
from bot.storage.tables import channel_exposure

_FIELDS = tuple(c.name for c in channel_exposure.columns if c.name != "id")


def _record(row: RowMapping) -> ExposureRecord:
    values = {name: row[name] for name in _FIELDS}
    for flag in ("readable_by_outsiders", "watched", "bot_can_read"):
        values[flag] = bool(values[flag])
    return ExposureRecord(**values)


class ExposureStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def observe(self, event: ChannelExposureChanged, now: datetime) -> list[ExposureChange]:
        """Fold ``event`` into the records of its workspace; return every channel whose record changed."""
        t = channel_exposure
        where = (t.c.platform == event.platform, t.c.workspace_id == event.workspace_id)
        changes: list[ExposureChange] = []
        async with self.db.tx() as conn:
            rows = (await conn.execute(select(t).where(*where))).mappings().all()
            stored = {row["channel_id"]: (row["id"], _record(row)) for row in rows}
            seen: set[str] = set()
            for channel in event.channels:
                if not channel.channel_id or channel.channel_id in seen:
                    continue
                seen.add(channel.channel_id)
                row_id, before = stored.get(channel.channel_id, (None, None))
                after = merge(
                    event.platform,
                    event.workspace_id,
                    before,
                    channel,
                    initial=event.initial,
                    changed_at=event.changed_at,
                    now=now,
                )
                if after is before:
                    continue
                values = fit(t, {name: getattr(after, name) for name in _FIELDS}, self.db.dialect)
                if row_id is None:
                    await conn.execute(insert(t).values(**values))
                else:
                    await conn.execute(update(t).where(t.c.id == row_id).values(**values))
                changes.append(ExposureChange(before, after, event.initial))
            if event.complete:
                gone = [(row_id, record) for channel_id, (row_id, record) in stored.items() if channel_id not in seen]
                if gone:
                    await conn.execute(delete(t).where(t.c.id.in_([row_id for row_id, _ in gone])))
                changes.extend(ExposureChange(record, None, event.initial) for _, record in gone)
        return changes

    async def current(self) -> list[ExposureRecord]:
        """Every recorded channel, by platform, workspace and name."""
        t = channel_exposure
        query = select(t).order_by(t.c.platform, t.c.workspace_id, t.c.channel_name, t.c.channel_id)
        async with self.db.tx() as conn:
            return [_record(row) for row in (await conn.execute(query)).mappings().all()]
