"""What the core asks an adapter to do.

"Private" is a property of the action, not of the platform: an adapter turns a
:class:`PrivateNotice` into a Slack ephemeral message or a Discord direct
message (or an ephemeral interaction response), and never into a public post.
An adapter that cannot perform an action type raises instead of dropping it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.events import Attachment


@dataclass(frozen=True, slots=True)
class Button:
    """A button on a card: pressing it is the command ``command`` with ``value`` as its text.

    The command must be declared by a feature (usually on :attr:`bot.commands.Surface.BUTTON` only), so the
    core checks the presser's role and routes the press like a typed command. ``value`` is an id, never
    content: it travels through the platform (Slack's ``value``, Discord's ``custom_id``, at most 80 characters).
    """

    label: str
    command: str
    value: str = ""
    style: str = ""  # "primary", "danger" or "" (the platform's default)


@dataclass(frozen=True, slots=True)
class Card:
    """Structured content that adapters render natively (Block Kit, embeds, plain text).

    ``text`` in the action that carries a card is always a complete plain-text
    rendering of it, so an adapter may ignore the card.
    """

    title: str
    body: str = ""
    quote: str = ""  # verbatim policy text, rendered as a quotation
    fields: tuple[tuple[str, str], ...] = ()
    footer: str = ""
    colour: str = ""  # "info", "warning", "danger"; adapters map it to their palette
    buttons: tuple[Button, ...] = ()  # a platform without buttons shows each as the command to type


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply where the event happened: in the thread on Slack, in the channel or DM otherwise."""

    platform: str
    channel_id: str
    text: str
    thread_id: str = ""
    card: Card | None = None


@dataclass(frozen=True, slots=True)
class PrivateNotice:
    """A message only ``user_id`` can see, shown where they are (Slack ephemeral, Discord DM)."""

    platform: str
    user_id: str
    channel_id: str
    text: str
    card: Card | None = None
    thread_id: str = ""  # Slack: the thread the notice is about, so it is shown there (thread_ts)


@dataclass(frozen=True, slots=True)
class DirectMessage:
    """A direct message to one user, e.g. a case delivered to a Safeguard Lead.

    ``key`` (optional, at most 25 characters) is the same for every attempt to send one message, so a
    platform that de-duplicates sends (Discord's nonce) delivers it once however often it is retried.
    """

    platform: str
    user_id: str
    text: str
    card: Card | None = None
    key: str = ""


Action = Reply | PrivateNotice | DirectMessage


class DeliveryStatus(StrEnum):
    SENT = "sent"
    FAILED = "failed"  # may succeed later (network, rate limit, outage)
    REFUSED = "refused"  # will not succeed as things stand (DMs closed, unknown user)


@dataclass(frozen=True, slots=True)
class Delivery:
    """The outcome of performing an action; ``reason`` never contains message text."""

    status: DeliveryStatus
    reason: str = ""
    ref: str = ""  # platform id of what was sent, if any
    details: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.status is DeliveryStatus.SENT

    @classmethod
    def sent(cls, ref: str = "") -> Delivery:
        return cls(DeliveryStatus.SENT, ref=ref)

    @classmethod
    def failed(cls, reason: str) -> Delivery:
        return cls(DeliveryStatus.FAILED, reason=reason)

    @classmethod
    def refused(cls, reason: str) -> Delivery:
        return cls(DeliveryStatus.REFUSED, reason=reason)


class Seen(StrEnum):
    FOUND = "found"  # the platform shows the message in the user's direct conversation
    NOT_FOUND = "not_found"  # the platform can tell, and it is not there
    UNKNOWN = "unknown"  # the platform cannot tell (not supported, or the look-up failed)


@dataclass(frozen=True, slots=True)
class SentCheck:
    """After an interrupted send: did a direct message from the bot carrying ``marker`` reach ``user_id``?

    ``marker`` is what identifies the message (a case reference), never its content.
    """

    platform: str
    user_id: str
    marker: str
    since: datetime


@dataclass(frozen=True, slots=True)
class SentCheckResult:
    seen: Seen
    ref: str = ""  # the platform's id of the message found

    @classmethod
    def unknown(cls) -> SentCheckResult:
        return cls(Seen.UNKNOWN)


@dataclass(frozen=True, slots=True)
class PostLookup:
    """Read one post as it stands now (``thread_id``: Slack's thread_ts when the post is a reply)."""

    platform: str
    channel_id: str
    message_id: str
    thread_id: str = ""


@dataclass(frozen=True, slots=True)
class PostNow:
    """A post as the platform shows it now; attachments are described by the platform, never downloaded.

    ``seen``: FOUND (``text`` and ``attachments`` are the post's), NOT_FOUND (deleted), or UNKNOWN (the
    platform could not be asked).
    """

    seen: Seen
    text: str = field(default="", repr=False)
    attachments: tuple[Attachment, ...] = ()

    @property
    def image_count(self) -> int:
        return sum(1 for a in self.attachments if a.is_image)
