"""Where a live event happened, from discord.py's guild cache: DM, internal, or shared (watched).

A channel is shared when the deployment lists it under ``watch``, or when
``watch_detected`` is on and ``@everyone`` can read it (computed by discord.py
from the channel's permission overwrites); ``ignore`` wins over both. A thread
follows its parent; a private thread counts as hidden. The decision itself is
the pure :func:`adapters.discord.translate.channel_kind`.
"""

from __future__ import annotations

from typing import Any

import discord

from adapters.discord._json import display_name
from adapters.discord.interactions import Who
from adapters.discord.translate import Where, channel_kind
from bot.deployment import PlatformChannels
from bot.events import ChannelKind


def kind_of(channel: Any, config: PlatformChannels) -> ChannelKind:
    """The kind of a cached channel object (text, voice, forum post, thread, or DM)."""
    if isinstance(channel, discord.DMChannel | discord.GroupChannel):
        return ChannelKind.DM
    parent = channel.parent if isinstance(channel, discord.Thread) else None
    base = parent or channel
    guild = getattr(base, "guild", None)
    everyone = False
    if guild is not None and hasattr(base, "permissions_for"):
        everyone = base.permissions_for(guild.default_role).read_messages
    if isinstance(channel, discord.Thread) and channel.is_private():
        everyone = False
    ids = [str(channel.id)] + ([str(parent.id)] if parent is not None else [])
    names = [getattr(channel, "name", "") or ""] + ([parent.name] if parent is not None else [])
    return channel_kind(config, ids=ids, names=names, everyone_can_read=everyone)


def where(client: discord.Client, data: Any, config: PlatformChannels) -> Where:
    """Where a raw message payload was posted; a guild channel missing from the cache counts as internal."""
    me = str(client.user.id) if client.user else ""
    if not isinstance(data, dict) or not data.get("guild_id"):
        return Where(me, ChannelKind.DM)
    try:
        channel = client.get_channel(int(data.get("channel_id") or 0))
    except (TypeError, ValueError):
        channel = None
    if channel is None:
        return Where(me, ChannelKind.INTERNAL)
    name = getattr(channel, "name", "") or ""
    if isinstance(channel, discord.Thread):  # a warning read in a DM must say which thread the post was in
        parent = channel.parent.name if channel.parent is not None else ""
        return Where(me, kind_of(channel, config), parent, name or "(unnamed thread)")
    return Where(me, kind_of(channel, config), name)


def who(interaction: discord.Interaction, config: PlatformChannels) -> Who:
    """Who used an interaction, and where; never a DM when it came from a server."""
    channel = interaction.channel
    if interaction.guild_id is None:
        kind = ChannelKind.DM
    else:
        kind = kind_of(channel, config) if channel is not None else ChannelKind.INTERNAL
    user = interaction.user
    member = {"nick": user.nick} if isinstance(user, discord.Member) else None
    return Who(
        interaction_id=str(interaction.id),
        user_id=str(user.id),
        user_name=display_name({"global_name": user.global_name, "username": user.name}, member),
        channel_id=str(interaction.channel_id or ""),
        kind=kind,
        guild_id=str(interaction.guild_id or ""),
        channel_name=getattr(channel, "name", "") or "",
    )
