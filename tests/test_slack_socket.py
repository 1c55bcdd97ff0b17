"""Socket Mode end to end: apps.connections.open on the fake hands out a local WebSocket, envelopes flow over it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.actions import Reply
from bot.core import Context, private_to
from bot.deployment import Deployment
from bot.events import BotAddressed, CommandInvoked, Event
from tests.fakes import the_bots_declarations
from tests.slack_fake import APP_TOKEN, FakeSlack, Rig, command_form, event_body, start_rig, stop_rig


class Answerer:
    """Answers mentions in their thread and /policy privately."""

    name = "answerer"
    offer = the_bots_declarations("answerer")

    async def handle(self, event: Event, ctx: Context) -> bool:
        if isinstance(event, BotAddressed):
            o = event.origin
            await ctx.send(Reply(o.platform, o.channel_id, "answer", o.thread_id))
            return True
        if isinstance(event, CommandInvoked):
            await ctx.send(private_to(event, "private answer"))
            return True
        return False


@pytest.fixture
async def rig(deployment: Deployment) -> AsyncIterator[Rig]:
    fake = await FakeSlack().start()
    rig = await start_rig(fake, [Answerer()], deployment, socket_mode=True)
    yield rig
    await stop_rig(rig)
    await fake.close()


async def test_socket_mode_connects_with_the_app_token(rig: Rig) -> None:
    """Start-up asks apps.connections.open with the xapp- token and connects to the WebSocket it returns."""
    (opened,) = rig.fake.of("apps.connections.open")
    assert opened.token == APP_TOKEN
    await rig.fake.wait_for(lambda: rig.fake.socket_connected)


async def test_event_envelope_is_acknowledged_and_handled(rig: Rig) -> None:
    """An events_api envelope gets its envelope_id sent back, and the mention is answered in its thread."""
    await rig.fake.wait_for(lambda: rig.fake.socket_connected)
    event = {"type": "app_mention", "user": "U0STAFF", "text": "<@U0BOT> hi", "ts": "1764072000.000100",
             "channel": "C0GENERAL", "event_ts": "1764072000.000100"}  # fmt: skip
    envelope = {"envelope_id": "env-1", "type": "events_api", "accepts_response_payload": False,
                "retry_attempt": 0, "retry_reason": "", "payload": event_body(event, "Ev0SOCKET")}  # fmt: skip
    await rig.fake.push(envelope)
    await rig.fake.wait_for(lambda: any(m.get("envelope_id") == "env-1" for m in rig.fake.socket_messages))
    (reply,) = await rig.fake.wait_for_call("chat.postMessage")
    assert (reply.body["channel"], reply.body["thread_ts"]) == ("C0GENERAL", "1764072000.000100")


async def test_slash_command_envelope_is_acknowledged_and_answered_privately(rig: Rig) -> None:
    """A slash_commands envelope is acknowledged with an empty payload and answered by chat.postEphemeral."""
    await rig.fake.wait_for(lambda: rig.fake.socket_connected)
    envelope = {"envelope_id": "env-2", "type": "slash_commands", "accepts_response_payload": True,
                "payload": command_form("/policy", "photos")}  # fmt: skip
    await rig.fake.push(envelope)
    await rig.fake.wait_for(lambda: any(m.get("envelope_id") == "env-2" for m in rig.fake.socket_messages))
    ack = next(m for m in rig.fake.socket_messages if m.get("envelope_id") == "env-2")
    assert not ack.get("payload")
    (notice,) = await rig.fake.wait_for_call("chat.postEphemeral")
    assert notice.body["user"] == "U0STAFF"
    assert rig.fake.of("chat.postMessage") == []


async def test_reconnects_when_slack_asks_and_keeps_handling(rig: Rig) -> None:
    """Slack's periodic "disconnect" (refresh_requested): a new URL is fetched, the bot reconnects and still answers."""
    await rig.fake.wait_for(lambda: rig.fake.socket_connected)
    await rig.fake.push({"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "fake"}})
    await rig.fake.wait_for(lambda: rig.fake.connections == 2)
    assert len(rig.fake.of("apps.connections.open")) == 2
    event = {"type": "app_mention", "user": "U0STAFF", "text": "<@U0BOT> still there?", "ts": "1764072000.000900",
             "channel": "C0GENERAL", "event_ts": "1764072000.000900"}  # fmt: skip
    await rig.fake.push({"envelope_id": "env-3", "type": "events_api", "payload": event_body(event, "Ev0AFTER")})
    (reply,) = await rig.fake.wait_for_call("chat.postMessage")
    assert reply.body["thread_ts"] == "1764072000.000900"
