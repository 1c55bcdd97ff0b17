"""What the store hands back: plain frozen records, no live database objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.actions import Card
from bot.events import ReportedPost
from bot.storage.storable import Change


@dataclass(frozen=True, slots=True)
class Reporter:
    platform: str
    user_id: str
    name: str = field(default="", repr=False)  # never in a repr, so never in a log
    channel_id: str = ""  # where the report was made, to answer privately there
    workspace_id: str = ""
    channel_kind: str = ""  # dm, internal or shared: decides how a later acknowledgement is shown


@dataclass(frozen=True, slots=True)
class NewCase:
    """A report as received, before the store gives it a reference."""

    reporter: Reporter
    category: str
    text: str
    post: ReportedPost | None = None  # evidence snapshot taken when the report was made
    lead_ids: tuple[tuple[str, str], ...] = ()  # (user id on the reporter's platform, lead name)
    anonymous: bool = False  # the reporter asked not to be named to the leads


@dataclass(frozen=True, slots=True)
class CaseEvent:
    at: datetime
    kind: str  # created, viewed, note, resolved, to_reporter, from_reporter
    actor_platform: str
    actor_id: str
    actor_name: str = field(default="", repr=False)
    text: str = field(default="", repr=False)
    altered: tuple[Change, ...] = ()  # where the stored text differs from what was given
    id: int = 0


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One direct message to one person, kept in the ``messages`` outbox until the platform has it.

    ``recipient`` is ``user`` (``user_id``) or ``reporter`` (the reporter of ``case_id``, found when sending).
    """

    id: int
    kind: str
    platform: str
    recipient: str
    user_id: str
    text: str = field(repr=False)
    marker: str
    state: str
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    case_id: int | None = None
    case_event_id: int | None = None
    user_name: str = field(default="", repr=False)
    card: Card | None = field(default=None, repr=False)
    sent_at: datetime | None = None
    platform_ref: str = ""
    last_error: str = ""
    checks: int = 0


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    case_id: int
    platform: str
    lead_id: str
    lead_name: str
    state: str  # pending, sending, sent, unknown, failed
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None = None
    last_error: str = ""
    checks: int = 0  # times the platform was asked about an interrupted send


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    ref: str
    status: str  # open, resolved
    created_at: datetime
    reporter: Reporter
    category: str
    text: str = field(repr=False)  # report text must never reach a log through a repr
    post: ReportedPost | None = field(default=None, repr=False)
    resolved_at: datetime | None = None
    acked_at: datetime | None = None  # when the reporter was told the case arrived
    events: tuple[CaseEvent, ...] = field(default=(), compare=False)
    deliveries: tuple[OutboxItem, ...] = field(default=(), compare=False)
    altered: tuple[Change, ...] = ()  # where the stored report or evidence differs from what was sent
    anonymous: bool = False  # ``reporter`` then carries the platform only: who it is is not on the case
    messages: tuple[OutboxMessage, ...] = field(default=(), compare=False)  # the relay's deliveries

    @property
    def is_open(self) -> bool:
        return self.status == "open"


def reference(case_id: int, created_at: datetime) -> str:
    """A readable reference from the database-issued id, e.g. ``SG-2026-0042``."""
    return f"SG-{created_at.year}-{case_id:04d}"
