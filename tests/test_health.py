"""Health: Slack's ``GET /healthz`` live, and ``python -m bot health`` against a running bot's status file.

The bots here are real: the Slack adapter serving HTTP (or the whole bot in Socket Mode, as a process)
against the fake Slack, and the assembled app on Discord against the Discord stand-in. Stores are real
SQLite files and, when configured, real PostgreSQL schemas.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_fake import DiscordStandIn

from bot.app import run_platforms
from bot.health import PlatformState, Status, check_running_bot, status_path
from bot.health.monitor import HealthMonitor
from bot.health.status import STALE_AFTER, read_status, write_status
from bot.health.store import probe_store
from bot.reports import CaseStore, open_store
from bot.settings import Settings
from tests.slack_fake import APP_TOKEN, BOT_TOKEN, FakeSlack, command_form, start_rig, stop_rig

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SECRET = "Zebedee Quux 07700 900555"  # report text that must never reach a status line or file


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.close()


def clean_env(**values: str) -> dict[str, str]:
    """The test's environment without any platform token or database the developer may have set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DATABASE_URL"))}
    env.update(SAFEGUARDING_DEPLOYMENT=str(FIXTURES / "deployment.yaml"), **values)
    return env


async def bot_health(env: dict[str, str]) -> tuple[int, str]:
    """``python -m bot health`` as a health probe runs it: the exit status and its one line."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "health", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert err.decode() == ""
    lines = out.decode().splitlines()
    assert len(lines) == 1, lines
    assert process.returncode is not None
    return process.returncode, lines[0]


async def status_becomes(path: Path, wanted: Callable[[Status], bool], timeout: float = 30) -> Status:
    """Poll the status file until the bot has written what ``wanted`` expects."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        with contextlib.suppress(ValueError):
            status = read_status(path)
            if status is not None and wanted(status):
                return status
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"the status file never showed what was expected: {path}")
        await asyncio.sleep(0.05)


def connected(*platforms: str) -> Callable[[Status], bool]:
    """A running bot's status with each of ``platforms`` connected."""

    def wanted(status: Status) -> bool:
        states = [status.platforms.get(p) for p in platforms]
        return status.state == "running" and all(s is not None and s.connected for s in states)

    return wanted


# -- Slack HTTP mode: GET /healthz, live -------------------------------------------------------------------------


async def test_healthz_reports_the_store_and_the_connection_and_fails_when_the_store_closes(
    slack: FakeSlack, store: CaseStore, deployment: object
) -> None:
    """200 and 'healthy' while the store answers; 503 and one line naming the store once it is closed."""
    monitor = HealthMonitor(store.db)
    rig = await start_rig(slack, [], deployment, health=monitor.check)
    monitor.watch(rig.adapter)
    url = rig.url.replace("/slack/events", "/healthz")
    try:
        async with rig.session.get(url) as response:
            assert (response.status, await response.text()) == (200, "healthy: store answers, slack connected\n")
        await store.aclose()
        async with rig.session.get(url) as response:
            assert response.status == 503
            assert await response.text() == "unhealthy: store: cannot run a query (the store is closed)\n"
    finally:
        await stop_rig(rig)


# -- python -m bot health against the bot run as a process (Slack Socket Mode) ----------------------------------


async def test_health_command_follows_a_running_slack_bot(slack: FakeSlack, tmp_path: Path) -> None:
    """Healthy while the bot runs; unhealthy, saying why, when its store is gone and after it stops."""
    env = clean_env(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=slack.api_url,
        SAFEGUARDING_DB=str(tmp_path / "cases.db"),
    )
    status_file = tmp_path / "cases.status.json"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await slack.wait_for(lambda: slack.socket_connected, timeout=30)
        await slack.push({"envelope_id": "env-r", "type": "slash_commands", "accepts_response_payload": True,
                          "payload": command_form("/report", SECRET)})  # fmt: skip
        await slack.wait_for_call("chat.postEphemeral", timeout=15)
        await status_becomes(status_file, connected("slack"))

        assert await bot_health(env) == (0, "healthy: store answers, slack connected")
        assert SECRET not in status_file.read_text(encoding="utf-8")

        (tmp_path / "cases.db").rename(tmp_path / "moved.db")  # the disk under the store was wiped
        code, line = await bot_health(env)
        assert code == 1 and line.startswith("unhealthy: store: the SQLite file") and "does not exist" in line
        (tmp_path / "moved.db").rename(tmp_path / "cases.db")
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    code, line = await bot_health(env)
    assert code == 1 and line.startswith("unhealthy: the bot stopped at "), line


# -- the assembled app on Discord: a dropped gateway is reported -------------------------------------------------


async def test_health_command_reports_a_lost_discord_connection(tmp_path: Path) -> None:
    """The running app writes its Discord connection; when the gateway goes away, health says so and exits 1."""
    stand_in = DiscordStandIn(token="from-the-environment")
    await stand_in.start()
    env = clean_env(
        DISCORD_TOKEN="from-the-environment",
        DISCORD_API_URL=stand_in.api_url,
        DISCORD_GATEWAY_URL=stand_in.gateway_url,
        SAFEGUARDING_DB=str(tmp_path / "cases.db"),
    )
    settings = Settings.from_env(env)
    app = asyncio.create_task(run_platforms(settings))
    try:
        await status_becomes(status_path(settings), connected("discord"))
        verdict = await check_running_bot(settings)
        assert verdict.line() == "healthy: store answers, discord connected"

        await stand_in.close()  # Discord unreachable: discord.py waits and retries
        await status_becomes(status_path(settings), lambda s: not s.platforms["discord"].connected)
        code, line = await bot_health(env)
        assert code == 1
        assert line.startswith("unhealthy: discord: not connected since ")
    finally:
        app.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app
        await stand_in.close()


# -- what the health command makes of the status file ------------------------------------------------------------


@pytest.fixture
async def platform_settings(tmp_path: Path) -> Settings:
    """Settings of a Slack bot whose SQLite store exists (as a running bot leaves it)."""
    settings = Settings(sqlite_path=tmp_path / "cases.db", slack_bot_token="xoxb-1", slack_app_token="xapp-1")
    await (await open_store(settings.store_url)).aclose()
    return settings


NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
UP = {"slack": PlatformState(True, NOW - timedelta(hours=1))}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        pytest.param(Status("running", NOW - timedelta(seconds=5), "", UP), None, id="fresh-and-connected"),
        pytest.param(
            Status("running", NOW - timedelta(seconds=STALE_AFTER + 1), "", UP),
            f"the bot last wrote its status {STALE_AFTER + 1:.0f} s ago (stopped or stuck)",
            id="stale",
        ),
        pytest.param(
            Status("running", NOW, "", {"slack": PlatformState(False, NOW - timedelta(minutes=3))}),
            "slack: not connected since 2026-03-02 09:57:00Z",
            id="disconnected",
        ),
        pytest.param(Status("stopped", NOW, "", UP), "the bot stopped at 2026-03-02 10:00:00Z", id="stopped"),
        pytest.param(
            Status("running", NOW, "store: cannot run a query (OperationalError)", UP),
            "the running bot's store: cannot run a query (OperationalError)",
            id="the-bots-store-fails",
        ),
        pytest.param(
            Status("running", NOW, "", {"discord": PlatformState(True, NOW)}),
            "slack: configured but not run by the bot (restart it)",
            id="platform-not-run",
        ),
    ],
)
async def test_status_file_verdicts(platform_settings: Settings, status: Status, expected: str | None) -> None:
    """Each way a status can be wrong gives one line saying so; only a fresh, connected one is healthy."""
    write_status(status_path(platform_settings), status)
    verdict = await check_running_bot(platform_settings, now=NOW)
    if expected is None:
        assert verdict.ok and verdict.line() == "healthy: store answers, slack connected"
    else:
        assert not verdict.ok and expected in verdict.problems, verdict.line()


async def test_missing_or_damaged_status_file(platform_settings: Settings) -> None:
    """No file: the bot has not run with these settings. A damaged file is named, not trusted."""
    path = status_path(platform_settings)
    verdict = await check_running_bot(platform_settings, now=NOW)
    assert verdict.problems == (f"no status file at {path}: the bot has not run with these settings",)
    path.write_text('{"format": 1, "state": "running"}', encoding="utf-8")
    verdict = await check_running_bot(platform_settings, now=NOW)
    assert verdict.problems == (f"the status file {path} is damaged (missing or malformed field 'platforms')",)


async def test_no_tokens_is_unhealthy_and_says_which_variables(tmp_path: Path) -> None:
    """With no platform token nothing runs unattended; health says so and names the variables."""
    code, line = await bot_health(clean_env(SAFEGUARDING_DB=str(tmp_path / "cases.db")))
    assert code == 1
    assert "SLACK_BOT_TOKEN" in line and "DISCORD_TOKEN" in line
    assert not (tmp_path / "cases.db").exists()  # checking never creates a store


async def test_store_probe_reads_a_real_table(backend: tuple[str, str]) -> None:
    """A database without the bot's tables answers SELECT 1 but could not keep a report: unhealthy."""
    url, schema = backend
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        path.parent.mkdir(parents=True)
        path.write_bytes(b"")  # an empty file is a valid, empty SQLite database
    assert (await probe_store(url, schema=schema)).startswith("store: cannot run a query (")
    await (await open_store(url, schema=schema)).aclose()
    assert await probe_store(url, schema=schema) == ""


@pytest.mark.postgres
async def test_unreachable_postgres_is_unhealthy(postgres_url: str) -> None:
    """A server that does not answer is one line naming the store, within the probe's timeout."""
    url = postgres_url.replace("127.0.0.1:5432", "127.0.0.1:1")
    assert url != postgres_url
    assert (await probe_store(url)).startswith("store: cannot run a query (")


def test_settings_keep_the_status_file_beside_the_store(tmp_path: Path) -> None:
    """The status file sits in the store's folder, named after it: two bots with two stores never share one."""
    a = Settings(sqlite_path=tmp_path / "a.db")
    assert status_path(a) == tmp_path / "a.status.json"
    assert status_path(replace(a, sqlite_path=tmp_path / "b.db")) != status_path(a)


class _Flapping:
    """A connection the test turns on and off; counts how often the monitor asked."""

    platform = "slack"

    def __init__(self) -> None:
        self.up = True
        self.asked = 0

    async def connected(self) -> bool:
        self.asked += 1
        return self.up


async def until(condition: Callable[[], bool], timeout: float = 5) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def test_the_monitor_rewrites_at_once_when_a_connection_drops(store: CaseStore, tmp_path: Path) -> None:
    """A drop is in the file within a poll, with the time it happened; going up again likewise."""
    path = tmp_path / "status.json"
    connection = _Flapping()
    monitor = HealthMonitor(store.db, path, poll=0.01, rewrite=3600)
    monitor.watch(connection)
    task = asyncio.create_task(monitor.run())
    try:
        first = await status_becomes(path, connected("slack"), timeout=5)
        connection.up = False
        down = await status_becomes(path, lambda s: not s.platforms["slack"].connected, timeout=5)
        assert down.platforms["slack"].since >= first.written_at
        connection.up = True
        await status_becomes(path, connected("slack"), timeout=5)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    monitor.stopped()
    assert read_status(path).state == "stopped"  # type: ignore[union-attr]


async def test_an_unwritable_status_file_is_logged_once_and_the_bot_goes_on(
    store: CaseStore, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The status file cannot be written: one warning naming it, and the monitor keeps going."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    connection = _Flapping()
    monitor = HealthMonitor(store.db, blocker / "status.json", poll=0.01, rewrite=0)
    monitor.watch(connection)
    task = asyncio.create_task(monitor.run())
    try:
        await until(lambda: any("cannot write the status file" in r.getMessage() for r in caplog.records))
        asked = connection.asked
        await until(lambda: connection.asked >= asked + 5)  # five more rounds, each failing to write
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    warnings = [r for r in caplog.records if "cannot write the status file" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelname == "WARNING"
