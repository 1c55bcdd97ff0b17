"""Exposure the Safeguard Lead can see: which channels outsiders can read, and a note when that changes.

Adapters report who can read a workspace's channels as
:class:`~bot.events.ChannelExposureChanged` (at start-up, and whenever the
platform says sharing or permissions changed). This feature records it and
sends each Safeguard Lead on that platform one direct message per report in
which some channel became readable by outsiders or stopped being. A repeat
changes nothing and so says nothing; a retried delivery is dropped by the core
before it gets here. ``/exposure`` (leads only; the core checks) lists the
channels outsiders can read now and the watched channels the bot cannot read.
"""

from __future__ import annotations

import logging

from bot.commands import Command, Offer
from bot.core import Context, private_to, tell_leads
from bot.deployment import Deployment
from bot.events import ChannelExposureChanged, CommandInvoked, Event
from bot.exposure.messages import change_note, exposure_list
from bot.exposure.records import ExposureChange
from bot.exposure.store import ExposureStore
from bot.roles import Role

log = logging.getLogger(__name__)

EXPOSURE = Command(
    "exposure",
    "Which channels outsiders can read, and whether the bot watches them",
    role=Role.SAFEGUARD_LEAD,
)
OFFER = Offer(
    "exposure",
    commands=(EXPOSURE,),
    does="tell the Safeguard Lead which channels outsiders can read",
)
UNAVAILABLE = "The record of who can read which channel is unavailable right now. Please try again shortly."


class ExposureFeature:
    """Keeps who can read each channel, tells the leads of changes, and answers ``/exposure``."""

    name = "exposure"
    offer = OFFER
    observes: tuple[type, ...] = (ChannelExposureChanged,)  # adapters look only when a feature listens

    def __init__(self, store: ExposureStore, deployment: Deployment) -> None:
        self.store = store
        self.deployment = deployment

    async def handle(self, event: Event, ctx: Context) -> bool:
        if isinstance(event, CommandInvoked):
            await self._list(event, ctx)
            return True
        if not isinstance(event, ChannelExposureChanged):
            return False
        now = ctx.clock()
        changes = await self.store.observe(event, now)  # a store that fails raises: the core logs the type
        noteworthy = [c for c in changes if c.noteworthy]
        notified = await self._notify(event, noteworthy, ctx) if noteworthy else 0
        log.info(
            "channel exposure on %s: %d channel(s) reported, %d record(s) changed, %d noteworthy, %d lead(s) told",
            event.platform,
            len(event.channels),
            len(changes),
            len(noteworthy),
            notified,
        )
        return True

    async def _list(self, event: CommandInvoked, ctx: Context) -> None:
        """``/exposure``, for leads (the core has checked the role)."""
        try:
            records = await self.store.current()
        except Exception as exc:
            log.warning("/exposure failed, record unavailable (%s)", type(exc).__name__)
            await ctx.send(private_to(event, UNAVAILABLE))
            return
        text, card = exposure_list(records)
        await ctx.send(private_to(event, text, card))

    async def _notify(self, event: ChannelExposureChanged, changes: list[ExposureChange], ctx: Context) -> int:
        """One direct message to each lead with a user id on the event's platform; how many were delivered."""
        text, card = change_note(changes, event.cause, event.changed_at or ctx.clock())
        outcomes = await tell_leads(ctx, self.deployment, event.platform, text, card, "exposure note")
        return sum(outcome.ok for outcome in outcomes)
