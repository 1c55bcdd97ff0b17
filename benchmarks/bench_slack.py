"""Slack round trip: signed HTTP event -> bolt AsyncApp -> real features -> chat.postEphemeral warning.

Run from the project root:  .venv/bin/python benchmarks/bench_slack.py [N]
The local fake (tests/slack_fake.py) plays the Slack Web API on 127.0.0.1; the
case store is a temporary SQLite file. Prints the acknowledgement time Slack
would see (its limit is 3 s), the time to the private warning, for N exposing
posts one at a time and then N at once, and /policy answers. Asserts nothing.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build_features  # noqa: E402
from bot.deployment import load_deployment  # noqa: E402
from bot.reports.store import open_store  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.slack_fake import FakeSlack, start_rig, stop_rig  # noqa: E402

POST = "Freya Collins was brilliant tonight, ring her mum on 07700 900123"


def figures(label: str, samples: list[float], wall: float) -> None:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[max(0, int(len(ms) * 0.95) - 1)]
    print(
        f"{label:<36} n={len(ms):>4}  median {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  "
        f"max {ms[-1]:6.1f} ms  {len(ms) / wall:7.1f}/s"
    )


def post(i: int, offset: int) -> dict:
    ts = f"1764072000.{offset + i:06d}"
    return {"type": "message", "user": f"U{i:08d}", "text": POST, "ts": ts, "channel": "C0PARTNERS",
            "channel_type": "channel", "event_ts": ts}  # fmt: skip


async def main(n: int) -> None:
    deployment = load_deployment(ROOT / "tests" / "fixtures" / "deployment.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(knowledge_dir=ROOT / "knowledge", sqlite_path=Path(tmp) / "cases.db")
        store = await open_store(settings.store_url)
        fake = await FakeSlack(channels={"C0PARTNERS": {"name": "partners", "is_ext_shared": True}}).start()
        rig = await start_rig(fake, build_features(settings, deployment, store), deployment)
        try:
            await rig.event(post(0, 0), "warm-up")
            await fake.wait_for_call("chat.postEphemeral")

            acks, warned = [], []
            start = time.perf_counter()
            for i in range(n):
                before = len(fake.of("chat.postEphemeral"))
                t0 = time.perf_counter()
                await rig.event(post(i, 1000), f"seq-{i}")
                acks.append(time.perf_counter() - t0)
                await fake.wait_for(lambda b=before: len(fake.of("chat.postEphemeral")) > b, timeout=30)
                warned.append(time.perf_counter() - t0)
            wall = time.perf_counter() - start
            figures("ack (HTTP 200), one at a time", acks, wall)
            figures("post -> ephemeral warning, serial", warned, wall)

            before = len(fake.of("chat.postEphemeral"))
            start = time.perf_counter()
            sent = await asyncio.gather(*(timed(rig.event(post(i, 5000), f"burst-{i}")) for i in range(n)))
            await fake.wait_for(lambda: len(fake.of("chat.postEphemeral")) >= before + n, timeout=120)
            wall = time.perf_counter() - start
            figures(f"ack (HTTP 200), {n} at once", sent, wall)
            print(f"{'all warnings delivered, burst':<36} n={n:>4}  wall {wall * 1000:8.1f} ms  {n / wall:7.1f}/s")

            answers = []
            start = time.perf_counter()
            for i in range(min(n, 50)):
                before = len(fake.of("chat.postEphemeral"))
                t0 = time.perf_counter()
                await rig.command("/policy", "can I post photos of the young people?", trigger=f"p{i}")
                await fake.wait_for(lambda b=before: len(fake.of("chat.postEphemeral")) > b, timeout=30)
                answers.append(time.perf_counter() - t0)
            figures("/policy -> ephemeral answer", answers, time.perf_counter() - start)
            print(f"conversations.info calls: {len(fake.of('conversations.info'))} (two channels, each asked once)")
        finally:
            await stop_rig(rig)
            await fake.close()
            await store.aclose()


async def timed(coro: object) -> float:
    t0 = time.perf_counter()
    await coro  # type: ignore[misc]
    return time.perf_counter() - t0


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
