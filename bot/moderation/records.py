"""The record of moderation warnings kept for the Safeguard Lead, and the values a lead allowed.

Who, where, when, which kinds and clauses, a link to the post and its files as the platform describes them
(name, type, size, link): never the post's text, which is exactly what should not be spread further. A
warning's ``status`` is the author's answer and its outcome. The durable implementation is
:class:`bot.moderation.store.WarningStore`; tests and the ``scan`` command line can use
:class:`MemoryWarningLog`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from bot.events import Attachment

#: A warning's status: the author has not answered; they fixed the post (rescanned clean or deleted); they say
#: it is wrong (the leads decide); a lead allowed what was found; a lead upheld the warning.
OPEN, FIXED, DISPUTED, ALLOWED, UPHELD = "", "fixed", "disputed", "allowed", "upheld"


@dataclass(frozen=True, slots=True)
class WarningRecord:
    platform: str
    workspace_id: str
    channel_id: str
    message_id: str
    user_id: str
    kinds: tuple[str, ...]
    clauses: tuple[str, ...]
    permalink: str
    created_at: datetime
    delivered: bool  # False when the private warning could not reach the author (e.g. DMs closed)
    lead_notified: bool = False
    altered: tuple[tuple[str, str], ...] = ()  # (field, how) where the store could not keep a value as given
    id: int = field(default=0, compare=False)  # the store's id, once recorded: what the buttons carry
    thread_id: str = ""
    attachments: tuple[Attachment, ...] = ()
    status: str = OPEN
    status_at: datetime | None = None
    status_by: str = ""  # the Safeguard Lead who decided a dispute (their user id)


@dataclass(frozen=True, slots=True)
class AllowEntry:
    """A value moderation no longer warns about, allowed by a Safeguard Lead."""

    kind: str
    value: str = field(repr=False)  # shown to leads in /allowed only; never logged
    key: str = field(repr=False)  # see bot.scanner.allow_key
    added_at: datetime
    added_by_platform: str = ""
    added_by_id: str = ""
    warning_id: int | None = None
    id: int = 0


class WarningLog(Protocol):
    async def record_warning(self, record: WarningRecord) -> int:
        """Keep ``record``; return its id."""
        ...

    async def mark_delivered(self, warning_id: int, delivered: bool, lead_notified: bool) -> None: ...

    async def warned_kinds(self, platform: str, channel_id: str, message_id: str) -> frozenset[str]:
        """Every kind already warned about for this post, so an edit is not warned about twice."""
        ...

    async def recent_warnings(self, limit: int = 20) -> list[WarningRecord]: ...

    async def get_warning(self, warning_id: int) -> WarningRecord | None: ...

    async def set_status(self, warning_id: int, status: str, at: datetime, by: str, *, was: frozenset[str]) -> bool:
        """Move a warning to ``status`` if its status is one of ``was``; False when it was not (someone else
        decided first, or it was already resolved)."""
        ...

    async def allowed(self) -> list[AllowEntry]: ...

    async def allow(self, entry: AllowEntry) -> bool:
        """Add an allow entry; False when the same value of that kind is already allowed."""
        ...

    async def remove_allowed(self, entry_id: int) -> AllowEntry | None: ...


class MemoryWarningLog:
    """In-process warning log: for tests and for the one-shot command line."""

    def __init__(self) -> None:
        self.records: list[WarningRecord] = []
        self.entries: list[AllowEntry] = []

    async def record_warning(self, record: WarningRecord) -> int:
        stored = replace(record, id=len(self.records) + 1)
        self.records.append(stored)
        return stored.id

    def _index(self, warning_id: int) -> int | None:
        return next((i for i, r in enumerate(self.records) if r.id == warning_id), None)

    async def mark_delivered(self, warning_id: int, delivered: bool, lead_notified: bool) -> None:
        i = self._index(warning_id)
        if i is not None:
            self.records[i] = replace(self.records[i], delivered=delivered, lead_notified=lead_notified)

    async def warned_kinds(self, platform: str, channel_id: str, message_id: str) -> frozenset[str]:
        return frozenset(
            kind
            for r in self.records
            if (r.platform, r.channel_id, r.message_id) == (platform, channel_id, message_id)
            for kind in r.kinds
        )

    async def recent_warnings(self, limit: int = 20) -> list[WarningRecord]:
        return sorted(self.records, key=lambda r: r.created_at, reverse=True)[:limit]

    async def get_warning(self, warning_id: int) -> WarningRecord | None:
        i = self._index(warning_id)
        return None if i is None else self.records[i]

    async def set_status(self, warning_id: int, status: str, at: datetime, by: str, *, was: frozenset[str]) -> bool:
        i = self._index(warning_id)
        if i is None or self.records[i].status not in was:
            return False
        self.records[i] = replace(self.records[i], status=status, status_at=at, status_by=by)
        return True

    async def allowed(self) -> list[AllowEntry]:
        return list(self.entries)

    async def allow(self, entry: AllowEntry) -> bool:
        if any((e.kind, e.key) == (entry.kind, entry.key) for e in self.entries):
            return False
        self.entries.append(replace(entry, id=max((e.id for e in self.entries), default=0) + 1))
        return True

    async def remove_allowed(self, entry_id: int) -> AllowEntry | None:
        found = next((e for e in self.entries if e.id == entry_id), None)
        if found is not None:
            self.entries.remove(found)
        return found
