"""The command line as a person or a script uses it: help, check of the deployment, refusing to start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import ROOT
from tests.conftest import FIXTURES


def bot(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "LOG_LEVEL": "WARNING"}
    for name in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN", "DATABASE_URL", "SAFEGUARDING_CONSOLE_DB"):
        full_env.pop(name, None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=full_env,
        check=False,
    )


@pytest.mark.parametrize("command", [[], ["run"], ["ask"], ["scan"], ["check"]])
def test_help_everywhere(command: list[str]) -> None:
    """Every command explains itself with --help and exits 0."""
    done = bot(*command, "--help")
    assert done.returncode == 0
    assert "usage:" in done.stdout


def test_check_reports_a_broken_deployment_with_file_and_line(tmp_path: Path) -> None:
    """`check` prints file:line: problem for the deployment and exits non-zero."""
    broken = tmp_path / "deployment.yaml"
    broken.write_text("organisation:\n  name: X\nsafeguard_leads:\n  - phone: '01632 960000'\n", encoding="utf-8")
    done = bot("check", "--deployment", str(broken))
    assert done.returncode == 1
    assert f"{broken}:4: missing required field 'name'" in done.stderr


def test_run_refuses_to_start_on_a_broken_deployment(tmp_path: Path) -> None:
    """The bot does not start half-configured: it names the problem and exits 2."""
    broken = tmp_path / "deployment.yaml"
    broken.write_text("organisation: [\n", encoding="utf-8")
    done = bot("run", "--deployment", str(broken), env={"SAFEGUARDING_DB": str(tmp_path / "db.sqlite")})
    assert done.returncode == 2
    assert f"{broken}:" in done.stderr and "invalid YAML" in done.stderr
    assert "cannot start" in done.stderr


@pytest.mark.parametrize(
    "setting",
    [
        # A platform bot's store; the check comes before any connection, so the token is never used.
        pytest.param(
            {"DISCORD_TOKEN": "never-used", "SAFEGUARDING_DB": "{blocked}", "SAFEGUARDING_DEPLOYMENT": "{fixture}"},
            id="platform",
        ),
        pytest.param({"SAFEGUARDING_CONSOLE_DB": "{blocked}"}, id="console"),
    ],
)
def test_run_refuses_to_start_when_reports_cannot_be_stored(tmp_path: Path, setting: dict[str, str]) -> None:
    """A store that cannot be opened stops start-up: reports must never be lost silently."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    fixture = Path(__file__).parent / "fixtures" / "deployment.yaml"
    env = {name: value.format(blocked=blocker / "cases.db", fixture=fixture) for name, value in setting.items()}
    done = bot("run", env=env, stdin="/whoami\n")
    assert done.returncode == 3
    assert "case store cannot be opened" in done.stderr


def test_scan_jsonl_streams_kinds_in_order() -> None:
    """`scan --jsonl` answers each line in order; a bad line gets an error and the stream goes on."""
    lines = [
        json.dumps({"text": "great night with Amelia Hart", "images": 0}),
        "not json",
        json.dumps({"text": "see you at 7", "images": 2}),
    ]
    done = bot("scan", "--jsonl", "--deployment", str(FIXTURES / "deployment.yaml"), stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert out[0]["kinds"] == ["attendee"]
    assert "error" in out[1]
    assert out[2]["kinds"] == ["image"]
