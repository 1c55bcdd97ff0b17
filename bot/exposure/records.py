"""What is recorded about each channel, and the pure rules for comparing a new observation with it.

A record says who can read a channel (outsiders or not, and why), whether
moderation watches it, whether the bot itself can read it, and since when.
:func:`merge` folds an adapter's observation into the previous record;
:func:`noteworthy` decides which changes the Safeguard Leads are told about:
only a change of readability by outsiders between two observations of the same
channel, or a channel outsiders can read appearing while the bot runs. A
channel first seen in a look at start-up is recorded silently, and so is one
that disappears (deleted, archived, or hidden from the bot): nobody can newly
read it, and ``/exposure`` stops listing it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.events import ChannelExposure


@dataclass(frozen=True, slots=True)
class ExposureRecord:
    platform: str
    workspace_id: str
    channel_id: str
    channel_name: str
    link: str
    readable_by_outsiders: bool
    reason: str
    watched: bool
    bot_can_read: bool
    problem: str
    first_seen_at: datetime
    changed_at: datetime | None  # when outsiders' access last changed; None: as it was when first seen
    updated_at: datetime

    def same_as(self, other: ExposureRecord) -> bool:
        """Equal in everything but the time it was last written."""
        return replace(self, updated_at=other.updated_at) == other


@dataclass(frozen=True, slots=True)
class ExposureChange:
    """One channel whose record changed; ``after`` is None when it is gone from a complete look."""

    before: ExposureRecord | None
    after: ExposureRecord | None
    initial: bool = False

    @property
    def noteworthy(self) -> bool:
        """Whether the Safeguard Leads are told: outsiders' access changed, or a channel they can read appeared."""
        if self.after is None:
            return False
        if self.before is None:
            return not self.initial and self.after.readable_by_outsiders
        return self.before.readable_by_outsiders != self.after.readable_by_outsiders


def merge(
    platform: str,
    workspace_id: str,
    before: ExposureRecord | None,
    seen: ChannelExposure,
    *,
    initial: bool,
    changed_at: datetime | None,
    now: datetime,
) -> ExposureRecord:
    """The record after ``seen``: what the platform said, keeping a known name or link it did not repeat.

    ``changed_at`` (when the platform says the change happened) dates a change of readability; without it,
    ``now`` does. A channel first seen at start-up has no change time: it was already so.
    """
    if before is None:
        when = None if initial or not seen.readable_by_outsiders else (changed_at or now)
    elif before.readable_by_outsiders != seen.readable_by_outsiders:
        when = changed_at or now
    else:
        when = before.changed_at
    after = ExposureRecord(
        platform=platform,
        workspace_id=workspace_id,
        channel_id=seen.channel_id,
        channel_name=seen.channel_name or (before.channel_name if before else ""),
        link=seen.link or (before.link if before else ""),
        readable_by_outsiders=seen.readable_by_outsiders,
        reason=seen.reason if seen.readable_by_outsiders else "",
        watched=seen.watched,
        bot_can_read=seen.bot_can_read,
        problem="" if seen.bot_can_read else seen.problem,
        first_seen_at=before.first_seen_at if before else now,
        changed_at=when,
        updated_at=now,
    )
    if before is not None and after.same_as(before):
        return before
    return after
