"""Nothing from a report, a post or a refused request, and no person's name or user id, reaches any log record.

The root logger is at DEBUG and caplog's handler sits on it, so every record any
logger emits (ours, slack-bolt's, slack-sdk's, discord.py's, aiohttp's, SQLAlchemy's,
aiosqlite's) is captured and searched: its formatted line with any traceback, its
arguments and every other attribute. The paths are the real ones: the real
features and a real SQLite store behind the Slack HTTP adapter (bolt, against the
local fake Slack), the Discord adapter (discord.py, against the local stand-in)
and the console.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from discord_fake import GUILD_ID, PUBLIC_CHANNEL, BotUnderTest, DiscordStandIn, message_payload, user

from adapters.console import ConsoleAdapter
from bot.app import build_features
from bot.core import Core
from bot.deployment import Deployment, PlatformChannels, SafeguardLead
from bot.events import MessagePosted
from bot.logs import user_ref
from bot.reports import CaseStore, open_store
from bot.settings import Settings
from tests.slack_fake import (
    FakeSlack,
    Rig,
    command_form,
    form_body,
    shortcut_payload,
    signed_headers,
    start_rig,
    stop_rig,
    submission_payload,
)

ROOT = Path(__file__).resolve().parent.parent
MARKER = "Quokka-7731-marker"  # in every text a person types below
LEAD_NAME = "Zebedee Quux"
ATTENDEE = "Amelia Hart"  # on the fixture deployment's roster
AUTHOR_NAME = "Jo Bloggs"  # a Slack member's real name, as users.info gives it
PHONE = "07700 900123"
SLACK_LEAD, SLACK_STAFF, SLACK_AUTHOR = "U0SAFELEAD", "U0STAFF", "U0AUTHOR"
DISCORD_LEAD, DISCORD_ALICE = "400000000000000001", "300000000000000001"
ALICE = {**user(DISCORD_ALICE, "alice"), "global_name": "Alice Pemberton"}
FORM = "application/x-www-form-urlencoded"
#: Nothing of these may appear in any record.
NEVER_LOGGED = (MARKER, LEAD_NAME, ATTENDEE, AUTHOR_NAME, "Alice Pemberton", PHONE,
                SLACK_LEAD, SLACK_STAFF, SLACK_AUTHOR, DISCORD_LEAD, DISCORD_ALICE)  # fmt: skip


def leaks(records: list[logging.LogRecord], needles: tuple[str, ...] = NEVER_LOGGED) -> list[str]:
    """Each record that carries a needle anywhere: its line (with traceback), its args, or any other attribute."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    found = []
    for record in records:
        everything = " ".join([formatter.format(record), repr(record.args), *map(repr, vars(record).values())])
        hits = [n for n in needles if n in everything]
        if hits:
            found.append(f"{record.name} {record.levelname}: {hits} in {formatter.format(record)[:300]!r}")
    return found


@pytest.fixture
def every_record(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # the root logger and caplog's handler on it
    assert logging.getLogger().level == logging.DEBUG
    return caplog


@pytest.fixture
def deployment_of_zebedee(deployment: Deployment) -> Deployment:
    """The fixture deployment with one lead, named Zebedee Quux, on every platform; Discord watches its server."""
    lead = SafeguardLead(LEAD_NAME, phone="01473 000000", slack=SLACK_LEAD, discord=DISCORD_LEAD)
    return replace(deployment, safeguard_leads=(lead,), channels={"discord": PlatformChannels(guilds=(GUILD_ID,))})


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[CaseStore]:
    opened = await open_store(Settings(sqlite_path=tmp_path / "cases.db").store_url)
    yield opened
    await opened.aclose()


def features(store: CaseStore, deployment: Deployment) -> list[Any]:
    return build_features(Settings(knowledge_dir=ROOT / "knowledge"), deployment, store)


async def refs(store: CaseStore) -> list[str]:
    return [case.ref for case in await store.open_cases(limit=50)]


async def drive_slack(store: CaseStore, deployment: Deployment) -> None:
    users = {SLACK_AUTHOR: {"id": SLACK_AUTHOR, "name": "jo", "real_name": AUTHOR_NAME,
                            "profile": {"real_name": AUTHOR_NAME, "display_name": AUTHOR_NAME}}}  # fmt: skip
    fake = await FakeSlack(channels={"C0PARTNERS": {"name": "partners", "is_ext_shared": True}}, users=users).start()
    rig: Rig = await start_rig(fake, features(store, deployment), deployment)
    try:
        report = form_body(command_form("/report", f"{ATTENDEE} was followed home {MARKER}", user=SLACK_STAFF))
        # A genuine /report sent while this server's clock is eleven minutes out, then one not signed by Slack.
        assert (await rig.send(report, FORM, age=11 * 60)).status == 401
        assert (await rig.send(report, FORM, secret="not-the-signing-secret")).status == 401
        # The same report, properly signed: stored, acknowledged, delivered to the lead.
        assert (await rig.send(report, FORM)).status == 200
        await fake.wait_for_call("conversations.open")
        await fake.wait_for(lambda: any(c.body.get("channel") == "D0SAFELEAD" for c in fake.of("chat.postMessage")))
        # A post exposing an attendee's contact details in a shared channel: a private warning, the lead alerted.
        post = {"type": "message", "user": SLACK_STAFF, "text": f"{ATTENDEE} {MARKER} ring her mum on {PHONE}",
                "ts": "1764072000.000300", "channel": "C0PARTNERS", "channel_type": "channel",
                "event_ts": "1764072000.000300"}  # fmt: skip
        assert (await rig.event(post, event_id="Ev0POST")).status == 200
        await fake.wait_for_call("chat.postEphemeral", count=2)
        # Report to Safeguard Lead on a post by a named member, with details typed into the form.
        message = {"type": "message", "user": SLACK_AUTHOR, "text": f"meet me after {MARKER}", "ts": "1764072000.0004"}
        await rig.interactive(shortcut_payload(message, reporter=SLACK_STAFF))
        (opened,) = await fake.wait_for_call("views.open")
        await rig.interactive(submission_payload(opened.body["view"], reporter=SLACK_STAFF, details=MARKER))
        await rig.adapter.idle()
        assert len(await refs(store)) == 2
        # The lead adds a note to the first case.
        first = sorted(await refs(store))[0]
        await rig.command("/case", f"{first} note spoke to {ATTENDEE} {MARKER}", user=SLACK_LEAD, trigger="note")
        await fake.wait_for(lambda: any("Note added" in str(c.body) for c in fake.calls))
        await rig.adapter.idle()
    finally:
        await stop_rig(rig)
        await fake.close()


async def drive_discord(store: CaseStore, deployment: Deployment) -> None:
    fake = DiscordStandIn()
    await fake.start()
    try:
        async with BotUnderTest(fake, features(store, deployment), deployment) as bot:
            text = f"{ATTENDEE} did brilliantly, her mum's number is {PHONE} {MARKER}"
            await fake.dispatch("MESSAGE_CREATE", message_payload(text, author=ALICE, channel_id=PUBLIC_CHANNEL))
            await bot.handled(lambda e: isinstance(e, MessagePosted))
            assert fake.made("POST", "/users/@me/channels")  # the warning and the lead's alert went by DM
    finally:
        await fake.close()


async def drive_console(store: CaseStore, deployment: Deployment) -> str:
    out = io.StringIO()
    console = ConsoleAdapter(deployment, reader=asyncio.StreamReader(), out=out, interactive=False)
    core = Core(features(store, deployment), console.perform, deployment)
    await core.start()
    try:
        await console.handle_line(core, f"/report {ATTENDEE} cried all evening {MARKER}")
        newest = max(await refs(store))
        for line in ["/as lead", f"/case {newest} note called {ATTENDEE}'s mum {MARKER}", f"/case {newest}"]:
            await console.handle_line(core, line)
    finally:
        await core.stop()
    return out.getvalue()


async def test_no_content_and_no_person_reaches_any_log_at_debug(
    every_record: pytest.LogCaptureFixture, store: CaseStore, deployment_of_zebedee: Deployment
) -> None:
    """Refused, stale and valid Slack requests, a moderation warning on Slack and Discord, reports, a lead's
    notes in the console: no marker, name or user id in any record of any logger, even at DEBUG."""
    await drive_slack(store, deployment_of_zebedee)
    await drive_discord(store, deployment_of_zebedee)
    console = await drive_console(store, deployment_of_zebedee)

    assert f"[direct message to {LEAD_NAME}]" in console and "Note added" in console  # the paths really ran
    records = every_record.records
    assert leaks(records) == []
    names = {r.name.split(".")[0] for r in records}
    assert {"adapters", "bot", "discord"} <= names, names  # ours and a library's records were both captured
    assert any(r.levelno == logging.DEBUG for r in records)
    assert any("refused a Slack HTTP request (401)" in r.getMessage() for r in records)
    assert any(user_ref("console", LEAD_NAME) in r.getMessage() for r in records)  # who, as the log says it


# -- a timestamp that is not a number is refused cleanly -------------------------------------------------------


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.close()


@pytest.fixture
async def rig(fake: FakeSlack, deployment: Deployment) -> AsyncIterator[Rig]:
    rig = await start_rig(fake, [], deployment)
    yield rig
    await stop_rig(rig)


async def post_with_timestamp(rig: Rig, timestamp: str | None) -> aiohttp.ClientResponse:
    body = form_body(command_form("/report", f"{ATTENDEE} {MARKER}"))
    headers = signed_headers(body, FORM)
    if timestamp is None:
        del headers["X-Slack-Request-Timestamp"]
    else:
        headers["X-Slack-Request-Timestamp"] = timestamp
    async with rig.session.post(rig.url, data=body.encode(), headers=headers) as response:
        await response.read()
        return response


@pytest.mark.parametrize(
    ("timestamp", "status"),
    [
        pytest.param("abc", 400, id="letters"),
        pytest.param("", 400, id="empty"),
        pytest.param("1e9", 400, id="exponent"),
        pytest.param("1764072000.5", 400, id="decimal"),
        pytest.param("1_764_072_000", 400, id="underscores"),
        pytest.param("+1764072000", 400, id="plus-sign"),
        pytest.param("-1", 400, id="negative"),
        pytest.param("١٧٦٤٠٧٢٠٠٠", 400, id="arabic-indic-digits"),
        pytest.param("9" * 40, 400, id="huge"),
        pytest.param(None, 401, id="missing"),
    ],
)
async def test_a_timestamp_that_is_not_a_number_is_refused_with_one_line_and_no_traceback(
    rig: Rig, fake: FakeSlack, every_record: pytest.LogCaptureFixture, timestamp: str | None, status: int
) -> None:
    """400 (401 when missing), never 500: one warning saying why, no traceback, nothing from the body."""
    response = await post_with_timestamp(rig, timestamp)
    assert response.status == status
    await rig.adapter.idle()
    records = every_record.records
    assert not [r for r in records if r.exc_info or r.exc_text or r.stack_info]
    loud = [r.getMessage() for r in records if r.levelno >= logging.WARNING]
    assert len(loud) == 1 and loud[0].startswith(f"refused a Slack HTTP request ({status})"), loud
    assert leaks(records, (MARKER, ATTENDEE)) == []
    assert set(fake.methods()) == {"auth.test"}  # nothing was done with it


async def test_a_skewed_clock_is_refused_saying_by_how_much(rig: Rig, every_record: pytest.LogCaptureFixture) -> None:
    """A stale request is refused 401, and the one log line gives the skew (to spot a wrong clock), not the body."""
    response = await rig.send(form_body(command_form("/report", MARKER)), FORM, age=-(10 * 60))
    assert response.status == 401
    (line,) = [r.getMessage() for r in every_record.records if r.levelno >= logging.WARNING]
    skew = re.search(r"timestamp is (\d+) s ahead of this server's clock", line)
    assert skew is not None and 599 <= int(skew.group(1)) <= 601, line  # whole seconds, both clocks truncated
    assert leaks(every_record.records, (MARKER,)) == []


async def test_bolts_own_warnings_are_withheld(
    rig: Rig, fake: FakeSlack, every_record: pytest.LogCaptureFixture
) -> None:
    """A signed request no listener takes (a select menu's typed search) makes bolt warn, quoting what was typed:
    the warning is kept, its text is not."""
    payload = {"type": "block_suggestion", "action_id": "search", "block_id": "b1", "value": f"{ATTENDEE} {MARKER}",
               "user": {"id": SLACK_STAFF}, "team": {"id": "T0LEAPS"}, "api_app_id": "A0APP"}  # fmt: skip
    response = await rig.interactive(payload)
    assert response.status == 404  # bolt's answer to a request nobody handles
    (warning,) = [r for r in every_record.records if r.levelno >= logging.WARNING]
    assert warning.name == "adapters.slack.bolt" and "withheld" in warning.getMessage()
    assert leaks(every_record.records) == []


async def test_discord_errors_are_logged_by_type_and_place_not_by_discord_pys_traceback(
    every_record: pytest.LogCaptureFixture,
) -> None:
    """discord.py logs an exception in a command, a form or an event with its traceback, whose last line is the
    exception's text (which can quote what was typed); the adapter's handlers log the type and place instead."""
    from types import SimpleNamespace

    from discord import app_commands

    from adapters.discord.adapter import DiscordAdapter, _Client
    from adapters.discord.commands import ReportModal
    from bot.app import bot_commands

    def failure() -> ValueError:
        try:
            raise ValueError(f"{ATTENDEE} {MARKER}")
        except ValueError as exc:
            return exc

    client = _Client(DiscordAdapter("token"), bot_commands())
    command = client.tree.get_command("report")
    assert command is not None
    interaction: Any = SimpleNamespace(command=None)
    await client.tree.on_error(interaction, app_commands.CommandInvokeError(command, failure()))

    async def submit(*_: object) -> None:
        raise AssertionError("not submitted")

    await ReportModal(submit, title="Report").on_error(interaction, failure())
    try:
        raise failure()
    except ValueError:
        await client.on_error("on_message")

    lines = [r.getMessage() for r in every_record.records if r.levelno >= logging.ERROR]
    assert len(lines) == 3 and all("ValueError at " in line for line in lines), lines
    assert leaks(every_record.records) == []
