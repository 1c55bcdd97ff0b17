"""The guidance feature driven through the real core by the fake platform."""

from __future__ import annotations

import logging

import pytest

import bot.guidance as guidance
from bot.actions import PrivateNotice, Reply
from bot.app import build_features
from bot.deployment import Deployment
from bot.events import BotAddressed, ChannelKind, Origin
from bot.guidance import GuidanceFeature, Library, load_library
from bot.reports.store import CaseStore
from bot.settings import Settings
from tests.conftest import ROOT
from tests.fakes import FakePlatform


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(ROOT / "knowledge")


@pytest.fixture
def platform(library: Library) -> FakePlatform:
    return FakePlatform([GuidanceFeature(library)])


async def test_a_direct_message_is_answered_in_place_with_a_card(platform: FakePlatform) -> None:
    """A DM question gets a reply in the same conversation, with the clause card and full text."""
    await platform.say("a mum added me on fb, should i accept?")
    (reply,) = platform.actions
    assert isinstance(reply, Reply) and reply.channel_id == "D1"
    assert reply.card is not None and reply.card.title == "6.9 · Responsibilities when using social media"
    assert reply.card.quote in reply.text.replace("> ", "")
    assert "review date (April 2024) has passed" in reply.card.footer


async def test_a_mention_is_answered_in_its_thread(platform: FakePlatform) -> None:
    """A mention in a channel is answered in the thread it came from, or starts one on the message."""
    threaded = Origin("test", "U1", "C1", ChannelKind.INTERNAL, message_id="m2", thread_id="t1")
    await platform.core.handle(BotAddressed(threaded, "what counts as trolling"))
    top_level = Origin("test", "U1", "C1", ChannelKind.INTERNAL, message_id="m3")
    await platform.core.handle(BotAddressed(top_level, "what counts as trolling"))
    assert [(a.channel_id, a.thread_id) for a in platform.actions] == [("C1", "t1"), ("C1", "m3")]
    assert all(a.card and a.card.title.startswith("8.3 ") for a in platform.actions)


async def test_the_policy_command_answers_privately(platform: FakePlatform) -> None:
    """/policy in a channel is answered with a notice only the asker sees."""
    await platform.command("policy", "can i put where i work on my linkedin")
    (notice,) = platform.actions
    assert isinstance(notice, PrivateNotice) and notice.user_id == "U1" and notice.channel_id == "C1"
    assert notice.card is not None and notice.card.title.startswith("6.15 ")


async def test_an_empty_question_gets_usage_help(platform: FakePlatform) -> None:
    """/policy with nothing after it, or a bare mention (the adapter has taken the mention out), explains how to ask."""
    await platform.command("policy", "   ")
    await platform.say("")
    assert [a.card.title for a in platform.actions if a.card] == ["Ask me about the policy"] * 2


async def test_a_greeting_or_help_in_a_message_explains_the_bot(platform: FakePlatform) -> None:
    """ "hi" gets the how-to-ask card and "help" the command list, not a "not covered" answer."""
    await platform.say("Hiya!")
    await platform.say("help")
    assert [a.card.title for a in platform.actions if a.card] == ["Ask me about the policy", "What I can do"]


async def test_an_uncovered_question_is_declined_plainly(platform: FakePlatform) -> None:
    """A question the policy does not cover gets a plain "not covered" and no clause."""
    await platform.say("how do i claim back my bus fare")
    (reply,) = platform.actions
    assert reply.card is not None and reply.card.quote == ""
    assert "won't guess" in reply.text and "Safeguard Lead" in reply.text


async def test_help_lists_every_features_commands(library: Library, store: CaseStore, deployment: Deployment) -> None:
    """With the bot's real features, /help lists every command, the five for leads marked as such."""
    settings = Settings(knowledge_dir=ROOT / "knowledge")
    platform = FakePlatform(build_features(settings, deployment, store), deployment)
    await platform.command("help")
    (notice,) = platform.actions
    assert isinstance(notice, PrivateNotice)
    commands = (
        "/policy <question>",
        "/report [--anonymous] <what happened>",
        "/reply <ref> <message>",
        "/cases",
        "/case <ref>",
        "/warnings",
        "/exposure",
        "/audit",
    )
    for command in commands:
        assert command in notice.text
    assert notice.text.count("Safeguard Leads only") == 5
    assert notice.card is not None and notice.card.body.startswith("I answer questions about the charity's policies")


async def test_the_question_is_never_logged(platform: FakePlatform, caplog: pytest.LogCaptureFixture) -> None:
    """Logs say what kind of answer was given, never the question's words."""
    caplog.set_level(logging.DEBUG)
    await platform.say("my secret-word-zebra friend request from a parent")
    await platform.command("policy", "another secret-word-zebra about parking")
    assert caplog.records and "secret-word-zebra" not in caplog.text


def test_public_surface_is_sorted_and_complete() -> None:
    """``bot.guidance.__all__`` is sorted, every name resolves, and nothing public is left out."""
    assert guidance.__all__ == sorted(guidance.__all__)
    assert all(getattr(guidance, name) is not None for name in guidance.__all__)
    public = {
        name
        for name, value in vars(guidance).items()
        if not name.startswith("_") and not isinstance(value, type(guidance)) and name != "TYPE_CHECKING"
    }
    assert public <= set(guidance.__all__)


async def test_policy_help_is_the_help(platform: FakePlatform) -> None:
    """`/policy help` gives the same private help as /help (Slack workspaces may have another app's /help)."""
    await platform.command("policy", "help")
    await platform.command("help")
    first, second = platform.actions
    assert isinstance(first, PrivateNotice) and first.text == second.text
    assert "/policy <question>" in first.text and first.card == second.card
