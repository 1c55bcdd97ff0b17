"""Start-up: settings are checked before anything runs, and credentials Slack rejects stop the bot loudly."""

from __future__ import annotations

import json

import pytest

from adapters.slack import SlackAdapter
from adapters.slack.modal import METADATA_LIMIT, pack_snapshot, report_modal, unpack_snapshot
from bot.deployment import Deployment
from bot.settings import Settings
from bot.yamlfile import ConfigError
from tests.slack_fake import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeSlack, start_rig


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        pytest.param({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET", id="http-mode-without-secret"),
        pytest.param({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN", id="bad-app"),
        pytest.param(
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_API_URL": "http://x/api"},
            "SLACK_API_URL",
            id="api-url-without-slash",
        ),
        pytest.param({"SLACK_SIGNING_SECRET": SIGNING_SECRET}, "SLACK_BOT_TOKEN", id="no-bot-token"),
    ],
)
def test_incomplete_settings_are_named(env: dict[str, str], variable: str) -> None:
    """A missing or malformed Slack setting stops start-up with the variable's name."""
    with pytest.raises(ConfigError) as caught:
        SlackAdapter.from_settings(Settings.from_env(env))
    assert variable in str(caught.value)


def test_mode_follows_the_app_token() -> None:
    """SLACK_APP_TOKEN set: Socket Mode; otherwise HTTP mode on PORT."""
    socket = SlackAdapter.from_settings(Settings.from_env({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN}))
    http = SlackAdapter.from_settings(
        Settings.from_env({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "PORT": "8080"})
    )
    assert (socket.mode, http.mode, http.port) == ("socket", "http", 8080)


async def test_rejected_bot_token_stops_start_up(deployment: Deployment) -> None:
    """auth.test answering invalid_auth makes start() raise a ConfigError naming SLACK_BOT_TOKEN."""
    fake = await FakeSlack(bot_token="xoxb-the-real-one").start()
    try:
        with pytest.raises(ConfigError) as caught:
            await start_rig(fake, [], deployment)
        assert "SLACK_BOT_TOKEN" in str(caught.value) and "invalid_auth" in str(caught.value)
    finally:
        await fake.close()


async def test_rejected_app_token_stops_start_up(deployment: Deployment) -> None:
    """apps.connections.open refusing the xapp- token stops Socket Mode start-up with SLACK_APP_TOKEN named."""
    fake = await FakeSlack().start()
    fake.fail("apps.connections.open", "invalid_auth")
    try:
        with pytest.raises(ConfigError) as caught:
            await start_rig(fake, [], deployment, socket_mode=True)
        assert "SLACK_APP_TOKEN" in str(caught.value)
    finally:
        await fake.close()


def test_long_snapshot_fits_private_metadata() -> None:
    """A huge post is cut to fit Slack's 3,000-character private_metadata, keeping the rest of the evidence."""
    snapshot = {"text": "é" * 10000, "author_id": "U1", "channel_id": "C1", "ts": "1.2", "permalink": "p", "files": []}
    packed = pack_snapshot(snapshot, "key1")
    assert len(packed) <= METADATA_LIMIT
    data = unpack_snapshot(packed)
    assert (data["key"], data["channel_id"], data["permalink"], data["cut"]) == ("key1", "C1", "p", True)


def test_short_snapshot_travels_whole() -> None:
    """A normal post's snapshot is carried in full."""
    snapshot = {"text": "hello", "author_id": "U1", "channel_id": "C1", "ts": "1.2", "permalink": "p", "files": ["a"]}
    assert unpack_snapshot(pack_snapshot(snapshot, "k")) == {**snapshot, "key": "k"}


def test_report_form_title_fits_slack() -> None:
    """Slack limits a modal's title to 24 characters and its buttons to 24."""
    view = report_modal(json.dumps({"channel_id": "C1"}))
    assert len(view["title"]["text"]) <= 24
    assert len(view["submit"]["text"]) <= 24 and len(view["close"]["text"]) <= 24
