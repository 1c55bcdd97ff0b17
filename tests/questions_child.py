"""A real bot process for the hand-off kill test: hands a question on, or answers one, and is SIGKILLed.

Usage: ``python tests/questions_child.py MODE URL SCHEMA DELIVERIES``

* ``hand-off``: a volunteer asks something the policy does not cover and presses "Ask the Safeguard Lead";
  the process hangs as the question is about to be sent to the lead, after it was stored and the volunteer
  was told (prints ``HANDED_OFF``);
* ``answer``: the lead answers with ``/answer``; the process hangs *inside* the send to the asker, after the
  platform has it and before the outcome is recorded (prints ``ANSWERING``);
* ``answer-unsent``: as ``answer``, but the process hangs before the send reaches the platform (the asker's
  DMs then hold only the acknowledgement of the hand-off, which carries the same reference);
* ``settle``: a restarted bot: outbox passes until every queued message is sent (prints ``DONE``).

Every message that reaches the fake platform is appended to ``DELIVERIES`` as a JSON line (fsynced), which
doubles as each user's direct-message history for the outbox's check after an interrupted send.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from pathlib import Path

from sqlalchemy import select

from bot.actions import Action, Delivery, DirectMessage, Seen, SentCheck, SentCheckResult
from bot.core import Core
from bot.deployment import load_deployment
from bot.events import BotAddressed, ChannelKind, CommandInvoked, Origin
from bot.guidance import GuidanceFeature, load_library
from bot.questions import QuestionsFeature, QuestionStore
from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming
from bot.reports.store import open_store
from bot.scanner import Scanner
from bot.storage.tables import messages

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "deployment.yaml"
TIMING = OutboxTiming(poll_interval=0.05, base_delay=0.05, max_delay=0.2, lease=0.5, send_timeout=30)
ASKER, LEAD = "U0ASKER", "U0SAFELEAD"
QUESTION = "a parent wants to buy my old bike through facebook marketplace"


class RecordingPlatform:
    def __init__(self, path: Path, mode: str) -> None:
        self.path = path
        self.mode = mode

    def _record(self, action: Action) -> None:
        ref = re.search(r"Q-\d{4}-\d+", getattr(action, "text", ""))
        line = {
            "pid": os.getpid(),
            "type": type(action).__name__,
            "user": getattr(action, "user_id", ""),
            "channel": getattr(action, "channel_id", ""),
            "ref": ref.group(0) if ref else "",
            "text": getattr(action, "text", ""),
        }
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
            out.flush()
            os.fsync(out.fileno())

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        lines = self.path.read_text(encoding="utf-8").splitlines() if self.path.exists() else []
        for line in lines:
            d = json.loads(line)
            in_dm = d["user"] == check.user_id or d["channel"] == f"D-{check.user_id}"  # a DM, or a reply in one
            if in_dm and check.marker in d["text"]:
                return SentCheckResult(Seen.FOUND, str(d["pid"]))
        return SentCheckResult(Seen.NOT_FOUND)

    async def perform(self, action: Action) -> Delivery:
        if self.mode == "hand-off" and isinstance(action, DirectMessage):
            print("HANDED_OFF", flush=True)  # stored and acknowledged; the lead has nothing yet
            await asyncio.Event().wait()
        if self.mode == "answer-unsent" and isinstance(action, DirectMessage):
            print("ANSWERING", flush=True)  # claimed, not sent: the asker's DMs hold only the acknowledgement
            await asyncio.Event().wait()
        self._record(action)
        if self.mode == "answer" and isinstance(action, DirectMessage):
            print("ANSWERING", flush=True)  # the asker has it; the outbox does not know yet
            await asyncio.Event().wait()
        return Delivery.sent(ref=f"{os.getpid()}")


def origin(user: str, kind: ChannelKind) -> Origin:
    return Origin("slack", user, f"D-{user}", kind, "T1", message_id=str(os.getpid()))


async def main(mode: str, url: str, schema: str, deliveries: str) -> None:
    deployment = load_deployment(FIXTURE)
    store = await open_store(url, schema=schema)
    library = load_library(ROOT / "knowledge", deployment.organisation.names)
    escalation = EscalationFeature(store, deployment, timing=TIMING)
    questions = QuestionsFeature(QuestionStore(store.db), library, Scanner(deployment), deployment, escalation.worker)
    platform = RecordingPlatform(Path(deliveries), mode)
    features = [GuidanceFeature(library, questions), escalation, questions]
    core = Core(features, platform.perform, deployment, check_sent=platform.check_sent)
    if mode == "hand-off":
        [answer] = await core.handle(BotAddressed(origin(ASKER, ChannelKind.DM), QUESTION))
        assert answer.card is not None
        ask = next(b for b in answer.card.buttons if b.command == "ask-lead")
        await core.handle(CommandInvoked(origin(ASKER, ChannelKind.DM), ask.command, ask.args))
    elif mode in {"answer", "answer-unsent"}:
        await core.handle(CommandInvoked(origin(LEAD, ChannelKind.DM), "answer", "Q-2026-0001 no, not to parents"))
    else:
        for _ in range(300):
            await escalation.worker.run_once(core.context())
            async with store.db.tx() as conn:
                states = (await conn.execute(select(messages.c.state))).scalars().all()
            if states and all(s == "sent" for s in states):
                break
            await asyncio.sleep(0.1)
        else:
            raise RuntimeError(f"the outbox did not settle: {states}")
        print("DONE", flush=True)
    await store.aclose()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))
