"""Discord interactions (slash commands, the report context menu, its modal) to core events.

Pure functions over the interaction JSON; the live adapter builds a :class:`Who`
from discord.py's ``Interaction`` (see :mod:`adapters.discord.places`), the
tests from a recorded ``INTERACTION_CREATE`` payload.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adapters.discord._json import (
    PLATFORM,
    Malformed,
    attachments,
    display_name,
    mapping_field,
    permalink,
    snowflake_time,
    text_field,
    when,
)
from bot.commands import CommandSet
from bot.events import ChannelKind, CommandInvoked, MessageReported, Origin, ReportedPost

__all__ = [
    "Who",
    "button_command",
    "command_event",
    "options",
    "report_event",
    "reported_post",
    "who_from_payload",
]


@dataclass(frozen=True, slots=True)
class Who:
    """Who used an interaction, and where: what the core needs to answer them."""

    interaction_id: str
    user_id: str
    user_name: str
    channel_id: str
    kind: ChannelKind
    guild_id: str = ""
    channel_name: str = ""

    def origin(self) -> Origin:
        return Origin(
            platform=PLATFORM,
            user_id=self.user_id,
            channel_id=self.channel_id,
            channel_kind=self.kind,
            workspace_id=self.guild_id,
            message_id=self.interaction_id,
            user_name=self.user_name,
            channel_name=self.channel_name,
        )


def options(data: Mapping[str, Any]) -> dict[str, str]:
    """A slash command's options by name (top-level only: the bot has no subcommands)."""
    found: dict[str, str] = {}
    for option in data.get("options") or ():
        if not isinstance(option, Mapping) or not isinstance(option.get("name"), str):
            raise Malformed("invalid 'options'")
        value = option.get("value")
        if value is not None:
            found[option["name"]] = str(value)
    return found


def command_event(data: Any, who: Who, commands: CommandSet) -> CommandInvoked:
    """A slash command's interaction ``data`` as :class:`CommandInvoked` (name without the slash).

    The declared options that make up the command's text are joined in their declared order;
    ``category`` travels separately. A command nobody declared keeps its name (the core says it
    does not know it) and no text.
    """
    if not isinstance(data, Mapping):
        raise Malformed("interaction data is not an object")
    name = text_field(data, "name")
    given = options(data)
    declared = commands.get(name)
    text_options = declared.text_options if declared is not None else ()
    parts = [given[key].strip() for key in text_options if given.get(key, "").strip()]
    return CommandInvoked(
        who.origin(),
        name,
        " ".join(parts),
        category=given.get("category", ""),
        event_id=who.interaction_id,
        sent_at=snowflake_time(who.interaction_id),
    )


def reported_post(data: Any, channel_name: str = "", guild_id: str = "") -> ReportedPost:
    """The post a message context-menu command targets, captured as evidence at the moment of the report."""
    if not isinstance(data, Mapping):
        raise Malformed("interaction data is not an object")
    target = text_field(data, "target_id")
    messages = mapping_field(mapping_field(data, "resolved"), "messages")
    message = messages.get(target)
    if not isinstance(message, Mapping):
        raise Malformed("target message is not resolved")
    author = mapping_field(message, "author")
    channel_id = text_field(message, "channel_id")
    guild = str(message.get("guild_id") or guild_id)
    content = message.get("content", "")
    return ReportedPost(
        text=content if isinstance(content, str) else "",
        author_id=text_field(author, "id"),
        author_name=display_name(author, message.get("member") if isinstance(message.get("member"), Mapping) else None),
        channel_id=channel_id,
        channel_name=channel_name,
        posted_at=when(message.get("timestamp")),
        permalink=permalink(guild, channel_id, text_field(message, "id")),
        attachment_names=tuple(a.name for a in attachments(message)),
    )


def report_event(who: Who, post: ReportedPost, category: str, details: str, anonymous: bool = False) -> MessageReported:
    """The reporter's modal answers joined to the post captured when they opened it."""
    sent = snowflake_time(who.interaction_id)
    return MessageReported(
        who.origin(), post, category.strip(), details.strip(), who.interaction_id, sent, anonymous=anonymous
    )


def button_command(who: Who, command: str, args: str, typed: str) -> CommandInvoked:
    """A button's form, submitted: the button's command with what was typed, from whoever pressed it."""
    text = f"{args} {typed.strip()}".strip()
    return CommandInvoked(
        who.origin(), command.lower(), text, event_id=who.interaction_id, sent_at=snowflake_time(who.interaction_id)
    )


def who_from_payload(payload: Any, kind: ChannelKind, channel_name: str = "") -> Who:
    """A :class:`Who` from a whole ``INTERACTION_CREATE`` payload (guild: ``member.user``; DM: ``user``)."""
    if not isinstance(payload, Mapping):
        raise Malformed("payload is not an object")
    member = payload.get("member") if isinstance(payload.get("member"), Mapping) else None
    user = mapping_field(member, "user") if member is not None else mapping_field(payload, "user")
    guild_id = str(payload.get("guild_id") or "")
    return Who(
        interaction_id=text_field(payload, "id"),
        user_id=text_field(user, "id"),
        user_name=display_name(user, member),
        channel_id=text_field(payload, "channel_id"),
        kind=kind if guild_id else ChannelKind.DM,
        guild_id=guild_id,
        channel_name=channel_name,
    )
