"""Performing actions on Slack: outcomes for every error, rate limits waited out, private fallbacks.

The real ``AsyncWebClient`` talks to the fake Slack; each test scripts the fake's
answers and checks the :class:`~bot.actions.Delivery` and the calls made.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from adapters.slack.client import make_client
from adapters.slack.delivery import ResponseUrls, SlackDelivery
from bot.actions import (
    Card,
    DeliveryStatus,
    DirectMessage,
    PrivateNotice,
    Reply,
    Seen,
    SentCheck,
    SentCheckResult,
)
from tests.slack_fake import BOT_TOKEN, BOT_USER, FakeSlack


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.close()


@pytest.fixture
def delivery(fake: FakeSlack) -> SlackDelivery:
    return SlackDelivery(make_client(BOT_TOKEN, fake.api_url))


async def test_rate_limited_call_is_retried_after_retry_after(fake: FakeSlack, delivery: SlackDelivery) -> None:
    """A 429 with Retry-After: 1 is waited out and the same message sent again: delivered, not dropped."""
    fake.rate_limit("chat.postMessage", retry_after=1)
    result = await delivery.perform(Reply("slack", "C0GENERAL", "answer"))
    assert result.status is DeliveryStatus.SENT
    calls = fake.of("chat.postMessage")
    assert len(calls) == 2 and calls[0].body == calls[1].body


@pytest.mark.parametrize(
    ("method", "error", "status"),
    [
        pytest.param("conversations.open", "cannot_dm_bot", DeliveryStatus.REFUSED, id="cannot-dm-bot"),
        pytest.param("conversations.open", "user_not_found", DeliveryStatus.REFUSED, id="user-not-found"),
        pytest.param("chat.postMessage", "messages_tab_disabled", DeliveryStatus.REFUSED, id="dms-closed"),
        pytest.param("chat.postMessage", "internal_error", DeliveryStatus.FAILED, id="slack-outage"),
        pytest.param("chat.postMessage", "fatal_error", DeliveryStatus.FAILED, id="fatal-error"),
    ],
)
async def test_direct_message_errors_become_outcomes(
    fake: FakeSlack, delivery: SlackDelivery, method: str, error: str, status: DeliveryStatus
) -> None:
    """Slack errors on a DM map to refused (will not work as things stand) or failed (may work later), never raise."""
    fake.fail(method, error)
    result = await delivery.perform(DirectMessage("slack", "U0SAFELEAD", "case 12"))
    assert result.status is status
    assert result.reason == error


async def test_network_failure_is_a_failed_delivery() -> None:
    """With Slack unreachable, perform returns failed instead of raising."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    delivery = SlackDelivery(make_client(BOT_TOKEN, f"http://127.0.0.1:{port}/api/"))
    result = await delivery.perform(Reply("slack", "C1", "hello"))
    assert result.status is DeliveryStatus.FAILED


async def test_dm_channel_is_opened_once_per_user(fake: FakeSlack, delivery: SlackDelivery) -> None:
    """Two DMs to one lead cost one conversations.open; both go to the DM channel."""
    for text in ("case 1", "case 2"):
        assert (await delivery.perform(DirectMessage("slack", "U0SAFELEAD", text))).ok
    assert len(fake.of("conversations.open")) == 1
    assert [c.body["channel"] for c in fake.of("chat.postMessage")] == ["D0SAFELEAD", "D0SAFELEAD"]


async def test_rejected_blocks_fall_back_to_plain_text(fake: FakeSlack, delivery: SlackDelivery) -> None:
    """If Slack rejects the Block Kit, the message is sent again as its plain text."""
    fake.fail("chat.postMessage", "invalid_blocks")
    result = await delivery.perform(Reply("slack", "C1", "6.2 text", card=Card("6.2", quote="q")))
    assert result.ok
    first, second = fake.of("chat.postMessage")
    assert "blocks" in first.body and "blocks" not in second.body
    assert second.body["text"] == "6.2 text"


async def test_private_notice_is_ephemeral_to_that_user(fake: FakeSlack, delivery: SlackDelivery) -> None:
    """A PrivateNotice is chat.postEphemeral with the user and channel, and nothing else."""
    assert (await delivery.perform(PrivateNotice("slack", "U0STAFF", "C0PARTNERS", "please edit"))).ok
    assert fake.methods() == ["chat.postEphemeral"]
    body = fake.of("chat.postEphemeral")[0].body
    assert body == {"channel": "C0PARTNERS", "user": "U0STAFF", "text": "please edit"} | {
        "unfurl_links": False,  # no link preview, on any message
        "unfurl_media": False,
    }


async def test_private_notice_where_the_bot_is_absent_uses_the_response_url(fake: FakeSlack) -> None:
    """Bot not in the channel: the notice goes to that user's command response_url as ephemeral."""
    urls = ResponseUrls()
    urls.remember("G0PRIV", "U0OTHER", fake.response_url("other"))
    urls.remember("G0PRIV", "U0STAFF", fake.response_url("mine"))
    delivery = SlackDelivery(make_client(BOT_TOKEN, fake.api_url), urls)
    fake.fail("chat.postEphemeral", "not_in_channel")
    assert (await delivery.perform(PrivateNotice("slack", "U0STAFF", "G0PRIV", "noted"))).ok
    (answer,) = fake.of("response_url")
    assert (answer.body["hook"], answer.body["response_type"]) == ("mine", "ephemeral")
    assert fake.of("chat.postMessage") == []


async def test_private_notice_without_a_response_url_falls_back_to_a_dm(
    fake: FakeSlack, delivery: SlackDelivery
) -> None:
    """With no response_url to use, the notice goes to the user's DM with the bot, never the channel."""
    fake.fail("chat.postEphemeral", "channel_not_found")
    assert (await delivery.perform(PrivateNotice("slack", "U0STAFF", "G0PRIV", "noted"))).ok
    (dm,) = fake.of("chat.postMessage")
    assert dm.body["channel"] == "D0STAFF"


async def test_private_notice_to_a_user_who_left_is_refused(fake: FakeSlack, delivery: SlackDelivery) -> None:
    """user_not_in_channel is refused without any fallback post."""
    fake.fail("chat.postEphemeral", "user_not_in_channel")
    result = await delivery.perform(PrivateNotice("slack", "U0GONE", "C1", "x"))
    assert result.status is DeliveryStatus.REFUSED
    assert fake.methods() == ["chat.postEphemeral"]


async def test_unknown_action_type_raises() -> None:
    """An action the adapter cannot perform is an error, not a silent drop."""
    delivery = SlackDelivery(make_client(BOT_TOKEN, "http://127.0.0.1:9/api/"))
    with pytest.raises(TypeError):
        await delivery.perform("not an action")  # type: ignore[arg-type]


def test_response_urls_expire_after_thirty_minutes() -> None:
    """Slack accepts a response_url for 30 minutes; an older one is not offered."""
    now = [1000.0]
    urls = ResponseUrls(clock=lambda: now[0])
    urls.remember("C1", "U1", "https://hooks/1")
    assert urls.find("C1", "U1") == "https://hooks/1"
    now[0] += 31 * 60
    assert urls.find("C1", "U1") == ""


CASE_CARD = Card("New safeguarding report SG-2026-0042", body="Reference: SG-2026-0042")


async def test_an_interrupted_dm_is_found_in_the_leads_history(fake: FakeSlack, delivery: SlackDelivery) -> None:
    """check_sent reads the DM's conversations.history for a bot message carrying the case reference."""
    since = datetime(2026, 12, 1, tzinfo=UTC)
    sent = await delivery.perform(DirectMessage("slack", "U0LEAD", "New report SG-2026-0042", CASE_CARD))
    found = await delivery.check_sent(SentCheck("slack", "U0LEAD", "SG-2026-0042", since), BOT_USER)
    assert found == SentCheckResult(Seen.FOUND, sent.ref)
    (history,) = fake.of("conversations.history")
    assert history.body["channel"] == "D0LEAD" and float(history.body["oldest"]) == since.timestamp()
    other = await delivery.check_sent(SentCheck("slack", "U0LEAD", "SG-2026-0043", since), BOT_USER)
    assert other.seen is Seen.NOT_FOUND


async def test_when_history_cannot_be_read_the_answer_is_unknown(fake: FakeSlack, delivery: SlackDelivery) -> None:
    """A refused look-up (e.g. the im:history scope missing) is "cannot tell", never "not there"."""
    fake.fail("conversations.history", "missing_scope")
    result = await delivery.check_sent(SentCheck("slack", "U0LEAD", "SG-2026-0042", datetime.now(UTC)), BOT_USER)
    assert result.seen is Seen.UNKNOWN
