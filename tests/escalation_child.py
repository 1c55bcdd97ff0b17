"""A real bot process for the kill test: stores a report, then is SIGKILLed by the test.

Usage: ``python tests/escalation_child.py MODE URL SCHEMA DELIVERIES``

* ``report``: store one report and hang while acknowledging it, i.e. after the
  case is stored and before any delivery was attempted (prints ``STORED``);
* ``report-hang-in-send``: as ``report`` but the acknowledgement goes through and
  the process hangs *inside* the send to a lead after it reached the platform,
  before the outcome is recorded (prints ``SENDING``);
* ``relay-to-reporter``: store a report and deliver it, then a lead's ``/case REF reply``; hang while
  telling the lead it is on its way, i.e. after the message is stored and before it is sent (prints ``STORED``);
* ``relay-to-lead``: likewise with the reporter's ``/reply REF`` (prints ``STORED``);
* ``relay-to-reporter-hang-in-send``: the lead is told, and the process hangs *inside* the send to the
  reporter after it reached the platform, before the outcome is recorded (prints ``SENDING``);
* ``resume``: a restarted bot: one outbox pass, then exit (prints ``DONE``);
* ``storm FIRST COUNT``: one lead; reports ``FIRST`` … ``FIRST+COUNT-1`` arrive five at a
  time while the platform answers slowly (prints ``GO``), until the test kills it;
* ``settle``: a restarted bot with one lead: outbox passes until nothing is left
  to send, acknowledge or check (prints ``DONE``).

The platform's record doubles as each user's direct-message history, which is
what the outbox checks after an interrupted send.

Every message that reaches the fake platform is appended to ``DELIVERIES`` as a
JSON line (fsynced), so the test can count deliveries across processes.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import sys
from dataclasses import replace
from pathlib import Path

from bot.actions import Action, Delivery, DirectMessage, PrivateNotice, Seen, SentCheck, SentCheckResult
from bot.core import Core
from bot.deployment import load_deployment
from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming
from bot.reports.store import CaseStore, open_store
from tests.escalation_support import command, report, two_leads

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "deployment.yaml"
TIMING = OutboxTiming(poll_interval=0.05, base_delay=0.05, max_delay=0.2, lease=0.5, send_timeout=30)


RELAYED = "a question only the reporter can answer"
ANSWERED = "the reporter's answer for the leads"


class RecordingPlatform:
    def __init__(self, path: Path, mode: str) -> None:
        self.path = path
        self.mode = mode
        self.armed = not mode.startswith("relay")  # relay modes park only once the report itself has gone through

    def _record(self, action: Action) -> None:
        text = getattr(action, "text", "")
        ref = re.search(r"SG-\d{4}-\d+", text)
        marker = re.search(r"\[SG-\d{4}-\d+ #\d+\]", text)
        line = {
            "pid": os.getpid(),
            "type": type(action).__name__,
            "user": action.user_id if hasattr(action, "user_id") else "",
            "channel": getattr(action, "channel_id", ""),
            "ref": ref.group(0) if ref else "",
            "marker": marker.group(0) if marker else "",
            "text": text,
        }
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
            out.flush()
            os.fsync(out.fileno())

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        """The user's direct-message history on this platform: every DM recorded, by any process."""
        lines = self.path.read_text(encoding="utf-8").splitlines() if self.path.exists() else []
        for line in lines:
            d = json.loads(line)
            if d["type"] == "DirectMessage" and d["user"] == check.user_id and check.marker in d["text"]:
                return SentCheckResult(Seen.FOUND, str(d["pid"]))
        return SentCheckResult(Seen.NOT_FOUND)

    async def perform(self, action: Action) -> Delivery:
        if self.mode == "storm":  # a slow platform, so kills land before, inside and after sends
            await asyncio.sleep(random.uniform(0, 0.03))
            self._record(action)
            await asyncio.sleep(random.uniform(0, 0.03))
            return Delivery.sent(ref=f"{os.getpid()}")
        parks = self.mode in {"report", "relay-to-reporter", "relay-to-lead"}
        if self.armed and parks and isinstance(action, PrivateNotice):
            print("STORED", flush=True)  # in the store; nothing sent on yet
            await asyncio.Event().wait()
        self._record(action)
        if self.armed and self.mode == "report-hang-in-send" and isinstance(action, DirectMessage):
            print("SENDING", flush=True)  # the lead has it; the outbox does not know yet
            await asyncio.Event().wait()
        if self.armed and self.mode == "relay-to-reporter-hang-in-send" and isinstance(action, DirectMessage):
            print("SENDING", flush=True)  # the reporter has it; the outbox does not know yet
            await asyncio.Event().wait()
        return Delivery.sent(ref=f"{os.getpid()}")


async def storm(core: Core, first: int, count: int) -> None:
    print("GO", flush=True)
    for start in range(first, first + count, 5):
        batch = range(start, min(start + 5, first + count))
        await asyncio.gather(*(core.handle(report(f"storm report {n}", user=f"R{n}")) for n in batch))


async def settle(feature: EscalationFeature, core: Core, store: CaseStore) -> None:
    """Passes until no row is pending, sending or unknown and every case is acknowledged (leases run out)."""
    busy: list[str] = []
    for _ in range(300):
        await feature.worker.run_once(core.context())
        cases = [await store.get_case(c.ref) for c in await store.open_cases(limit=10_000)]
        busy = [
            f"{c.ref} acked={bool(c.acked_at)} {[d.state for d in c.deliveries]}"
            for c in cases
            if c is not None and (not c.acked_at or any(d.state != "sent" for d in c.deliveries))
        ]
        if not busy:
            return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"the outbox did not settle: {busy}")


async def main(mode: str, url: str, schema: str, deliveries: str, *numbers: str) -> None:
    one_lead = mode in {"storm", "settle"}
    fixture = load_deployment(FIXTURE)
    deployment = replace(fixture, safeguard_leads=fixture.safeguard_leads[:1]) if one_lead else two_leads(fixture)
    store = await open_store(url, schema=schema)
    feature = EscalationFeature(store, deployment, timing=TIMING)
    platform = RecordingPlatform(Path(deliveries), mode)
    core = Core([feature], platform.perform, deployment, check_sent=platform.check_sent)
    if mode == "storm":
        await storm(core, int(numbers[0]), int(numbers[1]))
    elif mode == "settle":
        await settle(feature, core, store)
        print("DONE", flush=True)
    elif mode == "resume":
        await feature.worker.run_once(core.context())
        print("DONE", flush=True)
    elif mode.startswith("relay"):
        await core.handle(report("something I saw at the match"))
        [case] = await store.open_cases()
        platform.armed = True
        if mode == "relay-to-lead":
            await core.handle(command("reply", f"{case.ref} {ANSWERED}", user="U1"))
        else:
            await core.handle(command("case", f"{case.ref} reply {RELAYED}"))
    else:
        await core.handle(report("something I saw at the match"))
    await store.aclose()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))
