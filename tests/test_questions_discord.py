"""Questions on Discord, end to end: the real features behind the real discord.py client, against the stand-in."""

from __future__ import annotations

from discord_fake import BotUnderTest, message_payload, slash_payload

from bot.events import BotAddressed, CommandInvoked
from tests import e2e_fixtures
from tests.test_discord_e2e import ALICE, LEAD, LEAD_USER, bot, fake, posts_to, public_posts, watching
from tests.test_relay_discord import press_and_type

store, features = e2e_fixtures.store, e2e_fixtures.features
__all__ = ["bot", "fake", "features", "store", "watching"]  # the fixtures these tests use


async def test_buttons_hand_a_question_to_the_lead_and_the_answer_back(bot: BotUnderTest) -> None:
    """Not covered, asked in a DM: "Ask the Safeguard Lead" sends it to the lead's DMs with its reference; the
    lead's Answer button opens a form whose text reaches the asker's DMs. Nothing is posted anywhere else."""
    channel = bot.fake.dm_channel_of(ALICE["id"])
    question = "a parent wants to buy my old bike through facebook marketplace"
    await bot.fake.dispatch("MESSAGE_CREATE", message_payload(question, author=ALICE, guild=False, channel_id=channel))
    await bot.handled(lambda e: isinstance(e, BotAddressed))
    (answer,) = posts_to(bot.fake, ALICE["id"])
    [row] = answer.body["components"]
    ask = row["components"][0]
    assert ask["label"] == "Ask the Safeguard Lead" and ask["custom_id"].startswith("cmd|ask-lead|q")
    from discord_fake import button_payload

    message = {**answer.body, "channel_id": channel, "id": "1"}
    await bot.fake.dispatch("INTERACTION_CREATE", button_payload(message, ask["custom_id"], who=ALICE))
    await bot.handled(lambda e: isinstance(e, CommandInvoked) and e.name == "ask-lead")
    (ack,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert ack.body["data"]["flags"] == 64 and "Q-2026-0001" in ack.body["data"]["content"]
    (to_lead,) = await bot.fake.wait_for(lambda: posts_to(bot.fake, LEAD))
    # what the outbox sends is plain text with embeds suppressed (no link in it ever previews), buttons kept
    assert "Q-2026-0001" in to_lead.body["content"] and "embeds" not in to_lead.body
    lead_message = {**to_lead.body, "channel_id": bot.fake.dm_channel_of(LEAD), "id": "2"}
    await press_and_type(bot, lead_message, LEAD_USER, "Better not.")
    await bot.fake.wait_for(lambda: len(posts_to(bot.fake, ALICE["id"])) == 2)
    content = posts_to(bot.fake, ALICE["id"])[1].body["content"]
    assert "Q-2026-0001" in content and "Better not." in content
    assert public_posts(bot.fake, ALICE["id"], LEAD) == []
    await bot.handled(lambda e: isinstance(e, CommandInvoked) and e.name == "answer")


async def test_ask_lead_from_a_slash_command(bot: BotUnderTest) -> None:
    await bot.fake.dispatch(
        "INTERACTION_CREATE", slash_payload("ask-lead", {"question": "can I sell my bike to a parent?"}, who=ALICE)
    )
    (to_lead,) = await bot.fake.wait_for(lambda: posts_to(bot.fake, LEAD))
    assert "can I sell my bike to a parent?" in to_lead.body["content"]
    await bot.handled(lambda e: isinstance(e, CommandInvoked) and e.name == "ask-lead")  # its delivery recorded


async def test_an_ephemeral_answer_carries_its_feedback_buttons(bot: BotUnderTest) -> None:
    await bot.fake.dispatch(
        "INTERACTION_CREATE",
        slash_payload("policy", {"question": "can I accept a friend request from a parent?"}, who=ALICE),
    )
    (answer,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert answer.body["data"]["flags"] == 64
    [row] = answer.body["data"]["components"]
    assert [b["label"] for b in row["components"]] == ["Helpful", "Not what I asked"]
