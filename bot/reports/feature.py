"""The escalation feature: ``/report``, "Report to Safeguard Lead", and the leads' case commands.

A report is stored first and acknowledged only after; if it cannot be stored,
the reporter is told plainly and given the lead's phone number. Every answer is
private (a DM, or an ephemeral notice where the command was typed): nothing
about a report ever appears in a channel, and nothing here deletes anything
except the retention purge of resolved cases.
"""

from __future__ import annotations

import logging

from bot.categories import BY_KEY, CATEGORIES, DEFAULT_CATEGORY
from bot.citations import NO_CITATIONS, Citations
from bot.commands import Command, Offer, Option, PostAction
from bot.core import Context, private_to
from bot.deployment import Deployment
from bot.events import BotAddressed, CommandInvoked, Event, MessageReported, Origin, ReportedPost
from bot.reports import render
from bot.reports.cases import UNAVAILABLE, CaseCommands, send_answer
from bot.reports.models import NewCase, Reporter
from bot.reports.outbox import OutboxTiming, OutboxWorker
from bot.reports.parse import category_key, parse_reply, split_anonymous, split_category
from bot.reports.relay import Relay, Relayed
from bot.reports.store import CaseStore
from bot.roles import Role
from bot.storage.database import StoreUnavailable

log = logging.getLogger(__name__)

REPORT = Command(
    "report",
    "Report a safeguarding concern to the Safeguard Lead privately",
    usage="[--anonymous] <what happened>",
    example="what happened, where and when (start with --anonymous to keep your name out)",
    options=(
        Option("what_happened", "What happened, where and when", required=True),
        Option(
            "category", "What kind of concern it is", choices=tuple((c.label, c.key) for c in CATEGORIES), in_text=False
        ),
        # Its value is the flag typed on Slack and in the console, added to the text.
        Option("anonymous", "Do not tell the lead who you are", choices=(("yes, report anonymously", "--anonymous"),)),
    ),
)
CASES = Command("cases", "List the open cases", role=Role.SAFEGUARD_LEAD)
CASE = Command(
    "case",
    "Show one case, add a note, ask its reporter something, or resolve it",
    role=Role.SAFEGUARD_LEAD,
    usage="<ref> [note|reply|resolve …]",
    example="SG-2026-0042, or SG-2026-0042 note ..., SG-2026-0042 reply ..., SG-2026-0042 resolve ...",
    options=(
        Option("ref", "Case reference, e.g. SG-2026-0042", required=True),
        Option(
            "action",
            "What to do with it",
            choices=(
                ("show the case", "show"),
                ("add a note", "note"),
                ("message the reporter privately", "reply"),
                ("resolve it (with a note)", "resolve"),
            ),
        ),
        Option("text", "Your note, or your message to the reporter"),
    ),
)
REPLY = Command(
    "reply",
    "Answer the Safeguard Lead about a report you made, privately",
    usage="<ref> <message>",
    example="SG-2026-0042 it happened again last night",
    options=(
        Option("ref", "Your report's reference, e.g. SG-2026-0042", required=True),
        Option("message", "Your message to the Safeguard Lead", required=True),
    ),
)
REPORT_POST = PostAction(
    "report_to_lead",
    "Report to Safeguard Lead",
    "Send this post to the Safeguard Lead privately as a safeguarding concern",
)
OFFER = Offer(
    "escalation",
    commands=(REPORT, REPLY, CASES, CASE),
    post_actions=(REPORT_POST,),
    does="pass concerns to the Safeguard Lead",
)


def reporter_of(origin: Origin) -> Reporter:
    return Reporter(
        origin.platform,
        origin.user_id,
        origin.user_name,
        origin.channel_id,
        origin.workspace_id,
        origin.channel_kind.value,
    )


class EscalationFeature:
    """Wire with ``EscalationFeature(store, deployment, citations=...)``; its background work runs the outbox.

    ``citations`` (from the loaded knowledge) say which policy clauses each report category cites; without
    them, reports name their category and no clause.
    """

    name = "escalation"
    offer = OFFER

    def __init__(
        self,
        store: CaseStore,
        deployment: Deployment,
        *,
        timing: OutboxTiming | None = None,
        citations: Citations = NO_CITATIONS,
    ) -> None:
        self.store = store
        self.deployment = deployment
        self.citations = citations
        self.worker = OutboxWorker(store, deployment, timing, citations)
        self.relay = Relay(store, deployment, self.worker)
        self.cases = CaseCommands(store, self.relay, citations)

    async def claims(self, event: Event, ctx: Context) -> bool:
        """A direct message in the thread of a message the bot sent about a case is this feature's alone."""
        if not isinstance(event, BotAddressed):
            return False
        try:
            return await self.relay.thread_reply(event, ctx) is not None
        except StoreUnavailable:
            return bool(event.origin.thread_id)  # cannot tell: say so rather than answer it as a question

    async def handle(self, event: Event, ctx: Context) -> bool:
        if isinstance(event, MessageReported):
            key = category_key(event.category) if event.category else ""
            parsed, details = split_category(event.details)
            await self._receive(event.origin, key or parsed, details, event.post, ctx, anonymous=event.anonymous)
            return True
        if isinstance(event, BotAddressed):
            await self._thread_reply(event, ctx)
            return True
        if not isinstance(event, CommandInvoked):
            return False
        name = event.name.lower()
        if name == REPORT.name:
            await self._report_command(event, ctx)
        elif name == REPLY.name:
            await self._reply_command(event, ctx)
        else:
            await self.cases.handle(event, ctx)
        return True

    async def run_background(self, ctx: Context) -> None:
        await self.worker.run(ctx)

    async def _report_command(self, event: CommandInvoked, ctx: Context) -> None:
        anonymous, rest = split_anonymous(event.text)
        parsed, text = split_category(rest)
        key = (category_key(event.category) if event.category else "") or parsed
        if not text:
            await ctx.send(private_to(event, render.usage_help(self.citations)))
            return
        await self._receive(event.origin, key, text, None, ctx, anonymous=anonymous)

    async def _reply_command(self, event: CommandInvoked, ctx: Context) -> None:
        command = parse_reply(event.text)
        if not command.ref or not command.text:
            await ctx.send(private_to(event, render.REPLY_USAGE))
            return
        await self._from_reporter(event.origin, command.ref, command.text, ctx)

    async def _from_reporter(self, origin: Origin, ref: str, text: str, ctx: Context) -> None:
        try:
            answer: Relayed | str = await self.relay.from_reporter(origin, ref, text, ctx)
        except StoreUnavailable as exc:
            log.warning("a reporter's message could not be stored (%s)", exc)
            answer = render.relay_failure(self.deployment.lead_phone())
        await send_answer(origin, answer, self.relay, ctx)

    async def _thread_reply(self, event: BotAddressed, ctx: Context) -> None:
        """A reply in the thread of a case message: relayed as if typed with /case REF reply or /reply REF."""
        try:
            found = await self.relay.thread_reply(event, ctx)
        except StoreUnavailable as exc:
            log.warning("a reply in a thread could not be matched to a case (%s)", exc)
            await ctx.send(private_to(event, UNAVAILABLE))
            return
        if found is None:
            return
        if found.side == "reporter":
            await self._from_reporter(event.origin, found.ref, event.text, ctx)
            return
        await self.cases.handle(CommandInvoked(event.origin, CASE.name, f"{found.ref} reply {event.text}"), ctx)

    async def _receive(
        self, origin: Origin, key: str, text: str, post: ReportedPost | None, ctx: Context, *, anonymous: bool = False
    ) -> None:
        """Store, then acknowledge, then try delivering at once (the outbox retries the rest)."""
        leads = tuple((lead_id, lead.name) for lead_id, lead in self.deployment.leads_on(origin.platform))
        key = key if key in BY_KEY else DEFAULT_CATEGORY
        new = NewCase(reporter_of(origin), key, text, post, leads, anonymous=anonymous)
        phone = self.deployment.lead_phone()
        try:
            case = await self.store.create_case(new, ctx.clock())
        except Exception as exc:  # whatever the cause, the reporter must hear that it failed
            log.error("a report could not be stored (%s); reporter given the phone number", type(exc).__name__)
            await ctx.send(private_to(origin, *render.store_failure(phone)))
            return
        log.info("case %s stored on %s with %d lead(s) to tell", case.ref, origin.platform, len(leads))
        await self.worker.acknowledge(ctx, case, origin)
        try:
            await self.worker.deliver_due(ctx, case=case)
        except Exception as exc:  # stored and acknowledged; the background outbox will retry
            log.warning("immediate delivery of case %s failed (%s); outbox will retry", case.ref, type(exc).__name__)
            self.worker.wake()
