"""The real discord.py client against the local stand-in, with small test features: REST calls asserted."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from discord_fake import (
    APP_ID,
    BOT_ID,
    BOT_USER,
    GUILD_ID,
    IGNORED_CHANNEL,
    LISTED_CHANNEL,
    PRIVATE_THREAD,
    PUBLIC_CHANNEL,
    PUBLIC_THREAD,
    STAFF_CHANNEL,
    BotUnderTest,
    DiscordStandIn,
    context_menu_payload,
    message_payload,
    modal_submit_payload,
    slash_payload,
    user,
)

from adapters.discord import DiscordAdapter
from bot.actions import Card, DirectMessage, PrivateNotice, Reply, Seen, SentCheck, SentCheckResult
from bot.app import bot_commands
from bot.categories import CATEGORIES
from bot.commands import Surface
from bot.core import Context, Core, private_to
from bot.deployment import Deployment, PlatformChannels
from bot.events import BotAddressed, ChannelKind, CommandInvoked, Event, MessageEdited, MessagePosted, MessageReported
from bot.moderation.records import MemoryWarningLog, WarningRecord
from bot.settings import Settings
from bot.yamlfile import ConfigError
from tests.fakes import the_bots_declarations

LEAD = "400000000000000001"
ALICE = user("300000000000000001", "alice")
BOB = user("300000000000000002", "bob")
SECRET = "07700 900123"
#: Discord's intent bits: GUILDS (0), GUILD_MESSAGES (9), DIRECT_MESSAGES (12), MESSAGE_CONTENT (15); nothing else.
INTENTS = (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15)


class TinyFeatures:
    """Stand-ins for the real features' outward behaviour, to exercise the adapter's delivery paths."""

    name = "tiny"
    offer = the_bots_declarations("tiny")

    def __init__(self) -> None:
        self.warnings = MemoryWarningLog()
        self.release = asyncio.Event()
        self.release.set()

    async def handle(self, event: Event, ctx: Context) -> bool:
        if isinstance(event, MessagePosted | MessageEdited):
            if event.origin.channel_kind is ChannelKind.SHARED and (SECRET in event.text or event.image_count):
                notice = PrivateNotice("discord", event.origin.user_id, event.origin.channel_id, "Please remove that.")
                delivery = await ctx.send(notice)
                o = event.origin
                await self.warnings.record_warning(
                    WarningRecord(
                        "discord",
                        o.workspace_id,
                        o.channel_id,
                        o.message_id,
                        o.user_id,
                        ("phone",),
                        ("8.3",),
                        event.permalink,
                        datetime.now(UTC),
                        delivered=delivery.ok,
                    )
                )
            return False
        if isinstance(event, BotAddressed):
            await ctx.send(Reply("discord", event.origin.channel_id, f"You asked about: {event.text}"))
            return True
        if isinstance(event, MessageReported):
            lead_text = f"New report ({event.category}) about {event.post.permalink}: {event.details}"
            await ctx.send(DirectMessage("discord", LEAD, lead_text))
            await ctx.send(PrivateNotice("discord", event.origin.user_id, event.origin.channel_id, "Sent to the lead."))
            return True
        if isinstance(event, CommandInvoked):
            await self.release.wait()
            if event.name == "warnings":
                return True  # handled, but nothing to say
            if event.name == "report":
                await ctx.send(DirectMessage("discord", LEAD, f"New report: {event.text}"))
                await ctx.send(private_to(event, "Thank you, the Safeguard Lead has it."))
            else:
                card = Card(
                    "6.5 Photographs",
                    body="Short answer.",
                    quote="Do not post photos.",
                    fields=(("See", "6.6"),),
                    footer="Social media policy",
                )
                await ctx.send(private_to(event, f"answer to {event.text}", card))
            return True
        return False


@pytest.fixture
def watching(deployment: Deployment) -> Deployment:
    channels = PlatformChannels(watch=("#parents-forum",), ignore=("bot-testing",), guilds=(GUILD_ID,))
    return replace(deployment, channels={"discord": channels})


@pytest.fixture
async def fake() -> AsyncIterator[DiscordStandIn]:
    stand_in = DiscordStandIn()
    await stand_in.start()
    yield stand_in
    await stand_in.close()


@pytest.fixture
def tiny() -> TinyFeatures:
    return TinyFeatures()


@pytest.fixture
async def bot(fake: DiscordStandIn, tiny: TinyFeatures, watching: Deployment) -> AsyncIterator[BotUnderTest]:
    async with BotUnderTest(fake, [tiny], watching, defer_after=0.2) as running:
        yield running


def dm_posts(fake: DiscordStandIn, user_id: str) -> list:
    return [c for c in fake.channel_posts() if c.path == f"/channels/{fake.dm_channel_of(user_id)}/messages"]


async def test_connects_with_the_intents_and_syncs_commands_to_the_configured_server(bot: BotUnderTest) -> None:
    """IDENTIFY asks for guilds, guild messages, DMs and message content; commands sync to the configured guild."""
    assert bot.fake.identify["intents"] == INTENTS
    (sync,) = bot.fake.made("PUT", f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    names = {c["name"] for c in sync.body}
    expected = {"policy", "report", "reply", "cases", "case", "warnings", "allowed", "exposure", "audit", "help"}
    expected |= {"ask-lead", "answer", "teach", "stats"}  # /helpful and /not-what-i-asked are buttons only
    assert names == expected | {"Report to Safeguard Lead"}
    menu = next(c for c in sync.body if c["name"] == "Report to Safeguard Lead")
    assert menu["type"] == 3


async def test_synced_commands_are_the_declared_ones_with_their_options(bot: BotUnderTest) -> None:
    """Each slash command reaches Discord as declared: description, options in order (required first), choices."""
    (sync,) = bot.fake.made("PUT", f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    synced = {c["name"]: c for c in sync.body if c["type"] == 1}
    for command in bot_commands().on(Surface.SLASH):
        body = synced[command.name]
        assert body["description"] == command.description
        declared = sorted(command.options, key=lambda o: not o.required)
        got = [(o["name"], o["description"], o.get("required", False)) for o in body.get("options", [])]
        assert got == [(o.name, o.description, o.required) for o in declared]
        for option, sent in zip(declared, body.get("options", []), strict=True):
            assert [(c["name"], c["value"]) for c in sent.get("choices", [])] == list(option.choices)
    report = synced["report"]
    assert [c["value"] for c in report["options"][1]["choices"]][:1] == [CATEGORIES[0].key]


async def test_warning_goes_to_a_dm_of_the_author_and_nowhere_else(bot: BotUnderTest, tiny: TinyFeatures) -> None:
    """A warned post in a public channel: POST /users/@me/channels for the author, then one DM post; nothing else."""
    await bot.fake.dispatch("MESSAGE_CREATE", message_payload(f"ring me {SECRET}", author=ALICE))
    await bot.handled(lambda e: isinstance(e, MessagePosted))
    (opened,) = bot.fake.made("POST", "/users/@me/channels")
    assert opened.body == {"recipient_id": int(ALICE["id"])}
    (warning,) = bot.fake.channel_posts()
    assert warning.path == f"/channels/{bot.fake.dm_channel_of(ALICE['id'])}/messages"
    assert warning.body["content"] == "Please remove that."
    assert warning.body["allowed_mentions"] == {"parse": []}
    assert [r.delivered for r in tiny.warnings.records] == [True]


async def test_closed_dms_post_nothing_publicly_and_record_the_warning_undelivered(
    fake: DiscordStandIn, bot: BotUnderTest, tiny: TinyFeatures
) -> None:
    """403 code 50007 on the DM: Delivery.refused, no post in any channel, warning logged delivered=False."""
    fake.closed_dms.add(ALICE["id"])
    await fake.dispatch("MESSAGE_CREATE", message_payload(f"ring me {SECRET}", author=ALICE))
    await bot.handled(lambda e: isinstance(e, MessagePosted))
    assert [c.path for c in fake.channel_posts()] == [f"/channels/{fake.dm_channel_of(ALICE['id'])}/messages"]
    assert [r.delivered for r in tiny.warnings.records] == [False]
    assert fake.callbacks() == []


@pytest.mark.parametrize(
    ("channel", "warned"),
    [
        pytest.param(PUBLIC_CHANNEL, True, id="everyone-can-read"),
        pytest.param(STAFF_CHANNEL, False, id="hidden-staff-channel"),
        pytest.param(LISTED_CHANNEL, True, id="hidden-but-listed-under-watch"),
        pytest.param(IGNORED_CHANNEL, False, id="public-but-ignored"),
        pytest.param(PUBLIC_THREAD, True, id="thread-follows-its-public-parent"),
        pytest.param(PRIVATE_THREAD, False, id="private-thread-is-hidden"),
    ],
)
async def test_watched_channels_come_from_everyone_permissions_and_the_deployment(
    bot: BotUnderTest, channel: str, warned: bool
) -> None:
    """@everyone's read permission (from GUILD_CREATE overwrites) plus watch/ignore lists decide SHARED."""
    await bot.fake.dispatch("MESSAGE_CREATE", message_payload(f"ring me {SECRET}", author=ALICE, channel_id=channel))
    event = await bot.handled(lambda e: isinstance(e, MessagePosted))
    assert event.origin.channel_kind is (ChannelKind.SHARED if warned else ChannelKind.INTERNAL)
    assert bool(dm_posts(bot.fake, ALICE["id"])) is warned


async def test_edits_are_scanned_again_and_images_count(bot: BotUnderTest) -> None:
    """MESSAGE_UPDATE becomes MessageEdited; an image/* attachment counts as an image."""
    first = message_payload("hello", author=ALICE)
    await bot.fake.dispatch("MESSAGE_CREATE", first)
    await bot.handled(lambda e: isinstance(e, MessagePosted))
    assert dm_posts(bot.fake, ALICE["id"]) == []
    edit = message_payload(
        "hello", author=ALICE, message_id=first["id"], edited=True, attachments=(("kids.jpg", "image/jpeg"),)
    )
    await bot.fake.dispatch("MESSAGE_UPDATE", edit)
    event = await bot.handled(lambda e: isinstance(e, MessageEdited))
    assert event.image_count == 1 and event.origin.message_id == first["id"]
    assert len(dm_posts(bot.fake, ALICE["id"])) == 1


async def test_own_messages_are_ignored(bot: BotUnderTest) -> None:
    """The bot's own posts never reach the core."""
    await bot.fake.dispatch("MESSAGE_CREATE", message_payload(SECRET, author=BOT_USER))
    await bot.fake.dispatch("MESSAGE_CREATE", message_payload("marker", author=ALICE, channel_id=STAFF_CHANNEL))
    await bot.handled(lambda e: isinstance(e, MessagePosted) and e.text == "marker")
    assert [e.text for e in bot.core.handled] == ["marker"]


async def test_a_mention_is_answered_in_the_channel_as_a_reply(bot: BotUnderTest) -> None:
    """A Reply to a mention is posted in that channel referencing the mention, with no pings."""
    mention = message_payload(f"<@{BOT_ID}> photos?", author=ALICE, channel_id=STAFF_CHANNEL, mentions=(BOT_USER,))
    await bot.fake.dispatch("MESSAGE_CREATE", mention)
    await bot.handled(lambda e: isinstance(e, BotAddressed))
    (post,) = bot.fake.channel_posts()
    assert post.path == f"/channels/{STAFF_CHANNEL}/messages"
    assert post.body["content"] == "You asked about: photos?"
    assert str(post.body["message_reference"]["message_id"]) == mention["id"]
    assert post.body["allowed_mentions"]["parse"] == []


async def test_a_dm_to_the_bot_is_answered_in_the_dm(bot: BotUnderTest) -> None:
    """A direct message is BotAddressed; the Reply goes to the same DM channel."""
    dm_channel = bot.fake.dm_channel_of(ALICE["id"])
    await bot.fake.dispatch(
        "MESSAGE_CREATE", message_payload("lifts?", author=ALICE, guild=False, channel_id=dm_channel)
    )
    event = await bot.handled(lambda e: isinstance(e, BotAddressed))
    assert event.origin.channel_kind is ChannelKind.DM
    assert [c.path for c in bot.fake.channel_posts()] == [f"/channels/{dm_channel}/messages"]


async def test_slash_policy_is_answered_ephemerally_with_an_embed(bot: BotUnderTest) -> None:
    """/policy: one callback, type 4, flags 64, the card as an embed (title, quoted clause, fields, footer)."""
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("policy", {"question": "photos?"}, who=ALICE))
    await bot.handled(lambda e: isinstance(e, CommandInvoked))
    (callback,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] == 64
    (embed,) = callback.body["data"]["embeds"]
    assert embed["title"] == "6.5 Photographs"
    assert embed["description"] == "Short answer.\n\n> Do not post photos."
    assert embed["fields"] == [{"name": "See", "value": "6.6", "inline": False}]
    assert embed["footer"]["text"] == "Social media policy"
    assert bot.fake.channel_posts() == []


async def test_slow_work_is_deferred_ephemerally_then_followed_up(bot: BotUnderTest, tiny: TinyFeatures) -> None:
    """Work past the defer threshold: callback type 5 with flags 64, then an ephemeral follow-up webhook."""
    tiny.release.clear()
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("policy", {"question": "photos?"}, who=ALICE))
    (deferred,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert deferred.body == {"type": 5, "data": {"flags": 64}}
    tiny.release.set()
    (follow_up,) = await bot.fake.wait_for(lambda: bot.fake.made("POST", f"/webhooks/{APP_ID}/"))
    assert follow_up.body["flags"] == 64
    assert len(bot.fake.callbacks()) == 1


async def test_slash_report_reaches_the_lead_by_dm_and_no_channel(bot: BotUnderTest) -> None:
    """/report: ephemeral acknowledgement, a DM to the lead, and the report text in no channel."""
    words = "A stranger asked Freya for her address"
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("report", {"what_happened": words}, who=ALICE))
    await bot.handled(lambda e: isinstance(e, CommandInvoked))
    (callback,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert callback.body["data"]["flags"] == 64
    (to_lead,) = dm_posts(bot.fake, LEAD)
    assert words in to_lead.body["content"]
    elsewhere = [c for c in bot.fake.channel_posts() if c is not to_lead]
    assert elsewhere == [] and words not in str(callback.body)


async def test_context_menu_opens_a_modal_and_the_submission_reports_the_captured_post(bot: BotUnderTest) -> None:
    """Report to Safeguard Lead: modal (type 9), then the submit becomes MessageReported with the post as evidence."""
    target = message_payload(f"call me {SECRET}", author=BOB, attachments=(("map.png", "image/png"),))
    await bot.fake.dispatch(
        "INTERACTION_CREATE", context_menu_payload(target, who=ALICE, name="Report to Safeguard Lead")
    )
    (opened,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert opened.body["type"] == 9
    modal = opened.body["data"]
    submit = modal_submit_payload(modal, {"category": "cyberbullying", "details": "Worried"}, who=ALICE)
    await bot.fake.dispatch("INTERACTION_CREATE", submit)
    event = await bot.handled(lambda e: isinstance(e, MessageReported))
    assert (event.category, event.details, event.origin.user_id) == ("cyberbullying", "Worried", ALICE["id"])
    assert event.post.text == f"call me {SECRET}" and event.post.author_id == BOB["id"]
    assert event.post.attachment_names == ("map.png",)
    assert event.post.permalink == f"https://discord.com/channels/{GUILD_ID}/{PUBLIC_CHANNEL}/{target['id']}"
    ack = await bot.fake.wait_for(lambda: bot.fake.callbacks()[1:])
    assert ack[0].body["type"] == 4 and ack[0].body["data"]["flags"] == 64
    assert [c.path for c in bot.fake.channel_posts()] == [f"/channels/{bot.fake.dm_channel_of(LEAD)}/messages"]


async def test_a_malformed_gateway_event_is_logged_by_type_and_skipped(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    """A payload the translation rejects is logged (type and field only) and the next event still works."""
    caplog.set_level(logging.DEBUG)
    bad = message_payload(SECRET, author=ALICE)
    bad["attachments"] = [{"id": "1", "filename": SECRET, "size": 1, "url": "u", "proxy_url": "u"}]
    bad["content"] = 42
    await bot.fake.dispatch("MESSAGE_CREATE", bad)
    await bot.fake.dispatch("MESSAGE_CREATE", message_payload("marker", author=ALICE, channel_id=STAFF_CHANNEL))
    await bot.handled(lambda e: isinstance(e, MessagePosted) and e.text == "marker")
    assert any("malformed MESSAGE_CREATE" in r.getMessage() for r in caplog.records)
    assert all(SECRET not in r.getMessage() for r in caplog.records)


async def test_no_message_text_reaches_the_logs_even_at_debug(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    """With DEBUG logging, neither the adapter nor discord.py logs a post's text or the DM sent about it."""
    caplog.set_level(logging.DEBUG)
    await bot.fake.dispatch("MESSAGE_CREATE", message_payload(f"ring me {SECRET}", author=ALICE))
    await bot.handled(lambda e: isinstance(e, MessagePosted))
    assert dm_posts(bot.fake, ALICE["id"])
    assert all(SECRET not in r.getMessage() and "Please remove" not in r.getMessage() for r in caplog.records)


async def test_perform_before_start_is_a_failed_delivery_not_an_exception() -> None:
    """An action arriving before the client has logged in fails softly (the outbox retries later)."""
    adapter = DiscordAdapter("token", connect_wait=0.01)
    delivery = await adapter.perform(DirectMessage("discord", LEAD, "hello"))
    assert not delivery.ok and delivery.status.value == "failed"


def test_from_settings_reads_token_and_overrides() -> None:
    """Settings give the token and both API and gateway overrides; no token is a clear error."""
    settings = Settings(discord_token="t", discord_api_url="http://127.0.0.1:1/api/v10/", discord_gateway_url="ws://x/")
    adapter = DiscordAdapter.from_settings(settings)
    assert (adapter.token, adapter.api_url, adapter.gateway_url) == ("t", "http://127.0.0.1:1/api/v10", "ws://x/")
    with pytest.raises(ValueError, match="DISCORD_TOKEN"):
        DiscordAdapter.from_settings(Settings())


async def test_a_wrong_token_stops_start_up_naming_the_setting(fake: DiscordStandIn, watching: Deployment) -> None:
    """401 on login is a ConfigError naming DISCORD_TOKEN: the process stops instead of running half-alive."""
    fake.token = "another-token"
    with pytest.raises(ConfigError) as caught:
        async with BotUnderTest(fake, [], watching):
            pass
    assert caught.value.problems[0].file == "DISCORD_TOKEN"
    assert "rejected the bot token" in str(caught.value)


async def test_a_refused_message_content_intent_names_the_portal_switch(
    fake: DiscordStandIn, watching: Deployment
) -> None:
    """Gateway close 4014 becomes a ConfigError telling the admin where to switch the intent on."""
    fake.refuse_message_content = True
    with pytest.raises(ConfigError, match="Message Content intent"):
        async with BotUnderTest(fake, [], watching):
            pass


async def test_an_unreachable_api_names_the_override(watching: Deployment) -> None:
    """Nothing listening at DISCORD_API_URL is a ConfigError naming that setting, not a hang or a traceback."""
    with socket.socket() as probe:  # a port that was free a moment ago, now closed: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    adapter = DiscordAdapter("t", api_url=f"http://127.0.0.1:{port}/api/v10", gateway_url=f"ws://127.0.0.1:{port}/")
    with pytest.raises(ConfigError) as caught:
        await adapter.start(Core([], adapter.perform, watching))
    assert caught.value.problems[0].file == "DISCORD_API_URL"


async def test_an_interaction_left_unanswered_still_gets_an_ephemeral_acknowledgement(bot: BotUnderTest) -> None:
    """A command handled without any reply is closed with a short ephemeral answer, not Discord's error."""
    await bot.fake.dispatch("INTERACTION_CREATE", slash_payload("warnings", {}, who=user(LEAD, "lee")))
    (callback,) = await bot.fake.wait_for(bot.fake.callbacks)
    assert callback.body["type"] == 4
    assert callback.body["data"]["flags"] == 64 and callback.body["data"]["content"] == "Done."


async def test_a_server_name_where_an_id_belongs_is_a_config_error(watching: Deployment) -> None:
    """guilds must hold server ids: a name there stops start-up with the key to fix, before any network call."""
    wrong = replace(watching, channels={"discord": PlatformChannels(guilds=("LEAPS Suffolk",))})
    adapter = DiscordAdapter.from_settings(
        Settings(discord_token="t", discord_api_url="http://127.0.0.1:9/api/v10"), wrong
    )
    with pytest.raises(
        ConfigError, match=r"channels\.discord\.guilds: LEAPS Suffolk is not a Discord server id"
    ) as caught:
        await adapter.start(Core([], adapter.perform, wrong))
    assert caught.value.problems[0].file == wrong.source


async def test_a_case_dm_carries_a_nonce_and_is_found_in_the_dm_history(bot: BotUnderTest) -> None:
    """A lead's case is sent with its nonce (Discord drops a repeat) and an interrupted send is found afterwards."""
    card = Card("New safeguarding report SG-2026-0042", body="Reference: SG-2026-0042")
    sent = await bot.adapter.perform(
        DirectMessage("discord", LEAD, "New report SG-2026-0042", card, key="SG-2026-0042:7")
    )
    assert sent.ok
    [post] = dm_posts(bot.fake, LEAD)
    assert post.body["nonce"] == "SG-2026-0042:7" and post.body["enforce_nonce"] is True
    since = datetime(2026, 12, 1, tzinfo=UTC)
    found = await bot.adapter.check_sent(SentCheck("discord", LEAD, "SG-2026-0042", since))
    assert found == SentCheckResult(Seen.FOUND, sent.ref)
    missing = await bot.adapter.check_sent(SentCheck("discord", LEAD, "SG-2026-0043", since))
    assert missing.seen is Seen.NOT_FOUND
    [lookup, *_] = bot.fake.made("GET", f"/channels/{bot.fake.dm_channel_of(LEAD)}/messages")
    assert lookup.method == "GET"
