"""Discord round trip: gateway post -> real features -> DM warning, through the real discord.py client.

Run from the project root:  .venv/bin/python benchmarks/bench_discord.py [N]
The local stand-in (tests/discord_fake.py) plays Discord on 127.0.0.1; the case
store is a temporary SQLite file. Prints latency (dispatch to the warning's REST
call) and throughput for N exposing posts sent one at a time, then N sent at
once, plus /policy answers. Asserts nothing.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from discord_fake import GUILD_ID, BotUnderTest, DiscordStandIn, message_payload, slash_payload, user  # noqa: E402

from bot.app import build_features  # noqa: E402
from bot.deployment import PlatformChannels, load_deployment  # noqa: E402
from bot.reports.store import open_store  # noqa: E402
from bot.settings import Settings  # noqa: E402

POST = "Freya Collins was brilliant tonight, ring her mum on 07700 900123"


def figures(label: str, samples: list[float], wall: float) -> None:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[max(0, int(len(ms) * 0.95) - 1)]
    print(
        f"{label:<34} n={len(ms):>4}  median {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  "
        f"{len(ms) / wall:7.1f}/s"
    )


async def main(n: int) -> None:
    deployment = load_deployment(ROOT / "tests" / "fixtures" / "deployment.yaml")
    deployment = replace(deployment, channels={"discord": PlatformChannels(guilds=(GUILD_ID,))})
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(knowledge_dir=ROOT / "knowledge", sqlite_path=Path(tmp) / "cases.db")
        store = await open_store(settings.store_url)
        features = build_features(settings, deployment, store)
        fake = DiscordStandIn()
        await fake.start()
        try:
            async with BotUnderTest(fake, features, deployment) as bot:
                authors = [user(str(300000000000001000 + i), f"member{i}") for i in range(n)]
                # one at a time: latency
                samples = []
                start = time.perf_counter()
                for author in authors:
                    before = len(fake.channel_posts())
                    t0 = time.perf_counter()
                    await fake.dispatch("MESSAGE_CREATE", message_payload(POST, author=author))
                    await fake.wait_for(lambda b=before: len(fake.channel_posts()) >= b + 2)  # warning + lead alert
                    samples.append(time.perf_counter() - t0)
                figures("warning, one post at a time", samples, time.perf_counter() - start)
                # all at once: throughput
                before = len(bot.core.handled)
                start = time.perf_counter()
                for author in authors:
                    await fake.dispatch("MESSAGE_CREATE", message_payload(POST, author=author))
                await fake.wait_for(lambda: len(bot.core.handled) >= before + n, timeout=120)
                wall = time.perf_counter() - start
                print(f"{'warning, ' + str(n) + ' posts at once':<34} n={n:>4}  {wall:6.2f} s wall  {n / wall:7.1f}/s")
                # /policy: ephemeral answers
                samples = []
                start = time.perf_counter()
                for i in range(n):
                    before = len(fake.callbacks())
                    t0 = time.perf_counter()
                    ask = slash_payload("policy", {"question": "can I post photos from a session?"}, who=authors[i])
                    await fake.dispatch("INTERACTION_CREATE", ask)
                    await fake.wait_for(lambda b=before: len(fake.callbacks()) > b)
                    samples.append(time.perf_counter() - t0)
                figures("/policy ephemeral answer", samples, time.perf_counter() - start)
                print(f"REST calls recorded: {len(fake.calls)}")
        finally:
            await fake.close()
            await store.aclose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
