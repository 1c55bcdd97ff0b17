"""The guidance feature driven through the real core by the fake platform."""

from __future__ import annotations

import logging

import pytest

import bot.guidance as guidance
from bot.actions import Action, Delivery, PrivateNotice, Reply
from bot.app import build_features
from bot.deployment import Deployment
from bot.events import BotAddressed, ChannelKind, Origin
from bot.guidance import GuidanceFeature, Library, load_library
from bot.guidance.feature import ANSWERED_PRIVATELY, NOT_REACHED
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


async def test_a_mention_in_a_channel_is_answered_privately(platform: FakePlatform) -> None:
    """A mention in a channel (internal or shared) is answered to the asker alone, with nothing public."""
    threaded = Origin("test", "U1", "C1", ChannelKind.INTERNAL, message_id="m2", thread_id="t1")
    await platform.core.handle(BotAddressed(threaded, "what counts as trolling"))
    shared = Origin("test", "U1", "C9", ChannelKind.SHARED, message_id="m3")
    await platform.core.handle(BotAddressed(shared, "what counts as trolling"))
    assert all(isinstance(a, PrivateNotice) for a in platform.actions)
    assert [(a.channel_id, a.user_id) for a in platform.actions] == [("C1", "U1"), ("C9", "U1")]
    assert all(a.card and a.card.title.startswith("8.3 ") for a in platform.actions)


async def test_a_mention_answered_by_direct_message_says_so_in_one_line(platform: FakePlatform) -> None:
    """Where the private answer went to the asker's DMs (Discord), one public line says so, and nothing else."""
    real_perform = platform.adapter.perform

    async def by_dm(action: Action) -> Delivery:
        outcome = await real_perform(action)
        return (
            Delivery(outcome.status, ref=outcome.ref, details={"via": "dm"})
            if isinstance(action, PrivateNotice)
            else outcome
        )

    platform.core.perform = by_dm
    origin = Origin("test", "U1", "C9", ChannelKind.SHARED, message_id="m3")
    await platform.core.handle(BotAddressed(origin, "what counts as trolling"))
    notice, line = platform.actions
    assert isinstance(notice, PrivateNotice) and notice.card and notice.card.title.startswith("8.3 ")
    assert isinstance(line, Reply) and line.text == ANSWERED_PRIVATELY and line.card is None
    assert (line.channel_id, line.thread_id) == ("C9", "m3")


async def test_a_mention_that_cannot_be_answered_privately_says_so_without_the_answer(platform: FakePlatform) -> None:
    """DMs closed: the answer is not posted publicly instead; one line says how to ask privately."""
    platform.adapter.refuse_users.add("U1")
    origin = Origin("test", "U1", "C9", ChannelKind.SHARED, message_id="m3")
    await platform.core.handle(BotAddressed(origin, "what counts as trolling"))
    (line,) = platform.actions
    assert isinstance(line, Reply) and line.text == NOT_REACHED and line.card is None


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
        "/report <what happened>",
        "/cases",
        "/case <ref>",
        "/warnings",
        "/exposure",
        "/audit",
    )
    for command in commands:
        assert command in notice.text
    assert notice.text.count("Safeguard Leads only") == 6  # and /stats
    assert "/ask-lead <your question>" in notice.text
    assert notice.text.count("leads and knowledge maintainers") == 2  # /answer, /teach
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
