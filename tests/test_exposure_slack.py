"""Exposure on Slack, end to end: the real bolt app and features against the local Slack stand-in.

Slack Connect sharing is what makes a Slack channel readable by outsiders. At
start-up the bot lists its channels silently; ``channel_shared`` and
``channel_unshared`` then each give every Safeguard Lead one direct message,
and ``/exposure`` (leads only) shows the picture.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.core import REFUSAL, Feature
from bot.deployment import Deployment, PlatformChannels
from tests import e2e_fixtures
from tests.slack_fake import TEAM, FakeSlack, Rig, start_rig, stop_rig

store, features = e2e_fixtures.store, e2e_fixtures.features  # the shared pytest fixtures

ROOT = Path(__file__).resolve().parent.parent
LEAD = "U0SAFELEAD"
LEAD_DM = "D0SAFELEAD"


@pytest.fixture
def watching(deployment: Deployment) -> Deployment:
    """Watches #volunteers by name, a channel id Slack does not show the bot, and a name no channel has."""
    return replace(
        deployment, channels={"slack": PlatformChannels(watch=("#volunteers", "C0MISSING", "#old-projects"))}
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    channels = {
        "C0PARTNERS": {"name": "partners", "is_ext_shared": True, "connected_team_ids": [TEAM, "T0ACME"]},
        "C0VOLUNTEERS": {"name": "volunteers", "is_ext_shared": False},
        "C0STAFFROOM": {"name": "staffroom", "is_ext_shared": False},
    }
    teams = {"T0ACME": {"name": "Acme Youth Trust"}, "T0BETA": {"name": "Beta Sports Club"}}
    fake = await FakeSlack(channels=channels, teams=teams, not_found={"C0MISSING"}).start()
    yield fake
    await fake.close()


@pytest.fixture
async def rig(fake: FakeSlack, features: list[Feature], watching: Deployment) -> AsyncIterator[Rig]:
    rig = await start_rig(fake, features, watching)
    await rig.adapter.idle()  # the look at start-up
    yield rig
    await stop_rig(rig)


def notes(fake: FakeSlack) -> list[dict[str, Any]]:
    return [c.body for c in fake.of("chat.postMessage") if c.body["channel"] == LEAD_DM]


async def exposure(rig: Rig, fake: FakeSlack, user: str = LEAD) -> str:
    before = len(fake.of("chat.postEphemeral"))
    await rig.command("/exposure", "", user=user)
    answers = await fake.wait_for_call("chat.postEphemeral", before + 1)
    assert answers[-1].body["user"] == user
    return str(answers[-1].body["text"])


def shared(channel: str, team: str, event_ts: str = "1764072100.000100") -> dict[str, Any]:
    return {"type": "channel_shared", "connected_team_id": team, "channel": channel, "event_ts": event_ts}


def unshared(channel: str, team: str, *, still: bool = False) -> dict[str, Any]:
    return {"type": "channel_unshared", "previously_connected_team_id": team, "channel": channel,
            "is_ext_shared": still, "event_ts": "1764072200.000100"}  # fmt: skip


async def test_the_start_up_look_is_silent_and_exposure_shows_it(rig: Rig, fake: FakeSlack) -> None:
    """The Slack Connect channel is listed with the other organisation's name; watched channels it cannot read too."""
    assert notes(fake) == []
    assert fake.of("users.conversations")
    answer = await exposure(rig, fake)
    assert "#partners (Slack): shared with Acme Youth Trust (Slack Connect) · moderation watches it" in answer
    assert "Channels people outside the organisation can read now: 1" in answer
    assert "staffroom" not in answer and "#volunteers" not in answer  # readable by the organisation only
    assert "Watched channels the bot cannot read: 2" in answer
    assert "channel C0MISSING (Slack): Slack does not show this channel to the bot" in answer
    assert "#old-projects (Slack): no channel of this name among the bot's channels" in answer
    assert f"{'https://leaps.slack.com'}/archives/C0PARTNERS" in answer


async def test_a_channel_shared_with_another_organisation_is_one_note_to_the_lead(
    rig: Rig, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.channels["C0STAFFROOM"] = {"name": "staffroom", "is_ext_shared": True, "connected_team_ids": [TEAM, "T0BETA"]}
    await rig.event(shared("C0STAFFROOM", "T0BETA"), event_id="EvShare1")
    await rig.adapter.idle()
    (note,) = notes(fake)
    assert "#staffroom (Slack) is now readable by people outside the organisation" in note["text"]
    assert "shared with Beta Sports Club (Slack Connect)" in note["text"]
    assert "Slack reported the channel shared with another organisation" in note["text"]
    assert [c.body["users"] for c in fake.of("conversations.open")] == [LEAD]
    answer = await exposure(rig, fake)
    assert "#staffroom (Slack): shared with Beta Sports Club (Slack Connect) · moderation watches it · since" in answer

    await rig.event(shared("C0STAFFROOM", "T0BETA"), event_id="EvShare1")  # Slack's retry
    await rig.event(shared("C0STAFFROOM", "T0BETA"), event_id="EvShare2")  # the same news again
    await rig.adapter.idle()
    assert len(notes(fake)) == 1
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "channel exposure on slack" in logged  # counts only:
    assert not [word for word in ("staffroom", "Beta Sports", "C0STAFFROOM", LEAD) if word in logged]


async def test_a_channel_no_longer_shared_is_one_note_and_leaves_exposure(rig: Rig, fake: FakeSlack) -> None:
    fake.channels["C0PARTNERS"] = {"name": "partners", "is_ext_shared": False, "connected_team_ids": [TEAM]}
    await rig.event(unshared("C0PARTNERS", "T0ACME"), event_id="EvUnshare1")
    await rig.adapter.idle()
    (note,) = notes(fake)
    assert "#partners (Slack) is no longer readable by people outside the organisation" in note["text"]
    assert "Channels people outside the organisation can read now: none" in await exposure(rig, fake)
    await rig.event(unshared("C0PARTNERS", "T0ACME"), event_id="EvUnshare2")
    await rig.adapter.idle()
    assert len(notes(fake)) == 1


async def test_an_organisation_leaving_a_channel_still_shared_with_another_says_nothing(
    rig: Rig, fake: FakeSlack
) -> None:
    """Still readable by outsiders (Slack's is_ext_shared stays true): no change to tell, the reason is updated."""
    fake.channels["C0PARTNERS"] = {"name": "partners", "is_ext_shared": True, "connected_team_ids": [TEAM, "T0BETA"]}
    await rig.event(unshared("C0PARTNERS", "T0ACME", still=True), event_id="EvUnshare3")
    await rig.adapter.idle()
    assert notes(fake) == []
    assert "#partners (Slack): shared with Beta Sports Club (Slack Connect)" in await exposure(rig, fake)


async def test_a_member_gets_the_identical_refusal(rig: Rig, fake: FakeSlack) -> None:
    assert await exposure(rig, fake, user="U0STAFF") == REFUSAL


async def test_a_restart_keeps_the_record_and_says_nothing(
    rig: Rig, fake: FakeSlack, features: list[Feature], watching: Deployment
) -> None:
    fake.channels["C0STAFFROOM"] = {"name": "staffroom", "is_ext_shared": True, "connected_team_ids": [TEAM, "T0BETA"]}
    await rig.event(shared("C0STAFFROOM", "T0BETA"), event_id="EvShare9")
    await rig.adapter.idle()
    before = await exposure(rig, fake)
    await stop_rig(rig)
    again = await start_rig(fake, features, watching)
    try:
        await again.adapter.idle()
        assert len(notes(fake)) == 1  # only the one from before the restart
        assert await exposure(again, fake) == before
    finally:
        await stop_rig(again)
