"""End to end over HTTP: signed requests into the real bolt AsyncApp, real Web API calls into a fake Slack.

The features here are a tiny probe that answers, warns and escalates the way the
real ones do, so these tests pin the adapter's side: where each kind of answer
goes on Slack, what is acknowledged, and what is refused.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.actions import Card, DirectMessage, PrivateNotice, Reply
from bot.categories import CATEGORIES
from bot.core import Context, private_to
from bot.deployment import Deployment
from bot.events import BotAddressed, ChannelKind, CommandInvoked, Event, MessageEdited, MessagePosted, MessageReported
from tests.fakes import the_bots_declarations
from tests.slack_fake import TEAM_URL, FakeSlack, Rig, shortcut_payload, start_rig, stop_rig, submission_payload

LEAD = "U0SAFELEAD"
PHONE = "07700 900123"


class Probe:
    """Answers mentions in the thread, warns about phone numbers in shared channels, sends reports to the lead."""

    name = "probe"
    offer = the_bots_declarations("probe")

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.release: asyncio.Event | None = None  # when set, handling waits for it (slow work)

    async def handle(self, event: Event, ctx: Context) -> bool:
        if self.release is not None:
            await self.release.wait()
        self.events.append(event)
        o = event.origin
        if isinstance(event, BotAddressed):
            card = Card(
                "6.2 Contact with attendees", quote="Staff must not <add> attendees.", fields=(("Related", "6.3"),)
            )
            await ctx.send(Reply(o.platform, o.channel_id, "6.2: Staff must not add attendees.", o.thread_id, card))
        elif isinstance(event, MessagePosted | MessageEdited):
            if o.channel_kind is ChannelKind.SHARED and PHONE in event.text:
                await ctx.send(PrivateNotice(o.platform, o.user_id, o.channel_id, "Please remove the phone number."))
        elif isinstance(event, CommandInvoked) and event.name == "report":
            await ctx.send(private_to(event, "Thank you. The Safeguard Lead has your report."))
            await ctx.send(DirectMessage(o.platform, LEAD, f"New report from {o.user_id}: {event.text}"))
        elif isinstance(event, MessageReported):
            await ctx.send(DirectMessage(o.platform, LEAD, f"Reported post: {event.post.text} {event.post.permalink}"))
            await ctx.send(PrivateNotice(o.platform, o.user_id, o.channel_id, "Thank you. The lead has it."))
        return True


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack(channels={"C0PARTNERS": {"name": "partners", "is_ext_shared": True}}).start()
    yield fake
    await fake.close()


@pytest.fixture
def probe() -> Probe:
    return Probe()


@pytest.fixture
async def rig(fake: FakeSlack, probe: Probe, deployment: Deployment) -> AsyncIterator[Rig]:
    rig = await start_rig(fake, [probe], deployment)
    yield rig
    await stop_rig(rig)


def mention(text: str, ts: str = "1764072000.000100", **extra: Any) -> dict[str, Any]:
    return {"type": "app_mention", "user": "U0STAFF", "text": f"<@U0BOT> {text}", "ts": ts, "channel": "C0GENERAL",
            "event_ts": ts, **extra}  # fmt: skip


def post(text: str, channel: str = "C0PARTNERS", ts: str = "1764072000.000300", **extra: Any) -> dict[str, Any]:
    return {"type": "message", "user": "U0STAFF", "text": text, "ts": ts, "channel": channel,
            "channel_type": "channel", "event_ts": ts, **extra}  # fmt: skip


def channel_posts(fake: FakeSlack) -> list[dict[str, Any]]:
    """Every chat.postMessage into a channel (not a DM), where everyone present can read it."""
    return [c.body for c in fake.of("chat.postMessage") if not str(c.body.get("channel", "")).startswith("D")]


async def test_mention_is_answered_in_its_thread(rig: Rig, fake: FakeSlack) -> None:
    """An @mention is acknowledged with 200 and answered by chat.postMessage in a thread under it, as Block Kit."""
    response = await rig.event(mention("can I friend a parent?"))
    assert response.status == 200
    (call,) = await fake.wait_for_call("chat.postMessage")
    assert call.body["channel"] == "C0GENERAL"
    assert call.body["thread_ts"] == "1764072000.000100"
    assert call.body["text"] == "6.2: Staff must not add attendees."
    blocks = call.body["blocks"]
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "6.2 Contact with attendees", "emoji": True},
    }
    assert {"type": "mrkdwn", "text": ">Staff must not &lt;add&gt; attendees."} in [b.get("text") for b in blocks]


async def test_mention_in_a_thread_is_answered_in_that_thread(rig: Rig, fake: FakeSlack) -> None:
    """A mention inside a thread gets its answer in the same thread (thread_ts of the parent)."""
    await rig.event(mention("and photos?", ts="1764072000.000200", thread_ts="1764071000.000001"))
    (call,) = await fake.wait_for_call("chat.postMessage")
    assert call.body["thread_ts"] == "1764071000.000001"


async def test_direct_message_is_answered_in_the_dm(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """A DM to the bot becomes BotAddressed (DM) and the answer goes back into that DM."""
    await rig.event({**post("what about WhatsApp groups?", channel="D0STAFF"), "channel_type": "im"})
    (call,) = await fake.wait_for_call("chat.postMessage")
    assert call.body["channel"] == "D0STAFF"
    assert probe.events[0].origin.channel_kind is ChannelKind.DM


async def test_warning_in_a_shared_channel_goes_to_the_author_only(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """A post with a phone number in a Slack Connect channel is warned by chat.postEphemeral to its author alone."""
    await rig.event(post(f"ring me on <tel:07700900123|{PHONE}>"))
    (call,) = await fake.wait_for_call("chat.postEphemeral")
    assert (call.body["channel"], call.body["user"]) == ("C0PARTNERS", "U0STAFF")
    assert "remove the phone number" in call.body["text"]
    await rig.adapter.idle()
    assert fake.of("chat.postMessage") == []
    (posted,) = probe.events
    assert posted.origin.channel_kind is ChannelKind.SHARED
    assert posted.origin.channel_name == "partners"
    assert posted.permalink == f"{TEAM_URL}archives/C0PARTNERS/p1764072000000300"


async def test_post_in_an_internal_channel_is_not_shared(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """A channel Slack does not report as externally shared, and not listed, counts as internal: no warning."""
    await rig.event(post(f"ring me on {PHONE}", channel="C0STAFFROOM"))
    await rig.adapter.idle()
    assert probe.events[0].origin.channel_kind is ChannelKind.INTERNAL
    assert fake.of("chat.postEphemeral") == []


async def test_channel_lookups_are_cached(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """Two posts in one channel cost one conversations.info call."""
    await rig.event(post("one", ts="1.1"), event_id="Ev1")
    await rig.event(post("two", ts="1.2"), event_id="Ev2")
    await rig.adapter.idle()
    assert len(probe.events) == 2
    assert len(fake.of("conversations.info")) == 1


async def test_edit_is_scanned_again(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """message_changed that adds a phone number becomes MessageEdited and is warned privately."""
    before = {"type": "message", "user": "U0STAFF", "text": "call me", "ts": "1764072000.000300"}
    after = {**before, "text": f"call {PHONE}", "edited": {"user": "U0STAFF", "ts": "1764072100.000000"}}
    edit = {"type": "message", "subtype": "message_changed", "channel": "C0PARTNERS", "channel_type": "channel",
            "ts": "1764072100.000001", "event_ts": "1764072100.000001", "message": after,
            "previous_message": before}  # fmt: skip
    await rig.event(edit)
    (call,) = await fake.wait_for_call("chat.postEphemeral")
    assert call.body["user"] == "U0STAFF"
    assert isinstance(probe.events[0], MessageEdited)
    assert probe.events[0].origin.message_id == "1764072000.000300"


async def test_images_on_a_post_are_counted(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """Files with image mimetypes count as images; others do not."""
    files = [
        {"id": "F1", "name": "a.jpg", "mimetype": "image/jpeg"},
        {"id": "F2", "name": "b.pdf", "mimetype": "application/pdf"},
    ]
    await rig.event(post("photos", subtype="file_share", files=files))
    await rig.adapter.idle()
    assert probe.events[0].image_count == 1


async def test_slash_report_is_private_and_reaches_the_lead(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """/report: an empty 200 (nothing shown in the channel), an ephemeral thank-you, the lead gets a DM."""
    response = await rig.command(
        "/report", "Jo was sent a friend request by a volunteer", channel="C0PARTNERS", channel_name="partners"
    )
    assert response.status == 200
    (notice,) = await fake.wait_for_call("chat.postEphemeral")
    assert (notice.body["channel"], notice.body["user"]) == ("C0PARTNERS", "U0STAFF")
    (opened,) = await fake.wait_for_call("conversations.open")
    assert opened.body["users"] == LEAD
    (dm,) = await fake.wait_for_call("chat.postMessage")
    assert dm.body["channel"] == "D0SAFELEAD"
    assert "friend request" in dm.body["text"]
    await rig.adapter.idle()
    assert channel_posts(fake) == []
    assert all("friend request" not in c.body.get("text", "") for c in fake.of("chat.postEphemeral"))
    assert probe.events[0].origin.channel_name == "partners"


async def test_slash_command_acknowledgement_is_empty(rig: Rig) -> None:
    """The HTTP answer to a slash command is empty, so Slack posts nothing in the channel (no in_channel echo)."""
    response = await rig.command("/report", "something")
    assert response.status == 200
    assert (await response.text()) == ""


async def test_slash_command_where_the_bot_is_absent_answers_by_response_url(rig: Rig, fake: FakeSlack) -> None:
    """Where chat.postEphemeral cannot reach (bot not a member), the answer goes by response_url, ephemeral."""
    fake.fail("chat.postEphemeral", "channel_not_found")
    url = fake.response_url("cmd1")
    await rig.command(
        "/report", "worried about a post", channel="G0PRIVATE", channel_name="privategroup", response_url=url
    )
    (answer,) = await fake.wait_for_call("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["hook"] == "cmd1"
    await rig.adapter.idle()
    assert channel_posts(fake) == []


async def test_command_in_a_dm_between_people_is_answered_by_response_url(
    rig: Rig, fake: FakeSlack, probe: Probe
) -> None:
    """/report typed in someone else's DM (the bot is not in it): the answer is ephemeral via response_url."""
    fake.fail("chat.postMessage", "channel_not_found")
    url = fake.response_url("dm1")
    await rig.command("/report", "a worry", channel="D0ALICEBOB", channel_name="directmessage", response_url=url)
    (answer,) = await fake.wait_for_call("response_url")
    assert (answer.body["hook"], answer.body["response_type"]) == ("dm1", "ephemeral")
    assert probe.events[0].origin.channel_kind is ChannelKind.DM


async def test_report_shortcut_opens_the_form_and_the_submission_reaches_the_lead(
    rig: Rig, fake: FakeSlack, probe: Probe
) -> None:
    """Report to Safeguard Lead: a modal with the categories and the post snapshot; on submit the lead gets a DM."""
    message = {"type": "message", "user": "U0STAFF", "text": "DM me kids", "ts": "1764072000.000400",
               "files": [{"id": "F1", "name": "IMG_1.jpg", "mimetype": "image/jpeg"}]}  # fmt: skip
    response = await rig.interactive(shortcut_payload(message))
    assert response.status == 200
    (opened,) = await fake.wait_for_call("views.open")
    assert opened.body["trigger_id"] == "trig.shortcut"
    view = opened.body["view"]
    options = view["blocks"][1]["element"]["options"]
    assert [o["value"] for o in options] == [c.key for c in CATEGORIES]
    snapshot = json.loads(view["private_metadata"])
    assert snapshot["permalink"] == f"{TEAM_URL}archives/C0PARTNERS/p1764072000000400"
    files = [{"name": "IMG_1.jpg", "type": "image/jpeg", "size": 0, "link": ""}]  # described, never fetched
    assert (snapshot["text"], snapshot["author_id"], snapshot["files"]) == ("DM me kids", "U0STAFF", files)

    await rig.interactive(submission_payload(view, details="third time"))
    dm = (await fake.wait_for_call("chat.postMessage"))[0]
    assert dm.body["channel"] == "D0SAFELEAD"
    assert "DM me kids" in dm.body["text"] and snapshot["permalink"] in dm.body["text"]
    (thanks,) = await fake.wait_for_call("chat.postEphemeral")
    assert thanks.body["user"] == "U0REPORTER"
    reported = probe.events[0]
    assert isinstance(reported, MessageReported)
    assert (reported.category, reported.details, reported.post.author_name) == (
        "cyberbullying",
        "third time",
        "u0staff",
    )
    assert reported.post.attachment_names == ("IMG_1.jpg",)
    assert channel_posts(fake) == []


async def test_report_of_a_very_long_post_keeps_all_of_it(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """A post too long for private_metadata is cut there, but the submitted report carries the whole text."""
    long_text = "word " * 2000
    message = {"type": "message", "user": "U0STAFF", "text": long_text, "ts": "1764072000.000500"}
    await rig.interactive(shortcut_payload(message))
    (opened,) = await fake.wait_for_call("views.open")
    assert len(opened.body["view"]["private_metadata"]) <= 3000
    await rig.interactive(submission_payload(opened.body["view"]))
    await rig.adapter.idle()
    assert probe.events[0].post.text == long_text


@pytest.mark.parametrize(
    "signing",
    [
        pytest.param({"secret": "not-the-signing-secret"}, id="wrong-secret"),
        pytest.param({"age": 6 * 60}, id="six-minutes-old"),
    ],
)
async def test_badly_signed_or_stale_requests_are_refused(
    rig: Rig, fake: FakeSlack, probe: Probe, signing: dict[str, Any]
) -> None:
    """A request not signed with the signing secret, or older than five minutes, gets 401 and does nothing."""
    response = await rig.event(mention("hello"), **signing)
    assert response.status == 401
    await rig.adapter.idle()
    assert probe.events == []
    assert set(fake.methods()) == {"auth.test"}


async def test_slow_work_happens_after_the_acknowledgement(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """Slack gets its 200 while the feature is still working; the answer follows."""
    probe.release = asyncio.Event()
    response = await rig.event(mention("slow one"))
    assert response.status == 200
    assert probe.events == [] and fake.of("chat.postMessage") == []
    probe.release.set()
    await fake.wait_for_call("chat.postMessage")


async def test_a_retried_event_is_handled_once(rig: Rig, fake: FakeSlack, probe: Probe) -> None:
    """Slack's retry of the same event_id (after a late ack) is answered only once."""
    await rig.event(mention("twice?"), event_id="Ev0SAME")
    await rig.event(mention("twice?"), event_id="Ev0SAME")
    await rig.adapter.idle()
    assert len(fake.of("chat.postMessage")) == 1


async def test_malformed_event_is_logged_by_type_and_skipped(
    rig: Rig, fake: FakeSlack, probe: Probe, caplog: pytest.LogCaptureFixture
) -> None:
    """A message event without a channel is acknowledged, skipped, and logged without its text."""
    caplog.set_level(logging.DEBUG)
    secret = "Jo Bloggs lives at 12 Secret Street"
    response = await rig.event(
        {"type": "message", "user": "U0STAFF", "text": secret, "ts": "1.5", "channel_type": "channel"}
    )
    assert response.status == 200
    await rig.adapter.idle()
    assert probe.events == []
    assert any("malformed" in r.getMessage() and "message" in r.getMessage() for r in caplog.records)
    assert all(secret not in r.getMessage() for r in caplog.records)


async def test_no_message_text_reaches_the_logs(rig: Rig, fake: FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    """Even at DEBUG level, slack-bolt and slack-sdk do not log the text of posts, commands or answers."""
    caplog.set_level(logging.DEBUG)
    secret = "Amelia Hart 07700 900999"
    await rig.event(post(secret))
    await rig.command("/report", secret)
    await rig.event(mention(secret))
    await fake.wait_for_call("chat.postMessage")
    await fake.wait_for_call("conversations.open")
    await rig.adapter.idle()
    assert caplog.records
    assert all(secret not in r.getMessage() for r in caplog.records)


async def test_url_verification_challenge_is_answered(rig: Rig) -> None:
    """Slack's one-off url_verification (when the Request URL is saved) gets its challenge back."""
    body = json.dumps({"token": "x", "challenge": "abc123", "type": "url_verification"})
    async with rig.session.post(rig.url, data=body, headers=_signed(body)) as response:
        assert response.status == 200
        assert "abc123" in await response.text()


async def test_health_check_answers(rig: Rig) -> None:
    """GET /healthz answers 200 for the hosting platform's health check."""
    async with rig.session.get(rig.url.replace("/slack/events", "/healthz")) as response:
        assert response.status == 200


def _signed(body: str) -> dict[str, str]:
    from tests.slack_fake import signed_headers

    return signed_headers(body, "application/json")


async def test_shortcut_on_a_post_the_bot_cannot_see_still_links_to_it(rig: Rig, fake: FakeSlack) -> None:
    """chat.getPermalink refused (bot not in that channel): the snapshot's link is built from the workspace address."""
    fake.fail("chat.getPermalink", "channel_not_found")
    message = {"type": "message", "user": "U0STAFF", "text": "x", "ts": "1764072000.000600"}
    await rig.interactive(shortcut_payload(message, channel="G0PRIVATE"))
    (opened,) = await fake.wait_for_call("views.open")
    snapshot = json.loads(opened.body["view"]["private_metadata"])
    assert snapshot["permalink"] == f"{TEAM_URL}archives/G0PRIVATE/p1764072000000600"


async def test_form_that_cannot_open_is_explained_to_the_reporter(rig: Rig, fake: FakeSlack) -> None:
    """If views.open fails (trigger expired), the reporter is told privately through the shortcut's response_url."""
    fake.fail("views.open", "expired_trigger_id")
    fake.fail("chat.postEphemeral", "not_in_channel")
    message = {"type": "message", "user": "U0STAFF", "text": "x", "ts": "1764072000.000700"}
    await rig.interactive(shortcut_payload(message, response_url=fake.response_url("sc1")))
    (answer,) = await fake.wait_for_call("response_url")
    assert answer.body["response_type"] == "ephemeral" and "could not be opened" in answer.body["text"]
    assert channel_posts(fake) == []
