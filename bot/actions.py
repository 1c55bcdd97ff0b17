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
    """A button on a card: pressing it runs ``/command args`` as the presser; with a ``prompt``, it first asks
    for text in a form and runs ``/command args TEXT``.

    Adapters render it natively (a Slack Block Kit button, a Discord component) and turn the press into a
    :class:`~bot.events.CommandInvoked`, so the core checks who may run the command exactly as if it were typed.
    ``args`` is a reference (a case or question id), never anything a person wrote: it travels through the
    platform (Slack's ``value``, Discord's ``custom_id``).
    """

    label: str
    command: str
    args: str = ""
    prompt: str = ""  # the label of the text box the form shows; "" runs the command at once
    style: str = ""  # "primary", "danger" or "" (the platform's default)

    @property
    def typed(self) -> str:
        """The command a person types for the same effect (the console shows buttons this way)."""
        return f"/{self.command} {self.args}".strip() + (" …" if self.prompt else "")


@dataclass(frozen=True, slots=True)
class Card:
    """Structured content that adapters render natively (Block Kit, embeds, plain text).

    ``text`` in the action that carries a card is always a complete plain-text
    rendering of it, so an adapter may ignore the card.
    """

    title: str
    body: str = ""
    quote: str = (
        ""  # verbatim policy text, rendered as a quotation (secondary, under the title, when there is a summary)
    )
    fields: tuple[tuple[str, str], ...] = ()
    footer: str = ""
    colour: str = ""  # "info", "warning", "danger"; adapters map it to their palette
    summary: str = ""  # one plain line shown before everything else (an answer's short answer)
    summary_label: str = ""  # how that line is marked ("In short"), shown in bold before it; may be empty
    buttons: tuple[Button, ...] = ()  # the plain text says how to do the same by typing


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


def card_to_data(card: Card) -> dict[str, object]:
    """A card as JSON-ready data, to keep a message in the store until it is sent."""
    return {
        "title": card.title,
        "body": card.body,
        "quote": card.quote,
        "fields": [list(f) for f in card.fields],
        "footer": card.footer,
        "colour": card.colour,
        "summary": card.summary,
        "summary_label": card.summary_label,
        "buttons": [[b.label, b.command, b.args, b.prompt, b.style] for b in card.buttons],
    }


def card_from_data(data: object) -> Card | None:
    """The card :func:`card_to_data` kept; None for anything else."""
    if not isinstance(data, dict):
        return None
    fields = tuple((str(f[0]), str(f[1])) for f in data.get("fields") or () if isinstance(f, list) and len(f) == 2)
    buttons = tuple(
        Button(*(str(x) for x in b)) for b in data.get("buttons") or () if isinstance(b, list) and 4 <= len(b) <= 5
    )
    return Card(
        title=str(data.get("title") or ""),
        body=str(data.get("body") or ""),
        quote=str(data.get("quote") or ""),
        fields=fields,
        footer=str(data.get("footer") or ""),
        colour=str(data.get("colour") or ""),
        summary=str(data.get("summary") or ""),
        summary_label=str(data.get("summary_label") or ""),
        buttons=buttons,
    )


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
