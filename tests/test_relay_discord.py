"""The relay on Discord, end to end: the Reply button on the case DM and its form, the reporter's Reply button,
the anonymous option of /report and the box on the report form, behind the real discord.py client.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from discord_fake import (
    GUILD_ID,
    PUBLIC_CHANNEL,
    BotUnderTest,
    DiscordStandIn,
    button_payload,
    context_menu_payload,
    message_payload,
    modal_submit_payload,
    slash_payload,
    user,
)

from bot.core import Feature
from bot.deployment import Deployment, PlatformChannels
from bot.events import CommandInvoked, MessageReported
from bot.reports.store import CaseStore
from tests import e2e_fixtures

store, features = e2e_fixtures.store, e2e_fixtures.features  # the shared pytest fixtures

LEAD = "400000000000000001"
LEAD_USER = user(LEAD, "karen")
ALICE = {**user("300000000000000001", "alice"), "global_name": "Alice Pemberton"}
BOB = user("300000000000000002", "bob")
QUESTION = "Which evening was it?"
ANSWER = "Tuesday after the match"


@pytest.fixture
def watching(deployment: Deployment) -> Deployment:
    return replace(deployment, channels={"discord": PlatformChannels(guilds=(GUILD_ID,))})


@pytest.fixture
async def fake() -> AsyncIterator[DiscordStandIn]:
    stand_in = DiscordStandIn()
    await stand_in.start()
    yield stand_in
    await stand_in.close()


@pytest.fixture
async def bot(fake: DiscordStandIn, features: list[Feature], watching: Deployment) -> AsyncIterator[BotUnderTest]:
    async with BotUnderTest(fake, features, watching) as running:
        yield running


def dm_messages(fake: DiscordStandIn, user_id: str) -> list[dict[str, Any]]:
    """What the bot posted in its DM with ``user_id``, oldest first, as the stand-in stored it."""
    return list(reversed(fake.history.get(fake.dm_channel_of(user_id), [])))


def not_dms(fake: DiscordStandIn) -> list:
    dms = {f"/channels/{fake.dm_channel_of(u)}/messages" for u in (LEAD, ALICE["id"])}
    return [c for c in fake.channel_posts() if c.path not in dms]


def first_button(message: dict[str, Any]) -> str:
    [row] = message["components"]
    return str(row["components"][0]["custom_id"])


async def press_and_type(bot: BotUnderTest, message: dict[str, Any], who: dict[str, Any], text: str) -> None:
    """Click the message's button, wait for the form, fill it in and submit it."""
    before = len(bot.fake.callbacks())
    await bot.fake.dispatch("INTERACTION_CREATE", button_payload(message, first_button(message), who=who))
    [form] = await bot.fake.wait_for(lambda: bot.fake.callbacks()[before:])
    assert form.body["type"] == 9  # a modal
    submit = modal_submit_payload(
        form.body["data"], {"text": text}, who=who, channel_id=message["channel_id"], guild=False
    )
    await bot.fake.dispatch("INTERACTION_CREATE", submit)
    await bot.handled(lambda e: isinstance(e, CommandInvoked) and text in e.text)


async def test_reply_buttons_relay_both_ways_in_direct_messages(bot: BotUnderTest, store: CaseStore) -> None:
    """/report with the anonymous option; the lead presses Reply on the case DM; the reporter presses Reply on the
    lead's message. Each message arrives as a DM with a button; nothing is posted anywhere else; the lead never
    sees who reported."""
    options = {"what_happened": "the coach shouts at one of the girls", "anonymous": "--anonymous"}
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("report", options, who=ALICE))
    [case_dm] = await bot.fake.wait_for(lambda: dm_messages(bot.fake, LEAD))
    [case] = await store.open_cases()
    assert case.anonymous
    assert first_button(case_dm).startswith(f"cmd|case|{case.ref} reply|")

    await press_and_type(bot, case_dm, LEAD_USER, QUESTION)
    [to_reporter] = await bot.fake.wait_for(lambda: dm_messages(bot.fake, ALICE["id"]))
    assert QUESTION in str(to_reporter["embeds"])
    assert first_button(to_reporter) == f"cmd|reply|{case.ref}|Your message to the Safeguard Lead"

    await press_and_type(bot, to_reporter, ALICE, ANSWER)
    await bot.fake.wait_for(lambda: [m for m in dm_messages(bot.fake, LEAD) if ANSWER in str(m["embeds"])])
    assert not_dms(bot.fake) == []
    to_lead = str(dm_messages(bot.fake, LEAD))
    for identifier in (ALICE["id"], "alice", "Alice Pemberton"):
        assert identifier not in to_lead
    got = await store.get_case(case.ref)
    assert got is not None and [e.kind for e in got.events if "reporter" in e.kind] == ["to_reporter", "from_reporter"]


async def test_the_report_form_has_an_anonymous_box(bot: BotUnderTest, store: CaseStore) -> None:
    target = message_payload("meet me after club, don't tell your mum", author=BOB, channel_id=PUBLIC_CHANNEL)
    await bot.fake.dispatch(
        "INTERACTION_CREATE", context_menu_payload(target, who=ALICE, name="Report to Safeguard Lead")
    )
    (opened,) = await bot.fake.wait_for(bot.fake.callbacks)
    boxes = [c["component"] for c in opened.body["data"]["components"] if c["component"]["type"] == 23]
    assert [b["custom_id"] for b in boxes] == ["anonymous"]
    values = {"category": "contact-outside-protocol", "details": "Bob is a volunteer", "anonymous": True}
    await bot.fake.dispatch("INTERACTION_CREATE", modal_submit_payload(opened.body["data"], values, who=ALICE))
    await bot.handled(lambda e: isinstance(e, MessageReported))
    [case_dm] = await bot.fake.wait_for(lambda: dm_messages(bot.fake, LEAD))
    [case] = await store.open_cases()
    assert case.anonymous and case.post is not None and case.post.author_id == BOB["id"]
    assert BOB["id"] in str(case_dm) and ALICE["id"] not in str(case_dm) and "Alice" not in str(case_dm)


async def test_discords_reply_to_the_case_dm_reaches_the_reporter(bot: BotUnderTest, store: CaseStore) -> None:
    """Discord's own Reply on the case's DM (a message with a reference to it) goes to the reporter, not to guidance."""
    options = {"what_happened": "the coach shouts at one of the girls"}
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("report", options, who=ALICE))
    [case_dm] = await bot.fake.wait_for(lambda: dm_messages(bot.fake, LEAD))
    await recorded(store)
    reply = message_payload(QUESTION, author=LEAD_USER, channel_id=case_dm["channel_id"], guild=False)
    reply["message_reference"] = {"message_id": case_dm["id"], "channel_id": case_dm["channel_id"]}
    await bot.fake.dispatch("MESSAGE_CREATE", reply)
    [to_reporter] = await bot.fake.wait_for(lambda: dm_messages(bot.fake, ALICE["id"]))
    assert QUESTION in str(to_reporter["embeds"])
    await bot.handled(lambda e: getattr(e, "text", "") == QUESTION)
    lead_dm = dm_messages(bot.fake, LEAD)
    assert all("SG-" in str(m) for m in lead_dm)  # no policy answer to the lead's reply


async def recorded(store: CaseStore) -> None:
    """Until the case DM is recorded as sent, with the id a reply to it refers to (a person is never that fast)."""
    for _ in range(200):
        cases = await store.open_cases()
        if cases and all(d.state == "sent" for d in cases[0].deliveries):
            return
        await asyncio.sleep(0.02)
    raise TimeoutError("the case DM was not recorded as sent")
