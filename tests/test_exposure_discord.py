"""Exposure on Discord, end to end: the real discord.py client and features against the local Discord stand-in.

A Discord channel is readable by outsiders when ``@everyone`` can view it. The
bot looks at its server silently on connecting; a permission overwrite, a
change to the @everyone role, or a thread opened under a public channel then
each give the Safeguard Lead one direct message, and ``/exposure`` (leads only)
shows the picture.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.core import REFUSAL, Feature
from bot.deployment import Deployment, PlatformChannels
from bot.events import ChannelExposureChanged, CommandInvoked
from tests import e2e_fixtures
from tests.discord_fake import (
    EVERYONE_PERMISSIONS,
    GUILD_ID,
    STAFF_CHANNEL,
    VIEW_CHANNEL,
    BotUnderTest,
    DiscordStandIn,
    channel_payload,
    role_update_payload,
    slash_payload,
    snowflake,
    thread_payload,
    user,
)

store, features = e2e_fixtures.store, e2e_fixtures.features  # the shared pytest fixtures

ROOT = Path(__file__).resolve().parent.parent
LEAD = "400000000000000001"
LEAD_USER = user(LEAD, "karen")
ALICE = user("300000000000000001", "alice")
MISSING = "600000000000000099"


@pytest.fixture
def watching(deployment: Deployment) -> Deployment:
    """As a charity would set it: its server, #parents-forum watched though hidden, one id in no server."""
    discord = PlatformChannels(guilds=(GUILD_ID,), watch=("#parents-forum", MISSING), ignore=("bot-testing",))
    return replace(deployment, channels={"discord": discord})


@pytest.fixture
async def fake() -> AsyncIterator[DiscordStandIn]:
    stand_in = DiscordStandIn()
    await stand_in.start()
    yield stand_in
    await stand_in.close()


async def looked(bot: BotUnderTest, count: int) -> None:
    """Wait until the core has finished ``count`` reports of who can read what (each look is two: server, unfound)."""
    await bot.fake.wait_for(
        lambda: len([e for e in bot.core.handled if isinstance(e, ChannelExposureChanged)]) >= count
    )


@pytest.fixture
async def bot(fake: DiscordStandIn, features: list[Feature], watching: Deployment) -> AsyncIterator[BotUnderTest]:
    async with BotUnderTest(fake, features, watching) as running:
        await looked(running, 2)  # the look on connecting
        yield running


def notes(fake: DiscordStandIn) -> list[Any]:
    return [c.body for c in fake.channel_posts() if c.path == f"/channels/{fake.dm_channel_of(LEAD)}/messages"]


def note_text(body: dict[str, Any]) -> str:
    """A note to a lead: plain text with embeds suppressed, like every direct message to a lead (no link previews)."""
    assert body["flags"] & (1 << 2) and not body.get("embeds")
    return str(body["content"])


async def exposure(bot: BotUnderTest, who: dict[str, Any] = LEAD_USER) -> str:
    before = len(bot.fake.callbacks())
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("exposure", {}, who=who))
    await bot.handled(lambda e: isinstance(e, CommandInvoked) and e.origin.user_id == who["id"])
    callbacks = await bot.fake.wait_for(lambda: bot.fake.callbacks()[before:])
    data = callbacks[-1].body["data"]
    assert data["flags"] == 64  # ephemeral: only the one who asked sees it
    embeds = data.get("embeds") or []
    return data.get("content") or (embeds[0]["title"] + "\n" + embeds[0]["description"])


async def test_the_look_on_connecting_is_silent_and_exposure_shows_it(bot: BotUnderTest) -> None:
    assert notes(bot.fake) == []
    answer = await exposure(bot)
    assert "Channels people outside the organisation can read now: 3" in answer
    assert "#general (Discord): @everyone can view it · moderation watches it" in answer
    assert "#bot-testing (Discord): @everyone can view it · moderation does NOT watch it" in answer  # ignored
    assert "#tonight (Discord): a thread in #general, which @everyone can view · moderation watches it" in answer
    assert "staff-room" not in answer and "#staff (" not in answer  # hidden channel, private thread
    assert f"https://discord.com/channels/{GUILD_ID}/" in answer
    assert "Watched channels the bot cannot read: 2\n" in answer
    assert f"• channel {MISSING} (Discord): in no Discord server" in answer
    assert "• #parents-forum (Discord): the bot's roles lack View Channel there" in answer  # hidden, not allowed


async def test_a_permission_overwrite_opening_a_channel_is_one_note(bot: BotUnderTest) -> None:
    """@everyone's View Channel deny removed from #staff-room: the lead is told once, by direct message."""
    update = channel_payload(STAFF_CHANNEL, "staff-room", 1, hidden=False)
    await bot.fake.dispatch("CHANNEL_UPDATE", update)
    await looked(bot, 4)
    (note,) = notes(bot.fake)
    text = note_text(note)
    assert "#staff-room (Discord) is now readable by people outside the organisation: @everyone can view it" in text
    assert "The permissions of #staff-room changed" in text
    assert "#staff-room (Discord): @everyone can view it" in await exposure(bot)

    await bot.fake.dispatch("CHANNEL_UPDATE", update)  # the same again
    await looked(bot, 6)
    assert len(notes(bot.fake)) == 1

    await bot.fake.dispatch("CHANNEL_UPDATE", channel_payload(STAFF_CHANNEL, "staff-room", 1, hidden=True))
    await looked(bot, 8)
    assert len(notes(bot.fake)) == 2
    assert "#staff-room (Discord) is no longer readable" in note_text(notes(bot.fake)[-1])
    assert "staff-room" not in await exposure(bot)


async def test_the_everyone_role_losing_view_channel_is_one_note_for_every_channel(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.DEBUG, logger="adapters")
    await bot.fake.dispatch("GUILD_ROLE_UPDATE", role_update_payload(EVERYONE_PERMISSIONS & ~VIEW_CHANNEL))
    await looked(bot, 4)
    (note,) = notes(bot.fake)
    text = note_text(note)
    assert "3 channels are no longer readable outside the organisation" in text
    assert all(f"#{name} (Discord) is no longer readable" in text for name in ("general", "bot-testing", "tonight"))
    assert "The @everyone role changed" in text
    assert "can read now: none" in await exposure(bot)

    await bot.fake.dispatch("GUILD_ROLE_UPDATE", role_update_payload(EVERYONE_PERMISSIONS & ~VIEW_CHANNEL))
    await looked(bot, 6)
    assert len(notes(bot.fake)) == 1
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "channel exposure on discord" in logged  # counts only:
    assert not [word for word in ("general", "bot-testing", "tonight", "@everyone", LEAD) if word in logged]


async def test_a_thread_opened_under_a_public_channel_is_one_note(bot: BotUnderTest) -> None:
    thread = snowflake()
    await bot.fake.dispatch("THREAD_CREATE", thread_payload(thread, "match-day"))
    await looked(bot, 4)
    (note,) = notes(bot.fake)
    assert "#match-day (Discord) is now readable by people outside the organisation: a thread in #general" in (
        note_text(note)
    )
    assert f"https://discord.com/channels/{GUILD_ID}/{thread}" in note_text(note)
    assert "#match-day (Discord): a thread in #general" in await exposure(bot)


async def test_a_private_thread_or_a_hidden_channel_created_says_nothing(bot: BotUnderTest) -> None:
    await bot.fake.dispatch("THREAD_CREATE", thread_payload(snowflake(), "quiet-word", private=True))
    await bot.fake.dispatch("CHANNEL_CREATE", channel_payload(snowflake(), "leads-only", 9, hidden=True))
    await looked(bot, 6)
    assert notes(bot.fake) == []


async def test_a_public_channel_created_is_one_note(bot: BotUnderTest) -> None:
    await bot.fake.dispatch("CHANNEL_CREATE", channel_payload(snowflake(), "open-day", 9, hidden=False))
    await looked(bot, 4)
    (note,) = notes(bot.fake)
    assert "#open-day (Discord) is now readable" in note_text(note)
    assert "A channel was created: #open-day" in note_text(note)


async def test_a_member_gets_the_identical_refusal(bot: BotUnderTest) -> None:
    assert await exposure(bot, ALICE) == REFUSAL


async def test_a_reconnect_with_nothing_changed_says_nothing(
    fake: DiscordStandIn, features: list[Feature], watching: Deployment
) -> None:
    """The record is kept in the store: connecting again to the same server is silent, and so is the answer."""
    async with BotUnderTest(fake, features, watching) as first:
        await looked(first, 2)
        await fake.dispatch("CHANNEL_UPDATE", channel_payload(STAFF_CHANNEL, "staff-room", 1, hidden=False))
        await looked(first, 4)
        before = await exposure(first)
    assert len(notes(fake)) == 1
    async with BotUnderTest(fake, features, watching) as second:
        await looked(second, 2)
        # the stand-in's server is as it was at first: #staff-room hidden again while the bot was away
        assert len(notes(fake)) == 2 and "no longer readable" in note_text(notes(fake)[-1])
        assert await exposure(second) != before
    async with BotUnderTest(fake, features, watching) as third:
        await looked(third, 2)
        assert len(notes(fake)) == 2
