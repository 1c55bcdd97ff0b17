"""Escalation speed: store + acknowledge + deliver, one report at a time and 200 at once.

Run from the project root:  .venv/bin/python benchmarks/bench_escalation.py [N]
Uses a temporary SQLite file, and PostgreSQL too when TEST_DATABASE_URL is set
(in a throw-away schema). Delivery goes to an in-process fake platform, so the
figures are the bot's and the database's share of the work. Asserts nothing.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.deployment import load_deployment  # noqa: E402
from bot.reports.feature import EscalationFeature  # noqa: E402
from bot.reports.store import open_store  # noqa: E402
from tests.escalation_support import drop_schema, pg_schema, report, two_leads  # noqa: E402
from tests.fakes import FakePlatform  # noqa: E402


async def bench(label: str, url: str, schema: str, n: int) -> None:
    deployment = two_leads(load_deployment(ROOT / "tests" / "fixtures" / "deployment.yaml"))
    store = await open_store(url, schema=schema)
    try:
        platform = FakePlatform([EscalationFeature(store, deployment)], deployment)
        latencies = []
        for i in range(n):
            start = time.perf_counter()
            await platform.core.handle(report(f"sequential report {i}", user=f"S{i}"))
            latencies.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        await asyncio.gather(*(platform.core.handle(report(f"burst {i}", user=f"B{i}")) for i in range(200)))
        burst = time.perf_counter() - start
        dms = len(platform.adapter.dms)
        cut = statistics.quantiles(latencies, n=20)
        print(
            f"{label:10} one at a time: median {statistics.median(latencies):.1f} ms, p95 {cut[18]:.1f} ms "
            f"(store, acknowledge, deliver to 2 leads; n={n})"
        )
        print(f"{label:10} 200 at once: {burst:.2f} s, {200 / burst:.0f} reports/s; lead DMs sent in total: {dms}")
    finally:
        await store.aclose()


async def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        await bench("sqlite", f"sqlite+aiosqlite:///{Path(tmp) / 'cases.db'}", "", n)
    pg = os.environ.get("TEST_DATABASE_URL", "")
    if pg:
        schema = pg_schema()
        try:
            await bench("postgres", pg, schema, n)
        finally:
            await drop_schema(pg, schema)
    else:
        print("postgres   skipped (TEST_DATABASE_URL not set)")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
