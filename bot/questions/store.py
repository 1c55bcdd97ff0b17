"""Policy questions, what their askers thought of the answers, hand-offs, and learned phrasings.

A row is written for every answer so the leads can see counts (``/stats``); it carries no text and
names nobody until its asker marks the answer or hands the question on. A hand-off and the messages
that carry it to the people who answer are written in one transaction (bot.reports.messages), and the
reference numbers the handed-off questions only (taken inside that transaction; the unique column
makes a second process that took the same number at the same moment try the next).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.actions import Card
from bot.questions.render import answer_marker
from bot.reports.messages import MessageOutbox
from bot.storage.database import Database, StoreUnavailable
from bot.storage.storable import fit_values
from bot.storage.tables import learned_phrasings, messages, questions

ANSWERED = "answered"
NOT_COVERED = "not_covered"
HELPFUL = "helpful"
QUESTION_MESSAGE, ANSWER_MESSAGE = "question", "answer"  # kinds of the messages outbox's rows (bot.reports.messages)
WRONG = "wrong"
#: A question's ``key`` as buttons carry it: "q" and ten characters, unguessable, carrying nothing about it.
KEY_LENGTH = 11


def new_key() -> str:
    return "q" + secrets.token_hex(5)


def reference(seq: int, at: datetime) -> str:
    """``Q-2026-0001``: the handed-off questions numbered in order (not every question asked, which is private)."""
    return f"Q-{at.year}-{seq:04d}"


@dataclass(frozen=True, slots=True)
class Asker:
    platform: str
    user_id: str
    channel_id: str = ""
    channel_kind: str = ""
    workspace_id: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    id: int
    key: str
    ref: str
    asked_at: datetime
    platform: str
    outcome: str
    policy: str
    clause: str
    feedback: str
    text: str
    asker: Asker | None
    handed_off_at: datetime | None
    answered_at: datetime | None
    answer_text: str
    taught_clause: str


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A direct message to queue with a change: to whom, and what (its text carries ``marker``)."""

    platform: str
    user_id: str
    text: str
    card: Card | None = None


def _question(row: Any) -> Question:
    asker = None
    if row["asker_id"]:
        asker = Asker(
            row["platform"], row["asker_id"], row["asker_channel_id"], row["asker_channel_kind"], row["workspace_id"]
        )
    return Question(
        id=row["id"],
        key=row["key"],
        ref=row["ref"] or "",
        asked_at=row["asked_at"],
        platform=row["platform"],
        outcome=row["outcome"],
        policy=row["policy"],
        clause=row["clause"],
        feedback=row["feedback"],
        text=row["text"] or "",
        asker=asker,
        handed_off_at=row["handed_off_at"],
        answered_at=row["answered_at"],
        answer_text=row["answer_text"] or "",
        taught_clause=row["taught_clause"],
    )


class QuestionStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.messages = MessageOutbox(db)  # the reports' messages outbox: the escalation worker delivers it

    async def record(self, platform: str, outcome: str, policy: str, clause: str, now: datetime) -> str:
        """A row for one answer given, with no text and nobody named; returns its key for the buttons."""
        key = new_key()
        values = {"key": key, "asked_at": now, "platform": platform, "outcome": outcome}
        values |= {"policy": policy, "clause": clause, "feedback": ""}
        async with self.db.tx() as conn:
            await conn.execute(insert(questions).values(**fit_values(questions, values, self.db.dialect).values))
        return key

    async def by_key(self, key: str) -> Question | None:
        return await self._one(questions.c.key == key)

    async def by_ref(self, ref: str) -> Question | None:
        return await self._one(questions.c.ref == ref.upper())

    async def _one(self, where: Any) -> Question | None:
        async with self.db.tx() as conn:
            row = (await conn.execute(select(questions).where(where))).mappings().first()
        return None if row is None else _question(row)

    async def mark(self, key: str, feedback: str, text: str, now: datetime) -> bool:
        """The asker's verdict on an answer, with the (scrubbed) question when it is known; False if no such row."""
        values: dict[str, Any] = {"feedback": feedback, "feedback_at": now}
        if text:
            values["text"] = text
        fitted = fit_values(questions, values, self.db.dialect)
        async with self.db.tx() as conn:
            query = update(questions).where(questions.c.key == key).values(**fitted.values, altered=fitted.altered)
            return (await conn.execute(query)).rowcount == 1

    async def hand_off(
        self, key: str, text: str, asker: Asker, now: datetime, message: Any, recipients: Sequence[tuple[str, str]]
    ) -> Question | None:
        """Store the question with its asker and queue it to ``recipients`` ((platform, user id)), all or nothing.

        ``message(ref) -> (text, card)`` renders what they are sent. An already handed-off question keeps its
        reference and is not sent again. None when there is no such row.
        """
        for attempt in range(3):
            try:
                return await self._hand_off(key, text, asker, now, message, recipients)
            except StoreUnavailable as exc:  # two hand-offs took the same number at once: take the next
                if "IntegrityError" not in str(exc) or attempt == 2:
                    raise
        return None  # pragma: no cover - the loop returns or raises

    async def _hand_off(
        self, key: str, text: str, asker: Asker, now: datetime, message: Any, recipients: Sequence[tuple[str, str]]
    ) -> Question | None:
        async with self.db.tx() as conn:
            row = (await conn.execute(select(questions).where(questions.c.key == key))).mappings().first()
            if row is None:
                return None
            if row["ref"]:
                return _question(row)
            seq = int((await conn.execute(select(func.coalesce(func.max(questions.c.seq), 0)))).scalar_one()) + 1
            ref = reference(seq, now)
            values = {
                "seq": seq,
                "ref": ref,
                "text": text,
                "asker_id": asker.user_id,
                "asker_channel_id": asker.channel_id,
                "asker_channel_kind": asker.channel_kind,
                "workspace_id": asker.workspace_id,
                "handed_off_at": now,
            }
            question = await self._update(conn, row["id"], values)
            body, card = message(question)
            for platform, user in recipients:
                await self.messages.enqueue(
                    conn,
                    kind=QUESTION_MESSAGE,
                    platform=platform,
                    text=body,
                    marker=ref,
                    now=now,
                    user_id=user,
                    card=card,
                )
        return question

    async def _update(self, conn: AsyncConnection, row_id: int, values: dict[str, Any]) -> Question:
        """Store ``values`` on a question (made storable, changes noted) and read it back."""
        fitted = fit_values(questions, values, self.db.dialect)
        query = update(questions).where(questions.c.id == row_id).values(**fitted.values, altered=fitted.altered)
        await conn.execute(query)
        return _question((await conn.execute(select(questions).where(questions.c.id == row_id))).mappings().one())

    async def answer(self, ref: str, text: str, by: str, now: datetime, message: Any) -> Question | None:
        """Record a person's answer and queue it to the asker, all or nothing; None when there is no such question.

        ``message(question) -> (text, card)`` renders what the asker is sent.
        """
        async with self.db.tx() as conn:
            row = (await conn.execute(select(questions).where(questions.c.ref == ref.upper()))).mappings().first()
            if row is None or not row["asker_id"]:
                return None
            values = {"answer_text": text, "answerer_name": by, "answered_at": now, "resolved_at": now}
            question = await self._update(conn, row["id"], values)
            body, card = message(question)
            asker = question.asker
            assert asker is not None
            await self.messages.enqueue(
                conn,
                kind=ANSWER_MESSAGE,
                platform=asker.platform,
                text=body,
                marker=answer_marker(question.ref),
                now=now,
                user_id=asker.user_id,
                card=card,
            )
        return question

    async def teach(self, question: Question, policy: str, clause: str, phrasing: str, by: str, now: datetime) -> None:
        """Keep ``phrasing`` (already scrubbed) as a learned phrasing of the clause, and mark the question taught."""
        values: dict[str, Any] = {"policy": policy, "clause": clause, "phrasing": phrasing}
        values |= {"question_ref": question.ref, "taught_at": now, "taught_by": by}
        async with self.db.tx() as conn:
            await conn.execute(
                insert(learned_phrasings).values(**fit_values(learned_phrasings, values, self.db.dialect).values)
            )
            done = {"taught_at": now, "taught_policy": policy, "taught_clause": clause}
            await conn.execute(
                update(questions)
                .where(questions.c.id == question.id)
                .values(**done, resolved_at=func.coalesce(questions.c.resolved_at, now))
            )

    async def learned(self, policy: str = "") -> list[tuple[str, str, str]]:
        """Every learned (policy, clause, phrasing), oldest first; one policy's when ``policy`` is given."""
        query = select(learned_phrasings.c.policy, learned_phrasings.c.clause, learned_phrasings.c.phrasing)
        if policy:
            query = query.where(learned_phrasings.c.policy == policy)
        async with self.db.tx() as conn:
            rows = (await conn.execute(query.order_by(learned_phrasings.c.id))).all()
        return [(r[0], r[1], r[2]) for r in rows]

    async def counts(self, since: datetime) -> dict[str, int]:
        """How many questions since ``since``: asked, answered, not covered, helpful, not, handed off, taught."""
        c = questions.c
        columns = {
            "asked": func.count(c.id),
            "answered": func.count(c.id).filter(c.outcome == ANSWERED),
            "not_covered": func.count(c.id).filter(c.outcome == NOT_COVERED),
            "helpful": func.count(c.id).filter(c.feedback == HELPFUL),
            "not_helpful": func.count(c.id).filter(c.feedback == WRONG),
            "handed_off": func.count(c.id).filter(c.handed_off_at.is_not(None)),
            "taught": func.count(c.id).filter(c.taught_at.is_not(None)),
        }
        query = select(*(v.label(k) for k, v in columns.items())).where(c.asked_at >= since)
        async with self.db.tx() as conn:
            row = (await conn.execute(query)).mappings().one()
        return {k: int(row[k] or 0) for k in columns}

    async def purge(self, now: datetime, retention_days: int, keep_counts_days: int = 31) -> int:
        """Resolved questions past retention lose text and asker; unmarked rows go after the counts' window."""
        c = questions.c
        cutoff = now - timedelta(days=retention_days)
        done = or_(c.resolved_at < cutoff, and_(c.ref.is_(None), c.feedback_at < cutoff))
        forget = (
            update(questions)
            .where(done, or_(c.text.is_not(None), c.asker_id != ""))
            .values(text=None, answer_text=None, asker_id="", asker_channel_id="", answerer_name="")
        )
        bare = and_(c.ref.is_(None), c.asked_at < now - timedelta(days=max(retention_days, keep_counts_days)))
        # the messages that carried a question and its answer hold their text too: delivered ones go as well
        carried = and_(
            messages.c.kind.in_((QUESTION_MESSAGE, ANSWER_MESSAGE)),
            messages.c.case_id.is_(None),
            messages.c.state.in_(("sent", "failed")),
            messages.c.created_at < cutoff,
        )
        async with self.db.tx() as conn:
            forgotten = (await conn.execute(forget)).rowcount
            await conn.execute(delete(questions).where(bare))
            await conn.execute(delete(messages).where(carried))
        return int(forgotten)
