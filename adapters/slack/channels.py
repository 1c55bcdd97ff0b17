"""Which Slack channels moderation watches, from the deployment file and from Slack itself.

A channel is watched when the deployment lists it under ``watch`` (by id or
name), or when ``watch_detected`` is on and Slack says it is shared with
another organisation (Slack Connect: ``is_ext_shared`` from
``conversations.info``). ``ignore`` wins over both. Answers from Slack are
cached for ten minutes and dropped when Slack reports a channel shared or
unshared. When Slack cannot be asked, a channel counts as shared while
``watch_detected`` is on: a needless private nudge is better than a missed one.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.outbound import error_code
from bot.deployment import PlatformChannels
from bot.events import ChannelKind

log = logging.getLogger(__name__)

_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")


@dataclass(frozen=True, slots=True)
class ChannelFacts:
    name: str
    external: bool  # shared with another organisation (Slack Connect)


def _norm(entry: str) -> str:
    return entry if _CHANNEL_ID.match(entry) else entry.lstrip("#").strip().lower()


def decide(channel_id: str, facts: ChannelFacts | None, config: PlatformChannels) -> ChannelKind:
    """The rule itself, without I/O: ignore beats watch beats detection."""
    names = {channel_id}
    if facts is not None and facts.name:
        names.add(facts.name.lower())
    ignore = {_norm(e) for e in config.ignore}
    watch = {_norm(e) for e in config.watch}
    if names & ignore:
        return ChannelKind.INTERNAL
    if names & watch:
        return ChannelKind.SHARED
    if config.watch_detected and (facts is None or facts.external):
        return ChannelKind.SHARED
    return ChannelKind.INTERNAL


class ChannelDirectory:
    """Caches ``conversations.info`` answers and classifies channels with :func:`decide`."""

    def __init__(
        self,
        client: AsyncWebClient,
        config: PlatformChannels,
        ttl: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.config = config
        self.ttl = ttl
        self.clock = clock
        self._cache: dict[str, tuple[float, ChannelFacts]] = {}
        self._pending: dict[str, asyncio.Future[ChannelFacts | None]] = {}
        self.lookups = 0  # conversations.info calls made, for tests and benchmarks

    def _needs_facts(self, channel_id: str) -> bool:
        if channel_id in self.config.ignore or channel_id in self.config.watch:
            return False
        by_name = any(not _CHANNEL_ID.match(e) for e in (*self.config.watch, *self.config.ignore))
        return self.config.watch_detected or by_name

    async def facts(self, channel_id: str) -> ChannelFacts | None:
        """Slack's answer, from the cache when fresh; a burst of posts in one channel shares one lookup."""
        cached = self._cache.get(channel_id)
        if cached is not None and self.clock() - cached[0] < self.ttl:
            return cached[1]
        pending = self._pending.get(channel_id)
        if pending is None:
            pending = asyncio.ensure_future(self._look_up(channel_id))
            self._pending[channel_id] = pending
            pending.add_done_callback(lambda _: self._pending.pop(channel_id, None))
        return await asyncio.shield(pending)

    async def _look_up(self, channel_id: str) -> ChannelFacts | None:
        self.lookups += 1
        try:
            response = await self.client.conversations_info(channel=channel_id)
        except SlackApiError as exc:
            log.warning("conversations.info failed for a channel: %s", error_code(exc))
            return None
        except Exception as exc:  # network trouble: decide without facts, ask again next time
            log.warning("conversations.info failed for a channel: %s", type(exc).__name__)
            return None
        channel: Any = response.get("channel") or {}
        found = ChannelFacts(str(channel.get("name") or ""), bool(channel.get("is_ext_shared")))
        self._cache[channel_id] = (self.clock(), found)
        return found

    async def classify(self, channel_id: str) -> tuple[ChannelKind, str]:
        """The channel's kind, and its name when Slack told us."""
        facts = await self.facts(channel_id) if self._needs_facts(channel_id) else None
        return decide(channel_id, facts, self.config), facts.name if facts else ""

    def forget(self, channel_id: str) -> None:
        self._cache.pop(channel_id, None)
