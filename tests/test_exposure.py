"""Exposure the Safeguard Lead can see, in the core: the record, the notes, ``/exposure``, on both databases.

The events are built by hand here (the adapters' translations are tested in
``test_exposure_slack.py`` and ``test_exposure_discord.py``); the store is the
real one, on SQLite and on PostgreSQL when ``TEST_DATABASE_URL`` is set.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text, update

from bot.actions import DirectMessage
from bot.core import REFUSAL, Core
from bot.deployment import Deployment
from bot.events import ChannelExposure, ChannelExposureChanged
from bot.exposure import ExposureFeature, ExposureStore
from bot.exposure.records import ExposureChange
from bot.reports.store import CaseStore
from bot.storage.migrate import LATEST
from bot.storage.tables import schema_version
from tests.escalation_support import DEPUTY, LEAD, Clock, command, opened, two_leads
from tests.fakes import FakeAdapter

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PARTNERS = ChannelExposure("C0PARTNERS", "partners", True, "shared with Acme Trust (Slack Connect)", watched=True)
STAFF = ChannelExposure("C0STAFF", "staffroom")
STAFF_SHARED = ChannelExposure("C0STAFF", "staffroom", True, "shared with Beta Club (Slack Connect)", watched=True)
UNREAD = ChannelExposure("C0MISSING", watched=True, bot_can_read=False, problem="the bot is not a member of it")


def look(
    *channels: ChannelExposure, initial: bool = False, complete: bool = False, event_id: str = ""
) -> ChannelExposureChanged:
    cause = "The bot looked at its Slack channels on starting" if initial else "Slack reported the channel shared"
    return ChannelExposureChanged(
        "slack", "T0LEAPS", channels, cause=cause, initial=initial, complete=complete, event_id=event_id
    )


class Bot:
    """The real core with the exposure feature on a real store, and a fake platform recording what it sends."""

    def __init__(self, store: CaseStore, deployment: Deployment) -> None:
        self.adapter = FakeAdapter(platform="slack")
        self.clock = Clock(T0)
        self.core = Core(
            [ExposureFeature(ExposureStore(store.db), deployment)], self.adapter.perform, deployment, self.clock
        )

    def notes(self) -> list[DirectMessage]:
        return self.adapter.dms

    async def exposure(self, user: str = LEAD) -> str:
        (answer,) = await self.core.handle(command("exposure", user=user))
        return answer.text


@pytest.fixture
def leads(deployment: Deployment) -> Deployment:
    return two_leads(deployment)


async def test_the_first_look_is_recorded_without_a_note_and_listed(store: CaseStore, leads: Deployment) -> None:
    """At start-up nothing was known: the channels are recorded silently, and /exposure shows the picture."""
    bot = Bot(store, leads)
    await bot.core.handle(look(PARTNERS, STAFF, UNREAD, initial=True, complete=True))
    assert bot.notes() == []
    answer = await bot.exposure()
    assert "#partners (Slack): shared with Acme Trust (Slack Connect) · moderation watches it" in answer
    assert "already so when first seen, 2026-11-25 12:00 UTC" in answer
    assert "Channels people outside the organisation can read now: 1" in answer
    assert "staffroom" not in answer  # only the organisation can read it
    assert (
        "Watched channels the bot cannot read: 1\n• channel C0MISSING (Slack): the bot is not a member of it" in answer
    )


async def test_a_channel_becoming_readable_notes_each_lead_once_and_changes_the_answer(
    store: CaseStore, leads: Deployment
) -> None:
    """Shared while running: one direct message to each lead, naming the channel and why; /exposure lists it."""
    bot = Bot(store, leads)
    await bot.core.handle(look(PARTNERS, STAFF, initial=True, complete=True))
    bot.clock.advance(minutes=5)
    await bot.core.handle(look(STAFF_SHARED, event_id="Ev1"))
    notes = bot.notes()
    assert sorted(n.user_id for n in notes) == sorted([LEAD, DEPUTY])
    assert {n.text for n in notes} == {notes[0].text}
    assert notes[0].card is not None and notes[0].card.title == "A channel is now readable outside the organisation"
    assert (
        "#staffroom (Slack) is now readable by people outside the organisation: shared with Beta Club" in notes[0].text
    )
    assert "Moderation watches it." in notes[0].text
    assert "What happened: Slack reported the channel shared" in notes[0].text
    answer = await bot.exposure()
    assert (
        "#staffroom (Slack): shared with Beta Club (Slack Connect) · moderation watches it · since 2026-11-25 12:05"
        in answer
    )


async def test_a_repeat_says_nothing(store: CaseStore, leads: Deployment) -> None:
    """The same report again (a retry under a new id, or the same news twice) changes nothing and notes nothing."""
    bot = Bot(store, leads)
    await bot.core.handle(look(STAFF, initial=True))
    await bot.core.handle(look(STAFF_SHARED, event_id="Ev1"))
    await bot.core.handle(look(STAFF_SHARED, event_id="Ev1"))  # the platform's retry: the core drops it
    await bot.core.handle(look(STAFF_SHARED, event_id="Ev2"))  # the same news again: the record drops it
    await bot.core.handle(look(STAFF_SHARED, initial=True))  # and again at the next start
    assert len(bot.notes()) == 2  # one per lead, once


async def test_stopping_being_readable_is_one_note_and_leaves_the_list(store: CaseStore, leads: Deployment) -> None:
    bot = Bot(store, leads)
    await bot.core.handle(look(PARTNERS, initial=True))
    await bot.core.handle(look(ChannelExposure("C0PARTNERS", "partners", False, watched=False)))
    (note, _) = bot.notes()
    assert note.card is not None and note.card.title == "A channel is no longer readable outside the organisation"
    assert "#partners (Slack) is no longer readable by people outside the organisation." in note.text
    assert "none that the bot knows of" in await bot.exposure()


async def test_several_channels_changed_by_one_report_are_one_note(store: CaseStore, leads: Deployment) -> None:
    """An @everyone change that hides several channels at once is one note per lead, listing them all."""
    bot = Bot(store, leads)
    first = ChannelExposure("C1", "one", True, "@everyone can view it")
    second = ChannelExposure("C2", "two", True, "@everyone can view it")
    await bot.core.handle(look(first, second, initial=True, complete=True))
    await bot.core.handle(look(ChannelExposure("C1", "one"), ChannelExposure("C2", "two"), complete=True))
    assert len(bot.notes()) == 2
    assert "2 channels are no longer readable" in bot.notes()[0].text
    assert "#one" in bot.notes()[0].text and "#two" in bot.notes()[0].text


async def test_a_channel_gone_from_a_complete_look_leaves_the_list_without_a_note(
    store: CaseStore, leads: Deployment
) -> None:
    """Deleted, archived or hidden from the bot: nobody can newly read it, so it is dropped quietly."""
    bot = Bot(store, leads)
    await bot.core.handle(look(PARTNERS, STAFF, initial=True, complete=True))
    await bot.core.handle(look(STAFF, complete=True))
    assert bot.notes() == []
    assert "partners" not in await bot.exposure()


async def test_a_new_channel_outsiders_can_read_is_noted_but_a_new_internal_one_is_not(
    store: CaseStore, leads: Deployment
) -> None:
    bot = Bot(store, leads)
    await bot.core.handle(look(STAFF, initial=True))
    await bot.core.handle(look(ChannelExposure("C0NEW", "new-internal")))
    assert bot.notes() == []
    await bot.core.handle(look(ChannelExposure("C0OPEN", "new-open", True, "@everyone can view it")))
    assert len(bot.notes()) == 2 and "#new-open" in bot.notes()[0].text


async def test_a_member_gets_the_cores_identical_refusal(store: CaseStore, leads: Deployment) -> None:
    bot = Bot(store, leads)
    await bot.core.handle(look(PARTNERS, initial=True))
    assert await bot.exposure(user="U0VOLUNTEER") == REFUSAL


async def test_the_record_survives_a_restart(backend: tuple[str, str], leads: Deployment) -> None:
    """Closed and reopened: /exposure answers the same, and an unchanged look at the next start says nothing."""
    async with opened(*backend) as store:
        bot = Bot(store, leads)
        await bot.core.handle(look(STAFF, initial=True))
        await bot.core.handle(look(STAFF_SHARED))
        before = await bot.exposure()
    async with opened(*backend) as store:
        bot = Bot(store, leads)
        assert await bot.exposure() == before
        await bot.core.handle(look(STAFF_SHARED, initial=True, complete=True))
        assert bot.notes() == []
        await bot.core.handle(look(STAFF, initial=True, complete=True))  # unshared while the bot was stopped
        assert len(bot.notes()) == 2 and "no longer readable" in bot.notes()[0].text


async def test_a_version_2_store_gains_the_table(backend: tuple[str, str], leads: Deployment) -> None:
    """Migration step 3 creates channel_exposure in a store made by schema version 2, and only that."""
    async with opened(*backend) as store, store.db.tx() as conn:
        await conn.execute(text("DROP TABLE channel_exposure"))
        await conn.execute(update(schema_version).values(version=2))
    async with opened(*backend) as store:
        async with store.db.tx() as conn:
            assert (await conn.execute(schema_version.select())).mappings().one()["version"] == LATEST >= 3
            tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
        assert "channel_exposure" in tables
        bot = Bot(store, leads)
        await bot.core.handle(look(PARTNERS, initial=True))
        assert "#partners" in await bot.exposure()


async def test_a_failing_record_answers_plainly(store: CaseStore, leads: Deployment) -> None:
    bot = Bot(store, leads)
    await store.aclose()
    answer = await bot.exposure()
    assert answer.startswith("The record of who can read which channel is unavailable")


async def test_notes_and_logs_name_no_person_and_logs_no_channel(
    store: CaseStore, leads: Deployment, caplog: pytest.LogCaptureFixture
) -> None:
    """The note names channels for the leads' eyes; the log says counts only."""
    caplog.set_level(logging.DEBUG)
    bot = Bot(store, leads)
    await bot.core.handle(look(STAFF, initial=True))
    await bot.core.handle(look(STAFF_SHARED))
    for lead in leads.safeguard_leads:
        assert all(lead.name not in n.text for n in bot.notes())
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert (
        "channel exposure on slack: 1 channel(s) reported, 1 record(s) changed, 1 noteworthy, 2 lead(s) told" in logged
    )
    for secret in ("staffroom", "Beta Club", "C0STAFF", LEAD, DEPUTY):
        assert secret not in logged


def test_only_a_change_of_readability_is_noteworthy() -> None:
    """The rule itself: outsiders' access changed, or a readable channel appeared while running."""
    from bot.exposure.records import merge

    def rec(seen: ChannelExposure, before=None, initial=False):  # type: ignore[no-untyped-def]
        return merge("slack", "T", before, seen, initial=initial, changed_at=None, now=T0)

    staff = rec(STAFF, initial=True)
    assert not ExposureChange(None, staff, initial=True).noteworthy
    assert not ExposureChange(None, rec(PARTNERS, initial=True), initial=True).noteworthy
    assert ExposureChange(None, rec(PARTNERS)).noteworthy
    assert ExposureChange(staff, rec(STAFF_SHARED, staff)).noteworthy
    renamed = ChannelExposure("C0STAFF", "staff-room")
    assert not ExposureChange(staff, rec(renamed, staff)).noteworthy
    assert not ExposureChange(staff, None).noteworthy
    assert rec(STAFF, staff) is staff  # nothing new: the same record, nothing written


def test_the_console_shows_its_shared_channel_to_a_lead(tmp_path: Path) -> None:
    """In the console, /exposure as the lead lists #shared (the one channel outsiders read); a volunteer is refused."""
    from tests.test_console import run_console

    out = run_console(tmp_path, ["/exposure", "/as lead", "/exposure"])
    assert REFUSAL in out
    assert "Channels people outside the organisation can read now: 1" in out
    assert "• #shared (Console): the console's simulated shared channel · moderation watches it" in out
    assert "#team" not in out.split("Who can read your channels")[1]
