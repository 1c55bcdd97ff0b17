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


@dataclass(frozen=True, slots=True)
class Button:
    """A button on a card: pressing it is the same as typing ``/command text`` where the card was shown.

    So a button needs no handling of its own: the adapter turns a press into a
    :class:`~bot.events.CommandInvoked`, the core checks the presser's role, and
    a platform without buttons (the console) shows the command to type instead.
    """

    label: str
    command: str  # the command's name, without the slash
    text: str = ""  # what follows the command: a reference, never message text
    style: str = ""  # "primary" or "danger"; adapters map it to their styles
    prompt: bool = False  # pressing it first asks for text (a form), which follows ``text`` in the command

    @property
    def typed(self) -> str:
        """The command a person types for the same effect, e.g. ``/helpful q7k2m9`` or ``/answer Q-2026-0001 …``."""
        return f"/{self.command} {self.text}".strip() + (" …" if self.prompt else "")


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
    buttons: tuple[Button, ...] = ()  # shown under the card; the plain text names the commands instead


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
