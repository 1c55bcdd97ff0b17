"""Every configuration mistake is one clear line naming the setting, and never a traceback.

Through the real entry point: ``bot.cli.main([...])`` in this process (stderr captured), and ``python -m bot``
in a subprocess where the whole process matters (exit code, nothing else printed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.cli import main
from bot.reports.store import StoreUnavailable, open_store
from bot.settings import ROOT
from tests.conftest import FIXTURES

SECRET_PASSWORD = "s3cret-Pa55"
PLATFORM_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN", "DATABASE_URL")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A clean environment for ``main``: no platform, a throwaway store, the test deployment."""
    for name in (*PLATFORM_VARIABLES, "PORT", "LOG_LEVEL", "SAFEGUARDING_DEPLOYMENT", "SAFEGUARDING_KNOWLEDGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SAFEGUARDING_DB", str(tmp_path / "store" / "cases.db"))
    return monkeypatch


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def python_m_bot(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in PLATFORM_VARIABLES and k not in {"PORT", "LOG_LEVEL"}}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**full, **env},
        check=False,
    )


@pytest.mark.parametrize("command", [["check"], ["run"], ["ask", "hello"]])
def test_port_that_is_not_a_number_is_one_line_for_every_command(command: list[str]) -> None:
    """PORT=abc: one line naming PORT (check lists it with the rest and exits 1; others refuse with 2)."""
    done = python_m_bot(*command, PORT="abc", SAFEGUARDING_DEPLOYMENT=str(FIXTURES / "deployment.yaml"))
    assert "Traceback" not in done.stderr
    assert errors(done.stderr) == ["error: PORT: must be a port number from 1 to 65535, not 'abc'"]
    assert done.returncode == (1 if command == ["check"] else 2)


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        pytest.param("PORT", "70000", "PORT: must be a port number from 1 to 65535, not '70000'", id="port-range"),
        pytest.param(
            "LOG_LEVEL", "LOUD", "LOG_LEVEL: must be one of DEBUG, INFO, WARNING, ERROR, not 'LOUD'", id="log-level"
        ),
        pytest.param(
            "DATABASE_URL",
            f"mysql://bot:{SECRET_PASSWORD}@db/cases",
            "DATABASE_URL: mysql:// is not supported: the bot keeps cases in PostgreSQL",
            id="mysql",
        ),
        pytest.param(
            "DATABASE_URL",
            f"postgresq://bot:{SECRET_PASSWORD}@db/cases",
            "DATABASE_URL: has an unsupported scheme 'postgresq://' (did you mean postgresql://?)",
            id="misspelt-scheme",
        ),
        pytest.param(
            "DATABASE_URL",
            f"bot:{SECRET_PASSWORD}@db/cases",
            "DATABASE_URL: is not a database URL: expected one such as postgresql://",
            id="no-scheme",
        ),
        pytest.param(
            "DATABASE_URL",
            f"postgres://bot:{SECRET_PASSWORD}@db/cases?sslmode=required",
            "DATABASE_URL: has sslmode='required'; expected one of disable, allow, prefer, require",
            id="bad-sslmode",
        ),
        pytest.param(
            "DATABASE_URL",
            f"postgres://bot:{SECRET_PASSWORD}@db/cases?pool=5",
            "DATABASE_URL: has the parameter 'pool', which the driver does not support",
            id="unknown-parameter",
        ),
        pytest.param(
            "SLACK_BOT_TOKEN",
            "xoxp-123-456",
            "SLACK_BOT_TOKEN: must be the Bot User OAuth Token, starting with xoxb- (this is a user token)",
            id="slack-user-token",
        ),
        pytest.param(
            "SLACK_BOT_TOKEN",
            "xapp-1-A1-2-abc",
            "SLACK_BOT_TOKEN: must be the Bot User OAuth Token, starting with xoxb- (this is the app-level token, "
            "which belongs in SLACK_APP_TOKEN)",
            id="slack-tokens-swapped",
        ),
        pytest.param(
            "DISCORD_TOKEN",
            "Bot MTA0.abc.def",
            "DISCORD_TOKEN: must be the bot token alone, without 'Bot ' or spaces",
            id="discord-bot-prefix",
        ),
        pytest.param(
            "DISCORD_TOKEN",
            "xoxb-1-2",
            "DISCORD_TOKEN: is a Slack token: copy the Discord bot token from Bot > Reset Token",
            id="discord-given-slack-token",
        ),
    ],
)
@pytest.mark.parametrize("command", ["check", "run"])
def test_each_bad_setting_is_one_line_naming_it(
    env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    variable: str,
    value: str,
    expected: str,
    command: str,
) -> None:
    """`check` lists the line and exits 1; `run` refuses with it and exit 2, before the store is created."""
    env.setenv("SAFEGUARDING_DEPLOYMENT", str(FIXTURES / "deployment.yaml"))
    env.setenv("SLACK_SIGNING_SECRET", "signing-secret")
    env.setenv(variable, value)
    code, _, err = run_main([command], capsys)
    [line] = errors(err)
    assert line.startswith(f"error: {expected}"), line
    assert code == (1 if command == "check" else 2)
    assert SECRET_PASSWORD not in err and value not in err.replace(f"'{value}'", "")  # tokens are never repeated
    assert not (tmp_path / "store").exists()


def test_platform_token_on_the_demo_deployment_refuses_to_start(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A real platform with SAFEGUARDING_DEPLOYMENT unset would send reports to the demo's invented lead."""
    env.setenv("DISCORD_TOKEN", "a-discord-token")
    code, _, err = run_main(["run"], capsys)
    [line] = errors(err)
    assert line.startswith("error: SAFEGUARDING_DEPLOYMENT: is not set, so Discord would run on the demo deployment")
    assert "examples/deployment.yaml" in line and "set SAFEGUARDING_DEPLOYMENT to your deployment file" in line
    assert code == 2 and not (tmp_path / "store").exists()
    code, _, err = run_main(["check"], capsys)
    assert code == 1 and any("SAFEGUARDING_DEPLOYMENT: is not set" in line for line in errors(err))


def test_demo_deployment_named_on_purpose_or_in_the_console_is_fine(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--deployment chooses the file (even the demo), and the console never needs one: check passes."""
    env.setenv("SLACK_BOT_TOKEN", "xoxb-1-2")
    env.setenv("SLACK_APP_TOKEN", "xapp-1-2")
    code, out, _ = run_main(["check", "--deployment", str(ROOT / "examples" / "deployment.yaml")], capsys)
    assert code == 0 and "check: all good" in out


def write_deployment(tmp_path: Path, leads: str, attendees: str) -> Path:
    path = tmp_path / "deployment.yaml"
    path.write_text(f"organisation:\n  name: Acme Youth\nsafeguard_leads:\n{leads}{attendees}", encoding="utf-8")
    return path


def test_check_fails_on_a_lead_nobody_can_reach(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """No platform id and "call reception" for a phone: nobody can reach this lead, so check fails, one line."""
    path = write_deployment(tmp_path, "  - name: Pat Lead\n    phone: call reception\n", "attendees: [Ann Example]\n")
    code, _, err = run_main(["check", "--deployment", str(path)], capsys)
    assert code == 1
    assert errors(err) == [
        f"error: {path}:5: Safeguard Lead 1 cannot be reached: the phone has no number in it, and there is no "
        "slack or discord id (give one, or a phone number)"
    ]


def test_check_warns_on_first_names_only_and_duplicates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The bot can run, so check passes, but it says the scanner will find nobody, and where names repeat."""
    path = write_deployment(tmp_path, "  - name: Pat Lead\n    slack: U1\n    phone: '01632 960001'\n", "")
    with path.open("a", encoding="utf-8") as f:
        f.write("attendees:\n  - Ann\n  - Ben\n  - ann\n")
    code, out, err = run_main(["check", "--deployment", str(path)], capsys)
    assert code == 0 and "with 2 warning(s)" in out and errors(err) == []
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        f"warning: {path}:8: every attendee name is a first name only: moderation recognises a first name with a "
        "surname, so it will find no attendee at all (add surnames)",
        f"warning: {path}:10: attendee name repeated (first at line 8)",
    ]
    assert "Ann" not in err and "Ben" not in err


def test_retention_days_out_of_range_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """retention_days: 100000000 would make every purge overflow: check names the line and the range."""
    path = write_deployment(tmp_path, "  - name: Pat Lead\n    slack: U1\n", "attendees: [Ann Example]\n")
    with path.open("a", encoding="utf-8") as f:
        f.write("escalation:\n  retention_days: 100000000\n")
    code, _, err = run_main(["check", "--deployment", str(path)], capsys)
    assert code == 1
    assert errors(err) == [f"error: {path}:8: 'retention_days' must be a whole number from 1 to 3650"]


def test_channel_binding_is_said_not_failed(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A hosted URL asking for channel binding, which the driver cannot do, is a warning naming DATABASE_URL."""
    env.setenv("DATABASE_URL", f"postgresql://u:{SECRET_PASSWORD}@h/db?sslmode=require&channel_binding=require")
    code, _, err = run_main(["check", "--deployment", str(FIXTURES / "deployment.yaml")], capsys)
    assert code == 0
    assert "warning: DATABASE_URL: channel_binding=require is not supported by the driver (asyncpg)" in err
    assert SECRET_PASSWORD not in err


def with_query(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


async def test_libpq_parameters_reach_postgresql(postgres_url: str) -> None:
    """sslmode, application_name and connect_timeout as hosted PostgreSQL gives them: the store opens and works."""
    url = with_query(postgres_url.replace("postgresql://", "postgres://", 1), "sslmode=prefer")
    url = with_query(url, "application_name=sg-bot-test&connect_timeout=10")
    store = await open_store(url)
    try:
        async with store.db.tx() as conn:
            name = (await conn.execute(text("SELECT current_setting('application_name')"))).scalar_one()
        assert name == "sg-bot-test"
    finally:
        await store.aclose()


async def test_sslmode_require_is_honoured_not_ignored(postgres_url: str) -> None:
    """sslmode=require reaches the driver: against a server without TLS it refuses (StoreUnavailable, no TypeError);
    with TLS it connects encrypted."""
    plain = await open_store(postgres_url)
    try:
        async with plain.db.tx() as conn:
            server_tls = (await conn.execute(text("SHOW ssl"))).scalar_one() == "on"
    finally:
        await plain.aclose()
    url = with_query(postgres_url, "sslmode=require")
    if not server_tls:
        with pytest.raises(StoreUnavailable):
            await open_store(url)
        return
    store = await open_store(url)  # pragma: no cover - the local test server has no TLS
    try:
        async with store.db.tx() as conn:
            used = (await conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))).scalar_one()
        assert used is True
    finally:
        await store.aclose()
