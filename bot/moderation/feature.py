"""Private warnings for posts in shared channels, alerts to the Safeguard Lead, and the author's answer.

Only posts (and edits) in channels the adapter marked SHARED are scanned. The
warning is recorded, then goes to the author alone as a :class:`~bot.actions.PrivateNotice`
(in the thread the post is in, where the platform has threads); if it cannot be
delivered nothing is posted in the channel instead, and the record says so. A
post is not warned about twice for the same kinds: an edit that adds a new kind
of detail gets a warning about that kind only. If the warning log cannot be read
or written, the author is still warned (a repeat warning is better than none),
without the buttons that need the record. The author answers with the warning's
buttons (:mod:`bot.moderation.answers`).
"""

from __future__ import annotations

import logging

from bot.actions import PrivateNotice
from bot.core import Context, private_to, tell_leads
from bot.deployment import Deployment
from bot.events import ChannelKind, CommandInvoked, Event, MessageEdited, MessagePosted
from bot.moderation.answers import Answers
from bot.moderation.commands import OFFER, WARNINGS
from bot.moderation.messages import lead_alert_card, post_place, recent_warnings, warning_card
from bot.moderation.records import WarningLog, WarningRecord
from bot.scanner import Finding, Scanner, without_allowed
from bot.scanner._findings import clauses_of

log = logging.getLogger(__name__)

UNAVAILABLE = "The warnings record is unavailable right now, so nothing was read. Please try again shortly."

__all__ = ["OFFER", "ModerationFeature"]


class ModerationFeature:
    """Scans shared-channel posts and warns their authors privately."""

    name = "moderation"
    offer = OFFER

    def __init__(self, scanner: Scanner, warning_log: WarningLog, deployment: Deployment) -> None:
        self.scanner = scanner
        self.citations = scanner.citations  # what the warnings cite: the scanner's, so they always agree
        self.warning_log = warning_log
        self.deployment = deployment
        self.answers = Answers(self)

    async def handle(self, event: Event, ctx: Context) -> bool:
        if isinstance(event, CommandInvoked):
            if event.name.lower() == WARNINGS.name:
                await self._list_warnings(event, ctx)
            else:
                await self.answers.handle(event, ctx)
            return True
        if not isinstance(event, MessagePosted | MessageEdited):
            return False
        origin = event.origin
        if origin.channel_kind is not ChannelKind.SHARED:
            return False
        if origin.channel_id in self.deployment.channels_on(origin.platform).ignore:
            return False
        findings = await self.findings(event.text, event.image_count)
        kinds = self.scanner.kinds(findings)
        if not kinds:
            return False
        new = [
            k
            for k in kinds
            if k not in await self._already_warned(origin.platform, origin.channel_id, origin.message_id)
        ]
        if not new:
            return True
        warning_id = await self._record(
            WarningRecord(
                platform=origin.platform,
                workspace_id=origin.workspace_id,
                channel_id=origin.channel_id,
                message_id=origin.message_id,
                user_id=origin.user_id,
                kinds=tuple(new),
                clauses=clauses_of([f for f in findings if f.kind in new]),
                permalink=event.permalink,
                created_at=ctx.clock(),
                delivered=False,
                thread_id=origin.thread_id,
                attachments=event.attachments,
            )
        )
        place = post_place(origin.channel_name, origin.thread_id, origin.thread_name)
        text, card = warning_card(new, self.citations, place=place, warning_id=warning_id)
        notice = PrivateNotice(origin.platform, origin.user_id, origin.channel_id, text, card, origin.thread_id)
        delivery = await ctx.send(notice)
        lead_notified = False
        if self._alerts_lead(kinds, new):
            lead_notified = await self._alert_leads(event, kinds, delivery.ok, ctx)
        await self._mark(warning_id, delivery.ok, lead_notified)
        log.info(
            "moderation warning on %s: kinds=%s delivered=%s lead_notified=%s",
            origin.platform,
            ",".join(new),
            delivery.ok,
            lead_notified,
        )
        return True

    async def findings(self, text: str, images: int) -> list[Finding]:
        """What the scanner finds, less the values a Safeguard Lead allowed (read fresh: applied at once, in
        every bot process). If the allow list cannot be read, nothing is taken out: a warning too many."""
        found = self.scanner.scan(text, images)
        if not any(f.kind != "image" for f in found):
            return found
        try:
            allowed = {(e.kind, e.key) for e in await self.warning_log.allowed()}
        except Exception as exc:
            log.error("moderation could not read the allow list: %s", type(exc).__name__)
            return found
        return without_allowed(text, found, allowed)

    async def _list_warnings(self, event: CommandInvoked, ctx: Context) -> None:
        """``/warnings [N]``, for leads (the core has checked the role)."""
        word = event.text.strip()
        limit = max(1, min(int(word), 100)) if word.isascii() and word.isdigit() else 20
        try:
            text = recent_warnings(await self.warning_log.recent_warnings(limit))
        except Exception as exc:
            log.warning("/warnings failed, warnings record unavailable (%s)", type(exc).__name__)
            text = UNAVAILABLE
        await ctx.send(private_to(event, text))

    async def _already_warned(self, platform: str, channel_id: str, message_id: str) -> frozenset[str]:
        """Kinds already warned about; if the log cannot say, warn again rather than stay silent."""
        try:
            return await self.warning_log.warned_kinds(platform, channel_id, message_id)
        except Exception as exc:
            log.error("moderation could not read the warning log: %s", type(exc).__name__)
            return frozenset()

    async def _record(self, record: WarningRecord) -> int:
        """Keep the record for the lead (its id goes on the warning's buttons); 0 when the store fails, and the
        author is warned all the same."""
        try:
            return await self.warning_log.record_warning(record)
        except Exception as exc:
            log.error("moderation could not record a warning on %s: %s", record.platform, type(exc).__name__)
            return 0

    async def _mark(self, warning_id: int, delivered: bool, lead_notified: bool) -> None:
        if not warning_id:
            return
        try:
            await self.warning_log.mark_delivered(warning_id, delivered, lead_notified)
        except Exception as exc:
            log.error("moderation could not record a warning's delivery: %s", type(exc).__name__)

    def _alerts_lead(self, kinds: list[str], new: list[str]) -> bool:
        """An attendee named together with a configured kind, and something about that is new."""
        notify = set(self.deployment.notify_lead_with_attendee) - {"attendee"}
        present = set(kinds)
        if "attendee" not in present or not (present & notify):
            return False
        return bool(set(new) & (notify | {"attendee"}))

    async def _alert_leads(
        self, event: MessagePosted | MessageEdited, kinds: list[str], delivered: bool, ctx: Context
    ) -> bool:
        origin = event.origin
        text, card = lead_alert_card(
            origin, kinds, event.sent_at, event.permalink, delivered, self.citations, event.attachments
        )
        outcomes = await tell_leads(ctx, self.deployment, origin.platform, text, card, "moderation alert")
        return any(outcome.ok for outcome in outcomes)
