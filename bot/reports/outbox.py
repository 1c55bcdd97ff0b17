"""Delivering stored cases to the Safeguard Leads, and acknowledgements to reporters, with retries.

Each (case, lead) row is *claimed* (marked 'sending' with a lease, committed)
before the direct message is sent, and marked 'sent' after. So:

* killed before the claim (e.g. right after the case was stored): the row is
  still 'pending' and the next run delivers it;
* a failed delivery: the row goes back to 'pending' with exponential back-off;
* killed after the claim but before recording the outcome (or a send that timed
  out): the row's lease expires and it becomes 'unknown'. The next pass asks
  the platform whether the lead's direct conversation holds a message from the
  bot carrying the case reference (Slack ``conversations.history``, Discord
  channel messages). Found: recorded as sent. Not there: sent again. When the
  platform cannot say after a few tries, it is sent again: a lead reading a
  case twice is better than a case no lead sees. Discord sends carry a nonce
  made from the row, so Discord itself drops a repeat of one send.

Messages to one person (the relay between a lead and a reporter, and whatever
else a feature enqueues in :mod:`bot.reports.messages`) go the same way, each
checked by its own marker; a message to "the reporter of a case" is addressed
when it is sent, from :mod:`bot.reports.reporters`.

The reporter's acknowledgement is sent the same way (claimed on the case row,
marked after), so a reporter whose bot was killed between storing and
acknowledging is told once it restarts. It cannot be looked up (it is often an
ephemeral message), so an interrupted acknowledgement is sent again: at least once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.actions import DirectMessage, Seen, SentCheck
from bot.citations import NO_CITATIONS, Citations
from bot.core import Context, private_to
from bot.deployment import Deployment
from bot.events import ChannelKind, Origin
from bot.logs import user_ref
from bot.reports import render
from bot.reports.messages import REPORTER
from bot.reports.models import Case, OutboxItem, OutboxMessage
from bot.reports.store import CaseStore
from bot.storage.database import StoreUnavailable

log = logging.getLogger(__name__)

TIMED_OUT = "timed out while sending; checking with the platform"
NOT_RECEIVED = "interrupted; the platform shows it did not arrive, so it is sent again"
UNVERIFIABLE = "interrupted; the platform cannot say whether it arrived, so it is sent again"


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
    check_attempts: int = 3  # asking the platform about an interrupted send; then it is sent again
    ack_window: float = 86400.0  # an acknowledgement not sent within a day is no longer worth sending

    def backoff(self, attempts: int) -> timedelta:
        """Delay before the next try after ``attempts`` failed ones: base, 2·base, 4·base, … capped."""
        return timedelta(seconds=min(self.base_delay * 2 ** max(attempts - 1, 0), self.max_delay))


@dataclass(frozen=True, slots=True)
class PassResult:
    delivered: int = 0
    interrupted: int = 0
    reporters_warned: int = 0
    purged: int = 0
    confirmed: int = 0  # interrupted sends the platform showed had arrived
    acknowledged: int = 0
    messages: int = 0  # messages to one person delivered (the relay, and any other feature's)


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
            await self.wait_for_work()

    async def wait_for_work(self) -> None:
        """Until a wake-up or the poll interval, whichever comes first.

        ``asyncio.timeout``, not ``wait_for``: on Python 3.11 ``wait_for`` swallows a cancellation that lands as the
        wake-up arrives, and the loop then never stopped (the core's ``stop()`` waited for it forever).
        """
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.timing.poll_interval):
                await self._wake.wait()
        self._wake.clear()

    async def run_once(self, ctx: Context) -> PassResult:
        """One pass: acknowledge, settle interrupted sends, deliver what is due, warn reporters, purge."""
        acknowledged = await self.acknowledge_due(ctx)
        interrupted = await self.store.outbox.expire_leases(ctx.clock())
        interrupted += await self.store.messages.expire_leases(ctx.clock())
        if interrupted:
            log.warning("%d delivery(ies) were interrupted mid-send; checking with the platform", interrupted)
        confirmed = await self.settle_unknown(ctx) + await self.settle_unknown_messages(ctx)
        delivered = await self.deliver_due(ctx)
        messages = await self.deliver_messages_due(ctx)
        warned = await self.warn_reporters(ctx)
        purged = await self.purge(ctx)
        return PassResult(delivered, interrupted, warned, purged, confirmed, acknowledged, messages)

    # -- acknowledgements -----------------------------------------------------------------------------------

    def lead_count(self, platform: str) -> int:
        return len(self.deployment.leads_on(platform))

    async def acknowledge(self, ctx: Context, case: Case, origin: Origin) -> bool:
        """Tell the reporter their case is stored: claimed first, recorded after, so a crash means "send again".

        If the store cannot take the claim the reporter is told anyway (the case itself is stored).
        """
        now = ctx.clock()
        try:
            claimed = await self.store.claim_ack(case.id, now, now + timedelta(seconds=self.timing.lease))
        except StoreUnavailable as exc:
            log.warning("acknowledgement of case %s sent without its record (%s)", case.ref, exc)
            claimed = None
        if claimed is False:
            return False  # already acknowledged, or being acknowledged by another process
        leads = self.lead_count(case.reporter.platform)
        text, card = render.acknowledgement(case, leads, self.deployment.lead_phone(), self.citations)
        delivery = await ctx.send(private_to(origin, text, card))
        if claimed is None:
            return delivery.ok
        try:
            if delivery.ok:
                await self.store.mark_acked(case.id, ctx.clock())
            else:
                log.warning("acknowledgement of case %s not delivered (%s); will retry", case.ref, delivery.status)
                await self.store.retry_ack_after(case.id, ctx.clock() + self.timing.backoff(1))
        except StoreUnavailable as exc:  # the lease runs out and the acknowledgement is sent again
            log.warning("acknowledgement of case %s sent but not recorded (%s)", case.ref, exc)
        return delivery.ok

    async def acknowledge_due(self, ctx: Context) -> int:
        """Acknowledgements a crash interrupted (or that failed), to the reporter where they reported."""
        now = ctx.clock()
        done = 0
        for case in await self.store.unacknowledged(now, now - timedelta(seconds=self.timing.ack_window)):
            r = await self.store.reporters.of_case(case.id) or case.reporter
            kind = ChannelKind(r.channel_kind) if r.channel_kind in set(ChannelKind) else ChannelKind.DM
            origin = Origin(r.platform, r.user_id, r.channel_id, kind, workspace_id=r.workspace_id)
            if await self.acknowledge(ctx, case, origin):
                done += 1
                log.info("case %s acknowledged to its reporter after an interruption", case.ref)
        return done

    # -- interrupted sends ---------------------------------------------------------------------------------

    async def settle_unknown(self, ctx: Context) -> int:
        """Ask the platform about each interrupted send: found is sent; otherwise (in time) it is sent again."""
        confirmed = 0
        for item in await self.store.outbox.unknown(ctx.clock()):
            case = await self.store.case_by_id(item.case_id)
            if case is None:
                continue
            marker = render.case_marker(case)
            check = SentCheck(item.platform, item.lead_id, marker, since=case.created_at - timedelta(minutes=1))
            result = await ctx.check_sent(check)
            now = ctx.clock()
            lead = user_ref(item.platform, item.lead_id)
            if result.seen is Seen.FOUND:
                await self.store.outbox.settle(item.id, "sent", now, platform_ref=result.ref, sent_at=now)
                log.info("case %s had reached lead %s before the interruption", case.ref, lead)
                confirmed += 1
            elif result.seen is Seen.NOT_FOUND:
                await self.store.outbox.settle(item.id, "pending", now, error=NOT_RECEIVED)
                log.warning("case %s had not reached lead %s; sending it again", case.ref, lead)
            elif item.checks + 1 >= self.timing.check_attempts:
                await self.store.outbox.settle(item.id, "pending", now, error=UNVERIFIABLE)
                log.warning("cannot tell whether case %s reached lead %s; sending it again", case.ref, lead)
            else:
                await self.store.outbox.check_later(item.id, now + self.timing.backoff(item.checks + 1))
        return confirmed

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
        message = DirectMessage(item.platform, item.lead_id, text, card, key=f"{case.ref}:{item.id}"[:25])
        try:
            async with asyncio.timeout(self.timing.send_timeout):
                delivery = await ctx.send(message)
        except TimeoutError:
            await self.store.outbox.mark_unknown(item.id, TIMED_OUT)
            lead = user_ref(item.platform, item.lead_id)
            log.warning("delivery of case %s to lead %s timed out; outcome unknown", case.ref, lead)
            return False
        if delivery.ok:
            await self.store.outbox.mark_sent(item.id, ctx.clock(), delivery.ref)
            log.info("case %s delivered to lead %s", case.ref, user_ref(item.platform, item.lead_id))
            return True
        attempts = item.attempts + 1
        give_up = attempts >= self.timing.max_attempts
        error = f"{delivery.status}: {delivery.reason}"
        await self.store.outbox.mark_retry(item.id, ctx.clock() + self.timing.backoff(attempts), error, give_up=give_up)
        log.warning(
            "delivery of case %s to lead %s failed (%s), attempt %d%s",
            case.ref,
            user_ref(item.platform, item.lead_id),
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
            reporter = await self.store.reporters.of_case(row["id"])
            user_id = reporter.user_id if reporter is not None else row["reporter_id"]
            text = render.reporter_phone_notice(row["ref"], self.deployment.lead_phone(), minutes)
            delivery = await ctx.send(DirectMessage(row["platform"], user_id, text))
            log.warning("case %s reached no lead in time; reporter told to phone (%s)", row["ref"], delivery.status)
            warned += 1
        return warned

    # -- messages to one person -----------------------------------------------------------------------------

    async def _recipient(self, message: OutboxMessage) -> str:
        """The user id to send to: the row's own, or (for "the reporter of a case") the reporter's, found now."""
        if message.recipient != REPORTER:
            return message.user_id
        reporter = await self.store.reporters.of_case(message.case_id) if message.case_id is not None else None
        return reporter.user_id if reporter is not None and reporter.platform == message.platform else ""

    @staticmethod
    def _who(message: OutboxMessage) -> str:
        """A message's recipient for a log line: a lead as user:<hash>; a reporter never, not even hashed."""
        return "the reporter" if message.recipient == REPORTER else user_ref(message.platform, message.user_id)

    async def deliver_messages_due(self, ctx: Context, *, case_id: int | None = None) -> int:
        """Send every due message (of ``case_id`` only, if given); returns how many were delivered."""
        sent = 0
        for message in await self.store.messages.due(ctx.clock(), case_id=case_id):
            if await self._deliver_message(message, ctx):
                sent += 1
        return sent

    async def _deliver_message(self, message: OutboxMessage, ctx: Context) -> bool:
        now = ctx.clock()
        if not await self.store.messages.claim(message.id, now, now + timedelta(seconds=self.timing.lease)):
            return False
        user_id = await self._recipient(message)
        if not user_id:
            await self.store.messages.mark_retry(message.id, now, "refused: no recipient", give_up=True)
            log.warning("message %d (%s) has nobody to go to; given up", message.id, message.kind)
            return False
        action = DirectMessage(message.platform, user_id, message.text, message.card, key=f"msg:{message.id}"[:25])
        try:
            async with asyncio.timeout(self.timing.send_timeout):
                delivery = await ctx.send(action)
        except TimeoutError:
            await self.store.messages.mark_unknown(message.id, TIMED_OUT)
            log.warning(
                "message %d (%s) to %s timed out; outcome unknown", message.id, message.kind, self._who(message)
            )
            return False
        if delivery.ok:
            await self.store.messages.mark_sent(message.id, ctx.clock(), delivery.ref)
            log.info("message %d (%s) delivered to %s", message.id, message.kind, self._who(message))
            return True
        attempts = message.attempts + 1
        give_up = attempts >= self.timing.max_attempts
        error = f"{delivery.status}: {delivery.reason}"
        when = ctx.clock() + self.timing.backoff(attempts)
        await self.store.messages.mark_retry(message.id, when, error, give_up=give_up)
        log.warning(
            "message %d (%s) to %s failed (%s), attempt %d%s",
            message.id,
            message.kind,
            self._who(message),
            delivery.status,
            attempts,
            "; giving up" if give_up else "",
        )
        return False

    async def settle_unknown_messages(self, ctx: Context) -> int:
        """Interrupted messages: found in the recipient's DM history by their marker is sent; otherwise sent again."""
        confirmed = 0
        for message in await self.store.messages.unknown(ctx.clock()):
            user_id = await self._recipient(message)
            since = message.created_at - timedelta(minutes=1)
            result = await ctx.check_sent(SentCheck(message.platform, user_id, message.marker, since=since))
            now = ctx.clock()
            if result.seen is Seen.FOUND:
                await self.store.messages.settle(message.id, "sent", now, platform_ref=result.ref)
                log.info("message %d had reached %s before the interruption", message.id, self._who(message))
                confirmed += 1
            elif result.seen is Seen.NOT_FOUND:
                await self.store.messages.settle(message.id, "pending", now, error=NOT_RECEIVED)
                log.warning("message %d had not reached %s; sending it again", message.id, self._who(message))
            elif message.checks + 1 >= self.timing.check_attempts:
                await self.store.messages.settle(message.id, "pending", now, error=UNVERIFIABLE)
                log.warning("cannot tell whether message %d arrived; sending it again", message.id)
            else:
                await self.store.messages.check_later(message.id, now + self.timing.backoff(message.checks + 1))
        return confirmed

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
