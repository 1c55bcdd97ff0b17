"""What the Safeguard Leads read: the note when a channel's exposure changes, and ``/exposure``.

Channels are named by name (or id) and link, with the reason the platform
gave; never a post, and never a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.actions import Card
from bot.core import plain_text_of
from bot.exposure.records import ExposureChange, ExposureRecord

#: At most this many channels are listed in one card; the rest are counted (Discord embeds hold 4,096 characters).
MOST = 25
OUTSIDERS = "people outside the organisation"
_NOTE_FOOTER = "/exposure lists every channel outsiders can read now. No post was read or copied for this note."
_LIST_FOOTER = (
    "From what each platform reports while the bot runs, and what it finds at start-up. "
    "Channels only the organisation's own people can read are not listed."
)


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def channel_label(record: ExposureRecord) -> str:
    """``#name (Platform)``, or ``channel ID (Platform)`` where the platform gave no name."""
    name = record.channel_name.lstrip("#")
    shown = (
        f"#{name}"
        if name
        else (record.channel_id if record.channel_id.startswith("#") else f"channel {record.channel_id}")
    )
    return f"{shown} ({record.platform.title()})"


def _watch(record: ExposureRecord) -> str:
    return "moderation watches it" if record.watched else "moderation does NOT watch it"


def _link(record: ExposureRecord) -> str:
    return f" · {record.link}" if record.link else ""


def _capped(lines: Sequence[str]) -> list[str]:
    shown = list(lines[:MOST])
    if len(lines) > MOST:
        shown.append(f"… and {len(lines) - MOST} more")
    return shown


def change_note(changes: Sequence[ExposureChange], cause: str, at: datetime) -> tuple[str, Card]:
    """One note for every channel whose readability by outsiders changed in one platform report."""
    lines: list[str] = []
    opened = closed = 0
    for change in changes:
        after = change.after
        if after is None:
            continue
        if after.readable_by_outsiders:
            opened += 1
            why = f": {after.reason}" if after.reason else ""
            lines.append(f"• {channel_label(after)} is now readable by {OUTSIDERS}{why}. {_watch(after).capitalize()}.")
        else:
            closed += 1
            lines.append(f"• {channel_label(after)} is no longer readable by {OUTSIDERS}.")
        lines[-1] += _link(after)
    if opened and not closed:
        title = (
            "A channel is now readable outside the organisation"
            if opened == 1
            else (f"{opened} channels are now readable outside the organisation")
        )
    elif closed and not opened:
        title = (
            "A channel is no longer readable outside the organisation"
            if closed == 1
            else (f"{closed} channels are no longer readable outside the organisation")
        )
    else:
        title = "Who can read your channels has changed"
    fields: tuple[tuple[str, str], ...] = (("What happened", cause),) if cause else ()
    fields += (("When", when(at)),)
    card = Card(title=title, body="\n".join(_capped(lines)), fields=fields, footer=_NOTE_FOOTER, colour="warning")
    return plain_text_of(card), card


def exposure_list(records: Sequence[ExposureRecord]) -> tuple[str, Card]:
    """``/exposure``: the channels outsiders can read now, and the watched channels the bot cannot read."""
    exposed = [r for r in records if r.readable_by_outsiders]
    blind = [r for r in records if r.watched and not r.bot_can_read]
    lines = [f"Channels {OUTSIDERS} can read now: {len(exposed) or 'none that the bot knows of'}"]
    for r in exposed:
        first = f"already so when first seen, {when(r.first_seen_at)}"
        since = f"since {when(r.changed_at)}" if r.changed_at else first
        why = f"{r.reason} · " if r.reason else ""
        lines.append(f"• {channel_label(r)}: {why}{_watch(r)} · {since}{_link(r)}")
    if blind:
        lines.append("")
        lines.append(f"Watched channels the bot cannot read: {len(blind)}")
        for r in blind:
            lines.append(f"• {channel_label(r)}: {r.problem or 'the bot cannot read it'}{_link(r)}")
    card = Card(title="Who can read your channels", body="\n".join(_capped_sections(lines)), footer=_LIST_FOOTER)
    return plain_text_of(card), card


def _capped_sections(lines: list[str]) -> list[str]:
    """Each section's bullet lines capped at :data:`MOST`, headings and blank lines kept."""
    out: list[str] = []
    bullets: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("• "):
            bullets.append(line)
            continue
        out.extend(_capped(bullets))
        bullets = []
        out.append(line)
    return out[:-1]
