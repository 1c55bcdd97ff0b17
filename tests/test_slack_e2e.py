"""End to end on Slack: the real guidance, moderation and escalation features behind the real bolt AsyncApp.

Requests are signed as Slack signs them; every Web API call lands in the fake
Slack, and the case store is a temporary SQLite file. These tests check what a
Slack user would see: answers in threads or privately, warnings to the author
alone, and reports that reach the Safeguard Lead by DM and no channel.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.core import Feature
from bot.deployment import Deployment, PlatformChannels
from bot.moderation.store import WarningStore
from bot.reports.store import CaseStore
from tests import e2e_fixtures
from tests.slack_fake import FakeSlack, Rig, shortcut_payload, start_rig, stop_rig, submission_payload

store, features = e2e_fixtures.store, e2e_fixtures.features  # the shared pytest fixtures

ROOT = Path(__file__).resolve().parent.parent
LEAD = "U0SAFELEAD"
LEAD_DM = "D0SAFELEAD"
EXPOSING = "Freya Collins did brilliantly tonight, her mum's number is 07700 900123"


@pytest.fixture
def watching(deployment: Deployment) -> Deployment:
    """The test deployment, also watching #volunteers by name (it is not a Slack Connect channel)."""
    return replace(deployment, channels={"slack": PlatformChannels(watch=("#volunteers",))})


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    channels = {
        "C0PARTNERS": {"name": "partners", "is_ext_shared": True},
        "C0VOLUNTEERS": {"name": "volunteers", "is_ext_shared": False},
        "C0STAFFROOM": {"name": "staffroom", "is_ext_shared": False},
    }
    fake = await FakeSlack(channels=channels).start()
    yield fake
    await fake.close()


@pytest.fixture
async def rig(fake: FakeSlack, features: list[Feature], watching: Deployment) -> AsyncIterator[Rig]:
    rig = await start_rig(fake, features, watching)
    yield rig
    await stop_rig(rig)


def post(
    text: str, channel: str = "C0PARTNERS", ts: str = "1764072000.000300", user: str = "U0ALICE"
) -> dict[str, Any]:
    return {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel, "channel_type": "channel",
            "event_ts": ts}  # fmt: skip


def channel_posts(fake: FakeSlack) -> list[dict[str, Any]]:
    """chat.postMessage calls into channels (not DMs): what everyone in a channel would see."""
    return [c.body for c in fake.of("chat.postMessage") if not str(c.body["channel"]).startswith("D")]


def dms_to(fake: FakeSlack, channel: str) -> list[dict[str, Any]]:
    return [c.body for c in fake.of("chat.postMessage") if c.body["channel"] == channel]


async def test_policy_command_answers_privately_with_the_clause(rig: Rig, fake: FakeSlack) -> None:
    """/policy: the real answer is ephemeral Block Kit: the short answer, the clause number, the clause quoted small."""
    await rig.command("/policy", "can I post photos of the young people from tonight's session?")
    (answer,) = await fake.wait_for_call("chat.postEphemeral")
    assert answer.body["user"] == "U0STAFF"
    summary, heading, *rest = answer.body["blocks"]
    assert summary["type"] == "section" and summary["text"]["text"].startswith("*In short:* ")
    assert heading["text"]["text"].startswith("*6.14 ·")
    assert rest[0]["type"] == "context" and rest[0]["elements"][0]["text"].startswith(">")
    assert answer.body["text"].startswith("In short: ")  # the plain-text fallback, in the same order
    await rig.adapter.idle()
    assert fake.of("chat.postMessage") == []


async def test_who_is_the_safeguarding_lead_is_answered_from_the_deployment(rig: Rig, fake: FakeSlack) -> None:
    """/policy who is the DSL: the deployment's lead, phone and how to report, as Block Kit, beside the clause."""
    await rig.command("/policy", "who is the safeguarding lead?")
    (answer,) = await fake.wait_for_call("chat.postEphemeral")
    first = answer.body["blocks"][0]["text"]["text"]
    assert first == "Your Safeguard Lead is Karen Double (01473 000000). Use /report to tell them about a concern."
    fields = [f["text"] for b in answer.body["blocks"] if b["type"] == "section" for f in b.get("fields", ())]
    assert "*Karen Double*\nSafeguard Lead · 01473 000000" in fields
    assert any(f.startswith("*How to report*") for f in fields)
    assert answer.body["text"].startswith("Your Safeguard Lead is Karen Double")


async def test_mention_is_answered_privately_where_it_was_asked(rig: Rig, fake: FakeSlack) -> None:
    """@Safeguard in a channel: the answer is ephemeral to the asker, with its feedback buttons; nothing is posted."""
    text = "<@U0BOT> can I accept a friend request from a parent?"
    question = {"type": "app_mention", "user": "U0STAFF", "text": text, "ts": "1764072000.000100",
                "channel": "C0STAFFROOM", "event_ts": "1764072000.000100"}  # fmt: skip
    await rig.event(question)
    (answer,) = await fake.wait_for_call("chat.postEphemeral")
    assert (answer.body["channel"], answer.body["user"]) == ("C0STAFFROOM", "U0STAFF")
    assert answer.body["blocks"][0]["text"]["text"].startswith("*In short:* ")
    actions = answer.body["blocks"][-1]
    assert actions["type"] == "actions"
    assert [e["text"]["text"] for e in actions["elements"]] == ["Helpful", "Not what I asked"]
    await rig.adapter.idle()
    assert fake.of("chat.postMessage") == []


async def test_exposing_post_in_a_shared_channel_warns_the_author_only_and_alerts_the_lead(
    rig: Rig, fake: FakeSlack, store: CaseStore
) -> None:
    """An attendee's name and a phone number in a Slack Connect channel: ephemeral to the author, DM to the lead."""
    await rig.event(post(EXPOSING))
    (warning,) = await fake.wait_for_call("chat.postEphemeral")
    assert (warning.body["channel"], warning.body["user"]) == ("C0PARTNERS", "U0ALICE")
    assert "07700" not in str(warning.body)  # the warning does not repeat what was exposed
    await rig.adapter.idle()
    assert [c.body["users"] for c in fake.of("conversations.open")] == [LEAD]
    assert dms_to(fake, LEAD_DM)
    assert channel_posts(fake) == []
    (record,) = await WarningStore(store.db).recent_warnings()
    assert (record.platform, record.channel_id, record.message_id) == ("slack", "C0PARTNERS", "1764072000.000300")
    assert record.delivered and record.permalink.endswith("/archives/C0PARTNERS/p1764072000000300")


async def test_channel_watched_by_name_is_moderated(rig: Rig, fake: FakeSlack) -> None:
    """A channel listed as #volunteers in the deployment is watched although Slack says it is internal."""
    await rig.event(post("ring me on 07700 900123", channel="C0VOLUNTEERS"))
    (warning,) = await fake.wait_for_call("chat.postEphemeral")
    assert warning.body["channel"] == "C0VOLUNTEERS"


async def test_same_post_in_an_internal_channel_is_left_alone(rig: Rig, fake: FakeSlack, store: CaseStore) -> None:
    """Internal channels are not moderated: no warning, no alert, nothing recorded."""
    await rig.event(post(EXPOSING, channel="C0STAFFROOM"))
    await rig.adapter.idle()
    assert fake.of("chat.postEphemeral") == [] and fake.of("chat.postMessage") == []
    assert await WarningStore(store.db).recent_warnings() == []


async def test_edit_adding_a_phone_number_is_warned(rig: Rig, fake: FakeSlack) -> None:
    """message_changed is scanned again: a number added by editing gets a private warning."""
    before = {"type": "message", "user": "U0ALICE", "text": "see you tonight", "ts": "1764072000.000300"}
    after = {
        **before,
        "text": "see you tonight, call 07700 900123",
        "edited": {"user": "U0ALICE", "ts": "1764072100.0"},
    }
    edit = {"type": "message", "subtype": "message_changed", "channel": "C0PARTNERS", "channel_type": "channel",
            "ts": "1764072100.000001", "event_ts": "1764072100.000001", "message": after,
            "previous_message": before}  # fmt: skip
    await rig.event(edit)
    (warning,) = await fake.wait_for_call("chat.postEphemeral")
    assert warning.body["user"] == "U0ALICE"
    assert channel_posts(fake) == []


async def test_slash_report_is_stored_and_reaches_the_lead_by_dm_only(
    rig: Rig, fake: FakeSlack, store: CaseStore
) -> None:
    """/report: stored, acknowledged ephemerally, delivered to the lead by DM; the words reach no channel."""
    words = "A man outside the hall asked Amelia Hart for her address"
    response = await rig.command("/report", words, channel="C0PARTNERS", channel_name="partners")
    assert response.status == 200 and await response.text() == ""
    (ack,) = await fake.wait_for_call("chat.postEphemeral")
    assert ack.body["user"] == "U0STAFF"
    await fake.wait_for(lambda: any(words in str(b) for b in dms_to(fake, LEAD_DM)), timeout=10)
    assert channel_posts(fake) == []
    assert all(words not in str(c.body) for c in fake.of("chat.postEphemeral"))
    (case,) = await store.open_cases()
    assert case.reporter.user_id == "U0STAFF"


async def test_report_shortcut_captures_the_post_as_evidence_for_the_lead(
    rig: Rig, fake: FakeSlack, store: CaseStore
) -> None:
    """Report to Safeguard Lead: the form, then a stored case with the post's text, author and permalink."""
    fake.users["U0BOB"] = {"id": "U0BOB", "name": "bob", "real_name": "Bob Volunteer", "profile": {}}
    target = {"type": "message", "user": "U0BOB", "text": "meet me after club, don't tell your mum",
              "ts": "1764072000.000400"}  # fmt: skip
    await rig.interactive(shortcut_payload(target, reporter="U0ALICE"))
    (opened,) = await fake.wait_for_call("views.open")
    await rig.interactive(
        submission_payload(opened.body["view"], reporter="U0ALICE", category="contact-outside-protocol")
    )
    (ack,) = await fake.wait_for_call("chat.postEphemeral")
    assert ack.body["user"] == "U0ALICE"
    await fake.wait_for(lambda: any("meet me after club" in str(b) for b in dms_to(fake, LEAD_DM)), timeout=10)
    assert channel_posts(fake) == []
    (case,) = await store.open_cases()
    assert case.category == "contact-outside-protocol"
    assert case.post is not None
    assert (case.post.author_id, case.post.author_name) == ("U0BOB", "Bob Volunteer")
    assert case.post.permalink.endswith("/archives/C0PARTNERS/p1764072000000400")


async def test_lead_lists_cases_privately(rig: Rig, fake: FakeSlack, store: CaseStore) -> None:
    """/cases from the lead is answered ephemerally with the open case; a member asking gets no case list."""
    await rig.command("/report", "worried about a photo", trigger="r1")
    await fake.wait_for(lambda: dms_to(fake, LEAD_DM), timeout=10)
    (case,) = await store.open_cases()

    def ephemeral_to(user: str) -> list[str]:
        return [str(c.body) for c in fake.of("chat.postEphemeral") if c.body["user"] == user]

    await rig.command("/cases", "", user=LEAD, trigger="c1")
    await fake.wait_for(lambda: ephemeral_to(LEAD))
    (listing,) = ephemeral_to(LEAD)
    assert "1 open case" in listing and case.ref in listing
    await rig.command("/cases", "", trigger="c2")  # U0STAFF, who reported but is no lead
    refused = "only available to the Safeguard Lead"
    await fake.wait_for(lambda: any(refused in said for said in ephemeral_to("U0STAFF")))
    assert all(case.ref not in said for said in ephemeral_to("U0STAFF") if refused in said)
    await rig.adapter.idle()
    assert channel_posts(fake) == []


async def test_question_to_the_bot_that_exposes_a_child_is_answered_and_warned(rig: Rig, fake: FakeSlack) -> None:
    """A mention in a shared channel carrying an attendee's number: answered privately, and warned privately."""
    text = f"<@U0BOT> is it ok that I posted this? {EXPOSING}"
    ts = "1764072000.000700"
    mention = {
        "type": "app_mention",
        "user": "U0ALICE",
        "text": text,
        "ts": ts,
        "channel": "C0PARTNERS",
        "event_ts": ts,
    }
    await rig.event(mention, event_id="Ev0MENTION")
    await rig.event(post(text, ts=ts), event_id="Ev0MESSAGE")
    notices = await fake.wait_for_call("chat.postEphemeral", count=2)
    assert {n.body["user"] for n in notices} == {"U0ALICE"}
    assert any("Please edit or delete your post" in n.body["text"] for n in notices)  # the warning
    await rig.adapter.idle()
    assert channel_posts(fake) == []
