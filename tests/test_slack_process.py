"""The bot as an admin runs it: ``python -m bot run`` with Slack tokens in the environment, against the fake Slack."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.slack_fake import APP_TOKEN, BOT_TOKEN, FakeSlack, command_form

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.close()


def bot_env(fake: FakeSlack, tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DATABASE_URL"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=fake.api_url,
        SAFEGUARDING_DEPLOYMENT=str(ROOT / "tests" / "fixtures" / "deployment.yaml"),
        SAFEGUARDING_DB=str(tmp_path / "cases.db"),
    )
    return {**env, **overrides}


async def run_bot(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def test_socket_mode_bot_answers_and_stops_cleanly(fake: FakeSlack, tmp_path: Path) -> None:
    """With both tokens set, the bot connects by Socket Mode, answers /policy privately, and exits 0 on SIGTERM."""
    process = await run_bot(bot_env(fake, tmp_path))
    try:
        await fake.wait_for(lambda: fake.socket_connected, timeout=30)
        envelope = {"envelope_id": "env-p", "type": "slash_commands", "accepts_response_payload": True,
                    "payload": command_form("/policy", "can I share photos of the young people?")}  # fmt: skip
        await fake.push(envelope)
        (answer,) = await fake.wait_for_call("chat.postEphemeral", timeout=15)
        assert answer.body["user"] == "U0STAFF"
        assert answer.body["blocks"][0]["text"]["text"].startswith("*In short:* ")  # the short answer first
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert "can I share photos" not in stderr.decode()


async def test_rejected_token_stops_the_bot_with_a_clear_message(fake: FakeSlack, tmp_path: Path) -> None:
    """A bot token Slack rejects ends the process at start-up, naming SLACK_BOT_TOKEN and Slack's error."""
    process = await run_bot(bot_env(fake, tmp_path, SLACK_BOT_TOKEN="xoxb-revoked"))
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    text = stderr.decode()
    assert process.returncode == 2, text[-2000:]
    assert "SLACK_BOT_TOKEN" in text and "invalid_auth" in text
    assert "Traceback" not in text
