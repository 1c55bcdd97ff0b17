"""The core funnel: guards, routing to features, failure containment, private replies."""

from __future__ import annotations

import logging

import pytest

from bot.actions import Delivery, PrivateNotice, Reply
from bot.commands import Command, Offer
from bot.core import APOLOGY, REFUSAL, Context, Core, private_to
from bot.deployment import Deployment, Organisation, SafeguardLead
from bot.events import BotAddressed, ChannelKind, CommandInvoked, Event, MessagePosted, Origin
from bot.roles import Role
from tests.fakes import FakeAdapter, FakePlatform

SECRET = "Zebedee-Quux-7731"


class Echo:
    """A feature that answers every question addressed to the bot, and declares ``/echo`` and ``/secret``."""

    name = "echo"
    offer = Offer(
        "echo",
        commands=(Command("echo", "Say it back"), Command("secret", "Leads' view", role=Role.SAFEGUARD_LEAD)),
        does="say things back",
    )

    def __init__(self) -> None:
        self.seen: list[Event] = []

    async def handle(self, event: Event, ctx: Context) -> bool:
        self.seen.append(event)
        if isinstance(event, BotAddressed):
            o = event.origin
            await ctx.send(Reply(o.platform, o.channel_id, f"echo {len(event.text)}", thread_id=o.message_id))
            return True
        if isinstance(event, CommandInvoked):
            await ctx.send(private_to(event, f"/{event.name} answered"))
            return True
        return False


class Broken:
    name = "broken"

    async def handle(self, event: Event, ctx: Context) -> bool:
        raise RuntimeError(f"boom with {getattr(event, 'text', '')}")


def origin(kind: ChannelKind = ChannelKind.INTERNAL, user: str = "U1") -> Origin:
    return Origin("test", user, "C1", kind, message_id="1")


async def test_features_see_events_and_actions_reach_the_adapter() -> None:
    """An event goes to the feature and its reply is performed by the adapter."""
    echo = Echo()
    platform = FakePlatform([echo])
    actions = await platform.say("hello")
    assert len(echo.seen) == 1
    assert actions == platform.actions
    assert isinstance(actions[0], Reply) and actions[0].text == "echo 5"


async def test_bot_posts_are_ignored() -> None:
    """A bot's own posts never reach the features (no loops, no self-moderation)."""
    echo = Echo()
    core = Core([echo], FakeAdapter().perform)
    await core.handle(MessagePosted(origin(ChannelKind.SHARED), "hi", author_is_bot=True))
    assert echo.seen == []


async def test_repeated_platform_deliveries_are_handled_once() -> None:
    """Slack retries a late acknowledgement with the same event id; the bot answers once."""
    echo = Echo()
    fake = FakeAdapter()
    core = Core([echo], fake.perform)
    event = BotAddressed(origin(), "hello", event_id="Ev1")
    await core.handle(event)
    await core.handle(event)
    await core.handle(BotAddressed(origin(), "hello", event_id="Ev2"))
    assert len(fake.actions) == 2


async def test_a_failing_feature_does_not_stop_the_others_or_leak_text(caplog: pytest.LogCaptureFixture) -> None:
    """One feature raising is logged without message text; the others still run; the user gets an apology."""
    echo = Echo()
    platform = FakePlatform([Broken(), echo])
    with caplog.at_level(logging.DEBUG):
        actions = await platform.core.handle(BotAddressed(origin(), SECRET))
    assert len(echo.seen) == 1
    assert any(isinstance(a, Reply) and a.text.startswith("echo") for a in actions)
    assert any(isinstance(a, PrivateNotice) and a.text == APOLOGY for a in actions)
    assert "broken" in caplog.text
    assert SECRET not in caplog.text


async def test_unknown_command_gets_a_private_hint() -> None:
    """A command no feature declares is answered privately, never in the channel; a declared one is answered."""
    platform = FakePlatform([Echo()])
    actions = await platform.command("frobnicate", "x")
    assert len(actions) == 1 and isinstance(actions[0], PrivateNotice)
    assert actions[0].text == "I don't know the command /frobnicate. Try /help."
    [answer] = await platform.command("echo")
    assert answer.text == "/echo answered"


async def test_a_command_reaches_only_the_feature_that_declared_it() -> None:
    """Other features never see a command event, so none can answer it by mistake."""
    echo, other = Echo(), Echo()
    other.name, other.offer = "other", Offer("other")
    platform = FakePlatform([other, echo])
    await platform.command("echo")
    assert [type(e).__name__ for e in echo.seen] == ["CommandInvoked"]
    assert other.seen == []


async def test_the_core_refuses_lead_commands_to_members_before_the_feature_runs() -> None:
    """The declared role is checked once, in the core: a member gets the one refusal, a lead the answer."""
    deployment = Deployment(organisation=Organisation("Acme"), safeguard_leads=(SafeguardLead("Lee"),))
    echo = Echo()
    platform = FakePlatform([echo], deployment)
    [refusal] = await platform.core.handle(CommandInvoked(Origin("console", "Sam", "team"), "secret"))
    assert refusal.text == REFUSAL and echo.seen == []
    [answer] = await platform.core.handle(CommandInvoked(Origin("console", "Lee", "team"), "secret"))
    assert answer.text == "/secret answered"


async def test_help_is_built_from_the_declarations() -> None:
    """/help lists each declared command with usage and summary, marks lead-only ones, says what the bot does."""
    platform = FakePlatform([Echo()])
    [answer] = await platform.command("help")
    assert isinstance(answer, PrivateNotice) and answer.card is not None
    assert answer.card.body == "I say things back."
    assert answer.card.fields == (
        ("/echo", "Say it back"),
        ("/help", "What this bot does and how to use it"),
        ("/secret", "Leads' view (Safeguard Leads only)"),
    )
    assert "/secret: Leads' view (Safeguard Leads only)" in answer.text


def test_two_features_declaring_one_command_is_an_error() -> None:
    """A clash is found when the core is built, not when someone types the command."""
    with pytest.raises(ValueError, match="/echo is declared by both echo and echo"):
        Core([Echo(), Echo()], FakeAdapter().perform)


async def test_adapter_exception_becomes_a_failed_delivery() -> None:
    """A raising adapter is reported to the feature as a failed delivery, not a crash."""

    async def explode(action: object) -> Delivery:
        raise ConnectionError("down")

    ctx = Context(explode, None)
    delivery = await ctx.send(Reply("test", "C1", "x"))
    assert not delivery.ok and delivery.reason == "ConnectionError"


def test_private_to_uses_the_dm_itself_or_a_private_notice() -> None:
    """In a DM the reply is the DM; in a channel it is visible to the author only."""
    in_dm = private_to(CommandInvoked(origin(ChannelKind.DM), "policy"), "x")
    in_channel = private_to(CommandInvoked(origin(ChannelKind.SHARED), "policy"), "x")
    assert isinstance(in_dm, Reply) and in_dm.channel_id == "C1"
    assert isinstance(in_channel, PrivateNotice) and in_channel.user_id == "U1"


async def test_background_work_is_restarted_after_a_crash_and_stopped_cleanly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A background feature that crashes is restarted (the crash logged without its message); stop() cancels it."""
    import asyncio

    real_sleep = asyncio.sleep

    async def no_pause(delay: float, result: object = None) -> object:
        return await real_sleep(0, result)  # the pause before a restart, without its seconds

    monkeypatch.setattr(asyncio, "sleep", no_pause)
    runs: list[int] = []
    restarted = asyncio.Event()
    cancelled = asyncio.Event()

    class Worker:
        name = "worker"

        async def handle(self, event: Event, ctx: Context) -> bool:
            return False

        async def run_background(self, ctx: Context) -> None:
            runs.append(1)
            if len(runs) == 1:
                raise RuntimeError(f"crashed on {SECRET}")
            restarted.set()
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancelled.set()
                raise

    core = Core([Worker()], FakeAdapter().perform)
    await core.start()
    await asyncio.wait_for(restarted.wait(), 10)
    await core.stop()
    assert runs == [1, 1] and cancelled.is_set()
    assert "worker" in caplog.text and "RuntimeError" in caplog.text and SECRET not in caplog.text
