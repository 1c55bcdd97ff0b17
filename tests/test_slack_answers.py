"""On Slack, end to end: warnings that answer back, files never fetched, categories from the text, threads.

The real features behind the real bolt AsyncApp and the fake Slack. Every URL of every file on a post is
served by the fake, which fails the test if the bot requests one (``FakeSlack.close``).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest

from bot.core import Feature
from bot.deployment import Deployment, PlatformChannels
from bot.moderation.store import WarningStore
from bot.reports.store import CaseStore
from tests import e2e_fixtures
from tests.slack_fake import FakeSlack, Rig, button_payload, shortcut_payload, start_rig, stop_rig, submission_payload

store, features = e2e_fixtures.store, e2e_fixtures.features  # the shared pytest fixtures

LEAD, LEAD_DM = "U0SAFELEAD", "D0SAFELEAD"
AUTHOR = "U0ALICE"
NUMBER = "07700 900123"
EXAMPLE = "a volunteer keeps messaging a young person on snapchat late at night"


@pytest.fixture
def watching(deployment: Deployment) -> Deployment:
    return replace(deployment, channels={"slack": PlatformChannels()})


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack(channels={"C0PARTNERS": {"name": "partners", "is_ext_shared": True}}).start()
    yield fake
    await fake.close()  # fails the test if any file URL was requested


@pytest.fixture
async def rig(fake: FakeSlack, features: list[Feature], watching: Deployment) -> AsyncIterator[Rig]:
    rig = await start_rig(fake, features, watching)
    yield rig
    await stop_rig(rig)


def message(text: str, ts: str, *, thread_ts: str = "", files: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "message", "user": AUTHOR, "text": text, "ts": ts, "channel": "C0PARTNERS",
                            "channel_type": "channel", "event_ts": ts}  # fmt: skip
    if thread_ts:
        data["thread_ts"] = thread_ts
    if files:
        data["files"], data["subtype"] = files, "file_share"
    return data


async def posted(rig: Rig, fake: FakeSlack, data: dict[str, Any], event_id: str) -> None:
    """The post happens on Slack (its history shows it) and the event reaches the bot."""
    fake.history.setdefault("C0PARTNERS", []).insert(0, {k: v for k, v in data.items() if k != "channel"})
    await rig.event(data, event_id)
    await rig.adapter.idle()


def edit_on_slack(fake: FakeSlack, ts: str, text: str) -> None:
    for m in fake.history["C0PARTNERS"]:
        if m["ts"] == ts:
            m["text"] = text


def buttons(call_body: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in call_body.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def command_of(button: dict[str, Any]) -> str:
    """The command a button runs (main's button model: the command travels in the button's JSON value)."""
    return str(json.loads(button["value"])["c"])


def as_command(button: dict[str, Any], command: str) -> dict[str, Any]:
    """The same button made to run another command (someone forging a press)."""
    value = json.loads(button["value"])
    return {**button, "value": json.dumps({**value, "c": command})}


async def press(rig: Rig, fake: FakeSlack, button: dict[str, Any], **where: Any) -> list[Any]:
    before = len(fake.calls)
    await rig.interactive(button_payload(button["action_id"], button["value"], **where))
    await rig.adapter.idle()
    return fake.calls[before:]


def texts(calls: list[Any]) -> str:
    return "\n".join(str(c.body.get("text", "")) for c in calls)


async def test_thread_reply_warning_carries_thread_ts_and_the_answers(rig: Rig, fake: FakeSlack) -> None:
    await posted(rig, fake, message(f"ring me on {NUMBER}", "1764072000.000500", thread_ts="1764072000.000100"), "E1")
    (warning,) = fake.of("chat.postEphemeral")
    assert warning.body["thread_ts"] == "1764072000.000100" and warning.body["user"] == AUTHOR
    assert [(command_of(b), b["text"]["text"]) for b in buttons(warning.body)] == [
        ("warning-fixed", "I've fixed it"),
        ("warning-wrong", "I think this is wrong"),
    ]


async def test_fixed_reads_the_post_again_on_slack(rig: Rig, fake: FakeSlack, store: CaseStore) -> None:
    ts = "1764072000.000600"
    await posted(rig, fake, message(f"ring me on {NUMBER}", ts), "E2")
    fixed = buttons(fake.of("chat.postEphemeral")[0].body)[0]
    calls = await press(rig, fake, fixed)
    [history] = [c for c in calls if c.method == "conversations.history"]
    assert (history.body["channel"], history.body["latest"]) == ("C0PARTNERS", ts)
    assert "still contains a telephone number" in texts(calls)
    edit_on_slack(fake, ts, "ring the office")
    calls = await press(rig, fake, fixed)
    assert "resolved" in texts(calls)
    assert [c.method for c in calls if c.method.startswith("chat.")] == ["chat.postEphemeral"]  # privately
    (record,) = await WarningStore(store.db).recent_warnings()
    assert record.status == "fixed"


async def test_fixed_in_a_thread_reads_the_reply(rig: Rig, fake: FakeSlack) -> None:
    parent, reply = "1764072000.000100", "1764072000.000700"
    fake.history.setdefault("C0PARTNERS", []).append(
        {"type": "message", "user": "U0BOB", "text": "tonight", "ts": parent}
    )
    await posted(rig, fake, message(f"ring me on {NUMBER}", reply, thread_ts=parent), "E3")
    fixed = buttons(fake.of("chat.postEphemeral")[0].body)[0]
    edit_on_slack(fake, reply, "ring the office")
    calls = await press(rig, fake, fixed, thread_ts=parent)
    [replies] = [c for c in calls if c.method == "conversations.replies"]
    assert (replies.body["ts"], replies.body["latest"]) == (parent, reply)
    [answer] = [c for c in calls if c.method == "chat.postEphemeral"]
    assert "resolved" in answer.body["text"] and answer.body["thread_ts"] == parent  # answered in the thread


async def test_wrong_then_allow_on_slack(rig: Rig, fake: FakeSlack, store: CaseStore) -> None:
    """The dispute reaches the lead's DM without the number and unfurling nothing; Allow in one press; the next
    post with the number is not warned about; the author is told by DM."""
    await posted(rig, fake, message(f"our office is {NUMBER}", "1764072000.000800"), "E4")
    wrong = buttons(fake.of("chat.postEphemeral")[0].body)[1]
    calls = await press(rig, fake, wrong)
    [dispute] = [c for c in calls if c.method == "chat.postMessage" and c.body["channel"] == LEAD_DM]
    assert NUMBER not in json.dumps(dispute.body) and "phone" in dispute.body["text"]
    assert dispute.body["unfurl_links"] is False and dispute.body["unfurl_media"] is False
    allow = next(b for b in buttons(dispute.body) if command_of(b) == "warning-allow")
    calls = await press(rig, fake, allow, user=LEAD, channel=LEAD_DM, ephemeral=False)
    assert "1 value added to the allow list" in texts(calls)
    [told] = [c for c in calls if c.method == "chat.postMessage" and c.body["channel"] == "D0ALICE"]
    assert "agreed" in told.body["text"]
    notices = len(fake.of("chat.postEphemeral"))
    await posted(rig, fake, message(f"call {NUMBER} to book", "1764072000.000900"), "E5")
    assert len(fake.of("chat.postEphemeral")) == notices


async def test_a_member_cannot_press_the_leads_buttons(rig: Rig, fake: FakeSlack, store: CaseStore) -> None:
    await posted(rig, fake, message(f"our office is {NUMBER}", "1764072000.001000"), "E6")
    wrong = buttons(fake.of("chat.postEphemeral")[0].body)[1]
    await press(rig, fake, wrong)
    calls = await press(rig, fake, as_command(wrong, "warning-allow"))  # the author, not a lead
    assert "only available to the Safeguard Lead" in texts(calls)
    assert await WarningStore(store.db).allowed() == []


async def test_files_are_described_never_fetched(rig: Rig, fake: FakeSlack, store: CaseStore) -> None:
    """A warned post with a photo and a reported one: the record, the lead's DM and /case carry name, type, size
    and link; no file URL is requested (the fixture fails otherwise) and no message the bot sends unfurls."""
    photo = fake.file("F0PHOTO", "kids.jpg", "image/jpeg", 48213)
    await posted(rig, fake, message("tonight!", "1764072000.001100", files=[photo]), "E7")
    (record,) = await WarningStore(store.db).recent_warnings()
    [(name, kind, size, link)] = [(a.name, a.content_type, a.size, a.url) for a in record.attachments]
    assert (name, kind, size, link) == ("kids.jpg", "image/jpeg", 48213, photo["permalink"])

    shared = message("look at this", "1764072000.001200", files=[photo])
    await rig.interactive(shortcut_payload(shared))
    (opened,) = await fake.wait_for_call("views.open")
    await rig.interactive(submission_payload(opened.body["view"], details="worried"))
    await fake.wait_for(lambda: [c for c in fake.of("chat.postMessage") if c.body["channel"] == LEAD_DM])
    await rig.adapter.idle()
    case_dm = next(c for c in fake.of("chat.postMessage") if "New safeguarding report" in c.body["text"])
    assert "kids.jpg (image/jpeg, 48,213 bytes)" in case_dm.body["text"] and photo["permalink"] in case_dm.body["text"]
    for call in fake.of("chat.postMessage") + fake.of("chat.postEphemeral"):
        assert call.body["unfurl_links"] is False and call.body["unfurl_media"] is False
    await rig.command("/case", "SG-2026-0001", user=LEAD, channel=LEAD_DM, channel_name="directmessage")
    await rig.adapter.idle()
    (case_view,) = [c for c in fake.of("chat.postMessage") if str(c.body["text"]).startswith("Case SG-2026-0001")]
    assert "kids.jpg (image/jpeg, 48,213 bytes)" in case_view.body["text"] and case_view.body["unfurl_links"] is False
    assert fake.file_requests == []


async def test_category_suggested_from_the_words(rig: Rig, fake: FakeSlack, store: CaseStore) -> None:
    """/report with the issue's example and no category: filed under contact outside agreed protocols, shown to
    the lead as suggested; the report form of a post saying it opens on that category."""
    await rig.command("/report", EXAMPLE, user="U0STAFF")
    await rig.adapter.idle()
    case_dm = next(c for c in fake.of("chat.postMessage") if "New safeguarding report" in c.body["text"])
    assert "Category: Contact with an attendee outside agreed protocols" in case_dm.body["text"]
    assert "suggested from the report's words" in case_dm.body["text"]
    await rig.interactive(shortcut_payload(message(EXAMPLE, "1764072000.001300")))
    (opened,) = await fake.wait_for_call("views.open")
    select = next(b for b in opened.body["view"]["blocks"] if b.get("block_id") == "category")
    assert select["element"]["initial_option"]["value"] == "contact-outside-protocol"
