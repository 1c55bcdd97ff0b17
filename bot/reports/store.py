"""The case store: reports, their audit trail and the delivery outbox.

One SQLAlchemy Core code path over two drivers (SQLite by default, PostgreSQL
when ``DATABASE_URL`` is set). A case, its "created" event and its outbox rows
are written in one transaction, and the readable reference is made from the id
the database issued inside that transaction, never from a counter read first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.actions import Card
from bot.events import Attachment, ReportedPost
from bot.reports._outbox_table import OutboxTable, to_item
from bot.reports.messages import MessageOutbox
from bot.reports.models import Case, CaseEvent, NewCase, OutboxItem, Reporter, reference
from bot.reports.reporters import ReporterContacts
from bot.storage import Database, StoreUnavailable, open_database
from bot.storage.storable import Change, decode_changes, fit, fit_values
from bot.storage.tables import case_events, case_reporters, cases, messages, outbox

#: Builds the messages a trail entry carries, from the entry's id and its text as stored; run inside the
#: transaction that adds the entry, so the entry and its messages are stored together or not at all.
Compose = Callable[[int, str], Sequence["Outgoing"]]


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to enqueue with a trail entry (see :meth:`CaseStore.add_with_messages`)."""

    platform: str
    text: str
    marker: str
    recipient: str = "user"
    user_id: str = ""
    user_name: str = ""
    card: Card | None = None


__all__ = ["CaseStore", "Outgoing", "StoreUnavailable", "open_store"]

log = logging.getLogger(__name__)


async def open_store(url: str, *, schema: str = "") -> CaseStore:
    """Open the database (see :func:`bot.storage.open_database`) and keep cases in it."""
    return CaseStore(await open_database(url, schema=schema))


class CaseStore:
    """Everything the escalation feature keeps, in the bot's one database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.outbox = OutboxTable(db)
        self.messages = MessageOutbox(db)
        self.reporters = ReporterContacts(db)

    @property
    def dialect(self) -> str:
        return self.db.dialect

    async def aclose(self) -> None:
        await self.db.aclose()

    # -- cases -------------------------------------------------------------------------------

    async def create_case(self, new: NewCase, now: datetime) -> Case:
        """Store a report with its evidence and one outbox row per lead, all or nothing.

        The reporter is recorded apart (:mod:`bot.reports.reporters`); an anonymous report's case row and trail
        keep their platform only.
        """
        r, post = new.reporter, new.post
        named = Reporter(r.platform, "", workspace_id=r.workspace_id) if new.anonymous else r
        values: dict[str, Any] = {
            "status": "open",
            "created_at": now,
            "platform": r.platform,
            "workspace_id": r.workspace_id,
            "reporter_id": named.user_id,
            "reporter_name": named.name,
            "reporter_channel_id": named.channel_id,
            "reporter_channel_kind": named.channel_kind,
            "anonymous": new.anonymous,
            "category": new.category,
            "category_suggested": new.category_suggested,
            "text": new.text,
            "has_post": post is not None,
        }
        if post is not None:
            values |= {
                "post_text": post.text,
                "post_author_id": post.author_id,
                "post_author_name": post.author_name,
                "post_channel_id": post.channel_id,
                "post_channel_name": post.channel_name,
                "post_time": post.posted_at,
                "post_permalink": post.permalink,
                "post_attachments": _files(post),
            }
        dialect = self.db.dialect
        fitted = fit_values(cases, values, dialect)
        async with self.db.tx() as conn:
            query = insert(cases).values(**fitted.values, altered=fitted.altered)
            inserted = (await conn.execute(query)).inserted_primary_key
            if inserted is None:  # pragma: no cover - both drivers return the key of a single-row insert
                raise StoreUnavailable("the database issued no case id")
            case_id = int(inserted[0])
            ref = reference(case_id, now)
            await conn.execute(update(cases).where(cases.c.id == case_id).values(ref=ref))
            await self.reporters.add(conn, case_id, r)
            await self._insert_event(conn, case_id, now, "created", r.platform, named.user_id, named.name, "")
            # Lead names come from the deployment, not from a reporter: fitted, with nothing to record.
            rows = [
                fit(outbox, {"case_id": case_id, "platform": r.platform, "lead_id": lead, "lead_name": name}, dialect)
                | {"state": "pending", "attempts": 0, "next_attempt_at": now}
                for lead, name in dict(new.lead_ids).items()
            ]
            if rows:
                await conn.execute(insert(outbox), rows)
            # The case as stored, not as given: what the leads are sent is what the store holds.
            stored = (await conn.execute(select(cases).where(cases.c.id == case_id))).mappings().one()
        if fitted.changes:
            log.warning("case %s stored with text altered (%s)", ref, fitted.altered)
        return _to_case(stored)

    async def get_case(self, ref: str) -> Case | None:
        """A case with its audit trail and delivery states, or None."""
        async with self.db.tx() as conn:
            row = (await conn.execute(select(cases).where(cases.c.ref == ref))).mappings().first()
            if row is None:
                return None
            events = (
                await conn.execute(
                    select(case_events)
                    .where(case_events.c.case_id == row["id"])
                    .order_by(case_events.c.at, case_events.c.id)
                )
            ).mappings()
            items = (
                await conn.execute(select(outbox).where(outbox.c.case_id == row["id"]).order_by(outbox.c.id))
            ).mappings()
            trail = tuple(
                CaseEvent(
                    e["at"],
                    e["kind"],
                    e["actor_platform"],
                    e["actor_id"],
                    e["actor_name"],
                    e["text"],
                    decode_changes(e["altered"]),
                    e["id"],
                )
                for e in events
            )
            deliveries = tuple(to_item(i) for i in items)
            relayed = tuple(await self.messages.of_case(conn, row["id"]))
            return _to_case(row, events=trail, deliveries=deliveries, messages=relayed)

    # -- the reporter's acknowledgement, sent through the outbox so it survives a crash ---------------

    async def unacknowledged(self, now: datetime, created_after: datetime, limit: int = 100) -> list[Case]:
        """Cases whose reporter has not been told yet and whose acknowledgement nobody is sending."""
        free = or_(cases.c.ack_lease_until.is_(None), cases.c.ack_lease_until < now)
        query = (
            select(cases)
            .where(cases.c.acked_at.is_(None), cases.c.created_at > created_after, free)
            .order_by(cases.c.id)
            .limit(limit)
        )
        async with self.db.tx() as conn:
            return [_to_case(r) for r in (await conn.execute(query)).mappings().all()]

    async def claim_ack(self, case_id: int, now: datetime, lease_until: datetime) -> bool:
        """Take the acknowledgement for sending (committed first); False if sent or someone else has it."""
        free = or_(cases.c.ack_lease_until.is_(None), cases.c.ack_lease_until < now)
        query = (
            update(cases)
            .where(cases.c.id == case_id, cases.c.acked_at.is_(None), free)
            .values(ack_lease_until=lease_until)
        )
        async with self.db.tx() as conn:
            return (await conn.execute(query)).rowcount == 1

    async def mark_acked(self, case_id: int, now: datetime) -> None:
        async with self.db.tx() as conn:
            await conn.execute(update(cases).where(cases.c.id == case_id).values(acked_at=now, ack_lease_until=None))

    async def retry_ack_after(self, case_id: int, when: datetime) -> None:
        """A failed acknowledgement: try again once ``when`` has passed (the lease doubles as the back-off)."""
        async with self.db.tx() as conn:
            await conn.execute(
                update(cases).where(cases.c.id == case_id, cases.c.acked_at.is_(None)).values(ack_lease_until=when)
            )

    async def case_by_id(self, case_id: int) -> Case | None:
        async with self.db.tx() as conn:
            row = (await conn.execute(select(cases).where(cases.c.id == case_id))).mappings().first()
        return None if row is None else _to_case(row)

    async def open_cases(self, limit: int = 50) -> list[Case]:
        """Open cases, oldest first, with delivery states for a summary line."""
        async with self.db.tx() as conn:
            query = select(cases).where(cases.c.status == "open").order_by(cases.c.id).limit(limit)
            rows = (await conn.execute(query)).mappings().all()
            ids = [r["id"] for r in rows]
            items = (await conn.execute(select(outbox).where(outbox.c.case_id.in_(ids)))).mappings().all()
        by_case: dict[int, list[OutboxItem]] = {}
        for item in items:
            by_case.setdefault(item["case_id"], []).append(to_item(item))
        return [_to_case(r, deliveries=tuple(by_case.get(r["id"], ()))) for r in rows]

    async def record_event(
        self, case_id: int, at: datetime, kind: str, actor: Reporter, text: str = ""
    ) -> tuple[Change, ...]:
        """Append to a case's audit trail: who did what, and when; returns how the stored text had to differ."""
        async with self.db.tx() as conn:
            _, changes, _ = await self._insert_event(
                conn, case_id, at, kind, actor.platform, actor.user_id, actor.name, text
            )
            return changes

    async def add_with_messages(
        self, case_id: int, at: datetime, kind: str, actor: Reporter, text: str, compose: Compose, *, message_kind: str
    ) -> tuple[int, tuple[Change, ...]]:
        """A trail entry and the messages that carry it, in one transaction: stored together before anyone is told.

        Returns the entry's id and how its stored text had to differ from ``text``.
        """
        async with self.db.tx() as conn:
            event_id, changes, stored = await self._insert_event(
                conn, case_id, at, kind, actor.platform, actor.user_id, actor.name, text
            )
            for out in compose(event_id, stored):
                await self.messages.enqueue(
                    conn,
                    kind=message_kind,
                    platform=out.platform,
                    text=out.text,
                    marker=out.marker,
                    now=at,
                    recipient=out.recipient,
                    user_id=out.user_id,
                    user_name=out.user_name,
                    card=out.card,
                    case_id=case_id,
                    case_event_id=event_id,
                )
        return event_id, changes

    async def resolve(self, case_id: int, at: datetime, actor: Reporter, text: str) -> bool:
        """Close an open case and record who closed it; False when it was already resolved."""
        async with self.db.tx() as conn:
            query = (
                update(cases)
                .where(cases.c.id == case_id, cases.c.status == "open")
                .values(status="resolved", resolved_at=at)
            )
            if (await conn.execute(query)).rowcount != 1:
                return False
            await self._insert_event(conn, case_id, at, "resolved", actor.platform, actor.user_id, actor.name, text)
            return True

    async def purge_resolved(self, resolved_before: datetime) -> int:
        """Delete cases resolved before the cut-off, with their outbox rows and trail. Open cases stay."""
        old = select(cases.c.id).where(cases.c.status == "resolved", cases.c.resolved_at < resolved_before)
        async with self.db.tx() as conn:
            ids = list((await conn.execute(old)).scalars().all())
            if not ids:
                return 0
            await conn.execute(delete(outbox).where(outbox.c.case_id.in_(ids)))
            await conn.execute(delete(messages).where(messages.c.case_id.in_(ids)))
            await conn.execute(delete(case_reporters).where(case_reporters.c.case_id.in_(ids)))
            await conn.execute(delete(case_events).where(case_events.c.case_id.in_(ids)))
            await conn.execute(delete(cases).where(cases.c.id.in_(ids), cases.c.status == "resolved"))
        return len(ids)

    async def _insert_event(
        self,
        conn: AsyncConnection,
        case_id: int,
        at: datetime,
        kind: str,
        platform: str,
        user_id: str,
        name: str,
        text: str,
    ) -> tuple[int, tuple[Change, ...], str]:
        """The new entry's id, the changes its text needed, and its text as stored."""
        values = {"case_id": case_id, "at": at, "kind": kind, "actor_platform": platform}
        values |= {"actor_id": user_id, "actor_name": name, "text": text}
        fitted = fit_values(case_events, values, self.db.dialect)
        inserted = (
            await conn.execute(insert(case_events).values(**fitted.values, altered=fitted.altered))
        ).inserted_primary_key
        if fitted.changes:
            log.warning("case event (%s) stored with text altered (%s)", kind, fitted.altered)
        return (int(inserted[0]) if inserted is not None else 0), fitted.changes, str(fitted.values["text"])


def _files(post: ReportedPost) -> list[object]:
    """What is stored of a post's files: name, type, size and link (only names, for a snapshot without more)."""
    described: list[object] = [a.as_record() for a in post.attachments]
    return described or list(post.attachment_names)


def _to_case(row: Any, **extra: Any) -> Case:
    post = None
    files = tuple(Attachment.from_record(a) for a in row["post_attachments"] or ())
    if row["has_post"]:
        post = ReportedPost(
            text=row["post_text"] or "",
            author_id=row["post_author_id"] or "",
            author_name=row["post_author_name"] or "",
            channel_id=row["post_channel_id"] or "",
            channel_name=row["post_channel_name"] or "",
            posted_at=row["post_time"],
            permalink=row["post_permalink"] or "",
            attachment_names=tuple(a.name for a in files),
            attachments=files if any(isinstance(a, dict) for a in row["post_attachments"] or ()) else (),
        )
    reporter = Reporter(
        row["platform"],
        row["reporter_id"],
        row["reporter_name"],
        row["reporter_channel_id"],
        row["workspace_id"],
        row["reporter_channel_kind"] or "",
    )
    return Case(
        id=row["id"],
        ref=row["ref"],
        status=row["status"],
        created_at=row["created_at"],
        reporter=reporter,
        category=row["category"],
        text=row["text"],
        post=post,
        resolved_at=row["resolved_at"],
        acked_at=row["acked_at"],
        altered=decode_changes(row["altered"]),
        anonymous=bool(row["anonymous"]),
        category_suggested=bool(row["category_suggested"]),
        **extra,
    )
