"""The author's answer to a warning, the leads' decision on a dispute, and the leads' allow list.

- "I've fixed it": the post is read as it stands now (the platform's message, never its files) and scanned
  again; a clean or deleted post resolves the warning, otherwise the author hears which kinds remain.
- "I think this is wrong": the leads get the kinds and clauses (never the detail) with "Allow" and "Uphold".
- "Allow": what the post carries of the disputed kinds, read now, goes on the allow list in the store and
  applies to the next post at once; "Uphold": the warning stands. Either way the author is told privately,
  and only the first lead's decision counts.
- ``/allowed`` lists the allow list; ``/allowed remove N`` takes a value off it.

Nothing here logs or echoes a post's text or a found value outside ``/allowed``, which only leads see.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.actions import DirectMessage, PostLookup, PostNow, Seen
from bot.core import Context, private_to, tell_leads
from bot.events import CommandInvoked
from bot.moderation.commands import ALLOW, ALLOWED, FIXED, UPHOLD, WRONG
from bot.moderation.messages import allowed_list, dispute_card, kinds_words
from bot.moderation.records import ALLOWED as ALLOWED_STATUS
from bot.moderation.records import DISPUTED, OPEN, UPHELD, AllowEntry, WarningRecord
from bot.moderation.records import FIXED as FIXED_STATUS
from bot.scanner import allow_key

if TYPE_CHECKING:
    from bot.moderation.feature import ModerationFeature

log = logging.getLogger(__name__)

UNAVAILABLE = "The warnings record is unavailable right now, so nothing was changed. Please try again shortly."
NOT_YOURS = "I cannot find that warning among yours. It may be for someone else's post."
NOT_FOUND = "I cannot find that warning."
CANNOT_READ = "I could not read the post just now, so nothing was changed. Please try again in a few minutes."
_DONE = {
    FIXED_STATUS: "This warning is already resolved: thank you for fixing the post.",
    ALLOWED_STATUS: "The Safeguard Lead has already allowed what this warning found: the warning is withdrawn.",
    UPHELD: "The Safeguard Lead has already upheld this warning: please edit the post or delete it.",
    DISPUTED: "You have already told the Safeguard Lead you think this warning is wrong; you will hear privately.",
}


def _warning_id(text: str) -> int:
    word = text.strip().upper().removeprefix("W-")
    return int(word) if word.isascii() and word.isdigit() and len(word) < 10 else 0


class Answers:
    """The buttons on warnings and disputes, and ``/allowed``; uses the feature's scanner, log and deployment."""

    def __init__(self, feature: ModerationFeature) -> None:
        self.feature = feature

    async def handle(self, event: CommandInvoked, ctx: Context) -> None:
        name = event.name.lower()
        try:
            if name == ALLOWED.name:
                await self._allowed(event, ctx)
                return
            record = await self.feature.warning_log.get_warning(_warning_id(event.text))
        except Exception as exc:
            log.warning("/%s failed, warnings record unavailable (%s)", name, type(exc).__name__)
            await ctx.send(private_to(event, UNAVAILABLE))
            return
        if record is None:
            await ctx.send(private_to(event, NOT_FOUND))
            return
        if name in {FIXED.name, WRONG.name}:
            o = event.origin
            if (record.platform, record.user_id) != (o.platform, o.user_id):
                await ctx.send(private_to(event, NOT_YOURS))
                return
            await (self._fixed if name == FIXED.name else self._wrong)(event, record, ctx)
        elif name in {ALLOW.name, UPHOLD.name}:
            await self._decide(event, record, ctx, allow=name == ALLOW.name)

    # -- the author ------------------------------------------------------------------------------------------

    async def _now(self, record: WarningRecord, ctx: Context) -> PostNow:
        lookup = PostLookup(record.platform, record.channel_id, record.message_id, record.thread_id)
        return await ctx.fetch_post(lookup)

    async def _fixed(self, event: CommandInvoked, record: WarningRecord, ctx: Context) -> None:
        """Read the post now and scan it again: resolved when clean or deleted, else say which kinds remain."""
        if record.status in {FIXED_STATUS, ALLOWED_STATUS}:
            await ctx.send(private_to(event, _DONE[record.status]))
            return
        now = await self._now(record, ctx)
        if now.seen is Seen.UNKNOWN:
            await ctx.send(private_to(event, CANNOT_READ))
            return
        remaining: list[str] = []
        if now.seen is Seen.FOUND:
            remaining = self.feature.scanner.kinds(await self.feature.findings(now.text, now.image_count))
        if remaining:
            log.info("moderation: a fixed post still carries kinds=%s", ",".join(remaining))
            text = (
                f"I read your post again and it still contains {kinds_words(remaining)}. Please take "
                "that out too, or delete the post, then press \u201cI've fixed it\u201d again."
            )
            await ctx.send(private_to(event, text))
            return
        was = frozenset({OPEN, DISPUTED, UPHELD})
        resolved = await self.feature.warning_log.set_status(record.id, FIXED_STATUS, ctx.clock(), "", was=was)
        log.info("moderation warning resolved by its author on %s (post %s)", record.platform, now.seen.value)
        if not resolved:
            await ctx.send(private_to(event, _DONE.get(record.status, _DONE[FIXED_STATUS])))
            return
        gone = "The post has been deleted" if now.seen is Seen.NOT_FOUND else "I read your post again and it is clear"
        await ctx.send(private_to(event, f"Thank you. {gone}, so the warning is resolved."))

    async def _wrong(self, event: CommandInvoked, record: WarningRecord, ctx: Context) -> None:
        """Ask the leads: the kinds and clauses, who and where, a link; never the detail."""
        if record.status:
            await ctx.send(private_to(event, _DONE[record.status]))
            return
        deployment = self.feature.deployment
        if not await self.feature.warning_log.set_status(record.id, DISPUTED, ctx.clock(), "", was=frozenset({OPEN})):
            await ctx.send(private_to(event, _DONE[DISPUTED]))
            return
        text, card = dispute_card(record, self.feature.citations)
        outcomes = await tell_leads(ctx, deployment, record.platform, text, card, "moderation dispute")
        if not any(o.ok for o in outcomes):
            await self.feature.warning_log.set_status(record.id, OPEN, ctx.clock(), "", was=frozenset({DISPUTED}))
            phone = deployment.lead_phone()
            reach = f"phone them on {phone}" if phone else "speak to them"
            answer = (
                f"I could not reach the Safeguard Lead just now, so nothing was sent. Please try again later, "
                f"or {reach}. Until then, please leave the post as it is or edit it."
            )
            await ctx.send(private_to(event, answer))
            return
        log.info("moderation warning disputed by its author on %s; leads told", record.platform)
        answer = (
            "Thank you. I have asked the Safeguard Lead to look at this warning (they see what kinds of detail "
            "were found and a link to your post, nothing copied from it). You will hear their decision privately."
        )
        await ctx.send(private_to(event, answer))

    # -- the lead ---------------------------------------------------------------------------------------------

    async def _decide(self, event: CommandInvoked, record: WarningRecord, ctx: Context, *, allow: bool) -> None:
        """Allow what the disputed post carries of its kinds, or uphold the warning; then tell the author."""
        if record.status != DISPUTED:
            await ctx.send(private_to(event, self._not_awaiting(record)))
            return
        added = 0
        if allow:
            now = await self._now(record, ctx)
            if now.seen is Seen.UNKNOWN:
                await ctx.send(private_to(event, CANNOT_READ))
                return
            added = await self._allow_values(record, now, event, ctx) if now.seen is Seen.FOUND else 0
        status = ALLOWED_STATUS if allow else UPHELD
        lead = event.origin
        if not await self.feature.warning_log.set_status(
            record.id, status, ctx.clock(), lead.user_id, was=frozenset({DISPUTED})
        ):
            await ctx.send(private_to(event, "Another Safeguard Lead decided this dispute first."))
            return
        log.info("moderation dispute decided on %s: %s, %d value(s) allowed", record.platform, status, added)
        told = await ctx.send(DirectMessage(record.platform, record.user_id, self._outcome(record, allow)))
        reached = "The author has been told privately." if told.ok else "The author could NOT be told (DMs closed?)."
        if allow:
            what = (
                f"{added} value{'s' if added != 1 else ''} added to the allow list (see /allowed)"
                if added
                else "nothing in the post now could be allowed (it changed, was deleted, or only has images)"
            )
            answer = f"Warning W-{record.id} withdrawn: {what}. {reached}"
        else:
            answer = f"Warning W-{record.id} upheld. {reached}"
        await ctx.send(private_to(event, answer))

    async def _allow_values(self, record: WarningRecord, now: PostNow, event: CommandInvoked, ctx: Context) -> int:
        """Each value of a disputed kind the post carries now, as an allow entry; how many were new."""
        added = 0
        for finding in self.feature.scanner.scan(now.text, 0):
            if finding.kind not in record.kinds or finding.kind == "image":
                continue
            value = now.text[finding.start : finding.end]
            key = allow_key(finding.kind, value)
            if not key:
                continue
            entry = AllowEntry(
                finding.kind, value, key, ctx.clock(), event.origin.platform, event.origin.user_id, record.id
            )
            added += await self.feature.warning_log.allow(entry)
        return added

    @staticmethod
    def _not_awaiting(record: WarningRecord) -> str:
        if record.status in {ALLOWED_STATUS, UPHELD}:
            word = "allowed" if record.status == ALLOWED_STATUS else "upheld"
            by = f" by {record.status_by}" if record.status_by else ""
            return f"Warning W-{record.id} was already {word}{by}."
        return f"Warning W-{record.id} is not awaiting a decision: its author has not disputed it."

    @staticmethod
    def _outcome(record: WarningRecord, allow: bool) -> str:
        where = f"your post ({record.permalink})" if record.permalink else "your post"
        if allow:
            return (
                f"The Safeguard Lead looked at the warning about {where} and agreed with you: the warning is "
                f"withdrawn, and what it found will not be warned about again."
            )
        return (
            f"The Safeguard Lead looked at the warning about {where} and upheld it: please edit the post to "
            f"take out {kinds_words(record.kinds)}, or delete it."
        )

    # -- /allowed ---------------------------------------------------------------------------------------------

    async def _allowed(self, event: CommandInvoked, ctx: Context) -> None:
        words = event.text.split()
        log_ = self.feature.warning_log
        if words and words[0].lower() == "remove":
            number = _warning_id(words[1]) if len(words) > 1 else 0
            removed = await log_.remove_allowed(number) if number else None
            if removed is None:
                await ctx.send(private_to(event, "No allowed value has that number. /allowed lists them."))
                return
            log.info("an allowed %s value was removed from the allow list", removed.kind)
            answer = f"Removed {number} ({removed.kind}): moderation warns about it again from the next post."
            await ctx.send(private_to(event, answer))
            return
        if words:
            await ctx.send(private_to(event, "Usage: /allowed, or /allowed remove NUMBER."))
            return
        text = allowed_list(await log_.allowed(), self.feature.deployment.allow)
        await ctx.send(private_to(event, text))
