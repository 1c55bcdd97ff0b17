"""The one funnel every adapter drives: ``await core.handle(event)``.

The core runs a short pipeline of guards (drop bots' own posts, drop platform
retries it has already seen), then offers the event to every feature. Features
send actions through :class:`Context`, which hands them to the adapter and
returns the :class:`~bot.actions.Delivery` outcome, so a feature can react to a
private message that could not be delivered. One feature failing is logged
(type of error only, never message text) and does not stop the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

from bot.actions import Action, Card, Delivery, DirectMessage, PrivateNotice, Reply, SentCheck, SentCheckResult
from bot.commands import Command, CommandSet, Offer
from bot.deployment import Deployment
from bot.events import (
    BotAddressed,
    ChannelKind,
    CommandInvoked,
    Event,
    MessageEdited,
    MessagePosted,
    Origin,
    PersonEvent,
    platform_of,
)
from bot.logs import describe_error
from bot.roles import Role, role_of

log = logging.getLogger(__name__)

Perform = Callable[[Action], Awaitable[Delivery]]
CheckSent = Callable[[SentCheck], Awaitable[SentCheckResult]]

APOLOGY = "Sorry, something went wrong on my side and I could not finish that. Please try again in a minute."
#: One refusal for every command a member may not use: it reveals nothing about what the command would show.
REFUSAL = "Sorry, that command is only available to the Safeguard Lead."
HELP = Command("help", "What this bot does and how to use it")
CORE_OFFER = Offer("core", commands=(HELP,))


class Clock(Protocol):
    def __call__(self) -> datetime: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Context:
    """What a feature may use while handling one event, or while running in the background."""

    perform: Perform
    deployment: Deployment | None
    clock: Clock = utc_now
    commands: CommandSet = field(default_factory=CommandSet)
    checker: CheckSent | None = None
    sent: list[Action] = field(default_factory=list)

    async def send(self, action: Action) -> Delivery:
        """Hand ``action`` to the adapter; a raising adapter counts as a failed delivery."""
        self.sent.append(action)
        try:
            return await self.perform(action)
        except Exception as exc:  # the adapter's problem must not become the feature's crash
            log.warning("delivery of %s failed: %s", type(action).__name__, type(exc).__name__)
            return Delivery.failed(type(exc).__name__)

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        """Ask the platform whether an interrupted direct message arrived; unknown when it cannot say."""
        if self.checker is None:
            return SentCheckResult.unknown()
        try:
            return await self.checker(check)
        except Exception as exc:  # a failed look-up is "cannot tell", never a crash of the outbox
            log.warning("checking a delivery on %s failed: %s", check.platform, type(exc).__name__)
            return SentCheckResult.unknown()

    def role(self, platform: str, user_id: str) -> Role:
        return role_of(self.deployment, platform, user_id)

    def help_card(self) -> Card:
        return self.commands.help_card()


@runtime_checkable
class Feature(Protocol):
    """A job of the bot. ``handle`` sees every event and ignores those that are not its own."""

    name: str

    async def handle(self, event: Event, ctx: Context) -> bool:
        """Return True when the event was this feature's to answer.

        A :class:`CommandInvoked` reaches only the feature that declared the command, after the
        core has checked the user's role; every other event reaches every feature.
        """
        ...


@runtime_checkable
class OfferingFeature(Protocol):
    """A feature with commands or post actions: it declares them in ``offer`` (see :mod:`bot.commands`)."""

    offer: Offer


@runtime_checkable
class ClaimingFeature(Protocol):
    """A feature that may take an event for itself alone, before the others see it.

    E.g. a direct message that answers, in its thread, a message the feature sent: no other feature should
    answer it as a question. Asked for every event that is not a command; a claim that fails is no claim.
    """

    async def claims(self, event: Event, ctx: Context) -> bool: ...


@runtime_checkable
class ObservingFeature(Protocol):
    """A feature that needs events adapters produce only by asking the platform (``observes``: their types).

    Adapters ask :meth:`Core.wants` before spending API calls on such events, so a bot without the
    feature (or a test with stand-in features) makes none.
    """

    observes: tuple[type, ...]


@runtime_checkable
class BackgroundFeature(Protocol):
    """A feature with work that outlives one event (e.g. the report outbox)."""

    async def run_background(self, ctx: Context) -> None: ...


class SharedSeenEvents(Protocol):
    """Handled delivery ids kept where every bot process sees them (:class:`bot.storage.seen.SeenEventStore`)."""

    async def first_time(self, key: str, now: datetime) -> bool: ...


class _SeenEvents:
    """Remembers recent platform delivery ids: Slack retries late acknowledgements.

    With a shared record (the database), the first process to record an id acts on it and every other
    process, or this one after a restart, drops the retry. If the shared record cannot be reached the
    bot falls back to its own memory: acting twice is better than not acting at all.
    """

    def __init__(self, shared: SharedSeenEvents | None = None, size: int = 4096) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size
        self.shared = shared

    def _remember(self, key: str) -> bool:
        if key in self._ids:
            return False
        self._ids[key] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)
        return True

    async def first_time(self, key: str, now: datetime) -> bool:
        if not key:
            return True
        if not self._remember(key):
            return False
        if self.shared is None:
            return True
        try:
            return await self.shared.first_time(key, now)
        except Exception as exc:
            log.warning("the shared record of handled events is unavailable (%s); using memory", type(exc).__name__)
            return True


class Core:
    """Routes platform-neutral events to features; knows nothing about any platform."""

    def __init__(
        self,
        features: Sequence[Feature],
        perform: Perform,
        deployment: Deployment | None = None,
        clock: Clock = utc_now,
        *,
        check_sent: CheckSent | None = None,
        seen_events: SharedSeenEvents | None = None,
    ) -> None:
        self.features = list(features)
        offers = [f.offer for f in self.features if isinstance(f, OfferingFeature)]
        self.commands = CommandSet.of([*offers, CORE_OFFER])
        self._answerers = {c.name: f for f in self.features if isinstance(f, OfferingFeature) for c in f.offer.commands}
        self.perform = perform
        self.deployment = deployment
        self.clock = clock
        self.check_sent = check_sent
        self._seen = _SeenEvents(seen_events)
        self._background: list[asyncio.Task[None]] = []

    def wants(self, kind: type) -> bool:
        """Whether some feature observes events of ``kind`` (see :class:`ObservingFeature`)."""
        return any(kind in f.observes for f in self.features if isinstance(f, ObservingFeature))

    def context(self) -> Context:
        return Context(self.perform, self.deployment, self.clock, self.commands, self.check_sent)

    async def handle(self, event: Event) -> list[Action]:
        """Run one event through the guards and every feature; return the actions sent."""
        ctx = self.context()
        if isinstance(event, MessagePosted | MessageEdited) and event.author_is_bot:
            return []
        event_id = getattr(event, "event_id", "")
        if event_id and not await self._seen.first_time(f"{platform_of(event)}:{event_id}", ctx.clock()):
            log.info("dropped a repeated delivery of %s", type(event).__name__)
            return []
        if isinstance(event, CommandInvoked):
            await self._command(event, ctx)
            return ctx.sent
        claimer = await self._claimer(event, ctx)
        for feature in [claimer] if claimer is not None else self.features:
            await self._offer(feature, event, ctx)
        return ctx.sent

    async def _claimer(self, event: Event, ctx: Context) -> Feature | None:
        for feature in self.features:
            if not isinstance(feature, ClaimingFeature):
                continue
            try:
                if await feature.claims(event, ctx):
                    return feature
            except Exception as exc:
                log.error(
                    "feature %s failed to tell whether %s is its own: %s",
                    feature.name,
                    type(event).__name__,
                    describe_error(exc),
                )
        return None

    async def _offer(self, feature: Feature, event: Event, ctx: Context) -> None:
        try:
            await feature.handle(event, ctx)
        except Exception as exc:
            log.error("feature %s failed on %s: %s", feature.name, type(event).__name__, describe_error(exc))
            await self._apologise(event, ctx)

    async def _command(self, event: CommandInvoked, ctx: Context) -> None:
        """Unknown command, role, /help: decided here from the declarations, before any feature runs."""
        command = self.commands.get(event.name)
        if command is None:
            await ctx.send(private_to(event, f"I don't know the command /{event.name}. Try /help."))
            return
        o = event.origin
        if ctx.role(o.platform, o.user_id) < command.role:
            log.info("refused /%s to a member on %s", command.name, o.platform)
            await ctx.send(private_to(event, REFUSAL))
            return
        if command is HELP:
            card = ctx.help_card()
            await ctx.send(private_to(event, plain_text_of(card), card))
            return
        await self._offer(self._answerers[command.name], event, ctx)

    async def _apologise(self, event: Event, ctx: Context) -> None:
        if isinstance(event, BotAddressed | CommandInvoked):
            await ctx.send(private_to(event, APOLOGY))

    async def start(self) -> None:
        """Start background work of the features that have some."""
        for feature in self.features:
            if isinstance(feature, BackgroundFeature):
                self._background.append(asyncio.create_task(self._guard_background(feature)))

    async def _guard_background(self, feature: BackgroundFeature) -> None:
        name = getattr(feature, "name", type(feature).__name__)
        while True:
            try:
                await feature.run_background(self.context())
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.error("background work of %s failed (%s); restarting in 5 s", name, describe_error(exc))
                await asyncio.sleep(5)

    async def stop(self) -> None:
        for task in self._background:
            task.cancel()
        for task in self._background:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._background.clear()


def plain_text_of(card: Card) -> str:
    """The plain-text rendering every action carries beside its card (notifications, the console)."""
    parts = [card.title, card.body, "\n".join(f"• {name}: {value}" for name, value in card.fields), card.footer]
    return "\n\n".join(part for part in parts if part)


def private_to(event: PersonEvent | Origin, text: str, card: Card | None = None) -> Action:
    """A reply only the author of ``event`` (or the user of ``origin``) sees: their DM, or privately in a channel."""
    o = event if isinstance(event, Origin) else event.origin
    if o.channel_kind is ChannelKind.DM:
        return Reply(o.platform, o.channel_id, text, thread_id=o.thread_id, card=card)
    return PrivateNotice(o.platform, o.user_id, o.channel_id, text, card=card)


async def tell_leads(
    ctx: Context, deployment: Deployment, platform: str, text: str, card: Card | None, what: str
) -> list[Delivery]:
    """A direct message to every Safeguard Lead who can be messaged on ``platform``; a failure is logged."""
    outcomes = []
    for lead_id, _ in deployment.leads_on(platform):
        outcome = await ctx.send(DirectMessage(platform, lead_id, text, card))
        if not outcome.ok:
            log.warning("%s to a Safeguard Lead on %s not delivered: %s", what, platform, outcome.reason)
        outcomes.append(outcome)
    return outcomes
