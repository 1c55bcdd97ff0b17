"""The Safeguard Lead's commands: ``/cases``, ``/case REF [note|resolve …]`` and ``/warnings``.

The role check comes first, before any parsing or database access, and every
non-lead gets the same single refusal, so a refusal reveals nothing: not which
command exists, nor whether a case does. Views, notes and resolutions are
recorded with who and when.
"""

from __future__ import annotations

import logging

from bot.actions import Card
from bot.citations import NO_CITATIONS, Citations
from bot.core import Context, private_to
from bot.events import CommandInvoked
from bot.reports import render
from bot.reports._db import StoreUnavailable
from bot.reports.models import Reporter
from bot.reports.parse import parse_case_command
from bot.reports.store import CaseStore
from bot.roles import Role

log = logging.getLogger(__name__)

CASE_USAGE = (
    "Use /case SG-2026-0042 to see a case, /case SG-2026-0042 note … to add a note, "
    "or /case SG-2026-0042 resolve … to close it with what was done."
)
LISTED = 50  # open cases shown by /cases; chat messages have a size limit
UNAVAILABLE = "The case store is unavailable right now, so nothing was read or changed. Please try again shortly."


class CaseCommands:
    def __init__(self, store: CaseStore, citations: Citations = NO_CITATIONS) -> None:
        self.store = store
        self.citations = citations

    async def handle(self, name: str, event: CommandInvoked, ctx: Context) -> None:
        o = event.origin
        if ctx.role(o.platform, o.user_id) < Role.SAFEGUARD_LEAD:
            log.info("refused a lead command to user %s on %s", o.user_id, o.platform)
            await ctx.send(private_to(event, render.REFUSAL))
            return
        try:
            answer = await self._answer(name, event, ctx)
        except StoreUnavailable as exc:
            log.warning("lead command /%s failed, store unavailable (%s)", name, exc)
            answer = UNAVAILABLE
        text, card = answer if isinstance(answer, tuple) else (answer, None)
        await ctx.send(private_to(event, text, card))

    async def _answer(self, name: str, event: CommandInvoked, ctx: Context) -> str | tuple[str, Card]:
        if name == "cases":
            found = await self.store.open_cases(limit=LISTED + 1)
            return render.open_cases(found[:LISTED], more=len(found) > LISTED)
        if name == "warnings":
            return render.recent_warnings(await self.store.recent_warnings(_limit(event.text)))
        return await self._case(event, ctx)

    async def _case(self, event: CommandInvoked, ctx: Context) -> str | tuple[str, Card]:
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
        if not command.text:
            return f"Say what to record, e.g. /case {case.ref} {command.action} spoke to the parent on the phone."
        if command.action == "note":
            await self.store.record_event(case.id, now, "note", lead, command.text)
            log.info("note added to case %s by %s", case.ref, o.user_id)
            return f"Note added to {case.ref}."
        if await self.store.resolve(case.id, now, lead, command.text):
            log.info("case %s resolved by %s", case.ref, o.user_id)
            return f"{case.ref} is resolved. It will be deleted after the retention period."
        return f"{case.ref} was already resolved; nothing changed."


def _limit(text: str) -> int:
    word = text.strip()
    return max(1, min(int(word), 100)) if word.isdigit() else 20
