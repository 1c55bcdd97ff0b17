"""What happened on a platform, in platform-neutral terms.

Adapters build these from platform payloads; the core never sees a payload.
Every event is a small frozen dataclass with string ids, so tests can build
them by hand and the core cannot mutate what it was given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


class ChannelKind(StrEnum):
    """Who can read a channel: this decides whether moderation applies."""

    DM = "dm"  # a direct conversation with the bot
    INTERNAL = "internal"  # only the organisation's own people can read it
    SHARED = "shared"  # people outside the organisation can read it


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an event came from: enough to answer it and to link back to it."""

    platform: str  # "slack", "discord", "console", "test"
    user_id: str
    channel_id: str
    channel_kind: ChannelKind = ChannelKind.INTERNAL
    workspace_id: str = ""  # Slack team id, Discord guild id
    message_id: str = ""  # Slack ts, Discord message id
    thread_id: str = ""  # Slack thread_ts; empty where there is no thread
    user_name: str = ""  # display name, for the Safeguard Lead's eyes only; never logged
    channel_name: str = ""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file on a post. Only its name and whether it is an image matter to the core."""

    name: str
    is_image: bool
    url: str = ""


@dataclass(frozen=True, slots=True)
class BotAddressed:
    """Someone wrote to the bot: a mention in a channel or a direct message."""

    origin: Origin
    text: str
    event_id: str = ""  # platform delivery id, for de-duplicating retries
    sent_at: datetime = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class CommandInvoked:
    """A command such as ``/policy``, ``/report``, ``/cases`` or ``/case``.

    ``name`` has no slash; ``text`` is everything after the command name.
    ``category`` is set when a platform form (a modal) already chose one.
    """

    origin: Origin
    name: str
    text: str = ""
    category: str = ""
    event_id: str = ""
    sent_at: datetime = field(default_factory=_now)


@dataclass(frozen=True, slots=True)
class _Post:
    """What an ordinary post carries, new or edited."""

    origin: Origin
    text: str
    attachments: tuple[Attachment, ...] = ()
    permalink: str = ""
    author_is_bot: bool = False
    event_id: str = ""
    sent_at: datetime = field(default_factory=_now)

    @property
    def image_count(self) -> int:
        return sum(1 for a in self.attachments if a.is_image)


@dataclass(frozen=True, slots=True)
class MessagePosted(_Post):
    """An ordinary post in a channel the bot can read (not addressed to it)."""


@dataclass(frozen=True, slots=True)
class MessageEdited(_Post):
    """A post was edited; ``text`` is the new text. Moderation scans it again."""


@dataclass(frozen=True, slots=True)
class ReportedPost:
    """A snapshot of a post taken when it is reported, so later edits lose nothing (evidence must be kept)."""

    text: str
    author_id: str
    author_name: str
    channel_id: str
    channel_name: str
    posted_at: datetime | None
    permalink: str
    attachment_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MessageReported:
    """Someone used "Report to Safeguard Lead" on a post (a shortcut or context menu).

    ``origin`` is the reporter; ``post`` is the evidence captured by the adapter. ``anonymous``: the
    reporter ticked "do not tell the lead who I am" in the platform's form.
    """

    origin: Origin
    post: ReportedPost
    category: str = ""
    details: str = ""
    event_id: str = ""
    sent_at: datetime = field(default_factory=_now)
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class ChannelExposure:
    """Who can read one channel, as its platform says now: the adapter's translation, no payload.

    ``reason`` says why outsiders can read it in words a Safeguard Lead understands ("shared with
    Acme Trust (Slack Connect)", "@everyone can view"); ``problem`` why the bot cannot read a channel
    it is meant to watch. A name a deployment lists but the platform does not know keeps ``#name`` as
    its id.
    """

    channel_id: str
    channel_name: str = ""
    readable_by_outsiders: bool = False
    reason: str = ""
    watched: bool = False  # moderation applies (the adapter's ChannelKind.SHARED)
    bot_can_read: bool = True
    problem: str = ""
    link: str = ""


@dataclass(frozen=True, slots=True)
class ChannelExposureChanged:
    """What the platform says about who can read some of a workspace's channels (Slack team, Discord server).

    The core compares it with what it last recorded and tells the Safeguard Leads about the channels
    whose readability by outsiders changed. ``initial``: a look at start-up (or on joining a server),
    so a channel never recorded before is recorded without a note. ``complete``: ``channels`` is every
    channel of the workspace the adapter can see, so recorded ones missing from it are gone (deleted,
    archived, or no longer visible to the bot). ``changed_at`` is when the platform says it happened,
    when it says.
    """

    platform: str
    workspace_id: str
    channels: tuple[ChannelExposure, ...]
    cause: str = ""  # what the platform reported, in a lead's words: "the @everyone role changed"
    initial: bool = False
    complete: bool = False
    changed_at: datetime | None = None
    event_id: str = ""
    sent_at: datetime = field(default_factory=_now)


#: Something a person did: each has an ``origin`` saying who and where.
PersonEvent = BotAddressed | CommandInvoked | MessagePosted | MessageEdited | MessageReported
Event = PersonEvent | ChannelExposureChanged


def platform_of(event: Event) -> str:
    """The platform an event came from: on its origin, or (for a workspace-wide event) on the event."""
    return event.platform if isinstance(event, ChannelExposureChanged) else event.origin.platform


#: Debug-only view of the raw payload is deliberately absent: the core never
#: needs it, and keeping it out means message text cannot leak into logs by way
#: of an event's repr being logged.
RawPayload = Mapping[str, object]
