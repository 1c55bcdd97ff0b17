"""End to end on Discord: the real features behind the real discord.py client, against the local stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from discord_fake import (
    BOT_ID,
    BOT_USER,
    GUILD_ID,
    PUBLIC_CHANNEL,
    BotUnderTest,
    DiscordStandIn,
    context_menu_payload,
    message_payload,
    modal_submit_payload,
    slash_payload,
    user,
)

from bot.core import Feature
from bot.deployment import Deployment, PlatformChannels
from bot.events import BotAddressed, CommandInvoked, MessageEdited, MessagePosted, MessageReported
from bot.guidance.feature import ANSWERED_PRIVATELY
from bot.moderation.store import WarningStore
from bot.reports.store import CaseStore
from tests import e2e_fixtures

store, features = e2e_fixtures.store, e2e_fixtures.features  # the shared pytest fixtures

ROOT = Path(__file__).resolve().parent.parent
LEAD = "400000000000000001"
ALICE = user("300000000000000001", "alice")
BOB = user("300000000000000002", "bob")
LEAD_USER = user(LEAD, "karen")
EXPOSING = "Freya Collins did brilliantly tonight, her mum's number is 07700 900123"


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


def posts_to(fake: DiscordStandIn, user_id: str) -> list:
    return [c for c in fake.channel_posts() if c.path == f"/channels/{fake.dm_channel_of(user_id)}/messages"]


def public_posts(fake: DiscordStandIn, *private_to: str) -> list:
    dms = {f"/channels/{fake.dm_channel_of(u)}/messages" for u in private_to}
    return [c for c in fake.channel_posts() if c.path not in dms]


async def test_policy_question_gets_an_ephemeral_embed_citing_the_clause(bot: BotUnderTest) -> None:
    """/policy: the real guidance answer comes back as one ephemeral interaction response with an embed."""
    question = {"question": "can I post photos of the young people from tonight's session?"}
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("policy", question, who=ALICE))
    await bot.handled(lambda e: isinstance(e, CommandInvoked))
    (callback,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] == 64
    (embed,) = callback.body["data"]["embeds"]
    assert embed["description"].startswith("**In short:** ")  # the short answer first
    clause = embed["fields"][0]
    assert clause["name"].startswith("6.14 ·") and "> " in clause["value"]  # then the clause, quoted, in a field
    assert bot.fake.channel_posts() == []


async def test_exposing_post_warns_the_author_by_dm_only_and_alerts_the_lead(
    bot: BotUnderTest, store: CaseStore
) -> None:
    """An attendee's name with a phone number: a DM warning to the author, an alert DM to the lead, nothing public."""
    post = message_payload(EXPOSING, author=ALICE, channel_id=PUBLIC_CHANNEL)
    await bot.fake.dispatch("MESSAGE_CREATE", post)
    await bot.handled(lambda e: isinstance(e, MessagePosted))
    opened = [c.body["recipient_id"] for c in bot.fake.made("POST", "/users/@me/channels")]
    assert sorted(opened) == sorted([int(ALICE["id"]), int(LEAD)])
    (warning,) = posts_to(bot.fake, ALICE["id"])
    assert "07700" not in str(warning.body)  # the warning never repeats what was exposed
    assert posts_to(bot.fake, LEAD)
    assert public_posts(bot.fake, ALICE["id"], LEAD) == []
    (record,) = await WarningStore(store.db).recent_warnings()
    assert record.delivered and record.platform == "discord" and record.message_id == post["id"]


async def test_closed_dms_leave_no_public_trace_and_the_warning_is_recorded_undelivered(
    fake: DiscordStandIn, bot: BotUnderTest, store: CaseStore
) -> None:
    """403 code 50007 for the author: nothing in the channel, the warning logged with delivered=False."""
    fake.closed_dms.add(ALICE["id"])
    await fake.dispatch("MESSAGE_CREATE", message_payload(EXPOSING, author=ALICE, channel_id=PUBLIC_CHANNEL))
    await bot.handled(lambda e: isinstance(e, MessagePosted))
    assert public_posts(fake, ALICE["id"], LEAD) == []
    assert fake.callbacks() == []
    (record,) = await WarningStore(store.db).recent_warnings()
    assert record.delivered is False


async def test_slash_report_goes_to_the_lead_by_dm_and_to_no_channel(bot: BotUnderTest, store: CaseStore) -> None:
    """/report: stored as a case, acknowledged ephemerally, delivered by DM to the lead; no report text in a channel."""
    words = "A man outside the hall asked Amelia Hart for her address"
    report = slash_payload("report", {"what_happened": words, "category": "attendee-concern"}, who=ALICE)
    await bot.fake.dispatch("INTERACTION_CREATE", report)
    await bot.handled(lambda e: isinstance(e, CommandInvoked))
    callbacks = await bot.fake.wait_for(bot.fake.callbacks)
    assert all(c.body["data"]["flags"] == 64 for c in callbacks)
    (to_lead,) = await bot.fake.wait_for(lambda: posts_to(bot.fake, LEAD))
    assert words in str(to_lead.body)
    assert public_posts(bot.fake, LEAD) == []
    (case,) = await store.open_cases()
    assert case.category == "attendee-concern"


async def test_context_menu_report_captures_the_post_and_reaches_the_lead(bot: BotUnderTest, store: CaseStore) -> None:
    """Report to Safeguard Lead: a modal, then a stored case with the captured post; the lead gets a DM."""
    target = message_payload("meet me after club, don't tell your mum", author=BOB, channel_id=PUBLIC_CHANNEL)
    menu = context_menu_payload(target, who=ALICE, name="Report to Safeguard Lead")
    await bot.fake.dispatch("INTERACTION_CREATE", menu)
    (opened,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert opened.body["type"] == 9
    values = {"category": "contact-outside-protocol", "details": "Bob is a volunteer"}
    await bot.fake.dispatch("INTERACTION_CREATE", modal_submit_payload(opened.body["data"], values, who=ALICE))
    await bot.handled(lambda e: isinstance(e, MessageReported))
    ack = await bot.fake.wait_for(lambda: bot.fake.callbacks()[1:])
    assert ack[0].body["data"]["flags"] == 64
    await bot.fake.wait_for(lambda: posts_to(bot.fake, LEAD))
    assert public_posts(bot.fake, LEAD) == []
    (case,) = await store.open_cases()
    assert case.category == "contact-outside-protocol"
    assert case.post is not None and case.post.author_id == BOB["id"]
    assert case.post.permalink.endswith(f"/{PUBLIC_CHANNEL}/{target['id']}")


async def test_who_is_the_safeguarding_lead_is_answered_from_the_deployment(bot: BotUnderTest) -> None:
    """/policy who is the DSL: the deployment's lead and phone open the embed; a field says how to report."""
    question = {"question": "who is the safeguarding lead?"}
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("policy", question, who=ALICE))
    await bot.handled(lambda e: isinstance(e, CommandInvoked))
    (callback,) = await bot.fake.wait_for(bot.fake.callbacks)
    (embed,) = callback.body["data"]["embeds"]
    assert embed["description"].startswith("Your Safeguard Lead is Karen Double (01473 000000).")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Karen Double"] == "Safeguard Lead · 01473 000000" and "/report" in fields["How to report"]


async def test_a_mention_is_answered_by_dm_with_one_line_in_the_channel(bot: BotUnderTest) -> None:
    """@bot question in a channel: the answer goes to the asker's DMs, with its buttons; the channel gets one
    line, a reply to the mention, pinging no one and saying nothing of the question or the answer."""
    text = f"<@{BOT_ID}> can I accept a friend request from a parent?"
    mention = message_payload(text, author=ALICE, mentions=(BOT_USER,))
    await bot.fake.dispatch("MESSAGE_CREATE", mention)
    await bot.handled(lambda e: isinstance(e, BotAddressed))
    (answer,) = [
        c for c in bot.fake.channel_posts() if c.path == f"/channels/{bot.fake.dm_channel_of(ALICE['id'])}/messages"
    ]
    assert answer.body["embeds"][0]["fields"][0]["name"].startswith("6.9 ·")
    [row] = answer.body["components"]
    assert [b["label"] for b in row["components"]] == ["Helpful", "Not what I asked"]
    (line,) = [c for c in bot.fake.channel_posts() if c.path == f"/channels/{PUBLIC_CHANNEL}/messages"]
    assert str(line.body["message_reference"]["message_id"]) == mention["id"]
    assert line.body["content"] == ANSWERED_PRIVATELY and not line.body.get("embeds")
    assert line.body["allowed_mentions"] == {"parse": []}


async def test_a_direct_message_is_answered_in_the_same_dm(bot: BotUnderTest) -> None:
    """A question written to the bot directly is answered in that DM channel."""
    channel = bot.fake.dm_channel_of(ALICE["id"])
    dm = message_payload("can I give a young person a lift home?", author=ALICE, guild=False, channel_id=channel)
    await bot.fake.dispatch("MESSAGE_CREATE", dm)
    await bot.handled(lambda e: isinstance(e, BotAddressed))
    assert [c.path for c in bot.fake.channel_posts()] == [f"/channels/{channel}/messages"]


@pytest.mark.parametrize(
    ("name", "who"),
    [
        pytest.param("help", ALICE, id="help"),
        pytest.param("cases", LEAD_USER, id="cases-by-lead"),
        pytest.param("cases", ALICE, id="cases-refused-to-non-lead"),
        pytest.param("warnings", LEAD_USER, id="warnings-by-lead"),
    ],
)
async def test_every_command_is_answered_ephemerally(bot: BotUnderTest, name: str, who: dict) -> None:
    """/help, /cases and /warnings (allowed or refused) answer only the user who typed them."""
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload(name, {}, who=who))
    await bot.handled(lambda e: isinstance(e, CommandInvoked))
    callbacks = await bot.fake.wait_for(bot.fake.callbacks)
    assert [c.body["data"]["flags"] for c in callbacks] == [64]
    assert "know the command" not in str(callbacks[0].body)
    assert bot.fake.channel_posts() == []


async def test_an_image_and_a_later_edit_are_each_warned_about_once(bot: BotUnderTest, store: CaseStore) -> None:
    """A photo in a public channel is warned about; an edit adding a phone number is warned about that alone."""
    post = message_payload("great session!", author=ALICE, attachments=(("IMG_2041.jpg", "image/jpeg"),))
    await bot.fake.dispatch("MESSAGE_CREATE", post)
    await bot.handled(lambda e: isinstance(e, MessagePosted))
    assert len(posts_to(bot.fake, ALICE["id"])) == 1
    edit = message_payload(
        "great session! call me on 07700 900123",
        author=ALICE,
        message_id=post["id"],
        edited=True,
        attachments=(("IMG_2041.jpg", "image/jpeg"),),
    )
    await bot.fake.dispatch("MESSAGE_UPDATE", edit)
    await bot.handled(lambda e: isinstance(e, MessageEdited))
    assert len(posts_to(bot.fake, ALICE["id"])) == 2
    kinds = sorted(r.kinds for r in await WarningStore(store.db).recent_warnings())
    assert kinds == [("image",), ("phone",)]
    assert public_posts(bot.fake, ALICE["id"], LEAD) == []
