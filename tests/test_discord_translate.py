"""Recorded Discord payloads through the adapter's pure translation functions."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.interactions import command_event, reported_post, who_from_payload
from adapters.discord.translate import Malformed, Where, channel_kind, message_events, snowflake_time
from bot.app import bot_commands
from bot.deployment import PlatformChannels
from bot.events import (
    Attachment,
    BotAddressed,
    ChannelKind,
    CommandInvoked,
    MessageEdited,
    MessagePosted,
    Origin,
    ReportedPost,
)

FIXTURES = Path(__file__).parent / "fixtures" / "discord"
BOT = "900000000000000009"
GUILD = "500000000000000001"
GENERAL = "600000000000000001"
DM = "800000000000000001"
ALICE = "300000000000000001"
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SHARED_GENERAL = Where(BOT, ChannelKind.SHARED, "general")


def frame(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def origin(
    message_id: str, *, kind: ChannelKind = ChannelKind.SHARED, user_name: str = "Alice", **extra: str
) -> Origin:
    base = {
        "platform": "discord",
        "user_id": ALICE,
        "channel_id": GENERAL,
        "channel_kind": kind,
        "workspace_id": GUILD,
        "message_id": message_id,
        "user_name": user_name,
        "channel_name": "general",
    }
    return Origin(**{**base, **extra})


def link(message_id: str, guild: str = GUILD, channel: str = GENERAL) -> str:
    return f"https://discord.com/channels/{guild}/{channel}/{message_id}"


MESSAGE_CASES = [
    pytest.param(
        "message_create_public",
        SHARED_GENERAL,
        (
            MessagePosted(
                origin("710000000000000100", user_name="Ali"),
                "Call Jayden on 07700 900123",
                (
                    Attachment("photo.jpg", True, "https://cdn.test/photo.jpg", "image/jpeg", 1000),
                    Attachment("notes.pdf", False, "https://cdn.test/notes.pdf", "application/pdf", 1000),
                    Attachment("IMG_1.HEIC", True, "https://cdn.test/IMG_1.HEIC", "", 1000),
                ),
                link("710000000000000100"),
                False,
                "710000000000000100",
                NOON,
            ),
        ),
        id="guild-post-with-images-uses-nickname",
    ),
    pytest.param(
        "message_create_public",
        Where(BOT, ChannelKind.INTERNAL, "general"),
        None,
        id="internal-channel-kind-comes-from-where",
    ),
    pytest.param(
        "message_create_mention",
        SHARED_GENERAL,
        (
            MessagePosted(
                origin("710000000000000101"),
                f"<@{BOT}> can I share photos?",
                (),
                link("710000000000000101"),
                False,
                "710000000000000101",
                NOON,
            ),
            BotAddressed(origin("710000000000000101"), "can I share photos?", "710000000000000101:addressed", NOON),
        ),
        id="mention-is-scanned-and-addressed",
    ),
    pytest.param(
        "message_create_dm",
        Where(BOT, ChannelKind.DM),
        (
            BotAddressed(
                origin("710000000000000102", kind=ChannelKind.DM, channel_id=DM, workspace_id="", channel_name=""),
                "what is the policy on lifts home?",
                "710000000000000102:addressed",
                NOON,
            ),
        ),
        id="dm-addresses-the-bot",
    ),
    pytest.param("message_create_self", SHARED_GENERAL, (), id="own-post-ignored"),
    pytest.param("message_create_system_join", SHARED_GENERAL, (), id="system-message-ignored"),
    pytest.param("message_update_link_preview", SHARED_GENERAL, (), id="link-preview-update-ignored"),
]


@pytest.mark.parametrize(("name", "where", "expected"), MESSAGE_CASES)
def test_message_payloads_become_events(name: str, where: Where, expected: tuple | None) -> None:
    """Each recorded message payload becomes exactly the expected frozen events."""
    data = frame(name)
    events = message_events(data["d"], where, edited=data["t"] == "MESSAGE_UPDATE")
    if expected is None:
        assert [e.origin.channel_kind for e in events] == [ChannelKind.INTERNAL]
    else:
        assert events == expected


def test_other_bots_posts_are_flagged_for_the_core_to_drop() -> None:
    """Another bot's post is marked author_is_bot and never treated as addressing us."""
    (event,) = message_events(frame("message_create_other_bot")["d"], SHARED_GENERAL)
    assert isinstance(event, MessagePosted) and event.author_is_bot


def test_edit_becomes_message_edited_with_new_text() -> None:
    """A real edit (edited_timestamp set) is MessageEdited with the new text and a per-edit event id."""
    data = frame("message_update_edit")["d"]
    (event,) = message_events(data, SHARED_GENERAL, edited=True)
    assert isinstance(event, MessageEdited)
    assert event.text == "now with email jay@example.com"
    assert event.origin.message_id == "710000000000000100"
    assert event.event_id == "710000000000000100:edit:2026-11-25T12:05:00.000000+00:00"
    assert event.permalink == link("710000000000000100")


COMMAND_CASES = [
    pytest.param("interaction_slash_policy", "policy", "Can I post photos?", "", id="policy"),
    pytest.param(
        "interaction_slash_report", "report", "A stranger messaged a child", "attendee-concern", id="report-category"
    ),
    pytest.param("interaction_slash_case", "case", "SG-2026-0012 note Spoke to parents", "", id="case-ref-action-text"),
    pytest.param("interaction_slash_help_dm", "help", "", "", id="help-in-dm"),
]


@pytest.mark.parametrize(("name", "command", "text", "category"), COMMAND_CASES)
def test_slash_commands_become_command_invoked(name: str, command: str, text: str, category: str) -> None:
    """A slash command interaction becomes CommandInvoked with its options joined as text."""
    payload = frame(name)["d"]
    who = who_from_payload(payload, ChannelKind.SHARED, "general")
    event = command_event(payload["data"], who, bot_commands())
    sent = snowflake_time(payload["id"])
    assert event == CommandInvoked(who.origin(), command, text, category=category, event_id=payload["id"], sent_at=sent)
    assert event.origin.user_id == ALICE
    expected_kind = ChannelKind.SHARED if "guild_id" in payload else ChannelKind.DM
    assert event.origin.channel_kind is expected_kind


def test_context_menu_captures_the_reported_post() -> None:
    """The context-menu target is captured as evidence: text, author, channel, link, files (name, type, size, link)."""
    payload = frame("interaction_context_menu")["d"]
    assert reported_post(payload["data"], "general", GUILD) == ReportedPost(
        text="Meet me at Orwell Youth Hub, Freya",
        author_id="300000000000000002",
        author_name="Bob",
        channel_id=GENERAL,
        channel_name="general",
        posted_at=NOON,
        permalink=link("710000000000000110"),
        attachment_names=("map.png",),
        attachments=(Attachment("map.png", True, "https://cdn.test/map.png", "image/png", 1000),),
    )


MALFORMED = sorted(p.stem for p in FIXTURES.glob("malformed_*.json"))


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_payloads_raise_malformed_without_content(name: str) -> None:
    """A malformed payload raises Malformed whose message names a field, never the post's text."""
    data = frame(name)
    payload = data["d"]
    with pytest.raises(Malformed) as caught:
        if name.startswith("malformed_message"):
            message_events(payload, SHARED_GENERAL)
        elif "context_menu" in name:
            reported_post(payload["data"], "general", GUILD)
        else:
            command_event(payload["data"], who_from_payload(payload, ChannelKind.SHARED), bot_commands())
    assert "Jayden" not in str(caught.value) and "Freya" not in str(caught.value)


WATCH = PlatformChannels(watch=("#parents-forum", "600000000000000009"), ignore=("bot-testing",), watch_detected=True)


@pytest.mark.parametrize(
    ("config", "ids", "names", "everyone", "expected"),
    [
        pytest.param(WATCH, ["1"], ["general"], True, ChannelKind.SHARED, id="everyone-can-read"),
        pytest.param(WATCH, ["2"], ["staff-room"], False, ChannelKind.INTERNAL, id="hidden-from-everyone"),
        pytest.param(WATCH, ["3"], ["Parents-Forum"], False, ChannelKind.SHARED, id="watched-by-name"),
        pytest.param(WATCH, ["600000000000000009"], ["x"], False, ChannelKind.SHARED, id="watched-by-id"),
        pytest.param(WATCH, ["4"], ["bot-testing"], True, ChannelKind.INTERNAL, id="ignore-beats-detection"),
        pytest.param(
            WATCH, ["5", "600000000000000009"], ["thread", "x"], False, ChannelKind.SHARED, id="thread-parent"
        ),
        pytest.param(PlatformChannels(watch_detected=False), ["1"], ["general"], True, ChannelKind.INTERNAL, id="off"),
    ],
)
def test_channel_kind_follows_watch_ignore_and_detection(
    config: PlatformChannels, ids: list[str], names: list[str], everyone: bool, expected: ChannelKind
) -> None:
    """ignore wins over watch, watch over detection; detection means @everyone can read."""
    assert channel_kind(config, ids=ids, names=names, everyone_can_read=everyone) is expected


def test_snowflake_time_reads_discords_epoch() -> None:
    """A snowflake's top bits are milliseconds since 2015-01-01, Discord's epoch."""
    assert snowflake_time(str(1_000 << 22)) == datetime(2015, 1, 1, 0, 0, 1, tzinfo=UTC)


def test_translation_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    """Translating a post logs nothing at all, so message text cannot leak through logs."""
    caplog.set_level(logging.DEBUG)
    message_events(frame("message_create_public")["d"], SHARED_GENERAL)
    assert caplog.records == []
