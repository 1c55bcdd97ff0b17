"""The store's tables, in SQLAlchemy Core, shared by SQLite and PostgreSQL.

One description of the schema serves both drivers, so the two can never drift
apart. Text enters through :func:`bot.storage.storable.fit_values`, and the
``altered`` columns (schema version 2) record where stored text differs from
what was given. Times are stored as naive UTC (see :class:`UTCDateTime`) because SQLite
has no time-zone type and string comparison of naive ISO times sorts correctly.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from bot.storage.storable import fit

__all__ = [
    "allowed_values",
    "case_events",
    "case_reporters",
    "cases",
    "channel_exposure",
    "fit",
    "ix_outbox_platform_ref",
    "learned_phrasings",
    "messages",
    "metadata",
    "outbox",
    "questions",
    "schema_version",
    "warnings",
]


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in Python, naive UTC in the database, identically on both drivers."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # an adapter's naive time: taken as UTC rather than losing a report
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always 1: a single row
    Column("version", Integer, nullable=False),
    Column("migrated_at", UTCDateTime, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    # AUTOINCREMENT on SQLite so a purged case's number is never issued again.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ref", String(32), unique=True),  # set from ``id`` inside the insert transaction
    Column("status", String(16), nullable=False, default="open"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("resolved_at", UTCDateTime),
    Column("platform", String(32), nullable=False),
    Column("workspace_id", String(64), nullable=False, default=""),
    Column("reporter_id", String(128), nullable=False),
    Column("reporter_name", String(256), nullable=False, default=""),
    Column("reporter_channel_id", String(128), nullable=False, default=""),
    Column("category", String(64), nullable=False),
    Column("text", Text, nullable=False, default=""),
    Column("has_post", Boolean, nullable=False, default=False),
    Column("post_text", Text),
    Column("post_author_id", String(128)),
    Column("post_author_name", String(256)),
    Column("post_channel_id", String(128)),
    Column("post_channel_name", String(256)),
    Column("post_time", UTCDateTime),
    Column("post_permalink", Text),
    Column("post_attachments", JSON),
    Column("reporter_warned_at", UTCDateTime),  # when told to phone the lead; at most once
    # Version 2: the reporter's acknowledgement goes through the outbox too, so it survives a crash.
    Column("reporter_channel_kind", String(16), nullable=False, default=""),  # dm, internal, shared
    Column("acked_at", UTCDateTime),  # when the reporter was told the case arrived
    Column("ack_lease_until", UTCDateTime),  # a claim on sending the acknowledgement
    Column("altered", String(512), nullable=False, default="", server_default=""),  # see bot.storage.storable
    # Version 4: the reporter asked not to be named. The reporter_* columns above are then empty; who they are is
    # kept in ``case_reporters`` alone, which nothing that a Safeguard Lead reads or is sent ever queries.
    Column("anonymous", Boolean, nullable=False, default=False, server_default="0"),
    # Version 5: the category was suggested from the report's words (the reporter chose none, or kept the suggestion)
    Column("category_suggested", Boolean, nullable=False, default=False, server_default="false"),
    sqlite_autoincrement=True,
)
Index("ix_cases_status_created", cases.c.status, cases.c.created_at)

case_events = Table(
    "case_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", String(16), nullable=False),  # created, viewed, note, resolved, to_reporter, from_reporter
    Column("actor_platform", String(32), nullable=False),
    Column("actor_id", String(128), nullable=False),
    Column("actor_name", String(256), nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    Column("altered", String(512), nullable=False, default="", server_default=""),  # see bot.storage.storable
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(32), nullable=False),
    Column("lead_id", String(128), nullable=False),  # the lead's user id on ``platform``
    Column("lead_name", String(256), nullable=False, default=""),
    Column("state", String(16), nullable=False),  # pending, sending, sent, unknown, failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("lease_until", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("platform_ref", String(128)),
    Column("last_error", String(256)),  # the adapter's reason, never message text
    Column("checks", Integer, nullable=False, default=0),  # version 2: platform look-ups after an interruption
    UniqueConstraint("case_id", "lead_id", name="uq_outbox_case_lead"),
)
Index("ix_outbox_state_next", outbox.c.state, outbox.c.next_attempt_at)
#: Version 4: which case a message the platform knows by id delivered (a reply in its thread answers the case).
ix_outbox_platform_ref = Index("ix_outbox_platform_ref", outbox.c.platform, outbox.c.platform_ref)

#: Version 2: platform deliveries already handled, shared by every bot process on this database, so a
#: retried event (Slack retries a late answer; two processes both receive it) is acted on once.
seen_events = Table(
    "seen_events",
    metadata,
    Column("key", String(255), primary_key=True),  # platform and its delivery id: no content
    Column("seen_at", UTCDateTime, nullable=False),
)
Index("ix_seen_events_seen_at", seen_events.c.seen_at)

warnings = Table(
    "warnings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(32), nullable=False),
    Column("workspace_id", String(64), nullable=False, default=""),
    Column("channel_id", String(128), nullable=False),
    Column("message_id", String(128), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("kinds", JSON, nullable=False),
    Column("clauses", JSON, nullable=False),
    Column("permalink", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("delivered", Boolean, nullable=False),
    Column("lead_notified", Boolean, nullable=False, default=False),
    Column("altered", String(512), nullable=False, default="", server_default=""),  # see bot.storage.storable
    # Version 5: the thread the post was in, its files (name, type, size, link: never content), and the
    # author's answer: "" (none), fixed, disputed, allowed or upheld, when, and by whom (a lead's id).
    Column("thread_id", String(128), nullable=False, default="", server_default=""),
    Column("attachments", JSON),
    Column("status", String(16), nullable=False, default="", server_default=""),
    Column("status_at", UTCDateTime),
    Column("status_by", String(128), nullable=False, default="", server_default=""),
)
Index("ix_warnings_post", warnings.c.platform, warnings.c.channel_id, warnings.c.message_id)
Index("ix_warnings_created", warnings.c.created_at)

#: Version 3: who can read each channel the platforms have told the bot about, so a Safeguard Lead can see which
#: channels outsiders can read and is told once when that changes (bot.exposure). Names and ids only, never posts.
channel_exposure = Table(
    "channel_exposure",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(32), nullable=False),
    Column("workspace_id", String(64), nullable=False, default=""),
    Column("channel_id", String(128), nullable=False),
    Column("channel_name", String(256), nullable=False, default=""),
    Column("link", Text, nullable=False, default=""),
    Column("readable_by_outsiders", Boolean, nullable=False),
    Column("reason", String(512), nullable=False, default=""),
    Column("watched", Boolean, nullable=False),
    Column("bot_can_read", Boolean, nullable=False),
    Column("problem", String(512), nullable=False, default=""),
    Column("first_seen_at", UTCDateTime, nullable=False),  # when the bot first recorded the channel
    Column("changed_at", UTCDateTime),  # when outsiders' access last changed; NULL: as it was when first seen
    Column("updated_at", UTCDateTime, nullable=False),  # when anything recorded here last changed
    UniqueConstraint("platform", "workspace_id", "channel_id", name="uq_channel_exposure_channel"),
)

#: Version 4: how to reach each case's reporter (their acknowledgement, the phone notice, the messages a lead sends
#: them, and checking that a ``/reply`` comes from them). Read only by :mod:`bot.reports.reporters`, so an anonymous
#: reporter's identity, which is nowhere else, never reaches a lead's message, view or the logs.
case_reporters = Table(
    "case_reporters",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, autoincrement=False),
    Column("platform", String(32), nullable=False),
    Column("user_id", String(128), nullable=False),
    Column("name", String(256), nullable=False, default=""),
    Column("channel_id", String(128), nullable=False, default=""),
    Column("channel_kind", String(16), nullable=False, default=""),
    Column("workspace_id", String(64), nullable=False, default=""),
)

#: Version 4: direct messages to one person, kept before they are sent and sent with the outbox's guarantees
#: (claimed before the send, checked with the platform after an interruption). Any feature may enqueue one; the
#: relay between a lead and a reporter is the first. ``recipient`` says who: ``user`` (``user_id`` on ``platform``)
#: or ``reporter`` (the reporter of ``case_id``, looked up when sending, so an anonymous reporter's id is not here).
messages = Table(
    "messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),  # what enqueued it, e.g. "relay"
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE")),  # NULL: not about a case
    Column("case_event_id", Integer),  # the trail entry it carries, if any
    Column("platform", String(32), nullable=False),
    Column("recipient", String(16), nullable=False, default="user"),  # user, reporter
    Column("user_id", String(128), nullable=False, default=""),  # "" for recipient "reporter"
    Column("user_name", String(256), nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("card", JSON),  # bot.actions.Card as data, or NULL
    Column("marker", String(64), nullable=False),  # in the text; found in a DM history after an interruption
    Column("created_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),  # pending, sending, sent, unknown, failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("lease_until", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("platform_ref", String(128)),  # the platform's id of the sent message (a reply in its thread answers it)
    Column("last_error", String(256)),
    Column("checks", Integer, nullable=False, default=0),
    Column("altered", String(512), nullable=False, default="", server_default=""),
)
Index("ix_messages_state_next", messages.c.state, messages.c.next_attempt_at)
Index("ix_messages_case", messages.c.case_id)
Index("ix_messages_platform_ref", messages.c.platform, messages.c.platform_ref)

#: Version 5: values a Safeguard Lead allowed after an author disputed a warning (the charity's public number,
#: a famous person who shares an attendee's name). Moderation never warns about them again; ``/allowed`` lists
#: them and removes one. ``value_key`` is the value as matched (see bot.moderation.allowed).
allowed_values = Table(
    "allowed_values",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("value", String(512), nullable=False),
    Column("value_key", String(512), nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
    Column("added_by_platform", String(32), nullable=False, default=""),
    Column("added_by_id", String(128), nullable=False, default=""),
    Column("warning_id", Integer),  # the disputed warning it came from, if any
    UniqueConstraint("kind", "value_key", name="uq_allowed_values_kind_key"),
)

#: Version 6: policy questions (bot.questions). A row per answer given, for counts: no text and nobody named,
#: until the asker marks the answer or hands the question to a person; then its text (with the scanner's
#: findings removed) and the asker's ids, so the answer can reach them privately.
questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(32), nullable=False, unique=True),  # random: what the answer's buttons carry
    Column("ref", String(32), unique=True),  # Q-2026-0001, once handed off
    Column("seq", Integer, unique=True),  # the number in ``ref``: handed-off questions counted, 1, 2, 3 ...
    Column("asked_at", UTCDateTime, nullable=False),
    Column("platform", String(32), nullable=False),
    Column("outcome", String(16), nullable=False),  # answered, not_covered
    Column("policy", String(64), nullable=False, default=""),  # the clause the bot answered with
    Column("clause", String(32), nullable=False, default=""),
    Column("feedback", String(16), nullable=False, default=""),  # helpful, wrong
    Column("feedback_at", UTCDateTime),
    Column("text", Text),  # scrubbed; NULL until marked or handed off, and again after retention
    Column("workspace_id", String(64), nullable=False, default=""),
    Column("asker_id", String(128), nullable=False, default=""),
    Column("asker_channel_id", String(128), nullable=False, default=""),
    Column("asker_channel_kind", String(16), nullable=False, default=""),
    Column("handed_off_at", UTCDateTime),
    Column("answered_at", UTCDateTime),  # by a person
    Column("answer_text", Text),
    Column("answerer_name", String(256), nullable=False, default=""),
    Column("taught_at", UTCDateTime),
    Column("taught_policy", String(64), nullable=False, default=""),
    Column("taught_clause", String(32), nullable=False, default=""),
    Column("resolved_at", UTCDateTime),  # answered or taught: from then the retention period runs
    Column("altered", String(512), nullable=False, default="", server_default=""),  # see bot.storage.storable
    sqlite_autoincrement=True,
)
Index("ix_questions_asked", questions.c.asked_at)

#: Version 6: phrasings a lead or maintainer taught a clause, scrubbed; loaded into the library at start-up.
learned_phrasings = Table(
    "learned_phrasings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("policy", String(64), nullable=False),
    Column("clause", String(32), nullable=False),
    Column("phrasing", Text, nullable=False),
    Column("question_ref", String(32), nullable=False, default=""),
    Column("taught_at", UTCDateTime, nullable=False),
    Column("taught_by", String(256), nullable=False, default=""),
)
Index("ix_learned_policy", learned_phrasings.c.policy)
