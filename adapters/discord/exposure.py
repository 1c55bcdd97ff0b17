"""Who can read a Discord server's channels, as :class:`~bot.events.ChannelExposureChanged` for the core.

People outside the organisation can read a channel when ``@everyone`` can view
it (discord.py computes this from the @everyone role and the channel's
permission overwrites); a public thread follows its parent, and a private
thread is hidden. Every report is a whole look at one server from discord.py's
cache, taken after the cache has applied the change (a new overwrite, the
@everyone role's permissions, a thread opened), so one change that exposes
several channels at once is one report, and the core compares it with its
record. Watched entries found in no server are reported for no server
(``workspace_id`` empty). Whether moderation watches a channel is
:func:`adapters.discord.places.kind_of`, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord

from adapters.discord import places
from bot.deployment import PlatformChannels
from bot.events import ChannelExposure, ChannelExposureChanged, ChannelKind

PLATFORM = "discord"
CONNECTED = "The bot looked at its Discord servers on connecting"
JOINED = "The bot joined the Discord server"
CANNOT_VIEW = "the bot's roles lack View Channel there"
NOT_FOUND = "in no Discord server the bot is in (or hidden from it): check the id or name, and the bot's invitation"
EVERYONE = "@everyone can view it"


def link(guild_id: int | str, channel_id: int | str) -> str:
    return f"https://discord.com/channels/{guild_id}/{channel_id}"


def _can_view(channel: Any, who: Any) -> bool:
    return who is not None and bool(channel.permissions_for(who).read_messages)


def channel_exposure(channel: Any, config: PlatformChannels) -> ChannelExposure:
    """One cached server channel or thread: can @everyone view it, is it watched, can the bot read it."""
    guild = channel.guild
    thread = isinstance(channel, discord.Thread)
    base = channel.parent if thread else channel
    everyone = base is not None and _can_view(base, guild.default_role)
    if thread and channel.is_private():
        everyone = False
    reason = ""
    if everyone:
        reason = f"a thread in #{base.name}, which @everyone can view" if thread else EVERYONE
    me = guild.me
    bot_reads = True if me is None or base is None else _can_view(base, me)
    return ChannelExposure(
        channel_id=str(channel.id),
        channel_name=getattr(channel, "name", "") or "",
        readable_by_outsiders=everyone,
        reason=reason,
        watched=places.kind_of(channel, config) is ChannelKind.SHARED,
        bot_can_read=bot_reads,
        problem="" if bot_reads else CANNOT_VIEW,
        link=link(guild.id, channel.id),
    )


def guild_exposure(
    guild: discord.Guild, config: PlatformChannels, cause: str, *, initial: bool = False
) -> ChannelExposureChanged:
    """Every channel and open thread of ``guild`` (categories hold no posts and are left out)."""
    channels: list[Any] = [c for c in guild.channels if not isinstance(c, discord.CategoryChannel)]
    channels += list(guild.threads)
    return ChannelExposureChanged(
        PLATFORM,
        str(guild.id),
        tuple(channel_exposure(c, config) for c in channels),
        cause=cause,
        initial=initial,
        complete=True,
    )


def unfound_watched(guilds: Iterable[discord.Guild], config: PlatformChannels, cause: str) -> ChannelExposureChanged:
    """The ``watch`` entries (ids, names or #names) that match no channel in any server the bot is in."""
    ids: set[str] = set()
    names: set[str] = set()
    for guild in guilds:
        for channel in [*guild.channels, *guild.threads]:
            ids.add(str(channel.id))
            names.add((getattr(channel, "name", "") or "").lower())
    ignored = {e.strip().lstrip("#").lower() for e in config.ignore}
    missing: list[ChannelExposure] = []
    for entry in config.watch:
        key = entry.strip().lstrip("#").lower()
        if key in ids or key in names or key in ignored:
            continue
        shown = key if key.isdigit() else f"#{key}"
        missing.append(
            ChannelExposure(shown, "" if key.isdigit() else key, watched=True, bot_can_read=False, problem=NOT_FOUND)
        )
    return ChannelExposureChanged(PLATFORM, "", tuple(missing), cause=cause, complete=True)
