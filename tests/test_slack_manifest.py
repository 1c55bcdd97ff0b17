"""The app manifest an admin pastes into Slack agrees with what the adapter listens for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from adapters.slack.manifest import manifest_entries, manifest_yaml
from adapters.slack.modal import SHORTCUT_ID
from bot.app import bot_commands, build_features
from bot.commands import Command, CommandSet, Offer
from bot.core import Core
from bot.deployment import Deployment
from bot.reports.store import CaseStore
from bot.settings import Settings
from tests.fakes import FakeAdapter

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "slack-manifest.yml"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_manifest_commands_and_shortcuts_are_the_declared_ones(manifest: dict[str, Any]) -> None:
    """The manifest's slash commands and shortcuts are exactly what the features declare (bot.commands)."""
    expected = manifest_entries(bot_commands())
    got = {key: manifest["features"][key] for key in expected}
    assert got == expected, "paste this under features: in slack-manifest.yml\n" + manifest_yaml(bot_commands())
    names = {c["command"] for c in got["slash_commands"]}
    assert names == {
        "/policy",
        "/report",
        "/reply",
        "/cases",
        "/case",
        "/warnings",
        "/allowed",
        "/exposure",
        "/audit",
        "/help",
    } | {
        "/ask-lead",
        "/answer",
        "/teach",
        "/stats",
    }


def test_manifest_shortcut_matches_the_listener(manifest: dict[str, Any]) -> None:
    """The message shortcut's callback_id is the one the adapter opens the report form for."""
    (shortcut,) = manifest["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"], shortcut["name"]) == (
        "message",
        SHORTCUT_ID,
        "Report to Safeguard Lead",
    )
    assert len(shortcut["description"]) <= 150


def test_a_changed_declaration_is_caught(manifest: dict[str, Any]) -> None:
    """A declaration the manifest does not carry (a new command) makes the entries differ."""
    extra = Offer("extra", commands=(Command("extra", "Something new"),))
    changed = CommandSet.of([*bot_commands().offers, extra])
    assert manifest_entries(changed)["slash_commands"] != manifest["features"]["slash_commands"]


def test_manifest_subscribes_to_the_events_the_adapter_translates(manifest: dict[str, Any]) -> None:
    """Mentions, posts in every kind of conversation, and Slack Connect changes (both ways) reach the bot."""
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.channels", "message.groups", "message.im"} <= events
    assert {"channel_shared", "channel_unshared"} <= events  # /exposure and the leads' notes follow them


def test_manifest_grants_the_scopes_the_web_api_calls_need(manifest: dict[str, Any]) -> None:
    """chat.postMessage/postEphemeral, conversations.open/info, users.info and commands are all permitted."""
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    needed = {"chat:write", "im:write", "channels:read", "groups:read", "users:read", "commands", "app_mentions:read"}
    needed |= {"team:read"}  # team.info: which organisation a channel is shared with (users.conversations: *:read)
    assert needed <= scopes
    assert "chat:write.public" not in scopes  # the bot only posts where it has been invited


def test_manifest_defaults_to_socket_mode_with_interactivity(manifest: dict[str, Any]) -> None:
    """Socket Mode needs no public address; interactivity carries the shortcut and the form."""
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True


async def test_bot_commands_are_what_the_running_bot_offers(store: CaseStore, deployment: Deployment) -> None:
    """bot_commands() (used for the manifest) lists exactly what Core(build_features(...)) declares."""
    settings = Settings(knowledge_dir=ROOT / "knowledge")
    core = Core(build_features(settings, deployment, store), FakeAdapter().perform, deployment)
    assert core.commands.offers == bot_commands().offers
