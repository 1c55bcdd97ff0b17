"""The guidance feature driven through the real core by the fake platform."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import bot.guidance as guidance
from bot.actions import Action, Delivery, PrivateNotice, Reply
from bot.app import build_features
from bot.deployment import Deployment, SafeguardLead, load_deployment
from bot.events import BotAddressed, ChannelKind, Origin
from bot.guidance import GuidanceFeature, Library, check_library, load_library
from bot.guidance.answer import whom_to_tell
from bot.guidance.feature import ANSWERED_PRIVATELY, NOT_REACHED
from bot.reports.store import CaseStore
from bot.settings import Settings
from bot.yamlfile import ConfigError
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
        if isinstance(action, PrivateNotice):
            return Delivery(outcome.status, ref=outcome.ref, details={"via": "dm"})
        return outcome

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
        "/report [--anonymous] <what happened>",
        "/reply <ref> <message>",
        "/cases",
        "/case <ref>",
        "/warnings",
        "/allowed",
        "/exposure",
        "/audit",
    )
    for command in commands:
        assert command in notice.text
    assert notice.text.count("Safeguard Leads only") == 7  # /allowed and /stats too
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


@pytest.fixture
def demo() -> Deployment:
    return load_deployment(ROOT / "examples" / "deployment.yaml")


async def test_the_passed_review_date_is_noted_once_per_person_per_day(library: Library) -> None:
    """The first answer of the day to each person notes the passed review date; later ones that day do not."""
    now = [datetime(2026, 12, 2, 9, 0, tzinfo=UTC)]
    platform = FakePlatform([GuidanceFeature(library)])
    platform.core.clock = lambda: now[0]
    note = "review date (April 2024) has passed"
    await platform.say("a mum added me on fb, should i accept?")
    await platform.command("policy", "what counts as trolling")
    await platform.say("what counts as trolling", user="U2")
    now[0] += timedelta(days=1)
    await platform.say("what counts as trolling")
    texts = [(a.text, a.card.footer if a.card else "") for a in platform.actions]
    assert [note in text and note in footer for text, footer in texts] == [True, False, True, True]


async def test_who_is_the_safeguarding_lead_names_the_deployments_lead(library: Library, demo: Deployment) -> None:
    """The demo deployment's lead, with phone and how to report, beside the clause that says whom to tell."""
    platform = FakePlatform([GuidanceFeature(library)], demo)
    await platform.say("who is the safeguarding lead")
    (reply,) = platform.actions
    assert reply.text.startswith("Your Safeguard Lead is Sam Lead (01632 960000). Use /report")
    assert reply.card is not None and reply.card.summary.startswith("Your Safeguard Lead is Sam Lead")
    assert ("Sam Lead", "Safeguard Lead · 01632 960000") in reply.card.fields
    assert any(label == "How to report" and "/report" in value for label, value in reply.card.fields)
    whom = next(c for c in library.policy("social-media").clauses if c.kind == "report")
    assert reply.card.title == whom.heading and reply.card.quote == whom.text


@pytest.mark.parametrize(
    "question",
    ["who's the DSL?", "how do I contact the safeguarding lead", "whats the safeguard leads phone number",
     "who do i tell", "who should I report a concern to", "Safeguarding lead?", "do I need to tell anyone?",
     "does anybody need to know", "should i report it to someone"],
)  # fmt: skip
async def test_other_ways_of_asking_about_the_lead(library: Library, demo: Deployment, question: str) -> None:
    platform = FakePlatform([GuidanceFeature(library)], demo)
    await platform.command("policy", question)
    (notice,) = platform.actions
    assert notice.text.startswith("Your Safeguard Lead is Sam Lead (01632 960000)."), question


async def test_whom_to_tell_about_a_topic_keeps_its_clause_first_with_the_leads_beside(
    library: Library, demo: Deployment
) -> None:
    """ "who do I tell if ..." is answered by the clause on that topic, with the leads beside it."""
    platform = FakePlatform([GuidanceFeature(library)], demo)
    await platform.say("who do i tell if a kid shows me extremist videos")
    (reply,) = platform.actions
    assert reply.card is not None and reply.card.title.startswith("9.4 ")
    assert reply.text.startswith("In short: ") and ("Sam Lead", "Safeguard Lead · 01632 960000") in reply.card.fields


async def test_whom_to_tell_without_who_is_about_people_not_a_clause_that_shares_the_word(
    library: Library, demo: Deployment
) -> None:
    """ "do I need to tell anyone?" says nothing but "tell": beside a policy nobody curated, whose online-abuse
    clause also speaks of telling, it is still answered with the leads, not with that clause."""
    from bot.guidance.loader import read_policies
    from tests.conftest import FIXTURES

    both = Library([*library.policies, *read_policies(FIXTURES / "portability" / "safeguarding-policy.yaml")])
    assert both.match("do I need to tell anyone?")[0].policy == "safeguarding"  # what words alone would answer
    platform = FakePlatform([GuidanceFeature(both)], demo)
    await platform.say("do I need to tell anyone?")
    (reply,) = platform.actions
    assert reply.text.startswith("Your Safeguard Lead is Sam Lead (01632 960000).")
    whom = whom_to_tell(both)
    assert whom is not None and reply.card is not None and reply.card.title == whom.heading


async def test_a_deputy_comes_from_the_leads_titles(library: Library, demo: Deployment) -> None:
    """A lead whose titles name a deputy answers "who is the deputy"; with none, the answer says so."""
    platform = FakePlatform([GuidanceFeature(library)], demo)
    await platform.say("who is the deputy")
    assert platform.actions[-1].text.startswith("No deputy is named; your Safeguard Lead is Sam Lead")
    deputy = SafeguardLead("Alex Cover", phone="01632 960111", titles=("Deputy Designated Safeguarding Lead",))
    two = replace(demo, safeguard_leads=(*demo.safeguard_leads, deputy))
    platform = FakePlatform([GuidanceFeature(library)], two)
    await platform.say("who is the deputy DSL?")
    assert platform.actions[-1].text.startswith("Your deputy Safeguard Lead is Alex Cover (01632 960111).")
    await platform.say("who are the safeguarding leads")
    assert platform.actions[-1].text.startswith("Your Safeguard Leads are Sam Lead (01632 960000) and Alex Cover")


async def test_the_deployments_own_titles_are_understood(library: Library, demo: Deployment) -> None:
    """A charity's own title for its lead, given in the deployment, is a way of asking about them."""
    lead = replace(demo.safeguard_leads[0], titles=("Youth Welfare Coordinator",))
    platform = FakePlatform([GuidanceFeature(library)], replace(demo, safeguard_leads=(lead,)))
    await platform.say("how do i get hold of the youth welfare coordinator")
    assert platform.actions[-1].text.startswith("Your Safeguard Lead is Sam Lead (01632 960000).")
    assert ("Sam Lead", "Youth Welfare Coordinator · 01632 960000") in platform.actions[-1].card.fields


async def test_a_policy_question_is_not_taken_for_one_about_people(library: Library, demo: Deployment) -> None:
    platform = FakePlatform([GuidanceFeature(library)], demo)
    await platform.say("can i follow a young person on instagram")
    await platform.say("a parent added me on facebook, can i accept")
    assert all(a.card is not None and not a.card.summary.startswith("Your Safeguard") for a in platform.actions)


async def test_asked_in_a_shared_channel_the_leads_phone_goes_to_the_asker_alone(
    library: Library, demo: Deployment
) -> None:
    """Asked in a channel outsiders can read, the answer is private to the asker, so it may carry the phone."""
    platform = FakePlatform([GuidanceFeature(library)], demo)
    shared = platform.origin("U1", "C9", ChannelKind.SHARED)
    await platform.core.handle(BotAddressed(shared, "who is the safeguarding lead"))
    (notice,) = platform.actions
    assert isinstance(notice, PrivateNotice) and notice.user_id == "U1"
    assert "01632 960000" in notice.text and "Sam Lead" in notice.text


def test_a_broken_people_file_is_reported_with_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The words for questions about people are data: a broken list stops start-up and `check`, naming the line."""
    from bot.guidance import people

    broken = tmp_path / "people.yaml"
    text = people.DATA_FILE.read_text(encoding="utf-8").replace("window: 6", "window: soon")
    broken.write_text(text.replace("  - dsl\n", "  - [dsl]\n"), encoding="utf-8")
    monkeypatch.setattr(people, "DATA_FILE", broken)
    people.people_words.cache_clear()
    try:
        with pytest.raises(ConfigError) as info:
            GuidanceFeature(load_library(ROOT / "knowledge"))
        lines = [str(p) for p in info.value.problems]
        assert any(p.startswith(f"{broken}:") and "'roles': every item must be a word or phrase" in p for p in lines)
        assert any("'window' must be a whole number" in p for p in lines)
        with pytest.raises(ConfigError):
            check_library(ROOT / "knowledge")
    finally:
        people.people_words.cache_clear()


async def test_with_no_clause_on_whom_to_tell_the_leads_answer_alone(demo: Deployment) -> None:
    """Policies with no reporting clause (clause text only): "who is the DSL" gets the leads and no clause."""
    platform = FakePlatform([GuidanceFeature(load_library(ROOT / "tests" / "fixtures" / "portability"))], demo)
    await platform.say("who is the DSL")
    (reply,) = platform.actions
    assert reply.card is not None and reply.card.title == "" and reply.card.quote == ""
    assert (
        reply.text.splitlines()[0]
        == "Your Safeguard Lead is Sam Lead (01632 960000). Use /report to tell them about a concern."
    )
