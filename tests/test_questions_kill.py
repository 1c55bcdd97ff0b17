"""A real bot process is SIGKILLed between handing a question on and the lead's answer, and while answering:
after a restart the lead has the question once and the asker the answer once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.storage.tables import messages, questions
from tests.escalation_support import opened

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "questions_child.py"
ASKER, LEAD = "U0ASKER", "U0SAFELEAD"


def spawn(mode: str, backend: tuple[str, str], deliveries: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, str(CHILD), mode, backend[0], backend[1], str(deliveries)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def kill_at(child: subprocess.Popen[str], marker: str) -> None:
    """Wait for the child to print ``marker``, then SIGKILL it: no clean-up code runs."""
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != marker:
        child.kill()
        raise AssertionError(f"child said {line!r}; stderr: {child.communicate()[1][-3000:]}")
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


def settle(backend: tuple[str, str], deliveries: Path) -> None:
    child = spawn("settle", backend, deliveries)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0 and out.strip() == "DONE", err[-3000:]


def direct_messages(deliveries: Path, user: str) -> list[dict]:
    lines = [json.loads(line) for line in deliveries.read_text().splitlines()] if deliveries.exists() else []
    return [d for d in lines if d["type"] == "DirectMessage" and d["user"] == user]


async def states(backend: tuple[str, str]) -> list[tuple[str, str, str]]:
    async with opened(*backend) as store, store.db.tx() as conn:
        query = select(messages.c.kind, messages.c.user_id, messages.c.state)
        return [tuple(r) for r in (await conn.execute(query.order_by(messages.c.id))).all()]


@pytest.mark.slow
async def test_a_kill_between_hand_off_and_answer_loses_neither(backend: tuple[str, str], tmp_path: Path) -> None:
    deliveries = tmp_path / "deliveries.jsonl"
    kill_at(spawn("hand-off", backend, deliveries), "HANDED_OFF")
    acknowledged = [json.loads(line) for line in deliveries.read_text().splitlines()]
    assert [(d["type"], d["user"], d["ref"]) for d in acknowledged] == [
        ("Reply", "", ""),  # the answer ("not covered")
        ("Reply", "", "Q-2026-0001"),  # told it went (in the asker's DM): it was stored first
    ]
    assert await states(backend) == [("question", LEAD, "sending")]
    time.sleep(0.6)  # the child's 0.5 s lease runs out
    settle(backend, deliveries)
    settle(backend, deliveries)  # a second restart sends nothing again
    [to_lead] = direct_messages(deliveries, LEAD)
    assert to_lead["ref"] == "Q-2026-0001" and "facebook marketplace" in to_lead["text"]

    kill_at(spawn("answer", backend, deliveries), "ANSWERING")  # the asker has it; not yet recorded
    assert (await states(backend))[1] == ("answer", ASKER, "sending")
    time.sleep(0.6)
    settle(backend, deliveries)  # the platform's record shows it arrived: not sent again
    settle(backend, deliveries)
    [to_asker] = direct_messages(deliveries, ASKER)
    assert to_asker["ref"] == "Q-2026-0001" and "no, not to parents" in to_asker["text"]
    assert len(direct_messages(deliveries, LEAD)) == 1
    assert await states(backend) == [("question", LEAD, "sent"), ("answer", ASKER, "sent")]
    async with opened(*backend) as store, store.db.tx() as conn:
        row = (await conn.execute(select(questions))).mappings().one()
    assert row["ref"] == "Q-2026-0001" and row["answered_at"] is not None


@pytest.mark.slow
async def test_an_answer_killed_before_it_was_sent_is_sent_once(backend: tuple[str, str], tmp_path: Path) -> None:
    """The asker's DMs already hold the acknowledgement, which names the same reference: the interrupted answer
    is not taken for delivered because of it, and is sent once after the restart."""
    deliveries = tmp_path / "deliveries.jsonl"
    kill_at(spawn("hand-off", backend, deliveries), "HANDED_OFF")
    time.sleep(0.6)
    settle(backend, deliveries)
    kill_at(spawn("answer-unsent", backend, deliveries), "ANSWERING")
    assert direct_messages(deliveries, ASKER) == []
    time.sleep(0.6)
    settle(backend, deliveries)
    settle(backend, deliveries)
    [to_asker] = direct_messages(deliveries, ASKER)
    assert "no, not to parents" in to_asker["text"]
