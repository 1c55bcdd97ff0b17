"""Slack payloads to core events: pure functions, no I/O, tested over recorded payloads.

Channel classification (shared or internal) needs ``conversations.info``, so
these functions leave every channel ``INTERNAL`` (DMs ``DM``) and the runner
upgrades the kind afterwards; everything else about an event is decided here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from adapters.slack.text import plain_text, strip_mention, ts_to_datetime
from bot.events import (
    Attachment,
    BotAddressed,
    ChannelKind,
    CommandInvoked,
    Event,
    MessageEdited,
    MessagePosted,
    Origin,
)

PLATFORM = "slack"

#: Message subtypes that are a person's post. Joins, topic changes, deletions and bot posts are not.
PERSON_SUBTYPES = frozenset({"", "file_share", "thread_broadcast", "me_message"})


class MalformedPayload(ValueError):
    """A payload lacks a field Slack always sends; the adapter logs its type and skips it."""


def need(data: Mapping[str, Any], key: str) -> str:
    """A required non-empty string field."""
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise MalformedPayload(f"missing or invalid '{key}'")
    return value


def mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise MalformedPayload(f"missing or invalid '{key}'")
    return value


def text_of(data: Mapping[str, Any]) -> str:
    value = data.get("text", "")
    if not isinstance(value, str):
        raise MalformedPayload("'text' is not a string")
    return value


def attachments(files: object) -> tuple[Attachment, ...]:
    """Files on a post; only those with an ``image/*`` mimetype count as images."""
    if not isinstance(files, list):
        return ()
    out = []
    for f in files:
        if not isinstance(f, Mapping):
            continue
        mimetype = str(f.get("mimetype") or "")
        name = str(f.get("name") or f.get("title") or f.get("id") or "file")
        out.append(Attachment(name, mimetype.startswith("image/"), str(f.get("permalink") or "")))
    return tuple(out)


def message_permalink(team_url: str, channel_id: str, ts: str, thread_ts: str = "") -> str:
    """Slack's link format for a message, built without an API call (``chat.getPermalink`` costs one)."""
    if not team_url:
        return ""
    link = f"{team_url.rstrip('/')}/archives/{channel_id}/p{ts.replace('.', '')}"
    if thread_ts and thread_ts != ts:
        link += f"?thread_ts={thread_ts}&cid={channel_id}"
    return link


def parse_event(body: Mapping[str, Any], bot_user_id: str, team_url: str = "") -> Event | None:
    """An Events API ``event_callback`` body to a core event; None when it is not the core's business."""
    event = mapping(body, "event")
    event_id = str(body.get("event_id") or "")
    team = str(body.get("team_id") or event.get("team") or "")
    kind = event.get("type")
    if kind == "app_mention":
        return _mention(event, event_id, team, bot_user_id)
    if kind == "message":
        subtype = event.get("subtype") or ""
        if subtype == "message_changed":
            return _edit(event, event_id, team, bot_user_id, team_url)
        if subtype in PERSON_SUBTYPES:
            return _message(event, event_id, team, bot_user_id, team_url)
    return None


def _by_a_bot(message: Mapping[str, Any], bot_user_id: str) -> bool:
    return bool(message.get("bot_id")) or (bool(bot_user_id) and message.get("user") == bot_user_id)


def _mention(event: Mapping[str, Any], event_id: str, team: str, bot_user_id: str) -> Event | None:
    if _by_a_bot(event, bot_user_id):
        return None
    ts = need(event, "ts")
    origin = Origin(
        platform=PLATFORM,
        user_id=need(event, "user"),
        channel_id=need(event, "channel"),
        workspace_id=team,
        message_id=ts,
        thread_id=str(event.get("thread_ts") or ts),  # answers go in the thread
    )
    text = plain_text(strip_mention(text_of(event), bot_user_id))
    return BotAddressed(origin, text, event_id=event_id, sent_at=_when(ts))


def _message(event: Mapping[str, Any], event_id: str, team: str, bot_user_id: str, team_url: str) -> Event | None:
    if _by_a_bot(event, bot_user_id):
        return None
    ts = need(event, "ts")
    channel = need(event, "channel")
    user = need(event, "user")
    raw = text_of(event)
    thread_ts = str(event.get("thread_ts") or "")
    if event.get("channel_type") == "im":
        origin = Origin(PLATFORM, user, channel, ChannelKind.DM, team, ts, thread_ts)
        return BotAddressed(origin, plain_text(strip_mention(raw, bot_user_id)), event_id=event_id, sent_at=_when(ts))
    # A post that mentions the bot also arrives as app_mention, which is the one answered. This copy
    # is still scanned: a question to the bot in a shared channel can expose a child's details too.
    origin = Origin(PLATFORM, user, channel, ChannelKind.INTERNAL, team, ts, thread_ts)
    return MessagePosted(
        origin,
        plain_text(raw),
        attachments(event.get("files")),
        permalink=message_permalink(team_url, channel, ts, thread_ts),
        event_id=event_id,
        sent_at=_when(ts),
    )


def _edit(event: Mapping[str, Any], event_id: str, team: str, bot_user_id: str, team_url: str) -> Event | None:
    message = mapping(event, "message")
    channel = need(event, "channel")
    if event.get("channel_type") == "im" or _by_a_bot(message, bot_user_id):
        return None
    previous = event.get("previous_message")
    if isinstance(previous, Mapping) and _same_content(previous, message):
        return None  # Slack also sends message_changed when it adds a link preview
    ts = need(message, "ts")
    thread_ts = str(message.get("thread_ts") or "")
    origin = Origin(PLATFORM, need(message, "user"), channel, ChannelKind.INTERNAL, team, ts, thread_ts)
    edited = message.get("edited")
    when = edited.get("ts") if isinstance(edited, Mapping) else event.get("event_ts")
    return MessageEdited(
        origin,
        plain_text(text_of(message)),
        attachments(message.get("files")),
        permalink=message_permalink(team_url, channel, ts, thread_ts),
        event_id=event_id,
        sent_at=_when(when),
    )


def _same_content(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    def file_ids(m: Mapping[str, Any]) -> list[str]:
        files = m.get("files")
        return [str(f.get("id")) for f in files if isinstance(f, Mapping)] if isinstance(files, list) else []

    return before.get("text") == after.get("text") and file_ids(before) == file_ids(after)


def parse_command(body: Mapping[str, Any]) -> CommandInvoked:
    """A slash command (form fields ``command``, ``text``, ``user_id``, ``channel_id``...)."""
    command = need(body, "command")
    if not command.startswith("/"):
        raise MalformedPayload("'command' does not start with '/'")
    channel_name = str(body.get("channel_name") or "")
    is_dm = channel_name == "directmessage"
    origin = Origin(
        platform=PLATFORM,
        user_id=need(body, "user_id"),
        channel_id=need(body, "channel_id"),
        channel_kind=ChannelKind.DM if is_dm else ChannelKind.INTERNAL,
        workspace_id=str(body.get("team_id") or ""),
        user_name=str(body.get("user_name") or ""),
        channel_name="" if is_dm or channel_name == "privategroup" else channel_name,
    )
    return CommandInvoked(
        origin,
        command[1:].strip().lower(),
        plain_text(text_of(body)).strip(),
        event_id=str(body.get("trigger_id") or ""),
    )


def _when(ts: object) -> datetime:
    return ts_to_datetime(ts) or datetime.now(UTC)
