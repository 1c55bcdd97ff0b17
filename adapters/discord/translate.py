"""Discord payloads (gateway JSON) to core events: pure functions, no client, no network.

Everything here reads the JSON shapes Discord documents, so the same functions
serve the live client and the recorded fixtures in ``tests/fixtures/discord``.
A payload that lacks what an event needs raises :class:`Malformed`; the caller
logs its type (never its text) and skips it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.deployment import PlatformChannels
from bot.events import (
    Attachment,
    BotAddressed,
    ChannelKind,
    CommandInvoked,
    Event,
    MessageEdited,
    MessagePosted,
    MessageReported,
    Origin,
    ReportedPost,
)

PLATFORM = "discord"
#: Ordinary posts and replies; joins, pins, boosts and command echoes are not people's words.
_TEXT_MESSAGE_TYPES = frozenset({0, 19})
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".heic", ".heif", ".tif", ".tiff", ".avif")


class Malformed(ValueError):
    """A payload without the fields an event needs; ``str()`` names the field, never content."""


@dataclass(frozen=True, slots=True)
class Where:
    """What the client knows about the channel a payload came from (from its guild cache)."""

    bot_user_id: str
    kind: ChannelKind
    channel_name: str = ""


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


def channel_kind(
    config: PlatformChannels,
    *,
    ids: Sequence[str],
    names: Sequence[str],
    everyone_can_read: bool,
) -> ChannelKind:
    """SHARED when moderation watches the channel: ``ignore`` wins, then ``watch``, then detection.

    ``ids``/``names`` hold the channel and, for a thread, its parent; deployment
    entries may be ids, names or ``#names``.
    """
    keys = {k for k in ids if k} | {_norm(n) for n in names if n}
    if keys & {_norm(e) for e in config.ignore}:
        return ChannelKind.INTERNAL
    if keys & {_norm(e) for e in config.watch}:
        return ChannelKind.SHARED
    if config.watch_detected and everyone_can_read:
        return ChannelKind.SHARED
    return ChannelKind.INTERNAL


def _norm(name: str) -> str:
    return name.strip().lstrip("#").lower()


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool) or str(value) == "":
        raise Malformed(f"missing or invalid '{key}'")
    return str(value)


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise Malformed(f"missing or invalid '{key}'")
    return value


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def snowflake_time(snowflake: str) -> datetime:
    """When Discord made an id: its top bits count milliseconds since 2015 (Discord's epoch)."""
    if not snowflake.isdigit():
        raise Malformed("invalid snowflake id")
    return datetime.fromtimestamp(((int(snowflake) >> 22) + 1_420_070_400_000) / 1000, tz=UTC)


def display_name(user: Mapping[str, Any], member: Mapping[str, Any] | None = None) -> str:
    """The name people see: server nickname, then global display name, then username."""
    for candidate in ((member or {}).get("nick"), user.get("global_name"), user.get("username")):
        if isinstance(candidate, str) and candidate:
            return candidate
    return ""


def permalink(guild_id: str, channel_id: str, message_id: str) -> str:
    return f"https://discord.com/channels/{guild_id or '@me'}/{channel_id}/{message_id}"


def attachments(data: Mapping[str, Any]) -> tuple[Attachment, ...]:
    """Files on a post; an image is what Discord labels ``image/*``, or by file suffix when unlabelled."""
    found = []
    for item in data.get("attachments") or ():
        if not isinstance(item, Mapping):
            raise Malformed("invalid 'attachments'")
        name = str(item.get("filename") or "")
        content_type = str(item.get("content_type") or "")
        is_image = content_type.startswith("image/") if content_type else name.lower().endswith(_IMAGE_SUFFIXES)
        found.append(Attachment(name=name, is_image=is_image, url=str(item.get("url") or "")))
    return tuple(found)


def _mentions_bot(data: Mapping[str, Any], content: str, bot_user_id: str) -> bool:
    mentioned = data.get("mentions") or ()
    if any(isinstance(m, Mapping) and str(m.get("id")) == bot_user_id for m in mentioned):
        return True
    return bool(bot_user_id) and re.search(rf"<@!?{re.escape(bot_user_id)}>", content) is not None


def _without_mention(content: str, bot_user_id: str) -> str:
    return re.sub(rf"<@!?{re.escape(bot_user_id)}>", " ", content).strip() if bot_user_id else content.strip()


def message_events(data: Any, where: Where, *, edited: bool = False) -> tuple[Event, ...]:
    """Events for a ``MESSAGE_CREATE`` (or, with ``edited``, ``MESSAGE_UPDATE``) payload.

    A guild post becomes :class:`MessagePosted` (moderation judges it by
    ``where.kind``) and, when it mentions the bot, also :class:`BotAddressed`;
    a DM becomes :class:`BotAddressed`. The bot's own posts, system messages and
    embed-only updates (link previews) produce nothing.
    """
    if not isinstance(data, Mapping):
        raise Malformed("payload is not an object")
    message_id = _text(data, "id")
    channel_id = _text(data, "channel_id")
    if edited and ("content" not in data or "author" not in data or not data.get("edited_timestamp")):
        return ()  # a partial update such as a link preview, not a person's edit
    author = _mapping(data, "author")
    author_id = _text(author, "id")
    if author_id == where.bot_user_id:
        return ()
    if data.get("type", 0) not in _TEXT_MESSAGE_TYPES:
        return ()
    content = data.get("content", "")
    if not isinstance(content, str):
        raise Malformed("invalid 'content'")
    guild_id = str(data.get("guild_id") or "")
    member = data.get("member") if isinstance(data.get("member"), Mapping) else None
    is_bot = bool(author.get("bot")) or bool(data.get("webhook_id"))
    kind = ChannelKind.DM if not guild_id else where.kind
    origin = Origin(
        platform=PLATFORM,
        user_id=author_id,
        channel_id=channel_id,
        channel_kind=kind,
        workspace_id=guild_id,
        message_id=message_id,
        user_name=display_name(author, member),
        channel_name=where.channel_name,
    )
    link = permalink(guild_id, channel_id, message_id)
    files = attachments(data)
    if edited:
        if not guild_id:
            return ()
        stamp = str(data.get("edited_timestamp"))
        sent = _when(stamp) or datetime.now(UTC)
        return (MessageEdited(origin, content, files, link, is_bot, f"{message_id}:edit:{stamp}", sent),)
    sent = _when(data.get("timestamp")) or datetime.now(UTC)
    if not guild_id:
        if is_bot:
            return ()
        return (BotAddressed(origin, content.strip(), f"{message_id}:addressed", sent),)
    events: list[Event] = [MessagePosted(origin, content, files, link, is_bot, message_id, sent)]
    if not is_bot and _mentions_bot(data, content, where.bot_user_id):
        events.append(
            BotAddressed(origin, _without_mention(content, where.bot_user_id), f"{message_id}:addressed", sent)
        )
    return tuple(events)


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


#: Which options, in order, make up the command's text; ``category`` travels separately.
COMMAND_TEXT_OPTIONS: dict[str, tuple[str, ...]] = {
    "policy": ("question",),
    "report": ("what_happened",),
    "case": ("ref", "action", "text"),
    "cases": (),
    "warnings": (),
    "help": (),
}


def command_event(data: Any, who: Who) -> CommandInvoked:
    """A slash command's interaction ``data`` as :class:`CommandInvoked` (name without the slash)."""
    if not isinstance(data, Mapping):
        raise Malformed("interaction data is not an object")
    name = _text(data, "name")
    given = options(data)
    parts = [given[key].strip() for key in COMMAND_TEXT_OPTIONS.get(name, ()) if given.get(key, "").strip()]
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
    target = _text(data, "target_id")
    messages = _mapping(_mapping(data, "resolved"), "messages")
    message = messages.get(target)
    if not isinstance(message, Mapping):
        raise Malformed("target message is not resolved")
    author = _mapping(message, "author")
    channel_id = _text(message, "channel_id")
    guild = str(message.get("guild_id") or guild_id)
    content = message.get("content", "")
    return ReportedPost(
        text=content if isinstance(content, str) else "",
        author_id=_text(author, "id"),
        author_name=display_name(author, message.get("member") if isinstance(message.get("member"), Mapping) else None),
        channel_id=channel_id,
        channel_name=channel_name,
        posted_at=_when(message.get("timestamp")),
        permalink=permalink(guild, channel_id, _text(message, "id")),
        attachment_names=tuple(a.name for a in attachments(message)),
    )


def report_event(who: Who, post: ReportedPost, category: str, details: str) -> MessageReported:
    """The reporter's modal answers joined to the post captured when they opened it."""
    sent = snowflake_time(who.interaction_id)
    return MessageReported(who.origin(), post, category.strip(), details.strip(), who.interaction_id, sent)


def who_from_payload(payload: Any, kind: ChannelKind, channel_name: str = "") -> Who:
    """A :class:`Who` from a whole ``INTERACTION_CREATE`` payload (guild: ``member.user``; DM: ``user``)."""
    if not isinstance(payload, Mapping):
        raise Malformed("payload is not an object")
    member = payload.get("member") if isinstance(payload.get("member"), Mapping) else None
    user = _mapping(member, "user") if member is not None else _mapping(payload, "user")
    guild_id = str(payload.get("guild_id") or "")
    return Who(
        interaction_id=_text(payload, "id"),
        user_id=_text(user, "id"),
        user_name=display_name(user, member),
        channel_id=_text(payload, "channel_id"),
        kind=kind if guild_id else ChannelKind.DM,
        guild_id=guild_id,
        channel_name=channel_name,
    )
