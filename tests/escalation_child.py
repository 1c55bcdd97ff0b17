"""A real bot process for the kill test: stores a report, then is SIGKILLed by the test.

Usage: ``python tests/escalation_child.py MODE URL SCHEMA DELIVERIES``

* ``report``: store one report and hang while acknowledging it, i.e. after the
  case is stored and before any delivery was attempted (prints ``STORED``);
* ``report-hang-in-send``: as ``report`` but the acknowledgement goes through and
  the process hangs *inside* the send to a lead after it reached the platform,
  before the outcome is recorded (prints ``SENDING``);
* ``resume``: a restarted bot: one outbox pass, then exit (prints ``DONE``).

Every message that reaches the fake platform is appended to ``DELIVERIES`` as a
JSON line (fsynced), so the test can count deliveries across processes.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from pathlib import Path

from bot.actions import Action, Delivery, DirectMessage, PrivateNotice
from bot.core import Core
from bot.deployment import load_deployment
from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming
from bot.reports.store import open_store
from tests.escalation_support import report, two_leads

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "deployment.yaml"
TIMING = OutboxTiming(poll_interval=0.05, base_delay=0.05, max_delay=0.2, lease=0.5, send_timeout=30)


class RecordingPlatform:
    def __init__(self, path: Path, mode: str) -> None:
        self.path = path
        self.mode = mode

    def _record(self, action: Action) -> None:
        ref = re.search(r"SG-\d{4}-\d+", getattr(action, "text", ""))
        line = {
            "pid": os.getpid(),
            "type": type(action).__name__,
            "user": action.user_id if hasattr(action, "user_id") else "",
            "ref": ref.group(0) if ref else "",
        }
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
            out.flush()
            os.fsync(out.fileno())

    async def perform(self, action: Action) -> Delivery:
        if self.mode == "report" and isinstance(action, PrivateNotice):
            print("STORED", flush=True)  # the case is in the store; nothing sent to a lead yet
            await asyncio.Event().wait()
        self._record(action)
        if self.mode == "report-hang-in-send" and isinstance(action, DirectMessage):
            print("SENDING", flush=True)  # the lead has it; the outbox does not know yet
            await asyncio.Event().wait()
        return Delivery.sent(ref=f"{os.getpid()}")


async def main(mode: str, url: str, schema: str, deliveries: str) -> None:
    deployment = two_leads(load_deployment(FIXTURE))
    store = await open_store(url, schema=schema)
    feature = EscalationFeature(store, deployment, timing=TIMING)
    core = Core([feature], RecordingPlatform(Path(deliveries), mode).perform, deployment)
    if mode == "resume":
        await feature.worker.run_once(core.context())
        print("DONE", flush=True)
    else:
        await core.handle(report("something I saw at the match"))
    await store.aclose()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
