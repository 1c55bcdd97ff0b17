"""Discord gateway messages to core events: pure functions, no client, no network.

These read the JSON shapes Discord documents, so the same functions serve the
live client and the recorded fixtures in ``tests/fixtures/discord``. A payload
that lacks what an event needs raises :class:`Malformed`; the caller logs its
type (never its text) and skips it. Interactions are in
:mod:`adapters.discord.interactions`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
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
from bot.deployment import PlatformChannels
from bot.events import BotAddressed, ChannelKind, MessageEdited, MessagePosted, Origin, PersonEvent

__all__ = ["Malformed", "Where", "channel_kind", "message_events", "snowflake_time"]

#: Ordinary posts and replies; joins, pins, boosts and command echoes are not people's words.
_TEXT_MESSAGE_TYPES = frozenset({0, 19})


@dataclass(frozen=True, slots=True)
class Where:
    """What the client knows about the channel a payload came from (from its guild cache)."""

    bot_user_id: str
    kind: ChannelKind
    channel_name: str = ""


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


def _mentions_bot(data: Mapping[str, Any], content: str, bot_user_id: str) -> bool:
    mentioned = data.get("mentions") or ()
    if any(isinstance(m, Mapping) and str(m.get("id")) == bot_user_id for m in mentioned):
        return True
    return bool(bot_user_id) and re.search(rf"<@!?{re.escape(bot_user_id)}>", content) is not None


def _without_mention(content: str, bot_user_id: str) -> str:
    return re.sub(rf"<@!?{re.escape(bot_user_id)}>", " ", content).strip() if bot_user_id else content.strip()


def message_events(data: Any, where: Where, *, edited: bool = False) -> tuple[PersonEvent, ...]:
    """Events for a ``MESSAGE_CREATE`` (or, with ``edited``, ``MESSAGE_UPDATE``) payload.

    A guild post becomes :class:`MessagePosted` (moderation judges it by
    ``where.kind``) and, when it mentions the bot, also :class:`BotAddressed`;
    a DM becomes :class:`BotAddressed`. The bot's own posts, system messages and
    embed-only updates (link previews) produce nothing.
    """
    if not isinstance(data, Mapping):
        raise Malformed("payload is not an object")
    message_id = text_field(data, "id")
    channel_id = text_field(data, "channel_id")
    if edited and ("content" not in data or "author" not in data or not data.get("edited_timestamp")):
        return ()  # a partial update such as a link preview, not a person's edit
    author = mapping_field(data, "author")
    author_id = text_field(author, "id")
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
        sent = when(stamp) or datetime.now(UTC)
        return (MessageEdited(origin, content, files, link, is_bot, f"{message_id}:edit:{stamp}", sent),)
    sent = when(data.get("timestamp")) or datetime.now(UTC)
    if not guild_id:
        if is_bot:
            return ()
        # Discord's Reply on one of the bot's direct messages: the core treats it as a reply in that message's thread.
        reference = data.get("message_reference")
        replied_to = str(reference.get("message_id") or "") if isinstance(reference, Mapping) else ""
        if replied_to:
            origin = replace(origin, thread_id=replied_to)
        return (BotAddressed(origin, content.strip(), f"{message_id}:addressed", sent),)
    events: list[PersonEvent] = [MessagePosted(origin, content, files, link, is_bot, message_id, sent)]
    if not is_bot and _mentions_bot(data, content, where.bot_user_id):
        events.append(
            BotAddressed(origin, _without_mention(content, where.bot_user_id), f"{message_id}:addressed", sent)
        )
    return tuple(events)
