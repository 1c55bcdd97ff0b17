"""The Safeguard Lead's commands: ``/cases`` and ``/case REF [note|resolve|reply …]``.

The core has checked the role before these run (they are declared for leads
only), so a member's refusal comes before any parsing or database access and
reveals nothing. Views, notes and resolutions are recorded with who and when.
"""

from __future__ import annotations

import logging

from bot.actions import Card
from bot.citations import NO_CITATIONS, Citations
from bot.core import Context, private_to
from bot.events import CommandInvoked, Origin
from bot.logs import user_ref
from bot.reports import render
from bot.reports.models import Reporter
from bot.reports.parse import parse_case_command
from bot.reports.relay import Relay, Relayed
from bot.reports.store import CaseStore
from bot.storage.database import StoreUnavailable

log = logging.getLogger(__name__)

CASE_USAGE = (
    "Use /case SG-2026-0042 to see a case, /case SG-2026-0042 note … to add a note, "
    "/case SG-2026-0042 reply … to ask the reporter something privately, "
    "or /case SG-2026-0042 resolve … to close it with what was done."
)
LISTED = 50  # open cases shown by /cases; chat messages have a size limit
UNAVAILABLE = "The case store is unavailable right now, so nothing was read or changed. Please try again shortly."


Answer = str | tuple[str, Card] | Relayed


class CaseCommands:
    def __init__(self, store: CaseStore, relay: Relay, citations: Citations = NO_CITATIONS) -> None:
        self.store = store
        self.relay = relay
        self.citations = citations

    async def handle(self, event: CommandInvoked, ctx: Context) -> None:
        name = event.name.lower()
        try:
            answer = await self._answer(name, event, ctx)
        except StoreUnavailable as exc:
            log.warning("lead command /%s failed, store unavailable (%s)", name, exc)
            answer = UNAVAILABLE
        await send_answer(event.origin, answer, self.relay, ctx)

    async def _answer(self, name: str, event: CommandInvoked, ctx: Context) -> Answer:
        if name == "cases":
            found = await self.store.open_cases(limit=LISTED + 1)
            return render.open_cases(found[:LISTED], more=len(found) > LISTED)
        return await self._case(event, ctx)

    async def _case(self, event: CommandInvoked, ctx: Context) -> Answer:
        command = parse_case_command(event.text)
        if not command.ref or not command.action:
            return CASE_USAGE
        case = await self.store.get_case(command.ref)
        if case is None:
            return f"There is no case {command.ref}."
        o = event.origin
        lead = Reporter(o.platform, o.user_id, o.user_name, o.channel_id, o.workspace_id)
        now = ctx.clock()
        if command.action == "show":
            await self.store.record_event(case.id, now, "viewed", lead)
            return render.case_detail(case, self.citations)
        if command.action == "reply" and not command.text:
            return f"Say what to ask the reporter, e.g. /case {case.ref} reply when did this start?"
        if not command.text:
            return f"Say what to record, e.g. /case {case.ref} {command.action} spoke to the parent on the phone."
        if command.action == "reply":
            return await self.relay.from_lead(o, case, command.text, ctx)
        if command.action == "note":
            altered = await self.store.record_event(case.id, now, "note", lead, command.text)
            log.info("note added to case %s by %s", case.ref, user_ref(o.platform, o.user_id))
            if altered:
                changes = render.altered_text(altered, text="the note")
                return f"Note added to {case.ref}. Stored with changes: {changes}."
            return f"Note added to {case.ref}."
        if await self.store.resolve(case.id, now, lead, command.text):
            log.info("case %s resolved by %s", case.ref, user_ref(o.platform, o.user_id))
            return f"{case.ref} is resolved. It will be deleted after the retention period."
        return f"{case.ref} was already resolved; nothing changed."


async def send_answer(origin: Origin, answer: Answer, relay: Relay, ctx: Context) -> None:
    """The answer, privately; then, for a relayed message, a first try at delivering it (the sender knows first)."""
    if isinstance(answer, Relayed):
        await ctx.send(private_to(origin, answer.text))
        if answer.case_id:
            await relay.deliver(ctx, answer.case_id)
        return
    text, card = answer if isinstance(answer, tuple) else (answer, None)
    await ctx.send(private_to(origin, text, card))
