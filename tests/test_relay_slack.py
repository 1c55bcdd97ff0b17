"""The relay on Slack, end to end: the Reply button and its form, replies in the thread of a case DM, and the
anonymous box on the report form, behind the real bolt AsyncApp and every real feature.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.core import Feature
from bot.deployment import Deployment
from bot.logs import user_ref
from bot.reports.store import CaseStore
from tests import e2e_fixtures
from tests.slack_fake import TEAM, FakeSlack, Rig, shortcut_payload, start_rig, stop_rig, submission_payload

store, features = e2e_fixtures.store, e2e_fixtures.features  # the shared pytest fixtures

LEAD, LEAD_DM = "U0SAFELEAD", "D0SAFELEAD"
STAFF, STAFF_DM = "U0STAFF", "D0STAFF"
QUESTION = "Which evening was it?"
ANSWER = "Tuesday after the match"


@pytest.fixture
def watching(deployment: Deployment) -> Deployment:
    return deployment


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack(channels={"C0GENERAL": {"name": "general", "is_ext_shared": False}}).start()
    yield fake
    await fake.close()


@pytest.fixture
async def rig(fake: FakeSlack, features: list[Feature], watching: Deployment) -> AsyncIterator[Rig]:
    rig = await start_rig(fake, features, watching)
    yield rig
    await stop_rig(rig)


def posts_to(fake: FakeSlack, channel: str) -> list[dict[str, Any]]:
    return [c.body for c in fake.of("chat.postMessage") if c.body["channel"] == channel]


def channel_posts(fake: FakeSlack) -> list[dict[str, Any]]:
    return [c.body for c in fake.of("chat.postMessage") if not str(c.body["channel"]).startswith("D")]


def button_click(message: dict[str, Any], *, user: str, channel: str, ts: str) -> dict[str, Any]:
    """A block_actions payload for the first button of a message the bot posted."""
    [actions] = [b for b in message["blocks"] if b["type"] == "actions"]
    button = actions["elements"][0]
    return {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "leaps"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": "A0APP",
        "trigger_id": "trig.button",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": False},
        "channel": {"id": channel, "name": "directmessage"},
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": "b1",
                "value": button["value"],
                "text": button["text"],
                "action_ts": "1764072200.000001",
            }
        ],
    }


def form_submission(view: dict[str, Any], *, user: str, text: str, view_id: str) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "leaps"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": "A0APP",
        "trigger_id": "trig.submit",
        "view": {
            **view,
            "id": view_id,
            "team_id": TEAM,
            "state": {"values": {"text": {"text_input": {"type": "plain_text_input", "value": text}}}},
        },
    }


async def recorded(store: CaseStore) -> None:
    """Until every message of the case is recorded as sent (with the ts a reply in its thread carries): a person
    cannot answer a message faster than the bot records it, but a test can."""
    for _ in range(200):
        [case] = await store.open_cases()
        got = await store.get_case(case.ref)
        if got is not None and all(d.state == "sent" for d in (*got.deliveries, *got.messages)):
            return
        await asyncio.sleep(0.02)
    raise TimeoutError("the case's messages were not recorded as sent")


def dm_event(text: str, *, user: str, channel: str, ts: str, thread_ts: str) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "thread_ts": thread_ts,
        "event_ts": ts,
    }


async def test_button_and_thread_replies_relay_both_ways_privately(
    rig: Rig, fake: FakeSlack, store: CaseStore, caplog: pytest.LogCaptureFixture
) -> None:
    """The lead presses Reply on the case DM and types; the reporter answers in the thread of that DM; the lead
    answers in the thread of the case DM. Every message is a DM; nothing is posted in a channel; no log line names
    the (anonymous) reporter, not even as user:<hash>."""
    caplog.set_level(logging.DEBUG)
    await rig.command("/report", "--anonymous the coach shouts at one of the girls", user=STAFF)
    await fake.wait_for(lambda: posts_to(fake, LEAD_DM))
    [case_dm] = posts_to(fake, LEAD_DM)
    case_ts = fake.history[LEAD_DM][-1]["ts"]
    assert STAFF not in str(case_dm) and STAFF.lower() not in str(case_dm) and "general" not in str(case_dm)

    await rig.interactive(button_click(case_dm, user=LEAD, channel=LEAD_DM, ts=case_ts))
    [opened] = await fake.wait_for_call("views.open")
    view = opened.body["view"]
    assert view["callback_id"] == "run_command_form"
    await rig.interactive(form_submission(view, user=LEAD, text=QUESTION, view_id="V0REPLY1"))
    await fake.wait_for(lambda: posts_to(fake, STAFF_DM))
    [to_reporter] = posts_to(fake, STAFF_DM)
    assert QUESTION in to_reporter["text"]
    relayed_ts = fake.history[STAFF_DM][0]["ts"]
    await fake.wait_for(lambda: any("reporter" in p["text"] for p in posts_to(fake, LEAD_DM)[1:]))

    await recorded(store)
    await rig.event(
        dm_event(ANSWER, user=STAFF, channel=STAFF_DM, ts="1764072300.000001", thread_ts=relayed_ts),
        event_id="EvThread1",
    )
    await fake.wait_for(lambda: any(ANSWER in p["text"] for p in posts_to(fake, LEAD_DM)))
    [from_reporter] = [p for p in posts_to(fake, LEAD_DM) if ANSWER in p["text"]]
    assert STAFF not in str(from_reporter) and STAFF.lower() not in str(from_reporter)

    await recorded(store)
    await rig.event(
        dm_event("Thank you, I will call", user=LEAD, channel=LEAD_DM, ts="1764072400.000001", thread_ts=case_ts),
        event_id="EvThread2",
    )
    await fake.wait_for(lambda: any("I will call" in p["text"] for p in posts_to(fake, STAFF_DM)))
    await rig.adapter.idle()
    assert channel_posts(fake) == []
    # Every DM is about the case: no reply in a case thread was answered as a question about the policy.
    assert [p["text"][:80] for p in posts_to(fake, STAFF_DM) + posts_to(fake, LEAD_DM) if "SG-" not in p["text"]] == []

    everything_to_lead = str(posts_to(fake, LEAD_DM)) + str(
        [c.body for c in fake.of("chat.postEphemeral") if c.body.get("user") == LEAD]
    )
    assert STAFF not in everything_to_lead and STAFF.lower() not in everything_to_lead
    logged = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    assert "message" in logged and "delivered" in logged
    for identifier in (STAFF, STAFF.lower(), STAFF_DM, user_ref("slack", STAFF), QUESTION, ANSWER):
        assert identifier not in logged


async def test_the_report_form_has_an_anonymous_box(rig: Rig, fake: FakeSlack) -> None:
    """Ticking "Do not tell the lead who I am" files the reported post anonymously: the lead gets the post and its
    author, not the reporter."""
    message = {"type": "message", "user": "U0AUTHOR", "text": "send me a selfie x", "ts": "1764072000.000500"}
    await rig.interactive(shortcut_payload(message, reporter="U0REPORTER", channel="C0GENERAL"))
    [opened] = await fake.wait_for_call("views.open")
    view = opened.body["view"]
    assert any(b.get("block_id") == "anonymous" for b in view["blocks"])
    submission = submission_payload(view, reporter="U0REPORTER", category="attendee-concern", details="worried")
    submission["view"]["state"]["values"]["anonymous"] = {
        "anonymous_check": {"type": "checkboxes", "selected_options": [{"value": "anonymous"}]}
    }
    await rig.interactive(submission)
    await fake.wait_for(lambda: posts_to(fake, LEAD_DM))
    [case_dm] = posts_to(fake, LEAD_DM)
    assert "send me a selfie" in case_dm["text"] and "U0AUTHOR" in case_dm["text"]
    assert "U0REPORTER" not in str(case_dm) and "u0reporter" not in str(case_dm)
    assert "Anonymous" in case_dm["text"]
