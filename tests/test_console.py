"""The console adapter, driven through stdin and stdout exactly as a person at a terminal would."""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from adapters.console import MAX_IMAGES, ConsoleAdapter
from bot.app import build_features
from bot.core import Core
from bot.deployment import Deployment
from bot.reports import open_store
from bot.settings import ROOT, Settings
from tests.conftest import FIXTURES


def console_env(tmp_path: Path, **values: str) -> dict[str, str]:
    """No platform token and no store the developer may have set; temporary files under ``tmp_path``."""
    env = {
        **os.environ,
        "SAFEGUARDING_DB": str(tmp_path / "cases.db"),
        "SAFEGUARDING_DEPLOYMENT": str(FIXTURES / "deployment.yaml"),
        "LOG_LEVEL": "WARNING",
        "TMPDIR": str(tmp_path / "tmp"),
    }
    for name in ("SLACK_BOT_TOKEN", "DISCORD_TOKEN", "DATABASE_URL", "SAFEGUARDING_CONSOLE_DB"):
        env.pop(name, None)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return {**env, **values}


def run_bot(env: dict[str, str], *, stdin: Any = None, text: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m bot`` as a process; the timeout only stops a hang from stalling the suite."""
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        stdin=stdin,
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )


def run_console(tmp_path: Path, lines: list[str], **env: str) -> str:
    done = run_bot(console_env(tmp_path, **env), text="\n".join(lines) + "\n")
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


def test_answers_open_with_one_plain_line_and_the_lead_is_named(tmp_path: Path) -> None:
    """In the console an answer's first line is the short answer; "who is the safeguarding lead" names the lead."""
    out = run_console(tmp_path, ["what counts as trolling", "who is the safeguarding lead", "what counts as trolling"])
    answers = [line for line in out.splitlines() if line.startswith("bot: ")]
    assert answers[0].startswith("bot: In short: Trolling is ") and len(answers[0]) <= len("bot: ") + 120
    assert (
        answers[1]
        == "bot: Your Safeguard Lead is Karen Double (01473 000000). Use /report to tell them about a concern."
    )
    assert "• Karen Double: Safeguard Lead · 01473 000000" in out
    assert out.count("review date (April 2024) has passed") == 1  # once a day, not under every answer


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


# -- where input comes from, and where the cases go -------------------------------------------------------------

SCRIPT = ["/whoami", "/join shared", "/post --images 1 lovely evening", "/flag it has a photo", "/as lead", "/cases"]


@pytest.mark.parametrize("source", ["file", "pipe"])
def test_a_script_on_stdin_runs_to_its_end_and_exits_0(tmp_path: Path, source: str) -> None:
    """`python -m bot < script.txt` and `... | python -m bot` both read every line, then exit 0 at end of input."""
    script = tmp_path / "script.txt"
    script.write_text("\n".join(SCRIPT), encoding="utf-8")  # no newline after the last line
    env = console_env(tmp_path)
    if source == "file":
        with script.open("rb") as stdin:
            done = run_bot(env, stdin=stdin)
    else:
        done = run_bot(env, text=script.read_text(encoding="utf-8"))
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Safeguarding bot for ") and lines[1] == "(you are 'volunteer' in #bot, a dm channel)"
    assert any(line.startswith("[only volunteer sees this, in #shared]") for line in lines)
    assert "recorded as SG-2026-0001" in done.stdout
    assert "1 open case" in done.stdout  # the last line, which has no newline, was read too


def test_nothing_on_stdin_exits_at_once_with_one_line(tmp_path: Path) -> None:
    """Under a service manager with no tokens (stdin is /dev/null): one line naming the variables, exit 2."""
    done = run_bot(console_env(tmp_path), stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "no platform tokens are set (SLACK_BOT_TOKEN, DISCORD_TOKEN)" in line and "nothing to do" in line
    assert not (tmp_path / "cases.db").exists()


def test_closed_stdin_exits_at_once_with_one_line(tmp_path: Path) -> None:
    """stdin closed altogether (``0<&-``) is the same: nothing can ever be typed."""
    done = subprocess.run(
        ["sh", "-c", 'exec "$0" -m bot 0<&-', sys.executable],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=console_env(tmp_path), check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "stdin is empty" in done.stderr


def test_an_absurd_image_count_is_refused_not_built(tmp_path: Path) -> None:
    """`/post --images 99999999999` gets one line saying the bound, posts nothing, and the console goes on."""
    out = run_console(
        tmp_path, ["/join shared", "/post --images 99999999999 hello", f"/post --images {MAX_IMAGES} hello", "/whoami"]
    )
    assert f"(a console post carries 0 to {MAX_IMAGES} images, not 99999999999: nothing was posted)" in out
    assert out.count("[only volunteer sees this") == 1  # only the post within the bound was made (and warned about)
    assert out.rstrip().endswith("(you are 'volunteer' in #shared, a shared channel)")


@pytest.mark.parametrize("count", ["-1", str(MAX_IMAGES + 1)])
async def test_image_counts_outside_the_bound_post_nothing(deployment: Deployment, count: str) -> None:
    out = io.StringIO()
    console = ConsoleAdapter(deployment, reader=asyncio.StreamReader(), out=out, interactive=False)
    core = Core([], console.perform, deployment)
    await console.handle_line(core, "/join shared")
    await console.handle_line(core, f"/post --images {count} hi")
    assert f"not {count}: nothing was posted" in out.getvalue()
    assert console._last_post(mine=True) is None


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


async def test_the_console_never_writes_into_the_platform_store(tmp_path: Path) -> None:
    """A platform bot's SQLite store on the same machine is left byte for byte as it was; the console's
    temporary store is gone after it exits."""
    platform = tmp_path / "platform"
    platform.mkdir()
    store = await open_store(f"sqlite+aiosqlite:///{platform / 'safeguarding.db'}")
    await store.aclose()
    before = _fingerprint(platform)
    out = run_console(tmp_path, ["/report something happened", "/as lead", "/cases"],
                      SAFEGUARDING_DB=str(platform / "safeguarding.db"))  # fmt: skip
    assert "recorded as SG-2026-0001" in out and "1 open case" in out
    assert _fingerprint(platform) == before
    assert list((tmp_path / "tmp").iterdir()) == []  # the temporary demo store was removed at exit


async def test_the_console_keeps_its_cases_where_told(tmp_path: Path) -> None:
    """SAFEGUARDING_CONSOLE_DB keeps the console's cases between runs, still apart from the platform store."""
    demo = tmp_path / "demo" / "console.db"
    env = {"SAFEGUARDING_CONSOLE_DB": str(demo), "SAFEGUARDING_DB": str(tmp_path / "platform.db")}
    run_console(tmp_path, ["/report first"], **env)
    out = run_console(tmp_path, ["/report second"], **env)
    assert "recorded as SG-2026-0002" in out
    assert not (tmp_path / "platform.db").exists()
    store = await open_store(f"sqlite+aiosqlite:///{demo}")
    try:
        assert [c.text for c in await store.open_cases()] == ["first", "second"]
    finally:
        await store.aclose()
