"""A real bot process is SIGKILLed mid-report; the restarted bot delivers the case exactly once."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.escalation_support import DEPUTY, LEAD, opened

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "escalation_child.py"


def spawn(mode: str, backend: tuple[str, str], deliveries: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, str(CHILD), mode, backend[0], backend[1], str(deliveries)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def kill_after(child: subprocess.Popen[str], marker: str) -> None:
    """Wait for the child to print ``marker``, then SIGKILL it: no clean-up code runs."""
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], 60)
    line = child.stdout.readline() if ready else ""  # the child is now parked at the point of interest
    if line.strip() != marker:
        child.kill()
        raise AssertionError(f"child said {line!r}; stderr: {child.communicate()[1][-2000:]}")
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


def restart(backend: tuple[str, str], deliveries: Path) -> None:
    child = spawn("resume", backend, deliveries)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0 and out.strip() == "DONE", err[-2000:]


def lead_deliveries(deliveries: Path) -> list[dict]:
    if not deliveries.exists():
        return []
    lines = [json.loads(line) for line in deliveries.read_text().splitlines()]
    return [d for d in lines if d["type"] == "DirectMessage" and d["user"] in {LEAD, DEPUTY}]


async def stored_ref(backend: tuple[str, str]) -> tuple[str, dict[str, str]]:
    async with opened(*backend) as store:
        [case] = await store.open_cases()
        got = await store.get_case(case.ref)
        assert got is not None
        return case.ref, {d.lead_id: d.state for d in got.deliveries}


@pytest.mark.slow
async def test_killed_after_storing_before_delivering(backend: tuple[str, str], tmp_path: Path) -> None:
    """SIGKILL between storing and delivering: after restarts each lead has the case exactly once."""
    deliveries = tmp_path / "deliveries.jsonl"
    kill_after(spawn("report", backend, deliveries), "STORED")
    ref, states = await stored_ref(backend)
    assert states == {LEAD: "pending", DEPUTY: "pending"}
    assert lead_deliveries(deliveries) == []  # killed before any delivery
    restart(backend, deliveries)
    restart(backend, deliveries)  # a second restart must not deliver again
    got = lead_deliveries(deliveries)
    assert sorted((d["user"], d["ref"]) for d in got) == sorted([(LEAD, ref), (DEPUTY, ref)])
    assert len({d["pid"] for d in got}) == 1  # all made by the first restarted process
    assert (await stored_ref(backend))[1] == {LEAD: "sent", DEPUTY: "sent"}


@pytest.mark.slow
async def test_killed_between_sending_and_recording(backend: tuple[str, str], tmp_path: Path) -> None:
    """SIGKILL after a lead got the message but before it was recorded: the lead's DM history shows it, so it is
    recorded as sent and never sent again."""
    deliveries = tmp_path / "deliveries.jsonl"
    kill_after(spawn("report-hang-in-send", backend, deliveries), "SENDING")
    ref, states = await stored_ref(backend)
    assert states == {LEAD: "sending", DEPUTY: "pending"}
    time.sleep(0.6)  # the child's 0.5 s lease runs out
    restart(backend, deliveries)
    restart(backend, deliveries)
    got = lead_deliveries(deliveries)
    assert sorted((d["user"], d["ref"]) for d in got) == sorted([(LEAD, ref), (DEPUTY, ref)])
    assert (await stored_ref(backend))[1] == {LEAD: "sent", DEPUTY: "sent"}


def relayed(deliveries: Path, users: set[str]) -> list[dict]:
    """Relayed messages (they carry a marker such as ``[SG-2026-0001 #4]``) that reached ``users``."""
    lines = [json.loads(line) for line in deliveries.read_text().splitlines()] if deliveries.exists() else []
    return [d for d in lines if d["type"] == "DirectMessage" and d["user"] in users and d["marker"]]


async def message_states(backend: tuple[str, str]) -> list[str]:
    async with opened(*backend) as store:
        [case] = await store.open_cases()
        got = await store.get_case(case.ref)
        assert got is not None
        return sorted(m.state for m in got.messages)


@pytest.mark.slow
async def test_relay_to_the_reporter_survives_a_kill(backend: tuple[str, str], tmp_path: Path) -> None:
    """SIGKILL after a lead's /case REF reply was stored and before it was sent: the restarted bot delivers it to
    the reporter exactly once."""
    deliveries = tmp_path / "deliveries.jsonl"
    kill_after(spawn("relay-to-reporter", backend, deliveries), "STORED")
    assert relayed(deliveries, {"U1"}) == []
    assert await message_states(backend) == ["pending"]
    restart(backend, deliveries)
    restart(backend, deliveries)
    [got] = relayed(deliveries, {"U1"})
    assert "a question only the reporter can answer" in got["text"]
    assert await message_states(backend) == ["sent"]


@pytest.mark.slow
async def test_relay_to_the_leads_survives_a_kill(backend: tuple[str, str], tmp_path: Path) -> None:
    """SIGKILL after the reporter's /reply was stored and before it was sent: each lead gets it exactly once."""
    deliveries = tmp_path / "deliveries.jsonl"
    kill_after(spawn("relay-to-lead", backend, deliveries), "STORED")
    assert relayed(deliveries, {LEAD, DEPUTY}) == []
    assert await message_states(backend) == ["pending", "pending"]
    restart(backend, deliveries)
    restart(backend, deliveries)
    got = relayed(deliveries, {LEAD, DEPUTY})
    assert sorted(d["user"] for d in got) == sorted([LEAD, DEPUTY])
    assert all("the reporter's answer for the leads" in d["text"] for d in got)
    assert len({d["pid"] for d in got}) == 1
    assert await message_states(backend) == ["sent", "sent"]


@pytest.mark.slow
async def test_relay_killed_between_sending_and_recording(backend: tuple[str, str], tmp_path: Path) -> None:
    """SIGKILL after the reporter got the lead's message but before it was recorded: the reporter's DM history
    shows its marker, so it is recorded as sent and never sent again."""
    deliveries = tmp_path / "deliveries.jsonl"
    kill_after(spawn("relay-to-reporter-hang-in-send", backend, deliveries), "SENDING")
    assert await message_states(backend) == ["sending"]
    time.sleep(0.6)  # the child's 0.5 s lease runs out
    restart(backend, deliveries)
    restart(backend, deliveries)
    assert len(relayed(deliveries, {"U1"})) == 1
    assert await message_states(backend) == ["sent"]


def spawn_storm(backend: tuple[str, str], deliveries: Path, first: int, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, str(CHILD), "storm", backend[0], backend[1], str(deliveries), str(first), str(count)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


KILLS = int(os.environ.get("KILL_STORM_KILLS", "10"))
PER_RUN = 8  # reports offered to each process before it is killed


@pytest.mark.slow
async def test_kill_storm_loses_nothing_and_delivers_each_case_once(backend: tuple[str, str], tmp_path: Path) -> None:
    """Random SIGKILLs over a stream of concurrent reports, one lead: every acknowledged report is stored, every
    stored case reaches the lead exactly once, and every reporter whose case was stored is acknowledged."""
    deliveries = tmp_path / "deliveries.jsonl"
    rng = random.Random(20261202)
    for run in range(KILLS):
        child = spawn_storm(backend, deliveries, run * PER_RUN, PER_RUN)
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready and child.stdout.readline().strip() == "GO", child.communicate()[1][-2000:]
        time.sleep(rng.uniform(0.0, 0.35))  # somewhere inside storing, acknowledging or delivering
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=30)
    settler = spawn("settle", backend, deliveries)
    out, err = settler.communicate(timeout=180)
    assert settler.returncode == 0 and out.strip() == "DONE", err[-2000:]

    records = [json.loads(line) for line in deliveries.read_text().splitlines()]
    async with opened(*backend) as store:
        stored = {c.ref: c for c in await store.open_cases(limit=10_000)}
    acked = {r["ref"] for r in records if r["type"] in {"PrivateNotice", "Reply"} and r["ref"]}
    to_lead = Counter(r["ref"] for r in records if r["type"] == "DirectMessage" and r["user"] == LEAD)
    lost = acked - set(stored)
    never_delivered = [ref for ref in stored if to_lead[ref] == 0]
    twice = [ref for ref, n in to_lead.items() if n > 1]
    unacknowledged = set(stored) - acked
    print(
        f"kill storm ({backend[0].split(':')[0]}): kills={KILLS} reports stored={len(stored)} lost={len(lost)} "
        f"never delivered={len(never_delivered)} delivered twice={len(twice)} "
        f"reporters never acknowledged={len(unacknowledged)}"
    )
    assert len(stored) >= KILLS  # the kills left work to resume
    assert not lost and not never_delivered and not twice and not unacknowledged
