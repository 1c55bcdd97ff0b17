"""The conversation about a case: a lead asks the reporter, the reporter answers, through the bot, privately.

Every message is added to the case's trail together with its outbox rows, in one
transaction, before the sender is told it is on its way; then a first delivery is
tried at once and the outbox retries the rest, across restarts. Messages go as
direct messages only, never into a channel. The reporter is reached as "the
reporter of the case" (:mod:`bot.reports.reporters`), so an anonymous reporter's
identity is needed nowhere a lead looks, and a lead is "the Safeguard Lead" to
the reporter.

On Slack a reply in the thread of the case's direct message (or of a relayed
message) is relayed too: the store knows each sent message by the platform's id,
which is the thread's id.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core import Context
from bot.deployment import Deployment
from bot.events import BotAddressed, ChannelKind, Origin
from bot.logs import user_ref
from bot.reports import render
from bot.reports.messages import REPORTER, USER
from bot.reports.models import Case, Reporter
from bot.reports.outbox import OutboxWorker
from bot.reports.store import CaseStore, Outgoing
from bot.roles import Role

log = logging.getLogger(__name__)

RELAY = "relay"  # the ``kind`` of the relay's rows in the messages outbox
TO_REPORTER, FROM_REPORTER = "to_reporter", "from_reporter"  # trail entries


@dataclass(frozen=True, slots=True)
class Relayed:
    """What to tell the sender, and the case whose messages to try delivering once they have been told."""

    text: str
    case_id: int = 0


@dataclass(frozen=True, slots=True)
class ThreadReply:
    """A reply in the thread of a message the bot sent about ``ref``: from one of its leads, or its reporter."""

    ref: str
    side: str  # "lead" or "reporter"


def actor_of(origin: Origin) -> Reporter:
    return Reporter(origin.platform, origin.user_id, origin.user_name, origin.channel_id, origin.workspace_id)


class Relay:
    def __init__(self, store: CaseStore, deployment: Deployment, worker: OutboxWorker) -> None:
        self.store = store
        self.deployment = deployment
        self.worker = worker

    async def from_lead(self, origin: Origin, case: Case, text: str, ctx: Context) -> Relayed:
        """A lead's message to the case's reporter (the core has checked that ``origin`` is a lead)."""

        def compose(event_id: int, stored: str) -> Sequence[Outgoing]:
            body, card = render.to_reporter(case.ref, event_id, stored)
            marker = render.message_marker(case.ref, event_id)
            return [Outgoing(case.reporter.platform, body, marker, recipient=REPORTER, card=card)]

        _, altered = await self.store.add_with_messages(
            case.id, ctx.clock(), TO_REPORTER, actor_of(origin), text, compose, message_kind=RELAY
        )
        log.info(
            "message on case %s from lead %s stored for the reporter",
            case.ref,
            user_ref(origin.platform, origin.user_id),
        )
        return Relayed(render.relayed_to_reporter(case.ref, altered), case.id)

    async def from_reporter(self, origin: Origin, ref: str, text: str, ctx: Context) -> Relayed:
        """The reporter's message to every lead on the case's platform; anyone else learns nothing about the case."""
        case = await self.store.get_case(ref) if ref else None
        if case is None or not await self.store.reporters.is_reporter(case.id, origin.platform, origin.user_id):
            log.info("a /reply named a case that is not the sender's (or none)")
            return Relayed(render.not_your_case(ref))
        platform = case.reporter.platform
        leads = self.deployment.leads_on(platform)
        actor = Reporter(platform, "") if case.anonymous else actor_of(origin)

        def compose(event_id: int, stored: str) -> Sequence[Outgoing]:
            body, card = render.to_lead(case, event_id, stored)
            marker = render.message_marker(case.ref, event_id)
            return [
                Outgoing(platform, body, marker, recipient=USER, user_id=lead_id, user_name=lead.name, card=card)
                for lead_id, lead in leads
            ]

        _, altered = await self.store.add_with_messages(
            case.id, ctx.clock(), FROM_REPORTER, actor, text, compose, message_kind=RELAY
        )
        log.info("message on case %s from the reporter stored for %d lead(s)", case.ref, len(leads))
        return Relayed(render.relayed_to_leads(case.ref, len(leads), self.deployment.lead_phone(), altered), case.id)

    async def deliver(self, ctx: Context, case_id: int) -> None:
        """A first try at once, after the sender was told; the outbox retries whatever is left."""
        try:
            await self.worker.deliver_messages_due(ctx, case_id=case_id)
        except Exception as exc:  # stored and acknowledged; the background pass will retry
            log.warning("immediate delivery of a relayed message failed (%s); outbox will retry", type(exc).__name__)
            self.worker.wake()

    async def thread_reply(self, event: BotAddressed, ctx: Context) -> ThreadReply | None:
        """Whether a direct message answers, in its thread, a message the bot sent about a case, and from which side."""
        o = event.origin
        if o.channel_kind is not ChannelKind.DM or not o.thread_id or o.thread_id == o.message_id:
            return None
        message = await self.store.messages.by_platform_ref(o.platform, o.thread_id, RELAY)
        case_id: int | None = None
        side = ""
        if message is not None and message.case_id is not None:
            if message.recipient == REPORTER and await self.store.reporters.is_reporter(
                message.case_id, o.platform, o.user_id
            ):
                case_id, side = message.case_id, "reporter"
            elif message.recipient == USER and message.user_id == o.user_id:
                case_id, side = message.case_id, "lead"
        else:
            case_id = await self.store.outbox.case_delivered_as(o.platform, o.thread_id, o.user_id)
            side = "lead"
        if case_id is None:
            return None
        if side == "lead" and ctx.role(o.platform, o.user_id) < Role.SAFEGUARD_LEAD:
            return None  # no longer a lead: the thread is theirs no more
        case = await self.store.case_by_id(case_id)
        return ThreadReply(case.ref, side) if case is not None else None
