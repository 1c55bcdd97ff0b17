"""The record of moderation warnings kept for the Safeguard Lead.

Who, where, when, which kinds and clauses, and a link to the post: never the
post's text, which is exactly what should not be spread further. The durable
implementation is :class:`bot.moderation.store.WarningStore`; tests and the
``scan`` command line can use :class:`MemoryWarningLog`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol


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


class WarningLog(Protocol):
    async def record_warning(self, record: WarningRecord) -> None: ...

    async def warned_kinds(self, platform: str, channel_id: str, message_id: str) -> frozenset[str]:
        """Every kind already warned about for this post, so an edit is not warned about twice."""
        ...

    async def recent_warnings(self, limit: int = 20) -> list[WarningRecord]: ...


class MemoryWarningLog:
    """In-process warning log: for tests and for the one-shot command line."""

    def __init__(self) -> None:
        self.records: list[WarningRecord] = []

    async def record_warning(self, record: WarningRecord) -> None:
        self.records.append(replace(record))

    async def warned_kinds(self, platform: str, channel_id: str, message_id: str) -> frozenset[str]:
        return frozenset(
            kind
            for r in self.records
            if (r.platform, r.channel_id, r.message_id) == (platform, channel_id, message_id)
            for kind in r.kinds
        )

    async def recent_warnings(self, limit: int = 20) -> list[WarningRecord]:
        return sorted(self.records, key=lambda r: r.created_at, reverse=True)[:limit]
