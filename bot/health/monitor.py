"""Inside the running bot: checks the store and every platform connection, and keeps the status file current."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from bot.health.report import Health, judge
from bot.health.status import REWRITE_EVERY, PlatformState, Status, write_status
from bot.health.store import store_problem
from bot.logs import describe_error
from bot.storage import Database

log = logging.getLogger(__name__)

#: A live health check an adapter may serve (Slack's HTTP mode answers ``GET /healthz`` with it).
HealthCheck = Callable[[], Awaitable[Health]]


class Connection(Protocol):
    """A platform adapter, as far as health goes: its name and whether its connection is up now."""

    platform: str

    async def connected(self) -> bool: ...


def _utc_now() -> datetime:
    return datetime.now(UTC)


class HealthMonitor:
    """Answers live health checks (Slack's ``/healthz``) and, while :meth:`run` runs, writes the status file."""

    def __init__(
        self,
        db: Database,
        status_file: Path | None = None,
        *,
        clock: Callable[[], datetime] = _utc_now,
        poll: float = 1.0,
        rewrite: float = REWRITE_EVERY,
    ) -> None:
        self.db = db
        self.status_file = status_file
        self.connections: list[Connection] = []
        self.clock = clock
        self.poll, self.rewrite = poll, rewrite
        self._states: dict[str, PlatformState] = {}
        self._write_failed = False

    def watch(self, connection: Connection) -> None:
        self.connections.append(connection)

    async def platforms(self) -> dict[str, PlatformState]:
        """Each platform's connection now, with the time it last changed."""
        now = self.clock()
        for connection in self.connections:
            try:
                up = await connection.connected()
            except Exception:  # a failing check is a connection we cannot vouch for
                up = False
            known = self._states.get(connection.platform)
            if known is None or known.connected != up:
                self._states[connection.platform] = PlatformState(up, now)
        return {c.platform: self._states[c.platform] for c in self.connections}

    async def check(self) -> Health:
        """The store and every connection, now."""
        return judge(await store_problem(self.db), await self.platforms())

    async def run(self) -> None:
        """Write the status at once, again within ``poll`` seconds of a change, and every ``rewrite`` seconds."""
        written: dict[str, PlatformState] | None = None
        written_at = 0.0
        while True:
            try:
                states = await self.platforms()
                if states != written or time.monotonic() - written_at >= self.rewrite:
                    self._write(Status("running", self.clock(), await store_problem(self.db), states))
                    written, written_at = states, time.monotonic()
            except Exception as exc:  # keep watching; the file going stale shows the trouble meanwhile
                log.error("health check failed (%s)", describe_error(exc))
            await asyncio.sleep(self.poll)

    def stopped(self) -> None:
        """Say the bot stopped on purpose, so a health check does not wait for the file to go stale."""
        with contextlib.suppress(Exception):
            self._write(Status("stopped", self.clock(), "", dict(self._states)))

    def _write(self, status: Status) -> None:
        if self.status_file is None:
            return
        try:
            write_status(self.status_file, status)
        except OSError as exc:
            if not self._write_failed:  # once: the bot goes on serving; only `health` is blind
                log.warning(
                    "cannot write the status file %s (%s): python -m bot health will report the bot as down",
                    self.status_file,
                    type(exc).__name__,
                )
            self._write_failed = True
        else:
            self._write_failed = False
