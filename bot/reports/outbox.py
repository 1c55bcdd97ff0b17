"""Delivering stored cases to the Safeguard Leads, from the outbox, with retries.

Each (case, lead) row is *claimed* (marked 'sending' with a lease, committed)
before the direct message is sent, and marked 'sent' after. So:

* killed before the claim (e.g. right after the case was stored): the row is
  still 'pending' and the next run delivers it, exactly once;
* a failed delivery: the row goes back to 'pending' with exponential back-off;
* killed after the claim but before recording the outcome: nobody can know
  whether the lead got it. The row's lease expires and it becomes 'unknown',
  and it is **not** sent again: delivery is at most once per (case, lead).
  The loss this risks is covered by the reporter being told to phone the lead
  when no lead has been reached in time, and by the case showing in ``/cases``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.actions import DirectMessage
from bot.citations import NO_CITATIONS, Citations
from bot.core import Context
from bot.deployment import Deployment
from bot.reports import render
from bot.reports.models import Case, OutboxItem
from bot.reports.store import CaseStore
from bot.storage.database import StoreUnavailable

log = logging.getLogger(__name__)

TIMED_OUT = "timed out while sending; not resent (at most once)"


@dataclass(frozen=True, slots=True)
class OutboxTiming:
    """Seconds; injectable so tests run without sleeping."""

    poll_interval: float = 10.0
    base_delay: float = 30.0  # first retry after this, doubling each time
    max_delay: float = 3600.0
    lease: float = 300.0  # a 'sending' claim older than this belonged to a process that died
    send_timeout: float = 60.0  # must be below ``lease``
    max_attempts: int = 100  # then the row is 'failed' and only the reporter notice remains
    purge_interval: float = 3600.0

    def backoff(self, attempts: int) -> timedelta:
        """Delay before the next try after ``attempts`` failed ones: base, 2·base, 4·base, … capped."""
        return timedelta(seconds=min(self.base_delay * 2 ** max(attempts - 1, 0), self.max_delay))


@dataclass(frozen=True, slots=True)
class PassResult:
    delivered: int = 0
    interrupted: int = 0
    reporters_warned: int = 0
    purged: int = 0


class OutboxWorker:
    def __init__(
        self,
        store: CaseStore,
        deployment: Deployment,
        timing: OutboxTiming | None = None,
        citations: Citations = NO_CITATIONS,
    ) -> None:
        self.store = store
        self.deployment = deployment
        self.citations = citations  # which clauses a case's category cites in the lead's message
        self.timing = timing or OutboxTiming()
        self._wake = asyncio.Event()
        self._last_purge: datetime | None = None

    def wake(self) -> None:
        """Ask the background loop to run a pass now instead of at the next poll."""
        self._wake.set()

    async def run(self, ctx: Context) -> None:
        """The background loop: a pass, then wait for a wake-up or the poll interval."""
        while True:
            try:
                await self.run_once(ctx)
            except StoreUnavailable as exc:
                log.warning("outbox pass skipped, store unavailable (%s)", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.timing.poll_interval)
            self._wake.clear()

    async def run_once(self, ctx: Context) -> PassResult:
        """One pass: settle interrupted sends, deliver what is due, warn reporters, purge."""
        interrupted = await self.store.outbox.expire_leases(ctx.clock())
        if interrupted:
            log.warning("%d delivery(ies) were interrupted mid-send; marked unknown, not resent", interrupted)
        delivered = await self.deliver_due(ctx)
        warned = await self.warn_reporters(ctx)
        purged = await self.purge(ctx)
        return PassResult(delivered, interrupted, warned, purged)

    async def deliver_due(self, ctx: Context, *, case: Case | None = None) -> int:
        """Send every due row (of ``case`` only, if given); returns how many were delivered."""
        cases: dict[int, Case | None] = {case.id: case} if case else {}
        sent = 0
        for item in await self.store.outbox.due(ctx.clock(), case_id=case.id if case else None):
            if item.case_id not in cases:
                cases[item.case_id] = await self.store.case_by_id(item.case_id)
            found = cases[item.case_id]
            if found is not None and await self._deliver(item, found, ctx):
                sent += 1
        return sent

    async def _deliver(self, item: OutboxItem, case: Case, ctx: Context) -> bool:
        now = ctx.clock()
        if not await self.store.outbox.claim(item.id, now, now + timedelta(seconds=self.timing.lease)):
            return False  # another worker has it
        text, card = render.lead_message(case, self.citations)
        try:
            delivery = await asyncio.wait_for(
                ctx.send(DirectMessage(item.platform, item.lead_id, text, card)), self.timing.send_timeout
            )
        except TimeoutError:
            await self.store.outbox.mark_unknown(item.id, TIMED_OUT)
            log.warning("delivery of case %s to lead %s timed out; outcome unknown", case.ref, item.lead_id)
            return False
        if delivery.ok:
            await self.store.outbox.mark_sent(item.id, ctx.clock(), delivery.ref)
            log.info("case %s delivered to lead %s", case.ref, item.lead_id)
            return True
        attempts = item.attempts + 1
        give_up = attempts >= self.timing.max_attempts
        error = f"{delivery.status}: {delivery.reason}"
        await self.store.outbox.mark_retry(item.id, ctx.clock() + self.timing.backoff(attempts), error, give_up=give_up)
        log.warning(
            "delivery of case %s to lead %s failed (%s), attempt %d%s",
            case.ref,
            item.lead_id,
            delivery.status,
            attempts,
            "; giving up" if give_up else "",
        )
        return False

    async def warn_reporters(self, ctx: Context) -> int:
        """Tell each reporter whose case reached no lead in time to phone the lead, once."""
        minutes = self.deployment.lead_unreachable_minutes
        now = ctx.clock()
        warned = 0
        for row in await self.store.outbox.unreached_cases(now - timedelta(minutes=minutes)):
            if not await self.store.outbox.claim_reporter_warning(row["id"], now):
                continue
            text = render.reporter_phone_notice(row["ref"], self.deployment.lead_phone(), minutes)
            delivery = await ctx.send(DirectMessage(row["platform"], row["reporter_id"], text))
            log.warning("case %s reached no lead in time; reporter told to phone (%s)", row["ref"], delivery.status)
            warned += 1
        return warned

    async def purge(self, ctx: Context) -> int:
        """Delete resolved cases past the retention period, at most once per purge interval."""
        now = ctx.clock()
        if self._last_purge and (now - self._last_purge).total_seconds() < self.timing.purge_interval:
            return 0
        self._last_purge = now
        purged = await self.store.purge_resolved(now - timedelta(days=self.deployment.retention_days))
        if purged:
            log.info("purged %d resolved case(s) older than %d days", purged, self.deployment.retention_days)
        return purged
