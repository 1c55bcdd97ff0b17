"""On Discord, end to end: warnings that answer back, files never fetched, categories from the text, threads.

The real features behind the real discord.py client and the stand-in. Every attachment URL (CDN and media
proxy) is served by the stand-in, which fails the test if the bot requests one (``DiscordStandIn.close``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from discord_fake import (
    GUILD_ID,
    PUBLIC_CHANNEL,
    PUBLIC_THREAD,
    BotUnderTest,
    DiscordStandIn,
    button_press_payload,
    context_menu_payload,
    message_payload,
    modal_submit_payload,
    user,
)

from bot.core import Feature
from bot.deployment import Deployment, PlatformChannels
from bot.events import CommandInvoked, MessagePosted, MessageReported
from bot.moderation.store import WarningStore
from bot.reports.store import CaseStore
from tests import e2e_fixtures

store, features = e2e_fixtures.store, e2e_fixtures.features  # the shared pytest fixtures

LEAD = "400000000000000001"
ALICE = user("300000000000000001", "alice")
BOB = user("300000000000000002", "bob")
LEAD_USER = user(LEAD, "karen")
NUMBER = "07700 900123"
EXAMPLE = "a volunteer keeps messaging a young person on snapchat late at night"
SUPPRESS_EMBEDS = 1 << 2


@pytest.fixture
def watching(deployment: Deployment) -> Deployment:
    return replace(deployment, channels={"discord": PlatformChannels(guilds=(GUILD_ID,))})


@pytest.fixture
async def fake() -> AsyncIterator[DiscordStandIn]:
    stand_in = DiscordStandIn()
    await stand_in.start()
    yield stand_in
    await stand_in.close()  # fails the test if any attachment URL was requested


@pytest.fixture
async def bot(fake: DiscordStandIn, features: list[Feature], watching: Deployment) -> AsyncIterator[BotUnderTest]:
    async with BotUnderTest(fake, features, watching) as running:
        yield running


def posts_to(fake: DiscordStandIn, user_id: str) -> list:
    return [c for c in fake.channel_posts() if c.path == f"/channels/{fake.dm_channel_of(user_id)}/messages"]


def custom_ids(body: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in body.get("components") or [] for c in row.get("components", [])]


async def post(bot: BotUnderTest, text: str, *, channel_id: str = PUBLIC_CHANNEL, **extra: Any) -> dict[str, Any]:
    """A post Discord shows (GET answers it) and sends to the bot."""
    data = message_payload(text, author=ALICE, channel_id=channel_id, **extra)
    bot.fake.posts[(channel_id, data["id"])] = data
    await bot.fake.dispatch("MESSAGE_CREATE", data)
    await bot.handled(lambda e: isinstance(e, MessagePosted) and e.origin.message_id == data["id"])
    return data


async def press(bot: BotUnderTest, custom_id: str, who: dict[str, Any]) -> str:
    """Press a button in a DM; the ephemeral answer's text."""
    before = len(bot.fake.callbacks())
    payload = button_press_payload(custom_id, who=who, channel_id=bot.fake.dm_channel_of(who["id"]))
    await bot.fake.dispatch("INTERACTION_CREATE", payload)
    await bot.handled(lambda e: isinstance(e, CommandInvoked) and e.event_id == payload["id"])
    answers = await bot.fake.wait_for(lambda: bot.fake.callbacks()[before:])
    data = answers[0].body["data"]
    assert data["flags"] & 64  # ephemeral
    return str(data.get("content") or "") + "".join(str(e) for e in data.get("embeds") or [])


async def test_a_thread_warning_names_the_thread_and_carries_the_answers(bot: BotUnderTest) -> None:
    await post(bot, f"ring me on {NUMBER}", channel_id=PUBLIC_THREAD)
    (warning,) = await bot.fake.wait_for(lambda: posts_to(bot.fake, ALICE["id"]))
    (embed,) = warning.body["embeds"]
    assert "Your post in #general, in the thread \u201ctonight\u201d contains" in embed["description"]
    assert [i.split("|")[1] for i in custom_ids(warning.body)] == ["warning-fixed", "warning-wrong"]


async def test_fixed_reads_the_post_again_on_discord(bot: BotUnderTest, store: CaseStore) -> None:
    data = await post(bot, f"ring me on {NUMBER}")
    (warning,) = await bot.fake.wait_for(lambda: posts_to(bot.fake, ALICE["id"]))
    fixed = custom_ids(warning.body)[0]
    assert "still contains a telephone number" in await press(bot, fixed, ALICE)
    assert bot.fake.made("GET", f"/channels/{PUBLIC_CHANNEL}/messages/{data['id']}")
    bot.fake.posts[(PUBLIC_CHANNEL, data["id"])] = {**data, "content": "ring the office"}
    assert "resolved" in await press(bot, fixed, ALICE)
    (record,) = await WarningStore(store.db).recent_warnings()
    assert record.status == "fixed"


async def test_wrong_then_uphold_on_discord(bot: BotUnderTest, store: CaseStore) -> None:
    """The dispute reaches the lead as plain text with embeds suppressed and the two buttons; no number in it."""
    await post(bot, f"our office is {NUMBER}")
    (warning,) = await bot.fake.wait_for(lambda: posts_to(bot.fake, ALICE["id"]))
    assert "asked the Safeguard Lead" in await press(bot, custom_ids(warning.body)[1], ALICE)
    (dispute,) = await bot.fake.wait_for(lambda: posts_to(bot.fake, LEAD))
    assert dispute.body["flags"] & SUPPRESS_EMBEDS and not dispute.body.get("embeds")
    assert NUMBER not in str(dispute.body) and "phone" in dispute.body["content"]
    allow, uphold = custom_ids(dispute.body)
    assert "upheld" in await press(bot, uphold, LEAD_USER)
    told = await bot.fake.wait_for(lambda: posts_to(bot.fake, ALICE["id"])[1:])
    assert "upheld" in told[0].body["content"] and told[0].body["flags"] & SUPPRESS_EMBEDS
    assert "already upheld" in await press(bot, allow, LEAD_USER)
    assert await WarningStore(store.db).allowed() == []


async def test_files_are_described_never_fetched(bot: BotUnderTest, store: CaseStore) -> None:
    """A warned post and a reported post with a photo: recorded and shown to the lead as name, type, size and
    link; the lead's DM suppresses embeds; the stand-in fails the test if a file URL is requested."""
    photo = bot.fake.attachment("kids.jpg", "image/jpeg", 48213)
    await post(bot, "what a night", files=(photo,))
    (record,) = await WarningStore(store.db).recent_warnings()
    [(name, kind, size, link)] = [(a.name, a.content_type, a.size, a.url) for a in record.attachments]
    assert (name, kind, size, link) == ("kids.jpg", "image/jpeg", 48213, photo["url"])

    target = message_payload("look at this", author=BOB, channel_id=PUBLIC_CHANNEL, files=(photo,))
    await bot.fake.dispatch(
        "INTERACTION_CREATE", context_menu_payload(target, who=ALICE, name="Report to Safeguard Lead")
    )
    (opened,) = await bot.fake.wait_for(bot.fake.callbacks)
    values = {"category": "indecent-images", "details": "worried"}
    await bot.fake.dispatch("INTERACTION_CREATE", modal_submit_payload(opened.body["data"], values, who=ALICE))
    await bot.handled(lambda e: isinstance(e, MessageReported))
    to_lead = await bot.fake.wait_for(lambda: posts_to(bot.fake, LEAD))
    text = "\n".join(str(c.body.get("content") or "") for c in to_lead)
    assert "kids.jpg (image/jpeg, 48,213 bytes)" in text and photo["url"] in text
    assert all(c.body["flags"] & SUPPRESS_EMBEDS and not c.body.get("embeds") for c in to_lead)
    assert bot.fake.file_requests == []


async def test_the_report_form_opens_on_the_suggested_category(bot: BotUnderTest, store: CaseStore) -> None:
    target = message_payload(EXAMPLE, author=BOB, channel_id=PUBLIC_CHANNEL)
    await bot.fake.dispatch(
        "INTERACTION_CREATE", context_menu_payload(target, who=ALICE, name="Report to Safeguard Lead")
    )
    (opened,) = await bot.fake.wait_for(bot.fake.callbacks)
    select = next(
        c["component"] for c in opened.body["data"]["components"] if c["component"]["custom_id"] == "category"
    )
    assert [o["value"] for o in select["options"] if o.get("default")] == ["contact-outside-protocol"]
    values = {"category": "contact-outside-protocol", "details": ""}
    await bot.fake.dispatch("INTERACTION_CREATE", modal_submit_payload(opened.body["data"], values, who=ALICE))
    await bot.handled(lambda e: isinstance(e, MessageReported))
    (case,) = await store.open_cases()
    assert case.category == "contact-outside-protocol" and case.category_suggested  # kept the suggestion
