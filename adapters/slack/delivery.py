"""Performing core actions through the Slack Web API, with every outcome reported, never raised.

A :class:`~bot.actions.PrivateNotice` is ``chat.postEphemeral`` to that user in
that channel. Where the bot is not a member (a slash command used in a private
channel or a DM between two people), it falls back to the command's
``response_url`` with ``response_type: ephemeral``, and failing that to the
person's DM with the bot: always private, never posted in the channel.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import replace
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.inbound import attachments
from adapters.slack.outbound import (
    NO_PREVIEWS,
    NOT_THERE_ERRORS,
    content,
    delivery_for_error,
    error_code,
    notice_args,
    reply_args,
)
from adapters.slack.text import plain_text
from bot.actions import (
    Action,
    Card,
    Delivery,
    DirectMessage,
    PostLookup,
    PostNow,
    PrivateNotice,
    Reply,
    Seen,
    SentCheck,
    SentCheckResult,
)

log = logging.getLogger(__name__)

#: Slack accepts a response_url for 30 minutes after the command.
RESPONSE_URL_TTL = 30 * 60
#: Pages of a direct conversation's history read when checking an interrupted send (200 messages each).
HISTORY_PAGES = 5


class ResponseUrls:
    """Recent ``response_url``s by (channel, user): the private way back to whoever used a command."""

    def __init__(self, size: int = 1024, clock: Any = time.monotonic) -> None:
        self._urls: OrderedDict[tuple[str, str], tuple[float, str]] = OrderedDict()
        self._size = size
        self._clock = clock

    def remember(self, channel_id: str, user_id: str, url: str) -> None:
        if not url:
            return
        key = (channel_id, user_id)
        self._urls.pop(key, None)
        self._urls[key] = (self._clock(), url)
        while len(self._urls) > self._size:
            self._urls.popitem(last=False)

    def find(self, channel_id: str, user_id: str = "") -> str:
        """The newest live URL for the pair; any user's in that channel when ``user_id`` is empty."""
        now = self._clock()
        for (channel, user), (when, url) in reversed(self._urls.items()):
            if channel == channel_id and (not user_id or user == user_id) and now - when < RESPONSE_URL_TTL:
                return url
        return ""


class SlackDelivery:
    """``perform(action) -> Delivery`` over an :class:`AsyncWebClient`."""

    def __init__(self, client: AsyncWebClient, response_urls: ResponseUrls | None = None) -> None:
        self.client = client
        self.response_urls = response_urls or ResponseUrls()
        self._dm_channels: dict[str, str] = {}

    async def perform(self, action: Action) -> Delivery:
        if isinstance(action, Reply):
            return await self._reply(action)
        if isinstance(action, PrivateNotice):
            return await self._notice(action)
        if isinstance(action, DirectMessage):
            return await self._direct(action.user_id, action.text, action.card)
        raise TypeError(f"the Slack adapter cannot perform {type(action).__name__}")

    async def _call(self, method: str, args: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
        """One Web API call: (response data, "") or (None, error code). Retries are the client's."""
        try:
            # The typed methods send each call the way Slack expects it (JSON or form).
            response = await getattr(self.client, method.replace(".", "_"))(**args)
            return dict(response.data) if isinstance(response.data, dict) else {}, ""
        except SlackApiError as exc:
            return None, error_code(exc)
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            return None, type(exc).__name__

    async def _post(self, method: str, args: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
        data, error = await self._call(method, args)
        if error in {"invalid_blocks", "invalid_blocks_format"} and "blocks" in args:
            log.warning("%s rejected the blocks (%s); sending the plain text", method, error)
            data, error = await self._call(method, {k: v for k, v in args.items() if k != "blocks"})
        if error:
            log.warning("%s failed: %s", method, error)
        return data, error

    async def _reply(self, action: Reply) -> Delivery:
        data, error = await self._post("chat.postMessage", reply_args(action))
        if data is not None:
            return Delivery.sent(str(data.get("ts") or ""))
        url = self.response_urls.find(action.channel_id) if error in NOT_THERE_ERRORS else ""
        if url:
            return await self._respond(url, action.text, action.card)
        return delivery_for_error(error)

    async def _notice(self, action: PrivateNotice) -> Delivery:
        data, error = await self._post("chat.postEphemeral", notice_args(action))
        if data is not None:
            return Delivery.sent(str(data.get("message_ts") or ""))
        if error not in NOT_THERE_ERRORS:
            return delivery_for_error(error)
        url = self.response_urls.find(action.channel_id, action.user_id)
        if url:
            return await self._respond(url, action.text, action.card)
        delivered = await self._direct(action.user_id, action.text, action.card)
        return replace(delivered, details={"via": "dm"}) if delivered.ok else delivered

    async def _respond(self, url: str, text: str, card: Card | None) -> Delivery:
        """Answer through a ``response_url``: ephemeral, and never ``in_channel``."""
        webhook = AsyncWebhookClient(url, retry_handlers=self.client.retry_handlers, logger=self.client.logger)
        try:
            response = await webhook.send_dict({**content(text, card), **NO_PREVIEWS, "response_type": "ephemeral"})
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            log.warning("response_url failed: %s", type(exc).__name__)
            return Delivery.failed(type(exc).__name__)
        if response.status_code == 200:
            return Delivery.sent()
        log.warning("response_url answered HTTP %s", response.status_code)
        if response.status_code in {404, 410}:
            return Delivery.refused("expired_url")
        return Delivery.failed(f"http_{response.status_code}")

    async def _dm_channel(self, user_id: str) -> tuple[str, str]:
        """(the bot's direct conversation with ``user_id``, "") or ("", error code)."""
        channel = self._dm_channels.get(user_id)
        if channel is None:
            data, error = await self._post("conversations.open", {"users": user_id})
            if data is None:
                return "", error
            channel = str((data.get("channel") or {}).get("id") or "")
            if not channel:
                return "", "no_channel_in_response"
            self._dm_channels[user_id] = channel
        return channel, ""

    async def check_sent(self, check: SentCheck, bot_user_id: str) -> SentCheckResult:
        """Read the direct conversation since ``check.since`` for a message from the bot carrying the marker."""
        channel, error = await self._dm_channel(check.user_id)
        if not channel:
            log.warning("checking a delivery: conversations.open failed: %s", error)
            return SentCheckResult.unknown()
        args: dict[str, Any] = {"channel": channel, "oldest": f"{check.since.timestamp():.6f}", "limit": 200}
        for _ in range(HISTORY_PAGES):
            data, error = await self._call("conversations.history", args)
            if data is None:
                log.warning("checking a delivery: conversations.history failed: %s", error)
                return SentCheckResult.unknown()
            for message in data.get("messages") or ():
                if _from_bot(message, bot_user_id) and check.marker in _all_text(message):
                    return SentCheckResult(Seen.FOUND, str(message.get("ts") or ""))
            cursor = str((data.get("response_metadata") or {}).get("next_cursor") or "")
            if not data.get("has_more") or not cursor:
                return SentCheckResult(Seen.NOT_FOUND)
            args["cursor"] = cursor
        return SentCheckResult.unknown()  # more history than is worth reading: cannot tell

    async def fetch_post(self, lookup: PostLookup) -> PostNow:
        """One post as it stands now, from ``conversations.history`` (or ``.replies`` for a thread reply).

        Only the message JSON is read: its files' descriptions, never their content or thumbnails.
        """
        ts = lookup.message_id
        args: dict[str, Any] = {"channel": lookup.channel_id, "latest": ts, "oldest": ts, "inclusive": True}
        method = "conversations.history"
        if lookup.thread_id and lookup.thread_id != ts:
            method, args = "conversations.replies", {**args, "ts": lookup.thread_id}
        data, error = await self._call(method, {**args, "limit": 1 if method == "conversations.history" else 2})
        if data is None:
            if error in {"thread_not_found", "message_not_found"}:
                return PostNow(Seen.NOT_FOUND)
            log.warning("reading a post: %s failed: %s", method, error)
            return PostNow(Seen.UNKNOWN)
        for message in data.get("messages") or ():
            if isinstance(message, dict) and message.get("ts") == ts:
                if message.get("subtype") == "tombstone":  # a deleted thread parent Slack keeps as a placeholder
                    return PostNow(Seen.NOT_FOUND)
                text = message.get("text")
                return PostNow(
                    Seen.FOUND, plain_text(text if isinstance(text, str) else ""), attachments(message.get("files"))
                )
        return PostNow(Seen.NOT_FOUND)

    async def _direct(self, user_id: str, text: str, card: Card | None) -> Delivery:
        channel, error = await self._dm_channel(user_id)
        if not channel:
            return delivery_for_error(error) if error != "no_channel_in_response" else Delivery.failed(error)
        data, error = await self._post("chat.postMessage", {"channel": channel, **content(text, card), **NO_PREVIEWS})
        if data is None:
            if error in NOT_THERE_ERRORS:
                self._dm_channels.pop(user_id, None)
            return delivery_for_error(error)
        return Delivery.sent(str(data.get("ts") or ""))


def _from_bot(message: Any, bot_user_id: str) -> bool:
    if not isinstance(message, dict):
        return False
    return bool(message.get("bot_id")) or (bool(bot_user_id) and message.get("user") == bot_user_id)


def _all_text(message: dict[str, Any]) -> str:
    """The message's text and its blocks' text: the case reference is in both, but look everywhere."""
    parts = [str(message.get("text") or "")]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    parts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("blocks") or [])
    return "\n".join(parts)
