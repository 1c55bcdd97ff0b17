"""The console adapter, driven through stdin and stdout exactly as a person at a terminal would."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

from adapters.console import ConsoleAdapter
from bot.app import build_features
from bot.core import Core
from bot.deployment import Deployment
from bot.reports import open_store
from bot.settings import ROOT, Settings
from tests.conftest import FIXTURES


def run_console(tmp_path: Path, lines: list[str]) -> str:
    env = {
        **os.environ,
        "SAFEGUARDING_DB": str(tmp_path / "cases.db"),
        "SAFEGUARDING_DEPLOYMENT": str(FIXTURES / "deployment.yaml"),
        "LOG_LEVEL": "WARNING",
    }
    for name in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN", "DATABASE_URL"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_newcomer_can_ask_post_and_report_without_any_account(tmp_path: Path) -> None:
    """`python -m bot` with no tokens is the console: guidance, a private warning, a report the lead sees."""
    out = run_console(
        tmp_path,
        [
            "a mum sent me a friend request on facebook, can i accept?",
            "/join shared",
            "so proud of Amelia Hart tonight",
            "/flag attendee-concern she seemed upset",
            "/as lead",
            "/cases",
        ],
    )
    assert "LEAPS Suffolk" in out.splitlines()[0]
    assert "6.9" in out
    warning = [line for line in out.splitlines() if line.startswith("[only volunteer sees this, in #shared]")]
    assert warning, out
    assert not any(line.startswith("bot in #shared") for line in out.splitlines())
    assert "Amelia" not in "\n".join(line for line in out.splitlines() if "only volunteer" in line)
    assert "SG-2026-0001" in out
    assert "[direct message to Karen Double]" in out
    assert "1 open case" in out


def test_a_volunteer_cannot_see_cases(tmp_path: Path) -> None:
    """Lead commands typed by anyone else are refused, in the console as everywhere."""
    out = run_console(tmp_path, ["/report something happened", "/cases", "/case SG-2026-0001"])
    assert "recorded as SG-2026-0001" in out
    refused = [line for line in out.splitlines() if "only available to the Safeguard Lead" in line]
    assert len(refused) == 2 and refused[0] == refused[1]


async def test_edit_is_scanned_again_and_channels_decide_moderation(tmp_path: Path, deployment: Deployment) -> None:
    """Posts in #team are not moderated; an edit in #shared that adds a phone number is warned about."""
    store = await open_store(f"sqlite+aiosqlite:///{tmp_path / 'cases.db'}")
    try:
        out = io.StringIO()
        console = ConsoleAdapter(deployment, reader=asyncio.StreamReader(), out=out, interactive=False)
        core = Core(build_features(Settings(), deployment, store), console.perform, deployment)
        for line in [
            "/join team",
            "Amelia Hart was great",
            "/join shared",
            "lovely evening",
            "/edit ring me on 07700 900123",
        ]:
            await console.handle_line(core, line)
        text = out.getvalue()
        assert text.count("[only volunteer sees this") == 1
        assert "a telephone number" in text
        assert "07700" not in text.split("(you are now in #shared")[1]
    finally:
        await store.aclose()


async def test_console_reads_until_end_of_input(deployment: Deployment) -> None:
    """The adapter's loop ends at end of input or /quit, so `run` exits cleanly."""
    reader = asyncio.StreamReader()
    reader.feed_data(b"/whoami\n/quit\n/whoami\n")
    out = io.StringIO()
    console = ConsoleAdapter(deployment, reader=reader, out=out, interactive=False)
    await asyncio.wait_for(console.start(Core([], console.perform, deployment)), 5)
    assert out.getvalue().count("(you are 'volunteer'") == 1
