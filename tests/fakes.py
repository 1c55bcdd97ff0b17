"""A fake platform for tests: feeds events into the real core and records every action.

Deterministic and thread-free: ``await fake.say(...)`` returns when the core is
done, and "no reply" is simply ``fake.actions == []``. Delivery can be made to
fail for chosen users, so the private-delivery rules are testable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.actions import (
    Action,
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
from bot.commands import Offer
from bot.core import Core, Feature, SharedSeenEvents
from bot.deployment import Deployment
from bot.events import Attachment, BotAddressed, ChannelKind, CommandInvoked, MessageEdited, MessagePosted, Origin


@dataclass
class FakeAdapter:
    platform: str = "test"
    actions: list[Action] = field(default_factory=list)
    refuse_users: set[str] = field(default_factory=set)  # DMs closed: REFUSED
    fail_users: set[str] = field(default_factory=set)  # outage: FAILED
    history_unavailable: bool = False  # check_sent cannot tell (as a platform whose look-up fails)
    checks: list[SentCheck] = field(default_factory=list)
    posts: dict[tuple[str, str], PostNow] = field(default_factory=dict)  # (channel, message id): the post now
    lookups: list[PostLookup] = field(default_factory=list)
    posts_unreadable: bool = False  # fetch_post cannot tell (the platform's API is down)
    _counter: int = 0

    async def perform(self, action: Action) -> Delivery:
        user = getattr(action, "user_id", "")
        if user in self.refuse_users:
            return Delivery.refused("recipient does not accept direct messages")
        if user in self.fail_users:
            return Delivery.failed("platform unavailable")
        self.actions.append(action)
        self._counter += 1
        return Delivery.sent(ref=f"m{self._counter}")

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        """The platform's record of direct messages: what a lead's DM history would show."""
        self.checks.append(check)
        if self.history_unavailable:
            return SentCheckResult.unknown()
        for index, action in enumerate(self.actions):
            if isinstance(action, DirectMessage) and action.user_id == check.user_id and check.marker in action.text:
                return SentCheckResult(Seen.FOUND, f"m{index + 1}")
        return SentCheckResult(Seen.NOT_FOUND)

    async def fetch_post(self, lookup: PostLookup) -> PostNow:
        """The platform's record of posts: what the channel shows now (deleted ones are not found)."""
        self.lookups.append(lookup)
        if self.posts_unreadable:
            return PostNow(Seen.UNKNOWN)
        return self.posts.get((lookup.channel_id, lookup.message_id), PostNow(Seen.NOT_FOUND))

    def of_type(self, kind: type) -> list:
        return [a for a in self.actions if isinstance(a, kind)]

    @property
    def replies(self) -> list[Reply]:
        return self.of_type(Reply)

    @property
    def notices(self) -> list[PrivateNotice]:
        return self.of_type(PrivateNotice)

    @property
    def dms(self) -> list[DirectMessage]:
        return self.of_type(DirectMessage)


class FakePlatform:
    """The real :class:`Core` wired to a :class:`FakeAdapter`, with errbot-style helpers."""

    def __init__(
        self,
        features: Sequence[Feature],
        deployment: Deployment | None = None,
        *,
        seen_events: SharedSeenEvents | None = None,
    ) -> None:
        self.adapter = FakeAdapter()
        self.core = Core(
            features,
            self.adapter.perform,
            deployment,
            check_sent=self.adapter.check_sent,
            seen_events=seen_events,
            fetch_post=self.adapter.fetch_post,
        )
        self._ids = 0

    @property
    def actions(self) -> list[Action]:
        return self.adapter.actions

    def origin(self, user: str = "U1", channel: str = "C1", kind: ChannelKind = ChannelKind.INTERNAL) -> Origin:
        self._ids += 1
        return Origin(
            platform="test",
            user_id=user,
            channel_id=channel,
            channel_kind=kind,
            workspace_id="W1",
            message_id=f"{self._ids}",
            thread_id="",
            user_name=f"name-of-{user}",
            channel_name=f"name-of-{channel}",
        )

    async def say(self, text: str, *, user: str = "U1", channel: str = "D1", dm: bool = True) -> list[Action]:
        kind = ChannelKind.DM if dm else ChannelKind.INTERNAL
        return await self.core.handle(BotAddressed(self.origin(user, channel, kind), text))

    async def command(
        self,
        name: str,
        text: str = "",
        *,
        user: str = "U1",
        channel: str = "C1",
        kind: ChannelKind = ChannelKind.INTERNAL,
        category: str = "",
    ) -> list[Action]:
        return await self.core.handle(CommandInvoked(self.origin(user, channel, kind), name, text, category=category))

    async def post(
        self,
        text: str,
        *,
        images: int = 0,
        user: str = "U1",
        channel: str = "C9",
        kind: ChannelKind = ChannelKind.SHARED,
        message_id: str = "",
    ) -> list[Action]:
        origin = self.origin(user, channel, kind)
        if message_id:
            origin = Origin(**{**_fields(origin), "message_id": message_id})
        attachments = tuple(Attachment(f"photo{i}.jpg", True) for i in range(images))
        self.adapter.posts[(channel, origin.message_id)] = PostNow(Seen.FOUND, text, attachments)
        return await self.core.handle(
            MessagePosted(origin, text, attachments, permalink=f"https://chat.test/{channel}/{origin.message_id}")
        )

    async def edit(
        self,
        text: str,
        *,
        message_id: str,
        images: int = 0,
        user: str = "U1",
        channel: str = "C9",
        kind: ChannelKind = ChannelKind.SHARED,
    ) -> list[Action]:
        origin = Origin(**{**_fields(self.origin(user, channel, kind)), "message_id": message_id})
        attachments = tuple(Attachment(f"photo{i}.jpg", True) for i in range(images))
        self.adapter.posts[(channel, message_id)] = PostNow(Seen.FOUND, text, attachments)
        return await self.core.handle(
            MessageEdited(origin, text, attachments, permalink=f"https://chat.test/{channel}/{message_id}")
        )

    def quietly_edit(self, text: str, *, message_id: str, channel: str = "C9", images: int = 0) -> None:
        """The post changes on the platform without the bot being told (the edit event never arrived)."""
        attachments = tuple(Attachment(f"photo{i}.jpg", True) for i in range(images))
        self.adapter.posts[(channel, message_id)] = PostNow(Seen.FOUND, text, attachments)

    def delete(self, *, message_id: str, channel: str = "C9") -> None:
        self.adapter.posts.pop((channel, message_id), None)


def _fields(origin: Origin) -> dict:
    return {name: getattr(origin, name) for name in origin.__slots__}


def at(hour: int = 12) -> datetime:
    return datetime(2026, 11, 25, hour, 0, tzinfo=UTC)


def the_bots_declarations(feature: str) -> Offer:
    """The real bot's commands and post actions (all but the core's /help), for a stand-in feature to answer.

    Adapter tests use small stand-ins instead of the real features; declaring the real commands keeps
    what the platform is shown (and what the core routes) the same as in production.
    """
    from bot.app import bot_commands

    declared = bot_commands()
    return Offer(
        feature, commands=tuple(c for c in declared if c.name != "help"), post_actions=tuple(declared.post_actions)
    )
